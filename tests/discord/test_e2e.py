"""Whole-system scenarios: the real core and discord.py against the fake Discord."""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from mnemonic import Mnemonic

from adapters.discord.adapter import DiscordAdapter, last_seen_key
from adapters.testing import MemoryChannel, TestBot
from bot.app import Runtime, build_runtime
from bot.config import Config, parse_config
from tests.discord.conftest import (
    AGENT,
    ALICE,
    BOB,
    GUILD,
    SAM,
    STAFF_CHANNEL,
    STAFF_ROLE,
    SUPPORT_CHANNEL,
    TOKEN,
)
from tests.discord.fake_discord import Call, FakeDiscord

FAQ_QUESTION = "My deposit has not arrived in my account"
SEND = "POST /channels/{channel_id}/messages"


def make_config(fake: FakeDiscord, tmp_path: Path, **extra: Any) -> Config:
    raw: dict[str, Any] = {
        "bot": {"data_dir": str(tmp_path / "data")},
        "staff": {"ids": [f"discord:{SAM}"]},
        "channels": {
            "console": {"enabled": False},
            "discord": {
                "enabled": True,
                "staff_guild_id": GUILD,
                "staff_channel_id": STAFF_CHANNEL,
                "staff_role_ids": [STAFF_ROLE],
                "support_channel_ids": [SUPPORT_CHANNEL],
                "api_base_url": fake.api_base_url,
                "gateway_url": fake.gateway_url,
            },
        },
        **extra,
    }
    return parse_config(raw, base_dir=tmp_path)


class System:
    """One running bot (runtime + Discord adapter), restartable on the same database."""

    def __init__(self, fake: FakeDiscord, config: Config) -> None:
        self.fake = fake
        self.config = config
        self.rt: Runtime | None = None
        self.adapter: DiscordAdapter | None = None

    async def start(self) -> DiscordAdapter:
        self.rt = await build_runtime(self.config)
        self.adapter = DiscordAdapter(
            self.config.discord,
            token=TOKEN,
            sink=self.rt.sink,
            state=self.rt.store,
            staff_ids=self.config.staff_ids,
            guild_ready_timeout=0.05,
            reidentify_delay=0.05,
        )
        self.rt.outbox.register(self.adapter)
        await self.adapter.start()
        return self.adapter

    async def stop(self) -> None:
        if self.adapter is not None:
            await self.adapter.stop()
        if self.rt is not None:
            await self.rt.close()
        self.adapter = self.rt = None


