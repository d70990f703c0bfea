"""Necessary literals of a regex: strings of which every match contains at least one.

A screen is a few hundred regex branches, and on a long message most of the time went into
searches that could not match. A branch whose necessary words are all absent from the text is
skipped after a few substring tests (`str.__contains__`), which are far cheaper than a regex
scan. Only a yes/no gate: a branch that passes still runs its regex, so answers do not change.
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _p
from collections.abc import Iterable
from typing import Any

_HAN_LO, _HAN_HI = "\u3400", "\u9fff"


def fold_for_literals(text: str) -> str:
    """Case folding that agrees with `re.IGNORECASE`: besides `str.casefold`, re also equates
    the Turkish dotless ı and dotted İ with i, which casefold leaves apart."""
    return text.replace("ı", "i").replace("İ", "i").casefold()


def literal_weight(lit: str) -> int:
    """How selective a literal is: its length, a Han character counting double."""
    return sum(2 if _HAN_LO <= ch <= _HAN_HI else 1 for ch in lit)


def necessary_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Case-folded strings of which every match of `pattern` contains at least one, or None
    when the pattern has no such set (a match may consist of classes and repeats only)."""
    if pattern.flags & re.VERBOSE:
        return None  # comments and spaces would read as literals
    return _sequence(_p.parse(pattern.pattern, pattern.flags))


def _sequence(items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    """Each literal run, group or alternation of a sequence that is itself necessary gives a
    candidate set; the most selective one (longest shortest literal, then fewest) is kept."""
    cands: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            cands.append(frozenset({fold_for_literals("".join(run))}))
            run = []
        sub: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            sub = _sequence(av[-1])
        elif op is _c.BRANCH:
            alts = [_sequence(a) for a in av[1]]
            if all(a is not None for a in alts):
                sub = frozenset().union(*(a for a in alts if a is not None))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _sequence(av[2])
        if sub:
            cands.append(sub)
    if run:
        cands.append(frozenset({fold_for_literals("".join(run))}))
    cands = [c for c in cands if "" not in c]
    if not cands:
        return None
    return max(cands, key=lambda s: (min(map(literal_weight, s)), -len(s)))
