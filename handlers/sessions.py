"""Changing a class's sessions: the "Sessions" screen an instructor reaches from /classes
(its button: domain.buttons.SessionsList), where they move one session, cancel one, or end the class
early (ending is /classes' own flow, `handlers.class_end`). Every change is
saved to the class record and the class's scheduled messages are replaced at once
(`jobs.course.reschedule_class`).

A move is a day tapped (the days around the session's date, as buttons: the session keeps its
time, and another time that day can be typed) or a date and time typed ("12 March 10:30", read
by `domain.when.read_when`), in the class's time zone. It is checked (not in the past, not on
another session, within a year) and confirmed with a button that carries the new time, so a
restart between choosing and confirming loses nothing. A time in a daylight-saving gap is moved
forward by the gap (`domain.schedule.resolve_local`), and the instructor is told.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from content.texts import Html, Texts
from domain.buttons import (
    CancelConfirmed,
    CancelSession,
    DayBeforeTime,
    EndFromSessions,
    EndFromSessionsConfirmed,
    MoveConfirmed,
    MoveSession,
    MoveToDay,
    OfClass,
    ReminderTimes,
    SameDayLead,
    SessionsList,
    encode,
    parse,
    routes,
)
from domain.calendar import revised
from domain.schedule import ClassSchedule, Session, resolve_local, session_list, zone
from domain.when import WhenError, parse_time, read_when
from handlers import class_end
from handlers.auth import own_class, refuse_class, requires
from handlers.commands import Command
from handlers.common import Context, class_zone, date_words_of, show_in_place, store_of, texts_of
from handlers.conversation import StoredConversation, cancel_with
from handlers.daypick import DAY_BUTTONS, day_buttons, short_day
from handlers.rsvp import answers_line
from jobs import course as course_jobs

#: The one state of the move conversation: waiting for the new date and time.
TYPING_WHEN = 1
#: The user_data key of the session being moved: [class id, session number], and the ISO date
#: of the day tapped once one is.
MOVING = "ses_move"
#: How far ahead a session may be moved.
MAX_AHEAD = timedelta(days=366)

# -- reading the class -------------------------------------------------------------------------


def _schedule(context: Context, klass: dict[str, Any]) -> ClassSchedule:
    """The class's schedule as the jobs see it."""
    return course_jobs.schedule_for(klass, course_jobs.unit_of(context.application))


def _now(context: Context) -> datetime:
    """The current instant (the test clock when one is set)."""
    return course_jobs.now_of(context.application)


def _upcoming(context: Context, klass: dict[str, Any], number: int) -> Session | None:
    """Session `number` if it happens and has not started yet (only those can change)."""
    if klass.get("ended"):
        return None
    now = _now(context)
    for session in session_list(_schedule(context, klass)):
        if session.number == number and session.start > now:
            return session
    return None


def _example(context: Context, klass: dict[str, Any]) -> str:
    """An example of a date and time to type: a week after today, at the class's time, written
    as the person's pack writes it ("17 March 10:30", "17/3 10:30"), in a form read back."""
    texts = texts_of(context)
    local = _now(context).astimezone(zone(klass["tz"])) + timedelta(days=7)
    day = format_date(local, texts.raw("sessions.example_date"), locale=texts.raw("core.locale"))
    return f"{day} {str(klass.get('start', '10:00'))[:5]}"


def _today(context: Context, klass: dict[str, Any]) -> date:
    """Today in the class's time zone."""
    return _now(context).astimezone(zone(klass["tz"])).date()


def _move_days(context: Context, klass: dict[str, Any], session: Session) -> list[date]:
    """The days offered for a move: those around the session's own day (up to three before,
    then after), never today or earlier, and not the session's own day."""
    own = session.local_start.date()
    first = max(_today(context, klass) + timedelta(days=1), own - timedelta(days=3))
    days = [first + timedelta(days=n) for n in range(DAY_BUTTONS + 1)]
    return [d for d in days if d != own][:DAY_BUTTONS]


def _list_view(
    context: Context, klass: dict[str, Any], members: Sequence[dict[str, Any]] = ()
) -> tuple[Html, InlineKeyboardMarkup]:
    """The sessions screen: every session with its state and who answered its reminder, and
    buttons for those ahead."""
    texts = texts_of(context)
    schedule = _schedule(context, klass)
    tz = zone(schedule.tz)
    now = _now(context)
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


