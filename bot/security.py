"""The guard's group-chat checks bound to this deployment's blocklist and explorers."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from bot.engines import PublicItem
from guard import DEFAULT_EXPLORERS, PublicRef, explorer_link
from guard.scam import (
    default_blocklist,
    find_blocked_links,
    imitates_staff,
    load_blocklist,
    solicits_secrets,
)


class ScamChecks:
    def __init__(
        self, *, blocklist_path: Path | None = None, explorers: Mapping[str, Any] | None = None
    ) -> None:
        # no file configured: the small list of well-known lures shipped with the guard
        self.blocklist = load_blocklist(blocklist_path) if blocklist_path else default_blocklist()
        merged: dict[str, Any] = dict(DEFAULT_EXPLORERS)
        merged.update(explorers or {})
        self.explorers = merged

    def solicits_secrets(self, text: str) -> bool:
        return solicits_secrets(text)

    def blocked_links(self, text: str) -> list[str]:
        return find_blocked_links(text, self.blocklist) if self.blocklist else []

    def imitates_staff(self, display_name: str, staff_names: Collection[str]) -> bool:
        return imitates_staff(display_name, staff_names)

    def explorer_link(self, item: PublicItem) -> str | None:
        if not isinstance(item, PublicRef):
            return None
        return explorer_link(item, self.explorers)
