"""Every branch of the conversation flow, through the in-process channel."""

from __future__ import annotations

from adapters.testing import MemoryChannel, TestBot
from bot.app import Runtime
from bot.model import Attachment, ChatKind
from tests.core.conftest import FakeClock

DM = "dm-u1"
QUESTION = "My deposit has not arrived in my account"  # verbatim in the sample FAQ


async def test_faq_question_is_answered_with_feedback_buttons(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _ = bot
    out = await tb.user(QUESTION)
    assert out.route == "answer"
    [sent] = ch.pop(DM)
    labels = [b.data for b in sent.buttons]
    assert labels[0].startswith("fb:y:") and labels[1].startswith("fb:n:")
    assert "Did this help?" in sent.plain


async def test_yes_feedback_thanks_and_counts(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, rt = bot
    await tb.user(QUESTION)
    [sent] = ch.pop(DM)
    out = await tb.press(sent.buttons[0].data)
    assert out.route == "helpful"
    assert "Glad it helped" in ch.pop_text(DM)[0]
    # a second press on the same answer changes nothing
    assert (await tb.press(sent.buttons[0].data)).route == "feedback_repeat"
    k = await rt.store.kpis(since=rt.dispatcher.clock().replace(year=2000))
    assert k.answers_helpful == 1 and k.resolved_by_bot == 1


async def test_no_feedback_opens_ticket_with_the_question_as_subject(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    await tb.user(QUESTION)
    [sent] = ch.pop(DM)
    out = await tb.press(sent.buttons[1].data)
    assert out.route == "ticket_opened"
    text = ch.pop_text(DM)[0]
    assert "ticket #1" in text and "number 1 in the queue" in text
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.source == "faq_no"
    assert "deposit" in ticket.subject
    staff = ch.pop_staff()
    assert staff and staff[0].thread_id in ch.threads
    assert ch.threads[staff[0].thread_id].startswith("#1 · @alice · ")


async def test_ambiguous_question_offers_suggestions(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _ = bot
    out = await tb.user("withdrawal")
    assert out.route in ("suggest", "answer", "decline")
    if out.route == "suggest":
        [sent] = ch.pop(DM)
        faq_buttons = [b for b in sent.buttons if b.data.startswith("faq:")]
        assert 1 <= len(faq_buttons) <= 3
        assert sent.buttons[-1].data == "human"
        # pressing a suggestion answers it
        out = await tb.press(faq_buttons[0].data)
        assert out.route == "answer"


async def test_two_misses_in_a_row_open_a_ticket(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    first = await tb.user("qwerty zxcvb asdfg lorem ipsum")
    assert first.route == "decline"
    assert "other words" in ch.pop_text(DM)[0]
    second = await tb.user("blorp fizzle wibble wobble")
    assert second.route == "ticket_opened"
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.source == "second_miss"


async def test_human_command_and_words_open_a_ticket(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    assert (await tb.user("/human")).route == "ticket_opened"
    assert (await tb.user("оператор", user_id="u2", name="Иван")).route == "ticket_opened"
    assert (await tb.user("转人工", user_id="u3", name="李")).route == "ticket_opened"
    t2 = await rt.store.get_ticket(ticket_id=2)
    t3 = await rt.store.get_ticket(ticket_id=3)
    assert t2 is not None and t2.language == "ru"
    assert t3 is not None and t3.language == "zh"
    assert "Я передал" in ch.pop_text("dm-u2")[0]
    assert "工单" in ch.pop_text("dm-u3")[0]


async def test_urgent_report_opens_high_priority_ticket_without_faq_answer(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    out = await tb.user("someone hacked my account and withdrew all my funds!!")
    assert out.route == "urgent"
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.priority == "urgent"
    assert "urgent" in ch.pop_text(DM)[0].lower()
    out = await tb.user("у меня украли все деньги с аккаунта", user_id="u2", name="Пётр")
    assert out.route == "urgent"
    out = await tb.user("我的账户被盗了，资产全没了", user_id="u3", name="王")
    assert out.route == "urgent"


async def test_open_ticket_receives_messages_and_relays_to_staff(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    await tb.user("/human")
    ch.pop(DM)
    ch.pop_staff()
    out = await tb.user(QUESTION)  # would be an FAQ answer otherwise
    assert out.route == "relay"
    assert ch.pop(DM) == []
    [relay] = ch.pop_staff()
    assert QUESTION in relay.plain and relay.thread_id
    msgs = await rt.store.messages(ticket_id=1)
    assert [m.author_kind for m in msgs][-1] == "user"


async def test_staff_flow_take_reply_close_reaches_user(
    bot: tuple[TestBot, MemoryChannel, Runtime],
    clock: FakeClock,
) -> None:
    tb, ch, rt = bot
    await tb.user("/human")
    ch.pop(DM)
    staff = ch.pop_staff()
    thread = staff[0].thread_id
    clock.advance(minutes=3)
    assert (await tb.staff("/queue")).route == "staff:queue"
    q = ch.pop_staff()[0].plain
    assert "#1" in q and "waiting 3m" in q
    assert (await tb.staff("/take 1")).route == "staff:take"
    assert "is yours" in ch.pop_staff()[0].plain
    clock.advance(minutes=2)
    assert (await tb.staff("/reply 1 Hello! Which coin?")).route == "staff:reply"
    [to_user] = ch.pop(DM)
    assert to_user.plain.startswith("Hello! Which coin?")
    assert "Support team" in to_user.plain and "Sam" not in to_user.plain
    # a staff message written in the thread goes to the user as well
    out = await tb.staff("It is USDT on TRC20?", thread_id=thread)
    assert out.route == "staff_reply"
    assert ch.pop_text(DM)[0].startswith("It is USDT on TRC20?")
    clock.advance(minutes=5)
    assert (await tb.staff("/close 1 solved")).route == "staff:close"
    [closing] = ch.pop(DM)
    assert "closed" in closing.plain and next(b.data for b in closing.buttons) == "csat:1:5"
    assert thread in ch.closed_threads
    assert (await tb.press("csat:1:5")).route == "csat"
    assert "Thank you" in ch.pop_text(DM)[0]
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.status == "closed" and ticket.csat == 5
    assert ticket.first_response_at is not None
    assert (ticket.first_response_at - ticket.opened_at).total_seconds() == 300
    k = await rt.store.kpis(since=clock.now.replace(year=2000))
    assert k.median_first_response_s == 300 and k.median_resolution_s == 600
    assert k.csat_avg == 5
    trail = [a.action for a in await rt.store.audit_trail(ticket_id=1)]
    assert trail[:2] == ["open", "take"] and "close" in trail and "csat" in trail
    # reopen brings the thread back
    assert (await tb.staff("/reopen 1")).route == "staff:reopen"
    assert thread not in ch.closed_threads
    assert "reopened" in ch.pop_text(DM)[0]


async def test_reply_with_faq_id_sends_answer_in_user_language(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    await tb.user("позовите оператора")
    ch.pop("dm-u1")
    entry = rt.faq.base.entries[0]
    await tb.staff(f"/reply 1 #{entry.id}")
    [sent] = ch.pop(DM)
    expected = rt.faq.answer(entry.id, "ru")
    assert expected is not None and sent.plain.startswith(expected[:40])


async def test_note_priority_release_transfer_escalate(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    await tb.user("/human")
    ch.pop(DM)
    await tb.staff("/note 1 user seems legit")
    assert ch.pop(DM) == []  # notes never reach the user
    await tb.staff("/priority 1 high")
    await tb.staff("/take 1")
    await tb.staff("/release 1")
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.priority == "high" and ticket.assignee is None
    await tb.staff("/queue", user_id="s2", name="Kim", username="kim")  # Kim becomes known staff
    await tb.staff("/transfer 1 @kim")
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.assignee == "test:s2"
    await tb.staff("/escalate 1")
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.level == "L3" and ticket.assignee is None
    msgs = await rt.store.messages(ticket_id=1)
    assert any(m.author_kind == "note" for m in msgs)


async def test_history_block_unblock(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, _rt = bot
    await tb.user("/human")
    await tb.staff("/close 1")
    ch.sent.clear()
    await tb.staff("/history @alice")
    assert "#1" in ch.pop_staff()[0].plain
    await tb.staff("/block @alice 2h")
    assert "blocked until" in ch.pop_staff()[0].plain
    out = await tb.user("/human")
    assert out.route == "blocked"
    await tb.staff("/unblock @alice")
    assert (await tb.user("/human")).route == "ticket_opened"


async def test_stats_help_and_errors_for_staff(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, _ = bot
    await tb.staff("/stats")
    assert "First contact resolution" in ch.pop_staff()[0].plain
    await tb.staff("/help")
    assert "/take N" in ch.pop_staff()[0].plain
    await tb.staff("/take")
    assert ch.pop_staff()[0].plain.startswith("Usage: /take N")
    await tb.staff("/take abc")
    assert ch.pop_staff()[0].plain.startswith("Usage: /take N")
    await tb.staff("/priority 1 sky-high")
    assert "Usage: /priority" in ch.pop_staff()[0].plain
    await tb.staff("/take 999")
    assert ch.pop_staff()[0].plain == "Ticket #999 does not exist."
    await tb.staff("/frobnicate 1")
    assert "Unknown command /frobnicate" in ch.pop_staff()[0].plain


async def test_non_staff_are_refused(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, _rt = bot
    out = await tb.staff("/take 1", user_id="x9", name="Mallory", is_staff=False)
    assert out.route == "refused"
    assert "for support staff" in ch.pop_staff()[0].plain
    out = await tb.user("/take 1")
    assert out.route == "refused"
    assert "for support staff" in ch.pop_text(DM)[0]


async def test_one_open_ticket_per_user(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, rt = bot
    await tb.user("/human")
    out = await tb.user("/human")
    assert out.route == "relay"
    assert "already open" in ch.pop_text(DM)[-1]
    rows = await rt.store.queue()
    assert len(rows) == 1


async def test_edited_message_is_handled_and_relayed(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _ = bot
    await tb.user("/human")
    ch.pop_staff()
    out = await tb.user("fixed typo in my question", edited=True)
    assert out.route == "relay"
    assert "(edited)" in ch.pop_staff()[0].plain


async def test_attachments(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, _ = bot
    out = await tb.user("", attachment=Attachment.PHOTO)
    assert out.route == "attachment" and "only read text" in ch.pop_text(DM)[0]
    await tb.user("/human")
    ch.pop(DM)
    ch.pop_staff()
    out = await tb.user("screenshot", attachment=Attachment.PHOTO, message_id="555")
    assert out.route == "relay"
    [relay] = ch.pop_staff()
    assert "[photo] screenshot" in relay.plain
    assert ch.copied == [(DM, "555", relay.thread_id)]


async def test_group_messages_not_addressed_are_ignored_but_guarded(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _ = bot
    out = await tb.user("gm everyone, nice weather", chat_kind=ChatKind.GROUP, addressed=False)
    assert out.route == "ignored" and ch.sent == []


async def test_scam_solicitation_in_group_warns_publicly_and_tells_staff(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _ = bot
    out = await tb.user(
        "Hello, I am from support. DM me your seed phrase so I can validate your wallet",
        chat_kind=ChatKind.GROUP,
        addressed=False,
        user_id="scam1",
        name="Mallory",
    )
    assert out.route == "scam"
    public = ch.pop("group")
    assert public and "never ask" in public[0].plain
    assert any("Suspicious" in s.plain for s in ch.pop_staff())


async def test_user_verify_command(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, _ = bot
    await tb.staff("/queue")  # sam_support acts as staff once
    ch.sent.clear()
    await tb.user("/verify @sam_support")
    assert "is a member" in ch.pop_text(DM)[0]
    await tb.user("/verify @sam_supp0rt")
    assert "NOT" in ch.pop_text(DM)[0]


async def test_language_is_detected_and_remembered(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _rt = bot
    await tb.user("привет")
    assert "Привет" in ch.pop_text(DM)[0]
    await tb.user("/help")
    assert "Задайте вопрос" in ch.pop_text(DM)[0]
    await tb.user("/lang zh")
    assert "中文" in ch.pop_text(DM)[0]


async def test_unreachable_user_is_marked_and_staff_told(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    await tb.user("/human")
    ch.sent.clear()
    ch.unreachable_chats.add(DM)
    await tb.staff("/reply 1 hello?")
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.user_unreachable
    assert any("unreachable" in s.plain for s in ch.pop_staff())


async def test_duplicate_event_is_handled_once(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    from bot.model import IncomingMessage

    _tb, _ch, rt = bot
    msg = IncomingMessage(
        channel="test",
        chat_id=DM,
        chat_kind=ChatKind.PRIVATE,
        user_id="u1",
        display_name="Alice",
        text="/human",
        message_id="42",
        event_id="test:dup-1",
    )
    first = await rt.sink.process(msg)
    second = await rt.sink.process(msg)
    assert first.route == "ticket_opened" and second.route == "duplicate"


async def test_staff_reply_to_notice_without_threads(make_runtime) -> None:  # type: ignore[no-untyped-def]
    rt = await make_runtime()
    ch = MemoryChannel(threads_supported=False)
    rt.outbox.register(ch)
    tb = TestBot(rt.sink, ch)
    await tb.user("/human")
    ch.pop(DM)
    [notice] = ch.pop_staff()
    assert notice.thread_id is None
    out = await tb.staff("We are checking it", reply_to=notice.message_id)
    assert out.route == "staff_reply"
    assert ch.pop_text(DM)[0].startswith("We are checking it")


async def test_take_button_on_notice(bot: tuple[TestBot, MemoryChannel, Runtime]) -> None:
    tb, ch, rt = bot
    await tb.user("/human")
    [notice] = ch.pop_staff()
    assert notice.buttons[0].data == "take:1"
    out = await tb.press("take:1", user_id="s1", name="Sam", chat_id="staff", is_staff=True)
    assert out.route == "staff:take"
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.assignee == "test:s1"


async def test_commands_in_a_ticket_thread_need_no_number(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, rt = bot
    await tb.user("/human")
    [notice] = ch.pop_staff()
    thread = notice.thread_id
    assert (await tb.staff("/take", thread_id=thread)).route == "staff:take"
    assert (await tb.staff("/note checked the txid", thread_id=thread)).route == "staff:note"
    assert (await tb.staff("/close all good", thread_id=thread)).route == "staff:close"
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.status == "closed" and ticket.resolution == "all good"


async def test_one_queue_across_channels(make_runtime) -> None:  # type: ignore[no-untyped-def]
    """A ticket from one channel is answered from another channel's staff chat."""
    rt = await make_runtime(staff={"thread_channels": ["telegram", "discord"]})
    alpha = MemoryChannel(name="telegram")  # the user is here
    beta = MemoryChannel(name="discord")  # staff answer from here
    rt.outbox.register(alpha)
    rt.outbox.register(beta)
    user_side, staff_side = TestBot(rt.sink, alpha), TestBot(rt.sink, beta)
    await user_side.user("/human")
    assert "ticket #1" in alpha.pop_text(DM)[0]
    [a_notice] = alpha.pop_staff()
    [b_notice] = beta.pop_staff()
    assert a_notice.thread_id in alpha.threads and b_notice.thread_id in beta.threads
    await staff_side.staff("/queue")
    assert "telegram" in beta.pop_staff()[0].plain  # the queue shows the user's channel
    out = await staff_side.staff("We are on it", thread_id=b_notice.thread_id)
    assert out.route == "staff_reply"
    assert alpha.pop_text(DM)[0].startswith("We are on it")  # reached the user on alpha
    mirrored = alpha.pop_staff()
    assert mirrored and "replied: We are on it" in mirrored[0].plain
    assert beta.pop_staff() == []  # not echoed back where it was written
    await staff_side.staff("/close", thread_id=b_notice.thread_id)
    assert a_notice.thread_id in alpha.closed_threads
    assert b_notice.thread_id in beta.closed_threads


async def test_human_subject_is_the_last_question_not_the_command(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, _ch, rt = bot
    await tb.user("qwerty zxcvb asdfg lorem ipsum")
    await tb.user("/human")
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.subject == "qwerty zxcvb asdfg lorem ipsum"
    await tb.user("/human", user_id="u2", name="Bob")
    ticket = await rt.store.get_ticket(ticket_id=2)
    assert ticket is not None and ticket.subject == "Talk to a human"
    assert all(m.text != "/human" for m in await rt.store.messages(ticket_id=2))


async def test_thread_creation_failure_falls_back_to_staff_chat(
    make_runtime,  # type: ignore[no-untyped-def]
) -> None:
    from bot.ports import MissingPermission

    class NoTopics(MemoryChannel):
        async def open_staff_thread(self, title: str) -> str | None:
            raise MissingPermission("manage topics")

    rt = await make_runtime()
    ch = NoTopics()
    rt.outbox.register(ch)
    tb = TestBot(rt.sink, ch)
    await tb.user("/human")
    [notice] = ch.pop_staff()
    assert notice.thread_id is None and "Ticket #1" in notice.plain


async def test_urgent_wins_over_a_request_for_a_human(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, _ch, rt = bot
    out = await tb.user("my account was hacked, I need a human now")
    assert out.route == "urgent"
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.priority == "urgent"


async def test_blocked_user_cannot_open_a_ticket_with_the_button(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, _ch, rt = bot
    await tb.user("hello")  # the user exists
    await tb.staff("/block @alice 2h")
    assert (await tb.press("human")).route == "blocked"
    assert await rt.store.queue() == []


async def test_verify_ignores_display_names_and_survives_restart(
    make_runtime,
    sqlite_url: str,  # type: ignore[no-untyped-def]
) -> None:
    rt = await make_runtime(sqlite_url)
    ch = MemoryChannel()
    rt.outbox.register(ch)
    tb = TestBot(rt.sink, ch)
    await tb.staff("/queue")  # Sam (@sam_support) acts as staff
    await tb.user("/verify Sam")
    assert "NOT" in ch.pop_text(DM)[0]  # a display name vouches for nobody
    await rt.close()
    rt2 = await make_runtime(sqlite_url)
    ch2 = MemoryChannel()
    rt2.outbox.register(ch2)
    tb2 = TestBot(rt2.sink, ch2)
    tb2._events = iter(range(500, 900))  # type: ignore[assignment]
    await tb2.user("/verify @sam_support")
    assert "is a member" in ch2.pop_text(DM)[0]


async def test_replies_to_a_group_ticket_go_to_the_private_chat(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    tb, ch, _ = bot
    await tb.user("hello")  # the private chat is known
    ch.sent.clear()
    await tb.user("@bot I need a human", chat_kind=ChatKind.GROUP)
    await tb.staff("/reply 1 Let's continue in private")
    assert ch.pop_text(DM)[-1].startswith("Let's continue in private")
    assert all(not s.startswith("Let's continue") for s in ch.pop_text("group"))


async def test_message_losing_the_open_race_still_reaches_staff(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    import asyncio

    tb, ch, rt = bot
    await tb.user("hi")  # create the user first
    outs = await asyncio.gather(tb.user("/human"), tb.user("my funds were stolen from my account"))
    assert len(await rt.store.queue()) == 1
    staff_text = "\n".join(s.plain for s in ch.pop_staff())
    assert "stolen" in staff_text
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None and ticket.priority == "urgent", [o.route for o in outs]


async def test_twenty_staff_race_on_take_through_the_dispatcher(
    bot: tuple[TestBot, MemoryChannel, Runtime],
) -> None:
    import asyncio

    tb, ch, _ = bot
    await tb.user("/human")
    ch.sent.clear()
    outs = await asyncio.gather(
        *(tb.staff("/take 1", user_id=f"s{i}", name=f"S{i}", username=f"s{i}") for i in range(20))
    )
    replies = [s.plain for s in ch.pop_staff() if s.thread_id is None]
    assert sum("is yours" in r for r in replies) == 1
    assert sum("already taken by S" in r for r in replies) == 19
    assert [o.route for o in outs].count("staff:take") == 1


TX = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
ADDR = "0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe"


async def test_public_refs_are_attached_with_explorer_links(
    make_runtime,  # type: ignore[no-untyped-def]
) -> None:
    rt = await make_runtime(
        guard={"explorers": {"ethereum": {"tx_hash": "https://scan.example/tx/{value}"}}}
    )
    ch = MemoryChannel()
    rt.outbox.register(ch)
    tb = TestBot(rt.sink, ch)
    out = await tb.user(f"I need a human: 250 USDT withdrawal not arrived, txid {TX} to {ADDR}")
    assert out.route == "ticket_opened"
    [card] = ch.pop_staff()
    html = card.text.render_html()
    assert f'href="https://scan.example/tx/{TX}"' in html  # the configured explorer
    assert ADDR in card.plain
    ticket = await rt.store.get_ticket(ticket_id=1)
    assert ticket is not None
    kinds = {r["kind"] for r in ticket.public_refs}
    assert {"tx_hash", "address", "amount"} <= kinds


async def test_blocklisted_link_in_group_is_warned(
    make_runtime,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    blocklist = tmp_path / "scam.txt"
    blocklist.write_text("# lures\nfree-airdrop-claim.example\n")
    rt = await make_runtime(guard={"blocklist": str(blocklist)})
    ch = MemoryChannel()
    rt.outbox.register(ch)
    tb = TestBot(rt.sink, ch)
    out = await tb.user(
        "claim at https://app.free-airdrop-claim.example/now",
        chat_kind=ChatKind.GROUP,
        addressed=False,
        user_id="x1",
    )
    assert out.route == "scam"
    assert "free-airdrop-claim.example" in ch.pop_staff()[0].plain