async def _show(update: Update, text: Html, markup: InlineKeyboardMarkup | None = None) -> None:
    """Show `text` in place of the pressed message (or as a new one if it cannot be edited)."""
    query = update.callback_query
    if query is not None:
        await show_in_place(query, text, markup)
        return
    if update.effective_chat is not None:
        await update.effective_chat.send_message(text, reply_markup=markup)


S = TypeVar("S", bound=OfClass)


async def _class_from(
    update: Update, context: Context, *kinds: type[S]
) -> tuple[dict[str, Any], S] | None:
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


async def _stale(update: Update, context: Context, text: str, klass: dict[str, Any]) -> None:
    """Answer a button that no longer fits the class, and show the sessions as they are now."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    members = await store_of(context).members(klass["id"])
    await _show(update, *_list_view(context, klass, members))


# -- the sessions screen -----------------------------------------------------------------------


@requires("instructor")
async def list_sessions(update: Update, context: Context) -> None:
    """SessionsList: the class's sessions with buttons to move or cancel them."""
    found = await _class_from(update, context, SessionsList)
    if found is None:
        return
    klass, _ = found
    if update.callback_query is not None:
        await update.callback_query.answer()
    members = await store_of(context).members(klass["id"])
    await _show(update, *_list_view(context, klass, members))


# -- moving a session ------------------------------------------------------------------------


@requires("instructor")
async def move_start(update: Update, context: Context) -> int:
    """MoveSession: ask for the new date and time of a session."""
    found = await _class_from(update, context, MoveSession)
    if found is None:
        return ConversationHandler.END
    klass, pressed = found
    texts = texts_of(context)
    number = pressed.session
    session = _upcoming(context, klass, number)
    if session is None:
        await _stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return ConversationHandler.END
    context.user_data[MOVING] = (klass["id"], number)  # type: ignore[index]
    assert update.callback_query is not None
    await update.callback_query.answer()
    local = session.local_start
    await _show(
        update,
        texts(
            "sessions.move_ask",
            number=number,
            day=course_jobs.local_day(local, texts),
            time=course_jobs.local_clock(local),
            tz=class_zone(texts, klass, _now(context)),
            example=_example(context, klass),
        ),
        day_buttons(
            texts,
            _move_days(context, klass, session),
            lambda day: MoveToDay(klass["id"], number, day),
        ),
    )
    return TYPING_WHEN


@requires("instructor")
async def move_day(update: Update, context: Context) -> int:
    """MoveToDay: a day tapped for the move: the session keeps its time that day (to confirm),
    and another time that day can still be typed."""
    query = update.callback_query
    if query is not None and parse(query.data, MoveToDay) is None:
        # Not a day (tampered): it no longer works, and a move under way goes on.
        await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)
        moving = (context.user_data or {}).get(MOVING)
        return TYPING_WHEN if moving else ConversationHandler.END
    found = await _class_from(update, context, MoveToDay)
    if found is None:
        return ConversationHandler.END
    klass, pressed = found
    texts = texts_of(context)
    number, day = pressed.session, pressed.day
    session = _upcoming(context, klass, number)
    if session is None:
        context.user_data.pop(MOVING, None)  # type: ignore[union-attr]
        await _stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return ConversationHandler.END
    assert query is not None
    if day <= _today(context, klass):  # tapped days later
        await query.answer(texts.raw("core.stale_button"), show_alert=True)
        # Still moving this session (typing works), or nothing if no move was under way.
        target = context.user_data.get(MOVING) or ()  # type: ignore[union-attr]
        same = list(target[:2]) == [klass["id"], number]
        return TYPING_WHEN if same else ConversationHandler.END
    # The button names the session, so it wins over an earlier Move still waiting.
    context.user_data[MOVING] = [klass["id"], number, day.isoformat()]  # type: ignore[index]
    await query.answer()
    typed = datetime.combine(day, session.local_start.time().replace(tzinfo=None))
    text, markup = _confirm_view(context, klass, number, session, typed)
    if markup is not None:
        text = Html(f"{text}\n{texts('sessions.move_other_time')}")
    await _show(update, text, markup)
    return TYPING_WHEN


def _chosen_day(target: Sequence[Any]) -> date | None:
    """The day tapped for the move under way, if one was."""
    try:
        return date.fromisoformat(str(target[2])) if len(target) > 2 else None
    except ValueError:
        return None


