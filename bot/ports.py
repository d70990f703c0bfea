"""The contract between the channel-neutral core and each platform adapter.

An adapter does two things: it feeds events to an `EventSink` and it
implements `ChannelPort`, which the outbox calls to execute the dispatcher's
actions. Platform failures surface as the typed errors below so the outbox can
retry, mark a user unreachable or tell staff about a missing right.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from bot.model import Button, ButtonPress, IncomingMessage
from bot.richtext import RichText


class DeliveryError(Exception):
    """A platform refused an action; the message is safe to show to staff."""


class UserUnreachable(DeliveryError):
    """The user blocked the bot, left, or closed their DMs."""


class MissingPermission(DeliveryError):
    """The bot lacks a right in a chat (delete messages, manage topics...)."""

    def __init__(self, right: str, chat_id: str = "") -> None:
        super().__init__(f"missing permission: {right}")
        self.right = right
        self.chat_id = chat_id


class CannotDeleteHere(DeliveryError):
    """The platform never lets bots delete this message (a user's Discord DM).

    Not a missing right: nothing an admin grants fixes it, so staff are not alerted;
    the user is asked to delete it themselves.
    """


class EventSink(Protocol):
    """Where adapters deliver events; `SupportApp` implements it. Never raises."""

    async def on_message(self, msg: IncomingMessage) -> None: ...

    async def on_button(self, press: ButtonPress) -> None: ...


class ChannelPort(Protocol):
    """What the outbox needs from a channel. Methods raise DeliveryError subclasses."""

    name: str

    async def send(
        self,
        chat_id: str,
        text: RichText,
        *,
        buttons: Sequence[Button] = (),
        reply_to: str | None = None,
        thread_id: str | None = None,
    ) -> str | None:
        """Send to a chat (user-facing, or the staff chat for command replies).

        Returns the platform message id. `thread_id` targets a forum topic.
        """
        ...

    async def delete(self, chat_id: str, message_id: str) -> None: ...

    def has_staff_chat(self) -> bool: ...

    async def staff_send(
        self,
        text: RichText,
        *,
        thread_id: str | None = None,
        buttons: Sequence[Button] = (),
    ) -> str | None:
        """Post in the staff chat, or in one of its threads; returns the message id."""
        ...

    async def open_staff_thread(self, title: str) -> str | None:
        """Open a thread (forum topic / private thread); None when the chat has no threads."""
        ...

    async def set_staff_thread_state(self, thread_id: str, *, closed: bool) -> None: ...


class StateStore(Protocol):
    """Durable little facts adapters keep across restarts (last update id, last DM seen)."""

    async def get_state(self, key: str) -> str | None: ...

    async def set_state(self, key: str, value: str) -> None: ...

    async def open_ticket_chats(self, channel: str) -> list[tuple[str, str]]:
        """(chat_id, user_id) of users with an open ticket on `channel`."""
        ...


@runtime_checkable
class CopiesToStaff(Protocol):
    """Optional: a channel that can copy a user's media message into its staff chat."""

    async def copy_to_staff(
        self, chat_id: str, message_id: str, thread_id: str | None = None
    ) -> None: ...
