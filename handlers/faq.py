"""Questions: FAQ answers, the /faq menu, hand-off to the instructor, /questions and replies.

In the private chat any text that is not a command (and not an answer inside another
conversation, which are registered earlier) is a question. Emergencies and crises never reach
this module: `handlers.safety` answers them first. A message in a language the FAQ cannot read
gets a short safety line in that language and goes to the instructor; a confident match gets
the answer with its sources and helpful / not helpful buttons; close candidates are offered as
buttons; anything else goes to the instructor.
In groups the bot speaks only when addressed (/faq or a mention), briefly.
"""

from __future__ import annotations

import asyncio
import gc
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.helpers import create_deep_linked_url

from content.faq import CATEGORIES, FaqEntry
from content.lessons import fold, telegram_length
from content.loader import Content
from content.screen import fits_screen
from content.texts import Html, Texts
from domain.buttons import (
    FaqCategory,
    FaqHelpful,
    FaqMenu,
    FaqPass,
    FaqShow,
    ReplyToQuestion,
    decode,
    encode,
    family,
    parse,
    routes,
)
from domain.faq_match import Match
from domain.timezones import country_of_zone
from handlers.auth import own_class, requires
from handlers.commands import Command
from handlers.common import (
    LANG_KEY,
    Context,
    addressed_to,
    content_of,
    lang_of,
    set_buttons,
    shown_already,
    store_of,
    texts_of,
)
from handlers.conversation import StoredConversation, cancel_with
from handlers.everyday import answer_everyday, without_names
from handlers.handoff import MAX_QUESTION, SAFETY_SOURCES, active_class, pass_to_instructor

log = logging.getLogger(__name__)

COMMANDS = [
    Command("faq", "parent", in_group=True),
    Command("questions", "instructor"),
]

# "/start faq_<id>" opens the private chat on an answer (the group's hand-over button).
FAQ_LINK_PREFIX = "faq_"
# The instructor's reply, and how much of the question is quoted above it, so that the two
# together always fit in one Telegram message.
MAX_REPLY = 3000
QUOTE_CHARS = 300
# The instructor's reply conversation: one state, waiting for the reply text.
REPLYING = 0
# The question being answered, in user_data: (class id, question id).
REPLYING_TO = "replying_to"


def render_answer(texts: Texts, entry: FaqEntry) -> Html:
    """An FAQ answer as parents see it: title, answer, sources line.

    An answer longer than a phone screen keeps its first paragraph (the point, in bold) and its
    last (usually when to see a professional) in view, and folds the paragraphs between into an
    expandable quote.
    """
    # The answer and sources are our own vetted HTML from content/, so they are not escaped.
    full = texts("faq.answer", title=entry.title, answer=Html(entry.answer), sources=entry.sources)
    paragraphs = [p for p in entry.answer.split("\n\n") if p.strip()]
    if fits_screen(full) or len(paragraphs) < 2:
        return full
    middle = paragraphs[1:-1] if len(paragraphs) >= 3 else paragraphs[1:]
    last = paragraphs[-1:] if len(paragraphs) >= 3 else []
    answer = "\n\n".join([paragraphs[0], fold("\n\n".join(middle)), *last])
    return texts("faq.answer", title=entry.title, answer=Html(answer), sources=entry.sources)


def feedback_markup(texts: Texts, faq_id: str) -> InlineKeyboardMarkup:
    """The helpful / not helpful buttons under an answer."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("faq.helpful"), callback_data=encode(FaqHelpful(faq_id, True))
                ),
                InlineKeyboardButton(
                    texts.raw("faq.not_helpful"), callback_data=encode(FaqHelpful(faq_id, False))
                ),
            ]
        ]
    )


async def _hand_off(update: Update, context: Context, question: str, *, source: str) -> None:
    """Pass a question to the parent's instructor and tell the parent; or say there is none."""
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None and chat is not None
    texts = texts_of(context)
    klass = await active_class(store_of(context), user.id)
    if klass is None:
        await chat.send_message(texts("faq.no_instructor"))
        return
    # The parent's own message (not a button's): an edit of it updates the question.
    message_id = update.message.message_id if update.message is not None else None
    await pass_to_instructor(
        context.application,
        klass["id"],
        user.id,
        user.first_name,
        question,
        source=source,
        message_id=message_id,
    )
    instructor = await store_of(context).get_instructor(klass["instructor_id"])
    name = (instructor or {}).get("name") or texts.raw("faq.your_instructor")
    await chat.send_message(texts("faq.passed_on", instructor=name))


