"""The platform-neutral vocabulary shared by adapters and the dispatcher.

Adapters translate platform events into these types at the edge and execute the
actions the dispatcher returns; nothing here knows about Telegram or Discord.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.richtext import RichText


class ChatKind(StrEnum):
    PRIVATE = "private"
    GROUP = "group"
    STAFF = "staff"


class Attachment(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"
    VOICE = "voice"
    VIDEO = "video"
    STICKER = "sticker"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One user or staff message, as every channel reports it.

    `event_id` is unique per platform event (a Telegram update id, a Discord
    message id plus its edit time) so a redelivered event is handled once.
    `thread_id` is the staff thread/topic the message was posted in, if any.
    """

    channel: str
    chat_id: str
    chat_kind: ChatKind
    user_id: str
    display_name: str
    text: str
    message_id: str | None = None
    username: str | None = None
    reply_to: str | None = None
    edited: bool = False
    thread_id: str | None = None
    event_id: str | None = None
    language_hint: str | None = None
    is_staff: bool = False
    attachment: Attachment | None = None
    addressed: bool = True
    """False for a group message not addressed to the bot (no command, no mention of
    the bot, no reply to the bot): adapters still deliver it so the guard and the
    scam check see every group message, but the bot does not answer it."""

    @property
    def staff_key(self) -> str:
        """Channel-qualified identity, the form staff ids take in config and tickets."""
        return f"{self.channel}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class ButtonPress:
    """A press on one of the bot's buttons (inline keyboard, discord.ui.View)."""

    channel: str
    chat_id: str
    chat_kind: ChatKind
    user_id: str
    display_name: str
    data: str
    message_id: str | None = None
    language_hint: str | None = None
    is_staff: bool = False


@dataclass(frozen=True, slots=True)
class Button:
    """A button; `data` is at most 64 bytes (Telegram's callback_data limit)."""

    label: str
    data: str


@dataclass(frozen=True, slots=True)
class SendMessage:
    """Send text to a user-facing chat (a private chat, a group, a DM)."""

    channel: str
    chat_id: str
    text: RichText
    buttons: tuple[Button, ...] = ()
    reply_to: str | None = None
    thread_id: str | None = None
    ticket_id: int | None = None


@dataclass(frozen=True, slots=True)
class DeleteMessage:
    """Remove a user's message; the outbox reports a missing right to staff once."""

    channel: str
    chat_id: str
    message_id: str
    ticket_id: int | None = None
    user_chat_id: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class StaffPost:
    """Post into the staff side: the ticket's thread when there is one, else the staff chat.

    `thread_title` asks for a thread to be opened for the ticket when none exists.
    `channels` restricts delivery to some staff chats; empty means the configured ones.
    `skip_channel` leaves out the staff chat where the news happened (it saw it already):
    with Telegram and Discord staff chats both on, the other one still hears of it.
    """

    text: RichText
    ticket_id: int | None = None
    thread_title: str | None = None
    buttons: tuple[Button, ...] = ()
    channels: tuple[str, ...] = ()
    skip_channel: str | None = None


@dataclass(frozen=True, slots=True)
class StaffThreadState:
    """Close or reopen every staff thread of a ticket (forum topic, Discord thread)."""

    ticket_id: int
    closed: bool


@dataclass(frozen=True, slots=True)
class CopyToStaff:
    """Forward a user's media item (photo, file, voice) into the ticket's staff thread.

    Only channels that can copy a message between their own chats do it; the
    relayed text already tells staff that an attachment arrived.
    """

    channel: str
    chat_id: str
    message_id: str
    ticket_id: int


Action = SendMessage | DeleteMessage | StaffPost | StaffThreadState | CopyToStaff


@dataclass(slots=True)
class Outcome:
    """What the dispatcher decided for one event: actions plus a short label for tests/logs."""

    actions: list[Action] = field(default_factory=list)
    route: str = ""
