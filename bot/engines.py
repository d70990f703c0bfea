"""The two engines the dispatcher consults, seen through small interfaces.

The dispatcher receives implementations explicitly (the real ones live in
`guard/` and `faq/`), so tests can hand in whatever they need.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Protocol, TypeVar


class SecretSpan(Protocol):
    kind: str
    start: int
    end: int


class PublicItem(Protocol):
    kind: str
    value: str
    chain: str | None


class Scan(Protocol):
    @property
    def has_secret(self) -> bool: ...

    @property
    def kinds(self) -> list[str]: ...

    @property
    def secrets(self) -> Sequence[SecretSpan]: ...

    @property
    def public(self) -> Sequence[PublicItem]: ...


ScanT = TypeVar("ScanT", bound=Scan)


class Guard(Protocol[ScanT]):
    """`scan` decides; `redact` reuses a scan's result so a message is scanned once."""

    def scan(self, text: str) -> ScanT: ...

    def redact(self, text: str, result: ScanT | None = None) -> str: ...


AnyGuard = Guard[Any]


class ScamCheck(Protocol):
    """The group-chat half of the threat: people fishing for secrets, fake staff."""

    def solicits_secrets(self, text: str) -> bool: ...

    def blocked_links(self, text: str) -> list[str]: ...

    def imitates_staff(self, display_name: str, staff_names: Collection[str]) -> bool: ...

    def explorer_link(self, item: PublicItem) -> str | None: ...
