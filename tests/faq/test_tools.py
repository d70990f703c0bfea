from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from faq.check import check_base
from faq.unanswered import group_questions

ROOT = Path(__file__).resolve().parents[2]


def test_check_reports_everything(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        '[[entry]]\nid = "one"\n[entry.questions]\nen = ["How do I reset my password?"]\n'
        '[entry.answer]\nen = "a"\n\n'
        '[[entry]]\nid = "two"\n[entry.questions]\nen = ["How can I reset my password?"]\n'
        '[entry.answer]\nen = "b"\n',
        encoding="utf-8",
    )
    (tmp_path / "b.toml").write_text(
        '[[entry]]\nid = "one"\n[entry.questions]\nen = ["dup"]\n[entry.answer]\nen = "c"\n'
        '[[entry]]\nid = "bad"\n[entry.questions]\nen = ["x"]\n',
        encoding="utf-8",
    )
    (tmp_path / "c.toml").write_text('[[entry]\nid = "x"\n', encoding="utf-8")
    problems = check_base(tmp_path)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    msgs = [str(p) for p in errors]
    assert any("duplicate entry id 'one'" in m and "b.toml:1" in m for m in msgs)
    assert any("'bad'" in m and "answer" in m and "b.toml:7" in m for m in msgs)
    assert any("c.toml:1" in m and "invalid TOML" in m for m in msgs)
    assert any("too close" in p.message and "'one'" in p.message for p in warnings)
    assert any("no ru questions" in p.message for p in warnings)
    assert problems.index(errors[-1]) < problems.index(warnings[0])  # errors first


def test_check_clean_fixture(faq_dir: Path) -> None:
    problems = check_base(faq_dir)
    assert not [p for p in problems if p.severity == "error"]


def test_group_questions() -> None:
    texts = [
        "how to buy NFT",
        "deposit insurance?",
        "How to buy an NFT?",
        "how to buy nft",
        "is there deposit insurance",
        "как купить NFT",
        "how to buy nft",
        "weather",
    ]
    groups = group_questions(texts, limit=10)
    # same question in English, with typos/case, and in Russian ("купить" = "buy")
    assert groups[0].count == 5 and groups[0].example == "how to buy nft"
    assert len(groups[0].samples) <= 3
    assert groups[1].count == 2 and "insurance" in groups[1].example
    assert sum(g.count for g in groups) == len(texts)
    assert [g.count for g in groups] == sorted((g.count for g in groups), reverse=True)
    assert len(group_questions(texts, limit=2)) == 2
    assert group_questions([]) == []


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "faq.cli", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        timeout=60,
    )


def test_cli_check_and_match(faq_dir: Path) -> None:
    r = _run(["check", str(faq_dir)])
    assert r.returncode == 0 and "0 error(s)" in r.stdout
    r = _run(["match", "--faq", str(faq_dir), "I forgot my password"])
    assert r.returncode == 0
    assert "decision: answer" in r.stdout and "password-reset" in r.stdout
    (faq_dir / "bad.toml").write_text("[[entry]]\nid=1\n", encoding="utf-8")
    r = _run(["check", str(faq_dir)])
    assert r.returncode == 1 and "bad.toml" in r.stdout


def test_cli_jsonl_streams_line_by_line(faq_dir: Path) -> None:
    """Talk to the process through a pipe: each answer must come before the next question."""
    p = subprocess.Popen(
        [sys.executable, "-m", "faq.cli", "match", "--faq", str(faq_dir), "--jsonl"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert p.stdin is not None and p.stdout is not None
    try:

        def ask(line: str) -> dict[str, object]:
            assert p.stdin is not None and p.stdout is not None
            p.stdin.write(line + "\n")
            p.stdin.flush()
            return json.loads(p.stdout.readline())

        a = ask(json.dumps({"id": 1, "text": "забыл пароль"}))
        assert a == {"id": 1, "faq_id": "password-reset", "decision": "answer", "score": a["score"]}
        assert isinstance(a["score"], float)
        b = ask(json.dumps({"id": "x", "text": "what's the weather"}))
        assert b["id"] == "x" and b["faq_id"] is None and b["decision"] == "decline"
        c = ask("{not json")
        assert "error" in c and c["id"] is None
        d = ask(json.dumps({"id": 7, "text": 5}))
        assert d["id"] == 7 and "error" in d
        e = ask(json.dumps({"id": 8, "text": "hello"}))
        assert e["decision"] == "decline"
    finally:
        p.stdin.close()
        assert p.wait(timeout=30) == 0


def test_check_warns_about_questions_that_never_reach_the_faq(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        '[[entry]]\nid = "refunds"\n[entry.questions]\n'
        'en = ["I want a refund for the double charge", "my account got hacked"]\n'
        '[entry.answer]\nen = "a"\n',
        encoding="utf-8",
    )
    msgs = [p.message for p in check_base(tmp_path) if p.severity == "warning"]
    assert any("request for a human (refund)" in m for m in msgs)
    assert any("reads as urgent (account_hacked)" in m for m in msgs)
