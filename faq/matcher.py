"""FAQ matching: an inverted index for candidates, soft coverage + rapidfuzz for scores,
and one function (`decide`) that turns the ranked list into answer / suggest / decline.

Why not a single similarity threshold: a lexical ranker usually puts the right entry
first, but its raw score does not separate right from wrong answers, and the score of
the runner-up rises as the base grows. So the decision uses several signals that stay
meaningful at 10 entries and at 10,000:

* score of the best entry (blend of coverage, per-question F1 and rapidfuzz similarity);
* margin to the runner-up entry (two entries that both fit → ask, don't guess);
* coverage: how much of the message's *content* the best entry explains; words the base
  has never seen count against it, so off-topic messages with one lucky word decline;
* how much content there is at all (one word is a topic, not a question);
* urgent / spam / empty messages are declined before any score is considered.

Scores are in [0, 1]. All knobs live in `MatchThresholds`.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from faq.base import FaqBase
from faq.intents import detect_urgent
from faq.lang import detect_language
from faq.text import CJK_CHAR, Analysed, Unit, analyse, deletes1, normalize, sentences

Decision = Literal["answer", "suggest", "decline"]


@dataclass(frozen=True, slots=True)
class MatchThresholds:
    """Decision knobs (config section [faq.thresholds]); defaults tuned on the dev split."""

    #: minimum blended score of the best entry to answer directly
    answer_score: float = 0.50
    #: minimum lead of the best entry over the runner-up to answer directly
    answer_margin: float = 0.08
    #: minimum share of the message's content the best entry must explain to answer
    answer_coverage: float = 0.45
    #: minimum amount of content (words; a CJK character counts half) to answer
    answer_min_content: float = 1.5
    #: minimum score to offer suggestion buttons
    suggest_score: float = 0.35
    #: minimum coverage to offer suggestion buttons
    suggest_coverage: float = 0.35
    #: suggestions are entries within this distance of the best score
    suggest_window: float = 0.15

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> MatchThresholds:
        """Build from a config table; ValueError names the offending key."""
        names = {f.name: f for f in dataclasses.fields(cls)}
        kwargs: dict[str, float] = {}
        for key, value in data.items():
            if key not in names:
                raise ValueError(
                    f"faq.thresholds: unknown key {key!r} (known: {', '.join(sorted(names))})"
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"faq.thresholds.{key}: expected a number, got {value!r}")
            v = float(value)
            if key == "answer_min_content":
                if not 0.0 <= v <= 20.0:
                    raise ValueError(f"faq.thresholds.{key}: must be between 0 and 20")
            elif not 0.0 <= v <= 1.0:
                raise ValueError(f"faq.thresholds.{key}: must be between 0 and 1")
            kwargs[key] = v
        out = cls(**kwargs)
        if out.suggest_score > out.answer_score:
            raise ValueError("faq.thresholds.suggest_score: must not exceed answer_score")
        return out


@dataclass(frozen=True, slots=True)
class Candidate:
    entry_id: str
    score: float
    question: str  # the entry's question that matched best
    lang: str  # language of that question


@dataclass(frozen=True, slots=True)
class MatchResult:
    decision: Decision
    candidates: tuple[Candidate, ...] = ()
    suggestions: tuple[Candidate, ...] = ()
    reason: str = ""  # confident | ambiguous | weak | low_score | urgent | spam | no_content
    lang: str | None = None
    coverage: float = 0.0
    margin: float = 0.0

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


# ---- scoring constants (structure, not decision thresholds) -------------------------

#: weight of a unit = 1 / (1 + ALPHA * share of entries containing it): common words count less
_ALPHA = 8.0
#: df share is computed over at least this many entries, so tiny bases are not distorted
_MIN_N = 50
#: weight of a word the base has never seen (typo beyond repair, name, off-topic word)
_UNKNOWN_WEIGHT = 0.8
#: credit for a word matched only with one typo
_FUZZY_CREDIT = 0.8
#: credit for a CJK character present in the entry but not in the same bigram
_CHAR_CREDIT = 0.5
#: blend of the score
_W_COV, _W_F1, _W_RF = 0.45, 0.40, 0.15
#: candidate entries fully scored after the inverted-index pass
_TOP_K = 30
#: keys in more than this share of entries (and more than _COMMON_MIN_DF) are "common"
_COMMON_SHARE = 0.02
_COMMON_MIN_DF = 100
#: if rarer keys found at least this many entries, common keys do not add new ones
_ENOUGH_CANDIDATES = 8
#: of those, entries with the best coverage that get per-question scoring
_RESCORE_K = 10
#: questions per candidate entry that get the (costlier) two-sided F1
_F1_DOCS = 3
_MAX_CANDIDATES = 5
_MAX_SEGMENTS = 4
#: messages of at least this many words (CJK characters count half) are split into sentences
_LONG_MESSAGE = 25
_MIN_PREFIX = 4
_MIN_TYPO_LEN = 4
#: a CJK character carries about half the meaning of a word
_CJK_SCALE = 0.5

#: a sentence taken out of a long message competes with the whole message minus this
_SEGMENT_PENALTY = 0.08
_CLOSING = re.compile(
    r"^\W*(ok\w*|thanks?|thank you|thx|ty|cheers|great|cool|nice|got it|sorted|perfect|"
    r"спасибо|спс|благодарю|понял\w*|ок|хорошо|ясно|супер|огонь|谢谢|多谢|感谢|好的|明白|收到)\b",
)
_SPAM_STRONG = re.compile(
    r"\b(giveaway|dm me|double your (money|crypto|btc|eth)|guaranteed (profit|returns?)|"
    r"send [\d.]+ \w+ (and )?(get|receive) [\d.]+|100% (profit|guarantee)|recovery experts?|"
    r"(selling|sell) (verified )?(accounts?|kyc)|signals? group|earn \$?\d+)|"
    r"(пиши\w* в лс|гаранти\w* 100|продам\w* (верифиц\w* )?акк|заработ\w* от|"
    r"pishi v ls|zarabotok|加微信|私聊获取|带单|稳赚|出售\w*账号|月收益)",
)
_SPAM_LINK = re.compile(r"(https?://|www\.|t\.me/|bit\.ly|@[a-z0-9_]{5,}|\.(com|io|xyz|top|net)\b)")
_SPAM_PROMO = re.compile(
    r"\b(free|giveaway|bonus|profit|guaranteed|x10|x100|signals?|pump|join|claim|dm me|"
    r"investment|invest|earn \$|double your)\b|(бесплатн|раздач|заработ|доход|инвест|сигнал|"
    r"пиши\w* в лс|вступай|免费|赚钱|收益翻倍|加群|私聊|加我|送币|领取)",
)


@dataclass(slots=True)
class _Doc:
    """One indexed question."""

    entry: int
    lang: str
    text: str
    a: Analysed
    weights: tuple[float, ...] = ()
    total: float = 0.0
    keystr: str = ""


@dataclass(slots=True)
class _EntryVocab:
    words: set[str] = field(default_factory=set)
    chars: set[str] = field(default_factory=set)
    bigrams: set[str] = field(default_factory=set)


def _keystr(a: Analysed) -> str:
    """Language-neutral string of the content (word keys + CJK characters) for rapidfuzz."""
    return " ".join(u.key for u in a.units)


class Matcher:
    """Index over a FaqBase; immutable once built (construct a new one to reload)."""

    def __init__(self, base: FaqBase, thresholds: MatchThresholds | None = None) -> None:
        self.base = base
        self.thresholds = thresholds or MatchThresholds()
        self._ids = [e.id for e in base.entries]
        self._docs: list[_Doc] = []
        self._entry_docs: list[list[int]] = [[] for _ in base.entries]
        self._vocab: list[_EntryVocab] = [_EntryVocab() for _ in base.entries]
        df: dict[str, int] = {}
        kw_units: list[Unit] = []
        for ei, entry in enumerate(base.entries):
            voc = self._vocab[ei]
            for lang, q in entry.all_questions():
                a = analyse(q)
                self._entry_docs[ei].append(len(self._docs))
                self._docs.append(_Doc(ei, lang, q, a))
                voc.words |= a.words
                voc.chars |= a.chars
                voc.bigrams |= a.bigrams
            for kw in entry.keywords:
                a = analyse(kw)
                kw_units.extend(u for u in a.units if not u.cjk)
                voc.words |= a.words
                voc.chars |= a.chars
                voc.bigrams |= a.bigrams
            for k in (*voc.words, *voc.chars, *voc.bigrams):
                df[k] = df.get(k, 0) + 1
        self._df = df
        self._n = max(len(base.entries), _MIN_N)
        # postings: key -> entry indices (words and CJK bigrams; chars as a fallback)
        post: dict[str, list[int]] = {}
        for ei, voc in enumerate(self._vocab):
            for k in (*voc.words, *voc.bigrams, *voc.chars):
                post.setdefault(k, []).append(ei)
        self._post = {k: tuple(v) for k, v in post.items()}
        limit = max(_COMMON_MIN_DF, int(_COMMON_SHARE * len(base.entries)))
        self._common = {k: frozenset(v) for k, v in post.items() if len(v) > limit}
        # one-typo lookup (SymSpell) over full stems: deletion variant -> stems, stem -> key
        fulls: dict[str, str] = {}
        for d in self._docs:
            for u in d.a.units:
                if not u.cjk:
                    fulls[u.full] = u.key
        for u in kw_units:
            fulls[u.full] = u.key
        dels: dict[str, set[str]] = {}
        for f in fulls:
            if len(f) >= _MIN_TYPO_LEN:
                for variant in deletes1(f):
                    dels.setdefault(variant, set()).add(f)
        self._fulls = fulls
        self._dels = {k: frozenset(v) for k, v in dels.items()}
        words = {k for voc in self._vocab for k in voc.words}
        self._words = frozenset(words)
        # prefix relations ("stak" / "stakin", "verif" / "verifi"): morphology the stemmer missed
        pre: dict[str, set[str]] = {}
        for k in words:
            for i in range(_MIN_PREFIX, len(k)):
                pre.setdefault(k[:i], set()).add(k)
        self._prefixes = {k: frozenset(v) for k, v in pre.items()}
        for d in self._docs:
            d.weights = tuple(self._unit_weight(u.key) for u in d.a.units)
            d.total = sum(d.weights)
            d.keystr = _keystr(d.a)

    # ---- weights and typo expansion -------------------------------------------------

    def _unit_weight(self, key: str) -> float:
        n = self._df.get(key)
        w = _UNKNOWN_WEIGHT if n is None else 1.0 / (1.0 + _ALPHA * n / self._n)
        if _is_cjk(key):
            return w * _CJK_SCALE
        return w * 0.6 if len(key) <= 2 else w

    def _alternatives(self, key: str, full: str, exact: bool) -> frozenset[str]:
        """Base word keys related to this word: one key is a prefix of the other, or (for
        a word the base does not know) its stem is one typo away from a known stem."""
        if len(key) < _MIN_PREFIX:
            return frozenset()
        found: set[str] = set(self._prefixes.get(key, ()))
        for i in range(_MIN_PREFIX, len(key)):
            if key[:i] in self._words:
                found.add(key[:i])
        found.discard(key)
        if exact or len(full) < _MIN_TYPO_LEN:
            return frozenset(found)
        near: set[str] = set(self._dels.get(full, ()))  # the user dropped a letter
        for d in deletes1(full):
            if d in self._fulls:  # the user added a letter
                near.add(d)
            near |= self._dels.get(d, frozenset())  # substitution / transposition
        for f in near:
            if OSA.distance(f, full, score_cutoff=1) <= 1:
                found.add(self._fulls[f])
        found.discard(key)
        return frozenset(found)

    # ---- matching -------------------------------------------------------------------

    def match(self, text: str, lang: str | None = None) -> MatchResult:
        """Rank entries for `text` and decide; `lang` is only a hint for reporting."""
        detected = detect_language(text) or lang
        if detect_urgent(text) is not None:
            return MatchResult("decline", reason="urgent", lang=detected)
        norm = normalize(text)
        if (_SPAM_LINK.search(norm) and _SPAM_PROMO.search(norm)) or _SPAM_STRONG.search(norm):
            return MatchResult("decline", reason="spam", lang=detected)
        if _CLOSING.search(norm) and "?" not in norm and len(norm.split()) <= 6:
            return MatchResult("decline", reason="greeting", lang=detected)
        best = self._best_segment(norm)
        if best is None:
            return MatchResult("decline", reason="no_content", lang=detected)
        return decide(best, self.thresholds, detected)

    def _best_segment(self, norm: str) -> _Scored | None:
        best: _Scored | None = None
        for i, seg in enumerate(_segments(norm)):
            scored = self._score_segment(seg, penalty=_SEGMENT_PENALTY if i else 0.0)
            if scored is not None and (best is None or scored.rank_key > best.rank_key):
                best = scored
        return best

    def rank(self, text: str) -> tuple[Candidate, ...]:
        """Ranked candidates only, without urgent/spam screening or a decision (for tools)."""
        best = self._best_segment(normalize(text))
        return best.candidates if best else ()

    def _score_segment(self, norm: str, penalty: float = 0.0) -> _Scored | None:
        qa = analyse(norm, normed=True)
        if not qa.units:
            return None
        q = _Query(qa)
        for i, u in enumerate(qa.units):
            if u.cjk:
                q.add_cjk(i, u.key, u.bigrams, self._unit_weight(u.key))
                continue
            exact = u.key in self._words
            alt = self._alternatives(u.key, u.full, exact)
            if exact:
                w = self._unit_weight(u.key)
            elif alt:
                w = max(self._unit_weight(k) for k in alt)
            else:
                w = _UNKNOWN_WEIGHT
            q.add_word(i, u.key, alt, w)
        total = q.total
        content = sum(0.5 if u.cjk else 1.0 for u in qa.units)
        qkeystr = _keystr(qa)
        scored: list[tuple[float, float, int, int]] = []  # score, coverage, entry, doc
        # entry-level coverage for every retrieved entry; the per-question work for the best
        covs_all = []
        for ei in self._retrieve(q):
            voc = self._vocab[ei]
            covs_all.append((q.cover(voc.words, voc.chars, voc.bigrams) / total, ei))
        for cov, ei in heapq.nlargest(_RESCORE_K, covs_all):
            # query coverage per question, then F1 only for the best few questions
            per_doc = []
            for di in self._entry_docs[ei]:
                a = self._docs[di].a
                qc = q.cover(a.words, a.chars, a.bigrams) / total
                if qc > 0:
                    per_doc.append((qc, di))
            best_f, best_doc, best_rf = 0.0, self._entry_docs[ei][0], 0.0
            if per_doc:
                per_doc.sort(reverse=True)
                best_f = -1.0
                for qc, di in per_doc[:_F1_DOCS]:
                    d = self._docs[di]
                    dc = self._doc_coverage(d, q) / d.total if d.total > 0 else 0.0
                    f1 = 2 * qc * dc / (qc + dc) if qc + dc > 0 else 0.0
                    if f1 > best_f:
                        best_f, best_doc = f1, di
                best_rf = fuzz.token_sort_ratio(qkeystr, self._docs[best_doc].keystr) / 100.0
            score = _W_COV * cov + _W_F1 * best_f + _W_RF * best_rf
            scored.append((score, cov, ei, best_doc))
        if not scored:
            return _Scored(norm, (), (), total, content, penalty)
        scored.sort(key=lambda t: (-t[0], self._ids[t[2]]))
        top = scored[:_MAX_CANDIDATES]
        cands_out = tuple(
            Candidate(self._ids[ei], round(sc, 4), self._docs[di].text, self._docs[di].lang)
            for sc, _c, ei, di in top
        )
        covs = tuple(c for _s, c, _e, _d in top)
        return _Scored(norm, cands_out, covs, total, content, penalty)

    def _retrieve(self, q: _Query) -> list[int]:
        """Top entries by weighted key overlap (inverted index; no full scan)."""
        acc: dict[int, float] = {}
        post = self._post
        common: list[tuple[str, float]] = []
        for k, kw in q.retrieval_keys(post):
            if k in self._common:
                common.append((k, kw))
                continue
            for ei in post.get(k, ()):
                acc[ei] = acc.get(ei, 0.0) + kw
        # Words in a large share of the base (think "withdrawal" among 10,000 entries) only
        # re-rank what the rarer words found, unless those found too little.
        if len(acc) >= _ENOUGH_CANDIDATES:
            for k, kw in common:
                members = self._common[k]
                for ei in acc:
                    if ei in members:
                        acc[ei] += kw
        else:
            for k, kw in common:
                for ei in post[k]:
                    acc[ei] = acc.get(ei, 0.0) + kw
        if len(acc) <= _TOP_K:
            return list(acc)
        return heapq.nlargest(_TOP_K, acc, key=acc.__getitem__)

    @staticmethod
    def _doc_coverage(d: _Doc, q: _Query) -> float:
        """Weighted share of the question's own content that the message mentions."""
        s = 0.0
        credit = q.word_credit
        for u, w in zip(d.a.units, d.weights, strict=True):
            if u.cjk:
                if not q.bigrams.isdisjoint(u.bigrams):
                    s += w
                elif u.key in q.chars:
                    s += w * _CHAR_CREDIT
            else:
                s += w * credit.get(u.key, 0.0)
        return s


