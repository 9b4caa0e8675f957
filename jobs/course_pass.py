"""One pass over a class (jobs/course.py wakes it): what it loads, once and only if something is
due (`Pass`), and what each due message says, in which language and with which buttons.
What a pass queues for whom is jobs/course_send.py; the class group's messages and their pinned
reminder, jobs/course_group.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from telegram import InlineKeyboardMarkup

from botdata import App
from content.dates import when_words
from content.lessons import render_lesson
from content.loader import Content
from content.texts import Html, Texts
from domain.schedule import ClassSchedule, Due, apply_quiet_hours, session_list
from jobs.course_messages import (
    checkin_markup,
    closing_messages,
    feedback_markup,
    rsvp_markup,
    venue_line,
)
from jobs.preferences import quiet_window
from jobs.timing import session_ref
from storage.records import ClassRecord, MemberRecord, UserRecord
from storage.repo import Store

log = logging.getLogger(__name__)

#: The recipient part of the keys of messages to the class group.
GROUP = "group"
#: Kinds a parent can switch off for their private chat (/settings): the group still gets them.
REMINDER_KINDS = frozenset({"reminder_day_before", "reminder_today", "summary", "closing"})
#: The outbox kind of course messages to people (the group's: jobs/course_group.py).
COURSE_KIND = "course"
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


def key_kinds(p: Pass, due: Due) -> list[str]:
    """The key kinds a due message is sent under (the closing may take two messages)."""
    if due.kind == "closing":
        return ["closing", "closing_outline"][: len(closing_messages(p.content))]
    return [due.kind]


async def instructor_name(p: Pass, texts: Texts | None = None) -> str:
    """The class instructor's name, for "Tell <instructor>" (or "your instructor" in the
    language of `texts`)."""
    instructor = await p.store.get_instructor(int(p.record.get("instructor_id") or 0))
    name = str((instructor.get("name") if instructor else None) or "")
    return name or (texts or p.content.texts).raw("course.feedback_your_instructor")


async def messages(
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
        buttons = feedback_markup(texts, p.class_id, await instructor_name(p, texts))
        kinds = key_kinds(p, due)
        return [
            (k, Html(t), buttons if k == kinds[-1] else None)
            for k, t in zip(kinds, parts, strict=True)
        ]
    button = checkin_markup(texts, p.class_id, due.session)
    return [(due.kind, texts(f"course.{due.kind}", class_name=name, week=due.session), button)]


def language_of(p: Pass, recipient: str) -> str:
    """The language a recipient reads: the class's for its group, else the person's saved
    choice, else the class's."""
    class_lang = str(p.record.get("lang") or "en")
    if recipient == GROUP:
        return class_lang
    person = p.users.get(int(recipient))
    return str((person.get("lang") if person else None) or class_lang)
