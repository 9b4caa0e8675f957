"""/weeknote: an instructor's note for one week of a class, sent with that week's summary
(jobs/course.py) and shown by /lesson.

`/weeknote 3 Bring a towel` saves it at once; `/weeknote` alone asks for the class (if several)
and the week with buttons, then waits for the note's text: a stored conversation
(handlers/conversation.py), so a restart does not lose the step. "-" removes a week's note.
"""

from __future__ import annotations

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
from content.texts import Html
from domain.buttons import WeeknoteClass, WeeknoteWeek, encode, parse, routes
from handlers.auth import own_class, refuse_class, requires
from handlers.classpick import choose_class, chosen_class_id
from handlers.commands import Command
from handlers.common import WEEK_ARG, Context, store_of, texts_of, user_id_of
from handlers.conversation import StoredConversation, cancel_with
from handlers.ui import answer_stale, reply, show
from jobs.delivery import sent_key
from jobs.timing import DONE, schedule_for, session_ref, unit_of
from storage.records import ClassRecord

COMMANDS = [
    Command("weeknote", "instructor"),
]

#: Longest instructor note kept: leaves the lesson room in one Telegram message.
NOTE_LIMIT = 1000
#: The one state of the /weeknote conversation: waiting for the note's text.
TYPING_NOTE = 1
#: /weeknote's drafts in user_data: the (class id, week) being written, and the week and note
#: given on the command line while the class is chosen.
WEEKNOTE_TARGET = "weeknote"
WEEKNOTE_PENDING = "weeknote_pending"


def _week_buttons(klass: ClassRecord, notes: dict[int, str], last: int) -> InlineKeyboardMarkup:
    """One button per week of a class; ✏️ marks weeks that already have a note."""
    buttons = [
        InlineKeyboardButton(
            f"{'✏️ ' if week in notes else ''}{week}",
            callback_data=encode(WeeknoteWeek(klass["id"], week)),
        )
        for week in range(1, last + 1)
    ]
    return InlineKeyboardMarkup([buttons[i : i + 6] for i in range(0, len(buttons), 6)])


def _weeks_of(context: Context, klass: ClassRecord) -> int:
    """How many weeks a class has notes for: its sessions, or the lessons if there are more."""
    return max(int(klass.get("sessions") or 5), 1)


