"""Context vocabularies (en/ru/zh + a few more) that tell a key from a hash and a seed from chat.

The tx vocabulary is deliberately broad: a 64-hex string defaults to "private key" unless
transaction context is near (see docs/guard.md), so the hash side must recognise how users
actually talk about transfers.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Context is matched on the word tokens the guard already has (normalised: lower case, accents
# and combining marks stripped), so it costs a few set lookups instead of big regex scans.
_WORDS: dict[str, list[str]] = {
    "seed": (
        "seed seeds seedphrase mnemonic mnemonics phrase phrases passphrase recovery words"
        " сид сида сиду сидом сидфраза シード ニーモニック 시드 니모닉 복구 semilla semillas"
        " frase mots parole palavras slova kelime kelimeler"
    ).split(),
    "key": ("privkey privatekey secretkey keystore wif xprv 개인키 비밀키 秘密鍵 秘密キー").split(),
    "tx": (
        "tx txid txids txn txhash txs hash hashes transaction transactions block explorer sent"
        " send sending paid payment payments deposit deposits deposited withdraw withdrawal"
        " withdrawn withdrawals transfer transferred transfers confirm confirmed confirmation"
        " confirmations signature etherscan bscscan tronscan solscan polygonscan arbiscan"
        " mempool blockchair blockstream tonviewer tonscan xrpscan"
    ).split(),
    "address": "address addresses addr 주소 アドレス".split(),
}
_STEMS: dict[str, tuple[str, ...]] = {
    "seed": ("мнемон", "фраз", "восстановл", "слова", "mnemon"),
    "key": ("приватн",),
    "tx": (
        "транзакц",
        "хэш",
        "хеш",
        "перевод",
        "перевел",
        "перевёл",
        "отправ",
        "депозит",
        "вывод",
        "пополн",
        "блок",
        "оплат",
    ),
    "address": ("адрес",),
}
# (first-word stem, second-word stem, label) for two-word terms ("private key", "закрытый ключ").
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("private", "key", "key"),
    ("priv", "key", "key"),
    ("secret", "key", "key"),
    ("secret", "phrase", "seed"),
    ("export", "key", "key"),
    ("wallet", "export", "key"),
    ("закрыт", "ключ", "key"),
    ("секретн", "ключ", "key"),
    ("ключ", "кошел", "key"),
    ("clave", "privada", "key"),
    ("cle", "privee", "key"),
    ("chiave", "privata", "key"),
    ("chave", "privada", "key"),
    ("privatni", "klic", "key"),
    ("ozel", "anahtar", "key"),
    ("개인", "키", "key"),
)
HAN_CONTEXT: dict[str, str] = {
    "助记词": "seed",
    "助記詞": "seed",
    "种子": "seed",
    "種子": "seed",
    "私钥": "key",
    "私鑰": "key",
    "密钥": "key",
    "密鑰": "key",
    "秘密鍵": "key",
    "交易": "tx",
    "哈希": "tx",
    "区块": "tx",
    "區塊": "tx",
    "转账": "tx",
    "轉帳": "tx",
    "转帐": "tx",
    "充值": "tx",
    "提现": "tx",
    "提幣": "tx",
    "提币": "tx",
    "汇款": "tx",
    "付款": "tx",
    "到账": "tx",
    "地址": "address",
}
HAN_CONTEXT_RE = re.compile("|".join(sorted(HAN_CONTEXT, key=len, reverse=True)))


def _norm(word: str) -> str:
    from guard._wordlists import strip_marks

    return strip_marks(word)


WORD_LABEL: dict[str, str] = {_norm(w): label for label, ws in _WORDS.items() for w in ws}
STEM_LABELS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(_norm(x) for x in stems), label) for label, stems in _STEMS.items()
)
PAIR_FIRST: tuple[str, ...] = tuple(_norm(a) for a, _b, _l in PAIRS)
PAIRS_NORM: tuple[tuple[str, str, str], ...] = tuple(
    (_norm(a), _norm(b), lab) for a, b, lab in PAIRS
)


ALL_STEMS: tuple[str, ...] = tuple(x for stems, _lab in STEM_LABELS for x in stems)


def token_label(key: str) -> str:
    """Context label of one normalised token, or ''."""
    label = WORD_LABEL.get(key)
    if label is not None:
        return label
    if not key.startswith(ALL_STEMS):
        return ""
    for stems, lab in STEM_LABELS:
        if key.startswith(stems):
            return lab
    return ""


def pair_label(first: str, second: str) -> str:
    """Label of a two-token term such as 'private key', or ''."""
    if not first.startswith(PAIR_FIRST):
        return ""
    for a, b, lab in PAIRS_NORM:
        if first.startswith(a) and second.startswith(b):
            return lab
    return ""


# Explorer URL around a hex string: "etherscan.io/tx/<hash>", "https://.../0x..".
URL_HINT = re.compile(r"(?:https?://|www\.|\.[a-z]{2,}/)", _I)

# All chain hints as one regex (one pass over a message, only when a hash needs a chain):
# term -> (priority, chain, needs word boundaries); lower priority wins, as in CHAIN_HINTS.
CHAIN_TERMS: dict[str, tuple[int, str, bool]] = {}
for _prio, (_chain, _terms) in enumerate(
    (
        ("ethereum", "etherscan ethereum eth= erc20= erc-20= arbiscan bscscan polygonscan"),
        ("bitcoin", "mempool.space blockstream btc= bitcoin биткоин 比特币"),
        ("tron", "tronscan trx= trc20= trc-20= tron="),
        ("solana", "solscan solana.fm solana sol="),
        ("ton", "tonviewer tonscan ton="),
        ("litecoin", "litecoin ltc="),
    )
):
    for _t in _terms.split():
        CHAIN_TERMS.setdefault(_t.rstrip("="), (_prio, _chain, _t.endswith("=")))
_CHAIN_ALT = "|".join(re.escape(t) for t in sorted(CHAIN_TERMS, key=len, reverse=True))
CHAIN_RE = re.compile(_CHAIN_ALT)  # on lower-cased text: IGNORECASE alternations are ~25x slower
CHAIN_RE_I = re.compile(_CHAIN_ALT, _I)  # when lower() changes the length (rare: "İ")

# Starts with a digit (a lookbehind first would make the engine try every position). Run on
# lower-cased text (see AMOUNT_I): an IGNORECASE alternation is several times slower.
_AMOUNT_SRC = (
    r"(\d(?<![\w.]\d)(?:\d{0,2}(?:[ ,]\d{3})+(?:\.\d+)?|\d*(?:[.,]\d+)?))\s?"
    r"(btc|eth|usdt|usdc|sol|trx|ton|ltc|xrp|bnb|doge|dai|matic|pol|arb|op|avax|ada|dot"
    r"|sats?|gwei)(?![\w])"
)
AMOUNT = re.compile(_AMOUNT_SRC)
AMOUNT_I = re.compile(_AMOUNT_SRC, _I)  # when lower() changes the length (rare: "İ")
