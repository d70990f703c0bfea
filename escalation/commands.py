"""Staff commands, parsed in one place and identically on every channel.

`parse(text)` turns "/take 42" or "!take 42" into a typed command or raises
UsageError carrying the usage line; execution lives in `escalation.staff`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from escalation.errors import UnknownCommand, UsageError

PRIORITIES = ("urgent", "high", "normal", "low")

USAGE: dict[str, str] = {
    "queue": "/queue — open tickets by priority, then waiting time",
    "take": "/take N — assign ticket N to yourself",
    "reply": "/reply N text — answer the user (or /reply N #faq-id to send that FAQ answer)",
    "note": "/note N text — internal note, never shown to the user",
    "priority": "/priority N urgent|high|normal|low",
    "release": "/release N — put the ticket back in the queue",
    "transfer": "/transfer N <staff> — hand the ticket to another staff member",
    "escalate": "/escalate N — move the ticket to L3",
    "close": "/close N [resolution]",
    "reopen": "/reopen N",
    "show": "/show N — the ticket with its latest messages",
    "history": "/history <user> — a user's tickets (channel:id, @username or name)",
    "block": "/block <user> [duration like 30m, 12h, 7d; default 24h]",
    "unblock": "/unblock <user>",
    "stats": "/stats [days] — KPIs of the last days (default 7)",
    "faq": "/faq reload — reload the FAQ base from disk",
    "unanswered": "/unanswered [days] — most frequent questions the bot could not answer",
    "verify": "/verify @name — is this account on the staff list?",
    "help": "/help — this list",
}

MAX_TEXT = 3500
_TICKET_ONLY = {"take", "release", "escalate", "reopen", "show"}
_DURATION = re.compile(r"^(\d{1,5})([mhdw])$")
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
_PREFIX = re.compile(r"^[/!]([A-Za-z_]+)(?:@\S+)?(?:\s+(.*))?$", re.S)


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    ticket_id: int | None = None
    text: str = ""
    target: str = ""
    duration: timedelta | None = None
    days: int = 7


def is_command(text: str) -> bool:
    return bool(_PREFIX.match(text.strip()))


def command_name(text: str) -> str | None:
    m = _PREFIX.match(text.strip())
    return m.group(1).lower() if m else None


def parse(text: str) -> Command:
    m = _PREFIX.match(text.strip())
    if not m:
        raise UnknownCommand("Not a command. /help lists the staff commands.")
    name = m.group(1).lower()
    rest = (m.group(2) or "").strip()
    if name not in USAGE:
        raise UnknownCommand(f"Unknown command /{name[:32]}. /help lists the staff commands.")
    usage = "Usage: " + USAGE[name]

    def ticket_and_rest(required_rest: bool) -> tuple[int, str]:
        parts = rest.split(None, 1)
        if not parts:
            raise UsageError(usage)
        tid = _ticket_id(parts[0])
        if tid is None:
            raise UsageError(usage)
        tail = parts[1].strip() if len(parts) > 1 else ""
        if required_rest and not tail:
            raise UsageError(usage)
        return tid, tail

    if name in ("queue", "help"):
        return Command(name)
    if name in _TICKET_ONLY:
        tid, tail = ticket_and_rest(False)
        if tail:
            raise UsageError(usage)
        return Command(name, ticket_id=tid)
    if name in ("reply", "note"):
        tid, tail = ticket_and_rest(True)
        if len(tail) > MAX_TEXT:
            raise UsageError(f"{usage} (at most {MAX_TEXT} characters)")
        return Command(name, ticket_id=tid, text=tail)
    if name == "close":
        tid, tail = ticket_and_rest(False)
        return Command(name, ticket_id=tid, text=tail[:MAX_TEXT])
    if name == "priority":
        tid, tail = ticket_and_rest(True)
        level = tail.lower()
        if level not in PRIORITIES:
            raise UsageError(usage)
        return Command(name, ticket_id=tid, text=level)
    if name == "transfer":
        tid, tail = ticket_and_rest(True)
        if len(tail.split()) != 1:
            raise UsageError(usage)
        return Command(name, ticket_id=tid, target=tail)
    if name in ("history", "unblock", "verify"):
        if not rest or len(rest) > 256:
            raise UsageError(usage)
        return Command(name, target=rest)
    if name == "block":
        parts = rest.split()
        if not parts:
            raise UsageError(usage)
        duration = timedelta(hours=24)
        if len(parts) > 1:
            dm = _DURATION.match(parts[-1].lower())
            if not dm:
                raise UsageError(usage)
            duration = timedelta(seconds=int(dm.group(1)) * _UNITS[dm.group(2)])
            parts = parts[:-1]
        return Command(name, target=" ".join(parts), duration=duration)
    if name in ("stats", "unanswered"):
        if not rest:
            return Command(name)
        if not rest.isdigit() or not 1 <= int(rest) <= 3650:
            raise UsageError(usage)
        return Command(name, days=int(rest))
    if name == "faq":
        if rest.lower() != "reload":
            raise UsageError(usage)
        return Command(name, text="reload")
    raise UnknownCommand(f"Unknown command /{name}.")  # pragma: no cover


TICKET_COMMANDS = frozenset(
    {
        "take",
        "reply",
        "note",
        "priority",
        "release",
        "transfer",
        "escalate",
        "close",
        "reopen",
        "show",
    }
)


def with_ticket(text: str, ticket_id: int) -> str | None:
    """`/close solved` typed inside ticket 42's thread means `/close 42 solved`.

    Returns the rewritten command, or None when the command takes no ticket or
    already names one.
    """
    m = _PREFIX.match(text.strip())
    if not m or m.group(1).lower() not in TICKET_COMMANDS:
        return None
    rest = (m.group(2) or "").strip()
    first = rest.split(None, 1)[0] if rest else ""
    if _ticket_id(first) is not None:
        return None
    return f"/{m.group(1)} {ticket_id} {rest}".rstrip()


def _ticket_id(token: str) -> int | None:
    token = token.lstrip("#")
    if not token.isdigit() or len(token) > 9:
        return None
    return int(token)


def help_text() -> str:
    return "Staff commands:\n" + "\n".join(USAGE.values())
