"""The repository: every read and write the bot makes, by name, as awaitable methods of `Store`.

All of them run, one at a time, on a single storage thread: the event loop never waits on a
disk flush, and no two changes to the same file interleave. A method returns only after its
change is durable on disk. Records come back as plain dicts that the caller may keep (copies),
typed by their shapes in storage/records.py (what each method accepts and returns).

Lookups that would scan (a class by join code, by group, by instructor; a sent-log key; a
person's check-ins) are answered from field indexes the storage keeps in step with every write
(`IndexedTable.lookup`). The long jobs (/forgetme, deleting a class) run as a series of short
steps on the storage thread, each touching one file, so other calls are served in between.

`Store` is one object, its methods grouped by the kind of record they are about, one module
each: roles.py (instructors, invites, owners), classes.py, groups.py, people.py (a person's own
record and their memberships), carers.py, privacy.py (/mydata, /forgetme), checkins.py,
questions.py, sent_log.py, week_notes.py, announcements.py, outbox.py, conversations.py,
faq_feedback.py and menus.py; base.py holds the storage thread and what they all use.
"""

from __future__ import annotations

from storage.repo.announcements import Announcements
from storage.repo.base import new_code
from storage.repo.carers import Carers
from storage.repo.checkins import Checkins
from storage.repo.classes import Classes
from storage.repo.conversations import Conversations
from storage.repo.faq_feedback import FaqFeedback
from storage.repo.groups import Groups
from storage.repo.menus import Menus
from storage.repo.outbox import Outbox
from storage.repo.people import People
from storage.repo.privacy import Privacy
from storage.repo.questions import Questions
from storage.repo.roles import Roles
from storage.repo.sent_log import SentLog
from storage.repo.week_notes import WeekNotes

__all__ = ["Store", "new_code"]


class Store(
    Roles,
    Classes,
    Groups,
    People,
    Carers,
    Privacy,
    Checkins,
    Questions,
    SentLog,
    WeekNotes,
    Announcements,
    Outbox,
    Conversations,
    FaqFeedback,
    Menus,
):
    """The bot's durable state. Open it once; every method is awaited."""
