"""The bot's description and short description, from content/messages/profile.toml (and
each language pack's).

Set at start, and only when they differ from what Telegram has (one cheap read each), so a
restart does not rewrite the profile every time and an edit to the content file shows up on the
next start.
"""

from __future__ import annotations

import logging

from telegram.error import TelegramError
from telegram.ext import BaseHandler

from botdata import App
from content.loader import Content
from handlers.commands import Command

log = logging.getLogger(__name__)

COMMANDS: list[Command] = []
# Telegram's limits for the two texts.
DESCRIPTION_LIMIT = 512
SHORT_LIMIT = 120


def handlers(app: App) -> list[BaseHandler]:
    """No updates to handle: the profile is set at start."""
    del app
    return []


async def on_startup(app: App) -> None:
    """Set the description and short description if they changed: English for everyone, and
    each other language for people whose Telegram app is set to it."""
    content: Content = app.bot_data["content"]
    bot = app.bot
    try:
        for lang in content.languages:
            texts = content.texts_in(lang)
            code = None if lang == "en" else lang
            description = texts.raw("profile.description")[:DESCRIPTION_LIMIT]
            short = texts.raw("profile.short_description")[:SHORT_LIMIT]
            now = await bot.get_my_description(language_code=code)
            if now.description != description:
                await bot.set_my_description(description, language_code=code)
            now_short = await bot.get_my_short_description(language_code=code)
            if now_short.short_description != short:
                await bot.set_my_short_description(short, language_code=code)
    except TelegramError as exc:
        # The profile is a courtesy: a failure here must not stop the bot from starting.
        log.warning("Could not set the bot's description: %s", exc)
