"""The instructor's side of passed-on questions: /questions lists the open ones, each with a
Reply button; the reply (after the button, or as Telegram's own swipe-reply to the question) is
relayed to the parent who asked and the question marked answered."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from botdata import App
from content.lessons import telegram_length
from content.texts import Html
from domain.buttons import ReplyToQuestion, encode, parse, routes
from handlers.auth import own_class, requires
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of
from handlers.conversation import StoredConversation, cancel_with
from handlers.faq import on_private_question
from handlers.handoff import RINGING_SOURCES, SAFETY_SOURCES
from storage.records import QuestionFields

# The instructor's reply, and how much of the question is quoted above it, so that the two
# together always fit in one Telegram message.
MAX_REPLY = 3000
QUOTE_CHARS = 300
# The instructor's reply conversation: one state, waiting for the reply text.
REPLYING = 0
# The question being answered, in user_data: (class id, question id).
REPLYING_TO = "replying_to"


# -- the instructor's side: /questions and replies ----------------------------------------------


@requires("instructor")
async def list_questions(update: Update, context: Context) -> None:
    """/questions: every open question of the instructor's classes, each with a Reply button."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None
    store = store_of(context)
    texts = texts_of(context)
    open_questions = [
        (klass, q)
        for klass in await store.classes_of_instructor(user.id)
        for q in await store.questions(klass["id"])
    ]
    # Emergencies and parents in crisis first, then messages the bot could not read, then the
    # rest; the oldest first within each.
    open_questions.sort(
        key=lambda kq: (
            kq[1].get("source") not in SAFETY_SOURCES,
            kq[1].get("source") not in RINGING_SOURCES,
            kq[1]["at"],
        )
    )
    for klass, q in open_questions:
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        texts.raw("handoff.reply_button"),
                        callback_data=encode(ReplyToQuestion(klass["id"], q["qid"])),
                    )
                ]
            ]
        )
        await message.reply_text(
            texts(
                "faq.open_question",
                alert="🚨 " if q.get("source") in SAFETY_SOURCES else "❓ ",
                name=q.get("first_name", ""),
                class_name=klass.get("name", ""),
                when=q["at"][:10],
                text=q["text"],
            ),
            reply_markup=markup,
        )
    if not open_questions:
        await message.reply_text(texts("faq.no_open_questions"))


@requires("instructor")
async def start_reply(update: Update, context: Context) -> int:
    """The Reply button under a passed-on question: ask the instructor for their answer."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    texts = texts_of(context)
    pressed = parse(query.data, ReplyToQuestion)
    class_id, qid = (pressed.class_id, pressed.qid) if pressed is not None else ("", -1)
    klass = await own_class(context, user.id, class_id)
    question = await store_of(context).get_question(class_id, qid) if klass else None
    if klass is None or question is None:
        await query.answer(texts.raw("faq.question_gone"), show_alert=True)
        return ConversationHandler.END
    await query.answer()
    context.user_data[REPLYING_TO] = (class_id, qid)  # type: ignore[index]
    await query.get_bot().send_message(
        user.id, texts("faq.type_reply", name=question.get("first_name", ""), text=question["text"])
    )
    return REPLYING


async def receive_reply(update: Update, context: Context) -> int:
    """The instructor's reply text: relay it to the parent and mark the question answered."""
    message = update.effective_message
    assert message is not None
    # Kept until the reply is through: if saving it fails (a full disk), the instructor's
    # "try again" is still a reply to this question.
    target = (context.user_data or {}).get(REPLYING_TO)
    if target is None or not message.text:
        return ConversationHandler.END
    if not await _relay(message, context, *target):
        return REPLYING
    if context.user_data is not None:
        context.user_data.pop(REPLYING_TO, None)
    return ConversationHandler.END


async def on_swipe_reply(update: Update, context: Context) -> None:
    """The instructor answers with Telegram's own reply (a swipe on the passed-on question):
    relay it just as the Reply button would. Any other reply is a message like any other."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    replied = message.reply_to_message
    store = store_of(context)
    if replied is not None and message.text and await store.get_instructor(user.id) is not None:
        for klass in await store.classes_of_instructor(user.id):
            for question in await store.questions(klass["id"]):
                if question.get("instructor_message_id") == replied.message_id:
                    await _relay(message, context, klass["id"], int(question["qid"]))
                    return
    await on_private_question(update, context)


async def _relay(message: Message, context: Context, class_id: str, qid: int) -> bool:
    """Send an instructor's reply to the parent who asked; False when it must be shortened."""
    texts = texts_of(context)
    text = message.text or ""
    if telegram_length(text) > MAX_REPLY:
        await message.reply_text(texts("core.too_long", limit=MAX_REPLY))
        return False
    store = store_of(context)
    question = await store.get_question(class_id, qid)
    if question is None:
        await message.reply_text(texts("faq.question_gone"))
        return True
    reply_html = Html(message.text_html)  # the instructor's own formatting, safely escaped
    # Saved before it is sent: when the save fails (a full disk), the parent gets nothing, and
    # the instructor's second try cannot reach them twice. Undone if it cannot be sent.
    await store.update_question(class_id, qid, {"answered": True, "answer": text})
    before: QuestionFields = {
        "answered": bool(question.get("answered")),
        "answer": question.get("answer"),
    }
    try:
        await context.bot.send_message(
            question["user_id"],
            texts("faq.reply_to_parent", question=_quote(question["text"]), reply=reply_html),
        )
    except Forbidden:
        await store.update_question(class_id, qid, before)
        await message.reply_text(texts("faq.parent_unreachable"))
        return True
    except TelegramError:
        await store.update_question(class_id, qid, before)
        raise
    await message.reply_text(texts("faq.reply_sent", name=question.get("first_name", "")))
    return True


def _quote(text: str) -> str:
    """The start of a question, to remind the parent what the reply answers."""
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


async def reply_not_text(update: Update, context: Context) -> int:
    """Anything but text while a reply is expected: say what is needed, keep waiting."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(texts_of(context)("faq.reply_needs_text"))
    return REPLYING


COMMANDS = [Command("questions", "instructor")]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried (before handlers/faq.py,
    whose catch-all would take a swipe-reply for a question)."""
    private = filters.ChatType.PRIVATE
    return [
        StoredConversation(
            app,
            entry_points=[CallbackQueryHandler(start_reply, pattern=routes(ReplyToQuestion))],
            states={
                REPLYING: [
                    MessageHandler(private & filters.TEXT & ~filters.COMMAND, receive_reply),
                    MessageHandler(private & ~filters.COMMAND, reply_not_text),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel_with(REPLYING_TO))],
            name="faq_reply",
            drafts=[REPLYING_TO],
            allow_reentry=True,
        ),
        CommandHandler("questions", list_questions, filters=private),
        # A swipe-reply to a passed-on question is the instructor's answer.
        MessageHandler(private & filters.TEXT & filters.REPLY & ~filters.COMMAND, on_swipe_reply),
    ]
