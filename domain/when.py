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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from domain.lexicon import fold

#: Nobody types a date this long: anything longer is refused before any pattern looks at it.
MAX_TYPED = 200

_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_RE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?")
_COMPACT_TIME_RE = re.compile(r"(\d{2})(\d{2})")
# An hour, its unit and the minutes written after it: "18 heures 30", "19 uhr 30", "10 h 15".
_UNIT_MINUTES_RE = re.compile(r"\b(\d{1,2}) ?(?:heures?|h|uhr|horas?|hrs?|ore) (\d{2})\b")
# "6 30 pm": an hour and its minutes before am or pm.
_AMPM_MINUTES_RE = re.compile(r"\b(\d{1,2}) (\d{2}) ?(am|pm|a\.m\.|p\.m\.)(?=\W|$)")
_AMPM = r"am|pm|a\.m\.|p\.m\."
# "p. m." (Spanish, with a space, often a non-breaking one) is "p.m.".
_SPACED_AMPM_RE = re.compile(r"\b([ap])\.\s?m\.")
# "10.30" is also how "10 March" may be written: a time only where the rest is the date, tried
# after every surer time. A lookahead, so that every place is found, overlapping ones too
# ("7.110.30": "10.30" and "0.30").
_DOTTED_RE = re.compile(r"(?=(\d{1,2}\.\d{2}))")
# What may stick to a word without being part of it: "12.", "janv.", "(Tue)", "12/03 -".
_PUNCTUATION = ".-/()!?;"


class WhenError(ValueError):
    """Why a typed date and time could not be read: "no_time" (a date without its time) or
    "unreadable" (anything else)."""


def _alternatives(phrases: Iterable[str]) -> str:
    """A regex matching any of `phrases` (longest first, so "a las" wins over "a")."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p) for p in ordered) or "(?!)"


@dataclass(frozen=True)
class _Item:
    """One word of a typed date, with every way it can be read."""

    num: int | None = None  # a day of the month ("3", "3rd", "12.", "1er")
    year: int | None = None  # "2026", or "26" right after a month
    month: int | None = None
    weekday: int | None = None  # Monday 0
    parts: tuple[int, int, int | None] | None = None  # a whole date (day, month, year)
    relative: int | None = None  # days from today
    next: bool = False  # "next", "prochain", "nächsten"


@dataclass(frozen=True)
class SpokenClock:
    """One language's words for a time said rather than written in figures ("a las tres y
    media", "à trois heures et quart", "um halb drei"). An hour in words is read only beside that
    language's own little words, so that no word is an hour because of another language ("at
    once" is not 11:00 for being Spanish "once"). Every key is folded, as in `DateWords`."""

    at: frozenset[str]
    units: frozenset[str]
    hours: Mapping[str, int]  # "tres" -> 3, "dix-sept" -> 17
    before: Mapping[str, int] = field(default_factory=dict)  # "half past" 30, "halb" -30
    after: Mapping[str, int] = field(default_factory=dict)  # "y media" 30, "moins le quart" -15


