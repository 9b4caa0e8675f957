"""The course for parents: /next, /lesson, /course and /settings; /weeknote for instructors;
and, at start, the course's scheduled messages rebuilt from storage (jobs/course.py).

A parent in several classes is asked which one (handlers/classpick.py); a person in no class
gets a kind pointer to their join link. In a group, /next answers for the group's linked class.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from content.lessons import MAX_MESSAGE_CHARS, render_lesson, render_outline, telegram_length
from content.texts import Html, Texts
from domain.calendar import course_ics
from domain.schedule import next_session, session_list
from handlers.auth import own_class, refuse_class, requires
from handlers.classpick import choose_class, chosen_class_id, member_classes
from handlers.commands import Command
from handlers.common import Context, content_of, show_in_place, store_of, texts_of
from handlers.conversation import StoredConversation, cancel_with
from jobs import course as course_jobs
from jobs.delivery import sent_key

log = logging.getLogger(__name__)

PREFIX = "crs"
NEXT_PICK = f"{PREFIX}:next"
LESSON_PICK = f"{PREFIX}:ls"  # crs:ls:<week or 0>:<class id>
WEEKNOTE_CLASS = f"{PREFIX}:wnc"
WEEKNOTE_WEEK = f"{PREFIX}:wnw"  # crs:wnw:<class id>:<week>
QUIET = f"{PREFIX}:qh"
REMINDERS = f"{PREFIX}:pr"
CALENDAR = f"{PREFIX}:ics"  # crs:ics:<class id>: the course as an .ics file

#: Quiet-hour choices in /settings: button value -> (start, end); equal times mean none.
QUIET_CHOICES: dict[str, tuple[str, str]] = {
    "2108": ("21:00", "08:00"),
    "2207": ("22:00", "07:00"),
    "2009": ("20:00", "09:00"),
    "off": ("00:00", "00:00"),
}
_QUIET_LABELS = {
    "2108": "quiet_21_08",
    "2207": "quiet_22_07",
    "2009": "quiet_20_09",
    "off": "quiet_off",
}

#: Longest instructor note kept: leaves the lesson room in one Telegram message.
NOTE_LIMIT = 1000
#: The one state of the /weeknote conversation: waiting for the note's text.
TYPING_NOTE = 1
#: /weeknote's drafts in user_data: the (class id, week) being written, and the week and note
#: given on the command line while the class is chosen.
WEEKNOTE_TARGET = "weeknote"
WEEKNOTE_PENDING = "weeknote_pending"

_WEEK_ARG = re.compile(r"^\d{1,2}$")


# -- helpers -----------------------------------------------------------------------------------


def _now(context: Context) -> datetime:
    """The current instant (the test clock when one is set)."""
    return course_jobs.now_of(context.application)


def _unit(context: Context) -> Any:
    """The compressed-schedule unit, or None in real time."""
    return course_jobs.unit_of(context.application)


async def _classes_of(context: Context, user_id: int) -> list[dict[str, Any]]:
    """The classes a person follows: those they belong to (ended ones too: their lessons stay
    readable until the class's data is deleted), and those they teach that are still running."""
    classes = await member_classes(context, user_id, include_ended=True)
    known = {k["id"] for k in classes}
    for klass in await store_of(context).classes_of_instructor(user_id):
        if klass["id"] not in known and not klass.get("ended"):
            classes.append(klass)
    return classes


async def _may_see(context: Context, user_id: int, class_id: str | None) -> dict[str, Any] | None:
    """The class named by a button, if this person belongs to it or teaches it."""
    if class_id is None:
        return None
    for klass in await _classes_of(context, user_id):
        if klass["id"] == class_id:
            return klass
    return None


def _schedule(context: Context, klass: dict[str, Any]) -> Any:
    """The class's schedule as the jobs see it (compressed in end-to-end tests)."""
    return course_jobs.schedule_for(klass, _unit(context))


def _next_text(context: Context, klass: dict[str, Any]) -> Html:
    """What /next says about one class."""
    texts = texts_of(context)
    schedule = _schedule(context, klass)
    session = next_session(schedule, _now(context))
    if session is None:
        return texts("course.next_none", class_name=klass.get("name", ""))
    when = course_jobs.when_words(texts, session, _now(context))
    if session.number in schedule.moved:
        when += texts.raw("course.next_moved")
    return texts(
        "course.next_session",
        class_name=klass.get("name", ""),
        number=session.number,
        total=schedule.sessions,
        when=when,
        venue=course_jobs.venue_line(texts, klass),
    )


def _has_next(context: Context, klass: dict[str, Any]) -> bool:
    """Whether a class still has a session ahead."""
    try:
        return next_session(_schedule(context, klass), _now(context)) is not None
    except (KeyError, TypeError, ValueError):
        return False


def _latest_held(context: Context, klass: dict[str, Any]) -> int | None:
    """The week of the latest session that has started, or None before the first."""
    now = _now(context)
    held = [s for s in session_list(_schedule(context, klass)) if s.start <= now]
    return held[-1].number if held else None


async def _lesson_text(context: Context, klass: dict[str, Any], week: int | None) -> Html:
    """What /lesson says: a week's summary with the class's note, or why there is none."""
    texts = texts_of(context)
    lessons = content_of(context).lessons
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
    return Html(render_lesson(lesson, notes.get(week)))


def _user_id(update: Update) -> int | None:
    """The id of the person behind an update."""
    return update.effective_user.id if update.effective_user else None


# -- /next ------------------------------------------------------------------------------------


async def next_command(update: Update, context: Context) -> None:
    """/next: when the next session is (date, local time, venue), or that there is none."""
    message, chat, user_id = update.effective_message, update.effective_chat, _user_id(update)
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
            markup = calendar_markup(texts, classes[0])
            await message.reply_text(_next_text(context, classes[0]), reply_markup=markup)
        else:
            await message.reply_text(texts("course.next_none_any"))
        return
    klass = await choose_class(update, context, ahead, callback=NEXT_PICK)
    if klass is not None:
        markup = calendar_markup(texts, klass)
        await message.reply_text(_next_text(context, klass), reply_markup=markup)


async def next_picked(update: Update, context: Context) -> None:
    """A class chosen for /next."""
    query, user_id = update.callback_query, _user_id(update)
    if query is None or user_id is None:
        return
    klass = await _may_see(context, user_id, chosen_class_id(query.data, NEXT_PICK))
    if klass is None:
        await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)
        return
    await query.answer()
    markup = calendar_markup(texts_of(context), klass)
    await show_in_place(query, _next_text(context, klass), markup)


