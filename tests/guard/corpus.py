"""Labelled corpus for the guard, generated from a seeded RNG (nothing hand-picked).

``build_corpus(seed)`` returns secret and clean samples across every language and shape the
issue lists. Secrets use real wordlists/checksums; clean messages carry real checksummed
addresses, tx hashes with context, xpubs, ids and prose in en/ru/zh.
"""

from __future__ import annotations

import json
import random
import unicodedata
import uuid
from dataclasses import dataclass

from mnemonic import Mnemonic
from monero.seed import Seed

from guard import _wordlists as _wl
from guard._codec import b58encode
from tests.guard.cryptogen import KeyGen, electrum_seed

# the guard's own language lists, so the corpus covers exactly what it loads
BIP39_LANGS = list(_wl.BIP39_LANGS)
MONERO_LANGS = [english_name for english_name, _short in _wl.MONERO_LANGS]
LATIN = {"english", "spanish", "french", "italian", "czech", "portuguese", "turkish"}
CJK = {"chinese_simplified", "chinese_traditional"}


@dataclass(frozen=True)
class Sample:
    text: str
    secret: bool
    tag: str


PREFIXES = [
    "",
    "hi, here is my wallet:",
    "help!! my funds are gone, this is what I have:",
    "Can you check this please",
    "привет, вот мои слова:",
    "помогите, кошелёк не открывается",
    "你好，我的钱包打不开了",
    "请帮我看看：",
    "hola, mi billetera no funciona:",
    "bonjour, mon portefeuille :",
    "こんにちは、ウォレットが開けません",
    "안녕하세요 지갑 복구가 안돼요",
    "ciao, ecco le parole:",
    "ahoj, tady je moje fráze",
    "olá, minhas palavras:",
    "merhaba, cüzdanım açılmıyor",
]
SUFFIXES = [
    "",
    "thanks",
    "what should I do?",
    "pls help asap",
    "спасибо",
    "что делать?",
    "谢谢",
    "怎么办？",
    "gracias",
    "merci beaucoup",
    "よろしくお願いします",
    "감사합니다",
]
SEED_CONTEXTS = [
    "my seed is",
    "my recovery phrase starts with",
    "first words of my mnemonic:",
    "мой сид:",
    "моя сид фраза",
    "мнемоника начинается так:",
    "助记词是",
    "我的助记词：",
    "seed phrase (partial):",
]
KEY_CONTEXTS = [
    "my private key is {k}",
    "PRIVATE_KEY={k}",
    "private key: {k}",
    "here is the key I exported from metamask {k}",
    "приватный ключ {k}",
    "вот мой приватный ключ: {k}",
    "私钥：{k}",
    "这是我的私钥 {k} 请帮我看看",
    "{k}",
    "{k}",
    "0x{k}",
    "can you import this for me {k}",
    "wallet export: {k}",
    "key={k}",
]
TX_CONTEXTS = [
    "tx: {h}",
    "txid {h}",
    "TxID: {h} still pending",
    "https://etherscan.io/tx/0x{h}",
    "https://mempool.space/tx/{h}",
    "see https://blockchair.com/bitcoin/transaction/{h}",
    "tronscan.org/#/transaction/{h}",
    "hash {h}",
    "transaction hash is 0x{h}",
    "I sent 0.5 ETH yesterday, here is the hash 0x{h}",
    "my deposit has not arrived: {h}",
    "withdrawal stuck {h}",
    "транзакция {h}",
    "хэш транзакции: {h}",
    "вот хеш {h} , деньги не пришли",
    "перевод не дошёл {h}",
    "交易哈希：{h}",
    "我的提现一直没到账，交易ID {h}",
    "充值没到 {h}",
    "{h} is the tx",
    "block hash 0000000000000000000{t}",
]
ADDRESS_TEMPLATES = [
    "please send it to {a}",
    "my {c} address is {a}",
    "deposit address: {a}",
    "I sent {amt} to {a} an hour ago",
    "is {a} the right address?",
    "мой адрес {a}",
    "отправил {amt} на {a}, не пришло",
    "我的地址是 {a}",
    "我往 {a} 转了 {amt}",
    "{a}",
    "withdraw to {a} please",
]
EN_CLEAN = [
    "I lost my seed phrase, what now?",
    "Is it safe to give my 12 words to support?",
    "How do I import a wallet with a 24 word recovery phrase?",
    "never share your private key with anyone",
    "Where do I find my private key in MetaMask?",
    "my withdrawal has been pending for 3 hours",
    "when will the airdrop be distributed?",
    "the app crashes when I open the swap page",
    "I forgot the password but I still have my mnemonic written down",
    "can you explain how staking rewards are calculated",
    "Hello, my deposit of {amt} is not showing up",
    "Order {oid} was paid but not delivered",
    "my 2FA code {otp} does not work",
    "request id {uuid}",
    "api key id {apikey} is not accepted",
    "The bridge took my {amt} and nothing arrived",
    "how long does a bitcoin transaction usually take",
    "what is the minimum withdrawal amount for USDT on TRC20?",
    "Does the wallet support Ledger? I want to keep my seed offline.",
    "ticket {oid}: still waiting for a reply",
]
RU_CLEAN = [
    "я потерял сид фразу, что теперь делать?",
    "где найти приватный ключ в кошельке?",
    "вывод висит уже три часа, помогите",
    "не приходит депозит {amt}, что случилось",
    "код 2FA {otp} не подходит",
    "номер заказа {oid}, оплачен но не выполнен",
    "никому не сообщайте свою мнемоническую фразу",
    "приложение вылетает при открытии страницы обмена",
    "как восстановить кошелёк если есть только слова восстановления",
    "подскажите комиссию за перевод в сети TRC20",
    "идентификатор запроса {uuid}",
    "когда будет аирдроп и как его получить",
]
ZH_CLEAN = [
    "我丢了助记词，现在怎么办？",
    "私钥在哪里可以找到？",
    "提现已经三个小时了还没到账",
    "充值 {amt} 没有显示",
    "验证码 {otp} 无效",
    "订单号 {oid} 已付款但没有到账",
    "请不要把你的助记词告诉任何人",
    "打开兑换页面的时候应用闪退",
    "请问空投什么时候发放",
    "请求编号 {uuid}",
]
ZH_FRAGMENTS = [
    "我的钱包里面的钱不见了",
    "请帮我看一下是什么问题",
    "你好我想问一下提现什么时候到账",
    "已经等了两个小时了",
    "我昨天在交易所买了一些币",
    "但是现在钱包里没有显示",
    "请问怎么把我的资产转到另一个地址上面去",
    "客服你好我的账户被冻结了",
    "能不能帮我解决一下这个问题",
    "这个项目的官方网站是哪个",
    "我找不到下载的地方",
    "为什么我的交易一直在等待确认",
    "今天的价格波动很大",
    "我想知道接下来会不会继续下跌",
    "手续费太高了",
    "我用的是最新版本的应用",
    "登录的时候一直提示网络错误",
    "我换了一个手机以后就打不开了",
    "请尽快回复我谢谢",
    "我已经按照你们说的方法试过了还是不行",
    "这个币在哪里可以买到",
    "我的朋友也遇到了同样的问题",
    "系统维护要多长时间",
    "为什么我收不到验证码",
    "我要怎么绑定新的手机号码",
    "活动奖励什么时候发放到账户",
    "我没有收到任何通知",
    "这是不是一个骗局",
    "群里有人私信我说要帮我恢复钱包",
    "我是新手不太懂怎么操作",
]
RU_FRAGMENTS = [
    "добрый день у меня проблема с кошельком",
    "деньги ушли но так и не пришли",
    "подскажите пожалуйста что делать",
    "я уже перезагрузил приложение",
    "поддержка не отвечает второй день",
    "вчера купил немного монет на бирже",
    "баланс показывает ноль",
    "как связаться с администратором",
    "это мошенники или нет",
    "спасибо за быстрый ответ",
]
EN_FRAGMENTS = [
    "hey team, quick question",
    "my balance shows zero after the update",
    "I already reinstalled the app twice",
    "support has not answered for two days",
    "is this a scam or not",
    "thanks for the fast reply",
    "the price dropped again today",
    "I bought some tokens on the exchange yesterday",
    "the bridge is really slow right now",
    "gas fees are crazy this week",
]
# Common English words (typed independently of the guard's data) that are BIP39 words too.
BIP39_COMMON = (
    "you can have this good money today because what about wallet account help please find "
    "check again work year never always still only same right time people world market price "
    "order answer problem question early late number easy fast slow open close pay receive "
    "send balance deposit transfer support team phone email card cash coin token change "
    "month week morning night before after hour minute soon later ready happy sorry thank "
    "keep hold want need know think wait start stop try make take give show tell call move "
    "buy sell trade lose win great best better big small first last next other real sure "
    "true safe free full empty simple kind little long short high low strong fine all any "
    "also even just very much more most few enough"
).split()
FUNCTION_WORDS = ["the", "a", "to", "my", "is", "it", "and", "I", "of", "in", "me", "we"]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    op = rng.choice(["sub", "del", "ins", "swap"])
    letters = "abcdefghijklmnopqrstuvwxyz"
    if op == "sub":
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    if op == "ins":
        return word[:i] + rng.choice(letters) + word[i:]
    if i >= len(word) - 1:
        i = len(word) - 2
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def shape_words(words: list[str], lang: str, rng: random.Random) -> tuple[str, str]:
    """Render words the way users paste them; returns (text, shape name)."""
    shapes = [
        "spaces",
        "numbered",
        "numbered_lines",
        "paren_numbered",
        "lines",
        "commas",
        "dashes",
        "multi_space",
        "upper",
        "title",
        "quoted",
        "code",
        "two_lines",
        "missing",
    ]
    if lang in LATIN:
        shapes += ["typo1", "typo2", "no_accents"]
    if lang in CJK:
        shapes += ["unspaced", "unspaced", "unspaced"]
    shape = rng.choice(shapes)
    w = list(words)
    if shape == "missing":
        del w[rng.randrange(len(w))]
    elif shape in ("typo1", "typo2"):
        n_typos = 1 if shape == "typo1" else 2
        # typos inside the phrase, not on consecutive words
        slots = rng.sample(range(1, len(w) - 1, 2), n_typos)
        for i in slots:
            if len(w[i]) >= 5:
                w[i] = _typo(w[i], rng)
    elif shape == "no_accents":
        w = [_strip_accents(x) for x in w]
    elif shape == "upper":
        w = [x.upper() for x in w]
    elif shape == "title":
        w = [x.capitalize() for x in w]
    sep = "\u3000" if lang == "japanese" and rng.random() < 0.5 else " "
    if shape == "numbered":
        return " ".join(f"{i + 1}. {x}" for i, x in enumerate(w)), shape
    if shape == "numbered_lines":
        return "\n".join(f"{i + 1}. {x}" for i, x in enumerate(w)), shape
    if shape == "paren_numbered":
        return " ".join(f"{i + 1}) {x}" for i, x in enumerate(w)), shape
    if shape == "lines":
        return "\n".join(w), shape
    if shape == "commas":
        return rng.choice([", ", ","]).join(w), shape
    if shape == "dashes":
        return rng.choice([" - ", "-"]).join(w), shape
    if shape == "multi_space":
        return "   ".join(w), shape
    if shape == "quoted":
        q = rng.choice(['"{}"', "'{}'", "«{}»", "“{}”"])
        return q.format(sep.join(w)), shape
    if shape == "code":
        return rng.choice(["```\n{}\n```", "`{}`"]).format(sep.join(w)), shape
    if shape == "two_lines":
        half = len(w) // 2
        return sep.join(w[:half]) + "\n" + sep.join(w[half:]), shape
    if shape == "unspaced":
        return "".join(w), shape
    return sep.join(w), shape


