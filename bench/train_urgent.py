"""Train the urgent-incident model (faq/urgent_model.py) and report how it adds to the rules.

    .venv/bin/python bench/train_urgent.py            # CV report, then write the model file
    .venv/bin/python bench/train_urgent.py --dry-run  # CV report only

Training data: the probe sets urgent.jsonl and urgent2.jsonl, the FAQ eval's tuning splits
(dev, test, dev2; kind "urgent" against every other kind) and every FAQ question (ordinary).
The FAQ eval's holdout and final splits and the probe set urgent3.jsonl are never trained on:
they measure it. The report is for the combined detector (rules, then the model).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_faq import FAQ_DIR, load_messages, select  # noqa: E402

from faq.base import FaqBase  # noqa: E402
from faq.intents import detect_urgent_rules, detect_urgent_with  # noqa: E402
from faq.urgent_model import MODEL_FILE, THRESHOLD, UrgentModel  # noqa: E402

PROBES = ROOT / "faq" / "eval" / "probes"
TRAIN_PROBES = ("urgent.jsonl", "urgent2.jsonl")
HELD_OUT_PROBE = "urgent3.jsonl"


def probe(name: str) -> list[tuple[str, bool]]:
    lines = (PROBES / name).read_text(encoding="utf-8").splitlines()
    return [(d["text"], bool(d["urgent"])) for d in map(json.loads, lines)]


def training_rows() -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """(labelled messages, FAQ questions as ordinary messages)."""
    rows = [r for name in TRAIN_PROBES for r in probe(name)]
    rows += [(m.text, m.kind == "urgent") for m in select(load_messages(), "tune")]
    base = FaqBase.load(FAQ_DIR)
    questions = [(q, False) for e in base.entries for qs in e.questions.values() for q in qs]
    return rows, questions


def tally(rows: list[tuple[str, bool]], predict: list[bool]) -> str:
    pos = sum(y for _t, y in rows)
    tp = sum(p and y for (_t, y), p in zip(rows, predict, strict=True))
    fp = sum(p and not y for (_t, y), p in zip(rows, predict, strict=True))
    return f"recall {100 * tp / pos:.1f}%, false alarms {100 * fp / (len(rows) - pos):.1f}% ({fp})"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--dry-run", action="store_true", help="report only, do not write the model")
    args = p.parse_args(argv)
    rows, questions = training_rows()
    random.Random(0).shuffle(rows)
    rules = [detect_urgent_rules(t) is not None for t, _y in rows]
    print(f"training: {len(rows)} labelled messages + {len(questions)} FAQ questions")
    print(f"rules alone (in-sample, they were tuned on these): {tally(rows, rules)}")
    folds = 5
    predicted = [False] * len(rows)
    for k in range(folds):
        model = UrgentModel.train([r for i, r in enumerate(rows) if i % folds != k] + questions)
        for i, (text, _y) in enumerate(rows):
            if i % folds == k:
                predicted[i] = detect_urgent_with(text, model) is not None
    print(f"rules + model (threshold {THRESHOLD}, 5-fold CV): {tally(rows, predicted)}")
    model = UrgentModel.train(rows + questions)
    flagged = [q for q, _y in questions if detect_urgent_with(q, model) is not None]
    print(f"FAQ questions read as urgent (in-sample): {len(flagged)}")
    held = probe(HELD_OUT_PROBE)
    by_rules = [detect_urgent_rules(t) is not None for t, _y in held]
    combined = [detect_urgent_with(t, model) is not None for t, _y in held]
    print(f"{HELD_OUT_PROBE} (never trained on): rules {tally(held, by_rules)}")
    print(f"{HELD_OUT_PROBE} (never trained on): rules + model {tally(held, combined)}")
    if not args.dry_run:
        MODEL_FILE.parent.mkdir(exist_ok=True)
        MODEL_FILE.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)} ({len(model.weights)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
