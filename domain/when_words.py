"""The words typed dates and times are read with (domain/when.py reads them): `DateWords`, every
language's month and weekday names, little words and times said in words (`SpokenClock`), with
the patterns a time is found by and the readings of each word of a date (`DateItem`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import time
from functools import cached_property

_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_RE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?")
_AMPM = r"am|pm|a\.m\.|p\.m\."
# "10.30" is also how "10 March" may be written: a time only where the rest is the date, tried
# after every surer time. A lookahead, so that every place is found, overlapping ones too
# ("7.110.30": "10.30" and "0.30").
_DOTTED_RE = re.compile(r"(?=(\d{1,2}\.\d{2}))")
# What may stick to a word without being part of it: "12.", "janv.", "(Tue)", "12/03 -".
_PUNCTUATION = ".-/()!?;"


def _alternatives(phrases: Iterable[str]) -> str:
    """A regex matching any of `phrases` (longest first, so "a las" wins over "a")."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p) for p in ordered) or "(?!)"


@dataclass(frozen=True)
class DateItem:
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

    def match_clock(self, text: str) -> re.Match[str] | None:
        """`text` as a whole as one of the clock patterns, figures first."""
        for pattern in (self._clock_re, *self._spoken_res):
            found = pattern.fullmatch(text)
            if found is not None:
                return found
        return None

    @cached_property
    def _phrases(self) -> dict[tuple[str, ...], DateItem | None]:
        """The little words by their words: None for those that change nothing."""
        table: dict[tuple[str, ...], DateItem | None] = {}
        for phrase in self.filler | self.at:
            table[tuple(phrase.split())] = None
        for phrase in self.next:
            table[tuple(phrase.split())] = DateItem(next=True)
        for phrase, days in self.relative.items():
            table[tuple(phrase.split())] = DateItem(relative=days)
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
            # Read as `parse_time` reads "10.30" typed alone (the text is already normal).
            found = self.match_clock(s[start:end])
            at = self.clock(found) if found is not None else None
            if at is not None:
                spans.append((start, end, at))
        return spans

    def items(self, text: str) -> list[DateItem] | None:
        """The words of a typed date, each with its readings (little words that change nothing
        left out); None when a word is none we know."""
        tokens = [t.strip(_PUNCTUATION) for t in text.split()]
        tokens = [t for t in tokens if t]
        items: list[DateItem] = []
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

    def _item(self, token: str) -> DateItem | None:
        """One word's readings, or None."""
        if m := _ISO_RE.fullmatch(token):
            return DateItem(parts=(int(m[3]), int(m[2]), int(m[1])))
        if m := _NUMERIC_RE.fullmatch(token):
            return DateItem(parts=(int(m[1]), int(m[2]), int(m[3]) if m[3] else None))
        if re.fullmatch(r"\d{4}", token):
            return DateItem(year=int(token))
        if m := self._number_re.fullmatch(token):
            # "26" right after a month may be its year; "26th" never is.
            two_digits = len(token) == 2 and token.isdigit()
            return DateItem(num=int(m[1]), year=int(token) if two_digits else None)
        month, weekday = self.months.get(token), self.weekdays.get(token)
        if month is None and weekday is None:
            return None
        return DateItem(month=month, weekday=weekday)

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
