"""The course's scheduled messages: reminders, lesson summaries, check-in invitations and
nudges, and the closing message, each sent once, at the right local time, across restarts.

How it is scheduled: ONE APScheduler job per class, for that class's next due moment
----------------------------------------------------------------------------------------
Nothing about the schedule lives in the job queue: what is due is always recomputed from the
stored class record (`domain.schedule.due_messages`) and what was sent from the class's sent log.
Each class has at most one job, named ``course:<class id>`` (`job_name`), set for the class's
next due moment. When it fires, `run_class` sends everything that is due by now, then replaces
the job with one for the next moment (or none once the course is over). A change of schedule
(`reschedule_class`) and the start-up (`rebuild`) do the same without sending.

Why not one job per (class, message)? A five-week class has about 26 due messages, and quiet
hours split private ones further per parent, so a bot serving 2,000 classes would hold 50,000+
APScheduler jobs, each added at every start and each replaced one by one when a session moves.
One job per class keeps the job store at one entry per class that still has something ahead
(finished classes have none), makes a schedule change a single replacement, and still lets every
class run on its own (a slow broadcast in one class never delays another). `bench/schedule.py`
measures both at 2,000 classes (1,565 with messages ahead): rebuilding one job per class takes
0.4 s and 11 MB; one job per pending message would be 32,000 jobs, 1.6 s and 26 MB, growing
with every parent whose quiet hours split a message.

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

APScheduler settings, on purpose
--------------------------------
``misfire_grace_time=None``: a one-shot job that fires late (a busy loop, a suspended laptop)
must still run; APScheduler's default of one second would silently drop it, and with it every
later message of the class. ``coalesce=True``: should several run times ever pile up, run once
(one pass sends everything due anyway). ``max_instances=3``: a pass replaces its own job just
before it ends, and a replacement due at once must not be skipped as a second instance (passes
over one class are serialised by a lock instead). Job ids are the job names, so the job store
finds a class's job in constant time instead of the linear search of ``get_jobs_by_name``.

Tests and the playground (`playground/clock.py`) may set ``app.bot_data["clock"]`` to a function
returning an aware datetime: the passes and the course commands then use it instead of the real
clock.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any, cast

from apscheduler.jobstores.base import JobLookupError
from telegram import InlineKeyboardMarkup, Message
from telegram.error import TelegramError
from telegram.ext import Application, CallbackContext
from telegram.helpers import create_deep_linked_url

# local_day and local_clock are not used here: handlers/sessions.py still reads them as
# `course_jobs.local_day` and `course_jobs.local_clock` (that module is being changed elsewhere);
# re-exported until it imports them from content.dates.
from content.dates import local_clock as local_clock
from content.dates import local_day as local_day
from content.dates import when_words
from content.lessons import render_lesson
from content.loader import Content
from content.texts import Html, Texts
from domain.schedule import (
    GROUP_AND_PRIVATE,
    ClassSchedule,
    Due,
    apply_quiet_hours,
    due_messages,
    session_list,
)
from jobs import pins
from jobs.course_messages import (
    FEEDBACK_START,
    checkin_markup,
    closing_messages,
    feedback_markup,
    rsvp_markup,
    venue_line,
)
from jobs.delivery import sent_key
from jobs.outbox import DELIVERED, Entry, Hooks, outbox_of, register
from jobs.preferences import (
    QUIET_END,
    QUIET_START,
    in_quiet_hours,
    quiet_window,
    wants_private_reminders,
)
from jobs.timing import done_key, now_of, offsets_for, schedule_for, session_ref, unit_of
from storage.repo import Store

log = logging.getLogger(__name__)

JOB_PREFIX = "course:"
#: The recipient part of the keys of messages to the class group.
GROUP = "group"
#: Kinds a parent can switch off for their private chat (/settings): the group still gets them.
REMINDER_KINDS = frozenset({"reminder_day_before", "reminder_today", "summary", "closing"})
#: The group's reminders, pinned in the group until the session is over (jobs/pins.py).
PINNED_KINDS = frozenset({"reminder_day_before", "reminder_today"})
#: Outbox kinds of course messages: to people, and to the class group (which has a hook that
#: pins and unpins its reminder, `_group_sent`).
COURSE_KIND = "course"
GROUP_KIND = "course_group"
#: Kinds about the weekly check-in: private, and for parents only (carers do not check in).
CHECKIN_KINDS = frozenset({"checkin_invite", "checkin_nudge"})
#: A pass that failed (storage trouble) is tried again this much later.
RETRY_AFTER = timedelta(minutes=5)


# -- small pieces ------------------------------------------------------------------------------


def job_name(class_id: str) -> str:
    """The name (and APScheduler id) of a class's one job."""
    return f"{JOB_PREFIX}{class_id}"


