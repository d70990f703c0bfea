"""Block-explorer links for public references.

``explorers`` maps a chain name to ``{ref kind: URL template}``; templates use ``{value}``.
A chain or kind missing from the mapping yields ``None`` (no guessed links for unknown chains).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from guard._types import PublicRef

ExplorerMap = Mapping[str, Mapping[str, str]]

DEFAULT_EXPLORERS: ExplorerMap = MappingProxyType(
    {
        "bitcoin": MappingProxyType(
            {
                "address": "https://mempool.space/address/{value}",
                "tx_hash": "https://mempool.space/tx/{value}",
            }
        ),
        "bitcoin_testnet": MappingProxyType(
            {
                "address": "https://mempool.space/testnet/address/{value}",
                "tx_hash": "https://mempool.space/testnet/tx/{value}",
            }
        ),
        "ethereum": MappingProxyType(
            {
                "address": "https://etherscan.io/address/{value}",
                "tx_hash": "https://etherscan.io/tx/{value}",
            }
        ),
        "tron": MappingProxyType(
            {
                "address": "https://tronscan.org/#/address/{value}",
                "tx_hash": "https://tronscan.org/#/transaction/{value}",
            }
        ),
        "solana": MappingProxyType(
            {
                "address": "https://solscan.io/account/{value}",
                "tx_hash": "https://solscan.io/tx/{value}",
            }
        ),
        "ton": MappingProxyType(
            {
                "address": "https://tonviewer.com/{value}",
                "tx_hash": "https://tonviewer.com/transaction/{value}",
            }
        ),
        "litecoin": MappingProxyType(
            {
                "address": "https://litecoinspace.org/address/{value}",
                "tx_hash": "https://litecoinspace.org/tx/{value}",
            }
        ),
        "dogecoin": MappingProxyType(
            {
                "address": "https://blockchair.com/dogecoin/address/{value}",
                "tx_hash": "https://blockchair.com/dogecoin/transaction/{value}",
            }
        ),
        "xrp": MappingProxyType(
            {
                "address": "https://xrpscan.com/account/{value}",
                "tx_hash": "https://xrpscan.com/tx/{value}",
            }
        ),
    }
)


def explorer_link(ref: PublicRef, explorers: ExplorerMap = DEFAULT_EXPLORERS) -> str | None:
    """URL for ``ref`` or None (unknown chain, amounts, xpubs, or no template for the kind)."""
    if ref.chain is None or ref.kind not in ("address", "tx_hash"):
        return None
    templates = explorers.get(ref.chain)
    if not templates:
        return None
    template = templates.get(ref.kind)
    if not template:
        return None
    try:
        return template.format(value=ref.value)
    except (KeyError, IndexError, ValueError):
        return None
