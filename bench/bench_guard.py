"""Guard throughput/latency on a realistic support-chat mix vs the naive detector, plus an
adversarial-heavy mix and adversarial 25/50/100 kB messages (linear cost).

Run: .venv/bin/python bench/bench_guard.py [--messages N]

Realistic mix (built from the seeded test corpus generator, tests/guard/corpus.py):
  81% chat     - the corpus's clean en/ru/zh support messages (questions, joined chat fragments,
                 order ids, UUIDs, 2FA codes, API key ids); no wordlist-word traps
   8% public   - messages with real checksummed addresses, tx hashes (en/ru/zh context, URLs,
                 lists), Solana signatures, xpubs
   6% secret   - every secret family of the corpus (BIP39 in 12 lists and many paste shapes,
                 partial phrases, Electrum, Monero, hex/WIF/xprv/Solana keys, keystores)
   5% long     - 1-4 kB: a story of several ordinary chat sentences, a pasted app log with tx
                 hashes and addresses, a pasted JSON API response, or a list of tx hashes with
                 amounts (equal shares)
Adversarial-heavy mix (reported separately): 75% chat *including* the corpus's "sentences made
of common wordlist words" traps, 12% public, 8% secrets, 5% long messages built only by joining
chat/trap/public samples (the previous benchmark's mix).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mnemonic import Mnemonic

from guard import SecretGuard
from tests.guard import corpus as C
from tests.guard.corpus import build_corpus
from tests.guard.cryptogen import KeyGen

EN_WORDS = frozenset(Mnemonic("english").wordlist)
_NAIVE_HEX = re.compile(r"\b(?:0x)?[0-9a-fA-F]{64}\b")
_NAIVE_WORD = re.compile(r"[A-Za-z]+")
CATEGORIES = ("chat", "public", "secret", "long")


def naive_detect(text: str) -> bool:
    """What people write first: 64 hex, or 12 consecutive English wordlist words."""
    if _NAIVE_HEX.search(text):
        return True
    run = 0
    for m in _NAIVE_WORD.finditer(text):
        if m.group().lower() in EN_WORDS:
            run += 1
            if run >= 12:
                return True
        else:
            run = 0
    return False


class LongMessages:
    """Long messages the way users write them: stories, pasted logs/JSON, lists of tx hashes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.keys = KeyGen(rng)
        self.fill = C.CorpusBuilder(rng.randrange(1 << 30)).fill

    def _addr(self) -> str:
        return self.rng.choice([self.keys.eth, self.keys.tron, self.keys.btc_bech32])()

    def story(self, target: int) -> str:
        lang = self.rng.choice(["en", "ru", "zh"])
        pool = {
            "en": C.EN_CLEAN + C.EN_FRAGMENTS,
            "ru": C.RU_CLEAN + C.RU_FRAGMENTS,
            "zh": C.ZH_CLEAN + C.ZH_FRAGMENTS,
        }[lang]
        end = "。" if lang == "zh" else ". "
        parts: list[str] = []
        while sum(map(len, parts)) < target:
            parts.append(self.fill(self.rng.choice(pool)))
            if self.rng.random() < 0.15:
                parts.append("\n\n")
        return end.join(parts)

    def log(self, target: int) -> str:
        rng = self.rng
        lines: list[str] = []
        while sum(map(len, lines)) < target:
            day, hour, minute = rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
            ts = f"2024-06-{day:02d}T{hour:02d}:{minute:02d}"
            line = rng.choice(
                [
                    "{ts} INFO  [wallet-sync] fetched {n} utxos for account {k} in {ms} ms",
                    "{ts} WARN  [rpc] eth_getTransactionReceipt txHash=0x{h} timeout, retry {k}/5",
                    "{ts} ERROR [bridge] transfer tx 0x{h} failed: execution reverted",
                    "{ts} DEBUG [api] GET /v1/balances?address={a} 200 {ms}ms",
                    "{ts} INFO  [deposit] credited {amt} to {a} (txid {h})",
                    "{ts} INFO  [ui] screen=Swap action=open duration={ms}ms build=4.{k}.{n}",
                    '{ts} ERROR [app] Unhandled exception in worker-{k}: TimeoutError("read")',
                    "    at WalletService.refresh (wallet.js:{n}:{k})",
                ]
            ).format(
                ts=ts,
                n=rng.randint(1, 400),
                k=rng.randint(1, 9),
                ms=rng.randint(3, 9000),
                h=self.keys.tx_hash(),
                a=self._addr(),
                amt=self.fill("{amt}"),
            )
            lines.append(line + "\n")
        intro = rng.choice(["here is the log from the app:\n", "вот лог:\n", "日志如下：\n", ""])
        return intro + "".join(lines)

    def json_paste(self, target: int) -> str:
        rng = self.rng
        items: list[dict[str, object]] = []
        while len(json.dumps(items)) < target:
            items.append(
                {
                    "status": rng.choice(["pending", "failed", "success"]),
                    "txid": self.keys.tx_hash(),
                    "from": self._addr(),
                    "to": self._addr(),
                    "amount": f"{rng.random() * 100:.4f}",
                    "asset": rng.choice(["USDT", "ETH", "TRX", "BTC"]),
                    "network": rng.choice(["TRC20", "ERC20", "BTC"]),
                    "confirmations": rng.randint(0, 40),
                    "created_at": f"2024-06-{rng.randint(1, 28):02d}T10:00:00Z",
                }
            )
        intro = rng.choice(["the API returns this:\n", "withdrawal history:\n", "接口返回：\n", ""])
        return intro + json.dumps({"data": items, "page": 1}, indent=rng.choice([None, 2]))

    def tx_list(self, target: int) -> str:
        rng = self.rng
        head = rng.choice(
            [
                "none of these deposits arrived, tx hashes:",
                "my withdrawals this week (all stuck):",
                "хэши транзакций, деньги не пришли:",
                "以下交易都没到账：",
            ]
        )
        lines = [head]
        i = 1
        while sum(map(len, lines)) < target:
            h = self.keys.tx_hash()
            lines.append(
                rng.choice(["{i}. {h} - {amt}", "{h} {amt}", "0x{h}", "{i}) {h}"]).format(
                    i=i, h=h, amt=self.fill("{amt}")
                )
            )
            i += 1
        lines.append(rng.choice(["please check", "спасибо", "谢谢", "what should I do?"]))
        return "\n".join(lines)

    def make(self) -> str:
        target = self.rng.randint(1000, 4000)
        gen = self.rng.choice([self.story, self.log, self.json_paste, self.tx_list])
        return gen(target)[:4096]


