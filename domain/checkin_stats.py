"""The weekly check-in as pure data: its answer choices, which week a class is in, and the
statistics an instructor sees (response rate, answers in aggregate, notes, who has not answered).

Nothing here reads the clock (``now`` is a parameter) and nothing imports ``telegram`` or
``tinydb``: the handlers pass in records as storage keeps them (see storage/repo/) and render
the results with the message texts.

Families: a carer (``family_of`` = the parent's user id) belongs to the parent's family. The
response rate counts families, not people, so a family where both parents answer is one family
that answered; the aggregates count every answer given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from domain.schedule import ClassSchedule, session_list

#: Days practised this week: the four buttons, in order (stored as these strings).
DAYS: tuple[str, ...] = ("0", "1-2", "3-4", "5-7")
#: A number for each choice, to average across families (the middle of each range).
DAYS_MIDPOINT: Mapping[str, float] = {"0": 0.0, "1-2": 1.5, "3-4": 3.5, "5-7": 6.0}
#: How the baby responded, happiest first (stored as these codes).
RESPONSES: tuple[str, ...] = ("loved", "happy", "mixed", "notkeen")
#: Body areas practised (several may be chosen), in the order the course teaches them.
AREAS: tuple[str, ...] = ("legs", "tummy", "chest", "arms", "face", "back", "movements")
#: Longest note a parent may leave (characters).
MAX_NOTE = 1000
#: How long after the last session a parent can still check in for it.
CHECKIN_GRACE = timedelta(days=14)

Record = Mapping[str, Any]


def is_question(note: str | None, asked: bool) -> bool:
    """Whether a note goes to the instructor: the parent chose "ask", or it asks something."""
    if not note:
        return False
    return asked or "?" in note or "？" in note


# -- which week a class is in ------------------------------------------------------------------


def started_weeks(schedule: ClassSchedule, now: datetime) -> list[int]:
    """The numbers of the sessions that have started by `now`, in week order."""
    return sorted(s.number for s in session_list(schedule) if s.start <= now)


def current_week(schedule: ClassSchedule, now: datetime) -> int | None:
    """The class's current week: the latest session that has started (None before session 1).

    "Latest" is by start time, so a session moved later than the one after it still counts
    from when it actually happens.
    """
    started = [s for s in session_list(schedule) if s.start <= now]
    if not started:
        return None
    return max(started, key=lambda s: (s.start, s.number)).number


def first_session_start(schedule: ClassSchedule) -> datetime | None:
    """When the first session that happens starts (aware, local to the class), or None."""
    sessions = session_list(schedule)
    return sessions[0].local_start if sessions else None


def checkin_open(schedule: ClassSchedule, now: datetime, grace: timedelta = CHECKIN_GRACE) -> bool:
    """Whether a parent can check in now: a session has started, and the course did not end
    more than `grace` ago (a class from last year is not offered)."""
    sessions = session_list(schedule)
    if not sessions or sessions[0].start > now:
        return False
    return now < max(s.end for s in sessions) + grace


# -- families ----------------------------------------------------------------------------------


def family_of(member: Record) -> int:
    """The family a member belongs to: the parent's user id (a carer's `family_of`)."""
    return int(member.get("family_of") or member["user_id"])


def in_class(member: Record) -> bool:
    """Whether a member still counts as part of the class (joined and not left; a parent who
    blocked the bot is still in the class, just unreachable)."""
    return bool(member.get("active") or member.get("blocked"))


def families(members: Iterable[Record]) -> dict[int, list[Record]]:
    """The families of a class (members still in it), parent first in each."""
    out: dict[int, list[Record]] = {}
    for member in members:
        if in_class(member):
            out.setdefault(family_of(member), []).append(member)
    for people in out.values():
        people.sort(key=lambda m: (m.get("role") != "parent", m.get("joined_at") or ""))
    return out


# -- statistics --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A note left with a check-in, with the first name of who wrote it."""

    first_name: str
    text: str
    question: bool


@dataclass(frozen=True)
class WeekStats:
    """One week of a class, as the instructor sees it."""

    week: int
    families: int
    answered: int
    answers: int
    days: Mapping[str, int]
    responses: Mapping[str, int]
    areas: Mapping[str, int]
    mean_days: float | None
    notes: tuple[Note, ...]
    missing: tuple[str, ...]

    @property
    def rate(self) -> float | None:
        """The share of families that answered (None for a class without families)."""
        return self.answered / self.families if self.families else None


def _first_name(user_id: int, names: Mapping[int, str], unknown: str) -> str:
    return names.get(user_id) or unknown


def week_stats(
    week: int,
    members: Sequence[Record],
    checkins: Iterable[Record],
    *,
    unknown_name: str = "?",
) -> WeekStats:
    """Summarise one week: how many families answered, the answers counted per choice, the
    average days practised, the notes (with first names) and the families that have not
    answered yet (named by their members' first names, parent first).

    `members` are all the class's member records (left ones too, for their names);
    `checkins` may hold other weeks, which are ignored. Answers from people who have since left
    still count in the aggregates (they were given), but only current families make the rate.
    """
    names = {int(m["user_id"]): str(m.get("first_name") or "") for m in members}
    fams = families(members)
    family_by_user = {int(m["user_id"]): family_of(m) for m in members}
    this_week = [c for c in checkins if c.get("week") == week]
    days = dict.fromkeys(DAYS, 0)
    responses = dict.fromkeys(RESPONSES, 0)
    areas = dict.fromkeys(AREAS, 0)
    practised: list[float] = []
    notes: list[Note] = []
    answered_families: set[int] = set()
    for checkin in this_week:
        user_id = int(checkin["user_id"])
        answered_families.add(family_by_user.get(user_id, user_id))
        if checkin.get("days") in days:
            days[checkin["days"]] += 1
            practised.append(DAYS_MIDPOINT[checkin["days"]])
        if checkin.get("response") in responses:
            responses[checkin["response"]] += 1
        for area in checkin.get("areas") or ():
            if area in areas:
                areas[area] += 1
        if checkin.get("note"):
            notes.append(
                Note(
                    _first_name(user_id, names, unknown_name),
                    str(checkin["note"]),
                    is_question(checkin["note"], bool(checkin.get("asked"))),
                )
            )
    missing = tuple(
        " & ".join(str(m.get("first_name") or unknown_name) for m in people)
        for key, people in fams.items()
        if key not in answered_families
    )
    return WeekStats(
        week=week,
        families=len(fams),
        answered=len(answered_families & fams.keys()),
        answers=len(this_week),
        days=days,
        responses=responses,
        areas=areas,
        mean_days=sum(practised) / len(practised) if practised else None,
        notes=tuple(notes),
        missing=missing,
    )


def course_stats(
    weeks: Iterable[int], members: Sequence[Record], checkins: Sequence[Record]
) -> list[WeekStats]:
    """`week_stats` for each of `weeks`, in order: the series the course chart draws."""
    return [week_stats(week, members, checkins) for week in weeks]