class _Query:
    """A message's units with weights, and reverse maps so coverage of any target is a few
    set intersections instead of a loop over every unit."""

    __slots__ = (
        "bigrams",
        "by_bigram",
        "by_char",
        "by_word",
        "chars",
        "keys",
        "total",
        "weights",
        "word_credit",
        "words",
    )

    def __init__(self, qa: Analysed) -> None:
        n = len(qa.units)
        self.weights = [0.0] * n
        self.total = 0.0
        self.by_word: dict[str, list[tuple[int, float]]] = {}  # base key -> (unit, credit)
        self.by_bigram: dict[str, list[int]] = {}
        self.by_char: dict[str, list[int]] = {}
        self.word_credit: dict[str, float] = {}  # base key -> best credit (for doc coverage)
        self.keys: list[tuple[str, float]] = []  # retrieval keys with weights
        self.words: frozenset[str] = frozenset()
        self.bigrams = qa.bigrams
        self.chars = qa.chars

    def add_word(self, i: int, key: str, alt: frozenset[str], w: float) -> None:
        self.weights[i] = w
        self.total += w
        self.by_word.setdefault(key, []).append((i, 1.0))
        self.word_credit[key] = 1.0
        self.keys.append((key, w))
        for k in alt:
            self.by_word.setdefault(k, []).append((i, _FUZZY_CREDIT))
            self.word_credit.setdefault(k, _FUZZY_CREDIT)
            self.keys.append((k, w * _FUZZY_CREDIT))
        self.words = frozenset(self.by_word)

    def add_cjk(self, i: int, ch: str, bigrams: tuple[str, ...], w: float) -> None:
        self.weights[i] = w
        self.total += w
        self.by_char.setdefault(ch, []).append(i)
        for b in bigrams:
            self.by_bigram.setdefault(b, []).append(i)

    def retrieval_keys(self, post: Mapping[str, object]) -> list[tuple[str, float]]:
        keys = list(self.keys)
        covered: set[int] = set()
        for b, units in self.by_bigram.items():
            if b in post:
                w = max(self.weights[i] for i in units)
                keys.append((b, w))
                covered.update(units)
        for ch, units in self.by_char.items():
            for i in units:
                if i not in covered:
                    keys.append((ch, self.weights[i] * _CHAR_CREDIT))
        return keys

    def cover(
        self, words: AbstractSet[str], chars: AbstractSet[str], bigrams: AbstractSet[str]
    ) -> float:
        """Weighted sum of this message's units found in a target's key sets."""
        best: dict[int, float] = {}
        if self.by_word:
            for k in self.words & words:
                for i, c in self.by_word[k]:
                    if c > best.get(i, 0.0):
                        best[i] = c
        if self.by_bigram:
            for b in bigrams & self.by_bigram.keys():
                for i in self.by_bigram[b]:
                    best[i] = 1.0
            for ch in chars & self.by_char.keys():
                for i in self.by_char[ch]:
                    if _CHAR_CREDIT > best.get(i, 0.0):
                        best[i] = _CHAR_CREDIT
        elif self.by_char:
            for ch in chars & self.by_char.keys():
                for i in self.by_char[ch]:
                    best[i] = _CHAR_CREDIT
        w = self.weights
        return sum(w[i] * c for i, c in best.items())


