"""Dates and times as people type them: the one place they are read, with one table of month
and weekday names, for every typed date or time (a class's first session and start time, a
baby's birth date, a session's new time, when an announcement goes out).

Dates are day first, as in most of the world: 3/12/2026 is 3 December. A date without a year is
the next such date from `today` on (or, for a birthday, the latest one up to `today`). Nothing
here reads the clock: "today" is always passed in, as the date in the time zone that matters to
the caller. What cannot be read is None (or `WhenError`), never a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

#: Month names and their usual abbreviations, lower case.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
#: A weekday name ("thu", "thurs", "Thursday."), with the endings of the full names on any of
#: the short ones, so a slip like "Tueday" still reads. A weekday only decorates a date: it is
#: dropped, never used to find one.
_WEEKDAY_RE = re.compile(
    r"\b(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?"
)
#: Little words around a date that change nothing ("on the 3rd"), and the one before a time.
_FILLER_RE = re.compile(r"\b(?:on|the)\b")
_AT_RE = re.compile(r"\bat\b")
#: Nobody types a date this long: anything longer is refused before any pattern looks at it.
MAX_TYPED = 200

_ORDINAL = r"(?:st|nd|rd|th)?"
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_RE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?")
_DAY_MONTH_RE = re.compile(rf"(\d{{1,2}}){_ORDINAL} (?:of )?([a-z]+)\.?(?: (\d{{4}}|\d{{2}}))?")
_MONTH_DAY_RE = re.compile(rf"([a-z]+)\.? (\d{{1,2}}){_ORDINAL}(?: (\d{{4}}|\d{{2}}))?")

_TIME_RE = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?(am|pm)?")
_COMPACT_TIME_RE = re.compile(r"(\d{2})(\d{2})")

# Where a time may stand inside a typed date and time. A bare number is never a time there
# ("12 March 10" is refused), and neither is "1030" (it could be a year). Each pattern is a
# lookahead, so that every place is found, overlapping ones too ("7.110.30": "10.30" and "0.30").
_AMPM = r"(?:am|pm|a\.m\.|p\.m\.)"
_CLOCK_RE = re.compile(rf"(?=(\d{{1,2}}[:h]\d{{2}}(?!\d)(?: ?{_AMPM})?))")  # 10:30, 9h45 pm
_HALF_RE = re.compile(rf"(?=(\d{{1,2}}(?:\.\d{{2}})? ?{_AMPM}))")  # 10am, 2 pm, 9.05pm
_NOON_RE = re.compile(r"(?=\b(noon|midday)\b)")
# "10.30" is also how "10 March" may be written: a time only where the rest is the date.
_DOTTED_RE = re.compile(r"(?=(\d{1,2}\.\d{2}))")


class WhenError(ValueError):
    """Why a typed date and time could not be read: "no_time" (a date without its time) or
    "unreadable" (anything else)."""


def _normal(text: str) -> str:
    """Lower case, commas as spaces, every run of white space one space."""
    return " ".join(text.lower().replace(",", " ").split())


def _bare(text: str) -> str:
    """A typed date without the words that only decorate it: weekdays, "on", "the", and stray
    punctuation at its ends ("12/03 - 10:30" leaves "12/03 -" once the time is taken out)."""
    text = _WEEKDAY_RE.sub(" ", text)
    return _normal(_FILLER_RE.sub(" ", text)).strip(" .-/")


def parse_date(text: str, today: date, *, past: bool = False) -> date | None:
    """A date as people type it, day first: 2026-12-03, 3/12/2026, 3.12.26, 03-12-2026, "3 Dec",
    "3rd of December", "Dec 3rd, 2026", "Thursday 3 December 2026", "today", "tomorrow". None
    if it is not a real date.

    Without a year it is the next such date from `today` on (or, with `past`, the latest one up
    to `today`: a birthday; "yesterday" is then read too, "tomorrow" is not).
    """
    t = _normal(text)
    if len(t) > MAX_TYPED:
        return None
    t = _bare(t)
    if t == "today":
        return today
    if t == "tomorrow":
        return None if past else today + timedelta(days=1)
    if t == "yesterday":
        return today - timedelta(days=1) if past else None
    year: int | None
    if m := _ISO_RE.fullmatch(t):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC_RE.fullmatch(t):
        day, month, year = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
    elif (m := _DAY_MONTH_RE.fullmatch(t)) and m[2] in MONTHS:
        day, month, year = int(m[1]), MONTHS[m[2]], int(m[3]) if m[3] else None
    elif (m := _MONTH_DAY_RE.fullmatch(t)) and m[1] in MONTHS:
        day, month, year = int(m[2]), MONTHS[m[1]], int(m[3]) if m[3] else None
    else:
        return None
    if year is not None and year < 100:
        year += 2000
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    # No year: the nearest such date ahead (or behind); 29 Feb looks up to four years away.
    step = -1 if past else 1
    for offset in range(5):
        try:
            found = date(today.year + step * offset, month, day)
        except ValueError:
            continue
        if (found <= today) if past else (found >= today):
            return found
    return None


def parse_time(text: str) -> time | None:
    """A time of day typed on its own: 10:30, 10.30, 10h30, 1030, 10, 10am, 2:15 pm, 9 a.m.,
    noon. None if it is not a time (25:00, 10:75, 13pm)."""
    t = text.strip().lower().replace(" ", "").replace("a.m.", "am").replace("p.m.", "pm")
    if len(t) > MAX_TYPED:
        return None
    if t in ("noon", "midday"):
        return time(12, 0)
    if m := _COMPACT_TIME_RE.fullmatch(t):
        hour, minute, half = int(m[1]), int(m[2]), None
    elif m := _TIME_RE.fullmatch(t):
        hour, minute, half = int(m[1]), int(m[2] or 0), m[3]
    else:
        return None
    if half is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def _time_spans(s: str) -> list[tuple[int, int]]:
    """Where a time may stand in `s`, in the order they are tried: "10:30" and the like left to
    right, then "10am", "noon", and last the dotted ones from the end ("12.03 10.30" is 10:30
    on 12 March), the longer of two that end together first."""
    spans = [m.span(1) for pattern in (_CLOCK_RE, _HALF_RE, _NOON_RE) for m in pattern.finditer(s)]
    dotted = [m.span(1) for m in _DOTTED_RE.finditer(s)]
    return spans + sorted(dotted, key=lambda span: (-span[1], span[0]))


def parse_when(text: str, today: date) -> tuple[date, time] | None:
    """A local date and time typed in one message, in either order: "12 March 10:30",
    "2026-03-12T10:30", "30.03 9:00", "Thu 12/03 2pm", "March 12, 10:30am", "tomorrow 9am",
    "today at 6pm", or a time alone ("18:30": today). Dates as `parse_date` reads them.

    None for anything else (also for a date without a time); whether the moment is sensible
    (not past, not too far) is for the caller to say.
    """
    s = _normal(text)
    if not s or len(s) > MAX_TYPED:
        return None
    s = re.sub(r"(\d)t(\d)", r"\1 \2", s)  # ISO 8601: 2026-03-12T10:30
    for start, end in _time_spans(s):
        at = parse_time(s[start:end])
        if at is None:
            continue
        rest = _AT_RE.sub(" ", f"{s[:start]} {s[end:]}")
        # Nothing but "at" and the like around the time: today. (A lone weekday is not today.)
        if not _normal(_FILLER_RE.sub(" ", rest)).strip(" .-/"):
            return today, at
        day = parse_date(rest, today)
        if day is not None:
            return day, at
    return None


def read_when(text: str, today: date) -> datetime:
    """`parse_when` where a date is expected (moving a session): a date typed alone, even one
    that could be a time ("10.03"), is that date still missing its time, and the error says so.

    Returns the naive local datetime; raises `WhenError("no_time")` or `WhenError("unreadable")`.
    """
    if parse_date(_AT_RE.sub(" ", _normal(text)), today) is not None:
        raise WhenError("no_time")
    found = parse_when(text, today)
    if found is None:
        raise WhenError("unreadable")
    return datetime.combine(*found)