async def on_private_question(update: Update, context: Context) -> None:
    """Answer a parent's free-text question in the private chat (emergencies first)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    content = content_of(context)
    question = message.text.strip()[:MAX_QUESTION]
    # A question is read, and answered, in the language it is written in (the person's own
    # when it is too short to tell).
    lang = content.language_of(question, default=lang_of(context))
    matcher = content.matcher_for(lang)
    if matcher is None:
        await _not_understood(update, context, question)
        return
    if context.chat_data is not None:
        # Writing a whole question in a language we read is the clearest choice of language
        # there is: the answer, its buttons and what follows are in it (not saved: /language).
        context.chat_data[LANG_KEY] = lang
    texts = content.texts_in(lang)
    user = update.effective_user
    record = await store_of(context).get_user(user.id) if user is not None else None
    names = [(record or {}).get("baby_name") or "", user.first_name if user is not None else ""]
    unnamed = without_names(question, names)
    # handlers.safety has read the whole message already: no second safety check here.
    match = matcher.match(unnamed, safety=False)
    # Thanks, news, absences and plain-word requests, in the question's language.
    if await answer_everyday(update, context, unnamed, topic=match.id is not None):
        return
    faq = content.faq_in(lang)
    if match.id is not None or match.candidates:
        # Kept, so "none of these" / "not helpful" can pass it on later.
        context.user_data["last_question"] = question  # type: ignore[index]
    if match.id is not None:
        await message.reply_text(
            render_answer(texts, faq[match.id]), reply_markup=feedback_markup(texts, match.id)
        )
        return
    if match.candidates:
        await message.reply_text(
            texts("faq.which_one"), reply_markup=_candidates_markup(texts, faq, match)
        )
        return
    await _hand_off(update, context, question, source="question")
    # Kept only once passed on: a question that could not be (a full disk) changes nothing.
    context.user_data["last_question"] = question  # type: ignore[index]


async def _not_understood(update: Update, context: Context, question: str) -> None:
    """A message the FAQ cannot read: a safety line in the parent's language (or simple
    English), and the message goes to the instructor flagged as not understood."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    pack = content_of(context).safety
    lang = pack.language_of(question)
    klass = await active_class(store_of(context), user.id)
    numbers = pack.numbers(country_of_zone(klass.get("tz")) if klass else None)
    instructor = await store_of(context).get_instructor(klass["instructor_id"]) if klass else None
    name = (instructor or {}).get("name") or texts_of(context).raw("faq.your_instructor")
    safety_line, passed_on, no_instructor = pack.unknown_lines(lang, numbers, name)
    delivered = False
    if klass is not None:
        handoff = await pass_to_instructor(
            context.application,
            klass["id"],
            user.id,
            user.first_name,
            question,
            source="unread",
            message_id=message.message_id,  # an edit of it updates the question
        )
        delivered = handoff.delivered
    await message.reply_text(Html(f"{safety_line}\n\n{passed_on if delivered else no_instructor}"))


async def open_from_group(update: Update, context: Context, payload: str) -> None:
    """The private chat opened from the group's button: the whole answer, or an invitation to
    ask here (`payload` is the part after "faq_")."""
    message = update.effective_message
    assert message is not None
    texts = texts_of(context)
    entry = content_of(context).faq_in(lang_of(context)).get(payload)
    if entry is None:
        await message.reply_text(texts("faq.ask_here"))
        return
    await message.reply_text(
        render_answer(texts, entry), reply_markup=feedback_markup(texts, entry.id)
    )