@dataclass(frozen=True, slots=True)
class _Scored:
    norm: str
    candidates: tuple[Candidate, ...]
    coverages: tuple[float, ...]
    weight: float
    content: float
    penalty: float = 0.0  # a sentence cut out of a longer message must win clearly

    @property
    def rank_key(self) -> tuple[float, float]:
        if not self.candidates:
            return (-1.0, 0.0)
        return (self.candidates[0].score - self.penalty, self.coverages[0])


def decide(s: _Scored, t: MatchThresholds, lang: str | None) -> MatchResult:
    """The one place that chooses answer / suggest / decline from the ranked candidates."""
    cands = s.candidates
    if not cands:
        return MatchResult("decline", reason="low_score", lang=lang)
    top = cands[0].score
    runner = cands[1].score if len(cands) > 1 else 0.0
    margin = top - runner
    cov = s.coverages[0]
    common = {
        "candidates": cands,
        "lang": lang,
        "coverage": round(cov, 4),
        "margin": round(margin, 4),
    }
    if (
        top >= t.answer_score
        and margin >= t.answer_margin
        and cov >= t.answer_coverage
        and s.content >= t.answer_min_content
    ):
        return MatchResult("answer", reason="confident", **common)  # type: ignore[arg-type]
    if top >= t.suggest_score and cov >= t.suggest_coverage:
        floor = max(t.suggest_score, top - t.suggest_window)
        sugg = tuple(c for c in cands[:3] if c.score >= floor)
        reason = "ambiguous" if margin < t.answer_margin else "weak"
        return MatchResult("suggest", suggestions=sugg, reason=reason, **common)  # type: ignore[arg-type]
    return MatchResult("decline", reason="low_score", **common)  # type: ignore[arg-type]


def _segments(norm: str) -> list[str]:
    """The whole message plus, for long ones, each sentence and pair of adjacent sentences:
    in a story the question is usually one of them, and the rest dilutes the coverage."""
    size = len(norm.split()) + len(CJK_CHAR.findall(norm)) / 2
    if size < _LONG_MESSAGE:
        return [norm]
    parts = sentences(norm)
    if len(parts) <= 1:
        return [norm]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(parts)]
    segs = [p for p in (*parts, *pairs) if len(p.split()) + len(CJK_CHAR.findall(p)) / 2 >= 4]
    segs.sort(key=len, reverse=True)
    return [norm, *segs[:_MAX_SEGMENTS]]


def _is_cjk(key: str) -> bool:
    return bool(key) and "\u3400" <= key[0] <= "\ufaff"


__all__ = ["Candidate", "MatchResult", "MatchThresholds", "Matcher", "decide"]
