"""Point one discord.py client at another API base and gateway, without global state.

discord.py builds every REST URL from the class attribute `discord.http.Route.BASE`
and opens the gateway at `DiscordWebSocket.DEFAULT_GATEWAY` (a plain `Client` never
asks `/gateway/bot`; after READY it follows the `resume_gateway_url` Discord sent).
Changing those class attributes would redirect every client in the process, so
instead each adapter's client gets:

* `RoutedHTTPClient`, an `HTTPClient` whose `request` rewrites the route's URL
  from the default base to the configured one, and whose `ws_connect` rewrites the
  default gateway host to the configured gateway (any other URL, such as a real
  resume URL, is left alone);
* `RoutedWebhookAdapter`, for interaction callbacks and followups, which discord.py
  sends through a webhook adapter taken from the `async_context` context variable;
  the adapter sets that variable in its own task, which every task the client
  spawns inherits, and around its own followup calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import HTTPClient, Route
from discord.webhook.async_ import AsyncWebhookAdapter

DEFAULT_API_BASE = Route.BASE
DEFAULT_GATEWAY = DiscordWebSocket.DEFAULT_GATEWAY


@dataclass(frozen=True, slots=True)
class Routes:
    """Where this adapter's requests really go."""

    api_base: str
    gateway: str | None = None

    @property
    def is_default(self) -> bool:
        return self.api_base.rstrip("/") == DEFAULT_API_BASE and self.gateway is None

    def rest(self, url: str) -> str:
        if url.startswith(DEFAULT_API_BASE):
            return self.api_base.rstrip("/") + url[len(DEFAULT_API_BASE) :]
        return url

    def websocket(self, url: str) -> str:
        if self.gateway is None:
            return url
        parsed = yarl.URL(url)
        if parsed.host != DEFAULT_GATEWAY.host:
            return url
        return str(yarl.URL(self.gateway).with_query(parsed.query))


class RoutedHTTPClient(HTTPClient):
    """discord.py's HTTP client, sending to `routes` instead of discord.com."""

    routes: Routes

    async def request(self, route: Route, **kwargs: Any) -> Any:
        route.url = self.routes.rest(route.url)
        return await super().request(route, **kwargs)

    async def ws_connect(self, url: str, *, compress: int = 0) -> aiohttp.ClientWebSocketResponse:
        return await super().ws_connect(self.routes.websocket(url), compress=compress)


class RoutedWebhookAdapter(AsyncWebhookAdapter):
    """Interaction callbacks and followups, sent to `routes`."""

    def __init__(self, routes: Routes) -> None:
        super().__init__()
        self.routes = routes

    async def request(self, route: Route, session: aiohttp.ClientSession, **kwargs: Any) -> Any:
        route.url = self.routes.rest(route.url)
        return await super().request(route, session, **kwargs)


def routed_http_client(original: HTTPClient, routes: Routes) -> RoutedHTTPClient:
    """A RoutedHTTPClient configured like the one discord.Client just built."""
    client = RoutedHTTPClient(
        original.loop,
        original.connector or None,
        proxy=original.proxy,
        proxy_auth=original.proxy_auth,
        unsync_clock=not original.use_clock,
        http_trace=original.http_trace,
        max_ratelimit_timeout=original.max_ratelimit_timeout,
    )
    client.routes = routes
    return client
