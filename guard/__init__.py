"""Secret guard: detects seed phrases and private keys before a message is stored or forwarded.

Public API: :class:`SecretGuard` (``scan``/``redact``), result types, explorer links and the
group-chat scam helpers from :mod:`guard.scam`.
"""

from guard._types import PublicRef, ScanResult, SecretFinding
from guard.core import SecretGuard
from guard.explorers import DEFAULT_EXPLORERS, explorer_link
from guard.scam import (
    default_blocklist,
    find_blocked_links,
    imitates_staff,
    load_blocklist,
    solicits_secrets,
)

__all__ = [
    "DEFAULT_EXPLORERS",
    "PublicRef",
    "ScanResult",
    "SecretFinding",
    "SecretGuard",
    "default_blocklist",
    "explorer_link",
    "find_blocked_links",
    "imitates_staff",
    "load_blocklist",
    "solicits_secrets",
]
