"""The Discord adapter against the fake Discord through the real discord.py library."""

from __future__ import annotations

import asyncio
import logging

import pytest

from adapters.discord.adapter import DiscordAdapter, last_seen_key
from bot.config import ConfigError
from bot.model import Button, ChatKind
from bot.ports import CannotDeleteHere, DeliveryError, MissingPermission, UserUnreachable
from bot.richtext import RichText, TextBuilder
from tests.discord.conftest import (
    AGENT,
    ALICE,
    BOB,
    BOT_ID,
    GUILD,
    LOUNGE,
    SAM,
    STAFF_CHANNEL,
    SUPPORT_CHANNEL,
    TOKEN,
    AdapterFactory,
    MemoryState,
    RecordingSink,
)
from tests.discord.fake_discord import PRIVATE_THREAD, FakeDiscord

SEND = "POST /channels/{channel_id}/messages"


async def started(
    make_adapter: AdapterFactory, sink: RecordingSink, **kw: object
) -> DiscordAdapter:
    adapter = make_adapter(sink, **kw)
    await adapter.start()
    return adapter


# ---- receiving ------------------------------------------------------------------------


async def test_dm_is_private_with_stable_event_id_and_last_seen(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    sink, state = RecordingSink(), MemoryState()
    await started(make_adapter, sink, state=state)
    dm = fake.dm_channel(ALICE)
    sent = fake.inject_message(dm, ALICE, "hello <@4242>")
    await sink.wait_for(1)
    msg = sink.messages[0]
    assert msg.chat_kind is ChatKind.PRIVATE
    assert (msg.chat_id, msg.user_id, msg.message_id) == (str(dm), str(ALICE), sent["id"])
    assert msg.text == "hello @SupportBot"
    assert msg.event_id == f"discord:{sent['id']}:"
    assert msg.display_name == "Alice" and msg.username == "alice"
    assert state.values[last_seen_key(dm)] == sent["id"]


async def test_guild_messages_all_reach_the_sink_with_addressing(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    fake.inject_message(SUPPORT_CHANNEL, ALICE, "how do I stake?")
    fake.inject_message(LOUNGE, BOB, "nice weather")
    fake.inject_message(LOUNGE, BOB, "<@4242> are you there?")
    await sink.wait_for(3)
    bot_msg = await adapter.send(str(LOUNGE), RichText.plain("I am."))
    fake.inject_message(LOUNGE, BOB, "thanks", reply_to=int(bot_msg or 0))
    fake.inject_message(LOUNGE, BOB, "!verify Agent")
    await sink.wait_for(5)
    support, chatter, mention, reply, command = sink.messages
    assert all(m.chat_kind is ChatKind.GROUP for m in sink.messages)
    assert support.addressed and support.chat_id == str(SUPPORT_CHANNEL)
    assert not chatter.addressed
    assert mention.addressed and mention.text == "@SupportBot are you there?"
    assert reply.addressed and reply.reply_to == bot_msg
    assert command.addressed and command.text == "!verify Agent"
    assert len(sink.messages) == 5  # the bot's own message was not delivered


async def test_staff_channel_threads_and_who_is_staff(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    thread = await adapter.open_staff_thread("#7 · @alice · deposit")
    assert thread is not None
    fake.inject_message(STAFF_CHANNEL, AGENT, "!queue")
    fake.inject_message(int(thread), SAM, "on it")
    fake.inject_message(STAFF_CHANNEL, BOB, "let me in")
    await sink.wait_for(3)
    by_role, by_id, outsider = sink.messages
    assert by_role.chat_kind is ChatKind.STAFF and by_role.is_staff and by_role.thread_id is None
    assert by_id.is_staff and by_id.thread_id == thread and by_id.chat_id == str(STAFF_CHANNEL)
    assert outsider.chat_kind is ChatKind.STAFF and not outsider.is_staff


async def test_thread_unknown_to_the_cache_is_looked_up(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    """A thread created while the bot was away arrives as a bare channel id: ask Discord."""
    sink = RecordingSink()
    await started(make_adapter, sink)
    tid = int(fake.add_thread(STAFF_CHANNEL, "old ticket", dispatch=False)["id"])
    fake.inject_message(tid, AGENT, "reply in an old thread")
    await sink.wait_for(1)
    assert sink.messages[0].thread_id == str(tid)
    assert sink.messages[0].chat_kind is ChatKind.STAFF
    assert fake.calls("GET /channels/{channel_id}")


async def test_edit_is_a_new_event(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    sink = RecordingSink()
    await started(make_adapter, sink)
    msg = fake.inject_message(SUPPORT_CHANNEL, ALICE, "hi")
    await sink.wait_for(1)
    fake.edit_message(SUPPORT_CHANNEL, int(msg["id"]), "hi, my deposit is missing")
    await sink.wait_for(2)
    first, edit = sink.messages
    assert edit.edited and edit.text == "hi, my deposit is missing"
    assert edit.message_id == first.message_id and edit.event_id != first.event_id


async def test_button_press_is_acknowledged_and_forwarded(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    dm = fake.dm_channel(ALICE)
    mid = await adapter.send(
        str(dm), RichText.plain("Did this help?"), buttons=[Button("Yes", "fb:y:3")]
    )
    body = fake.calls(SEND)[-1].body
    assert body["components"][0]["components"][0]["custom_id"] == "fb:y:3"
    it = fake.inject_component_click(int(mid or 0), ALICE, "fb:y:3")
    await sink.wait_for(1)
    press = sink.presses[0]
    assert (press.data, press.chat_id, press.user_id) == ("fb:y:3", str(dm), str(ALICE))
    assert press.chat_kind is ChatKind.PRIVATE and press.message_id == mid
    assert it.callbacks == [{"type": 6}]


# ---- sending ------------------------------------------------------------------------------


async def test_send_escapes_defuses_mentions_and_splits(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    text = TextBuilder().bold("Ticket #1").text(" from @everyone *x* <@123>\n").build()
    await adapter.send(str(SUPPORT_CHANNEL), text, reply_to="999")
    call = fake.calls(SEND)[-1]
    assert call.body["allowed_mentions"] == {"parse": []}
    assert call.body["content"].startswith("**Ticket \\#1**")
    assert "@everyone" not in call.body["content"] and "\\*x\\*" in call.body["content"]
    assert call.body["message_reference"]["fail_if_not_exists"] is False
    long = RichText.plain(("line of text\n" * 400).strip())
    before = len(fake.calls(SEND))
    await adapter.send(str(SUPPORT_CHANNEL), long, buttons=[Button("OK", "ok")])
    parts = fake.calls(SEND)[before:]
    assert len(parts) == 3 and all(len(p.body["content"]) <= 2000 for p in parts)
    assert "".join(p.body["content"] for p in parts) == long.render_markdown()
    assert [bool(p.body.get("components")) for p in parts] == [False, False, True]


async def test_platform_errors_become_typed_errors(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    dm = fake.dm_channel(BOB)
    fake.dm_closed.add(BOB)
    with pytest.raises(UserUnreachable):
        await adapter.send(str(dm), RichText.plain("hello"))
    fake.fail_next(SEND, 403, 50013, "Missing Permissions")
    with pytest.raises(MissingPermission) as perm:
        await adapter.send(str(SUPPORT_CHANNEL), RichText.plain("hello"))
    assert perm.value.right == "Send Messages" and perm.value.chat_id == str(SUPPORT_CHANNEL)
    fake.fail_next(SEND, 400, 50035, f"Invalid Form Body {TOKEN}")
    with pytest.raises(DeliveryError) as other:
        await adapter.send(str(SUPPORT_CHANNEL), RichText.plain("secret words here"))
    assert str(other.value) == "Discord refused to send a message (HTTP 400, code 50035)"
    fake.fail_next(SEND, 429, retry_after=0.05)
    assert await adapter.send(str(SUPPORT_CHANNEL), RichText.plain("after a 429"))
    assert fake.texts_in(SUPPORT_CHANNEL)[-1] == "after a 429"


async def test_delete_maps_permissions_and_never_calls_discord_for_dms(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    msg = fake.inject_message(SUPPORT_CHANNEL, ALICE, "to delete")
    dm = fake.dm_channel(ALICE)
    dm_msg = fake.inject_message(dm, ALICE, "in a DM")
    await sink.wait_for(2)
    await adapter.delete(str(SUPPORT_CHANNEL), msg["id"])
    assert fake.find_message(int(msg["id"])) is None
    await adapter.delete(str(SUPPORT_CHANNEL), msg["id"])  # already gone: fine
    other = fake.inject_message(SUPPORT_CHANNEL, ALICE, "again")
    fake.fail_next("DELETE /channels/{channel_id}/messages/{message_id}", 403, 50013, "Missing")
    with pytest.raises(MissingPermission) as e:
        await adapter.delete(str(SUPPORT_CHANNEL), other["id"])
    assert e.value.right == "Manage Messages"
    before = len(fake.calls())
    with pytest.raises(CannotDeleteHere):  # not a right anyone can grant
        await adapter.delete(str(dm), dm_msg["id"])
    assert len(fake.calls()) == before


async def test_delete_of_a_message_in_a_staff_thread_targets_the_thread(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    """The core names the staff channel as chat; the message really lives in a thread."""
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    thread = await adapter.open_staff_thread("#1 · t")
    assert thread is not None
    msg = fake.inject_message(int(thread), AGENT, "oops")
    await sink.wait_for(1)
    await adapter.delete(sink.messages[0].chat_id, msg["id"])
    assert (
        fake.calls("DELETE /channels/{channel_id}/messages/{message_id}")[-1].params["channel_id"]
        == thread
    )


async def test_staff_threads_open_post_close_reopen(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    assert adapter.has_staff_chat()
    tid = await adapter.open_staff_thread("#42 · @alice · my   deposit\nis missing " + "x" * 200)
    assert tid is not None
    thread = fake.channels[int(tid)]
    assert thread["type"] == PRIVATE_THREAD and thread["parent_id"] == str(STAFF_CHANNEL)
    assert (
        thread["name"].startswith("#42 · @alice · my deposit is missing")
        and len(thread["name"]) == 100
    )
    assert fake.calls("POST /channels/{channel_id}/threads")[-1].body["invitable"] is False
    await adapter.staff_send(RichText.plain("card"), thread_id=tid)
    await adapter.staff_send(RichText.plain("in the channel"))
    assert fake.texts_in(int(tid)) == ["card"]
    assert fake.texts_in(STAFF_CHANNEL) == ["in the channel"]
    await adapter.set_staff_thread_state(tid, closed=True)
    assert thread["thread_metadata"]["archived"] and thread["thread_metadata"]["locked"]
    # a closing confirmation after the archive still lands, and the thread stays closed
    await adapter.send(str(STAFF_CHANNEL), RichText.plain("closed."), thread_id=tid)
    assert fake.texts_in(int(tid))[-1] == "closed."
    assert thread["thread_metadata"]["archived"] and thread["thread_metadata"]["locked"]
    await adapter.set_staff_thread_state(tid, closed=False)
    assert not thread["thread_metadata"]["archived"] and not thread["thread_metadata"]["locked"]


async def test_thread_creation_failure_falls_back_to_the_channel_and_says_so_once(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    adapter = await started(make_adapter, RecordingSink())
    for _ in range(2):
        fake.fail_next("POST /channels/{channel_id}/threads", 403, 50013, "Missing Permissions")
        assert await adapter.open_staff_thread("#1 · x") is None
    notes = fake.texts_in(STAFF_CHANNEL)
    assert len(notes) == 1 and "`Create Private Threads`" in notes[0]


# ---- slash commands ---------------------------------------------------------------------


async def test_slash_commands_are_synced_and_run_as_text(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    names = {c["name"] for c in fake.commands[GUILD]}
    assert names >= {"queue", "take", "reply", "note", "priority", "close", "block", "help"}
    take = next(c for c in fake.commands[GUILD] if c["name"] == "take")
    assert take["options"][0]["type"] == 4  # an integer option
    # hidden from ordinary members of the guild: Manage Threads (1 << 34) by default
    assert all(int(c["default_member_permissions"] or 0) == 1 << 34 for c in fake.commands[GUILD])
    it = fake.inject_interaction(
        STAFF_CHANNEL, AGENT, "reply", {"ticket": 12, "text": "Hello there"}
    )
    await sink.wait_for(1)
    msg = sink.messages[0]
    assert msg.text == "/reply 12 Hello there" and msg.chat_kind is ChatKind.STAFF
    assert msg.is_staff and msg.event_id == f"discord:interaction:{it.id}"
    assert it.callbacks[0]["type"] == 5  # deferred: "thinking…"
    await fake.wait_until(lambda: it.replies == ["✅"])
    # an answer to the interaction replaces the placeholder, a second one is a followup
    it2 = fake.inject_interaction(STAFF_CHANNEL, AGENT, "queue")
    sink.delay = 0.2
    await fake.wait_until(lambda: it2.callbacks)
    await asyncio.sleep(0.05)
    pid = f"i{it2.id}"
    assert pid in adapter._pending
    await adapter.send(str(STAFF_CHANNEL), RichText.plain("Queue: empty"), reply_to=pid)
    await adapter.send(str(STAFF_CHANNEL), RichText.plain("more"), reply_to=pid)
    await sink.wait_for(2)
    await asyncio.sleep(0.05)
    assert it2.replies == ["Queue: empty", "more"]


async def test_slash_option_variants(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    sink = RecordingSink()
    await started(make_adapter, sink)
    fake.inject_interaction(STAFF_CHANNEL, AGENT, "close", {"ticket": 3})
    fake.inject_interaction(STAFF_CHANNEL, AGENT, "priority", {"ticket": 3, "level": "urgent"})
    fake.inject_interaction(STAFF_CHANNEL, AGENT, "faq")
    fake.inject_interaction(STAFF_CHANNEL, AGENT, "block", {"user": "@bob", "duration": "7d"})
    await sink.wait_for(4)
    assert sorted(m.text for m in sink.messages) == sorted(
        ["/close 3", "/priority 3 urgent", "/faq reload", "/block @bob 7d"]
    )


# ---- reconnects and catching up ---------------------------------------------------------


async def test_resume_after_a_dropped_connection_loses_nothing_and_repeats_nothing(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    await started(make_adapter, sink)
    dm = fake.dm_channel(ALICE)
    fake.inject_message(dm, ALICE, "one")
    await sink.wait_for(1)
    fake.replay_overlap = 3  # the resumed session also redelivers events already handled
    await fake.drop_connections()
    fake.inject_message(dm, ALICE, "two")  # written while the bot is disconnected
    fake.inject_message(dm, ALICE, "three")
    await sink.wait_for(3, within=15)
    await fake.wait_until(lambda: fake.resume_count == 1, timeout=15)
    await asyncio.sleep(0.2)
    assert [m.text for m in sink.messages] == ["one", "two", "three"]
    assert fake.identify_count == 1


async def test_reconnect_opcode_resumes(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    sink = RecordingSink()
    await started(make_adapter, sink)
    await fake.reconnect_request()
    await fake.wait_until(lambda: fake.resume_count == 1, timeout=10)
    fake.inject_message(SUPPORT_CHANNEL, ALICE, "after the reconnect")
    await sink.wait_for(1)
    assert sink.messages[0].text == "after the reconnect"


async def test_dms_written_while_down_are_fetched_on_start(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    state = MemoryState()
    dm = fake.dm_channel(ALICE)
    seen = fake.inject_message(dm, ALICE, "already handled", dispatch=False)
    state.values[last_seen_key(dm)] = seen["id"]
    state.open_chats = [(str(dm), str(ALICE)), ("not-a-number", "1")]
    fake.inject_message(dm, ALICE, "while down 1", dispatch=False)
    fake._message_obj(dm, BOT_ID, "a bot message in between")
    last = fake.inject_message(dm, ALICE, "while down 2", dispatch=False)
    sink = RecordingSink()
    await started(make_adapter, sink, state=state)
    assert [m.text for m in sink.messages] == ["while down 1", "while down 2"]
    assert state.values[last_seen_key(dm)] == last["id"]
    get = fake.calls("GET /channels/{channel_id}/messages")[-1]
    assert get.query["after"] == seen["id"]


async def test_a_fresh_session_catches_up_again(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    """When a resume is refused, events in the gap are gone: read the open DMs again."""
    state = MemoryState()
    dm = fake.dm_channel(ALICE)
    state.open_chats = [(str(dm), str(ALICE))]
    sink = RecordingSink()
    await started(make_adapter, sink, state=state)
    fake.inject_message(dm, ALICE, "before")
    await sink.wait_for(1)
    fake.invalidate_resumes = True
    await fake.drop_connections()
    fake.sessions.clear()  # the gap's events are lost with the session
    fake.inject_message(dm, ALICE, "in the gap", dispatch=False)
    await fake.wait_until(lambda: fake.identify_count == 2, timeout=20)
    await sink.wait_for(2, within=10)
    assert [m.text for m in sink.messages] == ["before", "in the gap"]


# ---- start-up and secrets --------------------------------------------------------------------


async def test_bad_token_is_a_config_error_without_the_token(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    adapter = make_adapter(RecordingSink(), token="wrong-token-value")
    with pytest.raises(ConfigError) as e:
        await adapter.start()
    assert "wrong-token-value" not in str(e.value) and "DISCORD_BOT_TOKEN" in str(e.value)


async def test_no_token_or_user_text_in_logs(
    fake: FakeDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sink = RecordingSink()
    adapter = await started(make_adapter, sink)
    fake.inject_message(SUPPORT_CHANNEL, ALICE, "my private words zebra-kettle")
    await sink.wait_for(1)
    await adapter.send(str(SUPPORT_CHANNEL), RichText.plain("reply with zebra-kettle"))
    logging.getLogger("discord.client").warning("token is %s", TOKEN)
    await fake.reconnect_request()
    await fake.wait_until(lambda: fake.resume_count == 1, timeout=10)
    text = caplog.text
    assert TOKEN not in text and "zebra-kettle" not in text
    assert "token is <redacted>" in text
    assert all(
        c.authorized for c in fake.calls() if not c.path.startswith(("/interactions", "/webhooks"))
    )
    assert TOKEN not in fake.all_traffic()


async def test_a_secret_typed_into_a_slash_command_removes_the_visible_response(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    sink = RecordingSink()
    sink.delay = 0.3  # keep the command pending while the core "decides"
    adapter = await started(make_adapter, sink)
    it = fake.inject_interaction(STAFF_CHANNEL, AGENT, "note", {"ticket": 1, "text": "x"})
    await fake.wait_until(lambda: it.callbacks)
    await asyncio.sleep(0.05)
    before = len(fake.calls("DELETE /channels/{channel_id}/messages/{message_id}"))
    await adapter.delete(str(STAFF_CHANNEL), f"i{it.id}")
    assert it.original_deleted
    assert len(fake.calls("DELETE /channels/{channel_id}/messages/{message_id}")) == before
    await sink.wait_for(1)
    await asyncio.sleep(0.05)
    assert it.replies == []  # no "✅" written over the removed response
