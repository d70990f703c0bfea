"""Executes the dispatcher's actions on the registered channels.

Platform failures are handled here, once for every channel: an unreachable
user is recorded on their ticket and staff are told; a missing right is
reported to staff once, not in a loop; other delivery errors are logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from bot.model import (
    Action,
    CopyToStaff,
    DeleteMessage,
    SendMessage,
    StaffPost,
    StaffThreadState,
)
from bot.ports import (
    CannotDeleteHere,
    ChannelPort,
    CopiesToStaff,
    DeliveryError,
    MissingPermission,
    UserUnreachable,
)
from bot.richtext import RichText, TextBuilder
from bot.texts import t
from storage.store import Store

log = logging.getLogger(__name__)


class Outbox:
    def __init__(
        self, *, store: Store, staff_channels: Iterable[str] = (), clock: Callable[[], datetime]
    ) -> None:
        self.store = store
        self.staff_channels = tuple(staff_channels)
        self.clock = clock
        self.ports: dict[str, ChannelPort] = {}

    def register(self, port: ChannelPort) -> None:
        self.ports[port.name] = port

    def unregister(self, name: str) -> None:
        self.ports.pop(name, None)

    def _staff_targets(self, wanted: tuple[str, ...]) -> list[ChannelPort]:
        names = wanted or self.staff_channels
        ports = [self.ports[n] for n in names if n in self.ports] if names else []
        if not ports:
            ports = list(self.ports.values())
        return [p for p in ports if p.has_staff_chat()]

    async def run(self, actions: Iterable[Action]) -> None:
        for action in actions:
            try:
                await self._run_one(action)
            except DeliveryError as e:
                log.warning("delivery failed for %s: %s", type(action).__name__, e)
            except Exception:
                log.exception("action %s failed", type(action).__name__)

    async def _run_one(self, action: Action) -> None:
        if isinstance(action, SendMessage):
            await self._send(action)
        elif isinstance(action, DeleteMessage):
            await self._delete(action)
        elif isinstance(action, StaffPost):
            await self._staff_post(action)
        elif isinstance(action, StaffThreadState):
            await self._thread_state(action)
        elif isinstance(action, CopyToStaff):
            await self._copy(action)

    async def _copy(self, a: CopyToStaff) -> None:
        port = self.ports.get(a.channel)
        if port is None or not isinstance(port, CopiesToStaff) or not port.has_staff_chat():
            return
        threads = await self.store.staff_threads(ticket_id=a.ticket_id)
        await port.copy_to_staff(a.chat_id, a.message_id, threads.get(a.channel))

    async def _send(self, a: SendMessage) -> None:
        port = self.ports.get(a.channel)
        if port is None:
            log.warning("no adapter registered for channel %s", a.channel)
            return
        try:
            await port.send(
                a.chat_id, a.text, buttons=a.buttons, reply_to=a.reply_to, thread_id=a.thread_id
            )
        except UserUnreachable:
            tickets = await self.store.mark_unreachable(
                channel=a.channel, chat_id=a.chat_id, now=self.clock()
            )
            for tid in tickets:
                await self._staff_post(
                    StaffPost(
                        ticket_id=tid,
                        text=TextBuilder()
                        .bold(f"⚠️ #{tid}: the user is unreachable")
                        .text(
                            f" on {a.channel} (blocked the bot or closed DMs); "
                            "the last message was not delivered."
                        )
                        .build(),
                    )
                )
            if not tickets:
                log.info("user unreachable on %s", a.channel)

    async def _delete(self, a: DeleteMessage) -> None:
        port = self.ports.get(a.channel)
        if port is None:
            return
        try:
            await port.delete(a.chat_id, a.message_id)
        except CannotDeleteHere:
            await self._ask_user_to_delete(a)
        except MissingPermission as e:
            await self._ask_user_to_delete(a)
            if await self.store.alert_once(
                key=f"perm:{a.channel}:{a.chat_id}:{e.right}", now=self.clock()
            ):
                await self._staff_post(
                    StaffPost(
                        text=TextBuilder()
                        .bold("🔧 Missing permission")
                        .text(f" on {a.channel}: the bot cannot ")
                        .code(e.right)
                        .text(f" in chat {a.chat_id}. A message with a secret stayed visible; ")
                        .text("the user was asked to delete it. Grant the right to fix this.")
                        .build()
                    )
                )

    async def _ask_user_to_delete(self, a: DeleteMessage) -> None:
        await self._send(
            SendMessage(
                channel=a.channel,
                chat_id=a.chat_id,
                text=RichText.plain(t("secret_delete_yourself", a.language)),
            )
        )

    async def _staff_post(self, a: StaffPost) -> None:
        threads = await self.store.staff_threads(ticket_id=a.ticket_id) if a.ticket_id else {}
        for port in self._staff_targets(a.channels):
            if port.name == a.skip_channel:
                continue
            try:
                thread = threads.get(port.name)
                if thread is None and a.ticket_id is not None and a.thread_title:
                    thread = await self._open_thread(port, a.ticket_id, a.thread_title)
                mid = await port.staff_send(a.text, thread_id=thread, buttons=a.buttons)
                if mid is not None and a.ticket_id is not None:
                    await self.store.save_notice(
                        channel=port.name, message_id=mid, ticket_id=a.ticket_id
                    )
            except DeliveryError as e:
                log.warning("staff post on %s failed: %s", port.name, e)

    async def _open_thread(self, port: ChannelPort, ticket_id: int, title: str) -> str | None:
        """A thread for the ticket, or None: then the post goes to the main staff chat."""
        try:
            thread = await port.open_staff_thread(title)
        except DeliveryError as e:
            log.warning("could not open a staff thread on %s: %s", port.name, e)
            return None
        if thread is not None:
            await self.store.save_staff_thread(
                ticket_id=ticket_id, channel=port.name, thread_id=thread
            )
        return thread

    async def _thread_state(self, a: StaffThreadState) -> None:
        threads = await self.store.staff_threads(ticket_id=a.ticket_id)
        for channel, thread in threads.items():
            port = self.ports.get(channel)
            if port is None:
                continue
            try:
                await port.set_staff_thread_state(thread, closed=a.closed)
            except DeliveryError as e:
                log.warning("thread state on %s failed: %s", channel, e)