async def on_not_text(update: Update, context: Context) -> None:
    """A sticker, photo or voice note in the private chat, outside any conversation."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(texts_of(context)("faq.not_text"))


def _candidates_markup(
    texts: Texts, faq: dict[str, FaqEntry], match: Match
) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(faq[fid].title, callback_data=encode(FaqShow(fid)))]
        for fid, _ in match.candidates
        if fid in faq
    ]
    rows.append(
        [InlineKeyboardButton(texts.raw("faq.none_of_these"), callback_data=encode(FaqPass()))]
    )
    return InlineKeyboardMarkup(rows)


async def on_group_mention(update: Update, context: Context) -> None:
    """In a group, answer only a message addressed to the bot: briefly, with a way to go private."""
    message = update.effective_message
    if message is None or not message.text:
        return
    username = context.bot.username
    if not addressed_to(message, username):
        return  # ordinary chatter: the bot stays quiet
    content = content_of(context)
    question = message.text.replace(f"@{username}", " ").strip()[:MAX_QUESTION]
    # The class's language (handlers.language), unless the question is written in another
    # language we read: then that one, as in the private chat.
    group_lang = lang_of(context)
    lang = content.language_of(question, default=group_lang)
    matcher = content.matcher_for(lang) or content.matcher_for(group_lang) or content.matcher
    texts, faq = content.texts_in(matcher.lang), content.faq_in(matcher.lang)
    match = matcher.match(question, safety=False)
    # The button carries the topic, so the private chat opens on the whole answer.
    payload = f"{FAQ_LINK_PREFIX}{match.id}" if match.id is not None else FAQ_LINK_PREFIX + "ask"
    private = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("faq.continue_private"),
                    url=create_deep_linked_url(username, payload),
                )
            ]
        ]
    )
    if match.id is not None:
        entry = faq[match.id]
        await message.reply_text(texts("faq.group_short", title=entry.title), reply_markup=private)
        return
    await message.reply_text(texts("faq.group_unsure"), reply_markup=private)


async def faq_menu(update: Update, context: Context) -> None:
    """/faq: the menu of topics by category (in a group: a button to open it privately)."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    texts = texts_of(context)
    if chat.type != "private":
        button = InlineKeyboardButton(
            texts.raw("faq.continue_private"), url=f"https://t.me/{context.bot.username}"
        )
        await message.reply_text(
            texts("faq.group_menu"), reply_markup=InlineKeyboardMarkup([[button]])
        )
        return
    await message.reply_text(texts("faq.menu"), reply_markup=_menu_markup())


def _menu_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=encode(FaqCategory(cid)))]
            for cid, label in CATEGORIES.items()
        ]
    )


async def on_faq_button(update: Update, context: Context) -> None:
    """The /faq menu's buttons: a category, an entry, back; and candidate choices."""
    query = update.callback_query
    if query is None:
        return
    texts = texts_of(context)
    faq = content_of(context).faq_in(lang_of(context))
    pressed = decode(query.data)
    if isinstance(pressed, FaqMenu):
        await query.answer()
        await _edit(query.message, texts("faq.menu"), _menu_markup())
    elif isinstance(pressed, FaqCategory) and pressed.category in CATEGORIES:
        await query.answer()
        rows = [
            [InlineKeyboardButton(e.title, callback_data=encode(FaqShow(e.id)))]
            for e in faq.values()
            if e.category == pressed.category
        ]
        rows.append([InlineKeyboardButton(texts.raw("faq.back"), callback_data=encode(FaqMenu()))])
        label = CATEGORIES[pressed.category]
        await _edit(query.message, texts("faq.category", label=label), InlineKeyboardMarkup(rows))
    elif isinstance(pressed, FaqShow) and pressed.faq_id in faq:
        await query.answer()
        entry = faq[pressed.faq_id]
        markup = feedback_markup(texts, entry.id).inline_keyboard[0]
        back = InlineKeyboardButton(
            texts.raw("faq.back"), callback_data=encode(FaqCategory(entry.category))
        )
        await _edit(
            query.message, render_answer(texts, entry), InlineKeyboardMarkup([list(markup), [back]])
        )
    else:
        # A tampered or outdated button: say so, change nothing.
        await query.answer(texts.raw("core.stale_button"), show_alert=True)


