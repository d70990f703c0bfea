"""Fixtures: the fake Discord, a recording sink, an in-memory state store, adapters."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from adapters.discord.adapter import DiscordAdapter
from bot.config import DiscordConfig
from bot.model import ButtonPress, IncomingMessage
from tests.discord.fake_discord import FakeDiscord

TOKEN = "MTEyMzQ1Njc4OTAx" + "MjM0NTY3OA.GfakeX.discord-test-token-0123456789abcdef"  # fake, split
BOT_ID = 4242
GUILD = 1000
STAFF_CHANNEL = 1001
SUPPORT_CHANNEL = 1002
LOUNGE = 1003  # a guild channel that is neither staff nor support
STAFF_ROLE = 1500
ALICE, BOB, AGENT, SAM = 501, 502, 900, 901  # AGENT has the staff role; SAM is in staff_ids


class RecordingSink:
    """An EventSink that records what the adapter delivered."""

    def __init__(self) -> None:
        self.messages: list[IncomingMessage] = []
        self.presses: list[ButtonPress] = []
        self.changed = asyncio.Condition()
        self.delay = 0.0

    async def on_message(self, msg: IncomingMessage) -> None:
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(msg)
        async with self.changed:
            self.changed.notify_all()

    async def on_button(self, press: ButtonPress) -> None:
        self.presses.append(press)
        async with self.changed:
            self.changed.notify_all()

    async def wait_for(self, n: int, within: float = 5.0) -> None:
        async with self.changed:
            await asyncio.wait_for(
                self.changed.wait_for(lambda: len(self.messages) + len(self.presses) >= n), within
            )


class MemoryState:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.open_chats: list[tuple[str, str]] = []

    async def get_state(self, key: str) -> str | None:
        return self.values.get(key)

    async def set_state(self, key: str, value: str) -> None:
        self.values[key] = value

    async def open_ticket_chats(self, channel: str) -> list[tuple[str, str]]:
        assert channel == "discord"
        return list(self.open_chats)


def build_world(fake: FakeDiscord) -> None:
    for uid, name in ((ALICE, "Alice"), (BOB, "Bob"), (AGENT, "Agent Smith"), (SAM, "Sam")):
        fake.add_user(uid, name)
    fake.add_guild(GUILD, "Crypto Project", roles={STAFF_ROLE: "Support"})
    fake.add_channel(GUILD, STAFF_CHANNEL, "staff")
    fake.add_channel(GUILD, SUPPORT_CHANNEL, "support")
    fake.add_channel(GUILD, LOUNGE, "lounge")
    fake.add_member(GUILD, ALICE)
    fake.add_member(GUILD, BOB)
    fake.add_member(GUILD, AGENT, roles=(STAFF_ROLE,))
    fake.add_member(GUILD, SAM)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(TOKEN, bot_id=BOT_ID, bot_name="SupportBot")
    await server.start()
    build_world(server)
    yield server
    await server.stop()


def discord_config(fake: FakeDiscord, **overrides: Any) -> DiscordConfig:
    base: dict[str, Any] = dict(
        enabled=True,
        staff_guild_id=GUILD,
        staff_channel_id=STAFF_CHANNEL,
        staff_role_ids=(STAFF_ROLE,),
        support_channel_ids=(SUPPORT_CHANNEL,),
        api_base_url=fake.api_base_url,
        gateway_url=fake.gateway_url,
    )
    base.update(overrides)
    return DiscordConfig(**base)


AdapterFactory = Callable[..., DiscordAdapter]


@pytest.fixture
async def make_adapter(fake: FakeDiscord) -> AsyncIterator[AdapterFactory]:
    made: list[DiscordAdapter] = []

    def factory(
        sink: Any,
        state: Any | None = None,
        *,
        staff_ids: tuple[str, ...] = (f"discord:{SAM}",),
        config: dict[str, Any] | None = None,
        **kw: Any,
    ) -> DiscordAdapter:
        adapter = DiscordAdapter(
            discord_config(fake, **(config or {})),
            token=kw.pop("token", TOKEN),
            sink=sink,
            state=state or MemoryState(),
            staff_ids=staff_ids,
            guild_ready_timeout=kw.pop("guild_ready_timeout", 0.05),
            ready_timeout=kw.pop("ready_timeout", 10.0),
            reidentify_delay=kw.pop("reidentify_delay", 0.05),
            **kw,
        )
        made.append(adapter)
        return adapter

    yield factory
    for a in made:
        await a.stop()
