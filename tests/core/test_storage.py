"""The storage layer on every backend: migrations, races, state, KPIs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect

from storage.db import create_engine, current_revision, upgrade
from storage.models import Ticket, User
from storage.store import Store

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


async def _store(url: str) -> Store:
    engine = create_engine(url)
    await upgrade(engine)
    return Store(engine)


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    s = await _store(database_url)
    yield s
    await s.close()


async def _user(store: Store, n: int = 1) -> User:
    return await store.upsert_user(
        channel="test",
        platform_user_id=f"u{n}",
        display_name=f"U{n}",
        username=None,
        chat_id=f"dm{n}",
        now=NOW,
    )


async def _open(store: Store, user: User, **kw: Any) -> tuple[Ticket, bool]:
    values: dict[str, Any] = {
        "channel": "test",
        "chat_id": user.chat_id or "dm",
        "language": "en",
        "subject": "s",
        "priority": "normal",
        "kind": "support",
        "source": "x",
        "public_refs": [],
        "now": NOW,
    }
    values.update(kw)
    return await store.open_ticket(user=user, **values)


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


async def test_twenty_concurrent_takes_one_winner(store: Store) -> None:
    ticket, created = await _open(store, await _user(store))
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


async def test_racing_opens_yield_one_ticket(store: Store) -> None:
    user = await _user(store)
    results = await asyncio.gather(*(_open(store, user, subject=f"s{i}") for i in range(10)))
    assert len({t.id for t, _ in results}) == 1
    assert sum(1 for _, created in results if created) == 1


async def test_closed_ticket_allows_a_new_one_and_queue_order(store: Store) -> None:
    users = [await _user(store, i) for i in range(3)]
    for i, (u, p) in enumerate(zip(users, ["low", "urgent", "normal"], strict=True)):
        await _open(store, u, priority=p, now=NOW + timedelta(minutes=i))
    order = [t.priority for t, _ in await store.queue()]
    assert order == ["urgent", "normal", "low"]
    assert await store.queue_position(ticket_id=2) == 1
    closed = await store.update_ticket(
        ticket_id=1, actor="s", action="close", now=NOW, status="closed", closed_at=NOW
    )
    assert closed is not None
    t, created = await _open(store, users[0], subject="again")
    assert created and t.id == 4


async def test_state_events_and_alerts(store: Store) -> None:
    assert await store.get_state("k") is None
    await store.set_state("k", "1")
    await store.set_state("k", "2")
    assert await store.get_state("k") == "2"
    assert await store.mark_event(event_id="e1", now=NOW)
    assert not await store.mark_event(event_id="e1", now=NOW)
    assert await store.alert_once(key="a", now=NOW)
    assert not await store.alert_once(key="a", now=NOW)


async def test_timestamps_come_back_aware_utc(store: Store) -> None:
    t, _ = await _open(store, await _user(store), public_refs=[{"kind": "address"}])
    again = await store.get_ticket(ticket_id=t.id)
    assert again is not None and again.opened_at == NOW and again.opened_at.tzinfo is not None
    assert again.public_refs == [{"kind": "address"}]


async def test_kpis_and_unanswered(store: Store) -> None:
    u1, u2 = await _user(store, 1), await _user(store, 2)
    a1 = await store.record_answer(
        user_id=u1.id,
        channel="test",
        language="en",
        query="q1",
        decision="answer",
        faq_id="x",
        score=0.9,
        now=NOW,
    )
    await store.set_feedback(answer_id=a1, user_id=u1.id, helpful=True, now=NOW)
    await store.record_answer(
        user_id=u2.id,
        channel="test",
        language="en",
        query="what is proof of reserves",
        decision="decline",
        faq_id=None,
        score=0.1,
        now=NOW,
    )
    t, _ = await _open(store, u2)
    await store.add_message(
        ticket_id=t.id, author_kind="staff", text="hi", now=NOW + timedelta(minutes=4)
    )
    await store.update_ticket(
        ticket_id=t.id,
        actor="s",
        action="close",
        now=NOW,
        status="closed",
        closed_at=NOW + timedelta(minutes=10),
        csat=4,
    )
    k = await store.kpis(since=NOW - timedelta(days=1))
    assert (k.conversations, k.resolved_by_bot) == (2, 1)
    assert k.first_contact_resolution == 0.5
    assert k.median_first_response_s == 240 and k.median_resolution_s == 600
    assert k.csat_avg == 4 and k.answers_helpful == 1
    assert await store.unanswered_queries(since=NOW - timedelta(days=1)) == [
        "what is proof of reserves"
    ]
