"""SecretGuard: find seed phrases and private keys in chat text before it is stored or sent on.

One pass of two compiled regexes tokenises the text (letter words and long ASCII alnum tokens);
expensive checks (base58, sha256 checksums, ed25519) only run on tokens of the right shape, and
wordlist runs are found per language in linear time. See docs/guard.md for the rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import reduce
from itertools import accumulate, repeat
from operator import or_, sub

from guard import _context as ctx
from guard._codec import (
    B58_XRP,
    b58check_decode,
    b58decode,
    bech32_decode,
    ed25519_public_key,
    ton_decode,
)
from guard._types import SEED_KINDS, PublicRef, ScanResult, SecretFinding
from guard._wordlists import (
    Language,
    WordIndex,
    bip39_checksum_ok,
    electrum_version_ok,
    monero_checksum_ok,
    shared_index,
    strip_marks,
)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LETTER = rf"[^\W\d_{_HAN}]"
_MARK = r"[\u0300-\u036f\u3099\u309a]"
# Tokens: Han runs, or maximal runs of letters and combining marks. Unrolled (letters+, then
# marks+letters* groups) it matches exactly what (?:letter|mark)+ does, about 35% faster.
_WORD_FIND_RE = re.compile(
    rf"[{_HAN}]+|{_LETTER}+(?:{_MARK}+{_LETTER}*)*|{_MARK}+(?:{_LETTER}+{_MARK}*)*"
)
_HAN_SEARCH_RE = re.compile(rf"[{_HAN}]")


def _explicit_class(code_points: list[int]) -> str:
    """A regex character class body listing ``code_points`` as ranges."""
    spans: list[list[int]] = []
    for c in sorted(code_points):
        if spans and spans[-1][1] == c - 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in spans
    )


# Faster tokenisers that give _WORD_FIND_RE's exact tokens on the texts they are used for. The
# Unicode letter class costs a category lookup per character; explicit ranges are a bitmap
# test. Within the "plain" blocks (Latin, Greek, Cyrillic, punctuation, symbols, CJK and
# fullwidth punctuation, emoji) the letters are listed explicitly; combining marks, kana,
# Hangul and other scripts are outside them, so a text holding one takes _WORD_FIND_RE.
_PLAIN_BLOCKS = (
    (0x0000, 0x02FF),
    (0x0370, 0x052F),
    (0x2000, 0x2BFF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
    (0x1F000, 0x1FAFF),
)
_LETTER_1 = re.compile(_LETTER)
_PLAIN = [c for a, b in _PLAIN_BLOCKS for c in range(a, b + 1)]
_PLAIN_WORD_RE = re.compile(
    rf"[{_HAN}]+|[{_explicit_class([c for c in _PLAIN if _LETTER_1.match(chr(c))])}]+"
)
_NOT_PLAIN_RE = re.compile(f"[^{_explicit_class(_PLAIN)}{_HAN}]")
_ASCII_WORD_RE = re.compile(r"[A-Za-z]+")  # ASCII-only text: ~2.4x faster again


def _word_re(text: str) -> re.Pattern[str]:
    """The fastest tokeniser that gives _WORD_FIND_RE's tokens on ``text``."""
    if text.isascii():
        return _ASCII_WORD_RE
    return _WORD_FIND_RE if _NOT_PLAIN_RE.search(text) else _PLAIN_WORD_RE


_HAN_LONG_RE = re.compile(rf"[{_HAN}]{{11,}}")


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


