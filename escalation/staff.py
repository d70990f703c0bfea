"""What staff commands do. Parsing is in `escalation.commands`; this runs them.

Every method returns the actions to execute and raises a QueueError subclass
for expected failures (unknown ticket, bad state), whose text staff see as is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.knowledge import FaqService
from bot.model import Action, Button, SendMessage, StaffPost, StaffThreadState
from bot.richtext import RichText, TextBuilder
from bot.texts import t
from escalation.commands import Command, help_text
from escalation.errors import TicketNotFound, TicketStateError, UserNotFound
from escalation.format import format_duration, ticket_card
from faq.base import FaqLoadError
from storage.models import OPEN_STATUSES, Ticket
from storage.store import Store

Clock = Callable[[], datetime]


@dataclass(slots=True)
class StaffDirectory:
    """Who is staff: ids from config plus accounts seen acting as staff in a staff chat."""

    configured: frozenset[str]
    seen: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    def remember(self, key: str, display_name: str, username: str | None) -> bool:
        """Note a staff account; True when it is new or changed (worth persisting)."""
        if self.seen.get(key) == (display_name, username):
            return False
        self.seen[key] = (display_name, username)
        return True

    def verify(self, target: str) -> bool:
        """For users checking an account: only exact ids and @usernames count.

        Display names are what impersonators copy, so they never vouch for anyone.
        """
        t_ = target.strip()
        if t_ in self.configured or t_ in self.seen:
            return True
        if not t_.startswith("@"):
            return False
        low = t_[1:].lower()
        return any(u and u.lower() == low for _, u in self.seen.values())

    def is_staff(self, key: str) -> bool:
        return key in self.configured or key in self.seen

    def resolve(self, target: str) -> tuple[str, str] | None:
        """Find a staff member by `channel:id`, @username or display name."""
        t_ = target.strip()
        if t_ in self.configured or t_ in self.seen:
            name = self.seen.get(t_, (t_, None))[0]
            return t_, name
        low = t_.lstrip("@").lower()
        for key, (name, username) in self.seen.items():
            if (username and username.lower() == low) or name.lower() == low:
                return key, name
        return None

    def names(self) -> list[str]:
        out: list[str] = []
        for name, username in self.seen.values():
            out.append(name)
            if username:
                out.append(username)
        return out


@dataclass(frozen=True, slots=True)
class StaffContext:
    """Where a command came from, so its answer goes back to the same place."""

    actor: str
    actor_name: str
    channel: str
    chat_id: str
    thread_id: str | None = None
    message_id: str | None = None

    def reply(self, text: RichText | str) -> SendMessage:
        rt = RichText.plain(text) if isinstance(text, str) else text
        return SendMessage(
            channel=self.channel,
            chat_id=self.chat_id,
            text=rt,
            thread_id=self.thread_id,
            reply_to=self.message_id,
        )


class StaffDesk:
    def __init__(
        self,
        *,
        store: Store,
        faq: FaqService,
        directory: StaffDirectory,
        clock: Clock,
        team_name: str,
        show_staff_names: bool,
    ) -> None:
        self.store = store
        self.faq = faq
        self.directory = directory
        self.clock = clock
        self.team_name = team_name
        self.show_staff_names = show_staff_names

    async def execute(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        handler = {
            "queue": self._queue,
            "take": self._take,
            "reply": self._reply,
            "note": self._note,
            "priority": self._priority,
            "release": self._release,
            "transfer": self._transfer,
            "escalate": self._escalate,
            "close": self._close,
            "reopen": self._reopen,
            "show": self._show,
            "history": self._history,
            "block": self._block,
            "unblock": self._unblock,
            "stats": self._stats,
            "faq": self._faq,
            "unanswered": self._unanswered,
            "verify": self._verify,
            "help": self._help,
        }[cmd.name]
        return await handler(cmd, ctx)

    async def _ticket(self, ticket_id: int | None) -> Ticket:
        assert ticket_id is not None
        ticket = await self.store.get_ticket(ticket_id=ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return ticket

    # ---- the queue -------------------------------------------------------------

    async def _queue(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        now = self.clock()
        rows = await self.store.queue(limit=30)
        if not rows:
            return [ctx.reply("The queue is empty. 🎉")]
        b = TextBuilder().bold(f"Queue — {len(rows)} open").line("")
        for ticket, user in rows:
            # waiting since the user last wrote (a reopened ticket doesn't count closed days)
            since = max(ticket.opened_at, ticket.last_user_message_at or ticket.opened_at)
            wait = format_duration(now - since)
            who = f"@{user.username}" if user.username else user.display_name
            owner = f" · {ticket.assignee_name}" if ticket.assignee_name else " · unassigned"
            waiting = "waiting for the user" if ticket.status == "waiting" else f"waiting {wait}"
            b.text("\n").bold(f"#{ticket.id}").text(
                f" [{ticket.priority}] {ticket.status}{owner} · {ticket.channel} · {who} · "
                f"{waiting}"
            )
            if ticket.level != "L2":
                b.text(f" · {ticket.level}")
            if ticket.user_unreachable:
                b.text(" · user unreachable")
            b.text("\n   ").italic(ticket.subject)
        return [ctx.reply(b.build())]

    async def _take(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        if ticket.status == "closed":
            raise TicketStateError(f"Ticket #{ticket.id} is closed; /reopen {ticket.id} first.")
        result = await self.store.take(
            ticket_id=ticket.id, staff=ctx.actor, staff_name=ctx.actor_name, now=self.clock()
        )
        if not result.won:
            who = result.ticket.assignee_name or result.ticket.assignee or "someone else"
            if result.ticket.assignee == ctx.actor:
                return [ctx.reply(f"You already have ticket #{ticket.id}.")]
            raise TicketStateError(f"Ticket #{ticket.id} is already taken by {who}.")
        return [
            ctx.reply(f"✅ Ticket #{ticket.id} is yours, {ctx.actor_name}."),
            self._mirror(ticket.id, ctx, "took the ticket"),
        ]

    async def _reply(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        text = cmd.text
        if text.startswith("#") and " " not in text.strip():
            faq_id = text.strip()[1:]
            answer = self.faq.answer(faq_id, ticket.language)
            if answer is None:
                raise TicketStateError(f"There is no FAQ entry with id {faq_id!r}.")
            text = answer
        actions = await self.reply_to_user(ticket, text, ctx)
        actions.append(ctx.reply(f"✉️ Sent to the user of #{ticket.id}."))
        return actions

    async def reply_to_user(self, ticket: Ticket, text: str, ctx: StaffContext) -> list[Action]:
        """Deliver a staff answer to the user, signed as the team; takes the ticket if free."""
        if ticket.status == "closed":
            raise TicketStateError(
                f"Ticket #{ticket.id} is closed; /reopen {ticket.id} before replying."
            )
        now = self.clock()
        if ticket.assignee is None:
            await self.store.take(
                ticket_id=ticket.id, staff=ctx.actor, staff_name=ctx.actor_name, now=now
            )
        await self.store.add_message(
            ticket_id=ticket.id,
            author_kind="staff",
            author_id=ctx.actor,
            author_name=ctx.actor_name,
            text=text,
            channel=ctx.channel,
            now=now,
        )
        return [
            SendMessage(
                channel=ticket.channel,
                chat_id=ticket.chat_id,
                text=self._signed(text, ctx.actor_name),
                ticket_id=ticket.id,
            ),
            self._mirror(ticket.id, ctx, "replied", text),
        ]

    def _mirror(self, ticket_id: int, ctx: StaffContext, what: str, text: str = "") -> StaffPost:
        """Tell the ticket's threads in the other staff chats what happened here."""
        b = TextBuilder().bold(f"🛟 #{ticket_id} ").text(f"{ctx.actor_name} {what}")
        if text:
            b.text(": ").text(text[:1500])
        return StaffPost(ticket_id=ticket_id, text=b.build(), skip_channel=ctx.channel)

    def _signed(self, text: str, staff_name: str) -> RichText:
        team = f"{staff_name}, {self.team_name}" if self.show_staff_names else self.team_name
        return TextBuilder().text(text).text("\n\n").italic(f"— {team}").build()

    async def _note(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        await self.store.add_message(
            ticket_id=ticket.id,
            author_kind="note",
            author_id=ctx.actor,
            author_name=ctx.actor_name,
            text=cmd.text,
            channel=ctx.channel,
            now=self.clock(),
        )
        await self.store.audit(
            ticket_id=ticket.id, actor=ctx.actor, action="note", now=self.clock()
        )
        return [ctx.reply(f"📝 Note added to #{ticket.id} (not shown to the user).")]

    async def _priority(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        await self.store.update_ticket(
            ticket_id=ticket.id,
            actor=ctx.actor,
            action="priority",
            detail=f"{ticket.priority}->{cmd.text}",
            now=self.clock(),
            priority=cmd.text,
        )
        return [ctx.reply(f"Ticket #{ticket.id} priority: {ticket.priority} → {cmd.text}.")]

    async def _release(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        if ticket.status == "closed":
            raise TicketStateError(f"Ticket #{ticket.id} is closed.")
        if ticket.assignee is None:
            raise TicketStateError(f"Ticket #{ticket.id} is not assigned to anyone.")
        await self.store.update_ticket(
            ticket_id=ticket.id,
            actor=ctx.actor,
            action="release",
            detail=ticket.assignee,
            now=self.clock(),
            assignee=None,
            assignee_name=None,
            status="open",
        )
        return [ctx.reply(f"Ticket #{ticket.id} is back in the queue.")]

    async def _transfer(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        if ticket.status == "closed":
            raise TicketStateError(f"Ticket #{ticket.id} is closed.")
        target = self.directory.resolve(cmd.target)
        if target is None:
            raise UserNotFound(
                "No staff member matches that name. Use channel:id (e.g. telegram:12345) or the "
                "@username of someone who has used a staff command."
            )
        key, name = target
        await self.store.update_ticket(
            ticket_id=ticket.id,
            actor=ctx.actor,
            action="transfer",
            detail=key,
            now=self.clock(),
            assignee=key,
            assignee_name=name,
            status="assigned",
        )
        return [ctx.reply(f"Ticket #{ticket.id} transferred to {name}.")]

    async def _escalate(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        if ticket.level == "L3":
            raise TicketStateError(f"Ticket #{ticket.id} is already at L3.")
        if ticket.status == "closed":
            raise TicketStateError(f"Ticket #{ticket.id} is closed.")
        await self.store.update_ticket(
            ticket_id=ticket.id,
            actor=ctx.actor,
            action="escalate",
            now=self.clock(),
            level="L3",
            assignee=None,
            assignee_name=None,
            status="open",
        )
        return [
            ctx.reply(f"⬆️ Ticket #{ticket.id} escalated to L3."),
            StaffPost(
                ticket_id=ticket.id,
                text=TextBuilder()
                .bold(f"⬆️ #{ticket.id} escalated to L3")
                .text(f" by {ctx.actor_name}")
                .build(),
            ),
        ]

    async def _close(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        now = self.clock()
        updated = await self.store.update_ticket(
            ticket_id=ticket.id,
            actor=ctx.actor,
            action="close",
            detail=cmd.text,
            now=now,
            only_if_status=OPEN_STATUSES,
            status="closed",
            closed_at=now,
            resolution=cmd.text or None,
        )
        if updated is None:
            raise TicketStateError(f"Ticket #{ticket.id} is already closed.")
        # the resolution is an internal note for staff and KPIs, not sent to the user
        notice = t("ticket_closed", ticket.language, ticket=ticket.id)
        buttons = tuple(
            Button(label="⭐" * n, data=f"csat:{ticket.id}:{n}") for n in (5, 4, 3, 2, 1)
        )
        return [
            SendMessage(
                channel=ticket.channel,
                chat_id=ticket.chat_id,
                text=self._signed(notice, ctx.actor_name),
                buttons=buttons,
                ticket_id=ticket.id,
            ),
            ctx.reply(f"✅ Ticket #{ticket.id} closed; the user was told."),
            self._mirror(ticket.id, ctx, "closed the ticket", cmd.text),
            StaffThreadState(ticket_id=ticket.id, closed=True),
        ]

    async def _reopen(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        if ticket.status != "closed":
            raise TicketStateError(f"Ticket #{ticket.id} is not closed.")
        other = await self.store.open_ticket_for_user(user_id=ticket.user_id)
        if other is not None:
            raise TicketStateError(
                f"The user already has open ticket #{other.id}; a user has one open ticket at a "
                "time."
            )
        await self.store.update_ticket(
            ticket_id=ticket.id,
            actor=ctx.actor,
            action="reopen",
            now=self.clock(),
            only_if_status=("closed",),
            status="reopened",
            closed_at=None,
            assignee=None,
            assignee_name=None,
            reopen_count=ticket.reopen_count + 1,
        )
        return [
            SendMessage(
                channel=ticket.channel,
                chat_id=ticket.chat_id,
                text=RichText.plain(t("ticket_reopened", ticket.language, ticket=ticket.id)),
                ticket_id=ticket.id,
            ),
            StaffThreadState(ticket_id=ticket.id, closed=False),
            ctx.reply(f"Ticket #{ticket.id} reopened."),
        ]

    async def _show(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        ticket = await self._ticket(cmd.ticket_id)
        user = await self.store.get_user(user_id=ticket.user_id)
        msgs = await self.store.messages(ticket_id=ticket.id, limit=15)
        b = ticket_card(ticket, user, now=self.clock())
        for m in msgs:
            who = {"user": "👤", "staff": "🛟", "bot": "🤖", "note": "📝"}.get(m.author_kind, "•")
            b.text(f"\n{who} ").text((m.author_name or m.author_kind) + ": ").text(m.text[:500])
        return [ctx.reply(b.build())]

    async def _history(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        users = await self.store.find_users(query=cmd.target)
        if not users:
            raise UserNotFound("No user matches that. Use channel:id, @username or the name.")
        b = TextBuilder()
        for user in users[:3]:
            tickets = await self.store.tickets_of_user(user_id=user.id)
            who = f"@{user.username}" if user.username else user.display_name
            b.bold(f"{who} ({user.channel}:{user.platform_user_id})").text(
                f" — {len(tickets)} ticket(s)"
            )
            if user.blocked_until and user.blocked_until > self.clock():
                b.text(f", blocked until {user.blocked_until:%Y-%m-%d %H:%M} UTC")
            for tk in tickets:
                b.text(f"\n  #{tk.id} {tk.opened_at:%Y-%m-%d} [{tk.priority}] {tk.status} — ").text(
                    tk.subject
                )
            b.text("\n")
        return [ctx.reply(b.build())]

    async def _block(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        users = await self.store.find_users(query=cmd.target)
        if len(users) != 1:
            raise UserNotFound(
                "No single user matches that. Use channel:id (e.g. telegram:12345) or @username."
            )
        assert cmd.duration is not None
        until = self.clock() + cmd.duration
        await self.store.update_user(user_id=users[0].id, blocked_until=until)
        await self.store.audit(
            actor=ctx.actor, action="block", detail=users[0].platform_user_id, now=self.clock()
        )
        return [ctx.reply(f"⛔ User blocked until {until:%Y-%m-%d %H:%M} UTC.")]

    async def _unblock(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        users = await self.store.find_users(query=cmd.target)
        if len(users) != 1:
            raise UserNotFound("No single user matches that.")
        await self.store.update_user(user_id=users[0].id, blocked_until=None)
        await self.store.audit(
            actor=ctx.actor, action="unblock", detail=users[0].platform_user_id, now=self.clock()
        )
        return [ctx.reply("User unblocked.")]

    async def _stats(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        k = await self.store.kpis(since=self.clock() - timedelta(days=cmd.days))

        def pct(v: float | None) -> str:
            return "—" if v is None else f"{v * 100:.0f}%"

        def dur(v: float | None) -> str:
            return "—" if v is None else format_duration(timedelta(seconds=v))

        fcr = pct(k.first_contact_resolution)
        csat = "—" if k.csat_avg is None else f"{k.csat_avg:.1f}/5"
        lines = [
            f"Conversations: {k.conversations}",
            f"First contact resolution (bot answered, no ticket): {fcr}",
            f"Bot answers: {k.bot_answers} (👍 {k.answers_helpful} / 👎 {k.answers_not_helpful})",
            f"Tickets: {k.tickets_opened} opened, {k.tickets_closed} closed, "
            f"{k.tickets_open} open now",
            f"Escalations to humans: {k.tickets_opened}, to L3: {k.escalated_l3}",
            f"Median first response: {dur(k.median_first_response_s)}",
            f"Median handling (taken → closed): {dur(k.median_handling_s)}",
            f"Median resolution (opened → closed): {dur(k.median_resolution_s)}",
            f"CSAT: {csat} ({k.csat_count} ratings)",
        ]
        b = TextBuilder().bold(f"KPIs, last {cmd.days} day(s)").text("\n" + "\n".join(lines))
        return [ctx.reply(b.build())]

    async def _faq(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        try:
            count = self.faq.reload()
        except FaqLoadError as e:
            return [
                ctx.reply(
                    TextBuilder()
                    .text("❌ FAQ not reloaded, the old base stays in use:\n")
                    .code(str(e)[:1500])
                    .build()
                )
            ]
        await self.store.audit(actor=ctx.actor, action="faq_reload", now=self.clock())
        return [ctx.reply(f"✅ FAQ reloaded: {count} entries.")]

    async def _unanswered(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        texts = await self.store.unanswered_queries(since=self.clock() - timedelta(days=cmd.days))
        groups = self.faq.group(texts, limit=10)
        if not groups:
            return [ctx.reply(f"No unanswered questions in the last {cmd.days} day(s).")]
        b = TextBuilder().bold(f"Most frequent unanswered questions, last {cmd.days} day(s)")
        for g in groups:
            b.text(f"\n{g.count}× ").text(g.example[:200])
        return [ctx.reply(b.build())]

    async def _verify(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        key = "verify_yes" if self.directory.verify(cmd.target) else "verify_no"
        return [ctx.reply(t(key, "en", name=cmd.target[:64]))]

    async def _help(self, cmd: Command, ctx: StaffContext) -> list[Action]:
        return [ctx.reply(help_text())]
