"""A class's sessions as pure data (domain/schedule.py derives the messages that fall due from
them): when the class meets (`ClassSchedule`, from a stored record with `schedule_from_record`),
the sessions that take place (`session_list`, `next_session`), and the one rule for local times
that daylight saving makes impossible or ambiguous (`resolve_local`).

Nothing here reads the clock or imports ``telegram`` or ``tinydb``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: The most sessions a class may have.
MAX_SESSIONS = 12


def zone(tz: str) -> ZoneInfo:
    """Return the `ZoneInfo` for an IANA name, raising ValueError (not KeyError) if unknown."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}") from exc


def require_aware(value: datetime, name: str) -> None:
    """Refuse a naive datetime where an instant is meant: mixing them is a silent bug."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


def resolve_local(d: date, t: time, tz: str) -> datetime:
    """Return the instant (aware, UTC) at which the local wall clock in `tz` shows `d` `t`.

    DST rule, applied everywhere in the schedule (here and in domain/schedule.py):

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
    require_aware(now, "now")
    for session in session_list(s):
        if session.start > now:
            return session
    return None


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
