"""Telegram channel: `TelegramAdapter` implements the core's ChannelPort on python-telegram-bot."""

from adapters.telegram.adapter import TelegramAdapter

__all__ = ["TelegramAdapter"]
