"""Group-chat threats: messages fishing for secrets, scam links and staff impersonators."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path

from rapidfuzz import fuzz

_I = re.IGNORECASE

_SECRET = (
    r"(?:seed(?:\s*phrase)?|recovery\s*(?:phrase|words)|secret\s*(?:recovery\s*)?phrase"
    r"|mnemonic|private\s*keys?|passphrase|1[28]\s*words|24\s*words|wallet\s*phrase|keystore"
    r"|сид\w*|мнемони\w*|фраз\w*|приватн\w*\s*ключ\w*|ключ\w*|слов\w*\s*восстановлен\w*"
    r"|секретн\w*\s*слов\w*)"
)
_ASK_VERB = (
    r"(?:send|share|give|provide|enter|type|paste|submit|post|tell|drop|import|input|dm|pm"
    r"|verify|confirm|forward|upload|fill\s+in)"
)

SOLICIT_PATTERNS: tuple[re.Pattern[str], ...] = (
    # English: "send me your seed phrase", "enter your 12 words to validate"
    re.compile(
        rf"\b{_ASK_VERB}\b[^.!?\n]{{0,40}}\b(?:your|ur|yr|the)\b[^.!?\n]{{0,25}}{_SECRET}", _I
    ),
    re.compile(
        r"\b(?:validate|sync(?:hroni[sz]e)?|rectify|restore|verify|reactivate|unlock|whitelist)"
        r"\s+(?:your|ur)\s+(?:wallet|account|funds)",
        _I,
    ),
    re.compile(
        r"\b(?:dm|pm|inbox|message|text|contact|write\s+to)\s+(?:me|us|our)?\s*"
        r"(?:the\s+)?(?:support|admins?|helpdesk|help\s*desk|moderators?|mods?|team)\b"
        r"|\b(?:dm|pm|inbox)\s+me\b",
        _I,
    ),
    re.compile(
        r"\b(?:contact|message|reach|text|add)\b[^.!?\n]{0,40}\b(?:on|via|at)\s+"
        r"(?:whats\s*app|telegram|signal|wechat)",
        _I,
    ),
    re.compile(r"\bconnect\s+(?:your\s+)?wallet\s+(?:to|at|on)\b", _I),
    # Russian
    re.compile(
        r"(?:отправ|пришл|скинь|скиньте|введ|напиш|сообщ|предостав|укаж|перешл|дай|дайте)\w*"
        r"[^.!?\n]{0,40}(?:ваш|свой|свою|свои|твой|твою|твои)\w*[^.!?\n]{0,25}"
        r"(?:сид|мнемони|фраз|приватн|ключ|слова)",
        _I,
    ),
    re.compile(
        r"(?:синхрониз|валидир|верифиц|активир|разблокир)\w*\s+(?:ваш|свой|твой)\w*\s+"
        r"(?:кошел|аккаунт|счет|счёт)",
        _I,
    ),
    re.compile(
        r"(?:напиш|пиш|обрат)\w*[^.!?\n]{0,20}(?:в\s+)?(?:лс|личк\w*|личн\w+\s+сообщ\w*"
        r"|поддержк\w*\s+в\s+(?:whatsapp|телеграм|ватсап)|админ\w*)",
        _I,
    ),
    re.compile(r"(?:whatsapp|ватсап|вотсап)", _I),
    # Chinese
    re.compile(
        r"(?:发|發|发送|提供|输入|輸入|告诉|告訴|私信|填写|上传|导入)[^。！？\n]{0,10}"
        r"(?:你的|您的|你们的)?[^。！？\n]{0,6}(?:助记词|助記詞|私钥|私鑰|密钥)"
    ),
    re.compile(
        r"(?:你的|您的)(?:助记词|助記詞|私钥|私鑰)[^。！？\n]{0,8}(?:发|發|给|給|告诉|私信)"
    ),
    re.compile(
        r"(?:私信|联系|聯繫|添加|加)[^。！？\n]{0,6}(?:客服|管理员|管理員|官方|微信|whatsapp)", _I
    ),
    re.compile(r"(?:同步|验证|驗證|激活|修复|修復)(?:你的|您的)?钱包"),
)

_NEGATION = re.compile(
    r"\b(?:never|don'?t|do\s+not|won'?t|will\s+not|nobody|no\s+one|not)\b"
    r"|никогда|не\s+(?:сообща|отправля|давай|пересыла|вводи|пиши|передава)|никому"
    r"|不要|绝不|絕不|永远不会|永遠不會|不会|切勿|别|不能",
    _I,
)

_HELP_KEYWORDS = (
    "support",
    "admin",
    "official",
    "moderator",
    "helpdesk",
    "customercare",
    "поддержка",
    "админ",
    "модератор",
    "客服",
    "官方",
    "管理员",
    "管理員",
)

# Look-alikes folded to Latin before comparing names (NFKC handles full-width forms).
_CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "ё": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "к": "k",
        "м": "m",
        "т": "t",
        "н": "h",
        "в": "b",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ɡ": "g",
        "ο": "o",
        "α": "a",
        "ε": "e",
        "ι": "i",
        "ν": "v",
        "τ": "t",
        "κ": "k",
        "ρ": "p",
        "0": "o",
        "1": "l",
        "3": "e",
        "5": "s",
        "|": "l",
        "!": "l",
        "@": "a",
        "$": "s",
    }
)


def solicits_secrets(text: str) -> bool:
    """True for messages fishing for secrets or luring users to private 'support' chats."""
    if not text:
        return False
    for sentence in re.split(r"(?<=[.!?。！？\n])\s*", text):
        for pattern in SOLICIT_PATTERNS:
            m = pattern.search(sentence)
            if m is None:
                continue
            if _NEGATION.search(sentence[: m.end()]):
                continue  # "we will never ask for your seed phrase", "不要发助记词"
            return True
    return False


def load_blocklist(path: str | Path) -> frozenset[str]:
    """Domains, one per line; '#' starts a comment; case-insensitive; leading '*.'/dots ignored."""
    out: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            domain = line.split("#", 1)[0].strip().lower().lstrip("*.").rstrip(".")
            if domain:
                out.add(_idna(domain))
    return frozenset(out)


def default_blocklist() -> frozenset[str]:
    """The small scam-domain list shipped in guard/data (examples of common lures)."""
    return load_blocklist(Path(__file__).with_name("data") / "scam_domains.txt")


_HOST_RE = re.compile(
    r"(?<![\w.@-])(?:[a-z][a-z0-9+.-]*://)?(?:[^\s/@:]+@)?"
    r"((?:[\w-]+\.)+[\w-]{2,})(?::\d+)?(?=[/\s?#:)\]>'\",;!]|$)",
    re.IGNORECASE,
)


def _idna(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return host.lower()


def find_blocked_links(text: str, blocklist: Collection[str]) -> list[str]:
    """Hosts in ``text`` (scheme optional) equal to, or subdomains of, a listed domain."""
    found: list[str] = []
    if not text or not blocklist:
        return found
    for m in _HOST_RE.finditer(text):
        host = _idna(m.group(1).rstrip("."))
        labels = host.split(".")
        for i in range(len(labels) - 1):
            if ".".join(labels[i:]) in blocklist:
                if host not in found:
                    found.append(host)
                break
    return found


def _skeleton(name: str) -> str:
    # Capital I looks like l in most UI fonts: fold it before casefolding loses the case.
    folded = unicodedata.normalize("NFKC", name).replace("I", "l").casefold()
    folded = folded.translate(_CONFUSABLES)
    folded = folded.replace("rn", "m").replace("vv", "w")
    return "".join(c for c in folded if c.isalnum())


def imitates_staff(display_name: str, staff_names: Iterable[str]) -> bool:
    """True if a non-staff display name pretends to be staff (keywords, look-alikes, near-dupes)."""
    staff = [s for s in staff_names if s]
    if display_name in staff:
        return False  # that is the staff member themselves
    skel = _skeleton(display_name)
    if not skel:
        return False
    raw = unicodedata.normalize("NFKC", display_name).casefold()
    if any(k in skel or k in raw for k in _HELP_KEYWORDS):
        return True
    for name in staff:
        other = _skeleton(name)
        if not other:
            continue
        if skel == other:
            return True
        if min(len(skel), len(other)) >= 4 and fuzz.ratio(skel, other) >= 85:
            return True
    return False
