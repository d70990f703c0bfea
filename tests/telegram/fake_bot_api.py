"""A fake Telegram Bot API server for end-to-end tests (aiohttp, 127.0.0.1, random port).

It speaks the wire protocol python-telegram-bot uses (`POST /bot<token>/<method>`,
form or JSON bodies, `{"ok": ..., "result"/"error_code"/"description"}` replies)
and keeps just enough state to behave like Telegram where our adapter depends on
it: getUpdates long-polls and drops confirmed updates, messages can be deleted
once, topics open and close, blocked users answer 403, missing admin rights give
Telegram's errors, and failures can be injected per method. Every request is
recorded so tests can assert what was (and was not) sent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

JSON = dict[str, Any]

# Parameters whose form-encoded value is a plain string, never JSON (PTB sends
# str values as-is and everything else json.dumps'ed).
TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "name",
        "title",
        "url",
        "secret_token",
        "callback_query_id",
        "parse_mode",
        "description",
        "short_description",
        "language_code",
        "icon_custom_emoji_id",
    }
)


@dataclass
class Call:
    method: str
    params: JSON
    raw: str
    token: str
    status: int = 0  # the HTTP status answered (0 while in flight)


@dataclass
class _Failure:
    error_code: int
    description: str
    retry_after: int | None
    times: int


@dataclass
class _Chat:
    id: int
    type: str
    title: str | None = None
    is_forum: bool = False
    username: str | None = None
    first_name: str | None = None
    messages: dict[int, JSON] = field(default_factory=dict)
    topics: dict[int, JSON] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def as_json(self) -> JSON:
        out: JSON = {"id": self.id, "type": self.type}
        if self.title:
            out["title"] = self.title
        if self.username:
            out["username"] = self.username
        if self.first_name:
            out["first_name"] = self.first_name
        if self.is_forum:
            out["is_forum"] = True
        return out


def user(
    user_id: int,
    first_name: str,
    *,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "en",
    is_bot: bool = False,
) -> JSON:
    """A Telegram User object."""
    u: JSON = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        u["last_name"] = last_name
    if username:
        u["username"] = username
    if language_code:
        u["language_code"] = language_code
    return u


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def auto_entities(text: str) -> list[JSON]:
    """bot_command at the start and @mentions, with Telegram's UTF-16 offsets."""
    entities: list[JSON] = []
    if text.startswith("/"):
        word = text.split(maxsplit=1)[0]
        entities.append({"type": "bot_command", "offset": 0, "length": _utf16_len(word)})
    i = 0
    while (i := text.find("@", i)) != -1:
        j = i + 1
        while j < len(text) and (text[j].isalnum() or text[j] == "_"):
            j += 1
        before_ok = i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_/")
        if j - i > 4 and before_ok:
            entities.append(
                {"type": "mention", "offset": _utf16_len(text[:i]), "length": _utf16_len(text[i:j])}
            )
        i = j
    return entities


