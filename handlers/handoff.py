"""Passing a parent's question to their class's instructor: the one path every feature uses
(unanswered FAQ questions, check-in notes that ask something, emergencies)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from botdata import App
from content.loader import Content
from content.texts import Html, Texts
from domain.buttons import ReplyToQuestion, encode, head
from handlers.common import language_name
from jobs.preferences import in_quiet_hours
from jobs.timing import now_of
from storage.records import ClassRecord, QuestionFields, QuestionRecord
from storage.repo import Store

#: What the Reply button's data starts with (domain.buttons.ReplyToQuestion).
REPLY_PREFIX = head(ReplyToQuestion)
# Hand-offs that go first in /questions and are marked 🚨.
SAFETY_SOURCES = ("urgent", "crisis")
# Hand-offs that ring even in the instructor's quiet hours, and come before ordinary questions
# in /questions: the safety ones, and a message in a language the bot cannot read, which may be
# an emergency it could not see.
RINGING_SOURCES = (*SAFETY_SOURCES, "unread")
# Longest question kept for the instructor (characters); Telegram's own limit is 4,096 UTF-16
# units, and the question is shown inside a message of ours (/questions, the reply prompt).
MAX_QUESTION = 1500


# A character typed over and over ("😍😍😍...", "!!!!!!!!") is shown three times: the rest hides
# what the parent wrote around it.
_RUN = re.compile(r"(.)\1{9,}", re.DOTALL)
_SENTENCE = re.compile(r"(?<=[.!?…\n])\s+")


def excerpt(text: str, alarming: Callable[[str], bool] | None = None) -> str:
    """`text` as the instructor is shown it: at most MAX_QUESTION characters, runs of one
    character cut short, and a longer message cut in the middle with "…". The first sentence
    that `alarming` finds on its own (the one that raised an emergency) is always kept: "not
    breathing" said after 3,000 characters of news must reach the instructor."""
    text = _RUN.sub(lambda run: run.group(1) * 3 + "…", text.strip())
    if len(text) <= MAX_QUESTION:
        return text
    if alarming is not None:
        for sentence in _SENTENCE.split(text):
            if len(sentence) <= MAX_QUESTION // 2 and alarming(sentence):
                at = text.index(sentence)
                room = MAX_QUESTION - len(sentence) - 6
                head = text[: min(at, room)].rstrip()
                tail = text[at + len(sentence) :]
                return f"{head} … {sentence}" + (" …" if tail.strip() else "")
    half = MAX_QUESTION // 2 - 2
    return f"{text[:half].rstrip()} … {text[-half:].lstrip()}"


class HandOff(NamedTuple):
    """A question kept for the instructor, and whether the instructor was actually sent it."""

    question: QuestionRecord
    delivered: bool


async def active_class(store: Store, user_id: int) -> ClassRecord | None:
    """The class a parent's questions go to: the most recently joined class still running."""
    user = await store.get_user(user_id)
    for class_id in reversed(user.get("classes", []) if user else []):
        klass = await store.get_class(class_id)
        member = await store.get_member(class_id, user_id)
        if klass is not None and member is not None and not klass.get("ended"):
            return klass
    return None


def gist(
    content: Content, texts: Texts, reader_lang: str, text: str, *, about: bool = True
) -> Html:
    """A line for the instructor when the parent wrote in another language: which language,
    and what the question seems to be about (the nearest FAQ topic, in the reader's words), or
    that no topic fits (in a language the FAQ reads; in another, the language is all we know).
    Without `about` (an emergency or a crisis, which the heading already names), the language
    only."""
    lang = content.language_of(text, default=reader_lang)
    if lang == reader_lang:
        return Html("")
    language = language_name(texts, lang)
    if not about:
        return Html("\n" + texts("handoff.gist_language", language=language))
    _, match = content.match(text, lang)
    topic = match.id or (match.candidates[0][0] if match.candidates else None)
    titles = content.faq_in(reader_lang)
    if topic in titles:
        return Html("\n" + texts("handoff.gist", language=language, topic=titles[topic].title))
    if lang in content.languages:
        return Html("\n" + texts("handoff.gist_unmatched", language=language))
    return Html("\n" + texts("handoff.gist_language", language=language))


