"""/faq, the menu of topics by category, and the buttons under an FAQ answer: helpful / not
helpful (counted anonymously), and "none of these" / "ask my instructor", which pass the
parent's last question on (handlers/faq.py)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from botdata import App
from content.faq import CATEGORIES
from content.texts import Texts
from domain.buttons import (
    FaqCategory,
    FaqHelpful,
    FaqMenu,
    FaqPass,
    FaqShow,
    decode,
    encode,
    family,
    parse,
    routes,
)
from handlers.commands import Command
from handlers.common import LAST_QUESTION, Context, content_of, lang_of, store_of, texts_of
from handlers.faq import feedback_markup, hand_off, render_answer
from handlers.ui import (
    answer_stale,
    ask_instructor_markup,
    bot_link,
    link_button,
    reply,
    set_buttons,
    show,
)


async def faq_menu(update: Update, context: Context) -> None:
    """/faq: the menu of topics by category (in a group: a button to open it privately)."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    texts = texts_of(context)
    if chat.type != "private":
        button = link_button(texts.raw("faq.continue_private"), bot_link(context))
        await message.reply_text(texts("faq.group_menu"), reply_markup=button)
        return
    await message.reply_text(texts("faq.menu"), reply_markup=_menu_markup(texts))


def _category_label(texts: Texts, category: str) -> str:
    """A category's button label, in the person's language."""
    return texts.raw(f"faq.category_{category.replace('-', '_')}")


def _menu_markup(texts: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _category_label(texts, cid), callback_data=encode(FaqCategory(cid))
                )
            ]
            for cid in CATEGORIES
        ]
    )


async def on_faq_button(update: Update, context: Context) -> None:
    """The /faq menu's buttons: a category, an entry, back; and candidate choices."""
    query = update.callback_query
    if query is None:
        return
    texts = texts_of(context)
    faq = content_of(context).faq_in(lang_of(context))
    pressed = decode(query.data)
    if isinstance(pressed, FaqMenu):
        await show(update, texts("faq.menu"), _menu_markup(texts))
    elif isinstance(pressed, FaqCategory) and pressed.category in CATEGORIES:
        rows = [
            [InlineKeyboardButton(e.title, callback_data=encode(FaqShow(e.id)))]
            for e in faq.values()
            if e.category == pressed.category
        ]
        rows.append([InlineKeyboardButton(texts.raw("faq.back"), callback_data=encode(FaqMenu()))])
        label = _category_label(texts, pressed.category)
        await show(update, texts("faq.category", label=label), InlineKeyboardMarkup(rows))
    elif isinstance(pressed, FaqShow) and pressed.faq_id in faq:
        entry = faq[pressed.faq_id]
        markup = feedback_markup(texts, entry.id).inline_keyboard[0]
        back = InlineKeyboardButton(
            texts.raw("faq.back"), callback_data=encode(FaqCategory(entry.category))
        )
        await show(
            update, render_answer(texts, entry), InlineKeyboardMarkup([list(markup), [back]])
        )
    else:
        # A tampered or outdated button: say so, change nothing.
        await answer_stale(query, context)


async def on_feedback(update: Update, context: Context) -> None:
    """Helpful / not helpful: count it (anonymously), and offer the instructor when not helpful."""
    query = update.callback_query
    if query is None:
        return
    texts = texts_of(context)
    pressed = parse(query.data, FaqHelpful)
    if pressed is None or pressed.faq_id not in content_of(context).faq:
        await answer_stale(query, context)
        return
    faq_id, helpful = pressed.faq_id, pressed.helpful
    # One vote per answer message: the buttons go once pressed, and a second tap (which finds
    # them gone) counts nothing.
    if isinstance(query.message, Message) and query.message.reply_markup is None:
        await query.answer(texts.raw("faq.thanks"))
        return
    await store_of(context).record_faq_feedback(faq_id, helpful)
    await set_buttons(query, None)
    if helpful:
        await query.answer(texts.raw("faq.thanks"))
        return
    await reply(update, texts("faq.sorry_not_helpful"), ask_instructor_markup(texts))


async def on_pass(update: Update, context: Context) -> None:
    """ "None of these" / "ask my instructor": pass the parent's last question on."""
    query = update.callback_query
    if query is None:
        return
    texts = texts_of(context)
    # Dropped only once it is passed on: if that fails (a full disk), a second try still can.
    question = (context.user_data or {}).get(LAST_QUESTION)
    if not question:
        # After a restart the question is gone from memory: ask for it again, kindly.
        await reply(update, texts("faq.type_again"))
        return
    await query.answer()
    await set_buttons(query, None)
    await hand_off(update, context, question, source="question")
    if context.user_data is not None:
        context.user_data.pop(LAST_QUESTION, None)


COMMANDS = [Command("faq", "parent", in_group=True)]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    del app
    return [
        CommandHandler("faq", faq_menu),
        CallbackQueryHandler(on_feedback, pattern=routes(FaqHelpful)),
        CallbackQueryHandler(on_pass, pattern=routes(FaqPass)),
        # The /faq menu's buttons, and any outdated or forged "faq:" one.
        CallbackQueryHandler(on_faq_button, pattern=family("faq")),
    ]
