"""The FAQ as the dispatcher sees it: a base, its matcher, and safe reloads.

A reload builds the new base and matcher first and swaps them in only when
both succeeded, so an invalid file keeps the old base answering.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from faq.base import FaqBase, FaqLoadError
from faq.matcher import Candidate, Matcher, MatchResult, MatchThresholds
from faq.unanswered import QuestionGroup, group_questions

SHIPPED_FAQ = Path(__file__).resolve().parent.parent / "faq" / "data"


class FaqService:
    def __init__(
        self,
        path: Path | None,
        *,
        thresholds: Mapping[str, Any] | None = None,
        default_language: str = "en",
    ) -> None:
        self.path = path or SHIPPED_FAQ
        self.thresholds = MatchThresholds.from_mapping(dict(thresholds or {}))
        self.default_language = default_language
        self.base = FaqBase.load(self.path)
        self.matcher = Matcher(self.base, self.thresholds)

    def reload(self) -> int:
        """Swap in a freshly loaded base; raises FaqLoadError and keeps the old one."""
        base = FaqBase.load(self.path)
        matcher = Matcher(base, self.thresholds)
        self.base, self.matcher = base, matcher
        return len(base.entries)

    def match(self, text: str, lang: str | None) -> MatchResult:
        return self.matcher.match(text, lang)

    def answer(self, entry_id: str, lang: str) -> str | None:
        if self.base.get(entry_id) is None:
            return None
        text, _used = self.base.answer(entry_id, lang, self.default_language)
        return text

    def title(self, entry_id: str, lang: str) -> str:
        entry = self.base.get(entry_id)
        return entry.title(lang) if entry else entry_id

    def group(self, texts: Sequence[str], limit: int = 10) -> list[QuestionGroup]:
        return group_questions(texts, limit=limit)


__all__ = ["Candidate", "FaqLoadError", "FaqService", "MatchResult"]