def _pools(seed: int) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"chat": [], "trap": [], "public": [], "secret": []}
    for s in build_corpus(seed):
        family = s.tag.split("/")[0]
        if s.secret:
            pools["secret"].append(s.text)
        elif family in ("chat", "ids"):
            pools["chat"].append(s.text)
        elif family == "trap":
            pools["trap"].append(s.text)
        else:
            pools["public"].append(s.text)
    return pools


def build_mix(n: int, seed: int = 1) -> tuple[list[str], list[str]]:
    """Realistic mix (see module docstring). Returns (texts, categories)."""
    rng = random.Random(seed)
    pools = _pools(seed)
    longs = LongMessages(random.Random(seed + 1))
    long_pool = [longs.make() for _ in range(400)]
    texts: list[str] = []
    cats: list[str] = []
    for _ in range(n):
        r = rng.random()
        cat = "chat" if r < 0.81 else "public" if r < 0.89 else "secret" if r < 0.95 else "long"
        texts.append(rng.choice(long_pool if cat == "long" else pools[cat]))
        cats.append(cat)
    return texts, cats


def build_heavy_mix(n: int, seed: int = 1) -> tuple[list[str], list[str]]:
    """Adversarial-heavy mix: wordlist-word traps in chat and in every long message."""
    rng = random.Random(seed)
    pools = _pools(seed)
    chat = pools["chat"] + pools["trap"]
    texts: list[str] = []
    cats: list[str] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.75:
            cat = "chat"
            texts.append(rng.choice(chat))
        elif r < 0.87:
            cat = "public"
            texts.append(rng.choice(pools["public"]))
        elif r < 0.95:
            cat = "secret"
            texts.append(rng.choice(pools["secret"]))
        else:
            cat = "long"
            parts: list[str] = []
            target = rng.randint(1000, 4000)
            while sum(map(len, parts)) < target:
                pool = chat if rng.random() < 0.8 else pools["public"]
                parts.append(rng.choice(pool))
            texts.append("\n".join(parts)[:4096])
        cats.append(cat)
    return texts, cats


