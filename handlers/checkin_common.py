"""What the parent's check-in (handlers/checkin.py) and the instructor's check-in reports
(handlers/checkin_reports.py) share: the class's schedule as the course jobs see it, the words for
an answer, and showing a message in place of the pressed one.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from content.texts import Html, Texts
from domain.schedule import ClassSchedule
from handlers.common import Context, texts_of
from jobs.timing import schedule_for, unit_of

Record = dict[str, Any]

#: How much of each note the summaries show (the export has them in full).
NOTE_PREVIEW = 300
#: Room for one Telegram message, with a margin for the last line added.
MESSAGE_BUDGET = 3800


def schedule_of(context: Context, klass: Record) -> ClassSchedule | None:
    """The class's schedule as the course jobs see it (compressed in tests), or None for a
    class whose schedule is not set up."""
    try:
        return schedule_for(klass, unit_of(context.application))
    except (KeyError, TypeError, ValueError):
        return None


def days_label(texts: Texts, code: str) -> str:
    """The label of a days-practised answer (code "3-4": message key checkin.days_3_4)."""
    return texts.raw(f"checkin.days_{code.replace('-', '_')}")


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _private_link(context: Context) -> str:
    return f"https://t.me/{context.bot.username}"


async def not_in_private(update: Update, context: Context) -> bool:
    """Answer a command sent in a group with the way to the private chat; True if it was."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or chat.type == "private":
        return False
    if message is not None:
        await message.reply_text(
            texts_of(context)("core.private_only", link=_private_link(context))
        )
    return True


async def edit_or_send(
    context: Context,
    chat_id: int,
    message_id: int | None,
    text: Html,
    markup: InlineKeyboardMarkup | None,
) -> int:
    """Show `text` on message `message_id` (edited in place), or in a new message when there
    is none or it can no longer be edited; returns the id of the message that shows it."""
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


def pressed_message_id(update: Update) -> int | None:
    """The id of the (accessible) message whose button was pressed."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        return query.message.message_id
    return None
