"""Group declined questions so staff see what to add to the FAQ (/unanswered).

Near-duplicates ("deposit not arrived", "my deposit didnt arrive!!") are clustered with
rapidfuzz on the same language-neutral content keys the matcher uses, so the same
question in translit and Cyrillic, or with typos, ends up in one group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from faq.text import analyse, normalize

#: two questions are "the same" at or above this token_sort_ratio of their content keys
SIMILARITY = 78.0
_MAX_SAMPLES = 3


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    example: str  # the most frequent wording
    count: int
    samples: tuple[str, ...]  # up to 3 distinct wordings, most frequent first


def _content_key(text: str) -> str:
    a = analyse(text)
    keys = [u.key for u in a.units]
    return " ".join(keys) if keys else normalize(text)


def _by_frequency(texts: list[str]) -> list[str]:
    counts = Counter(texts)
    first = {t: i for i, t in reversed(list(enumerate(texts)))}
    return sorted(texts, key=lambda t: (-counts[t], first[t]))


def group_questions(texts: Sequence[str], limit: int = 10) -> list[QuestionGroup]:
    """Cluster near-duplicate texts; most frequent groups first, at most `limit`."""
    # exact duplicates (after normalisation) first, so the most common wording leads
    by_norm: dict[str, list[str]] = {}
    for t in texts:
        if not t or not t.strip():
            continue
        by_norm.setdefault(normalize(t), []).append(t.strip())
    # within a variant, lead with its most common raw spelling
    variants = [_by_frequency(v) for v in by_norm.values()]
    variants.sort(key=lambda v: (-len(v), v[0]))
    reps: list[str] = []  # content key of each group's first variant
    groups: list[list[list[str]]] = []  # group -> variants -> raw texts
    for variant in variants:
        key = _content_key(variant[0])
        hit = (
            process.extractOne(key, reps, scorer=fuzz.token_sort_ratio, score_cutoff=SIMILARITY)
            if reps
            else None
        )
        if hit is None:
            reps.append(key)
            groups.append([variant])
        else:
            groups[hit[2]].append(variant)
    out = [
        QuestionGroup(
            example=g[0][0],
            count=sum(len(v) for v in g),
            samples=tuple(v[0] for v in sorted(g, key=lambda v: -len(v))[:_MAX_SAMPLES]),
        )
        for g in groups
    ]
    out.sort(key=lambda g: -g.count)  # stable: ties keep first-seen order
    return out[: max(0, limit)]
