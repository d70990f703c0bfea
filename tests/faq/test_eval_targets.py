"""The matcher against the issue's targets on the held-out splits of the eval sets.

Round 3 (docs/faq.md has the protocol and the figures): `fresh2` (a writer no tuning saw) is
the report, scored once the matcher was frozen; `holdout`, `final` and `fresh` are earlier
writers' sets that were only ever read in aggregate; `calib1`/`calib2` fitted the confidence
model. Writers differ: the same matcher scores 75-89 % on their sets.
What is met is asserted; what is not is an expected failure, so the day it passes shows, and
a floor at the level reached guards against regressions.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = ROOT / "faq" / "eval"
SPLITS = ("tune", "holdout", "final", "calib1", "calib2", "fresh", "fresh2")

pytestmark = pytest.mark.skipif(
    not (EVAL_DIR / "fresh2.jsonl").exists(), reason="faq/eval/fresh2.jsonl is not present"
)


@pytest.fixture(scope="module")
def tallies() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_faq import FAQ_DIR, evaluate, load_messages, matcher_decider, select

    from faq.base import FaqBase
    from faq.matcher import Matcher

    msgs = load_messages(EVAL_DIR)
    decide = matcher_decider(Matcher(FaqBase.load(FAQ_DIR)))
    return {s: evaluate(select(msgs, s), decide).overall for s in SPLITS}


@pytest.mark.parametrize("split", SPLITS)
def test_no_urgent_message_is_answered(tallies: dict[str, Any], split: str) -> None:
    assert tallies[split].urgent_answered == 0


@pytest.mark.parametrize("split", ["holdout", "final", "fresh", "fresh2"])
def test_wrong_answers_at_most_3_percent(tallies: dict[str, Any], split: str) -> None:
    t = tallies[split]
    assert t.wrong / t.n <= 0.03, f"wrong answers {t.wrong}/{t.n}"


def test_accuracy_target_85_percent_on_the_report(tallies: dict[str, Any]) -> None:
    t = tallies["fresh2"]
    assert t.correct / t.answerable >= 0.85, f"accuracy {t.correct}/{t.answerable}"


@pytest.mark.parametrize(("split", "floor"), [("fresh", 0.82), ("final", 0.76), ("holdout", 0.74)])
def test_accuracy_levels_reached(tallies: dict[str, Any], split: str, floor: float) -> None:
    t = tallies[split]
    assert t.correct / t.answerable >= floor, f"accuracy {t.correct}/{t.answerable}"


@pytest.mark.xfail(
    reason="85% not reached on every earlier writer's set: 83.3% fresh, 77.7% final, 75.4% holdout",
    strict=False,
)
@pytest.mark.parametrize("split", ["fresh", "final", "holdout"])
def test_accuracy_85_percent_on_earlier_writers(tallies: dict[str, Any], split: str) -> None:
    t = tallies[split]
    assert t.correct / t.answerable >= 0.85, f"accuracy {t.correct}/{t.answerable}"
