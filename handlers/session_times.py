"""A class's reminder times, from the sessions screen (handlers/sessions.py): when the
evening-before reminder goes out, and how long before a session the same-day one does."""

from __future__ import annotations

from datetime import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from botdata import App
from content.texts import Html
from domain.buttons import DayBeforeTime, ReminderTimes, SameDayLead, SessionsList, encode, routes
from handlers.auth import requires
from handlers.commands import Command
from handlers.common import Context, class_zone, store_of, texts_of
from handlers.sessions import class_from, current_time
from handlers.ui import answer_stale, show
from jobs import course as course_jobs
from storage.records import ClassRecord

# -- reminder times ------------------------------------------------------------------------------

#: Choices for the evening-before reminder (local "HH:MM") and the same-day one (minutes before).
DAY_BEFORE_CHOICES = ("17:00", "18:00", "19:00", "20:00")
SAME_DAY_CHOICES = (60, 120, 180)


def _times_view(context: Context, klass: ClassRecord) -> tuple[Html, InlineKeyboardMarkup]:
    """The reminder-times screen: the class's two reminder times, with buttons to change them."""
    texts = texts_of(context)
    offsets = course_jobs.offsets_for(klass)
    day_before = offsets.reminder_day_before
    day_before_text = (
        day_before.strftime("%H:%M") if isinstance(day_before, time) else str(day_before)
    )
    same_day_min = int(offsets.reminder_same_day_before.total_seconds() // 60)
    same_day_text = (
        texts.raw("sessions.times_hours").format(hours=same_day_min // 60)
        if same_day_min % 60 == 0
        else f"{same_day_min} min"
    )
    cid = klass["id"]
    mark = "✓ "
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    (mark if choice == day_before_text else "") + choice,
                    callback_data=encode(DayBeforeTime(cid, choice.replace(":", ""))),
                )
                for choice in DAY_BEFORE_CHOICES
            ],
            [
                InlineKeyboardButton(
                    (mark if minutes == same_day_min else "")
                    + texts.raw("sessions.times_hours").format(hours=minutes // 60),
                    callback_data=encode(SameDayLead(cid, minutes)),
                )
                for minutes in SAME_DAY_CHOICES
            ],
            [
                InlineKeyboardButton(
                    texts.raw("sessions.button_back"), callback_data=encode(SessionsList(cid))
                )
            ],
        ]
    )
    text = texts(
        "sessions.times",
        class_name=klass.get("name", ""),
        tz=class_zone(texts, klass, current_time(context)),
        day_before=day_before_text,
        same_day=same_day_text,
    )
    return text, markup


@requires("instructor")
async def times_screen(update: Update, context: Context) -> None:
    """ReminderTimes: the class's reminder times."""
    found = await class_from(update, context, ReminderTimes)
    if found is None:
        return
    klass, _ = found
    await show(update, *_times_view(context, klass))


@requires("instructor")
async def times_chosen(update: Update, context: Context) -> None:
    """DayBeforeTime / SameDayLead: store a reminder time in the class's ``times``, follow it."""
    query = update.callback_query
    found = await class_from(update, context, DayBeforeTime, SameDayLead)
    if query is None or found is None:
        return
    klass, pressed = found
    texts = texts_of(context)
    times = dict(klass.get("times") or {})
    day_before = {c.replace(":", ""): c for c in DAY_BEFORE_CHOICES}
    if isinstance(pressed, DayBeforeTime) and pressed.at in day_before:
        times["reminder_day_before"] = day_before[pressed.at]
    elif isinstance(pressed, SameDayLead) and pressed.minutes in SAME_DAY_CHOICES:
        times["reminder_same_day_before"] = pressed.minutes
    else:
        await answer_stale(query, context)
        return
    klass = await store_of(context).update_class(klass["id"], {"times": times})
    await course_jobs.reschedule_class(context.application, klass["id"])
    await query.answer(texts.raw("sessions.times_saved"))
    await show(update, *_times_view(context, klass), answer=False)


COMMANDS: list[Command] = []


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    del app
    return [
        CallbackQueryHandler(times_screen, pattern=routes(ReminderTimes)),
        CallbackQueryHandler(times_chosen, pattern=routes(DayBeforeTime, SameDayLead)),
    ]
