"""The Discord channel (discord.py 2.x)."""

from adapters.discord.adapter import DiscordAdapter

__all__ = ["DiscordAdapter"]
