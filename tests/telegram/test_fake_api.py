"""The fake Bot API itself: wire format, offsets, failures (what the other tests rely on)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp

from tests.telegram.conftest import ALICE, GROUP, STAFF_CHAT, TOKEN
from tests.telegram.fake_bot_api import FakeBotApi


async def post(api: FakeBotApi, method: str, token: str = TOKEN, **body: Any) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"http://127.0.0.1:{api.port}/bot{token}/{method}", json=body) as r,
    ):
        data: dict[str, Any] = await r.json()
        assert r.status == (200 if data["ok"] else data["error_code"])
        return data


async def test_json_bodies_wrong_token_and_unknown_method(api: FakeBotApi) -> None:
    me = await post(api, "getMe")
    assert me["result"]["username"] == "SupportTestBot" and me["result"]["is_bot"]
    assert (await post(api, "getMe", token="1:bad"))["error_code"] == 401
    assert (await post(api, "noSuchMethod"))["error_code"] == 404
    assert api.calls("getMe")[0] == {}


async def test_get_updates_long_polls_and_drops_confirmed(api: FakeBotApi) -> None:
    began = time.monotonic()
    assert (await post(api, "getUpdates", timeout=0.3))["result"] == []
    assert time.monotonic() - began >= 0.3
    waiting = asyncio.ensure_future(post(api, "getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    api.inject_message(ALICE, ALICE, "one")
    first = (await asyncio.wait_for(waiting, 2))["result"]
    assert [u["update_id"] for u in first] == [1]
    api.inject_message(ALICE, ALICE, "two")
    again = (await post(api, "getUpdates", timeout=0))["result"]
    assert [u["update_id"] for u in again] == [1, 2]  # not confirmed yet
    confirmed = (await post(api, "getUpdates", offset=2, timeout=0))["result"]
    assert [u["message"]["text"] for u in confirmed] == ["two"]
    assert (await post(api, "getUpdates", offset=3, timeout=0))["result"] == []
    assert (await post(api, "getUpdates", timeout=0))["result"] == []  # 1 and 2 are gone


async def test_fail_next_answers_with_telegram_errors(api: FakeBotApi) -> None:
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3, times=2)
    for _ in range(2):
        err = await post(api, "sendMessage", chat_id=501, text="x")
        assert err == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
    assert (await post(api, "sendMessage", chat_id=501, text="x"))["ok"]


async def test_edits_topics_webhook_and_commands(api: FakeBotApi) -> None:
    sent = (await post(api, "sendMessage", chat_id=GROUP, text="hello"))["result"]
    mid = sent["message_id"]
    edited = await post(api, "editMessageText", chat_id=GROUP, message_id=mid, text="bye")
    assert edited["result"]["text"] == "bye"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    r = await post(
        api, "editMessageReplyMarkup", chat_id=GROUP, message_id=mid, reply_markup=markup
    )
    assert r["result"]["reply_markup"] == markup
    assert (await post(api, "createForumTopic", chat_id=GROUP, name="t"))["error_code"] == 400
    topic = (await post(api, "createForumTopic", chat_id=STAFF_CHAT, name="t"))["result"]
    tid = topic["message_thread_id"]
    assert (await post(api, "closeForumTopic", chat_id=STAFF_CHAT, message_thread_id=tid))["ok"]
    again = await post(api, "closeForumTopic", chat_id=STAFF_CHAT, message_thread_id=tid)
    assert "TOPIC_NOT_MODIFIED" in again["description"]
    fwd = await post(api, "forwardMessage", chat_id=STAFF_CHAT, from_chat_id=GROUP, message_id=mid)
    assert fwd["result"]["text"] == "bye"
    await post(api, "setWebhook", url="https://x.example/hook", secret_token="s")
    assert (await post(api, "getWebhookInfo"))["result"]["url"] == "https://x.example/hook"
    assert (await post(api, "getUpdates"))["error_code"] == 409
    await post(api, "deleteWebhook")
    cmds = [{"command": "start", "description": "Start"}]
    await post(api, "setMyCommands", commands=cmds)
    assert api.commands == {'{"type": "default"}': cmds}
    await post(api, "deleteMyCommands")
    assert api.commands == {}
    await post(api, "answerCallbackQuery", callback_query_id="1")
    assert api.calls("answerCallbackQuery") == [{"callback_query_id": "1"}]
