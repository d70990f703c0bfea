"""Pure pieces: error mapping, the membership cache's expiry, HTML splitting."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, TelegramError

from adapters.telegram.errors import translate_error
from adapters.telegram.richsplit import split_html
from adapters.telegram.staff import StaffMembership
from bot.ports import DeliveryError, MissingPermission, UserUnreachable
from bot.richtext import RichText, Span, Style
from tests.telegram.conftest import TOKEN


@pytest.mark.parametrize(
    ("exc", "method", "chat", "kind"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), "sendMessage", "5", UserUnreachable),
        (Forbidden("Forbidden: user is deactivated"), "sendMessage", "5", UserUnreachable),
        (
            Forbidden("Forbidden: bot was kicked from the supergroup chat"),
            "sendMessage",
            "-100",
            DeliveryError,
        ),
        (BadRequest("Bad Request: chat not found"), "sendMessage", "5", UserUnreachable),
        (BadRequest("Bad Request: chat not found"), "sendMessage", "-100", DeliveryError),
        (
            BadRequest("Bad Request: message can't be deleted"),
            "deleteMessage",
            "-1",
            MissingPermission,
        ),
        (
            BadRequest("Bad Request: not enough rights to manage topics"),
            "createForumTopic",
            "-1",
            MissingPermission,
        ),
        (
            Forbidden("Forbidden: not enough rights to send text messages to the chat"),
            "sendMessage",
            "-1",
            MissingPermission,
        ),
        (ChatMigrated(-1009), "sendMessage", "-1", DeliveryError),
        (
            InvalidToken(f"The token `{TOKEN}` was rejected by the server."),
            "getMe",
            "",
            DeliveryError,
        ),
        (TelegramError("something odd"), "getChat", "-1", DeliveryError),
    ],
)
def test_error_mapping(exc: TelegramError, method: str, chat: str, kind: type) -> None:
    err = translate_error(exc, method=method, chat_id=chat)
    assert type(err) is kind
    assert TOKEN not in str(err) and TOKEN.split(":")[1] not in str(err)
    if isinstance(err, MissingPermission):
        assert err.chat_id == chat
        assert err.right in ("delete messages", "manage topics", "send messages")


async def test_membership_cache_expires() -> None:
    now = [0.0]
    statuses = {1: "member", 2: "left", 3: "kicked"}
    lookups: list[int] = []

    async def lookup(user_id: int) -> str:
        lookups.append(user_id)
        return statuses[user_id]

    m = StaffMembership(
        staff_chat_id=-1,
        configured=("telegram:9",),
        lookup=lookup,
        ttl_seconds=60,
        clock=lambda: now[0],
    )
    assert await m.is_staff(1) and not await m.is_staff(2) and not await m.is_staff(3)
    assert await m.is_staff(9)  # configured: no lookup
    assert await m.is_staff(1) and lookups == [1, 2, 3]
    statuses[1] = "left"
    now[0] = 61.0
    assert not await m.is_staff(1) and lookups == [1, 2, 3, 1]


async def test_membership_fails_closed_and_does_not_cache_errors() -> None:
    calls = 0

    async def flaky(user_id: int) -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise TimeoutError
        return "administrator"

    m = StaffMembership(staff_chat_id=-1, configured=(), lookup=flaky, ttl_seconds=60)
    assert not await m.is_staff(7)
    assert await m.is_staff(7) and calls == 2


def test_split_never_breaks_tags_or_entities() -> None:
    text = RichText((Span("T", Style.BOLD), Span("a&b<c>" * 3000), Span("end", Style.CODE)))
    parts = split_html(text, limit=500)
    assert all(len(p) <= 500 for p in parts)
    for p in parts:
        assert p.count("&") == p.count("&amp;") + p.count("&lt;") + p.count("&gt;")
        assert p.count("<b>") == p.count("</b>") and p.count("<code>") == p.count("</code>")
    assert parts[-1].endswith("<code>end</code>")
    assert split_html(RichText.plain("   ")) == [] and split_html(RichText()) == []


def test_stored_offset_expires_after_six_days() -> None:
    from adapters.telegram.adapter import parse_stored_offset, stored_offset

    now = 1_800_000_000.0
    assert parse_stored_offset(stored_offset(41, now), now=now + 3600) == 41
    assert parse_stored_offset(stored_offset(41, now), now=now + 7 * 86400) is None
    assert parse_stored_offset("41", now=now) == 41  # written before timestamps were kept
    assert parse_stored_offset("garbage", now=now) is None
    assert parse_stored_offset(None, now=now) is None
