"""FAQ matcher benchmark: latency, index build time and memory at 1,000 and 10,000 entries,
against a bare `process.extractOne` scan, plus the eval re-run on the padded base to see
whether the answer/suggest/decline decision stays calibrated as the base grows.

    .venv/bin/python bench/bench_faq.py            # sizes 1000 and 10000
    .venv/bin/python bench/bench_faq.py --sizes 1000 --queries 200

The padding entries are plausible crypto-support questions generated from templates ×
coins × networks × topics in en/ru/zh (listing dates, suspended deposits on a network,
staking/lending of a coin, bridges, migrations...). They share the vocabulary of the real
entries (deposit, withdrawal, network, staking, fee) without duplicating their intents.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rapidfuzz import fuzz, process  # noqa: E402

from faq.base import FaqBase, FaqEntry  # noqa: E402
from faq.intents import detect_urgent, wants_human  # noqa: E402
from faq.matcher import Matcher  # noqa: E402

COINS = (
    "BTC ETH USDT USDC BNB SOL XRP ADA DOGE TRX TON DOT MATIC LTC SHIB AVAX LINK ATOM XLM XMR "
    "ETC BCH FIL APT ARB OP NEAR ICP VET HBAR QNT ALGO EGLD SAND MANA AXS AAVE UNI CRV PEPE "
    "SUI SEI TIA INJ RNDR FET WLD JUP PYTH STRK"
).split()
NETWORKS_EN = (
    "ERC20 TRC20 BEP20 Solana Arbitrum Optimism Polygon Base Avalanche C-Chain zkSync Linea "
    "Starknet TON Tron BNB Chain"
).split()

# (english, russian, chinese) templates; {c} coin, {n} network
TEMPLATES: tuple[tuple[str, str, str], ...] = (
    ("When will {c} be listed on {n}?", "Когда добавят {c} в сети {n}?", "{c}什么时候上线{n}网络"),
    (
        "Why are {c} deposits on {n} suspended?",
        "Почему приостановлены пополнения {c} через {n}?",
        "为什么{n}网络的{c}充值暂停了",
    ),
    (
        "Are {c} withdrawals via {n} under maintenance?",
        "Вывод {c} через {n} на техобслуживании?",
        "{c}通过{n}提现在维护吗",
    ),
    ("Can I stake {c} on {n}?", "Можно ли застейкать {c} в сети {n}?", "可以在{n}上质押{c}吗"),
    (
        "Is lending {c} on {n} available?",
        "Доступно ли кредитование {c} в сети {n}?",
        "{n}上的{c}可以借贷吗",
    ),
    (
        "How do I bridge {c} from {n} to mainnet?",
        "Как перевести {c} через мост из {n} в основную сеть?",
        "怎么把{c}从{n}跨链到主网",
    ),
    (
        "Will you support the {c} token migration on {n}?",
        "Поддержите ли вы миграцию токена {c} в {n}?",
        "你们会支持{n}上的{c}代币迁移吗",
    ),
    (
        "Is {c} going to be delisted from {n}?",
        "Будет ли {c} делистнут из {n}?",
        "{c}会从{n}下架吗",
    ),
    (
        "What is the minimum {c} order size on {n}?",
        "Какой минимальный размер ордера {c} в {n}?",
        "{n}上{c}的最小下单量是多少",
    ),
    (
        "Does the {c} airdrop on {n} need a snapshot?",
        "Нужен ли снапшот для аирдропа {c} в {n}?",
        "{n}上的{c}空投需要快照吗",
    ),
    (
        "Can I use {c} on {n} as futures collateral?",
        "Можно ли использовать {c} в {n} как залог для фьючерсов?",
        "{n}上的{c}可以做合约保证金吗",
    ),
    (
        "Is there a {c} launchpool on {n}?",
        "Есть ли лаунчпул {c} в сети {n}?",
        "{n}有{c}的launchpool吗",
    ),
)


def synth_entries(count: int, seed: int = 7) -> list[FaqEntry]:
    """`count` distinct distractor entries (deterministic for a seed)."""
    rng = random.Random(seed)
    combos = [(t, c, n) for t in range(len(TEMPLATES)) for c in COINS for n in NETWORKS_EN]
    rng.shuffle(combos)
    if count > len(combos):
        raise ValueError(f"at most {len(combos)} synthetic entries")
    out = []
    for i, (t, c, n) in enumerate(combos[:count]):
        en, ru, zh = (s.format(c=c, n=n) for s in TEMPLATES[t])
        out.append(
            FaqEntry(
                id=f"synth-{i:05d}",
                category="synthetic",
                questions={"en": (en,), "ru": (ru,), "zh": (zh,)},
                answers={"en": f"Status of {c} on {n}: see the announcements channel."},
                keywords=(c.lower(),),
            )
        )
    return out


def pad_base(base: FaqBase, total: int) -> FaqBase:
    """The real entries plus distractors up to `total` entries."""
    extra = max(0, total - len(base.entries))
    return FaqBase((*base.entries, *synth_entries(extra)), f"{base.source}+{extra} synthetic")


def machine_info() -> str:
    return (
        f"platform={platform.platform()} processor={platform.processor() or '?'} "
        f"cpus={os.cpu_count()} python={platform.python_version()}"
    )


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def bench_size(
    base0: FaqBase, size: int, queries: list[str], bare_n: int, repeat: int
) -> dict[str, float]:
    base = pad_base(base0, size)
    gc.collect()
    t0 = time.perf_counter()
    Matcher(base)
    build = time.perf_counter() - t0
    gc.collect()
    tracemalloc.start()
    m = Matcher(base)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for q in queries[:20]:  # warm-up
        m.match(q)
    lat = []
    for q in queries:  # best of `repeat` per query: the machine is shared, noise is one-sided
        best = float("inf")
        for _ in range(repeat):
            detect_urgent.cache_clear()  # per-text memos would turn repeats into cache hits
            wants_human.cache_clear()
            t = time.perf_counter()
            m.match(q)
            best = min(best, time.perf_counter() - t)
        lat.append(best * 1000)
    qs = [q for e in base.entries for _l, q in e.all_questions()]
    bare = []
    for q in queries[:bare_n]:
        t = time.perf_counter()
        process.extractOne(q, qs, scorer=fuzz.WRatio)
        bare.append((time.perf_counter() - t) * 1000)
    return {
        "entries": len(base),
        "questions": len(qs),
        "build_s": build,
        "peak_mb": peak / 1e6,
        "p50": pct(lat, 50),
        "p99": pct(lat, 99),
        "mean": statistics.fmean(lat),
        "bare_p50": pct(bare, 50),
        "bare_p99": pct(bare, 99),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--queries", type=int, default=0, help="limit the number of queries")
    p.add_argument(
        "--query-splits",
        default="all",
        help="eval splits to time, comma-separated (dev,test = the first round's 637 queries)",
    )
    p.add_argument("--bare", type=int, default=100, help="queries for the bare extractOne scan")
    p.add_argument("--repeat", type=int, default=3, help="time each query N times, keep the best")
    p.add_argument("--no-eval", action="store_true", help="skip the eval on the padded base")
    p.add_argument(
        "--with-test",
        action="store_true",
        help="also evaluate the report split (final) on the padded base (report only, never tune)",
    )
    args = p.parse_args(argv)

    from eval_faq import (
        FAQ_DIR,
        REPORT_SPLIT,
        Tally,
        evaluate,
        load_messages,
        matcher_decider,
        select,
    )

    msgs = load_messages()
    if args.query_splits == "all":
        queries = [m.text for m in msgs]
    else:
        queries = [m.text for s in args.query_splits.split(",") for m in select(msgs, s)]
    random.Random(1).shuffle(queries)
    if args.queries:
        queries = queries[: args.queries]
    base0 = FaqBase.load(FAQ_DIR)
    print(f"# FAQ matcher benchmark\n\n{machine_info()}\n")
    print(
        f"{len(queries)} timed queries (eval splits: {args.query_splits}, shuffled; best of "
        f"{args.repeat} "
        f"runs each); bare scan on {args.bare}.\n"
    )
    print(
        "| entries | questions | index build | index peak mem | p50 | p99 | mean "
        "| bare extractOne p50 | bare p99 | speed-up (p50) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for size in args.sizes:
        r = bench_size(base0, size, queries, args.bare, args.repeat)
        print(
            f"| {r['entries']:.0f} | {r['questions']:.0f} | {r['build_s']:.2f} s | "
            f"{r['peak_mb']:.1f} MB | {r['p50']:.3f} ms | {r['p99']:.3f} ms | {r['mean']:.3f} ms | "
            f"{r['bare_p50']:.2f} ms | {r['bare_p99']:.2f} ms | {r['bare_p50'] / r['p50']:.0f}× |"
        )
    print("\nTargets: p99 ≤ 2 ms per query at 10,000 entries; index build ≤ 2 s.")
    if args.no_eval:
        return 0
    print("\n## Decision calibration on the padded base (MatchThresholds defaults)\n")
    print("| base | split | accuracy | wrong answers | suggest | declined | utility/100 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for size in (len(base0), *args.sizes):
        m = Matcher(pad_base(base0, size))
        for split in ("tune", REPORT_SPLIT) if args.with_test else ("tune",):
            t: Tally = evaluate(select(msgs, split), matcher_decider(m)).overall
            print(
                f"| {size} | {split} | {100 * t.correct / t.answerable:.1f}% | "
                f"{100 * t.wrong / t.n:.1f}% ({t.wrong}) | {100 * t.suggest / t.n:.1f}% | "
                f"{100 * t.declined / t.n:.1f}% | {t.utility:.1f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
