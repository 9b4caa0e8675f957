"""Moving one session of a class, from the sessions screen (handlers/sessions.py).

A move is a day tapped (the days around the session's date, as buttons: the session keeps its
time, and another time that day can be typed) or a date and time typed ("12 March 10:30", read
by `domain.when.read_when`), in the class's time zone. It is checked (not in the past, not on
another session, within a year) and confirmed with a button that carries the new time, so a
restart between choosing and confirming loses nothing. A time in a daylight-saving gap is moved
forward by the gap (`domain.schedule.resolve_local`), and the instructor is told.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from botdata import App
from content.dates import local_clock, local_day, typed_example
from content.texts import Html, Texts
from domain.buttons import MoveConfirmed, MoveSession, MoveToDay, encode, parse, routes
from domain.calendar import revised
from domain.schedule import Session, resolve_local, session_list, zone
from domain.when import WhenError, parse_time, read_when
from handlers.auth import own_class, refuse_class, requires
from handlers.commands import Command
from handlers.common import Context, class_zone, date_words_of, store_of, texts_of
from handlers.conversation import StoredConversation, cancel_with
from handlers.daypick import DAY_BUTTONS, day_buttons
from handlers.sessions import (
    class_from,
    current_time,
    schedule_of,
    send_list,
    stale,
    upcoming,
)
from handlers.ui import answer_stale, show
from jobs import course as course_jobs
from jobs.course_send import notify_schedule_change
from storage.records import ClassFields, ClassRecord

#: The one state of the move conversation: waiting for the new date and time.
TYPING_WHEN = 1
#: The user_data key of the session being moved: [class id, session number], and the ISO date
#: of the day tapped once one is.
MOVING = "ses_move"
#: How far ahead a session may be moved.
MAX_AHEAD = timedelta(days=366)


def when_example(context: Context, klass: ClassRecord) -> str:
    """An example of a date and time to type: a week after today, at the class's time, written
    as the person's pack writes it ("17 March 10:30", "17/3 10:30"), in a form read back."""
    local = current_time(context).astimezone(zone(klass["tz"])) + timedelta(days=7)
    return typed_example(local.date(), str(klass.get("start", "10:00"))[:5], texts_of(context))


def class_today(context: Context, klass: ClassRecord) -> date:
    """Today in the class's time zone."""
    return current_time(context).astimezone(zone(klass["tz"])).date()


def move_days(context: Context, klass: ClassRecord, session: Session) -> list[date]:
    """The days offered for a move: those around the session's own day (up to three before,
    then after), never today or earlier, and not the session's own day."""
    own = session.local_start.date()
    first = max(class_today(context, klass) + timedelta(days=1), own - timedelta(days=3))
    days = [first + timedelta(days=n) for n in range(DAY_BUTTONS + 1)]
    return [d for d in days if d != own][:DAY_BUTTONS]


# -- moving a session ------------------------------------------------------------------------


