"""FAQ matching: entry-level BM25 (`faq.bm25`) for candidates, fused with soft coverage +
per-question F1 + rapidfuzz for scores, screens for messages that must never be answered, and
one function (`decide`) that turns the ranked list into answer / suggest / decline.

Why not a single similarity threshold: a lexical ranker usually puts the right entry
first, but its raw score does not separate right from wrong answers, and the score of
the runner-up rises as the base grows. So the decision is a small logistic model
(`CONFIDENCE_MODEL`, fitted by `bench/eval_faq.py --fit` on messages by writers the base never
learnt from) over signals that stay meaningful at 10 entries and at 10,000 — scores as shares
of the message's own maximum, margins to the runner-up, coverage, amount of content, agreement
of the two rankers, how much the message reads like an incident — plus a few hard floors.
Urgent incidents, requests for a person, spam, greetings and price talk are declined before
any score is considered.

Scores are in [0, 1]. All knobs live in `MatchThresholds`.
"""

from __future__ import annotations

import dataclasses
import heapq
import math
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from faq.base import FaqBase
from faq.bm25 import Bm25Index, word_grams
from faq.intents import detect_urgent, needs_person, not_covered, urgency, wants_human
from faq.lang import detect_language
from faq.text import (
    Analysed,
    Unit,
    analyse,
    deletes1,
    normalize,
)

Decision = Literal["answer", "suggest", "decline"]


@dataclass(frozen=True, slots=True)
class MatchThresholds:
    """Decision knobs (config section [faq.thresholds]); defaults chosen on messages by writers
    whose wording no tuning saw (calibration, holdout, final, fresh), see docs/faq.md."""

    #: minimum confidence (fitted logistic model, `CONFIDENCE_MODEL`) to answer directly: the
    #: highest accuracy at which every held-out writer's set stays at <= 2 % wrong answers
    answer_confidence: float = 0.75
    #: hard floors next to the confidence: best score, lead over the runner-up, coverage
    answer_score: float = 0.25
    answer_margin: float = 0.05
    answer_coverage: float = 0.30
    #: minimum amount of content (words; a CJK character counts half) to answer
    answer_min_content: float = 1.0
    #: a message the urgent model rates at least this much like an incident report (its
    #: log-odds / 4, see `faq.intents.urgency`; 0 = as likely an incident as not, -0.5 = 1
    #: in 8) is never answered, even below the threshold that escalates it: at most a
    #: suggestion. Of held-out incident reports (faq/eval/probes/urgent3.jsonl) the FAQ
    #: answered 8 % at 0.0 and 5 % here; -0.75 would cost 3-4 points of accuracy.
    answer_max_urgency: float = -0.5
    #: minimum score to offer suggestion buttons
    suggest_score: float = 0.20
    #: minimum coverage to offer suggestion buttons
    suggest_coverage: float = 0.30
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
            elif key == "answer_max_urgency":
                if not -1.0 < v <= 1.0:
                    raise ValueError(
                        f"faq.thresholds.{key}: must be above -1 (which would answer nothing) "
                        "and at most 1 (1 switches the floor off)"
                    )
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
    #: confident | ambiguous | weak | low_score | urgent | human | spam | greeting | off_topic
    #: | uncovered | no_content
    reason: str = ""
    lang: str | None = None
    coverage: float = 0.0
    margin: float = 0.0
    confidence: float = 0.0  # estimated probability that the best entry is the right answer

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
#: candidate entries from the BM25 postings walk (they all get coverage + full BM25); 15 in
#: rounds 1-2, 10 since: the same decisions on every eval split, less work per message
_TOP_K = 10
#: of those, entries with the best coverage that get per-question scoring
_RESCORE_K = 4
#: questions per candidate entry that get the (costlier) two-sided F1
_F1_DOCS = 3
_MAX_CANDIDATES = 5
_MIN_PREFIX = 4
_MIN_TYPO_LEN = 4
#: a CJK character carries about half the meaning of a word
_CJK_SCALE = 0.5
#: share of the normalised entry-level BM25 in the final score (the rest: coverage blend)
_W_BM = 0.5
#: weight of BM25 next to coverage when choosing which candidates get per-question scoring
_BM_PRE = 1.0
#: content words beyond this add nothing to the "content" feature
_CONTENT_CAP = 12.0
#: below this lead over the runner-up a suggest decision is reported as "ambiguous"
_AMBIGUOUS_MARGIN = 0.08

