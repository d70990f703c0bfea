"""Telegram updates → the core's IncomingMessage / ButtonPress (pure functions).

Kept free of I/O so every rule here (which chat kind, whether a group message is
addressed to the bot, command normalisation) is tested on plain objects.
`is_staff` is filled in afterwards by the adapter, which owns the membership cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import CallbackQuery, Message, MessageEntity

from bot.model import Attachment, ButtonPress, ChatKind, IncomingMessage

CHANNEL = "telegram"


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """What translation needs to know about the bot and its deployment."""

    bot_id: int
    username: str
    staff_chat_id: int | None = None


def chat_kind(chat_id: int, chat_type: str, ident: BotIdentity) -> ChatKind:
    if ident.staff_chat_id is not None and chat_id == ident.staff_chat_id:
        return ChatKind.STAFF
    if chat_type == "private":
        return ChatKind.PRIVATE
    return ChatKind.GROUP


def attachment_of(message: Message) -> Attachment | None:
    if message.photo:
        return Attachment.PHOTO
    if message.sticker:
        return Attachment.STICKER
    if message.voice or message.audio:
        return Attachment.VOICE
    if message.video or message.video_note or message.animation:
        return Attachment.VIDEO
    if message.document:
        return Attachment.DOCUMENT
    if (
        message.location
        or message.contact
        or message.poll
        or message.dice
        or message.venue
        or message.story
    ):
        return Attachment.OTHER
    return None


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    command_for_us: bool
    command_for_other_bot: bool
    mentions_us: bool


def normalise_text(message: Message, bot_username: str) -> _Text:
    """Text or caption with "/cmd@OurBot args" → "/cmd args" and our @mention removed."""
    if message.text is not None:
        text = message.text
        entities = message.parse_entities()
    else:
        text = message.caption or ""
        entities = message.parse_caption_entities()
    me = bot_username.lower()
    command_for_us = command_for_other = mentions_us = False
    for entity, value in entities.items():
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            name, _, target = value.partition("@")
            if target and target.lower() != me:
                command_for_other = True
            else:
                command_for_us = True
                if target:
                    text = name + text[len(value) :]
        elif entity.type == MessageEntity.MENTION and value[1:].lower() == me:
            mentions_us = True
    if mentions_us:
        text = re.sub(rf"(?<![\w@])@{re.escape(bot_username)}\b", "", text, flags=re.IGNORECASE)
        text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return _Text(text, command_for_us, command_for_other, mentions_us)


def _real_reply(message: Message) -> Message | None:
    """The replied-to message, ignoring the implicit reply to a forum topic's opener."""
    reply = message.reply_to_message
    if reply is None:
        return None
    if reply.forum_topic_created is not None:
        return None
    if message.is_topic_message and reply.message_id == message.message_thread_id:
        return None
    return reply


def is_service_message(message: Message) -> bool:
    """Joins, pins, topic events... carry nothing for the core."""
    return message.text is None and message.caption is None and attachment_of(message) is None


def translate_message(
    message: Message, *, update_id: int, edited: bool, ident: BotIdentity
) -> IncomingMessage | None:
    """One message → IncomingMessage, or None when the core has no business with it."""
    if is_service_message(message):
        return None
    chat = message.chat
    kind = chat_kind(chat.id, chat.type, ident)
    user = message.from_user
    sender_chat = message.sender_chat
    if sender_chat is not None:
        # anonymous group admin (sender_chat is the group) or a channel posting
        user_id = str(sender_chat.id)
        display_name = message.author_signature or sender_chat.title or "anonymous"
        username = sender_chat.username
        is_bot = False
        language = None
    elif user is not None:
        if user.id == ident.bot_id:
            return None
        user_id = str(user.id)
        display_name = user.full_name
        username = user.username
        is_bot = user.is_bot
        language = user.language_code
    else:
        return None
    if kind is ChatKind.STAFF and is_bot:
        return None  # other bots in the staff chat never act as staff
    parsed = normalise_text(message, ident.username)
    if kind is ChatKind.STAFF and parsed.command_for_other_bot:
        return None  # "/close@OtherBot" in the staff chat is not for us
    reply = _real_reply(message)
    if kind is ChatKind.GROUP:
        addressed = (
            parsed.command_for_us
            or parsed.mentions_us
            or (
                reply is not None
                and reply.from_user is not None
                and reply.from_user.id == ident.bot_id
            )
        )
    else:
        addressed = True
    return IncomingMessage(
        channel=CHANNEL,
        chat_id=str(chat.id),
        chat_kind=kind,
        user_id=user_id,
        display_name=display_name,
        text=parsed.text,
        message_id=str(message.message_id),
        username=username,
        reply_to=str(reply.message_id) if reply is not None else None,
        edited=edited,
        thread_id=str(message.message_thread_id) if message.is_topic_message else None,
        event_id=f"{CHANNEL}:{update_id}",
        language_hint=language,
        attachment=attachment_of(message),
        addressed=addressed,
    )


def translate_callback(query: CallbackQuery, ident: BotIdentity) -> ButtonPress | None:
    """A press on one of our inline buttons; None for games or foreign payloads."""
    if query.data is None:
        return None
    msg = query.message
    if msg is not None:
        chat_id = msg.chat.id
        kind = chat_kind(chat_id, msg.chat.type, ident)
        message_id: str | None = str(msg.message_id)
    else:  # a button on an inline-mode message: answer in the user's private chat
        chat_id = query.from_user.id
        kind = ChatKind.PRIVATE
        message_id = None
    return ButtonPress(
        channel=CHANNEL,
        chat_id=str(chat_id),
        chat_kind=kind,
        user_id=str(query.from_user.id),
        display_name=query.from_user.full_name,
        data=query.data,
        message_id=message_id,
        language_hint=query.from_user.language_code,
    )
