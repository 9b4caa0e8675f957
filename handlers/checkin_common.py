"""What the parent's check-in (handlers/checkin.py) and the instructor's check-in reports
(handlers/checkin_reports.py) share: the class's schedule as the course jobs see it, the words for
an answer, notes shortened for a summary, and which message a button was pressed on.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update

from content.texts import Texts
from domain.schedule import ClassSchedule
from handlers.common import Context
from jobs.timing import schedule_for, unit_of
from storage.records import ClassRecord

#: The check-in under way, kept in the parent's user_data (handlers/conversation.py).
CheckinState = dict[str, Any]

#: How much of each note the summaries show (the export has them in full).
NOTE_PREVIEW = 300
#: Room for one Telegram message, with a margin for the last line added.
MESSAGE_BUDGET = 3800


def schedule_of(context: Context, klass: ClassRecord) -> ClassSchedule | None:
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


def pressed_message_id(update: Update) -> int | None:
    """The id of the (accessible) message whose button was pressed."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        return query.message.message_id
    return None
