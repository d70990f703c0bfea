"""The adapter through the real python-telegram-bot stack against the fake Bot API."""

from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
import pytest

from adapters.telegram.adapter import LAST_UPDATE_KEY, TelegramAdapter
from bot.config import ConfigError, HealthConfig, WebhookConfig
from bot.model import Attachment, Button, ChatKind
from bot.ports import DeliveryError, MissingPermission, UserUnreachable
from bot.richtext import RichText, TextBuilder
from tests.telegram.conftest import (
    AGENT,
    ALICE,
    BOB,
    GROUP,
    STAFF_CHAT,
    TOKEN,
    AdapterFactory,
    MemoryState,
    RecordingSink,
    tg_config,
)
from tests.telegram.fake_bot_api import FakeBotApi

SECRET = "wh-secret-0123456789abcdef"


async def started(
    make_adapter: AdapterFactory, sink: RecordingSink, **kw: object
) -> TelegramAdapter:
    adapter = make_adapter(sink, **kw)
    await adapter.start()
    return adapter


# ---- start-up ------------------------------------------------------------------------


async def test_start_publishes_both_command_menus(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    await started(make_adapter, RecordingSink())
    menus = {scope: [c["command"] for c in cmds] for scope, cmds in api.commands.items()}
    user_menu = menus['{"type": "default"}']
    staff_menu = menus[f'{{"chat_id": {STAFF_CHAT}, "type": "chat"}}']
    assert user_menu == ["start", "human", "help", "verify", "lang"]
    assert {"queue", "take", "reply", "close", "reopen", "unanswered"} <= set(staff_menu)
    assert len(staff_menu) == 18


async def test_bad_token_fails_start_without_leaking_it(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = TelegramAdapter(
        tg_config(api),
        token="7123456789:" + "A" * 35,
        sink=RecordingSink(),
        state=MemoryState(),
        staff_ids=(),
    )
    with pytest.raises(DeliveryError) as info:
        await adapter.start()
    assert "AAAAAAAAAAAAAAAA" not in str(info.value)
    assert "token" in str(info.value)


# ---- receiving -------------------------------------------------------------------------


async def test_private_message_reaches_sink_and_offset_is_persisted(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    sink, state = RecordingSink(), MemoryState()
    await started(make_adapter, sink, state=state)
    api.inject_message(ALICE, ALICE, "How do I deposit?")
    await sink.wait_for(1)
    msg = sink.messages[0]
    assert msg.chat_kind is ChatKind.PRIVATE and msg.text == "How do I deposit?"
    assert msg.event_id == "telegram:1" and not msg.is_staff
    for _ in range(50):
        if (state.values.get(LAST_UPDATE_KEY) or "").split()[:1] == ["1"]:
            break
        await asyncio.sleep(0.02)
    assert state.values[LAST_UPDATE_KEY].split()[0] == "1"


async def test_staff_membership_is_looked_up_once_and_cached(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    api.set_member(STAFF_CHAT, AGENT, "member")
    sink = RecordingSink()
    await started(make_adapter, sink, staff_ids=("telegram:502",))
    api.inject_message(STAFF_CHAT, AGENT, "hi from an agent")
    api.inject_message(STAFF_CHAT, AGENT, "again")
    api.inject_message(ALICE, ALICE, "hi")
    api.inject_message(BOB, BOB, "configured staff")
    await sink.wait_for(4)
    assert [m.is_staff for m in sink.messages] == [True, True, False, True]
    lookups = [p["user_id"] for p in api.calls("getChatMember") if p["user_id"] != api.bot_id]
    # AGENT looked up once (cached); nobody outside the staff chat costs a lookup, so a busy
    # group never spends the staff chat's rate-limit budget; BOB is configured
    assert lookups == [AGENT["id"]]


async def test_leaving_the_staff_chat_revokes_staff_at_once(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    api.set_member(STAFF_CHAT, AGENT, "administrator")
    sink = RecordingSink()
    await started(make_adapter, sink)
    api.inject_message(STAFF_CHAT, AGENT, "/queue")
    await sink.wait_for(1)
    assert sink.messages[0].is_staff and sink.messages[0].chat_kind is ChatKind.STAFF
    left = {"status": "left", "user": AGENT}
    api.inject_raw(
        "chat_member",
        {
            "chat": api.chats[STAFF_CHAT].as_json(),
            "from": AGENT,
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": AGENT},
            "new_chat_member": left,
        },
    )
    api.inject_message(STAFF_CHAT, AGENT, "/queue")
    await sink.wait_for(2)
    assert not sink.messages[1].is_staff


async def test_button_press_is_answered_and_forwarded(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    mid = await adapter.send("501", RichText.plain("Helpful?"), buttons=[Button("Yes", "fb:y:1")])
    assert mid is not None
    api.inject_callback(ALICE, ALICE, int(mid), "fb:y:1")
    await sink.wait_for(1)
    press = sink.presses[0]
    assert (press.data, press.chat_id, press.message_id) == ("fb:y:1", "501", mid)
    assert len(api.calls("answerCallbackQuery")) == 1


async def test_edited_messages_and_media_reach_the_sink(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    await started(make_adapter, sink)
    first = api.inject_message(GROUP, BOB, "hello all")
    api.inject_edited(GROUP, first["message"]["message_id"], "hello @SupportTestBot")
    photo = {"photo": [{"file_id": "p", "file_unique_id": "pu", "width": 9, "height": 9}]}
    api.inject_message(ALICE, ALICE, caption="my wallet screen", media=photo)
    await sink.wait_for(3)
    plain, edited, media = sink.messages
    assert not plain.addressed and edited.edited and edited.addressed
    assert media.attachment is Attachment.PHOTO and media.text == "my wallet screen"


# ---- sending ---------------------------------------------------------------------------


async def test_send_renders_html_with_escaped_user_text_and_buttons(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    text = TextBuilder().bold("Ticket #3").text(" from <script>&co").build()
    await adapter.send("501", text, buttons=[Button("Take", "take:3")], reply_to="7")
    call = api.calls("sendMessage")[-1]
    assert call["text"] == "<b>Ticket #3</b> from &lt;script&gt;&amp;co"
    assert call["parse_mode"] == "HTML"
    assert call["reply_markup"] == {
        "inline_keyboard": [[{"text": "Take", "callback_data": "take:3"}]]
    }
    assert call["reply_parameters"]["message_id"] == 7
    assert call["link_preview_options"] == {"is_disabled": True}


async def test_long_text_is_split_into_several_messages(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    long = RichText.plain(("line of text & more\n" * 600).strip())
    await adapter.send("501", long, buttons=[Button("OK", "ok")])
    calls = api.calls("sendMessage")
    rendered = len(long.render_html())  # 14399 characters once "&" is escaped
    assert len(calls) == -(-rendered // 4096) == 4
    assert all(len(c["text"]) <= 4096 for c in calls)
    assert "reply_markup" not in calls[0] and "reply_markup" in calls[-1]
    joined = "".join(c["text"] for c in calls).replace("&amp;", "&")
    assert joined == long.render_plain()


async def test_rate_limit_is_waited_out_then_retried(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    began = time.monotonic()
    await adapter.send("501", RichText.plain("hello"))
    assert time.monotonic() - began >= 1.0
    assert [c["text"] for c in api.calls("sendMessage")] == ["hello", "hello"]
    assert api.sent_texts(501) == ["hello", "hello"]  # the 429'd attempt plus the retry


async def test_network_errors_are_retried_then_reported(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    api.fail_next("sendMessage", 502, "Bad Gateway", times=2)
    assert await adapter.send("501", RichText.plain("one")) is not None
    assert len(api.calls("sendMessage")) == 3
    api.fail_next("sendMessage", 500, "Internal Server Error", times=3)
    with pytest.raises(DeliveryError) as info:
        await adapter.send("501", RichText.plain("two"))
    assert type(info.value) is DeliveryError and "network" in str(info.value)


async def test_blocked_user_is_unreachable(api: FakeBotApi, make_adapter: AdapterFactory) -> None:
    adapter = await started(make_adapter, RecordingSink())
    api.add_private_chat(ALICE)
    api.block(501)
    with pytest.raises(UserUnreachable):
        await adapter.send("501", RichText.plain("are you there?"))
    api.fail_next("sendMessage", 403, "Forbidden: user is deactivated")
    with pytest.raises(UserUnreachable):
        await adapter.send("502", RichText.plain("x"))


async def test_other_refusals_are_safe_delivery_errors(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    api.fail_next("sendMessage", 400, "Bad Request: can't parse entities: bad tag")
    with pytest.raises(DeliveryError) as info:
        await adapter.send(str(GROUP), RichText.plain("my seed is x"))
    assert type(info.value) is DeliveryError
    message = str(info.value)
    assert "parse entities" in message.lower()
    assert TOKEN not in message and "seed" not in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


async def test_delete_and_missing_right(api: FakeBotApi, make_adapter: AdapterFactory) -> None:
    adapter = await started(make_adapter, RecordingSink())
    m1 = api.inject_message(GROUP, BOB, "spam 1")["message"]["message_id"]
    m2 = api.inject_message(GROUP, BOB, "spam 2")["message"]["message_id"]
    await adapter.delete(str(GROUP), str(m1))
    assert m1 not in api.chats[GROUP].messages
    await adapter.delete(str(GROUP), str(m1))  # already gone: fine
    api.set_bot_rights(GROUP, admin=False, delete=False)
    with pytest.raises(MissingPermission) as info:
        await adapter.delete(str(GROUP), str(m2))
    assert info.value.right == "delete messages" and info.value.chat_id == str(GROUP)
    api.fail_next("deleteMessage", 403, "Forbidden: not enough rights to delete messages")
    with pytest.raises(MissingPermission):
        await adapter.delete(str(GROUP), str(m2))


# ---- staff side ------------------------------------------------------------------------


async def test_topics_open_post_close_and_reopen(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    assert adapter.has_staff_chat()
    thread = await adapter.open_staff_thread("#7 Alice — withdrawal stuck " + "x" * 200)
    assert thread is not None
    assert len(api.calls("createForumTopic")[0]["name"]) == 128
    await adapter.staff_send(RichText.plain("new ticket"), thread_id=thread)
    assert api.calls("sendMessage")[-1]["message_thread_id"] == int(thread)
    await adapter.set_staff_thread_state(thread, closed=True)
    await adapter.set_staff_thread_state(thread, closed=True)  # idempotent
    assert api.chats[STAFF_CHAT].topics[int(thread)]["closed"]
    await adapter.set_staff_thread_state(thread, closed=False)
    assert not api.chats[STAFF_CHAT].topics[int(thread)]["closed"]
    assert len(api.calls("getChat")) == 1  # is_forum is cached


async def test_no_topics_without_a_forum_or_the_right(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    plain = await started(make_adapter, RecordingSink(), config={"staff_chat_id": GROUP})
    assert await plain.open_staff_thread("#1") is None
    assert api.calls("createForumTopic") == []
    await plain.stop()
    api.set_bot_rights(STAFF_CHAT, admin=True, topics=False)
    adapter = await started(make_adapter, RecordingSink())
    assert await adapter.open_staff_thread("#2") is None
    assert await adapter.open_staff_thread("#3") is None
    notices = [t for t in api.sent_texts(STAFF_CHAT) if "Manage topics" in t]
    assert len(notices) == 1  # staff are told once, tickets still land in the chat


async def test_staff_post_falls_back_when_the_topic_is_gone(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    mid = await adapter.staff_send(RichText.plain("update"), thread_id="999")
    assert mid is not None
    assert "message_thread_id" not in api.calls("sendMessage")[-1]


async def test_a_closed_topic_is_reopened_to_post_an_update(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    thread = await adapter.open_staff_thread("#8")
    assert thread is not None
    topic = api.chats[STAFF_CHAT].topics[int(thread)]
    # a person closed the topic and the bot lost 'Manage topics': posting there is refused,
    # but the bot created the topic, so it may reopen it
    topic["closed"] = True
    api.set_bot_rights(STAFF_CHAT, admin=True, topics=False)
    assert await adapter.staff_send(RichText.plain("user wrote again"), thread_id=thread)
    assert not topic["closed"]
    assert api.calls("sendMessage")[-1]["message_thread_id"] == int(thread)
    # when it cannot reopen it either, updates and media land in the main staff chat
    topic["closed"] = True
    api.fail_next("reopenForumTopic", 400, "Bad Request: not enough rights to manage topics")
    assert await adapter.staff_send(RichText.plain("and again"), thread_id=thread)
    assert "message_thread_id" not in api.calls("sendMessage")[-1]
    assert api.sent_texts(STAFF_CHAT)[-1] == "and again"
    photo = {"photo": [{"file_id": "p", "file_unique_id": "pu", "width": 9, "height": 9}]}
    src = api.inject_message(ALICE, ALICE, media=photo)["message"]
    api.fail_next("reopenForumTopic", 400, "Bad Request: not enough rights to manage topics")
    copied = await adapter.copy_to_staff("501", str(src["message_id"]), thread)
    assert copied is not None
    assert "message_thread_id" not in api.chats[STAFF_CHAT].messages[int(copied)]


async def test_copy_to_staff_drops_the_caption(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    thread = await adapter.open_staff_thread("#4")
    photo = {"photo": [{"file_id": "p", "file_unique_id": "pu", "width": 9, "height": 9}]}
    src = api.inject_message(ALICE, ALICE, caption="words here", media=photo)["message"]
    new_id = await adapter.copy_to_staff("501", str(src["message_id"]), thread)
    assert new_id is not None
    copied = api.chats[STAFF_CHAT].messages[int(new_id)]
    assert "photo" in copied and "caption" not in copied
    assert copied["message_thread_id"] == int(thread or 0)


async def test_staff_send_without_staff_chat(api: FakeBotApi, make_adapter: AdapterFactory) -> None:
    adapter = await started(make_adapter, RecordingSink(), config={"staff_chat_id": None})
    assert not adapter.has_staff_chat()
    assert await adapter.open_staff_thread("#1") is None
    with pytest.raises(DeliveryError):
        await adapter.staff_send(RichText.plain("x"))


# ---- exactly once across restarts --------------------------------------------------------


async def test_graceful_restart_resumes_after_the_last_handled_update(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    state = MemoryState()
    sink1 = RecordingSink()
    first = await started(make_adapter, sink1, state=state)
    api.inject_message(ALICE, ALICE, "one")
    await sink1.wait_for(1)
    await first.stop()
    api.inject_message(ALICE, ALICE, "two")  # arrives while the bot is down
    sink2 = RecordingSink()
    await started(make_adapter, sink2, state=state)
    await sink2.wait_for(1)
    await asyncio.sleep(0.2)
    assert [m.text for m in sink2.messages] == ["two"]
    assert state.values[LAST_UPDATE_KEY].split()[0] == "2"


async def test_abrupt_kill_mid_update_loses_nothing(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    state = MemoryState()
    sink1 = RecordingSink()
    first = await started(make_adapter, sink1, state=state)
    api.inject_message(ALICE, ALICE, "one")
    await sink1.wait_for(1)
    sink1.gate = asyncio.Event()  # the next update hangs inside the core...
    api.inject_message(ALICE, ALICE, "two")
    api.inject_message(ALICE, ALICE, "three")
    await api.wait_for_call("getUpdates", lambda p: p.get("offset") == 2)
    await asyncio.sleep(0.1)
    assert first._poll_task is not None
    first._poll_task.cancel()  # ...and the process dies: no graceful stop
    await asyncio.gather(first._poll_task, return_exceptions=True)
    first._poll_task = None
    sink2 = RecordingSink()
    await started(make_adapter, sink2, state=state)
    await sink2.wait_for(2)
    await asyncio.sleep(0.2)
    assert [m.text for m in sink1.messages] == ["one"]
    assert [m.text for m in sink2.messages] == ["two", "three"]
    assert [m.event_id for m in sink2.messages] == ["telegram:2", "telegram:3"]


async def test_polling_survives_conflicts_and_outages(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    await started(make_adapter, sink)
    api.fail_next("getUpdates", 409, "Conflict: terminated by other getUpdates request")
    api.fail_next("getUpdates", 502, "Bad Gateway")
    api.inject_message(ALICE, ALICE, "still there?")
    await sink.wait_for(1, within=8)
    assert sink.messages[0].text == "still there?"


# ---- webhook -------------------------------------------------------------------------------


async def test_webhook_mode(api: FakeBotApi, make_adapter: AdapterFactory) -> None:
    sink, state = RecordingSink(), MemoryState()
    adapter = make_adapter(
        sink,
        state,
        webhook_secret=SECRET,
        config={
            "mode": "webhook",
            "webhook": WebhookConfig(port=0, public_url="https://bot.example.org/"),
        },
    )
    await adapter.start()
    assert api.webhook["url"] == "https://bot.example.org/telegram"
    assert api.webhook["secret_token"] == SECRET
    update = api.inject_message(ALICE, ALICE, "hello via webhook")
    base = f"http://127.0.0.1:{adapter.webhook_port}"
    async with aiohttp.ClientSession() as http:
        good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        bad = {"X-Telegram-Bot-Api-Secret-Token": "nope"}
        async with http.post(f"{base}/telegram", json=update, headers=bad) as r:
            assert r.status == 403
        async with http.post(f"{base}/telegram", json=update) as r:
            assert r.status == 403
        assert sink.messages == []
        async with http.post(f"{base}/telegram", json=update, headers=good) as r:
            assert r.status == 200
        assert [m.text for m in sink.messages] == ["hello via webhook"]
        async with http.post(f"{base}/telegram", json=update, headers=good) as r:
            assert r.status == 200  # a redelivery is acknowledged, not handled again
        assert len(sink.messages) == 1
        async with http.post(f"{base}/telegram", data=b"{nope", headers=good) as r:
            assert r.status == 400
        async with http.get(f"{base}/healthz") as r:
            assert r.status == 200
            health = await r.json()
        assert health["ok"] and health["mode"] == "webhook"
        assert health["bot"] == "SupportTestBot" and health["last_update_id"] == 1
    assert state.values[LAST_UPDATE_KEY].split()[0] == "1"
    assert api.calls("getUpdates") == []


async def test_polling_mode_serves_a_health_route(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    now = [1000.0]
    adapter = await started(
        make_adapter,
        RecordingSink(),
        clock=lambda: now[0],
        config={"health": HealthConfig(port=0, path="/live")},
    )
    assert adapter.health_port
    url = f"http://127.0.0.1:{adapter.health_port}/live"
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as r:
            body = await r.json()
            assert r.status == 200 and body["ok"] and body["mode"] == "polling"
        assert body["polling"]["alive"] and body["bot"] == "SupportTestBot"
        # Telegram stops answering (502s): healthy while within three long polls, then not
        api.fail_next("getUpdates", 502, "Bad Gateway", times=10_000)
        await api.wait_for_call("getUpdates", lambda p: True)
        now[0] += 60
        async with http.get(url) as r:
            assert r.status == 200
        now[0] += 60
        async with http.get(url) as r:
            body = await r.json()
            assert r.status == 503 and not body["ok"] and body["polling"]["alive"]
    await adapter.stop()


async def test_health_is_down_once_the_token_is_rejected(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    assert adapter.health()["ok"]
    api.fail_next("getUpdates", 401, "Unauthorized")
    for _ in range(100):
        if not adapter.health()["polling"]["alive"]:
            break
        await asyncio.sleep(0.02)
    health = adapter.health()
    assert not health["ok"] and not health["polling"]["alive"]


async def test_webhook_mode_requires_a_secret(
    api: FakeBotApi, make_adapter: AdapterFactory
) -> None:
    adapter = make_adapter(RecordingSink(), config={"mode": "webhook"})
    with pytest.raises(ConfigError, match="secret_token_env"):
        await adapter.start()


# ---- the token stays secret -----------------------------------------------------------------


async def test_token_never_logged_even_at_debug(
    api: FakeBotApi, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    api.inject_message(ALICE, ALICE, "hi")
    await sink.wait_for(1)
    api.fail_next("sendMessage", 500, "Internal Server Error", times=3)
    with pytest.raises(DeliveryError):
        await adapter.send("501", RichText.plain("x"))
    await adapter.stop()
    assert any("/bot<redacted>/" in r.getMessage() for r in caplog.records)  # URLs were logged
    secret_half = TOKEN.split(":")[1]
    for record in caplog.records:
        assert secret_half not in record.getMessage()
        assert secret_half not in (record.exc_text or "")
    assert secret_half not in caplog.text
