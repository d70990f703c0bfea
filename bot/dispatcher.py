"""The conversation flow, the same for every channel.

For each event, in order: the secret guard (it can stop everything), the
group-chat scam checks, staff commands and staff replies, the user's open
ticket, urgent reports, explicit requests for a human, then the FAQ. The
dispatcher only decides: it returns actions and the adapters execute them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.engines import AnyGuard, ScamCheck, Scan
from bot.knowledge import FaqService
from bot.model import (
    Action,
    Button,
    ButtonPress,
    ChatKind,
    CopyToStaff,
    DeleteMessage,
    IncomingMessage,
    Outcome,
    SendMessage,
    StaffPost,
)
from bot.richtext import RichText, TextBuilder
from bot.texts import t
from bot.textutil import MAX_PROCESSED_CHARS, clean, subject_from
from escalation import commands
from escalation.errors import NotStaff, QueueError
from escalation.format import thread_title, ticket_card
from escalation.staff import StaffContext, StaffDesk, StaffDirectory
from faq.intents import detect_urgent, wants_human
from faq.lang import detect_language
from storage.models import Ticket, User
from storage.store import Store

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

USER_COMMANDS = ("start", "help", "human", "verify", "lang")
PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
URGENT_PRIORITY = {  # incident kinds of faq.intents.detect_urgent; anything else is "high"
    "account_hacked": "urgent",
    "funds_stolen": "urgent",
    "key_compromised": "urgent",
    "sim_swap": "urgent",
    "activity_not_mine": "urgent",
    "compromise_signs": "urgent",
    "funds_gone_not_me": "urgent",
    "funds_missing": "high",
    "reported_incident": "high",  # the model's call, not a named rule
}
_GREETING = re.compile(
    r"^\W*(hi|hii+|hello|hey|yo|good (morning|afternoon|evening)|gm|привет|здравствуйте|"
    r"добрый (день|вечер)|доброе утро|хай|你好|您好|嗨|哈喽|在吗|在嘛)\W*$",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"^\W*(thanks?( you)?|thx|ty|спасибо|спс|благодарю|谢谢|多谢|感谢)\W*$", re.IGNORECASE
)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Reply:
    """Where answers to one user event go."""

    channel: str
    chat_id: str
    reply_to: str | None

    def send(self, text: RichText | str, buttons: tuple[Button, ...] = ()) -> SendMessage:
        rt = RichText.plain(text) if isinstance(text, str) else text
        return SendMessage(
            channel=self.channel,
            chat_id=self.chat_id,
            text=rt,
            buttons=buttons,
            reply_to=self.reply_to,
        )


class Dispatcher:
    def __init__(
        self,
        *,
        store: Store,
        faq: FaqService,
        guard: AnyGuard,
        scam: ScamCheck,
        directory: StaffDirectory,
        default_language: str = "en",
        team_name: str = "Support team",
        show_staff_names: bool = False,
        clock: Clock = utcnow,
    ) -> None:
        self.store = store
        self.faq = faq
        self.guard = guard
        self.scam = scam
        self.directory = directory
        self.default_language = default_language
        self.team_name = team_name
        self.clock = clock
        self.desk = StaffDesk(
            store=store,
            faq=faq,
            directory=directory,
            clock=clock,
            team_name=team_name,
            show_staff_names=show_staff_names,
        )

    # ---- entry points ----------------------------------------------------------

    async def handle(self, msg: IncomingMessage) -> Outcome:
        if msg.event_id and not await self.store.mark_event(
            event_id=msg.event_id, now=self.clock()
        ):
            return Outcome(route="duplicate")
        text = clean(msg.text)
        scan = self.guard.scan(text)
        if scan.has_secret:
            return await self._secret(msg, text, scan)
        is_staff = msg.is_staff or self.directory.is_staff(msg.staff_key)
        if (
            is_staff
            and msg.chat_kind is ChatKind.STAFF
            and self.directory.remember(msg.staff_key, msg.display_name, msg.username)
        ):
            await self.store.set_state(
                f"staff:{msg.staff_key}", json.dumps([msg.display_name, msg.username])
            )
        if msg.chat_kind is ChatKind.STAFF:
            return await self._staff_chat(msg, text, is_staff)
        if msg.chat_kind is ChatKind.GROUP and not is_staff:
            warned = await self._group_threats(msg, text)
            if warned is not None:
                return warned
        if not msg.addressed:
            return Outcome(route="ignored")
        return await self._user(msg, text, scan)

    async def handle_button(self, press: ButtonPress) -> Outcome:
        kind, _, rest = press.data.partition(":")
        user = await self._user_record(
            press.channel, press.user_id, press.display_name, None, press.chat_id, press.chat_kind
        )
        lang = await self._lang_of(user, "", press.language_hint)
        reply = Reply(press.channel, press.chat_id, None)
        try:
            if kind == "fb":
                verdict, _, answer_id = rest.partition(":")
                return await self._feedback(user, lang, reply, verdict == "y", int(answer_id))
            if kind == "faq":
                return await self._answer_entry(user, lang, reply, rest, query=None, score=None)
            if kind == "human":
                if self._is_blocked(user):
                    return Outcome([reply.send(t("blocked", lang))], route="blocked")
                subject = await self._recent_question(user)
                return await self._open(
                    user, lang, reply, subject=subject, source="human_request", text=None
                )
            if kind == "csat":
                tid_s, _, score_s = rest.partition(":")
                return await self._csat(user, lang, reply, int(tid_s), int(score_s))
            if kind == "take":
                is_staff = press.is_staff or self.directory.is_staff(
                    f"{press.channel}:{press.user_id}"
                )
                if not is_staff:
                    return Outcome(route="refused")
                ctx = StaffContext(
                    actor=f"{press.channel}:{press.user_id}",
                    actor_name=press.display_name,
                    channel=press.channel,
                    chat_id=press.chat_id,
                )
                return await self._run_staff(commands.Command("take", ticket_id=int(rest)), ctx)
        except ValueError:
            pass
        log.info("ignored button with unknown data on %s", press.channel)
        return Outcome(route="unknown_button")

    # ---- a: the secret guard -----------------------------------------------------

    async def _secret(self, msg: IncomingMessage, text: str, scan: Scan) -> Outcome:
        redacted = self.guard.redact(text, scan)
        kinds = ", ".join(sorted(set(scan.kinds)))
        log.warning("secret removed from a message on %s (%s)", msg.channel, kinds)
        user = await self._user_record(
            msg.channel, msg.user_id, msg.display_name, msg.username, msg.chat_id, msg.chat_kind
        )
        lang = await self._lang_of(user, _without_spans(text, scan), msg.language_hint)
        actions: list[Action] = []
        if msg.message_id:
            actions.append(
                DeleteMessage(
                    channel=msg.channel,
                    chat_id=msg.chat_id,
                    message_id=msg.message_id,
                    language=lang,
                )
            )
        if msg.chat_kind is ChatKind.STAFF:
            actions.append(
                SendMessage(
                    channel=msg.channel,
                    chat_id=msg.chat_id,
                    thread_id=msg.thread_id,
                    text=RichText.plain(
                        "⚠️ A message here contained a seed phrase or private key; it was "
                        "removed and not stored."
                    ),
                )
            )
            return Outcome(actions, route="secret_staff")
        ticket, created = await self.store.open_ticket(
            user=user,
            channel=msg.channel,
            chat_id=self._user_chat(msg, user),
            language=lang,
            subject=f"Security: {kinds} posted",
            priority="high",
            kind="security",
            source="secret",
            public_refs=self._refs(scan),
            now=self.clock(),
        )
        note = f"[the user posted a {kinds}; it was removed] {redacted}"
        await self.store.add_message(
            ticket_id=ticket.id,
            author_kind="user",
            author_id=msg.staff_key,
            author_name=msg.display_name,
            text=note,
            channel=msg.channel,
            now=self.clock(),
        )
        if not created and ticket.priority in ("normal", "low"):
            await self.store.update_ticket(
                ticket_id=ticket.id,
                actor="bot",
                action="priority",
                now=self.clock(),
                priority="high",
            )
        reply = Reply(msg.channel, msg.chat_id, None)
        actions.append(reply.send(t("secret_warning", lang, ticket=ticket.id)))
        b = (
            TextBuilder()
            .bold(f"🔐 #{ticket.id} security: a {kinds} was posted")
            .text(f" in a {msg.chat_kind.value} chat on {msg.channel} by ")
        )
        b.text(msg.display_name).text(". It was removed and never stored. Redacted message:\n")
        b.text(redacted[:1500])
        self._append_refs(b, scan)
        actions.append(
            StaffPost(
                ticket_id=ticket.id,
                text=b.build(),
                thread_title=thread_title(ticket, user) if created else None,
                buttons=(Button("Take", f"take:{ticket.id}"),) if created else (),
            )
        )
        return Outcome(actions, route="secret")

    # ---- group chats: scam solicitations, blocked links, fake staff -----------------

    async def _group_threats(self, msg: IncomingMessage, text: str) -> Outcome | None:
        actions: list[Action] = []
        reasons: list[str] = []
        if self.scam.solicits_secrets(text):
            reasons.append("asks for seed phrases / private keys or to 'validate' a wallet")
        links = self.scam.blocked_links(text)
        if links:
            reasons.append("links to blocklisted domain(s): " + ", ".join(links[:5]))
        names = [*self.directory.names(), self.team_name]
        if self.scam.imitates_staff(msg.display_name, names) and await self.store.alert_once(
            key=f"impersonation:{msg.staff_key}", now=self.clock()
        ):
            actions.append(
                StaffPost(
                    text=TextBuilder()
                    .bold("🎭 Possible fake staff account")
                    .text(f" on {msg.channel}: display name ")
                    .code(msg.display_name[:100])
                    .text(" (id ")
                    .code(msg.staff_key)
                    .text(") looks like a staff member's.")
                    .build()
                )
            )
        if not reasons:
            return Outcome(actions, route="impersonation") if actions else None
        lang = detect_language(text) or self.default_language
        actions.append(
            Reply(msg.channel, msg.chat_id, msg.message_id).send(t("scam_warning", lang))
        )
        b = (
            TextBuilder()
            .bold("🚩 Suspicious message in a group")
            .text(f" on {msg.channel} (chat {msg.chat_id}) from ")
        )
        b.text(msg.display_name).text(" (").code(msg.staff_key).text("): ")
        b.text("; ".join(reasons)).text("\nMessage:\n").text(text[:1000])
        actions.append(StaffPost(text=b.build()))
        return Outcome(actions, route="scam")

    # ---- b: the staff chat ---------------------------------------------------------

    async def _staff_chat(self, msg: IncomingMessage, text: str, is_staff: bool) -> Outcome:
        ctx = StaffContext(
            actor=msg.staff_key,
            actor_name=msg.display_name,
            channel=msg.channel,
            chat_id=msg.chat_id,
            thread_id=msg.thread_id,
            message_id=msg.message_id,
        )
        if commands.is_command(text):
            if not is_staff:
                return Outcome([ctx.reply(str(NotStaff()))], route="refused")
            ticket_id = await self._ticket_of_staff_message(msg)
            if ticket_id is not None:
                text = commands.with_ticket(text, ticket_id) or text
            try:
                cmd = commands.parse(text)
            except QueueError as e:
                return Outcome([ctx.reply(str(e))], route="staff_error")
            return await self._run_staff(cmd, ctx)
        if not is_staff or not text:
            return Outcome(route="ignored")
        ticket_id = await self._ticket_of_staff_message(msg)
        if ticket_id is None:
            return Outcome(route="staff_chatter")
        ticket = await self.store.get_ticket(ticket_id=ticket_id)
        if ticket is None:
            return Outcome(route="staff_chatter")
        try:
            actions = await self.desk.reply_to_user(ticket, text[:MAX_PROCESSED_CHARS], ctx)
        except QueueError as e:
            return Outcome([ctx.reply(str(e))], route="staff_error")
        return Outcome(actions, route="staff_reply")

    async def _ticket_of_staff_message(self, msg: IncomingMessage) -> int | None:
        """The ticket a staff message belongs to: its thread, or the notice it replies to."""
        if msg.thread_id:
            tid = await self.store.ticket_by_thread(channel=msg.channel, thread_id=msg.thread_id)
            if tid is not None:
                return tid
        if msg.reply_to:
            return await self.store.ticket_by_notice(channel=msg.channel, message_id=msg.reply_to)
        return None

    async def _run_staff(self, cmd: commands.Command, ctx: StaffContext) -> Outcome:
        try:
            return Outcome(await self.desk.execute(cmd, ctx), route=f"staff:{cmd.name}")
        except QueueError as e:
            return Outcome([ctx.reply(str(e))], route="staff_error")

    # ---- c-e: users ------------------------------------------------------------------

    async def _user(self, msg: IncomingMessage, text: str, scan: Scan) -> Outcome:
        user = await self._user_record(
            msg.channel, msg.user_id, msg.display_name, msg.username, msg.chat_id, msg.chat_kind
        )
        lang = await self._lang_of(user, text, msg.language_hint)
        reply = Reply(
            msg.channel, msg.chat_id, msg.message_id if msg.chat_kind is ChatKind.GROUP else None
        )
        name = commands.command_name(text) if text.startswith("/") else None
        if name is not None and name not in USER_COMMANDS:
            if name in commands.USAGE:
                return Outcome([reply.send(t("not_staff", lang))], route="refused")
            name = None  # "/something" from a user: treat as text
        if name == "lang":
            return await self._set_lang(user, text, reply)
        if name in ("start", "help"):
            key = "start" if name == "start" else "user_help"
            return Outcome([reply.send(t(key, lang))], route=name)
        if name == "verify":
            return self._verify(text, lang, reply)

        ticket = await self.store.open_ticket_for_user(user_id=user.id)
        if ticket is not None:
            return await self._join_ticket(msg, user, ticket, text, scan, lang, reply, name)
        if msg.attachment is not None and not text:
            return Outcome([reply.send(t("attachment_note", lang))], route="attachment")
        if not text:
            return Outcome([reply.send(t("empty_message", lang))], route="empty")
        blocked = self._is_blocked(user)
        urgent = detect_urgent(text)
        if urgent is not None and not blocked:
            return await self._open(
                user,
                lang,
                reply,
                subject=text,
                source=f"urgent:{urgent}",
                text=text,
                scan=scan,
                priority=URGENT_PRIORITY.get(urgent, "high"),
            )
        if name == "human" or wants_human(text):
            if blocked:
                return Outcome([reply.send(t("blocked", lang))], route="blocked")
            # "/human" alone says nothing: the subject is what the user asked the bot last
            said = None if name == "human" and not text.split(None, 1)[1:] else text
            subject = await self._recent_question(user) or said
            return await self._open(
                user, lang, reply, subject=subject, source="human_request", text=said, scan=scan
            )
        if _GREETING.match(text):
            return Outcome([reply.send(t("start", lang))], route="greeting")
        if _THANKS.match(text):
            return Outcome([reply.send(t("thanks_feedback", lang))], route="thanks")
        return await self._faq(msg, user, text, lang, reply, scan, blocked)

    async def _faq(
        self,
        msg: IncomingMessage,
        user: User,
        text: str,
        lang: str,
        reply: Reply,
        scan: Scan,
        blocked: bool,
    ) -> Outcome:
        query = text[:MAX_PROCESSED_CHARS]
        result = self.faq.match(query, lang)
        best = result.best
        if result.decision == "answer" and best is not None:
            if user.miss_streak:
                await self.store.update_user(user_id=user.id, miss_streak=0)
            return await self._answer_entry(
                user, lang, reply, best.entry_id, query=query, score=best.score
            )
        suggest = result.decision == "suggest" and bool(result.suggestions)
        await self.store.record_answer(
            user_id=user.id,
            channel=msg.channel,
            language=lang,
            query=query,
            decision="suggest" if suggest else "decline",
            faq_id=None,
            score=best.score if best else None,
            now=self.clock(),
        )
        if suggest:
            buttons = (
                *(
                    Button(self.faq.title(c.entry_id, lang)[:60], f"faq:{c.entry_id}"[:64])
                    for c in result.suggestions[:3]
                ),
                Button(t("btn_human", lang), "human"),
            )
            return Outcome([reply.send(t("suggest", lang), buttons)], route="suggest")
        streak = user.miss_streak + (0 if msg.edited else 1)
        if streak >= 2 and not blocked:
            await self.store.update_user(user_id=user.id, miss_streak=0)
            return await self._open(
                user, lang, reply, subject=text, source="second_miss", text=text, scan=scan
            )
        if streak != user.miss_streak:
            await self.store.update_user(user_id=user.id, miss_streak=streak)
        return Outcome(
            [reply.send(t("rephrase", lang), (Button(t("btn_human", lang), "human"),))],
            route="decline",
        )

    async def _answer_entry(
        self,
        user: User,
        lang: str,
        reply: Reply,
        entry_id: str,
        *,
        query: str | None,
        score: float | None,
    ) -> Outcome:
        answer = self.faq.answer(entry_id, lang)
        if answer is None:
            return Outcome(route="stale_button")
        answer_id = await self.store.record_answer(
            user_id=user.id,
            channel=reply.channel,
            language=lang,
            query=query if query is not None else f"[button] {entry_id}",
            decision="answer",
            faq_id=entry_id,
            score=score,
            now=self.clock(),
        )
        buttons = (
            Button(t("btn_yes", lang), f"fb:y:{answer_id}"),
            Button(t("btn_no_human", lang), f"fb:n:{answer_id}"),
        )
        text = TextBuilder().text(answer).text("\n\n").italic(t("faq_helpful", lang)).build()
        return Outcome([reply.send(text, buttons)], route="answer")

    async def _feedback(
        self, user: User, lang: str, reply: Reply, helpful: bool, answer_id: int
    ) -> Outcome:
        answer = await self.store.get_answer(answer_id=answer_id)
        if answer is None or answer.user_id != user.id:
            return Outcome(route="stale_button")
        changed = await self.store.set_feedback(
            answer_id=answer_id, user_id=user.id, helpful=helpful, now=self.clock()
        )
        if helpful:
            if not changed:
                return Outcome(route="feedback_repeat")
            return Outcome([reply.send(t("thanks_feedback", lang))], route="helpful")
        if self._is_blocked(user):
            return Outcome([reply.send(t("blocked", lang))], route="blocked")
        subject = answer.query if not answer.query.startswith("[button]") else None
        return await self._open(user, lang, reply, subject=subject, source="faq_no", text=None)

    async def _csat(
        self, user: User, lang: str, reply: Reply, ticket_id: int, score: int
    ) -> Outcome:
        ticket = await self.store.get_ticket(ticket_id=ticket_id)
        if ticket is None or ticket.user_id != user.id or not 1 <= score <= 5:
            return Outcome(route="stale_button")
        await self.store.update_ticket(
            ticket_id=ticket_id,
            actor="user",
            action="csat",
            detail=str(score),
            now=self.clock(),
            csat=score,
        )
        return Outcome([reply.send(t("csat_thanks", lang))], route="csat")

    async def _join_ticket(
        self,
        msg: IncomingMessage,
        user: User,
        ticket: Ticket,
        text: str,
        scan: Scan,
        lang: str,
        reply: Reply,
        command: str | None,
    ) -> Outcome:
        """While a ticket is open the conversation belongs to the humans: relay, don't answer."""
        now = self.clock()
        body = text[:MAX_PROCESSED_CHARS]
        if msg.attachment is not None:
            body = f"[{msg.attachment.value}] {body}".strip()
        if not body:
            return Outcome([reply.send(t("empty_message", lang))], route="empty")
        await self.store.add_message(
            ticket_id=ticket.id,
            author_kind="user",
            author_id=msg.staff_key,
            author_name=msg.display_name,
            text=body,
            channel=msg.channel,
            now=now,
        )
        b = _relay_text(ticket.id, msg.display_name + (" (edited)" if msg.edited else ""), body)
        self._append_refs(b, scan)
        actions: list[Action] = [StaffPost(ticket_id=ticket.id, text=b.build())]
        if msg.attachment is not None and msg.message_id:
            actions.append(
                CopyToStaff(
                    channel=msg.channel,
                    chat_id=msg.chat_id,
                    message_id=msg.message_id,
                    ticket_id=ticket.id,
                )
            )
        urgent = detect_urgent(text)
        if urgent:
            await self._raise_priority(ticket, URGENT_PRIORITY.get(urgent, "high"), urgent, now)
        if command == "human":
            actions.append(reply.send(t("ticket_exists", lang, ticket=ticket.id)))
        elif msg.attachment is not None:
            actions.append(reply.send(t("attachment_forwarded", lang, ticket=ticket.id)))
        return Outcome(actions, route="relay")

    async def _open(
        self,
        user: User,
        lang: str,
        reply: Reply,
        *,
        subject: str | None,
        source: str,
        text: str | None,
        scan: Scan | None = None,
        priority: str = "normal",
    ) -> Outcome:
        now = self.clock()
        subject = subject_from(subject or "") or "Talk to a human"
        ticket, created = await self.store.open_ticket(
            user=user,
            channel=reply.channel,
            chat_id=user.chat_id or reply.chat_id,
            language=lang,
            subject=subject,
            priority=priority,
            kind="security" if source.startswith("urgent") else "support",
            source=source,
            public_refs=self._refs(scan) if scan else [],
            now=now,
        )
        if not created:
            # lost a race with another message that opened the ticket: join it like a relay
            actions: list[Action] = [reply.send(t("ticket_exists", lang, ticket=ticket.id))]
            if text:
                await self.store.add_message(
                    ticket_id=ticket.id,
                    author_kind="user",
                    text=text[:MAX_PROCESSED_CHARS],
                    author_id=f"{user.channel}:{user.platform_user_id}",
                    author_name=user.display_name,
                    channel=user.channel,
                    now=now,
                )
                b = _relay_text(ticket.id, user.display_name, text)
                actions.append(StaffPost(ticket_id=ticket.id, text=b.build()))
            await self._raise_priority(ticket, priority, source, now)
            return Outcome(actions, route="ticket_exists")
        if text:
            await self.store.add_message(
                ticket_id=ticket.id,
                author_kind="user",
                author_id=f"{user.channel}:{user.platform_user_id}",
                author_name=user.display_name,
                text=text[:MAX_PROCESSED_CHARS],
                channel=user.channel,
                now=now,
            )
        await self.store.link_answers_to_ticket(
            user_id=user.id, ticket_id=ticket.id, since=now.replace(hour=0, minute=0, second=0)
        )
        position = await self.store.queue_position(ticket_id=ticket.id)
        key = "ticket_urgent" if source.startswith("urgent") else "ticket_opened"
        actions = [reply.send(t(key, lang, ticket=ticket.id, position=position))]
        card = ticket_card(ticket, user, now=now)
        card.text(f"\nWhy: {source}")
        recent = await self._recent_bot_context(user)
        if recent:
            card.text("\nBefore the hand-over: ").text(recent)
        if text:
            card.text("\nMessage: ").text(text[:1500])
        if scan is not None:
            self._append_refs(card, scan)
        card.text(f"\nReply in this thread, or /reply {ticket.id} text.")
        actions.append(
            StaffPost(
                ticket_id=ticket.id,
                text=card.build(),
                thread_title=thread_title(ticket, user),
                buttons=(Button("Take", f"take:{ticket.id}"),),
            )
        )
        return Outcome(
            actions, route="ticket_opened" if not source.startswith("urgent") else "urgent"
        )

    # ---- small user commands ---------------------------------------------------------

    async def _set_lang(self, user: User, text: str, reply: Reply) -> Outcome:
        parts = text.split()
        code = parts[1].lower() if len(parts) > 1 else ""
        if code not in ("en", "ru", "zh"):
            return Outcome(
                [reply.send(t("lang_usage", user.language or self.default_language))], route="lang"
            )
        await self.store.update_user(user_id=user.id, language=code)
        return Outcome([reply.send(t("lang_set", code))], route="lang")

    def _verify(self, text: str, lang: str, reply: Reply) -> Outcome:
        parts = text.split(None, 1)
        if len(parts) < 2 or not parts[1].strip():
            return Outcome([reply.send(t("verify_usage", lang))], route="verify")
        name = parts[1].strip()[:64]
        key = "verify_yes" if self.directory.verify(name) else "verify_no"
        return Outcome([reply.send(t(key, lang, name=name))], route="verify")

    # ---- helpers -----------------------------------------------------------------------

    async def _user_record(
        self,
        channel: str,
        user_id: str,
        display_name: str,
        username: str | None,
        chat_id: str,
        chat_kind: ChatKind,
    ) -> User:
        """The user's row; only a private chat is remembered as where to reach them."""
        return await self.store.upsert_user(
            channel=channel,
            platform_user_id=user_id,
            display_name=display_name,
            username=username,
            chat_id=chat_id if chat_kind is ChatKind.PRIVATE else None,
            now=self.clock(),
        )

    def _user_chat(self, msg: IncomingMessage, user: User) -> str:
        """Staff replies go to the user's private chat when the bot knows one."""
        return user.chat_id or msg.chat_id

    async def _lang_of(self, user: User, text: str, hint: str | None) -> str:
        """The language detected in this message, remembered; else the remembered one.

        Commands and a few Latin letters ("ok", "2fa", a coin ticker) say nothing about
        the language a Russian or Chinese speaker wants answers in, so they never switch it.
        """
        detected = detect_language(text) if text and not text.startswith(("/", "!")) else None
        if detected == "en" and user.language and len(_LATIN_WORD.findall(text)) < 3:
            detected = None
        if detected and detected != user.language:
            user.language = detected
            await self.store.update_user(user_id=user.id, language=detected)
        return user.language or _hint_lang(hint) or self.default_language

    def _is_blocked(self, user: User) -> bool:
        return bool(user.blocked_until and user.blocked_until > self.clock())

    async def _recent_question(self, user: User) -> str | None:
        """What the user asked the bot last (within the hour): the ticket's real subject."""
        recent = await self.store.recent_answers(
            user_id=user.id, since=self.clock() - timedelta(hours=1), limit=1
        )
        return recent[0].query if recent and not recent[0].query.startswith("[button]") else None

    async def _recent_bot_context(self, user: User) -> str | None:
        """A line for staff: what the bot already tried, so they don't repeat it."""
        recent = await self.store.recent_answers(
            user_id=user.id, since=self.clock() - timedelta(hours=1), limit=3
        )
        parts = []
        for a in reversed(recent):
            verdict = {True: "helpful", False: "not helpful", None: "no feedback"}[a.helpful]
            what = f"answered {a.faq_id} ({verdict})" if a.decision == "answer" else a.decision
            parts.append(f"{what}")
        return "; ".join(parts) or None

    def _refs(self, scan: Scan | None) -> list[dict[str, str]]:
        if scan is None:
            return []
        out = []
        for item in scan.public:
            d = {"kind": item.kind, "value": item.value, "chain": item.chain or ""}
            link = self.scam.explorer_link(item)
            if link:
                d["link"] = link
            out.append(d)
        return out[:20]

    async def _raise_priority(
        self, ticket: Ticket, priority: str, reason: str, now: datetime
    ) -> None:
        """Move an open ticket up to ``priority`` (never down), with an audit entry."""
        if PRIORITY_RANK[priority] < PRIORITY_RANK.get(ticket.priority, 9):
            await self.store.update_ticket(
                ticket_id=ticket.id,
                actor="bot",
                action="priority",
                detail=f"{ticket.priority}->{priority} ({reason})",
                now=now,
                priority=priority,
            )

    def _append_refs(self, b: TextBuilder, scan: Scan) -> None:
        refs = self._refs(scan)
        if not refs:
            return
        b.text("\nDetected:")
        for r in refs:
            label = f"{r['chain']} {r['kind']}".strip()
            b.text(f"\n• {label}: ")
            if "link" in r:
                b.link(r["value"], r["link"])
            else:
                b.code(r["value"])


def _relay_text(ticket_id: int, who: str, text: str) -> TextBuilder:
    """How a user's message looks in the staff thread."""
    return TextBuilder().bold(f"👤 #{ticket_id} ").text(who).text(": ").text(text[:3500])


def _without_spans(text: str, scan: Scan) -> str:
    """The text around the secrets: what tells the user's language."""
    out, pos = [], 0
    for span in sorted(scan.secrets, key=lambda s: s.start):
        out.append(text[pos : span.start])
        pos = max(pos, span.end)
    out.append(text[pos:])
    return " ".join(p.strip() for p in out if p.strip())


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _hint_lang(hint: str | None) -> str | None:
    if not hint:
        return None
    code = hint.lower()[:2]
    return code if code in ("en", "ru", "zh") else None
