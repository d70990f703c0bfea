"""Result types of a scan. None of them ever holds secret text, so their reprs are log-safe."""

from __future__ import annotations

from dataclasses import dataclass, field

SEED_KINDS = frozenset({"bip39_mnemonic", "electrum_seed", "monero_seed"})
KEY_KINDS = frozenset(
    {
        "hex_private_key",
        "wif_private_key",
        "extended_private_key",
        "solana_secret_key",
        "ethereum_keystore",
    }
)
ALL_KINDS = SEED_KINDS | KEY_KINDS


@dataclass(frozen=True, slots=True)
class SecretFinding:
    """Where a secret sits in the text: kind, [start, end) span, confidence, wordlist language."""

    kind: str
    start: int
    end: int
    confidence: float
    language: str | None = None


@dataclass(frozen=True, slots=True)
class PublicRef:
    """Public data worth linking to: an address, a tx hash, an amount or an extended public key.

    For amounts ``value`` is the number ("0.5") and ``chain``/``coin`` the ticker ("BTC").
    """

    kind: str
    value: str
    chain: str | None
    start: int
    end: int
    coin: str | None = None


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Outcome of :meth:`guard.SecretGuard.scan`; holds spans only, never the secret text."""

    secrets: tuple[SecretFinding, ...] = ()
    public: tuple[PublicRef, ...] = field(default=())

    @property
    def has_secret(self) -> bool:
        return bool(self.secrets)

    @property
    def kinds(self) -> list[str]:
        """Distinct secret kinds in order of first appearance."""
        seen: list[str] = []
        for s in self.secrets:
            if s.kind not in seen:
                seen.append(s.kind)
        return seen
