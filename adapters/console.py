"""The local console channel: play the user and the staff side in one terminal.

A line is a user message; a line starting with `!` is a staff command or reply
from the staff chat (`!take 1`, `!reply 1 hello`); `#N` presses button N of the
last message that had buttons. Works piped: one input line, then its output.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import uuid
from collections.abc import Sequence
from typing import TextIO

from bot.model import Button, ButtonPress, ChatKind, IncomingMessage
from bot.ports import EventSink
from bot.richtext import RichText

USER_CHAT = "console-user"
STAFF_CHAT = "console-staff"


class ConsoleChannel:
    name = "console"

    def __init__(self, out: TextIO, *, user_name: str = "You", staff_name: str = "Staff") -> None:
        self.out = out
        self.user_name = user_name
        self.staff_name = staff_name
        self._ids = itertools.count(1)
        self._buttons: tuple[Button, ...] = ()
        self._threads: dict[str, str] = {}
        self.last_thread: str | None = None

    def _print(self, prefix: str, text: str) -> None:
        lines = text.splitlines() or [""]
        for i, line in enumerate(lines):
            self.out.write((prefix if i == 0 else " " * len(prefix)) + line + "\n")
        self.out.flush()

    async def send(
        self,
        chat_id: str,
        text: RichText,
        *,
        buttons: Sequence[Button] = (),
        reply_to: str | None = None,
        thread_id: str | None = None,
    ) -> str | None:
        prefix = "bot> " if chat_id == USER_CHAT else "[staff] "
        self._print(prefix, text.render_plain())
        if buttons and chat_id == USER_CHAT:
            self._buttons = tuple(buttons)
            labels = "  ".join(f"[#{i}] {b.label}" for i, b in enumerate(buttons, 1))
            self._print(" " * len(prefix), labels)
        return str(next(self._ids))

    async def delete(self, chat_id: str, message_id: str) -> None:
        self._print("bot> ", "(your message was deleted)")

    def has_staff_chat(self) -> bool:
        return True

    async def staff_send(
        self, text: RichText, *, thread_id: str | None = None, buttons: Sequence[Button] = ()
    ) -> str | None:
        where = f"[staff {self._threads.get(thread_id, '')}] " if thread_id else "[staff] "
        self._print(where.replace(" ]", "]"), text.render_plain())
        return str(next(self._ids))

    async def open_staff_thread(self, title: str) -> str | None:
        thread_id = f"thread-{next(self._ids)}"
        self._threads[thread_id] = title.split(" ", 1)[0]
        self._print("[staff] ", f"(new thread: {title})")
        return thread_id

    async def set_staff_thread_state(self, thread_id: str, *, closed: bool) -> None:
        state = "closed" if closed else "reopened"
        self._print("[staff] ", f"(thread {self._threads.get(thread_id, thread_id)} {state})")

    def button(self, index: int) -> Button | None:
        if 1 <= index <= len(self._buttons):
            return self._buttons[index - 1]
        return None


async def run_console(sink: EventSink, channel: ConsoleChannel, inp: TextIO = sys.stdin) -> None:
    """Read lines until EOF; each line is handled completely before the next is read."""
    events = itertools.count(1)
    run = uuid.uuid4().hex[:8]  # event ids are remembered in the database across runs
    loop = asyncio.get_running_loop()
    interactive = inp.isatty()
    while True:
        if interactive:
            channel.out.write("you> ")
            channel.out.flush()
        line = await loop.run_in_executor(None, inp.readline)
        if not line:
            break
        line = line.rstrip("\n")
        n = next(events)
        if line.startswith("#") and line[1:].strip().isdigit():
            b = channel.button(int(line[1:].strip()))
            if b is None:
                channel._print("bot> ", "(no such button)")
                continue
            await sink.on_button(
                ButtonPress(
                    channel="console",
                    chat_id=USER_CHAT,
                    chat_kind=ChatKind.PRIVATE,
                    user_id="user",
                    display_name=channel.user_name,
                    data=b.data,
                )
            )
            continue
        await sink.on_message(_message(channel, line, f"{run}:{n}", staff=line.startswith("!")))


def _message(channel: ConsoleChannel, line: str, n: str, *, staff: bool) -> IncomingMessage:
    """A `!` line comes from the staff chat, anything else from the user's private chat."""
    return IncomingMessage(
        channel="console",
        chat_id=STAFF_CHAT if staff else USER_CHAT,
        chat_kind=ChatKind.STAFF if staff else ChatKind.PRIVATE,
        user_id="staff" if staff else "user",
        display_name=channel.staff_name if staff else channel.user_name,
        username="staff" if staff else "you",
        text=line,
        message_id=f"c{n}",
        event_id=f"console:{n}",
        is_staff=staff,
    )
