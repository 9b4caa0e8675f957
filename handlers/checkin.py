"""The weekly check-in: a parent's one-thumb conversation (/checkin or the invitation's button),
its steps and its registration. Starting it is handlers/checkin_start.py, the check-in under way
(its saved answers, its message, saving it) handlers/checkin_state.py, the message at each step
handlers/checkin_screen.py; /mycheckins is handlers/mycheckins.py, the instructor's /checkins and
/export handlers/checkin_reports.py.

The check-in is a stored conversation like every other (handlers/conversation.py), so a
restarted bot continues where the parent was. Its answers so far live in the parent's user_data
(`CONVERSATION`): every button carries its class and week, and a press is taken only when it
matches that state (same class, week, step and message), so an old button answers kindly and
changes nothing. Every step edits the one check-in message. The week is the class's current
week: the latest session that has started.

The conversation's own state follows the saved answers (`follows_state`): at the note step
(`NOTE`) typed text is the note; at a button step (`STEPS`) only /cancel is the check-in's, and
typed text goes on to the FAQ. A note step left for NOTE_WINDOW no longer takes typing (the
conversation ages out); its buttons still finish it, since they start the conversation again.
"""

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from botdata import App
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
from domain.checkin_stats import AREAS, MAX_NOTE, in_class
from handlers.checkin_common import CheckinState, pressed_message_id
from handlers.checkin_start import checkin_command, on_pick, on_start
from handlers.checkin_state import (
    CONVERSATION,
    NOTE,
    NOTE_WINDOW,
    STEPS,
    finish,
    follows_state,
    keep_state,
    saved_state,
    show_step,
    strip_keyboard,
    week_of,
)
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of
from handlers.conversation import StoredConversation
from handlers.faq import on_not_text, on_private_question
from handlers.ui import edit_or_send
from storage.records import CheckinAnswers, ClassRecord, MemberRecord

COMMANDS = [Command("checkin", "parent")]


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


# -- the steps ---------------------------------------------------------------------------------


async def _current(
    context: Context, user_id: int, state: CheckinState, update: Update | None = None
) -> tuple[ClassRecord, MemberRecord] | str:
    """The class and member a saved check-in is about, if it can still go on; else the key of
    the short answer that says why not (the state is then cleared). `update`: the press or
    message that asked."""
    store = store_of(context)
    klass = await store.get_class(str(state.get("class_id")))
    member = await store.get_member(klass["id"], user_id) if klass else None
    if klass is None or member is None or not in_class(member):
        reason = "checkin.not_member"
    elif week_of(context, klass) != state.get("week"):
        reason = "checkin.stale_week"
    else:
        return klass, member
    keep_state(context, None)
    await strip_keyboard(context, user_id, state.get("message_id"), update)
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
    state = saved_state(context)
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
        keep_state(context, None)
        await query.answer()
        await edit_or_send(context, user.id, state["message_id"], texts("checkin.later"), None)
        return
    elif isinstance(pressed, CheckinSkip):
        await query.answer()
        await finish(update, context, state, klass, member, note=None, asked=False)
        return
    else:  # CheckinKeep
        previous = await store.checkins(klass["id"], week=state["week"], user_id=user.id)
        await query.answer()
        earlier: CheckinAnswers = previous[-1] if previous else {}
        await finish(
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
    await show_step(context, user.id, state, klass)


async def _note_awaited(update: Update, context: Context) -> CheckinState | None:
    """The sender's check-in if it still awaits their note: the conversation said so, but a
    check-in cleared behind its back (by /forgetme) has the last word."""
    state = saved_state(context)
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
    await finish(
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
    state = saved_state(context)
    keep_state(context, None)
    if state is None:
        # Cleared behind the conversation's back (/forgetme): nothing of the check-in's to
        # stop. The conversation ends, so /cancel again reaches whatever else it is for.
        return
    await strip_keyboard(context, user.id, state.get("message_id"))
    await message.reply_text(texts_of(context)("checkin.cancelled"))


def handlers(app: App) -> list[BaseHandler]:
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
            CommandHandler("checkin", follows_state(checkin_command)),
            CallbackQueryHandler(follows_state(on_start), pattern=routes(CheckinStart)),
            CallbackQueryHandler(follows_state(on_pick), pattern=routes(CheckinPick)),
            # Every other "ci:" button, the steps' and any outdated or forged one.
            CallbackQueryHandler(follows_state(on_step), pattern=family("ci")),
        ],
        states={
            STEPS: [],
            NOTE: [
                MessageHandler(
                    private & filters.TEXT & ~filters.COMMAND, follows_state(on_note_text)
                ),
                MessageHandler(
                    private
                    & filters.UpdateType.MESSAGE
                    & ~filters.TEXT
                    & ~filters.COMMAND
                    & ~filters.StatusUpdate.ALL,
                    follows_state(on_note_other),
                ),
            ],
        },
        fallbacks=[CommandHandler("cancel", follows_state(on_cancel), filters=private)],
        allow_reentry=True,
    )
    return [checkin]
