"""A fake Discord (REST API + Gateway websocket) for end-to-end tests of the Discord adapter.

It speaks enough of the real protocol that the unmodified discord.py library talks to
it: hello / identify / ready / guild create / heartbeat ack / resume / reconnect /
invalid session on the gateway (uncompressed text frames, or a zlib stream compressed
with one persistent compressobj and Z_SYNC_FLUSH when the client asks for
`compress=zlib-stream`), and the REST routes the adapter uses. Every REST request is
recorded (body included) so tests can assert, for instance, that a secret never left
the process. Tests drive it with `inject_message`, `inject_interaction`,
`inject_component_click`, `fail_next`, and read it with `calls`, `wait_for_call`,
`messages_in`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1420070400000
API_PREFIX = "/api/v10"

# gateway opcodes
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, RESUME, RECONNECT, REQUEST_MEMBERS = 0, 1, 2, 3, 6, 7, 8
INVALID_SESSION, HELLO, HEARTBEAT_ACK = 9, 10, 11

# channel types
GUILD_TEXT, DM, PUBLIC_THREAD, PRIVATE_THREAD = 0, 1, 11, 12

EPHEMERAL = 64


def iso(ts: float | None = None) -> str:
    return datetime.fromtimestamp(ts if ts is not None else time.time(), UTC).isoformat()


class Snowflakes:
    """Increasing, realistic snowflakes (time-based, so `after=` paging works)."""

    def __init__(self) -> None:
        self._last = 0

    def next(self) -> int:
        now = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last = max(now, self._last + 1)
        return self._last


@dataclass
class Call:
    """One REST request as the fake received it."""

    method: str
    route: str  # the template, e.g. "POST /channels/{channel_id}/messages"
    path: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    raw: str
    authorized: bool

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.raw}"


@dataclass
class Failure:
    route: str
    status: int
    code: int
    message: str
    retry_after: float | None = None
    match: Callable[[Call], bool] | None = None


@dataclass
class Session:
    id: str
    seq: int = 0
    events: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    compressor: Any = None
    identify: dict[str, Any] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class Interaction:
    id: int
    token: str
    payload: dict[str, Any]
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    original: dict[str, Any] | None = None
    followups: list[dict[str, Any]] = field(default_factory=list)
    original_deleted: bool = False

    @property
    def replies(self) -> list[str]:
        """What the user saw: the original response's content, then each followup's."""
        out = []
        if self.original is not None and self.original.get("content"):
            out.append(self.original["content"])
        out.extend(m.get("content", "") for m in self.followups)
        return out


_ROUTES: list[tuple[str, str]] = [
    ("GET", "/users/@me"),
    ("GET", "/oauth2/applications/@me"),
    ("GET", "/applications/@me"),
    ("GET", "/gateway"),
    ("GET", "/gateway/bot"),
    ("POST", "/users/@me/channels"),
    ("GET", "/channels/{channel_id}"),
    ("PATCH", "/channels/{channel_id}"),
    ("POST", "/channels/{channel_id}/messages"),
    ("GET", "/channels/{channel_id}/messages"),
    ("GET", "/channels/{channel_id}/messages/{message_id}"),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}"),
    ("POST", "/channels/{channel_id}/threads"),
    ("PUT", "/channels/{channel_id}/thread-members/{user_id}"),
    ("GET", "/guilds/{guild_id}/members/{user_id}"),
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ("GET", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ("PUT", "/applications/{application_id}/commands"),
    ("POST", "/interactions/{interaction_id}/{token}/callback"),
    ("POST", "/webhooks/{application_id}/{token}"),
    ("GET", "/webhooks/{application_id}/{token}/messages/{message_id}"),
    ("PATCH", "/webhooks/{application_id}/{token}/messages/{message_id}"),
    ("DELETE", "/webhooks/{application_id}/{token}/messages/{message_id}"),
]
_UNAUTHENTICATED = ("/interactions/", "/webhooks/")


def _compile(template: str) -> re.Pattern[str]:
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    return re.compile(f"^{pattern}$")


_COMPILED = [(m, t, _compile(t)) for m, t in _ROUTES]


def _json(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with Discord's exact content type (discord.py compares it literally)."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


class ApiError(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class FakeDiscord:
    """One fake Discord with a bot application, guilds, channels, users and DMs."""

    def __init__(
        self,
        token: str,
        *,
        bot_id: int = 4242,
        bot_name: str = "SupportBot",
        application_id: int | None = None,
    ) -> None:
        self.token = token
        self.ids = Snowflakes()
        self.bot = self._user_obj(bot_id, bot_name, bot=True)
        self.application_id = application_id or bot_id
        self.users: dict[int, dict[str, Any]] = {bot_id: self.bot}
        self.guilds: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, list[dict[str, Any]]] = {}  # channel id -> messages (oldest first)
        self.members: dict[tuple[int, int], dict[str, Any]] = {}
        self.dm_closed: set[int] = set()  # users who do not accept DMs from the bot
        self.commands: dict[int, list[dict[str, Any]]] = {}  # guild id -> registered commands
        self.interactions: dict[int, Interaction] = {}
        self.sessions: dict[str, Session] = {}
        self.identify_count = 0
        self.resume_count = 0
        self.replay_overlap = 0  # resend this many already-sent events on RESUME (redelivery)
        self.invalidate_resumes = False  # answer RESUME with INVALID_SESSION(false)
        self._calls: list[Call] = []
        self._failures: list[Failure] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._session_ids = itertools.count(1)
        self.port = 0

    # ---- lifecycle ---------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        for s in self.sessions.values():
            if s.ws is not None and not s.ws.closed:
                await s.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # ---- world building ---------------------------------------------------------

    @staticmethod
    def _user_obj(uid: int, name: str, *, bot: bool = False) -> dict[str, Any]:
        return {
            "id": str(uid),
            "username": name.lower().replace(" ", "_"),
            "global_name": name,
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def add_user(self, uid: int, name: str) -> dict[str, Any]:
        self.users[uid] = self._user_obj(uid, name)
        return self.users[uid]

    def add_guild(self, gid: int, name: str, *, roles: dict[int, str] | None = None) -> None:
        everyone: dict[str, Any] = {"id": str(gid), "name": "@everyone", "permissions": "1024"}
        role_objs: list[dict[str, Any]] = [everyone] + [
            {"id": str(rid), "name": rname, "permissions": "0"}
            for rid, rname in (roles or {}).items()
        ]
        for i, r in enumerate(role_objs):
            r.update(position=i, color=0, hoist=False, managed=False, mentionable=True, flags=0)
        self.guilds[gid] = {
            "id": str(gid),
            "name": name,
            "icon": None,
            "owner_id": "1",
            "roles": role_objs,
            "emojis": [],
            "stickers": [],
            "features": [],
            "member_count": 0,
            "large": False,
            "unavailable": False,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "system_channel_flags": 0,
            "nsfw_level": 0,
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }
        self.add_member(gid, int(self.bot["id"]))

    def add_channel(self, gid: int, cid: int, name: str) -> dict[str, Any]:
        ch = {
            "id": str(cid),
            "type": GUILD_TEXT,
            "guild_id": str(gid),
            "name": name,
            "position": len(self.channels),
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "last_message_id": None,
            "flags": 0,
        }
        self.channels[cid] = ch
        self.messages.setdefault(cid, [])
        return ch

    def add_member(
        self, gid: int, uid: int, *, roles: tuple[int, ...] = (), nick: str | None = None
    ) -> None:
        self.members[(gid, uid)] = {
            "user": self.users[uid],
            "roles": [str(r) for r in roles],
            "nick": nick,
            "joined_at": iso(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
        }
        self.guilds[gid]["member_count"] = sum(1 for g, _ in self.members if g == gid)

    def dm_channel(self, uid: int) -> int:
        """The DM channel between the bot and a user (created on first use)."""
        for cid, ch in self.channels.items():
            if ch["type"] == DM and ch["recipients"][0]["id"] == str(uid):
                return cid
        cid = self.ids.next()
        self.channels[cid] = {
            "id": str(cid),
            "type": DM,
            "recipients": [self.users[uid]],
            "last_message_id": None,
            "flags": 0,
        }
        self.messages.setdefault(cid, [])
        return cid

    def _guild_of(self, cid: int) -> int | None:
        gid = self.channels[cid].get("guild_id")
        return int(gid) if gid else None

    def guild_payload(self, gid: int) -> dict[str, Any]:
        g = dict(self.guilds[gid])
        g["channels"] = [
            {k: v for k, v in c.items() if k != "guild_id"}
            for c in self.channels.values()
            if c.get("guild_id") == str(gid) and c["type"] == GUILD_TEXT
        ]
        g["threads"] = [
            c
            for c in self.channels.values()
            if c.get("guild_id") == str(gid)
            and c["type"] in (PUBLIC_THREAD, PRIVATE_THREAD)
            and not c["thread_metadata"]["archived"]
        ]
        g["members"] = [m for (mg, _), m in self.members.items() if mg == gid]
        g["joined_at"] = iso()
        return g

    # ---- messages -----------------------------------------------------------------

    def _message_obj(
        self,
        cid: int,
        author_id: int,
        content: str,
        *,
        reply_to: int | None = None,
        components: list[dict[str, Any]] | None = None,
        attachments: list[dict[str, Any]] | None = None,
        flags: int = 0,
    ) -> dict[str, Any]:
        mid = self.ids.next()
        ch = self.channels[cid]
        msg: dict[str, Any] = {
            "id": str(mid),
            "channel_id": str(cid),
            "author": self.users[author_id],
            "content": content,
            "timestamp": iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": attachments or [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": flags,
            "components": components or [],
        }
        gid = self._guild_of(cid)
        if gid is not None:
            msg["guild_id"] = str(gid)
            member = self.members.get((gid, author_id))
            if member is not None:
                msg["member"] = {k: v for k, v in member.items() if k != "user"}
        for m in re.finditer(r"<@!?(\d+)>", content):
            u = self.users.get(int(m.group(1)))
            if u is not None and u not in msg["mentions"]:
                msg["mentions"].append(u)
        if reply_to is not None:
            ref = self.find_message(reply_to)
            msg["type"] = 19
            msg["message_reference"] = {
                "message_id": str(reply_to),
                "channel_id": str(cid),
                **({"guild_id": str(gid)} if gid else {}),
            }
            if ref is not None:
                msg["referenced_message"] = {
                    k: v for k, v in ref.items() if k != "referenced_message"
                }
        ch["last_message_id"] = str(mid)
        self.messages.setdefault(cid, []).append(msg)
        return msg

    def find_message(self, mid: int) -> dict[str, Any] | None:
        for msgs in self.messages.values():
            for m in msgs:
                if m["id"] == str(mid):
                    return m
        return None

    def inject_message(
        self,
        channel_id: int,
        author_id: int,
        content: str,
        *,
        reply_to: int | None = None,
        attachments: list[dict[str, Any]] | None = None,
        dispatch: bool = True,
    ) -> dict[str, Any]:
        """A user writes in a channel; the bot hears it through MESSAGE_CREATE."""
        msg = self._message_obj(
            channel_id, author_id, content, reply_to=reply_to, attachments=attachments
        )
        if dispatch:
            self.dispatch("MESSAGE_CREATE", msg)
        return msg

    def edit_message(self, channel_id: int, message_id: int, content: str) -> dict[str, Any]:
        msg = self.find_message(message_id)
        assert msg is not None and msg["channel_id"] == str(channel_id)
        msg["content"] = content
        msg["edited_timestamp"] = iso()
        self.dispatch("MESSAGE_UPDATE", dict(msg))
        return msg

    def messages_in(self, channel_id: int) -> list[dict[str, Any]]:
        return list(self.messages.get(channel_id, []))

    def texts_in(self, channel_id: int, *, by_bot: bool | None = None) -> list[str]:
        out = []
        for m in self.messages.get(channel_id, []):
            if by_bot is None or (m["author"]["id"] == self.bot["id"]) == by_bot:
                out.append(m["content"])
        return out

    def threads_of(self, channel_id: int) -> list[dict[str, Any]]:
        return [
            c
            for c in self.channels.values()
            if c.get("parent_id") == str(channel_id)
            and c["type"] in (PUBLIC_THREAD, PRIVATE_THREAD)
        ]

    # ---- interactions -------------------------------------------------------------------

    def _interaction_base(
        self, itype: int, user_id: int, channel_id: int, data: dict[str, Any]
    ) -> Interaction:
        iid = self.ids.next()
        token = f"itok-{iid}"
        ch = self.channels[channel_id]
        gid = self._guild_of(channel_id)
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": itype,
            "data": data,
            "token": token,
            "version": 1,
            "channel_id": str(channel_id),
            "channel": {k: v for k, v in ch.items() if k != "recipients"},
            "app_permissions": "0",
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {},
            "context": 0 if gid else 1,
            "attachment_size_limit": 10485760,
        }
        if gid is not None:
            payload["guild_id"] = str(gid)
            payload["guild_locale"] = "en-US"
            member = dict(self.members[(gid, user_id)])
            member["permissions"] = "0"
            payload["member"] = member
        else:
            payload["user"] = self.users[user_id]
        it = Interaction(iid, token, payload)
        self.interactions[iid] = it
        return it

    def inject_interaction(
        self, channel_id: int, user_id: int, name: str, options: dict[str, Any] | None = None
    ) -> Interaction:
        """A user runs a slash command (type 2 interaction) with these option values."""
        gid = self._guild_of(channel_id)
        registered = {c["name"]: c for c in self.commands.get(gid or 0, [])}
        cmd = registered.get(name)
        kinds: dict[str, int] = {}
        if cmd is not None:
            kinds = {o["name"]: o["type"] for o in cmd.get("options", [])}
        opts = [
            {"name": k, "type": kinds.get(k, 4 if isinstance(v, int) else 3), "value": v}
            for k, v in (options or {}).items()
        ]
        data: dict[str, Any] = {
            "id": cmd["id"] if cmd else str(self.ids.next()),
            "name": name,
            "type": 1,
            "options": opts,
        }
        if gid is not None:
            data["guild_id"] = str(gid)
        it = self._interaction_base(2, user_id, channel_id, data)
        self.dispatch("INTERACTION_CREATE", it.payload)
        return it

    def inject_component_click(self, message_id: int, user_id: int, custom_id: str) -> Interaction:
        """A user presses a button (type 3 interaction) on one of the bot's messages."""
        msg = self.find_message(message_id)
        assert msg is not None, "no such message"
        data = {"custom_id": custom_id, "component_type": 2}
        it = self._interaction_base(3, user_id, int(msg["channel_id"]), data)
        it.payload["message"] = msg
        self.dispatch("INTERACTION_CREATE", it.payload)
        return it

    # ---- REST: recording, failures ----------------------------------------------------

    def fail_next(
        self,
        route: str,
        status: int,
        code: int = 0,
        message: str = "",
        *,
        retry_after: float | None = None,
        match: Callable[[Call], bool] | None = None,
    ) -> None:
        """Make the next request on `route` (e.g. "POST /channels/{channel_id}/messages") fail."""
        self._failures.append(Failure(route, status, code, message, retry_after, match))

    def calls(self, route: str | None = None) -> list[Call]:
        return [c for c in self._calls if route is None or c.route == route]

    def all_traffic(self) -> str:
        """Every REST request as text (paths, queries and bodies): for 'never sent' assertions."""
        return "\n".join(f"{c.method} {c.path} {c.query} {c.raw}" for c in self._calls)

    async def wait_for_call(
        self,
        route: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        start: int = 0,
    ) -> Call:
        """The first call on `route` (from index `start` of that route's calls) matching."""

        def find() -> Call | None:
            for c in self.calls(route)[start:]:
                if predicate is None or predicate(c):
                    return c
            return None

        async with self._changed:
            found = await asyncio.wait_for(self._changed.wait_for(find), timeout)
        assert found is not None
        return found

    async def wait_until(self, cond: Callable[[], Any], timeout: float = 5.0) -> Any:  # noqa: ASYNC109
        async with self._changed:
            return await asyncio.wait_for(self._changed.wait_for(cond), timeout)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        raw = await request.text()
        body: Any = None
        if raw:
            ctype = request.headers.get("Content-Type", "")
            if ctype.startswith("application/json"):
                body = json.loads(raw)
            elif ctype.startswith("multipart/"):
                m = re.search(r'name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n(.*?)\r\n--', raw, re.S)
                body = json.loads(m.group(1)) if m else raw
        route, params = f"{request.method} ?", {}
        for method, template, rx in _COMPILED:
            mm = rx.match(path)
            if mm and method == request.method:
                route, params = f"{method} {template}", mm.groupdict()
                break
        authorized = request.headers.get("Authorization") == f"Bot {self.token}"
        call = Call(request.method, route, path, params, dict(request.query), body, raw, authorized)
        self._calls.append(call)
        try:
            if not authorized and not path.startswith(_UNAUTHENTICATED):
                raise ApiError(401, 0, "401: Unauthorized")
            for f in self._failures:
                if f.route == route and (f.match is None or f.match(call)):
                    self._failures.remove(f)
                    if f.status == 429:
                        return _json(
                            {
                                "message": "You are being rate limited.",
                                "retry_after": f.retry_after or 0.05,
                                "global": False,
                            },
                            status=429,
                            headers={
                                "Via": "1.1 google",
                                "Retry-After": "1",
                                "X-RateLimit-Scope": "user",
                            },
                        )
                    raise ApiError(f.status, f.code, f.message or "error")
            handler = getattr(self, "_h_" + re.sub(r"\W+", "_", route).strip("_").lower(), None)
            if handler is None:
                raise ApiError(404, 0, "404: Not Found")
            result = await handler(call)
            if result is None:
                return web.Response(status=204)
            return _json(result)
        except ApiError as e:
            return _json({"message": e.message, "code": e.code}, status=e.status)
        finally:
            await self._notify()

    # ---- REST handlers -------------------------------------------------------------------

    async def _h_get_users_me(self, call: Call) -> Any:
        return self.bot

    async def _h_get_oauth2_applications_me(self, call: Call) -> Any:
        return {
            "id": str(self.application_id),
            "name": self.bot["global_name"],
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": self._user_obj(1, "Owner"),
            "verify_key": "0" * 64,
            "flags": 0,
            "rpc_origins": [],
            "summary": "",
        }

    _h_get_applications_me = _h_get_oauth2_applications_me

    async def _h_get_gateway(self, call: Call) -> Any:
        return {"url": self.gateway_url}

    async def _h_get_gateway_bot(self, call: Call) -> Any:
        return {
            "url": self.gateway_url,
            "shards": 1,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 0,
                "max_concurrency": 1,
            },
        }

    async def _h_post_users_me_channels(self, call: Call) -> Any:
        uid = int(call.body["recipient_id"])
        if uid not in self.users:
            raise ApiError(400, 50035, "Invalid Form Body")
        return self.channels[self.dm_channel(uid)]

    def _channel(self, call: Call) -> tuple[int, dict[str, Any]]:
        cid = int(call.params["channel_id"])
        if cid not in self.channels:
            raise ApiError(404, 10003, "Unknown Channel")
        return cid, self.channels[cid]

    async def _h_get_channels_channel_id(self, call: Call) -> Any:
        return self._channel(call)[1]

    async def _h_patch_channels_channel_id(self, call: Call) -> Any:
        _, ch = self._channel(call)
        body = call.body or {}
        if "thread_metadata" in ch:
            md = ch["thread_metadata"]
            for key in ("archived", "locked", "invitable", "auto_archive_duration"):
                if key in body:
                    md[key] = body[key]
            md["archive_timestamp"] = iso()
        if "name" in body:
            ch["name"] = body["name"]
        self.dispatch("THREAD_UPDATE" if "thread_metadata" in ch else "CHANNEL_UPDATE", ch)
        return ch

    def _check_send(self, cid: int, ch: dict[str, Any]) -> None:
        if ch["type"] == DM and int(ch["recipients"][0]["id"]) in self.dm_closed:
            raise ApiError(403, 50007, "Cannot send messages to this user")
        md = ch.get("thread_metadata")
        if md is not None and md.get("archived"):
            if md.get("locked"):
                raise ApiError(403, 50083, "Thread is archived")
            md["archived"] = False  # posting in an archived (unlocked) thread reopens it

    async def _h_post_channels_channel_id_messages(self, call: Call) -> Any:
        cid, ch = self._channel(call)
        self._check_send(cid, ch)
        body = call.body or {}
        ref = body.get("message_reference") or {}
        reply_to = int(ref["message_id"]) if ref.get("message_id") else None
        if reply_to is not None and self.find_message(reply_to) is None:
            if ref.get("fail_if_not_exists", True):
                raise ApiError(400, 50035, "Invalid Form Body")
            reply_to = None
        msg = self._message_obj(
            cid,
            int(self.bot["id"]),
            body.get("content", ""),
            reply_to=reply_to,
            components=body.get("components"),
        )
        self.dispatch("MESSAGE_CREATE", msg)
        return msg

    async def _h_get_channels_channel_id_messages(self, call: Call) -> Any:
        cid, _ = self._channel(call)
        msgs = self.messages.get(cid, [])
        limit = int(call.query.get("limit", "50"))
        if "after" in call.query:
            after = int(call.query["after"])
            picked = [m for m in msgs if int(m["id"]) > after][:limit]
        elif "before" in call.query:
            before = int(call.query["before"])
            picked = [m for m in msgs if int(m["id"]) < before][-limit:]
        else:
            picked = msgs[-limit:]
        return list(reversed(picked))  # Discord answers newest first

    async def _h_get_channels_channel_id_messages_message_id(self, call: Call) -> Any:
        msg = self.find_message(int(call.params["message_id"]))
        if msg is None:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    async def _h_delete_channels_channel_id_messages_message_id(self, call: Call) -> Any:
        cid, ch = self._channel(call)
        mid = int(call.params["message_id"])
        msgs = self.messages.get(cid, [])
        msg = next((m for m in msgs if m["id"] == str(mid)), None)
        if msg is None:
            raise ApiError(404, 10008, "Unknown Message")
        if ch["type"] == DM and msg["author"]["id"] != self.bot["id"]:
            raise ApiError(403, 50003, "Cannot execute action on a DM channel")
        msgs.remove(msg)
        self.dispatch(
            "MESSAGE_DELETE",
            {
                "id": str(mid),
                "channel_id": str(cid),
                **({"guild_id": ch["guild_id"]} if "guild_id" in ch else {}),
            },
        )
        return None

    async def _h_post_channels_channel_id_threads(self, call: Call) -> Any:
        cid, _ = self._channel(call)
        body = call.body or {}
        return self.add_thread(
            cid,
            body["name"],
            kind=int(body.get("type", PRIVATE_THREAD)),
            auto_archive=int(body.get("auto_archive_duration", 10080)),
            invitable=bool(body.get("invitable", True)),
        )

    def add_thread(
        self,
        parent_id: int,
        name: str,
        *,
        kind: int = PRIVATE_THREAD,
        auto_archive: int = 10080,
        invitable: bool = False,
        dispatch: bool = True,
    ) -> dict[str, Any]:
        """A thread in a guild channel (THREAD_CREATE is sent unless `dispatch` is False)."""
        parent = self.channels[parent_id]
        tid = self.ids.next()
        thread = {
            "id": str(tid),
            "type": kind,
            "guild_id": parent["guild_id"],
            "parent_id": str(parent_id),
            "owner_id": self.bot["id"],
            "name": name,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "message_count": 0,
            "member_count": 1,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": auto_archive,
                "archive_timestamp": iso(),
                "locked": False,
                "invitable": invitable,
                "create_timestamp": iso(),
            },
        }
        self.channels[tid] = thread
        self.messages[tid] = []
        if dispatch:
            member = {
                "id": str(tid),
                "user_id": self.bot["id"],
                "join_timestamp": iso(),
                "flags": 0,
            }
            self.dispatch("THREAD_CREATE", {**thread, "member": member, "newly_created": True})
        return thread

    async def _h_put_channels_channel_id_thread_members_user_id(self, call: Call) -> Any:
        self._channel(call)
        return None

    async def _h_get_guilds_guild_id_members_user_id(self, call: Call) -> Any:
        key = (int(call.params["guild_id"]), int(call.params["user_id"]))
        if key not in self.members:
            raise ApiError(404, 10007, "Unknown Member")
        return self.members[key]

    async def _h_put_applications_application_id_guilds_guild_id_commands(self, call: Call) -> Any:
        gid = int(call.params["guild_id"])
        out = []
        for c in call.body or []:
            out.append(
                {
                    **c,
                    "id": str(self.ids.next()),
                    "application_id": str(self.application_id),
                    "guild_id": str(gid),
                    "version": str(self.ids.next()),
                    "type": c.get("type", 1),
                    "default_member_permissions": c.get("default_member_permissions"),
                }
            )
        self.commands[gid] = out
        return out

    async def _h_get_applications_application_id_guilds_guild_id_commands(self, call: Call) -> Any:
        return self.commands.get(int(call.params["guild_id"]), [])

    async def _h_put_applications_application_id_commands(self, call: Call) -> Any:
        self.commands[0] = [{**c, "id": str(self.ids.next())} for c in call.body or []]
        return self.commands[0]

    def _interaction(self, call: Call) -> Interaction:
        key = call.params.get("interaction_id")
        token = call.params["token"]
        for it in self.interactions.values():
            if it.token == token and (key is None or str(it.id) == key):
                return it
        raise ApiError(404, 10062, "Unknown interaction")

    async def _h_post_interactions_interaction_id_token_callback(self, call: Call) -> Any:
        it = self._interaction(call)
        if it.callbacks:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body = call.body or {}
        it.callbacks.append(body)
        rtype = int(body.get("type", 0))
        data = body.get("data") or {}
        cid = int(it.payload["channel_id"])
        result: dict[str, Any] = {
            "interaction": {
                "id": str(it.id),
                "type": it.payload["type"],
                "response_message_loading": rtype == 5,
                "response_message_ephemeral": bool(int(data.get("flags", 0)) & EPHEMERAL),
            },
            "resource": {"type": rtype},
        }
        if rtype in (4, 5):  # a message (or a "thinking…" placeholder) answers the command
            msg = self._message_obj(
                cid, int(self.bot["id"]), data.get("content", ""), flags=int(data.get("flags", 0))
            )
            invoker = (it.payload.get("member") or {}).get("user") or it.payload.get("user")
            msg["interaction_metadata"] = {
                "id": str(it.id),
                "type": it.payload["type"],
                "user": invoker,
                "authorizing_integration_owners": {},
            }
            it.original = msg
            result["interaction"]["response_message_id"] = msg["id"]
            result["resource"]["message"] = msg
        return result

    async def _h_post_webhooks_application_id_token(self, call: Call) -> Any:
        it = self._interaction(call)
        if not it.callbacks:
            raise ApiError(404, 10015, "Unknown Webhook")
        body = call.body or {}
        msg = self._message_obj(
            int(it.payload["channel_id"]),
            int(self.bot["id"]),
            body.get("content", ""),
            components=body.get("components"),
            flags=int(body.get("flags", 0)),
        )
        it.followups.append(msg)
        return msg

    def _webhook_message(self, call: Call) -> tuple[Interaction, dict[str, Any]]:
        it = self._interaction(call)
        mid = call.params["message_id"]
        if mid == "@original":
            if it.original is None or it.original_deleted:
                raise ApiError(404, 10008, "Unknown Message")
            return it, it.original
        for m in it.followups:
            if m["id"] == mid:
                return it, m
        raise ApiError(404, 10008, "Unknown Message")

    async def _h_get_webhooks_application_id_token_messages_message_id(self, call: Call) -> Any:
        return self._webhook_message(call)[1]

    async def _h_patch_webhooks_application_id_token_messages_message_id(self, call: Call) -> Any:
        _, msg = self._webhook_message(call)
        body = call.body or {}
        if "content" in body:
            msg["content"] = body["content"] or ""
        if "components" in body:
            msg["components"] = body["components"]
        msg["edited_timestamp"] = iso()
        return msg

    async def _h_delete_webhooks_application_id_token_messages_message_id(self, call: Call) -> Any:
        it, msg = self._webhook_message(call)
        if msg is it.original:
            it.original_deleted = True
        msgs = self.messages.get(int(msg["channel_id"]), [])
        if msg in msgs:
            msgs.remove(msg)
        return None

    # ---- the gateway -----------------------------------------------------------------------

    def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Queue a dispatch event on every live session (delivered now if connected)."""
        for s in self.sessions.values():
            s.seq += 1
            payload = {"op": DISPATCH, "t": event, "s": s.seq, "d": data}
            s.events.append((s.seq, payload))
            if s.ws is not None and not s.ws.closed:
                asyncio.get_running_loop().create_task(self._send(s, payload))

    @property
    def connected(self) -> bool:
        return any(s.ws is not None and not s.ws.closed for s in self.sessions.values())

    async def wait_connected(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        deadline = time.monotonic() + timeout
        while not self.connected:
            if time.monotonic() > deadline:
                raise TimeoutError("the bot did not connect to the fake gateway")
            await asyncio.sleep(0.01)

    async def _send(self, s: Session, payload: dict[str, Any]) -> None:
        async with s.lock:  # FIFO: events leave in the order they were queued
            ws = s.ws
            if ws is None or ws.closed:
                return
            text = json.dumps(payload)
            try:
                if s.compressor is not None:
                    data = s.compressor.compress(text.encode())
                    await ws.send_bytes(data + s.compressor.flush(zlib.Z_SYNC_FLUSH))
                else:
                    await ws.send_str(text)
            except (ConnectionError, RuntimeError):
                pass

    async def reconnect_request(self) -> None:
        """Send op 7 RECONNECT: the client must reconnect and RESUME."""
        for s in self.sessions.values():
            if s.ws is not None and not s.ws.closed:
                await self._send(s, {"op": RECONNECT, "d": None})

    async def drop_connections(self, code: int = 4000) -> None:
        """Close every gateway socket as if the network failed (the sessions stay resumable)."""
        for s in self.sessions.values():
            if s.ws is not None and not s.ws.closed:
                await s.ws.close(code=code, message=b"dropped")
            s.ws = None

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        compressor = zlib.compressobj() if request.query.get("compress") == "zlib-stream" else None
        session: Session | None = None
        probe = Session("probe", ws=ws, compressor=compressor)
        await self._send(
            probe, {"op": HELLO, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}
        )
        try:
            async for frame in ws:
                if frame.type != WSMsgType.TEXT:
                    if frame.type == WSMsgType.BINARY:
                        continue
                    break
                msg = json.loads(frame.data)
                op, d = msg.get("op"), msg.get("d")
                if op == HEARTBEAT:
                    await self._send(session or probe, {"op": HEARTBEAT_ACK, "d": None})
                elif op == IDENTIFY:
                    if d.get("token") != self.token:
                        await ws.close(code=4004, message=b"Authentication failed.")
                        break
                    self.identify_count += 1
                    session = Session(
                        f"sess-{next(self._session_ids)}", ws=ws, compressor=compressor, identify=d
                    )
                    self.sessions[session.id] = session
                    await self._ready(session)
                elif op == RESUME:
                    old = self.sessions.get(d.get("session_id", ""))
                    if d.get("token") != self.token:
                        await ws.close(code=4004, message=b"Authentication failed.")
                        break
                    if old is None or self.invalidate_resumes:
                        await self._send(probe, {"op": INVALID_SESSION, "d": False})
                        continue
                    self.resume_count += 1
                    session = old
                    session.ws = ws
                    session.compressor = compressor
                    since = int(d.get("seq") or 0) - self.replay_overlap
                    for seq, payload in list(session.events):
                        if seq > since:
                            await self._send(session, payload)
                    session.seq += 1
                    await self._send(
                        session, {"op": DISPATCH, "t": "RESUMED", "s": session.seq, "d": {}}
                    )
                elif op == REQUEST_MEMBERS and session is not None:
                    gid = int(d["guild_id"])
                    self.dispatch(
                        "GUILD_MEMBERS_CHUNK",
                        {
                            "guild_id": str(gid),
                            "members": [m for (g, _), m in self.members.items() if g == gid],
                            "chunk_index": 0,
                            "chunk_count": 1,
                            "nonce": d.get("nonce"),
                        },
                    )
                await self._notify()
        finally:
            if session is not None and session.ws is ws:
                session.ws = None
            await self._notify()
        return ws

    async def _ready(self, s: Session) -> None:
        s.seq += 1
        ready = {
            "v": 10,
            "user": self.bot,
            "guilds": [{"id": str(g), "unavailable": True} for g in self.guilds],
            "session_id": s.id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        payload = {"op": DISPATCH, "t": "READY", "s": s.seq, "d": ready}
        s.events.append((s.seq, payload))
        await self._send(s, payload)
        for gid in self.guilds:
            s.seq += 1
            payload = {
                "op": DISPATCH,
                "t": "GUILD_CREATE",
                "s": s.seq,
                "d": self.guild_payload(gid),
            }
            s.events.append((s.seq, payload))
            await self._send(s, payload)
