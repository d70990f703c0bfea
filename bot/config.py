"""Configuration: one TOML file, validated at start; every error names its key.

Tokens never live in the file: the file names the environment variable that
holds each token, and the token is read from the environment at start.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "ru", "zh")
PRIORITIES = ("urgent", "high", "normal", "low")


class ConfigError(Exception):
    """Bad configuration; the message names the key and what was expected."""


class _Section:
    """Typed reads from one TOML table that report the full dotted key on error."""

    def __init__(self, data: Mapping[str, Any], path: str, known: set[str] | None = None) -> None:
        if not isinstance(data, Mapping):
            raise ConfigError(f"config key {path}: expected a table")
        self.data = data
        self.path = path
        self._used: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def _get(self, name: str, default: Any) -> Any:
        self._used.add(name)
        return self.data.get(name, default)

    def text(self, name: str, default: str | None = None, *, choices: tuple[str, ...] = ()) -> str:
        v = self._get(name, default)
        if not isinstance(v, str):
            raise ConfigError(f"config key {self.key(name)}: expected a string, got {_kind(v)}")
        if choices and v not in choices:
            raise ConfigError(
                f"config key {self.key(name)}: expected one of {', '.join(choices)}, got {v!r}"
            )
        return v

    def opt_text(self, name: str) -> str | None:
        v = self._get(name, None)
        if v is None or v == "":
            return None
        if not isinstance(v, str):
            raise ConfigError(f"config key {self.key(name)}: expected a string, got {_kind(v)}")
        return v

    def flag(self, name: str, default: bool) -> bool:
        v = self._get(name, default)
        if not isinstance(v, bool):
            raise ConfigError(
                f"config key {self.key(name)}: expected true or false, got {_kind(v)}"
            )
        return v

    def integer(self, name: str, default: int | None = None, *, minimum: int | None = None) -> int:
        v = self._get(name, default)
        if isinstance(v, bool) or not isinstance(v, int):
            raise ConfigError(f"config key {self.key(name)}: expected an integer, got {_kind(v)}")
        if minimum is not None and v < minimum:
            raise ConfigError(f"config key {self.key(name)}: expected at least {minimum}, got {v}")
        return v

    def opt_integer(self, name: str) -> int | None:
        """An id; 0 means unset (no platform uses 0 as an id)."""
        v = self._get(name, None)
        if v is None or v == 0:
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            raise ConfigError(f"config key {self.key(name)}: expected an integer, got {_kind(v)}")
        return v

    def number(self, name: str, default: float) -> float:
        v = self._get(name, default)
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise ConfigError(f"config key {self.key(name)}: expected a number, got {_kind(v)}")
        return float(v)

    def text_list(self, name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        v = self._get(name, list(default))
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise ConfigError(f"config key {self.key(name)}: expected a list of strings")
        return tuple(v)

    def integer_list(self, name: str) -> tuple[int, ...]:
        v = self._get(name, [])
        if not isinstance(v, list) or not all(
            isinstance(x, int) and not isinstance(x, bool) for x in v
        ):
            raise ConfigError(f"config key {self.key(name)}: expected a list of integers")
        return tuple(v)

    def sub(self, name: str) -> _Section:
        self._used.add(name)
        return _Section(self.data.get(name, {}), self.key(name))

    def raw(self, name: str) -> Any:
        self._used.add(name)
        return self.data.get(name)

    def check_unknown(self) -> None:
        unknown = sorted(set(self.data) - self._used)
        if unknown:
            raise ConfigError(f"config key {self.key(unknown[0])}: unknown key")


def _kind(v: object) -> str:
    if v is None:
        return "nothing"
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}.get(
        type(v), f"a {type(v).__name__}"
    )


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    listen: str = "127.0.0.1"
    port: int = 8443
    path: str = "/telegram"
    public_url: str | None = None
    secret_token_env: str | None = None
    health_path: str = "/healthz"


@dataclass(frozen=True, slots=True)
class HealthConfig:
    """A health route for polling mode (webhook mode serves one on the webhook's own app)."""

    listen: str = "127.0.0.1"
    port: int | None = None  # None: no health server; 0: any free port (tests)
    path: str = "/healthz"


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    enabled: bool = False
    token_env: str = "TELEGRAM_BOT_TOKEN"
    staff_chat_id: int | None = None
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: str = "polling"
    poll_timeout: int = 30
    webhook: WebhookConfig = field(default_factory=WebhookConfig)
    staff_cache_seconds: int = 300
    health: HealthConfig = field(default_factory=HealthConfig)


@dataclass(frozen=True, slots=True)
class DiscordConfig:
    enabled: bool = False
    token_env: str = "DISCORD_BOT_TOKEN"
    staff_guild_id: int | None = None
    staff_channel_id: int | None = None
    staff_role_ids: tuple[int, ...] = ()
    support_channel_ids: tuple[int, ...] = ()
    api_base_url: str = "https://discord.com/api/v10"
    gateway_url: str | None = None
    command_prefix: str = "!"


@dataclass(frozen=True, slots=True)
class Config:
    default_language: str = "en"
    data_dir: Path = Path("data")
    database_url: str = ""
    team_name: str = "Support team"
    show_staff_names: bool = False
    staff_ids: tuple[str, ...] = ()
    thread_channels: tuple[str, ...] = ()
    faq_path: Path | None = None
    faq_thresholds: Mapping[str, Any] = field(default_factory=dict)
    blocklist_path: Path | None = None
    explorers: Mapping[str, Any] = field(default_factory=dict)
    console_enabled: bool = True
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    discord: DiscordConfig = field(default_factory=DiscordConfig)
    source: Path | None = None

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'supportbot.db').as_posix()}"

    def token(self, env_name: str) -> str:
        """Read a token from the environment; the error names the variable, never a value."""
        value = os.environ.get(env_name, "").strip()
        if not value:
            raise ConfigError(
                f"environment variable {env_name} is not set (it holds the bot token)"
            )
        return value