MIN_HAN_RUN = 11  # glued Han runs at least this long are scored as a whole (see _cjk_run)
MAX_GLUED_HAN = 2  # longer Han runs are not split into per-character tokens
_ALNUM_RE = re.compile(r"[0-9A-Za-z]{25,}")
# A letter, so a masked run stays one (breaker) token; ASCII, so masked text stays ASCII for
# _ASCII_WORD_RE. Runs are 25+ chars: no wordlist word or context term looks like "QQQ...".
_MASK_CHAR = "Q"
CACHE_LIMIT = 200_000  # per-token caches are cleared when they reach this size
# A TON user-friendly address is 48 base64(url) chars; its flag byte (0x11/0x51, +0x80) and
# workchain byte (0x00/0xff) make it start with [EUk0][Qf] (ton_decode rejects anything else),
# so the regex starts on that pair instead of trying every position.
_TON_RE = re.compile(r"[EUk0][Qf](?<![A-Za-z0-9_\-][EUk0][Qf])[A-Za-z0-9_\-]{46}(?![A-Za-z0-9_\-])")
_SOL_JSON_RE = re.compile(r"\[\s*(?:\d{1,3}\s*,\s*){63}\d{1,3}\s*\]")
_HEX_RE = re.compile(r"[0-9a-fA-F]+")
_CIPHERTEXT_RE = re.compile(r"ciphertext", re.IGNORECASE)
_KEYSTORE_FIELD_RE = re.compile(r"\b(?:kdf|kdfparams|cipherparams|cipher|mac)\b", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(r"[^\W\d_]")
_WS_RE = re.compile(r"\s")
_GROUP = re.Match.group
_SPAN = re.Match.span

XPRV = frozenset({"xprv", "yprv", "zprv", "tprv", "uprv", "vprv", "Yprv", "Zprv", "Uprv", "Vprv"})
XPUB = frozenset({"xpub", "ypub", "zpub", "tpub", "upub", "vpub", "Ypub", "Zpub", "Upub", "Vpub"})
_B58_VERSIONS = {
    0x00: "bitcoin",
    0x05: "bitcoin",
    0x6F: "bitcoin_testnet",
    0xC4: "bitcoin_testnet",
    0x30: "litecoin",
    0x32: "litecoin",
    0x41: "tron",
    0x1E: "dogecoin",
    0x16: "dogecoin",
}
_BECH32_HRP = {
    "bc": "bitcoin",
    "tb": "bitcoin_testnet",
    "bcrt": "bitcoin_testnet",
    "ltc": "litecoin",
    "tltc": "litecoin",
}

SEED_LABEL = "[seed phrase removed]"
KEY_LABEL = "[private key removed]"

MIN_FULL_WORDS = 11  # a 12-word phrase with one word missing still counts
MIN_PARTIAL_WORDS = 8  # with seed/key context nearby
MAX_BAD_WORDS = 2  # typo'd words tolerated inside one run
CONTEXT_WINDOW = 80  # chars before a run/key where context words count
HEX_CONTEXT_BEFORE = 150
HEX_CONTEXT_AFTER = 60
DENSE_HEX = 4  # this many hex strings in a message: tokenise its context once, not per string
MAX_KEYPAIR_CHECKS = 16  # ed25519 derivations per message (~2 ms each)
CJK_WINDOW = 12
CJK_THRESHOLD = 10  # rank score a 12-char unspaced run needs without context
CJK_THRESHOLD_CONTEXT = 8

# Function words are never read as typo'd wordlist words ("your" is one edit from "hour"): in a
# run they are prose, not a phrase. Wordlist words among them ("what", "can") stay words.
FUNCTION_WORDS = frozenset(
    (
        "the a an to and or with my your is are was were be been i he she it we me him her us"
        " them of in on at for from by as not no do does did has had could would should so but"
        " if than their our his its am im dont cant how why who which pls thanks"
        " и в на с что как мой моя мои мне я ты не это по за из к у о от до же ли бы вы он она"
        " они мы его ее их ваш"
    ).split()
)
# Sentence punctuation between two words of a run: prose ("what now?. never share ...").
_SENTENCE_GAP_RE = re.compile(r"^\.(?!\d)|[?!;\u3002\uff1f\uff01\uff1b\u2026]")
PARTIAL_COMMON_MAX = 0.5  # English partial runs: at most half frequent words

_Token = tuple[int, int, str, int]  # start, end, normalised key, exact language mask


def _is_hex(s: str) -> bool:
    return _HEX_RE.fullmatch(s) is not None


class _Scan:
    """State of one scan (tokens, findings, lazily computed context); never shared."""

    __slots__ = (
        "_all_ctx",
        "_chains",
        "_ctxcache",
        "_ctxinfo",
        "_low",
        "_word_re",
        "all_words",
        "has_han",
        "keypair_checks",
        "public",
        "secrets",
        "text",
        "words",
    )

    def __init__(
        self,
        text: str,
        ctxcache: dict[str, tuple[str, str, bool]],
        ctxinfo: Callable[[str], tuple[str, str, bool]],
    ) -> None:
        self.text = text
        # Text for word tokenising: long alnum runs (hashes, addresses, keys) are masked with
        # one letter that is in no wordlist, so they give one breaker token, not dozens of
        # letter fragments (cache pollution, spurious context words like "tx" in base58).
        self.words = text
        self._ctxcache = ctxcache  # raw token -> (label, key, may open a pair); read-only here
        self._ctxinfo = ctxinfo
        self.has_han = _HAN_SEARCH_RE.search(text) is not None
        self.secrets: list[SecretFinding] = []
        self.public: list[PublicRef] = []
        self.keypair_checks = 0
        self._chains: list[tuple[int, int, int, str]] | None = None
        self._all_ctx: tuple[list[int], list[tuple[int, int, str]]] | None = None
        self._low: str | None = None
        self.all_words: list[str] | None = None  # word tokens of ``words``, when tokenised
        self._word_re: re.Pattern[str] | None = None

    def word_re(self) -> re.Pattern[str]:
        """The tokeniser for ``words`` (set once masking is done), chosen once per scan."""
        if self._word_re is None:
            self._word_re = _word_re(self.words)
        return self._word_re

    def lowered(self) -> str | None:
        """``words`` lower-cased, for case-sensitive regexes over lower-case alternations
        (IGNORECASE alternations are several times slower); None when lower() changes the
        length (rare: "İ"), so spans would not line up."""
        if self._low is None:
            self._low = self.words.lower()
        return self._low if len(self._low) == len(self.words) else None

    def chain_marks(self) -> list[tuple[int, int, int, str]]:
        """(start, end, priority, chain) of every chain term in the text, computed once."""
        if self._chains is None:
            text = self.words  # hashes and addresses masked: far fewer attempts
            low = self.lowered()
            marks = []
            found = ctx.CHAIN_RE.finditer(low) if low is not None else ctx.CHAIN_RE_I.finditer(text)
            for m in found:
                prio, chain, bounded = ctx.CHAIN_TERMS[m.group().lower()]
                a, b = m.span()
                if bounded and (
                    (a and (text[a - 1].isalnum() or text[a - 1] == "_"))
                    or (b < len(text) and (text[b].isalnum() or text[b] == "_"))
                ):
                    continue
                marks.append((a, b, prio, chain))
            self._chains = marks
        return self._chains

    def contexts(self, lo: int, hi: int) -> tuple[list[int], list[tuple[int, int, str]]]:
        """Context terms inside text[lo:hi] as (end positions, (start, end, label)) sorted by
        end; label is seed/key/tx/address. Only the window is tokenised, so the cost does not
        grow with the message."""
        lo = max(0, lo)
        text = self.words
        found: list[tuple[int, int, str]] = []
        info_of = self._ctxinfo
        # C-level passes (matches -> tokens -> cached infos); Python only visits the few
        # tokens that carry a label or may open a two-word term.
        matches = list(self.word_re().finditer(text, lo, hi))
        tokens = list(map(_GROUP, matches))
        if lo == 0 and hi >= len(text):
            self.all_words = tokens  # _scan_words reuses the whole-text tokenising
        infos = list(map(self._ctxcache.get, tokens))
        if None in infos:
            infos = [inf or info_of(m.group()) for inf, m in zip(infos, matches, strict=True)]
        last = len(matches) - 1
        for i in [i for i, inf in enumerate(infos) if inf[0] or inf[2]]:  # type: ignore[index]
            label, key, first = infos[i]  # type: ignore[misc]
            m = matches[i]
            if label:
                found.append((*m.span(), label))
            if first and i < last:
                nxt = matches[i + 1]
                if m.end() + 2 >= nxt.start():
                    label = ctx.pair_label(key, infos[i + 1][1])  # type: ignore[index]
                    if label:
                        found.append((m.start(), nxt.end(), label))
        if self.has_han:
            found += [
                (m.start(), m.end(), ctx.HAN_CONTEXT[m.group()])
                for m in ctx.HAN_CONTEXT_RE.finditer(text, lo, hi)
            ]
        found.sort(key=lambda t: (t[1], t[0]))
        return [f[1] for f in found], found

    def contexts_near(
        self, lo: int, hi: int, dense: bool
    ) -> tuple[list[int], list[tuple[int, int, str]]]:
        """contexts(lo, hi); with ``dense`` (many hashes in one message) the whole text is
        tokenised once and each window is a slice of it, so the cost stays linear."""
        if not dense:
            return self.contexts(lo, hi)
        if self._all_ctx is None:
            self._all_ctx = self.contexts(0, len(self.text))
        ends, found = self._all_ctx
        lo = max(0, lo)
        a, b = bisect.bisect_left(ends, lo), bisect.bisect_right(ends, hi)
        sub = [f for f in found[a:b] if f[0] >= lo]
        return [f[1] for f in sub], sub

    def has_secret_context(self) -> bool:
        """Seed/key vocabulary anywhere in the message (one tokenising pass, cached)."""
        if self._all_ctx is None:
            self._all_ctx = self.contexts(0, len(self.text))
        return any(f[2] in ("seed", "key") for f in self._all_ctx[1])

    def context_before(self, pos: int, window: int = CONTEXT_WINDOW) -> bool:
        """Seed or key vocabulary ends within ``window`` chars before ``pos``."""
        _ends, found = self.contexts(pos - window, pos)
        return any(f[2] in ("seed", "key") for f in found)


class SecretGuard:
    """Detects secrets in text. Cheap to share: immutable indexes, per-call state only."""

    def __init__(self, index: WordIndex | None = None) -> None:
        self._index = index if index is not None else shared_index()
        self._keycache: dict[str, str] = {}
        self._ctxcache: dict[str, tuple[str, str, bool]] = {}
        # Long alnum token -> outcome of _classify_b58 (checksums and decoding run once per
        # distinct address: logs and JSON repeat the same few).
        self._alnumcache: dict[str, tuple[str, str, str | None, float]] = {}
        self._cjk_res = [
            (lang, re.compile("[" + "".join(lang.words) + f"]{{{MIN_FULL_WORDS},}}"))
            for lang in self._index.languages
            if lang.is_cjk
        ]
        # Chinese rank values as a str.translate table: char -> chr(value + 1), so a glued run
        # becomes bytes whose running sums give every 12-char window score at C speed.
        self._cjk_tables = {
            lang.bit: _RankTable(
                {ord(k): chr(_rank_value(i) + 1) for k, i in lang.position.items()}
            )
            for lang in self._index.languages
            if lang.is_cjk
        }
        # Batched runs (_cjk_runs): the separator is worth 41, so a 12-char window holding it
        # sums to 41-74 (ordinary windows: 0-36) and still fits a byte.
        # Lists indexed by code point (runs are BMP Han): ~45% faster than a dict table.
        self._cjk_batch_tables: dict[int, list[str]] = {}
        for bit, table in self._cjk_tables.items():
            flat = ["\1"] * 0x10000
            for cp, v in table.items():
                flat[cp] = v
            flat[0] = chr(_CJK_POISON)
            self._cjk_batch_tables[bit] = flat
        # Every language mask that occurs gets one private-use "code" character; a message's
        # words become one code string, so the language pre-filter runs as C-speed regexes.
        masks = sorted({0, *self._index.exact.values()})
        self._mask_code = {m: chr(0xE000 + i) for i, m in enumerate(masks)}
        self._code_mask = {c: m for m, c in self._mask_code.items()}
        self._codecache: dict[str, str] = {}
        self._lang_filters: list[tuple[int, re.Pattern[str], dict[int, str]]] = []
        # The same window over "a word of any list": most chat fails it, one search instead
        # of one per language.
        known = "".join(c for m, c in self._mask_code.items() if m)
        self._any_filter = re.compile(
            f"[{known}](?:[{known}]|[^{known}](?=[{known}])){{{MIN_PARTIAL_WORDS - 1}}}"
        )
        for lang in self._index.languages:
            members = "".join(c for m, c in self._mask_code.items() if m & lang.bit)
            cls = "[" + members + "]"
            window = re.compile(f"{cls}(?:{cls}|[^{members}](?={cls})){{{MIN_PARTIAL_WORDS - 1}}}")
            flags = {ord(c): "1" if m & lang.bit else "0" for m, c in self._mask_code.items()}
            self._lang_filters.append((lang.bit, window, flags))

    # ----------------------------------------------------------------- public API
    def scan(self, text: str) -> ScanResult:
        """Find secrets and public references in ``text``; never raises for a str."""
        if not isinstance(text, str):
            raise TypeError("scan() expects str")
        if not text:
            return ScanResult()
        st = _Scan(text, self._ctxcache, self._context_info)
        self._scan_alnum(st)
        if "[" in text:
            self._scan_solana_json(st)
        if "-" in text or "_" in text:
            self._scan_ton(st)
        if _CIPHERTEXT_RE.search(text):
            self._scan_keystore(st)
        self._scan_words(st)
        if _DIGIT_RE.search(text):
            self._scan_amounts(st)
        secrets = _merge(st.secrets)
        public = [
            p for p in st.public if not any(p.start < s.end and s.start < p.end for s in secrets)
        ]
        public.sort(key=lambda p: (p.start, p.end))
        return ScanResult(tuple(secrets), tuple(public))

    def redact(self, text: str, result: ScanResult | None = None) -> str:
        """Replace each secret span with a label; public data is kept."""
        if result is None:
            result = self.scan(text)
        if not result.secrets:
            return text
        out: list[str] = []
        pos = 0
        for f in _merge(list(result.secrets)):
            out.append(text[pos : f.start])
            out.append(SEED_LABEL if f.kind in SEED_KINDS else KEY_LABEL)
            pos = max(pos, f.end)
        out.append(text[pos:])
        return "".join(out)

    # ----------------------------------------------------------------- keys and addresses
    def _scan_alnum(self, st: _Scan) -> None:
        text = st.text
        hex_cands: list[tuple[int, int, str]] = []
        pieces: list[str] = []
        pos = 0
        for m in _ALNUM_RE.finditer(text):
            tok = m.group()
            start, end = m.span()
            pieces += (text[pos:start], _MASK_CHAR * (end - start))
            pos = end
            n = len(tok)
            if tok[:2] in ("0x", "0X"):
                body = tok[2:]
                if len(body) == 40 and _is_hex(body):
                    st.public.append(PublicRef("address", tok, "ethereum", start, end))
                elif len(body) == 64 and _is_hex(body):
                    hex_cands.append((start, end, tok))
                continue
            if n == 64 and _is_hex(tok):
                hex_cands.append((start, end, tok))
                continue
            hit = self._alnumcache.get(tok)
            if hit is not None:  # a known address/xpub/key: no second decode
                if hit[0] == "public":
                    st.public.append(PublicRef(hit[1], tok, hit[2], start, end))
                elif hit[0] == "secret":
                    st.secrets.append(SecretFinding(hit[1], start, end, hit[3]))
                continue
            n_sec, n_pub, checks = len(st.secrets), len(st.public), st.keypair_checks
            self._classify_b58(st, tok, start, end)
            if len(self._alnumcache) >= CACHE_LIMIT:
                self._alnumcache.clear()
            if len(st.secrets) > n_sec:
                f = st.secrets[-1]
                if f.confidence >= 0.9 or st.keypair_checks > checks:  # not a budget guess
                    self._alnumcache[tok] = ("secret", f.kind, None, f.confidence)
            elif len(st.public) > n_pub:
                p = st.public[-1]
                self._alnumcache[tok] = ("public", p.kind, p.chain, 0.0)
            else:
                self._alnumcache[tok] = ("", "", None, 0.0)
        if pieces:
            pieces.append(text[pos:])
            st.words = "".join(pieces)
        if hex_cands:
            self._classify_hex(st, hex_cands)

    def _classify_b58(self, st: _Scan, tok: str, start: int, end: int) -> None:
        n = len(tok)
        head = tok[:4]
        if n == 111 and (head in XPRV or head in XPUB):
            payload = b58check_decode(tok)
            if payload is not None and len(payload) == 78:
                if head in XPRV:
                    st.secrets.append(SecretFinding("extended_private_key", start, end, 0.99))
                else:
                    chain = "bitcoin_testnet" if head[0] in "tuv" else "bitcoin"
                    st.public.append(PublicRef("extended_public_key", tok, chain, start, end))
            return
        if n in (51, 52) and tok[0] in "5KL9c":
            payload = b58check_decode(tok)
            if payload is not None and payload[0] in (0x80, 0xEF):
                if len(payload) == 33 or (len(payload) == 34 and payload[33] == 1):
                    st.secrets.append(SecretFinding("wif_private_key", start, end, 0.99))
                    return
        if 86 <= n <= 88:
            raw = b58decode(tok)
            if raw is not None and len(raw) == 64:
                self._solana_64(st, raw, start, end, tok)
            return
        if 25 <= n <= 35:
            if tok[0] == "r":
                payload = b58check_decode(tok, B58_XRP)
                if payload is not None and len(payload) == 21 and payload[0] == 0:
                    st.public.append(PublicRef("address", tok, "xrp", start, end))
                    return
            payload = b58check_decode(tok)
            if payload is not None and len(payload) == 21 and payload[0] in _B58_VERSIONS:
                st.public.append(PublicRef("address", tok, _B58_VERSIONS[payload[0]], start, end))
                return
        low = tok.lower()
        if n <= 90 and low.startswith(("bc1", "tb1", "ltc1", "tltc1", "bcrt1")):
            dec = bech32_decode(tok)
            if dec is not None and dec[0] in _BECH32_HRP:
                st.public.append(PublicRef("address", tok, _BECH32_HRP[dec[0]], start, end))
                return
        if n == 48 and ton_decode(tok) is not None:
            st.public.append(PublicRef("address", tok, "ton", start, end))
            return
        if 32 <= n <= 44:
            raw = b58decode(tok)
            if raw is not None and len(raw) == 32:
                st.public.append(PublicRef("address", tok, "solana", start, end))

    def _solana_64(self, st: _Scan, raw: bytes, start: int, end: int, tok: str) -> None:
        """64 bytes in base58: a keypair (seed||pubkey) is a secret, anything else a signature."""
        if st.keypair_checks >= MAX_KEYPAIR_CHECKS:
            st.secrets.append(SecretFinding("solana_secret_key", start, end, 0.5))
            return
        st.keypair_checks += 1
        if ed25519_public_key(raw[:32]) == raw[32:]:
            st.secrets.append(SecretFinding("solana_secret_key", start, end, 0.99))
        else:
            st.public.append(PublicRef("tx_hash", tok, "solana", start, end))

    def _classify_hex(self, st: _Scan, cands: list[tuple[int, int, str]]) -> None:
        text = st.text
        prev_end = -10
        prev_label = ""
        dense = len(cands) >= DENSE_HEX
        for start, end, tok in cands:
            body = tok[2:] if tok[:2] in ("0x", "0X") else tok
            if text[max(0, start - 3) : start].endswith(("0:", "-1:")) and body is tok:
                st.public.append(PublicRef("address", text[start - 2 : end], "ton", start, end))
                prev_end, prev_label = end, "address"
                continue
            gap = text[prev_end:start]
            if prev_label and len(gap) <= 60 and _LETTER_RE.search(gap):
                gap = ctx.AMOUNT_I.sub("", gap)  # "hash - 0.5 ETH" lines are still one list
            if prev_label and not gap.strip(" \t\r\n,;.:-|()`'\"0123456789"):
                label = prev_label  # a list under one heading: same class as the previous one
            else:
                ends, found = st.contexts_near(
                    start - HEX_CONTEXT_BEFORE, end + HEX_CONTEXT_AFTER, dense
                )
                label = self._hex_label(text, start, end, ends, found)
            if label == "" and body.startswith("00000000"):
                label = "tx"  # block hashes start with zero bits; keys essentially never do
            if label in ("tx", "address"):
                chain = self._chain_hint(st, start, tok)
                kind = "tx_hash" if label == "tx" else "address"
                st.public.append(PublicRef(kind, tok, chain, start, end))
            else:
                conf = 0.95 if label == "key" else 0.75
                st.secrets.append(SecretFinding("hex_private_key", start, end, conf))
            prev_end, prev_label = end, label or "key"

    @staticmethod
    def _hex_label(
        text: str, start: int, end: int, ends: list[int], found: list[tuple[int, int, str]]
    ) -> str:
        # An explorer URL around the string decides at once.
        chunk_start = start
        lo = max(0, start - 200)
        while chunk_start > lo and not text[chunk_start - 1].isspace():
            chunk_start -= 1
        chunk = text[chunk_start:start]
        if chunk and ctx.URL_HINT.search(chunk):
            low = chunk.lower()
            if "/address/" in low or "/account/" in low:
                return "address"
            return "tx"
        # Nearest term before decides; a weak "seed" word defers to a term right after.
        i = bisect.bisect_right(ends, start)
        before = ""
        j = i - 1
        while j >= 0 and ends[j] >= start - HEX_CONTEXT_BEFORE:
            if found[j][1] <= start:
                before = found[j][2]
                break
            j -= 1
        if before in ("key", "tx", "address"):
            return before
        after = [f for f in found[i:] if end <= f[0] <= end + HEX_CONTEXT_AFTER]
        if after:
            label = min(after)[2]
            return "key" if label == "seed" else label
        return "key" if before == "seed" else ""

    @staticmethod
    def _chain_hint(st: _Scan, start: int, tok: str) -> str | None:
        """Chain named within 120 chars before a hash (most specific chain first). The chain
        terms of the whole message are found once, so a list of 50 hashes costs one pass."""
        if tok[:2] in ("0x", "0X"):
            return "ethereum"
        marks = st.chain_marks()
        lo = bisect.bisect_left(marks, (start - 120,))
        best: tuple[int, str] | None = None
        for m_start, m_end, prio, chain in marks[lo:]:
            if m_start >= start:
                break
            if m_end <= start and (best is None or prio < best[0]):
                best = (prio, chain)
        return best[1] if best else None

    def _scan_solana_json(self, st: _Scan) -> None:
        for m in _SOL_JSON_RE.finditer(st.text):
            nums = [int(x) for x in re.findall(r"\d+", m.group())]
            if len(nums) == 64 and all(0 <= x <= 255 for x in nums):
                st.secrets.append(SecretFinding("solana_secret_key", m.start(), m.end(), 0.95))

    def _scan_ton(self, st: _Scan) -> None:
        for m in _TON_RE.finditer(st.text):
            tok = m.group()
            if ("-" in tok or "_" in tok) and ton_decode(tok) is not None:
                st.public.append(PublicRef("address", tok, "ton", m.start(), m.end()))

    def _scan_keystore(self, st: _Scan) -> None:
        text = st.text
        m = _CIPHERTEXT_RE.search(text)
        if m is None or _KEYSTORE_FIELD_RE.search(text) is None:
            return
        pos = m.start()
        start = text.find("{")
        if start == -1 or start > pos:
            start = max(0, pos - 1)
        end = text.rfind("}") + 1
        if end <= pos:
            end = len(text)
        st.secrets.append(SecretFinding("ethereum_keystore", start, end, 0.95))

    def _scan_amounts(self, st: _Scan) -> None:
        # The masked text: digits inside hashes and addresses start no match attempts.
        # lower() is exact only for ASCII ("ſ", "ı", "K" match the coin names under IGNORECASE)
        low = st.lowered() if st.words.isascii() else None
        found = ctx.AMOUNT.finditer(low) if low is not None else ctx.AMOUNT_I.finditer(st.words)
        for m in found:
            coin = m.group(2).upper()
            if coin == "SAT":
                coin = "SATS"
            value = m.group(1).replace(" ", "")
            if "," in value and "." not in value and len(value.split(",")[-1]) != 3:
                value = value.replace(",", ".")  # decimal comma: "0,5 BTC"
            else:
                value = value.replace(",", "")  # thousands separator: "1,000 USDT"
            st.public.append(PublicRef("amount", value, coin, m.start(), m.end(), coin=coin))

    # ----------------------------------------------------------------- wordlist phrases
    def _context_info(self, word: str) -> tuple[str, str, bool]:
        """(context label, normalised key, may open a two-word term) of a raw token, cached."""
        info = self._ctxcache.get(word)
        if info is None:
            key = self._cached_key(word)
            info = (ctx.token_label(key), key, key.startswith(ctx.PAIR_FIRST))
            if len(self._ctxcache) >= CACHE_LIMIT:
                self._ctxcache.clear()
            self._ctxcache[word] = info
        return info

    def _cached_key(self, word: str) -> str:
        return self._keycache.get(word) or self._key(word)

    def _key(self, word: str) -> str:
        key = strip_marks(word) if len(word) <= 24 else ""
        if len(self._keycache) >= CACHE_LIMIT:
            self._keycache.clear()
        self._keycache[word] = key
        return key

    def _lex(self, words: list[str], has_han: bool) -> tuple[list[str], list[int]]:
        """Normalised keys and language masks of the word tokens, without spans (fast path).

        A Han run of one or two characters gives one token per character (a spaced Chinese
        phrase, maybe with a pair typed together); longer runs are ordinary Chinese words and
        sentences, or glued phrases that _cjk_run scores separately, so they become one empty
        breaker token."""
        get = self._keycache.get
        mk = self._key
        exact = self._index.exact
        if not has_han:
            keys = [get(w) or mk(w) for w in words]
        else:
            keys = []
            for w in words:
                if _is_han(w[0]):
                    if len(w) <= MAX_GLUED_HAN:
                        keys.extend(w)
                    else:
                        keys.append("")
                else:
                    keys.append(get(w) or mk(w))
        return keys, [exact.get(k, 0) for k in keys]

    @staticmethod
    def _spans(st: _Scan) -> list[tuple[int, int]]:
        """Spans aligned with _lex's tokens; only built when a candidate run needs positions."""
        text = st.words
        if not st.has_han:
            return list(map(_SPAN, st.word_re().finditer(text)))
        spans: list[tuple[int, int]] = []
        for m in st.word_re().finditer(text):
            start, end = m.span()
            if _is_han(text[start]) and end - start <= MAX_GLUED_HAN:
                spans.extend((i, i + 1) for i in range(start, end))
            else:
                spans.append((start, end))
        return spans

    def _code(self, word: str) -> str:
        """Code characters of one raw token (see __init__): Han runs of one or two characters
        give one code per character, longer Han runs one breaker code (as in _lex)."""
        codes = self._mask_code
        exact = self._index.exact
        if _is_han(word[0]):
            if len(word) <= MAX_GLUED_HAN:
                code = "".join([codes[exact.get(c, 0)] for c in word])
            else:
                code = codes[0]
        else:
            code = codes[exact.get(self._cached_key(word), 0)]
        if len(self._codecache) >= CACHE_LIMIT:
            self._codecache.clear()
        self._codecache[word] = code
        return code

    def _scan_words(self, st: _Scan) -> None:
        text = st.words
        if st.has_han:
            # One pass per Chinese list over the whole text (not per Han run): the list's
            # character class finds its glued runs of 11+ characters directly.
            if _HAN_LONG_RE.search(text):
                for lang, run_re in self._cjk_res:
                    st.secrets += self._cjk_runs(st, text, run_re, lang)
        words = st.all_words if st.all_words is not None else st.word_re().findall(text)
        if len(words) < MIN_PARTIAL_WORDS // MAX_GLUED_HAN:
            return
        # One C-speed pass: raw token -> cached code string; only unseen tokens cost Python.
        codes = "".join(map(self._codecache.get, words, repeat("\0")))
        if "\0" in codes:
            get = self._codecache.get
            codes = "".join([get(w) or self._code(w) for w in words])
        if len(codes) < MIN_PARTIAL_WORDS:
            return
        # A run needs 8 words of one language with single gaps: prove most text cannot hold
        # one with a regex (any list, then per language) before any per-token work.
        if not self._any_filter.search(codes):
            return
        code_mask = self._code_mask
        present = reduce(or_, map(code_mask.__getitem__, set(codes)), 0)
        passing = [
            (bit, window, flags)
            for bit, window, flags in self._lang_filters
            if bit & present and window.search(codes)
        ]
        if not passing:
            return
        # Keys and masks are built per candidate region only (aligned with ``codes``); a Han
        # text splits short Han words per character, so it takes the whole-text _lex instead.
        lexed = self._lex(words, True) if st.has_han else None
        key = self._cached_key
        spans: list[tuple[int, int]] | None = None  # only needed around candidate runs
        fuzzy_cache: dict[str, int] = {}
        index = self._index

        def fuzzy(key: str) -> int:
            v = fuzzy_cache.get(key)
            if v is None:
                v = 0 if key in FUNCTION_WORDS else index.fuzzy(key)
                fuzzy_cache[key] = v
            return v

        found: list[SecretFinding] = []
        for bit, window, flag_table in passing:
            lang = index.language(bit)
            for m in _REGION_RE.finditer(codes.translate(flag_table)):
                ra, rb = m.span()
                if rb - ra < MIN_PARTIAL_WORDS or not window.search(codes, ra, rb):
                    continue
                if lexed is None:
                    keys = [key(w) for w in words[ra:rb]]
                    masks = [code_mask[c] for c in codes[ra:rb]]
                else:
                    keys, masks = lexed[0][ra:rb], lexed[1][ra:rb]
                if not lang.is_cjk and not self._may_hold_phrase(keys, masks, bit, fuzzy):
                    continue
                if spans is None:
                    spans = self._spans(st)
                toks = [(*sp, k, m) for sp, k, m in zip(spans[ra:rb], keys, masks, strict=True)]
                found += self._region_findings(st, toks, bit, lang, fuzzy)
        st.secrets += found

    def _may_hold_phrase(
        self, keys: list[str], masks: list[int], bit: int, fuzzy: Callable[[str], int]
    ) -> bool:
        """Position-free pre-check of a region: some run is long enough and not English prose."""
        toks = [(0, 0, k, m) for k, m in zip(keys, masks, strict=True)]
        english = self._index.language(bit).name == "english"
        common = self._index.common_en
        for lo, r, _bad in _windows(toks, bit, fuzzy):
            if r - lo + 1 >= MIN_PARTIAL_WORDS and not (
                english and _looks_like_prose(toks, lo, r, common)
            ):
                return True
        return False

    def _region_findings(
        self,
        st: _Scan,
        toks: list[_Token],
        bit: int,
        lang: Language,
        fuzzy: Callable[[str], int],
    ) -> list[SecretFinding]:
        found: list[SecretFinding] = []
        common = self._index.common_en
        for lo, r, bad in _windows(toks, bit, fuzzy):
            n = r - lo + 1
            if n < MIN_PARTIAL_WORDS:
                continue
            if lang.is_cjk and _unspaced(toks, lo, r):
                found += self._cjk_findings(st, toks, lo, r, lang)
                continue
            if lang.name == "english" and _looks_like_prose(toks, lo, r, common):
                continue
            full = n >= MIN_FULL_WORDS and bad <= MAX_BAD_WORDS
            if not full:
                if bad > 1:
                    continue
                lo = _skip_context_words(toks, lo, r)
                if r - lo + 1 < MIN_PARTIAL_WORDS or not _phrase_like(
                    st.words, toks, lo, r, common if lang.name == "english" else None
                ):
                    continue
                if not st.context_before(toks[lo][0]):
                    continue
            kind, conf = _classify_phrase(lang, toks, lo, r, full)
            found.append(SecretFinding(kind, toks[lo][0], toks[r][1], conf, lang.name))
        return found

    def _cjk_findings(
        self, st: _Scan, toks: list[_Token], lo: int, r: int, lang: Language
    ) -> list[SecretFinding]:
        """Mostly glued single Han tokens (short chunks): score each glued stretch."""
        out: list[SecretFinding] = []
        i = lo
        while i <= r:
            j = i
            while j < r and toks[j + 1][0] == toks[j][1]:
                j += 1
            if j - i + 1 >= MIN_FULL_WORDS:
                span = toks[i : j + 1]
                run = "".join(t[2] for t in span)
                if len(run) == j - i + 1 and span[-1][1] - span[0][0] == len(run):
                    out += self._cjk_run(st, run, span[0][0], lang)
            i = j + 1
        return out

    def _cjk_runs(
        self, st: _Scan, text: str, run_re: re.Pattern[str], lang: Language
    ) -> list[SecretFinding]:
        """_cjk_run for every glued run of one list, with the same findings, but all runs
        share one translate, one running sum and one window classification over the runs
        joined by a poison separator (a window holding it is out of range, class 0; 12 class-0
        windows between two runs keep segments from bridging them; an 11-char run is padded
        with one zero-score character, and its finding clipped to the run). Python only visits
        runs of exact phrase length (checksum), runs with context-dependent (class 1) windows,
        and the hit segments."""
        found = [(m.start(), m.group()) for m in run_re.finditer(text)]
        if not found:
            return []
        win = CJK_WINDOW
        joined = "\0".join(r + "\1" if len(r) == MIN_FULL_WORDS else r for _s, r in found)
        values = joined.translate(self._cjk_batch_tables[lang.bit]).encode("latin-1")
        scores = _window_scores(values, win)
        offsets = list(accumulate((max(len(r), win) + 1 for _s, r in found[:-1]), initial=0))
        exact = [k for k, (_s, r) in enumerate(found) if len(r) in _EXACT_LENGTHS]
        raw = scores[:] if exact else scores
        if len(found) > 2:
            # Gate: with many runs, go on only if some window could hit (score >= 10, or 8-9
            # when the message has seed/key vocabulary, or >= 6 in a run of exact length).
            level = bytes(scores).translate(_CJK_BATCH_CLASSES)
            if 2 not in level and not any(
                max(raw[offsets[k] : offsets[k] + len(found[k][1]) - win + 1]) >= win + 6
                for k in exact
            ):
                if 1 not in level or not st.has_secret_context():
                    return []
        kind = "monero_seed" if lang.family == "monero" else "bip39_mnemonic"
        out: list[SecretFinding] = []
        n_scores = len(scores)
        for m in _DOUBLE_RE.finditer(joined):  # reduplication scores like a top-100 character
            p = m.start() + 1
            v = values[p]
            for w in range(max(0, p - win + 1), min(p + 1, n_scores)):
                scores[w] -= v
        # Runs of exact phrase length with a valid checksum are one finding (as in _cjk_run,
        # on the scores before the reduplication rule); their windows are then cleared.
        for k in exact:
            start, run = found[k]
            o = offsets[k]
            top = max(raw[o : o + len(run) - win + 1]) - win
            if top >= 6 and bip39_checksum_ok(lang, list(run)):
                out.append(SecretFinding(kind, start, start + len(run), 0.99, lang.name))
                scores[o : o + len(run) - win + 1] = [0] * (len(run) - win + 1)
        qual = bytearray(bytes(scores).translate(_CJK_BATCH_CLASSES))
        if 1 in qual:
            seen = -1
            for one in _CJK_ONE_RE.finditer(bytes(qual)):  # a snapshot: qual changes below
                k = bisect.bisect_right(offsets, one.start()) - 1
                if k == seen:
                    continue
                seen = k
                start, run = found[k]
                lo = offsets[k]
                hi = lo + max(1, len(run) - win + 1)
                if st.context_before(start, 30):
                    qual[lo:hi] = qual[lo:hi].replace(b"\1", b"\2")
                else:
                    for s in self._context_windows(st, run, start, bytes(qual[lo:hi])):
                        qual[lo + s] = 2
        if 2 in qual:
            for seg in _CJK_SEG_RE[win].finditer(qual):
                k = bisect.bisect_right(offsets, seg.start()) - 1
                start, run = found[k]
                shift = start - offsets[k]
                end = min(shift + seg.end() - 1 + win, start + len(run))  # 11-char runs: padded
                out.append(SecretFinding(kind, shift + seg.start(), end, 0.8, lang.name))
        return out

    def _cjk_run(self, st: _Scan, run: str, start: int, lang: Language) -> list[SecretFinding]:
        """Unspaced Chinese at ``text[start:start + len(run)]``. Everyday text is made of
        wordlist characters too, so a glued run must look random: many rare characters (the
        lists are ordered by frequency) and few of the top-100 function characters, or carry a
        valid checksum at exact phrase length.

        Position-free: the run is translated to rank values once and the 12-char window scores
        come from running sums (C-level accumulate/map); Python only touches the rare windows
        that need a context look-up."""
        n = len(run)
        win = min(CJK_WINDOW, n)
        values = run.translate(self._cjk_tables[lang.bit]).encode("latin-1")
        scores = _window_scores(values, win)  # each is score + win
        top = max(scores) - win
        kind = "monero_seed" if lang.family == "monero" else "bip39_mnemonic"
        if n in (12, 15, 18, 21, 24) and top >= 6 and bip39_checksum_ok(lang, list(run)):
            return [SecretFinding(kind, start, start + n, 0.99, lang.name)]
        if top < CJK_THRESHOLD_CONTEXT:
            return []
        if _DOUBLE_RE.search(run):
            # Reduplication ("谢谢", "看看") is a Chinese word pattern, rare in random phrases:
            # the repeated character scores like a top-100 one.
            marked = bytearray(values)
            for m in _DOUBLE_RE.finditer(run):
                marked[m.start() + 1] = 0
            scores = _window_scores(bytes(marked), win)
            if max(scores) - win < CJK_THRESHOLD_CONTEXT:
                return []
        # Window classes: 2 = hit on its own, 1 = hit with seed/key context, 0 = no hit.
        cls = _CJK_CLASSES[win]
        qual = bytes(map(cls.__getitem__, scores))
        if 1 in qual:
            if st.context_before(start, 30):
                qual = qual.replace(b"\1", b"\2")
            else:
                promoted = bytearray(qual)
                for s in self._context_windows(st, run, start, qual):
                    promoted[s] = 2
                qual = bytes(promoted)
        seg_re = _CJK_SEG_RE[win]
        return [
            SecretFinding(kind, start + m.start(), start + m.end() - 1 + win, 0.8, lang.name)
            for m in seg_re.finditer(qual)
        ]

    @staticmethod
    def _context_windows(st: _Scan, run: str, start: int, qual: bytes) -> list[int]:
        """Class-1 windows with seed/key vocabulary ending within 4 chars before them. Only
        windows near a Han seed/key term (or at the run start) get the exact check."""
        hot = {
            s
            for m in _HAN_SECRET_CTX_RE.finditer(run)
            for s in range(m.end(1), m.end(1) + 5)
            if s < len(qual) and qual[s] == 1
        }
        hot.update(s for s in range(1, min(4, len(qual))) if qual[s] == 1)
        return [s for s in sorted(hot) if s and st.context_before(start + s, 4)]


class _RankTable(dict[int, str]):
    """str.translate table for one Chinese list; characters outside it score 0."""

    def __missing__(self, key: int) -> str:
        return "\1"


_HAN_SECRET_CTX_RE = re.compile(
    "(?=("
    + "|".join(
        sorted((k for k, v in ctx.HAN_CONTEXT.items() if v in ("seed", "key")), key=len)[::-1]
    )
    + "))"
)
_CJK_SEG_RE = {
    w: re.compile(rb"\x02(?:[^\x02]{0,%d}\x02)*" % (w - 1)) for w in range(1, CJK_WINDOW + 1)
}


def _window_scores(values: bytes, win: int) -> list[int]:
    """Sums of every ``win``-long window of ``values`` (running sums, C-level)."""
    if len(values) == win:
        return [sum(values)]
    prefix = list(accumulate(values, initial=0))
    return list(map(sub, prefix[win:], prefix))  # map stops at the shorter


def _cjk_classes(win: int) -> list[int]:
    """Window class by (score + win): the shifted scores are what the running sums give."""
    out = []
    for shifted in range(3 * win + 1):
        score = shifted - win
        out.append(2 if score >= CJK_THRESHOLD else 1 if score >= CJK_THRESHOLD_CONTEXT else 0)
    return out


_CJK_CLASSES = {w: _cjk_classes(w) for w in range(1, CJK_WINDOW + 1)}


_EXACT_LENGTHS = frozenset((12, 15, 18, 21, 24))
_CJK_POISON = 41
# Window class (see _cjk_classes) by window sum as a bytes.translate table; sums from
# _CJK_POISON up contain a run separator and are class 0.
_CJK_BATCH_CLASSES = bytes(
    _CJK_CLASSES[CJK_WINDOW][v] if v <= 3 * CJK_WINDOW else 0 for v in range(256)
)
_CJK_ONE_RE = re.compile(rb"\x01")
_REGION_RE = re.compile(r"1(?:0?1)*")
_DOUBLE_RE = re.compile(r"(.)\1")


def _rank_value(rank: int) -> int:
    """Chinese lists are frequency-ordered: rare characters are evidence of a random phrase."""
    if rank >= 1000:
        return 2
    if rank >= 500:
        return 1
    return 0 if rank >= 100 else -1


def _windows(
    toks: list[_Token], bit: int, fuzzy: Callable[[str], int]
) -> list[tuple[int, int, int]]:
    """Maximal runs of one language's words: (first, last, typo'd words inside).

    A run starts and ends on exact words; up to MAX_BAD_WORDS single typo'd words (one edit
    away from a word of that language) may sit inside, never two in a row.
    """
    out: list[tuple[int, int, int]] = []
    first = -1
    last_exact = -1
    bads: list[int] = []
    for i, (_s, _e, key, mask) in enumerate(toks):
        if mask & bit:
            if first < 0:
                first = i
            last_exact = i
            continue
        if first >= 0 and i == last_exact + 1 and key and fuzzy(key) & bit:
            if len(bads) < MAX_BAD_WORDS:
                bads.append(i)
                continue
            out.append((first, last_exact, len(bads)))
            first = bads.pop(0) + 1
            bads.append(i)
            continue
        if first >= 0:
            out.append((first, last_exact, sum(1 for b in bads if b < last_exact)))
        first = -1
        bads = []
    if first >= 0:
        out.append((first, last_exact, sum(1 for b in bads if b < last_exact)))
    return out


def _looks_like_prose(toks: list[_Token], lo: int, r: int, common: frozenset[str]) -> bool:
    """Two thirds frequent words: an English sentence, not a random phrase (p < 3e-4 for 12)."""
    n = r - lo + 1
    hits = sum(1 for i in range(lo, r + 1) if toks[i][2] in common)
    return hits * 3 >= n * 2


def _skip_context_words(toks: list[_Token], lo: int, r: int) -> int:
    """First token after leading seed/key vocabulary ("seed phrase", "private key"): those
    words are wordlist words too, but they are the context of the phrase, not part of it."""
    while lo <= r:
        key = toks[lo][2]
        if ctx.token_label(key) in ("seed", "key"):
            lo += 1
        elif lo < r and ctx.pair_label(key, toks[lo + 1][2]) in ("seed", "key"):
            lo += 2
        else:
            break
    return lo


def _phrase_like(
    text: str, toks: list[_Token], lo: int, r: int, common: frozenset[str] | None
) -> bool:
    """A short run after seed/key vocabulary must look typed as a list, not as sentences:
    no sentence punctuation between its words, no two-word seed/key term inside ("seed
    phrase", "private key": talking about seeds), and for English at most half frequent
    words (a random phrase has one in six)."""
    for i in range(lo + 1, r + 1):
        if _SENTENCE_GAP_RE.search(text[toks[i - 1][1] : toks[i][0]]):
            return False
    for i in range(lo, r):
        key, nxt = toks[i][2], toks[i + 1][2]
        if ctx.pair_label(key, nxt) in ("seed", "key") or (
            ctx.token_label(key) == "seed" and ctx.token_label(nxt) == "seed"
        ):
            return False
    if common is not None:
        hits = sum(1 for i in range(lo, r + 1) if toks[i][2] in common)
        if hits > PARTIAL_COMMON_MAX * (r - lo + 1):
            return False
    return True


def _unspaced(toks: list[_Token], lo: int, r: int) -> bool:
    glued = sum(1 for i in range(lo + 1, r + 1) if toks[i][0] == toks[i - 1][1])
    return glued * 2 > (r - lo)


def _classify_phrase(
    lang: Language, toks: list[_Token], lo: int, r: int, full: bool
) -> tuple[str, float]:
    """Kind and confidence of a run. The reported span stays the whole run: trimming it to a
    checksum-valid window could leave real words behind when a shorter window passes by chance."""
    keys = [toks[i][2] for i in range(lo, r + 1)]
    n = len(keys)
    if lang.family == "monero":
        for size in (25, 13):
            for off in _offsets(n, size):
                if monero_checksum_ok(lang, keys[off : off + size]):
                    return "monero_seed", 0.99
        return "monero_seed", 0.8 if n >= 23 else 0.55
    for size in (24, 21, 18, 15, 12):
        for off in _offsets(n, size):
            if bip39_checksum_ok(lang, keys[off : off + size]):
                return "bip39_mnemonic", 0.99
    if lang.name == "english" and n >= 12:
        for size in (12, 13):
            for off in _offsets(n, size):
                if electrum_version_ok(keys[off : off + size]):
                    return "electrum_seed", 0.95
    return "bip39_mnemonic", 0.85 if full else 0.6


def _offsets(n: int, size: int) -> range | tuple[int, ...]:
    """Where to try a checksum: every offset in short runs, only the two ends in long ones."""
    if n < size:
        return ()
    if n - size <= 6:
        return range(n - size + 1)
    return (0, n - size)


def _merge(found: list[SecretFinding]) -> list[SecretFinding]:
    """Union overlapping spans; the most confident finding names the merged span."""
    if not found:
        return []
    found = sorted(found, key=lambda f: (f.start, -f.end))
    out: list[SecretFinding] = []
    cur = found[0]
    for f in found[1:]:
        if f.start < cur.end:
            best = _better(cur, f)
            cur = SecretFinding(
                best.kind, cur.start, max(cur.end, f.end), best.confidence, best.language
            )
        else:
            out.append(cur)
            cur = f
    out.append(cur)
    return out


def _better(a: SecretFinding, b: SecretFinding) -> SecretFinding:
    if b.confidence > a.confidence:
        return b
    if b.confidence == a.confidence and a.kind == "monero_seed" and b.kind != "monero_seed":
        return b
    return a
