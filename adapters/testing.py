"""An in-process channel: everything the core sends is recorded, nothing leaves the process.

`MemoryChannel` implements ChannelPort for tests and for the console demo; the
`TestBot` driver (errbot's testbot, in spirit) pushes user and staff messages
through the real runtime and pops what each side received.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.model import Attachment, Button, ButtonPress, ChatKind, IncomingMessage, Outcome
from bot.ports import MissingPermission, UserUnreachable
from bot.richtext import RichText

STAFF_CHAT = "staff"


@dataclass(frozen=True, slots=True)
class Sent:
    chat_id: str
    text: RichText
    buttons: tuple[Button, ...] = ()
    thread_id: str | None = None
    message_id: str = ""
    reply_to: str | None = None

    @property
    def plain(self) -> str:
        return self.text.render_plain()


@dataclass(slots=True)
class MemoryChannel:
    name: str = "test"
    staff_chat: bool = True
    threads_supported: bool = True
    sent: list[Sent] = field(default_factory=list)
    deleted: list[tuple[str, str]] = field(default_factory=list)
    threads: dict[str, str] = field(default_factory=dict)
    closed_threads: set[str] = field(default_factory=set)
    unreachable_chats: set[str] = field(default_factory=set)
    cannot_delete: bool = False
    copied: list[tuple[str, str, str | None]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    async def send(
        self,
        chat_id: str,
        text: RichText,
        *,
        buttons: Sequence[Button] = (),
        reply_to: str | None = None,
        thread_id: str | None = None,
    ) -> str | None:
        if chat_id in self.unreachable_chats:
            raise UserUnreachable("the user blocked the bot")
        mid = str(next(self._ids))
        self.sent.append(Sent(chat_id, text, tuple(buttons), thread_id, mid, reply_to))
        return mid

    async def delete(self, chat_id: str, message_id: str) -> None:
        if self.cannot_delete:
            raise MissingPermission("delete messages", chat_id)
        self.deleted.append((chat_id, message_id))

    def has_staff_chat(self) -> bool:
        return self.staff_chat

    async def staff_send(
        self, text: RichText, *, thread_id: str | None = None, buttons: Sequence[Button] = ()
    ) -> str | None:
        mid = str(next(self._ids))
        self.sent.append(Sent(STAFF_CHAT, text, tuple(buttons), thread_id, mid))
        return mid

    async def open_staff_thread(self, title: str) -> str | None:
        if not self.threads_supported:
            return None
        thread_id = f"t{next(self._ids)}"
        self.threads[thread_id] = title
        return thread_id

    async def set_staff_thread_state(self, thread_id: str, *, closed: bool) -> None:
        if closed:
            self.closed_threads.add(thread_id)
        else:
            self.closed_threads.discard(thread_id)

    async def copy_to_staff(
        self, chat_id: str, message_id: str, thread_id: str | None = None
    ) -> None:
        self.copied.append((chat_id, message_id, thread_id))

    # ---- reading what was sent ------------------------------------------------

    def pop(self, chat_id: str) -> list[Sent]:
        """Everything sent to one chat since the last pop, oldest first."""
        mine = [s for s in self.sent if s.chat_id == chat_id]
        self.sent = [s for s in self.sent if s.chat_id != chat_id]
        return mine

    def pop_text(self, chat_id: str) -> list[str]:
        return [s.plain for s in self.pop(chat_id)]

    def pop_staff(self) -> list[Sent]:
        return self.pop(STAFF_CHAT)


class Sink(Protocol):
    """What TestBot needs from the runtime's sink: outcomes, for assertions."""

    async def process(self, msg: IncomingMessage) -> Outcome: ...

    async def process_button(self, press: ButtonPress) -> Outcome: ...


class TestBot:
    """Drive the real runtime as users and staff on one in-memory channel."""

    __test__ = False  # not a pytest class

    def __init__(self, sink: Sink, channel: MemoryChannel) -> None:
        self.sink = sink
        self.channel = channel
        self._mids = itertools.count(1)
        self._events = itertools.count(1)

    async def user(
        self,
        text: str,
        *,
        user_id: str = "u1",
        name: str = "Alice",
        username: str | None = "alice",
        chat_kind: ChatKind = ChatKind.PRIVATE,
        chat_id: str | None = None,
        edited: bool = False,
        attachment: Attachment | None = None,
        addressed: bool = True,
        language_hint: str | None = None,
        message_id: str | None = None,
    ) -> Outcome:
        msg = IncomingMessage(
            channel=self.channel.name,
            chat_id=chat_id or (f"dm-{user_id}" if chat_kind is ChatKind.PRIVATE else "group"),
            chat_kind=chat_kind,
            user_id=user_id,
            display_name=name,
            username=username,
            text=text,
            message_id=message_id or f"m{next(self._mids)}",
            edited=edited,
            event_id=f"{self.channel.name}:{next(self._events)}",
            attachment=attachment,
            addressed=addressed,
            language_hint=language_hint,
        )
        return await self.sink.process(msg)

    async def staff(
        self,
        text: str,
        *,
        user_id: str = "s1",
        name: str = "Sam",
        username: str | None = "sam_support",
        thread_id: str | None = None,
        reply_to: str | None = None,
        is_staff: bool = True,
    ) -> Outcome:
        msg = IncomingMessage(
            channel=self.channel.name,
            chat_id=STAFF_CHAT,
            chat_kind=ChatKind.STAFF,
            user_id=user_id,
            display_name=name,
            username=username,
            text=text,
            message_id=f"m{next(self._mids)}",
            thread_id=thread_id,
            reply_to=reply_to,
            event_id=f"{self.channel.name}:{next(self._events)}",
            is_staff=is_staff,
        )
        return await self.sink.process(msg)

    async def press(
        self,
        data: str,
        *,
        user_id: str = "u1",
        name: str = "Alice",
        chat_id: str | None = None,
        chat_kind: ChatKind = ChatKind.PRIVATE,
        is_staff: bool = False,
    ) -> Outcome:
        press = ButtonPress(
            channel=self.channel.name,
            chat_id=chat_id or f"dm-{user_id}",
            chat_kind=chat_kind,
            user_id=user_id,
            display_name=name,
            data=data,
            is_staff=is_staff,
        )
        return await self.sink.process_button(press)
