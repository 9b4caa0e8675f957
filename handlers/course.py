"""The course for parents: /next (with the course as a calendar file), /lesson and /course;
and, at start, the course's scheduled messages rebuilt from storage (jobs/course.py). /settings
is handlers/settings.py, /weeknote handlers/weeknote.py.

A parent in several classes is asked which one (handlers/classpick.py); a person in no class
gets a kind pointer to their join link. In a group, /next answers for the group's linked class.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from botdata import App
from content.dates import when_words
from content.lessons import MAX_MESSAGE_CHARS, render_lesson, render_outline, telegram_length
from content.texts import Html, Texts
from domain.buttons import CalendarFile, LessonPick, NextPick, encode, parse, routes
from domain.calendar import course_ics
from domain.schedule import next_session, session_list
from handlers.classpick import choose_class, chosen_class_id, member_classes
from handlers.commands import Command
from handlers.common import (
    WEEK_ARG,
    Context,
    content_of,
    lang_of,
    store_of,
    texts_of,
    user_id_of,
)
from handlers.ui import answer_stale, show_in_place
from jobs import course as course_jobs
from jobs.course_messages import venue_line
from jobs.timing import now_of, schedule_for, unit_of
from storage.records import ClassRecord

log = logging.getLogger(__name__)


# -- helpers -----------------------------------------------------------------------------------


def _now(context: Context) -> datetime:
    """The current instant (the test clock when one is set)."""
    return now_of(context.application)


def _unit(context: Context) -> Any:
    """The compressed-schedule unit, or None in real time."""
    return unit_of(context.application)


async def _classes_of(context: Context, user_id: int) -> list[ClassRecord]:
    """The classes a person follows: those they belong to (ended ones too: their lessons stay
    readable until the class's data is deleted), and those they teach that are still running."""
    classes = await member_classes(context, user_id, include_ended=True)
    known = {k["id"] for k in classes}
    for klass in await store_of(context).classes_of_instructor(user_id):
        if klass["id"] not in known and not klass.get("ended"):
            classes.append(klass)
    return classes


async def _may_see(context: Context, user_id: int, class_id: str | None) -> ClassRecord | None:
    """The class named by a button, if this person belongs to it or teaches it."""
    if class_id is None:
        return None
    for klass in await _classes_of(context, user_id):
        if klass["id"] == class_id:
            return klass
    return None


def _schedule(context: Context, klass: ClassRecord) -> Any:
    """The class's schedule as the jobs see it (compressed in end-to-end tests)."""
    return schedule_for(klass, _unit(context))


def _next_text(context: Context, klass: ClassRecord) -> Html:
    """What /next says about one class."""
    texts = texts_of(context)
    schedule = _schedule(context, klass)
    session = next_session(schedule, _now(context))
    if session is None:
        return texts("course.next_none", class_name=klass.get("name", ""))
    when = when_words(texts, session, _now(context))
    if session.number in schedule.moved:
        when += texts.raw("course.next_moved")
    return texts(
        "course.next_session",
        class_name=klass.get("name", ""),
        number=session.number,
        total=schedule.sessions,
        when=when,
        venue=venue_line(texts, klass),
    )


def _has_next(context: Context, klass: ClassRecord) -> bool:
    """Whether a class still has a session ahead."""
    try:
        return next_session(_schedule(context, klass), _now(context)) is not None
    except (KeyError, TypeError, ValueError):
        return False


def _latest_held(context: Context, klass: ClassRecord) -> int | None:
    """The week of the latest session that has started, or None before the first."""
    now = _now(context)
    held = [s for s in session_list(_schedule(context, klass)) if s.start <= now]
    return held[-1].number if held else None


async def _lesson_text(context: Context, klass: ClassRecord, week: int | None) -> Html:
    """What /lesson says: a week's summary with the class's note, or why there is none."""
    texts = texts_of(context)
    lessons, outline = content_of(context).lessons_in(lang_of(context))
    last = max(lessons)
    if week is None:
        week = _latest_held(context, klass)
        if week is None:
            return texts("course.lesson_not_started", class_name=klass.get("name", ""))
    lesson = lessons.get(week)
    notes = await store_of(context).week_notes(klass["id"])
    if lesson is None:
        if notes.get(week):
            return texts("course.summary_note_only", week=week, note=notes[week])
        return texts("course.lesson_unknown_week", last=last, example=min(2, last))
    return Html(render_lesson(lesson, notes.get(week), outline.labels))


# -- /next ------------------------------------------------------------------------------------


async def next_command(update: Update, context: Context) -> None:
    """/next: when the next session is (date, local time, venue), or that there is none."""
    message, chat, user_id = update.effective_message, update.effective_chat, user_id_of(update)
    if message is None or chat is None or user_id is None:
        return
    texts = texts_of(context)
    if chat.type != "private":
        klass = await store_of(context).class_for_group(chat.id)
        if klass is None:
            await message.reply_text(texts("course.group_not_linked"))
        else:
            await message.reply_text(_next_text(context, klass))
        return
    classes = await _classes_of(context, user_id)
    if not classes:
        await message.reply_text(texts("course.no_class"))
        return
    ahead = [k for k in classes if _has_next(context, k)]
    if not ahead:
        if len(classes) == 1:
            # No calendar file: with every session past there is nothing to add to one.
            await message.reply_text(_next_text(context, classes[0]))
        else:
            await message.reply_text(texts("course.next_none_any"))
        return
    klass = await choose_class(update, context, ahead, callback=NextPick)
    if klass is not None:
        markup = calendar_markup(texts, klass)
        await message.reply_text(_next_text(context, klass), reply_markup=markup)


async def next_picked(update: Update, context: Context) -> None:
    """A class chosen for /next."""
    query, user_id = update.callback_query, user_id_of(update)
    if query is None or user_id is None:
        return
    klass = await _may_see(context, user_id, chosen_class_id(query.data, NextPick))
    if klass is None:
        await answer_stale(query, context)
        return
    await query.answer()
    markup = calendar_markup(texts_of(context), klass)
    await show_in_place(query, _next_text(context, klass), markup)


# -- the course as a calendar file -----------------------------------------------------------


def calendar_markup(texts: Texts, klass: ClassRecord) -> InlineKeyboardMarkup:
    """[📅 Add all sessions to your calendar]: the button that sends the .ics file."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("course.calendar_button"),
                    callback_data=encode(CalendarFile(klass["id"])),
                )
            ]
        ]
    )


async def calendar_pressed(update: Update, context: Context) -> None:
    """The calendar button: the whole course as an .ics file (a new one after any change
    updates the same entries), for someone in the class or teaching it."""
    query, user_id = update.callback_query, user_id_of(update)
    if query is None or user_id is None:
        return
    texts = texts_of(context)
    klass = await _may_see(context, user_id, chosen_class_id(query.data, CalendarFile))
    if klass is None:
        await answer_stale(query, context)
        return
    await query.answer()
    name = str(klass.get("name") or "")
    data = course_ics(klass, _schedule(context, klass), name, _now(context))
    filename = (re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "course") + ".ics"
    chat = update.effective_chat
    if chat is not None:
        await chat.send_document(
            InputFile(data, filename=filename[:60]),
            caption=texts("course.calendar_caption", class_name=name),
        )


# -- /lesson and /course ------------------------------------------------------------------------


async def lesson_command(update: Update, context: Context) -> None:
    """/lesson [N]: a week's summary (by default the latest week held)."""
    message, user_id = update.effective_message, user_id_of(update)
    if message is None or user_id is None:
        return
    texts = texts_of(context)
    week: int | None = None
    args = context.args or []
    if args:
        if not WEEK_ARG.match(args[0]) or int(args[0]) < 1:
            last = max(content_of(context).lessons_in(lang_of(context))[0])
            await message.reply_text(
                texts("course.lesson_unknown_week", last=last, example=min(2, last))
            )
            return
        week = int(args[0])
    classes = await _classes_of(context, user_id)
    if not classes:
        await message.reply_text(texts("course.no_class"))
        return
    klass = await choose_class(
        update, context, classes, callback=lambda class_id: LessonPick(week or 0, class_id)
    )
    if klass is not None:
        await message.reply_text(await _lesson_text(context, klass, week))


async def lesson_picked(update: Update, context: Context) -> None:
    """A class chosen for /lesson (the week rides along in the button)."""
    query, user_id = update.callback_query, user_id_of(update)
    if query is None or user_id is None:
        return
    pressed = parse(query.data, LessonPick)
    klass = await _may_see(context, user_id, pressed.class_id) if pressed is not None else None
    if pressed is None or klass is None:
        await answer_stale(query, context)
        return
    await query.answer()
    week = pressed.week or None
    await show_in_place(query, await _lesson_text(context, klass, week))


async def course_command(update: Update, context: Context) -> None:
    """/course: the whole course outline, week by week."""
    message, user_id = update.effective_message, user_id_of(update)
    if message is None or user_id is None:
        return
    texts = texts_of(context)
    lessons, course = content_of(context).lessons_in(lang_of(context))
    outline = render_outline(course, lessons)
    in_class = bool(await _classes_of(context, user_id))
    footer = texts("course.course_footer") if in_class else texts("course.no_class")
    combined = f"{outline}\n\n{footer}"
    if telegram_length(combined) <= MAX_MESSAGE_CHARS:
        await message.reply_text(Html(combined))
    else:
        await message.reply_text(Html(outline))
        await message.reply_text(footer)


# -- shared ------------------------------------------------------------------------------------


async def on_startup(app: App) -> None:
    """Rebuild every class's scheduled messages from storage."""
    await course_jobs.rebuild(app)


COMMANDS = [
    Command("next", "parent", in_group=True),
    Command("lesson", "parent"),
    Command("course", "parent"),
]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("next", next_command),
        CommandHandler("lesson", lesson_command, filters=private),
        CommandHandler("course", course_command, filters=private),
        CallbackQueryHandler(next_picked, pattern=routes(NextPick)),
        CallbackQueryHandler(calendar_pressed, pattern=routes(CalendarFile)),
        CallbackQueryHandler(lesson_picked, pattern=routes(LessonPick)),
    ]
