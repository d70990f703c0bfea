"""Whole-system scenarios: the real core and python-telegram-bot against the fake Bot API."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from mnemonic import Mnemonic

from adapters.telegram.adapter import LAST_UPDATE_KEY, TelegramAdapter
from bot.app import Runtime, build_runtime
from bot.config import Config, parse_config
from bot.model import ButtonPress, IncomingMessage
from bot.ports import EventSink
from tests.telegram.conftest import AGENT, ALICE, BOB, GROUP, STAFF_CHAT, TOKEN
from tests.telegram.fake_bot_api import FakeBotApi

FAQ_QUESTION = "My deposit has not arrived in my account"
WEBHOOK_SECRET = "e2e-webhook-secret-value"


def make_config(api: FakeBotApi, tmp_path: Path, **telegram: Any) -> Config:
    raw: dict[str, Any] = {
        "bot": {"data_dir": str(tmp_path / "data")},
        "channels": {
            "console": {"enabled": False},
            "telegram": {
                "enabled": True,
                "staff_chat_id": STAFF_CHAT,
                "base_url": api.base_url,
                "base_file_url": api.base_file_url,
                "poll_timeout": 1,
                **telegram,
            },
        },
    }
    return parse_config(raw, base_dir=tmp_path)


class System:
    """One running bot: runtime + adapter, restartable on the same database."""

    def __init__(self, api: FakeBotApi, config: Config) -> None:
        self.api = api
        self.config = config
        self.rt: Runtime | None = None
        self.adapter: TelegramAdapter | None = None

    async def start(self, sink: EventSink | None = None, **adapter_kw: Any) -> TelegramAdapter:
        self.rt = await build_runtime(self.config)
        self.adapter = TelegramAdapter(
            self.config.telegram,
            token=TOKEN,
            sink=sink or self.rt.sink,
            state=self.rt.store,
            staff_ids=self.config.staff_ids,
            retry_delays=(0.05, 0.1),
            poll_backoff=0.05,
            **adapter_kw,
        )
        self.rt.outbox.register(self.adapter)
        await self.adapter.start()
        return self.adapter

    async def kill(self) -> None:
        """Die without any graceful step: the poll task is cancelled wherever it is."""
        assert self.adapter is not None and self.rt is not None
        task = self.adapter._poll_task
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            self.adapter._poll_task = None
        await self.adapter.app.bot.shutdown()  # drop sockets like a dead process would
        await self.rt.close()
        self.adapter = self.rt = None

    async def stop(self) -> None:
        if self.adapter is not None:
            await self.adapter.stop(grace_seconds=2)
        if self.rt is not None:
            await self.rt.close()
        self.adapter = self.rt = None


@pytest.fixture
async def system(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[System]:
    api.set_member(STAFF_CHAT, AGENT, "administrator")
    s = System(api, make_config(api, tmp_path))
    yield s
    await s.stop()


def texts_to(api: FakeBotApi, chat_id: int, start: int = 0) -> list[str]:
    return api.sent_texts(chat_id)[start:]


async def wait_text(api: FakeBotApi, chat_id: int, needle: str, timeout: float = 5.0) -> dict:  # noqa: ASYNC109
    return await api.wait_for_call(
        "sendMessage",
        lambda p: str(p.get("chat_id")) == str(chat_id) and needle in str(p.get("text", "")),
        timeout,
    )


async def open_ticket(api: FakeBotApi) -> int:
    """Alice asks for a human; returns the staff topic id of her ticket."""
    api.inject_message(ALICE, ALICE, "/human")
    await wait_text(api, 501, "ticket #1")
    topic = await api.wait_for_call("createForumTopic")
    thread_ids = list(api.chats[STAFF_CHAT].topics)
    assert len(thread_ids) == 1 and topic["chat_id"] == STAFF_CHAT
    await api.wait_for_call("sendMessage", lambda p: p.get("message_thread_id") == thread_ids[0])
    return thread_ids[0]


async def test_faq_question_in_private_chat_is_answered(system: System, api: FakeBotApi) -> None:
    await system.start()
    api.inject_message(ALICE, ALICE, FAQ_QUESTION)
    answer = await wait_text(api, 501, "confirmations")
    buttons = [b["callback_data"] for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[0].startswith("fb:y:")
    # pressing "yes" is answered on Telegram and thanked by the core
    api.inject_callback(ALICE, ALICE, max(api.chats[501].messages), buttons[0])
    await wait_text(api, 501, "Glad it helped")
    assert len(api.calls("answerCallbackQuery")) == 1


async def test_seed_phrase_in_group_is_deleted_warned_and_never_sent(
    system: System, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # even at DEBUG, no payload may reach the logs
    await system.start()
    phrase = Mnemonic("english").generate(strength=128)
    posted = api.inject_message(GROUP, BOB, f"is this right? {phrase}")["message"]
    await api.wait_for_call("deleteMessage", lambda p: p["message_id"] == posted["message_id"])
    assert posted["message_id"] not in api.chats[GROUP].messages
    await wait_text(api, GROUP, "seed phrase")
    await api.wait_for_call("createForumTopic")
    [thread] = list(api.chats[STAFF_CHAT].topics)
    notice = await api.wait_for_call("sendMessage", lambda p: p.get("message_thread_id") == thread)
    assert "security" in notice["text"].lower()
    everything = api.all_request_text()
    words = phrase.split()
    assert phrase not in everything
    assert " ".join(words[:4]) not in everything and " ".join(words[-4:]) not in everything
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert " ".join(words[:3]) not in logged and " ".join(words[-3:]) not in logged


async def test_human_ticket_topic_staff_reply_and_close(system: System, api: FakeBotApi) -> None:
    await system.start()
    thread = await open_ticket(api)
    api.inject_message(STAFF_CHAT, AGENT, "We are checking your deposit now.", thread_id=thread)
    relayed = await wait_text(api, 501, "We are checking your deposit now.")
    assert "reply_markup" not in relayed or relayed["reply_markup"]
    before = len(texts_to(api, 501))
    # the core wants the ticket number even inside its topic
    api.inject_message(STAFF_CHAT, AGENT, "/close@SupportTestBot 1", thread_id=thread)
    await api.wait_for_call("closeForumTopic", lambda p: p["message_thread_id"] == thread)
    assert api.chats[STAFF_CHAT].topics[thread]["closed"]
    await wait_text(api, 501, "has been closed")
    assert any("has been closed" in t for t in texts_to(api, 501, before))


async def test_user_message_is_relayed_into_the_ticket_topic(
    system: System, api: FakeBotApi
) -> None:
    await system.start()
    thread = await open_ticket(api)
    api.inject_message(ALICE, ALICE, "txid is 0xabc123, network ERC20")
    await api.wait_for_call(
        "sendMessage",
        lambda p: p.get("message_thread_id") == thread and "0xabc123" in p.get("text", ""),
    )


async def test_rate_limited_answer_is_retried_after_retry_after(
    system: System, api: FakeBotApi
) -> None:
    await system.start()
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    began = time.monotonic()
    api.inject_message(ALICE, ALICE, FAQ_QUESTION)
    while not any("confirmations" in t for t in api.delivered_texts(501)):
        assert time.monotonic() - began < 5, "the answer was never delivered"
        await asyncio.sleep(0.05)
    assert time.monotonic() - began >= 1.0  # retry_after was honoured
    attempts = [t for t in texts_to(api, 501) if "confirmations" in t]
    assert len(attempts) == 2  # the refused attempt and the delivered retry
    assert len([t for t in api.delivered_texts(501) if "confirmations" in t]) == 1


async def test_blocked_user_is_marked_unreachable_and_staff_told(
    system: System, api: FakeBotApi
) -> None:
    await system.start()
    thread = await open_ticket(api)
    api.block(501)
    api.inject_message(STAFF_CHAT, AGENT, "Could you send the txid?", thread_id=thread)
    notice = await api.wait_for_call(
        "sendMessage",
        lambda p: p.get("message_thread_id") == thread and "unreachable" in p.get("text", ""),
    )
    assert "#1" in notice["text"]


class DiesAfterHandling:
    """Delegates to the real sink, then hangs on one text: the process dies right there."""

    def __init__(self, inner: EventSink, fatal_text: str) -> None:
        self.inner = inner
        self.fatal_text = fatal_text
        self.reached = asyncio.Event()

    async def on_message(self, msg: IncomingMessage) -> None:
        await self.inner.on_message(msg)
        if msg.text == self.fatal_text:
            self.reached.set()
            await asyncio.Event().wait()  # never returns: the kill lands here

    async def on_button(self, press: ButtonPress) -> None:
        await self.inner.on_button(press)


async def test_restart_mid_conversation_answers_each_update_exactly_once(
    system: System, api: FakeBotApi
) -> None:
    await system.start()
    thread = await open_ticket(api)
    assert system.rt is not None
    dying = DiesAfterHandling(system.rt.sink, "second message")
    assert system.adapter is not None
    system.adapter.sink = dying
    api.inject_message(ALICE, ALICE, "first message")
    api.inject_message(ALICE, ALICE, "second message")  # handled, then the process dies
    api.inject_message(ALICE, ALICE, "third message")  # fetched, never handled
    await asyncio.wait_for(dying.reached.wait(), 5)
    await system.kill()
    fourth = api.inject_message(ALICE, ALICE, "fourth message")  # sent while the bot is down

    await system.start()
    await api.wait_for_call(
        "sendMessage",
        lambda p: p.get("message_thread_id") == thread and "fourth message" in p.get("text", ""),
    )
    await asyncio.sleep(0.3)
    relayed = [p["text"] for p in api.calls("sendMessage") if p.get("message_thread_id") == thread]
    for text in ("first message", "second message", "third message", "fourth message"):
        assert sum(text in r for r in relayed) == 1, (text, relayed)
    assert system.rt is not None
    stored = await system.rt.store.get_state(LAST_UPDATE_KEY)
    assert stored is not None and stored.split()[0] == str(fourth["update_id"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_mode_end_to_end(api: FakeBotApi, tmp_path: Path) -> None:
    config = make_config(
        api,
        tmp_path,
        mode="webhook",
        webhook={"port": free_port(), "listen": "127.0.0.1"},
    )
    system = System(api, config)
    adapter = await system.start(webhook_secret=WEBHOOK_SECRET)
    try:
        update = api.inject_message(ALICE, ALICE, FAQ_QUESTION)
        base = f"http://127.0.0.1:{adapter.webhook_port}"
        async with aiohttp.ClientSession() as http:
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}
            async with http.post(f"{base}/telegram", json=update, headers=wrong) as r:
                assert r.status == 403
            assert not texts_to(api, 501)
            right = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
            async with http.post(f"{base}/telegram", json=update, headers=right) as r:
                assert r.status == 200
            await wait_text(api, 501, "confirmations")
            async with http.get(f"{base}/healthz") as r:
                assert r.status == 200
                assert (await r.json())["ok"] is True
        assert api.calls("getUpdates") == []
    finally:
        await system.stop()
