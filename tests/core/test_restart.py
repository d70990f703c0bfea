"""Open tickets and conversation state survive a process restart."""

from __future__ import annotations

from adapters.testing import MemoryChannel, TestBot


async def test_ticket_and_miss_streak_survive_restart(make_runtime, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    rt1 = await make_runtime(sqlite_url)
    ch1 = MemoryChannel()
    rt1.outbox.register(ch1)
    tb1 = TestBot(rt1.sink, ch1)
    await tb1.user("/human")
    await tb1.user("qwerty zxcvb asdfg lorem ipsum", user_id="u2", name="Bob")  # first miss
    [notice] = ch1.pop_staff()
    thread = notice.thread_id
    await rt1.close()

    rt2 = await make_runtime(sqlite_url)
    ch2 = MemoryChannel()
    rt2.outbox.register(ch2)
    tb2 = TestBot(rt2.sink, ch2)
    tb2._events = iter(range(10_000, 20_000))  # type: ignore[assignment]
    out = await tb2.user("any news?")
    assert out.route == "relay"  # still in the open ticket
    [relay] = ch2.pop_staff()
    assert relay.thread_id == thread  # same staff thread as before the restart
    out = await tb2.user("blorp fizzle wibble wobble", user_id="u2", name="Bob")
    assert out.route == "ticket_opened"  # second miss in a row, across the restart
    out = await tb2.staff("reply after restart", thread_id=thread)
    assert out.route == "staff_reply"
    assert ch2.pop_text("dm-u1")[0].startswith("reply after restart")