# -- the course as a calendar file -----------------------------------------------------------


def calendar_markup(texts: Texts, klass: dict[str, Any]) -> InlineKeyboardMarkup:
    """[📅 Add all sessions to your calendar]: the button that sends the .ics file."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("course.calendar_button"), callback_data=f"{CALENDAR}:{klass['id']}"
                )
            ]
        ]
    )


async def calendar_pressed(update: Update, context: Context) -> None:
    """The calendar button: the whole course as an .ics file (a new one after any change
    updates the same entries), for someone in the class or teaching it."""
    query, user_id = update.callback_query, _user_id(update)
    if query is None or user_id is None:
        return
    texts = texts_of(context)
    klass = await _may_see(context, user_id, (query.data or "")[len(CALENDAR) + 1 :] or None)
    if klass is None:
        await query.answer(texts.raw("core.stale_button"), show_alert=True)
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
    message, user_id = update.effective_message, _user_id(update)
    if message is None or user_id is None:
        return
    texts = texts_of(context)
    week: int | None = None
    args = context.args or []
    if args:
        if not _WEEK_ARG.match(args[0]) or int(args[0]) < 1:
            last = max(content_of(context).lessons)
            await message.reply_text(
                texts("course.lesson_unknown_week", last=last, example=min(2, last))
            )
            return
        week = int(args[0])
    classes = await _classes_of(context, user_id)
    if not classes:
        await message.reply_text(texts("course.no_class"))
        return
    klass = await choose_class(update, context, classes, callback=f"{LESSON_PICK}:{week or 0}")
    if klass is not None:
        await message.reply_text(await _lesson_text(context, klass, week))


async def lesson_picked(update: Update, context: Context) -> None:
    """A class chosen for /lesson (the week rides along in the button)."""
    query, user_id = update.callback_query, _user_id(update)
    if query is None or user_id is None or query.data is None:
        return
    match = re.fullmatch(rf"{LESSON_PICK}:(\d{{1,2}}):(.+)", query.data)
    klass = None
    if match is not None:
        klass = await _may_see(context, user_id, match.group(2))
    if match is None or klass is None:
        await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)
        return
    await query.answer()
    week = int(match.group(1)) or None
    await show_in_place(query, await _lesson_text(context, klass, week))


async def course_command(update: Update, context: Context) -> None:
    """/course: the whole course outline, week by week."""
    message, user_id = update.effective_message, _user_id(update)
    if message is None or user_id is None:
        return
    texts = texts_of(context)
    content = content_of(context)
    outline = render_outline(content.outline, content.lessons)
    in_class = bool(await _classes_of(context, user_id))
    footer = texts("course.course_footer") if in_class else texts("course.no_class")
    combined = f"{outline}\n\n{footer}"
    if telegram_length(combined) <= MAX_MESSAGE_CHARS:
        await message.reply_text(Html(combined))
    else:
        await message.reply_text(Html(outline))
        await message.reply_text(footer)


# -- /settings -----------------------------------------------------------------------------------


def _settings_view(texts: Texts, user: dict[str, Any]) -> tuple[Html, InlineKeyboardMarkup]:
    """The /settings message and its buttons for a person's record."""
    start, end = course_jobs.quiet_window(user)
    current = next(
        (k for k, (s, e) in QUIET_CHOICES.items() if (s, e) == (f"{start:%H:%M}", f"{end:%H:%M}")),
        None,
    )
    if start == end:
        quiet = texts.raw("course.settings_quiet_off")
    else:
        quiet = texts.raw("course.settings_quiet_hours").format(
            start=f"{start:%H:%M}", end=f"{end:%H:%M}"
        )
    on = course_jobs.wants_private_reminders(user)
    text = texts(
        "course.settings",
        quiet=quiet,
        reminders=texts.raw("course.settings_on" if on else "course.settings_off"),
    )
    quiet_row = [
        InlineKeyboardButton(
            ("✓ " if key == current else "") + texts.raw(f"course.{label}"),
            callback_data=f"{QUIET}:{key}",
        )
        for key, label in _QUIET_LABELS.items()
    ]
    toggle = InlineKeyboardButton(
        texts.raw("course.reminders_turn_off" if on else "course.reminders_turn_on"),
        callback_data=f"{REMINDERS}:{'off' if on else 'on'}",
    )
    return text, InlineKeyboardMarkup([quiet_row, [toggle]])


