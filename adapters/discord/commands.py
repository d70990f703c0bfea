"""The staff slash commands: each one is rebuilt into the text command the core parses.

"/take ticket:42" becomes "/take 42", so slash and text commands ("!take 42") reach
the dispatcher identically and are parsed in one place (`escalation.commands`).
Annotations stay real objects here (no `from __future__ import annotations`):
discord.py reads them to build the command options.
"""

from collections.abc import Awaitable, Callable
from typing import Any, Literal

import discord
from discord import app_commands

Runner = Callable[[discord.Interaction, str], Awaitable[None]]

Ticket = app_commands.Range[int, 1, 999_999_999]
Days = app_commands.Range[int, 1, 3650]
Level = Literal["urgent", "high", "normal", "low"]

COMMAND_NAMES = (
    "queue",
    "take",
    "show",
    "reply",
    "note",
    "priority",
    "release",
    "transfer",
    "escalate",
    "close",
    "reopen",
    "history",
    "block",
    "unblock",
    "stats",
    "faq",
    "unanswered",
    "verify",
    "help",
)


STAFF_PERMISSIONS = discord.Permissions(manage_threads=True)


def _join(*parts: object) -> str:
    return " ".join(str(p).strip() for p in parts if p is not None and str(p).strip())


def staff_commands(run: Runner) -> list[app_commands.Command[Any, Any, Any]]:
    """The command objects; `run(interaction, text)` executes one as text."""

    @app_commands.command(name="queue", description="Open tickets by priority, then waiting time")
    async def queue(interaction: discord.Interaction) -> None:
        await run(interaction, "/queue")

    @app_commands.command(name="take", description="Assign a ticket to yourself")
    @app_commands.describe(ticket="Ticket number")
    async def take(interaction: discord.Interaction, ticket: Ticket) -> None:
        await run(interaction, _join("/take", ticket))

    @app_commands.command(name="show", description="A ticket with its latest messages")
    @app_commands.describe(ticket="Ticket number")
    async def show(interaction: discord.Interaction, ticket: Ticket) -> None:
        await run(interaction, _join("/show", ticket))

    @app_commands.command(
        name="reply", description="Answer the user (or #faq-id for an FAQ answer)"
    )
    @app_commands.describe(ticket="Ticket number", text="What the user will read")
    async def reply(interaction: discord.Interaction, ticket: Ticket, text: str) -> None:
        await run(interaction, _join("/reply", ticket, text))

    @app_commands.command(name="note", description="Internal note, never shown to the user")
    @app_commands.describe(ticket="Ticket number", text="The note")
    async def note(interaction: discord.Interaction, ticket: Ticket, text: str) -> None:
        await run(interaction, _join("/note", ticket, text))

    @app_commands.command(name="priority", description="Set a ticket's priority")
    @app_commands.describe(ticket="Ticket number", level="New priority")
    async def priority(interaction: discord.Interaction, ticket: Ticket, level: Level) -> None:
        await run(interaction, _join("/priority", ticket, level))

    @app_commands.command(name="release", description="Put a ticket back in the queue")
    @app_commands.describe(ticket="Ticket number")
    async def release(interaction: discord.Interaction, ticket: Ticket) -> None:
        await run(interaction, _join("/release", ticket))

    @app_commands.command(name="transfer", description="Hand a ticket to another staff member")
    @app_commands.describe(ticket="Ticket number", staff="discord:id, @username or name")
    async def transfer(interaction: discord.Interaction, ticket: Ticket, staff: str) -> None:
        await run(interaction, _join("/transfer", ticket, staff))

    @app_commands.command(name="escalate", description="Move a ticket to L3")
    @app_commands.describe(ticket="Ticket number")
    async def escalate(interaction: discord.Interaction, ticket: Ticket) -> None:
        await run(interaction, _join("/escalate", ticket))

    @app_commands.command(name="close", description="Close a ticket")
    @app_commands.describe(ticket="Ticket number", resolution="How it was solved (optional)")
    async def close(
        interaction: discord.Interaction, ticket: Ticket, resolution: str | None = None
    ) -> None:
        await run(interaction, _join("/close", ticket, resolution))

    @app_commands.command(name="reopen", description="Reopen a closed ticket")
    @app_commands.describe(ticket="Ticket number")
    async def reopen(interaction: discord.Interaction, ticket: Ticket) -> None:
        await run(interaction, _join("/reopen", ticket))

    @app_commands.command(name="history", description="A user's tickets")
    @app_commands.describe(user="channel:id, @username or name")
    async def history(interaction: discord.Interaction, user: str) -> None:
        await run(interaction, _join("/history", user))

    @app_commands.command(name="block", description="Stop the bot answering a user for a while")
    @app_commands.describe(user="channel:id, @username or name", duration="30m, 12h, 7d (24h)")
    async def block(
        interaction: discord.Interaction, user: str, duration: str | None = None
    ) -> None:
        await run(interaction, _join("/block", user, duration))

    @app_commands.command(name="unblock", description="Lift a block")
    @app_commands.describe(user="channel:id, @username or name")
    async def unblock(interaction: discord.Interaction, user: str) -> None:
        await run(interaction, _join("/unblock", user))

    @app_commands.command(name="stats", description="KPIs of the last days")
    @app_commands.describe(days="How many days (default 7)")
    async def stats(interaction: discord.Interaction, days: Days | None = None) -> None:
        await run(interaction, _join("/stats", days))

    @app_commands.command(name="faq", description="Reload the FAQ base from disk")
    async def faq(interaction: discord.Interaction) -> None:
        await run(interaction, "/faq reload")

    @app_commands.command(name="unanswered", description="Questions the bot could not answer")
    @app_commands.describe(days="How many days (default 7)")
    async def unanswered(interaction: discord.Interaction, days: Days | None = None) -> None:
        await run(interaction, _join("/unanswered", days))

    @app_commands.command(name="verify", description="Is this account on the staff list?")
    @app_commands.describe(name="@username or display name")
    async def verify(interaction: discord.Interaction, name: str) -> None:
        await run(interaction, _join("/verify", name))

    @app_commands.command(name="help", description="The staff commands")
    async def help_(interaction: discord.Interaction) -> None:
        await run(interaction, "/help")

    commands: list[app_commands.Command[Any, Any, Any]] = [
        queue,
        take,
        show,
        reply,
        note,
        priority,
        release,
        transfer,
        escalate,
        close,
        reopen,
        history,
        block,
        unblock,
        stats,
        faq,
        unanswered,
        verify,
        help_,
    ]
    for command in commands:
        # hidden from members without Manage Threads (staff need it to see private ticket
        # threads anyway); server admins can widen this per role in Integrations settings.
        # The core still refuses anyone who is not staff.
        command.default_permissions = STAFF_PERMISSIONS
    return commands
