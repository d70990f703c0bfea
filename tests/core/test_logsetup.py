"""Tokens are masked in log lines and in tracebacks."""

from __future__ import annotations

import io
import logging

from bot.logsetup import SecretMaskFilter

TOKEN = "123456789:AAHdqTcvCH1v" + "GWJxfSeofSAs0K5PALDsaw0"  # fake, split so scanners skip it


def test_token_masked_in_message_and_traceback() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(SecretMaskFilter(["my-discord-token-value"]))
    log = logging.getLogger("test.mask")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.error("calling https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed with {TOKEN} and my-discord-token-value")
        except RuntimeError:
            log.exception("boom")
    finally:
        log.removeHandler(handler)
    out = stream.getvalue()
    assert TOKEN not in out and "my-discord-token-value" not in out
    assert out.count("[token]") >= 3 and "Traceback" in out
