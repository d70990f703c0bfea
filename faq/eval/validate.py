"""Check the FAQ base and the evaluation set against each other and print their counts.

Run from the repository root: ``.venv/bin/python faq/eval/validate.py``.
Exits non-zero on the first class of problems so it can gate CI; it never scores a matcher.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "faq" / "data"
EVAL_FILES = [
    ROOT / "faq" / "eval" / n
    for n in (
        "messages.jsonl",
        "dev2.jsonl",
        "dev3.jsonl",
        "dev4.jsonl",
        "holdout.jsonl",
        "final.jsonl",
        "calib1.jsonl",
        "calib2.jsonl",
        "fresh.jsonl",
        "fresh2.jsonl",
    )
    if (ROOT / "faq" / "eval" / n).exists()
]

LANGS = {"en", "ru", "zh", "ru-translit", "mixed"}
KINDS = {"answerable", "greeting", "off_topic", "spam", "uncovered", "needs_human", "urgent"}
SPLITS = {
    *("dev", "test", "dev2", "dev3", "dev4"),
    *("holdout", "final", "calib1", "calib2", "fresh", "fresh2"),
}
FAQ_LANGS = {"en", "ru", "zh"}
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MIN_PER_ENTRY = 4


def load_faq(errors: list[str]) -> dict[str, dict[str, Any]]:
    """Return FAQ entries by id, recording shape problems instead of stopping at the first."""
    entries: dict[str, dict[str, Any]] = {}
    missing_lang = 0
    for path in sorted(DATA_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
        for entry in doc.get("entry", []):
            eid = entry.get("id", "")
            where = f"{path.name}:{eid}"
            if not KEBAB.fullmatch(eid):
                errors.append(f"{where}: id is not kebab-case")
            if eid in entries:
                errors.append(f"{where}: duplicate id")
            if not entry.get("category"):
                errors.append(f"{where}: no category")
            questions = entry.get("questions", {})
            answers = entry.get("answer", {})
            if set(questions) != set(answers) or not set(questions) <= FAQ_LANGS:
                errors.append(f"{where}: question/answer languages differ or are unknown")
            if set(questions) != FAQ_LANGS:
                missing_lang += 1
            for lang, items in questions.items():
                if not 4 <= len(items) <= 60:
                    errors.append(f"{where}: {len(items)} {lang} questions (want 4-60)")
            entries[eid] = entry
    if missing_lang > 3:
        errors.append(f"{missing_lang} entries lack a language (at most 3 allowed)")
    return entries


def load_eval(faq_ids: set[str], errors: list[str]) -> list[dict[str, Any]]:
    """Parse messages.jsonl and check every row against the schema and the FAQ ids."""
    rows: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    lines = [
        (f"{path.name}:{n}", line)
        for path in EVAL_FILES
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    ]
    for lineno, line in lines:
        row = json.loads(line)
        where = f"{lineno} ({row.get('id')})"
        if set(row) != {"id", "text", "lang", "label", "kind", "split"}:
            errors.append(f"{where}: unexpected keys {sorted(row)}")
        if row["id"] in seen_ids:
            errors.append(f"{where}: duplicate id")
        if row["text"] in seen_texts:
            errors.append(f"{where}: duplicate text")
        seen_ids.add(row["id"])
        seen_texts.add(row["text"])
        if row["lang"] not in LANGS or row["kind"] not in KINDS or row["split"] not in SPLITS:
            errors.append(f"{where}: bad lang/kind/split")
        if row["kind"] == "answerable":
            if row["label"] not in faq_ids:
                errors.append(f"{where}: label {row['label']!r} is not a FAQ id")
        elif row["label"] is not None:
            errors.append(f"{where}: kind {row['kind']} must have label null")
        rows.append(row)
    return rows


def table(title: str, counter: Counter[str], total: int) -> None:
    """Print one count table with percentages."""
    print(f"\n{title}")
    for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {key:<14} {n:>4}  {100 * n / total:5.1f}%")


def main() -> int:
    """Validate both datasets, print counts, return a process exit code."""
    errors: list[str] = []
    entries = load_faq(errors)
    rows = load_eval(set(entries), errors)

    per_label = Counter(r["label"] for r in rows if r["label"])
    label_splits: dict[str, set[str]] = {}
    for r in rows:
        if r["label"]:
            label_splits.setdefault(r["label"], set()).add(r["split"])
    for eid in entries:
        if per_label[eid] < MIN_PER_ENTRY:
            errors.append(f"FAQ entry {eid} has {per_label[eid]} eval messages (want >= 4)")
        elif len(label_splits.get(eid, ())) < 2:
            errors.append(f"FAQ entry {eid} is in fewer than two splits")

    total = len(rows)
    print(f"FAQ entries: {len(entries)}   eval messages: {total}")
    table("by lang", Counter(r["lang"] for r in rows), total)
    table("by kind", Counter(r["kind"] for r in rows), total)
    table("by split", Counter(r["split"] for r in rows), total)
    unanswerable = sum(1 for r in rows if r["label"] is None)
    print(f"\nlabel null: {unanswerable} ({100 * unanswerable / total:.1f}%)")
    lo, hi = min(per_label.values()), max(per_label.values())
    print(f"eval messages per FAQ entry: min {lo}, max {hi}")
    print("\nsplit x kind")
    for kind in sorted(KINDS):
        c = Counter(r["split"] for r in rows if r["kind"] == kind)
        print(f"  {kind:<12} dev {c['dev']:>4}  test {c['test']:>4}")
    print("split x lang")
    for lang in sorted(LANGS):
        c = Counter(r["split"] for r in rows if r["lang"] == lang)
        print(f"  {lang:<12} dev {c['dev']:>4}  test {c['test']:>4}")

    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for err in errors:
            print(f"  {err}", file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
