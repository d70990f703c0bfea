"""Units of work over the queue's tables: one session per call, keyword-only.

Each method is one short transaction. Races that matter (two `/take`, two
messages opening a ticket) are settled by the database: a guarded UPDATE, a
partial unique index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import sessionmaker
from storage.models import (
    OPEN_STATUSES,
    AuditEntry,
    BotAnswer,
    ChannelState,
    ProcessedEvent,
    StaffAlert,
    StaffNotice,
    StaffThread,
    Ticket,
    TicketMessage,
    User,
)

PRIORITY_ORDER = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


@dataclass(frozen=True, slots=True)
class TakeResult:
    won: bool
    ticket: Ticket


@dataclass(frozen=True, slots=True)
class Kpis:
    tickets_opened: int
    tickets_closed: int
    tickets_open: int
    bot_answers: int
    answers_helpful: int
    answers_not_helpful: int
    conversations: int
    resolved_by_bot: int
    first_contact_resolution: float | None
    median_first_response_s: float | None
    median_resolution_s: float | None
    median_handling_s: float | None
    escalated_l3: int
    csat_avg: float | None
    csat_count: int


class Store:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.session = sessionmaker(engine)

    async def close(self) -> None:
        await self.engine.dispose()

    # ---- users ---------------------------------------------------------------

    async def upsert_user(
        self,
        *,
        channel: str,
        platform_user_id: str,
        display_name: str,
        username: str | None,
        chat_id: str | None,
        now: datetime,
    ) -> User:
        async with self.session() as s, s.begin():
            user = await s.scalar(
                select(User).where(
                    User.channel == channel, User.platform_user_id == platform_user_id
                )
            )
            if user is None:
                user = User(
                    channel=channel,
                    platform_user_id=platform_user_id,
                    display_name=display_name[:256],
                    username=username,
                    chat_id=chat_id,
                    miss_streak=0,
                    unreachable=False,
                    created_at=now,
                    last_seen_at=now,
                )
                s.add(user)
            else:
                user.display_name = display_name[:256]
                user.username = username or user.username
                if chat_id:
                    user.chat_id = chat_id
                user.last_seen_at = now
            await s.flush()
            return user

    async def get_user(self, *, user_id: int) -> User | None:
        async with self.session() as s:
            return await s.get(User, user_id)

    async def update_user(self, *, user_id: int, **values: Any) -> None:
        async with self.session() as s, s.begin():
            await s.execute(update(User).where(User.id == user_id).values(**values))

    async def find_users(self, *, query: str) -> list[User]:
        """Resolve `channel:id`, `@username`, a bare id or a display name."""
        q = query.strip()
        async with self.session() as s:
            conds = []
            if ":" in q:
                ch, _, pid = q.partition(":")
                conds.append(and_(User.channel == ch, User.platform_user_id == pid))
            name = q.lstrip("@")
            conds.append(func.lower(User.username) == name.lower())
            conds.append(User.platform_user_id == q)
            conds.append(func.lower(User.display_name) == q.lower())
            rows = await s.scalars(select(User).where(or_(*conds)).limit(10))
            return list(rows)

    async def mark_unreachable(self, *, channel: str, chat_id: str, now: datetime) -> list[int]:
        """Mark the user(s) of a chat unreachable and their open tickets; returns ticket ids."""
        async with self.session() as s, s.begin():
            await s.execute(
                update(User)
                .where(User.channel == channel, User.chat_id == chat_id)
                .values(unreachable=True)
            )
            ids = list(
                await s.scalars(
                    select(Ticket.id).where(
                        Ticket.channel == channel,
                        Ticket.chat_id == chat_id,
                        Ticket.status.in_(OPEN_STATUSES),
                        Ticket.user_unreachable.is_(False),
                    )
                )
            )
            if ids:
                await s.execute(
                    update(Ticket).where(Ticket.id.in_(ids)).values(user_unreachable=True)
                )
            return ids

    # ---- tickets -------------------------------------------------------------

    async def open_ticket(
        self,
        *,
        user: User,
        channel: str,
        chat_id: str,
        language: str,
        subject: str,
        priority: str,
        kind: str,
        source: str,
        public_refs: Sequence[dict[str, str]],
        now: datetime,
    ) -> tuple[Ticket, bool]:
        """Open a ticket, or return the user's open one: (ticket, created)."""
        existing = await self.open_ticket_for_user(user_id=user.id)
        if existing is not None:
            return existing, False
        try:
            async with self.session() as s, s.begin():
                t = Ticket(
                    user_id=user.id,
                    channel=channel,
                    chat_id=chat_id,
                    language=language,
                    subject=subject[:200],
                    priority=priority,
                    status="open",
                    level="L2",
                    kind=kind,
                    source=source,
                    public_refs=list(public_refs),
                    user_unreachable=False,
                    reopen_count=0,
                    opened_at=now,
                    last_user_message_at=now,
                )
                s.add(t)
                await s.flush()
                s.add(
                    AuditEntry(
                        ticket_id=t.id, actor="bot", action="open", detail=source, created_at=now
                    )
                )
                return t, True
        except IntegrityError:
            existing = await self.open_ticket_for_user(user_id=user.id)
            if existing is None:  # pragma: no cover - constraint hit without a row
                raise
            return existing, False

    async def open_ticket_for_user(self, *, user_id: int) -> Ticket | None:
        async with self.session() as s:
            return await s.scalar(
                select(Ticket).where(Ticket.user_id == user_id, Ticket.status.in_(OPEN_STATUSES))
            )

    async def last_ticket_for_user(self, *, user_id: int) -> Ticket | None:
        async with self.session() as s:
            return await s.scalar(
                select(Ticket).where(Ticket.user_id == user_id).order_by(Ticket.id.desc()).limit(1)
            )

    async def get_ticket(self, *, ticket_id: int) -> Ticket | None:
        async with self.session() as s:
            return await s.get(Ticket, ticket_id)

    async def add_message(
        self,
        *,
        ticket_id: int,
        author_kind: str,
        text: str,
        now: datetime,
        author_id: str | None = None,
        author_name: str | None = None,
        channel: str | None = None,
    ) -> None:
        """Append to the thread; a staff message sets first response and waiting status."""
        async with self.session() as s, s.begin():
            s.add(
                TicketMessage(
                    ticket_id=ticket_id,
                    author_kind=author_kind,
                    author_id=author_id,
                    author_name=author_name,
                    text=text,
                    channel=channel,
                    created_at=now,
                )
            )
            if author_kind == "staff":
                await s.execute(
                    update(Ticket)
                    .where(Ticket.id == ticket_id, Ticket.first_response_at.is_(None))
                    .values(first_response_at=now)
                )
                await s.execute(
                    update(Ticket)
                    .where(Ticket.id == ticket_id, Ticket.status.in_(OPEN_STATUSES))
                    .values(status="waiting")
                )
            elif author_kind == "user":
                await s.execute(
                    update(Ticket)
                    .where(Ticket.id == ticket_id)
                    .values(
                        last_user_message_at=now,
                        user_unreachable=False,
                        status=case(
                            (
                                Ticket.status == "waiting",
                                case((Ticket.assignee.is_(None), "open"), else_="assigned"),
                            ),
                            else_=Ticket.status,
                        ),
                    )
                )

    async def messages(self, *, ticket_id: int, limit: int = 50) -> list[TicketMessage]:
        async with self.session() as s:
            rows = await s.scalars(
                select(TicketMessage)
                .where(TicketMessage.ticket_id == ticket_id)
                .order_by(TicketMessage.id.desc())
                .limit(limit)
            )
            return list(reversed(list(rows)))

    async def take(
        self, *, ticket_id: int, staff: str, staff_name: str, now: datetime
    ) -> TakeResult:
        """Atomic claim: the guarded UPDATE lets exactly one racer win."""
        async with self.session() as s, s.begin():
            res = await s.execute(
                update(Ticket)
                .where(
                    Ticket.id == ticket_id,
                    Ticket.assignee.is_(None),
                    Ticket.status.in_(OPEN_STATUSES),
                )
                .values(
                    assignee=staff, assignee_name=staff_name, status="assigned", assigned_at=now
                )
            )
            won = (res.rowcount or 0) == 1
            if won:
                s.add(AuditEntry(ticket_id=ticket_id, actor=staff, action="take", created_at=now))
            t = await s.get(Ticket, ticket_id, populate_existing=True)
        if t is None:
            raise LookupError(ticket_id)
        return TakeResult(won=won, ticket=t)

    async def update_ticket(
        self,
        *,
        ticket_id: int,
        actor: str,
        action: str,
        now: datetime,
        detail: str = "",
        only_if_status: Sequence[str] | None = None,
        **values: Any,
    ) -> Ticket | None:
        """Change fields and write the audit entry in one transaction.

        Returns the updated ticket, or None when `only_if_status` did not hold.
        """
        async with self.session() as s, s.begin():
            stmt = update(Ticket).where(Ticket.id == ticket_id)
            if only_if_status is not None:
                stmt = stmt.where(Ticket.status.in_(only_if_status))
            res = await s.execute(stmt.values(**values))
            if (res.rowcount or 0) != 1:
                return None
            s.add(
                AuditEntry(
                    ticket_id=ticket_id, actor=actor, action=action, detail=detail, created_at=now
                )
            )
            return await s.get(Ticket, ticket_id, populate_existing=True)

    async def audit(
        self,
        *,
        actor: str,
        action: str,
        now: datetime,
        ticket_id: int | None = None,
        detail: str = "",
    ) -> None:
        async with self.session() as s, s.begin():
            s.add(
                AuditEntry(
                    ticket_id=ticket_id, actor=actor, action=action, detail=detail, created_at=now
                )
            )

    async def audit_trail(self, *, ticket_id: int) -> list[AuditEntry]:
        async with self.session() as s:
            rows = await s.scalars(
                select(AuditEntry).where(AuditEntry.ticket_id == ticket_id).order_by(AuditEntry.id)
            )
            return list(rows)

    async def queue(self, *, limit: int = 50) -> list[tuple[Ticket, User]]:
        """Open tickets, most urgent first, then longest waiting."""
        prio = case(PRIORITY_ORDER, value=Ticket.priority, else_=9)
        async with self.session() as s:
            rows = await s.execute(
                select(Ticket, User)
                .join(User, User.id == Ticket.user_id)
                .where(Ticket.status.in_(OPEN_STATUSES))
                .order_by(prio, Ticket.opened_at, Ticket.id)
                .limit(limit)
            )
            return [(t, u) for t, u in rows]

    async def queue_position(self, *, ticket_id: int) -> int:
        prio = case(PRIORITY_ORDER, value=Ticket.priority, else_=9)
        async with self.session() as s:
            ids = list(
                await s.scalars(
                    select(Ticket.id)
                    .where(Ticket.status.in_(OPEN_STATUSES), Ticket.assignee.is_(None))
                    .order_by(prio, Ticket.opened_at, Ticket.id)
                )
            )
        return ids.index(ticket_id) + 1 if ticket_id in ids else 0

    async def tickets_of_user(self, *, user_id: int, limit: int = 20) -> list[Ticket]:
        async with self.session() as s:
            rows = await s.scalars(
                select(Ticket)
                .where(Ticket.user_id == user_id)
                .order_by(Ticket.id.desc())
                .limit(limit)
            )
            return list(rows)

    # ---- bot answers (KPIs, /unanswered) --------------------------------------

    async def record_answer(
        self,
        *,
        user_id: int,
        channel: str,
        language: str,
        query: str,
        decision: str,
        faq_id: str | None,
        score: float | None,
        now: datetime,
    ) -> int:
        async with self.session() as s, s.begin():
            a = BotAnswer(
                user_id=user_id,
                channel=channel,
                language=language,
                query=query[:2000],
                decision=decision,
                faq_id=faq_id,
                score=score,
                created_at=now,
            )
            s.add(a)
            await s.flush()
            return a.id

    async def get_answer(self, *, answer_id: int) -> BotAnswer | None:
        async with self.session() as s:
            return await s.get(BotAnswer, answer_id)

    async def recent_answers(
        self, *, user_id: int, since: datetime, limit: int = 3
    ) -> list[BotAnswer]:
        async with self.session() as s:
            rows = await s.scalars(
                select(BotAnswer)
                .where(BotAnswer.user_id == user_id, BotAnswer.created_at >= since)
                .order_by(BotAnswer.id.desc())
                .limit(limit)
            )
            return list(rows)

    async def set_feedback(
        self, *, answer_id: int, user_id: int, helpful: bool, now: datetime
    ) -> bool:
        """Record a Yes/No once; a second press on the same answer changes nothing."""
        async with self.session() as s, s.begin():
            res = await s.execute(
                update(BotAnswer)
                .where(
                    BotAnswer.id == answer_id,
                    BotAnswer.user_id == user_id,
                    BotAnswer.helpful.is_(None),
                )
                .values(helpful=helpful, feedback_at=now)
            )
            return (res.rowcount or 0) == 1

    async def link_answers_to_ticket(
        self, *, user_id: int, ticket_id: int, since: datetime
    ) -> None:
        async with self.session() as s, s.begin():
            await s.execute(
                update(BotAnswer)
                .where(
                    BotAnswer.user_id == user_id,
                    BotAnswer.created_at >= since,
                    BotAnswer.ticket_id.is_(None),
                )
                .values(ticket_id=ticket_id)
            )

    async def unanswered_queries(self, *, since: datetime, limit: int = 2000) -> list[str]:
        """Questions the bot declined, or answered and was told it didn't help."""
        async with self.session() as s:
            rows = await s.scalars(
                select(BotAnswer.query)
                .where(
                    BotAnswer.created_at >= since,
                    or_(BotAnswer.decision == "decline", BotAnswer.helpful.is_(False)),
                )
                .order_by(BotAnswer.id.desc())
                .limit(limit)
            )
            return list(rows)

    # ---- staff threads and notices ------------------------------------------

    async def save_staff_thread(self, *, ticket_id: int, channel: str, thread_id: str) -> None:
        async with self.session() as s, s.begin():
            s.add(StaffThread(ticket_id=ticket_id, channel=channel, thread_id=thread_id))

    async def staff_threads(self, *, ticket_id: int) -> dict[str, str]:
        async with self.session() as s:
            rows = await s.execute(
                select(StaffThread.channel, StaffThread.thread_id).where(
                    StaffThread.ticket_id == ticket_id
                )
            )
            return {c: t for c, t in rows}

    async def ticket_by_thread(self, *, channel: str, thread_id: str) -> int | None:
        async with self.session() as s:
            return await s.scalar(
                select(StaffThread.ticket_id).where(
                    StaffThread.channel == channel, StaffThread.thread_id == thread_id
                )
            )

    async def save_notice(self, *, channel: str, message_id: str, ticket_id: int) -> None:
        try:
            async with self.session() as s, s.begin():
                s.add(StaffNotice(channel=channel, message_id=message_id, ticket_id=ticket_id))
        except IntegrityError:
            pass

    async def ticket_by_notice(self, *, channel: str, message_id: str) -> int | None:
        async with self.session() as s:
            return await s.scalar(
                select(StaffNotice.ticket_id).where(
                    StaffNotice.channel == channel, StaffNotice.message_id == message_id
                )
            )

    # ---- delivery bookkeeping ------------------------------------------------

    async def mark_event(self, *, event_id: str, now: datetime) -> bool:
        """True the first time an event id is seen; False for a redelivery."""
        try:
            async with self.session() as s, s.begin():
                s.add(ProcessedEvent(event_id=event_id[:160], created_at=now))
            return True
        except IntegrityError:
            return False

    async def alert_once(self, *, key: str, now: datetime) -> bool:
        try:
            async with self.session() as s, s.begin():
                s.add(StaffAlert(key=key[:200], created_at=now))
            return True
        except IntegrityError:
            return False

    async def get_state(self, key: str) -> str | None:
        async with self.session() as s:
            row = await s.get(ChannelState, key)
            return row.value if row else None

    async def set_state(self, key: str, value: str) -> None:
        async with self.session() as s, s.begin():
            row = await s.get(ChannelState, key)
            if row is None:
                s.add(ChannelState(key=key, value=value))
            else:
                row.value = value

    async def states_with_prefix(self, prefix: str) -> dict[str, str]:
        async with self.session() as s:
            rows = await s.execute(
                select(ChannelState.key, ChannelState.value).where(
                    ChannelState.key.startswith(prefix, autoescape=True)
                )
            )
            return {k: v for k, v in rows}

    async def unmark_event(self, *, event_id: str) -> None:
        """Forget an event whose handling failed, so a redelivery gets another try."""
        async with self.session() as s, s.begin():
            await s.execute(delete(ProcessedEvent).where(ProcessedEvent.event_id == event_id))

    async def prune_events(self, *, before: datetime) -> int:
        async with self.session() as s, s.begin():
            res = await s.execute(delete(ProcessedEvent).where(ProcessedEvent.created_at < before))
            return res.rowcount or 0

    async def open_ticket_chats(self, channel: str) -> list[tuple[str, str]]:
        async with self.session() as s:
            rows = await s.execute(
                select(Ticket.chat_id, User.platform_user_id)
                .join(User, User.id == Ticket.user_id)
                .where(Ticket.channel == channel, Ticket.status.in_(OPEN_STATUSES))
            )
            return [(c, u) for c, u in rows]

    # ---- KPIs ----------------------------------------------------------------

    async def kpis(self, *, since: datetime) -> Kpis:
        async with self.session() as s:
            opened = list(await s.scalars(select(Ticket).where(Ticket.opened_at >= since)))
            open_now = await s.scalar(
                select(func.count()).select_from(Ticket).where(Ticket.status.in_(OPEN_STATUSES))
            )
            answers = list(await s.scalars(select(BotAnswer).where(BotAnswer.created_at >= since)))
        closed = [t for t in opened if t.closed_at is not None]
        answered = [a for a in answers if a.decision == "answer"]
        helpful = sum(1 for a in answered if a.helpful is True)
        not_helpful = sum(1 for a in answered if a.helpful is False)
        # A conversation is a user who asked the bot or opened a ticket in the window;
        # it was resolved at first contact when the bot answered and no ticket followed.
        users_with_tickets = {t.user_id for t in opened}
        asked = {a.user_id for a in answers}
        resolved_by_bot = len(
            {a.user_id for a in answered if a.ticket_id is None} - users_with_tickets
        )
        conversations = len(asked | users_with_tickets)
        frt = sorted(
            (t.first_response_at - t.opened_at).total_seconds()
            for t in opened
            if t.first_response_at is not None
        )
        res_t = sorted((t.closed_at - t.opened_at).total_seconds() for t in closed if t.closed_at)
        handling = sorted(
            (t.closed_at - t.assigned_at).total_seconds()
            for t in closed
            if t.closed_at and t.assigned_at
        )
        csats = [t.csat for t in opened if t.csat is not None]
        return Kpis(
            tickets_opened=len(opened),
            tickets_closed=len(closed),
            tickets_open=int(open_now or 0),
            bot_answers=len(answered),
            answers_helpful=helpful,
            answers_not_helpful=not_helpful,
            conversations=conversations,
            resolved_by_bot=resolved_by_bot,
            first_contact_resolution=(resolved_by_bot / conversations) if conversations else None,
            median_first_response_s=_median(frt),
            median_resolution_s=_median(res_t),
            median_handling_s=_median(handling),
            escalated_l3=sum(1 for t in opened if t.level == "L3"),
            csat_avg=(sum(csats) / len(csats)) if csats else None,
            csat_count=len(csats),
        )


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    n = len(values)
    mid = n // 2
    return values[mid] if n % 2 else (values[mid - 1] + values[mid]) / 2
