"""Starting a check-in (handlers/checkin.py): /checkin (which class, if several), the
invitation's button, and the class choice; or why it cannot start yet (not in a class, first
session still ahead, course over)."""

from telegram import Update

from content.dates import local_clock, local_day
from domain.buttons import CheckinPick, CheckinStart, parse
from domain.checkin_stats import checkin_open, first_session_start, in_class
from handlers.checkin_common import pressed_message_id, schedule_of
from handlers.checkin_state import begin, saved_state, week_of
from handlers.classpick import choose_class, chosen_class_id, member_class, member_classes
from handlers.common import Context, store_of, texts_of
from handlers.ui import not_in_private
from jobs.timing import now_of
from storage.records import ClassRecord

# -- starting: /checkin, the invitation, the class choice --------------------------------------


async def _open_classes(update: Update, context: Context) -> list[ClassRecord] | None:
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
        await begin(context, user.id, klass, None)


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
    await begin(context, user.id, klass, pressed_message_id(update))


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
    now_week = week_of(context, klass)
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
    state = saved_state(context)
    under_way = (
        state is not None and state.get("class_id") == class_id and state.get("week") == week
    )
    if not under_way and await store.checkins(class_id, week=week, user_id=user.id):
        await query.answer(texts.raw("checkin.already_done").format(week=week))
        return
    await query.answer()
    await begin(context, user.id, klass, pressed_message_id(update))
