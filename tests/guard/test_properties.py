"""Property tests: any generated mnemonic is found in surrounding text and fully redacted."""

from __future__ import annotations

import unicodedata
from typing import Literal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from guard import SecretGuard
from guard._wordlists import BIP39_LANGS, strip_marks

GUARD = SecretGuard()
MNEMOS = {lang: Mnemonic(lang) for lang in BIP39_LANGS}
# The `mnemonic` package's Russian list holds one corrupt entry ("сно\ufffd\ufffdа"): no wallet
# can show it, so nobody can paste it. Random phrases draw from the other words; checksummed
# phrases from `to_mnemonic` that contain it are skipped.
TYPABLE = {lang: [w for w in m.wordlist if "\ufffd" not in w] for lang, m in MNEMOS.items()}

# Surrounding text: arbitrary printable text from several scripts, kept apart from the phrase by
# a separator (a word glued to the phrase is a different token by definition).
_NO_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
surround = st.text(
    alphabet=st.characters(blacklist_categories=_NO_SURROGATES, max_codepoint=0x9FFF), max_size=80
)
separators = st.sampled_from([" ", "\n", " \n ", "\t", ": ", "\n\n"])


@st.composite
def mnemonics(draw: st.DrawFn) -> tuple[str, list[str]]:
    lang = draw(st.sampled_from(BIP39_LANGS))
    m = MNEMOS[lang]
    n = draw(st.sampled_from([12, 15, 18, 21, 24]))
    if draw(st.booleans()):
        entropy = draw(st.binary(min_size=n * 4 // 3, max_size=n * 4 // 3))
        words = m.to_mnemonic(entropy).replace("\u3000", " ").split(" ")
        assume(not any("\ufffd" in w for w in words))
    else:
        words = draw(st.lists(st.sampled_from(TYPABLE[lang]), min_size=n, max_size=n))
    return lang, [unicodedata.normalize("NFC", w) for w in words]


def _no_run_of_three(text: str, words: list[str]) -> bool:
    """No three consecutive phrase words remain adjacent in the redacted text."""
    keys = [strip_marks(w) for w in words]
    toks = [strip_marks(t) for t in text.replace("\u3000", " ").split()]
    if all(len(k) == 1 for k in keys):  # CJK: compare per character
        toks = [strip_marks(c) for c in text if not c.isspace()]
    trigrams = {tuple(keys[i : i + 3]) for i in range(len(keys) - 2)}
    return not any(tuple(toks[i : i + 3]) in trigrams for i in range(len(toks) - 2))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mnemonics(), surround, surround, separators, separators)
def test_mnemonic_found_and_redacted(
    phrase: tuple[str, list[str]], before: str, after: str, sep1: str, sep2: str
) -> None:
    lang, words = phrase
    joiner = "\u3000" if lang == "japanese" else " "
    text = before + sep1 + joiner.join(words) + sep2 + after
    res = GUARD.scan(text)
    assert res.has_secret, (lang, text)
    redacted = GUARD.redact(text, res)
    assert _no_run_of_three(redacted, words), (lang, redacted)


# The fast tokenisers must give the reference tokeniser's tokens wherever they are used.
_mixed_scripts = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x7F),
        st.characters(min_codepoint=0x80, max_codepoint=0x52F),
        st.characters(min_codepoint=0x2000, max_codepoint=0x2BFF),
        st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),  # CJK punctuation, kana
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80),
        st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1F6FF),
        st.sampled_from("\u0301\u0308\u3099ßµªºǅ²½"),
    ),
    max_size=120,
)


@given(_mixed_scripts)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_fast_tokenisers_match_the_reference(text: str) -> None:
    from guard.core import _WORD_FIND_RE, _word_re

    assert _word_re(text).findall(text) == _WORD_FIND_RE.findall(text)


def test_plain_tokeniser_agrees_on_every_plain_code_point() -> None:
    from guard.core import _NOT_PLAIN_RE, _PLAIN, _PLAIN_WORD_RE, _WORD_FIND_RE

    checked = 0
    for c in map(chr, _PLAIN):
        text = f"a{c}b {c}{c} x{c}"
        if _NOT_PLAIN_RE.search(text):
            continue
        assert _PLAIN_WORD_RE.findall(text) == _WORD_FIND_RE.findall(text), hex(ord(c))
        checked += 1
    assert checked > 7000  # the blocks are almost all plain (marks are not)
