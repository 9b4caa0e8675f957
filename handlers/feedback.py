"""The closing message's feedback: one tap for how the course was, or "Tell <instructor>" for a
few words of one's own.

The buttons (jobs/course_messages.py `feedback_markup`) ride on the closing message in the group
and in private chats. An answer is kept on the person's membership (`feedback`, `feedback_note`),
goes to the instructor in one silent line, and is in the roster CSV of /export. In the group,
"Tell" is a link into the private chat ("/start fb_<class id>"): nobody types their feedback in
front of the others, and the group never shows who answered what (a button press answers with a
pop-up only the presser sees).
"""

from __future__ import annotations

import logging
import warnings
from datetime import UTC, datetime, timedelta

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from botdata import App
from content.texts import Html
from domain.buttons import CourseFeedback, parse, routes
from handlers.commands import Command
from handlers.common import Context, store_of, texts_for, texts_for_presser, texts_of
from handlers.conversation import StoredConversation, cancel_with
from handlers.ui import answer_stale
from jobs.course_messages import FEEDBACK_START
from storage.records import ClassRecord, MemberRecord

log = logging.getLogger(__name__)

COMMANDS: list[Command] = []
#: The one state: waiting for the typed note to the instructor.
TYPING = 0
#: Longest note kept (one Telegram message to the instructor with room to spare).
NOTE_LIMIT = 1500
#: An unanswered "what would you like to tell them?" stops catching messages after this long.
TIMEOUT = timedelta(minutes=30)
_CLASS = "feedback_class"


async def _instructor_name(context: Context, klass: ClassRecord) -> str:
    """The class instructor's name (or "your instructor")."""
    instructor = await store_of(context).get_instructor(int(klass.get("instructor_id") or 0))
    name = str((instructor.get("name") if instructor else None) or "")
    return name or texts_of(context).raw("course.feedback_your_instructor")


async def _membership(
    context: Context, class_id: str, user_id: int
) -> tuple[ClassRecord, MemberRecord] | None:
    """The class and the person's membership in it, if they belong to it."""
    store = store_of(context)
    klass = await store.get_class(class_id) if class_id else None
    member = await store.get_member(class_id, user_id) if klass is not None else None
    return (klass, member) if klass is not None and member is not None else None


async def _tell_instructor(context: Context, klass: ClassRecord, line: Html) -> None:
    """One silent line to the instructor (the answer is kept whether or not it arrives)."""
    try:
        await context.bot.send_message(klass["instructor_id"], line, disable_notification=True)
    except TelegramError as exc:
        log.info("Could not pass course feedback on: %s", type(exc).__name__)


async def on_answer(update: Update, context: Context) -> None:
    """An answer button under the closing message: keep it, thank the presser privately."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    texts = await texts_for_presser(context, update)
    pressed = parse(query.data, CourseFeedback)
    if pressed is None or pressed.answer == "tell":
        # "tell" is taken by the conversation below; here it could only be forged.
        await answer_stale(query, context)
        return
    found = await _membership(context, pressed.class_id, user.id)
    if found is None:
        await query.answer(texts.raw("course.feedback_not_member"), show_alert=True)
        return
    klass, member = found
    answer = pressed.answer
    instructor = await _instructor_name(context, klass)
    await query.answer(texts.raw("course.feedback_thanks").format(instructor=instructor))
    if member.get("feedback") == answer:
        return  # pressed twice: nothing new to tell
    await store_of(context).update_member(
        klass["id"],
        user.id,
        {"feedback": answer, "feedback_at": datetime.now(UTC).isoformat(timespec="seconds")},
    )
    # The instructor reads it in their own language, whoever pressed.
    theirs = await texts_for(context, klass["instructor_id"])
    await _tell_instructor(
        context,
        klass,
        theirs(
            "course.feedback_to_instructor",
            name=member.get("first_name") or user.first_name,
            class_name=klass.get("name", ""),
            answer=theirs.raw(f"course.feedback_{answer}"),
        ),
    )


async def _ask_note(update: Update, context: Context, class_id: str) -> int:
    """Ask for the note to the instructor, if the person is in the class."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return ConversationHandler.END
    texts = texts_of(context)
    found = await _membership(context, class_id, user.id)
    if update.callback_query is not None:
        if found is None:
            await update.callback_query.answer(
                texts.raw("course.feedback_not_member"), show_alert=True
            )
            return ConversationHandler.END
        await update.callback_query.answer()
    if found is None:
        await chat.send_message(texts("core.no_class"))
        return ConversationHandler.END
    context.user_data[_CLASS] = class_id  # type: ignore[index]
    instructor = await _instructor_name(context, found[0])
    await chat.send_message(texts("course.feedback_ask_note", instructor=instructor))
    return TYPING