def load_config(path: Path | None) -> Config:
    """Read and validate the TOML file; `None` gives the embedded default (console demo)."""
    if path is None:
        return parse_config({}, base_dir=Path.cwd())
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"config file {path} does not exist") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config file {path} is not valid TOML: {e}") from e
    return parse_config(raw, base_dir=path.parent, source=path)


def parse_config(raw: Mapping[str, Any], *, base_dir: Path, source: Path | None = None) -> Config:
    root = _Section(raw, "")

    b = root.sub("bot")
    default_language = b.text("default_language", "en", choices=LANGUAGES)
    data_dir = base_dir / b.text("data_dir", "data")
    team_name = b.text("team_name", "Support team")
    show_staff_names = b.flag("show_staff_names", False)
    b.check_unknown()

    s = root.sub("storage")
    database_url = s.text("url", "")
    s.check_unknown()

    f = root.sub("faq")
    faq_path_s = f.opt_text("path")
    thresholds = f.raw("thresholds") or {}
    if not isinstance(thresholds, Mapping):
        raise ConfigError("config key faq.thresholds: expected a table")
    f.check_unknown()

    g = root.sub("guard")
    blocklist_s = g.opt_text("blocklist")
    explorers = g.raw("explorers") or {}
    if not isinstance(explorers, Mapping):
        raise ConfigError("config key guard.explorers: expected a table")
    g.check_unknown()

    st = root.sub("staff")
    staff_ids = st.text_list("ids")
    for i, sid in enumerate(staff_ids):
        if ":" not in sid:
            raise ConfigError(
                f"config key staff.ids[{i}]: expected 'channel:user_id' like 'telegram:12345', "
                f"got {sid!r}"
            )
    thread_channels = st.text_list("thread_channels")
    st.check_unknown()

    ch = root.sub("channels")
    con = ch.sub("console")
    console_enabled = con.flag("enabled", True)
    con.check_unknown()

    t = ch.sub("telegram")
    wh = t.sub("webhook")
    webhook = WebhookConfig(
        listen=wh.text("listen", "127.0.0.1"),
        port=wh.integer("port", 8443, minimum=1),
        path=wh.text("path", "/telegram"),
        public_url=wh.opt_text("public_url"),
        secret_token_env=wh.opt_text("secret_token_env"),
        health_path=wh.text("health_path", "/healthz"),
    )
    wh.check_unknown()
    hc = t.sub("health")
    health_port = hc.integer("port", 0, minimum=0) if "port" in hc.data else None
    if health_port is not None and health_port > 65535:
        raise ConfigError(
            f"config key channels.telegram.health.port: expected 0-65535, got {health_port}"
        )
    health = HealthConfig(
        listen=hc.text("listen", "127.0.0.1"),
        port=health_port,
        path=hc.text("path", "/healthz"),
    )
    if not health.path.startswith("/"):
        raise ConfigError("config key channels.telegram.health.path: must start with '/'")
    hc.check_unknown()
    telegram = TelegramConfig(
        enabled=t.flag("enabled", False),
        token_env=t.text("token_env", "TELEGRAM_BOT_TOKEN"),
        staff_chat_id=t.opt_integer("staff_chat_id"),
        base_url=t.text("base_url", "https://api.telegram.org/bot"),
        base_file_url=t.text("base_file_url", "https://api.telegram.org/file/bot"),
        mode=t.text("mode", "polling", choices=("polling", "webhook")),
        poll_timeout=t.integer("poll_timeout", 30, minimum=0),
        webhook=webhook,
        staff_cache_seconds=t.integer("staff_cache_seconds", 300, minimum=0),
        health=health,
    )
    if "token" in t.data:
        raise ConfigError(
            "config key channels.telegram.token: tokens are not read from the file; "
            "set channels.telegram.token_env to the name of an environment variable"
        )
    t.check_unknown()

    d = ch.sub("discord")
    discord = DiscordConfig(
        enabled=d.flag("enabled", False),
        token_env=d.text("token_env", "DISCORD_BOT_TOKEN"),
        staff_guild_id=d.opt_integer("staff_guild_id"),
        staff_channel_id=d.opt_integer("staff_channel_id"),
        staff_role_ids=d.integer_list("staff_role_ids"),
        support_channel_ids=d.integer_list("support_channel_ids"),
        api_base_url=d.text("api_base_url", "https://discord.com/api/v10"),
        gateway_url=d.opt_text("gateway_url"),
        command_prefix=d.text("command_prefix", "!"),
    )
    if "token" in d.data:
        raise ConfigError(
            "config key channels.discord.token: tokens are not read from the file; "
            "set channels.discord.token_env to the name of an environment variable"
        )
    d.check_unknown()
    ch.check_unknown()
    root.check_unknown()

    for i, name in enumerate(thread_channels):
        if name not in ("telegram", "discord", "console", "test"):
            raise ConfigError(
                f"config key staff.thread_channels[{i}]: expected telegram, discord or console, "
                f"got {name!r}"
            )

    return Config(
        default_language=default_language,
        data_dir=data_dir,
        database_url=database_url,
        team_name=team_name,
        show_staff_names=show_staff_names,
        staff_ids=staff_ids,
        thread_channels=thread_channels,
        faq_path=(base_dir / faq_path_s) if faq_path_s else None,
        faq_thresholds=thresholds,
        blocklist_path=(base_dir / blocklist_s) if blocklist_s else None,
        explorers=explorers,
        console_enabled=console_enabled,
        telegram=telegram,
        discord=discord,
        source=source,
    )