@pytest.fixture
async def system(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[System]:
    s = System(fake, make_config(fake, tmp_path))
    yield s
    await s.stop()


async def bot_says(fake: FakeDiscord, channel_id: int, needle: str, timeout: float = 5.0) -> Call:  # noqa: ASYNC109
    """Wait until the bot posts a message containing `needle` in a channel."""
    return await fake.wait_for_call(
        SEND,
        lambda c: (
            c.params["channel_id"] == str(channel_id)
            and needle in unescape(str((c.body or {}).get("content", "")))
        ),
        timeout,
    )


async def eventually(check: Callable[[], Any], timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Poll a condition (sync or async) that no fake event signals."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.02)


def unescape(markdown: str) -> str:
    """What a reader sees of the bot's Markdown (escapes and mention guards removed)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")


async def open_ticket(fake: FakeDiscord) -> tuple[int, int]:
    """Alice asks for a human in a DM; returns (her DM channel, the ticket's staff thread)."""
    dm = fake.dm_channel(ALICE)
    fake.inject_message(dm, ALICE, "/human")
    await bot_says(fake, dm, "ticket #1")
    created = await fake.wait_for_call("POST /channels/{channel_id}/threads")
    threads = fake.threads_of(STAFF_CHANNEL)
    assert len(threads) == 1 and created.params["channel_id"] == str(STAFF_CHANNEL)
    thread = int(threads[0]["id"])
    await bot_says(fake, thread, "Ticket #1")
    return dm, thread


async def test_faq_question_in_a_dm_is_answered(system: System, fake: FakeDiscord) -> None:
    await system.start()
    dm = fake.dm_channel(ALICE)
    fake.inject_message(dm, ALICE, FAQ_QUESTION)
    call = await bot_says(fake, dm, "Did this help?")
    buttons = [b["custom_id"] for b in call.body["components"][0]["components"]]
    assert buttons[0].startswith("fb:y:") and buttons[1].startswith("fb:n:")
    assert call.body["allowed_mentions"] == {"parse": []}
    assert "deposit" in call.body["content"].lower() or "confirm" in call.body["content"].lower()
    # "No, talk to a human" opens a ticket through the button
    answer = fake.messages_in(dm)[-1]
    fake.inject_component_click(int(answer["id"]), ALICE, buttons[1])
    await bot_says(fake, dm, "ticket #1")
    await fake.wait_for_call("POST /channels/{channel_id}/threads")


async def test_seed_phrase_in_the_support_channel_is_deleted_and_never_sent(
    system: System, fake: FakeDiscord
) -> None:
    await system.start()
    seed = Mnemonic("english").generate(strength=128)
    posted = fake.inject_message(SUPPORT_CHANNEL, BOB, f"is this ok? {seed}")
    deleted = await fake.wait_for_call("DELETE /channels/{channel_id}/messages/{message_id}")
    assert deleted.params == {"channel_id": str(SUPPORT_CHANNEL), "message_id": posted["id"]}
    await bot_says(fake, SUPPORT_CHANNEL, "seed phrase or a private key")
    thread = await fake.wait_for_call("POST /channels/{channel_id}/threads")
    assert "Security" in thread.body["name"]
    await fake.wait_until(
        lambda: any(fake.texts_in(int(t["id"])) for t in fake.threads_of(STAFF_CHANNEL))
    )
    traffic = fake.all_traffic()
    words = seed.split()
    for i in range(len(words) - 2):  # no run of three seed words went out, in any request
        assert not re.search(r"\W+".join(words[i : i + 3]), traffic), i


async def test_secret_in_a_dm_asks_the_user_to_delete_it(system: System, fake: FakeDiscord) -> None:
    await system.start()
    seed = Mnemonic("english").generate(strength=128)
    dm = fake.dm_channel(ALICE)
    fake.inject_message(dm, ALICE, seed)
    await bot_says(fake, dm, "Please delete it now")
    assert not fake.calls("DELETE /channels/{channel_id}/messages/{message_id}")
    # no right fixes this, so no "missing permission" alert reaches staff
    assert not any("Missing permission" in text for text in fake.texts_in(STAFF_CHANNEL))
    assert " ".join(seed.split()[:4]) not in fake.all_traffic()


async def test_human_request_opens_a_ticket_and_staff_reply_reaches_the_dm(
    system: System, fake: FakeDiscord
) -> None:
    await system.start()
    dm, thread = await open_ticket(fake)
    name = fake.channels[thread]["name"]
    assert name.startswith("#1 · @alice")
    card = unescape(fake.texts_in(thread)[0])
    assert "Ticket #1" in card and "@alice" in card
    take_button = fake.messages_in(thread)[0]["components"][0]["components"][0]
    assert take_button["custom_id"] == "take:1"
    # the user writes again: relayed to the thread
    fake.inject_message(dm, ALICE, "I sent 0.5 ETH an hour ago")
    await bot_says(fake, thread, "I sent 0.5 ETH an hour ago")
    # a staff member answers in the thread: it reaches the user's DM
    fake.inject_message(thread, AGENT, "We are checking your deposit now.")
    await bot_says(fake, dm, "We are checking your deposit now.")
    # and closes the ticket with a text command: thread archived and locked
    fake.inject_message(thread, AGENT, "!close 1 credited")
    await fake.wait_for_call(
        "PATCH /channels/{channel_id}", lambda c: c.body == {"archived": True, "locked": True}
    )
    await bot_says(fake, thread, "closed")


async def test_slash_take_and_text_take_race_and_exactly_one_wins(
    system: System, fake: FakeDiscord
) -> None:
    await system.start()
    _, thread = await open_ticket(fake)
    interaction = fake.inject_interaction(thread, AGENT, "take", {"ticket": 1})
    fake.inject_message(thread, SAM, "!take 1")
    await fake.wait_until(lambda: interaction.replies and interaction.replies != [""])
    text_reply = await fake.wait_for_call(
        SEND,
        lambda c: (
            c.params["channel_id"] == str(thread)
            and re.search("is yours|already taken", c.body["content"]) is not None
        ),
    )
    results = [unescape(r) for r in [*interaction.replies, text_reply.body["content"]]]
    wins = [r for r in results if "Ticket #1 is yours" in r]
    losses = [r for r in results if "Ticket #1 is already taken" in r]
    assert len(wins) == 1 and len(losses) == 1, results
    assert interaction.callbacks[0]["type"] == 5


async def test_staff_slash_reply_reaches_the_user(system: System, fake: FakeDiscord) -> None:
    await system.start()
    dm, _ = await open_ticket(fake)
    it = fake.inject_interaction(
        STAFF_CHANNEL, SAM, "reply", {"ticket": 1, "text": "Fixed, check now"}
    )
    await bot_says(fake, dm, "Fixed, check now")
    await fake.wait_until(lambda: any("Sent to the user" in r for r in it.replies))


async def test_dms_written_while_the_bot_was_down_are_fetched_on_start(
    system: System, fake: FakeDiscord
) -> None:
    await system.start()
    dm, thread = await open_ticket(fake)
    assert system.rt is not None
    await eventually(lambda: system.rt.store.get_state(last_seen_key(dm)))  # type: ignore[union-attr]
    await system.stop()
    fake.inject_message(dm, ALICE, "are you there? written while the bot was down")
    fake.inject_message(dm, ALICE, "hello??")
    await system.start()
    first = await bot_says(fake, thread, "written while the bot was down")
    second = await bot_says(fake, thread, "hello??")
    assert fake.calls(SEND).index(first) < fake.calls(SEND).index(second)
    history = fake.calls("GET /channels/{channel_id}/messages")
    assert [c.params["channel_id"] for c in history] == [str(dm)] and "after" in history[0].query
    await asyncio.sleep(0.2)
    relayed = [t for t in fake.texts_in(thread) if "hello??" in t]
    assert len(relayed) == 1


async def test_redelivered_guild_events_are_handled_once(system: System, fake: FakeDiscord) -> None:
    """A resumed session replays events; the core drops them by event id."""
    await system.start()
    fake.inject_message(SUPPORT_CHANNEL, BOB, FAQ_QUESTION)
    await bot_says(fake, SUPPORT_CHANNEL, "Did this help?")
    fake.replay_overlap = 50
    await fake.drop_connections()
    await fake.wait_until(lambda: fake.resume_count == 1, timeout=10)
    fake.inject_message(SUPPORT_CHANNEL, ALICE, FAQ_QUESTION)  # new events still flow
    await fake.wait_until(
        lambda: len([t for t in fake.texts_in(SUPPORT_CHANNEL) if "Did this help?" in t]) >= 2
    )
    await asyncio.sleep(0.3)
    answers = [t for t in fake.texts_in(SUPPORT_CHANNEL) if "Did this help?" in t]
    assert len(answers) == 2  # Bob's replayed question was not answered twice


async def test_ticket_from_another_channel_is_answered_from_the_discord_thread(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    """A ticket opened on another channel (the in-process test channel stands in for
    Telegram) gets its staff thread on Discord, and the answer written there reaches it."""
    config = make_config(
        fake, tmp_path, staff={"ids": [f"discord:{SAM}"], "thread_channels": ["discord"]}
    )
    system = System(fake, config)
    try:
        await system.start()
        assert system.rt is not None
        other = MemoryChannel(name="telegram", staff_chat=False)
        system.rt.outbox.register(other)
        users = TestBot(system.rt.sink, other)
        await users.user("/human", user_id="u77", name="Tom", username="tom")
        assert any("#1" in t for t in other.pop_text("dm-u77"))
        await fake.wait_for_call("POST /channels/{channel_id}/threads")
        thread = int(fake.threads_of(STAFF_CHANNEL)[0]["id"])
        await bot_says(fake, thread, "Ticket #1")
        fake.inject_message(thread, AGENT, "Hi Tom, we are on it.")
        await eventually(lambda: any(s.chat_id == "dm-u77" for s in other.sent))
        assert any("Hi Tom, we are on it." in t for t in other.pop_text("dm-u77"))
    finally:
        await system.stop()
