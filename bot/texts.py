"""Every sentence the bot says to users, in English, Russian and Chinese.

Keys are looked up with `t(key, lang, **values)`; a missing language falls
back to English, so a new text can never crash the bot.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "secret_warning": {
        "en": (
            "⚠️ Your message looked like a seed phrase or a private key. I did not store or "
            "forward it, and I remove such messages where I can. Support will NEVER ask for these "
            "words or keys. If you posted them "
            "anywhere, assume they are compromised: move your funds to a new wallet now. A "
            "security specialist has been notified (ticket #{ticket})."
        ),
        "ru": (
            "⚠️ Ваше сообщение похоже на сид-фразу или приватный ключ. Я не сохранил и не "
            "переслал его и удаляю такие сообщения, где могу. Поддержка НИКОГДА не просит эти слова или ключи. Если вы где-то их "
            "опубликовали, считайте их скомпрометированными: немедленно переведите средства на "
            "новый кошелёк. Специалист по безопасности уже уведомлён (обращение #{ticket})."
        ),
        "zh": (
            "⚠️ 您的消息看起来包含助记词或私钥。我没有保存或转发它，并会在可能的情况下删除此类消息。客服永远不会向您索要助记词或私钥。"
            "如果您曾在任何地方发布过它们，请视为已泄露：立即把资产转移到新钱包。"
            "安全专员已收到通知（工单 #{ticket}）。"
        ),
    },
    "secret_delete_yourself": {
        "en": (
            "I could not delete that message myself. Please delete it now, then move your funds "
            "to a new wallet."
        ),
        "ru": (
            "Я не смог удалить это сообщение сам. Пожалуйста, удалите его сейчас и переведите "
            "средства на новый кошелёк."
        ),
        "zh": "我无法自行删除该消息。请立即删除它，然后把资产转移到新钱包。",
    },
    "scam_warning": {
        "en": (
            "⚠️ Warning: real support staff will never ask for your seed phrase or private key, "
            'never ask you to "validate" or "sync" a wallet, and never DM you first. Do not '
            "follow that message. Use /verify @name to check who is staff."
        ),
        "ru": (
            "⚠️ Осторожно: настоящая поддержка никогда не просит сид-фразу или приватный ключ, "
            "не просит «валидировать» или «синхронизировать» кошелёк и не пишет первой в личку. "
            "Не следуйте этому сообщению. Проверить сотрудника: /verify @имя."
        ),
        "zh": (
            "⚠️ 注意：真正的客服绝不会索要您的助记词或私钥，不会要求您“验证”或“同步”钱包，也不会主动私信您。"
            "请勿理会该消息。可用 /verify @用户名 核实客服身份。"
        ),
    },
    "faq_helpful": {
        "en": "Did this help?",
        "ru": "Это помогло?",
        "zh": "这对您有帮助吗？",
    },
    "btn_yes": {"en": "Yes 👍", "ru": "Да 👍", "zh": "是的 👍"},
    "btn_no_human": {
        "en": "No, talk to a human",
        "ru": "Нет, позовите человека",
        "zh": "没有，转人工",
    },
    "btn_human": {"en": "Talk to a human", "ru": "Связаться с оператором", "zh": "联系人工客服"},
    "suggest": {
        "en": "I'm not sure I understood. Did you mean one of these?",
        "ru": "Не уверен, что правильно понял. Вы имели в виду что-то из этого?",
        "zh": "我不太确定您的意思。您是想问以下问题之一吗？",
    },
    "rephrase": {
        "en": (
            "Sorry, I didn't find an answer to that. Could you describe the problem in other "
            "words (coin, network, what you did and what happened)? Or write /human to talk to "
            "a person."
        ),
        "ru": (
            "К сожалению, я не нашёл ответа. Опишите проблему другими словами (монета, сеть, "
            "что вы сделали и что произошло) или напишите /human, чтобы связаться с оператором."
        ),
        "zh": "抱歉，我没有找到答案。能否换个说法描述问题（币种、网络、您做了什么、发生了什么）？或发送 /human 联系人工客服。",
    },
    "thanks_feedback": {
        "en": "Glad it helped! Write any time if you have another question.",
        "ru": "Рад, что помог! Пишите, если появятся вопросы.",
        "zh": "很高兴能帮到您！如有其他问题，随时联系我们。",
    },
    "ticket_opened": {
        "en": (
            "I've passed your question to our support team: ticket #{ticket}, you are number "
            "{position} in the queue. A person will reply here. Support will never ask for your "
            "seed phrase, private key or password."
        ),
        "ru": (
            "Я передал ваш вопрос команде поддержки: обращение #{ticket}, вы {position}-й в "
            "очереди. Сотрудник ответит здесь. Поддержка никогда не просит сид-фразу, приватный "
            "ключ или пароль."
        ),
        "zh": "已将您的问题转交客服团队：工单 #{ticket}，您在队列中排第 {position} 位。工作人员会在这里回复您。客服绝不会索要您的助记词、私钥或密码。",
    },
    "ticket_urgent": {
        "en": (
            "🚨 This looks urgent. I've opened a high-priority ticket #{ticket} and alerted our "
            "security team. Meanwhile: change your password, reset 2FA if you still can, and do "
            "not share any codes or keys with anyone."
        ),
        "ru": (
            "🚨 Похоже, это срочно. Я открыл обращение #{ticket} с высоким приоритетом и "
            "уведомил команду безопасности. Пока что смените пароль, сбросьте 2FA, если ещё "
            "можете, и никому не сообщайте коды и ключи."
        ),
        "zh": "🚨 情况紧急。我已创建高优先级工单 #{ticket} 并通知安全团队。在此期间：请修改密码，如仍可操作请重置 2FA，不要向任何人透露验证码或密钥。",
    },
    "ticket_exists": {
        "en": "Your ticket #{ticket} is already open; I've added your message to it.",
        "ru": "Ваше обращение #{ticket} уже открыто, я добавил сообщение в него.",
        "zh": "您的工单 #{ticket} 已在处理中，我已将您的消息添加进去。",
    },
    "ticket_closed": {
        "en": "Your ticket #{ticket} has been closed. How would you rate our help?",
        "ru": "Ваше обращение #{ticket} закрыто. Как вы оцените нашу помощь?",
        "zh": "您的工单 #{ticket} 已关闭。您对我们的帮助满意吗？",
    },
    "ticket_reopened": {
        "en": "Your ticket #{ticket} has been reopened; a person will reply here.",
        "ru": "Ваше обращение #{ticket} снова открыто; сотрудник ответит здесь.",
        "zh": "您的工单 #{ticket} 已重新打开，工作人员会在这里回复您。",
    },
    "csat_thanks": {
        "en": "Thank you for your feedback!",
        "ru": "Спасибо за оценку!",
        "zh": "感谢您的反馈！",
    },
    "staff_signature": {"en": "— {team}", "ru": "— {team}", "zh": "— {team}"},
    "blocked": {
        "en": "You can't open tickets right now. Please try again later.",
        "ru": "Сейчас вы не можете создавать обращения. Попробуйте позже.",
        "zh": "您暂时无法提交工单，请稍后再试。",
    },
    "start": {
        "en": (
            "Hi! I'm the support bot. Ask your question in a few words (for example \"deposit "
            'not credited" or "lost 2FA"). Write /human to talk to a person. Never send your '
            "seed phrase or private key to anyone, including us."
        ),
        "ru": (
            "Привет! Я бот поддержки. Опишите вопрос в нескольких словах (например, «не пришёл "
            "депозит» или «потерял 2FA»). Напишите /human, чтобы связаться с оператором. Никогда "
            "никому не отправляйте сид-фразу или приватный ключ, даже нам."
        ),
        "zh": "您好！我是客服机器人。请用几句话描述您的问题（例如“充值未到账”或“丢失2FA”）。发送 /human 联系人工客服。切勿向任何人（包括我们）发送助记词或私钥。",
    },
    "attachment_note": {
        "en": "I can only read text. Please describe your question in words.",
        "ru": "Я понимаю только текст. Пожалуйста, опишите вопрос словами.",
        "zh": "我只能读取文字，请用文字描述您的问题。",
    },
    "attachment_forwarded": {
        "en": "I've attached it to your ticket #{ticket}.",
        "ru": "Я приложил это к вашему обращению #{ticket}.",
        "zh": "已附加到您的工单 #{ticket}。",
    },
    "empty_message": {
        "en": "Your message was empty. What can I help you with?",
        "ru": "Сообщение пустое. Чем я могу помочь?",
        "zh": "您的消息是空的。请问有什么可以帮您？",
    },
    "too_long": {
        "en": "Your message was very long; I read only its beginning.",
        "ru": "Сообщение очень длинное; я прочитал только начало.",
        "zh": "您的消息太长，我只读取了开头部分。",
    },
    "apology": {
        "en": "Sorry, something went wrong on our side. Please try again in a minute.",
        "ru": "Извините, у нас что-то пошло не так. Попробуйте ещё раз через минуту.",
        "zh": "抱歉，我们这边出了点问题。请稍后再试。",
    },
    "verify_yes": {
        "en": "✅ {name} is a member of our support staff.",
        "ru": "✅ {name} — сотрудник нашей поддержки.",
        "zh": "✅ {name} 是我们的客服人员。",
    },
    "verify_no": {
        "en": (
            "❌ {name} is NOT on our staff list. Do not send them money, codes, seed phrases or "
            "private keys."
        ),
        "ru": (
            "❌ {name} НЕ является сотрудником поддержки. Не отправляйте ему деньги, коды, "
            "сид-фразы или приватные ключи."
        ),
        "zh": "❌ {name} 不在我们的客服名单中。切勿向其发送资金、验证码、助记词或私钥。",
    },
    "verify_usage": {
        "en": "Usage: /verify @name",
        "ru": "Использование: /verify @имя",
        "zh": "用法：/verify @用户名",
    },
    "lang_set": {
        "en": "Language set to English.",
        "ru": "Язык переключён на русский.",
        "zh": "语言已切换为中文。",
    },
    "lang_usage": {
        "en": "Usage: /lang en|ru|zh",
        "ru": "Использование: /lang en|ru|zh",
        "zh": "用法：/lang en|ru|zh",
    },
    "user_help": {
        "en": (
            "Ask your question in your own words and I'll try to answer from our FAQ.\n"
            "/human — talk to a person\n/verify @name — check whether an account is real staff\n"
            "/lang en|ru|zh — change language"
        ),
        "ru": (
            "Задайте вопрос своими словами, и я постараюсь ответить по базе FAQ.\n"
            "/human — связаться с оператором\n/verify @имя — проверить, сотрудник ли это\n"
            "/lang en|ru|zh — сменить язык"
        ),
        "zh": (
            "用您自己的话提问，我会尝试从常见问题中回答。\n/human — 联系人工客服\n"
            "/verify @用户名 — 核实是否为真实客服\n/lang en|ru|zh — 切换语言"
        ),
    },
    "not_staff": {
        "en": "That command is for support staff.",
        "ru": "Эта команда только для сотрудников поддержки.",
        "zh": "该命令仅供客服人员使用。",
    },
}


def t(key: str, lang: str, /, **values: object) -> str:
    table = TEXTS[key]
    template = table.get(lang) or table["en"]
    return template.format(**values) if values else template
