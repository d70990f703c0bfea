"""Unit tests per detector, plus the safety rules (repr, never raise)."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from guard import (
    DEFAULT_EXPLORERS,
    PublicRef,
    ScanResult,
    SecretFinding,
    SecretGuard,
    explorer_link,
)
from guard._codec import b58encode
from tests.guard.cryptogen import KeyGen

RNG = random.Random(7)
KG = KeyGen(RNG)
EN = Mnemonic("english")
PHRASE = EN.to_mnemonic(bytes(range(16)))
HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"


def test_bip39_english_hit_and_kind(guard: SecretGuard) -> None:
    res = guard.scan(f"my words: {PHRASE} thanks")
    assert res.kinds == ["bip39_mnemonic"]
    f = res.secrets[0]
    assert f.language == "english" and f.confidence >= 0.95


@pytest.mark.parametrize(
    "text",
    [
        "I lost my seed phrase, what now?",
        "never share your 12 words or private key with anyone",
        "Can you help me find my wallet? I have a problem with my account today.",
        "you can have this good money today because what about wallet",
        "我丢了助记词，现在怎么办？",
        "мой сид потерян, что делать",
        "order ORD-558812 and code 123 456, id 3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "",
        "   \n\t",
    ],
)
def test_clean_messages(guard: SecretGuard, text: str) -> None:
    assert not guard.scan(text).has_secret


@pytest.mark.parametrize(
    ("template", "secret"),
    [
        ("my private key is {h}", True),
        ("PRIVATE_KEY={h}", True),
        ("приватный ключ: {h}", True),
        ("私钥 {h}", True),
        ("{h}", True),  # bare 64-hex: treated as a key (docs/guard.md)
        ("0x{h}", True),
        ("tx: {h}", False),
        ("txid {h}", False),
        ("https://etherscan.io/tx/0x{h}", False),
        ("транзакция {h}", False),
        ("交易哈希：{h}", False),
        ("хэш {h}", False),
        ("tx hash 0x{h} but my private key is {h2}", True),
        ("0:{h}", False),  # TON raw address
    ],
)
def test_hex_key_vs_hash(guard: SecretGuard, template: str, secret: bool) -> None:
    text = template.format(h=HEX, h2=HEX[::-1])
    res = guard.scan(text)
    assert res.has_secret is secret, text
    if not secret:
        assert res.public


def test_key_after_hash_is_redacted_but_hash_kept(guard: SecretGuard) -> None:
    text = f"tx hash 0x{HEX} but my private key is {HEX[::-1]}"
    out = guard.redact(text)
    assert HEX in out and HEX[::-1] not in out


def test_wif_xprv_solana_keystore(guard: SecretGuard) -> None:
    assert guard.scan(f"key {KG.wif()}").kinds == ["wif_private_key"]
    assert guard.scan(KG.xprv()).kinds == ["extended_private_key"]
    secret = KG.solana_secret()
    assert guard.scan(b58encode(secret)).kinds == ["solana_secret_key"]
    assert guard.scan(json.dumps(list(secret))).kinds == ["solana_secret_key"]
    assert guard.scan(KG.keystore()).kinds == ["ethereum_keystore"]


def test_public_data_is_classified(guard: SecretGuard) -> None:
    xpub = KG.xpub()
    addrs = {
        "bitcoin": [KG.btc_p2pkh(), KG.btc_p2sh(), KG.btc_bech32(), KG.btc_taproot()],
        "ethereum": [KG.eth()],
        "tron": [KG.tron()],
        "solana": [KG.solana()],
        "ton": [KG.ton()],
        "xrp": [KG.xrp()],
    }
    for chain, values in addrs.items():
        for a in values:
            res = guard.scan(f"send 0.5 BTC to {a}")
            assert not res.has_secret, a
            refs = [p for p in res.public if p.kind == "address"]
            assert refs and refs[0].chain == chain and refs[0].value == a, (chain, a, res)
            assert any(p.kind == "amount" and p.value == "0.5" for p in res.public)
    res = guard.scan(f"xpub: {xpub}")
    assert not res.has_secret
    assert res.public[0].kind == "extended_public_key"
    sig = KG.solana_signature()
    res = guard.scan(f"https://solscan.io/tx/{sig}")
    assert not res.has_secret and res.public[0].kind == "tx_hash"


def test_explorer_link() -> None:
    ref = PublicRef("tx_hash", "0x" + HEX, "ethereum", 0, 66)
    assert explorer_link(ref) == f"https://etherscan.io/tx/0x{HEX}"
    assert explorer_link(PublicRef("tx_hash", HEX, None, 0, 64)) is None
    custom = {"bitcoin": {"address": "https://example.org/a/{value}"}}
    assert explorer_link(PublicRef("address", "1abc", "bitcoin", 0, 4), custom) == (
        "https://example.org/a/1abc"
    )
    assert explorer_link(PublicRef("tx_hash", "x", "bitcoin", 0, 1), custom) is None
    assert "ethereum" in DEFAULT_EXPLORERS


def test_reprs_never_contain_secret_text(guard: SecretGuard) -> None:
    wif = KG.wif()
    text = f"{PHRASE}\nkey {HEX}\nwif {wif}"
    res = guard.scan(text)
    assert set(res.kinds) == {"bip39_mnemonic", "hex_private_key", "wif_private_key"}
    dumped = repr(res) + str(res) + "".join(repr(s) + str(s) for s in res.secrets)
    for word in PHRASE.split():
        assert word not in dumped
    assert HEX not in dumped and wif not in dumped
    assert isinstance(res, ScanResult) and isinstance(res.secrets[0], SecretFinding)


def test_results_are_frozen(guard: SecretGuard) -> None:
    res = guard.scan(PHRASE)
    with pytest.raises(AttributeError):
        res.secrets[0].kind = "x"  # type: ignore[misc]
    assert not hasattr(res, "__dict__")


def test_redact_labels(guard: SecretGuard) -> None:
    out = guard.redact(f"here: {PHRASE}. and {HEX}")
    assert out == "here: [seed phrase removed]. and [private key removed]"
    # wordlist words next to the phrase ("seed", "key") are removed with it: safer than trimming
    out = guard.redact(f"seed: {PHRASE}. key: {HEX}")
    assert out == "[seed phrase removed]: [private key removed]"


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000,
        "\x00\x01\x02" * 1000,
        "\ud800 broken surrogate " + PHRASE,
        "0x" + "f" * 100_000,
        "[" + ",".join(["255"] * 64) + "]",
        "ciphertext" * 50,
        "的" * 5000,
    ],
)
def test_never_raises_on_odd_input(guard: SecretGuard, text: str) -> None:
    res = guard.scan(text)
    guard.redact(text, res)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_fuzz(text: str) -> None:
    g = SecretGuard()
    res = g.scan(text)
    assert isinstance(g.redact(text, res), str)
    for s in res.secrets:
        assert 0 <= s.start < s.end <= len(text)


def test_partial_with_context(guard: SecretGuard) -> None:
    words = PHRASE.split()[:8]
    assert guard.scan("my seed is " + " ".join(words)).has_secret
    assert guard.scan("мой сид " + " ".join(words)).has_secret
    assert not guard.scan("we like " + " ".join(words[:6])).has_secret


def test_chinese_unspaced_and_plain_text(guard: SecretGuard) -> None:
    zh = Mnemonic("chinese_simplified").to_mnemonic(bytes(range(100, 116)))
    assert guard.scan("助记词是" + zh.replace(" ", "")).has_secret
    assert guard.scan(zh).has_secret
    assert not guard.scan("你好我想问一下提现什么时候到账已经等了两个小时了").has_secret


def test_typos_and_missing_word(guard: SecretGuard) -> None:
    words = PHRASE.split()
    typo = list(words)
    typo[3] = typo[3][:-1] + ("x" if typo[3][-1] != "x" else "y")
    typo[7] = typo[7] + "s"
    assert guard.scan(" ".join(typo)).has_secret
    assert guard.scan(" ".join(words[:5] + words[6:])).has_secret


def test_electrum_and_monero(guard: SecretGuard) -> None:
    from monero.seed import Seed

    from tests.guard.cryptogen import electrum_seed

    el = electrum_seed(random.Random(1), EN.wordlist, 12)
    assert guard.scan(el).kinds == ["electrum_seed"]
    xmr = Seed("a" * 64).phrase
    assert guard.scan(xmr).kinds == ["monero_seed"]


def test_ed25519_reference_matches_fast_path() -> None:
    from guard._codec import ed25519_public_key, ed25519_public_key_py

    for i in range(5):
        seed = bytes([i]) * 32
        assert ed25519_public_key_py(seed) == ed25519_public_key(seed)


def test_hash_list_under_one_heading(guard: SecretGuard) -> None:
    hashes = [KG.tx_hash() for _ in range(4)]
    res = guard.scan("tx hashes:\n" + "\n".join(hashes))
    assert not res.has_secret
    assert [p.value for p in res.public if p.kind == "tx_hash"] == hashes


def test_block_hash_and_chain_hint(guard: SecretGuard) -> None:
    res = guard.scan("0000000000000000000" + HEX[:45])
    assert not res.has_secret
    res = guard.scan(f"https://etherscan.io/tx/0x{HEX}")
    ref = res.public[0]
    assert ref.chain == "ethereum"
    assert explorer_link(ref) == f"https://etherscan.io/tx/0x{HEX}"


def test_hash_list_with_amounts_stays_public(guard: SecretGuard) -> None:
    """'hash - 0.5 ETH' lines under one tx heading are one list; a word other than an amount
    between two hashes still ends the list."""
    hashes = [KG.tx_hash() for _ in range(4)]
    text = "my deposits, none arrived:\n" + "\n".join(
        f"{i + 1}. {h} - {i + 1}.5 ETH" for i, h in enumerate(hashes)
    )
    res = guard.scan(text)
    assert not res.has_secret
    assert sum(1 for p in res.public if p.kind == "tx_hash") == 4
    broken = f"tx hashes:\n{hashes[0]} 1 ETH\nand my private key\n{hashes[1]}"
    assert guard.scan(broken).kinds == ["hex_private_key"]


# Messages that talk about seed phrases or keys without containing one: the partial-phrase rule
# (8+ words after seed/key vocabulary) must not fire on the prose that follows the vocabulary.
TALKING_ABOUT_SECRETS = [
    "Where do I find my private key in MetaMask?. I lost my seed phrase, what now?. "
    "never share your private key with anyone",
    "I lost my seed phrase, what now? never share your private key with anyone, not even support",
    "my seed phrase is gone, what can I do now? I have the wallet address but no words at all",
    "seed phrase: I wrote it on paper and my dog ate it, so what now, can you help me please",
    "private key question: where is it stored, and can I export it from the app on my phone?",
    "Is it safe to type my seed phrase into the new wallet app or should I use paper only?",
    "I forgot my private key. Can you recover it for me? I still have access to my email.",
    "мой сид потерян, что делать? я не помню слова, помогите пожалуйста восстановить доступ",
    "Где найти приватный ключ? Я потерял сид фразу и не могу войти в кошелёк, что теперь делать",
    "никогда не сообщайте приватный ключ и мнемоническую фразу никому, даже поддержке",
    "我丢了助记词，现在怎么办？请问客服能帮我找回钱包吗？",
    "私钥丢了怎么办？我忘记了助记词，也没有备份，钱包里还有一些币",
    "请不要把助记词和私钥发给任何人，包括客服和管理员，谢谢大家注意安全",
    "助记词是什么意思？我在哪里可以找到我的助记词，钱包应用里面有没有显示",
    "登录的时候一直提示网络错误请尽快回复我谢谢",  # bench chat message, once flagged
]


@pytest.mark.parametrize("text", TALKING_ABOUT_SECRETS)
def test_talking_about_secrets_is_clean(guard: SecretGuard, text: str) -> None:
    assert not guard.scan(text).has_secret


@pytest.mark.parametrize(
    ("lang", "template", "sep"),
    [
        ("english", "my seed is {p}", " "),
        ("english", "seed phrase: {p}", " "),
        ("english", "my seed phrase is {p} please help", " "),
        ("english", "private key backup words 1. {p}", " "),
        ("english", "my seed is {p}", ", "),
        ("russian", "мой сид {p}", " "),
        ("russian", "приватный ключ: {p}", " "),
        ("chinese_simplified", "助记词是 {p}", " "),
        ("chinese_simplified", "我的助记词：{p}", " "),
        ("chinese_simplified", "私钥 {p}", "，"),
    ],
)
@pytest.mark.parametrize("n", [8, 9, 10])
def test_partial_phrase_after_context_is_found(
    guard: SecretGuard, lang: str, template: str, sep: str, n: int
) -> None:
    rng = random.Random(f"{lang}{template}{n}")
    words = Mnemonic(lang).wordlist
    common = guard._index.common_en
    while True:  # a typical phrase: not mostly frequent English words (the prose trap)
        picked = [rng.choice(words) for _ in range(n)]
        if sum(w in common for w in picked) * 3 <= n:
            break
    phrase = sep.join(picked)
    text = template.format(p=phrase)
    res = guard.scan(text)
    assert res.has_secret, text
    span = text[res.secrets[0].start : res.secrets[0].end]
    assert phrase.split(sep)[-1] in span


def test_partial_phrase_without_context_is_clean(guard: SecretGuard) -> None:
    rng = random.Random(11)
    words = Mnemonic("english").wordlist
    phrase = " ".join(rng.choice(words) for _ in range(9))
    assert not guard.scan(f"look at this: {phrase}").has_secret