_CLOSING = re.compile(
    r"^\W*(ok\w*|thanks?|thank you|thx|ty|cheers|great|cool|nice|got it|sorted|perfect|"
    r"спасибо|спс|благодарю|понял\w*|ок|хорошо|ясно|супер|огонь|谢谢|多谢|感谢|好的|明白|收到)\b",
)
_GREETING = re.compile(
    r"^\W*(hi|hello|hey|good (morning|evening|afternoon|day)|gm|привет|здравствуйте|добрый "
    r"(день|вечер)|доброе утро|privet|你好|您好|早上好|晚上好|大家好)\b\W*"
    r"(team|all|guys|everyone|admin|support|ребята|всем|друзья|vsem)?\W*$",
)
#: "is anyone there?" — presence checks, with or without a question mark
_PRESENCE = re.compile(
    r"^\W*((hello|hi|hey)\W+)?(is\s+)?(any\s?one|any\s?body|someone|somebody|admins?|support)"
    r"\s+(here|there|online|alive|around|awake)\W*$|"
    r"^\W*(ау|алло|есть\s+кто(-?нибудь|-?то)?(\s+(тут|здесь|живой|живые))?|кто(-?нибудь)?\s+"
    r"(тут|здесь|есть|живой|живые|онлайн))\W*$|^\W*(est\s+kto|kto\s+tut|kto\s+zdes)\W*$|"
    r"^\W*(有人吗|有人在吗|在吗|在不在|客服在吗|有没有人)\W*$",
)
#: "thanks, it arrived" — a resolved user closing the conversation (no question, no negation)
_THANKS = re.compile(
    r"\b(thanks?|thank (you|u)|thx|ty|tysm|appreciate\w*|cheers)\b|спасибо|спс|благодар\w*|"
    r"\b(spasibo|sps|blagodaryu)\b|谢谢|多谢|感谢|辛苦了",
)
_RESOLVED = re.compile(
    r"\b(fixed|worked|works( now)?|work now|working now|arrived|came through|solved|resolved|"
    r"sorted|all good|got it|"
    r"figured( it)? out|never ?mind|nvm|found it)\b|"
    r"(пришл\w*|пришел|пришёл|разобрал\w*|решил\w*|решено|заработал\w*|получилось|вс[её] ок|"
    r"нашел|нашёл|дошл\w*)|\b(prishl\w*|prishel|razobral\w*|zarabotal\w*|poluchilos)\b|"
    r"(到账了|解决了|好了|搞定|可以了|收到了|没事了|找到了)",
)
_NEGATED = re.compile(
    r"\b(not|no|never|still|yet|but)\b|n't|\bне\b|\bни\b|\bещ[её]\b|\bно\b|\b(ne|no)\b|没|未|还|但",
)
#: price talk and speculation: never an FAQ question, however many coin names it shares
_OFF_TOPIC = re.compile(
    r"^\W*\w+ (will|gonna|going to) (go up|go down|pump|dump|moon|crash)\W*$|"
    r"\b(wen moon|to the moon|moon soon|price prediction|will \w+ (go up|go down|pump|dump|"
    r"moon|recover|crash)|going to (pump|dump|moon|crash)|bull ?run|bear market|good time to buy|"
    r"should i (buy|sell)|(buy|sell) now or)\b|"
    r"(выраст\w*|выросте\w*|выросет|выр[ао]ст\w* ли|упад[её]т|памп\w*|дамп\w*|к луне|"
    r"прогноз (цены|курса)|стоит ли (покупать|продавать)|(покупать|продавать) (сейчас|или))|"
    r"\b(vyrastet|upadet|na lunu)\b|^\W*\w{2,12}\s+(вверх|вниз|vverh|vniz)\W*$|"
    r"(会涨|会跌|要涨|要跌|涨到|跌到|能涨|还涨|还能涨|还会涨|抄底|牛市|熊市|价格预测|现在能买|该不该买|"
    r"百倍币|千倍币|十倍币|大盘|行情怎么|怎么看\w{0,6}(币|行情|走势))|"
    r"\bwhat do (you|u) think (about|of)\b|\b(thoughts|opinion) on\b|что думаете (о|про|об)|"
    r"ваше мнение (о|про|об)",
)
_SPAM_STRONG = re.compile(
    r"\b(giveaway|(?<!he )(?<!she )(?<!they )(?<!someone )(?<!somebody )dm me|"
    r"double your (money|crypto|btc|eth)|guaranteed (profit|returns?)|"
    r"send [\d.]+ \w+ (and )?(get|receive) [\d.]+|100% (profit|guarantee)|recovery experts?|"
    r"(selling|sell)\b[^.?!]{0,30}\b(accounts?|kyc)\b|signals? group|earn \$?\d+)|"
    r"(пиши\w* в лс|гаранти\w* 100|продам\w* (верифиц\w* )?акк|заработ\w* от|"
    r"pishi v ls|zarabotok|加微信|私聊获取|带单|稳赚|出售\w*账号|月收益|高价收|收u\b|回收u|"
    r"куплю usdt|скупаю|обнал\w*)",
)
#: "funds recovery" offers with a contact: spam even when they mention scams (a user asking
#: whether such an offer is real quotes it without "DM me" / "contact us")
_SPAM_RECOVERY = re.compile(
    r"\brecover(y|ing)?\s+(expert|team|service|specialist|agent|company)s?\b[^\n]{0,120}"
    r"(\b(dm|pm|inbox|message|contact|text|write to|reach)\s+(me|us|@\w+)\b|@[a-z0-9_]{5,}|t\.me/)|"
    r"(возврат\w{0,5}|вернем|верн[её]м)\s+[^\n]{0,40}(пиши\w{0,3}|обраща\w{0,5})|"
    r"(追回|挽回)[^\n]{0,20}(私聊|加我|联系)",
)
#: the user asks whether a quoted offer is real; narrower than `_ASKS_LEGIT`, whose bare
#: "scam" / "fake" / "trust" the recovery ads themselves use ("lost funds to a scam? ...")
_ASKS_IF_REAL = re.compile(
    r"\b(is|are|was)\s+(this|it|that|he|she|they|these|those)\b[^.?!]{0,20}\b(legit|legitimate|"
    r"real|safe|true|official|genuine|a scam|fake)\b|\b(legit|real|official|genuine)\s*\?|"
    r"(это|это не)\s+(развод|лохотрон|правда|мошенники)|правда ли|настоящ\w{0,5}\s*\?|"
    r"безопасно ли|是真的吗|是不是骗|靠谱吗|可信吗|是骗子吗",
)
#: "if the price falls to X, sell" / "notify me when it rises to Y": an order or alert question
#: in price-talk words, not speculation
_CONDITIONAL_PRICE = re.compile(
    r"\b(if|when|once|in case)\b[^.?!]{0,30}\b(drops?|falls?|goes (up|down)|reach\w{0,3}|hits?|"
    r"rises?|dips?)\b|(если|когда|как только)[^.?!]{0,30}(упад|вырас|опуст|подним|дойд|достигн)|"
    r"\b(esli|kogda)\b[^.?!]{0,30}(upad|vyras|opust|podnim|doid)|"
    r"(如果|一旦|要是|当)[^。？！?!]{0,10}(涨|跌)|(涨|跌)到[^。？！?!]{0,8}(就|时|的时候)",
)
#: questions about whether the service has / supports something, or what something is
_ASKS_FEATURE = re.compile(
    r"\b(do (you|u) (guys )?(have|support|offer|provide|list|accept|allow)|is there|are there|"
    r"will you (list|add|support)|does (the )?\w+ (have|support))\b|"
    r"(есть ли|у вас есть|будет ли|поддерживает\w* ли|добавите ли)|\b(est li|u vas est)\b|"
    r"(你们有|有没有|支持\w{0,6}吗|你们\w{0,4}支持)|"
    # definition / explanation questions: "what is X", "how does X work", "X vs Y"
    r"\b(what is|what's|whats|what are|how does|how do \w+ work|difference between|explain)\b|"
    r"(что такое|как работает|как устроен|чем отличается|в ч[её]м разница|что лучше)|"
    r"\b(chto takoe|kak rabotaet)\b|(什么是|是什么|有什么区别|什么区别|怎么运作|原理)",
)
#: share of the message's weight in unknown words above which such a question is not answered
_UNKNOWN_FEATURE = 0.15
#: minimum coverage of such a question by the best entry to answer it
_FEATURE_COVERAGE = 0.6
#: a user asking whether a promo is real is asking an FAQ question (phishing), not spamming
_ASKS_LEGIT = re.compile(
    r"\b(legit|legitimate|scam|fake|real or|trust)\b|"
    r"\bis (this|it|that|he|she|they) (real|safe|true)\b|"
    r"\b(real|legit|official|genuine)\s*\?|"
    r"(развод|лохотрон|мошенни|правда ли|это правда|настоящ|безопасно ли|razvod|"
    r"是真的吗|是不是骗|骗局|靠谱吗|可信吗|是真的|是骗子)",
)
_SPAM_LINK = re.compile(
    r"(https?://|www\.|t\.me/|bit\.ly|@[a-z0-9_]{5,}|\.(com|io|xyz|top|net)\b|"
    r"click (the |this |my )?link|link in (my )?bio|перейди\w* по ссылке|"
    r"点击链接|点链接|戳链接|链接领取)"
)
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
    """Index over a FaqBase; immutable once built (construct a new one to reload). The only
    state that changes is a memo: per-entry postings built the first time an entry is a
    candidate (`_question_cover`)."""

    def __init__(self, base: FaqBase, thresholds: MatchThresholds | None = None) -> None:
        self.base = base
        self.thresholds = thresholds or MatchThresholds()
        self._ids = [e.id for e in base.entries]
        self._docs: list[_Doc] = []
        self._entry_docs: list[list[int]] = [[] for _ in base.entries]
        self._vocab: list[_EntryVocab] = [_EntryVocab() for _ in base.entries]
        #: per entry, word key / CJK char / CJK bigram -> its questions (see `_question_cover`)
        self._entry_post: dict[int, tuple[dict[str, list[int]], ...]] = {}
        df: dict[str, int] = {}
        kw_units: list[Unit] = []
        parts: list[list[Analysed]] = [[] for _ in base.entries]
        for ei, entry in enumerate(base.entries):
            voc = self._vocab[ei]
            for lang, q in entry.all_questions():
                a = analyse(q)
                parts[ei].append(a)
                self._entry_docs[ei].append(len(self._docs))
                self._docs.append(_Doc(ei, lang, q, a))
                voc.words |= a.words
                voc.chars |= a.chars
                voc.bigrams |= a.bigrams
            for kw in entry.keywords:
                a = analyse(kw)
                parts[ei].append(a)
                kw_units.extend(u for u in a.units if not u.cjk)
                voc.words |= a.words
                voc.chars |= a.chars
                voc.bigrams |= a.bigrams
            for k in (*voc.words, *voc.chars, *voc.bigrams):
                df[k] = df.get(k, 0) + 1
        self._df = df
        self._n = max(len(base.entries), _MIN_N)
        self._bm = Bm25Index(parts)
        # one-typo lookup (SymSpell) over full stems: deletion variant -> stems, stem -> key
        # (and over unstemmed forms: a typo often breaks the ending the stemmer would strip)
        fulls: dict[str, str] = {}
        forms: dict[str, str] = {}
        min_form = _MIN_TYPO_LEN + 2
        for u in {u for d in self._docs for u in d.a.units if not u.cjk}.union(kw_units):
            fulls[u.full] = u.key
            if len(u.form) >= min_form:
                forms.setdefault(u.form, u.key)
        for f, k in forms.items():
            fulls.setdefault(f, k)
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
        wmemo: dict[str, float] = {}
        for d in self._docs:
            ws = []
            for u in d.a.units:
                w = wmemo.get(u.key)
                if w is None:
                    w = wmemo[u.key] = self._unit_weight(u.key)
                ws.append(w)
            d.weights = tuple(ws)
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
        screened = self._screen(text, detected)
        if screened is not None:
            return screened
        best = self._scored_message(text)
        if best is None:
            return MatchResult("decline", reason="no_content", lang=detected)
        return decide(best, self.thresholds, detected)

    def _scored_message(self, text: str) -> _Scored | None:
        """Ranked candidates plus the message-level signals the decision reads (a feature
        question? how much like an incident report?); shared by `match` and the refit."""
        norm = normalize(text)
        best = self._score(norm)
        if best is None:
            return None
        return dataclasses.replace(
            best, asks_feature=_ASKS_FEATURE.search(norm) is not None, urgency=urgency(text)
        )

    def decision_features(self, text: str) -> tuple[str, tuple[float, ...]] | None:
        """Best entry id and the decision features, or None when the message never reaches
        the confidence model (urgent, spam, greeting, no content). For refitting the model."""
        r = self.decision_inputs(text)
        return None if r is None else (r[0], r[1])

    def decision_inputs(self, text: str) -> tuple[str, tuple[float, ...], bool] | None:
        """Like `decision_features`, plus whether the hard floors and the feature-question
        rule would allow an answer (so a refit can cross-validate the whole decision)."""
        if self._screen(text, None) is not None:
            return None
        best = self._scored_message(text)
        if best is None or not best.candidates:
            return None
        return best.candidates[0].entry_id, features(best), floors_pass(best, self.thresholds)

    @staticmethod
    def _screen(text: str, lang: str | None) -> MatchResult | None:
        """Messages that never get an FAQ answer, whatever the scores say."""
        if detect_urgent(text) is not None:
            return MatchResult("decline", reason="urgent", lang=lang)
        if wants_human(text) or needs_person(text) is not None:
            return MatchResult("decline", reason="human", lang=lang)
        norm = normalize(text)
        spam = (_SPAM_LINK.search(norm) and _SPAM_PROMO.search(norm)) or _SPAM_STRONG.search(norm)
        recovery = _SPAM_RECOVERY.search(norm) and not _ASKS_IF_REAL.search(norm)
        if recovery or (spam and not _ASKS_LEGIT.search(norm)):
            return MatchResult("decline", reason="spam", lang=lang)
        if _PRESENCE.search(norm) or (
            (_CLOSING.search(norm) or _GREETING.search(norm))
            and "?" not in norm
            and len(norm.split()) <= 6
            and not _NEGATED.search(norm)  # "thanks, but still not …" is a problem report
        ):
            return MatchResult("decline", reason="greeting", lang=lang)
        if (
            _THANKS.search(norm)
            and _RESOLVED.search(norm)
            and "?" not in norm
            and not _NEGATED.search(norm)
            and len(norm.split()) <= 15
        ):
            return MatchResult("decline", reason="greeting", lang=lang)
        if _OFF_TOPIC.search(norm) and not _CONDITIONAL_PRICE.search(norm):
            return MatchResult("decline", reason="off_topic", lang=lang)
        if not_covered(norm):
            return MatchResult("decline", reason="uncovered", lang=lang)
        return None

    def rank(self, text: str) -> tuple[Candidate, ...]:
        """Ranked candidates only, without urgent/spam screening or a decision (for tools)."""
        best = self._score(normalize(text))
        return best.candidates if best else ()

    def _score(self, norm: str) -> _Scored | None:
        """Ranked candidates for a normalised message, with the signals the decision needs.

        Rounds 1-2 also scored a long message's sentences and let them vote; once the base
        held the users' words, the whole message alone ranked the right entry first as often
        or more (calib2 273 -> 280 of 305) with fewer wrong answers, at half the cost."""
        qa = analyse(norm, normed=True)
        if not qa.units:
            return None
        q = _Query(qa)
        oov = 0.0  # weight of words the base has never seen (not even one typo away)
        fuzzy: list[str] = []  # base keys one typo / a prefix away from a message word
        known_grams: set[str] = set()  # 4-grams of known words are not walked in retrieval
        typo_grams: set[str] = set()  # (unless an unknown word has them too)
        for i, u in enumerate(qa.units):
            if u.cjk:
                q.add_cjk(i, u.key, u.bigrams, self._unit_weight(u.key))
                continue
            exact = u.key in self._words
            (known_grams if exact else typo_grams).update(word_grams(u.key, u.full))
            alt = self._alternatives(u.key, u.full, exact)
            if exact:
                w = self._unit_weight(u.key)
            elif alt:
                w = max(self._unit_weight(k) for k in alt)
            else:
                w = _UNKNOWN_WEIGHT
                oov += w
            q.add_word(i, u.key, alt, w)
            fuzzy.extend(alt)
        total = q.total
        content = sum(0.5 if u.cjk else 1.0 for u in qa.units)
        qkeystr = _keystr(qa)
        bq, btop = self._bm.query(qa)
        cand = self._bm.retrieve(bq, _TOP_K, fuzzy, known_grams - typo_grams)
        # cheap entry-level signals for every candidate; per-question work for the best few
        pre: list[tuple[float, float, float, int]] = []  # prelim, coverage, bm25, entry
        for ei in cand:
            voc = self._vocab[ei]
            cov = q.cover(voc.words, voc.chars, voc.bigrams) / total
            bm = self._bm.score(bq, btop, ei)
            pre.append((cov + _BM_PRE * bm, cov, bm, ei))
        scored: list[tuple[float, float, float, float, int, int]] = []
        for _p, cov, bm, ei in heapq.nlargest(_RESCORE_K, pre):
            # query coverage per question, then F1 only for the best few questions
            # rounded: sums in another order must not reorder tied questions
            per_doc = [(round(c / total, 9), di) for di, c in self._question_cover(ei, q).items()]
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
            lex = _W_COV * cov + _W_F1 * best_f + _W_RF * best_rf
            score = (1.0 - _W_BM) * lex + _W_BM * bm
            scored.append((score, cov, bm, lex, ei, best_doc))
        if not scored:
            return _Scored(norm, (), (), total, content, oov=oov)
        scored.sort(key=lambda t: (-t[0], self._ids[t[4]]))
        top = scored[:_MAX_CANDIDATES]
        cands_out = tuple(
            Candidate(self._ids[ei], round(sc, 4), self._docs[di].text, self._docs[di].lang)
            for sc, _c, _b, _l, ei, di in top
        )
        covs = tuple(t[1] for t in top)
        return _Scored(
            norm,
            cands_out,
            covs,
            total,
            content,
            bm=tuple(t[2] for t in top),
            lex=tuple(t[3] for t in top),
            oov=oov,
        )

    def _question_cover(self, ei: int, q: _Query) -> dict[int, float]:
        """`q.cover` of each of the entry's questions that shares anything with the message,
        by walking the entry's own postings once instead of intersecting sets per question
        (an entry has dozens of questions, most in another language or on another detail).
        The postings are built the first time the entry is a candidate."""
        post = self._entry_post.get(ei)
        if post is None:
            wp: dict[str, list[int]] = {}
            cp: dict[str, list[int]] = {}
            bp: dict[str, list[int]] = {}
            for di in self._entry_docs[ei]:
                a = self._docs[di].a
                for k in a.words:
                    wp.setdefault(k, []).append(di)
                for ch in a.chars:
                    cp.setdefault(ch, []).append(di)
                for b in a.bigrams:
                    bp.setdefault(b, []).append(di)
            post = self._entry_post[ei] = (wp, cp, bp)
        wp, cp, bp = post
        acc: dict[int, float] = {}
        for (key, alts), w in q.word_groups.items():
            exact = wp.get(key, ())
            for di in exact:
                acc[di] = acc.get(di, 0.0) + w
            if alts:
                near: set[int] = set()
                for k in alts:
                    near.update(wp.get(k, ()))
                near.difference_update(exact)
                wn = w * _FUZZY_CREDIT
                for di in near:
                    acc[di] = acc.get(di, 0.0) + wn
        for (ch, bigrams), w in q.cjk_groups.items():
            full: set[int] = set()
            for b in bigrams:
                full.update(bp.get(b, ()))
            for di in full:
                acc[di] = acc.get(di, 0.0) + w
            wc = w * _CHAR_CREDIT
            for di in cp.get(ch, ()):
                if di not in full:
                    acc[di] = acc.get(di, 0.0) + wc
        return acc

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
        "cjk_groups",
        "total",
        "weights",
        "word_credit",
        "word_groups",
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
        self.words: frozenset[str] = frozenset()
        self.bigrams = qa.bigrams
        self.chars = qa.chars
        #: summed weight per (key, alternatives) and per (CJK char, bigrams): the units that
        #: get the same credit from any target, for `Matcher._question_cover`
        self.word_groups: dict[tuple[str, frozenset[str]], float] = {}
        self.cjk_groups: dict[tuple[str, tuple[str, ...]], float] = {}

    def add_word(self, i: int, key: str, alt: frozenset[str], w: float) -> None:
        self.weights[i] = w
        self.total += w
        self.word_groups[key, alt] = self.word_groups.get((key, alt), 0.0) + w
        self.by_word.setdefault(key, []).append((i, 1.0))
        self.word_credit[key] = 1.0
        for k in alt:
            self.by_word.setdefault(k, []).append((i, _FUZZY_CREDIT))
            self.word_credit.setdefault(k, _FUZZY_CREDIT)
        self.words = frozenset(self.by_word)

    def add_cjk(self, i: int, ch: str, bigrams: tuple[str, ...], w: float) -> None:
        self.weights[i] = w
        self.total += w
        self.cjk_groups[ch, bigrams] = self.cjk_groups.get((ch, bigrams), 0.0) + w
        self.by_char.setdefault(ch, []).append(i)
        for b in bigrams:
            self.by_bigram.setdefault(b, []).append(i)

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
    bm: tuple[float, ...] = ()  # normalised entry-level BM25 per candidate
    lex: tuple[float, ...] = ()  # coverage/F1/rapidfuzz blend per candidate
    oov: float = 0.0  # weight of the message's words unknown to the whole base
    asks_feature: bool = False  # "do you have / is there / есть ли / 你们有 …" question
    urgency: float = 0.0  # how much the message reads like an incident report (intents.urgency)


