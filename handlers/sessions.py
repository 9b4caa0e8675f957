"""The "Sessions" screen an instructor reaches from /classes (its button:
domain.buttons.SessionsList): every session with its state and who answered its reminder, with
buttons to move one (handlers/session_move.py), cancel one (here), set the reminder times
(handlers/session_times.py) or end the class early (handlers/class_end.py, the one
implementation, shared with /classes). Also what those modules share: the instructor's class
named in a button, and the screen shown again when a button no longer fits.

Every change is saved to the class record and the class's scheduled messages are replaced at
once (`jobs.course.reschedule_class`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from botdata import App
from content.dates import local_clock, local_day
from content.texts import Html, Texts
from domain.buttons import (
    CancelConfirmed,
    CancelSession,
    EndFromSessions,
    EndFromSessionsConfirmed,
    MoveSession,
    OfClass,
    ReminderTimes,
    SessionsList,
    encode,
    parse,
    routes,
)
from domain.calendar import revised
from domain.schedule import ClassSchedule, Session, session_list, zone
from handlers import class_end
from handlers.auth import own_class, refuse_class, requires
from handlers.commands import Command
from handlers.common import Context, class_zone, store_of, texts_of
from handlers.daypick import short_day
from handlers.rsvp import answers_line
from handlers.ui import show
from jobs import course as course_jobs
from jobs.course_send import notify_schedule_change
from storage.records import ClassFields, ClassRecord, MemberRecord

# -- reading the class -------------------------------------------------------------------------


def schedule_of(context: Context, klass: ClassRecord) -> ClassSchedule:
    """The class's schedule as the jobs see it."""
    return course_jobs.schedule_for(klass, course_jobs.unit_of(context.application))


def current_time(context: Context) -> datetime:
    """The current instant (the test clock when one is set)."""
    return course_jobs.now_of(context.application)


def upcoming(context: Context, klass: ClassRecord, number: int) -> Session | None:
    """Session `number` if it happens and has not started yet (only those can change)."""
    if klass.get("ended"):
        return None
    now = current_time(context)
    for session in session_list(schedule_of(context, klass)):
        if session.number == number and session.start > now:
            return session
    return None


def list_view(
    context: Context, klass: ClassRecord, members: Sequence[MemberRecord] = ()
) -> tuple[Html, InlineKeyboardMarkup]:
    """The sessions screen: every session with its state and who answered its reminder, and
    buttons for those ahead."""
    texts = texts_of(context)
    schedule = schedule_of(context, klass)
    tz = zone(schedule.tz)
    now = current_time(context)
    label = class_zone(texts, klass, now)
    lines = [texts("sessions.list_header", class_name=klass.get("name", ""), tz=label)]
    rows: list[list[InlineKeyboardButton]] = []
    cid = klass["id"]
    for number in range(1, schedule.sessions + 1):
        local = schedule.planned_start(number).astimezone(tz)
        start = schedule.planned_start(number)
        if number in schedule.cancelled:
            note = texts.raw("sessions.note_cancelled")
        elif not schedule.happens(number):
            note = texts.raw("sessions.note_not_happening")
        elif start <= now:
            note = texts.raw("sessions.note_held")
        elif number in schedule.moved:
            note = texts.raw("sessions.note_moved")
        else:
            note = ""
        lines.append(
            texts(
                "sessions.list_line",
                number=number,
                day=short_day(texts, local.date()),
                time=f"{local:%H:%M}",
                note=note,
            )
        )
        answered = answers_line(texts, members, number)
        if answered is not None:
            lines.append(answered)
        if schedule.happens(number) and start > now and not klass.get("ended"):
            rows.append(
                [
                    InlineKeyboardButton(
                        texts.raw("sessions.button_move").format(number=number),
                        callback_data=encode(MoveSession(cid, number)),
                    ),
                    InlineKeyboardButton(
                        texts.raw("sessions.button_cancel").format(number=number),
                        callback_data=encode(CancelSession(cid, number)),
                    ),
                ]
            )
    if klass.get("ended"):
        lines.append(texts("sessions.list_ended"))
    elif rows:
        lines.append(texts("sessions.list_footer"))
        rows.append(
            [
                InlineKeyboardButton(
                    texts.raw("sessions.button_times"),
                    callback_data=encode(ReminderTimes(cid)),
                )
            ]
        )
        rows.append(
            [
                InlineKeyboardButton(
                    texts.raw("sessions.button_end"), callback_data=encode(EndFromSessions(cid))
                )
            ]
        )
    else:
        lines.append(texts("sessions.list_nothing_ahead"))
    return Html("\n".join([*lines[:1], "", *lines[1:]])), InlineKeyboardMarkup(rows)


S = TypeVar("S", bound=OfClass)