def _confirm_view(
    context: Context, klass: dict[str, Any], number: int, session: Session, typed: datetime
) -> tuple[Html, InlineKeyboardMarkup | None]:
    """ "Move session 2 from ... to ...?" with Yes / No buttons; or why it cannot move there
    (and no buttons)."""
    texts = texts_of(context)
    problem = _move_problem(context, klass, number, typed)
    if problem is not None:
        return problem, None
    start = resolve_local(typed.date(), typed.time(), klass["tz"])
    local = start.astimezone(zone(klass["tz"]))
    gap = Html("")
    if local.replace(tzinfo=None) != typed:
        gap = Html(
            "\n"
            + texts(
                "sessions.move_gap", typed=f"{typed:%H:%M}", time=course_jobs.local_clock(local)
            )
        )
    cid = klass["id"]
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("sessions.button_yes_move"),
                    callback_data=encode(
                        MoveConfirmed(
                            cid, number, local.replace(tzinfo=None, second=0, microsecond=0)
                        )
                    ),
                ),
                InlineKeyboardButton(
                    texts.raw("sessions.button_type_again"),
                    callback_data=encode(MoveSession(cid, number)),
                ),
            ]
        ]
    )
    old = session.local_start
    text = texts(
        "sessions.move_confirm",
        number=number,
        old_day=course_jobs.local_day(old, texts),
        old_time=course_jobs.local_clock(old),
        day=course_jobs.local_day(local, texts),
        time=course_jobs.local_clock(local),
    )
    return Html(text + gap), markup


@requires("instructor")
async def move_typed(update: Update, context: Context) -> int:
    """The typed date and time: read, check, and ask to confirm."""
    message, user = update.effective_message, update.effective_user
    target = context.user_data.get(MOVING)  # type: ignore[union-attr]
    if message is None or user is None or target is None:
        return ConversationHandler.END
    texts = texts_of(context)
    klass = await own_class(context, user.id, target[0])
    if klass is None:
        context.user_data.pop(MOVING, None)  # type: ignore[union-attr]
        return await refuse_class(update, context)
    number = target[1]
    session = _upcoming(context, klass, number)
    if session is None:
        context.user_data.pop(MOVING, None)  # type: ignore[union-attr]
        await message.reply_text(texts("sessions.not_ahead", number=number))
        return ConversationHandler.END
    text = message.text or ""
    # After a day was tapped, a time alone is a time that day ("11:30").
    chosen = _chosen_day(target)
    clock = parse_time(text, words=date_words_of(context)) if chosen is not None else None
    if chosen is not None and clock is not None:
        typed = datetime.combine(chosen, clock)
    else:
        try:
            typed = read_when(text, _today(context, klass), words=date_words_of(context))
        except WhenError as exc:
            key = (
                "sessions.move_no_time" if str(exc) == "no_time" else "sessions.move_not_understood"
            )
            await message.reply_text(texts(key, example=_example(context, klass)))
            return TYPING_WHEN
    reply, markup = _confirm_view(context, klass, number, session, typed)
    if markup is None:  # it cannot move there: asked again
        await message.reply_text(reply)
        return TYPING_WHEN
    context.user_data.pop(MOVING, None)  # type: ignore[union-attr]
    await message.reply_text(reply, reply_markup=markup)
    return ConversationHandler.END


def _move_problem(
    context: Context, klass: dict[str, Any], number: int, typed: datetime
) -> Html | None:
    """Why session `number` cannot move to local `typed`, or None if it can."""
    texts = texts_of(context)
    start = resolve_local(typed.date(), typed.time(), klass["tz"])
    now = _now(context)
    if start <= now:
        return texts("sessions.move_past")
    if start - now > MAX_AHEAD:
        return texts("sessions.move_too_far")
    schedule = _schedule(context, klass)
    length = timedelta(minutes=schedule.length_min)
    for session in session_list(schedule):
        if session.number == number:
            if session.start == start:
                return texts("sessions.move_same")
            continue
        if abs(session.start - start) < length:
            local = session.local_start
            return texts(
                "sessions.move_clash",
                other=session.number,
                day=course_jobs.local_day(local, texts),
                time=course_jobs.local_clock(local),
            )
    return None