async def _save_note(
    update: Update, context: Context, klass: ClassRecord, week: int, text: str
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
    schedule = schedule_for(klass, unit_of(context.application))
    summary_sent = await store.was_sent(
        klass["id"],
        sent_key("summary", session_ref(schedule, week), DONE),
    )
    key = "course.weeknote_saved_late" if summary_sent else "course.weeknote_saved"
    await message.reply_text(texts(key, week=week))


async def _ask_note(update: Update, context: Context, klass: ClassRecord, week: int) -> int:
    """Ask for the note of one week, showing the current one; the conversation waits."""
    texts = texts_of(context)
    current = (await store_of(context).week_notes(klass["id"])).get(week)
    context.user_data[WEEKNOTE_TARGET] = (klass["id"], week)  # type: ignore[index]
    shown = Html("\n" + texts("course.weeknote_current", note=current)) if current else Html("")
    text = texts("course.weeknote_ask", week=week, class_name=klass.get("name", ""), current=shown)
    await reply(update, text)
    return TYPING_NOTE


async def _show_weeks(update: Update, context: Context, klass: ClassRecord) -> None:
    """Offer the weeks of a class as buttons."""
    texts = texts_of(context)
    notes = await store_of(context).week_notes(klass["id"])
    text = texts("course.weeknote_pick_week", class_name=klass.get("name", ""))
    markup = _week_buttons(klass, notes, _weeks_of(context, klass))
    # A press shows them in place; /weeknote (private chat only) in a new message.
    await show(update, text, markup)


@requires("instructor")
async def weeknote_command(update: Update, context: Context) -> int:
    """/weeknote [week] [text]: add a note to a week's summary, directly or with buttons."""
    message, user_id = update.effective_message, user_id_of(update)
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
        if not WEEK_ARG.match(args[0]):
            await message.reply_text(texts("course.weeknote_usage"))
            return ConversationHandler.END
        week = int(args[0])
    raw = message.text or ""
    # The note keeps the instructor's own spacing and line breaks: take it from the raw text.
    note = raw.split(None, 2)[2] if len(args) >= 2 and len(raw.split(None, 2)) == 3 else ""
    if len(note) > NOTE_LIMIT:  # said before the class is asked for, not after
        await message.reply_text(
            texts("course.weeknote_too_long", length=len(note), limit=NOTE_LIMIT)
        )
        return ConversationHandler.END
    context.user_data[WEEKNOTE_PENDING] = (week, note)  # type: ignore[index]
    klass = await choose_class(
        update,
        context,
        classes,
        callback=WeeknoteClass,
        prompt=texts("course.weeknote_pick_class"),
    )
    if klass is None:
        return ConversationHandler.END
    return await _continue_note(update, context, klass)


async def _continue_note(update: Update, context: Context, klass: ClassRecord) -> int:
    """With the class known: save a note given on the command line, ask for it, or pick a week."""
    texts = texts_of(context)
    # Read, not taken: the note given on the command line stays until it is saved, so a save
    # that fails (a full disk) is saved by choosing the class again.
    week, note = context.user_data.get(WEEKNOTE_PENDING, (None, ""))  # type: ignore[union-attr]
    last = _weeks_of(context, klass)
    if week is None or not note or not 1 <= week <= last or len(note) > NOTE_LIMIT:
        context.user_data.pop(WEEKNOTE_PENDING, None)  # type: ignore[union-attr]
    if week is None:
        await _show_weeks(update, context, klass)
        return ConversationHandler.END
    if not 1 <= week <= last:
        await reply(
            update,
            texts(
                "course.weeknote_bad_week",
                class_name=klass.get("name", ""),
                last=last,
                example=min(2, last),
            ),
        )
        return ConversationHandler.END
    if note:
        if len(note) > NOTE_LIMIT:
            await reply(
                update, texts("course.weeknote_too_long", length=len(note), limit=NOTE_LIMIT)
            )
            return ConversationHandler.END
        if update.callback_query is not None:
            await update.callback_query.answer()
        await _save_note(update, context, klass, week, note)
        context.user_data.pop(WEEKNOTE_PENDING, None)  # type: ignore[union-attr]
        return ConversationHandler.END
    return await _ask_note(update, context, klass, week)


@requires("instructor")
async def weeknote_class_picked(update: Update, context: Context) -> int:
    """A class chosen for /weeknote."""
    query, user_id = update.callback_query, user_id_of(update)
    if query is None or user_id is None:
        return ConversationHandler.END
    klass = await own_class(context, user_id, chosen_class_id(query.data, WeeknoteClass) or "")
    if klass is None:
        return await refuse_class(update, context)
    return await _continue_note(update, context, klass)


@requires("instructor")
async def weeknote_week_picked(update: Update, context: Context) -> int:
    """A week chosen for /weeknote: ask for the note."""
    query, user_id = update.callback_query, user_id_of(update)
    if query is None or user_id is None:
        return ConversationHandler.END
    pressed = parse(query.data, WeeknoteWeek)
    klass = await own_class(context, user_id, pressed.class_id) if pressed is not None else None
    if pressed is None or klass is None:
        return await refuse_class(update, context)
    week = pressed.week
    if not 1 <= week <= _weeks_of(context, klass):
        await answer_stale(query, context)
        return ConversationHandler.END
    return await _ask_note(update, context, klass, week)


@requires("instructor")
async def weeknote_typed(update: Update, context: Context) -> int:
    """The note's text, typed after choosing a week."""
    message, user_id = update.effective_message, user_id_of(update)
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


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module: the /weeknote conversation."""
    private = filters.ChatType.PRIVATE
    return [
        StoredConversation(
            app,
            entry_points=[
                CommandHandler("weeknote", weeknote_command, filters=private),
                CallbackQueryHandler(weeknote_class_picked, pattern=routes(WeeknoteClass)),
                CallbackQueryHandler(weeknote_week_picked, pattern=routes(WeeknoteWeek)),
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
    ]