async def notify_schedule_change(app: Application, class_id: str, ref: str, text: str) -> int:
    """Tell the group and every family that a session moved or was cancelled; how many chats
    have it once each was tried (the outbox goes on retrying through Telegram's trouble).

    It goes to everyone still in the class, private reminders on or off: turning reminders off
    should not mean turning up to a cancelled session. Unlike reminders it does not wait out
    quiet hours (it may concern tomorrow morning): those parents get it without a sound.
    """
    store: Store = app.bot_data["store"]
    klass = await store.get_class(class_id)
    if klass is None:
        return 0
    members = [int(m["user_id"]) for m in await store.members(class_id)]
    keys = [sent_key("change", ref, uid) for uid in members]
    if klass.get("group_chat_id"):
        keys.insert(0, sent_key("change", ref, GROUP))
    silent = await in_quiet_hours(store, klass["tz"], members, now_of(app))
    outbox = outbox_of(app)
    entry = await outbox.enqueue(
        class_id, f"change:{ref}", COURSE_KIND, keys, text=text, silent=silent
    )
    if entry is None:
        return 0
    # Every chat tried once, so the instructor hears how many have it; the outbox keeps trying
    # the others through Telegram's trouble.
    await outbox.wait([entry])
    return sum(1 for outcome in entry.outcomes.values() if outcome == DELIVERED)


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    """The earlier of two optional instants."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def _expired(due: Due, at: datetime) -> bool:
    """Whether a message sent at `at` would come too late to be of any use."""
    return due.expires is not None and at >= due.expires


# -- one pass over a class ---------------------------------------------------------------------


@dataclass
class _Pass:
    """What one pass over a class needs, loaded once and only if something is due."""

    app: Application
    record: dict[str, Any]
    schedule: ClassSchedule
    dues: list[Due]
    now: datetime
    sent: frozenset[str]
    quiet: bool
    members: list[dict[str, Any]] | None = None
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    notes: dict[int, str] | None = None
    checked_in: dict[int, set[int]] = field(default_factory=dict)
    # First-session reminders queued in this pass, whose venue pin follows once they arrive.
    venue_due: list[tuple[Due, list[str]]] = field(default_factory=list)

    @property
    def store(self) -> Store:
        """The repository."""
        return cast(Store, self.app.bot_data["store"])

    @property
    def content(self) -> Content:
        """All content."""
        return cast(Content, self.app.bot_data["content"])

    @property
    def class_id(self) -> str:
        """The class this pass is about."""
        return str(self.record["id"])

    async def load_people(self) -> None:
        """Load the active members and their own records (quiet hours, reminder choice)."""
        if self.members is not None:
            return
        self.members = await self.store.members(self.class_id)
        self.users = await self.store.get_users([m["user_id"] for m in self.members])

    def ref(self, number: int) -> str:
        """The sent-log reference of a session."""
        return session_ref(self.schedule, number)

    def find(self, kind: str, number: int) -> Due | None:
        """The due message of a kind for a session, if it is in the schedule."""
        for due in self.dues:
            if due.kind == kind and due.session == number:
                return due
        return None

    def send_time(self, due: Due, user_id: int | None) -> datetime:
        """When a message may reach a recipient: quiet hours hold back private chats."""
        if user_id is None or not self.quiet:
            return due.at
        start, end = quiet_window(self.users.get(user_id))
        return apply_quiet_hours(due.at, self.schedule.tz, start, end)

    async def responders(self, week: int) -> set[int]:
        """Parents who checked in for a week (a carer's check-in counts for their family)."""
        if week not in self.checked_in:
            found = {c["user_id"] for c in await self.store.checkins(self.class_id, week=week)}
            for member in self.members or []:
                if member["user_id"] in found and member.get("family_of"):
                    found.add(int(member["family_of"]))
            self.checked_in[week] = found
        return self.checked_in[week]


def _key_kinds(p: _Pass, due: Due) -> list[str]:
    """The key kinds a due message is sent under (the closing may take two messages)."""
    if due.kind == "closing":
        return ["closing", "closing_outline"][: len(closing_messages(p.content))]
    return [due.kind]


async def _skip_for(p: _Pass, due: Due, user_id: int | None) -> bool:
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


async def _instructor_name(p: _Pass, texts: Texts | None = None) -> str:
    """The class instructor's name, for "Tell <instructor>" (or "your instructor" in the
    language of `texts`)."""
    instructor = await p.store.get_instructor(int(p.record.get("instructor_id") or 0))
    name = str((instructor or {}).get("name") or "")
    return name or (texts or p.content.texts).raw("course.feedback_your_instructor")


async def _group_markup(
    p: _Pass, kind: str, markup: InlineKeyboardMarkup | None
) -> InlineKeyboardMarkup | None:
    """The buttons of a message as the group gets them: the closing's "Tell" button opens the
    private chat there (nobody types their feedback into the group)."""
    if kind != "closing" or markup is None:
        return markup
    url = create_deep_linked_url(p.app.bot.username, f"{FEEDBACK_START}{p.class_id}")
    return feedback_markup(p.content.texts, p.class_id, await _instructor_name(p), url)


def _night(p: _Pass) -> bool:
    """Whether it is night in the class's time zone: the group's messages (which do not wait
    for morning) then arrive without a sound. Not in a compressed test schedule."""
    if not p.quiet:
        return False
    start, end = time.fromisoformat(QUIET_START), time.fromisoformat(QUIET_END)
    return apply_quiet_hours(p.now, p.schedule.tz, start, end) != p.now


async def _messages(
    p: _Pass, due: Due, lang: str | None = None
) -> list[tuple[str, Html, InlineKeyboardMarkup | None]]:
    """What a due message says in `lang`: (key kind, text, buttons) per message; empty if
    nothing."""
    texts = p.content.texts_in(lang)
    record = p.record
    name = str(record.get("name") or "")
    if due.kind in ("reminder_day_before", "reminder_today"):
        session = next(s for s in session_list(p.schedule) if s.number == due.session)
        text = texts(
            f"course.{due.kind}",
            class_name=name,
            when=when_words(texts, session, p.now),
            venue=venue_line(texts, record),
        )
        return [(due.kind, text, rsvp_markup(texts, p.class_id, due.session))]
    if due.kind == "summary":
        if p.notes is None:
            p.notes = await p.store.week_notes(p.class_id)
        note = p.notes.get(due.session)
        lessons, outline = p.content.lessons_in(lang)
        lesson = lessons.get(due.session)
        if lesson is not None:
            return [(due.kind, Html(render_lesson(lesson, note, outline.labels)), None)]
        if note:
            text = texts("course.summary_note_only", week=due.session, note=note)
            return [(due.kind, text, None)]
        return []
    if due.kind == "closing":
        parts = closing_messages(p.content, lang)
        # The answer buttons go under the part that ends with the feedback question.
        buttons = feedback_markup(texts, p.class_id, await _instructor_name(p, texts))
        kinds = _key_kinds(p, due)
        return [
            (k, Html(t), buttons if k == kinds[-1] else None)
            for k, t in zip(kinds, parts, strict=True)
        ]
    button = checkin_markup(texts, p.class_id, due.session)
    return [(due.kind, texts(f"course.{due.kind}", class_name=name, week=due.session), button)]


async def _send_due(p: _Pass, due: Due, queued: list[Entry]) -> datetime | None:
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
    kinds = _key_kinds(p, due)
    for recipient, person in targets:
        keys = [sent_key(kind, ref, recipient) for kind in kinds]
        if all(k in p.sent or outbox.queued(p.class_id, k) for k in keys):
            continue
        at = p.send_time(due, person)
        if _expired(due, at):
            continue  # it could only arrive stale for them
        if at > p.now:
            again = _earliest(again, at)
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
        entries = await _queue_for_group(p, due)
        queued.extend(entries)
    # Each person in their own language. The closing may be two messages: each is its own
    # entry, and each chat gets them in the order they were queued.
    by_lang: dict[str, list[str]] = {}
    for recipient in ready:
        by_lang.setdefault(_language_of(p, recipient), []).append(recipient)
    for lang, people in by_lang.items():
        for kind, text, markup in await _messages(p, due, lang):
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


def _language_of(p: _Pass, recipient: str) -> str:
    """The language a recipient reads: the class's for its group, else the person's saved
    choice, else the class's."""
    class_lang = str(p.record.get("lang") or "en")
    if recipient == GROUP:
        return class_lang
    person = (p.users or {}).get(int(recipient)) or {}
    return str(person.get("lang") or class_lang)


async def _queue_for_group(p: _Pass, due: Due) -> list[Entry]:
    """Queue a due message for the class group: the next-session reminder pinned (the
    day-before one is posted and pinned, the day's one edits it, the summary unpins it:
    `_group_sent` and jobs/pins.py); at night without a sound."""
    ref = p.ref(due.session)
    outbox = outbox_of(p.app)
    silent = [GROUP] if _night(p) else []
    entries: list[Entry] = []
    for kind, text, markup in await _messages(p, due, _language_of(p, GROUP)):
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


async def _group_sent(app: Application, entry: Entry, key: str, message: Message | None) -> None:
    """The outbox's hook once a course message reached the class group: pin a reminder that
    was posted (an edited one is pinned already), unpin once the session is over."""
    kind, ref = str(entry.meta.get("kind")), str(entry.meta.get("session"))
    store = cast(Store, app.bot_data["store"])
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


#: Class passes queueing their messages at the same moment (the 18:00 burst): the rest wait,
#: so a parent's reply never queues for storage behind hundreds of passes' writes.
PASSES_AT_ONCE = 4


def _gate(app: Application) -> asyncio.Semaphore:
    """The semaphore that lets `PASSES_AT_ONCE` class passes queue their messages at a time."""
    gate = app.bot_data.get("course_gate")
    if not isinstance(gate, asyncio.Semaphore):
        gate = app.bot_data["course_gate"] = asyncio.Semaphore(PASSES_AT_ONCE)
    return gate


async def _send_venue_pin(p: _Pass, due: Due, reached: list[tuple[str, int]]) -> None:
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


def _lock(app: Application, class_id: str) -> asyncio.Lock:
    """The lock that keeps two passes over one class from ever running at once."""
    locks = cast(dict[str, asyncio.Lock], app.bot_data.setdefault("course_locks", {}))
    if class_id not in locks:
        locks[class_id] = asyncio.Lock()
    return locks[class_id]


def _pending_dues(
    record: Mapping[str, Any], sent: frozenset[str], now: datetime, unit: timedelta | None
) -> tuple[ClassSchedule, list[Due]]:
    """A class's schedule and its due messages not yet complete and not expired at `now`."""
    schedule = schedule_for(record, unit)
    if record.get("ended") and record.get("ended_after") is None:
        return schedule, []  # ended without a recorded last session: nothing more to send
    dues = due_messages(schedule, offsets_for(record, unit))
    return schedule, [
        due
        for due in dues
        if done_key(due, session_ref(schedule, due.session)) not in sent and not _expired(due, now)
    ]


def next_wake(
    record: Mapping[str, Any], sent: frozenset[str], now: datetime, unit: timedelta | None = None
) -> datetime | None:
    """When a class next needs a pass (now if something is overdue), or None if never."""
    try:
        _, dues = _pending_dues(record, sent, now, unit)
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("Class %s has a schedule I cannot read: %s", record.get("id"), exc)
        return None
    return max(dues[0].at, now) if dues else None


def _set_job(app: Application, class_id: str, when: datetime | None, *, fresh: bool) -> None:
    """Replace a class's job with one at `when` (or none). `fresh`: none can exist yet."""
    job_queue = app.job_queue
    if job_queue is None:  # pragma: no cover - the job-queue extra is a requirement
        raise RuntimeError("python-telegram-bot was installed without its job queue")
    name = job_name(class_id)
    if not fresh:
        try:
            job_queue.scheduler.remove_job(name)
        except JobLookupError:
            pass
    if when is None:
        return
    job_queue.run_once(
        _wake,
        when,
        data=class_id,
        name=name,
        job_kwargs={
            "id": name,
            "replace_existing": True,
            # Run however late (the default of 1 s would drop the class's whole future).
            "misfire_grace_time": None,
            "coalesce": True,
            # A pass sets the class's next job before it returns; if that job is due at once,
            # APScheduler would see the finishing pass as a running instance and, with its
            # default of one, skip (and so drop) the new run. The class lock serialises passes.
            "max_instances": 3,
        },
    )


async def _wake(context: CallbackContext) -> None:
    """Job callback: a class's next due moment has come."""
    job = context.job
    if job is None or not isinstance(job.data, str):
        return
    await run_class(context.application, job.data)


async def run_class(app: Application, class_id: str) -> None:
    """Queue whatever is due for a class now, then set its job for the next due moment.

    Returns once every chat of what it queued has been tried once (the outbox retries the rest
    on its own), so passes over one class never overlap.
    """
    store = cast(Store, app.bot_data["store"])
    unit = unit_of(app)
    async with _lock(app, class_id), _gate(app):
        now = now_of(app)
        wake: datetime | None = None
        queued: list[Entry] = []
        p: _Pass | None = None
        try:
            record = await store.get_class(class_id)
            if record is None:
                _set_job(app, class_id, None, fresh=False)
                return
            sent = await store.sent_keys(class_id)
            schedule, dues = _pending_dues(record, sent, now, unit)
            p = _Pass(app, record, schedule, dues, now, sent, quiet=unit is None)
            for due in dues:
                if due.at > now:
                    wake = _earliest(wake, due.at)
                    break  # sorted by time: everything after is later still
                again = await _send_due(p, due, queued)
                if again is None:
                    # Queued for everyone: the outbox owns it now, across restarts too.
                    await store.mark_sent(class_id, done_key(due, p.ref(due.session)))
                else:
                    wake = _earliest(wake, again)
        except Exception:
            # Keep the class's future alive whatever went wrong; the error handler reports it.
            wake = now + (RETRY_AFTER if unit is None else unit)
            _set_job(app, class_id, wake, fresh=False)
            raise
        # Never in the past: a job set "now" runs at once.
        _set_job(app, class_id, None if wake is None else max(wake, now), fresh=False)
    async with _lock(app, class_id):
        await outbox_of(app).wait(queued)
        if p is not None and p.venue_due:
            # The venue pin goes to those whose first reminder has now arrived (the outbox's
            # outcomes: its marks reach the sent log in batches).
            arrived = {k for e in queued for k, o in e.outcomes.items() if o == DELIVERED}
            p.sent = await store.sent_keys(class_id)
            for due, people in p.venue_due:
                ref = p.ref(due.session)
                reached = [
                    (r, int(r)) for r in people if {sent_key(due.kind, ref, r)} & (arrived | p.sent)
                ]
                await _send_venue_pin(p, due, reached)


async def reschedule_class(app: Application, class_id: str) -> None:
    """Replace every job of one class after it was created or its schedule changed."""
    store = cast(Store, app.bot_data["store"])
    async with _lock(app, class_id):
        record = await store.get_class(class_id)
        if record is None:
            _set_job(app, class_id, None, fresh=False)
            return
        sent = await store.sent_keys(class_id)
        _set_job(app, class_id, next_wake(record, sent, now_of(app), unit_of(app)), fresh=False)


async def rebuild(app: Application) -> int:
    """Set every class's job from storage (at start); returns how many classes have one."""
    store = cast(Store, app.bot_data["store"])
    now, unit = now_of(app), unit_of(app)
    # Only the first rebuild of an application may skip looking for an existing job (the
    # look-up is a linear scan while the scheduler is not running yet, as at start-up).
    fresh = not app.bot_data.get("course_rebuilt")
    app.bot_data["course_rebuilt"] = True
    scheduled = 0
    for record, sent in await store.classes_with_sent():
        if not record:
            continue  # a class file without its record: nothing to schedule from
        when = next_wake(record, sent, now, unit)
        _set_job(app, str(record["id"]), when, fresh=fresh)
        scheduled += when is not None
    log.info("Course schedule rebuilt: %d class(es) with messages ahead.", scheduled)
    return scheduled
