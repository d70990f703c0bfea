"""The storage layer on every backend: migrations, races, state, KPIs."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect

from storage.db import create_engine, current_revision, upgrade
from storage.store import Store

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


async def _store(url: str) -> Store:
    engine = create_engine(url)
    await upgrade(engine)
    return Store(engine)


async def test_upgrade_head_on_fresh_database(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        assert await current_revision(engine) == "0001"
        async with engine.connect() as conn:
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert {"tickets", "ticket_messages", "audit_log", "bot_answers", "users"} <= tables
        await upgrade(engine)  # idempotent
    finally:
        await engine.dispose()


async def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    store = await _store(sqlite_url)
    try:
        async with store.engine.connect() as conn:
            mode = (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar()
        assert mode == "wal"
    finally:
        await store.close()


async def test_twenty_concurrent_takes_one_winner(database_url: str) -> None:
    store = await _store(database_url)
    try:
        user = await store.upsert_user(
            channel="test",
            platform_user_id="u1",
            display_name="A",
            username=None,
            chat_id="dm",
            now=NOW,
        )
        ticket, created = await store.open_ticket(
            user=user,
            channel="test",
            chat_id="dm",
            language="en",
            subject="s",
            priority="normal",
            kind="support",
            source="human_request",
            public_refs=[],
            now=NOW,
        )
        assert created
        results = await asyncio.gather(
            *(
                store.take(ticket_id=ticket.id, staff=f"test:s{i}", staff_name=f"S{i}", now=NOW)
                for i in range(20)
            )
        )
        winners = [r for r in results if r.won]
        assert len(winners) == 1
        owner = winners[0].ticket.assignee
        assert all(r.ticket.assignee == owner for r in results)
        trail = await store.audit_trail(ticket_id=ticket.id)
        assert [a.action for a in trail].count("take") == 1
    finally:
        await store.close()


async def test_racing_opens_yield_one_ticket(database_url: str) -> None:
    store = await _store(database_url)
    try:
        user = await store.upsert_user(
            channel="test",
            platform_user_id="u1",
            display_name="A",
            username=None,
            chat_id="dm",
            now=NOW,
        )
        results = await asyncio.gather(
            *(
                store.open_ticket(
                    user=user,
                    channel="test",
                    chat_id="dm",
                    language="en",
                    subject=f"s{i}",
                    priority="normal",
                    kind="support",
                    source="human_request",
                    public_refs=[],
                    now=NOW,
                )
                for i in range(10)
            )
        )
        ids = {t.id for t, _ in results}
        assert len(ids) == 1
        assert sum(1 for _, created in results if created) == 1
    finally:
        await store.close()


async def test_closed_ticket_allows_a_new_one_and_queue_order(database_url: str) -> None:
    store = await _store(database_url)
    try:
        users = [
            await store.upsert_user(
                channel="test",
                platform_user_id=f"u{i}",
                display_name=f"U{i}",
                username=None,
                chat_id=f"dm{i}",
                now=NOW,
            )
            for i in range(3)
        ]
        prios = ["low", "urgent", "normal"]
        for i, (u, p) in enumerate(zip(users, prios, strict=True)):
            await store.open_ticket(
                user=u,
                channel="test",
                chat_id=f"dm{i}",
                language="en",
                subject="s",
                priority=p,
                kind="support",
                source="x",
                public_refs=[],
                now=NOW + timedelta(minutes=i),
            )
        order = [t.priority for t, _ in await store.queue()]
        assert order == ["urgent", "normal", "low"]
        assert await store.queue_position(ticket_id=2) == 1
        closed = await store.update_ticket(
            ticket_id=1, actor="s", action="close", now=NOW, status="closed", closed_at=NOW
        )
        assert closed is not None
        t, created = await store.open_ticket(
            user=users[0],
            channel="test",
            chat_id="dm0",
            language="en",
            subject="again",
            priority="normal",
            kind="support",
            source="x",
            public_refs=[],
            now=NOW,
        )
        assert created and t.id == 4
    finally:
        await store.close()


async def test_state_events_and_alerts(database_url: str) -> None:
    store = await _store(database_url)
    try:
        assert await store.get_state("k") is None
        await store.set_state("k", "1")
        await store.set_state("k", "2")
        assert await store.get_state("k") == "2"
        assert await store.mark_event(event_id="e1", now=NOW)
        assert not await store.mark_event(event_id="e1", now=NOW)
        assert await store.alert_once(key="a", now=NOW)
        assert not await store.alert_once(key="a", now=NOW)
    finally:
        await store.close()


async def test_timestamps_come_back_aware_utc(database_url: str) -> None:
    store = await _store(database_url)
    try:
        user = await store.upsert_user(
            channel="test",
            platform_user_id="u1",
            display_name="A",
            username=None,
            chat_id="dm",
            now=NOW,
        )
        t, _ = await store.open_ticket(
            user=user,
            channel="test",
            chat_id="dm",
            language="en",
            subject="s",
            priority="normal",
            kind="support",
            source="x",
            public_refs=[{"kind": "address"}],
            now=NOW,
        )
        again = await store.get_ticket(ticket_id=t.id)
        assert again is not None and again.opened_at == NOW and again.opened_at.tzinfo is not None
        assert again.public_refs == [{"kind": "address"}]
    finally:
        await store.close()
