"""Wiring: config in, a running core out. Dependencies are built here and passed down."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.config import Config
from bot.dispatcher import Dispatcher, utcnow
from bot.engines import AnyGuard
from bot.knowledge import FaqService
from bot.model import ButtonPress, IncomingMessage, Outcome, SendMessage
from bot.outbox import Outbox
from bot.richtext import RichText
from bot.security import ScamChecks
from bot.texts import t
from escalation.staff import StaffDirectory
from guard import SecretGuard
from storage.db import create_engine, upgrade
from storage.store import Store

log = logging.getLogger(__name__)


class SupportApp:
    """The EventSink adapters feed: dispatch, execute, and never let an error escape."""

    def __init__(self, dispatcher: Dispatcher, outbox: Outbox) -> None:
        self.dispatcher = dispatcher
        self.outbox = outbox

    async def on_message(self, msg: IncomingMessage) -> None:
        await self.process(msg)

    async def process(self, msg: IncomingMessage) -> Outcome:
        try:
            outcome = await self.dispatcher.handle(msg)
        except Exception:
            if msg.event_id:
                with contextlib.suppress(Exception):
                    await self.dispatcher.store.unmark_event(event_id=msg.event_id)
            # the traceback is logged, never the message text (it may hold a secret)
            log.exception("failed to handle a message on %s", msg.channel)
            await self._apologise(msg.channel, msg.chat_id, msg.language_hint)
            return Outcome(route="error")
        await self.outbox.run(outcome.actions)
        return outcome

    async def on_button(self, press: ButtonPress) -> None:
        await self.process_button(press)

    async def process_button(self, press: ButtonPress) -> Outcome:
        try:
            outcome = await self.dispatcher.handle_button(press)
        except Exception:
            log.exception("failed to handle a button press on %s", press.channel)
            await self._apologise(press.channel, press.chat_id, press.language_hint)
            return Outcome(route="error")
        await self.outbox.run(outcome.actions)
        return outcome

    async def _apologise(self, channel: str, chat_id: str, hint: str | None) -> None:
        lang = (hint or "en")[:2]
        await self.outbox.run(
            [SendMessage(channel=channel, chat_id=chat_id, text=RichText.plain(t("apology", lang)))]
        )


@dataclass
class Runtime:
    config: Config
    store: Store
    faq: FaqService
    dispatcher: Dispatcher
    outbox: Outbox
    sink: SupportApp

    async def close(self) -> None:
        await self.store.close()


async def build_runtime(
    config: Config,
    *,
    clock: Callable[[], datetime] = utcnow,
    guard: AnyGuard | None = None,
) -> Runtime:
    """Migrate the database, load the FAQ and the guard, and wire the dispatcher."""
    engine = create_engine(config.resolved_database_url())
    await upgrade(engine)
    store = Store(engine)
    try:
        faq = FaqService(
            config.faq_path,
            thresholds=config.faq_thresholds,
            default_language=config.default_language,
        )
        scam = ScamChecks(blocklist_path=config.blocklist_path, explorers=config.explorers)
    except BaseException:
        await store.close()
        raise
    directory = StaffDirectory(configured=frozenset(config.staff_ids))
    for key, value in (await store.states_with_prefix("staff:")).items():
        name, username = json.loads(value)
        directory.remember(key.removeprefix("staff:"), name, username)
    await store.prune_events(before=clock() - timedelta(days=30))
    dispatcher = Dispatcher(
        store=store,
        faq=faq,
        guard=guard or SecretGuard(),
        scam=scam,
        directory=directory,
        default_language=config.default_language,
        team_name=config.team_name,
        show_staff_names=config.show_staff_names,
        clock=clock,
    )
    outbox = Outbox(store=store, staff_channels=config.thread_channels, clock=clock)
    return Runtime(
        config=config,
        store=store,
        faq=faq,
        dispatcher=dispatcher,
        outbox=outbox,
        sink=SupportApp(dispatcher, outbox),
    )