async def _edit(message: object, text: Html, markup: InlineKeyboardMarkup | None) -> None:
    """Edit a menu message in place (a button pressed twice asks Telegram for nothing)."""
    if not isinstance(message, Message) or shown_already(message, markup, text):
        return
    try:
        await message.edit_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


async def on_feedback(update: Update, context: Context) -> None:
    """Helpful / not helpful: count it (anonymously), and offer the instructor when not helpful."""
    query = update.callback_query
    if query is None:
        return
    texts = texts_of(context)
    pressed = parse(query.data, FaqHelpful)
    if pressed is None or pressed.faq_id not in content_of(context).faq:
        await query.answer(texts.raw("core.stale_button"), show_alert=True)
        return
    faq_id, helpful = pressed.faq_id, pressed.helpful
    # One vote per answer message: the buttons go once pressed, and a second tap (which finds
    # them gone) counts nothing.
    if isinstance(query.message, Message) and query.message.reply_markup is None:
        await query.answer(texts.raw("faq.thanks"))
        return
    await store_of(context).record_faq_feedback(faq_id, helpful)
    await set_buttons(query, None)
    if helpful:
        await query.answer(texts.raw("faq.thanks"))
        return
    await query.answer()
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.raw("faq.ask_instructor"), callback_data=encode(FaqPass()))]]
    )
    if update.effective_chat is not None:
        await update.effective_chat.send_message(
            texts("faq.sorry_not_helpful"), reply_markup=markup
        )


async def on_pass(update: Update, context: Context) -> None:
    """ "None of these" / "ask my instructor": pass the parent's last question on."""
    query = update.callback_query
    if query is None:
        return
    texts = texts_of(context)
    # Dropped only once it is passed on: if that fails (a full disk), a second try still can.
    question = (context.user_data or {}).get("last_question")
    if not question:
        # After a restart the question is gone from memory: ask for it again, kindly.
        await query.answer()
        if update.effective_chat is not None:
            await update.effective_chat.send_message(texts("faq.type_again"))
        return
    await query.answer()
    await set_buttons(query, None)
    await _hand_off(update, context, question, source="question")
    if context.user_data is not None:
        context.user_data.pop("last_question", None)


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
    # Emergencies and parents in crisis first, then the oldest first.
    open_questions.sort(key=lambda kq: (kq[1].get("source") not in SAFETY_SOURCES, kq[1]["at"]))
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
    before = {"answered": bool(question.get("answered")), "answer": question.get("answer")}
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


async def on_startup(app: Application) -> None:
    """Build each language's FAQ matcher in a worker thread, after start-up: indexing the
    examples and training the classifier take a second or two per language, which the first
    question in that language would otherwise wait for on the event loop."""
    content: Content = app.bot_data["content"]

    def build() -> None:
        for lang in content.languages:
            content.matcher_for(lang)
        # Long-lived from now on, like what start-up loaded (bot.settle_memory): kept out of
        # full collections, which walking them would make pauses of a quarter of a second.
        gc.freeze()

    task = asyncio.get_running_loop().create_task(asyncio.to_thread(build))
    app.bot_data["matchers_warming"] = task  # kept referenced until done


def handlers(app: Application) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
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
        CommandHandler("faq", faq_menu),
        CommandHandler("questions", list_questions, filters=private),
        CallbackQueryHandler(on_feedback, pattern=routes(FaqHelpful)),
        CallbackQueryHandler(on_pass, pattern=routes(FaqPass)),
        # The /faq menu's buttons, and any outdated or forged "faq:" one.
        CallbackQueryHandler(on_faq_button, pattern=family("faq")),
        MessageHandler(filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND, on_group_mention),
        # A swipe-reply to a passed-on question is the instructor's answer.
        MessageHandler(private & filters.TEXT & filters.REPLY & ~filters.COMMAND, on_swipe_reply),
        # Last of all: any other private text is a question; anything else gets a kind word.
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_private_question),
        MessageHandler(
            private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL, on_not_text
        ),
    ]
