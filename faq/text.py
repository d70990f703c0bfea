"""Text normalisation shared by the FAQ matcher, language detection and intents.

Every word is mapped into one Latin "key space": Cyrillic is transliterated, Latin is
folded the same way (kh→h, ja→ya, doubled letters collapsed), then cut to a short
prefix that acts as a cheap stemmer. So "депозит не пришёл", "depozit ne prishel" and
"deposits" all land on comparable keys, and Russian typed in Latin needs no separate
index. Chinese has no word spaces, so it is handled as characters and bigrams.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

#: Length of the prefix kept as a word key (a crude but language-agnostic stemmer).
KEY_PREFIX = 6
#: stems longer than this are cut for typo checks (long compounds gain nothing more)
FULL_MAX = 12

_CYR_TO_LAT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Ukrainian/Belarusian letters users sometimes type.
    "і": "i",
    "ї": "i",
    "є": "e",
    "ў": "u",
}
_CYR_TABLE = str.maketrans(_CYR_TO_LAT)

# Latin spellings of Russian sounds, folded to one form (applied to all Latin words on
# both sides of a comparison, so English words stay comparable with each other).
_LAT_FOLDS = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("kh", "h"),
    ("ja", "ya"),
    ("ju", "yu"),
    ("jo", "e"),
    ("yo", "e"),
    ("'", ""),
)
_LAT_END_FOLDS = (("iy", "i"), ("yy", "i"), ("yi", "i"), ("ij", "i"), ("yj", "i"))
_DOUBLE = re.compile(r"([a-z])\1+")

_CJK_RE = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_RE = re.compile(rf"[{_CJK_RE}]+|[0-9a-zа-яёіїєў]+(?:'[a-z]+)?")
CJK_CHAR = re.compile(rf"[{_CJK_RE}]")
LATIN_LETTER = re.compile(r"[a-z]")
CYR_LETTER = re.compile(r"[а-яёіїєў]")
_PUNCT = re.compile(r"[\s\u00a0]+")

EN_STOP = frozenset(
    """a an the i me my mine myself im i'm ive i've id i'd is are am was were be been being to of in
    on at for from with and or but it its it's this that these those do does did doing done can
    could how what why when where which who whom whose please pls plz hi hello hey yo thanks thank
    thx ty you your yours u ur we our us they them their he she his her have has had having get
    got getting gotten so just any some will would should shall about help guys guy ok okay
    still yet also there here if then than as by into out up too very really again now
    like want need know tell let lets let's me is isn't isnt aren't arent wasn't wasnt don't dont
    doesn't doesnt didn't didnt can't cant cannot won't wont not no yes hmm sir madam dear team
    support admin anyone someone somebody something anything all ive hello gm bro pls sorry
    same one my mine mind kindly asap urgent urgently today yesterday hasn't hasnt haven't havent
    hadn't hadnt wouldn't wouldnt shouldn't shouldnt couldn't couldnt weren't werent i'll ill
    you're youre it's there's theres what's whats where's wheres how's hows wtf omg lol bro dude
    man wth idk hey hii hiii hello guys pls usually normally actually maybe probably already
    basically literally seriously ever even right still anyway btw fyi rn hw wat wut wht tho
    yall gonna wanna gotta cuz coz lmao lmk imo rly tnx pleaseee pleasee""".split()
)
RU_STOP = frozenset(
    """и в во не на я мой моя мое моё мои моих моим мне меня у с со к ко по за из о об от до а но
    что чтобы как почему где когда это этот эта эти этого то же ли бы вы ты вас вам тебя тебе мы
    нам нас он она оно они его её ее их им так уже еще ещё все всё весь вся есть был была было
    были быть для при ну вот пожалуйста пж плз пжл привет здравствуйте добрый день вечер утро
    спасибо подскажите помогите скажите кто чем чего какой какая какое какие каким можно нужно
    надо хочу хотел хотела могу может мочь сделать делать ребята народ админ поддержка да нет
    там тут здесь сейчас сегодня вчера очень просто вообще срочно уже либо или тоже также
    который которая которые свой свои своих своем своём себя блин капец короче типа че чё
    ребят ребята люди подскажи помоги всем всех большое огромное обычно вроде плиз плс пжлст
    щас чет чето чёт кароче""".split()
)
RU_TRANSLIT_STOP = frozenset(
    """ne na ya moy moi moya moe moyo mne menya u s so k po za iz o ob ot do a no chto shto chtob
    kak pochemu pochemy gde kogda eto etot eta to zhe li by vy ty vas vam tebya my nam nas on ona
    oni ego ee ih tak uzhe esche eshe eshche vse vsyo vsio est byl byla bylo byli dlya pri nu vot
    pozhaluysta pozhalusta pzh plz privet zdravstvuite zdravstvuyte dobryi dobriy spasibo spsb
    podskazhite pomogite skazhite kto chem chego kakoi kakoy kakaya mozhno nuzhno nado hochu mogu
    da net tam tut seichas seychas segodnya vchera ochen prosto voobshe srochno ili bolshoe
    vsem""".split()
)
ZH_STOP_CHARS = frozenset(
    "的了吗呢啊吧我你您是在么呀嘛哦请问一下个这那怎什为和与就都也要会把被给让啥咋呗哈嗯吗"
)


def normalize(text: str) -> str:
    """NFKC + case folding + ё→е, whitespace collapsed: the form everything is compared in."""
    if text.isascii():  # fast path (most of a base): NFKC and casefold are plain lower()
        text = text.lower().replace("`", "'")
    else:
        text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
        text = text.replace("\u2019", "'").replace("`", "'")
    return _PUNCT.sub(" ", text).strip()


def fold_latin(word: str) -> str:
    """Fold a Latin word (or a transliterated Cyrillic one) to its canonical spelling."""
    for a, b in _LAT_FOLDS:
        if a in word:
            word = word.replace(a, b)
    for a, b in _LAT_END_FOLDS:
        if word.endswith(a) and len(word) > 3:
            word = word[: -len(a)] + b
            break
    return _DOUBLE.sub(r"\1", word)


def translit(word: str) -> str:
    """Cyrillic → Latin with the project's simple scheme (then folded)."""
    return fold_latin(word.translate(_CYR_TABLE))


