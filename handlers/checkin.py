"""The weekly check-in: a parent's one-thumb conversation (/checkin or the invitation's button),
and /mycheckins. The instructor's /checkins and /export are handlers/checkin_reports.py; the
check-in message at each step is drawn by handlers/checkin_screen.py.

The check-in is a stored conversation like every other (handlers/conversation.py), so a
restarted bot continues where the parent was. Its answers so far live in the parent's user_data
(`CONVERSATION`): every button carries its class and week, and a press is taken only when it
matches that state (same class, week, step and message), so an old button answers kindly and
changes nothing. Every step edits the one check-in message. The week is the class's current
week: the latest session that has started.

The conversation's own state follows the saved answers (`_follows_state`): at the note step
(`NOTE`) typed text is the note; at a button step (`STEPS`) only /cancel is the check-in's, and
typed text goes on to the FAQ. A note step left for NOTE_WINDOW no longer takes typing (the
conversation ages out); its buttons still finish it, since they start the conversation again.
"""

from __future__ import annotations

import contextlib
import copy
import functools
from datetime import timedelta

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from content.dates import local_clock, local_day
from content.lessons import telegram_length
from content.texts import Html
from domain.buttons import (
    CheckinArea,
    CheckinAsk,
    CheckinDays,
    CheckinDone,
    CheckinKeep,
    CheckinLater,
    CheckinPick,
    CheckinResponse,
    CheckinSkip,
    CheckinStart,
    CheckinStep,
    family,
    parse,
    routes,
)
from domain.checkin_stats import (
    AREAS,
    MAX_NOTE,
    checkin_open,
    current_week,
    first_session_start,
    in_class,
    is_question,
)
from handlers.auth import Callback
from handlers.checkin_common import (
    MESSAGE_BUDGET,
    Record,
    edit_or_send,
    not_in_private,
    pressed_message_id,
    schedule_of,
)
from handlers.checkin_screen import recap_text, render
from handlers.classpick import choose_class, chosen_class_id, member_class, member_classes
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of
from handlers.conversation import StoredConversation
from handlers.faq import on_not_text, on_private_question
from handlers.handoff import pass_to_instructor
from jobs.timing import now_of

COMMANDS = [
    Command("checkin", "parent"),
    Command("mycheckins", "parent"),
]

#: The name of the conversation, and the user_data key of the check-in's answers so far.
CONVERSATION = "checkin"
#: The conversation's states: at a button step (only /cancel is ours), or at the note step.
STEPS, NOTE = range(2)
#: A typed message counts as the note only this long after the parent last touched the check-in:
#: someone who left it at the note step days ago and now asks a question gets an FAQ answer.
NOTE_WINDOW = timedelta(hours=6)
#: How much of each note /mycheckins shows.
MY_NOTE_PREVIEW = 150

# The step each button belongs to: a press is taken only at that step (a double tap, or a button
# of a step already answered, changes nothing).
_STEP_OF: dict[type[CheckinStep], str] = {
    CheckinDays: "days",
    CheckinLater: "days",
    CheckinResponse: "response",
    CheckinArea: "areas",
    CheckinDone: "areas",
    CheckinSkip: "note",
    CheckinAsk: "note",
    CheckinKeep: "note",
}


# -- small helpers ---------------------------------------------------------------------------


def _week_of(context: Context, klass: Record) -> int | None:
    """The class's current week (the latest session that has started), or None."""
    schedule = schedule_of(context, klass)
    if schedule is None:
        return None
    return current_week(schedule, now_of(context.application))


