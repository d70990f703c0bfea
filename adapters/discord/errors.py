"""Discord failures as the core's typed errors, with messages safe to show to staff.

Only the HTTP status and Discord's numeric error code go into a message: never the
response text (it can echo a request), the token, or what a user wrote.
"""

from __future__ import annotations

import asyncio

import aiohttp
import discord

from bot.ports import DeliveryError, MissingPermission, UserUnreachable

CANNOT_DM_USER = 50007
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013
DM_ACTION = 50003
THREAD_LOCKED = 50083
UNKNOWN_MESSAGE = 10008
UNKNOWN_CHANNEL = 10003


def translate(exc: BaseException, *, action: str, chat_id: str, right: str) -> DeliveryError:
    """Map one exception from discord.py or aiohttp to a DeliveryError subclass.

    `right` names the permission the action needs ("Send Messages", "Manage Messages").
    """
    if isinstance(exc, DeliveryError):
        return exc
    if isinstance(exc, discord.Forbidden):
        code = exc.code
        if code == CANNOT_DM_USER:
            return UserUnreachable("the user does not accept direct messages from the bot")
        if code == MISSING_PERMISSIONS:
            return MissingPermission(right, chat_id)
        if code == MISSING_ACCESS:
            return MissingPermission("View Channels", chat_id)
        if code == DM_ACTION:
            return MissingPermission("delete in DMs", chat_id)
        return DeliveryError(f"Discord refused to {action} (HTTP 403, code {code})")
    if isinstance(exc, discord.NotFound):
        return DeliveryError(f"Discord could not {action}: not found (code {exc.code})")
    if isinstance(exc, discord.RateLimited):
        return DeliveryError(f"Discord rate limit too long to {action} ({exc.retry_after:.0f}s)")
    if isinstance(exc, discord.DiscordServerError):
        return DeliveryError(f"Discord server error while trying to {action} (HTTP {exc.status})")
    if isinstance(exc, discord.HTTPException):
        return DeliveryError(f"Discord refused to {action} (HTTP {exc.status}, code {exc.code})")
    if isinstance(exc, aiohttp.ClientError | OSError | asyncio.TimeoutError):
        return DeliveryError(f"could not reach Discord to {action} (network error)")
    return DeliveryError(f"could not {action} on Discord ({type(exc).__name__})")
