"""Questions from parents: FAQ answers, the hand-off to the instructor, and the bot in groups.

In the private chat any text that is not a command (and not an answer inside another
conversation, which are registered earlier) is a question. Emergencies and crises never reach
this module: `handlers.safety` answers them first. A message in a language the FAQ cannot read
gets a short safety line in that language and goes to the instructor; a confident match gets
the answer with its sources and helpful / not helpful buttons; close candidates are offered as
buttons; anything else goes to the instructor.
In groups the bot speaks only when addressed (/faq or a mention), briefly.

The /faq menu and the buttons under an answer are handlers/faq_menu.py; the instructor's
/questions and replies handlers/questions.py.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from botdata import App
from content.dates import local_day
from content.faq import FaqEntry
from content.lessons import fold
from content.loader import SEARCH_WORDS, Content
from content.screen import fits_screen
from content.texts import Html, Texts
from domain import language_model
from domain.buttons import FaqHelpful, FaqPass, FaqShow, encode
from domain.faq_decision import Match
from handlers.commands import Command
from handlers.common import (
    LANG_KEY,
    LAST_QUESTION,
    Context,
    addressed_to,
    content_of,
    lang_of,
    store_of,
    texts_of,
)
from handlers.concurrency import in_background
from handlers.everyday import answer_everyday, without_names
from handlers.handoff import MAX_QUESTION, active_class, pass_to_instructor
from handlers.ui import bot_link, link_button
from memory import settle_memory

log = logging.getLogger(__name__)


# "/start faq_<id>" opens the private chat on an answer (the group's hand-over button).
FAQ_LINK_PREFIX = "faq_"


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


async def hand_off(update: Update, context: Context, question: str, *, source: str) -> None:
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
    name = (instructor.get("name") if instructor else None) or texts.raw("faq.your_instructor")
    await chat.send_message(texts("faq.passed_on", instructor=name))


async def on_private_question(update: Update, context: Context) -> None:
    """Answer a parent's free-text question in the private chat (emergencies first)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    content = content_of(context)
    question = message.text.strip()[:MAX_QUESTION]
    if "?" in question and not any(ch.isalnum() for ch in question):
        # A "?" or "😢??" alone says nothing the instructor could answer: ask for words.
        await message.reply_text(texts_of(context)("faq.say_more"))
        return
    # A question is read, and answered, in the language it is written in (the person's own
    # when it is too short to tell).
    lang = content.language_of(question, default=lang_of(context))
    matcher = content.matcher_for(lang)
    if matcher is None:
        await _not_understood(update, context, question)
        return
    texts = content.texts_in(lang)
    user = update.effective_user
    record = await store_of(context).get_user(user.id) if user is not None else None
    if context.chat_data is not None and _switches_language(question, record):
        # Writing a whole question in a language we read is the clearest choice of language
        # there is, for someone who has made none: the answer, its buttons and what follows are
        # in it (not saved: /language saves).
        context.chat_data[LANG_KEY] = lang
    names = [
        (record.get("baby_name") if record else None) or "",
        user.first_name if user is not None else "",
    ]
    unnamed = without_names(question, names)
    # handlers.safety has read the whole message already: no second safety check here.
    match = matcher.match(unnamed, safety=False)
    # Thanks, news, absences and plain-word requests, in the question's language.
    if await answer_everyday(
        update, context, unnamed, topic=match.id is not None, lang=lang, said=question
    ):
        return
    faq = content.faq_in(lang)
    if match.id is not None or match.candidates:
        # Kept, so "none of these" / "not helpful" can pass it on later.
        context.user_data[LAST_QUESTION] = question  # type: ignore[index]
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
    await hand_off(update, context, question, source="question")
    # Kept only once passed on: a question that could not be (a full disk) changes nothing.
    context.user_data[LAST_QUESTION] = question  # type: ignore[index]


def _switches_language(question: str, record: Mapping[str, object] | None) -> bool:
    """Whether a question's language becomes the chat's: only a whole question (a word or two,
    "thanks!", says too little) from someone who never chose a language with /language (a
    choice made stays; the question itself is still answered in its own language)."""
    return len(question.split()) > SEARCH_WORDS and not (record and record.get("lang"))


