"""Shared fixtures: every test gets its own fresh database (SQLite file or PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_HOST = os.environ.get("SUPPORTBOT_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("SUPPORTBOT_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("SUPPORTBOT_TEST_PG_USER", "postgres")
PG_ADMIN_DB = os.environ.get("SUPPORTBOT_TEST_PG_DB", "test")

_pg_state: dict[str, str | None] = {}


def _pg_unreachable_reason() -> str | None:
    """None when PostgreSQL answers; else why the PostgreSQL variants are skipped."""
    if "reason" in _pg_state:
        return _pg_state["reason"]
    reason: str | None = None
    try:
        import asyncpg

        async def _probe() -> None:
            conn = await asyncpg.connect(
                host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB, timeout=3
            )
            await conn.close()

        asyncio.run(_probe())
    except Exception as e:  # any failure means: not reachable here
        where = f"{PG_HOST}:{PG_PORT} (db {PG_ADMIN_DB})"
        reason = f"PostgreSQL at {where} not reachable: {type(e).__name__}"
    _pg_state["reason"] = reason
    return reason


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database per test on each backend."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{(tmp_path / 'test.db').as_posix()}"
        return
    reason = _pg_unreachable_reason()
    if reason:
        pytest.skip(reason)
    import asyncpg

    name = f"sb_test_{uuid.uuid4().hex[:12]}"

    async def _admin(sql: str) -> None:
        conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{(tmp_path / 'test.db').as_posix()}"
