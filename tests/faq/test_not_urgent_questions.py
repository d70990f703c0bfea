"""Ordinary support questions that share words with incident reports must not read as
incidents (written by a reviewer of the urgent rules; each one was flagged by an earlier
version). One stays out of this list: "I don't recognize this coin in my wallet, someone
airdropped it, can I sell it?" — the model stage reads it as an incident, which is arguable
(unsolicited tokens are a common drainer lure)."""

from __future__ import annotations

import pytest

from faq.intents import detect_urgent

ORDINARY = [
    "I'm in Germany, how do I withdraw to my card?",
    "I'm at work now, can I withdraw USDT to TRC20 address?",
    "I only use the mobile app, where do I find the withdrawal address whitelist?",
    "I have an iPhone, how do I set up 2FA with Google Authenticator?",
    "I use an Android phone, how do I reset my password?",
    "How long does a withdrawal take? It's not my first time but it's slow",
    "The deposit address is not mine? I copied it from the app",
    "I never used P2P before, how does it work?",
    "I've never used the API, how do I create an API key?",
    "I don't even trade futures, why is there a futures account in my profile?",
    "I didn't request a withdrawal code but I want to withdraw now, how do I get the code?",
    "I haven't changed my phone number, can I still receive SMS codes abroad?",
    "I never set up 2FA, is it required for withdrawals?",
    "My withdrawal is pending for 2 hours, I didn't get any email",
    "I didn't receive the SMS code for login",
    "Why can't I add a new address to the whitelist? I have 2FA enabled",
    "How do I change the phone number on my account? The old one is not mine anymore",
    "I forgot my password and I don't have access to my email",
    "Can I withdraw to an exchange address that is not mine, like a friend's wallet?",
    "Is there a fee for P2P trades? I only use bank transfer",
    "I didn't get the verification email to confirm the withdrawal",
    "I'm in Turkey, which payment methods for P2P are available?",
    "Which network should I use to send USDT? I don't know what TRC20 is",
    "I don't recognize the network names on the withdrawal page, which is cheapest?",
    "Where can I see my login history?",
    "How do I delete an API key I don't use anymore?",
    "I never received my withdrawal, the transaction hash shows confirmed",
    "I have never withdrawn before, what is the minimum withdrawal?",
    "I sent USDT to the wrong network, can you help recover?",
    "The P2P seller didn't release the coins, I already paid",
    "I want to disable 2FA because I lost my phone",
    "Как вывести USDT на карту? Я в Казахстане",
    "Я не получил код подтверждения на почту при выводе",
    "Не приходит смс код для входа",
    "Я никогда не пользовался P2P, как купить USDT?",
    "У меня только айфон, как подключить Google Authenticator?",
    "Как добавить адрес в белый список? Я не менял настройки",
    "Вывод завис уже 3 часа, это не мой первый вывод",
    "Как сменить номер телефона, старый номер не мой больше",
    "Я забыл пароль, как восстановить доступ?",
    "Как создать API ключ? Я ни разу не пользовался API",
    "Адрес не мой, я вставил адрес друга, можно отменить перевод?",
    "Я не делал KYC, могу ли я выводить?",
    "Где посмотреть историю входов?",
    "我没有收到提现的验证码",
    "我从来没用过P2P，怎么买币？",
    "提现到银行卡要多久？我人在国外",
    "我只用手机APP，怎么设置谷歌验证？",
    "白名单地址怎么添加？我没有设置过",
    "我忘记密码了，怎么重置？",
    "API密钥怎么创建？我没用过",
    "提币地址不认识的网络怎么选？",
    "我用的是苹果手机，怎么下载APP？",
    "没见过的币种可以充值吗？",
    "充值的地址不是我的，是朋友的，可以吗？",
    "I didn't make the deposit yet, what is the address for BTC?",
    "I haven't sent the payment yet in P2P, can I cancel the order?",
    "I didn't place any order but I want to know the trading fee",
    "I'm at the airport, can I log in from a new device?",
    "I never enabled withdrawal whitelist, why does it say address not whitelisted?",
    "I didn't change anything but the app shows a different balance in USD, why?",
    "It's not me who owns the card, it's my wife's card. Can I use it for P2P?",
    "Я не входил в аккаунт полгода, как восстановить пароль?",
    "Я не добавлял карту, как её привязать для P2P?",
    "Я не менял телефон, но коды не приходят",
    "I didn't log in for a year and now I forgot my password",
    "I didn't sign in since 2022 and want to withdraw my old balance",
    "Someone is using my referral link, do I get commission?",
    "It wasn't me who forgot the memo, it was the exchange, can you help recover the deposit?",
    "Is the address shown in the app not mine after the update? It changed",
    "我没有登录过网页版，只用APP，可以吗？",
    "我没有绑定银行卡，怎么P2P买币？",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_question_is_not_urgent(text: str) -> None:
    assert detect_urgent(text) is None