#: Logistic model of "the best candidate is the right answer", fitted on the calibration sets
#: (calib1 + calib2, 891 messages by two writers whose words the base never learnt) with
#: `bench/eval_faq.py --fit`, L2 0.003 (see docs/faq.md). Order: intercept, then FEATURE_NAMES.
FEATURE_NAMES = (
    "top",
    "margin",
    "ratio",
    "bm25",
    "bm25_margin",
    "lex",
    "coverage",
    "content",
    "unknown",
    "agree",
    "urgency",
)
CONFIDENCE_MODEL: tuple[float, ...] = (
    -3.609,
    1.459,
    1.236,
    -1.859,
    1.639,
    1.206,
    1.279,
    0.901,
    2.723,
    -0.701,
    1.216,
    -0.858,
)


def features(s: _Scored) -> tuple[float, ...]:
    """Decision features of a ranked message, all in about [0, 1] and free of raw BM25 so they
    keep their meaning as the base grows: scores are shares of the message's own maximum."""
    c = s.candidates
    top = c[0].score
    run = c[1].score if len(c) > 1 else 0.0
    bm, bmr = s.bm[0], (s.bm[1] if len(s.bm) > 1 else 0.0)
    return (
        top,
        top - run,
        run / top if top > 0 else 1.0,
        bm,
        bm - bmr,
        s.lex[0],
        s.coverages[0],
        min(s.content, _CONTENT_CAP) / _CONTENT_CAP,
        s.oov / s.weight if s.weight > 0 else 0.0,
        # both rankers (entry BM25 and the coverage/F1 blend) put the same entry first
        1.0 if s.bm[0] >= max(s.bm) and s.lex[0] >= max(s.lex) else 0.0,
        s.urgency,
    )


