"""The matcher against the issue's targets on the held-out splits of the eval sets.

`holdout` (a third writer) chose the decision thresholds; `final` (a fourth writer) is the
report, scored once the matcher was frozen (docs/faq.md has the protocol and the figures).
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

pytestmark = pytest.mark.skipif(
    not (EVAL_DIR / "final.jsonl").exists(), reason="faq/eval/final.jsonl is not present"
)


@pytest.fixture(scope="module")
def tallies() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_faq import FAQ_DIR, evaluate, load_messages, matcher_decider, select

    from faq.base import FaqBase
    from faq.matcher import Matcher

    msgs = load_messages(EVAL_DIR)
    decide = matcher_decider(Matcher(FaqBase.load(FAQ_DIR)))
    return {s: evaluate(select(msgs, s), decide).overall for s in ("tune", "holdout", "final")}


@pytest.mark.parametrize("split", ["tune", "holdout", "final"])
def test_no_urgent_message_is_answered(tallies: dict[str, Any], split: str) -> None:
    assert tallies[split].urgent_answered == 0


def test_wrong_answers_at_most_3_percent_on_holdout(tallies: dict[str, Any]) -> None:
    t = tallies["holdout"]
    assert t.wrong / t.n <= 0.03, f"wrong answers {t.wrong}/{t.n}"


def test_levels_reached_on_final(tallies: dict[str, Any]) -> None:
    t = tallies["final"]
    assert t.correct / t.answerable >= 0.75, f"accuracy {t.correct}/{t.answerable}"
    assert t.wrong / t.n <= 0.04, f"wrong answers {t.wrong}/{t.n}"


@pytest.mark.xfail(reason="issue target not met: 3.6% wrong answers on final", strict=False)
def test_wrong_answers_at_most_3_percent_on_final(tallies: dict[str, Any]) -> None:
    t = tallies["final"]
    assert t.wrong / t.n <= 0.03, f"wrong answers {t.wrong}/{t.n}"


@pytest.mark.xfail(reason="issue target not met: 77.7% on final, 68.3% on holdout", strict=False)
@pytest.mark.parametrize("split", ["holdout", "final"])
def test_accuracy_target_85_percent(tallies: dict[str, Any], split: str) -> None:
    t = tallies[split]
    assert t.correct / t.answerable >= 0.85, f"accuracy {t.correct}/{t.answerable}"