@requires("instructor")
async def move_confirmed(update: Update, context: Context) -> None:
    """MoveConfirmed: move the session (checked again: the button may be old or tampered with)."""
    found = await _class_from(update, context, MoveConfirmed)
    if found is None:
        return
    klass, pressed = found
    texts = texts_of(context)
    number, typed = pressed.session, pressed.to
    if _upcoming(context, klass, number) is None:
        await _stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return
    problem = _move_problem(context, klass, number, typed)
    if problem is not None:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await _show(update, problem)
        return
    moved = dict(klass.get("moved") or {})
    moved[str(number)] = f"{typed:%Y-%m-%dT%H:%M}"
    changes = {"moved": moved, "revisions": revised(klass, number)}
    klass = await store_of(context).update_class(klass["id"], changes)
    await course_jobs.reschedule_class(context.application, klass["id"])
    assert update.callback_query is not None
    await update.callback_query.answer()
    local = resolve_local(typed.date(), typed.time(), klass["tz"]).astimezone(zone(klass["tz"]))
    clock = course_jobs.local_clock(local)
    venue = klass.get("venue")
    name = klass.get("name", "")

    def notice(reader: Texts) -> Html:
        """The notice in a reader's language."""
        return reader(
            "sessions.notice_moved",
            class_name=name,
            number=number,
            day=course_jobs.local_day(local, reader),
            time=clock,
            venue=reader("sessions.notice_venue", venue=venue) if venue else "",
        )

    told = await course_jobs.notify_schedule_change(
        context.application, klass["id"], f"{number}@{typed:%Y%m%d%H%M}", notice
    )
    day = course_jobs.local_day(local, texts)
    done = texts("sessions.moved", number=number, day=day, time=clock)
    await _show(update, Html(f"{done}\n\n{texts('sessions.told', count=told)}"))
    await _send_list(update, context, klass)


async def move_confirmed_in_step(update: Update, context: Context) -> int:
    """MoveConfirmed while a tapped day still waits for another time: the move is confirmed, so the
    conversation ends (a later typed text is not taken for a time)."""
    await move_confirmed(update, context)
    # Only now: a move that could not be saved (a full disk) leaves the day tapped, so
    # another time typed for it is still taken.
    if context.user_data is not None:
        context.user_data.pop(MOVING, None)
    return ConversationHandler.END


async def _send_list(update: Update, context: Context, klass: dict[str, Any]) -> None:
    """Send the sessions screen as a new message (after a change was confirmed)."""
    if update.effective_chat is not None:
        members = await store_of(context).members(klass["id"])
        text, markup = _list_view(context, klass, members)
        await update.effective_chat.send_message(text, reply_markup=markup)


async def move_not_text(update: Update, context: Context) -> int:
    """A photo or sticker where the date and time were expected."""
    target = context.user_data.get(MOVING)  # type: ignore[union-attr]
    klass = await store_of(context).get_class(target[0]) if target else None
    if update.effective_message is not None and klass is not None:
        await update.effective_message.reply_text(
            texts_of(context)("sessions.move_not_text", example=_example(context, klass))
        )
    return TYPING_WHEN


# -- cancelling a session ----------------------------------------------------------------------


@requires("instructor")
async def cancel_ask(update: Update, context: Context) -> None:
    """CancelSession: ask to confirm cancelling a session."""
    found = await _class_from(update, context, CancelSession)
    if found is None:
        return
    klass, pressed = found
    texts = texts_of(context)
    number = pressed.session
    session = _upcoming(context, klass, number)
    if session is None:
        await _stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
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
    assert update.callback_query is not None
    await update.callback_query.answer()
    local = session.local_start
    await _show(
        update,
        texts(
            "sessions.cancel_confirm",
            number=number,
            day=course_jobs.local_day(local, texts),
            time=course_jobs.local_clock(local),
        ),
        markup,
    )


@requires("instructor")
async def cancel_confirmed(update: Update, context: Context) -> None:
    """CancelConfirmed: cancel the session (if it is still ahead)."""
    found = await _class_from(update, context, CancelConfirmed)
    if found is None:
        return
    klass, pressed = found
    texts = texts_of(context)
    number = pressed.session
    if _upcoming(context, klass, number) is None:
        await _stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return
    session = _upcoming(context, klass, number)
    assert session is not None  # checked just above
    cancelled = sorted({*(int(n) for n in klass.get("cancelled") or ()), number})
    changes = {"cancelled": cancelled, "revisions": revised(klass, number)}
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
            day=course_jobs.local_day(start, reader),
            time=course_jobs.local_clock(start),
        )

    told = await course_jobs.notify_schedule_change(
        context.application, klass["id"], f"{number}x", notice
    )
    done = texts("sessions.cancelled", number=number)
    await _show(update, Html(f"{done}\n\n{texts('sessions.told', count=told)}"))
    await _send_list(update, context, klass)