@dataclass(frozen=True, eq=False)
class DateWords:
    """The words of typed dates and times in every language we read, the reader's own first.
    Every key is folded (lower case, accents dropped); a phrase's words are one space apart."""

    months: Mapping[str, int]  # a name, abbreviation or start of one -> 1..12
    weekdays: Mapping[str, int]  # the same for weekdays -> 0 (Monday)..6
    relative: Mapping[str, int]  # "today" 0, "tomorrow" 1, "yesterday" -1
    next: frozenset[str]  # beside a weekday: the next one ("next", "que viene")
    filler: frozenset[str]  # words around a date that change nothing ("on", "the", "el", "am")
    at: frozenset[str]  # before a time: a bare hour after one is a time ("at", "a las", "um")
    units: frozenset[str]  # after an hour: the same ("h", "Uhr", "heures")
    noon: frozenset[str]
    periods: Mapping[str, frozenset[int]]  # after an hour: the hours it means ("du soir")
    ordinals: frozenset[str] = field(default_factory=frozenset)  # "st", "er", "ten"
    spoken: tuple[SpokenClock, ...] = ()  # each language's hours in words and fractions

    @cached_property
    def _before(self) -> dict[str, int]:
        """Every language's words before an hour -> minutes from it ("halb" -30)."""
        return {w: shift for clock in reversed(self.spoken) for w, shift in clock.before.items()}

    @cached_property
    def _after(self) -> dict[str, int]:
        """Every language's words after an hour -> minutes from it ("et demie" 30)."""
        return {w: shift for clock in reversed(self.spoken) for w, shift in clock.after.items()}

    @cached_property
    def _hours(self) -> dict[str, int]:
        """Every language's hours in words -> the hour."""
        return {word: hour for clock in reversed(self.spoken) for word, hour in clock.hours.items()}

    @cached_property
    def _clock_re(self) -> re.Pattern[str]:
        """A time as typed: "10:30", "9h45", "14h", "14.30 Uhr", "a las 10 de la tarde", "2pm",
        "um 14 Uhr", "à midi", "halb 3", "3 y media", "quarter to 3"."""
        at, unit = _alternatives(self.at), _alternatives(self.units)
        noon = _alternatives(self.noon)
        clock = (
            rf"(?:(?P<pre>{_alternatives(self._before)})\s)?"
            rf"(?P<h>\d{{1,2}})(?:(?P<sep>[:h.])(?P<m>\d{{2}}))?(?!\d)"
            rf"(?:\s?(?P<unit>{unit})(?![\w']))?{self._tail(self._after)}"
        )
        return re.compile(rf"(?:(?P<at>{at})\s)?(?:{clock}|(?P<noon>{noon})(?![\w']))")

    def _tail(self, after: Iterable[str]) -> str:
        """What may follow an hour: a fraction ("y media"), then am/pm or a part of the day."""
        period = _alternatives(self.periods)
        return (
            rf"(?:\s(?P<post>{_alternatives(after)})(?![\w']))?"
            rf"(?:\s?(?P<half>{_AMPM})(?![\w'])|\s(?P<period>{period})(?![\w']))?"
        )

    @cached_property
    def _spoken_res(self) -> tuple[re.Pattern[str], ...]:
        """Each language's time with its hour in words, with that language's words around it:
        "a las tres", "à sept heures et demie", "um halb drei", "at three pm"."""
        patterns = []
        for clock in self.spoken:
            if not clock.hours:
                continue
            patterns.append(
                re.compile(
                    rf"(?:(?P<at>{_alternatives(clock.at)})\s)?"
                    rf"(?:(?P<pre>{_alternatives(clock.before)})\s)?"
                    rf"(?P<w>{_alternatives(clock.hours)})(?![\w'-])"
                    rf"(?:\s(?P<unit>{_alternatives(clock.units)})(?![\w']))?"
                    + self._tail(clock.after)
                )
            )
        return tuple(patterns)

    @cached_property
    def _spans_re(self) -> tuple[re.Pattern[str], ...]:
        """`_clock_re` and `_spoken_res` wherever they start a word, as lookaheads so every
        place is found."""
        return tuple(
            re.compile(rf"(?<![\w.:'])(?=(?P<all>{pattern.pattern}))")
            for pattern in (self._clock_re, *self._spoken_res)
        )

    def _fullmatch(self, text: str) -> re.Match[str] | None:
        """`text` as a whole as one of the clock patterns, figures first."""
        for pattern in (self._clock_re, *self._spoken_res):
            found = pattern.fullmatch(text)
            if found is not None:
                return found
        return None

    @cached_property
    def _phrases(self) -> dict[tuple[str, ...], _Item | None]:
        """The little words by their words: None for those that change nothing."""
        table: dict[tuple[str, ...], _Item | None] = {}
        for phrase in self.filler | self.at:
            table[tuple(phrase.split())] = None
        for phrase in self.next:
            table[tuple(phrase.split())] = _Item(next=True)
        for phrase, days in self.relative.items():
            table[tuple(phrase.split())] = _Item(relative=days)
        return table

    @cached_property
    def _number_re(self) -> re.Pattern[str]:
        """A day's number with its ordinal ending: "3", "3rd", "1er", "3ten"."""
        return re.compile(rf"(\d{{1,2}})(?:{_alternatives(self.ordinals)})?")

    def clock(self, match: re.Match[str]) -> time | None:
        """The time a clock pattern's match says, or None (25:00, 13pm, "halb 3:15")."""
        said = match.groupdict()
        if said.get("noon"):
            return time(12, 0)
        if said.get("w"):
            hour, minute = self._hours[said["w"]], 0
        else:
            hour, minute = int(said["h"]), int(said["m"] or 0)
        pre, post = said.get("pre"), said.get("post")
        if (pre and post) or ((pre or post) and said.get("m")):
            return None  # "half past 3 y media", "halb 3:15": not a time
        shift = self._before.get(pre or "", 0) + self._after.get(post or "", 0)
        if said.get("half"):
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if said["half"].startswith("p") else 0)
        elif said.get("period") and hour <= 12:
            hour = self._in_period(hour, self.periods[said["period"]])
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            return None
        # "halb 3" is half an hour before 3, and "halb eins" before 1 is 0:30 (as "um 1" is 1:00).
        total = (hour * 60 + minute + shift) % (24 * 60)
        return time(total // 60, total % 60)

    @staticmethod
    def _in_period(hour: int, hours: frozenset[int]) -> int:
        """ "8" said with a part of the day: 8 or 20, whichever lies in (or nearest to) it ("8 de
        la tarde" is 20:00 though CLDR's afternoon ends at 20:00; "11 Uhr nachts" is 23:00)."""

        def distance(h: int) -> int:
            return min(min((h - x) % 24, (x - h) % 24) for x in hours) if hours else 0

        return min((hour % 12, hour % 12 + 12), key=distance)

    def time_spans(self, s: str) -> list[tuple[int, int, time]]:
        """Where a time may stand in `s`, and which: every sure one ("10:30", "14h", "at 10",
        "2pm", "noon") left to right, then the dotted ones from the end ("12.03 10.30" is 10:30
        on 12 March), the longer of two that end together first. A bare number is never a time
        here ("12 March 10" is refused), and neither is "1030" (it could be a year)."""
        spans: list[tuple[int, int, time]] = []
        for spans_re, clock_re in zip(
            self._spans_re, (self._clock_re, *self._spoken_res), strict=True
        ):
            for m in spans_re.finditer(s):
                found = clock_re.fullmatch(m["all"])
                assert found is not None  # the same pattern
                said = found.groupdict()
                sure = any(said.get(g) for g in ("noon", "at", "unit", "half", "pre", "post"))
                if not (sure or said.get("period") or said.get("sep") in (":", "h")):
                    continue  # "10", "10.30", "tres": not on their own
                at = self.clock(found)
                if at is not None:
                    spans.append((m.start("all"), m.end("all"), at))
        # Left to right, the longer of two that start together first ("a las tres y media").
        spans.sort(key=lambda span: (span[0], -span[1]))
        dotted = sorted(
            (m.span(1) for m in _DOTTED_RE.finditer(s)), key=lambda span: (-span[1], span[0])
        )
        for start, end in dotted:
            at = parse_time(s[start:end], words=self)
            if at is not None:
                spans.append((start, end, at))
        return spans

    def items(self, text: str) -> list[_Item] | None:
        """The words of a typed date, each with its readings (little words that change nothing
        left out); None when a word is none we know."""
        tokens = [t.strip(_PUNCTUATION) for t in text.split()]
        tokens = [t for t in tokens if t]
        items: list[_Item] = []
        i = 0
        while i < len(tokens):
            for size in (3, 2, 1):
                phrase = tuple(tokens[i : i + size])
                if len(phrase) == size and phrase in self._phrases:
                    known = self._phrases[phrase]
                    if known is not None:
                        items.append(known)
                    i += size
                    break
            else:
                item = self._item(tokens[i])
                if item is None:
                    return None
                items.append(item)
                i += 1
        return items

    def _item(self, token: str) -> _Item | None:
        """One word's readings, or None."""
        if m := _ISO_RE.fullmatch(token):
            return _Item(parts=(int(m[3]), int(m[2]), int(m[1])))
        if m := _NUMERIC_RE.fullmatch(token):
            return _Item(parts=(int(m[1]), int(m[2]), int(m[3]) if m[3] else None))
        if re.fullmatch(r"\d{4}", token):
            return _Item(year=int(token))
        if m := self._number_re.fullmatch(token):
            # "26" right after a month may be its year; "26th" never is.
            two_digits = len(token) == 2 and token.isdigit()
            return _Item(num=int(m[1]), year=int(token) if two_digits else None)
        month, weekday = self.months.get(token), self.weekdays.get(token)
        if month is None and weekday is None:
            return None
        return _Item(month=month, weekday=weekday)

    @cached_property
    def _at_number(self) -> re.Pattern[str]:
        """An "at" word followed by a number ("a las 10", "at 7", "um 9")."""
        at = "|".join(re.escape(w) for w in sorted(self.at, key=len, reverse=True))
        return re.compile(rf"(?:^| )(?:{at}) \d") if at else re.compile(r"(?!)")

    def names_a_time(self, text: str) -> bool:
        """Whether normalised `text` says "at" a number: a time, so not a date alone (the 10 of
        "el 5 de marzo a las 10" is not the year 2010)."""
        return bool(self._at_number.search(text))

    def only_filler(self, text: str) -> bool:
        """Whether `text` holds nothing but little words ("at", "um", "a las")."""
        return self.items(text) == []


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


def _others_decorate(items: list[_Item], used: set[int]) -> bool:
    """Whether the words not used for the date are at most one weekday ("Thursday 3 Dec")."""
    rest = [item for i, item in enumerate(items) if i not in used]
    return len(rest) <= 1 and all(item.weekday is not None for item in rest)


def _day_month_year(items: list[_Item]) -> tuple[int, int, int | None] | None:
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


def _day_alone(items: list[_Item]) -> int | None:
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
    found = words._fullmatch(t)
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
