from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from mnemonic import Mnemonic

from guard.cli import configure_parser, run

PHRASE = Mnemonic("english").to_mnemonic(bytes(16))
ROOT = Path(__file__).resolve().parents[2]


def _args(*argv: str) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    configure_parser(p)
    return p.parse_args(list(argv))


def test_plain_lines() -> None:
    out = io.StringIO()
    rc = run(_args("--fail-on-secret"), io.StringIO(f"hello\n{PHRASE}\n"), out)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert rc == 1
    assert rows[0] == {"id": 1, "secret": False, "kinds": [], "redacted": "hello"}
    assert rows[1]["id"] == 2 and rows[1]["secret"] and rows[1]["kinds"] == ["bip39_mnemonic"]
    assert "abandon" not in rows[1]["redacted"]


def test_jsonl_with_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "hi"}\nnot json\n{"id": 3}\n', encoding="utf-8")
    out = io.StringIO()
    rc = run(_args(str(f), "--jsonl", "--fail-on-secret"), io.StringIO(), out)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert rc == 0
    assert rows[0]["id"] == "a" and rows[0]["secret"] is False
    assert "error" in rows[1] and "not json" not in rows[1]["error"]
    assert rows[2]["id"] == 3 and "error" in rows[2]


def test_missing_file_is_usage_error(tmp_path: Path) -> None:
    assert run(_args(str(tmp_path / "nope")), io.StringIO(), io.StringIO()) == 2


def test_streams_line_by_line() -> None:
    """Each output line appears before the next input line is written (pipe filter)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "guard.cli"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdin and proc.stdout
    try:
        proc.stdin.write("first\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["redacted"] == "first"
        proc.stdin.write(PHRASE + "\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["secret"] is True
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0
