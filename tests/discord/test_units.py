"""The adapter's pure parts: routing, splitting, error mapping, channel classification."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
import discord
import pytest

from adapters.discord.errors import translate
from adapters.discord.routing import Routes
from adapters.discord.textsplit import split_markdown
from adapters.discord.translate import Layout
from bot.model import ChatKind
from bot.ports import DeliveryError, MissingPermission, UserUnreachable
from bot.richtext import RichText, Span, Style

DOCS = Path(__file__).resolve().parents[2] / "docs" / "discord.md"


def test_routes_rewrite_only_discords_default_urls() -> None:
    r = Routes("http://127.0.0.1:9/api/v10", "ws://127.0.0.1:9/gateway")
    assert r.rest("https://discord.com/api/v10/channels/1/messages") == (
        "http://127.0.0.1:9/api/v10/channels/1/messages"
    )
    assert r.rest("https://cdn.discordapp.com/x.png") == "https://cdn.discordapp.com/x.png"
    ws = r.websocket("wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream")
    assert ws == "ws://127.0.0.1:9/gateway?v=10&encoding=json&compress=zlib-stream"
    resume = "wss://gateway-us-east1-b.discord.gg/?v=10"
    assert r.websocket(resume) == resume
    assert Routes("https://discord.com/api/v10").is_default
    assert not r.is_default


def test_split_keeps_every_piece_whole_and_under_the_limit() -> None:
    text = RichText(
        (
            Span("Title", Style.BOLD),
            Span(" " + "a*b_c " * 600),
            Span("code`x", Style.CODE),
        )
    )
    parts = split_markdown(text)
    assert len(parts) > 1 and all(len(p) <= 2000 for p in parts)
    assert parts[0].startswith("**Title**")
    assert "".join(parts).endswith("`codeˋx`")
    assert split_markdown(RichText.plain("")) == ["\u200b"]


def _http_error(cls: type[discord.HTTPException], status: int, code: int) -> Any:
    response: Any = SimpleNamespace(status=status, reason="x")
    return cls(response, {"code": code, "message": "Cannot send messages to this user"})


@pytest.mark.parametrize(
    ("exc", "kind", "right"),
    [
        (_http_error(discord.Forbidden, 403, 50007), UserUnreachable, None),
        (_http_error(discord.Forbidden, 403, 50013), MissingPermission, "Send Messages"),
        (_http_error(discord.Forbidden, 403, 50001), MissingPermission, "View Channels"),
        (_http_error(discord.Forbidden, 403, 50003), MissingPermission, "delete in DMs"),
        (_http_error(discord.NotFound, 404, 10003), DeliveryError, None),
        (_http_error(discord.DiscordServerError, 502, 0), DeliveryError, None),
        (aiohttp.ClientConnectionError("boom"), DeliveryError, None),
        (TimeoutError(), DeliveryError, None),
    ],
)
def test_errors_are_typed_and_safe(exc: BaseException, kind: type, right: str | None) -> None:
    err = translate(exc, action="send a message", chat_id="42", right="Send Messages")
    assert type(err) is kind
    if right is not None:
        assert isinstance(err, MissingPermission) and err.right == right and err.chat_id == "42"
    assert "Cannot send messages" not in str(err)  # Discord's own text is never passed on


def test_layout_classifies_channels() -> None:
    layout = Layout(
        bot_id=1,
        bot_name="Bot",
        staff_guild_id=10,
        staff_channel_id=11,
        support_channel_ids=frozenset({12}),
    )
    assert layout.where(5, None, None).kind is ChatKind.PRIVATE
    staff = layout.where(11, 10, None)
    assert staff.kind is ChatKind.STAFF and staff.thread_id is None
    thread = layout.where(99, 10, 11)
    assert (thread.kind, thread.chat_id, thread.thread_id) == (ChatKind.STAFF, "11", "99")
    assert layout.where(12, 10, None).support
    assert layout.where(98, 10, 12).support  # a thread of a support channel
    other = layout.where(13, 20, None)
    assert other.kind is ChatKind.GROUP and not other.support


def test_docs_invite_permissions_match_the_listed_rights() -> None:
    wanted = discord.Permissions(
        view_channel=True,
        send_messages=True,
        manage_messages=True,
        create_private_threads=True,
        send_messages_in_threads=True,
        manage_threads=True,
        read_message_history=True,
    )
    docs = DOCS.read_text(encoding="utf-8")
    assert re.findall(r"permissions=(\d+)", docs) == [str(wanted.value)]
    assert "bot+applications.commands" in docs


def test_only_our_commands_address_the_bot_in_guilds() -> None:
    from adapters.discord.translate import _our_command

    assert _our_command("!take 42") and _our_command("/human") and _our_command("!verify @x")
    assert not _our_command("!play despacito") and not _our_command("/roll 2d6")
    assert not _our_command("hello")
