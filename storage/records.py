"""The shapes of the records the repository keeps (storage/repo/), as TypedDicts: what the bot
writes into each kind of record, so that mypy finds a misspelt field or a wrong value where it
is written or read, not a parent in a class.

Records are JSON documents that grew over the versions: a field added later is missing from
older data folders (tests/data/datadir-v0.1.0), so every field is optional (NotRequired) except
the ones the repository itself sets whenever it creates the record. Each kind that callers
change has a `...Fields` TypedDict (all optional: what `update_...` accepts) that its record
extends with those always-present fields.

Dates and times are stored as ISO 8601 strings (UTC instants to the second, local wall-clock
dates "YYYY-MM-DD" and times "HH:MM"); Telegram ids are ints.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

# -- classes ---------------------------------------------------------------------------------


class VenuePin(TypedDict):
    """Where a class meets, as a map pin."""

    lat: float
    lon: float


class PostedMessage(TypedDict):
    """A message of ours in a chat (the class group's latest greeting)."""

    chat_id: int
    message_id: int


class PinnedReminder(PostedMessage):
    """The class group's pinned next-session reminder (jobs/pins.py): which session it is for."""

    ref: str


class ClassFields(TypedDict, total=False):
    """A class's settings and schedule: what `create_class` and `update_class` accept."""

    name: str
    tz: str
    place: str | None  # the city the instructor chose for the time zone
    first_date: str  # local date, "YYYY-MM-DD"
    start: str  # local time, "HH:MM"
    sessions: int
    length_min: int
    venue: str | None
    venue_pin: VenuePin | None
    lang: str | None  # the language of the class group's messages
    moved: dict[str, str]  # session number -> its new local start, "YYYY-MM-DDTHH:MM"
    cancelled: list[int]
    revisions: dict[str, int]  # session number -> times changed (the calendar's SEQUENCE)
    ended: bool
    ended_after: int | None
    ended_at: str | None
    group_chat_id: int | None
    # Overrides of when the class's messages go out (jobs/timing.py offsets_for):
    # "reminder_day_before" as "HH:MM", the others in minutes.
    times: dict[str, str | int]
    greeting: PostedMessage  # handlers/groups.py
    pinned: PinnedReminder | None  # jobs/pins.py
    retention_warned_at: str


class ClassRecord(ClassFields):
    """A class as stored (storage/repo/classes.py)."""

    id: str
    code: str  # the join code
    instructor_id: int
    created_at: str


# -- people ----------------------------------------------------------------------------------


class UserFields(TypedDict, total=False):
    """A person's own record: what `update_user` accepts."""

    first_name: str
    consent: bool
    consent_at: str
    lang: str
    baby_name: str
    baby_birth: str  # "YYYY-MM-DD"
    quiet_start: str  # "HH:MM"
    quiet_end: str
    private_reminders: bool


class UserRecord(UserFields):
    """A person's own record as stored (storage/repo/people.py)."""

    user_id: int
    classes: list[str]  # the classes they are a member of


class CarerInvite(TypedDict):
    """A parent's unspent carer link code, kept on their member record."""

    code: str
    at: str


class MemberFields(TypedDict, total=False):
    """A person's membership of one class: what `add_member` and `update_member` accept."""

    first_name: str
    role: Literal["parent", "carer"]
    family_of: int | None  # a carer's parent (the family is counted once)
    active: bool  # still in the class and reachable
    blocked: bool  # they blocked the bot
    joined_at: str
    left_at: str
    carer_invite: CarerInvite
    rsvp: dict[str, str]  # session number -> "no" or "late"
    feedback: str
    feedback_at: str
    feedback_note: str


class MemberRecord(MemberFields):
    """A member of a class as stored (storage/repo/people.py)."""

    user_id: int


class CarerLink(TypedDict):
    """An unspent carer link code with whom it leads to (`Store.carer_invite`)."""

    code: str
    class_id: str
    parent_id: int
    at: str | None


# -- roles -----------------------------------------------------------------------------------


class InstructorRecord(TypedDict):
    """An instructor (storage/repo/roles.py)."""

    user_id: int
    name: str
    joined_at: str


class InviteRecord(TypedDict):
    """A one-time instructor invite."""

    code: str
    by: int
    at: str
    used: NotRequired[bool]


class OwnerRecord(TypedDict):
    """An owner who claimed the first-run link."""

    user_id: int
    name: str
    since: str


# -- what happens in a class -------------------------------------------------------------------


class CheckinAnswers(TypedDict, total=False):
    """A parent's answers to one week's check-in: what `save_checkin` accepts."""

    days: str  # how many days they massaged: "0", "1-2", "3-4", "5+"
    response: str | None
    areas: list[str]
    note: str | None
    asked: bool  # the note asks the instructor something


class CheckinRecord(CheckinAnswers):
    """A check-in as stored (storage/repo/checkins.py): one per person and week."""

    user_id: int
    week: int
    at: str


class QuestionFields(TypedDict, total=False):
    """A question passed on to the instructor: what `add_question` and `update_question`
    accept."""

    text: str
    first_name: str
    source: str  # how it came (a question, a check-in note, an emergency, ...)
    kind: str  # older data's name for the source
    parent_message_id: int  # the parent's own message (an edit of it updates the question)
    instructor_message_id: int  # the message that told the instructor
    answered: bool
    answer: str | None  # None again when sending the answer failed


class QuestionRecord(QuestionFields):
    """A question as stored (storage/repo/questions.py)."""

    qid: int
    user_id: int
    at: str


class AnnouncementReport(TypedDict):
    """How an announcement's sending went, in numbers only (names go to the instructor, not
    into storage)."""

    group: str | None  # the class group's outcome (None: not sent there)
    total: int
    delivered: int
    silent: int
    blocked: int
    failed: int


class AnnouncementFields(TypedDict, total=False):
    """An instructor's announcement to a class: what `add_announcement` and the status changes
    accept."""

    status: Literal["scheduled", "sending", "sent", "partly_sent", "cancelled", "missed"]
    send_at: str
    audience: str
    text_html: str | None
    photo: str | None  # a Telegram file id
    created_by: int
    report: AnnouncementReport | None
    deadline: str
    deadline_choice: str
    started_at: str
    sent_at: str
    missed_at: str
    cancelled_at: str
    report_message_id: int


class AnnouncementRecord(AnnouncementFields):
    """An announcement as stored (storage/repo/announcements.py)."""

    aid: int
    created_at: str


class SentEntry(TypedDict):
    """One line of a class's sent log: a message that went to a recipient (exactly once)."""

    key: str
    at: str


class OutboxChanges(TypedDict, total=False):
    """What changes on a queued message (`outbox_update`)."""

    expires: str
    outcomes: dict[str, str]  # sent-log key -> the final outcome of a refused recipient


class OutboxEntry(OutboxChanges):
    """A queued message (jobs/outbox.py, storage/repo/outbox.py)."""

    ref: str
    kind: str
    keys: list[str]  # sent-log keys, whose last part names the recipient
    text: str | None
    photo: str | None
    markup: dict[str, Any] | None  # InlineKeyboardMarkup.to_dict()
    silent: list[str]
    not_before: str | None
    edit_message_id: int | None
    render: bool
    meta: dict[str, Any]
    created_at: str


class OutboxHolds(TypedDict):
    """A queued message still due to its recipient, with the class's group as it is now."""

    group_chat_id: int | None


# -- per person --------------------------------------------------------------------------------


class ConversationRecord(TypedDict, total=False):
    """Where a person is in the bot's conversations (storage/repo/conversations.py)."""

    data: dict[str, Any]  # PTB's user_data
    states: dict[str, dict[str, dict[str, Any]]]  # name -> chat id -> {"state", "at"}


class IndexEntry(TypedDict):
    """A class's entry in the class index (``index/NN.json``): its record, and what start-up
    needs without opening the class file."""

    id: str
    record: ClassRecord
    done: list[str]  # the completed messages of its sent log ("...:done" keys)
    ann: bool  # may have an announcement still to send
    outbox: bool  # may have queued messages
    deleting: NotRequired[bool]  # its deletion was begun (storage/repo/classes.py)
