"""The Discord channel: discord.py underneath, the core's ports on top.

Receiving: discord.py's gateway client (it reconnects and resumes by itself; a
resumed session replays what was missed, and the core drops replays by event id).
Messages of one channel are handed to the core one at a time, in order. For DMs the
id of the last handled message is stored, and on start (and after any fresh
session) the DMs of users with an open ticket are read from that id on, so what they
wrote while the bot was down is not lost.

Staff side: one staff channel; each ticket gets a private thread there. Staff
commands work as text ("!take 42") and as guild slash commands, which are rebuilt
into the same text; a slash command is acknowledged at once ("thinking…") and the
core's answer to it replaces that placeholder (further answers are followups).

Buttons are plain components whose custom_id is the core's data; presses are
handled in `on_interaction`, so buttons keep working across restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict, deque
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import discord
from discord import app_commands
from discord.webhook.async_ import async_context

from adapters.discord import logfilter
from adapters.discord.commands import staff_commands
from adapters.discord.errors import THREAD_LOCKED, translate
from adapters.discord.routing import RoutedWebhookAdapter, Routes, routed_http_client
from adapters.discord.textsplit import split_markdown
from adapters.discord.translate import (
    CHANNEL,
    HANDLED_TYPES,
    Layout,
    Where,
    display_name,
    parent_of,
    to_incoming,
    to_press,
)
from bot.config import ConfigError, DiscordConfig
from bot.model import Button, ChatKind, IncomingMessage
from bot.ports import CannotDeleteHere, DeliveryError, EventSink, MissingPermission, StateStore
from bot.richtext import RichText, TextBuilder

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
LAST_SEEN_KEY = "discord:last_seen:{}"
THREAD_ARCHIVE_MINUTES: Literal[10080] = 10080  # a week: tickets can wait
ALREADY_ACKNOWLEDGED = 40060
DONE = "✅"


def last_seen_key(channel_id: int | str) -> str:
    return LAST_SEEN_KEY.format(channel_id)


def make_view(buttons: Sequence[Button]) -> discord.ui.View:
    """A View that discord.py does not track: presses arrive in on_interaction instead."""
    view = discord.ui.View(timeout=None)
    for b in buttons[:25]:
        view.add_item(
            discord.ui.Button(
                label=b.label[:80] or "•",
                custom_id=b.data[:100],
                style=discord.ButtonStyle.secondary,
            )
        )
    view.stop()  # a finished view is never stored by Messageable.send
    return view


@dataclass(slots=True)
class _Pending:
    """A slash command waiting for the core's answer."""

    interaction: discord.Interaction
    ephemeral: bool
    answered: bool = False
    deleted: bool = False


class _Client(discord.Client):
    """discord.Client with per-instance routing and events forwarded to the adapter."""

    def __init__(self, adapter: DiscordAdapter, routes: Routes | None, **options: Any) -> None:
        self._adapter = adapter
        self._routes = routes
        super().__init__(**options)

    def _get_state(self, **options: Any) -> Any:
        # called from Client.__init__ right after self.http is built: swap it before
        # the connection state captures it
        if self._routes is not None:
            self.http = routed_http_client(self.http, self._routes)
        return super()._get_state(**options)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # Discord allows one IDENTIFY per 5 s; discord.py waits before every re-identify
        if not initial:
            await asyncio.sleep(self._adapter.reidentify_delay)

    async def on_ready(self) -> None:
        await self._adapter._on_ready()

    async def on_message(self, message: discord.Message) -> None:
        await self._adapter._on_message(message)

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        message = payload.message
        if message.edited_at is None:  # an embed unfurled, the text did not change
            return
        await self._adapter._on_message(message, edited=True)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        await self._adapter._on_interaction(interaction)

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        # the traceback only: event arguments may hold what a user wrote
        log.exception("discord event handler %s failed", event_method)


