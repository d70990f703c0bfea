from __future__ import annotations

from pathlib import Path

import pytest

from faq.base import FaqBase, FaqLoadError


def write(d: Path, name: str, text: str) -> Path:
    d.mkdir(exist_ok=True)
    p = d / name
    p.write_text(text, encoding="utf-8")
    return p


def test_load_directory(faq_dir: Path) -> None:
    base = FaqBase.load(faq_dir)
    assert [e.id for e in base.entries] == [
        "deposit-not-credited",
        "password-reset",
        "withdrawal-pending",
        "enable-2fa",
    ]
    e = base.get("password-reset")
    assert e is not None and e.category == "account"
    assert e.title("ru") == "Забыл пароль"
    assert base.get("nope") is None


def test_answer_language_fallback(faq_dir: Path) -> None:
    base = FaqBase.load(faq_dir)
    assert base.answer("withdrawal-pending", "ru") == ("Выводы проверяются в течение часа.", "ru")
    # no zh answer: falls back to the default language
    assert base.answer("withdrawal-pending", "zh", "en")[1] == "en"
    assert base.answer("withdrawal-pending", "zh", "ru")[1] == "ru"
    # title falls back too
    assert base.get("enable-2fa").title("zh") == "How do I enable two-factor authentication?"  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        base.answer("missing", "en")


def test_single_file(faq_dir: Path) -> None:
    assert len(FaqBase.load(faq_dir / "main.toml").entries) == 4


def test_bad_toml_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", '[[entry]]\nid = "x"\ncategory = \n')
    with pytest.raises(FaqLoadError) as ei:
        FaqBase.load(tmp_path)
    msg = str(ei.value)
    assert "a.toml:3" in msg and "invalid TOML" in msg


def test_missing_key_names_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "b.toml",
        '# comment\n\n[[entry]]\nid = "ok"\n[entry.questions]\nen = ["q"]\n'
        '[entry.answer]\nen = "a"\n'
        '\n[[entry]]\nid = "broken"\n[entry.questions]\nen = ["q2"]\n',
    )
    with pytest.raises(FaqLoadError) as ei:
        FaqBase.load(tmp_path)
    msg = str(ei.value)
    assert "b.toml:10" in msg and "'broken'" in msg and "answer" in msg


def test_wrong_types(tmp_path: Path) -> None:
    write(
        tmp_path,
        "c.toml",
        '[[entry]]\nid = "x"\n[entry.questions]\nen = [1, 2]\n[entry.answer]\nen = "a"\n',
    )
    with pytest.raises(FaqLoadError, match=r"c\.toml:3.*questions\.en"):
        FaqBase.load(tmp_path)


def test_unknown_language_and_bad_id(tmp_path: Path) -> None:
    write(
        tmp_path,
        "d.toml",
        '[[entry]]\nid = "has space"\n[entry.questions]\nen = ["q"]\n[entry.answer]\nen = "a"\n',
    )
    with pytest.raises(FaqLoadError, match="'id' must be"):
        FaqBase.load(tmp_path)
    write(
        tmp_path,
        "d.toml",
        '[[entry]]\nid = "x"\n[entry.questions]\nfr = ["q"]\n[entry.answer]\nen = "a"\n',
    )
    with pytest.raises(FaqLoadError, match="unknown language 'fr'"):
        FaqBase.load(tmp_path)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    entry = '[[entry]]\nid = "same"\n[entry.questions]\nen = ["q"]\n[entry.answer]\nen = "a"\n'
    write(tmp_path, "a.toml", entry)
    write(tmp_path, "b.toml", "\n\n" + entry)
    with pytest.raises(FaqLoadError) as ei:
        FaqBase.load(tmp_path)
    msg = str(ei.value)
    assert "duplicate entry id 'same'" in msg and "b.toml:3" in msg and "a.toml:1" in msg


def test_missing_path_and_empty_dir(tmp_path: Path) -> None:
    with pytest.raises(FaqLoadError, match="no such file"):
        FaqBase.load(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FaqLoadError, match=r"no \*\.toml"):
        FaqBase.load(tmp_path / "empty")


def test_shipped_base_loads() -> None:
    shipped = Path(__file__).resolve().parents[2] / "faq" / "data"
    if not any(shipped.glob("*.toml")):
        pytest.skip("shipped FAQ data not present yet")
    base = FaqBase.load(shipped)
    assert len(base.entries) >= 10
