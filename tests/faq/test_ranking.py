"""Entry-level BM25, the confidence model and the screens in front of the decision."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from faq.base import FaqBase
from faq.bm25 import Bm25Index
from faq.matcher import (
    CONFIDENCE_MODEL,
    FEATURE_NAMES,
    Matcher,
    MatchThresholds,
    confidence,
)
from faq.text import analyse

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def matcher(faq_dir: Path) -> Matcher:
    return Matcher(FaqBase.load(faq_dir))


def _index() -> Bm25Index:
    return Bm25Index(
        [
            [analyse("my withdrawal is stuck"), analyse("вывод завис")],
            [analyse("deposit not credited"), analyse("充值没有到账")],
            [analyse("reset password"), analyse("забыл пароль")],
        ]
    )


def test_bm25_is_a_share_of_the_message_maximum() -> None:
    idx = _index()
    q, top = idx.query(analyse("withdrawal stuck"))
    scores = [idx.score(q, top, i) for i in range(3)]
    assert 0.0 < scores[0] <= 1.0 and scores[1] == scores[2] == 0.0
    # words no entry has lower the share: unexplained content counts against a match
    q2, top2 = idx.query(analyse("withdrawal stuck lightning invoice"))
    assert idx.score(q2, top2, 0) < scores[0]


def test_bm25_char_grams_survive_typos_and_chinese_bigrams() -> None:
    idx = _index()
    q, top = idx.query(analyse("widthdrawl stuk"))
    assert idx.retrieve(q, 2)[0] == 0
    q, top = idx.query(analyse("充值还没到账"))
    assert max(range(3), key=lambda i: idx.score(q, top, i)) == 1


def test_confidence_model_shape() -> None:
    assert len(CONFIDENCE_MODEL) == len(FEATURE_NAMES) + 1
    strong = (0.9, 0.5, 0.2, 0.8, 0.5, 0.9, 1.0, 0.5, 0.0, 1.0, 0.0)
    weak = (0.3, 0.01, 0.97, 0.2, 0.0, 0.3, 0.4, 0.1, 0.3, 0.0, 0.0)
    assert confidence(strong) > 0.9 > 0.3 > confidence(weak)
    # a message that reads more like an incident report needs more evidence
    alarming = (*strong[:-1], 0.8)
    assert confidence(alarming) < confidence(strong)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("anyone here?", "greeting"),
        ("有人吗？", "greeting"),
        ("good morning team", "greeting"),
        ("eth to the moon 🚀 wen moon", "off_topic"),
        ("эфир ещё вырастет или всё?", "off_topic"),
        ("I want a refund, you charged me twice for a deposit", "human"),
        ("talk to a human please, my deposit has not arrived", "human"),
        ("Selling verified exchange accounts, KYC done, cheap, dm", "spam"),
        ("someone withdrew all my usdt, deposit not credited", "urgent"),
    ],
)
def test_screens_never_answer(matcher: Matcher, text: str, reason: str) -> None:
    r = matcher.match(text)
    assert r.decision == "decline" and r.reason == reason
    assert matcher.decision_features(text) is None


def test_asking_whether_a_giveaway_is_legit_is_not_spam(matcher: Matcher) -> None:
    assert matcher.match("is this giveaway that doubles my btc legit?").reason != "spam"


def test_answer_reports_confidence(matcher: Matcher) -> None:
    r = matcher.match("my deposit has not arrived")
    assert r.decision == "answer" and r.confidence >= MatchThresholds().answer_confidence
    feats = matcher.decision_features("my deposit has not arrived")
    assert feats is not None and feats[0] == "deposit-not-credited"
    assert len(feats[1]) == len(FEATURE_NAMES)


def test_confidence_threshold_is_configurable(faq_dir: Path) -> None:
    base = FaqBase.load(faq_dir)
    never = Matcher(base, MatchThresholds.from_mapping({"answer_confidence": 1.0}))
    assert never.match("my deposit has not arrived").decision == "suggest"
    with pytest.raises(ValueError, match="answer_confidence"):
        MatchThresholds.from_mapping({"answer_confidence": 2})


def test_amounts_glued_to_units() -> None:
    # "1000U" is 1000 USDT; "20k" carries no topic
    keys = {u.key for u in analyse("转了1000U 20k usdt").units if not u.cjk}
    assert keys == {"=usdt"}


def test_fit_logistic_learns_the_direction() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_faq import fit_logistic

    rows = [((x / 10,), 1.0 if x >= 5 else 0.0) for x in range(10)]
    w = fit_logistic(rows, l2=0.001, steps=2000)
    assert w[1] > 0 and w[0] + w[1] * 0.9 > 0 > w[0] + w[1] * 0.1


def test_chinese_words_meet_an_entry_without_chinese_text(matcher: Matcher) -> None:
    # the fixture's enable-2fa entry has English questions only
    cands = matcher.rank("谷歌验证")
    assert cands and cands[0].entry_id == "enable-2fa"