class FakeBotApi:
    """The server plus helpers to drive it. Use `await start()` / `await stop()`."""

    def __init__(
        self,
        token: str,
        *,
        bot_id: int | None = None,
        username: str = "SupportTestBot",
    ) -> None:
        self.token = token
        self.bot_id = bot_id if bot_id is not None else int(token.split(":", 1)[0])
        self.bot_user = user(self.bot_id, "Support", username=username, is_bot=True)
        self.bot_user.pop("language_code", None)
        self.username = username
        self.requests: list[Call] = []
        self.chats: dict[int, _Chat] = {}
        self.members: dict[tuple[int, int], JSON] = {}
        self.blocked: set[int] = set()
        self.bot_rights: dict[int, JSON] = {}
        self.commands: dict[str, list[JSON]] = {}
        self.webhook: JSON = {"url": ""}
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._failures: dict[str, list[_Failure]] = {}
        self._new_update = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._callback_ids = itertools.count(1)

    # ---- lifecycle -------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- world setup -------------------------------------------------------------------

    def add_private_chat(self, u: JSON) -> _Chat:
        chat = _Chat(id=u["id"], type="private", first_name=u["first_name"])
        chat.username = u.get("username")
        self.chats[chat.id] = chat
        return chat

    def add_group(self, chat_id: int, title: str, *, forum: bool = False) -> _Chat:
        chat = _Chat(id=chat_id, type="supergroup", title=title, is_forum=forum)
        self.chats[chat_id] = chat
        self.set_bot_rights(chat_id)
        return chat

    def set_member(self, chat_id: int, u: JSON, status: str = "member") -> None:
        self.members[(chat_id, u["id"])] = {"status": status, "user": u}

    def set_bot_rights(
        self, chat_id: int, *, admin: bool = True, delete: bool = True, topics: bool = True
    ) -> None:
        self.bot_rights[chat_id] = {"admin": admin, "delete": delete, "topics": topics}

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to their chat answer 403 from now on."""
        self.blocked.add(user_id)

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        self._failures.setdefault(method, []).append(
            _Failure(error_code, description, retry_after, times)
        )

    # ---- injecting updates -------------------------------------------------------------

    def _chat_for(self, chat: int | JSON) -> _Chat:
        chat_id = chat if isinstance(chat, int) else chat["id"]
        if chat_id not in self.chats:
            if isinstance(chat, dict) and chat.get("type", "private") == "private":
                return self.add_private_chat(chat if "first_name" in chat else {**chat})
            raise KeyError(f"unknown chat {chat_id}: add it first")
        return self.chats[chat_id]

    def _new_message(
        self,
        chat: _Chat,
        from_user: JSON | None,
        *,
        text: str | None = None,
        caption: str | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        media: JSON | None = None,
        sender_chat: JSON | None = None,
        entities: list[JSON] | None = None,
    ) -> JSON:
        mid = next(chat.ids)
        msg: JSON = {"message_id": mid, "date": int(time.time()), "chat": chat.as_json()}
        if from_user is not None:
            msg["from"] = from_user
        if sender_chat is not None:
            msg["sender_chat"] = sender_chat
        if text is not None:
            msg["text"] = text
            ents = auto_entities(text) if entities is None else entities
            if ents:
                msg["entities"] = ents
        if caption is not None:
            msg["caption"] = caption
            ents = auto_entities(caption) if entities is None else entities
            if ents:
                msg["caption_entities"] = ents
        if media:
            msg.update(media)
        if thread_id is not None:
            msg["message_thread_id"] = thread_id
            msg["is_topic_message"] = True
            if reply_to is None and thread_id in chat.messages:
                msg["reply_to_message"] = chat.messages[thread_id]
        if reply_to is not None:
            replied = chat.messages.get(reply_to)
            msg["reply_to_message"] = replied or {
                "message_id": reply_to,
                "date": int(time.time()),
                "chat": chat.as_json(),
            }
        chat.messages[mid] = msg
        return msg

    def _push(self, kind: str, payload: JSON) -> JSON:
        update = {"update_id": next(self._update_ids), kind: payload}
        self._updates.append(update)
        self._new_update.set()
        return update

    def inject_message(
        self,
        chat: int | JSON,
        from_user: JSON | None,
        text: str | None = None,
        *,
        caption: str | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        media: JSON | None = None,
        sender_chat: JSON | None = None,
        entities: list[JSON] | None = None,
    ) -> JSON:
        """Queue a `message` update; returns the update (message under ["message"])."""
        c = self._chat_for(chat)
        msg = self._new_message(
            c,
            from_user,
            text=text,
            caption=caption,
            reply_to=reply_to,
            thread_id=thread_id,
            media=media,
            sender_chat=sender_chat,
            entities=entities,
        )
        return self._push("message", msg)

    def inject_edited(self, chat: int | JSON, message_id: int, text: str) -> JSON:
        c = self._chat_for(chat)
        original = c.messages[message_id]
        edited = {**original, "text": text, "edit_date": int(time.time())}
        ents = auto_entities(text)
        if ents:
            edited["entities"] = ents
        else:
            edited.pop("entities", None)
        c.messages[message_id] = edited
        return self._push("edited_message", edited)

    def inject_callback(
        self, chat: int | JSON, from_user: JSON, message_id: int, data: str
    ) -> JSON:
        c = self._chat_for(chat)
        message = c.messages.get(message_id) or {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": c.as_json(),
        }
        query = {
            "id": str(next(self._callback_ids)),
            "from": from_user,
            "chat_instance": str(c.id),
            "message": message,
            "data": data,
        }
        return self._push("callback_query", query)

    def inject_raw(self, kind: str, payload: JSON) -> JSON:
        return self._push(kind, payload)

    def pending_updates(self) -> list[JSON]:
        return list(self._updates)

    # ---- inspecting ------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[JSON]:
        return [c.params for c in self.requests if method is None or c.method == method]

    def all_request_text(self) -> str:
        """Everything sent to the server, raw bodies and URLs' method names, for leak checks."""
        return "\n".join(f"{c.method} {c.raw}" for c in self.requests)

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[JSON], bool] = lambda _p: True,
        timeout: float = 5.0,  # noqa: ASYNC109 - the helper's documented signature
        *,
        start: int = 0,
    ) -> JSON:
        """The first recorded call (from index `start` of that method's calls) matching."""
        deadline = time.monotonic() + timeout
        while True:
            for params in self.calls(method)[start:]:
                if predicate(params):
                    return params
            if time.monotonic() > deadline:
                seen = [c.method for c in self.requests][-20:]
                raise AssertionError(f"no matching {method} call within {timeout}s; saw {seen}")
            await asyncio.sleep(0.02)

    def sent_texts(self, chat_id: int) -> list[str]:
        """Texts of every sendMessage attempt to the chat, refused ones included."""
        return [
            str(p.get("text", ""))
            for p in self.calls("sendMessage")
            if str(p.get("chat_id")) == str(chat_id)
        ]

    def delivered_texts(self, chat_id: int) -> list[str]:
        """Texts of the sendMessage calls to the chat that succeeded."""
        return [
            str(c.params.get("text", ""))
            for c in self.requests
            if c.method == "sendMessage"
            and c.status == 200
            and str(c.params.get("chat_id")) == str(chat_id)
        ]

    # ---- the wire ------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> tuple[JSON, str]:
        raw = await request.read()
        text = raw.decode("utf-8", "replace")
        ctype = request.content_type
        if ctype == "application/json":
            return (json.loads(text) if text else {}), text
        params: JSON = {}
        if ctype.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                value = (await part.read()).decode("utf-8", "replace")
                params[part.name] = self._decode(part.name, value)
            return params, text
        form = await request.post()
        for k, v in form.items():
            params[k] = self._decode(k, str(v))
        if not params and request.query:
            for k, v in request.query.items():
                params[k] = self._decode(k, v)
        return params, text

    @staticmethod
    def _decode(name: str, value: str) -> Any:
        if name in TEXT_PARAMS:
            return value
        try:
            return json.loads(value)
        except ValueError:
            return value

    async def _handle(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        params, raw = await self._params(request)
        call = Call(method, params, raw + " " + request.path_qs, token)
        self.requests.append(call)
        response = await self._answer(token, method, params)
        call.status = response.status
        return response

    async def _answer(self, token: str, method: str, params: JSON) -> web.Response:
        if token != self.token:
            return self._error(401, "Unauthorized")
        queued = self._failures.get(method)
        if queued:
            f = queued[0]
            f.times -= 1
            if f.times <= 0:
                queued.pop(0)
            return self._error(f.error_code, f.description, f.retry_after)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._error(404, "Not Found: method not found")
        try:
            result = handler(params)
            if asyncio.iscoroutine(result):
                result = await result
        except _ApiError as e:
            return self._error(e.code, e.description)
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(code: int, description: str, retry_after: int | None = None) -> web.Response:
        body: JSON = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=code)

    # ---- methods --------------------------------------------------------------------

    def _chat(self, params: JSON, key: str = "chat_id") -> _Chat:
        try:
            chat_id = int(params[key])
        except (KeyError, TypeError, ValueError):
            raise _ApiError(400, "Bad Request: chat not found") from None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise _ApiError(400, "Bad Request: chat not found")
        return chat

    def _check_can_send(self, chat: _Chat) -> None:
        if chat.type == "private" and chat.id in self.blocked:
            raise _ApiError(403, "Forbidden: bot was blocked by the user")

    def _bot_message(self, chat: _Chat, params: JSON, extra: JSON) -> JSON:
        mid = next(chat.ids)
        msg: JSON = {
            "message_id": mid,
            "date": int(time.time()),
            "chat": chat.as_json(),
            "from": self.bot_user,
            **extra,
        }
        thread = params.get("message_thread_id")
        if thread is not None:
            thread = int(thread)
            if chat.is_forum and thread not in chat.topics:
                raise _ApiError(400, "Bad Request: message thread not found")
            rights = self.bot_rights.get(chat.id, {})
            if chat.topics[thread]["closed"] and not (rights.get("admin") and rights.get("topics")):
                # as Telegram: only admins who may manage topics post into a closed topic
                raise _ApiError(400, "Bad Request: TOPIC_CLOSED")
            msg["message_thread_id"] = thread
            msg["is_topic_message"] = True
        markup = params.get("reply_markup")
        if markup:
            msg["reply_markup"] = markup
        chat.messages[mid] = msg
        return msg

    def _m_getMe(self, params: JSON) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": True,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, params: JSON) -> list[JSON]:
        if self.webhook.get("url"):
            raise _ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = params.get("offset")
        if offset is not None:
            offset = int(offset)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        while not self._updates:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except TimeoutError:
                break
        return self._updates[:limit]

    def _m_sendMessage(self, params: JSON) -> JSON:
        chat = self._chat(params)
        self._check_can_send(chat)
        text = str(params.get("text", ""))
        if not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            raise _ApiError(400, "Bad Request: message is too long")
        return self._bot_message(chat, params, {"text": text})

    def _m_deleteMessage(self, params: JSON) -> bool:
        chat = self._chat(params)
        mid = int(params["message_id"])
        rights = self.bot_rights.get(chat.id, {})
        if chat.type != "private" and not rights.get("delete", False):
            msg = chat.messages.get(mid)
            if msg is None or msg.get("from", {}).get("id") != self.bot_id:
                raise _ApiError(400, "Bad Request: message can't be deleted")
        if mid not in chat.messages:
            raise _ApiError(400, "Bad Request: message to delete not found")
        del chat.messages[mid]
        return True

    def _m_editMessageText(self, params: JSON) -> JSON:
        chat = self._chat(params)
        msg = chat.messages.get(int(params["message_id"]))
        if msg is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        msg["text"] = params.get("text", "")
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        return msg

    def _m_editMessageReplyMarkup(self, params: JSON) -> JSON:
        chat = self._chat(params)
        msg = chat.messages.get(int(params["message_id"]))
        if msg is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        else:
            msg.pop("reply_markup", None)
        return msg

    def _m_answerCallbackQuery(self, params: JSON) -> bool:
        return True

    def _topics_allowed(self, chat: _Chat) -> None:
        if not chat.is_forum:
            raise _ApiError(400, "Bad Request: the chat is not a forum")
        rights = self.bot_rights.get(chat.id, {})
        if not (rights.get("admin") and rights.get("topics")):
            raise _ApiError(400, "Bad Request: not enough rights to manage topics")

    def _m_createForumTopic(self, params: JSON) -> JSON:
        chat = self._chat(params)
        self._topics_allowed(chat)
        name = str(params.get("name", ""))
        if not 1 <= len(name) <= 128:
            raise _ApiError(400, "Bad Request: TOPIC_NAME_INVALID")
        mid = next(chat.ids)
        topic = {"message_thread_id": mid, "name": name, "icon_color": 7322096}
        chat.messages[mid] = {
            "message_id": mid,
            "date": int(time.time()),
            "chat": chat.as_json(),
            "from": self.bot_user,
            "message_thread_id": mid,
            "is_topic_message": True,
            "forum_topic_created": {"name": name, "icon_color": 7322096},
        }
        chat.topics[mid] = {**topic, "closed": False, "by_bot": True}
        return topic

    def _topic(self, params: JSON) -> tuple[_Chat, JSON]:
        """A topic to close or reopen: the bot needs the right, unless it created the topic."""
        chat = self._chat(params)
        topic = chat.topics.get(int(params["message_thread_id"]))
        if topic is None or not topic.get("by_bot"):
            self._topics_allowed(chat)
        if topic is None:
            raise _ApiError(400, "Bad Request: message thread not found")
        return chat, topic

    def _m_closeForumTopic(self, params: JSON) -> bool:
        _, topic = self._topic(params)
        if topic["closed"]:
            raise _ApiError(400, "Bad Request: TOPIC_NOT_MODIFIED")
        topic["closed"] = True
        return True

    def _m_reopenForumTopic(self, params: JSON) -> bool:
        _, topic = self._topic(params)
        if not topic["closed"]:
            raise _ApiError(400, "Bad Request: TOPIC_NOT_MODIFIED")
        topic["closed"] = False
        return True

    def _m_getChat(self, params: JSON) -> JSON:
        chat = self._chat(params)
        return {
            **chat.as_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _m_getChatMember(self, params: JSON) -> JSON:
        chat = self._chat(params)
        user_id = int(params["user_id"])
        if user_id == self.bot_id:
            rights = self.bot_rights.get(chat.id, {})
            if not rights.get("admin"):
                return {"status": "member", "user": self.bot_user}
            return _admin(self.bot_user, delete=rights["delete"], topics=rights["topics"])
        member = self.members.get((chat.id, user_id))
        if member is None:
            raise _ApiError(400, "Bad Request: user not found")
        if member["status"] == "administrator":
            return _admin(member["user"], delete=True, topics=True)
        if member["status"] == "creator":
            return {**member, "is_anonymous": False}
        return member

    def _m_setMyCommands(self, params: JSON) -> bool:
        scope = params.get("scope") or {"type": "default"}
        self.commands[json.dumps(scope, sort_keys=True)] = params.get("commands", [])
        return True

    def _m_deleteMyCommands(self, params: JSON) -> bool:
        scope = params.get("scope") or {"type": "default"}
        self.commands.pop(json.dumps(scope, sort_keys=True), None)
        return True

    def _m_copyMessage(self, params: JSON) -> JSON:
        chat = self._chat(params)
        source = self._chat(params, "from_chat_id")
        original = source.messages.get(int(params["message_id"]))
        if original is None:
            raise _ApiError(400, "Bad Request: message to copy not found")
        self._check_can_send(chat)
        extra = {
            k: v
            for k, v in original.items()
            if k in ("text", "photo", "document", "voice", "video", "sticker", "caption")
        }
        if "caption" in params:
            if params["caption"]:
                extra["caption"] = params["caption"]
            else:
                extra.pop("caption", None)
        msg = self._bot_message(chat, params, extra)
        return {"message_id": msg["message_id"]}

    def _m_forwardMessage(self, params: JSON) -> JSON:
        chat = self._chat(params)
        source = self._chat(params, "from_chat_id")
        original = source.messages.get(int(params["message_id"]))
        if original is None:
            raise _ApiError(400, "Bad Request: message to forward not found")
        extra = {k: v for k, v in original.items() if k in ("text", "photo", "caption")}
        return self._bot_message(chat, params, extra)

    def _m_setWebhook(self, params: JSON) -> bool:
        self.webhook = {
            "url": str(params.get("url", "")),
            "secret_token": params.get("secret_token"),
            "allowed_updates": params.get("allowed_updates"),
        }
        return True

    def _m_deleteWebhook(self, params: JSON) -> bool:
        self.webhook = {"url": ""}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_getWebhookInfo(self, params: JSON) -> JSON:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }


class _ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _admin(u: JSON, *, delete: bool, topics: bool) -> JSON:
    return {
        "status": "administrator",
        "user": u,
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": delete,
        "can_manage_video_chats": False,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": False,
        "can_invite_users": True,
        "can_post_stories": False,
        "can_edit_stories": False,
        "can_delete_stories": False,
        "can_pin_messages": True,
        "can_manage_topics": topics,
    }
