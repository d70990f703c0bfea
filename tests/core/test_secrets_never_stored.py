"""A seed phrase and a private key go through the whole flow; then every byte is checked."""

from __future__ import annotations

import logging
import secrets as pysecrets
from pathlib import Path

import pytest
from mnemonic import Mnemonic

from adapters.testing import MemoryChannel, TestBot
from bot.model import Attachment, ChatKind


def _all_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file())


async def test_seed_and_key_never_reach_db_logs_or_staff(
    make_runtime,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.DEBUG)
    rt = await make_runtime()
    ch = MemoryChannel()
    rt.outbox.register(ch)
    tb = TestBot(rt.sink, ch)

    phrase = Mnemonic("english").generate(strength=256)
    key = pysecrets.token_hex(32)
    await tb.user("/human")  # an open ticket: the relay path must be guarded too
    out1 = await tb.user(f"here is my seed so you can check: {phrase}")
    out2 = await tb.user(f"my private key is 0x{key} please help", user_id="u2", name="Bob")
    out3 = await tb.user(
        f"seed: {phrase}", chat_kind=ChatKind.GROUP, addressed=False, user_id="u3", name="Eve"
    )
    out4 = await tb.staff(f"/reply 1 {phrase}")  # even staff pasting one is stopped
    out5 = await tb.user(f"edited: {phrase}", edited=True, user_id="u4", name="Ed")
    out6 = await tb.user(
        f"{phrase}", attachment=Attachment.PHOTO, user_id="u5", name="Cap"
    )  # a media caption
    assert {out1.route, out2.route, out3.route, out5.route, out6.route} == {"secret"}
    assert out4.route == "secret_staff"
    assert ch.deleted  # the messages were removed

    await rt.close()
    blob = _all_bytes(tmp_path / "data")
    words = phrase.split()
    for needle in (phrase, " ".join(words[:4]), key, key.upper()):
        assert needle.encode() not in blob
    logs = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    assert phrase not in logs and " ".join(words[:3]) not in logs and key not in logs
    everything_sent = "\n".join(s.plain + s.text.render_html() for s in ch.sent)
    assert phrase not in everything_sent and " ".join(words[:3]) not in everything_sent
    assert key not in everything_sent
    assert "[seed phrase removed]" in everything_sent or "removed" in everything_sent


async def test_secret_in_group_opens_security_ticket_and_warns(
    bot: tuple[TestBot, MemoryChannel, object],
) -> None:
    tb, ch, rt = bot
    phrase = Mnemonic("english").generate(strength=128)
    out = await tb.user(phrase, chat_kind=ChatKind.GROUP, addressed=False, message_id="777")
    assert out.route == "secret"
    assert ("group", "777") in ch.deleted
    warning = ch.pop("group")[0].plain
    assert "NEVER" in warning and "new wallet" in warning
    staff = ch.pop_staff()
    assert staff and "security" in staff[0].plain and staff[0].thread_id is not None
    ticket = await rt.store.get_ticket(ticket_id=1)  # type: ignore[attr-defined]
    assert ticket.kind == "security" and ticket.priority == "high"


async def test_missing_delete_right_tells_user_and_staff_once(
    make_runtime,  # type: ignore[no-untyped-def]
) -> None:
    rt = await make_runtime()
    ch = MemoryChannel(cannot_delete=True)
    rt.outbox.register(ch)
    tb = TestBot(rt.sink, ch)
    for i in range(2):
        phrase = Mnemonic("english").generate(strength=128)
        await tb.user(phrase, chat_kind=ChatKind.GROUP, addressed=False, user_id=f"g{i}")
    group = [s.plain for s in ch.pop("group")]
    assert sum("delete it now" in g for g in group) == 2
    perm = [s for s in ch.pop_staff() if "Missing permission" in s.plain]
    assert len(perm) == 1


async def test_secret_in_russian_gets_russian_warning(
    bot: tuple[TestBot, MemoryChannel, object],
) -> None:
    tb, ch, _ = bot
    phrase = Mnemonic("english").generate(strength=128)
    await tb.user(f"вот моя сид фраза: {phrase}")
    assert "новый кошелёк" in ch.pop_text("dm-u1")[0]


async def test_undeletable_dm_asks_the_user_without_alerting_staff(
    make_runtime,  # type: ignore[no-untyped-def]
) -> None:
    from bot.ports import CannotDeleteHere

    class DmOnly(MemoryChannel):
        async def delete(self, chat_id: str, message_id: str) -> None:
            raise CannotDeleteHere("bots cannot delete messages in DMs")

    rt = await make_runtime()
    ch = DmOnly()
    rt.outbox.register(ch)
    tb = TestBot(rt.sink, ch)
    await tb.user(Mnemonic("english").generate(strength=128))
    texts = ch.pop_text("dm-u1")
    assert any("delete it now" in x for x in texts)
    assert not any("Missing permission" in s.plain for s in ch.pop_staff())
