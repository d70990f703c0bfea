from __future__ import annotations

from pathlib import Path

import pytest

from faq.base import FaqBase
from faq.intents import detect_urgent, needs_person, not_covered, wants_human
from faq.lang import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("My deposit has not arrived", "en"),
        ("Депозит не пришёл", "ru"),
        ("ne prishel depozit", "ru"),
        ("pochemu tak dolgo vyvod", "ru"),
        ("zabyl parol ot akkaunta", "ru"),
        ("充值没有到账", "zh"),
        ("USDT 充值没到账", "zh"),
        ("how do i withdraw usdt", "en"),
        ("the network fee is too high", "en"),
        ("123 !!!", None),
        ("", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("my account got hacked", "account_hacked"),
        ("someone logged into my account from another country", "account_hacked"),
        ("меня взломали", "account_hacked"),
        ("vzlomali akkaunt", "account_hacked"),
        ("账号被盗了", "account_hacked"),
        ("there was an unauthorized withdrawal from my account", "funds_stolen"),
        ("my wallet got drained overnight", "funds_stolen"),
        ("у меня украли все монеты", "funds_stolen"),
        ("我的币被转走了", "funds_stolen"),
        ("all my funds disappeared", "funds_missing"),
        ("my balance is zero and I did nothing", "funds_missing"),
        ("все деньги пропали со счета", "funds_missing"),
        ("余额变成0了", "funds_missing"),
        ("I leaked my seed phrase", "key_compromised"),
        ("I accidentally shared my private key with a stranger", "key_compromised"),
        ("случайно отправил сид фразу мошеннику", "key_compromised"),
        ("助记词泄露了怎么办", "key_compromised"),
        ("otpravil sid frazu adminu", "key_compromised"),
        ("I think I got sim swapped, my phone has no signal", "sim_swap"),
        ("someone ported my number to another carrier", "sim_swap"),
        ("сделали перевыпуск сим-карты без меня", "sim_swap"),
        ("我的手机卡被人补办了", "sim_swap"),
        ("my usdt is gone, I didn't withdraw it", "funds_gone_not_me"),
        ("kto-to vyvel moi dengi", "funds_gone_not_me"),
        ("balans obnulilsya", "funds_missing"),
        ("баланс обнулился, я ничего не делал", "funds_missing"),
        ("unauthorized login from an unknown device", "account_hacked"),
        # phrased calmly, without "hacked" or "stolen"
        ("gave my 24 words to the support guy who messaged me", "key_compromised"),
        ("pasted my recovery phrase into a site that promised to fix sync", "key_compromised"),
        ("our api key got leaked on github", "key_compromised"),
        ("my email was changed yesterday and it wasn't me", "account_hacked"),
        ("new sign-in from Brazil on my account, I live in Poland", "account_hacked"),
        ("письмо о входе с незнакомого устройства, это не я", "account_hacked"),
        ("someone is placing trades on my account", "account_hacked"),
        ("there are orders in my history that i never placed", "funds_stolen"),
        ("withdrawal of 2 eth to an unknown address at 3am", "funds_stolen"),
        ("пришло уведомление о переводе, который я не делал", "funds_stolen"),
        ("с аккаунта вывели всё, я ничего не делала", "funds_stolen"),
        ("半夜有一笔提币到陌生地址", "funds_stolen"),
        ("got an email that my password was changed but i didn't change it", "account_hacked"),
        ("there's an api key on my account that i didn't create", "account_hacked"),
        ("login alert from an ip i don't recognize", "account_hacked"),
        ("я не входил в аккаунт, а пришло уведомление о входе", "activity_not_mine"),
        ("收到登录提醒 但我没有登录过", "activity_not_mine"),
        ("approved something on a fake uniswap site and now my tokens are gone", "funds_stolen"),
        ("all my usdt moved to an address i don't recognize", "funds_stolen"),
        ("我的币被转到陌生地址了", "funds_stolen"),
        (
            "got an email that a new address was added to my whitelist. I haven't logged in "
            "for weeks.",
            "account_hacked",
        ),
        ("пароль был изменён сегодня утром. я ничего не менял", "account_hacked"),
        ("收到邮件说白名单新增了一个地址，我没有操作过", "account_hacked"),
    ],
)
def test_urgent(text: str, kind: str) -> None:
    assert detect_urgent(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        # disowned activity and signs of a compromise, without the obvious words
        "there's a withdrawal of 300 usdt in my history. none of that was me",
        "в истории три сделки, которые я не делал",
        "订单记录里有几笔不是我下的",
        "entered my 24 words on a page that said it would sync my wallet",
        "my dad read the caller the code from his sms",
        "after the anydesk session with their agent my balance dropped by half",
        "signed a permit on a mint page, an hour later my usdc were sent elsewhere",
        "balance went from 3k usdt to 4 usdt overnight",
        "ввёл 12 слов на сайте для проверки кошелька",
        "我把验证码念给对方了",
        "my recovery phrase was in a doc that anyone with the link could open",
        "verification codes by sms one after another, then my phone showed no service",
        "the support guy had me install anydesk and my usdt is gone",
        "баланс был 2к usdt, сейчас ноль",
        "有人登着我的账户，一直在下单",
    ],
)
def test_urgent_without_alarm_words(text: str) -> None:
    assert detect_urgent(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "my deposit hasn't arrived",
        "Funds I transferred from another exchange are missing",
        "депозит не пришёл",
        "充值没有到账",
        "how do I protect my account from being hacked?",
        "where do I back up my seed phrase?",
        "what is a private key",
        "купил usdt на п2п, а на фьючах баланс ноль, как их туда закинуть",
        "how to avoid sim swap attacks",
        "如何防止账号被盗",
        "what happens if someone gets my seed phrase",
        "есть ли у вас страховка депозитов, если биржу взломают?",
        "how do I change my phone number",
        "手机被偷了 谷歌验证在上面 现在登录不了",
        "怕被盗，我把登录密码改了，现在不能提现",
        "how do I give my api key to 3commas",
        "accidentally withdrew to an address i dont own",
        "how do I delete api keys I don't use anymore",
        "withdrew to an address that isnt mine, can you reverse it",
        "старый номер больше не мой, как сменить",
        "a guy in DMs asks me to install anydesk for verification, legit?",
        "I logged in from my new laptop and got a new device email. That was me.",
        "why is my margin debt growing when i didnt trade",
        "change my password while logged in, i did not forget it",
        "Можно хранить сид в заметках на айфоне? Или взломают?",
        "助记词存在手机备忘录里安全吗？会不会被盗",
        "I changed my email yesterday and now I can't withdraw. I didn't know about the 24h hold",
        "",
    ],
)
def test_not_urgent(text: str) -> None:
    assert detect_urgent(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "operator",
        "I want to talk to a human",
        "can I speak with a real person please",
        "connect me to an agent",
        "позовите оператора",
        "хочу поговорить с живым человеком",
        "оператор!",
        "转人工",
        "人工客服",
        "我要找客服",
        "daite operatora pozhaluysta",
    ],
)
def test_wants_human(text: str) -> None:
    assert wants_human(text)


