"""Keep bot tokens (and other secrets we know) out of every log line.

python-telegram-bot and httpx log request URLs, and a Bot API URL carries the
token (`.../bot123456:AAE.../sendMessage`). Masking at the handler is not enough
because handlers get added later by whoever configures logging, so
`install_log_redaction` also wraps the log-record factory: every record is
scrubbed when it is created, whatever logger or handler it goes through.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any

# A Bot API token is "<bot id>:<35 url-safe base64 chars>"; accept some slack on both.
TOKEN_RE = re.compile(r"(?<![0-9])[0-9]{5,16}:[A-Za-z0-9_-]{30,64}(?![A-Za-z0-9_-])")
MASK = "<redacted>"

_lock = threading.Lock()
_extra_secrets: set[str] = set()
_installed_factory: Callable[..., logging.LogRecord] | None = None


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Mask anything that looks like a bot token plus the given literal secrets."""
    for secret in sorted({*secrets, *_extra_secrets}, key=len, reverse=True):
        if secret and len(secret) >= 6:
            text = text.replace(secret, MASK)
    return TOKEN_RE.sub(MASK, text)


def _scrub(record: logging.LogRecord, secrets: Iterable[str]) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: keep what we can show safely
        message = str(record.msg)
    record.msg = redact(message, secrets)
    record.args = None
    if record.exc_info and not record.exc_text:
        # Formatters reuse exc_text when set, so the traceback is masked too.
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)), secrets)
        record.exc_text = record.exc_text.rstrip("\n")
    elif record.exc_text:
        record.exc_text = redact(record.exc_text, secrets)
    if record.stack_info:
        record.stack_info = redact(record.stack_info, secrets)


class TokenRedactingFilter(logging.Filter):
    """A logging filter (attach to handlers or loggers) that masks tokens in place."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        _scrub(record, self._secrets)
        return True


def install_log_redaction(*secrets: str) -> None:
    """Scrub every future log record of tokens and of `secrets` (idempotent, additive).

    Also attaches a `TokenRedactingFilter` to the root logger's current handlers so
    records created before installation but emitted later are covered.
    """
    global _installed_factory
    with _lock:
        for secret in secrets:
            if secret and len(secret) >= 6:
                _extra_secrets.add(secret)
                if TOKEN_RE.fullmatch(secret):  # the part after "<bot id>:" is the secret
                    _extra_secrets.add(secret.split(":", 1)[1])
        if _installed_factory is None:
            previous = logging.getLogRecordFactory()

            def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
                record = previous(*args, **kwargs)
                _scrub(record, ())
                return record

            logging.setLogRecordFactory(factory)
            _installed_factory = factory
        for handler in logging.getLogger().handlers:
            if not any(isinstance(f, TokenRedactingFilter) for f in handler.filters):
                handler.addFilter(TokenRedactingFilter())


# Loggers of python-telegram-bot (and its HTTP client) whose DEBUG records carry API call
# parameters and results: getUpdates results hold users' raw text, seed phrases included.
PAYLOAD_LOGGERS = (
    "telegram.Bot",
    "telegram.ext.ExtBot",
    "telegram.ext.Application",
    "telegram.ext.Updater",
    "telegram.ext.BaseRequest",
    "telegram.request.BaseRequest",
    "telegram.request.HTTPXRequest",
    "httpx",
    "httpcore",
)


class DropDebug(logging.Filter):
    """Drops DEBUG records: no log level setting may turn payload dumps back on."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


def silence_payload_debug() -> None:
    """Attach DropDebug to every payload-logging logger (idempotent)."""
    for name in PAYLOAD_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropDebug) for f in logger.filters):
            logger.addFilter(DropDebug())
