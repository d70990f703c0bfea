"""`faq check`: everything wrong with a FAQ base, listed at once, before staff reload it.

Beyond schema errors (with file and line) and duplicate ids, it warns about things the
loader accepts but users would feel: missing languages, questions the matcher cannot
tell apart from another entry's, and questions that never reach the FAQ because they
read as urgent or as a request for a human.
"""

from __future__ import annotations

from pathlib import Path

from faq.base import LANGS, FaqBase, FaqEntry, Problem, collect
from faq.intents import detect_urgent, needs_person, wants_human
from faq.matcher import Matcher

#: another entry scoring at least this (and not below the own entry) is "too close"
CLOSE_SCORE = 0.6

__all__ = ["Problem", "check_base"]


def check_base(path: str | Path) -> list[Problem]:
    """All problems in the base at `path`, errors first, then warnings, in file order."""
    entries, problems = collect(path)
    for e in entries:
        problems.extend(_language_gaps(e))
    if entries:
        try:
            base = FaqBase(entries, str(path))
        except Exception as exc:  # pragma: no cover - collect already rejects duplicates
            problems.append(Problem("error", str(path), None, str(exc)))
        else:
            problems.extend(_intent_clashes(base))
            problems.extend(_close_pairs(base))
    problems.sort(key=lambda p: (p.severity != "error", p.file, p.line or 0))
    return problems


def _language_gaps(e: FaqEntry) -> list[Problem]:
    out: list[Problem] = []
    for lang in LANGS:
        if lang not in e.questions:
            out.append(Problem("warning", e.file, e.line, f"entry {e.id!r}: no {lang} questions"))
        if lang not in e.answers:
            out.append(
                Problem("warning", e.file, e.line, f"entry {e.id!r}: no {lang} answer (falls back)")
            )
    return out


def _intent_clashes(base: FaqBase) -> list[Problem]:
    out: list[Problem] = []
    for e in base.entries:
        for _lang, q in e.all_questions():
            kind = detect_urgent(q)
            if kind is not None:
                out.append(
                    Problem(
                        "warning",
                        e.file,
                        e.line,
                        f"entry {e.id!r}: question {q!r} reads as urgent ({kind}) and will be "
                        "escalated instead of answered",
                    )
                )
            elif wants_human(q) or needs_person(q) is not None:
                why = needs_person(q) or "human"
                out.append(
                    Problem(
                        "warning",
                        e.file,
                        e.line,
                        f"entry {e.id!r}: question {q!r} reads as a request for a human "
                        f"({why}) and will never be answered from the FAQ",
                    )
                )
    return out


def _close_pairs(base: FaqBase) -> list[Problem]:
    """Questions of one entry that another entry matches at least as well."""
    matcher = Matcher(base)
    out: list[Problem] = []
    reported: set[tuple[str, str]] = set()
    for e in base.entries:
        for _lang, q in e.all_questions():
            cands = matcher.rank(q)
            own = next((c.score for c in cands if c.entry_id == e.id), 0.0)
            for c in cands:
                if c.entry_id == e.id or c.score < CLOSE_SCORE or c.score < own - 1e-9:
                    continue
                pair = (min(e.id, c.entry_id), max(e.id, c.entry_id))
                if pair in reported:
                    continue
                reported.add(pair)
                out.append(
                    Problem(
                        "warning",
                        e.file,
                        e.line,
                        f"entries {e.id!r} and {c.entry_id!r} are too close to tell apart: "
                        f"{q!r} matches {c.question!r} ({c.score:.2f} vs own {own:.2f})",
                    )
                )
    return out