async def settings_command(update: Update, context: Context) -> None:
    """/settings: quiet hours and private reminders, with buttons."""
    message, user_id = update.effective_message, _user_id(update)
    if message is None or user_id is None:
        return
    texts = texts_of(context)
    user = await store_of(context).get_user(user_id)
    if user is None or not await member_classes(context, user_id, include_ended=True):
        await message.reply_text(texts("course.settings_no_class"))
        return
    text, markup = _settings_view(texts, user)
    await message.reply_text(text, reply_markup=markup)


async def settings_pressed(update: Update, context: Context) -> None:
    """A /settings button: store the choice and show the settings as they now are."""
    query, user_id = update.callback_query, _user_id(update)
    if query is None or user_id is None or query.data is None:
        return
    texts = texts_of(context)
    store = store_of(context)
    kind, _, value = query.data.removeprefix(f"{PREFIX}:").partition(":")
    if kind == "qh" and value in QUIET_CHOICES:
        start, end = QUIET_CHOICES[value]
        changes: dict[str, Any] = {"quiet_start": start, "quiet_end": end}
    elif kind == "pr" and value in ("on", "off"):
        changes = {"private_reminders": value == "on"}
    else:
        await query.answer(texts.raw("core.stale_button"), show_alert=True)
        return
    if await store.get_user(user_id) is None:
        # Never create a record for someone who has none (no consent given yet, or forgotten).
        await query.answer(texts.raw("course.settings_no_class"), show_alert=True)
        return
    user = await store.update_user(user_id, changes)
    await query.answer(texts.raw("course.settings_saved"))
    text, markup = _settings_view(texts, user)
    await show_in_place(query, text, markup)


# -- /weeknote (instructors) --------------------------------------------------------------------


def _week_buttons(klass: dict[str, Any], notes: dict[int, str], last: int) -> InlineKeyboardMarkup:
    """One button per week of a class; ✏️ marks weeks that already have a note."""
    buttons = [
        InlineKeyboardButton(
            f"{'✏️ ' if week in notes else ''}{week}",
            callback_data=f"{WEEKNOTE_WEEK}:{klass['id']}:{week}",
        )
        for week in range(1, last + 1)
    ]
    return InlineKeyboardMarkup([buttons[i : i + 6] for i in range(0, len(buttons), 6)])


def _weeks_of(context: Context, klass: dict[str, Any]) -> int:
    """How many weeks a class has notes for: its sessions, or the lessons if there are more."""
    return max(int(klass.get("sessions") or 5), 1)


