"""Render RichText as Telegram HTML in pieces that each fit one message.

Splitting happens between spans (and inside an over-long span, preferably at a
newline), never inside a tag or an HTML entity, so every piece is valid HTML.
"""

from __future__ import annotations

from bot.richtext import RichText, Span

MESSAGE_LIMIT = 4096


def _rendered_len(span: Span) -> int:
    return len(RichText((span,)).render_html())


def _split_span(span: Span, limit: int) -> list[Span]:
    """Cut one span's text so each piece renders within `limit`, preferring newlines."""
    pieces: list[Span] = []
    text = span.text
    while text:
        lo, hi = 1, len(text)  # largest prefix whose rendering fits (monotonic in length)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if _rendered_len(Span(text[:mid], span.style, span.url)) <= limit:
                lo = mid
            else:
                hi = mid - 1
        cut = lo
        if cut < len(text):
            newline = text.rfind("\n", 0, cut)
            if newline >= cut // 2:
                cut = newline + 1
        pieces.append(Span(text[:cut], span.style, span.url))
        text = text[cut:]
    return pieces


def split_html(text: RichText, limit: int = MESSAGE_LIMIT) -> list[str]:
    """HTML pieces in order; empty list when there is nothing visible to send."""
    chunks: list[list[Span]] = [[]]
    size = 0
    for span in text.spans:
        if not span.text:
            continue
        parts = [span] if _rendered_len(span) <= limit else _split_span(span, limit)
        for part in parts:
            n = _rendered_len(part)
            if size + n > limit and chunks[-1]:
                chunks.append([])
                size = 0
            chunks[-1].append(part)
            size += n
    out = [RichText(tuple(c)).render_html() for c in chunks if c]
    return [h for h in out if h.strip()]
