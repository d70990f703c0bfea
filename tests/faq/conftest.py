"""Small FAQ fixtures written into tmp_path (tests never touch the shipped data)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE = """
[[entry]]
id = "deposit-not-credited"
category = "deposits"
keywords = ["deposit", "депозит", "充值"]
[entry.questions]
en = ["My deposit has not arrived", "Deposit confirmed on the blockchain but not credited"]
ru = ["Депозит не пришёл", "Пополнение не зачислено на баланс"]
zh = ["充值没有到账", "充值还没到"]
[entry.answer]
en = "Deposits need network confirmations."
ru = "Депозит зачисляется после подтверждений."
zh = "充值需要网络确认。"

[[entry]]
id = "password-reset"
category = "account"
keywords = ["password", "пароль", "密码"]
[entry.questions]
en = ["I forgot my password", "How do I reset my password?"]
ru = ["Забыл пароль", "Как сбросить пароль?"]
zh = ["忘记密码了", "怎么重置密码"]
[entry.answer]
en = "Use 'Forgot password' on the login page."
ru = "Нажмите «Забыли пароль» на странице входа."
zh = "在登录页点击“忘记密码”。"

[[entry]]
id = "withdrawal-pending"
category = "withdrawals"
keywords = ["withdrawal", "вывод", "提现"]
[entry.questions]
en = ["My withdrawal is stuck in pending", "Why is my withdrawal still processing?"]
ru = ["Вывод завис в обработке", "Почему вывод так долго обрабатывается?"]
zh = ["提现一直在处理中", "提币卡住了"]
[entry.answer]
en = "Withdrawals are reviewed within an hour."
ru = "Выводы проверяются в течение часа."

[[entry]]
id = "enable-2fa"
category = "account"
[entry.questions]
en = ["How do I enable two-factor authentication?", "Set up Google Authenticator"]
[entry.answer]
en = "Profile → Security → 2FA."
"""


@pytest.fixture
def faq_dir(tmp_path: Path) -> Path:
    d = tmp_path / "faq"
    d.mkdir()
    (d / "main.toml").write_text(FIXTURE, encoding="utf-8")
    return d
