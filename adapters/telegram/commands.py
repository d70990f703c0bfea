"""The command menus Telegram shows: users see theirs everywhere, staff theirs in the staff chat."""

from __future__ import annotations

USER_COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Start and see what I can help with"),
    ("human", "Talk to a human support agent"),
    ("help", "How to use this bot"),
    ("verify", "Check whether an account or link is official"),
    ("lang", "Change the language"),
)

STAFF_COMMANDS: tuple[tuple[str, str], ...] = (
    ("queue", "Open tickets, most urgent first"),
    ("take", "Take a ticket: /take 42"),
    ("reply", "Reply to a ticket's user: /reply 42 text"),
    ("note", "Internal note on a ticket: /note 42 text"),
    ("priority", "Set priority: /priority 42 urgent|high|normal|low"),
    ("release", "Give a ticket back to the queue"),
    ("transfer", "Hand a ticket to another agent"),
    ("escalate", "Escalate a ticket"),
    ("close", "Close a ticket and tell the user"),
    ("reopen", "Reopen a closed ticket"),
    ("history", "A ticket's or user's history"),
    ("block", "Block a user from the bot"),
    ("unblock", "Unblock a user"),
    ("stats", "Queue and answer statistics"),
    ("faq", "Look up or test FAQ answers"),
    ("unanswered", "Questions the FAQ could not answer"),
    ("verify", "Check whether an account or link is official"),
    ("help", "Staff command reference"),
)