def measure(fn: Callable[[str], object], msgs: list[str]) -> tuple[float, float, float]:
    """(messages/s, p50 ms, p99 ms), one call per message, single process."""
    lat = []
    clock = time.perf_counter_ns
    t0 = time.perf_counter()
    for m in msgs:
        s = clock()
        fn(m)
        lat.append(clock() - s)
    total = time.perf_counter() - t0
    lat.sort()
    return len(msgs) / total, lat[len(lat) // 2] / 1e6, lat[int(len(lat) * 0.99)] / 1e6


def adversarial(size: int) -> dict[str, str]:
    rng = random.Random(size)
    en = sorted(EN_WORDS)
    zh = Mnemonic("chinese_simplified").wordlist
    b58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    words = []
    total = 0
    while total < size:
        w = rng.choice(en)
        words.append(w)
        total += len(w) + 1
    return {
        "wordlist words": " ".join(words)[:size],
        "hex": "".join(rng.choice("0123456789abcdef") for _ in range(size)),
        "hex in 64-char lines": "\n".join(
            "".join(rng.choice("0123456789abcdef") for _ in range(64)) for _ in range(size // 65)
        ),
        "base58": "".join(rng.choice(b58) for _ in range(size)),
        "base58 34-char tokens": " ".join(
            "".join(rng.choice(b58) for _ in range(34)) for _ in range(size // 35)
        ),
        "CJK wordlist chars": "".join(rng.choice(zh) for _ in range(size)),
    }


def _row(name: str, rate: float, p50: float, p99: float, extra: str = "") -> str:
    return f"{name:<30}{rate:>10,.0f}{p50:>9.3f}{p99:>9.3f}  {extra}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=50_000)
    args = ap.parse_args()
    print(f"platform: {platform.platform()}")
    print(f"processor: {platform.processor() or 'n/a'}; cpus: {os.cpu_count()}")
    print(f"python: {sys.version.split()[0]} ({platform.python_implementation()})")
    t = time.perf_counter()
    guard = SecretGuard()
    print(f"SecretGuard() load: {(time.perf_counter() - t) * 1000:.0f} ms")

    msgs, cats = build_mix(args.messages)
    heavy, heavy_cats = build_heavy_mix(args.messages)
    for m in msgs[:3000] + heavy[:3000]:  # warm caches the way a running bot would
        guard.scan(m)
    print(
        f"\nrealistic mix: {len(msgs)} messages, mean {statistics.mean(map(len, msgs)):.0f} "
        f"chars, max {max(map(len, msgs))} chars; shares "
        + ", ".join(f"{c} {cats.count(c) / len(cats):.0%}" for c in CATEGORIES)
    )
    print(f"{'':<30}{'msg/s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    g_rate, g_p50, g_p99 = measure(guard.scan, msgs)
    n_rate, n_p50, n_p99 = measure(naive_detect, msgs)
    print(_row("SecretGuard, whole mix", g_rate, g_p50, g_p99))
    print(_row("naive, whole mix", n_rate, n_p50, n_p99))
    print(
        f"ratio SecretGuard/naive throughput: {g_rate / n_rate:.3f} (naive {n_rate / g_rate:.1f}x)"
    )
    for cat in CATEGORIES:
        sub = [m for m, c in zip(msgs, cats, strict=True) if c == cat]
        rate, p50, p99 = measure(guard.scan, sub)
        flagged = sum(1 for m in set(sub) if guard.scan(m).has_secret)
        print(
            _row(
                f"  {cat} ({len(sub)})",
                rate,
                p50,
                p99,
                f"{flagged}/{len(set(sub))} distinct flagged",
            )
        )

    print(
        f"\nadversarial-heavy mix (wordlist-word traps): {len(heavy)} messages, mean "
        f"{statistics.mean(map(len, heavy)):.0f} chars"
    )
    h_rate, h_p50, h_p99 = measure(guard.scan, heavy)
    hn_rate, hn_p50, hn_p99 = measure(naive_detect, heavy)
    print(_row("SecretGuard, heavy mix", h_rate, h_p50, h_p99))
    print(_row("naive, heavy mix", hn_rate, hn_p50, hn_p99))
    sub = [m for m, c in zip(heavy, heavy_cats, strict=True) if c == "long"]
    print(_row(f"  long, heavy ({len(sub)})", *measure(guard.scan, sub)))

    print("\nadversarial messages (ms, best of 3):")
    sizes = (25_000, 50_000, 100_000)
    table: dict[str, list[float]] = {}
    for size in sizes:
        for name, text in adversarial(size).items():
            best = min(_time(guard.scan, text) for _ in range(3))
            table.setdefault(name, []).append(best)
    print(f"{'input':<24}" + "".join(f"{s // 1000:>8}k" for s in sizes) + "   100k/25k")
    for name, times in table.items():
        print(
            f"{name:<24}" + "".join(f"{x:>9.1f}" for x in times) + f"{times[2] / times[0]:>10.1f}"
        )


def _time(fn: Callable[[str], object], text: str) -> float:
    t = time.perf_counter()
    fn(text)
    return (time.perf_counter() - t) * 1000


if __name__ == "__main__":
    main()
