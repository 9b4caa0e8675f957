"""What a person sees, done one way everywhere: a reply as a new message, a screen shown in place
of the pressed message (or as a new one), buttons changed or taken off, a button press answered
once, the answer to a button that no longer does anything, the answer to a private-chat command
sent in a group, and links to the bot (`Bot.link`, deep links, the share sheet, "add me to a
group" with the rights the bot needs). Long lists are packed into as few messages as fit.

Every handler uses these instead of its own: a double tap, an old message that can no longer
be edited or a press answered twice is then handled the same way on every screen.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections import OrderedDict
from typing import Any
from urllib.parse import quote, urlencode

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ConversationHandler, ExtBot
from telegram.helpers import create_deep_linked_url

from content.lessons import _fit_escaped, telegram_length
from content.texts import Html, Texts
from domain.buttons import FaqPass, encode
from handlers.common import Context, texts_of

# -- replies and screens -----------------------------------------------------------------------


async def reply(
    update: Update,
    text: Html,
    reply_markup: InlineKeyboardMarkup | None = None,
    *,
    answer: bool = True,
) -> None:
    """Answer in the chat the update came from with a new message, for a typed message and a
    button press alike. A press is answered (its spinner stops) unless `answer` is False: the
    caller answered it already, and Telegram refuses a second answer."""
    chat = update.effective_chat
    if chat is None:
        return
    if update.callback_query is not None and answer:
        await update.callback_query.answer()
    await chat.send_message(text, reply_markup=reply_markup)


async def show(
    update: Update,
    text: Html,
    markup: InlineKeyboardMarkup | None = None,
    *,
    answer: bool = True,
) -> None:
    """Show a screen: for a button press in place of the pressed message (`show_in_place`),
    answering the press unless the caller did (`answer` False); else as a new message."""
    query = update.callback_query
    if query is None:
        await reply(update, text, markup)
        return
    if answer:
        await query.answer()
    await show_in_place(query, text, markup)


_TAG = re.compile(r"<[^>]*>")


def shown_already(
    message: object, markup: InlineKeyboardMarkup | None, text: Html | None = None
) -> bool:
    """Whether the pressed message already shows these buttons (and this text): a press
    carries its message as it is now, so a double tap sees the first tap's edit. Telegram
    refuses an edit that changes nothing ("message is not modified"), so none is sent."""
    if not isinstance(message, Message) or _keys(message.reply_markup) != _keys(markup):
        return False
    if text is None:
        return True
    # Telegram keeps the text without its markup, trimmed.
    return (message.text or "").strip() == html.unescape(_TAG.sub("", text)).strip()


def _keys(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """A keyboard as Telegram keeps it: one without buttons is no keyboard at all."""
    return markup if markup is not None and any(markup.inline_keyboard) else None


async def set_buttons(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    """Put `markup` (None: no buttons) on the message a button was pressed on, unless it is
    there already (a double tap); a message that can no longer be edited is left as it is."""
    if shown_already(query.message, markup):
        return
    with contextlib.suppress(BadRequest):  # too old to edit, or gone: nothing to tidy
        await query.edit_message_reply_markup(reply_markup=markup)


async def show_in_place(
    query: CallbackQuery, text: Html, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show `text` in place of the message a button was pressed on. A double tap changes
    nothing (and asks Telegram for nothing); a message that can no longer be edited gets the
    text as a new message below it."""
    if shown_already(query.message, markup, text):
        return
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        if query.message is None:
            raise
        await query.message.chat.send_message(text, reply_markup=markup)


async def edit_or_send(
    context: Context,
    chat_id: int,
    message_id: int | None,
    text: Html,
    markup: InlineKeyboardMarkup | None,
) -> int:
    """Show `text` on message `message_id` (edited in place: not necessarily the pressed one),
    or in a new message when there is none or it can no longer be edited; returns the id of the
    message that shows it."""
    if message_id is not None:
        try:
            await context.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=markup
            )
            return message_id
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return message_id  # a double tap: it already shows this
            # Deleted, too old, or a photo (no text to edit): carry on in a new message.
    message = await context.bot.send_message(chat_id, text, reply_markup=markup)
    return message.message_id


# Telegram's limit on one message, in UTF-16 units (with room for nothing else to go wrong).
MESSAGE_LIMIT = 4096


def pack_lines(lines: list[Html], limit: int = MESSAGE_LIMIT) -> list[Html]:
    """Lines joined into as few messages as fit Telegram's limit, never splitting a line; a
    line that alone passes the limit is cut to fit (as plain text, so no tag is split)."""
    messages: list[Html] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if telegram_length(line) > limit:
            line = Html(_fit_escaped(html.unescape(_TAG.sub("", line)), limit))
        length = telegram_length(line) + 1
        if current and size + length > limit:
            messages.append(Html("\n".join(current)))
            current, size = [], 0
        current.append(line)
        size += length
    if current:
        messages.append(Html("\n".join(current)))
    return messages


