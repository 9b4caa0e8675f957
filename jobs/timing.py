"""When a class's messages are due, as the bot runs it: the clock (the real one, or the one
tests and the playground set in ``app.bot_data["clock"]``), the compressed schedule of the tests
(``SCHEDULE_UNIT_SECONDS``), a class's schedule and message times from its stored record, and the
sent-log references of its sessions (a moved session gets fresh ones).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from botdata import App
from domain.schedule import ClassSchedule, Due, Offsets, schedule_from_record
from jobs.delivery import sent_key
from storage.records import ClassFields

log = logging.getLogger(__name__)

#: The recipient part of a due message's "complete" marker in the sent log.
DONE = "done"
#: Per-class time fields a class record may override in its ``times`` mapping: the day-before
#: reminder as local "HH:MM", everything else in minutes (see `offsets_for`).
TIME_FIELDS = (
    "reminder_day_before",
    "reminder_same_day_before",
    "summary_after",
    "checkin_after",
    "nudge_before_next",
    "closing_after",
)

Clock = Callable[[], datetime]


def now_of(app: App) -> datetime:
    """The current instant (aware UTC), from the test clock in bot_data if one is set."""
    clock = app.bot_data.get("clock")
    return clock() if clock is not None else datetime.now(UTC)


def unit_of(app: App) -> timedelta | None:
    """The compressed-schedule unit of the settings, or None for real time."""
    seconds = float(getattr(app.bot_data.get("settings"), "schedule_unit_seconds", 0) or 0)
    return timedelta(seconds=seconds) if seconds > 0 else None


def schedule_for(record: ClassFields, unit: timedelta | None = None) -> ClassSchedule:
    """A class's schedule; compressed (sessions ten units apart) when `unit` is given."""
    return schedule_from_record(record, every=10 * unit if unit else None)


def offsets_for(record: ClassFields, unit: timedelta | None = None) -> Offsets:
    """When a class's messages go out: its ``times`` overrides on top of the defaults.

    ``times`` may hold ``reminder_day_before`` ("HH:MM", local) and, in minutes,
    ``reminder_same_day_before``, ``summary_after``, ``checkin_after``, ``nudge_before_next``
    and ``closing_after``. A value that does not parse is ignored (the default stays).
    """
    if unit is not None:
        return Offsets.compact(unit)
    times = record.get("times") or {}
    changes: dict[str, Any] = {}
    for name in TIME_FIELDS:
        value = times.get(name)
        if value is None:
            continue
        try:
            if name == "reminder_day_before":
                changes[name] = time.fromisoformat(str(value))
            else:
                minutes = int(value)
                if minutes < 0:
                    raise ValueError(minutes)
                changes[name] = timedelta(minutes=minutes)
        except (TypeError, ValueError):
            log.warning("Class %s: ignoring times.%s = %r", record.get("id"), name, value)
    try:
        return Offsets(**changes)
    except ValueError:
        return Offsets()


def session_ref(schedule: ClassSchedule, number: int) -> str:
    """The session part of sent-log keys: its number, plus its new time if it was moved.

    A moved session gets fresh keys, so its reminders are sent again for the new date.
    """
    moved = schedule.moved.get(number)
    return str(number) if moved is None else f"{number}@{moved:%Y%m%d%H%M%S}"


def done_key(due: Due, ref: str) -> str:
    """The sent-log key that marks a due message complete for everyone."""
    return sent_key(due.kind, ref, DONE)
