"""Dates and times as people type them, in any language the bot speaks: the one place they are
read, for every typed date or time (a class's first session and start time, a baby's birth date,
a session's new time, when an announcement goes out).

The words are given (`DateWords`, built by `content.dates.date_words`): month and weekday names
are CLDR's, through Babel, in every language we have, with their abbreviations and any start of
three letters or more ("janv.", "Mär", "sept", "thurs"); the little words ("tomorrow", "next",
"à", "Uhr") are each pack's `when` messages. Case and accents do not matter ("miercoles",
"Maerz"). Every language is read whatever the reader's own; theirs only goes first where one
word means two things ("mar": March in English, Tuesday in French), and where a word stands
tells a month from a weekday ("mar 3 mar" is Tuesday 3 March).

Dates are day first, as in most of the world: 3/12/2026 is 3 December. A date without a year is
the next such date from `today` on (or, for a birthday, the latest one up to `today`), and a day
without its month ("el 12", "le 12", "am 12.") the next such day. A weekday ("martes", "mardi
prochain", "nächsten Dienstag") is the next one after today (for a birthday, the latest before
it).

Times are read in figures ("14h30") and in words (`SpokenClock`: "a las tres", "à sept heures",
"um drei"), with halves and quarters before or after the hour as each language says them ("3 y
media", "et demie", "quarter to 3", and German "halb 3", which is 2:30). An hour in words is read
only beside its own language's little words.

Nothing here reads the clock: "today" is always passed in, as the date in the time zone that
matters to the caller. What cannot be read is None (or `WhenError`), never a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from domain.lexicon import fold
from domain.when_words import DateItem, DateWords, SpokenClock

# The words are built by content.dates (and content.loader) from here too.
__all__ = [
    "MAX_TYPED",
    "DateWords",
    "SpokenClock",
    "WhenError",
    "date_said",
    "parse_date",
    "parse_time",
    "parse_when",
    "read_when",
]

#: Nobody types a date this long: anything longer is refused before any pattern looks at it.
MAX_TYPED = 200

_COMPACT_TIME_RE = re.compile(r"(\d{2})(\d{2})")
# An hour, its unit and the minutes written after it: "18 heures 30", "19 uhr 30", "10 h 15".
_UNIT_MINUTES_RE = re.compile(r"\b(\d{1,2}) ?(?:heures?|h|uhr|horas?|hrs?|ore) (\d{2})\b")
# "6 30 pm": an hour and its minutes before am or pm.
_AMPM_MINUTES_RE = re.compile(r"\b(\d{1,2}) (\d{2}) ?(am|pm|a\.m\.|p\.m\.)(?=\W|$)")
# "p. m." (Spanish, with a space, often a non-breaking one) is "p.m.".
_SPACED_AMPM_RE = re.compile(r"\b([ap])\.\s?m\.")


class WhenError(ValueError):
    """Why a typed date and time could not be read: "no_time" (a date without its time) or
    "unreadable" (anything else)."""


def _normal(text: str) -> str:
    """Lower case, accents dropped, commas as spaces, "p. m." as "p.m.", minutes after an hour's
    unit joined to it ("18 heures 30", "19 Uhr 30" are 18:30 and 19:30, not a day 30), every run
    of white space one space."""
    folded = fold(text).replace("’", "'").replace(",", " ")
    spaced = " ".join(_SPACED_AMPM_RE.sub(r"\1.m.", " ".join(folded.split())).split())
    return _AMPM_MINUTES_RE.sub(r"\1:\2 \3", _UNIT_MINUTES_RE.sub(r"\1:\2", spaced))


def _weekday(weekday: int, today: date, past: bool) -> date:
    """The next such weekday after today (or, with `past`, the latest before it)."""
    if past:
        return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _others_decorate(items: list[DateItem], used: set[int]) -> bool:
    """Whether the words not used for the date are at most one weekday ("Thursday 3 Dec")."""
    rest = [item for i, item in enumerate(items) if i not in used]
    return len(rest) <= 1 and all(item.weekday is not None for item in rest)


def _day_month_year(items: list[DateItem]) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of a numeric or named date, day first tried first."""
    for i, item in enumerate(items):
        if item.parts is not None and _others_decorate(items, {i}):
            return item.parts
    for day_at, month_at in ((0, 1), (1, 0)):  # "3 March", then "March 3"
        for i in range(len(items) - 1):
            day, month = items[i + day_at], items[i + month_at]
            if day.num is None or month.month is None:
                continue
            year = items[i + 2].year if i + 2 < len(items) else None
            if year is not None and _others_decorate(items, {i, i + 1, i + 2}):
                return day.num, month.month, year
            if _others_decorate(items, {i, i + 1}):
                return day.num, month.month, None
    return None


