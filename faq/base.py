"""The FAQ base: a directory of TOML files with ``[[entry]]`` tables.

Loading is strict (the bot must not serve a half-valid base) and every schema error
names the file and line, because staff edit these files by hand and reload with
/faq reload. `collect` is the lenient variant used by ``faq check`` to list every
problem at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANGS: tuple[str, ...] = ("en", "ru", "zh")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$")
_KNOWN_KEYS = frozenset({"id", "category", "keywords", "questions", "answer"})


class FaqLoadError(Exception):
    """The FAQ base is invalid; the message names file and line and is safe to show."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found while reading a file (the loader raises on the first error)."""

    severity: str  # "error" | "warning"
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class FaqEntry:
    id: str
    category: str
    questions: Mapping[str, tuple[str, ...]]
    answers: Mapping[str, str]
    keywords: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)

    def title(self, lang: str, default_lang: str = "en") -> str:
        """First question in `lang` (else default, else any): the suggestion button text."""
        for code in (lang, default_lang, *LANGS, *self.questions):
            qs = self.questions.get(code)
            if qs:
                return qs[0]
        return self.id

    def all_questions(self) -> Iterable[tuple[str, str]]:
        """(language, question) pairs."""
        for lang, qs in self.questions.items():
            for q in qs:
                yield lang, q


class FaqBase:
    """An immutable, validated set of entries."""

    def __init__(self, entries: Iterable[FaqEntry], source: str = "") -> None:
        self.entries: tuple[FaqEntry, ...] = tuple(entries)
        self.source = source
        self._by_id = {e.id: e for e in self.entries}
        if len(self._by_id) != len(self.entries):
            raise FaqLoadError("duplicate entry ids")

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def load(cls, path: str | Path) -> FaqBase:
        """Load a directory of *.toml (or one file); raise FaqLoadError on the first error."""
        entries, problems = collect(path)
        errors = [i for i in problems if i.severity == "error"]
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise FaqLoadError(f"{errors[0]}{more}")
        return cls(entries, str(path))

    def get(self, entry_id: str) -> FaqEntry | None:
        return self._by_id.get(entry_id)

    def answer(self, entry_id: str, lang: str, default_lang: str = "en") -> tuple[str, str]:
        """(answer text, language actually used); falls back to default_lang, then any."""
        entry = self._by_id.get(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        for code in (lang, default_lang, *LANGS, *entry.answers):
            text = entry.answers.get(code)
            if text:
                return text, code
        raise KeyError(entry_id)  # unreachable: validation requires one answer


def toml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.glob("*.toml") if p.is_file())
    return [path]


def collect(path: str | Path) -> tuple[list[FaqEntry], list[Problem]]:
    """Read every file, returning the valid entries and all problems found."""
    root = Path(path)
    problems: list[Problem] = []
    entries: list[FaqEntry] = []
    if not root.exists():
        return [], [Problem("error", str(root), None, "no such file or directory")]
    files = toml_files(root)
    if not files:
        return [], [Problem("error", str(root), None, "no *.toml files found")]
    seen: dict[str, FaqEntry] = {}
    for f in files:
        for entry in _read_file(f, problems):
            prev = seen.get(entry.id)
            if prev is not None:
                problems.append(
                    Problem(
                        "error",
                        entry.file,
                        entry.line,
                        f"duplicate entry id {entry.id!r} (first defined at {prev.file}:{prev.line})",  # noqa: E501
                    )
                )
                continue
            seen[entry.id] = entry
            entries.append(entry)
    return entries, problems


_DECODE_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_ENTRY_HDR = re.compile(r"^\s*\[\[\s*entry\s*\]\]")


