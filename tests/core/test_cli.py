"""The README's promise: `supportbot demo` works piped, line by line, on the embedded default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mnemonic import Mnemonic

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], stdin: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_demo_plays_both_sides(tmp_path: Path) -> None:
    phrase = Mnemonic("english").generate(strength=128)
    script = "\n".join(
        [
            "My deposit has not arrived in my account",
            phrase,
            "/human",
            "!queue",
            "!take 1",
            "!reply 1 Hello from support",
            "!close 1 done",
            "",
        ]
    )
    # the seed phrase opens security ticket #1; /human then joins it (one open ticket per user)
    res = _run(["demo", "--data-dir", str(tmp_path / "d")], script, tmp_path)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "Did this help?" in out
    assert "seed phrase or a private key" in out and phrase not in out
    assert "ticket #1" in out
    assert "Queue" in out and "is yours" in out
    assert "bot> Hello from support" in out
    assert "has been closed" in out
    assert not (tmp_path / "data").exists()  # nothing written outside --data-dir
    assert list((tmp_path / "d").glob("supportbot.db*"))


def test_queue_command_reads_database(tmp_path: Path) -> None:
    _run(["demo", "--data-dir", str(tmp_path / "d")], "/human\n", tmp_path)
    res = _run(["queue", "--data-dir", str(tmp_path / "d")], "", tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("#1\t")


def test_bad_config_names_key(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[bot]\ndefault_language = "fr"\n')
    res = _run(["run", "--config", str(cfg)], "", tmp_path)
    assert res.returncode == 2
    assert "config key bot.default_language" in res.stderr
    assert "Traceback" not in res.stderr


def test_db_upgrade(tmp_path: Path) -> None:
    res = _run(["db", "upgrade", "--data-dir", str(tmp_path / "d")], "", tmp_path)
    assert res.returncode == 0 and "up to date" in res.stdout


def test_demo_restarted_on_the_same_data_dir_answers_every_line(tmp_path: Path) -> None:
    _run(["demo", "--data-dir", str(tmp_path / "d")], "hello\n", tmp_path)
    res = _run(["demo", "--data-dir", str(tmp_path / "d")], "hello\n!queue\n", tmp_path)
    assert res.stdout.count("bot> ") == 1 and "[staff]" in res.stdout


def test_unusable_database_is_one_line_without_the_url(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[storage]\nurl = "postgresql+asyncpg://u:hunter2@127.0.0.1:1/x"\n')
    res = _run(["queue", "--config", str(cfg)], "", tmp_path)
    assert res.returncode == 2
    assert "storage.url" in res.stderr and "hunter2" not in res.stderr
    assert "Traceback" not in res.stderr
