"""One pass over a class (jobs/course.py wakes it): what is due for whom, in which language and
with which buttons, queued in the outbox; the group's reminder pinned (the outbox's hook for the
group's course messages) and the venue's map pin after a person's first reminder.

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
from dataclasses import dataclass, field
from datetime import datetime, time

from telegram import InlineKeyboardMarkup, Message
from telegram.error import TelegramError
from telegram.helpers import create_deep_linked_url

from botdata import App
from content.dates import when_words
from content.lessons import render_lesson
from content.loader import Content
from content.texts import Html, Texts
from domain.schedule import GROUP_AND_PRIVATE, ClassSchedule, Due, apply_quiet_hours, session_list
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
from jobs.outbox import outbox_of
from jobs.outbox_entry import Entry, Hooks, register
from jobs.preferences import QUIET_END, QUIET_START, quiet_window, wants_private_reminders
from jobs.timing import session_ref
from storage.records import ClassRecord, MemberRecord, UserRecord
from storage.repo import Store

log = logging.getLogger(__name__)

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


def earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    """The earlier of two optional instants."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def expired(due: Due, at: datetime) -> bool:
    """Whether a message sent at `at` would come too late to be of any use."""
    return due.expires is not None and at >= due.expires


# -- one pass over a class ---------------------------------------------------------------------


@dataclass
class Pass:
    """What one pass over a class needs, loaded once and only if something is due."""

    app: App
    record: ClassRecord
    schedule: ClassSchedule
    dues: list[Due]
    now: datetime
    sent: frozenset[str]
    quiet: bool
    members: list[MemberRecord] | None = None
    users: dict[int, UserRecord] = field(default_factory=dict)
    notes: dict[int, str] | None = None
    checked_in: dict[int, set[int]] = field(default_factory=dict)
    # First-session reminders queued in this pass, whose venue pin follows once they arrive.
    venue_due: list[tuple[Due, list[str]]] = field(default_factory=list)

    @property
    def store(self) -> Store:
        """The repository."""
        return self.app.bot_data["store"]

    @property
    def content(self) -> Content:
        """All content."""
        return self.app.bot_data["content"]

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
                family_of = member.get("family_of")
                if member["user_id"] in found and family_of:
                    found.add(int(family_of))
            self.checked_in[week] = found
        return self.checked_in[week]


def _key_kinds(p: Pass, due: Due) -> list[str]:
    """The key kinds a due message is sent under (the closing may take two messages)."""
    if due.kind == "closing":
        return ["closing", "closing_outline"][: len(closing_messages(p.content))]
    return [due.kind]


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


async def _instructor_name(p: Pass, texts: Texts | None = None) -> str:
    """The class instructor's name, for "Tell <instructor>" (or "your instructor" in the
    language of `texts`)."""
    instructor = await p.store.get_instructor(int(p.record.get("instructor_id") or 0))
    name = str((instructor.get("name") if instructor else None) or "")
    return name or (texts or p.content.texts).raw("course.feedback_your_instructor")


async def _group_markup(
    p: Pass, kind: str, markup: InlineKeyboardMarkup | None
) -> InlineKeyboardMarkup | None:
    """The buttons of a message as the group gets them, in its language: the closing's "Tell"
    button opens the private chat there (nobody types their feedback into the group)."""
    if kind != "closing" or markup is None:
        return markup
    url = create_deep_linked_url(p.app.bot.username, f"{FEEDBACK_START}{p.class_id}")
    texts = p.content.texts_in(_language_of(p, GROUP))
    return feedback_markup(texts, p.class_id, await _instructor_name(p, texts), url)


def _night(p: Pass) -> bool:
    """Whether it is night in the class's time zone: the group's messages (which do not wait
    for morning) then arrive without a sound. Not in a compressed test schedule."""
    if not p.quiet:
        return False
    start, end = time.fromisoformat(QUIET_START), time.fromisoformat(QUIET_END)
    return apply_quiet_hours(p.now, p.schedule.tz, start, end) != p.now


async def _messages(
    p: Pass, due: Due, lang: str | None = None
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
    kinds = _key_kinds(p, due)
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


def _language_of(p: Pass, recipient: str) -> str:
    """The language a recipient reads: the class's for its group, else the person's saved
    choice, else the class's."""
    class_lang = str(p.record.get("lang") or "en")
    if recipient == GROUP:
        return class_lang
    person = p.users.get(int(recipient))
    return str((person.get("lang") if person else None) or class_lang)


async def _queue_for_group(p: Pass, due: Due) -> list[Entry]:
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
