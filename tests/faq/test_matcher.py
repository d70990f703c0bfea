from __future__ import annotations

from pathlib import Path

import pytest

from faq.base import FaqBase
from faq.matcher import Matcher, MatchThresholds


@pytest.fixture
def matcher(faq_dir: Path) -> Matcher:
    return Matcher(FaqBase.load(faq_dir))


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("my deposit has not arrived", "deposit-not-credited"),
        ("deposit not arived yet", "deposit-not-credited"),  # typo
        ("депозит не пришел", "deposit-not-credited"),
        ("ne prishel depozit", "deposit-not-credited"),  # transliterated Russian
        ("充值没到账", "deposit-not-credited"),  # Chinese without spaces
        ("I forgot my pasword", "password-reset"),
        ("забыл пароль", "password-reset"),
        ("忘记密码", "password-reset"),
        ("withdrawal stuck pending", "withdrawal-pending"),
        ("my вывод завис", "withdrawal-pending"),  # mixed languages
    ],
)
def test_answers(matcher: Matcher, text: str, entry: str) -> None:
    r = matcher.match(text)
    assert r.decision == "answer", r
    assert r.best is not None and r.best.entry_id == entry
    assert r.candidates == tuple(sorted(r.candidates, key=lambda c: -c.score))
    assert len(r.candidates) <= 5


def test_long_message_finds_the_question(matcher: Matcher) -> None:
    text = (
        "Hello team, I have been using your exchange for two years and I am really happy with "
        "it, great job overall. Yesterday evening I bought some coins and moved them around. "
        "Now the thing is my deposit has not arrived yet. Can you check?"
    )
    r = matcher.match(text)
    assert r.best is not None and r.best.entry_id == "deposit-not-credited"
    # most of the story is words no entry explains: ranked right, but too little of the message
    # is explained to answer it, so it goes to a person (with the candidate for context)
    assert r.decision != "answer"


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "hello!!",
        "привет",
        "你好",
        "thanks",
        "what is the weather in london today",
        "who won the football game",
        "🙂",
    ],
)
def test_declines_chatter(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).decision == "decline"


def test_urgent_is_never_answered(matcher: Matcher) -> None:
    r = matcher.match("someone logged in and all my funds disappeared, deposit gone")
    assert r.decision == "decline" and r.reason == "urgent"


def test_spam_declined(matcher: Matcher) -> None:
    r = matcher.match("FREE deposit bonus!!! claim now at t.me/freebonus")
    assert r.decision == "decline" and r.reason == "spam"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("免费领空投 点击链接 名额有限", "spam"),
        ("高价收U 私聊我", "spam"),
        ("click the link in my bio for free usdt", "spam"),
        ("推荐个百倍币吧", "off_topic"),
        ("大盘今天怎么了", "off_topic"),
        ("what do you think about solana", "off_topic"),
        ("что думаете про эфир", "off_topic"),
        ("thanks a lot guys, the deposit finally arrived, have a good one", "greeting"),
        ("спасибо огромное, всё пришло на карту!", "greeting"),
        ("谢谢客服 已经到账了", "greeting"),
    ],
)
def test_spam_and_chatter_screens(matcher: Matcher, text: str, reason: str) -> None:
    r = matcher.match(text)
    assert (r.decision, r.reason) == ("decline", reason)


@pytest.mark.parametrize(
    "text",
    [
        "thanks, but my deposit still has not arrived",
        "спасибо, но вывод так и не пришёл",
        "谢谢 但是还没到账",
    ],
)
def test_thanks_with_a_remaining_problem_is_not_a_goodbye(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).reason != "greeting"


def test_ambiguous_suggests(faq_dir: Path) -> None:
    # two entries with the same wording cannot be told apart: suggest both, never answer
    extra = (
        '[[entry]]\nid = "fiat-deposit"\n[entry.questions]\nen = ["My deposit has not '
        'arrived", "bank transfer deposit"]\n[entry.answer]\nen = "Bank transfers take 1-3 days."\n'
    )
    (faq_dir / "fiat.toml").write_text(extra, encoding="utf-8")
    m = Matcher(FaqBase.load(faq_dir))
    r = m.match("deposit has not arrived")
    assert r.decision == "suggest"
    ids = {c.entry_id for c in r.suggestions}
    assert {"deposit-not-credited", "fiat-deposit"} <= ids
    assert 1 <= len(r.suggestions) <= 3


def test_thresholds_drive_decision(faq_dir: Path) -> None:
    base = FaqBase.load(faq_dir)
    text = "my deposit has not arrived"
    assert Matcher(base).match(text).decision == "answer"
    strict = Matcher(base, MatchThresholds(answer_min_content=20.0))
    assert strict.match(text).decision == "suggest"
    no_suggest = Matcher(
        base,
        MatchThresholds(
            answer_min_content=20.0, suggest_coverage=1.0, suggest_score=0.99, answer_score=0.99
        ),
    )
    assert no_suggest.match("deposit arrived credited blockchain").decision == "decline"


def test_thresholds_from_mapping() -> None:
    t = MatchThresholds.from_mapping({"answer_score": 0.7, "answer_margin": 0.1})
    assert t.answer_score == 0.7 and t.answer_margin == 0.1
    assert MatchThresholds.from_mapping({}) == MatchThresholds()
    with pytest.raises(ValueError, match="answer_scor"):
        MatchThresholds.from_mapping({"answer_scor": 0.7})
    with pytest.raises(ValueError, match="answer_margin"):
        MatchThresholds.from_mapping({"answer_margin": "high"})
    with pytest.raises(ValueError, match="suggest_score"):
        MatchThresholds.from_mapping({"suggest_score": 1.5})
    with pytest.raises(ValueError, match="answer_coverage"):
        MatchThresholds.from_mapping({"answer_coverage": True})


def test_candidate_fields(matcher: Matcher) -> None:
    r = matcher.match("忘记密码了")
    best = r.best
    assert best is not None
    assert best.entry_id == "password-reset" and best.lang == "zh" and "密码" in best.question
    assert 0.0 < best.score <= 1.0