@requires("instructor")
async def move_start(update: Update, context: Context) -> int:
    """MoveSession: ask for the new date and time of a session."""
    found = await class_from(update, context, MoveSession)
    if found is None:
        return ConversationHandler.END
    klass, pressed = found
    texts = texts_of(context)
    number = pressed.session
    session = upcoming(context, klass, number)
    if session is None:
        await stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return ConversationHandler.END
    context.user_data[MOVING] = (klass["id"], number)  # type: ignore[index]
    local = session.local_start
    await show(
        update,
        texts(
            "sessions.move_ask",
            number=number,
            day=local_day(local, texts),
            time=local_clock(local),
            tz=class_zone(texts, klass, current_time(context)),
            example=when_example(context, klass),
        ),
        day_buttons(
            texts,
            move_days(context, klass, session),
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
        await answer_stale(query, context)
        moving = (context.user_data or {}).get(MOVING)
        return TYPING_WHEN if moving else ConversationHandler.END
    found = await class_from(update, context, MoveToDay)
    if found is None:
        return ConversationHandler.END
    klass, pressed = found
    texts = texts_of(context)
    number, day = pressed.session, pressed.day
    session = upcoming(context, klass, number)
    if session is None:
        context.user_data.pop(MOVING, None)  # type: ignore[union-attr]
        await stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return ConversationHandler.END
    assert query is not None
    if day <= class_today(context, klass):  # tapped days later
        await answer_stale(query, context)
        # Still moving this session (typing works), or nothing if no move was under way.
        target = context.user_data.get(MOVING) or ()  # type: ignore[union-attr]
        same = list(target[:2]) == [klass["id"], number]
        return TYPING_WHEN if same else ConversationHandler.END
    # The button names the session, so it wins over an earlier Move still waiting.
    context.user_data[MOVING] = [klass["id"], number, day.isoformat()]  # type: ignore[index]
    typed = datetime.combine(day, session.local_start.time().replace(tzinfo=None))
    text, markup = _confirm_view(context, klass, number, session, typed)
    if markup is not None:
        text = Html(f"{text}\n{texts('sessions.move_other_time')}")
    await show(update, text, markup)
    return TYPING_WHEN


def _chosen_day(target: Sequence[Any]) -> date | None:
    """The day tapped for the move under way, if one was."""
    try:
        return date.fromisoformat(str(target[2])) if len(target) > 2 else None
    except ValueError:
        return None


def _confirm_view(
    context: Context, klass: ClassRecord, number: int, session: Session, typed: datetime
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
            "\n" + texts("sessions.move_gap", typed=f"{typed:%H:%M}", time=local_clock(local))
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
        old_day=local_day(old, texts),
        old_time=local_clock(old),
        day=local_day(local, texts),
        time=local_clock(local),
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
    session = upcoming(context, klass, number)
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
            typed = read_when(text, class_today(context, klass), words=date_words_of(context))
        except WhenError as exc:
            key = (
                "sessions.move_no_time" if str(exc) == "no_time" else "sessions.move_not_understood"
            )
            await message.reply_text(texts(key, example=when_example(context, klass)))
            return TYPING_WHEN
    reply, markup = _confirm_view(context, klass, number, session, typed)
    if markup is None:  # it cannot move there: asked again
        await message.reply_text(reply)
        return TYPING_WHEN
    context.user_data.pop(MOVING, None)  # type: ignore[union-attr]
    await message.reply_text(reply, reply_markup=markup)
    return ConversationHandler.END


def _move_problem(
    context: Context, klass: ClassRecord, number: int, typed: datetime
) -> Html | None:
    """Why session `number` cannot move to local `typed`, or None if it can."""
    texts = texts_of(context)
    start = resolve_local(typed.date(), typed.time(), klass["tz"])
    now = current_time(context)
    if start <= now:
        return texts("sessions.move_past")
    if start - now > MAX_AHEAD:
        return texts("sessions.move_too_far")
    schedule = schedule_of(context, klass)
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
                day=local_day(local, texts),
                time=local_clock(local),
            )
    return None


@requires("instructor")
async def move_confirmed(update: Update, context: Context) -> None:
    """MoveConfirmed: move the session (checked again: the button may be old or tampered with)."""
    found = await class_from(update, context, MoveConfirmed)
    if found is None:
        return
    klass, pressed = found
    texts = texts_of(context)
    number, typed = pressed.session, pressed.to
    if upcoming(context, klass, number) is None:
        await stale(update, context, texts.raw("sessions.not_ahead").format(number=number), klass)
        return
    problem = _move_problem(context, klass, number, typed)
    if problem is not None:
        await show(update, problem)
        return
    moved = dict(klass.get("moved") or {})
    moved[str(number)] = f"{typed:%Y-%m-%dT%H:%M}"
    changes: ClassFields = {"moved": moved, "revisions": revised(klass, number)}
    klass = await store_of(context).update_class(klass["id"], changes)
    await course_jobs.reschedule_class(context.application, klass["id"])
    assert update.callback_query is not None
    await update.callback_query.answer()
    local = resolve_local(typed.date(), typed.time(), klass["tz"]).astimezone(zone(klass["tz"]))
    clock = local_clock(local)
    venue = klass.get("venue")
    name = klass.get("name", "")

    def notice(reader: Texts) -> Html:
        """The notice in a reader's language."""
        return reader(
            "sessions.notice_moved",
            class_name=name,
            number=number,
            day=local_day(local, reader),
            time=clock,
            venue=reader("sessions.notice_venue", venue=venue) if venue else "",
        )

    told = await notify_schedule_change(
        context.application, klass["id"], f"{number}@{typed:%Y%m%d%H%M}", notice
    )
    day = local_day(local, texts)
    done = texts("sessions.moved", number=number, day=day, time=clock)
    await show(update, Html(f"{done}\n\n{texts('sessions.told', count=told)}"), answer=False)
    await send_list(update, context, klass)


async def move_confirmed_in_step(update: Update, context: Context) -> int:
    """MoveConfirmed while a tapped day still waits for another time: the move is confirmed, so the
    conversation ends (a later typed text is not taken for a time)."""
    await move_confirmed(update, context)
    # Only now: a move that could not be saved (a full disk) leaves the day tapped, so
    # another time typed for it is still taken.
    if context.user_data is not None:
        context.user_data.pop(MOVING, None)
    return ConversationHandler.END


async def move_not_text(update: Update, context: Context) -> int:
    """A photo or sticker where the date and time were expected."""
    target = context.user_data.get(MOVING)  # type: ignore[union-attr]
    klass = await store_of(context).get_class(target[0]) if target else None
    if update.effective_message is not None and klass is not None:
        await update.effective_message.reply_text(
            texts_of(context)("sessions.move_not_text", example=when_example(context, klass))
        )
    return TYPING_WHEN


COMMANDS: list[Command] = []


def handlers(app: App) -> list[BaseHandler]:
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
    return [move, CallbackQueryHandler(move_confirmed, pattern=routes(MoveConfirmed))]
