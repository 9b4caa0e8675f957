"""A class's schedule as pure data: its sessions, and every message that falls due from them.

Nothing here reads the clock: each function that needs "now" takes it as an aware datetime, so the
whole schedule can be tested at any date (DST weeks, year ends) without waiting. Nothing here
imports ``telegram`` or ``tinydb``; the jobs layer turns `Due` items into sends and records what
was sent, keyed by `Due.key`.

Time zones come from ``zoneinfo``. Sessions keep their local wall-clock time across daylight-saving
changes (a 10:00 class stays at 10:00 local, so its UTC time shifts by an hour). Local times that
a DST change makes impossible or ambiguous are resolved by one rule, in `resolve_local`. The
sessions themselves (`ClassSchedule`, `session_list`) are domain/sessions.py.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from domain.sessions import (
    MAX_SESSIONS,
    ClassSchedule,
    Session,
    next_session,
    require_aware,
    resolve_local,
    schedule_from_record,
    session_list,
    zone,
)

# The sessions' names are read from here as well (most callers want both).
__all__ = [
    "GROUP_AND_PRIVATE",
    "KINDS",
    "MAX_SESSIONS",
    "PRIVATE",
    "ClassSchedule",
    "Due",
    "Offsets",
    "Session",
    "apply_quiet_hours",
    "due_messages",
    "next_session",
    "pending",
    "resolve_local",
    "schedule_from_record",
    "session_list",
    "zone",
]

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
    require_aware(now, "now")
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
    require_aware(at_utc, "at_utc")
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
