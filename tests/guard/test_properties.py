"""Property tests: any generated mnemonic is found in surrounding text and fully redacted."""

from __future__ import annotations

import unicodedata
from typing import Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from guard import SecretGuard
from guard._wordlists import BIP39_LANGS, strip_marks

GUARD = SecretGuard()
MNEMOS = {lang: Mnemonic(lang) for lang in BIP39_LANGS}

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
    else:
        words = draw(st.lists(st.sampled_from(m.wordlist), min_size=n, max_size=n))
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
