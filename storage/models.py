"""Tables of the L2 queue and of what the KPIs are computed from.

Text columns hold redacted text only: the dispatcher redacts before anything
reaches this layer.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

OPEN_STATUSES = ("open", "assigned", "waiting", "reopened")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("channel", "platform_user_id", name="uq_users_platform"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    platform_user_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(256), default="")
    username: Mapped[str | None] = mapped_column(String(256), nullable=True)
    chat_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    miss_streak: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # One open ticket per user, enforced by the database so racing opens yield one.
        Index(
            "uq_tickets_one_open_per_user",
            "user_id",
            unique=True,
            sqlite_where=text("status != 'closed'"),
            postgresql_where=text("status != 'closed'"),
        ),
        Index("ix_tickets_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="support")
    source: Mapped[str] = mapped_column(String(32), default="human_request")
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    status: Mapped[str] = mapped_column(String(16), default="open")
    level: Mapped[str] = mapped_column(String(4), default="L2")
    assignee: Mapped[str | None] = mapped_column(String(96), nullable=True)
    assignee_name: Mapped[str | None] = mapped_column(String(256), nullable=True)
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    public_refs: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    user_unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_user_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    csat: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TicketMessage(Base):
    __tablename__ = "ticket_messages"
    __table_args__ = (Index("ix_ticket_messages_ticket", "ticket_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    author_kind: Mapped[str] = mapped_column(String(8))  # user | staff | bot | note
    author_id: Mapped[str | None] = mapped_column(String(96), nullable=True)
    author_name: Mapped[str | None] = mapped_column(String(256), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    actor: Mapped[str] = mapped_column(String(96))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BotAnswer(Base):
    """Every FAQ decision the bot made: what the KPIs and /unanswered read."""

    __tablename__ = "bot_answers"
    __table_args__ = (Index("ix_bot_answers_decision", "decision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    query: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(16))  # answer | suggest | decline | urgent
    faq_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    helpful: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    ticket_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class StaffThread(Base):
    __tablename__ = "staff_threads"
    __table_args__ = (
        UniqueConstraint("channel", "thread_id", name="uq_staff_threads_thread"),
        UniqueConstraint("ticket_id", "channel", name="uq_staff_threads_ticket"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    channel: Mapped[str] = mapped_column(String(32))
    thread_id: Mapped[str] = mapped_column(String(64))


class StaffNotice(Base):
    """Which staff-chat message belongs to which ticket, so a reply to it answers the user."""

    __tablename__ = "staff_notices"
    __table_args__ = (UniqueConstraint("channel", "message_id", name="uq_staff_notices_msg"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    message_id: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))


class ProcessedEvent(Base):
    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(160), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChannelState(Base):
    __tablename__ = "channel_state"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class StaffAlert(Base):
    """Alerts sent once (a missing right): the key makes repeats no-ops."""

    __tablename__ = "staff_alerts"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


__all__ = [
    "OPEN_STATUSES",
    "AuditEntry",
    "Base",
    "BotAnswer",
    "ChannelState",
    "ProcessedEvent",
    "StaffAlert",
    "StaffNotice",
    "StaffThread",
    "Ticket",
    "TicketMessage",
    "User",
]