async def _save_note(
    update: Update, context: Context, klass: dict[str, Any], week: int, text: str
) -> None:
    """Store (or, with "-", remove) a week's note and say what happens with it."""
    message = update.effective_message
    if message is None:
        return
    texts = texts_of(context)
    store = store_of(context)
    if text.strip() == "-":
        await store.set_week_note(klass["id"], week, None)
        await message.reply_text(texts("course.weeknote_removed", week=week))
        return
    await store.set_week_note(klass["id"], week, text.strip())
    schedule = course_jobs.schedule_for(klass, _unit(context))
    summary_sent = await store.was_sent(
        klass["id"],
        sent_key("summary", course_jobs.session_ref(schedule, week), course_jobs.DONE),
    )
    key = "course.weeknote_saved_late" if summary_sent else "course.weeknote_saved"
    await message.reply_text(texts(key, week=week))


async def _ask_note(update: Update, context: Context, klass: dict[str, Any], week: int) -> int:
    """Ask for the note of one week, showing the current one; the conversation waits."""
    texts = texts_of(context)
    current = (await store_of(context).week_notes(klass["id"])).get(week)
    context.user_data[WEEKNOTE_TARGET] = (klass["id"], week)  # type: ignore[index]
    shown = Html("\n" + texts("course.weeknote_current", note=current)) if current else Html("")
    text = texts("course.weeknote_ask", week=week, class_name=klass.get("name", ""), current=shown)
    chat = update.effective_chat
    if chat is not None:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await chat.send_message(text)
    return TYPING_NOTE


async def _show_weeks(update: Update, context: Context, klass: dict[str, Any]) -> None:
    """Offer the weeks of a class as buttons."""
    texts = texts_of(context)
    notes = await store_of(context).week_notes(klass["id"])
    text = texts("course.weeknote_pick_week", class_name=klass.get("name", ""))
    markup = _week_buttons(klass, notes, _weeks_of(context, klass))
    if update.callback_query is not None:
        await update.callback_query.answer()
        await show_in_place(update.callback_query, text, markup)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


@requires("instructor")
async def weeknote_command(update: Update, context: Context) -> int:
    """/weeknote [week] [text]: add a note to a week's summary, directly or with buttons."""
    message, user_id = update.effective_message, _user_id(update)
    if message is None or user_id is None:
        return ConversationHandler.END
    texts = texts_of(context)
    classes = [
        k for k in await store_of(context).classes_of_instructor(user_id) if not k.get("ended")
    ]
    if not classes:
        await message.reply_text(texts("course.weeknote_no_class"))
        return ConversationHandler.END
    args = context.args or []
    week: int | None = None
    if args:
        if not _WEEK_ARG.match(args[0]):
            await message.reply_text(texts("course.weeknote_usage"))
            return ConversationHandler.END
        week = int(args[0])
    raw = message.text or ""
    # The note keeps the instructor's own spacing and line breaks: take it from the raw text.
    note = raw.split(None, 2)[2] if len(args) >= 2 and len(raw.split(None, 2)) == 3 else ""
    context.user_data[WEEKNOTE_PENDING] = (week, note)  # type: ignore[index]
    klass = await choose_class(
        update,
        context,
        classes,
        callback=WEEKNOTE_CLASS,
        prompt=texts("course.weeknote_pick_class"),
    )
    if klass is None:
        return ConversationHandler.END
    return await _continue_note(update, context, klass)


async def _continue_note(update: Update, context: Context, klass: dict[str, Any]) -> int:
    """With the class known: save a note given on the command line, ask for it, or pick a week."""
    texts = texts_of(context)
    week, note = context.user_data.pop(WEEKNOTE_PENDING, (None, ""))  # type: ignore[union-attr]
    last = _weeks_of(context, klass)
    if week is None:
        await _show_weeks(update, context, klass)
        return ConversationHandler.END
    if not 1 <= week <= last:
        reply = texts(
            "course.weeknote_bad_week",
            class_name=klass.get("name", ""),
            last=last,
            example=min(2, last),
        )
        if update.callback_query is not None:
            await update.callback_query.answer()
        if update.effective_chat is not None:
            await update.effective_chat.send_message(reply)
        return ConversationHandler.END
    if note:
        if len(note) > NOTE_LIMIT:
            if update.effective_chat is not None:
                await update.effective_chat.send_message(
                    texts("course.weeknote_too_long", length=len(note), limit=NOTE_LIMIT)
                )
            return ConversationHandler.END
        if update.callback_query is not None:
            await update.callback_query.answer()
        await _save_note(update, context, klass, week, note)
        return ConversationHandler.END
    return await _ask_note(update, context, klass, week)


