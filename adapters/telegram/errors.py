"""Telegram failures as the core's typed errors, with messages safe to show staff.

The library's exceptions are never re-raised as-is: their text can carry request
details, so each is turned into a `DeliveryError` built from our own wording plus
Telegram's (token-scrubbed, shortened) description.
"""

from __future__ import annotations

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from adapters.telegram.logfilter import redact
from bot.ports import DeliveryError, MissingPermission, UserUnreachable

# The right a Bot API method needs; used to name a missing one for staff.
RIGHTS = {
    "deleteMessage": "delete messages",
    "createForumTopic": "manage topics",
    "closeForumTopic": "manage topics",
    "reopenForumTopic": "manage topics",
    "editForumTopic": "manage topics",
    "sendMessage": "send messages",
    "copyMessage": "send messages",
    "forwardMessage": "send messages",
}

_UNREACHABLE = (
    "blocked by the user",
    "user is deactivated",
    "can't initiate conversation",
    "bot can't send messages to bots",
)
_NO_RIGHTS = (
    "not enough rights",
    "have no rights",
    "chat_admin_required",
    "message can't be deleted",
    "need administrator rights",
    "not_enough_rights",
)
_NO_SUCH_USER = ("chat not found", "user not found", "peer_id_invalid", "user_id_invalid")


def safe_description(exc: BaseException, limit: int = 160) -> str:
    text = redact(str(exc)).replace("\n", " ").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_private_chat_id(chat_id: str | int) -> bool:
    """Telegram user (private chat) ids are positive; groups and channels negative."""
    try:
        return int(chat_id) > 0
    except (TypeError, ValueError):
        return False


def translate_error(exc: TelegramError, *, method: str, chat_id: str | int = "") -> DeliveryError:
    """Map one library error to the typed error the outbox understands."""
    chat = str(chat_id)
    lowered = str(exc).lower()
    private = is_private_chat_id(chat)
    if isinstance(exc, Forbidden):
        if any(s in lowered for s in _UNREACHABLE) or (private and "kicked" not in lowered):
            return UserUnreachable("the user blocked the bot or deleted their account")
        if any(s in lowered for s in _NO_RIGHTS):
            return MissingPermission(RIGHTS.get(method, method), chat)
        return DeliveryError(f"Telegram refused {method}: {safe_description(exc)}")
    if isinstance(exc, ChatMigrated):
        return DeliveryError(
            f"the group was upgraded to a supergroup; its new id is {exc.new_chat_id}"
        )
    if isinstance(exc, RetryAfter):
        return DeliveryError(
            f"Telegram rate limit still active after retries ({method}); try again later"
        )
    if isinstance(exc, InvalidToken):
        return DeliveryError("Telegram rejected the bot token (check channels.telegram.token_env)")
    if isinstance(exc, Conflict):
        return DeliveryError("another process is polling with this bot token, or a webhook is set")
    if isinstance(exc, BadRequest):  # before NetworkError: BadRequest subclasses it
        if any(s in lowered for s in _NO_RIGHTS):
            return MissingPermission(RIGHTS.get(method, method), chat)
        if private and any(s in lowered for s in _NO_SUCH_USER):
            return UserUnreachable("the user's chat no longer exists")
        return DeliveryError(f"Telegram rejected {method}: {safe_description(exc)}")
    if isinstance(exc, TimedOut | NetworkError):
        return DeliveryError(f"Telegram could not be reached ({method}); network error")
    return DeliveryError(f"Telegram error during {method}")
