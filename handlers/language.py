"""Which language each person is spoken to in, and `/language` to change it.

A person's language is their saved choice, else Telegram's `language_code` when we have that
language, else English. `remember` runs before every other handler (even the safety net) and
puts it in the private chat's `chat_data` (in memory only: nothing about a person is stored
before they agree to join), where `handlers.common.texts_of` finds it, so every private reply is
in the person's language. A question written in another language we read is answered in that
language (handlers.faq), without changing the saved choice.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    TypeHandler,
    filters,
)

from domain.buttons import Button, ChooseLanguage, encode, parse, routes
from handlers.commands import Command
from handlers.common import (
    LANG_KEY,
    Context,
    content_of,
    lang_of,
    show_in_place,
    store_of,
    texts_of,
)

COMMANDS = [Command("language", "parent")]
# Runs before the safety net (group -1), so even an emergency reply knows the language.
GROUP = -3


async def remember(update: Update, context: Context) -> None:
    """Note the person's language for their private chat, once per process (a saved choice
    wins). Groups speak English until classes have a language of their own."""
    user = update.effective_user
    chat = update.effective_chat
    data = context.chat_data
    if user is None or chat is None or chat.type != "private" or data is None:
        return
    if LANG_KEY in data:
        return
    content = content_of(context)
    record = await store_of(context).get_user(user.id)
    saved = (record or {}).get("lang")
    telegram = (user.language_code or "")[:2].lower()
    if saved in content.languages:
        data[LANG_KEY] = saved
    elif telegram in content.languages:
        data[LANG_KEY] = telegram
    else:
        data[LANG_KEY] = "en"


#: The order languages are offered in for a class's group (after the instructor's own).
CLASS_ORDER = ("en", "es", "fr", "de")


def class_language_rows(
    context: Context, current: str, pressed: Callable[[str], Button]
) -> list[list[InlineKeyboardButton]]:
    """Buttons to choose a class's group language: the instructor's own first, the one chosen
    marked; each carries `pressed` made with the language code. Two to a row."""
    languages = content_of(context).languages
    ranked = sorted(languages, key=lambda c: CLASS_ORDER.index(c) if c in CLASS_ORDER else 99)
    offered = list(dict.fromkeys([lang_of(context), *ranked]))
    texts = texts_of(context)
    buttons = [
        InlineKeyboardButton(
            ("✓ " if lang == current else "") + texts.raw(f"language.name_{lang}"),
            callback_data=encode(pressed(lang)),
        )
        for lang in offered
        if lang in languages
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def _markup(context: Context) -> InlineKeyboardMarkup:
    """One button per language we speak, each named in its own language."""
    texts = texts_of(context)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw(f"language.name_{lang}"), callback_data=encode(ChooseLanguage(lang))
                )
            ]
            for lang in content_of(context).languages
        ]
    )


async def choose(update: Update, context: Context) -> None:
    """/language: the languages we speak, as buttons."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(
            texts_of(context)("language.choose"), reply_markup=_markup(context)
        )


async def on_choice(update: Update, context: Context) -> None:
    """A language button: save the choice and say so in the new language."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None or context.chat_data is None:
        return
    pressed = parse(query.data, ChooseLanguage)
    lang = pressed.lang if pressed is not None else ""
    if lang not in content_of(context).languages:
        await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)
        return
    store = store_of(context)
    # Saved only for someone the bot already keeps a record of (they agreed to it when they
    # joined); for anyone else the choice lasts in memory, nothing is stored.
    if await store.get_user(user.id) is not None:
        await store.update_user(user.id, {"lang": lang})
    context.chat_data[LANG_KEY] = lang
    await query.answer()
    await show_in_place(query, texts_of(context)("language.chosen"))


def pre_handlers(app: Application) -> list[BaseHandler]:
    """Run before everything else (group GROUP)."""
    return [TypeHandler(Update, remember)]


def handlers(app: Application) -> list[BaseHandler]:
    """/language in a private chat, and its buttons."""
    return [
        CommandHandler("language", choose, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(on_choice, pattern=routes(ChooseLanguage)),
    ]
