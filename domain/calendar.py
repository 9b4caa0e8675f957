"""A class's course as an iCalendar (.ics) file, for parents' and instructors' calendars.

One VEVENT per session, with a UID that never changes (class id + session number), so a new
file after a move or a cancellation updates the same entries: a changed session carries a
higher SEQUENCE (the class's per-session `revisions`, bumped by every change) and a cancelled
one STATUS:CANCELLED. Times are in the class's own zone (TZID, with its VTIMEZONE).
Built with the `icalendar` library; pure (the caller gives the time stamp).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from domain.schedule import ClassSchedule, zone

#: The product id calendars see; the UID domain keeps UIDs unique beyond this bot.
PRODID = "-//IAIM baby massage class bot//EN"
UID_DOMAIN = "iaim-class-bot"


def session_uid(class_id: str, number: int) -> str:
    """The UID of one session's calendar entry: stable across moves and new files."""
    return f"{class_id}-{number}@{UID_DOMAIN}"


def revised(klass: Mapping[str, Any], number: int) -> dict[str, int]:
    """The class's `revisions` with session `number` changed once more (a move, a cancel)."""
    revisions = {str(k): int(v) for k, v in (klass.get("revisions") or {}).items()}
    revisions[str(number)] = revisions.get(str(number), 0) + 1
    return revisions


def course_ics(
    klass: Mapping[str, Any], schedule: ClassSchedule, title: str, stamp: datetime
) -> bytes:
    """The whole course as an .ics file: every session, held, ahead or cancelled."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    tz = zone(schedule.tz)
    length = timedelta(minutes=schedule.length_min)
    revisions = klass.get("revisions") or {}
    venue = str(klass.get("venue") or "").strip()
    for number in range(1, schedule.sessions + 1):
        start = schedule.planned_start(number).astimezone(tz)
        event = Event()
        event.add("uid", session_uid(str(klass["id"]), number))
        event.add("sequence", int(revisions.get(str(number), 0)))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + length)
        event.add("summary", f"{title} ({number}/{schedule.sessions})")
        event.add("status", "CONFIRMED" if schedule.happens(number) else "CANCELLED")
        if venue:
            event.add("location", venue)
        pin = klass.get("venue_pin")
        if pin:
            event.add("geo", (float(pin["lat"]), float(pin["lon"])))
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
