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


# every branch-wise alternation of the intents, against its whole pattern
_PAIRS = [
    (re.compile(fast.pattern, re.IGNORECASE), fast)
    for fast in vars(I).values()
    if isinstance(fast, I._AnyOf)
] + [
    (re.compile(fast.pattern, re.IGNORECASE), fast)
    for group in (I._URGENT_FAST, I._PERSON_FAST)
    for _name, fast in group
]
_WORDS = sorted(
    {lit for _p, fast in _PAIRS for _rx, _s, lits in fast._branches for lit in lits}
    | {"my", "i", "was", "not", "the", "me", "я", "не", "мой", "我", "的", "了", "?", ".", " "}
)
#: letters that re.IGNORECASE equates with others in ways str.casefold may not
_SPECIAL = ["ı", "İ", "ſ", "\u212a", "ᲀ", "ẞ", "I", "S", "K"]


def _respell(text: str, data: st.DataObject) -> str:
    """Swap some letters for the special folds above (dıdn't, ſent, Kelvin-sign K...)."""
    swaps = {"i": ["ı", "İ"], "s": ["ſ"], "k": ["\u212a"], "в": ["ᲀ"]}
    out = []
    for ch in text:
        if ch in swaps and data.draw(st.integers(0, 3)) == 0:
            out.append(data.draw(st.sampled_from(swaps[ch])))
        else:
            out.append(ch)
    return "".join(out)


def test_every_alternation_is_covered() -> None:
    assert len(_PAIRS) >= 20  # module-level alternations + the urgent and person groups


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_WORDS), st.text(max_size=4), st.sampled_from(_SPECIAL)),
        max_size=14,
    ).map(" ".join),
    st.booleans(),
    st.data(),
)
def test_gated_search_agrees_with_the_whole_pattern(
    text: str, upper: bool, data: st.DataObject
) -> None:
    """Texts made of the gates' own words (so branches do pass the gate), raw, upper-cased or
    respelled with letters IGNORECASE treats specially: the gate never turns a match into a
    miss."""
    text = _respell(text, data)
    if upper:
        text = text.upper()
    for pat, fast in _PAIRS:
        assert (pat.search(text) is None) == (fast.search(text) is None), (pat.pattern[:60], text)


def test_dotless_i_still_reaches_the_rules() -> None:
    # re.IGNORECASE equates ı with i; casefold does not, so the gate folds it itself
    text = "my 2fa was dısabled thıs mornıng, i dıdn't dısable ıt"
    assert I.detect_urgent_rules(text) == I.detect_urgent_rules(text.replace("ı", "i"))
    assert I.detect_urgent_rules(text) is not None
