"""`supportbot faq check DIR` and `supportbot faq match` (one question, or a JSONL stream).

The JSONL mode answers each input line as soon as it is read and flushes, so another
program can drive it interactively through a pipe; a bad line yields an error object
instead of ending the stream.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from faq.base import FaqBase, FaqLoadError
from faq.check import check_base
from faq.matcher import Matcher, MatchResult, MatchThresholds

DEFAULT_FAQ = Path(__file__).parent / "data"


def configure_check_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, nargs="?", default=DEFAULT_FAQ, help="FAQ dir or file")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")


def run_check(args: argparse.Namespace, stdout: IO[str]) -> int:
    """Print every problem; exit 1 if there is an error (or a warning with --strict)."""
    problems = check_base(args.path)
    for p in problems:
        stdout.write(f"{p.severity}: {p}\n")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    stdout.write(f"{errors} error(s), {warnings} warning(s)\n")
    return 1 if errors or (getattr(args, "strict", False) and warnings) else 0


def configure_match_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("question", nargs="?", help="the user message (omit with --jsonl)")
    p.add_argument("--faq", type=Path, default=DEFAULT_FAQ, help="FAQ dir or file")
    p.add_argument("--lang", choices=("en", "ru", "zh"), default=None, help="language hint")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id": ..., "text": ...} lines from stdin, write one result line each',
    )


def _result_json(rid: Any, r: MatchResult) -> dict[str, Any]:
    best = r.best
    return {
        "id": rid,
        "faq_id": best.entry_id if r.decision == "answer" and best else None,
        "decision": r.decision,
        "score": best.score if best else None,
    }


def run_match(args: argparse.Namespace, stdin: IO[str], stdout: IO[str]) -> int:
    try:
        matcher = Matcher(FaqBase.load(args.faq), MatchThresholds())
    except FaqLoadError as e:
        if args.jsonl:
            stdout.write(json.dumps({"error": str(e)}, ensure_ascii=False) + "\n")
            stdout.flush()
        else:
            stdout.write(f"error: {e}\n")
        return 1
    if args.jsonl:
        return _stream(matcher, args.lang, stdin, stdout)
    if not args.question:
        stdout.write("error: give a question, or --jsonl to read lines from stdin\n")
        return 2
    r = matcher.match(args.question, args.lang)
    stdout.write(f"decision: {r.decision} ({r.reason})\n")
    stdout.write(f"language: {r.lang}  coverage: {r.coverage:.2f}  margin: {r.margin:.2f}\n")
    for i, c in enumerate(r.candidates, 1):
        mark = "*" if r.decision == "suggest" and c in r.suggestions else " "
        stdout.write(f"{i}.{mark} {c.score:.3f}  {c.entry_id:<32} [{c.lang}] {c.question}\n")
    return 0


def _stream(matcher: Matcher, lang: str | None, stdin: IO[str], stdout: IO[str]) -> int:
    lineno = 0
    while True:
        line = stdin.readline()  # not `for line in stdin`: that reads ahead in blocks
        if not line:
            break
        lineno += 1
        if not line.strip():
            continue
        out: dict[str, Any]
        obj: Any = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError('expected an object with a string "text"')
            hint = obj.get("lang", lang)
            r = matcher.match(obj["text"], hint if hint in ("en", "ru", "zh") else None)
            out = _result_json(obj.get("id"), r)
        except ValueError as e:  # json.JSONDecodeError is a ValueError
            rid = obj.get("id") if isinstance(obj, dict) else None
            out = {"id": rid, "error": f"line {lineno}: {e}"}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Standalone entry (`python -m faq.cli check|match ...`); the bot CLI wires the same."""
    p = argparse.ArgumentParser(prog="python -m faq.cli")
    sub = p.add_subparsers(dest="cmd", required=True)
    configure_check_parser(sub.add_parser("check"))
    configure_match_parser(sub.add_parser("match"))
    args = p.parse_args(argv)
    if args.cmd == "check":
        return run_check(args, sys.stdout)
    return run_match(args, sys.stdin, sys.stdout)


if __name__ == "__main__":
    raise SystemExit(main())
