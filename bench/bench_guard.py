"""Guard throughput/latency on a realistic chat mix vs the naive detector, plus adversarial input.

Run: .venv/bin/python bench/bench_guard.py [--messages N]
"""

from __future__ import annotations

import argparse
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
from tests.guard.corpus import build_corpus

EN_WORDS = frozenset(Mnemonic("english").wordlist)
_NAIVE_HEX = re.compile(r"\b(?:0x)?[0-9a-fA-F]{64}\b")
_NAIVE_WORD = re.compile(r"[A-Za-z]+")


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


def build_mix(n: int, seed: int = 1) -> tuple[list[str], list[str]]:
    """Realistic support-chat mix from the test corpus generator: 75% plain chat (en/ru/zh
    questions, ids, wordlist-heavy sentences), 12% with public data (addresses, tx hashes,
    xpubs), 8% secrets, 5% long messages (1-4 kB of joined chat). Returns (texts, categories)."""
    rng = random.Random(seed)
    corpus = build_corpus(seed)
    pools: dict[str, list[str]] = {"chat": [], "public": [], "secret": []}
    for s in corpus:
        if s.secret:
            pools["secret"].append(s.text)
        elif s.tag.split("/")[0] in ("chat", "ids", "trap"):
            pools["chat"].append(s.text)
        else:
            pools["public"].append(s.text)
    texts: list[str] = []
    cats: list[str] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.75:
            cat = "chat"
            texts.append(rng.choice(pools["chat"]))
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
                pool = pools["chat"] if rng.random() < 0.8 else pools["public"]
                parts.append(rng.choice(pool))
            texts.append("\n".join(parts)[:4096])
        cats.append(cat)
    return texts, cats


def measure(fn: Callable[[str], object], msgs: list[str]) -> tuple[float, float, float]:
    lat = []
    t0 = time.perf_counter()
    for m in msgs:
        s = time.perf_counter_ns()
        fn(m)
        lat.append(time.perf_counter_ns() - s)
    total = time.perf_counter() - t0
    lat.sort()
    p50 = lat[len(lat) // 2] / 1e6
    p99 = lat[int(len(lat) * 0.99)] / 1e6
    return len(msgs) / total, p50, p99


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
    avg_len = statistics.mean(map(len, msgs))
    print(f"mix: {len(msgs)} messages, mean {avg_len:.0f} chars, max {max(map(len, msgs))} chars")
    for m in msgs[:2000]:  # warm caches the way a running bot would
        guard.scan(m)
    g_rate, g_p50, g_p99 = measure(guard.scan, msgs)
    n_rate, n_p50, n_p99 = measure(naive_detect, msgs)
    print(f"{'detector':<14}{'msg/s':>12}{'p50 ms':>10}{'p99 ms':>10}")
    print(f"{'SecretGuard':<14}{g_rate:>12,.0f}{g_p50:>10.3f}{g_p99:>10.3f}")
    print(f"{'naive':<14}{n_rate:>12,.0f}{n_p50:>10.3f}{n_p99:>10.3f}")
    print(
        f"ratio guard/naive throughput: {g_rate / n_rate:.2f}x "
        f"(naive is {n_rate / g_rate:.0f}x faster)"
    )
    print("\nper category (SecretGuard):")
    for cat in ("chat", "public", "secret", "long"):
        sub = [m for m, c in zip(msgs, cats, strict=True) if c == cat]
        rate, p50, p99 = measure(guard.scan, sub)
        print(
            f"  {cat:<8}{len(sub):>7} msgs {rate:>10,.0f} msg/s  p50 {p50:.3f} ms  p99 {p99:.3f} ms"
        )
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
