"""A class's schedule as pure data: its sessions, and every message that falls due from them.

Nothing here reads the clock: each function that needs "now" takes it as an aware datetime, so the
whole schedule can be tested at any date (DST weeks, year ends) without waiting. Nothing here
imports ``telegram`` or ``tinydb``; the jobs layer turns `Due` items into sends and records what
was sent, keyed by `Due.key`.

Time zones come from ``zoneinfo``. Sessions keep their local wall-clock time across daylight-saving
changes (a 10:00 class stays at 10:00 local, so its UTC time shifts by an hour). Local times that
a DST change makes impossible or ambiguous are resolved by one rule, in `resolve_local`.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Audiences of a due message. The group never sees anything private (check-ins).
GROUP_AND_PRIVATE = "group+private"
PRIVATE = "private"

#: Message kinds, in the order they happen around one session; used to break ties in sorting.
KINDS = (
    "reminder_day_before",
    "reminder_today",
    "summary",
    "closing",
    "checkin_invite",
    "checkin_nudge",
)
_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}

MAX_SESSIONS = 12


def zone(tz: str) -> ZoneInfo:
    """Return the `ZoneInfo` for an IANA name, raising ValueError (not KeyError) if unknown."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}") from exc


def _require_aware(value: datetime, name: str) -> None:
    """Refuse a naive datetime where an instant is meant: mixing them is a silent bug."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


def resolve_local(d: date, t: time, tz: str) -> datetime:
    """Return the instant (aware, UTC) at which the local wall clock in `tz` shows `d` `t`.

    DST rule, applied everywhere in this module:

    - a local time that does not exist (the spring-forward gap) is moved forward by the length
      of the gap: in Europe/London 02:30 on the last Sunday of March becomes 03:30 BST;
    - an ambiguous local time (the fall-back hour, which happens twice) takes the first
      occurrence (``fold=0``): 01:30 on the last Sunday of October is 01:30 BST, not GMT.

    Both fall out of PEP 495 with ``fold=0``: Python converts a gap time with the offset in
    force before the change, which lands exactly one gap later on the wall clock.
    """
    naive = datetime.combine(d, t.replace(tzinfo=None, fold=0))
    return naive.replace(tzinfo=zone(tz), fold=0).astimezone(UTC)


def _empty_moves() -> Mapping[int, datetime]:
    """Return an empty read-only mapping (the default for `ClassSchedule.moved`)."""
    return MappingProxyType({})


@dataclass(frozen=True)
class ClassSchedule:
    """When a class meets: weekly from `first_date` at local `start`, with its exceptions.

    `moved` maps a session number to its new local wall-clock time (a naive datetime, read in
    `tz`; an aware one is converted to `tz`). `cancelled` sessions do not happen (numbering is
    kept: session 3 stays session 3 and keeps week 3's lesson). `ended_after` = N means the class
    ended early and sessions after N do not happen.

    `every` is the spacing of sessions. A whole number of days (the default, one week) steps the
    local calendar date and keeps the wall-clock time across DST. Anything else (seconds, for
    end-to-end tests) steps in absolute time from session 1.
    """

    tz: str
    first_date: date
    start: time
    sessions: int = 5
    length_min: int = 60
    # hash=False: a mapping is not hashable; equality still compares it.
    moved: Mapping[int, datetime] = field(default_factory=_empty_moves, hash=False)
    cancelled: frozenset[int] = frozenset()
    ended_after: int | None = None
    every: timedelta = timedelta(weeks=1)

    def __post_init__(self) -> None:
        """Validate, and freeze `moved` and `cancelled` so a shared schedule cannot change."""
        zone(self.tz)
        if isinstance(self.sessions, bool) or not 1 <= self.sessions <= MAX_SESSIONS:
            raise ValueError(f"sessions must be 1..{MAX_SESSIONS}, got {self.sessions!r}")
        if self.length_min < 1:
            raise ValueError(f"length_min must be at least 1, got {self.length_min!r}")
        if self.every <= timedelta(0):
            raise ValueError(f"every must be positive, got {self.every!r}")
        numbers = range(1, self.sessions + 1)
        moved = dict(self.moved)
        for number, when in moved.items():
            if number not in numbers:
                raise ValueError(f"moved session {number} is not in 1..{self.sessions}")
            if not isinstance(when, datetime):
                raise ValueError(f"moved session {number} needs a datetime, got {when!r}")
            if when.tzinfo is not None:
                moved[number] = when.astimezone(zone(self.tz)).replace(tzinfo=None)
        cancelled = frozenset(self.cancelled)
        for number in cancelled:
            if number not in numbers:
                raise ValueError(f"cancelled session {number} is not in 1..{self.sessions}")
        if self.ended_after is not None and not 0 <= self.ended_after <= self.sessions:
            raise ValueError(f"ended_after must be 0..{self.sessions}, got {self.ended_after!r}")
        object.__setattr__(self, "moved", MappingProxyType(moved))
        object.__setattr__(self, "cancelled", cancelled)

    def happens(self, number: int) -> bool:
        """Tell whether session `number` takes place (not cancelled, not after an early end)."""
        if not 1 <= number <= self.sessions or number in self.cancelled:
            return False
        return self.ended_after is None or number <= self.ended_after

    def planned_start(self, number: int) -> datetime:
        """Return when session `number` starts (aware UTC), moves included, cancelled or not."""
        if number in self.moved:
            local = self.moved[number]
            return resolve_local(local.date(), local.time(), self.tz)
        if self.every % timedelta(days=1) == timedelta(0):
            # Step the calendar, not the clock: a weekly class keeps its wall-clock time.
            day = self.first_date + self.every * (number - 1)
            return resolve_local(day, self.start, self.tz)
        return resolve_local(self.first_date, self.start, self.tz) + self.every * (number - 1)


@dataclass(frozen=True)
class Session:
    """One session that takes place: its number and when it runs."""

    number: int
    start: datetime  # aware, UTC
    local_start: datetime  # aware, in the class's time zone
    end: datetime  # aware, UTC


def session_list(s: ClassSchedule) -> list[Session]:
    """Return the sessions that happen, in order of start time.

    Cancelled sessions and those after `ended_after` are left out; a moved session appears at
    its new time (and may therefore come out of numeric order).
    """
    tz = zone(s.tz)
    length = timedelta(minutes=s.length_min)
    result = []
    for number in range(1, s.sessions + 1):
        if not s.happens(number):
            continue
        start = s.planned_start(number)
        result.append(Session(number, start, start.astimezone(tz), start + length))
    result.sort(key=lambda session: (session.start, session.number))
    return result


def next_session(s: ClassSchedule, now: datetime) -> Session | None:
    """Return the first session that starts after `now` (aware), or None if none is left.

    A session already under way is not "next": `/next` answers with the one after it.
    """
    _require_aware(now, "now")
    for session in session_list(s):
        if session.start > now:
            return session
    return None


@dataclass(frozen=True)
class Offsets:
    """When each derived message goes out, relative to its session. Every value is a setting.

    `reminder_day_before` is a local wall-clock time on the day before the session; it may also
    be a timedelta before the start (what `compact` uses). `summary_after` and `closing_after`
    count from the session END, unless `from_start` is set. When there is no next session, the
    last check-in nudge goes `last_nudge_after` the start, and messages that would have lasted
    "until the next session" last until `final_expiry` after the last session's end; the closing
    message stays useful for `final_expiry` after it was due.
    """

    reminder_day_before: time | timedelta = time(18, 0)
    reminder_same_day_before: timedelta = timedelta(hours=2)
    summary_after: timedelta = timedelta(hours=1)
    checkin_after: timedelta = timedelta(days=3)
    nudge_before_next: timedelta = timedelta(days=1)
    closing_after: timedelta = timedelta(hours=2)
    last_nudge_after: timedelta = timedelta(days=6)
    final_expiry: timedelta = timedelta(days=14)
    from_start: bool = False

    def __post_init__(self) -> None:
        """Refuse negative offsets: they would put a 'before' message after its session."""
        for name in (
            "reminder_same_day_before",
            "summary_after",
            "checkin_after",
            "nudge_before_next",
            "closing_after",
            "last_nudge_after",
            "final_expiry",
        ):
            if getattr(self, name) < timedelta(0):
                raise ValueError(f"{name} must not be negative")
        if isinstance(self.reminder_day_before, timedelta) and self.reminder_day_before < timedelta(
            0
        ):
            raise ValueError("reminder_day_before must not be negative")

    @classmethod
    def compact(cls, unit: timedelta) -> Offsets:
        """Offsets for tests where sessions are seconds apart: everything in steps of `unit`.

        All offsets count from the session start. Around a session at S (and the next at S2):
        day-before reminder S-4u, same-day reminder S-2u, summary S+1u, closing (last session
        only) S+2u, check-in invite S+3u, nudge S2-5u (or S+5u after the last session); the
        closing stays useful for 20u. That is the same order as the real offsets (the nudge
        comes before the next session's reminders). Sessions must be more than 8u apart for the
        nudge to come after the invitation; 10u works, for example
        ``ClassSchedule(..., every=timedelta(seconds=10))`` with
        ``Offsets.compact(timedelta(seconds=1))``.
        """
        if unit <= timedelta(0):
            raise ValueError("unit must be positive")
        return cls(
            reminder_day_before=4 * unit,
            reminder_same_day_before=2 * unit,
            summary_after=1 * unit,
            checkin_after=3 * unit,
            nudge_before_next=5 * unit,
            closing_after=2 * unit,
            last_nudge_after=5 * unit,
            final_expiry=20 * unit,
            from_start=True,
        )


@dataclass(frozen=True)
class Due:
    """One message that falls due for a class: what, about which session, when, to whom.

    `expires` is the instant after which sending it is pointless (a reminder once its session
    has started); None means it never goes stale.
    """

    kind: str
    session: int
    at: datetime  # aware, UTC
    audience: str
    expires: datetime | None

    @property
    def key(self) -> tuple[str, int]:
        """The identity under which a send is recorded: (kind, session number)."""
        return (self.kind, self.session)


def _day_before(session: Session, s: ClassSchedule, offsets: Offsets) -> datetime:
    """Return when the day-before reminder for `session` is due (aware UTC)."""
    if isinstance(offsets.reminder_day_before, timedelta):
        return session.start - offsets.reminder_day_before
    day = session.local_start.date() - timedelta(days=1)
    return resolve_local(day, offsets.reminder_day_before, s.tz)


def due_messages(s: ClassSchedule, offsets: Offsets | None = None) -> list[Due]:
    """Return every message that falls due for the class, sorted by `at` (pure, no clock).

    Per session that happens: the day-before and same-day reminders (group and private chats,
    stale once the session starts), the lesson summary after it ends (until the next session),
    the private check-in invitation and one nudge before the next session (after the last
    session: `last_nudge_after` its start). Cancelled sessions and sessions after an early end
    get nothing; a moved session's messages follow it. The closing message follows the last
    session that happens. A message that would only be due after it expires (for example an
    invitation three days after a session when the next one was moved two days later) is left
    out, and so is a nudge that would not come after its invitation.
    """
    offsets = offsets or Offsets()
    sessions = session_list(s)
    dues: list[Due] = []
    for index, session in enumerate(sessions):
        following = sessions[index + 1] if index + 1 < len(sessions) else None
        if following is not None:
            until_next = following.start
            nudge_at = following.start - offsets.nudge_before_next
        else:
            until_next = session.end + offsets.final_expiry
            nudge_at = session.start + offsets.last_nudge_after
        after_base = session.start if offsets.from_start else session.end
        invite_at = session.start + offsets.checkin_after
        number = session.number
        dues.append(
            Due(
                "reminder_day_before",
                number,
                _day_before(session, s, offsets),
                GROUP_AND_PRIVATE,
                session.start,
            )
        )
        dues.append(
            Due(
                "reminder_today",
                number,
                session.start - offsets.reminder_same_day_before,
                GROUP_AND_PRIVATE,
                session.start,
            )
        )
        dues.append(
            Due(
                "summary", number, after_base + offsets.summary_after, GROUP_AND_PRIVATE, until_next
            )
        )
        dues.append(Due("checkin_invite", number, invite_at, PRIVATE, until_next))
        if nudge_at > invite_at:
            dues.append(Due("checkin_nudge", number, nudge_at, PRIVATE, until_next))
    if sessions:
        last = sessions[-1]
        closing_at = (last.start if offsets.from_start else last.end) + offsets.closing_after
        dues.append(
            Due(
                "closing",
                last.number,
                closing_at,
                GROUP_AND_PRIVATE,
                closing_at + offsets.final_expiry,
            )
        )
    kept = [due for due in dues if due.expires is None or due.at < due.expires]
    kept.sort(key=lambda due: (due.at, due.session, _KIND_ORDER[due.kind]))
    return kept


def pending(dues: list[Due], now: datetime, sent: Container[tuple[str, int]]) -> list[Due]:
    """Return the dues not yet sent and not expired at `now`, in the order given.

    This includes messages due in the future (to schedule) as well as overdue ones (to send
    late, since they are still useful); split them with ``due.at <= now``. A message expires
    at its `expires` instant exactly: a reminder is stale the moment its session starts.
    """
    _require_aware(now, "now")
    return [
        due for due in dues if due.key not in sent and (due.expires is None or now < due.expires)
    ]


def apply_quiet_hours(
    at_utc: datetime,
    tz: str,
    quiet_start: time = time(21),
    quiet_end: time = time(8),
) -> datetime:
    """Return when a private message due at `at_utc` may go out, given quiet hours in `tz`.

    If the local time of `at_utc` falls in the quiet window [quiet_start, quiet_end) it returns
    the end of that window (local, resolved to UTC by `resolve_local`'s DST rule), else
    `at_utc` itself (converted to UTC). The window may cross midnight (21:00 to 08:00);
    ``quiet_start == quiet_end`` means no quiet hours. Only private chats use this: the group
    gets its messages on time.
    """
    _require_aware(at_utc, "at_utc")
    at_utc = at_utc.astimezone(UTC)
    if quiet_start == quiet_end:
        return at_utc
    local = at_utc.astimezone(zone(tz))
    now_t = local.time().replace(tzinfo=None, fold=0)
    start_t = quiet_start.replace(tzinfo=None)
    end_t = quiet_end.replace(tzinfo=None)
    if start_t < end_t:
        quiet = start_t <= now_t < end_t
        end_day = local.date()
    else:
        quiet = now_t >= start_t or now_t < end_t
        # Before midnight the window ends tomorrow; after midnight it ends today.
        end_day = local.date() + timedelta(days=1) if now_t >= start_t else local.date()
    if not quiet:
        return at_utc
    # max(): in a fall-back night, the first occurrence of the end time may already be past
    # (we are in the repeated hour); never hand back a time earlier than the message's own.
    return max(at_utc, resolve_local(end_day, end_t, tz))


def schedule_from_record(
    record: Mapping[str, Any], *, every: timedelta | None = None
) -> ClassSchedule:
    """The schedule of a stored class record (as storage/repo/classes.py keeps it).

    Fields: `tz`, `first_date` ("YYYY-MM-DD"), `start` ("HH:MM"), `sessions`, `length_min`,
    `moved` ({"3": "YYYY-MM-DDTHH:MM"} local wall-clock), `cancelled` ([3, ...]), `ended_after`.
    `every` overrides the weekly spacing (end-to-end tests compress the course).
    """
    moved = {int(n): datetime.fromisoformat(v) for n, v in (record.get("moved") or {}).items()}
    return ClassSchedule(
        tz=record["tz"],
        first_date=date.fromisoformat(record["first_date"]),
        start=time.fromisoformat(record["start"]),
        sessions=int(record.get("sessions", 5)),
        length_min=int(record.get("length_min", 60)),
        moved=moved,
        cancelled=frozenset(int(n) for n in record.get("cancelled") or ()),
        ended_after=record.get("ended_after"),
        every=every or timedelta(weeks=1),
    )