def _day_alone(items: list[DateItem]) -> int | None:
    """The day of a date typed without its month ("el 12", "le 12", "am 12.", "the 12th"),
    with at most a weekday beside it; None for anything else."""
    for i, item in enumerate(items):
        if item.num is not None and _others_decorate(items, {i}):
            return item.num
    return None


def _nearest_day(day: int, today: date, past: bool) -> date | None:
    """The next `day` of a month from `today` on (or, with `past`, the latest up to it): "el 12"
    on 20 March is 12 April; "le 31" skips the months without one."""
    step = -1 if past else 1
    for offset in range(13):
        months = today.year * 12 + today.month - 1 + step * offset
        try:
            found = date(months // 12, months % 12 + 1, day)
        except ValueError:
            continue
        if (found <= today) if past else (found >= today):
            return found
    return None


def parse_date(text: str, today: date, *, words: DateWords, past: bool = False) -> date | None:
    """A date as people type it, day first: 2026-12-03, 3/12/2026, 3.12.26, "3 Dec", "3rd of
    December", "Dec 3rd, 2026", "Thursday 3 December 2026", "el 3 de marzo", "le 12 janvier",
    "12. Januar", "today", "mañana", "martes", "mardi prochain", "nächsten Dienstag", and a day
    without its month ("el 12", "le 12", "am 12.": the next such day). None if it is not a real
    date.

    Without a year it is the next such date from `today` on (or, with `past`, the latest one up
    to `today`: a birthday; "yesterday" is then read too, "tomorrow" and "next" are not).
    """
    t = _normal(text)
    if len(t) > MAX_TYPED or words.names_a_time(t):
        return None
    items = words.items(t)
    if not items:
        return None
    if len(items) == 1 and items[0].relative is not None:
        days = items[0].relative
        return None if (days > 0 and past) or (days < 0 and not past) else today + timedelta(days)
    plain = [item for item in items if not item.next]
    if len(plain) == 1 and plain[0].weekday is not None and len(items) <= 2:
        return None if past and len(items) == 2 else _weekday(plain[0].weekday, today, past)
    if len(plain) != len(items):
        return None  # "next" beside anything but a lone weekday
    found = _day_month_year(items)
    if found is None:
        alone = _day_alone(items)
        return None if alone is None else _nearest_day(alone, today, past)
    day, month, year = found
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
            found_date = date(today.year + step * offset, month, day)
        except ValueError:
            continue
        if (found_date <= today) if past else (found_date >= today):
            return found_date
    return None


# Words after a number that make it a count, not a day ("10 minutes late", "the 2 of us", "the
# 3rd session"): in any of our languages, folded.
_COUNTED = frozenset(
    {
        *("min", "mins", "minute", "minutes", "minuto", "minutos", "minuten", "h", "uhr"),
        *("hour", "hours", "hr", "hrs", "hora", "horas", "heure", "heures", "stunde", "stunden"),
        *("week", "weeks", "semana", "semanas", "semaine", "semaines", "woche", "wochen"),
        *("month", "months", "mes", "meses", "mois", "monat", "monate"),
        *("of", "de", "del", "des", "von"),
        *("session", "sessions", "sesion", "sesiones", "seance", "seances", "sitzung"),
        *("class", "classes", "clase", "clases", "cours", "kurs", "lesson", "lessons"),
        *("leccion", "lecon", "std"),
    }
)
# Of those, the words that may stand between a day and its month ("el 2 de marzo").
_OF = frozenset({"of", "de", "del", "des", "von"})


def date_said(text: str, today: date, *, words: DateWords) -> date | None:
    """The day a message names among its other words ("le 21 on peut pas", "thursday I can't,
    sorry", "not coming tomorrow"): the first run of up to four words that reads as a date by
    itself (`parse_date`). Read warily, as a parent's words are not a typed date: a number is a
    day only with its ordinal or a word before it ("14th", "am 14.", "el 14"), never before a
    word that counts it ("10 minutes", "the 2 of us", "the 3rd session"); a weekday or month only
    by four letters or more ("so sorry", "mon bébé", "Sam" name none); a weekday that is today's
    is today ("can't come Tuesday", typed on the Tuesday). None when none is named."""
    tokens = _normal(text[: MAX_TYPED * 4]).split()
    for start in range(len(tokens)):
        for size in (4, 3, 2, 1):
            window = tokens[start : start + size]
            if len(window) < size or not _may_name_a_day(window, words):
                continue
            if _counted(tokens, start, size, words):
                continue
            found = parse_date(" ".join(window), today, words=words)
            if found is None:
                continue
            weekdays = [words.weekdays.get(_bare(t)) for t in window]
            if (found - today).days == 7 and today.weekday() in weekdays:
                return today
            return found
    return None


def _bare(token: str) -> str:
    """A message's word without the punctuation it is typed with ("14.", "tuesday,")."""
    return token.strip(".,;:!?")


def _counted(tokens: list[str], start: int, size: int, words: DateWords) -> bool:
    """Whether a number among `tokens[start:start + size]` is a count: the word after it says
    what it counts ("10 minutes", "2 of us", "3rd session"; not "2 de marzo", "3 of May")."""

    def word(at: int) -> str:
        return _bare(tokens[at]) if at < len(tokens) else ""

    for at in range(start, start + size):
        if tokens[at][:1].isdigit() and word(at + 1) in _COUNTED:
            if word(at + 1) in _OF and words.months.get(word(at + 2)) is not None:
                continue  # the month follows: a date
            return True
    return False


def _may_name_a_day(window: list[str], words: DateWords) -> bool:
    """Whether a run of a message's words could name a day: not numbers alone, and no weekday
    or month by fewer than four letters (a two- or three-letter start of one is a common word
    in some language: "so", "do", "mi", "son", "die", "mit")."""
    if all(token.isdigit() for token in window):
        return False
    for token in window:
        word = _bare(token)
        named = words.weekdays.get(word) is not None or words.months.get(word) is not None
        if named and len(word) < 4:
            return False
    return True


def parse_time(text: str, *, words: DateWords) -> time | None:
    """A time of day typed on its own: 10:30, 10.30, 10h30, 1430, 10, 10am, 2:15 pm, 9 a.m.,
    noon, 14h, 14 Uhr, 14.30 Uhr, a las 10, 5 de la tarde, à midi. None if it is not a time
    (25:00, 10:75, 13pm)."""
    t = _normal(text)
    if len(t) > MAX_TYPED:
        return None
    if m := _COMPACT_TIME_RE.fullmatch(t):
        hour, minute = int(m[1]), int(m[2])
        return time(hour, minute) if hour <= 23 and minute <= 59 else None
    found = words.match_clock(t)
    return words.clock(found) if found is not None else None


def parse_when(text: str, today: date, *, words: DateWords) -> tuple[date, time] | None:
    """A local date and time typed in one message, in either order: "12 March 10:30",
    "2026-03-12T10:30", "30.03 9:00", "Thu 12/03 2pm", "March 12, 10:30am", "tomorrow 9am",
    "martes 14:00", "mañana a las 10", "le 12 janvier à 14h", "nächsten Dienstag um 14 Uhr", or
    a time alone ("18:30", "14h": today). Dates as `parse_date` reads them.

    None for anything else (also for a date without a time); whether the moment is sensible
    (not past, not too far) is for the caller to say.
    """
    s = _normal(text)
    if not s or len(s) > MAX_TYPED:
        return None
    s = re.sub(r"(\d)t(\d)", r"\1 \2", s)  # ISO 8601: 2026-03-12T10:30
    for start, end, at in words.time_spans(s):
        rest = f"{s[:start]} {s[end:]}"
        # Nothing but "at" and the like around the time: today. (A lone weekday is not today.)
        if words.only_filler(rest):
            return today, at
        day = parse_date(rest, today, words=words)
        if day is not None:
            return day, at
    return None


def read_when(text: str, today: date, *, words: DateWords) -> datetime:
    """`parse_when` where a date is expected (moving a session): a date typed alone, even one
    that could be a time ("10.03"), is that date still missing its time, and the error says so.

    Returns the naive local datetime; raises `WhenError("no_time")` or `WhenError("unreadable")`.
    """
    if parse_date(text, today, words=words) is not None:
        raise WhenError("no_time")
    found = parse_when(text, today, words=words)
    if found is None:
        raise WhenError("unreadable")
    return datetime.combine(*found)
