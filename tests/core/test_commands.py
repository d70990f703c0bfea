"""Staff command parsing: one parser, a usage line for every mistake."""

from __future__ import annotations

from datetime import timedelta

import pytest

from escalation.commands import USAGE, parse
from escalation.errors import UnknownCommand, UsageError


@pytest.mark.parametrize(
    ("text", "name", "ticket", "rest"),
    [
        ("/take 42", "take", 42, ""),
        ("!take #42", "take", 42, ""),
        ("/take@SupportBot 42", "take", 42, ""),
        ("/reply 7 hello there\nsecond line", "reply", 7, "hello there\nsecond line"),
        ("/close 3", "close", 3, ""),
        ("/close 3 refunded", "close", 3, "refunded"),
        ("/priority 5 URGENT", "priority", 5, "urgent"),
    ],
)
def test_parse_ok(text: str, name: str, ticket: int, rest: str) -> None:
    cmd = parse(text)
    assert (cmd.name, cmd.ticket_id, cmd.text) == (name, ticket, rest)


def test_block_duration() -> None:
    assert parse("/block @bob 30m").duration == timedelta(minutes=30)
    assert parse("/block telegram:1").duration == timedelta(hours=24)
    with pytest.raises(UsageError):
        parse("/block")


@pytest.mark.parametrize(
    "text",
    [
        "/take",
        "/take x",
        "/take 1 2",
        "/reply 1",
        "/reply x hi",
        "/note",
        "/priority 1",
        "/priority 1 meh",
        "/transfer 1",
        "/transfer 1 a b",
        "/history",
        "/stats abc",
        "/stats 0",
        "/faq",
        "/faq nuke",
        "/take 99999999999",
    ],
)
def test_usage_errors_carry_the_usage_line(text: str) -> None:
    with pytest.raises(UsageError) as e:
        parse(text)
    name = text.split()[0][1:]
    assert str(e.value) == "Usage: " + USAGE[name]


def test_unknown_command() -> None:
    with pytest.raises(UnknownCommand):
        parse("/rm -rf")


def test_with_ticket_fills_in_the_thread_ticket() -> None:
    from escalation.commands import with_ticket

    assert with_ticket("/close solved it", 42) == "/close 42 solved it"
    assert with_ticket("!take", 7) == "/take 7"
    assert with_ticket("/close 3 done", 42) is None  # already names one
    assert with_ticket("/queue", 42) is None  # takes no ticket