async def class_from(
    update: Update, context: Context, *kinds: type[S]
) -> tuple[ClassRecord, S] | None:
    """The instructor's own class named in a button of one of `kinds`, and the button. Data
    that is not such a button (forged, garbled) is refused like another's class."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return None
    pressed = parse(query.data, *kinds)
    klass = await own_class(context, user.id, pressed.class_id) if pressed else None
    if pressed is None or klass is None:
        await refuse_class(update, context)
        return None
    return klass, pressed


async def stale(update: Update, context: Context, text: str, klass: ClassRecord) -> None:
    """Answer a button that no longer fits the class, and show the sessions as they are now."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    members = await store_of(context).members(klass["id"])
    await show(update, *list_view(context, klass, members), answer=False)


# -- the sessions screen -----------------------------------------------------------------------


@requires("instructor")
async def list_sessions(update: Update, context: Context) -> None:
    """SessionsList: the class's sessions with buttons to move or cancel them."""
    found = await class_from(update, context, SessionsList)
    if found is None:
        return
    klass, _ = found
    members = await store_of(context).members(klass["id"])
    await show(update, *list_view(context, klass, members))


async def send_list(update: Update, context: Context, klass: ClassRecord) -> None:
    """Send the sessions screen as a new message (after a change was confirmed)."""
    if update.effective_chat is not None:
        members = await store_of(context).members(klass["id"])
        text, markup = list_view(context, klass, members)
        await update.effective_chat.send_message(text, reply_markup=markup)


# -- cancelling a session ----------------------------------------------------------------------


@requires("instructor")
async def cancel_ask(update: Update, context: Context) -> None:
    """CancelSession: ask to confirm cancelling a session."""
    found = await class_from(update, context, CancelSession)
    if found is None:
        return
    klass, pressed = found
    texts = texts_of(context)
    number = pressed.session
    session = upcoming(context, klass, number)
    if session is None:
        await stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return
    cid = klass["id"]
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("sessions.button_yes_cancel"),
                    callback_data=encode(CancelConfirmed(cid, number)),
                ),
                InlineKeyboardButton(
                    texts.raw("sessions.button_keep"), callback_data=encode(SessionsList(cid))
                ),
            ]
        ]
    )
    local = session.local_start
    await show(
        update,
        texts(
            "sessions.cancel_confirm",
            number=number,
            day=local_day(local, texts),
            time=local_clock(local),
        ),
        markup,
    )


@requires("instructor")
async def cancel_confirmed(update: Update, context: Context) -> None:
    """CancelConfirmed: cancel the session (if it is still ahead)."""
    found = await class_from(update, context, CancelConfirmed)
    if found is None:
        return
    klass, pressed = found
    texts = texts_of(context)
    number = pressed.session
    if upcoming(context, klass, number) is None:
        await stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return
    session = upcoming(context, klass, number)
    assert session is not None  # checked just above
    cancelled = sorted({*(int(n) for n in klass.get("cancelled") or ()), number})
    changes: ClassFields = {"cancelled": cancelled, "revisions": revised(klass, number)}
    klass = await store_of(context).update_class(klass["id"], changes)
    await course_jobs.reschedule_class(context.application, klass["id"])
    assert update.callback_query is not None
    await update.callback_query.answer()
    start, name = session.local_start, klass.get("name", "")

    def notice(reader: Texts) -> Html:
        """The notice in a reader's language."""
        return reader(
            "sessions.notice_cancelled",
            class_name=name,
            number=number,
            day=local_day(start, reader),
            time=local_clock(start),
        )

    told = await notify_schedule_change(context.application, klass["id"], f"{number}x", notice)
    done = texts("sessions.cancelled", number=number)
    await show(update, Html(f"{done}\n\n{texts('sessions.told', count=told)}"), answer=False)
    await send_list(update, context, klass)


# -- ending the class early: the one implementation is handlers/class_end.py --------------------


@requires("instructor")
async def end_ask(update: Update, context: Context) -> None:
    """EndFromSessions: the sessions screen's "End the class early" asks /classes' confirm."""
    found = await class_from(update, context, EndFromSessions)
    if found is not None:
        await class_end.ask_end(update, context, found[0], "ses")


@requires("instructor")
async def end_confirmed(update: Update, context: Context) -> None:
    """EndFromSessionsConfirmed: its Yes, which ends the class as /classes does."""
    found = await class_from(update, context, EndFromSessionsConfirmed)
    if found is not None:
        klass, pressed = found
        await class_end.end_class(update, context, klass, pressed.kept, "ses")


COMMANDS: list[Command] = []


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    del app
    return [
        CallbackQueryHandler(list_sessions, pattern=routes(SessionsList)),
        CallbackQueryHandler(cancel_ask, pattern=routes(CancelSession)),
        CallbackQueryHandler(cancel_confirmed, pattern=routes(CancelConfirmed)),
        CallbackQueryHandler(end_ask, pattern=routes(EndFromSessions)),
        CallbackQueryHandler(end_confirmed, pattern=routes(EndFromSessionsConfirmed)),
    ]