# -- button presses ----------------------------------------------------------------------------

# What Telegram says to an answer for a press already answered (or answered too late).
_ANSWERED_ALREADY = ("query is too old", "query id is invalid")


async def answer_press(query: CallbackQuery, text: str | None = None, **kwargs: Any) -> None:
    """Answer a button press; one already answered (or too old) is harmless and left be."""
    if answered_already(query):
        return  # Telegram would refuse a second answer
    try:
        await query.answer(text, **kwargs)
    except BadRequest as exc:
        if not any(words in exc.message.lower() for words in _ANSWERED_ALREADY):
            raise


class PressBot(ExtBot[Any]):
    """The bot, remembering which button presses it has answered (the latest `REMEMBERED`): a
    press is answered once, and Telegram refuses a second answer, so whoever comes last (the
    error handler, after a write failed under a handler that had answered already) asks
    `answered` first and says what it has to say in the chat instead."""

    REMEMBERED = 1000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._answered: OrderedDict[str, None] = OrderedDict()

    async def answer_callback_query(
        self, callback_query_id: str, *args: Any, **kwargs: Any
    ) -> bool:
        """Answer a press, and remember it was (also when Telegram says it was already)."""
        self._answered[str(callback_query_id)] = None
        while len(self._answered) > self.REMEMBERED:
            self._answered.popitem(last=False)
        return await super().answer_callback_query(callback_query_id, *args, **kwargs)

    def answered(self, callback_query_id: str) -> bool:
        """Whether this press was answered already."""
        return str(callback_query_id) in self._answered


def answered_already(query: CallbackQuery) -> bool:
    """Whether a press was answered already (False when the bot does not keep count)."""
    bot = query.get_bot()
    return isinstance(bot, PressBot) and bot.answered(query.id)


async def answer_stale(query: CallbackQuery, context: Context, *, alert: bool = True) -> None:
    """Answer a button that no longer does anything (an old step's, pressed twice, from an old
    version, or forged): say so, change nothing. An alert (a box to close) by default, since
    the person expected something to happen; a passing note with `alert` False."""
    await answer_press(query, texts_of(context).raw("core.stale_button"), show_alert=alert)


async def stale_button(update: Update, context: Context) -> None:
    """A button no feature recognises (from an old version, or forged): say it no longer works,
    so the spinner stops and the person knows what to do instead."""
    if update.callback_query is not None:
        await answer_stale(update.callback_query, context, alert=False)


async def stale_step_button(update: Update, context: Context) -> None:
    """A button of a feature's finished or abandoned step (or pressed twice): say, in an
    alert, that it no longer works."""
    if update.callback_query is not None:
        await answer_stale(update.callback_query, context)


# -- the private chat --------------------------------------------------------------------------


async def not_in_private(update: Update, context: Context) -> bool:
    """Answer a command sent in a group with the way to the private chat; True if it was."""
    chat = update.effective_chat
    if chat is None or chat.type == "private":
        return False
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            texts_of(context)("core.private_only", link=bot_link(context))
        )
    return True


async def private_only(update: Update, context: Context) -> Any:
    """The handler for a private-chat command sent in a group: a link to the private chat (and
    the end of any conversation the command would have started)."""
    await not_in_private(update, context)
    return ConversationHandler.END


# -- links -------------------------------------------------------------------------------------

#: Telegram's share sheet: the person picks chats, the link and text are filled in.
SHARE_URL = "https://t.me/share/url"
#: Rights asked for when the bot is added to a class group: pinning the next-session reminder
#: and tidying away its own greetings.
GROUP_RIGHTS = ("pin_messages", "delete_messages")


def bot_link(context: Context, payload: str | None = None) -> str:
    """The link to the bot's private chat (`Bot.link`), or a deep link that opens it with
    "/start <payload>"."""
    if payload is None:
        return context.bot.link
    return create_deep_linked_url(context.bot.username, payload)


def link_button(label: str, url: str) -> InlineKeyboardMarkup:
    """One button that opens `url` (the private chat, a deep link, the share sheet)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=url)]])


def ask_instructor_markup(texts: Texts) -> InlineKeyboardMarkup:
    """The one "Ask my instructor" button, which passes the kept message on (handlers.faq_menu)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.raw("faq.ask_instructor"), callback_data=encode(FaqPass()))]]
    )


def share_url(url: str, text: str) -> str:
    """A t.me/share/url link that opens Telegram's share sheet with `url` and `text`."""
    return f"{SHARE_URL}?{urlencode({'url': url, 'text': text}, quote_via=quote)}"


def add_to_group_url(context: Context, payload: str) -> str:
    """A startgroup deep link: pick a group, the bot joins it with GROUP_RIGHTS requested and
    receives "/start <payload>" there from the person who added it."""
    link = create_deep_linked_url(context.bot.username, payload, group=True)
    return f"{link}&admin={'+'.join(GROUP_RIGHTS)}"