class DiscordAdapter:
    """ChannelPort for Discord; feeds the EventSink from the gateway."""

    name = CHANNEL

    def __init__(
        self,
        config: DiscordConfig,
        *,
        token: str,
        sink: EventSink,
        state: StateStore,
        staff_ids: Collection[str],
        ready_timeout: float = 60.0,
        guild_ready_timeout: float = 2.0,
        catchup_limit: int = 200,
        reidentify_delay: float = 5.0,
    ) -> None:
        if not token:
            raise ConfigError(f"environment variable {config.token_env} is empty")
        self.config = config
        self._token = token
        self.sink = sink
        self.state = state
        self.ready_timeout = ready_timeout
        self.catchup_limit = catchup_limit
        self.reidentify_delay = reidentify_delay
        routes = Routes(config.api_base_url, config.gateway_url)
        self.routes: Routes | None = None if routes.is_default else routes
        self._webhooks = RoutedWebhookAdapter(routes) if self.routes else None
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        intents.message_content = True
        intents.members = True
        self.client = _Client(
            self,
            self.routes,
            intents=intents,
            chunk_guilds_at_startup=False,
            guild_ready_timeout=guild_ready_timeout,
            allowed_mentions=NO_MENTIONS,
        )
        self.tree = app_commands.CommandTree(self.client)
        self.tree.error(self._on_tree_error)
        if config.staff_guild_id is not None:
            guild = discord.Object(config.staff_guild_id)
            for command in staff_commands(self._run_slash):
                self.tree.add_command(command, guild=guild)
        self.layout = Layout(
            bot_id=0,
            bot_name="bot",
            staff_guild_id=config.staff_guild_id,
            staff_channel_id=config.staff_channel_id,
            staff_role_ids=frozenset(config.staff_role_ids),
            support_channel_ids=frozenset(config.support_channel_ids),
            staff_ids=frozenset(s for s in staff_ids if s.startswith(f"{CHANNEL}:")),
            prefix=config.command_prefix,
        )
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._locks: dict[int, asyncio.Lock] = {}
        self._held: list[asyncio.Lock] = []
        self._catchup_plan: list[tuple[int, int, int]] = []
        self._last_seen: dict[int, int] = {}
        self._dm_channels: set[int] = set()
        self._msg_channel: OrderedDict[int, int] = OrderedDict()
        self._pending: dict[str, _Pending] = {}
        self._recent_interactions: deque[int] = deque(maxlen=2000)
        self._closed_threads: set[int] = set()
        self._thread_fallback_noted = False
        self._filters: list[Any] = []

    # ---- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        """Log in, connect, sync the slash commands, catch up on DMs; returns when ready."""
        if self._task is not None:
            raise RuntimeError("the Discord adapter is already running")
        self._filters = logfilter.install(self._token)
        self._ready = asyncio.Event()
        await self._plan_catchup(hold_locks=True)
        self._task = asyncio.create_task(self._run(), name="discord-gateway")
        waiter = asyncio.create_task(self._ready.wait())
        try:
            await asyncio.wait(
                {self._task, waiter},
                timeout=self.ready_timeout,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            waiter.cancel()
        if self._ready.is_set():
            log.info("discord adapter ready as %s", self.layout.bot_name)
            return
        error = self._start_error()
        await self.stop()
        raise error

    def _start_error(self) -> Exception:
        task = self._task
        exc = task.exception() if task is not None and task.done() else None
        if exc is None:
            return DeliveryError(f"Discord did not become ready within {self.ready_timeout:.0f}s")
        if isinstance(exc, discord.LoginFailure):
            return ConfigError(
                f"environment variable {self.config.token_env}: Discord rejected the bot token"
            )
        if isinstance(exc, discord.PrivilegedIntentsRequired):
            return ConfigError(
                "Discord refused the privileged intents: enable Message Content and Server "
                "Members for the bot in the Developer Portal (see docs/discord.md)"
            )
        if not isinstance(exc, discord.HTTPException | OSError | TimeoutError):
            log.error("the Discord client stopped", exc_info=exc)
        return translate(exc, action="connect", chat_id="", right="")

    async def _run(self) -> None:
        if self._webhooks is not None:
            # inherited by every task the client spawns (event handlers, command tree)
            async_context.set(self._webhooks)
        await self.client.start(self._token)

    async def stop(self) -> None:
        """Disconnect; pending event handlers finish on their own."""
        if not self.client.is_closed():
            await self.client.close()
        if self._task is not None:
            task, self._task = self._task, None
            try:
                await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), 10)
            except TimeoutError:
                task.cancel()
        for lock in self._held:
            if lock.locked():
                lock.release()
        self._held.clear()
        logfilter.uninstall(self._filters)
        self._filters = []

    @contextlib.contextmanager
    def _webhook_context(self) -> Iterator[None]:
        if self._webhooks is None:
            yield
            return
        token = async_context.set(self._webhooks)
        try:
            yield
        finally:
            async_context.reset(token)

    def _identity(self) -> None:
        user = self.client.user
        if user is not None and self.layout.bot_id != user.id:
            self.layout.bot_id = user.id
            self.layout.bot_name = user.display_name or user.name

    async def _on_ready(self) -> None:
        self._identity()
        if not self._ready.is_set():
            try:
                await self._sync_commands()
                plan, self._catchup_plan = self._catchup_plan, []
                await self._catch_up(plan, locked=True)
            finally:
                self._ready.set()
        else:
            # a fresh session (the old one could not be resumed): events were missed
            await self._plan_catchup(hold_locks=False)
            plan, self._catchup_plan = self._catchup_plan, []
            await self._catch_up(plan, locked=False)

    async def _sync_commands(self) -> None:
        gid = self.config.staff_guild_id
        if gid is None:
            return
        try:
            await self.tree.sync(guild=discord.Object(gid))
        except Exception as e:
            err = translate(e, action="register slash commands", chat_id=str(gid), right="")
            log.warning(
                "slash commands not registered (invite the bot with the applications.commands "
                "scope); text commands still work: %s",
                err,
            )

    # ---- catching up on DMs ------------------------------------------------------------

    def _lock(self, channel_id: int) -> asyncio.Lock:
        lock = self._locks.get(channel_id)
        if lock is None:
            lock = self._locks[channel_id] = asyncio.Lock()
        return lock

    async def _plan_catchup(self, *, hold_locks: bool) -> None:
        """Which DMs to read, from which message id; optionally hold their locks until read."""
        plan: list[tuple[int, int, int]] = []
        try:
            chats = await self.state.open_ticket_chats(CHANNEL)
        except Exception:
            log.exception("could not list open tickets for the Discord catch-up")
            return
        for chat_id, user_id in chats:
            if not (chat_id.isdigit() and user_id.isdigit()):
                continue
            cid = int(chat_id)
            stored = await self.state.get_state(last_seen_key(cid))
            if not stored or not stored.isdigit():
                continue  # never seen a message there: nothing to resume from
            after = max(int(stored), self._last_seen.get(cid, 0))
            self._last_seen[cid] = after
            self._dm_channels.add(cid)
            if hold_locks:
                lock = self._lock(cid)
                await lock.acquire()
                self._held.append(lock)
            plan.append((cid, int(user_id), after))
        self._catchup_plan = plan

    async def _catch_up(self, plan: list[tuple[int, int, int]], *, locked: bool) -> None:
        for cid, uid, after in plan:
            lock = self._lock(cid)
            held = locked
            try:
                if not locked:
                    await lock.acquire()
                    held = True
                channel = self.client.get_partial_messageable(cid, type=discord.ChannelType.private)
                count = 0
                async for message in channel.history(
                    limit=self.catchup_limit, after=discord.Object(after), oldest_first=True
                ):
                    if message.author.id != uid:
                        continue
                    await self._deliver(message, Where(ChatKind.PRIVATE, str(cid)), edited=False)
                    count += 1
                if count:
                    log.info("caught up on %d DM message(s) written while disconnected", count)
            except Exception as e:
                err = translate(e, action="read a DM history", chat_id=str(cid), right="")
                log.warning("DM catch-up failed: %s", err)
            finally:
                if held and lock.locked():
                    lock.release()
                if lock in self._held:
                    self._held.remove(lock)

    # ---- receiving ------------------------------------------------------------------------

    async def _where(self, channel: object, channel_id: int, guild_id: int | None) -> Where:
        if guild_id is None:
            return self.layout.where(channel_id, None, None)
        parent = parent_of(channel)
        if parent is None and not isinstance(channel, discord.abc.GuildChannel):
            parent = await self._lookup_parent(channel_id)
        return self.layout.where(channel_id, guild_id, parent)

    async def _lookup_parent(self, channel_id: int) -> int | None:
        """The parent of a channel discord.py does not have cached (a thread, usually)."""
        if channel_id in self.layout.thread_parents:
            return self.layout.thread_parents[channel_id]
        if channel_id == self.config.staff_channel_id:
            return None
        try:
            channel = await self.client.fetch_channel(channel_id)
        except Exception as e:
            log.warning(
                "could not look up a channel: %s",
                translate(e, action="read a channel", chat_id="", right=""),
            )
            return None
        parent = parent_of(channel)
        self.layout.thread_parents[channel_id] = parent
        return parent

    def _remember(self, message_id: int, channel_id: int) -> None:
        self._msg_channel[message_id] = channel_id
        while len(self._msg_channel) > 5000:
            self._msg_channel.popitem(last=False)

    async def _on_message(self, message: discord.Message, *, edited: bool = False) -> None:
        self._identity()
        author = message.author
        if author.bot or message.webhook_id is not None or author.id == self.layout.bot_id:
            return
        if message.type not in HANDLED_TYPES:
            return
        guild_id = message.guild.id if message.guild else None
        where = await self._where(message.channel, message.channel.id, guild_id)
        async with self._lock(message.channel.id):
            await self._deliver(message, where, edited=edited)

    async def _deliver(self, message: discord.Message, where: Where, *, edited: bool) -> None:
        """Hand one message to the core (the channel's lock is held)."""
        cid = message.channel.id
        private = where.kind is ChatKind.PRIVATE
        if private:
            self._dm_channels.add(cid)
            if not edited and message.id <= self._last_seen.get(cid, 0):
                return  # already handled (a catch-up and a live event met)
        self._remember(message.id, cid)
        msg = to_incoming(message, self.layout, where, edited=edited)
        await self.sink.on_message(msg)
        if private and message.id > self._last_seen.get(cid, 0):
            self._last_seen[cid] = message.id
            try:
                await self.state.set_state(last_seen_key(cid), str(message.id))
            except Exception:
                log.exception("could not store the last seen DM message")

    def _seen_interaction(self, interaction: discord.Interaction) -> bool:
        if interaction.id in self._recent_interactions:
            return True
        self._recent_interactions.append(interaction.id)
        return False

    async def _interaction_where(self, interaction: discord.Interaction) -> Where:
        cid = interaction.channel_id or 0
        return await self._where(interaction.channel, cid, interaction.guild_id)

    async def _on_interaction(self, interaction: discord.Interaction) -> None:
        """Button presses (slash commands go through the command tree)."""
        if interaction.type is not discord.InteractionType.component:
            return
        data: Any = interaction.data or {}
        custom_id = data.get("custom_id")
        if not isinstance(custom_id, str) or not custom_id:
            return
        if self._seen_interaction(interaction):
            return
        try:
            with self._webhook_context():
                await interaction.response.defer()
        except discord.HTTPException as e:
            if e.code == ALREADY_ACKNOWLEDGED:
                return
            log.warning(
                "could not acknowledge a button press: %s",
                translate(e, action="acknowledge", chat_id="", right=""),
            )
        self._identity()
        where = await self._interaction_where(interaction)
        if where.kind is ChatKind.PRIVATE and interaction.channel_id:
            self._dm_channels.add(interaction.channel_id)
        await self.sink.on_button(to_press(interaction, self.layout, where, custom_id))

    async def _run_slash(self, interaction: discord.Interaction, text: str) -> None:
        """A staff slash command: acknowledge, then run it as the equivalent text command."""
        if self._seen_interaction(interaction):
            return
        self._identity()
        where = await self._interaction_where(interaction)
        ephemeral = where.kind is not ChatKind.STAFF
        try:
            with self._webhook_context():
                await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        except discord.HTTPException as e:
            if e.code == ALREADY_ACKNOWLEDGED:
                return
            log.warning(
                "could not acknowledge a slash command: %s",
                translate(e, action="acknowledge", chat_id="", right=""),
            )
        pid = f"i{interaction.id}"
        pending = _Pending(interaction, ephemeral)
        self._pending[pid] = pending
        user = interaction.user
        msg = IncomingMessage(
            channel=CHANNEL,
            chat_id=where.chat_id,
            chat_kind=ChatKind.STAFF,
            user_id=str(user.id),
            display_name=display_name(user),
            username=user.name,
            text=text,
            message_id=pid,
            thread_id=where.thread_id,
            event_id=f"{CHANNEL}:interaction:{interaction.id}",
            language_hint=str(interaction.locale) if interaction.locale else None,
            is_staff=self.layout.is_staff(user, interaction.guild_id),
        )
        try:
            await self.sink.on_message(msg)
        finally:
            self._pending.pop(pid, None)
            if not pending.answered and not pending.deleted:
                with contextlib.suppress(Exception), self._webhook_context():
                    await interaction.edit_original_response(content=DONE)

    async def _on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        original = getattr(error, "original", None)
        log.warning("slash command failed: %s", type(error).__name__, exc_info=original)
        with contextlib.suppress(Exception), self._webhook_context():
            if interaction.response.is_done():
                await interaction.edit_original_response(content="That command failed.")
            else:
                await interaction.response.send_message("That command failed.", ephemeral=True)

    # ---- ChannelPort: sending ----------------------------------------------------------------

    async def send(
        self,
        chat_id: str,
        text: RichText,
        *,
        buttons: Sequence[Button] = (),
        reply_to: str | None = None,
        thread_id: str | None = None,
    ) -> str | None:
        pending = self._pending.get(reply_to or "")
        if pending is not None:
            mid = await self._answer_interaction(pending, text, buttons)
            if mid is not None:
                return mid
            reply_to = None  # the interaction expired: answer in the channel instead
        target = _snowflake(thread_id or chat_id, "chat")
        right = "Send Messages in Threads" if thread_id else "Send Messages"
        return await self._post(target, text, buttons, reply_to, chat_id=chat_id, right=right)

    async def _post(
        self,
        target: int,
        text: RichText,
        buttons: Sequence[Button],
        reply_to: str | None,
        *,
        chat_id: str,
        right: str,
    ) -> str:
        channel = self.client.get_partial_messageable(target)
        chunks = split_markdown(text)
        first: str | None = None
        for i, chunk in enumerate(chunks):
            kwargs: dict[str, Any] = {"content": chunk, "allowed_mentions": NO_MENTIONS}
            if i == len(chunks) - 1 and buttons:
                kwargs["view"] = make_view(buttons)
            if i == 0 and reply_to and reply_to.isdigit():
                kwargs["reference"] = discord.MessageReference(
                    message_id=int(reply_to), channel_id=target, fail_if_not_exists=False
                )
            message = await self._send_one(channel, kwargs, chat_id=chat_id, right=right)
            first = first or str(message.id)
        assert first is not None
        return first

    async def _send_one(
        self,
        channel: discord.PartialMessageable,
        kwargs: dict[str, Any],
        *,
        chat_id: str,
        right: str,
    ) -> discord.Message:
        try:
            return await channel.send(**kwargs)
        except discord.Forbidden as e:
            if e.code != THREAD_LOCKED or not await self._is_ticket_thread(channel.id):
                raise translate(e, action="send a message", chat_id=chat_id, right=right) from None
        except Exception as e:
            raise translate(e, action="send a message", chat_id=chat_id, right=right) from None
        # a last word in a closed ticket thread ("closed", CSAT): open it, post, close it again
        await self._thread_state(channel.id, archived=False, locked=True)
        try:
            return await channel.send(**kwargs)
        except Exception as e:
            raise translate(e, action="send a message", chat_id=chat_id, right=right) from None
        finally:
            with contextlib.suppress(DeliveryError):
                await self._thread_state(channel.id, archived=True, locked=True)

    async def _is_ticket_thread(self, channel_id: int) -> bool:
        if channel_id in self._closed_threads:
            return True
        staff = self.config.staff_channel_id
        return staff is not None and await self._lookup_parent(channel_id) == staff

    async def _answer_interaction(
        self, pending: _Pending, text: RichText, buttons: Sequence[Button]
    ) -> str | None:
        """Answer a slash command in place; None when the interaction can no longer answer."""
        interaction = pending.interaction
        chunks = split_markdown(text)
        first: str | None = None
        try:
            with self._webhook_context():
                for i, chunk in enumerate(chunks):
                    message: discord.Message
                    view = make_view(buttons) if i == len(chunks) - 1 and buttons else None
                    if not pending.answered:
                        if view is not None:
                            message = await interaction.edit_original_response(
                                content=chunk, view=view, allowed_mentions=NO_MENTIONS
                            )
                        else:
                            message = await interaction.edit_original_response(
                                content=chunk, allowed_mentions=NO_MENTIONS
                            )
                        pending.answered = True
                    elif view is not None:
                        message = await interaction.followup.send(
                            chunk,
                            ephemeral=pending.ephemeral,
                            allowed_mentions=NO_MENTIONS,
                            view=view,
                            wait=True,
                        )
                    else:
                        message = await interaction.followup.send(
                            chunk,
                            ephemeral=pending.ephemeral,
                            allowed_mentions=NO_MENTIONS,
                            wait=True,
                        )
                    first = first or str(message.id)
        except Exception as e:
            log.warning(
                "could not answer a slash command in place: %s",
                translate(e, action="answer a command", chat_id="", right=""),
            )
            return first
        return first

    async def delete(self, chat_id: str, message_id: str) -> None:
        pending = self._pending.get(message_id)
        if pending is not None:
            # a secret typed into a slash command: remove the visible "used /cmd …" response
            pending.deleted = True
            with contextlib.suppress(Exception), self._webhook_context():
                await pending.interaction.delete_original_response()
            return
        mid = _snowflake(message_id, "message")
        cid = self._msg_channel.get(mid) or _snowflake(chat_id, "chat")
        if cid in self._dm_channels or isinstance(
            self.client.get_channel(cid), discord.DMChannel | discord.GroupChannel
        ):
            # Discord never lets a bot delete what a user wrote in a DM
            raise CannotDeleteHere("bots cannot delete messages in DMs")
        try:
            await self.client.http.delete_message(cid, mid)
        except discord.NotFound:
            return  # already gone
        except Exception as e:
            raise translate(
                e, action="delete a message", chat_id=chat_id, right="Manage Messages"
            ) from None

    def has_staff_chat(self) -> bool:
        return self.config.staff_channel_id is not None

    async def staff_send(
        self,
        text: RichText,
        *,
        thread_id: str | None = None,
        buttons: Sequence[Button] = (),
    ) -> str | None:
        staff = self.config.staff_channel_id
        if staff is None:
            raise DeliveryError("no Discord staff channel is configured")
        target = _snowflake(thread_id, "thread") if thread_id else staff
        right = "Send Messages in Threads" if thread_id else "Send Messages"
        return await self._post(target, text, buttons, None, chat_id=str(staff), right=right)

    async def open_staff_thread(self, title: str) -> str | None:
        """A private thread in the staff channel; None (post in the channel) if it cannot."""
        staff = self.config.staff_channel_id
        if staff is None:
            return None
        name = " ".join(title.split())[:100] or "ticket"
        try:
            data = await self.client.http.start_thread_without_message(
                staff,
                name=name,
                auto_archive_duration=THREAD_ARCHIVE_MINUTES,
                type=discord.ChannelType.private_thread.value,
                invitable=False,
            )
        except Exception as e:
            err = translate(
                e, action="create a thread", chat_id=str(staff), right="Create Private Threads"
            )
            log.warning("ticket thread not created, posting in the staff channel: %s", err)
            await self._note_thread_fallback(err)
            return None
        thread_id = int(data["id"])
        self.layout.thread_parents[thread_id] = staff
        return str(thread_id)

    async def _note_thread_fallback(self, err: DeliveryError) -> None:
        """Tell staff once why tickets land in the channel instead of threads."""
        if self._thread_fallback_noted:
            return
        self._thread_fallback_noted = True
        b = TextBuilder().text("⚠️ The bot could not create a private thread here")
        if isinstance(err, MissingPermission):
            b.text(" (it needs ").code(err.right).text(")")
        note = b.text("; tickets are posted in this channel until that is fixed.").build()
        with contextlib.suppress(DeliveryError):
            await self.staff_send(note)

    async def set_staff_thread_state(self, thread_id: str, *, closed: bool) -> None:
        tid = _snowflake(thread_id, "thread")
        if closed:
            self._closed_threads.add(tid)
        else:
            self._closed_threads.discard(tid)
        await self._thread_state(tid, archived=closed, locked=closed)

    async def _thread_state(self, thread_id: int, *, archived: bool, locked: bool) -> None:
        try:
            await self.client.http.edit_channel(thread_id, archived=archived, locked=locked)
        except Exception as e:
            raise translate(
                e, action="archive a thread", chat_id=str(thread_id), right="Manage Threads"
            ) from None


def _snowflake(value: str | None, what: str) -> int:
    if value is None or not str(value).isdigit():
        raise DeliveryError(f"not a Discord {what} id")
    return int(value)