async def _not_understood(update: Update, context: Context, question: str) -> None:
    """A message the FAQ cannot read: a safety line in the parent's language (or simple
    English), and the message goes to the instructor flagged as not understood."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    pack = content_of(context).safety
    lang = pack.language_of(question)
    klass = await active_class(store_of(context), user.id)
    numbers = pack.numbers_in_zone(klass.get("tz") if klass else None)
    instructor = await store_of(context).get_instructor(klass["instructor_id"]) if klass else None
    name = (instructor.get("name") if instructor else None) or texts_of(context).raw(
        "faq.your_instructor"
    )
    safety_line, passed_on, no_instructor = pack.unknown_lines(lang, numbers, name)
    # The line with the numbers first, before anything else is done: it may be an emergency.
    await message.reply_text(Html(safety_line))
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
    await message.reply_text(Html(passed_on if delivered else no_instructor))


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
    # "@bot thanks for the handout", "@bot we can't come on Thursday": a heart, or the absence
    # passed on, as in the private chat, not "I'm not sure I can answer that here".
    if await answer_everyday(
        update, context, question, topic=match.id is not None, group=True, lang=matcher.lang
    ):
        return
    # The button carries the topic, so the private chat opens on the whole answer.
    payload = f"{FAQ_LINK_PREFIX}{match.id}" if match.id is not None else FAQ_LINK_PREFIX + "ask"
    private = link_button(texts.raw("faq.continue_private"), bot_link(context, payload))
    if match.id is not None:
        entry = faq[match.id]
        await message.reply_text(texts("faq.group_short", title=entry.title), reply_markup=private)
        return
    await message.reply_text(texts("faq.group_unsure"), reply_markup=private)


async def on_startup(app: App) -> None:
    """Build each language's FAQ matcher in a background thread, after start-up: indexing the
    examples and training the classifier take a second or two per language, which the first
    question in that language would otherwise wait for on the event loop. The safety net's
    learned nets start loading now too (in their own thread), once the data folder is open."""
    content: Content = app.bot_data["content"]
    learned = content.safety.model.learned
    if learned is not None:
        learned.started()

    def build() -> None:
        for lang in content.languages:
            content.matcher_for(lang)
        # The language model too, which the first message would otherwise load.
        language_model.identifier()
        # And the words parents use, as the safety rules and the everyday intents read them
        # (a dozen words a question were each read for the first time in eight languages).
        packs = content.faq_packs
        content.safety.model.prepare(
            ex for entries in packs.values() for entry in entries.values() for ex in entry.examples
        )
        for lang, entries in packs.items():
            content.intents_in(lang).prepare(ex for e in entries.values() for ex in e.examples)
        # And each language's calendar (Babel's locale data, read from disk on first use: some
        # 20 ms that the first "when is the next class?" in that language would wait for).
        for lang in content.languages:
            local_day(datetime.now(UTC), content.texts_in(lang))
        # And each answer as a phone shows it (measuring its lines for the screen takes a few
        # milliseconds, kept once done: the first parent to ask each question would wait).
        for lang, entries in packs.items():
            for entry in entries.values():
                render_answer(content.texts_in(lang), entry)
        # Long-lived from now on, like what start-up loaded: kept out of full collections,
        # which walking them would make pauses of a quarter of a second; what building them
        # freed goes back to the system.
        settle_memory(collect=False)

    # Not on the default executor: stopping the bot must not wait for the build (in_background).
    app.bot_data["matchers_warming"] = in_background("faq-matchers", build)


COMMANDS: list[Command] = []


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried: the last of the bot's
    (handlers/faq_menu.py and handlers/questions.py come just before)."""
    del app
    private = filters.ChatType.PRIVATE
    return [
        MessageHandler(filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND, on_group_mention),
        # Last of all: any other private text is a question; anything else gets a kind word.
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_private_question),
        MessageHandler(
            private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL, on_not_text
        ),
    ]