def confidence(feats: tuple[float, ...], model: tuple[float, ...] = CONFIDENCE_MODEL) -> float:
    """Probability from the logistic model (pure Python: a dot product and a sigmoid)."""
    z = model[0] + sum(w * f for w, f in zip(model[1:], feats, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def floors_pass(s: _Scored, t: MatchThresholds) -> bool:
    """Every answer condition except the confidence: hard floors against extrapolation and
    the rule for "do you have X?" / "what is X?" questions."""
    c = s.candidates
    top = c[0].score
    margin = top - (c[1].score if len(c) > 1 else 0.0)
    cov = s.coverages[0]
    # "do you have X?" / "what is X?": the best entry must explain nearly all of it, and X must
    # not be a word the base never mentions — otherwise the FAQ cannot say yes or no, nor
    # explain X (sharing "wallet" with an entry is not an answer to "hot vs cold wallet")
    if s.asks_feature and (
        cov < _FEATURE_COVERAGE or (s.weight > 0 and s.oov / s.weight >= _UNKNOWN_FEATURE)
    ):
        return False
    return (
        top >= t.answer_score
        and margin >= t.answer_margin
        and cov >= t.answer_coverage
        and s.content >= t.answer_min_content
        and (s.urgency < t.answer_max_urgency or t.answer_max_urgency >= 1.0)
    )


def decide(s: _Scored, t: MatchThresholds, lang: str | None) -> MatchResult:
    """The one place that chooses answer / suggest / decline from the ranked candidates."""
    cands = s.candidates
    if not cands:
        return MatchResult("decline", reason="low_score", lang=lang)
    top = cands[0].score
    runner = cands[1].score if len(cands) > 1 else 0.0
    margin = top - runner
    cov = s.coverages[0]
    conf = confidence(features(s))
    common = {
        "candidates": cands,
        "lang": lang,
        "coverage": round(cov, 4),
        "margin": round(margin, 4),
        "confidence": round(conf, 4),
    }
    if conf >= t.answer_confidence and floors_pass(s, t):
        return MatchResult("answer", reason="confident", **common)  # type: ignore[arg-type]
    if top >= t.suggest_score and cov >= t.suggest_coverage:
        floor = max(t.suggest_score, top - t.suggest_window)
        sugg = tuple(c for c in cands[:3] if c.score >= floor)
        reason = "ambiguous" if margin < _AMBIGUOUS_MARGIN else "weak"
        return MatchResult("suggest", suggestions=sugg, reason=reason, **common)  # type: ignore[arg-type]
    return MatchResult("decline", reason="low_score", **common)  # type: ignore[arg-type]


def _is_cjk(key: str) -> bool:
    return bool(key) and "\u3400" <= key[0] <= "\ufaff"


__all__ = ["Candidate", "MatchResult", "MatchThresholds", "Matcher", "decide"]