def is_stopword(word: str) -> bool:
    return word in EN_STOP or word in RU_STOP or word in RU_TRANSLIT_STOP


# Endings stripped once (longest first): English inflection and Russian case/verb endings
# as they look after transliteration. Crude, but applied identically to both sides.
_SUFFIXES = tuple(
    sorted(
        """ations ation ings ing edly ed ies es s ly iyami yami ami ogo ego omu emu ymi imi aya yaya
        oy ey yy iy ii om em ov ev ah yah am yam yu ya ie ye oe ee a e i o u y""".split(),
        key=len,
        reverse=True,
    )
)


def stem(w: str) -> str:
    """Strip one common ending, keeping at least 4 letters (3 for a plural 's')."""
    for suf in _SUFFIXES:
        if w.endswith(suf):
            keep = len(w) - len(suf)
            if keep >= 4 or (suf == "s" and keep >= 3):
                return w[:keep]
    return w


@lru_cache(maxsize=65536)
def word_stem(word: str) -> str:
    """A normalised Latin/Cyrillic word transliterated, folded and stemmed (not cut)."""
    w = translit(word) if CYR_LETTER.search(word) else fold_latin(word)
    return w if w.isdigit() else stem(w)[:FULL_MAX]


@lru_cache(maxsize=65536)
def word_form(word: str) -> str:
    """A normalised word transliterated and folded but not stemmed (for typo lookups:
    "stakng" is one edit from "staking" but two from its stem "stak")."""
    w = translit(word) if CYR_LETTER.search(word) else fold_latin(word)
    return w[:FULL_MAX]


