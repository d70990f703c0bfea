"""Recall and false-positive rate on the generated corpus (see corpus.py)."""

from __future__ import annotations

from collections import Counter

from guard import SecretGuard
from tests.guard.corpus import Sample

MIN_SECRETS = 2000
MIN_CLEAN = 2000


def _fmt(samples: list[tuple[Sample, list[str]]]) -> str:
    return "\n".join(f"  [{s.tag}] {kinds} {s.text[:200]!r}" for s, kinds in samples[:40])


def test_corpus_size_and_coverage(corpus: list[Sample]) -> None:
    tags = Counter(s.tag.split("/")[0] for s in corpus if s.secret)
    assert sum(tags.values()) >= MIN_SECRETS
    assert sum(1 for s in corpus if not s.secret) >= MIN_CLEAN
    for family in ("bip39", "partial", "electrum", "monero", "hex_key", "wif", "xprv", "solana"):
        assert tags[family] > 0, family
    langs = {s.tag.split("/")[1] for s in corpus if s.tag.startswith("bip39/")}
    assert len(langs) == 12
    clean = Counter(s.tag.split("/")[0] for s in corpus if not s.secret)
    for family in ("address", "tx", "xpub", "chat", "trap", "ids"):
        assert clean[family] > 0, family


def test_recall(guard: SecretGuard, corpus: list[Sample]) -> None:
    secrets = [s for s in corpus if s.secret]
    misses: list[tuple[Sample, list[str]]] = [
        (s, []) for s in secrets if not guard.scan(s.text).has_secret
    ]
    recall = 1 - len(misses) / len(secrets)
    assert recall >= 0.995, f"recall {recall:.4f}, misses:\n{_fmt(misses)}"


def test_false_positive_rate(guard: SecretGuard, corpus: list[Sample]) -> None:
    clean = [s for s in corpus if not s.secret]
    fps = []
    for s in clean:
        res = guard.scan(s.text)
        if res.has_secret:
            fps.append((s, res.kinds))
    rate = len(fps) / len(clean)
    assert rate <= 0.002, f"false-positive rate {rate:.4f}, hits:\n{_fmt(fps)}"


def test_redaction_removes_every_secret(guard: SecretGuard, corpus: list[Sample]) -> None:
    """After redact(), a rescan of a secret message finds nothing."""
    leftovers = []
    for s in corpus:
        if s.secret:
            res = guard.scan(s.text)
            if res.has_secret and guard.scan(guard.redact(s.text, res)).has_secret:
                leftovers.append((s, res.kinds))
    assert not leftovers, _fmt(leftovers)


def test_public_refs_found_in_clean_addresses(guard: SecretGuard, corpus: list[Sample]) -> None:
    addr = [s for s in corpus if s.tag.startswith("address/")]
    missing: list[tuple[Sample, list[str]]] = [
        (s, []) for s in addr if not any(p.kind == "address" for p in guard.scan(s.text).public)
    ]
    assert len(missing) <= len(addr) // 200, _fmt(missing)
