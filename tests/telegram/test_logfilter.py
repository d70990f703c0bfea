"""The token never reaches a log line, whatever logs it and however."""

from __future__ import annotations

import logging

import pytest

from adapters.telegram.logfilter import (
    MASK,
    TokenRedactingFilter,
    install_log_redaction,
    redact,
)
from tests.telegram.conftest import TOKEN


def test_redact_masks_any_token_shape() -> None:
    other = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789_-"
    url = f"https://api.telegram.org/bot{TOKEN}/getUpdates and bot{other}/x"
    out = redact(url)
    assert TOKEN not in out and other not in out
    assert out == f"https://api.telegram.org/bot{MASK}/getUpdates and bot{MASK}/x"


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "ticket 42 at 10:30, order 1234567:done"
    assert redact(text) == text


def test_redact_masks_listed_secrets() -> None:
    assert redact("hdr=s3cr3t-webhook-value", ["s3cr3t-webhook-value"]) == f"hdr={MASK}"


def _record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("telegram.ext.ExtBot", logging.DEBUG, __file__, 1, msg, args, exc_info)


def test_filter_masks_args_and_tracebacks() -> None:
    try:
        raise RuntimeError(f"failed POST /bot{TOKEN}/sendMessage")
    except RuntimeError as e:
        record = _record("calling %s", f"/bot{TOKEN}/getMe", exc=e)
    assert TokenRedactingFilter().filter(record)
    formatted = logging.Formatter("%(message)s").format(record)
    assert TOKEN not in formatted
    assert "calling /bot<redacted>/getMe" in formatted
    assert "RuntimeError" in formatted  # the traceback itself is kept


def test_installed_redaction_covers_every_logger(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction(TOKEN)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("httpx").info("HTTP Request: POST %s", f"http://x/bot{TOKEN}/getUpdates")
    logging.getLogger("some.other").warning("token is %s", TOKEN.split(":")[1])
    text = caplog.text + " ".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text  # the secret half alone is a listed secret too
