"""Second stage of urgent-incident detection: a small naive Bayes model.

The regexes in `faq.intents` catch incidents in the words they name. People often report a
takeover without them ("got an email that a whitelist address was added, I was asleep"), so
`detect_urgent` also asks this model, trained on labelled incident reports and hard negatives
(`bench/train_urgent.py`; the data are under `faq/eval/`). Features are language-neutral:
word forms and character 3/4-grams with Cyrillic transliterated (so Russian and Russian typed in
Latin share them), Chinese characters and bigrams. Binary features, Laplace smoothing, a score
normalised by the square root of the number of features so long stories are not favoured.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from faq.text import normalize, translit

log = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).resolve().parent / "models" / "urgent_nb.json"
#: log-odds above which a message is an incident (chosen by cross-validation in
#: bench/train_urgent.py: about 1 % more false alarms than the regexes alone)
THRESHOLD = 1.0

_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(r"[\u3400-\u9fff]")


def features(text: str) -> frozenset[str]:
    """Binary features of a message (see the module docstring)."""
    out: set[str] = set()
    for tok in _WORD.findall(normalize(text)):
        out.update(_token_features(tok))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _token_features(tok: str) -> tuple[str, ...]:
    """Features of one token (cached: chat repeats its words)."""
    if _HAN.search(tok):
        return (
            *("c:" + c for c in tok),
            *("b:" + tok[i : i + 2] for i in range(len(tok) - 1)),
        )
    word = tok if tok.isascii() else translit(tok)
    padded = f" {word} "
    grams = [padded[i : i + n] for n in (3, 4) for i in range(len(padded) - n + 1)]
    return ("w:" + word, *("g:" + g for g in grams))


@dataclass(frozen=True, slots=True)
class UrgentModel:
    """Per-feature log-likelihood ratios and the prior log-odds."""

    weights: Mapping[str, float]
    prior: float

    def score(self, text: str) -> float:
        """Log-odds that ``text`` reports an incident (> THRESHOLD: treat as urgent)."""
        feats = features(text)
        if not feats:
            return self.prior
        get = self.weights.get
        # fsum over sorted features: the same score whatever the set's iteration order
        total = math.fsum(get(f, 0.0) for f in sorted(feats))
        return self.prior + total / math.sqrt(len(feats))

    @classmethod
    def train(cls, rows: Iterable[tuple[str, bool]], alpha: float = 0.5) -> UrgentModel:
        counts: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
        docs = {True: 0, False: 0}
        for text, urgent in rows:
            docs[urgent] += 1
            counts[urgent].update(features(text))
        if not docs[True] or not docs[False]:
            raise ValueError("training needs both urgent and ordinary messages")
        vocab = set(counts[True]) | set(counts[False])
        denom = {y: sum(counts[y].values()) + alpha * len(vocab) for y in (True, False)}
        weights = {
            f: math.log((counts[True][f] + alpha) / denom[True])
            - math.log((counts[False][f] + alpha) / denom[False])
            for f in vocab
        }
        return cls(weights, math.log(docs[True] / docs[False]))

    def to_json(self) -> str:
        weights = {k: round(v, 3) for k, v in sorted(self.weights.items())}
        data = {"prior": round(self.prior, 4), "weights": weights}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> UrgentModel:
        data = json.loads(text)
        weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
        prior = float(data["prior"])
        if not math.isfinite(prior) or not all(map(math.isfinite, weights.values())):
            raise ValueError("urgent model: non-finite weight or prior")
        return cls(weights, prior)


@lru_cache(maxsize=1)
def shipped_model() -> UrgentModel | None:
    """The model shipped with the package, or None (regexes only) if it is missing/unreadable."""
    try:
        return UrgentModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("urgent model %s not loaded; urgent detection uses the rules only", MODEL_FILE)
        return None
