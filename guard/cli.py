"""``supportbot scan``: a line-by-line secret filter (stdin or FILE -> JSON lines on stdout)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from guard.core import SecretGuard

EXIT_OK = 0
EXIT_SECRET = 1
EXIT_USAGE = 2


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the scan arguments to ``parser`` (a subcommand parser of the main CLI)."""
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="messages, one per line (default: stdin)"
    )
    parser.add_argument(
        "--jsonl", action="store_true", help='input lines are {"id": ..., "text": ...}'
    )
    parser.add_argument(
        "--fail-on-secret", action="store_true", help="exit with status 1 if any secret is found"
    )


def _record(guard: SecretGuard, ident: Any, text: str) -> tuple[dict[str, Any], bool]:
    res = guard.scan(text)
    return (
        {
            "id": ident,
            "secret": res.has_secret,
            "kinds": res.kinds,
            "redacted": guard.redact(text, res),
        },
        res.has_secret,
    )


def _parse_jsonl(line: str, lineno: int) -> tuple[Any, str | None, str | None]:
    """(id, text, error): error is a user-safe message that never echoes the line."""
    try:
        obj = json.loads(line)
    except ValueError:
        return lineno, None, "invalid JSON"
    if not isinstance(obj, dict):
        return lineno, None, "expected a JSON object"
    ident = obj.get("id", lineno)
    text = obj.get("text")
    if not isinstance(text, str):
        return ident, None, 'missing string field "text"'
    return ident, text, None


def run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Scan each input line as it arrives and write one JSON line per input line."""
    path = getattr(args, "file", None)
    try:
        source: TextIO = open(path, encoding="utf-8", errors="replace") if path else stdin
    except OSError as exc:
        print(f"supportbot scan: cannot open {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    guard = SecretGuard()
    found_any = False
    lineno = 0
    try:
        while True:
            line = (
                source.readline()
            )  # readline, not iteration: no read-ahead, works as a pipe filter
            if not line:
                break
            lineno += 1
            line = line.rstrip("\r\n")
            if args.jsonl:
                if not line.strip():
                    continue
                ident, text, error = _parse_jsonl(line, lineno)
                if error is not None or text is None:
                    out: dict[str, Any] = {"id": ident, "line": lineno, "error": error}
                else:
                    out, hit = _record(guard, ident, text)
                    found_any |= hit
            else:
                out, hit = _record(guard, lineno, line)
                found_any |= hit
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            stdout.flush()
    finally:
        if source is not stdin:
            source.close()
    return EXIT_SECRET if (args.fail_on_secret and found_any) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point: ``python -m guard.cli [FILE] [--jsonl] [--fail-on-secret]``."""
    parser = argparse.ArgumentParser(prog="supportbot scan", description=__doc__)
    configure_parser(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    return run(args, sys.stdin, sys.stdout)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
