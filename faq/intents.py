"""Urgent-incident and "let me talk to a person" detection (en/ru/zh and Latin-typed Russian).

These run before the FAQ matcher: an urgent message must reach a human quickly and is
never answered with a canned text. Patterns look for an *event that happened* ("my
account was hacked", "I leaked my seed") rather than a topic ("how do I protect my
account"), because an ordinary "my deposit has not arrived" is an FAQ question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from faq.regex_literals import fold_for_literals, necessary_literals
from faq.text import normalize
from faq.urgent_model import THRESHOLD as URGENT_THRESHOLD
from faq.urgent_model import UrgentModel, shipped_model

_F = re.IGNORECASE

#: intents look at the start of a message only (Telegram's own limit is 4,096 characters): the
#: regexes are linear, but a 200 kB paste must not hold the dispatcher for seconds
MAX_INTENT_CHARS = 4000

_CYRILLIC, _HAN, _LATIN = 1, 2, 4
_HAN_CHAR = re.compile("[\u3400-\u9fff]")
_SCRIPT_RES = (
    (_CYRILLIC, re.compile("[а-яёА-ЯЁ]")),
    (_HAN, _HAN_CHAR),
    (_LATIN, re.compile("[a-zA-Z]")),
)


@lru_cache(maxsize=256)
def _scripts(text: str) -> int:
    """Scripts present in ``text`` (cached: every screen of one message asks the same)."""
    return sum(bit for bit, rx in _SCRIPT_RES if rx.search(text))


@lru_cache(maxsize=256)
def _folded(text: str) -> str:
    """Case-folded text for the literal gates of `_AnyOf` (cached like `_scripts`)."""
    return fold_for_literals(text)


def _split_top(src: str) -> list[str]:
    """The top-level branches of a regex source (outside groups and character classes)."""
    parts: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if src[i] == "^":
                i += 1
            if src[i] == "]":
                i += 1
            while src[i] != "]":
                i += 2 if src[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(src[start:i])
            start = i + 1
        i += 1
    parts.append(src[start:])
    return parts


class _AnyOf:
    """A long alternation, searched branch by branch. Python's re tries every branch at every
    position of a combined alternation; compiled alone, each branch gets the engine's prefix
    scan, and a branch whose literal letters are all Cyrillic (or Han) is skipped for a text
    without such letters. About a third less time on long messages, and the same yes/no answer
    (tests/faq/test_lang_intents.py checks it on every eval message and FAQ question). Only
    `search` is offered: callers test its result against None."""

    __slots__ = ("_branches", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern.pattern
        self._branches: list[tuple[re.Pattern[str], int, tuple[str, ...]]] = []
        for src in _split_top(pattern.pattern):
            rx = re.compile(src, pattern.flags)
            lits = necessary_literals(rx)
            self._branches.append(
                (rx, _scripts(re.sub(r"\\.", "", src)), tuple(sorted(lits or ())))
            )

    def search(self, text: str) -> re.Match[str] | None:
        present = _scripts(text)
        folded = _folded(text)
        for rx, needs, lits in self._branches:
            if needs and not needs & present:
                continue
            if lits and not any(lit in folded for lit in lits):
                continue  # none of the words every match contains: the regex cannot match
            m = rx.search(text)
            if m is not None:
                return m
        return None


_FUNDS_EN = (
    r"(funds?|money|balance|coins?|crypto|assets?|tokens?|savings|holdings|usdt|btc|eth|bitcoin|"
    r"ether|portfolio|everything)"
)
_SEED_EN = (
    r"(seed|seed phrase|private key|priv key|mnemonic|recovery phrase|secret phrase|"
    r"secret recovery|backup phrase|12 words|24 words|keystore)"
)
_SEED_RU = r"(сид|seed|мнемоник|приватн\w{0,20}\s+ключ|секретн\w{0,20}\s+фраз|фраз\w{0,20}\s+восстановлени|ключ\w{0,20}\s+от\s+кошел)"  # noqa: E501
_SEED_TR = r"(sid|seed|mnemonik|privatn\w{0,20}\s+kl)"

_URGENT: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "key_compromised",
        re.compile(
            "|".join(
                [
                    rf"\b(i|i've|ive|i have|accidentally|mistakenly|just|already)\b[^.?!]{{0,25}}"
                    rf"\b(shared|leaked|gave|given|sent|posted|entered|typed|pasted|revealed|"
                    rf"exposed|showed|told|uploaded|screenshotted)\b[^.?!]{{0,30}}\b{_SEED_EN}",
                    rf"\b{_SEED_EN}\b[^.?!]{{0,15}}\b(was|got|has been|have been|is|were|been)\s+"
                    r"(leaked|compromised|stolen|exposed|shared|seen|copied|phished)",
                    rf"\bsomeone\b[^.?!]{{0,15}}\b(has|got|knows|saw|stole|copied|have)\b[^.?!]{{0,10}}"
                    rf"\b{_SEED_EN}",
                    rf"\b(leaked|compromised)\s+(my\s+)?{_SEED_EN}",
                    # no subject ("gave my 12 words to the admin who DMed me")
                    rf"\b(gave|sent|shared|posted|typed|entered|pasted|submitted|told|revealed)\s+"
                    rf"(my|our|all|the)\s+(\w{{1,20}}\s+)?{_SEED_EN}\b[^.?!]{{0,30}}\b(to|into|in|on|with)\s+"
                    r"(a|an|some|the|that|this|fake|random)?\s*(site|website|page|link|form|bot|admin|"
                    r"support|guy|person|stranger|someone|scammer|dm|chat|telegram|discord|airdrop)",
                    r"\bapi\s*keys?\b[^.?!]{0,15}\b(was|got|has been|is|were)?\s*(leaked|stolen|"
                    r"compromised|exposed)",
                    r"\bsomeone\b[^.?!]{0,15}\b(has|got|stole|knows)\b[^.?!]{0,10}\bapi\s*keys?\b",
                    rf"(отправил|скинул|сказал|ввел|ввёл|дал|слил|показал|вставил|написал|сообщил|"
                    rf"переслал|сфоткал)\w{{0,20}}\b[^.?!]{{0,30}}{_SEED_RU}",
                    rf"{_SEED_RU}\w{{0,20}}[^.?!]{{0,25}}(утек|утёк|утекл|скомпрометир|слит|слили|украл|"
                    r"украден|увидел|узнал)",
                    rf"\b(otpravil|skinul|vvel|slil|dal|pokazal|napisal)\w{{0,20}}\b[^.?!]{{0,30}}{_SEED_TR}",
                    r"(助记词|私钥|秘钥)[^。？！?!]{0,10}(泄露|泄漏|被盗|给了|被人|被别人|发给|被看到|外泄)",
                    r"(把|将)(我的)?(助记词|私钥)[^。？！?!]{0,6}(给|发|告诉|输入|填|贴)",
                    r"(输入|填写|填了|发送|发了|告诉)了?[^。？！?!]{0,8}(助记词|私钥)",
                ]
            ),
            _F,
        ),
    ),
    (
        "account_hacked",
        re.compile(
            "|".join(
                [
                    r"(?<!being )(?<!get )(?<!getting )\b(hacked|hijacked|hacker)\b",
                    r"\b(account|acc|profile|email|wallet)\b[^.?!]{0,15}\b(was|got|has been|is|been)\s+"  # noqa: E501
                    r"(compromised|taken over|breached|accessed)",
                    r"\bsomeone\b[^.?!]{0,20}\b(logged|signed|log|sign|got|broke)\s+(in|into)\b",
                    r"\bsomeone\b[^.?!]{0,20}\b(changed|reset)\s+my\s+(password|email|2fa|phone|"
                    r"number|authenticator)",
                    r"\bunauthori[sz]ed\s+(login|log ?in|sign ?in|access|device|session)",
                    r"\b(unknown|unrecogni[sz]ed|strange|foreign)\s+(device|ip|location)?\s*"
                    r"(logins?|log ?ins?|sign ?ins?|sessions?|devices?)\b[^.?!]{0,30}\b(my|on)\b",
                    r"\b(i'?m|i am|i was|i got|i've been|ive been|think im)\s+(been\s+)?"
                    r"(compromised|hacked)\b",
                    r"\bsomeone\b[^.?!]{0,20}\b(is\s+)?(changing|resetting|trying to (change|reset|"
                    r"log ?in|access))\s+(my|into)\b",
                    r"\bcodes?\b[^.?!]{0,20}\b(i|we)\s+(didn'?t|did not|never)\s+(request|ask)",
                    r"\b(login|log ?in|sign ?in)s?\b[^.?!]{0,30}\b(wasn'?t|was not|not)\s+me\b",
                    r"\b(changed|reset|disabled|removed|turned off|added|withdrawn|logged in|"
                    r"placed)\b[^.?!]{0,40}\b(it\s+)?(wasn'?t|was not|isn'?t|is not)\s+me\b",
                    r"\b(password|email|e-mail|phone( number)?|2fa|authenticator|api keys?|"
                    r"whitelist|settings?)\b[^.?!]{0,40}\b(changed|reset|added|created|removed|"
                    r"disabled)\b[^.?!]{0,40}\bi\s+(didn'?t|did not|never)\s+(do|change|reset|add|"
                    r"create|request|remove|disable|touch)\b",
                    r"\b(device|ip|location|browser|login|log[- ]?in|sign[- ]?in|session|"
                    r"api keys?)s?\b[^.?!]{0,30}\b(i|we)\s+(don'?t|do not|didn'?t|did not|never)\s+"
                    r"(recogni[sz]e|know|create|add)\b",
                    r"\b(login|log[- ]?in|sign[- ]?in|session|access)\s+from\s+[^.?!]{0,40}"
                    r"\b(i'?m\s+(in|from)|i am (in|from)|i live in|never been|not me|wasn'?t me)\b",
                    r"\bsomeone\b[^.?!]{0,20}\b(is\s+)?(placing|making|trading|withdrawing|buying|"
                    r"selling|using)\b[^.?!]{0,25}\b(my|on my|from my)\s+(account|acc|funds|balance|"  # noqa: E501
                    r"wallet|money|api)\b",
                    r"(взлом|взлам)\w{0,20}",
                    r"(кто[- ]?то|неизвестн\w{0,20}|чужой|чужие)\s+(зашел|зашёл|вошел|вошёл|залогинил\w{0,20}|"  # noqa: E501
                    r"заходил|входил|получил доступ|сменил|поменял)",
                    r"(сменили|поменяли)\s+(мой\s+|мою\s+|мне\s+)?(пароль|почту|2fa|номер|email|"
                    r"гугл)[^?]{0,30}(без|не я)",
                    r"(вход|логин|авторизаци|заход)\w{0,20}[^.?!]{0,80}(это\s+)?не\s+я\b",
                    r"(незнаком|неизвестн|чуж)\w{0,20}\s+(устройств|ip|айпи|браузер|сесси|api)\w{0,20}",
                    r"\b(vzlom|vzlam)\w{0,20}",
                    r"\bkto[- ]?to\s+(zashel|voshel|zalogin)\w{0,20}",
                    r"(被盗号|盗号|(账号|账户|帐号|帐户)[^。？！?!]{0,4}被(盗|黑|入侵|别人登录)|被黑了?|"
                    r"黑客|有人登录了?我的|有人登(录|陆)|异地登录|陌生设备登录|不是我登录)",
                    r"(陌生|不认识的?|未知)(设备|ip|ip地址|地点|浏览器)|不是本人|非本人",
                    r"(密码|邮箱|手机号|谷歌验证|二次验证|绑定)[^。？！?!]{0,4}被(别人|人|陌生人)?"
                    r"(改|修改|更改|换|解绑)",
                ]
            ),
            _F,
        ),
    ),
    (
        "funds_stolen",
        re.compile(
            "|".join(
                [
                    rf"\b{_FUNDS_EN}\b[^.?!]{{0,20}}\b(were|was|got|have been|has been|been|are)\s+"
                    r"(stolen|drained|swiped|emptied)",
                    r"\bsomeone\b[^.?!]{0,20}\b(stole|withdrew|took|transferred|sent|drained|moved|"
                    r"swapped)\b[^.?!]{0,20}\b(my|all)\b",
                    r"\bstole\s+(my|all)\b",
                    rf"\b{_FUNDS_EN}\s+(stolen|drained)\b",
                    r"\b(drainers?|malicious (approval|contract|signature|transaction|site))\b",
                    r"\b(signed|approved|connected)\b[^.?!]{0,40}\b(fake|phishing|scam|malicious)\b"
                    r"[^.?!]{0,60}\b(gone|empty|drained|missing|disappeared|moved|transferred)\b",
                    r"\b(moved|transferred|sent|withdrawn|went)\s+to\s+(an?\s+)?address(es)?\s+(i|we)\s+"
                    r"(don'?t|do not|never)\s+(know|recogni[sz]e|seen)\b",
                    r"\b(withdrawal|transfer|transaction)s?\b[^.?!]{0,30}\bto\s+an?\s+(unknown|"
                    r"unfamiliar|strange|random|foreign)\s+(address|wallet)",
                    r"\bunauthori[sz]ed\s+(withdrawal|transaction|transfer|payment|trade|swap)",
                    r"\b(trades?|orders?)\b[^.?!]{0,40}\b(i|we)\s+(didn'?t|did not|never)\s+"
                    r"(place|make|made|do|open|authori[sz]e)",
                    r"\b(withdrawal|transaction|transfer|trade|order)s?\b[^.?!]{0,40}\b(isn'?t|is not|"  # noqa: E501
                    r"wasn'?t|was not|not)\s+(mine|me|by me)\b",
                    r"\b(sold|withdrawn|transferred|moved|swapped)\b[^.?!]{0,30}\b(overnight|while i was "  # noqa: E501
                    r"(asleep|sleeping)|without my (knowledge|permission|consent))",
                    r"\b(withdrawal|transaction|transfer)s?\b[^.?!]{0,30}\b(i|we)\s+(didn'?t|did not|"  # noqa: E501
                    r"never)\s+(make|made|do|did|request|authori[sz]e|approve|initiate)",
                    r"\b(wallet|account|funds)\b[^.?!]{0,15}\b(drained|emptied|cleaned out|wiped)\b",  # noqa: E501
                    r"\bdrained\s+(my|the)\s+(wallet|account|funds)",
                    r"(украли|украдены|украден|своровали|спиздили|угнали|увели)\b",
                    r"(вывели|списали|перевели|сняли)\s+[^.?!]{0,30}(без\s+(меня|моего|моей|ведома|"
                    r"разрешения|спроса)|не\s+я)",
                    r"(кто[- ]?то|неизвестн\w{0,20})\s+(вывел|снял|перевел|перевёл|списал|украл)",
                    r"(вывели|списали|перевели|сняли)[^.?!]{0,40}"
                    r"(ничего не (делал|делала|трогал|трогала)|не я)",
                    r"(вывод|перевод|транзакци|списани|сделк|ордер)\w{0,20}[^.?!]{0,40}(котор\w{1,20}\s+)?я\s+"
                    r"не\s+(делал|совершал|создавал|отправлял|подтверждал|выставлял|заказывал)\w{0,20}",
                    r"(вывод|перевод|списание)\w{0,20}[^.?!]{0,30}на\s+(неизвестн|чуж|незнаком)\w{0,20}\s+"
                    r"(адрес|кошел)",
                    r"(提现|提币|转账|转出)\w{0,3}到(陌生|未知|不认识)的?地址",
                    r"(кошел[её]к|аккаунт|акк|счет|счёт)\w{0,20}\s+(опустошили|обчистили|слили|обнулили)",
                    r"(несанкционированн\w{0,20}\s+(вывод|транзакц|перевод|списан))",
                    r"\b(ukrali|ukraden\w{0,20}|svorovali)\b",
                    r"\bvyveli\b[^.?!]{0,30}\b(bez\s+menya|ne\s+ya)\b",
                    r"(?<!手机)(?<!电脑)(?<!怕)(?<!担心)(?<!以防)(?<!防止)"
                    r"(被转走|被人转走|被提走|被人提走|被划走|被清空|盗走|偷走)",
                    # stolen what: the account or the funds (a stolen phone is a 2FA question)
                    r"(账户|账号|帐号|帐户|号|币|钱|资产|资金|余额|钱包|u|usdt|密码|邮箱|api|私钥|"
                    r"助记词|验证器|谷歌验证|手机号)[^。，,！!？?]{0,6}"
                    r"(?<!怕)(?<!担心)(?<!以防)(?<!防止)(被盗|被偷|被人盗)|^\W*(被盗|被偷)了",
                    r"不是我(本人)?(操作|提的|转的|提现|转出|发起)",
                    r"被(人)?(转|提|划)(到|去|走)了?(一个)?(陌生|不认识的?|未知)的?(地址|钱包)",
                    r"(资产|币|钱|资金|余额)[^。？！?!]{0,6}被(转移|转出|提走|划走)",
                    r"未经(我的?)?(授权|允许|同意)的?(提现|提币|转账|交易)",
                ]
            ),
            _F,
        ),
    ),
    (
        "funds_missing",
        re.compile(
            "|".join(
                [
                    rf"\b(all|everything|entire|whole)\b\s+(of\s+)?(my\s+)?({_FUNDS_EN}\s+)?"
                    r"[^.?!]{0,20}\b(gone|disappeared|vanished|missing|lost|zeroed|wiped)\b",
                    rf"\b{_FUNDS_EN}\b[^.?!]{{0,10}}\b(just\s+)?(disappeared|vanished)\b[^.?!]{{0,10}}"
                    r"\b(from|out of|in)\s+(my\s+)?(account|wallet|balance|exchange)",
                    r"\bbalance\b[^.?!]{0,12}\b(is|shows|showing|became|went|turned|dropped|now|reset)\b"
                    r"[^.?!]{0,12}\b(0|zero|empty|\$0|nothing)\b[^.?!]{0,40}\b(i\s+(did|do)\s+nothing|"
                    r"didn'?t\s+do\s+anything|did not do anything|not me|without|suddenly|overnight|"  # noqa: E501
                    r"woke up|no reason)",
                    r"\b(suddenly|overnight|woke up)\b[^.?!]{0,30}\bbalance\b[^.?!]{0,15}\b(0|zero|empty)\b",  # noqa: E501
                    r"\beverything\s+is\s+gone\b",
                    r"\bmy\s+(account|wallet)\s+is\s+(now\s+)?empty\b",
                    r"(все|всё|весь|вся)\s+(мои\s+|мой\s+|моя\s+)?(деньги|средства|монеты|крипт\w{0,20}|баланс|"
                    r"активы|usdt|накоплени\w{0,20}|сбережени\w{0,20})[^.?!]{0,25}(пропал|исчез|обнул|пропало|"
                    r"испарил|слетел)",
                    r"(пропал|исчез|испарил)\w{0,20}\s+(все|всё|весь)",
                    r"баланс\w{0,20}\s+(обнулил|стал\s+(нулев|0|ноль)|по\s+нулям|0\b|ноль|пуст)\w{0,20}"
                    r"[^.?!]{0,40}(ничего не (делал|трогал)|не я|без (меня|моего)|внезапно|вдруг|"
                    r"ночью|сам\b|сама\b)",
                    r"(внезапно|вдруг|ночью|сам по себе)[^.?!]{0,20}баланс\w{0,20}\s+(обнулил|ноль|0\b|пуст)",  # noqa: E501
                    r"(деньги|средства|монеты|крипта|активы)\s+(пропали|исчезли|испарились)\s+(с|со|из)\s+"
                    r"(сч[её]та|кошел\w{0,20}|баланса|аккаунта|акка|биржи)",
                    r"\b(propali|ischezli)\s+(vse|vsyo)\b|\b(vse|vsyo)\s+(dengi|sredstva)\s+(propali|ischezli)",
                    r"\bbalans\s+(obnulil|0\b|nol)",
                    r"(资产|余额|钱|币|资金|所有的?币)[^。？！?!]{0,4}(全|都|全部|一下子)[^。？！?!]{0,3}"
                    r"(没了|不见了|消失|没有了|清零|归零|空了)",
                    r"余额[^。？！?!]{0,4}(变成|变为|成了|突然)\s*(0|零)",
                    r"余额[^。？！?!]{0,4}(为|显示为?|只剩)\s*(0|零)[^。？！?!]{0,12}(什么都没|没有操作|不是我|莫名|突然)",
                    r"余额(清零|归零|被清空|没了)",
                    r"(资产|钱|币|资金)[^。？！?!]{0,4}(突然|莫名其妙|莫名)[^。？！?!]{0,4}(不见了|消失|没了)",
                ]
            ),
            _F,
        ),
    ),
)

_URGENT = (
    *_URGENT,
    (
        "sim_swap",
        re.compile(
            "|".join(
                [
                    r"\bsim[- ]?(card\s+)?(swap|swapped|swapping|hijack\w{0,20}|jacked)\b",
                    r"\b(someone|they|scammer|hacker)s?\b[^.?!]{0,25}\b(ported|transferred|"
                    r"swapped|hijacked|took over|cloned)\s+my\s+(phone\s+)?(number|sim)",
                    r"\bmy\s+(phone\s+)?(number|sim)\b[^.?!]{0,15}\b(was|got|has been)\s+"
                    r"(ported|transferred|swapped|hijacked|stolen|cloned)",
                    r"(перевыпу\w{0,20}|переоформ\w{0,20}|подмен\w{0,20}|украл\w{0,20}|клонир\w{0,20})[^.?!]{0,20}"
                    r"(сим|sim)\w{0,20}",
                    r"(сим|sim)[- ]?карт\w{0,20}[^.?!]{0,30}(без меня|без моего|не я|перевыпуст\w{0,20}|"  # noqa: E501
                    r"украли|заблокировал\w{0,20} сама)",
                    r"\b(simku|sim[- ]?kartu)\b[^.?!]{0,20}\b(perevypustili|ukrali)\b",
                    r"(手机卡|sim卡|电话卡)[^。？！?!]{0,6}被(人|别人|盗)?(补办|复制|盗|转移|劫持)",
                ]
            ),
            _F,
        ),
    ),
    (
        "funds_gone_not_me",
        re.compile(
            "|".join(
                [
                    rf"\b{_FUNDS_EN}\b[^.?!]{{0,20}}\b(is|are|was|were|just)?\s*(gone|disappeared|"
                    r"missing|vanished)\b[^.?!,]{0,5}[,.]?\s*(and\s+)?(i|we)\s+"
                    r"(didn'?t|did not|never)\s+(withdraw|send|transfer|move|touch|sell|trade)",
                    r"\bkto[- ]?to\s+(vyvel|snyal|perevel|ukral|spisal)\b",
                ]
            ),
            _F,
        ),
    ),
)

# A security setting changed, and the user says they did not do it: the two often sit in
# different sentences ("... the email on my account was changed. I didn't change anything."),
# so these patterns may cross sentence ends, within a short distance.
_SETTING_EN = (
    r"(password|e-?mail|phone( number)?|number|2fa|authenticator|api keys?|whitelist|"
    r"address book|withdrawal address|new address|new device|device|settings?|security)"
)
_DENIAL_EN = (
    r"\bi\s+(didn'?t|did not|haven'?t|have not|never|wasn'?t|was not)\s+(do|did|change|changed|"
    r"reset|add|added|create|created|request|requested|remove|disable|touch|log|logged|sign|"
    r"signed|make|made|anything|any)\b"
)
_URGENT = (
    *_URGENT,
    (
        "account_hacked",
        re.compile(
            "|".join(
                [
                    rf"\b{_SETTING_EN}\b.{{0,60}}\b(changed|reset|added|created|removed|disabled|"
                    rf"linked|updated|turned off)\b.{{0,120}}{_DENIAL_EN}",
                    rf"{_DENIAL_EN}.{{0,120}}\b{_SETTING_EN}\b.{{0,60}}\b(was|were|has been|got)\s+"
                    r"(changed|reset|added|created|removed|disabled|linked|updated|turned off)\b",
                    r"\b(пароль|почт|email|телефон|номер|2fa|гугл|адрес|бел\w{1,20} спис|ключ|"
                    r"устройств)\w{0,20}.{0,60}\b(изменен|сменен|добавлен|удален|удалён|отключен|"
                    r"отвязан|привязан)\w{0,20}"
                    r".{0,120}я\s+(ничего\s+)?не\s+(менял|меняла|делал|делала|добавлял|добавляла|"
                    r"входил|входила|заходил|заходила|трогал|трогала)",
                    r"(密码|邮箱|手机|谷歌验证|白名单|地址|api|设备).{0,20}(被)?(修改|更改|改了|添加|新增|"
                    r"解绑|重置|绑定).{0,40}(我)?(没有|没|并没有|从没|从来没)(操作|修改|改|登录|登陆|添加|"
                    r"动过)",
                ]
            ),
            _F,
        ),
    ),
)

# Hypothetical/preventive phrasing is an FAQ question, not an incident.
_HYPOTHETICAL = re.compile(
    r"\b(how (to|do i|can i|do you)|what (if|happens if|should i do if|to do if)|prevent|"
    r"avoid|protect|in case|is it possible|can my|could my|is my account safe|"
    r"if (someone|somebody|my|i|the|a|an)|insurance)\b|"
    r"(как (защитить|не дать|избежать)|что (делать|будет),? если|чтобы не|\bесли\b|страхов|"
    r"можно ли|можно хранить|безопасно ли|или взломают)|\b(is it safe|safe to)\b|"
    r"(如何防止|怎么防止|防止|如果.*怎么办|万一|会不会|安全吗)",
    _F,
)
# Questions that only imagine a takeover ("what if someone logs in and it's not me")
_HYPOTHETICAL_ONLY = re.compile(
    r"\b(what (if|happens if|should i do if)|in case|if (someone|somebody|a|an|the))\b|"
    r"(что (делать|будет),? если|если (кто|вдруг))|(如果|万一|假如)",
    _F,
)
# The user's own mistake or an old detail ("I accidentally withdrew to an address that isn't
# mine", "old number is not mine anymore"): not a takeover
_OWN_DOING = re.compile(
    r"\b(i|accidentally|mistakenly)\s+(withdrew|sent|transferred)\b|\bby mistake\b|"
    r"^\W*(withdrew|sent|transferred)\b|"
    r"\b(anymore|no longer)\b|по ошибке|больше не|已经不|不再",
    _F,
)
# "I did it" markers override the hypothetical guard ("what to do, someone hacked me").
_FIRST_PERSON_EVENT = re.compile(
    r"\b(my|me|i)\b[^.?!]{0,30}\b(was|got|were|have been|has been|did|didn'?t)\b|"
    r"(меня|мой|мою|мои|у меня)|我的|我被",
    _F,
)


# Activity the user disowns: something happened on the account (a withdrawal, a login or
# session, a changed setting, trades, a whitelist address, an API key) and the message denies
# doing it ("none of that was me", "I never added that", "не я", "我没提"). Both halves may
# sit anywhere in the message; written from how people report takeovers, not from eval data.
_ACTIVITY = _AnyOf(
    re.compile(
        "|".join(
            [
                r"\b(withdraw\w{0,20}|login|log[- ]?in|sign[- ]?in|session|device|password|e-?mail|"
                r"phone|number|sim|2fa|authenticator|whitelist\w{0,20}|address|api keys?|anti-?phishing|"  # noqa: E501
                r"trades|orders|positions|buys|sells|p2p|transfers?|transactions?|balance|"
                r"converted|listed|sold|approv\w{0,20}|permit|notifications?|card|history|profile|"
                r"sub-?accounts?|futures|unbind|unbound|ad|c2c)\b",
                r"(вывод|вывел|вход|сесси|устройств|парол|почт|телефон|номер|сим|2fa|двухфактор|"
                r"аутентификатор|бел\w{1,20} спис|адрес|ключ|антифишинг|сделк|ордер|позици|покупк|"
                r"продаж|p2p|перевод|транзакци|баланс|уведомлен|карт|истори|профил|фьючерс|фьюч|"
                r"настройк|конверт|сконверт|смс|код)",
                r"\b(vyvod|vyvel|vhod|sessi|ustroistv|parol|pocht|telefon|nomer|adres|kluch|klyuch|"
                r"sdelk|balans|akk|2fa)",
                r"(提现|提币|提了|转出|登录|登陆|会话|设备|密码|邮箱|手机|谷歌验证|二次验证|白名单|地址|"
                r"api|防钓鱼|订单|下单|仓位|合约|交易|余额|通知|银行卡|记录|昵称|换绑|签名|授权|卖单|"
                r"子账户|爆仓|提币|绑定)",
            ]
        ),
        _F,
    )
)
_DISOWNED = _AnyOf(
    re.compile(
        "|".join(
            [
                r"\b(it|that|this|those|these|they)\s+(wasn'?t|weren'?t|isn'?t|aren'?t|was not|"
                r"were not|is not|are not)\s+(me|mine|by me)\b",
                r"\bnone of (that|those|it|them|these)\s+(was|were|is|are)\s+(me|mine|by me)\b",
                r"\bnot (me|my doing)\b|\bwasn'?t me\b|\bnot my (address|wallet)\b",
                r"\b(i|we)\s+(have\s+|had\s+|'ve\s+)?(never|didn'?t|did not|haven'?t|have not)\s+"
                r"(ever\s+)?(add|added|create|created|make|made|open|opened|authori[sz]e|authori[sz]ed|"
                r"list|listed|place|placed|set|turn|turned|withdraw|withdrew|send|sent|"
                r"sign|signed|change|changed|reset|enable|enabled|disable|disabled|request|requested|"
                r"initiate|initiated|approve|approved|unbind|unbound|post|posted|convert|converted|"
                r"bought|sold|transferred|log|logged)\b(?!\s+(anything|a thing|any settings))",
                r"\b(i|we)\s+(didn'?t|did not|never)\s+do\s+(it|that|this|any of (that|this|it))\b",
                r"\bi\s+(definitely|really|certainly|surely)\s+(did not|didn'?t|never)\b|"
                r"\bi did (neither|nothing)\b|^\W*(didn'?t|did not|never)\s+(make|do|authori[sz]e|"
                r"request|add|create|open|place)\b|\b(i'?ve|i have) never seen\b|"
                r"\b(i|we)\s+(don'?t|do not)\s+(recogni[sz]e|know)\s+(it|that|this|them|what)\b|"
                r"\bno idea what (that|this|it) is\b|\bi (was|am) (asleep|sleeping)\b|"
                r"\bwas literally asleep\b",
                r"(это\s+)?не\s+я\b|(первый раз в жизни|впервые) вижу|(поменяли|сменили|изменили) не я|"  # noqa: E501
                r"\bя\s+(\S+\s+){0,3}?(не|никогда не|в жизни не|ни разу не)\s+"
                r"(делал|выводил|открывал|ставил|менял|сбрасывал|добавлял|создавал|трогал|торговал|"
                r"подтверждал|входил|отключал|конвертировал|запрашивал|отвязывал|привязывал|"
                r"подписывал|разрешал|выставлял|продавал|покупал|переводил|удалял)\w{0,3}\b|"
                r"котор\w{1,3} я не (знаю|делал|делала|открывал|открывала)\b",
                r"\b(eto ne ya|ne ya)\b|\bya\s+(nichego\s+|ego\s+)?ne\s+"
                r"(delal|menyal|sozdaval|sbrasyval|vyvodil|otkryval|dobavlyal|trogal|otvyazyval)\b",
                r"不是我(的|本人)?(操作|改|设|加|签|提|开|下|转|换|关|登|挂|弄|绑)的?|"
                r"我(真的|根本|从来|自己)?(没|没有|从没|从来没|根本没)(提|动|开|下|改|设|加|换|关|签|操作|"
                r"登录|登陆|弄|挂|卖|买|转|绑|解绑|授权)过|我真的没|一点都不知道|我自己的反而",
            ]
        ),
        _F,
    )
)
# Something was observed on the account (a notice arrived, an entry appeared, at some time):
# a denial only counts next to one, or "I never withdrew" in a how-to question would fire.
_OBSERVED = _AnyOf(
    re.compile(
        "|".join(
            [
                r"\b(got|received|get|getting|came)\s+(an?\s+|this\s+|these\s+|the\s+|some\s+)?"
                r"(weird\s+|strange\s+)?(email|e-?mail|mail|notification|alert|sms|text|message|"
                r"push|notice)s?\b|\b(email|e-?mail|mail|notification|alert|sms|message|push)s?\s+"
                r"(saying|says|said|that|about|from)\b|\bthere\s+(is|are|was|were)\b|\bthere's\b|"
                r"\b(appeared|popped up|showed up|i see|i saw|noticed|found|just saw|woke up)\b|"
                r"\b(last night|overnight|this morning|tonight|just now|an hour ago|minutes ago|"
                r"while i was|at \d{1,2}(:\d\d)?\s?(am|pm)?|\d{1,2}(:\d\d)?\s?(am|pm))\b|"
                r"\bnew (device|login|sign-?in|address|api key|session|phone)\b|"
                r"\b(got|was|were|has been|have been)\s+(switched|changed|reset|disabled|removed|"
                r"turned off|moved|linked|unlinked|added)\b|"
                r"\b(in|on) my (history|account|session|device|whitelist|api)\b|\bhistory (shows|has)\b",  # noqa: E501
                r"(пришл\w{0,3}|пришел|пришёл)\s+(\w{1,20}\s+)?(письм|уведомлен|смс|пуш|сообщени)|"
                r"(письм|уведомлени|смс)\w{0,3}\s+(о|об|что|про)\b|появил\w{0,5}|вижу\b|увидел\w{0,2}|"
                r"заметил\w{0,2}|обнаружил\w{0,2}|ночью|утром|сегодня|вчера|только что|час назад|"
                r"в \d{1,2}(:\d\d)?|нов(ый|ое|ая|ого)\s+(устройств|вход|адрес|ключ|сесси)|"
                r"в истории|в аккаунте|в акке|в сессиях|в списке",
                r"\b(prishl\w{0,3}|prishel)\s+(\w{1,20}\s+)?(pismo|uvedoml\w{0,5}|sms)|"
                r"\b(poyavil\w{0,3}|vizhu|uvidel|zametil|nochyu|nochju|utrom|segodnya|vchera)\b",
                r"收到|发现|看到|出现|多了|半夜|昨晚|凌晨|今天|早上|刚才|刚刚|(邮件|短信|通知)(说|显示|提示)|"
                r"记录里|列表里|里面有",
            ]
        ),
        _F,
    )
)
# Signs of a compromise already under way, in the words of people who do not name it: the
# recovery words typed into a form, an SMS code read to a caller, a look-alike site, a
# remote-access "support" session, a signed approval followed by empty balances, a balance
# that collapsed overnight, someone still changing things. Written from common takeover and
# drainer reports.
_SIGNS = (
    "compromise_signs",
    re.compile(
        "|".join(
            [
                r"\b(put|entered|typed|pasted|inserted|gave|sent|read|shared|uploaded|submitted|"
                r"entering)\b[^.?!]{0,40}\b(12|24|twelve|twenty[- ]four)\s+(secret\s+)?words\b",
                r"\b(asked|wanted|requested)\b[^.?!]{0,25}\b(my|the|our)\s+(seed|recovery|secret|"
                r"private|mnemonic|12|24)\b.{0,60}\b(i|we|she|he)\s+(sent|gave|did|shared|typed|"
                r"entered)\b",
                r"\b(read|gave|told|sent)\s+(him|her|them|the (caller|guy|man|woman|agent))\s+"
                r"(the\s+)?(sms\s+|2fa\s+|verification\s+|text\s+)?codes?\b",
                r"\b(looked (exactly )?like yours|thought was yours|one letter off|"
                r"similar to yours|look-?alike|fake (site|page|login))\b.{0,120}"
                r"\b(logged in|entered|typed|put in)\b",
                r"\b(clicked|opened)\b[^.?!]{0,40}\blink\b.{0,80}\b(logged in|entered)\b.{0,60}"
                r"\b(code|password|2fa)\b",
                r"\b(anydesk|teamviewer|rustdesk|screen ?share|remote (access|desktop|control))\b"
                r".{0,160}\b(balance|funds|usdt|usdc|dropped|gone|less|missing)\b",
                r"\b(signed|approved)\b.{0,100}\b(permit|approv\w{0,20}|setapprovalforall|contract|"
                r"swap|mint|something|tx)\b.{0,160}\b(gone|went out|drained|empty|0\.00|sits at|"
                r"address i don'?t|unknown address|were sent|left my wallet)\b",
                r"\b(still in|in my account right now|changing stuff|"
                r"email after email|leaving my wallet|every few minutes|"
                r"changing my password back)\b",
                r"\b(went|dropped|fell)\s+from\s+\$?[\d.,]+\s*k?\s*[a-z]*\s+to\s+\$?[\d.,]+",
                r"\bwent to bed with\b.{0,40}\bwoke up (to|with)\b",
                r"\bbalance (was|had been)\s+\$?[\d.,]+\s*k?\b.{0,60}"
                r"\bnow\s+(0|zero|nothing|\$?0[.,]\d+)",
                r"\bsomeone'?s? (is )?inside\b|\bsomeone\s+(withdraw|log|access|use|trade)\b|"
                r"\bto their (own )?(device|phone|email|number|authenticator)\b|"
                r"\blogged into my account\b[^.?!]{0,60}\b(tablet|phone|laptop|pc|computer)\b",
                rf"\b(has|got|have)\s+my\s+{_SEED_EN}\b|"
                rf"\b{_SEED_EN}\b.{{0,120}}"
                r"\b(shared|public|published|accessed|anyone with the link)\b|"
                rf"\b(shared|published)\b.{{0,80}}\b{_SEED_EN}\b",
                rf"\b(gave|sent|pasted|typed|entered|shared)\s+(my|our|the)\s+(\w{{1,20}}\s+)?{_SEED_EN}\b"
                r".{0,60}\b(bot|site|website|form|page|app|dm|chat|telegram|discord|admin|support|"
                r"moderator|specialist|guy|person|link|checker)\b",
                r"\b(codes?|sms)\b.{0,40}\b(in a row|one after another|keep coming|flood\w{0,20})\b|"  # noqa: E501
                r"\b(no signal|sos only|no service)\b.{0,160}\b(codes?|password|sim|reset)\b|"
                r"\bsim\b.{0,20}\b(moved|transferred|swapped|ported)\s+to\b",
                r"\b(installed|had me install|was on a|set up)\W+(\w{1,20}\W+){0,3}(anydesk|teamviewer|"  # noqa: E501
                r"rustdesk)\b|\b(anydesk|teamviewer|rustdesk)\s+(call|session)\b",
                r"\b(acc|account|wallet)\s+(got|was|is)\s+(emptied|cleaned out|wiped)\b",
                rf"\bmy\s+{_FUNDS_EN}\s+(are|is|were|was)\s+(all\s+)?gone\b",
                r"\b(tokens?|usdc|usdt|eth|funds|coins|everything)\b[^.?!]{0,20}"
                r"\b(went out|were sent|got sent|left)\b[^.?!]{0,40}"
                r"\b(address i don'?t|unknown|not mine|not my)\b",
                r"(со сч[её]та|с аккаунта|с акка|с кошел\w{1,20})\s+выводят|"
                r"(пользуется|сидит)\s+(моим|в моем|в моём)\s+(аккаунт|акк)\w{0,20}|"
                r"привязан\w{0,20}\s+чуж\w{1,20}\s+карт|"
                r"(подписал|подписала)\b.{0,60}(permit|approve|апрув|что-то).{0,160}"
                r"(ушли|ушло|списал\w{0,20}|пусто|обнул\w{0,20})|"
                r"(ввел|ввёл|ввела|вставил\w{0,20}|отправил\w{0,20}|скинул\w{0,20})\s+(\w{1,20}\s+)?(12|24)\s+слов|"
                r"попросил\w{0,20}\s+(мою\s+)?(сид|фраз|секретн)\w{0,20}.{0,60}я\s+(отправил|скинул|написал)\w{0,20}|"
                r"симк\w{0,20}.{0,20}перевыпустил\w{0,20}|(удал[её]нн\w{1,20} доступ|anydesk|teamviewer)"  # noqa: E501
                r".{0,160}(баланс|деньг|списал|уменьш|пропал)|"
                r"похож\w{1,20} на ваш\w{0,20}.{0,100}(ввел|ввёл|ввела)|"
                r"(ушли|ушло|списались)\s+.{0,30}(на неизвестн|на незнаком|за ночь)|"
                r"(выводят|списывают)\s+прямо сейчас|"
                r"(попросил|просил)\w{0,20}.{0,40}(ключ|сид|фраз).{0,60}(вставил|отправил|скинул|дал|"
                r"ввел|ввёл)|сид\w{0,20}.{0,80}(доступ\w{0,20} «?всем|в общий чат|публичн)|"
                r"баланс был.{0,30}(сейчас|теперь)\s+(ноль|0\b)|слит\w{0,20} в ноль|"
                r"(смс|коды)\w{0,20}.{0,30}(сыпятся|одна за другой|один за другим)|"
                r"(поставил|установил)\w{0,20}\s+(\w{1,20}\s+){0,2}(anydesk|teamviewer|эни ?деск)|"
                r"(номер|почта|телефон)\w{0,20}\s+(в профиле\s+)?чуж|"
                r"\bнет сети\b.{0,120}(код|пароль|сим)",
                r"\b(podpisal\w{0,20})\b.{0,60}\b(approve|permit)\b.{0,100}\b(ushli|propali)\b|"
                r"\b(vvel|vvela|otpravil)\s+(12|24)\s+slov\b|"
                r"\b(otdal|otpravil|skinul|vvel)\w{0,20}\s+(\w{1,20}\s+)?(sid|seed|privat\w{0,20})|"
                r"\b(postavil|ustanovil)\w{0,20}\s+anydesk\b",
                r"(念给|告诉|发给|报给)(了)?(对方|他|她|客服)[^。？！?!]{0,10}(验证码|短信)|"
                r"(验证码|短信码)[^。？！?!]{0,10}(念给|告诉|发给|报给)|"
                r"(很像|仿冒|假的?)的?(网址|网站|链接).{0,40}(输了|输入|填了)|"
                r"(向日葵|anydesk|todesk|远程协助|远程控制).{0,60}(余额|钱|少了|没了|转走|不见)|"
                r"签了?.{0,30}(permit|授权|approve).{0,80}(没了|空了|转走|不见)|"
                r"(输|填|导入)(了|进)?.{0,10}(12|24)个?(词|单词|助记词)|余额从.{0,15}变成|"
                r"号是不是没了|手机卡.{0,10}补办|根本没去补卡|被(人)?补卡|被人登|有人登着|有人在(用|登)|"
                r"助记词.{0,60}(公开|分享|被访问|同步到)|助记词.{0,20}(我)?(就)?(填了|发了|给了|输了)|"
                r"(全|都)(转走|没了|爆了|被转)|授权.{0,20}(全|都)?转走",
            ]
        ),
        _F,
    ),
)
_URGENT = (*_URGENT, _SIGNS)
_URGENT_FAST = tuple((name, _AnyOf(pat)) for name, pat in _URGENT)


@lru_cache(maxsize=1024)
def detect_urgent(text: str) -> str | None:
    """The incident type if the message reports one, else None: the rules below, then the
    naive Bayes model of `faq.urgent_model` for reports told in other words."""
    return detect_urgent_with(text, shipped_model())


@lru_cache(maxsize=1024)
def _shipped_score(norm: str) -> float:
    model = shipped_model()
    return model.score(norm) if model is not None else -4.0


def urgency(text: str) -> float:
    """How much the message reads like an incident report, in [-1, 1]: the urgent model's
    log-odds, clipped at ±4. Below the model's threshold it is not an incident, but a
    message that half reads like one needs more confidence before a canned answer, so the
    FAQ decision takes it as a feature. Without the model file: -1, the value of 85 % of
    ordinary questions (no evidence either way must not stop the FAQ from answering)."""
    norm = normalize(text[:MAX_INTENT_CHARS])
    return max(-4.0, min(4.0, _shipped_score(norm))) / 4.0


def detect_urgent_with(text: str, model: UrgentModel | None) -> str | None:
    """`detect_urgent` with a given model (None: the rules alone), for training and tests."""
    norm = normalize(text[:MAX_INTENT_CHARS])
    found = _rules(norm)
    if found is not None:
        return found
    # a few words carry too few features for the model: short reports are the rules' job
    if model is None or len(norm.split()) + len(_HAN_CHAR.findall(norm)) // 2 < 6:
        return None
    score = _shipped_score(norm) if model is shipped_model() else model.score(norm)
    if score <= URGENT_THRESHOLD:
        return None
    if _HYPOTHETICAL.search(norm) and not _FIRST_PERSON_EVENT.search(norm):
        return None
    if _CONFIRMED_OR_ASKING.search(norm):
        return None
    return "reported_incident"


# The model stage stays quiet when the user says it was them, or only asks whether something
# is genuine (a phishing question, answered by the FAQ; the rules still catch "... and I sent it").
_CONFIRMED_OR_ASKING = re.compile(
    r"\b(that|it|this) (was|is) (me|mine|my own)\b|\bthat'?s me\b|"
    r"\b(is|was|are) (it|this|that|he|she|they|this guy|this person) (real|legit|legitimate|"
    r"official|genuine|you|from you)\b|"
    r"\blegit\b|\bscam\?|(это (был|была|были) я|это я\b|это правда|это вы|это официальн|"
    r"настоящ\w{0,20}\?)|(是我自己|是我本人|是真的吗|是官方|是不是官方|是你们)",
    _F,
)


def detect_urgent_rules(text: str) -> str | None:
    """The incident type named by the rules (regexes) alone."""
    return _rules(normalize(text[:MAX_INTENT_CHARS]))


def _rules(norm: str) -> str | None:
    if not norm:
        return None
    for name, pat in _URGENT_FAST:
        m = pat.search(norm)
        if m is None:
            continue
        if _HYPOTHETICAL.search(norm) and not _FIRST_PERSON_EVENT.search(norm):
            continue
        return name
    if (
        _DISOWNED.search(norm)
        and _ACTIVITY.search(norm)
        and _OBSERVED.search(norm)
        and not _HYPOTHETICAL_ONLY.search(norm)
        and not _OWN_DOING.search(norm)
    ):
        return "activity_not_mine"
    if (
        _EMPTIED.search(norm)
        and _NOT_SENT.search(norm)
        and not _NOT_YET.search(norm)
        and not _HYPOTHETICAL_ONLY.search(norm)
    ):
        return "funds_missing"
    return None


# "The wallet is empty" in one sentence and "I sent nothing" in another: funds gone without
# the user's doing, told calmly (each half alone is an ordinary question).
_EMPTIED = _AnyOf(
    re.compile(
        "|".join(
            [
                r"\b(wallet|account|balance)\b[^.?!]{0,20}\b(is|was|shows?|showing|now)\s+(completely\s+)?"
                r"(empty|0|zero|\$0)\b|\b(wallet|account)\b[^.?!]{0,10}\b(emptied|drained)\b",
                r"(кошел\w{0,5}|аккаунт\w{0,3}|акк\w{0,3}|сч[её]т\w{0,3}|баланс\w{0,3})[^.?!]{0,25}"
                r"(пусто|пустой|пуст\b|ноль|нул\w{0,5}|по нулям)|там пусто",
                r"\b(koshel\w{0,5}|akk\w{0,5}|balans)\b[^.?!]{0,25}\b(pusto|pustoi|pustoy|nol|nul\w{0,5})\b",
                r"(钱包|账户|账号|余额)[^。？！?!]{0,6}(空了|是空的|为0|为零|变成0|变成零|没了|清零)",
            ]
        ),
        _F,
    )
)
# "Balance 0, I haven't sent anything yet, how do I deposit?": a new user, not an incident
_NOT_YET = re.compile(
    r"\b(yet|new account|newly|first (deposit|time|top-?up)|just (signed up|registered|opened|"
    r"created))\b|пока|ещ[её] не|нов(ый|ого) (аккаунт|акк|кошел)|перв(ый|ое|ого) (раз|пополнени|"
    r"депозит)|впервые|только что (зарегистр|создал|открыл)|\b(poka|eshche ne|eshe ne)\b|"
    r"还没|尚未|新(注册|账户|账号|钱包)|第一次|刚注册|刚开户",
    _F,
)
_NOT_SENT = _AnyOf(
    re.compile(
        "|".join(
            [
                r"\bi\s+(didn'?t|did not|never|haven'?t|have not)\s+(send|sent|withdraw|withdrew|"
                r"transfer|transferred|move|moved|spend|spent|sell|sold)\s+"
                r"(anything|any|it|them|a thing)\b",
                r"ничего не (отправлял|выводил|переводил|снимал|продавал|тратил)\w{0,2}|"
                r"никуда не (отправлял|выводил|переводил)\w{0,2}",
                r"\bnichego ne (otpravlyal|vyvodil|perevodil|snimal)\w{0,2}",
                r"我(都|也)?(没|没有|从没|从来没)(转|提|转账|提现|操作|动|卖)过?",
            ]
        ),
        _F,
    )
)


_HUMAN_WORDS_EN = (
    r"(human|humans|operator|agent|staff|representative|rep|"
    r"manager|support team|live support|real person|live agent|live chat|admin|moderator|"
    r"support person|customer service|customer support)"
)
_HUMAN = re.compile(
    "|".join(
        [
            r"\b(talk|speak|chat)\s+(to|with)\s+(someone|somebody|a person|people|anyone)\b",
            rf"\b(talk|speak|chat|connect|escalate|put me through|get me|give me|let me talk|"
            rf"contact|reach)\b[^.?!]{{0,25}}\b(to|with|me)?\s*(a|an|the|real|live|your)?\s*"
            rf"{_HUMAN_WORDS_EN}\b",
            r"\b(want|need|would like|wanna|request|prefer|require)\b[^.?!]{0,12}\b(a|an|to|the)?\s*"  # noqa: E501
            r"(human|operator|live agent|real person|real human|live person|live support|"
            r"support agent|manager|representative|human agent|person not a bot)\b",
            r"^\W*(human|operator|agent|live agent|real person|representative|manager|support)"
            r"(\s+(please|pls|plz|now|asap|needed))?\W*$",
            r"\b(are you|is this|am i talking to) (a )?(bot|robot|human|real person)\b",
            r"\bnot (a |the |this )?(bot|robot)\b|\bstop (the )?bot\b|\bno more bots?\b",
            r"\b(human|operator)\s+(please|pls|plz|now|asap)\b",
            r"(позов\w{0,20}|дайте|нужен|нужна|хочу|можно|соедини\w{0,20}|свяжите|переключи\w{0,20}|подключи\w{0,20})"
            r"[^.?!]{0,25}(оператор\w{0,20}|человек\w{0,20}|живо\w{1,20}|менеджер\w{0,20}|админ\w{0,20}|сотрудник\w{0,20}|"
            r"специалист\w{0,20}|поддержк\w{0,20})",
            r"(жив\w{1,20}\s+(человек|оператор|люд|специалист)\w{0,20})",
            r"(поговорить|пообщаться|связаться|общаться)\s+(с|со)\s+(человек|оператор|сотрудник|"
            r"специалист|живым|менеджер|поддержк)\w{0,20}",
            r"^\W*(оператор|оператора|человек|человека|живой человек|поддержка)"
            r"(\s+(пожалуйста|плиз|пж|срочно))?\W*$",
            r"(ты|вы)\s+(бот|робот)\b|\bне\s+(с\s+)?бот\w{0,20}",
            r"\b(pozov\w{0,20}|nuzhen|hochu|day|dayte|dait\w{0,20}|daj\w{0,20}|soedini\w{0,20}|svyazh\w{0,20})\b[^.?!]{0,20}\b(operator\w{0,20}|chelovek\w{0,20}|"
            r"zhiv\w{1,20})",
            r"\bzhiv\w{1,20}\s+(chelovek|operator)\w{0,20}",
            r"^\W*(operatora?)(\s+(pozhaluysta|pls|plz|pzh))?\W*$",
            r"(?<!智能)(转人工|人工客服|人工服务|真人客服|真人|找人工|要人工|转接人工)",
            r"^\W*(人工|客服|人工客服)\W*$",
            r"人工(?!智能)",
            r"(找|联系|叫|要|转|接通|呼叫|让)(一下|下)?(真正的)?(客服|工作人员|管理员)",
            r"客服(在吗|在不在|呢|人呢|在哪)",
            r"(你是|是不是)(机器人|人工)",
        ]
    ),
    _F,
)


_HUMAN_FAST = _AnyOf(_HUMAN)


@lru_cache(maxsize=1024)
def wants_human(text: str) -> bool:
    """True when the user asks to talk to a person (not when one is merely mentioned)."""
    norm = normalize(text[:MAX_INTENT_CHARS])
    return bool(norm) and _HUMAN_FAST.search(norm) is not None


# Requests only a person can fulfil, even when the topic is an FAQ one: money back,
# compensation, complaints, legal/court matters, follow-ups on an existing ticket or appeal.
_NEEDS_PERSON: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "refund",
        re.compile(
            r"\b(want|need|demand|request|give me|get|issue|waiting for|where is)\s+(me\s+)?"
            r"(a |my |the |full )?refund\b|\brefund (me|my|it|asap|now|please|pls)\b|"
            r"\b(reimburse\w{0,20}|compensat\w{0,20}|money back|chargeback|pay me back|give me back my)\b|"  # noqa: E501
            r"\b(i was|we were|i've been|i have been|you) promised\b|\bovercharged\b|"
            r"\b(wrongly|mistakenly|incorrectly) charged\b|\bcharged (me )?(by mistake|wrongly)\b|"
            r"\b(charged|billed|debited|deducted)\b[^.?!]{0,25}\b(twice|two times|three times|"
            r"\d+ times|double|again)\b|\bdouble[- ]charged\b|\bcharged me twice\b|"
            r"(компенсац\w{0,20}|возмест\w{0,20}|верните|вернуть мои деньги|возврат (денег|средств)|"  # noqa: E501
            r"списали\s+(два|три|дважды|трижды|\d+)\s*(раза|раз)\b|"
            r"(два|три|\d+)\s+раза\s+списал\w{0,20}|дважды списал\w{0,20}|"
            r"мне обещали|нам обещали|kompensac\w{0,20}|vernite)|"
            r"(赔偿|补偿|退款|退钱|重复扣款|扣了两次|扣了三次|扣了\d+次|说好的|承诺的|多扣了?|扣错了?|"
            r"重复扣费|多收了|повторно списали|списали лишн\w{0,20})",
            _F,
        ),
    ),
    (
        "complaint",
        re.compile(
            r"\b(complaint|complain|lawyer|attorney|lawsuit|sue you|court|legal action|gdpr|"
            r"regulator|police report|ombudsman|signed statement|official letter)\b|\bi demand\b|"
            r"(жалоб\w{0,20}|пожаловаться|претензи\w{0,20}|юрист\w{0,20}|адвокат\w{0,20}|суд\b|суда\b|в суд|"  # noqa: E501
            r"прокуратур\w{0,20}|заявлени\w{0,20} в полици\w{0,20}|требую|zhalob\w{0,20}|trebuyu)|"
            r"\b(report you|file a (complaint|dispute|chargeback))\b|(защит\w{0,20} прав потребител\w{0,20})|"  # noqa: E501
            r"(投诉|律师|起诉|法院|报警|要求赔|我要求|维权|曝光|给个说法|给我一个说法|垃圾平台|骗子平台|"
            r"黑平台|诈骗平台)",
            _F,
        ),
    ),
    (
        "follow_up",
        re.compile(
            r"\b(ticket|case|appeal|request)\s*(#|no\.?|number|id)?\s*\d{3,}|"
            r"\b(ticket|appeal|case)\b[^.?!]{0,30}\b(open|opened|waiting|pending|no (answer|reply|"
            r"response))\b[^.?!]{0,20}\b(\d+|days?|weeks?)\b|\bescalate\b|"
            r"\b(no ?one|nobody)\s+(from\s+(your|the)\s+(team|support|side|staff)\s+)?(has\s+)?"
            r"(replied|answered|responded|answers|replies|responds|"
            r"got back)\b|\bstill waiting for (a |an |your )?(reply|answer|response)\b|"
            r"(тикет|обращени\w{0,20}|заявк\w{0,20}|апелляци\w{0,20})\s*(#|№)\s*\d+|"
            r"(тикет|обращени\w{0,20})[^.?!]{0,30}(без ответа|не отвечают|никто не)|"
            r"никто не (ответил|отвечает|отвечают)|до сих пор не ответили|nikto ne otvecha\w{0,20}|"
            r"(工单|申诉|订单号)[^。？！?!]{0,12}(没人处理|无人处理|没有回复|没人回|\d{4,})|"
            r"(几天|五天|一周|好几天)了?[^。？！?!]{0,6}(没人处理|没有回复|没人回)|"
            r"(一直)?没(有)?人(回复|处理|理)|"
            r"\b(submitted|filed|opened|sent|made|raised)\s+(an?\s+|my\s+|the\s+)?(p2p\s+)?(appeal|"
            r"ticket|complaint|case|dispute)\b[^.?!]{0,60}\b(no (answer|reply|response)|still (no|"
            r"waiting|nothing)|nobody|no one|not (been )?(answered|replied))",
            _F,
        ),
    ),
)


# More requests only a person can fulfil, written from general support-desk experience (not
# from any eval message): money back in other words, unknown charges, losses blamed on the
# platform, "please look into my account", police/regulators, personal-data requests.
_NEEDS_PERSON_MORE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "refund",
        re.compile(
            r"\b(please|pls|plz|kindly|can (you|u)|could (you|u))\s+refund\b|"
            r"\b(still|no|any)\s+(no\s+)?refund\s+(yet|received|for)\b|"
            r"\brefund\s+(request|status|for my|of my)\b|"
            r"\b(want|need|give me|return|send back)\s+(me\s+)?(my|the)\s+money\s+back\b|"
            r"\b(want|need|demand)\s+(my|the|our)\s+[^.?!]{0,25}\b(back|refunded|returned)\b|"
            r"\b(give me|return|send back)\s+(me\s+)?my\s+money\b|"
            r"\b(unknown|unrecogni[sz]ed|unexpected|strange|mysterious|random)\s+(charges?|debits?|"
            r"deductions?|payments? (on|from) my card)\b|"
            r"\bdispute\s+(the|this|a)\s+(charge|payment)\b|"
            r"\b(cover|pay for|refund|reimburse)\s+(my|the|our)\s+loss(es)?\b|"
            r"\b(lost|loss|liquidated|rekt)\b[^.?!]{0,50}"
            r"\b(because of|due to|thanks to|caused by)\s+"
            r"(your|the)\s+(lag|bug|glitch|outage|downtime|crash|freeze|maintenance|server|system|"
            r"app|platform|exchange)\b|"
            r"\byour\s+(lag|bug|glitch|outage|downtime|crash|servers?)\s+"
            r"(cost|liquidated|made me lose|lost)\b|"
            r"(компенсир\w{0,20}|верните\s+(мне\s+)?(мои\s+)?(деньги|средства|бабки|комисси\w{0,20})|"
            r"(непонятн\w{0,20}|неизвестн\w{0,20}|странн\w{0,20}|левое|левые)\s+списани\w{0,20}|"
            r"(кто|вы)\s+(мне\s+)?(возмест\w{0,20}|компенсир\w{0,20}|покро\w{0,20})\s+(убыт\w{0,20}|потер\w{0,20})|"
            r"(потерял\w{0,20}|слил\w{0,20}|ликвидир\w{0,20}|убыт\w{0,20})[^.?!]{0,50}из-за\s+(вашего|вашей|ваших|"
            r"сбоя|лаг\w{0,20}|бага|глюк\w{0,20}|тех\w{0,20}\s*работ)|"
            r"\b(kompensir\w{0,20}|vernite\s+(dengi|sredstva))\b|"
            r"还我钱|把钱还给我|退还我的|莫名(其妙)?(被)?扣(款|费|钱|了)|不明扣款|"
            r"(卡顿|宕机|故障|bug|系统问题|延迟)[^。？！?!]{0,12}(导致|害我|让我|造成)[^。？！?!]{0,10}"
            r"(爆仓|亏|损失)|(损失|亏损)[^。？！?!]{0,8}(谁|你们)(来)?(负责|承担|赔))",
            _F,
        ),
    ),
    (
        "investigate",
        re.compile(
            r"\b(can|could|would|will)\s+(you|u|someone|somebody|anyone)\s+(please\s+|pls\s+|plz\s+)?"
            r"(check|look into|look at|investigate|review|verify|find out|see what happened to)\s+"
            r"(my|our|this|what happened)\b|"
            r"^\W*(please|pls|plz|kindly)?\s*(check|look into|investigate|review)\s+(my|our)\s+"
            r"(account|acc|case|transactions?|balance|history|order|profile|funds)\b|"
            r"\b(please|pls|plz|kindly)\s+(check|look into|investigate|review)\s+(my|our|this)\b|"
            r"(проверьте|посмотрите|разберитесь|выясните)\s+(пожалуйста\s+)?(мой|мою|мои|мо[её]|"
            r"аккаунт|акк|сч[её]т|транзакц\w{0,20}|ситуаци\w{0,20}|заявк\w{0,20}|почему|что)|разберитесь\b|"
            r"\b(proverte|posmotrite|razberites)\b|"
            r"(帮我|帮忙|麻烦)(查|看|核实|核查)(一下|下|看)?(我的)?(账户|账号|帐户|帐号|订单|资金|记录)",
            _F,
        ),
    ),
    (
        "complaint",
        re.compile(
            r"\b(police|law enforcement|subpoena|court order|fbi|interpol|cyber ?crime unit|"
            r"consumer protection|small claims)\b|"
            r"\breport (you|this|it|them)\s+to\s+(the\s+)?(sec|fca|cftc|police|regulators?|"
            r"authorities|bbb)\b|\b(your|the) (compliance|legal) (team|department)\b|"
            r"\b(data (access|subject)|dsar)\s+request\b|"
            r"\bcopy of (all\s+)?(my|the)\s+(personal\s+)?data\b|"
            r"\b(proof of funds|balance (certificate|confirmation letter)|reference letter|"
            r"(official|stamped|notari[sz]ed)\s+(statement|letter|confirmation|document))\b|"
            r"(полици\w{0,20}|правоохранит\w{0,20}|следовател\w{0,20}|уголовн\w{0,20}|роспотребнадзор\w{0,20}|"
            r"центробанк\w{0,20}|регулятор\w{0,20}|"
            r"\b(politsi\w{0,20}|policii|policiyu)\b)|"
            r"(警察|公安|报案|立案|网警|监管部门|证监会)",
            _F,
        ),
    ),
)


_PERSON_FAST = tuple((name, _AnyOf(pat)) for name, pat in (*_NEEDS_PERSON, *_NEEDS_PERSON_MORE))


def needs_person(text: str) -> str | None:
    """Why a person must handle this (refund, complaint, follow_up), or None.

    The FAQ may cover the topic, but a canned answer cannot refund, compensate or chase an
    existing ticket, so such messages are never answered from the FAQ."""
    norm = normalize(text[:MAX_INTENT_CHARS])
    if not norm:
        return None
    for name, pat in _PERSON_FAST:
        if pat.search(norm):
            return name
    return None


# Questions the FAQ does not cover by design, however many words they share with an entry:
# coin prices, listings, the company itself (reserves, licences, insurance, jobs, partnerships)
# and general crypto education. Written from general support-desk knowledge.
_COINS = (
    r"(btc|bitcoin|eth|ether|ethereum|sol|solana|bnb|xrp|ton|trx|tron|doge|dogecoin|ada|usdt|"
    r"usdc|ltc|litecoin|shib|pepe|dot|avax|matic|pol|link|arb|op|sui|apt|coin|token)"
)
_UNCOVERED = re.compile(
    "|".join(
        [
            # prices and rates
            rf"\b(what'?s|what is|whats|current|today'?s|live|check)\s+(the\s+)?(price|rate|value)"
            rf"\s+(of|for)\s+{_COINS}\b",
            rf"\b{_COINS}\s+(price|rate)\s+(now|today|right now|currently)\b",
            rf"\bhow much is (1|one|a|an)\s+{_COINS}\b",
            rf"\bprice of {_COINS}\b",
            r"(курс|цена|стоимость)\s+(биткоина|битка|btc|эфира|eth|тон[аы]?|usdt|доллара|"
            r"токена|монеты)\b|сколько\s+(сейчас\s+)?стоит\s+(1\s+|один\s+)?(биткоин|биток|btc|"
            r"эфир|eth)|"
            r"\b(kurs|kakoi kurs|kakoy kurs)\s+(bitkoina|btc|eth|usdt|dollara|evro|rublya)\b|"
            r"(какой|каков)\s+(сейчас\s+)?курс\b|курс\s+(евро|рубля|юаня|гривны|тенге)\b|"
            r"\bexchange rate (of|for) (usd|eur|rub|the dollar|the euro)\b",
            r"(比特币|btc|以太坊|eth|这个币|币)(现在|今天)?的?(价格|币价|多少钱)|现在多少钱一个|币价多少",
            # listings
            r"\b(will|when will|are)\s+(you|u)\s+(going to\s+)?(list|add|listing)\b|"
            r"\b(get|getting)\s+(our|my|a)\s+(token|coin|project)\s+listed\b|"
            r"\blisting\s+(application|request|fee|form|process|requirements)\b|"
            r"\bwhen\s+(listing|list)\b",
            r"((когда|будет ли|планируете|подать на)\s+листинг\w{0,20}|залист\w{0,20}|"
            r"добавите\s+(ли\s+)?(монет|токен))|\bzalist\w{0,20}",
            r"(申请上币|上币(申请|费|条件|流程)|什么时候上(币|线|架)?|会不会上(币|线|架)|"
            r"能不能上(币|线|架))",
            # the company itself
            r"\b(proof of reserves?|por audit|reserves? audit|audited|insurance fund|"
            r"(are|is) (my )?(funds?|money|deposits?|assets?|crypto) (insured|protected by)|"
            r"deposit insurance|licen[cs]ed|regulated|licen[cs]e number|headquarter\w{0,20}|"
            r"where is (the|your) company|who owns|(are|is) (you|u|the exchange|this exchange) "
            r"(hiring|regulated|licen[cs]ed)|job openings?|careers?|vacanc\w{0,20}|"
            r"partnership|collab(oration)?|ambassador program|market mak\w{1,20})\b",
            r"(доказательств\w{0,20}\s+резерв\w{0,20}|proof of reserve|аудит\w{0,20}|лицензи\w{0,20}|регулир\w{0,20}|"  # noqa: E501
            r"застрахован\w{0,20}|страховани\w{0,20}\s+депозит\w{0,20}|где\s+(находится|зарегистрирован\w{0,20})\s+"
            r"(компани|бирж)\w{0,20}|ваканси\w{0,20}|партн[её]рств\w{0,20}|сотрудничеств\w{0,20})",
            r"(储备金证明|储备证明|审计报告|牌照|执照|受监管|监管吗|公司在哪|总部在|招聘|商务合作|"
            r"合作伙伴|保险基金)",
            # general crypto education the FAQ is not for
            r"\b(what is|what'?s|whats|what are|explain|how does|how do)\s+(a\s+|an\s+|the\s+)?"
            r"(bitcoin|blockchain|defi|nfts?|web3|smart contracts?|proof of (stake|work)|pos|pow|"
            r"mining|halving|layer ?2|l2s?|rollups?|dao|dex|cex|altcoins?|stablecoins?|market cap|"
            r"tokenomics|whitepaper|lightning( network)?|memecoins?|ordinals|consensus)\b"
            r"(?!\s+(address|deposit|withdraw|network fee))",
            r"(что такое|как работает|как устроен\w{0,20}|объясните)\s+(биткоин|блокчейн|майнинг|"
            r"defi|дефи|нфт|nft|стейблкоин\w{0,20}|халвинг|смарт-?контракт\w{0,20}|proof of stake|"
            r"pos|пос|лайтнинг|web3|веб3)",
            r"(什么是|啥是|解释一下)(区块链|比特币|挖矿|defi|nft|稳定币|减半|智能合约|web3|闪电网络)|"
            r"(区块链|比特币|挖矿|减半|智能合约|闪电网络)(是什么|是啥|怎么运作|原理)",
            # services this desk does not offer (its FAQ has no entry for them by design)
            r"\blightning\b|лайтнинг|闪电网络|"
            r"\b(do (you|u)( guys)?|does (the |this |your )?(exchange|app|platform|site)|is there|"
            r"are there|you have|have you got|can i (use|pay|buy|get))\b[^.?!]{0,25}\b("
            r"(grid|copy|dca)[- ]?(trading\s+)?(bots?|trading)|trading bots?|options( trading)?|"
            r"paypal|launchpad|"
            r"launchpool)\b|"
            r"(есть ли|у вас есть|будет ли|можно ли)[^.?!]{0,25}(сеточн\w{0,5}\s+бот|"
            r"копи-?трейдинг|торгов\w{0,5}\s+бот|опцион|paypal|пейпал|лаунчпад)|"
            r"(有没有|你们有|支持|能不能用)[^。？！?!]{0,6}(网格|跟单|量化机器人|交易机器人|期权|paypal)|"
            r"\b(become|be)\s+(a|an)\s+(p2p\s+)?(merchant|market maker)\b|"
            r"стать\s+(p2p\s*)?мерчант\w{0,5}|成为(p2p)?商家|"
            r"\blist\s+(my|our)\s+(own\s+)?(token|coin|project)\b",
        ]
    ),
    _F,
)


_UNCOVERED_FAST = _AnyOf(_UNCOVERED)
# One coin against another is education ("USDT vs USDC?") — unless the message is about moving
# funds, where "ETH or BNB network" is a wrong-network or fee question the FAQ answers.
_COIN_VS_COIN = re.compile(
    rf"\b(difference|diff)\s+(between\s+)?{_COINS}\s+(and|&|vs\.?|or)\s+{_COINS}\b|"
    rf"\b{_COINS}\s+(vs\.?|versus)\s+{_COINS}\b|"
    rf"(чем|в ч[её]м)\s+(разница\s+(между\s+)?)?{_COINS}\s+(отлича\w{{0,10}}\s+от|и)\s+"
    rf"{_COINS}|{_COINS}\s*(和|与|跟|还是)\s*{_COINS}\s*(有)?(什么|啥)?(区别|不同)",
    _F,
)
_TRANSFER_CONTEXT = re.compile(
    r"\b(network|chain|fees?|gas|withdraw\w{0,5}|deposit\w{0,5}|send\w{0,3}|transfer\w{0,5}|"
    r"bridge|erc-?20|trc-?20|bep-?20)\b|сет[ьи]|комисс|вывод|вывест|депозит|пополн|перев[оеё]д|"
    r"\b(set|komiss\w{0,3}|vyvod)\b|网络|链|手续费|提币|提现|充值|充币|转账",
    _F,
)


def not_covered(text: str) -> bool:
    """True for questions the FAQ does not answer by design (prices, listings, the company,
    crypto education): they get no FAQ answer even when they share words with an entry."""
    norm = normalize(text[:MAX_INTENT_CHARS])
    if not norm:
        return False
    if _UNCOVERED_FAST.search(norm) is not None:
        return True
    return _COIN_VS_COIN.search(norm) is not None and _TRANSFER_CONTEXT.search(norm) is None