# -- ending the class early: the one implementation is handlers/class_end.py --------------------


@requires("instructor")
async def end_ask(update: Update, context: Context) -> None:
    """EndFromSessions: the sessions screen's "End the class early" asks /classes' confirm."""
    found = await _class_from(update, context, EndFromSessions)
    if found is not None:
        await class_end.ask_end(update, context, found[0], "ses")


@requires("instructor")
async def end_confirmed(update: Update, context: Context) -> None:
    """EndFromSessionsConfirmed: its Yes, which ends the class as /classes does."""
    found = await _class_from(update, context, EndFromSessionsConfirmed)
    if found is not None:
        klass, pressed = found
        await class_end.end_class(update, context, klass, pressed.kept, "ses")


# -- reminder times ------------------------------------------------------------------------------

#: Choices for the evening-before reminder (local "HH:MM") and the same-day one (minutes before).
DAY_BEFORE_CHOICES = ("17:00", "18:00", "19:00", "20:00")
SAME_DAY_CHOICES = (60, 120, 180)


def _times_view(context: Context, klass: dict[str, Any]) -> tuple[Html, InlineKeyboardMarkup]:
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
        tz=class_zone(texts, klass, _now(context)),
        day_before=day_before_text,
        same_day=same_day_text,
    )
    return text, markup


@requires("instructor")
async def times_screen(update: Update, context: Context) -> None:
    """ReminderTimes: the class's reminder times."""
    found = await _class_from(update, context, ReminderTimes)
    if found is None:
        return
    klass, _ = found
    assert update.callback_query is not None
    await update.callback_query.answer()
    await _show(update, *_times_view(context, klass))


@requires("instructor")
async def times_chosen(update: Update, context: Context) -> None:
    """DayBeforeTime / SameDayLead: store a reminder time in the class's ``times``, follow it."""
    query = update.callback_query
    found = await _class_from(update, context, DayBeforeTime, SameDayLead)
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
        await query.answer(texts.raw("core.stale_button"), show_alert=True)
        return
    klass = await store_of(context).update_class(klass["id"], {"times": times})
    await course_jobs.reschedule_class(context.application, klass["id"])
    await query.answer(texts.raw("sessions.times_saved"))
    await _show(update, *_times_view(context, klass))


COMMANDS: list[Command] = []


def handlers(app: Application) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    move = StoredConversation(
        app,
        entry_points=[
            CallbackQueryHandler(move_start, pattern=routes(MoveSession)),
            # A day button starts the move again too (its data names the session), so one
            # from a prompt whose conversation has ended still works.
            CallbackQueryHandler(move_day, pattern=routes(MoveToDay)),
        ],
        states={
            TYPING_WHEN: [
                MessageHandler(filters.TEXT & ~filters.COMMAND & private, move_typed),
                MessageHandler(~filters.TEXT & ~filters.COMMAND & private, move_not_text),
                CallbackQueryHandler(move_confirmed_in_step, pattern=routes(MoveConfirmed)),
            ]
        },
        fallbacks=[CommandHandler("cancel", cancel_with(MOVING))],
        allow_reentry=True,
        name="session_move",
        drafts=[MOVING],
    )
    return [
        move,
        CallbackQueryHandler(list_sessions, pattern=routes(SessionsList)),
        CallbackQueryHandler(move_confirmed, pattern=routes(MoveConfirmed)),
        CallbackQueryHandler(cancel_ask, pattern=routes(CancelSession)),
        CallbackQueryHandler(cancel_confirmed, pattern=routes(CancelConfirmed)),
        CallbackQueryHandler(end_ask, pattern=routes(EndFromSessions)),
        CallbackQueryHandler(end_confirmed, pattern=routes(EndFromSessionsConfirmed)),
        CallbackQueryHandler(times_screen, pattern=routes(ReminderTimes)),
        CallbackQueryHandler(times_chosen, pattern=routes(DayBeforeTime, SameDayLead)),
    ]
