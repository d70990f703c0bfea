"""Config errors name the key and what was expected; tokens never come from the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config, parse_config

ROOT = Path(__file__).resolve().parents[2]


def test_example_config_is_valid() -> None:
    cfg = load_config(ROOT / "config.example.toml")
    assert cfg.default_language in ("en", "ru", "zh")


def test_default_is_console_with_sqlite(tmp_path: Path) -> None:
    cfg = parse_config({}, base_dir=tmp_path)
    assert cfg.console_enabled and cfg.resolved_database_url().startswith("sqlite+aiosqlite:///")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"bot": {"default_language": "fr"}}, "bot.default_language"),
        ({"bot": {"show_staff_names": "yes"}}, "bot.show_staff_names"),
        ({"bot": {"colour": "red"}}, "bot.colour"),
        ({"staff": {"ids": [123]}}, "staff.ids"),
        ({"staff": {"ids": ["123"]}}, "staff.ids[0]"),
        ({"staff": {"thread_channels": ["slack"]}}, "staff.thread_channels[0]"),
        ({"channels": {"telegram": {"staff_chat_id": "abc"}}}, "channels.telegram.staff_chat_id"),
        ({"channels": {"telegram": {"mode": "push"}}}, "channels.telegram.mode"),
        ({"channels": {"telegram": {"token": "123:abc"}}}, "channels.telegram.token"),
        ({"channels": {"discord": {"staff_role_ids": ["x"]}}}, "channels.discord.staff_role_ids"),
        ({"channels": {"telegram": {"webhook": {"port": 0}}}}, "channels.telegram.webhook.port"),
        ({"channels": {"telegram": {"health": {"port": 70000}}}}, "channels.telegram.health.port"),
        ({"channels": {"telegram": {"health": {"port": "80"}}}}, "channels.telegram.health.port"),
        ({"channels": {"telegram": {"health": {"path": "live"}}}}, "channels.telegram.health.path"),
        ({"channels": {"telegram": {"health": {"host": "x"}}}}, "channels.telegram.health.host"),
        ({"faq": {"thresholds": 3}}, "faq.thresholds"),
        ({"nonsense": {}}, "nonsense"),
    ],
)
def test_errors_name_the_key(raw: dict, key: str, tmp_path: Path) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError) as e:
        parse_config(raw, base_dir=tmp_path)
    assert f"config key {key}:" in str(e.value)


def test_token_comes_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = parse_config({"channels": {"telegram": {"token_env": "MY_TG"}}}, base_dir=tmp_path)
    monkeypatch.delenv("MY_TG", raising=False)
    with pytest.raises(ConfigError) as e:
        cfg.token("MY_TG")
    assert "MY_TG" in str(e.value)
    monkeypatch.setenv("MY_TG", "123456:SECRETSECRETSECRETSECRETSECRETSECRET")
    assert cfg.token("MY_TG").startswith("123456:")


def test_bad_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text("[bot\nx=1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.toml")