def _wrap(body: str, rng: random.Random) -> str:
    pre = rng.choice(PREFIXES)
    suf = rng.choice(SUFFIXES)
    return (
        (pre + rng.choice([" ", "\n", "\n\n"]) if pre else "")
        + body
        + (rng.choice([" ", "\n"]) + suf if suf else "")
    )


class CorpusBuilder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.keys = KeyGen(self.rng)
        self.mn = {lang: Mnemonic(lang) for lang in BIP39_LANGS}

    # ------------------------------------------------------------------ fillers
    def amount(self) -> str:
        coin = self.rng.choice(["BTC", "ETH", "USDT", "SOL", "TON", "TRX", "LTC", "XRP"])
        value = self.rng.choice(
            [str(self.rng.randint(1, 5000)), f"{self.rng.random() * 10:.4f}", "0,5"]
        )
        return f"{value} {coin}"

    def fill(self, template: str) -> str:
        rng = self.rng
        apikey = rng.choice(
            [
                "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)),
                "pk_live_"
                + "".join(rng.choice("abcdefghijkmnopqrstuvwxyz0123456789") for _ in range(24)),
                uuid.UUID(int=rng.getrandbits(128)).hex,
                "".join(
                    rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                    for _ in range(64)
                ),
            ]
        )
        return template.format(
            amt=self.amount(),
            oid=rng.choice(["ORD-", "#", "A", ""]) + str(rng.randint(10**5, 10**9)),
            otp=rng.choice(
                [
                    f"{rng.randint(0, 999999):06d}",
                    f"{rng.randint(0, 999):03d} {rng.randint(0, 999):03d}",
                ]
            ),
            uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            apikey=apikey,
        )

    # ------------------------------------------------------------------ secrets
    def bip39_words(self, lang: str) -> list[str]:
        n = self.rng.choice([12, 15, 18, 21, 24])
        if self.rng.random() < 0.6:
            entropy = self.keys.rbytes(n * 4 // 3)
            phrase = self.mn[lang].to_mnemonic(entropy)
            return phrase.replace("\u3000", " ").split(" ")
        return [self.rng.choice(self.mn[lang].wordlist) for _ in range(n)]

    def bip39(self) -> Sample:
        lang = self.rng.choice(BIP39_LANGS)
        words = [unicodedata.normalize("NFC", w) for w in self.bip39_words(lang)]
        body, shape = shape_words(words, lang, self.rng)
        return Sample(_wrap(body, self.rng), True, f"bip39/{lang}/{shape}")

    def partial(self) -> Sample:
        lang = self.rng.choice(["english", "russian", "chinese_simplified", "spanish", "french"])
        words = self.bip39_words(lang)[: self.rng.randint(8, 10)]
        ctx = self.rng.choice(SEED_CONTEXTS)
        return Sample(f"{ctx} {' '.join(words)} ...", True, f"partial/{lang}")

    def electrum(self) -> Sample:
        n = self.rng.choice([12, 13])
        phrase = electrum_seed(self.rng, self.mn["english"].wordlist, n)
        body, shape = shape_words(phrase.split(), "english", self.rng)
        return Sample(_wrap(body, self.rng), True, f"electrum/{shape}")

    def monero(self) -> Sample:
        lang = self.rng.choice(MONERO_LANGS)
        phrase = Seed(self.keys.rbytes(32).hex(), wordlist=lang).phrase
        words = phrase.split(" ")
        if self.rng.random() < 0.3:
            del words[self.rng.randrange(len(words))]
        sep = self.rng.choice([" ", "\n", ", ", "  "])
        return Sample(_wrap(sep.join(words), self.rng), True, f"monero/{lang}")

    def hex_key(self) -> Sample:
        t = self.rng.choice(KEY_CONTEXTS)
        return Sample(_wrap(t.format(k=self.keys.hex_key()), self.rng), True, "hex_key")

    def wif(self) -> Sample:
        t = self.rng.choice(["{k}", "my WIF: {k}", "ключ {k}", "私钥 {k}", "import {k} please"])
        return Sample(_wrap(t.format(k=self.keys.wif()), self.rng), True, "wif")

    def xprv(self) -> Sample:
        t = self.rng.choice(["{k}", "master key {k}", "вот xprv {k}", "扩展私钥 {k}"])
        return Sample(_wrap(t.format(k=self.keys.xprv()), self.rng), True, "xprv")

    def solana(self) -> Sample:
        secret = self.keys.solana_secret()
        if self.rng.random() < 0.5:
            k = b58encode(secret)
            tag = "solana/b58"
        else:
            sep = self.rng.choice([",", ", ", ",\n"])
            k = "[" + sep.join(str(b) for b in secret) + "]"
            tag = "solana/json"
        t = self.rng.choice(["{k}", "phantom export: {k}", "id.json = {k}", "ключ солана {k}"])
        return Sample(_wrap(t.format(k=k), self.rng), True, tag)

    def keystore(self) -> Sample:
        t = self.rng.choice(["{k}", "my keystore file:\n{k}", "UTC--2024 json: {k}"])
        return Sample(t.format(k=self.keys.keystore()), True, "keystore")

    # ------------------------------------------------------------------ clean
    def address(self) -> Sample:
        k = self.keys
        chain, gen = self.rng.choice(
            [
                ("BTC", k.btc_p2pkh),
                ("BTC", k.btc_p2sh),
                ("BTC", k.btc_bech32),
                ("BTC", k.btc_taproot),
                ("ETH", k.eth),
                ("ETH", lambda: k.eth(checksum=False)),
                ("TRON", k.tron),
                ("SOL", k.solana),
                ("TON", k.ton),
                ("LTC", k.ltc),
                ("XRP", k.xrp),
            ]
        )
        a = gen()
        if chain == "XRP" and self.rng.random() < 0.7:
            a += self.rng.choice(
                [" tag {t}", " destination tag: {t}", "?dt={t}", " memo {t}"]
            ).format(t=self.rng.randint(1, 4_000_000_000))
        t = self.rng.choice(ADDRESS_TEMPLATES)
        return Sample(self.fill(t.format(a=a, c=chain, amt="{amt}")), False, f"address/{chain}")

    def tx(self) -> Sample:
        if self.rng.random() < 0.15:
            sig = self.keys.solana_signature()
            t = self.rng.choice(
                ["https://solscan.io/tx/{s}", "signature {s}", "{s}", "транзакция {s}"]
            )
            return Sample(t.format(s=sig), False, "tx/solana")
        h = self.keys.tx_hash()
        t = self.rng.choice(TX_CONTEXTS)
        if self.rng.random() < 0.1:
            hs = [self.keys.tx_hash() for _ in range(3)]
            return Sample("tx hashes:\n" + "\n".join(hs), False, "tx/list")
        return Sample(_wrap(t.format(h=h, t=h[:45]), self.rng), False, "tx/hex")

    def xpub(self) -> Sample:
        t = self.rng.choice(["{k}", "my xpub is {k}", "watch-only: {k}", "扩展公钥 {k}"])
        return Sample(t.format(k=self.keys.xpub()), False, "xpub")

    def chat(self) -> Sample:
        kind = self.rng.choice(["en", "ru", "zh", "zhlong", "enlong", "rulong"])
        if kind == "en":
            return Sample(self.fill(self.rng.choice(EN_CLEAN)), False, "chat/en")
        if kind == "ru":
            return Sample(self.fill(self.rng.choice(RU_CLEAN)), False, "chat/ru")
        if kind == "zh":
            return Sample(self.fill(self.rng.choice(ZH_CLEAN)), False, "chat/zh")
        if kind == "zhlong":
            parts = self.rng.sample(ZH_FRAGMENTS, self.rng.randint(2, 5))
            sep = self.rng.choice(["", "，", " ", "。"])
            return Sample(sep.join(parts), False, "chat/zhlong")
        frags = EN_FRAGMENTS if kind == "enlong" else RU_FRAGMENTS
        parts = self.rng.sample(frags, self.rng.randint(2, 4))
        return Sample(self.rng.choice([", ", ". ", " "]).join(parts), False, f"chat/{kind}")

    def common_words(self) -> Sample:
        en = set(self.mn["english"].wordlist)
        vocab = [w for w in BIP39_COMMON if w in en]
        n = self.rng.randint(10, 24)
        out = []
        for _ in range(n):
            if self.rng.random() < 0.12:
                out.append(self.rng.choice(FUNCTION_WORDS))
            else:
                out.append(self.rng.choice(vocab))
        text = " ".join(out)
        return Sample(
            text[0].upper() + text[1:] + self.rng.choice([".", "?", "!", ""]),
            False,
            "trap/bip39_common",
        )

    def ids(self) -> Sample:
        t = self.rng.choice(
            [
                "order {oid}",
                "my code is {otp}",
                "UUID {uuid}",
                "api key id: {apikey}",
                "ticket {oid}, ref {uuid}",
                "заказ {oid}",
                "订单 {oid}",
            ]
        )
        return Sample(self.fill(t), False, "ids")

    def build(self) -> list[Sample]:
        plan_secret = [
            (self.bip39, 1250),
            (self.partial, 100),
            (self.electrum, 80),
            (self.monero, 130),
            (self.hex_key, 160),
            (self.wif, 100),
            (self.xprv, 100),
            (self.solana, 120),
            (self.keystore, 60),
        ]
        plan_clean = [
            (self.address, 700),
            (self.tx, 450),
            (self.xpub, 80),
            (self.chat, 500),
            (self.common_words, 250),
            (self.ids, 150),
        ]
        out: list[Sample] = []
        for fn, count in plan_secret + plan_clean:
            out.extend(fn() for _ in range(count))
        return out


def build_corpus(seed: int = 20240601) -> list[Sample]:
    """The full labelled corpus (deterministic for a given seed)."""
    return CorpusBuilder(seed).build()


if __name__ == "__main__":  # pragma: no cover - manual inspection
    for s in build_corpus()[:50]:
        print(json.dumps({"secret": s.secret, "tag": s.tag, "text": s.text}, ensure_ascii=False))
