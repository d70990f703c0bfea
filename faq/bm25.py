"""Entry-level BM25 over several token views at once.

Each FAQ entry is one "document": all its questions in every language plus its keywords.
A text becomes tokens of four kinds, all scored in one BM25 sum:

* ``w:`` word keys (transliterated, folded, stemmed, synonym-mapped — see `faq.text`);
* ``g:`` character 4-grams inside each word stem (typos and odd transliterations still share
  most of their grams: "widthdrawl" / "withdrawal");
* ``b:`` Chinese character bigrams, ``c:`` Chinese characters (no word boundaries in Chinese).

Why at the entry level: a user's wording is usually spread over several of an entry's
paraphrases; scoring only the single best question misses that. IDF is computed over entries,
so words present in many entries weigh little. The score is divided by the message's own
maximum possible score, so it is a share in [0, 1] that means the same at 60 and at 10,000
entries (a message made of words the base has never seen scores near 0).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from faq.text import Analysed, analyse

#: BM25 term-frequency saturation and length normalisation
K1 = 1.2
B = 0.5
#: relative weight of each token view inside the sum
VIEW_WEIGHT = {"w": 1.0, "g": 0.35, "b": 1.0, "c": 0.4, "x": 1.0}
#: tokens found in more than this share of entries (and more than _CAP_MIN) are not walked
#: through their postings during retrieval; they still count when candidates are scored
_CAP_SHARE = 0.05
_CAP_MIN = 60
_GRAM = 4


def _zh_keys() -> tuple[tuple[str, str], ...]:
    """Chinese support words -> the word key of their English/Russian equivalent, so an entry
    without Chinese text (or a mixed message) still meets a Chinese message in BM25."""
    pairs = (
        "提现 提币 取款:withdraw|充值 充币 入金:deposit|手续费 费用:fee|密码:password|"
        "账户 账号 帐户 帐号:account|钱包:wallet|地址:address|验证码:code|谷歌验证 二次验证 "
        "身份验证器:authenticator|实名 认证 KYC:kyc|合约:futures|质押:stake|空投:airdrop|"
        "网络:network|"
        "助记词:seed|限额 额度:limit|冻结 锁定:frozen|转账 划转:transfer|手机:phone|邮箱:email|"
        "订单 挂单:order|爆仓 强平:liquidation|资金费率:funding|白名单:whitelist|连接:connect|"
        "授权:approval|退出 注销:close|交易对:pair|卡:card|银行:bank|确认数:confirmation|"
        "国家 地区:country|护照:passport|证件 文件:document|自拍:selfie|资金费 资金费用:funding|"
        "杠杆:leverage|现货:spot|止损:stoploss|闪兑 兑换:convert|子账户 子账号:subaccount|"
        "返佣 邀请 推荐:referral|税 报税 纳税:tax|通知 推送:notification|备份:backup|导入:import|"
        "拒绝 驳回:rejected|解锁 解冻:unlock|比特币:bitcoin|以太坊:ethereum|波场:tron|"
        "历史 记录:history|卖出 卖:sell"
    )
    out: list[tuple[str, str]] = []
    for group in pairs.split("|"):
        words, _, en = group.partition(":")
        key = analyse(en).units[0].key
        out.extend((w.casefold(), key) for w in words.split())
    return tuple(out)


#: credit of a word key reached through a typo or prefix relation
FUZZY_CREDIT = 0.8


@lru_cache(maxsize=65536)
def word_grams(key: str, full: str) -> frozenset[str]:
    """The `g:` tokens of one word (for `Bm25Index.retrieve`'s `skip`)."""
    return frozenset(t for t, _w in _word_tokens(key, full)[1:])


@lru_cache(maxsize=65536)
def _word_tokens(key: str, full: str) -> tuple[tuple[str, float], ...]:
    out = [("w:" + key, VIEW_WEIGHT["w"])]
    f = f"^{full}$"
    if len(f) > _GRAM + 1:
        grams = {f[i : i + _GRAM] for i in range(len(f) - _GRAM + 1)}
        # a word's grams together weigh like two `g`-weighted words, however long it is
        share = VIEW_WEIGHT["g"] / len(grams) * 2
        out.extend(("g:" + g, share) for g in sorted(grams))
    return tuple(out)


def tokens(a: Analysed) -> list[tuple[str, float]]:
    """The weighted BM25 tokens of an analysed text (with repeats: tf matters)."""
    out: list[tuple[str, float]] = []
    for u in a.units:
        if not u.cjk:
            out.extend(_word_tokens(u.key, u.full))
    if a.chars:
        norm = a.norm
        for zh, key in ZH_WORD_KEYS:
            if zh in norm:
                out.append(("w:" + key, VIEW_WEIGHT["x"]))
    for b in a.bigrams:
        out.append(("b:" + b, VIEW_WEIGHT["b"]))
    for c in a.chars:
        out.append(("c:" + c, VIEW_WEIGHT["c"]))
    return out


ZH_WORD_KEYS = _zh_keys()


class Bm25Index:
    """Inverted index entry -> token frequencies, with capped postings for retrieval."""

    def __init__(self, docs: Sequence[Iterable[Analysed]]) -> None:
        self.n = len(docs)
        tfs: list[dict[str, int]] = []
        df: dict[str, int] = {}
        for parts in docs:
            tf: dict[str, int] = {}
            for a in parts:
                for t, _w in tokens(a):
                    tf[t] = tf.get(t, 0) + 1
            tfs.append(tf)
            for t in tf:
                df[t] = df.get(t, 0) + 1
        lens = [sum(tf.values()) for tf in tfs]
        avg = (sum(lens) / len(lens)) if lens else 1.0
        n = max(self.n, 1)
        self.idf = {t: math.log(1.0 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        #: idf of a token no entry has (the most specific possible)
        self.idf_unknown = math.log(1.0 + (n + 0.5) / 0.5)
        self.norm = [K1 * (1.0 - B + B * ln / avg) for ln in lens]
        self.tfs = tfs
        cap = max(_CAP_MIN, int(_CAP_SHARE * n))
        post: dict[str, list[int]] = {}
        for ei, tf in enumerate(tfs):
            for t in tf:
                if df[t] <= cap:
                    post.setdefault(t, []).append(ei)
        self.post = {t: tuple(v) for t, v in post.items()}

    def query(self, a: Analysed) -> tuple[dict[str, float], float]:
        """Query token -> weight × idf, and the maximum score any entry could reach."""
        q: dict[str, float] = {}
        for t, w in tokens(a):
            q[t] = q.get(t, 0.0) + w
        out: dict[str, float] = {}
        top = 0.0
        for t, w in q.items():
            idf = self.idf.get(t)
            if idf is None:
                idf = self.idf_unknown
            wi = w * idf
            top += wi * (K1 + 1.0)
            if t in self.idf:
                out[t] = wi
        return out, top

    def retrieve(
        self,
        q: dict[str, float],
        k: int,
        fuzzy: Iterable[str] = (),
        skip: AbstractSet[str] = frozenset(),
    ) -> list[int]:
        """Top `k` entries by the partial score over rarer tokens (postings walk).

        `skip`: tokens not walked (the 4-grams of words the base knows: their word token finds
        the same entries, and the grams were three quarters of the walk on long messages).

        `fuzzy`: base word keys one typo (or a prefix) away from a message word. They help
        find candidates (entries a typo would otherwise miss) but are not part of the score:
        the character 4-grams already give a misspelt word partial credit there."""
        acc: dict[int, float] = {}
        post = self.post
        for t, wi in q.items():
            if t in skip:
                continue
            for ei in post.get(t, ()):
                acc[ei] = acc.get(ei, 0.0) + wi
        for key in fuzzy:
            t = "w:" + key
            if t in q:
                continue
            wi = FUZZY_CREDIT * VIEW_WEIGHT["w"] * self.idf.get(t, 0.0)
            for ei in post.get(t, ()):
                acc[ei] = acc.get(ei, 0.0) + wi
        if len(acc) <= k:
            return list(acc)
        return heapq.nlargest(k, acc, key=acc.__getitem__)

    def score(self, q: dict[str, float], top: float, ei: int) -> float:
        """Normalised BM25 of entry `ei` for query `q`: a share in [0, 1]."""
        if top <= 0.0:
            return 0.0
        tf = self.tfs[ei]
        nrm = self.norm[ei]
        s = 0.0
        for t in q.keys() & tf.keys():  # C-level intersection: most tokens are absent
            f = tf[t]
            s += q[t] * f / (f + nrm)
        return s * (K1 + 1.0) / top
