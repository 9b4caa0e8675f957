"""Until when an announcement is worth delivering: the deadlines an instructor may choose on
/announce's confirmation screen (`DEADLINES`), the default (`LATE_LIMIT` after its time), and
never once the class's data is due for deletion (`deadline`); with the stored times they are
read from.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from config import Settings
from domain.schedule import next_session
from jobs.timing import schedule_for
from storage.records import AnnouncementRecord, ClassRecord

#: How long after its time an announcement is worth delivering unless the instructor chose
#: otherwise (an hour-old "see you at 10" is still worth having; yesterday's is not).
LATE_LIMIT = timedelta(hours=12)
#: The deadlines an instructor may choose, in the order offered: until the class's next session,
#: `LATE_LIMIT` after its time (the default), three days after it.
DEADLINES = ("next", "12h", "3d")
DEFAULT_DEADLINE = "12h"
_SPANS = {"12h": LATE_LIMIT, "3d": timedelta(days=3)}


def parse_utc(value: str) -> datetime:
    """An aware UTC datetime from a stored ISO string (naive ones are taken as UTC)."""
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def deletion_time(klass: ClassRecord, settings: Settings) -> datetime | None:
    """When the class's personal data is deleted (retention after it ended), or None."""
    ended_at = klass.get("ended_at")
    if not klass.get("ended") or not ended_at:
        return None
    return parse_utc(str(ended_at)) + timedelta(days=settings.retention_days)


def still_useful(now: datetime, until: datetime) -> bool:
    """Whether an announcement worth delivering `until` (its `deadline`) is worth sending at
    `now`."""
    return now < until


def deadline_options(
    klass: ClassRecord, send_at: datetime, unit: timedelta | None
) -> dict[str, datetime]:
    """The deadlines an instructor may choose for an announcement going out at `send_at`, in
    `DEADLINES` order: "next" (the start of the first session after it) only when there is one.
    `unit` is the compressed schedule's, as for the course's own messages."""
    options: dict[str, datetime] = {}
    if klass.get("first_date") and klass.get("start"):
        session = next_session(schedule_for(klass, unit), send_at)
        if session is not None:
            options["next"] = session.start
    for choice, span in _SPANS.items():
        options[choice] = send_at + span
    return options


def deadline(ann: AnnouncementRecord, klass: ClassRecord, settings: Settings) -> datetime:
    """Until when an announcement is worth delivering: the instructor's own deadline if it has
    one, else `LATE_LIMIT` after its time; never once the class's data is due for deletion."""
    send_at = parse_utc(ann["send_at"])
    own = ann.get("deadline")
    until = parse_utc(str(own)) if own else send_at + LATE_LIMIT
    deletion = deletion_time(klass, settings)
    return min(until, deletion) if deletion is not None else until


def iso(at: datetime) -> str:
    """A UTC instant as stored."""
    return at.astimezone(UTC).isoformat(timespec="seconds")
