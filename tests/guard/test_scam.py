from __future__ import annotations

from pathlib import Path

import pytest

from guard import (
    default_blocklist,
    find_blocked_links,
    imitates_staff,
    load_blocklist,
    solicits_secrets,
)


@pytest.mark.parametrize(
    "text",
    [
        "DM me your seed phrase and I will fix it",
        "Please send your 12 words to validate the wallet",
        "To rectify your wallet, enter your recovery phrase at our portal",
        "You need to validate your wallet now",
        "contact admin on WhatsApp +1 555 0100",
        "DM support for help",
        "Отправьте вашу сид фразу администратору",
        "напишите в лс, поможем восстановить",
        "请私信客服",
        "把你的助记词发给我，我帮你恢复",
        "同步你的钱包以领取空投",
    ],
)
def test_solicits(text: str) -> None:
    assert solicits_secrets(text)


@pytest.mark.parametrize(
    "text",
    [
        "I lost my seed phrase, what now?",
        "We will never ask for your seed phrase.",
        "Never share your private key with anyone, admins will never DM you first.",
        "Никогда не сообщайте свою сид фразу",
        "不要把你的助记词告诉任何人",
        "how do I back up my wallet?",
        "",
    ],
)
def test_does_not_solicit(text: str) -> None:
    assert not solicits_secrets(text)


def test_blocklist(tmp_path: Path) -> None:
    p = tmp_path / "bl.txt"
    p.write_text("# comment\nScam.example.com\n\nevil.org  # trailing\n", encoding="utf-8")
    bl = load_blocklist(p)
    assert bl == frozenset({"scam.example.com", "evil.org"})
    text = "go to https://login.evil.org/x and scam.example.com/claim or notevil.org, good.org"
    assert find_blocked_links(text, bl) == ["login.evil.org", "scam.example.com"]
    assert find_blocked_links("EVIL.ORG", bl) == ["evil.org"]
    assert find_blocked_links("nothing here", bl) == []
    assert "wallet-rectify.com" in default_blocklist()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Alice", False),
        ("Аlice", True),  # Cyrillic А
        ("A1ice", True),
        ("AIice", True),  # capital I looks like l
        ("Alice Support", True),
        ("Official Helpdesk", True),
        ("Поддержка", True),
        ("客服小王", True),
        ("Alicee", True),
        ("Bob", False),
        ("Charlie", False),
    ],
)
def test_imitates_staff(name: str, expected: bool) -> None:
    staff = ["Alice", "Dmitry Admin"]
    assert imitates_staff(name, staff) is expected
