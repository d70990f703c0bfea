"""RichText to Discord messages: Markdown, at most 2000 characters each.

Splitting happens between spans (or inside an over-long span, at a line break when
there is one), so each piece is rendered whole and no escape or style is cut.
"""

from __future__ import annotations

from bot.richtext import RichText, Span

LIMIT = 2000
EMPTY = "\u200b"  # Discord refuses an empty message


def _cut(text: str, size: int) -> list[str]:
    parts: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", size // 2, size)
        cut = cut + 1 if cut != -1 else size
        parts.append(text[:cut])
        text = text[cut:]
    if text:
        parts.append(text)
    return parts


def split_markdown(text: RichText, limit: int = LIMIT) -> list[str]:
    pieces: list[str] = []
    for span in text.spans:
        rendered = RichText((span,)).render_markdown()
        if len(rendered) <= limit:
            pieces.append(rendered)
            continue
        # escaping at most doubles a character; leave room for the style markers
        for part in _cut(span.text, limit // 2 - 8):
            pieces.append(RichText((Span(part, span.style, span.url),)).render_markdown())
    out: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) > limit:
            out.append(current)
            current = ""
        current += piece
    if current.strip():
        out.append(current)
    return out or [EMPTY]
