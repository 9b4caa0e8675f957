"""What one pass over a class (jobs/course.py wakes it) queues, for whom: each due message to
everyone whose moment has come, in the outbox, each person in their own language (the class
group's, jobs/course_group.py), and the venue's map pin after a person's first reminder; and
the notice that a session moved or was cancelled. What a pass loads and what each message
says is jobs/course_pass.py.

Exactly once, through outages
-----------------------------
Every message is queued in the durable outbox (jobs/outbox.py) with a key per (kind, session,
recipient): the recipient is ``group`` for the class group (its chat id is looked up when it is
sent: it may change when the group becomes a supergroup) or the person's Telegram id. The outbox
retries through Telegram's trouble until each chat has it, refused it, or it expired
(`Due.expires`), and resumes after a restart. When a due message is queued for every recipient
whose moment has come and nobody is waiting for their quiet hours, it is marked complete with
the recipient ``done``; a restart then skips it without looking at anyone. Each person gets it in
their own language (one entry per language); the class group in the class's, as its own entry,
whose delivery pins the next-session reminder (the day's reminder edits the pinned day-before
one instead of posting again; the summary unpins it; jobs/pins.py), silently at night. A
session that was moved gets new keys (its number plus its new local time, e.g.
``3@20260312100000``), so its reminders go out again for the new date.

Late, but only while useful
---------------------------
A message that fell due while the bot was down is sent at start if it has not expired
(`Due.expires`: a reminder never once its session has started; a summary until the next
session). If the same-day reminder is already due, the day-before one is skipped (one reminder
is enough), and a parent who never got the check-in invitation gets it instead of the nudge.

Quiet hours
-----------
Private messages that fall inside a person's quiet hours (default 21:00 to 08:00 in the class's
time zone, changeable in /settings) wait until they end (`domain.schedule.apply_quiet_hours`);
the class's job then wakes again at that moment. The group gets its messages on time. With a
compressed schedule (``SCHEDULE_UNIT_SECONDS`` > 0, tests only) a "day" lasts seconds, so quiet
hours are not applied.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from telegram.error import TelegramError

from botdata import App
from content.loader import Content
from content.texts import Html, Texts
from domain.schedule import GROUP_AND_PRIVATE, Due, session_list
from jobs.course_group import queue_for_group
from jobs.course_pass import (
    CHECKIN_KINDS,
    COURSE_KIND,
    GROUP,
    REMINDER_KINDS,
    Pass,
    earliest,
    expired,
    key_kinds,
    language_of,
    messages,
)
from jobs.delivery import sent_key
from jobs.outbox import outbox_of
from jobs.outbox_entry import DELIVERED, Entry
from jobs.preferences import in_quiet_hours, wants_private_reminders
from jobs.timing import now_of
from storage.repo import Store

log = logging.getLogger(__name__)


async def _skip_for(p: Pass, due: Due, user_id: int | None) -> bool:
    """Whether a recipient needs this message no more (something later says it better)."""
    if due.kind == "reminder_day_before":
        # The same-day reminder is already due for them: one reminder is enough.
        today = p.find("reminder_today", due.session)
        return today is not None and p.send_time(today, user_id) <= p.now
    if user_id is None:
        return False
    if due.kind in CHECKIN_KINDS and user_id in await p.responders(due.session):
        return True
    if due.kind == "checkin_nudge":
        # Never got the invitation (it was still waiting): it goes out instead of the nudge.
        invite = sent_key("checkin_invite", p.ref(due.session), user_id)
        return invite not in p.sent
    return False


async def send_due(p: Pass, due: Due, queued: list[Entry]) -> datetime | None:
    """Queue one due message for everyone it is for whose moment has come.

    Returns None when it is queued (or done) for everyone, else when to look at it again (a
    quiet-hours end). Delivery, retries through Telegram trouble and the "too late" cut-off
    (the message's `expires`) are the outbox's (jobs/outbox.py); entries queued here are added
    to `queued`.
    """
    await p.load_people()
    ref = p.ref(due.session)
    outbox = outbox_of(p.app)
    targets: list[tuple[str, int | None]] = []  # (key recipient, user id)
    group_id = p.record.get("group_chat_id")
    if due.audience == GROUP_AND_PRIVATE and group_id:
        targets.append((GROUP, None))
    for member in p.members or []:
        user_id = int(member["user_id"])
        if due.kind in CHECKIN_KINDS and member.get("role", "parent") != "parent":
            continue
        if due.kind in REMINDER_KINDS and not wants_private_reminders(p.users.get(user_id)):
            continue
        targets.append((str(user_id), user_id))

    again: datetime | None = None
    ready: list[str] = []  # key recipients whose moment has come
    kinds = key_kinds(p, due)
    for recipient, person in targets:
        keys = [sent_key(kind, ref, recipient) for kind in kinds]
        if all(k in p.sent or outbox.queued(p.class_id, k) for k in keys):
            continue
        at = p.send_time(due, person)
        if expired(due, at):
            continue  # it could only arrive stale for them
        if at > p.now:
            again = earliest(again, at)
            continue
        if await _skip_for(p, due, person):
            if due.kind == "checkin_nudge":
                # Recorded as handled: once the late invitation is in the log, the test in
                # _skip_for would no longer hold, and the nudge would follow right behind it.
                await p.store.mark_sent(p.class_id, sent_key(due.kind, ref, recipient))
            continue
        ready.append(recipient)
    if not ready:
        return again
    # The group in the class's language, with its own buttons, its reminder pinned.
    if GROUP in ready:
        ready.remove(GROUP)
        entries = await queue_for_group(p, due)
        queued.extend(entries)
    # Each person in their own language. The closing may be two messages: each is its own
    # entry, and each chat gets them in the order they were queued.
    by_lang: dict[str, list[str]] = {}
    for recipient in ready:
        by_lang.setdefault(language_of(p, recipient), []).append(recipient)
    for lang, people in by_lang.items():
        for kind, text, markup in await messages(p, due, lang):
            entry = await outbox.enqueue(
                p.class_id,
                f"{kind}:{ref}:{lang}:{p.now:%Y%m%d%H%M%S}",
                COURSE_KIND,
                [sent_key(kind, ref, recipient) for recipient in people],
                text=text,
                markup=markup,
                expires=due.expires,
            )
            if entry is not None:
                queued.append(entry)
    if due.kind in REMINDER_KINDS and p.record.get("venue_pin"):
        # The venue's pin follows the reminder once it has arrived (after the pass's wait).
        p.venue_due.append((due, list(ready)))
    return again


async def notify_schedule_change(
    app: App, class_id: str, ref: str, notice: Callable[[Texts], Html]
) -> int:
    """Tell the group and every family that a session moved or was cancelled; how many chats
    have it once each was tried (the outbox goes on retrying through Telegram's trouble).
    `notice` writes it in a language: the group reads the class's, each family its own (else
    the class's), as every course message.

    It goes to everyone still in the class, private reminders on or off: turning reminders off
    should not mean turning up to a cancelled session. Unlike reminders it does not wait out
    quiet hours (it may concern tomorrow morning): those parents get it without a sound.
    """
    store: Store = app.bot_data["store"]
    content: Content = app.bot_data["content"]
    klass = await store.get_class(class_id)
    if klass is None:
        return 0
    members = [int(m["user_id"]) for m in await store.members(class_id)]
    users = await store.get_users(members)
    class_lang = str(klass.get("lang") or "en")
    by_lang: dict[str, list[str]] = {}
    if klass.get("group_chat_id"):
        by_lang[class_lang] = [sent_key("change", ref, GROUP)]
    for uid in members:
        lang = str((users[uid].get("lang") if uid in users else None) or class_lang)
        by_lang.setdefault(lang, []).append(sent_key("change", ref, uid))
    silent = await in_quiet_hours(store, klass["tz"], members, now_of(app))
    outbox = outbox_of(app)
    entries = []
    for lang, keys in by_lang.items():
        entry = await outbox.enqueue(
            class_id,
            f"change:{ref}:{lang}",
            COURSE_KIND,
            keys,
            text=notice(content.texts_in(lang)),
            silent=silent,
        )
        if entry is not None:
            entries.append(entry)
    if not entries:
        return 0
    # Every chat tried once, so the instructor hears how many have it; the outbox keeps trying
    # the others through Telegram's trouble.
    await outbox.wait(entries)
    return sum(
        1 for entry in entries for outcome in entry.outcomes.values() if outcome == DELIVERED
    )


async def send_venue_pin(p: Pass, due: Due, reached: list[tuple[str, int]]) -> None:
    """The venue's map pin (when the instructor shared one), silently, right after a person's
    first reminder of the course: once per person (per date of the first session). A pin
    that fails is not retried: the reminder itself already says where the class meets."""
    pin = p.record.get("venue_pin")
    if not pin or due.kind not in ("reminder_day_before", "reminder_today") or not reached:
        return
    if due.session != min((s.number for s in session_list(p.schedule)), default=None):
        return
    ref = p.ref(due.session)
    name = str(p.record.get("name") or "")
    venue = str(p.record.get("venue") or "").strip()
    for recipient, chat_id in reached:
        key = sent_key("venue", ref, recipient)
        if key in p.sent:
            continue
        try:
            await p.app.bot.send_venue(
                chat_id,
                latitude=float(pin["lat"]),
                longitude=float(pin["lon"]),
                title=venue or name,
                address=venue or name,
                disable_notification=True,
            )
        except TelegramError as exc:
            log.warning("Class %s: venue pin to %s not sent: %s", p.class_id, recipient, exc)
            continue
        await p.store.mark_sent(p.class_id, key)
