"""The aiohttp apps: Telegram webhook POSTs and health checks (also alone, for polling mode).

This is python-telegram-bot's "custom webhook" pattern: we own the web server,
check Telegram's secret-token header ourselves, and hand the JSON to the
adapter. A 200 is returned only after the update was handled, so if the process
dies mid-update Telegram re-delivers it (the core dedupes on event_id).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # Telegram updates are far smaller; refuse anything bigger


def build_webhook_app(
    *,
    path: str,
    health_path: str,
    secret: str,
    handle_update: Callable[[dict[str, Any]], Awaitable[None]],
    health: Callable[[], dict[str, Any]],
) -> web.Application:
    """Routes: POST `path` (updates, secret-checked) and GET `health_path`."""
    if not secret:
        raise ValueError("a webhook needs a secret token")
    expected = secret.encode()

    async def on_update(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            log.warning("webhook request with a missing or wrong secret token refused")
            return web.json_response({"ok": False, "error": "forbidden"}, status=403)
        try:
            data = await request.json(loads=json.loads)
        except (ValueError, UnicodeDecodeError):
            return web.json_response({"ok": False, "error": "bad json"}, status=400)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return web.json_response({"ok": False, "error": "not an update"}, status=400)
        try:
            await handle_update(data)
        except Exception:
            # Telegram retries non-2xx deliveries; the core dedupes on event_id
            log.exception("webhook update %s failed", data.get("update_id"))
            return web.json_response({"ok": False, "error": "internal"}, status=500)
        return web.json_response({"ok": True})

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(path, on_update)
    app.router.add_get(health_path, _health_handler(health))
    return app


def build_health_app(*, path: str, health: Callable[[], dict[str, Any]]) -> web.Application:
    """Only the health route: for polling mode, where nothing else listens."""
    app = web.Application(client_max_size=1024)
    app.router.add_get(path, _health_handler(health))
    return app


def _health_handler(
    health: Callable[[], dict[str, Any]],
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def on_health(request: web.Request) -> web.Response:
        body = health()
        return web.json_response(body, status=200 if body.get("ok") else 503)

    return on_health
