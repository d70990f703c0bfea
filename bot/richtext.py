"""Formatted text whose user-supplied parts can never turn into markup.

The dispatcher builds messages from spans; each adapter renders them for its
platform (Telegram HTML, Discord Markdown, plain console), escaping plain
spans. User input therefore reaches staff chats escaped by construction.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import StrEnum


class Style(StrEnum):
    PLAIN = "plain"
    BOLD = "bold"
    ITALIC = "italic"
    CODE = "code"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style = Style.PLAIN
    url: str | None = None


@dataclass(frozen=True, slots=True)
class RichText:
    spans: tuple[Span, ...] = ()

    @classmethod
    def plain(cls, text: str) -> RichText:
        return cls((Span(text),))

    def __add__(self, other: RichText | str) -> RichText:
        if isinstance(other, str):
            other = RichText.plain(other)
        return RichText(self.spans + other.spans)

    def __str__(self) -> str:
        return self.render_plain()

    def render_plain(self) -> str:
        parts: list[str] = []
        for s in self.spans:
            if s.style is Style.LINK and s.url and s.url != s.text:
                parts.append(f"{s.text} ({s.url})")
            else:
                parts.append(s.text)
        return "".join(parts)

    def render_html(self) -> str:
        """Telegram's HTML parse mode: everything escaped, tags only from styles."""
        out: list[str] = []
        for s in self.spans:
            t = html.escape(s.text, quote=False)
            if s.style is Style.BOLD:
                out.append(f"<b>{t}</b>")
            elif s.style is Style.ITALIC:
                out.append(f"<i>{t}</i>")
            elif s.style is Style.CODE:
                out.append(f"<code>{t}</code>")
            elif s.style is Style.LINK and s.url:
                out.append(f'<a href="{html.escape(s.url, quote=True)}">{t}</a>')
            else:
                out.append(t)
        return "".join(out)

    def render_markdown(self) -> str:
        """Discord Markdown with user text escaped (and mentions defused)."""
        out: list[str] = []
        for s in self.spans:
            if s.style is Style.CODE:
                out.append("`" + s.text.replace("`", "ˋ") + "`")
                continue
            t = escape_markdown(s.text)
            if s.style is Style.BOLD:
                out.append(f"**{t}**")
            elif s.style is Style.ITALIC:
                out.append(f"*{t}*")
            elif s.style is Style.LINK and s.url:
                out.append(f"[{t}](<{s.url}>)")
            else:
                out.append(t)
        return "".join(out)


_MD_SPECIAL = re.compile(r"([\\*_`~|>#\[\]()-])")


def escape_markdown(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # defuse @everyone/@here and role/user mentions without altering what staff read
    return text.replace("@", "@\u200b")


class TextBuilder:
    """Small fluent builder so texts read like the message they produce."""

    def __init__(self) -> None:
        self._spans: list[Span] = []

    def text(self, value: str) -> TextBuilder:
        if value:
            self._spans.append(Span(value))
        return self

    def bold(self, value: str) -> TextBuilder:
        self._spans.append(Span(value, Style.BOLD))
        return self

    def italic(self, value: str) -> TextBuilder:
        self._spans.append(Span(value, Style.ITALIC))
        return self

    def code(self, value: str) -> TextBuilder:
        self._spans.append(Span(value, Style.CODE))
        return self

    def link(self, value: str, url: str) -> TextBuilder:
        self._spans.append(Span(value, Style.LINK, url))
        return self

    def line(self, value: str = "") -> TextBuilder:
        return self.text(value + "\n")

    def build(self) -> RichText:
        spans = list(self._spans)
        if spans and spans[-1].style is Style.PLAIN and spans[-1].text.endswith("\n"):
            spans[-1] = Span(spans[-1].text.rstrip("\n"))
        return RichText(tuple(s for s in spans if s.text))
