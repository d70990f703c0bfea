"""Hostile or broken input is handled and nothing is lost."""

from __future__ import annotations

from adapters.testing import MemoryChannel, TestBot
from bot.app import Runtime
from bot.richtext import escape_markdown

DM = "dm-u1"


async def test_empty_text(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, _ = bot
    for text in ("", "   ", "\u200b\u200b", "\x00\x01"):
        out = await tb.user(text)
        assert out.route == "empty"
    assert all("empty" in t for t in ch.pop_text(DM))


async def test_hundred_kilobytes(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, _ch, rt = bot
    text = ("my withdrawal is stuck for hours " * 4000)[:100_000]
    out = await tb.user(text)
    assert out.route in ("answer", "suggest", "decline")
    await tb.user("/human", user_id="u2")
    out = await tb.user(text, user_id="u2")
    assert out.route == "relay"
    msgs = await rt.store.messages(ticket_id=1)
    assert all(len(m.text) <= 4100 for m in msgs)


async def test_control_and_zero_width_characters(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _ = bot
    out = await tb.user("my dep\u200bosit has not\x07 arr\u200divedyet\u202e")
    assert out.route in ("answer", "suggest", "decline")
    assert ch.pop(DM)


async def test_binary_garbage(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, _ch, _ = bot
    garbage = bytes(range(256)).decode("latin-1") * 10
    out = await tb.user(garbage)
    assert out.route not in ("error",)


async def test_markup_is_escaped_for_staff(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, _ = bot
    await tb.user("/human")
    ch.pop_staff()
    evil = '<b>bold</b> <a href="http://evil">x</a> **md** @everyone `code` [l](http://e)'
    await tb.user(evil)
    [relay] = ch.pop_staff()
    html = relay.text.render_html()
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert '<a href="http://evil">' not in html
    md = relay.text.render_markdown()
    assert "**md**" not in md and escape_markdown("**md**") in md
    assert "@everyone" not in md  # defused


async def test_unknown_user_commands_are_treated_as_text(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, _ch, _ = bot
    out = await tb.user("/nonsense")
    assert out.route in ("decline", "suggest", "answer")


async def test_stale_or_forged_buttons_are_ignored(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _ = bot
    for data in ("fb:y:999", "fb:n:abc", "faq:no-such-entry", "csat:5:9", "zzz", "take:1"):
        out = await tb.press(data)
        assert out.route in ("stale_button", "unknown_button", "refused")
    assert ch.sent == []


async def test_unexpected_error_gives_apology_not_exception_text(
    bot: tuple[TestBot, MemoryChannel, Runtime],
    caplog,  # type: ignore[no-untyped-def]
) -> None:
    tb, ch, rt = bot

    async def boom(*a: object, **k: object) -> None:
        raise RuntimeError("internal detail 0xdeadbeef")

    rt.dispatcher.store.upsert_user = boom  # type: ignore[method-assign]
    out = await tb.user("hello there, my deposit")
    assert out.route == "error"
    [sent] = ch.pop(DM)
    assert "Sorry, something went wrong" in sent.plain and "deadbeef" not in sent.plain
    assert "Traceback" in caplog.text or any(r.exc_info for r in caplog.records)
