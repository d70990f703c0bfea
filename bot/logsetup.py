"""Logging that cannot leak tokens: every record passes a masking filter."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

_TOKEN_PATTERNS = (
    re.compile(r"\d{6,12}:[A-Za-z0-9_-]{30,}"),  # Telegram bot token
    re.compile(r"[MN][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}"),  # Discord
)


_FORMATTER = logging.Formatter()


class SecretMaskFilter(logging.Filter):
    """Masks known token values and token-shaped strings in the formatted message."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        masked = self.mask(msg)
        if masked != msg:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            # format the traceback now, masked; the formatter reuses exc_text
            record.exc_text = self.mask(_FORMATTER.formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True

    def mask(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, "[token]")
        for p in _TOKEN_PATTERNS:
            text = p.sub("[token]", text)
        return text


def setup_logging(level: str = "INFO", secrets: Iterable[str] = ()) -> SecretMaskFilter:
    filt = SecretMaskFilter(secrets)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(filt)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # URLs with the bot token are logged by HTTP clients at DEBUG; keep them quiet
    for noisy in ("httpx", "httpcore", "discord.http", "discord.gateway"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return filt
