"""A parent's check-in under way (handlers/checkin.py): its answers so far, saved in user_data
with the stored conversation, the one message that shows its current step, and saving the
week's answers at the end (a note that asks something goes on to the instructor)."""

import contextlib
import copy
import functools
from datetime import timedelta

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ConversationHandler

from content.texts import Html
from domain.checkin_stats import current_week, is_question
from handlers.auth import Callback
from handlers.checkin_common import CheckinState, schedule_of
from handlers.checkin_screen import recap_text, render
from handlers.common import Context, store_of, texts_of
from handlers.handoff import pass_to_instructor
from handlers.ui import edit_or_send
from jobs.timing import now_of
from storage.records import CheckinAnswers, ClassRecord, MemberRecord

#: The name of the conversation, and the user_data key of the check-in's answers so far.
CONVERSATION = "checkin"
#: The conversation's states: at a button step (only /cancel is ours), or at the note step.
STEPS, NOTE = range(2)
#: A typed message counts as the note only this long after the parent last touched the check-in:
#: someone who left it at the note step days ago and now asks a question gets an FAQ answer.
NOTE_WINDOW = timedelta(hours=6)


# -- small helpers ---------------------------------------------------------------------------


def week_of(context: Context, klass: ClassRecord) -> int | None:
    """The class's current week (the latest session that has started), or None."""
    schedule = schedule_of(context, klass)
    if schedule is None:
        return None
    return current_week(schedule, now_of(context.application))


async def strip_keyboard(
    context: Context, chat_id: int, message_id: int | None, seen: Update | None = None
) -> None:
    """Take the buttons off an earlier check-in message, so only one set is live. When that is
    the message just pressed (`seen`) and it shows no buttons, nothing is asked of Telegram,
    which refuses an edit that changes nothing."""
    if message_id is None:
        return
    pressed = seen.callback_query.message if seen and seen.callback_query else None
    if (
        isinstance(pressed, Message)
        and pressed.message_id == message_id
        and not (pressed.reply_markup and any(pressed.reply_markup.inline_keyboard))
    ):
        return
    with contextlib.suppress(BadRequest):
        await context.bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message_id, reply_markup=None
        )


def saved_state(context: Context) -> CheckinState | None:
    """The parent's check-in under way (a copy, changed by the steps and kept by `keep_state`)."""
    state = (context.user_data or {}).get(CONVERSATION)
    return copy.deepcopy(state) if isinstance(state, dict) else None


def keep_state(context: Context, state: CheckinState | None) -> None:
    """Keep (or, with None, clear) the parent's check-in: saved with the conversation's state
    once this update has been handled."""
    if context.user_data is None:
        return
    if state is None:
        context.user_data.pop(CONVERSATION, None)
    else:
        context.user_data[CONVERSATION] = state


def follows_state(callback: Callback) -> Callback:
    """Make a check-in callback a conversation step: afterwards the conversation is where the
    saved answers are (at the note step, at a button step, or over)."""

    @functools.wraps(callback)
    async def step(update: Update, context: Context) -> int:
        await callback(update, context)
        state = saved_state(context)
        chat = update.effective_chat
        if state is None or (chat is not None and chat.type != "private"):
            # A check-in goes on in the private chat only: /checkin in a group (answered with
            # the way there) leaves no step waiting in the group.
            return ConversationHandler.END
        return NOTE if state.get("step") == "note" else STEPS

    return step


# -- the conversation on screen ---------------------------------------------------------------


async def show_step(
    context: Context, user_id: int, state: CheckinState, klass: ClassRecord
) -> None:
    """Put the current step on the check-in message (edited in place) and save the state."""
    text, markup = render(texts_of(context), klass, state)
    state["message_id"] = await edit_or_send(
        context, user_id, state.get("message_id"), text, markup
    )
    keep_state(context, state)


async def begin(context: Context, user_id: int, klass: ClassRecord, message_id: int | None) -> None:
    """Start this week's check-in for `klass`, or resume the one under way at its step, shown
    on `message_id` (the pressed message) or on a new message."""
    store = store_of(context)
    week = week_of(context, klass)
    state = saved_state(context)
    same = state is not None and state.get("class_id") == klass["id"] and state.get("week") == week
    if state is not None and state.get("message_id") != message_id:
        await strip_keyboard(context, user_id, state.get("message_id"))
    if not same:
        previous = await store.checkins(klass["id"], week=week, user_id=user_id)
        state = {
            "class_id": klass["id"],
            "week": week,
            "step": "days",
            "days": None,
            "response": None,
            "areas": [],
            "ask": False,
            "changing": bool(previous),
            "prev_note": bool(previous and previous[-1].get("note")),
        }
    assert state is not None
    state["message_id"] = message_id
    await show_step(context, user_id, state, klass)


async def finish(
    update: Update,
    context: Context,
    state: CheckinState,
    klass: ClassRecord,
    member: MemberRecord,
    *,
    note: str | None,
    asked: bool,
    typed: Message | None = None,
) -> None:
    """Save the week's answers, pass on a note that asks something, and say thank you on the
    check-in message (and under a typed note, where the parent is looking)."""
    store = store_of(context)
    texts = texts_of(context)
    user_id = int(member["user_id"])
    class_id, week = klass["id"], int(state["week"])
    previous = await store.checkins(class_id, week=week, user_id=user_id)
    new_note = bool(note) and note != (previous[-1].get("note") if previous else None)
    # An emergency in a note never gets here: the safety net (handlers.safety) answered it.
    answers: CheckinAnswers = {
        "days": state["days"],
        "response": state.get("response"),
        "areas": list(state.get("areas") or ()),
        "note": note,
        "asked": bool(asked and note),
    }
    await store.save_checkin(class_id, user_id, week, answers)
    keep_state(context, None)
    question = new_note and is_question(note, asked)
    if question:
        await pass_to_instructor(
            context.application,
            class_id,
            user_id,
            str(member.get("first_name") or getattr(update.effective_user, "first_name", "")),
            note or "",
            source="checkin",
            # The typed note: an edit of it updates the question, as for any question.
            message_id=typed.message_id if typed is not None else None,
        )
    saved = texts("checkin.saved", week=week, recap=recap_text(texts, answers))
    told = texts("checkin.passed_on") if question else None
    if typed is None:
        text = Html(f"{saved}\n\n{told}") if told else saved
        await edit_or_send(context, user_id, state.get("message_id"), text, None)
        return
    await edit_or_send(context, user_id, state.get("message_id"), saved, None)
    short = texts("checkin.saved_short", week=week)
    await typed.reply_text(Html(f"{short}\n\n{told}") if told else short)