async def _strip_keyboard(
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


def _saved(context: Context) -> Record | None:
    """The parent's check-in under way (a copy, changed by the steps and kept by `_keep`)."""
    state = (context.user_data or {}).get(CONVERSATION)
    return copy.deepcopy(state) if isinstance(state, dict) else None


def _keep(context: Context, state: Record | None) -> None:
    """Keep (or, with None, clear) the parent's check-in: saved with the conversation's state
    once this update has been handled."""
    if context.user_data is None:
        return
    if state is None:
        context.user_data.pop(CONVERSATION, None)
    else:
        context.user_data[CONVERSATION] = state


def _follows_state(callback: Callback) -> Callback:
    """Make a check-in callback a conversation step: afterwards the conversation is where the
    saved answers are (at the note step, at a button step, or over)."""

    @functools.wraps(callback)
    async def step(update: Update, context: Context) -> int:
        await callback(update, context)
        state = _saved(context)
        chat = update.effective_chat
        if state is None or (chat is not None and chat.type != "private"):
            # A check-in goes on in the private chat only: /checkin in a group (answered with
            # the way there) leaves no step waiting in the group.
            return ConversationHandler.END
        return NOTE if state.get("step") == "note" else STEPS

    return step


# -- the conversation on screen ---------------------------------------------------------------


async def _show(context: Context, user_id: int, state: Record, klass: Record) -> None:
    """Put the current step on the check-in message (edited in place) and save the state."""
    text, markup = render(texts_of(context), klass, state)
    state["message_id"] = await edit_or_send(
        context, user_id, state.get("message_id"), text, markup
    )
    _keep(context, state)


async def _begin(context: Context, user_id: int, klass: Record, message_id: int | None) -> None:
    """Start this week's check-in for `klass`, or resume the one under way at its step, shown
    on `message_id` (the pressed message) or on a new message."""
    store = store_of(context)
    week = _week_of(context, klass)
    state = _saved(context)
    same = state is not None and state.get("class_id") == klass["id"] and state.get("week") == week
    if state is not None and state.get("message_id") != message_id:
        await _strip_keyboard(context, user_id, state.get("message_id"))
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
    await _show(context, user_id, state, klass)


async def _finish(
    update: Update,
    context: Context,
    state: Record,
    klass: Record,
    member: Record,
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
    answers = {
        "days": state["days"],
        "response": state.get("response"),
        "areas": list(state.get("areas") or ()),
        "note": note,
        "asked": bool(asked and note),
    }
    await store.save_checkin(class_id, user_id, week, answers)
    _keep(context, None)
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


# -- starting: /checkin, the invitation, the class choice --------------------------------------


async def _open_classes(update: Update, context: Context) -> list[Record] | None:
    """The classes this parent can check in for now; None after telling them why there are
    none (not in a class, first session still ahead, course over)."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None
    store = store_of(context)
    texts = texts_of(context)
    now = now_of(context.application)
    mine = []
    for klass in await member_classes(context, user.id, include_ended=True):
        member = await store.get_member(klass["id"], user.id)
        if member is not None and in_class(member):
            mine.append(klass)
    if not mine:
        await message.reply_text(texts("checkin.no_class"))
        return None
    open_now, upcoming = [], []
    for klass in mine:
        schedule = schedule_of(context, klass)
        if schedule is None:
            continue
        if checkin_open(schedule, now):
            open_now.append(klass)
        elif (first := first_session_start(schedule)) is not None and first > now:
            upcoming.append(first)
    if open_now:
        return open_now
    if upcoming:
        first = min(upcoming)
        await message.reply_text(
            texts("checkin.not_yet", date=local_day(first, texts), time=local_clock(first))
        )
    elif all(schedule_of(context, k) is None for k in mine):
        await message.reply_text(texts("checkin.not_yet_undated"))
    else:
        await message.reply_text(texts("checkin.course_over"))
    return None


async def checkin_command(update: Update, context: Context) -> None:
    """/checkin: start (or resume, or change) this week's check-in in the private chat."""
    user = update.effective_user
    if user is None or await not_in_private(update, context):
        return
    classes = await _open_classes(update, context)
    if classes is None:
        return
    texts = texts_of(context)
    klass = await choose_class(
        update, context, classes, callback=CheckinPick, prompt=texts("checkin.pick_class")
    )
    if klass is not None:
        await _begin(context, user.id, klass, None)


async def on_pick(update: Update, context: Context) -> None:
    """The parent chose which class this check-in is for: it starts on the same message."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    texts = texts_of(context)
    class_id = chosen_class_id(query.data, CheckinPick)
    klass = None
    if class_id is not None:
        klass = await member_class(context, user.id, class_id, include_ended=True)
    member = await store_of(context).get_member(klass["id"], user.id) if klass else None
    schedule = schedule_of(context, klass) if klass else None
    if (
        klass is None
        or member is None
        or not in_class(member)
        or schedule is None
        or not checkin_open(schedule, now_of(context.application))
    ):
        await query.answer(texts.raw("checkin.stale_button"))
        return
    await query.answer()
    await _begin(context, user.id, klass, pressed_message_id(update))


async def on_start(update: Update, context: Context) -> None:
    """The invitation's button (CheckinStart): this week's check-in, on that message.

    A button from an earlier week, or for a week already answered, only answers with a short
    note: nothing changes (changing answers is /checkin's job).
    """
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    store = store_of(context)
    texts = texts_of(context)
    pressed = parse(query.data, CheckinStart)
    if pressed is None:
        await query.answer(texts.raw("checkin.stale_button"))
        return
    class_id, week = pressed.class_id, pressed.week
    klass = await store.get_class(class_id)
    member = await store.get_member(class_id, user.id) if klass else None
    if klass is None or member is None or not in_class(member):
        await query.answer(texts.raw("checkin.not_member"))
        return
    now_week = _week_of(context, klass)
    schedule = schedule_of(context, klass)
    if (
        now_week is None
        or schedule is None
        or week != now_week
        or not checkin_open(schedule, now_of(context.application))
    ):
        late = now_week is not None and week < now_week
        await query.answer(
            texts.raw("checkin.stale_week").format(week=week)
            if late
            else texts.raw("checkin.stale_button")
        )
        return
    state = _saved(context)
    under_way = (
        state is not None and state.get("class_id") == class_id and state.get("week") == week
    )
    if not under_way and await store.checkins(class_id, week=week, user_id=user.id):
        await query.answer(texts.raw("checkin.already_done").format(week=week))
        return
    await query.answer()
    await _begin(context, user.id, klass, pressed_message_id(update))


# -- the steps ---------------------------------------------------------------------------------


async def _current(
    context: Context, user_id: int, state: Record, update: Update | None = None
) -> tuple[Record, Record] | str:
    """The class and member a saved check-in is about, if it can still go on; else the key of
    the short answer that says why not (the state is then cleared). `update`: the press or
    message that asked."""
    store = store_of(context)
    klass = await store.get_class(str(state.get("class_id")))
    member = await store.get_member(klass["id"], user_id) if klass else None
    if klass is None or member is None or not in_class(member):
        reason = "checkin.not_member"
    elif _week_of(context, klass) != state.get("week"):
        reason = "checkin.stale_week"
    else:
        return klass, member
    _keep(context, None)
    await _strip_keyboard(context, user_id, state.get("message_id"), update)
    return reason


async def on_step(update: Update, context: Context) -> None:
    """A button of the check-in (days, response, areas, Done, Skip, Ask, Keep, Not now).

    Taken only when it belongs to the saved check-in: same class, week and message, and the
    step it answers is the current one. Anything else (an old message, a double tap, forged
    data) gets a short answer and changes nothing.
    """
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    store = store_of(context)
    texts = texts_of(context)
    stale = texts.raw("checkin.stale_button")
    pressed = parse(query.data, *_STEP_OF)  # the values are checked: forged ones read as None
    state = _saved(context)
    if (
        pressed is None
        or state is None
        or state.get("class_id") != pressed.class_id
        or state.get("week") != pressed.week
        or state.get("message_id") != pressed_message_id(update)
        or _STEP_OF[type(pressed)] != state.get("step")
    ):
        await query.answer(stale)
        return
    found = await _current(context, user.id, state, update)
    if isinstance(found, str):
        await query.answer(texts.raw(found).format(week=state.get("week")))
        return
    klass, member = found
    if isinstance(pressed, CheckinDays):
        state["days"] = pressed.days
        if pressed.days == "0":
            # Nothing practised: no questions about practice, straight to the (kind) note.
            state.update(response=None, areas=[], step="note")
        else:
            state["step"] = "response"
    elif isinstance(pressed, CheckinResponse):
        state.update(response=pressed.response, step="areas")
    elif isinstance(pressed, CheckinArea):
        areas, area = list(state.get("areas") or ()), pressed.area
        state["areas"] = [a for a in areas if a != area] if area in areas else [*areas, area]
        # Kept in the course's order, whatever order they were tapped in.
        state["areas"] = [a for a in AREAS if a in state["areas"]]
    elif isinstance(pressed, CheckinDone):
        state["step"] = "note"
    elif isinstance(pressed, CheckinAsk):
        state["ask"] = True
    elif isinstance(pressed, CheckinLater):
        _keep(context, None)
        await query.answer()
        await edit_or_send(context, user.id, state["message_id"], texts("checkin.later"), None)
        return
    elif isinstance(pressed, CheckinSkip):
        await query.answer()
        await _finish(update, context, state, klass, member, note=None, asked=False)
        return
    else:  # CheckinKeep
        previous = await store.checkins(klass["id"], week=state["week"], user_id=user.id)
        await query.answer()
        earlier = previous[-1] if previous else {}
        await _finish(
            update,
            context,
            state,
            klass,
            member,
            note=earlier.get("note"),
            asked=bool(earlier.get("asked")),
        )
        return
    await query.answer()
    await _show(context, user.id, state, klass)


async def _note_awaited(update: Update, context: Context) -> Record | None:
    """The sender's check-in if it still awaits their note: the conversation said so, but a
    check-in cleared behind its back (by /forgetme) has the last word."""
    state = _saved(context)
    return state if state is not None and state.get("step") == "note" else None


async def on_note_text(update: Update, context: Context) -> None:
    """The typed note (or question for the instructor): checked, saved with the answers."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None
    texts = texts_of(context)
    state = await _note_awaited(update, context)
    if state is None:  # not a note after all: what it is anywhere else, a question
        await on_private_question(update, context)
        return
    note = (message.text or "").strip()
    if len(note) > MAX_NOTE:
        await message.reply_text(
            texts("checkin.note_too_long", length=f"{len(note):,}", limit=f"{MAX_NOTE:,}")
        )
        return
    if not note:
        await message.reply_text(texts("checkin.note_not_text"))
        return
    found = await _current(context, user.id, state, update)
    if isinstance(found, str):
        await message.reply_text(texts(found, week=state.get("week")))
        return
    klass, member = found
    await _finish(
        update,
        context,
        state,
        klass,
        member,
        note=note,
        asked=bool(state.get("ask")),
        typed=message,
    )


async def on_note_other(update: Update, context: Context) -> None:
    """A sticker, photo or voice message where the note was expected: kindly, the same step."""
    message = update.effective_message
    if message is None:
        return
    if await _note_awaited(update, context) is None:  # not at the note step after all
        await on_not_text(update, context)
        return
    await message.reply_text(texts_of(context)("checkin.note_not_text"))


async def on_cancel(update: Update, context: Context) -> None:
    """/cancel during a check-in: stop it, save nothing."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None
    state = _saved(context)
    _keep(context, None)
    if state is None:
        # Cleared behind the conversation's back (/forgetme): nothing of the check-in's to
        # stop. The conversation ends, so /cancel again reaches whatever else it is for.
        return
    await _strip_keyboard(context, user.id, state.get("message_id"))
    await message.reply_text(texts_of(context)("checkin.cancelled"))


# -- /mycheckins -------------------------------------------------------------------------------


async def mycheckins_command(update: Update, context: Context) -> None:
    """/mycheckins: a parent's own check-ins, week by week (never anyone else's)."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None or await not_in_private(update, context):
        return
    store = store_of(context)
    texts = texts_of(context)
    classes = await member_classes(context, user.id, include_ended=True)
    sections: list[str] = []
    for klass in classes:
        mine = await store.checkins(klass["id"], user_id=user.id)
        if not mine:
            continue
        lines = [texts("checkin.my_class", class_name=klass.get("name") or "")]
        for checkin in mine:
            recap = recap_text(texts, checkin, note_limit=MY_NOTE_PREVIEW)
            lines.append(texts("checkin.my_week", week=checkin["week"], recap=recap))
        sections.append("\n\n".join(lines))
    if not sections:
        await message.reply_text(texts("checkin.my_none"))
        return
    text = str(texts("checkin.my_header"))
    for section in sections:
        if telegram_length(text) + telegram_length(section) > MESSAGE_BUDGET:
            await message.reply_text(Html(text))
            text = ""
        text = f"{text}\n\n{section}" if text else section
    await message.reply_text(Html(text))


# -- registration --------------------------------------------------------------------------------


def handlers(app: Application) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried (the instructor's "ci:"
    buttons are handlers/checkin_reports.py's, registered before these)."""
    private = filters.ChatType.PRIVATE
    checkin = StoredConversation(
        app,
        name=CONVERSATION,
        max_age=NOTE_WINDOW,
        # Every button of the check-in starts (or resumes) it: a press is checked against the
        # saved answers, whatever step the conversation was at.
        entry_points=[
            CommandHandler("checkin", _follows_state(checkin_command)),
            CallbackQueryHandler(_follows_state(on_start), pattern=routes(CheckinStart)),
            CallbackQueryHandler(_follows_state(on_pick), pattern=routes(CheckinPick)),
            # Every other "ci:" button, the steps' and any outdated or forged one.
            CallbackQueryHandler(_follows_state(on_step), pattern=family("ci")),
        ],
        states={
            STEPS: [],
            NOTE: [
                MessageHandler(
                    private & filters.TEXT & ~filters.COMMAND, _follows_state(on_note_text)
                ),
                MessageHandler(
                    private
                    & filters.UpdateType.MESSAGE
                    & ~filters.TEXT
                    & ~filters.COMMAND
                    & ~filters.StatusUpdate.ALL,
                    _follows_state(on_note_other),
                ),
            ],
        },
        fallbacks=[CommandHandler("cancel", _follows_state(on_cancel), filters=private)],
        allow_reentry=True,
    )
    return [
        CommandHandler("mycheckins", mycheckins_command),
        checkin,
    ]