@pytest.mark.parametrize(
    "text",
    [
        "my deposit has not arrived",
        "is human verification required for withdrawals?",
        "the operator of the node went offline",
        "客服说让我等一下",
        "人工智能币值得买吗",
        "can I transfer crypto to someone else?",
        "смс от оператора не приходит",
    ],
)
def test_not_wants_human(text: str) -> None:
    assert not wants_human(text)


ROOT = Path(__file__).resolve().parents[2]


def test_no_shipped_faq_question_reads_as_urgent_or_personal() -> None:
    # every FAQ question must be answerable: none may be escalated or routed to a person
    base = FaqBase.load(ROOT / "faq" / "data")
    fired = [
        (e.id, q)
        for e in base.entries
        for _lang, q in e.all_questions()
        if detect_urgent(q) or needs_person(q) or wants_human(q) or not_covered(q)
    ]
    assert not fired


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("I was charged twice for the same card purchase, I want a refund", "refund"),
        ("требую компенсацию за простой биржи", "refund"),
        ("你们系统出问题导致我爆仓 我要求赔偿", "refund"),
        ("хочу подать жалобу на вашу поддержку", "complaint"),
        ("my lawyer will contact you", "complaint"),
        ("ticket #45120 has been open for 10 days with no answer", "follow_up"),
        ("申诉五天了没人处理 订单号77812", "follow_up"),
        ("can you please check my account, something is off", "investigate"),
        ("проверьте мой аккаунт пожалуйста", "investigate"),
        ("帮我查一下我的账户", "investigate"),
        ("there is an unknown charge from you on my card", "refund"),
        ("I got liquidated because of your lag, who covers my losses", "refund"),
        ("верните мне мои деньги", "refund"),
        ("因为你们系统卡顿导致我爆仓", "refund"),
        ("I will report you to the police", "complaint"),
        ("подам заявление в полицию", "complaint"),
        ("我要去公安报案", "complaint"),
        ("the rate was awful, I want my 40 usdt back", "refund"),
        ("appeal open for a week and nobody from your team has replied", "follow_up"),
    ],
)
def test_needs_person(text: str, why: str) -> None:
    assert needs_person(text) == why


