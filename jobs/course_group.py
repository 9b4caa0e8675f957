"""The class group's course messages (a pass, jobs/course_send.py, queues them here): in the
class's language, with the group's own buttons, silently at night, and the next-session reminder
pinned: the day-before one is posted and pinned, the day's one edits it, the summary unpins it
(the outbox's hook for the group's messages, with jobs/pins.py).
"""

from __future__ import annotations

from datetime import time

from telegram import InlineKeyboardMarkup, Message
from telegram.helpers import create_deep_linked_url

from botdata import App
from domain.schedule import Due, apply_quiet_hours
from jobs import pins
from jobs.course_messages import FEEDBACK_START, feedback_markup
from jobs.course_pass import GROUP, Pass, instructor_name, language_of, messages
from jobs.delivery import sent_key
from jobs.outbox import outbox_of
from jobs.outbox_entry import Entry, Hooks, register
from jobs.preferences import QUIET_END, QUIET_START

#: The group's reminders, pinned in the group until the session is over (jobs/pins.py).
PINNED_KINDS = frozenset({"reminder_day_before", "reminder_today"})
#: The outbox kind of the group's course messages (its hook pins and unpins the reminder).
GROUP_KIND = "course_group"


async def _group_markup(
    p: Pass, kind: str, markup: InlineKeyboardMarkup | None
) -> InlineKeyboardMarkup | None:
    """The buttons of a message as the group gets them, in its language: the closing's "Tell"
    button opens the private chat there (nobody types their feedback into the group)."""
    if kind != "closing" or markup is None:
        return markup
    url = create_deep_linked_url(p.app.bot.username, f"{FEEDBACK_START}{p.class_id}")
    texts = p.content.texts_in(language_of(p, GROUP))
    return feedback_markup(texts, p.class_id, await instructor_name(p, texts), url)


def _night(p: Pass) -> bool:
    """Whether it is night in the class's time zone: the group's messages (which do not wait
    for morning) then arrive without a sound. Not in a compressed test schedule."""
    if not p.quiet:
        return False
    start, end = time.fromisoformat(QUIET_START), time.fromisoformat(QUIET_END)
    return apply_quiet_hours(p.now, p.schedule.tz, start, end) != p.now


async def queue_for_group(p: Pass, due: Due) -> list[Entry]:
    """Queue a due message for the class group: the next-session reminder pinned (the
    day-before one is posted and pinned, the day's one edits it, the summary unpins it:
    `_group_sent` and jobs/pins.py); at night without a sound."""
    ref = p.ref(due.session)
    outbox = outbox_of(p.app)
    silent = [GROUP] if _night(p) else []
    entries: list[Entry] = []
    for kind, text, markup in await messages(p, due, language_of(p, GROUP)):
        edit: int | None = None
        if kind == "reminder_today":
            # A day-before post still waiting out Telegram's trouble would arrive after the
            # day's: one reminder is enough.
            earlier = outbox.find(p.class_id, _group_ref("reminder_day_before", ref))
            if earlier is not None:
                outbox.cancel(earlier)
            pinned = pins.pinned_for(p.record, ref)
            edit = int(pinned["message_id"]) if pinned is not None else None
        entry = await outbox.enqueue(
            p.class_id,
            _group_ref(kind, ref),
            GROUP_KIND,
            [sent_key(kind, ref, GROUP)],
            text=text,
            markup=await _group_markup(p, kind, markup),
            silent=silent,
            expires=due.expires,
            edit_message_id=edit,
            meta={"kind": kind, "session": ref},
        )
        if entry is not None:
            entries.append(entry)
    return entries


def _group_ref(kind: str, ref: str) -> str:
    """The outbox reference of a due message for the class group (one per kind and session)."""
    return f"{kind}:{ref}:{GROUP}"


async def _group_sent(app: App, entry: Entry, key: str, message: Message | None) -> None:
    """The outbox's hook once a course message reached the class group: pin a reminder that
    was posted (an edited one is pinned already), unpin once the session is over."""
    kind, ref = str(entry.meta.get("kind")), str(entry.meta.get("session"))
    store = app.bot_data["store"]
    record = await store.get_class(entry.class_id)
    if record is None:
        return
    if kind in PINNED_KINDS:
        pinned = pins.pinned_for(record, ref)
        if message is None or (pinned and int(pinned["message_id"]) == message.message_id):
            return  # the pinned reminder was edited in place
        await pins.pin(app.bot, store, record, message.chat_id, message.message_id, ref)
    elif kind == "closing" or (kind == "summary" and pins.pinned_for(record, ref)):
        await pins.unpin(app.bot, store, record)


register(GROUP_KIND, Hooks(on_sent=_group_sent))
