"""Answers to a session reminder: "✅ See you there", "🕒 Running late", "❌ Can't come".

The buttons ride on the day-before and on-the-day reminders (in the group and in private
chats). An answer is kept on the person's membership, the instructor gets one silent line when
someone will be late or can't come, and the sessions screen shows who said what.
"""

from __future__ import annotations

from collections.abc import Iterable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from botdata import App
from content.texts import Html, Texts
from domain.buttons import RSVP_ANSWERS as ANSWERS
from domain.buttons import RsvpAnswer, parse, routes
from domain.schedule import session_list
from handlers.checkin_common import schedule_of
from handlers.commands import Command
from handlers.common import Context, store_of, texts_for, texts_for_presser
from handlers.ui import answer_stale
from jobs.timing import now_of
from storage.records import ClassRecord, MemberRecord

COMMANDS: list[Command] = []
MARKS = {"yes": "✅", "late": "🕒", "no": "❌"}


def answers_line(texts: Texts, members: Iterable[MemberRecord], session: int) -> Html | None:
    """ "✅ Ana, Ben · ❌ Cara" for one session, or None when nobody answered."""
    by_answer: dict[str, list[str]] = {answer: [] for answer in ANSWERS}
    for member in members:
        answer = (member.get("rsvp") or {}).get(str(session))
        if answer in by_answer:
            by_answer[answer].append(str(member.get("first_name") or "?"))
    parts = [f"{MARKS[a]} {', '.join(names)}" for a, names in by_answer.items() if names]
    return texts("rsvp.summary_line", answers=" · ".join(parts)) if parts else None


async def on_answer(update: Update, context: Context) -> None:
    """A reminder's answer button: keep it, tell the instructor (silently) if it matters."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    texts = await texts_for_presser(context, update)
    store = store_of(context)
    pressed = parse(query.data, RsvpAnswer)
    klass = await store.get_class(pressed.class_id) if pressed is not None else None
    if pressed is None or klass is None:
        await answer_stale(query, context)
        return
    member = await store.get_member(klass["id"], user.id)
    if member is None:
        await query.answer(texts.raw("rsvp.not_member"), show_alert=True)
        return
    if _over(context, klass, pressed.session):
        # A reminder pressed a week later: the session it asked about is past.
        await query.answer(texts.raw("rsvp.session_over"))
        return
    session, answer = str(pressed.session), pressed.answer
    answers = dict(member.get("rsvp") or {})
    if answers.get(session) == answer:
        await query.answer(texts.raw("rsvp.same_answer"))
        return
    answers[session] = answer
    await store.update_member(klass["id"], user.id, {"rsvp": answers})
    instructor = await store.get_instructor(klass["instructor_id"])
    name = (instructor.get("name") if instructor else None) or texts.raw("faq.your_instructor")
    await query.answer(texts.raw(f"rsvp.thanks_{answer}").format(instructor=name))
    if answer == "yes":
        return
    # The instructor reads it in their own language, whoever pressed where.
    theirs = await texts_for(context, klass["instructor_id"])
    line = theirs(
        "rsvp.to_instructor",
        mark=MARKS[answer],
        name=member.get("first_name") or user.first_name,
        class_name=klass.get("name", ""),
        session=session,
        answer=theirs.raw(f"rsvp.{answer}").split(" ", 1)[-1],
    )
    try:
        await context.bot.send_message(klass["instructor_id"], line, disable_notification=True)
    except TelegramError:
        pass  # the sessions screen still shows the answer


def _over(context: Context, klass: ClassRecord, number: int) -> bool:
    """Whether session `number` of the class has ended (False when its schedule cannot say)."""
    schedule = schedule_of(context, klass)
    if schedule is None:
        return False
    now = now_of(context.application)
    return any(s.number == number and s.end <= now for s in session_list(schedule))


def handlers(app: App) -> list[BaseHandler]:
    """The reminder answer buttons."""
    del app
    return [CallbackQueryHandler(on_answer, pattern=routes(RsvpAnswer))]