@pytest.mark.parametrize(
    "text",
    [
        "почему за вывод usdt списали 8 баксов комсы??",
        "my card payment was declined",
        "how do I open a p2p appeal?",
        "withdraw status = failed, is the fee refunded?",
        "withdrawal pending since morning and i need the money today",
        "how do i check my verification status",
    ],
)
def test_not_needs_person(text: str) -> None:
    assert needs_person(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "what is the price of btc right now",
        "курс биткоина сегодня",
        "比特币现在多少钱",
        "will you list my token?",
        "когда листинг монеты",
        "do you have proof of reserves",
        "is this exchange regulated",
        "what is blockchain",
        "что такое майнинг",
        "什么是区块链",
    ],
)
def test_not_covered(text: str) -> None:
    assert not_covered(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is a txid and where do i find it",
        "I deposited a token that is not listed",
        "how do I set a price alert",
        "what is the funding rate",
    ],
)
def test_covered_questions_are_not_screened(text: str) -> None:
    assert not not_covered(text)


def test_branchwise_search_answers_as_the_combined_pattern() -> None:
    """_AnyOf must say yes/no exactly as the alternation it splits, on every eval message,
    every FAQ question and answer, and every case above."""
    import json

    from faq import intents as I
    from faq.text import normalize

    root = Path(__file__).resolve().parents[2]
    texts = [
        json.loads(line)["text"]
        for f in sorted((root / "faq" / "eval").rglob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    base = FaqBase.load(root / "faq" / "data")
    for e in base.entries:
        for qs in e.questions.values():
            texts += qs
        texts += list(e.answers.values())
    pairs = [(pat, fast) for (_n, pat), (_m, fast) in zip(I._URGENT, I._URGENT_FAST, strict=True)]
    pairs += [(I._HUMAN, I._HUMAN_FAST), (I._UNCOVERED, I._UNCOVERED_FAST)]
    person = (*I._NEEDS_PERSON, *I._NEEDS_PERSON_MORE)
    pairs += [(pat, fast) for (_n, pat), (_m, fast) in zip(person, I._PERSON_FAST, strict=True)]
    checked = 0
    for text in texts:
        norm = normalize(text)
        for pat, fast in pairs:
            same = (pat.search(norm) is None) == (fast.search(norm) is None)
            assert same, (pat.pattern[:60], text)
            checked += 1
    assert checked > 50_000
