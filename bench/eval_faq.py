"""Evaluate the FAQ matcher on faq/eval/messages.jsonl, next to a plain rapidfuzz baseline.

The pipeline mirrors the dispatcher: a request for a human or an urgent incident never
reaches the FAQ; everything else goes to `Matcher.match`. Only an "answer" decision
counts as answering; "suggest" and "decline" are non-answers.

    .venv/bin/python bench/eval_faq.py                 # report on test (tuned on dev)
    .venv/bin/python bench/eval_faq.py --split dev --errors
    .venv/bin/python bench/eval_faq.py --pad 10000     # same eval with a 10,000-entry base
    .venv/bin/python bench/eval_faq.py --fit           # refit the confidence model on dev

Utility = correct answers − 3 × wrong answers, per 100 messages.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rapidfuzz import fuzz, process  # noqa: E402

from faq.base import FaqBase  # noqa: E402
from faq.intents import detect_urgent, wants_human  # noqa: E402
from faq.matcher import FEATURE_NAMES, Matcher, MatchThresholds  # noqa: E402

EVAL_FILE = ROOT / "faq" / "eval" / "messages.jsonl"
FAQ_DIR = ROOT / "faq" / "data"
LANG_ORDER = ("en", "ru", "ru-translit", "zh", "mixed")
WRONG_COST = 3.0


@dataclass(frozen=True, slots=True)
class Message:
    id: str
    text: str
    lang: str
    label: str | None
    kind: str
    split: str


@dataclass(slots=True)
class Tally:
    n: int = 0
    answerable: int = 0
    correct: int = 0
    wrong: int = 0
    suggest: int = 0
    declined: int = 0
    urgent_answered: int = 0
    suggest_hit: int = 0  # suggest whose buttons contain the right entry

    def add(self, m: Message, decision: str, faq_id: str | None, suggested: Sequence[str]) -> str:
        self.n += 1
        self.answerable += m.label is not None
        if decision == "answer":
            if m.label is not None and faq_id == m.label:
                self.correct += 1
                return "correct"
            self.wrong += 1
            self.urgent_answered += m.kind == "urgent"
            return "wrong"
        if decision == "suggest":
            self.suggest += 1
            self.suggest_hit += m.label is not None and m.label in suggested
            return "suggest"
        self.declined += 1
        return "declined"

    def row(self, name: str) -> str:
        acc = 100.0 * self.correct / self.answerable if self.answerable else 0.0
        wrong = 100.0 * self.wrong / self.n if self.n else 0.0
        dec = 100.0 * self.declined / self.n if self.n else 0.0
        sug = 100.0 * self.suggest / self.n if self.n else 0.0
        util = 100.0 * (self.correct - WRONG_COST * self.wrong) / self.n if self.n else 0.0
        return (
            f"| {name} | {self.n} | {acc:.1f}% ({self.correct}/{self.answerable}) | {wrong:.1f}% "
            f"({self.wrong}) | {sug:.1f}% | {dec:.1f}% | {util:.1f} | {self.urgent_answered} |"
        )

    @property
    def utility(self) -> float:
        return 100.0 * (self.correct - WRONG_COST * self.wrong) / self.n if self.n else 0.0


HEADER = (
    "| system / lang | n | accuracy (answerable) | wrong answers | suggest | declined "
    "| utility /100 | urgent answered |\n|---|---:|---:|---:|---:|---:|---:|---:|"
)


@dataclass(slots=True)
class Report:
    overall: Tally = field(default_factory=Tally)
    by_lang: dict[str, Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def load_messages(path: Path = EVAL_FILE) -> list[Message]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out.append(
                    Message(d["id"], d["text"], d["lang"], d["label"], d["kind"], d["split"])
                )
    return out


Decider = Callable[[str], tuple[str, str | None, Sequence[str], float | None]]


def front(text: str) -> str | None:
    """What the dispatcher does before the FAQ: a person on request, incidents escalated."""
    if wants_human(text):
        return "handoff"
    if detect_urgent(text) is not None:
        return "escalate"
    return None


def matcher_decider(m: Matcher) -> Decider:
    def run(text: str) -> tuple[str, str | None, Sequence[str], float | None]:
        pre = front(text)
        if pre is not None:
            return pre, None, (), None
        r = m.match(text)
        best = r.best
        fid = best.entry_id if best and r.decision == "answer" else None
        return r.decision, fid, [c.entry_id for c in r.suggestions], best.score if best else None

    return run


class Baseline:
    """Plain `process.extractOne(query, all_questions, scorer=fuzz.WRatio)` + one threshold."""

    def __init__(self, base: FaqBase) -> None:
        self.questions: list[str] = []
        self.owner: list[str] = []
        self._cache: dict[str, tuple[str | None, float]] = {}
        for e in base.entries:
            for _lang, q in e.all_questions():
                self.questions.append(q)
                self.owner.append(e.id)

    def best(self, text: str) -> tuple[str | None, float]:
        hit = process.extractOne(text, self.questions, scorer=fuzz.WRatio)
        if hit is None:
            return None, 0.0
        return self.owner[hit[2]], float(hit[1])

    def decider(self, threshold: float, with_front: bool) -> Decider:
        cache = self._cache

        def run(text: str) -> tuple[str, str | None, Sequence[str], float | None]:
            if with_front and front(text) is not None:
                return "decline", None, (), None
            if text not in cache:
                cache[text] = self.best(text)
            fid, score = cache[text]
            if fid is not None and score >= threshold:
                return "answer", fid, (), score
            return "decline", None, (), score

        return run

    def tune(self, dev: Iterable[Message], with_front: bool) -> float:
        dev = list(dev)
        best_t, best_u = 100.0, -1e9
        for t in range(40, 101):
            u = evaluate(dev, self.decider(float(t), with_front)).overall.utility
            if u > best_u:
                best_t, best_u = float(t), u
        return best_t


def evaluate(messages: Iterable[Message], decide: Decider) -> Report:
    rep = Report()
    for m in messages:
        decision, fid, sugg, score = decide(m.text)
        if decision not in ("answer", "suggest"):
            decision = "decline"
        verdict = rep.overall.add(m, decision, fid, sugg)
        rep.by_lang.setdefault(m.lang, Tally()).add(m, decision, fid, sugg)
        if verdict == "wrong" or (verdict != "correct" and m.label is not None):
            sc = f"{score:.3f}" if score is not None else "-"
            rep.errors.append(
                f"{m.id} [{m.lang}/{m.kind}] {verdict:8} got={fid or decision} want={m.label} "
                f"score={sc} :: {m.text[:110]}"
            )
    return rep


def print_report(title: str, rep: Report, out: list[str]) -> None:
    out.append(rep.overall.row(f"**{title}** all"))
    for lang in LANG_ORDER:
        if lang in rep.by_lang:
            out.append(rep.by_lang[lang].row(f"{title} {lang}"))


def padded_base(base: FaqBase, total: int) -> FaqBase:
    from bench_faq import pad_base  # generator lives with the benchmark

    return pad_base(base, total)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit_logistic(
    rows: Sequence[tuple[tuple[float, ...], float]], l2: float = 0.01, steps: int = 4000
) -> list[float]:
    """Plain gradient descent on the log-loss (no numpy: a few hundred rows, 9 weights)."""
    n = len(rows[0][0]) + 1
    w = [0.0] * n
    lr = 1.0
    for _ in range(steps):
        g = [0.0] * n
        for x, y in rows:
            err = _sigmoid(w[0] + sum(a * b for a, b in zip(w[1:], x, strict=True))) - y
            g[0] += err
            for i, xi in enumerate(x, 1):
                g[i] += err * xi
        for i in range(n):
            w[i] -= lr * (g[i] / len(rows) + (l2 * w[i] if i else 0.0))
    return w


def fit_confidence(matcher: Matcher, dev: Sequence[Message], folds: int = 5) -> str:
    """Refit `faq.matcher.CONFIDENCE_MODEL` on dev; print weights and a threshold table,
    with k-fold cross-validated figures so the chosen threshold is not an overfit."""
    data: list[tuple[Message, tuple[float, ...] | None, bool]] = []
    for m in dev:
        r = None if front(m.text) is not None else matcher.decision_features(m.text)
        if r is None:
            data.append((m, None, False))
        else:
            data.append((m, r[1], r[0] == m.label))
    rows = [(f, 1.0 if ok else 0.0) for _m, f, ok in data if f is not None]
    n_all = len(data)
    n_ans = sum(1 for m, _f, _ok in data if m.label is not None)

    def table(model: Sequence[float], items: Iterable[int], t: float) -> tuple[int, int]:
        c = wr = 0
        for i in items:
            _m, f, ok = data[i]
            if f is None:
                continue
            if _sigmoid(model[0] + sum(a * b for a, b in zip(model[1:], f, strict=True))) >= t:
                c += ok
                wr += not ok
        return c, wr

    out = [f"features: intercept, {', '.join(FEATURE_NAMES)}"]
    for l2 in (0.01, 0.003, 0.001):  # the shipped model: l2=0.003
        w = fit_logistic(rows, l2=l2)
        fold_models = []
        for k in range(folds):
            tr_rows = [
                (f, 1.0 if ok else 0.0)
                for i, (_m, f, ok) in enumerate(data)
                if i % folds != k and f is not None
            ]
            fold_models.append(fit_logistic(tr_rows, l2=l2))
        out += [
            "",
            f"l2={l2}: CONFIDENCE_MODEL = ({', '.join(f'{x:.3f}' for x in w)})",
            "",
            "| answer_confidence | dev acc | dev wrong | utility | 5-fold CV acc | CV wrong "
            "| CV utility |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for t in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85):
            c, wr = table(w, range(n_all), t)
            cc = cw = 0
            for k, fm in enumerate(fold_models):
                a, b = table(fm, [i for i in range(n_all) if i % folds == k], t)
                cc += a
                cw += b
            out.append(
                f"| {t:.2f} | {100 * c / n_ans:.1f}% | {100 * wr / n_all:.1f}% ({wr}) | "
                f"{100 * (c - WRONG_COST * wr) / n_all:.1f} | {100 * cc / n_ans:.1f}% | "
                f"{100 * cw / n_all:.1f}% ({cw}) | {100 * (cc - WRONG_COST * cw) / n_all:.1f} |"
            )
    return "\n".join(out)


def parse_overrides(items: Sequence[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for it in items:
        k, _, v = it.partition("=")
        out[k.strip()] = float(v)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--split", choices=("dev", "test", "all"), default="test")
    p.add_argument("--faq", type=Path, default=FAQ_DIR)
    p.add_argument("--eval", type=Path, default=EVAL_FILE)
    p.add_argument("--pad", type=int, default=0, help="pad the base to N entries with distractors")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a MatchThresholds knob",
    )
    p.add_argument("--errors", action="store_true", help="list misses and wrong answers")
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument(
        "--fit", action="store_true", help="refit the confidence model on dev and print it"
    )
    args = p.parse_args(argv)

    msgs = load_messages(args.eval)
    dev = [m for m in msgs if m.split == "dev"]
    chosen = msgs if args.split == "all" else [m for m in msgs if m.split == args.split]
    base = FaqBase.load(args.faq)
    if args.pad:
        base = padded_base(base, args.pad)
    thresholds = MatchThresholds.from_mapping(parse_overrides(args.set))
    t0 = time.perf_counter()
    matcher = Matcher(base, thresholds)
    build = time.perf_counter() - t0

    if args.fit:
        print(fit_confidence(matcher, dev))
        return 0
    out = [
        f"## FAQ eval — split `{args.split}`, {len(chosen)} messages, base {len(base)} entries"
        f" (index build {build:.2f}s)",
        "",
        HEADER,
    ]
    rep = evaluate(chosen, matcher_decider(matcher))
    print_report("matcher", rep, out)
    if not args.no_baseline:
        bl = Baseline(base)
        t_plain = bl.tune(dev, with_front=False)
        t_front = bl.tune(dev, with_front=True)
        print_report(f"WRatio@{t_plain:.0f}", evaluate(chosen, bl.decider(t_plain, False)), out)
        out.append(
            evaluate(chosen, bl.decider(t_front, True)).overall.row(
                f"**WRatio@{t_front:.0f} + urgent/human front** all"
            )
        )
    o = rep.overall
    out += [
        "",
        f"Targets on test: accuracy ≥ 85% → {100 * o.correct / max(1, o.answerable):.1f}%; "
        f"wrong ≤ 3% → {100 * o.wrong / max(1, o.n):.1f}%; urgent answered = 0 → "
        f"{o.urgent_answered}. Suggest buttons held the right entry in {o.suggest_hit} of "
        f"{o.suggest} suggest decisions.",
        "Baseline thresholds tuned on dev for utility; matcher thresholds are MatchThresholds "
        "defaults" + (f" with {args.set}" if args.set else "") + ".",
    ]
    print("\n".join(out))
    if args.errors:
        print("\n### misses and wrong answers (matcher)\n")
        print("\n".join(rep.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
