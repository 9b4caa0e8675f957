"""Everyday messages that are not questions: thanks and news get a reaction, never a hand-off;
word of an absence thanks the parent and tells the instructor in one quiet line; a plain-words
request ("when's the next class?", "stop the reminders", "send me week 3") does what its
command does. `handlers.faq` asks this module first, after the safety net and the language
check, and answers as a question only what is left.
"""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.constants import ReactionEmoji
from telegram.error import TelegramError

from domain.intent import ABSENCE, LANGUAGE_RULES, SOCIAL, UNASKED
from domain.schedule import next_session, session_list
from domain.when import date_said
from handlers.checkin_common import schedule_of
from handlers.common import (
    LAST_QUESTION,
    Context,
    content_of,
    date_words_of,
    lang_of,
    store_of,
    texts_for,
    texts_of,
)
from handlers.course import lesson_command, next_command
from handlers.handoff import active_class
from handlers.language import choose as choose_language
from handlers.session_move import class_today
from handlers.settings import settings_command
from handlers.ui import ask_instructor_markup
from jobs.timing import now_of
from storage.records import ClassRecord

log = logging.getLogger(__name__)

# The intent rules (content/intents/rules.toml) that read a parent coming late, not missing it.
LATE_RULES = frozenset({"late", "late-sorry"})
_WEEK = re.compile(r"\b(?:week|lesson|wk|session)\s*(\d{1,2})\b", re.IGNORECASE)


def without_names(text: str, names: list[str]) -> str:
    """The text with the parent's and baby's own names replaced ("Olive loved her massage"
    is not about oil): a name is never a topic word."""
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len):
        text = re.sub(rf"\b{re.escape(name)}\b", "baby", text, flags=re.IGNORECASE)
    return text


async def answer_everyday(
    update: Update,
    context: Context,
    text: str,
    *,
    topic: bool,
    group: bool = False,
    lang: str | None = None,
    said: str | None = None,
) -> bool:
    """Handle `text` when it is not a question; True when it was handled here. In a class group
    (`group`) only thanks and news and an absence are: the plain-word requests for a screen of
    one's own (settings, leaving) belong in the private chat. `text` is read in `lang`, the
    language it is written in (the chat's when not given); the replies are in the chat's.
    `said` is the message as the parent wrote it, when `text` is read without the baby's name:
    what the instructor is shown."""
    intents = content_of(context).intents_in(lang or lang_of(context))
    read = intents.classify(text, topic=topic)
    intent = read.name
    message = update.effective_message
    assert message is not None
    texts = texts_of(context)
    if group and intent not in (SOCIAL, ABSENCE):
        return False
    if intent == SOCIAL:
        unasked = read.rule == UNASKED and not group
        try:
            await message.set_reaction(ReactionEmoji.RED_HEART)
        except TelegramError:
            # Reactions can be turned off in a chat: one warm word instead (a story's own line
            # below is one).
            if not unasked:
                await message.reply_text(texts("everyday.social"))
        if unasked:
            # A story told at length may hold a question in it: the parent chooses to pass it
            # on, with the button "none of these" uses.
            if context.user_data is not None:
                context.user_data[LAST_QUESTION] = said or text
            await message.reply_text(
                texts("everyday.unasked"), reply_markup=ask_instructor_markup(texts)
            )
        return True
    if intent == ABSENCE:
        await _absence(update, context, said or text, late=read.rule in LATE_RULES)
        return True
    if intent == "command:next":
        await next_command(update, context)
        return True
    if intent == "command:settings":
        if read.rule in LANGUAGE_RULES:
            await choose_language(update, context)
        else:
            await settings_command(update, context)
        return True
    if intent == "command:lesson":
        week = _WEEK.search(text)
        context.args = [week.group(1)] if week else []
        await lesson_command(update, context)
        return True
    if intent == "command:leave":
        await message.reply_text(texts("everyday.leave_pointer"))
        return True
    if intent == "command:forgetme":
        await message.reply_text(texts("everyday.forgetme_pointer"))
        return True
    return False


async def _mark_session(
    context: Context, klass: ClassRecord, user_id: int, text: str, late: bool
) -> None:
    """Record an absence (or a late arrival, `late`) as the answer to the session it is about:
    the week named, else the day or date named, else the next one."""
    schedule = schedule_of(context, klass)
    if schedule is None:
        return  # a class without a schedule yet has no sessions to answer
    number: int | None
    if named := _WEEK.search(text):
        number = int(named.group(1))
    elif said := date_said(text, class_today(context, klass), words=date_words_of(context)):
        # "Le 21 on peut pas": the session on that day; a day with none marks nothing (the
        # instructor still reads the message) rather than the wrong week.
        number = next(
            (s.number for s in session_list(schedule) if s.local_start.date() == said), None
        )
    else:
        upcoming = next_session(schedule, now_of(context.application))
        number = upcoming.number if upcoming else None
    if number is None:
        return
    store = store_of(context)
    member = await store.get_member(klass["id"], user_id)
    answers = dict((member.get("rsvp") if member else None) or {})
    answers[str(number)] = "late" if late else "no"
    await store.update_member(klass["id"], user_id, {"rsvp": answers})


async def _absence(update: Update, context: Context, text: str, late: bool) -> None:
    """Thank the parent (see you, when they come `late`; we'll miss you, when they cannot
    come); the instructor gets one quiet line (no sound, whatever the hour)."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    store, texts = store_of(context), texts_of(context)
    klass = await active_class(store, user.id)
    if klass is None:
        await message.reply_text(texts("everyday.absence_no_instructor"))
        return
    # The absence also answers that session's reminder (the week, day or date named, else the
    # next one), so the instructor's sessions screen shows it.
    await _mark_session(context, klass, user.id, text, late)
    instructor = await store.get_instructor(klass["instructor_id"])
    # Framed in the instructor's language; the parent's words as written.
    theirs = await texts_for(context, klass["instructor_id"])
    line = theirs(
        "everyday.to_instructor_absence",
        name=user.first_name,
        class_name=klass.get("name", ""),
        text=text,
    )
    try:
        await context.bot.send_message(klass["instructor_id"], line, disable_notification=True)
    except TelegramError:
        log.warning("Class %s: an absence could not reach the instructor", klass["id"])
    name = (instructor.get("name") if instructor else None) or texts.raw("faq.your_instructor")
    thanks = "everyday.late_thanks" if late else "everyday.absence_thanks"
    await message.reply_text(texts(thanks, instructor=name))
