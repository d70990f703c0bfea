"""Translation rules on real PTB objects built from Bot API JSON (no network)."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from adapters.telegram.translate import BotIdentity, translate_callback, translate_message
from bot.model import Attachment, ChatKind
from tests.telegram.conftest import ALICE, BOB, GROUP, STAFF_CHAT, TOKEN
from tests.telegram.fake_bot_api import FakeBotApi, user

IDENT = BotIdentity(bot_id=7123456789, username="SupportTestBot", staff_chat_id=STAFF_CHAT)


@pytest.fixture
def world() -> FakeBotApi:
    w = FakeBotApi(TOKEN)  # used only to build update JSON; never started
    w.add_group(STAFF_CHAT, "Staff", forum=True)
    w.add_group(GROUP, "Community")
    return w


def tr(update: dict[str, Any]) -> Any:
    u = Update.de_json(update, None)
    message = u.message or u.edited_message
    assert message is not None
    return translate_message(
        message, update_id=u.update_id, edited=u.edited_message is not None, ident=IDENT
    )


def test_private_message_carries_identity_and_event_id(world: FakeBotApi) -> None:
    msg = tr(world.inject_message(ALICE, ALICE, "How do I deposit?"))
    assert msg.chat_kind is ChatKind.PRIVATE
    assert (msg.chat_id, msg.user_id, msg.message_id) == ("501", "501", "1")
    assert msg.display_name == "Alice Liddell"
    assert msg.username == "alice" and msg.language_hint == "en"
    assert msg.event_id == "telegram:1" and msg.addressed and not msg.edited
    assert msg.text == "How do I deposit?" and msg.thread_id is None


def test_group_chatter_is_delivered_but_not_addressed(world: FakeBotApi) -> None:
    msg = tr(world.inject_message(GROUP, BOB, "anyone else lost funds?"))
    assert msg.chat_kind is ChatKind.GROUP and not msg.addressed


def test_group_mention_addresses_the_bot_and_is_stripped(world: FakeBotApi) -> None:
    msg = tr(world.inject_message(GROUP, BOB, "🙂 @SupportTestBot where is my deposit"))
    assert msg.addressed
    assert msg.text == "🙂 where is my deposit"


def test_mention_of_someone_else_does_not_address(world: FakeBotApi) -> None:
    msg = tr(world.inject_message(GROUP, BOB, "@SupportTestBotFan hi"))
    assert not msg.addressed and msg.text == "@SupportTestBotFan hi"


def test_command_with_bot_suffix_is_normalised(world: FakeBotApi) -> None:
    msg = tr(world.inject_message(GROUP, BOB, "/human@SupportTestBot please help"))
    assert msg.addressed and msg.text == "/human please help"
    staff = tr(world.inject_message(STAFF_CHAT, BOB, "/take@supporttestbot 42"))
    assert staff.chat_kind is ChatKind.STAFF and staff.text == "/take 42"


def test_command_for_another_bot(world: FakeBotApi) -> None:
    msg = tr(world.inject_message(GROUP, BOB, "/warn@RoseBot spammer"))
    assert not msg.addressed and msg.text == "/warn@RoseBot spammer"
    assert tr(world.inject_message(STAFF_CHAT, BOB, "/close@OtherBot 3")) is None


def test_reply_to_the_bot_addresses_it(world: FakeBotApi) -> None:
    chat = world.chats[GROUP]
    bot_msg = world._bot_message(chat, {}, {"text": "hello"})
    msg = tr(world.inject_message(GROUP, BOB, "thanks, but", reply_to=bot_msg["message_id"]))
    assert msg.addressed and msg.reply_to == str(bot_msg["message_id"])
    other = tr(world.inject_message(GROUP, ALICE, "me too", reply_to=int(msg.message_id)))
    assert other.reply_to == msg.message_id and not other.addressed


def test_topic_messages_have_thread_id_and_no_implicit_reply(world: FakeBotApi) -> None:
    topic = world._m_createForumTopic({"chat_id": STAFF_CHAT, "name": "#1 Alice"})
    tid = topic["message_thread_id"]
    msg = tr(world.inject_message(STAFF_CHAT, BOB, "we are on it", thread_id=tid))
    assert msg.thread_id == str(tid) and msg.reply_to is None
    reply = tr(world.inject_message(STAFF_CHAT, BOB, "see above", thread_id=tid, reply_to=tid + 1))
    assert reply.reply_to == str(tid + 1) and reply.thread_id == str(tid)


def test_edited_message(world: FakeBotApi) -> None:
    first = world.inject_message(ALICE, ALICE, "hello")
    msg = tr(world.inject_edited(ALICE, first["message"]["message_id"], "hello again"))
    assert msg.edited and msg.text == "hello again" and msg.event_id == "telegram:2"


@pytest.mark.parametrize(
    ("media", "kind"),
    [
        (
            {"photo": [{"file_id": "p", "file_unique_id": "pu", "width": 9, "height": 9}]},
            Attachment.PHOTO,
        ),
        ({"document": {"file_id": "d", "file_unique_id": "du"}}, Attachment.DOCUMENT),
        ({"voice": {"file_id": "v", "file_unique_id": "vu", "duration": 2}}, Attachment.VOICE),
        (
            {
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "su",
                    "type": "regular",
                    "width": 5,
                    "height": 5,
                    "is_animated": False,
                    "is_video": False,
                }
            },
            Attachment.STICKER,
        ),
        ({"location": {"latitude": 1.0, "longitude": 2.0}}, Attachment.OTHER),
    ],
)
def test_media_with_and_without_caption(world: FakeBotApi, media: dict, kind: Attachment) -> None:
    bare = tr(world.inject_message(ALICE, ALICE, media=media))
    assert bare.attachment is kind and bare.text == ""
    captioned = tr(world.inject_message(ALICE, ALICE, caption="my screenshot", media=media))
    assert captioned.attachment is kind and captioned.text == "my screenshot"


def test_caption_command_is_normalised(world: FakeBotApi) -> None:
    media = {"photo": [{"file_id": "p", "file_unique_id": "pu", "width": 9, "height": 9}]}
    msg = tr(world.inject_message(GROUP, BOB, caption="/human@SupportTestBot look", media=media))
    assert msg.addressed and msg.text == "/human look" and msg.attachment is Attachment.PHOTO


def test_service_messages_and_own_messages_are_skipped(world: FakeBotApi) -> None:
    joined = world.inject_message(GROUP, BOB, media={"new_chat_members": [BOB]})
    assert tr(joined) is None
    assert tr(world.inject_message(GROUP, world.bot_user, "my own")) is None


def test_other_bots_never_act_in_the_staff_chat(world: FakeBotApi) -> None:
    other_bot = user(42424, "Helper", username="helper_bot", is_bot=True)
    assert tr(world.inject_message(STAFF_CHAT, other_bot, "/close 3")) is None
    in_group = tr(world.inject_message(GROUP, other_bot, "free airdrop"))
    assert in_group is not None and in_group.user_id == "42424"


def test_anonymous_admin_and_channel_posts(world: FakeBotApi) -> None:
    staff_chat = world.chats[STAFF_CHAT].as_json()
    anon = user(1087968824, "Group", username="GroupAnonymousBot", is_bot=True)
    msg = tr(world.inject_message(STAFF_CHAT, anon, "/queue", sender_chat=staff_chat))
    assert msg is not None and msg.user_id == str(STAFF_CHAT) and msg.text == "/queue"


def test_callback_translation(world: FakeBotApi) -> None:
    chat = world.chats[ALICE["id"]] if ALICE["id"] in world.chats else world.add_private_chat(ALICE)
    sent = world._bot_message(chat, {}, {"text": "Was this helpful?"})
    u = Update.de_json(world.inject_callback(ALICE, ALICE, sent["message_id"], "fb:y:3"), None)
    assert u.callback_query is not None
    press = translate_callback(u.callback_query, IDENT)
    assert press is not None
    assert (press.chat_id, press.user_id, press.data) == ("501", "501", "fb:y:3")
    assert press.chat_kind is ChatKind.PRIVATE and press.message_id == str(sent["message_id"])
    assert press.language_hint == "en" and not press.is_staff
