"""A class's group language, changed from /classes (its "🌐 Group language" button).

The class's `lang` is the language of what goes to its class group (reminders, summaries, the
closing: jobs/course.py), and of each family's private messages when they have chosen none of
their own. /newclass asks it at its confirm (the instructor's own language first and chosen);
here it can change any time the class runs: its button (domain.buttons.ClassLanguage) without a
language shows the choice, with one makes it, then the class's details show it.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from botdata import App
from domain.buttons import ClassLanguage, ClassShow, encode, parse, routes
from handlers.auth import own_class, refuse_class, requires
from handlers.classes import show_class
from handlers.commands import Command
from handlers.common import Context, content_of, language_name, store_of, texts_of
from handlers.language import class_language_rows
from handlers.ui import answer_stale, show_in_place

COMMANDS: list[Command] = []


@requires("instructor")
async def on_button(update: Update, context: Context) -> None:
    """ClassLanguage: the languages to choose from, or (with a language) choose one."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    pressed = parse(query.data, ClassLanguage)
    klass = await own_class(context, user.id, pressed.class_id) if pressed else None
    if pressed is None or klass is None:
        await refuse_class(update, context)
        return
    texts = texts_of(context)
    if klass.get("ended"):
        await query.answer(texts.raw("newclass.already_ended"), show_alert=True)
        return
    chosen, cid = pressed.lang, klass["id"]
    if chosen is not None:
        if chosen not in content_of(context).languages:
            await answer_stale(query, context)
            return
        klass = await store_of(context).update_class(cid, {"lang": chosen})
        await show_class(update, context, klass)
        return
    current = str(klass.get("lang") or "en")
    rows = class_language_rows(context, current, lambda lang: ClassLanguage(cid, lang))
    back = InlineKeyboardButton(
        texts.raw("newclass.back_to_class"), callback_data=encode(ClassShow(cid))
    )
    text = texts(
        "classlang.choose", class_name=klass["name"], language=language_name(texts, current)
    )
    await query.answer()
    await show_in_place(query, text, InlineKeyboardMarkup([*rows, [back]]))


def handlers(app: App) -> list[BaseHandler]:
    """The group-language buttons under /classes."""
    del app
    return [CallbackQueryHandler(on_button, pattern=routes(ClassLanguage))]
