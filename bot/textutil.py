"""Making user text safe to process: no control or zero-width characters, bounded size."""

from __future__ import annotations

import re
import unicodedata

MAX_PROCESSED_CHARS = 4000
MAX_SCANNED_CHARS = 200_000

_INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_SPACES = re.compile(r"[ \t]+")


def clean(text: str) -> str:
    """NFC, invisible/control characters removed (they hide words from matchers), trimmed."""
    text = unicodedata.normalize("NFC", text[:MAX_SCANNED_CHARS])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return text.strip()


def subject_from(text: str, limit: int = 80) -> str:
    line = _SPACES.sub(" ", " ".join(text.split()))
    return line if len(line) <= limit else line[: limit - 1] + "…"