def word_key(word: str) -> str:
    """The index key of a normalised Latin/Cyrillic word (its stem cut to a prefix)."""
    return word_stem(word)[:KEY_PREFIX]


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of content: a word key, or a Chinese character with its bigram context."""

    key: str  # word key, or the CJK character itself
    cjk: bool
    bigrams: tuple[str, ...] = ()  # for CJK: bigrams this character belongs to
    full: str = ""  # for words: the stem before cutting (typo checks compare these)
    form: str = ""  # for words: transliterated and folded but not stemmed (typo checks too)


@dataclass(frozen=True, slots=True)
class Analysed:
    """A text split into content units plus the key sets used for lookups."""

    norm: str
    units: tuple[Unit, ...]
    words: frozenset[str]  # word keys
    chars: frozenset[str]  # CJK content characters
    bigrams: frozenset[str]  # CJK bigrams
    n_tokens: int  # all tokens incl. stopwords (for "how long is it")


@lru_cache(maxsize=65536)
def _cjk_run(run: str) -> tuple[tuple[Unit, ...], frozenset[str]]:
    """Units and bigrams of a run of CJK characters (cached: questions repeat phrases)."""
    bigrams = frozenset(run[i : i + 2] for i in range(len(run) - 1))
    return tuple(_cjk_units(run)), bigrams


def _cjk_units(run: str) -> Iterator[Unit]:
    n = len(run)
    for i, ch in enumerate(run):
        if ch in ZH_STOP_CHARS:
            continue
        bg: list[str] = []
        if i > 0:
            bg.append(run[i - 1 : i + 1])
        if i + 1 < n:
            bg.append(run[i : i + 2])
        yield Unit(ch, True, tuple(bg))


def _is_noise(tok: str) -> bool:
    # pure numbers (amounts, dates) and long hashes/addresses carry no FAQ meaning
    return tok.isdigit() or len(tok) > 24


# Words support users use interchangeably, across English, Russian and Russian in Latin
# letters. Each group maps to one key on both sides (base and message), so "cash out",
# "вывести" and "withdrawal" meet even when an entry lists only one of them.
SYNONYM_GROUPS: tuple[str, ...] = (
    "withdraw withdrawal withdrawals withdrew withdrawl widthdraw cashout payout вывод вывести "
    "вывел вывела выводить вывожу выводу vyvod vyvesti vyvel",
    "deposit deposited topup пополнение пополнить пополнил депозит закинуть закинул закинула "
    "депнул депнуть popolnenie popolnil depozit",
    "kyc verification verify verified верификация верифицировать верификацию кус kus "
    "verifikaciya verifikatsiya",
    "2fa authenticator authentificator аутентификатор двухфакторка двухфакторная 2фа ga гугл2фа",
    "password pw pwd passwd pass пароль пасс parol",
    "account acc acct аккаунт акк учетка akkaunt akk",
    "fee fees commission commision comission комиссия комиссию комса комсу komsa komissiya",
    "address addy адрес adres",
    "wallet кошелек кошелёк кошель koshelek",
    "phone smartphone телефон смартфон telefon",
    "lost lose потерял потеряла утерян poteryal",
    "frozen freeze locked blocked заблокирован заблокировали заморожен заморозили blocked "
    "zablokirovan",
    "card карта карты карту karta",
    "transfer перевод перевести перевел perevod perevel",
    "stuck pending hanging завис зависла висит застрял zavis",
    "cancel отменить отмена otmenit",
    "network chain сеть сети",
    "coin coins token tokens монета монеты токен токены moneta token",
    "money деньги средства dengi",
    "limit cap лимит ограничение limit",
    "stake staking стейкинг застейкать steiking",
    "futures perps perp фьючерсы фьючи фьючерс fyuchersy",
    "email mail почта почту pochta",
    "sms смс",
    "delete close удалить закрыть udalit",
    "scam scammer scammers fraud мошенник мошенники скам развод",
    "airdrop аирдроп эирдроп дроп airdrop",
    "explorer tronscan etherscan bscscan обозреватель эксплорер",
    "txid hash хеш хэш тхид",
    "gas газ",
    "app application приложение прилога prilozhenie",
    "buy purchase купить покупка kupit",
    "arrive arrived credited пришел пришли поступили дошли зачислен зачислили prishel prishli",
    "usdt tether юсдт usdt",
    "seed mnemonic сид сидка сидфраза мнемоника мнемонику mnemonika",
    "whitelist вайтлист whitelisted",
    "login signin логин войти вход зайти залогиниться voiti zaiti",
    "reward rewards награда награды вознаграждение ревард nagrada",
    "code codes код коды кода kod",
    "liquidation liquidated liq rekt ликвидация ликвидировали ликвиднуло ликвиднули likvidaciya",
    "gwei gas",
    # general crypto-desk vocabulary (coins, networks, wallets, exchange features, KYC, slang)
    "country countries region jurisdiction страна страны стране регион регионе strana region",
    "passport паспорт загранпаспорт загран pasport",
    "document documents docs документ документы доки dokumenty",
    "selfie селфи selfi",
    "funding фандинг финансирование финансирования fanding",
    "rejected denied отклонен отклонена отклонили отказали otklonen",
    "unlock unblock разблокировать разблокировка razblokirovat",
    "backup бэкап бекап резервная bekap",
    "restore recover восстановить восстановление vosstanovit",
    "bitcoin btc биткоин биткойн биток битка bitkoin bitok",
    "ethereum eth ether эфир эфириум efir",
    "tron trx трон tron",
    "solana sol солана",
    "erc20 ерц20 erc",
    "trc20 трц20 trc",
    "bep20 bsc бсц",
    "metamask метамаск metamsk",
    "p2p п2п р2р",
    "spot спот",
    "margin маржа маржинальная маржинальный marzha",
    "leverage плечо плеча pleco",
    "order ордер ордера ордеров",
    "stoploss стоплосс стоп-лосс sl",
    "convert swap конвертировать конвертация обменять свап svap",
    "subaccount субаккаунт субакк subakk",
    "referral ref referal реферал рефка рефералка referalka",
    "tax taxes налог налоги налоговая nalog",
    "notification notifications notif notifs push уведомление уведомления пуш uvedomlenie",
    "confirmation confirmations confirms confs conf подтверждение подтверждения конфирмы",
    "memo tag мемо тег",
    "phishing фишинг fishing",
    "unstake unstaking анстейк",
    "dollar dollars bucks usd доллар доллара долларов баксов бакса бакс",
    "import импорт импортировать",
    "sell продать продажа prodat",
    "history история istoriya",
)


def _build_synonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        words = group.split()
        canon = "=" + word_stem(words[0])[:KEY_PREFIX]
        for w in words:
            out.setdefault(word_stem(normalize(w))[:KEY_PREFIX], canon)
    return out


_AMOUNT = re.compile(r"^[0-9]+(?:[.,][0-9]+)?([a-zа-я]+)$")
#: what users glue to an amount: "1000u" is 1000 USDT; "20k", "5x", "3h" carry no topic
_AMOUNT_UNITS = {
    "u": "usdt",
    "usdt": "usdt",
    "usdc": "usdc",
    "btc": "btc",
    "eth": "eth",
    "юсдт": "usdt",
}


@lru_cache(maxsize=65536)
def _word_unit(tok: str) -> Unit | None:
    """The unit of one Latin/Cyrillic token, or None for stopwords and noise."""
    m = _AMOUNT.match(tok)
    if m is not None:
        unit = _AMOUNT_UNITS.get(m.group(1))
        if unit is None:
            return None
        tok = unit
    if _is_noise(tok) or is_stopword(tok):
        return None
    full = word_stem(tok)
    key = full[:KEY_PREFIX]
    if not key or key in RU_TRANSLIT_STOP:
        return None
    return Unit(_SYNONYMS.get(key, key), False, (), full, word_form(tok))


_SYNONYMS = _build_synonyms()


def analyse(text: str, *, normed: bool = False) -> Analysed:
    """Split text into content units (stopwords dropped) and lookup sets."""
    norm = text if normed else normalize(text)
    units: list[Unit] = []
    words: set[str] = set()
    chars: set[str] = set()
    bigrams: set[str] = set()
    n_tokens = 0
    for m in TOKEN_RE.finditer(norm):
        tok = m.group()
        if tok[0] >= "\u3400":  # TOKEN_RE yields CJK runs or Latin/Cyrillic words
            n_tokens += len(tok)
            cu, cb = _cjk_run(tok)
            bigrams |= cb
            units.extend(cu)
            chars.update(u.key for u in cu)
            continue
        n_tokens += 1
        wu = _word_unit(tok)
        if wu is not None:
            units.append(wu)
            words.add(wu.key)
    return Analysed(
        norm, tuple(units), frozenset(words), frozenset(chars), frozenset(bigrams), n_tokens
    )


def deletes1(key: str) -> list[str]:
    """All strings one deletion away: the SymSpell trick for one-typo lookups."""
    return [key[:i] + key[i + 1 :] for i in range(len(key))]
