"""The naive Bayes stage of urgent detection: training, scoring, the shipped file, fallbacks."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from faq import urgent_model
from faq.intents import detect_urgent_with
from faq.urgent_model import THRESHOLD, UrgentModel, features, shipped_model

TOY = [
    ("an email says my whitelist got a new address while i was asleep", True),
    ("history shows a withdrawal at 4am to an address i have never seen", True),
    ("письмо о новом адресе в белом списке пришло ночью, я спал", True),
    ("半夜收到白名单新增地址的邮件 我在睡觉", True),
    ("how do i add an address to my whitelist", False),
    ("where is my withdrawal history", False),
    ("как добавить адрес в белый список", False),
    ("怎么添加白名单地址", False),
]


def test_features_share_russian_and_translit() -> None:
    assert features("вывод") & features("vyvod")
    assert "b:白名" in features("白名单")


def test_train_score_and_roundtrip() -> None:
    model = UrgentModel.train(TOY)
    urgent = model.score("got a mail that a new whitelist address was added while i was asleep")
    calm = model.score("how do i add a new whitelist address")
    assert urgent > calm
    again = UrgentModel.from_json(model.to_json())
    assert again.score("where is my withdrawal history") == pytest.approx(
        model.score("where is my withdrawal history"), abs=1e-2
    )


def test_training_needs_both_classes() -> None:
    with pytest.raises(ValueError, match="both"):
        UrgentModel.train([("hello", False)])


def test_shipped_model_loads_and_backs_the_rules() -> None:
    model = shipped_model()
    assert model is not None and len(model.weights) > 10_000
    text = "so an email came in at 3am that my withdrawal whitelist was updated and i was asleep"
    assert detect_urgent_with(text, model) is not None
    # short messages and "is this real?" questions are left to the rules
    assert detect_urgent_with("whitelist updated?", model) is None
    asking = "got an email saying my whitelist was updated, is it real? i did not click it"
    assert detect_urgent_with(asking, model) is None


def test_model_stage_respects_what_ifs() -> None:
    model = shipped_model()
    text = "what happens if someone adds an address to my whitelist while i am asleep"
    assert model is not None and detect_urgent_with(text, model) is None


def test_missing_model_file_means_rules_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(urgent_model, "MODEL_FILE", tmp_path / "missing.json")
    urgent_model.shipped_model.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert urgent_model.shipped_model() is None
        assert "rules only" in caplog.text
    finally:
        urgent_model.shipped_model.cache_clear()
    assert THRESHOLD > 0