def _read_file(f: Path, problems: list[Problem]) -> list[FaqEntry]:
    name = str(f)
    try:
        raw = f.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem("error", name, None, f"cannot read file: {type(e).__name__}"))
        return []
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = _DECODE_LINE.search(msg)
        line = int(m.group(1)) if m else None
        problems.append(
            Problem("error", name, line, f"invalid TOML: {_DECODE_LINE.sub('', msg).strip()}")
        )
        return []
    lines = raw.splitlines()
    starts = [i + 1 for i, ln in enumerate(lines) if _ENTRY_HDR.match(ln)]
    for key in data:
        if key != "entry":
            problems.append(
                Problem(
                    "warning",
                    name,
                    _find_line(lines, key, 1, len(lines)),
                    f"unknown top-level key {key!r}",
                )
            )
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        problems.append(
            Problem(
                "error",
                name,
                _find_line(lines, "entry", 1, len(lines)),
                "'entry' must be an array of tables: use [[entry]]",
            )
        )
        return []
    if not raw_entries:
        problems.append(Problem("warning", name, None, "file has no [[entry]] tables"))
    out: list[FaqEntry] = []
    for i, item in enumerate(raw_entries):
        start = starts[i] if i < len(starts) else 1
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines)
        entry = _parse_entry(item, name, lines, start, end, problems)
        if entry is not None:
            out.append(entry)
    return out


def _find_line(lines: list[str], key: str, start: int, end: int) -> int:
    """Line (1-based) within [start, end] that defines `key`, else `start`."""
    pat = re.compile(
        rf"^\s*(\[+\s*entry\.{re.escape(key)}\s*\]|{re.escape(key)}\s*=|\"{re.escape(key)}\"\s*=)"
    )
    for n in range(start, min(end, len(lines)) + 1):
        if pat.match(lines[n - 1]):
            return n
    return start


def _parse_entry(
    item: Any, file: str, lines: list[str], start: int, end: int, problems: list[Problem]
) -> FaqEntry | None:
    def err(key: str | None, msg: str, severity: str = "error") -> None:
        line = _find_line(lines, key, start, end) if key else start
        problems.append(Problem(severity, file, line, msg))

    if not isinstance(item, dict):
        err(None, "entry must be a table")
        return None
    ok = True
    eid = item.get("id")
    label = f"entry {eid!r}" if isinstance(eid, str) else "entry"
    if eid is None:
        err(None, "entry: missing key 'id'")
        ok = False
    elif not isinstance(eid, str) or not _ID_RE.match(eid):
        err("id", f"{label}: 'id' must be 1-60 characters of letters, digits, '_', '.', '-'")
        ok = False
    category = item.get("category", "")
    if not isinstance(category, str):
        err("category", f"{label}: 'category' must be a string")
        ok = False
    keywords = item.get("keywords", [])
    if not isinstance(keywords, list) or not all(
        isinstance(k, str) and k.strip() for k in keywords
    ):
        err("keywords", f"{label}: 'keywords' must be a list of non-empty strings")
        ok = False
        keywords = []
    questions = _lang_table(item, "questions", label, err, list_values=True)
    answers = _lang_table(item, "answer", label, err, list_values=False)
    if questions is None or answers is None:
        ok = False
    if not ok or questions is None or answers is None:
        return None
    extra = {k: v for k, v in item.items() if k not in _KNOWN_KEYS}
    assert isinstance(eid, str)
    return FaqEntry(
        id=eid,
        category=category,
        questions={k: tuple(v) for k, v in questions.items()},
        answers=dict(answers),
        keywords=tuple(keywords),
        file=file,
        line=start,
        extra=extra,
    )


def _lang_table(
    item: dict[str, Any], key: str, label: str, err: Any, *, list_values: bool
) -> dict[str, Any] | None:
    table = item.get(key)
    if table is None:
        err(None, f"{label}: missing key '{key}' (add [entry.{key}])")
        return None
    if not isinstance(table, dict):
        err(key, f"{label}: '{key}' must be a table of languages")
        return None
    out: dict[str, Any] = {}
    for lang, value in table.items():
        if lang not in LANGS:
            err(
                key,
                f"{label}: {key}: unknown language {lang!r} (expected one of {', '.join(LANGS)})",
            )
            return None
        if list_values:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(
                isinstance(q, str) and q.strip() for q in value
            ):
                err(key, f"{label}: {key}.{lang} must be a list of non-empty strings")
                return None
            if value:
                out[lang] = [q.strip() for q in value]
        else:
            if not isinstance(value, str) or not value.strip():
                err(key, f"{label}: {key}.{lang} must be a non-empty string")
                return None
            out[lang] = value.strip()
    if not out:
        err(key, f"{label}: '{key}' has no language with content")
        return None
    return out