@requires("instructor")
async def weeknote_class_picked(update: Update, context: Context) -> int:
    """A class chosen for /weeknote."""
    query, user_id = update.callback_query, _user_id(update)
    if query is None or user_id is None:
        return ConversationHandler.END
    klass = await own_class(context, user_id, chosen_class_id(query.data, WEEKNOTE_CLASS) or "")
    if klass is None:
        return await refuse_class(update, context)
    return await _continue_note(update, context, klass)


@requires("instructor")
async def weeknote_week_picked(update: Update, context: Context) -> int:
    """A week chosen for /weeknote: ask for the note."""
    query, user_id = update.callback_query, _user_id(update)
    if query is None or user_id is None or query.data is None:
        return ConversationHandler.END
    match = re.fullmatch(rf"{WEEKNOTE_WEEK}:(.+):(\d{{1,2}})", query.data)
    klass = await own_class(context, user_id, match.group(1)) if match else None
    if match is None or klass is None:
        return await refuse_class(update, context)
    week = int(match.group(2))
    if not 1 <= week <= _weeks_of(context, klass):
        await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)
        return ConversationHandler.END
    return await _ask_note(update, context, klass, week)


@requires("instructor")
async def weeknote_typed(update: Update, context: Context) -> int:
    """The note's text, typed after choosing a week."""
    message, user_id = update.effective_message, _user_id(update)
    # Kept until the note is saved: a save that fails (a full disk) can be tried again.
    target = context.user_data.get(WEEKNOTE_TARGET)  # type: ignore[union-attr]
    if message is None or user_id is None or target is None:
        return ConversationHandler.END
    klass = await own_class(context, user_id, target[0])
    if klass is None:
        context.user_data.pop(WEEKNOTE_TARGET, None)  # type: ignore[union-attr]
        return await refuse_class(update, context)
    text = message.text or ""
    if len(text) > NOTE_LIMIT:
        await message.reply_text(
            texts_of(context)("course.weeknote_too_long", length=len(text), limit=NOTE_LIMIT)
        )
        return TYPING_NOTE
    await _save_note(update, context, klass, target[1], text)
    context.user_data.pop(WEEKNOTE_TARGET, None)  # type: ignore[union-attr]
    return ConversationHandler.END


async def weeknote_not_text(update: Update, context: Context) -> int:
    """A photo or sticker where the note's text was expected."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts_of(context)("course.weeknote_not_text"))
    return TYPING_NOTE


# -- shared ------------------------------------------------------------------------------------


async def on_startup(app: Application) -> None:
    """Rebuild every class's scheduled messages from storage."""
    await course_jobs.rebuild(app)


COMMANDS = [
    Command("next", "parent", in_group=True),
    Command("lesson", "parent"),
    Command("course", "parent"),
    Command("settings", "parent"),
    Command("weeknote", "instructor"),
]


def handlers(app: Application) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    weeknote = StoredConversation(
        app,
        entry_points=[
            CommandHandler("weeknote", weeknote_command, filters=private),
            CallbackQueryHandler(weeknote_class_picked, pattern=rf"^{WEEKNOTE_CLASS}:"),
            CallbackQueryHandler(weeknote_week_picked, pattern=rf"^{WEEKNOTE_WEEK}:"),
        ],
        states={
            TYPING_NOTE: [
                MessageHandler(filters.TEXT & ~filters.COMMAND & private, weeknote_typed),
                MessageHandler(~filters.TEXT & ~filters.COMMAND & private, weeknote_not_text),
            ]
        },
        fallbacks=[CommandHandler("cancel", cancel_with(WEEKNOTE_TARGET))],
        allow_reentry=True,
        name="weeknote",
        drafts=[WEEKNOTE_TARGET, WEEKNOTE_PENDING],
    )
    return [
        weeknote,
        CommandHandler("next", next_command),
        CommandHandler("lesson", lesson_command, filters=private),
        CommandHandler("course", course_command, filters=private),
        CommandHandler("settings", settings_command, filters=private),
        CallbackQueryHandler(next_picked, pattern=rf"^{NEXT_PICK}:"),
        CallbackQueryHandler(calendar_pressed, pattern=rf"^{CALENDAR}:"),
        CallbackQueryHandler(lesson_picked, pattern=rf"^{LESSON_PICK}:"),
        CallbackQueryHandler(settings_pressed, pattern=rf"^({QUIET}|{REMINDERS}):"),
    ]
