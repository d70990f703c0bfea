"""Keep the bot token and users' words out of discord.py's logs.

discord.py logs whole gateway events and REST request bodies at DEBUG (message
contents, which may hold a seed phrase the guard is about to delete), and the
identify payload carries the token. A filter on the library's loggers drops those
payload-bearing DEBUG records and masks the token in everything else. Filters on a
logger only see records logged on that very logger, so one is attached to each.
"""

from __future__ import annotations

import logging

PAYLOAD_LOGGERS = (
    "discord.gateway",
    "discord.http",
    "discord.state",
    "discord.webhook.async_",
    "discord.client",
)
OTHER_LOGGERS = (
    "discord",
    "discord.app_commands.tree",
    "discord.ui.view",
    "discord.shard",
    "adapters.discord",
    "adapters.discord.adapter",
)
MASK = "<redacted>"


class DiscordLogFilter(logging.Filter):
    """Drop DEBUG payload dumps; mask the token in every record that passes."""

    def __init__(self, token: str, *, drop_debug: bool) -> None:
        super().__init__()
        self.token = token
        self.drop_debug = drop_debug

    def filter(self, record: logging.LogRecord) -> bool:
        if self.drop_debug and record.levelno < logging.INFO:
            return False
        if not self.token:
            return True
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        if self.token in message:
            record.msg = message.replace(self.token, MASK)
            record.args = None
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, MASK)
        return True


def install(token: str) -> list[tuple[logging.Logger, DiscordLogFilter]]:
    """Attach the filters; returns them so `uninstall` can take them off again."""
    installed = []
    for name in PAYLOAD_LOGGERS + OTHER_LOGGERS:
        logger = logging.getLogger(name)
        f = DiscordLogFilter(token, drop_debug=name in PAYLOAD_LOGGERS)
        logger.addFilter(f)
        installed.append((logger, f))
    return installed


def uninstall(installed: list[tuple[logging.Logger, DiscordLogFilter]]) -> None:
    for logger, f in installed:
        logger.removeFilter(f)
