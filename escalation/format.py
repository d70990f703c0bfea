"""How tickets look in staff chats: one card, built from escaped spans."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.richtext import TextBuilder
from storage.models import Ticket, User

PRIORITY_ICON = {"urgent": "🚨", "high": "🔴", "normal": "🟡", "low": "⚪"}


def format_duration(d: timedelta) -> str:
    s = max(0, int(d.total_seconds()))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m"
    if s < 86400:
        return f"{s // 3600}h {s % 3600 // 60:02d}m"
    return f"{s // 86400}d {s % 86400 // 3600}h"


def user_label(user: User | None) -> str:
    if user is None:
        return "unknown user"
    if user.username:
        return f"@{user.username}"
    return user.display_name or f"{user.channel}:{user.platform_user_id}"


def thread_title(ticket: Ticket, user: User | None) -> str:
    return f"#{ticket.id} · {user_label(user)} · {ticket.subject}"[:120]


def ticket_card(ticket: Ticket, user: User | None, *, now: datetime) -> TextBuilder:
    icon = PRIORITY_ICON.get(ticket.priority, "")
    b = (
        TextBuilder()
        .bold(f"{icon} Ticket #{ticket.id}")
        .text(
            f" [{ticket.priority}] {ticket.status} · {ticket.level} · {ticket.channel} · "
            f"lang {ticket.language} · opened {format_duration(now - ticket.opened_at)} ago"
        )
    )
    b.text("\nUser: ").text(user_label(user))
    if user is not None:
        b.text(" (").code(f"{user.channel}:{user.platform_user_id}").text(")")
    b.text("\nSubject: ").text(ticket.subject)
    if ticket.assignee_name:
        b.text("\nAssignee: ").text(ticket.assignee_name)
    if ticket.user_unreachable:
        b.text("\n⚠️ The user is unreachable (blocked the bot or closed DMs).")
    return b
