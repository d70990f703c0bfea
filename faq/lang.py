"""Script-based language detection for en/ru/zh, including Russian typed in Latin.

A statistical detector is overkill for three languages with three scripts; the only
hard case is transliterated Russian ("ne prishel depozit"), recognised by frequent
Russian words and letter clusters that English does not have.
"""

from __future__ import annotations

import re

from faq.text import CJK_CHAR, CYR_LETTER, LATIN_LETTER, normalize

# Frequent Russian words as people type them in Latin letters.
_TRANSLIT_WORDS = frozenset(
    """ne net da ya mne menya moi moy moya moe u v vo na s so k po za iz ot do no i a ili chto shto
    kak pochemu gde kogda eto uzhe esche eshe eshche vse vsyo est byl byla bylo byli dlya pri nu vot
    pozhaluysta pozhalusta pzh privet spasibo spasibki pomogite podskazhite skazhite kto chem
    mozhno nuzhno nado hochu mogu tam tut seichas seychas segodnya vchera ochen prosto srochno
    dengi deneg dengami vyvod vyvesti vyvel vyvela popolnenie popolnil popolnila prishel prishli
    prishla prishol zachislen zachislili akkaunt akk koshelek koshel'ek schet scheta balans kod
    parol pochta nomer telefon kartu karta karty birzha birzhi birzhu perevod perevel otpravil
    otpravila poluchil ne_prishel zabyl zablokirovali vzlomali ukrali propali pomosh pomoshch
    slomalos rabotaet ne_rabotaet oshibka komissiya skolko chasov dney zayavka zayavku
    verifikatsiya verifikaciya dokumenty pasport""".split()
)
_TRANSLIT_CLUSTERS = re.compile(
    r"(zh|kh|shch|sch|ts[aeiouy]|[^s]ch[aeiou]|yu|ya\b|iy\b|yy\b|ogo\b|ego\b|ov\b|ev\b|nyi\b|"
    r"aet\b|yet\b|ish\b|esh\b|ut\b|at'?\b|it'?\b|sya\b|tsya\b|lsya\b|nie\b|tsiya\b)"
)
_EN_WORDS = frozenset(
    """the a an is are was were be to of in on at for from with and or but it this that my i you
    your we do does did can how what why when where have has had not no my me please hi hello
    deposit withdraw withdrawal account wallet money funds balance code password help fee""".split()
)
_WORD = re.compile(r"[a-z']+")


def detect_language(text: str) -> str | None:
    """'en' | 'ru' | 'zh' by script; Latin-typed Russian counts as 'ru'; None if no letters."""
    norm = normalize(text)
    cjk = len(CJK_CHAR.findall(norm))
    cyr = len(CYR_LETTER.findall(norm))
    lat = len(LATIN_LETTER.findall(norm))
    if cjk == 0 and cyr == 0 and lat == 0:
        return None
    # one CJK character weighs about as much as a short word (≈3 letters)
    if cjk * 3 >= (cyr + lat) * 0.5 and cjk > 0:
        return "zh"
    if cyr >= lat:
        return "ru"
    return "ru" if looks_translit_russian(norm) else "en"


def looks_translit_russian(norm: str) -> bool:
    """True when Latin text reads as Russian: Russian function words and letter clusters."""
    words = _WORD.findall(norm)
    if not words:
        return False
    ru = sum(1 for w in words if w in _TRANSLIT_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    clusters = sum(1 for w in words if w not in _EN_WORDS and _TRANSLIT_CLUSTERS.search(w))
    score = ru + 0.5 * clusters
    return score >= 1 and score > en * 1.2 and (ru >= 1 or clusters >= 2)
