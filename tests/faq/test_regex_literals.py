"""The literal gate in front of the screens' regex branches may only skip branches that
cannot match: these tests compare gated and plain searches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from faq import intents as I
from faq.regex_literals import literal_weight, necessary_literals


def test_literals_of_simple_shapes() -> None:
    assert necessary_literals(re.compile(r"\bhello\s+world")) == {"hello"}
    assert necessary_literals(re.compile(r"(seed|mnemonic)\s+\w{0,5}")) == {"seed", "mnemonic"}
    # an optional group is not necessary; the required word is
    assert necessary_literals(re.compile(r"(my\s+)?account")) == {"account"}
    # a repeat with minimum 1 keeps its literals, with minimum 0 does not
    assert necessary_literals(re.compile(r"(ab)+c")) == {"ab"}
    assert necessary_literals(re.compile(r"(abc)*d")) == {"d"}
    # nothing literal at all
    assert necessary_literals(re.compile(r"\w+\s\d{3}")) is None
    # an alternation with a branch without literals gives no gate
    assert necessary_literals(re.compile(r"(foo|\d+)")) is None
    # case-folded, like the text it is compared with
    assert necessary_literals(re.compile("ВЫВОД", re.IGNORECASE)) == {"вывод"}


def test_han_counts_double() -> None:
    assert literal_weight("提现") == 4
    assert literal_weight("abc") == 3


_PAIRS = [(pat, fast) for (_n, pat), (_m, fast) in zip(I._URGENT, I._URGENT_FAST, strict=True)]
_PAIRS += [(I._HUMAN, I._HUMAN_FAST), (I._UNCOVERED, I._UNCOVERED_FAST)]
_PAIRS += [
    (pat, fast)
    for (_n, pat), (_m, fast) in zip(
        (*I._NEEDS_PERSON, *I._NEEDS_PERSON_MORE), I._PERSON_FAST, strict=True
    )
]
_WORDS = sorted(
    {lit for _p, fast in _PAIRS for _rx, _s, lits in fast._branches for lit in lits}
    | {"my", "i", "was", "not", "the", "me", "я", "не", "мой", "我", "的", "了", "?", ".", " "}
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_WORDS), st.text(max_size=4)),
        max_size=14,
    ).map(" ".join),
    st.booleans(),
)
def test_gated_search_agrees_with_the_whole_pattern(text: str, upper: bool) -> None:
    """Texts made of the gates' own words (so branches do pass the gate), raw or upper-cased:
    the gate never turns a match into a miss."""
    if upper:
        text = text.upper()
    for pat, fast in _PAIRS:
        assert (pat.search(text) is None) == (fast.search(text) is None), (pat.pattern[:60], text)
