"""Word indexes for BIP39 (from ``mnemonic``) and Monero (from ``monero``) lists.

Everything is precomputed once per :class:`WordIndex` so that a scan only does dict lookups:
one normalised key -> bitmask of languages, a one-deletion index for typo tolerance, and
per-language word positions for checksum checks.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import mnemonic

BIP39_LANGS: tuple[str, ...] = (
    "english",
    "chinese_simplified",
    "chinese_traditional",
    "japanese",
    "korean",
    "spanish",
    "french",
    "italian",
    "czech",
    "portuguese",
    "russian",
    "turkish",
)

MONERO_LANGS: tuple[tuple[str, str], ...] = (
    ("English", "english"),
    ("Chinese (simplified)", "chinese_simplified"),
    ("Dutch", "dutch"),
    ("Esperanto", "esperanto"),
    ("French", "french"),
    ("German", "german"),
    ("Italian", "italian"),
    ("Japanese", "japanese"),
    ("Lojban", "lojban"),
    ("Portuguese", "portuguese"),
    ("Russian", "russian"),
    ("Spanish", "spanish"),
)

MIN_FUZZY_LEN = 4


def strip_marks(text: str) -> str:
    """NFKD, drop combining marks, casefold: 'Ábaco' and 'abaco' share one key."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed.lower()
    # Turkish dotless i: "ı".upper() is "I", so both fold to "i" to survive CAPS LOCK.
    key = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return key.replace("ı", "i") if "ı" in key else key


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


@dataclass(frozen=True, slots=True)
class Language:
    """One wordlist: its name, family (bip39/monero), bit in masks and word positions."""

    name: str
    family: str
    bit: int
    words: tuple[str, ...]
    position: dict[str, int] = field(repr=False)
    prefix_len: int = 4

    @property
    def is_cjk(self) -> bool:
        return self.name.startswith("chinese")


def _bip39_words(lang: str) -> list[str]:
    path = os.path.join(os.path.dirname(mnemonic.__file__), "wordlist", f"{lang}.txt")
    with open(path, encoding="utf-8") as fh:
        return [w.strip() for w in fh if w.strip()]


def _load_common() -> frozenset[str]:
    path = os.path.join(os.path.dirname(__file__), "data", "common_en.txt")
    with open(path, encoding="utf-8") as fh:
        return frozenset(w.strip() for w in fh if w.strip() and not w.startswith("#"))


def _monero_lists() -> list[tuple[str, int, list[str]]]:
    try:
        from monero.wordlists import wordlist as mw
    except Exception:  # pragma: no cover - monero is a declared dependency
        return []
    out = []
    for english_name, short in MONERO_LANGS:
        try:
            cls = mw.get_wordlist(english_name)
        except ValueError:  # pragma: no cover - depends on monero version
            continue
        out.append((short, int(cls.unique_prefix_length), list(cls.word_list)))
    return out


class WordIndex:
    """All wordlists merged into lookup tables keyed by :func:`strip_marks`."""

    def __init__(self) -> None:
        self.languages: list[Language] = []
        self.exact: dict[str, int] = {}
        self.deletes: dict[str, int] = {}
        self.bip39_mask = 0
        self.monero_mask = 0
        self.cjk_mask = 0
        for lang in BIP39_LANGS:
            self._add(lang, "bip39", _bip39_words(lang), 4)
        for short, prefix_len, words in _monero_lists():
            self._add(short, "monero", words, prefix_len)
        self.common_en = _load_common()

    def _add(self, name: str, family: str, words: list[str], prefix_len: int) -> None:
        bit = 1 << len(self.languages)
        keys = [strip_marks(w) for w in words]
        position: dict[str, int] = {}
        for i, k in enumerate(keys):
            position.setdefault(k, i)
        lang = Language(name, family, bit, tuple(words), position, prefix_len)
        self.languages.append(lang)
        if family == "bip39":
            self.bip39_mask |= bit
        else:
            self.monero_mask |= bit
        if lang.is_cjk:
            self.cjk_mask |= bit
        exact = self.exact
        deletes = self.deletes
        for k in keys:
            exact[k] = exact.get(k, 0) | bit
            if len(k) >= MIN_FUZZY_LEN:
                for d in _deletes(k):
                    deletes[d] = deletes.get(d, 0) | bit

    def fuzzy(self, key: str) -> int:
        """Languages holding a word within one edit (substitution/insertion/deletion) of key."""
        if len(key) < MIN_FUZZY_LEN or len(key) > 16:
            return 0
        deletes = self.deletes
        exact = self.exact
        mask = deletes.get(key, 0)  # key is a word with one letter missing
        for d in _deletes(key):
            mask |= exact.get(d, 0) | deletes.get(d, 0)  # extra letter / substitution
        return mask

    def language(self, bit: int) -> Language:
        return self.languages[bit.bit_length() - 1]


def bip39_checksum_ok(lang: Language, keys: list[str]) -> bool:
    """True when keys (normalised words of one BIP39 language) carry a valid checksum."""
    n = len(keys)
    if n not in (12, 15, 18, 21, 24) or lang.family != "bip39":
        return False
    acc = 0
    for k in keys:
        idx = lang.position.get(k)
        if idx is None:
            return False
        acc = (acc << 11) | idx
    cs_bits = n // 3
    ent_bits = n * 11 - cs_bits
    entropy = (acc >> cs_bits).to_bytes(ent_bits // 8, "big")
    return hashlib.sha256(entropy).digest()[0] >> (8 - cs_bits) == acc & ((1 << cs_bits) - 1)


def electrum_version_ok(words: list[str]) -> bool:
    """Electrum 2.x seed: HMAC-SHA512('Seed version', seed) starts with a known prefix."""
    import hmac

    seed = " ".join(unicodedata.normalize("NFKD", w).lower() for w in words)
    digest = hmac.new(b"Seed version", seed.encode("utf-8"), hashlib.sha512).hexdigest()
    return digest.startswith(("01", "100", "101", "102"))


def monero_checksum_ok(lang: Language, keys: list[str]) -> bool:
    """Monero 25-word (or 13-word MyMonero) seed: last word is the CRC32-chosen checksum."""
    from binascii import crc32

    n = len(keys)
    if lang.family != "monero" or n not in (13, 25):
        return False
    body = keys[:-1]
    plen = lang.prefix_len
    words = [lang.words[lang.position[k]] if k in lang.position else k for k in body]
    wstr = "".join(w[:plen] for w in words).encode("utf-8")
    idx = crc32(wstr) % len(body)
    return strip_marks(words[idx][:plen]) == keys[-1][:plen]


@lru_cache(maxsize=1)
def shared_index() -> WordIndex:
    """One immutable index per process; SecretGuard instances share it (read-only)."""
    return WordIndex()
