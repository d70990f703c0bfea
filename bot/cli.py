"""`supportbot`: the demo, the bot, the queue, migrations and the FAQ/guard tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from bot.config import Config, ConfigError, load_config, parse_config
from bot.logsetup import setup_logging
from bot.ports import ChannelPort

if TYPE_CHECKING:
    from bot.app import Runtime

log = logging.getLogger("supportbot")


def build_parser() -> argparse.ArgumentParser:
    from faq import cli as faq_cli
    from guard import cli as guard_cli

    p = argparse.ArgumentParser(
        prog="supportbot", description="Support bot for crypto projects (Telegram, Discord)."
    )
    sub = p.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="play user and staff in the terminal (no tokens needed)")
    demo.add_argument(
        "--data-dir", type=Path, default=Path("data"), help="where the SQLite file goes"
    )
    demo.add_argument("--config", type=Path, help="optional config file (channels are ignored)")

    run = sub.add_parser("run", help="start the channels the config enables")
    run.add_argument("--config", type=Path, required=True)

    queue = sub.add_parser("queue", help="print the open tickets from the database")
    queue.add_argument("--config", type=Path)
    queue.add_argument("--data-dir", type=Path, default=Path("data"))

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="apply migrations (also done on every start)")
    up.add_argument("--config", type=Path)
    up.add_argument("--data-dir", type=Path, default=Path("data"))

    scan = sub.add_parser("scan", help="find seed phrases / private keys in messages")
    guard_cli.configure_parser(scan)

    faq = sub.add_parser("faq", help="FAQ authoring tools")
    faq_sub = faq.add_subparsers(dest="faq_command", required=True)
    faq_cli.configure_check_parser(faq_sub.add_parser("check", help="validate an FAQ directory"))
    faq_cli.configure_match_parser(faq_sub.add_parser("match", help="show how a question matches"))
    return p


def _config(path: Path | None, data_dir: Path | None) -> Config:
    if path is not None:
        return load_config(path)
    raw: dict[str, object] = {}
    if data_dir is not None:
        raw = {"bot": {"data_dir": str(data_dir)}}
    return parse_config(raw, base_dir=Path.cwd())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from faq.base import FaqLoadError
    from storage.db import StorageError

    try:
        return _dispatch(args)
    except (ConfigError, StorageError, FaqLoadError) as e:
        print(f"supportbot: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        # unreadable files, unreachable database server: one line, no traceback
        print(f"supportbot: {e.strerror or type(e).__name__}: {e.filename or ''}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "scan":
        from guard import cli as guard_cli

        return guard_cli.run(args, sys.stdin, sys.stdout)
    if args.command == "faq":
        from faq import cli as faq_cli

        if args.faq_command == "check":
            return faq_cli.run_check(args, sys.stdout)
        return faq_cli.run_match(args, sys.stdin, sys.stdout)
    if args.command == "demo":
        config = _config(args.config, args.data_dir if args.config is None else None)
        setup_logging("WARNING")
        return asyncio.run(_demo(config))
    if args.command == "run":
        config = load_config(args.config)
        return asyncio.run(_run(config))
    if args.command == "queue":
        config = _config(args.config, args.data_dir)
        return asyncio.run(_print_queue(config))
    if args.command == "db":
        config = _config(args.config, args.data_dir)
        from storage.db import upgrade_blocking

        upgrade_blocking(config.resolved_database_url())
        print("database is up to date")
        return 0
    return 2  # pragma: no cover - argparse enforces the choices


async def _demo(config: Config) -> int:
    from adapters.console import ConsoleChannel, run_console
    from bot.app import build_runtime

    rt = await build_runtime(config)
    try:
        console = ConsoleChannel(sys.stdout)
        rt.outbox.register(console)
        if sys.stdin.isatty():
            print(
                "supportbot demo — type as a user; start a line with ! for staff commands "
                "(!queue, !take 1, !reply 1 text, !close 1); #N presses a button; Ctrl-D quits."
            )
        await run_console(rt.sink, console)
    finally:
        await rt.close()
    return 0


async def _print_queue(config: Config) -> int:
    from datetime import UTC, datetime

    from escalation.format import format_duration, user_label
    from storage.db import create_engine, upgrade
    from storage.store import Store

    engine = create_engine(config.resolved_database_url())
    await upgrade(engine)
    store = Store(engine)
    try:
        rows = await store.queue(limit=200)
        now = datetime.now(UTC)
        if not rows:
            print("The queue is empty.")
        for t, u in rows:
            wait = format_duration(now - t.opened_at)
            cols = [f"#{t.id}", t.priority, t.status, t.level, t.channel, user_label(u)]
            cols += [f"waiting {wait}", t.assignee_name or "-", t.subject]
            print("\t".join(cols), flush=True)
    finally:
        await store.close()
    return 0


class PlatformAdapter(ChannelPort, Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def _platform_adapters(config: Config, rt: Runtime) -> list[PlatformAdapter]:
    """The enabled channels, built with the runtime's sink and store; imported only if on."""
    adapters: list[PlatformAdapter] = []
    if config.telegram.enabled:
        from adapters.telegram import TelegramAdapter

        adapters.append(
            TelegramAdapter(
                config.telegram,
                token=config.token(config.telegram.token_env),
                sink=rt.sink,
                state=rt.store,
                staff_ids=config.staff_ids,
            )
        )
    if config.discord.enabled:
        from adapters.discord import DiscordAdapter

        adapters.append(
            DiscordAdapter(
                config.discord,
                token=config.token(config.discord.token_env),
                sink=rt.sink,
                state=rt.store,
                staff_ids=config.staff_ids,
            )
        )
    return adapters


async def _run(config: Config) -> int:
    import os

    from bot.app import build_runtime

    # python-telegram-bot 22: use timedelta-valued retry_after without a deprecation warning
    os.environ.setdefault("PTB_TIMEDELTA", "1")

    secrets: list[str] = []
    for enabled, env in (
        (config.telegram.enabled, config.telegram.token_env),
        (config.discord.enabled, config.discord.token_env),
    ):
        if enabled:
            secrets.append(config.token(env))
    setup_logging("INFO", secrets)
    rt = await build_runtime(config)
    started: list[PlatformAdapter] = []
    try:
        for adapter in _platform_adapters(config, rt):
            rt.outbox.register(adapter)
            await adapter.start()
            started.append(adapter)
        if config.console_enabled and not started:
            from adapters.console import ConsoleChannel, run_console

            console = ConsoleChannel(sys.stdout)
            rt.outbox.register(console)
            await run_console(rt.sink, console)
        else:
            log.info("supportbot running: %s", ", ".join(type(a).__name__ for a in started))
            await asyncio.Event().wait()
    finally:
        for adapter in reversed(started):
            try:
                await adapter.stop()
            except Exception:
                log.exception("stopping %s failed", type(adapter).__name__)
        await rt.close()
    return 0