async def tell_pressed(update: Update, context: Context) -> int:
    """ "Tell <instructor>" in the private chat."""
    query = update.callback_query
    pressed = parse(query.data, CourseFeedback) if query is not None else None
    return await _ask_note(update, context, pressed.class_id if pressed is not None else "")


async def tell_from_group(update: Update, context: Context) -> int:
    """ "/start fb_<class id>": the group's "Tell <instructor>" link opened the private chat."""
    payload = (context.args or [""])[0]
    return await _ask_note(update, context, payload.removeprefix(FEEDBACK_START))


async def note_typed(update: Update, context: Context) -> int:
    """The typed note: keep it with the membership and pass it to the instructor."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return ConversationHandler.END
    texts = texts_of(context)
    note = (message.text or "").strip()
    if len(note) > NOTE_LIMIT:
        await message.reply_text(
            texts("course.feedback_note_too_long", length=len(note), limit=NOTE_LIMIT)
        )
        return TYPING
    # Kept until the note is saved: a save that fails (a full disk) can be typed again.
    class_id = str(context.user_data.get(_CLASS, ""))  # type: ignore[union-attr]
    found = await _membership(context, class_id, user.id)
    if found is None or not note:
        context.user_data.pop(_CLASS, None)  # type: ignore[union-attr]
        await message.reply_text(texts("course.feedback_cancelled"))
        return ConversationHandler.END
    klass, member = found
    await store_of(context).update_member(klass["id"], user.id, {"feedback_note": note})
    context.user_data.pop(_CLASS, None)  # type: ignore[union-attr]
    instructor = await _instructor_name(context, klass)
    await message.reply_text(texts("course.feedback_note_saved", instructor=instructor))
    # Framed in the instructor's language; the note as the parent wrote it.
    theirs = await texts_for(context, klass["instructor_id"])
    await _tell_instructor(
        context,
        klass,
        theirs(
            "course.feedback_note_to_instructor",
            name=member.get("first_name") or user.first_name,
            class_name=klass.get("name", ""),
            note=note,
        ),
    )
    return ConversationHandler.END


async def not_text(update: Update, context: Context) -> int:
    """A sticker or photo where the note was expected."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts_of(context)("core.not_text"))
    return TYPING


def handlers(app: App) -> list[BaseHandler]:
    """The feedback buttons and the "Tell <instructor>" conversation."""
    private = filters.ChatType.PRIVATE
    with warnings.catch_warnings():
        # Tracked per chat and user on purpose: the note is typed after a button press.
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        tell = StoredConversation(
            app,
            entry_points=[
                CallbackQueryHandler(
                    tell_pressed, pattern=routes(CourseFeedback, where=lambda b: b.answer == "tell")
                ),
                CommandHandler(
                    "start",
                    tell_from_group,
                    filters=private & filters.Regex(rf"^/start\s+{FEEDBACK_START}\S"),
                ),
            ],
            states={
                TYPING: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND & private, note_typed),
                    MessageHandler(~filters.TEXT & ~filters.COMMAND & private, not_text),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel_with(_CLASS, "course.feedback_cancelled"))],
            allow_reentry=True,
            max_age=TIMEOUT,
            drafts=(_CLASS,),
            name="feedback",
        )
    return [tell, CallbackQueryHandler(on_answer, pattern=routes(CourseFeedback))]
