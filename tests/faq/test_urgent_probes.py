"""Urgent-incident detection (rules + model) on the probe sets (faq/eval/probes/, docs/faq.md
"Urgent-incident probes"): floors at the levels reached, so a regression shows. urgent3 was
never tuned or trained on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faq.intents import detect_urgent

PROBES = Path(__file__).resolve().parents[2] / "faq" / "eval" / "probes"


@pytest.mark.parametrize(
    ("name", "min_recall", "max_false_alarms"),
    [
        ("urgent.jsonl", 0.88, 0.03),  # rules tuned on it, model trained on it
        ("urgent2.jsonl", 0.90, 0.02),  # the same, after being scored held out (55.0 %)
        ("urgent3.jsonl", 0.60, 0.07),  # never tuned on; see docs/faq.md for its scorings
    ],
)
def test_urgent_probe(name: str, min_recall: float, max_false_alarms: float) -> None:
    rows = [json.loads(line) for line in (PROBES / name).read_text(encoding="utf-8").splitlines()]
    urgent = [r for r in rows if r["urgent"]]
    calm = [r for r in rows if not r["urgent"]]
    missed = [r["id"] for r in urgent if detect_urgent(r["text"]) is None]
    alarms = [r["id"] for r in calm if detect_urgent(r["text"]) is not None]
    assert 1 - len(missed) / len(urgent) >= min_recall, f"missed {missed}"
    assert len(alarms) / len(calm) <= max_false_alarms, f"false alarms {alarms}"
