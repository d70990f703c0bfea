from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.testing import MemoryChannel, TestBot
from bot.app import Runtime, build_runtime
from bot.config import parse_config


class FakeClock:
    """Deterministic time, so waiting and resolution times can be asserted."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


RuntimeFactory = Callable[..., Any]


@pytest.fixture
async def make_runtime(tmp_path: Path, clock: FakeClock) -> AsyncIterator[RuntimeFactory]:
    made: list[Runtime] = []

    async def factory(url: str | None = None, **raw: Any) -> Runtime:
        cfg: dict[str, Any] = {"bot": {"data_dir": str(tmp_path / "data")}, "staff": {}}
        if url:
            cfg["storage"] = {"url": url}
        for k, v in raw.items():
            cfg.setdefault(k, {}).update(v)
        rt = await build_runtime(parse_config(cfg, base_dir=tmp_path), clock=clock)
        made.append(rt)
        return rt

    yield factory
    for rt in made:
        await rt.close()


@pytest.fixture
async def bot(make_runtime: RuntimeFactory) -> tuple[TestBot, MemoryChannel, Runtime]:
    rt = await make_runtime()
    channel = MemoryChannel()
    rt.outbox.register(channel)
    return TestBot(rt.sink, channel), channel, rt
