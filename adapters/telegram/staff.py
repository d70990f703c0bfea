"""Who counts as staff on Telegram: members of the staff chat, plus configured ids.

Membership is looked up with getChatMember and cached for
`staff_cache_seconds`, so a busy group costs one lookup per user per period; a
chat_member update for the staff chat refreshes the entry at once (someone
removed from the staff group loses staff powers without waiting for the TTL).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Collection

log = logging.getLogger(__name__)

STAFF_STATUSES = frozenset({"creator", "administrator", "member"})

# Looks up one user's status in the staff chat; raises on failure.
StatusLookup = Callable[[int], Awaitable[str]]


class StaffMembership:
    """Cached staff check; configured ids are staff without any lookup."""

    def __init__(
        self,
        *,
        staff_chat_id: int | None,
        configured: Collection[str],
        lookup: StatusLookup,
        ttl_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        max_entries: int = 10_000,
    ) -> None:
        self.staff_chat_id = staff_chat_id
        self.configured = frozenset(configured)
        self._lookup = lookup
        self._ttl = ttl_seconds
        self._clock = clock
        self._max = max_entries
        self._cache: dict[int, tuple[bool, float]] = {}

    def configured_staff(self, user_id: int) -> bool:
        return f"telegram:{user_id}" in self.configured

    async def is_staff(self, user_id: int) -> bool:
        if self.configured_staff(user_id):
            return True
        if self.staff_chat_id is None:
            return False
        now = self._clock()
        hit = self._cache.get(user_id)
        if hit is not None and hit[1] > now:
            return hit[0]
        try:
            status = await self._lookup(user_id)
        except Exception as e:  # fail closed, and do not cache a transient failure
            log.warning("staff membership lookup failed: %s", type(e).__name__)
            return False
        member = status in STAFF_STATUSES
        self.remember(user_id, status)
        return member

    def remember(self, user_id: int, status: str) -> None:
        """Record a status seen in a chat_member update or a lookup."""
        if len(self._cache) >= self._max:
            self._cache.clear()
        self._cache[user_id] = (status in STAFF_STATUSES, self._clock() + self._ttl)

    def forget(self, user_id: int) -> None:
        self._cache.pop(user_id, None)
