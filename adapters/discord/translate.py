"""discord.py objects in, the core's IncomingMessage / ButtonPress out.

Pure functions over a `Layout` (who the bot is, which channels are staff or support,
who is staff), so the rules can be tested without a connection.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

import discord

from bot.model import Attachment, ButtonPress, ChatKind, IncomingMessage
from escalation.commands import USAGE, command_name

CHANNEL = "discord"
USER_MENTION = re.compile(r"<@!?(\d+)>")
HANDLED_TYPES = (discord.MessageType.default, discord.MessageType.reply)


@dataclass(frozen=True, slots=True)
class Where:
    """How the core sees a Discord channel."""

    kind: ChatKind
    chat_id: str
    thread_id: str | None = None
    support: bool = False


@dataclass(slots=True)
class Layout:
    bot_id: int
    bot_name: str
    staff_guild_id: int | None = None
    staff_channel_id: int | None = None
    staff_role_ids: frozenset[int] = frozenset()
    support_channel_ids: frozenset[int] = frozenset()
    staff_ids: frozenset[str] = frozenset()
    prefix: str = "!"
    thread_parents: dict[int, int | None] = field(default_factory=dict)

    def where(self, channel_id: int, guild_id: int | None, parent_id: int | None) -> Where:
        if guild_id is None:
            return Where(ChatKind.PRIVATE, str(channel_id))
        if self.staff_channel_id is not None:
            if channel_id == self.staff_channel_id:
                return Where(ChatKind.STAFF, str(channel_id))
            if parent_id == self.staff_channel_id:
                return Where(ChatKind.STAFF, str(parent_id), thread_id=str(channel_id))
        support = channel_id in self.support_channel_ids or (
            parent_id is not None and parent_id in self.support_channel_ids
        )
        return Where(ChatKind.GROUP, str(channel_id), support=support)

    def is_staff(self, user: discord.abc.User, guild_id: int | None) -> bool:
        if f"{CHANNEL}:{user.id}" in self.staff_ids:
            return True
        if guild_id is None or guild_id != self.staff_guild_id or not self.staff_role_ids:
            return False
        roles = getattr(user, "_roles", None)  # Member keeps role ids; no cache lookup needed
        if roles is None:
            return False
        return any(int(r) in self.staff_role_ids for r in roles)

    def clean_text(self, message: discord.Message) -> tuple[str, bool]:
        """The text with mentions readable; True when it mentions the bot."""
        names = {m.id: m.display_name for m in message.mentions}
        mentioned = False

        def repl(m: re.Match[str]) -> str:
            nonlocal mentioned
            uid = int(m.group(1))
            if uid == self.bot_id:
                mentioned = True
                return f"@{self.bot_name}"
            return f"@{names[uid]}" if uid in names else m.group(0)

        text = USER_MENTION.sub(repl, message.content or "")
        if self.prefix not in ("/", "!") and text.startswith(self.prefix):
            text = "!" + text[len(self.prefix) :]
        return text, mentioned


def parent_of(channel: object) -> int | None:
    """The parent channel id of a thread object, if discord.py knows it."""
    if isinstance(channel, discord.Thread):
        return channel.parent_id
    return None


def event_id(message: discord.Message) -> str:
    edited = message.edited_at.isoformat() if message.edited_at else ""
    return f"{CHANNEL}:{message.id}:{edited}"


def attachment_kind(message: discord.Message) -> Attachment | None:
    if message.stickers:
        return Attachment.STICKER
    if not message.attachments:
        return None
    a = message.attachments[0]
    ctype = (a.content_type or "").lower()
    if a.is_voice_message():
        return Attachment.VOICE
    if ctype.startswith("image/"):
        return Attachment.PHOTO
    if ctype.startswith("video/"):
        return Attachment.VIDEO
    if ctype.startswith("audio/"):
        return Attachment.VOICE
    return Attachment.DOCUMENT


def display_name(user: discord.abc.User) -> str:
    return user.display_name or user.name


def to_incoming(
    message: discord.Message, layout: Layout, where: Where, *, edited: bool = False
) -> IncomingMessage:
    text, mentions_bot = layout.clean_text(message)
    guild_id = message.guild.id if message.guild else None
    reply_to: str | None = None
    replies_to_bot = False
    ref = message.reference
    if ref is not None and ref.message_id is not None:
        reply_to = str(ref.message_id)
        resolved = ref.resolved
        if isinstance(resolved, discord.Message) and resolved.author.id == layout.bot_id:
            replies_to_bot = True
    addressed = True
    if where.kind is ChatKind.GROUP:
        addressed = where.support or mentions_bot or replies_to_bot or _our_command(text)
    return IncomingMessage(
        channel=CHANNEL,
        chat_id=where.chat_id,
        chat_kind=where.kind,
        user_id=str(message.author.id),
        display_name=display_name(message.author),
        username=message.author.name,
        text=text,
        message_id=str(message.id),
        reply_to=reply_to,
        edited=edited,
        thread_id=where.thread_id,
        event_id=event_id(message),
        is_staff=layout.is_staff(message.author, guild_id),
        attachment=attachment_kind(message),
        addressed=addressed,
    )


def to_press(
    interaction: discord.Interaction, layout: Layout, where: Where, custom_id: str
) -> ButtonPress:
    """A component click; in a thread the chat is the thread itself, so answers land there."""
    chat_id = where.thread_id or where.chat_id
    message_id = str(interaction.message.id) if interaction.message else None
    return ButtonPress(
        channel=CHANNEL,
        chat_id=chat_id,
        chat_kind=where.kind,
        user_id=str(interaction.user.id),
        display_name=display_name(interaction.user),
        data=custom_id,
        message_id=message_id,
        language_hint=str(interaction.locale) if interaction.locale else None,
        is_staff=layout.is_staff(interaction.user, interaction.guild_id),
    )


def command_names(text: str, prefixes: Collection[str] = ("/", "!")) -> str | None:
    stripped = text.strip()
    if not stripped or stripped[0] not in prefixes:
        return None
    return stripped[1:].split(None, 1)[0].lower() if len(stripped) > 1 else None


_USER_COMMANDS = frozenset({"start", "help", "human", "verify", "lang"})


def _our_command(text: str) -> bool:
    """`!human` or `/verify @x` is for us; another bot's `!play` in a guild is not."""
    name = command_name(text.strip())
    return name is not None and (name in _USER_COMMANDS or name in USAGE)
