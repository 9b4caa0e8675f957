"""Which language each person is spoken to in, and `/language` to change it.

A person's language is their saved choice, else Telegram's `language_code` when we have that
language, else English. `remember` runs before every other handler (even the safety net) and
puts it in the private chat's `chat_data` (in memory only: nothing about a person is stored
before they agree to join), where `handlers.common.texts_of` finds it, so every private reply is
in the person's language. A question written in another language we read is answered in that
language (handlers.faq), without changing the saved choice.

A class group is spoken to in its class's language (chosen in /newclass and /classes): `remember`
puts that in the group's `chat_data` for every update the bot may answer there (commands,
mentions and replies to it, buttons, newcomers), so /help, /faq, the greeting and every other
reply in the group follow the class.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.constants import ChatType
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    TypeHandler,
    filters,
)

from botdata import App
from domain.buttons import Button, ChooseLanguage, encode, parse, routes
from handlers.commands import Command
from handlers.common import (
    LANG_KEY,
    Context,
    addressed_to,
    content_of,
    lang_of,
    owner_ids,
    store_of,
    texts_of,
)
from handlers.menus import publish_for
from handlers.ui import answer_stale, show_in_place

COMMANDS = [Command("language", "parent")]
# Runs before the safety net (group -1), so even an emergency reply knows the language.
GROUP = -3


async def remember(update: Update, context: Context) -> None:
    """Note the language of this update's chat, where `texts_of` finds it: a person's own for
    their private chat (once per process; a saved choice wins), the class's for its group."""
    user = update.effective_user
    chat = update.effective_chat
    data = context.chat_data
    if chat is None or data is None:
        return
    if chat.type != "private":
        if _may_answer(update, context.bot.username):
            data[LANG_KEY] = await _group_language(context, chat.id, user)
        return
    if user is None or LANG_KEY in data:
        return
    data[LANG_KEY] = await _own_language(context, user)


async def _own_language(context: Context, user: User | None) -> str:
    """A person's language: their saved choice, else Telegram's when we have it, else English."""
    if user is None:
        return "en"
    content = content_of(context)
    record = await store_of(context).get_user(user.id)
    saved = record.get("lang") if record else None
    telegram = (user.language_code or "")[:2].lower()
    if saved in content.languages:
        return str(saved)
    if telegram in content.languages:
        return telegram
    return "en"


async def _group_language(context: Context, chat_id: int, user: User | None) -> str:
    """What a group is spoken to in: its class's language, looked up each time (the instructor
    may change it, or link the group to another class, from anywhere); in a group not linked
    to a class, the language of whoever is setting it up."""
    klass = await store_of(context).class_for_group(chat_id)
    if klass is not None:
        return str(klass.get("lang") or "en")
    return await _own_language(context, user)


def _may_answer(update: Update, username: str) -> bool:
    """Whether the bot may answer this group update: everything but ordinary chatter (which
    only the safety net reads, and it finds the class itself), so chatter costs no lookup."""
    message = update.message
    if message is None or not message.text or message.text.startswith("/"):
        return True
    return addressed_to(message, username)


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
        await answer_stale(query, context)
        return
    store = store_of(context)
    # Saved only for someone the bot already keeps a record of (they agreed to it when they
    # joined a class, or took on a role); for anyone else the choice lasts in memory.
    instructor = await store.get_instructor(user.id) is not None
    owner = user.id in await owner_ids(context.bot_data)
    kept = await store.get_user(user.id) is not None or instructor or owner
    if kept:
        await store.update_user(user.id, {"lang": lang})
    context.chat_data[LANG_KEY] = lang
    await query.answer()
    await show_in_place(query, texts_of(context)("language.chosen"))
    chat = query.message.chat if query.message is not None else None
    if kept and chat is not None and chat.type == ChatType.PRIVATE:
        # The ☰ menu too (after the answer, which need not wait for it): Telegram shows it in
        # the app's language, not the one chosen.
        await publish_for(
            context.application, user.id, owner=owner, instructor=instructor, lang=lang
        )


def pre_handlers(app: App) -> list[BaseHandler]:
    """Run before everything else (group GROUP)."""
    return [TypeHandler(Update, remember)]


def handlers(app: App) -> list[BaseHandler]:
    """/language in a private chat, and its buttons."""
    return [
        CommandHandler("language", choose, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(on_choice, pattern=routes(ChooseLanguage)),
    ]
