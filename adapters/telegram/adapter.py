"""The Telegram channel: python-telegram-bot underneath, the core's ports on top.

Receiving: long polling by default, or a webhook served by our own aiohttp app.
Polling is our own loop rather than PTB's Updater, because the Updater confirms
updates to Telegram as soon as they are fetched (an update fetched but not yet
handled when the process dies is lost) and cannot resume from a stored offset.
Here each update is handled, then its id is persisted, and only then is it
confirmed by asking for the next offset: nothing is lost across restarts, and
the core's event_id dedupe covers the one update that may be in flight.

Sending: every call goes through PTB's AIORateLimiter (which waits out a 429's
retry_after) and our own retry of network errors; failures come out as the
core's typed errors, never as library exceptions.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections import deque
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any, TypeVar

from aiohttp import web
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, TypeHandler

from adapters.telegram.commands import STAFF_COMMANDS, USER_COMMANDS
from adapters.telegram.errors import safe_description, translate_error
from adapters.telegram.logfilter import install_log_redaction, silence_payload_debug
from adapters.telegram.richsplit import split_html
from adapters.telegram.staff import StaffMembership
from adapters.telegram.translate import BotIdentity, translate_callback, translate_message
from adapters.telegram.webhook import build_health_app, build_webhook_app
from bot.config import ConfigError, TelegramConfig
from bot.model import Button, ButtonPress, ChatKind, IncomingMessage
from bot.ports import DeliveryError, EventSink, MissingPermission, StateStore
from bot.richtext import RichText

log = logging.getLogger(__name__)

T = TypeVar("T")

LAST_UPDATE_KEY = "telegram:last_update_id"
ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "chat_member", "my_chat_member")
TOPIC_TITLE_MAX = 128
# Calls that create something: after a read timeout they may have happened already.
NOT_IDEMPOTENT = frozenset({"sendMessage", "copyMessage", "createForumTopic"})


def _chat_ref(chat_id: str | int) -> int | str:
    """Numeric ids as int; "@channel" usernames stay strings."""
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id)


def _keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data)] for b in buttons]
    )


class TelegramAdapter:
    """ChannelPort for Telegram; feeds the EventSink from polling or a webhook."""

    name = "telegram"

    def __init__(
        self,
        config: TelegramConfig,
        *,
        token: str,
        sink: EventSink,
        state: StateStore,
        staff_ids: Collection[str],
        webhook_secret: str | None = None,
        retry_delays: Sequence[float] = (0.5, 2.0),
        rate_limit_retries: int = 3,
        poll_backoff: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not token:
            raise ConfigError(f"environment variable {config.token_env} is empty")
        self.config = config
        self._token = token
        self.sink = sink
        self.state = state
        self._retry_delays = tuple(retry_delays)
        self._poll_backoff = poll_backoff
        self._clock = clock
        secret = webhook_secret
        if secret is None and config.webhook.secret_token_env:
            secret = os.environ.get(config.webhook.secret_token_env, "").strip() or None
        self._webhook_secret = secret
        install_log_redaction(token, *([secret] if secret else []))
        silence_payload_debug()
        self.app: Application[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder()
            .token(token)
            .base_url(config.base_url)
            .base_file_url(config.base_file_url)
            .rate_limiter(AIORateLimiter(max_retries=rate_limit_retries))
            .updater(None)
            .build()
        )
        self.app.add_handler(TypeHandler(Update, self._on_update))
        self.app.add_error_handler(self._on_handler_error)
        self.membership = StaffMembership(
            staff_chat_id=config.staff_chat_id,
            configured=staff_ids,
            lookup=self._member_status,
            ttl_seconds=config.staff_cache_seconds,
            clock=clock,
        )
        self.ident: BotIdentity | None = None
        self.last_update_id: int | None = None
        self._forum: tuple[bool, float] | None = None
        self._topics_warned = False
        self._running = False
        self._stop_event = asyncio.Event()
        self._poll_task: asyncio.Task[None] | None = None
        self._runner: web.AppRunner | None = None
        self.webhook_port: int | None = None
        self.health_port: int | None = None  # polling mode's health server, once started
        self._last_poll_ok: float | None = None  # clock() of the last getUpdates that answered
        self._recent_ids: deque[int] = deque(maxlen=1000)
        self._webhook_lock = asyncio.Lock()

    # ---- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        """Connect (getMe), publish command menus, then poll or serve the webhook."""
        if self.config.mode == "webhook" and not self._webhook_secret:
            raise ConfigError(
                "config key channels.telegram.webhook.secret_token_env: webhook mode needs a "
                "secret token (name an environment variable that holds one)"
            )
        try:
            await self._with_retries("getMe", "", self.app.initialize)
        except BaseException:
            # Application.shutdown skips a half-initialised app: close the bot's pools
            await self.app.bot.shutdown()
            raise
        try:
            await self._finish_start()
        except BaseException:
            await self.stop(grace_seconds=1)
            raise
        log.info("telegram adapter started as @%s (%s)", self.app.bot.username, self.config.mode)

    async def _finish_start(self) -> None:
        me = self.app.bot
        self.ident = BotIdentity(
            bot_id=me.id, username=me.username, staff_chat_id=self.config.staff_chat_id
        )
        self.last_update_id = parse_stored_offset(
            await self.state.get_state(LAST_UPDATE_KEY), now=time.time()
        )
        await self._publish_commands()
        await self._check_staff_chat()
        await self.app.start()
        self._running = True
        self._stop_event.clear()
        if self.config.mode == "webhook":
            await self._start_webhook()
        else:
            await self._call("deleteWebhook", "", lambda: me.delete_webhook())
            self._last_poll_ok = self._clock()  # getMe just answered
            self._poll_task = asyncio.create_task(self._poll_loop(), name="telegram-polling")
            if self.config.health.port is not None:
                await self._start_health_server()

    async def stop(self, *, grace_seconds: float = 10.0) -> None:
        """Finish the update in hand, stop receiving, close connections."""
        self._running = False
        self._stop_event.set()
        if self._poll_task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._poll_task), grace_seconds)
            except TimeoutError:
                self._poll_task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._poll_task
            self._poll_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
        log.info("telegram adapter stopped")

    def health(self) -> dict[str, Any]:
        """Liveness for a probe. In polling mode "ok" also needs the poll loop alive (it stops
        for good on a rejected token) and a getUpdates answer within the last few long polls."""
        ok = self._running
        body: dict[str, Any] = {
            "channel": self.name,
            "mode": self.config.mode,
            "bot": self.ident.username if self.ident else None,
            "last_update_id": self.last_update_id,
        }
        if self.config.mode == "polling":
            alive = self._poll_task is not None and not self._poll_task.done()
            since = None if self._last_poll_ok is None else self._clock() - self._last_poll_ok
            fresh = since is not None and since <= self._poll_grace()
            ok = ok and alive and fresh
            body["polling"] = {
                "alive": alive,
                "seconds_since_answer": None if since is None else round(since, 1),
            }
        return {"ok": ok, **body}

    def _poll_grace(self) -> float:
        """How long without any getUpdates answer still counts as healthy: three long polls
        (each may take poll_timeout seconds, plus backoff after a failure), at least 90 s."""
        return max(90.0, 3.0 * (self.config.poll_timeout + 10))

    async def _start_health_server(self) -> None:
        hc = self.config.health
        app = build_health_app(path=hc.path, health=self.health)
        self.health_port = await self._serve(app, hc.listen, hc.port or 0)

    async def _serve(self, app: web.Application, listen: str, port: int) -> int:
        """Serve `app` (stopped by `stop`); the port actually bound (port 0: any free one)."""
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, listen, port)
        await site.start()
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        return int(sockets[0].getsockname()[1]) if sockets else port

    # ---- receiving: polling ----------------------------------------------------------

    async def _poll_loop(self) -> None:
        bot = self.app.bot
        failures = 0
        while not self._stop_event.is_set():
            offset = self.last_update_id + 1 if self.last_update_id is not None else None
            fetch = asyncio.ensure_future(
                bot.get_updates(
                    offset=offset,
                    timeout=self.config.poll_timeout,
                    allowed_updates=list(ALLOWED_UPDATES),
                )
            )
            stopping = asyncio.ensure_future(self._stop_event.wait())
            await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not fetch.done():
                fetch.cancel()  # nothing fetched is lost: unconfirmed updates come again
                with contextlib.suppress(BaseException):
                    await fetch
                break
            stopping.cancel()
            try:
                updates = fetch.result()
            except TimedOut:
                continue  # a long poll that outlived the read timeout
            except InvalidToken:
                log.error("Telegram rejected the bot token; polling stopped")
                return
            except RetryAfter as e:
                await self._sleep(e.retry_after)
                continue
            except (Conflict, NetworkError) as e:
                failures += 1
                delay = min(30.0, self._poll_backoff * 2 ** min(failures - 1, 5))
                log.warning("getUpdates failed (%s); retrying in %.1fs", safe_description(e), delay)
                await self._sleep(delay)
                continue
            except TelegramError as e:
                failures += 1
                log.warning("getUpdates failed: %s", safe_description(e))
                await self._sleep(min(30.0, self._poll_backoff * 2 ** min(failures - 1, 5)))
                continue
            failures = 0
            self._last_poll_ok = self._clock()
            for update in updates:
                if self._stop_event.is_set():
                    break  # not persisted: fetched again on the next start
                await self._handle_and_persist(update)

    async def _sleep(self, seconds: float | timedelta) -> None:
        """Sleep, but wake at once when stop() is called."""
        delay = seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), delay)

    async def _handle_and_persist(self, update: Update) -> None:
        uid = update.update_id
        if (self.last_update_id is not None and uid <= self.last_update_id) or (
            uid in self._recent_ids
        ):
            return
        await self.app.process_update(update)
        self._recent_ids.append(uid)
        if self.last_update_id is None or uid > self.last_update_id:
            self.last_update_id = uid
            try:
                await self.state.set_state(LAST_UPDATE_KEY, stored_offset(uid, time.time()))
            except Exception:
                log.exception("could not persist the last Telegram update id")

    # ---- receiving: webhook ----------------------------------------------------------

    def webhook_app(self) -> web.Application:
        """The aiohttp app (update route + health route), e.g. to mount elsewhere."""
        assert self._webhook_secret is not None
        return build_webhook_app(
            path=self.config.webhook.path,
            health_path=self.config.webhook.health_path,
            secret=self._webhook_secret,
            handle_update=self._on_webhook_update,
            health=self.health,
        )

    async def _start_webhook(self) -> None:
        wh = self.config.webhook
        self.webhook_port = await self._serve(self.webhook_app(), wh.listen, wh.port)
        if wh.public_url:
            url = wh.public_url.rstrip("/") + wh.path
            await self._call(
                "setWebhook",
                "",
                lambda: self.app.bot.set_webhook(
                    url=url,
                    secret_token=self._webhook_secret,
                    allowed_updates=list(ALLOWED_UPDATES),
                ),
            )

    async def _on_webhook_update(self, data: dict[str, Any]) -> None:
        update = Update.de_json(data, self.app.bot)
        async with self._webhook_lock:
            # webhook deliveries can arrive out of order: dedupe on recent ids only
            if update.update_id in self._recent_ids:
                return
            await self.app.process_update(update)
            self._recent_ids.append(update.update_id)
            if self.last_update_id is None or update.update_id > self.last_update_id:
                self.last_update_id = update.update_id
                await self.state.set_state(
                    LAST_UPDATE_KEY, stored_offset(update.update_id, time.time())
                )

    # ---- translating updates for the core --------------------------------------------

    async def _on_update(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(update, Update) or self.ident is None:
            return
        if update.callback_query is not None:
            await self._on_callback(update)
            return
        if update.chat_member is not None:
            cm = update.chat_member
            if cm.chat.id == self.config.staff_chat_id:
                self.membership.remember(cm.new_chat_member.user.id, cm.new_chat_member.status)
            return
        if update.my_chat_member is not None:
            if update.my_chat_member.chat.id == self.config.staff_chat_id:
                self._forum = None  # rights or chat settings changed: look again
            return
        message = update.message or update.edited_message
        if message is None:
            return
        msg = translate_message(
            message,
            update_id=update.update_id,
            edited=update.edited_message is not None,
            ident=self.ident,
        )
        if msg is None:
            return
        if await self._sender_is_staff(message, msg):
            msg = _with_staff(msg)
        await self.sink.on_message(msg)

    async def _sender_is_staff(self, message: Message, msg: IncomingMessage) -> bool:
        if message.sender_chat is not None:
            # an anonymous admin of the staff chat posts as the staff chat itself
            return msg.chat_kind is ChatKind.STAFF and message.sender_chat.id == message.chat.id
        user = message.from_user
        if user is None or user.is_bot:
            return False
        if msg.chat_kind is not ChatKind.STAFF:
            # Staff powers only matter in the staff chat. Looking members up for every group
            # message would spend the staff chat's rate-limit budget (20/min) on chatter and
            # stall the guard behind it; configured ids still count everywhere.
            return self.membership.configured_staff(user.id)
        return await self.membership.is_staff(user.id)

    async def _on_callback(self, update: Update) -> None:
        query = update.callback_query
        assert query is not None and self.ident is not None
        try:
            await query.answer()
        except TelegramError as e:  # too old or already answered: the press still counts
            log.info("answerCallbackQuery failed: %s", safe_description(e))
        press = translate_callback(query, self.ident)
        if press is None:
            return
        in_staff_chat = press.chat_kind is ChatKind.STAFF
        if not query.from_user.is_bot and (
            await self.membership.is_staff(query.from_user.id)
            if in_staff_chat
            else self.membership.configured_staff(query.from_user.id)
        ):
            press = _press_with_staff(press)
        await self.sink.on_button(press)

    async def _on_handler_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        err = context.error
        uid = update.update_id if isinstance(update, Update) else None
        # no exc_info: the exception text could echo user input
        log.error("handling Telegram update %s failed: %s", uid, type(err).__name__)

    async def _member_status(self, user_id: int) -> str:
        chat_id = self.config.staff_chat_id
        assert chat_id is not None
        try:
            member = await self.app.bot.get_chat_member(chat_id, user_id)
        except (BadRequest, Forbidden) as e:
            if (
                isinstance(e, BadRequest)
                and "not found" not in str(e).lower()
                and ("invalid" not in str(e).lower())
            ):
                raise
            return "left"
        return str(member.status)

    # ---- ChannelPort -----------------------------------------------------------------

    async def send(
        self,
        chat_id: str,
        text: RichText,
        *,
        buttons: Sequence[Button] = (),
        reply_to: str | None = None,
        thread_id: str | None = None,
    ) -> str | None:
        chunks = split_html(text)
        if not chunks:
            return None
        bot = self.app.bot
        chat = _chat_ref(chat_id)
        markup = _keyboard(buttons)
        reply = (
            ReplyParameters(message_id=int(reply_to), allow_sending_without_reply=True)
            if reply_to and reply_to.isdigit()
            else None
        )
        thread = int(thread_id) if thread_id else None
        last_id: str | None = None
        for i, chunk in enumerate(chunks):
            final = i == len(chunks) - 1

            def call(chunk: str = chunk, final: bool = final, first: bool = i == 0) -> Any:
                return bot.send_message(
                    chat_id=chat,
                    text=chunk,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup if final else None,
                    reply_parameters=reply if first else None,
                    message_thread_id=thread,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )

            sent = await self._call("sendMessage", chat_id, call)
            last_id = str(sent.message_id)
        return last_id

    async def delete(self, chat_id: str, message_id: str) -> None:
        try:
            await self._call(
                "deleteMessage",
                chat_id,
                lambda: self.app.bot.delete_message(_chat_ref(chat_id), int(message_id)),
            )
        except MissingPermission:
            raise
        except DeliveryError as e:
            if "not found" in str(e).lower():
                return  # already gone: what we wanted
            raise

    def has_staff_chat(self) -> bool:
        return self.config.staff_chat_id is not None

    async def staff_send(
        self,
        text: RichText,
        *,
        thread_id: str | None = None,
        buttons: Sequence[Button] = (),
    ) -> str | None:
        chat_id = self._staff_chat()
        return await self._in_staff_thread(
            thread_id,
            lambda thread: self.send(chat_id, text, buttons=buttons, thread_id=thread),
        )

    async def _in_staff_thread(
        self, thread_id: str | None, post: Callable[[str | None], Awaitable[str | None]]
    ) -> str | None:
        """Post into a ticket's topic; if the topic is gone, or closed and the bot may not
        reopen it (a person closed it, or the 'Manage topics' right was taken away), post in
        the main staff chat instead: a ticket update must reach the staff either way."""
        try:
            return await post(thread_id)
        except MissingPermission:
            raise
        except DeliveryError as e:
            lowered = str(e).lower()
            if not thread_id:
                raise
            if "topic_closed" in lowered:
                try:
                    await self.set_staff_thread_state(thread_id, closed=False)
                    return await post(thread_id)
                except DeliveryError:  # MissingPermission included
                    log.warning(
                        "staff topic %s is closed and cannot be reopened; posting in the main "
                        "staff chat",
                        thread_id,
                    )
                    return await post(None)
            if "thread not found" in lowered or "topic_deleted" in lowered:
                log.warning("staff topic %s is gone; posting in the main staff chat", thread_id)
                return await post(None)
            raise

    async def open_staff_thread(self, title: str) -> str | None:
        if self.config.staff_chat_id is None or not await self._staff_chat_is_forum():
            return None
        chat_id = self._staff_chat()
        name = title.strip()[:TOPIC_TITLE_MAX] or "ticket"
        try:
            topic = await self._call(
                "createForumTopic",
                chat_id,
                lambda: self.app.bot.create_forum_topic(_chat_ref(chat_id), name),
            )
        except MissingPermission:
            # Post in the main staff chat instead, and say why once.
            if not self._topics_warned:
                self._topics_warned = True
                log.warning("cannot create forum topics in the staff chat (manage topics)")
                with contextlib.suppress(DeliveryError):
                    await self.send(
                        chat_id,
                        RichText.plain(
                            "🔧 The bot cannot create topics here (it needs the 'Manage topics' "
                            "admin right); tickets are posted in this chat instead."
                        ),
                    )
            return None
        return str(topic.message_thread_id)

    async def set_staff_thread_state(self, thread_id: str, *, closed: bool) -> None:
        chat_id = self._staff_chat()
        bot = self.app.bot
        method = "closeForumTopic" if closed else "reopenForumTopic"
        fn = bot.close_forum_topic if closed else bot.reopen_forum_topic
        try:
            await self._call(method, chat_id, lambda: fn(_chat_ref(chat_id), int(thread_id)))
        except MissingPermission:
            raise
        except DeliveryError as e:
            if "not_modified" in str(e).lower().replace(" ", "_"):
                return  # already in that state
            raise

    async def copy_to_staff(
        self,
        chat_id: str,
        message_id: str,
        thread_id: str | None = None,
        *,
        keep_caption: bool = False,
    ) -> str | None:
        """Copy a user's media into the staff chat/topic (copyMessage); returns the new id.

        The caption is dropped unless asked for: the core already relays the
        caption as guarded, redacted text, and a caption may hold a secret.
        """
        staff = self._staff_chat()

        async def copy(thread: str | None) -> str | None:
            result = await self._call(
                "copyMessage",
                staff,
                lambda: self.app.bot.copy_message(
                    chat_id=_chat_ref(staff),
                    from_chat_id=_chat_ref(chat_id),
                    message_id=int(message_id),
                    message_thread_id=int(thread) if thread else None,
                    caption=None if keep_caption else "",
                ),
            )
            return str(result.message_id)

        return await self._in_staff_thread(thread_id, copy)

    # ---- helpers ---------------------------------------------------------------------

    def _staff_chat(self) -> str:
        if self.config.staff_chat_id is None:
            raise DeliveryError("no Telegram staff chat is configured (channels.telegram)")
        return str(self.config.staff_chat_id)

    async def _staff_chat_is_forum(self) -> bool:
        now = self._clock()
        if self._forum is not None and self._forum[1] > now:
            return self._forum[0]
        try:
            chat = await self._call(
                "getChat", self._staff_chat(), lambda: self.app.bot.get_chat(self._staff_chat())
            )
        except DeliveryError as e:
            log.warning("could not read the staff chat: %s", e)
            return False
        is_forum = bool(chat.is_forum)
        self._forum = (is_forum, now + self.config.staff_cache_seconds)
        return is_forum

    async def _publish_commands(self) -> None:
        bot = self.app.bot
        user = [BotCommand(c, d) for c, d in USER_COMMANDS]
        staff = [BotCommand(c, d) for c, d in STAFF_COMMANDS]
        try:
            await self._call(
                "setMyCommands", "", lambda: bot.set_my_commands(user, BotCommandScopeDefault())
            )
            if self.config.staff_chat_id is not None:
                scope = BotCommandScopeChat(self.config.staff_chat_id)
                await self._call("setMyCommands", "", lambda: bot.set_my_commands(staff, scope))
        except DeliveryError as e:
            log.warning("could not publish the command menus: %s", e)

    async def _check_staff_chat(self) -> None:
        """Warn at start about missing admin rights, before a secret stays visible."""
        if self.config.staff_chat_id is None or self.ident is None:
            return
        ident = self.ident
        try:
            me = await self._call(
                "getChatMember",
                self._staff_chat(),
                lambda: self.app.bot.get_chat_member(self._staff_chat(), ident.bot_id),
            )
        except DeliveryError as e:
            log.warning("the bot cannot see the staff chat: %s", e)
            return
        if me.status != "administrator":
            log.warning("the bot is not an admin of the staff chat (it cannot manage topics)")
        elif await self._staff_chat_is_forum() and not getattr(me, "can_manage_topics", False):
            log.warning("the bot lacks the 'manage topics' right in the staff chat")

    async def _call(self, method: str, chat_id: str | int, fn: Callable[[], Awaitable[T]]) -> T:
        return await self._with_retries(method, chat_id, fn)

    async def _with_retries(
        self, method: str, chat_id: str | int, fn: Callable[[], Awaitable[T]]
    ) -> T:
        """Run one Bot API call; retry network errors; raise only DeliveryError kinds."""
        attempt = 0
        while True:
            try:
                return await fn()
            except BadRequest as e:  # a NetworkError subclass, but never worth retrying
                raise translate_error(e, method=method, chat_id=chat_id) from None
            except NetworkError as e:  # TimedOut is one too
                timed_out = isinstance(e, TimedOut)
                # after a timeout Telegram may have acted already: a retry could send it twice
                if (timed_out and method in NOT_IDEMPOTENT) or attempt >= len(self._retry_delays):
                    raise translate_error(e, method=method, chat_id=chat_id) from None
                delay = self._retry_delays[attempt]
                attempt += 1
                what = "timed out" if timed_out else "network error"
                log.info("%s: %s, retry %d in %.2fs", method, what, attempt, delay)
                await asyncio.sleep(delay)
            except TelegramError as e:
                raise translate_error(e, method=method, chat_id=chat_id) from None
            except (TypeError, ValueError, KeyError) as e:  # a reply PTB could not parse
                log.error("%s: unexpected reply from Telegram (%s)", method, type(e).__name__)
                raise DeliveryError(f"unexpected reply from Telegram ({method})") from None


# After a week without updates Telegram may restart update ids at a random value; an
# older stored offset could then hide every new update, so it is dropped.
OFFSET_MAX_AGE = 6 * 24 * 3600


def stored_offset(update_id: int, now: float) -> str:
    return f"{update_id} {int(now)}"


def parse_stored_offset(value: str | None, *, now: float) -> int | None:
    """The last handled update id, or None when unknown, malformed or too old to trust."""
    parts = (value or "").split()
    if not parts or not parts[0].lstrip("-").isdigit():
        return None
    if len(parts) > 1 and parts[1].isdigit() and now - int(parts[1]) > OFFSET_MAX_AGE:
        return None
    return int(parts[0])


def _with_staff(msg: IncomingMessage) -> IncomingMessage:
    return replace(msg, is_staff=True)


def _press_with_staff(press: ButtonPress) -> ButtonPress:
    return replace(press, is_staff=True)
