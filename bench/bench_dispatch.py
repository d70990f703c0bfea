"""End-to-end dispatch latency: one message in, every action executed, SQLite (WAL) on disk.

Runs the real runtime (guard, matcher, store, outbox) with the in-process channel and
a realistic mix: FAQ questions, chit-chat, relays into open tickets, staff commands,
and a few secrets. Prints per-message p50/p99 and throughput, and the machine.

    .venv/bin/python bench/bench_dispatch.py [--messages 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from mnemonic import Mnemonic

from adapters.testing import MemoryChannel, TestBot
from bot.app import build_runtime
from bot.config import parse_config

QUESTIONS = [
    "my deposit has not arrived",
    "withdrawal pending for 3 hours",
    "how do i reset 2fa, lost my phone",
    "где посмотреть txid вывода",
    "не пришел депозит usdt trc20",
    "充值没到账",
    "提币一直在审核中",
    "what are the trading fees",
    "kak vyvesti usdt",
    "hi",
    "thanks!",
    "wen moon",
]


def machine() -> str:
    return (
        f"{platform.platform()} | processor: {platform.processor() or 'n/a'} | "
        f"{os.cpu_count()} CPUs | Python {platform.python_version()}"
    )


async def run(n: int) -> None:
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        cfg = parse_config({"bot": {"data_dir": str(Path(tmp) / "data")}}, base_dir=Path(tmp))
        rt = await build_runtime(cfg)
        ch = MemoryChannel()
        rt.outbox.register(ch)
        tb = TestBot(rt.sink, ch)
        phrase = Mnemonic("english").generate()
        lat: list[float] = []
        t_all = time.perf_counter()
        for _ in range(n):
            user = f"u{rnd.randrange(200)}"
            r = rnd.random()
            t0 = time.perf_counter()
            if r < 0.02:
                await tb.user(f"is this my seed {phrase}", user_id=user)
            elif r < 0.07:
                await tb.user("/human", user_id=user)
            elif r < 0.12:
                await tb.staff(rnd.choice(["/queue", f"/take {rnd.randrange(1, 20)}", "/stats"]))
            elif r < 0.15:
                await tb.staff(f"/close {rnd.randrange(1, 30)}")
            else:
                await tb.user(rnd.choice(QUESTIONS), user_id=user)
            lat.append((time.perf_counter() - t0) * 1000)
            if len(ch.sent) > 1000:
                ch.sent.clear()
        total = time.perf_counter() - t_all
        await rt.close()
    lat.sort()
    p99 = lat[int(len(lat) * 0.99) - 1]
    print(f"machine: {machine()}")
    print(f"messages: {n}, SQLite WAL file, in-process channel, sequential")
    print(
        f"throughput {n / total:,.0f} msg/s | p50 {statistics.median(lat):.2f} ms | "
        f"p99 {p99:.2f} ms | max {lat[-1]:.2f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--messages", type=int, default=2000)
    logging.disable(logging.WARNING)  # the guard logs each removed secret; not measured here
    asyncio.run(run(ap.parse_args().messages))


if __name__ == "__main__":
    main()