async def instructor_language(store: Store, klass: ClassRecord) -> str:
    """The language a class's instructor reads: their saved choice, else English."""
    record = await store.get_user(klass["instructor_id"])
    return str((record.get("lang") if record else None) or "en")


async def pass_to_instructor(
    app: App,
    class_id: str,
    user_id: int,
    first_name: str,
    text: str,
    *,
    source: str = "question",
    message_id: int | None = None,
) -> HandOff:
    """Keep the question for the instructor (it stays in /questions until answered) and send it
    to them with a Reply button. `source` says where it came from: question, checkin, urgent,
    crisis, unread (a language the bot cannot read)."""
    store: Store = app.bot_data["store"]
    content: Content = app.bot_data["content"]
    klass = await store.get_class(class_id)
    if klass is None:
        raise KeyError(class_id)
    # Whatever path it came by (an emergency, a check-in note), no longer than MAX_QUESTION: it
    # is shown inside messages of ours, which Telegram takes up to 4,096 units.
    text = excerpt(text)
    # The instructor reads it in their own language, the parent's words as written.
    instructor_lang = await instructor_language(store, klass)
    texts = content.texts_in(instructor_lang)
    fields: QuestionFields = {"first_name": first_name, "source": source}
    if message_id is not None:
        # The parent's own message: an edit of it updates the question (edited_question).
        fields["parent_message_id"] = message_id
    question = await store.add_question(class_id, user_id, text, fields)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("handoff.reply_button"),
                    callback_data=encode(ReplyToQuestion(class_id, question["qid"])),
                )
            ]
        ]
    )
    # Emergencies and crises always ring; ordinary questions are silent in the instructor's
    # quiet hours (their /settings, in the class's time zone), so nobody is woken by a question.
    silent = source not in RINGING_SOURCES and bool(
        await in_quiet_hours(store, klass["tz"], [klass["instructor_id"]], now_of(app))
    )
    delivered = False
    try:
        sent = await app.bot.send_message(
            klass["instructor_id"],
            texts(
                f"handoff.to_instructor_{source}",
                name=first_name,
                class_name=klass.get("name", ""),
                text=text,
            )
            + gist(content, texts, instructor_lang, text, about=source not in SAFETY_SOURCES),
            reply_markup=markup,
            disable_notification=silent,
        )
        delivered = True
        # Remembered so that a swipe-reply to this message answers this question.
        await store.update_question(
            class_id, question["qid"], {"instructor_message_id": sent.message_id}
        )
    except (Forbidden, TelegramError):
        # The instructor will still find it in /questions: nothing the parent asked is lost.
        pass
    return HandOff(question, delivered)


async def edited_question(app: App, user_id: int, message_id: int, text: str) -> bool:
    """A parent edited a message that was passed on: the open question takes the new wording
    and the instructor sees it (silently). True when there was such a question."""
    store: Store = app.bot_data["store"]
    content: Content = app.bot_data["content"]
    klass = await active_class(store, user_id)
    if klass is None:
        return False
    # Like the question itself: in the instructor's language, the new words as written.
    instructor_lang = await instructor_language(store, klass)
    texts = content.texts_in(instructor_lang)
    # Kept as a question is when first asked: no longer than MAX_QUESTION.
    text = excerpt(text)
    for question in await store.questions(klass["id"]):
        if question.get("parent_message_id") == message_id and question["user_id"] == user_id:
            await store.update_question(klass["id"], question["qid"], {"text": text})
            try:
                await app.bot.send_message(
                    klass["instructor_id"],
                    texts(
                        "handoff.edited",
                        name=question.get("first_name", ""),
                        class_name=klass.get("name", ""),
                        text=text,
                    )
                    + gist(content, texts, instructor_lang, text),
                    disable_notification=True,
                )
            except TelegramError:
                pass  # /questions shows the new wording anyway
            return True
    return False
