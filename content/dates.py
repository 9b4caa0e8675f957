"""Dates and times in people's own language, both ways: as the bot writes them ("Tuesday 4
March", "10:00", "tomorrow, Tuesday 4 March, at 10:00") and the words it reads them by
(`date_words`, for domain.when). Names and patterns are CLDR's, through Babel; each language's
patterns are its `core.*_format` messages, its little words its `when.*` ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time

from babel import Locale
from babel.dates import format_date, format_datetime, get_day_names, get_month_names, get_period_id

from content.texts import Texts
from domain.lexicon import fold
from domain.schedule import Session, zone
from domain.when import DateWords, SpokenClock

#: A month's or weekday's name is read from its first three letters on ("Sept", "thurs", "Mär").
MIN_START = 3
#: The little words of each pack's `when` messages, by what they mean.
_RELATIVE = {"when.today": 0, "when.tomorrow": 1, "when.yesterday": -1}
#: The words around an hour that move it, and by how many minutes: before it ("half past 3",
#: "halb 3"), after it ("3 y media", "3 moins le quart").
_BEFORE = {
    "when.half_past": 30,
    "when.quarter_past": 15,
    "when.quarter_to": -15,
    "when.half_to": -30,
}
_AFTER = {"when.and_half": 30, "when.and_quarter": 15, "when.less_quarter": -15}
# Day periods read after an hour ("5 de la tarde", "9 Uhr abends"); am/pm are read as such.
_NOT_PERIODS = frozenset({"am", "pm"})
# German words typed without umlauts: "Maerz", "naechsten".
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def local_day(when: datetime, texts: Texts) -> str:
    """A date as parents read it, in the language of `texts` (its pattern and locale; CLDR's
    names, through Babel): "Tuesday 4 March", "martes 4 de marzo"."""
    return format_date(when, texts.raw("core.day_format"), locale=texts.raw("core.locale"))


def local_clock(when: datetime) -> str:
    """A local time of day: "10:00"."""
    return f"{when:%H:%M}"


def when_words(texts: Texts, session: Session, now: datetime) -> str:
    """When a session is, relative to now: "today at 10:00", "tomorrow, Tuesday 4 March, at ..."."""
    local_now = now.astimezone(session.local_start.tzinfo)
    days = (session.local_start.date() - local_now.date()).days
    day, clock = local_day(session.local_start, texts), local_clock(session.local_start)
    if days == 0:
        return texts.raw("course.when_today").format(time=clock)
    if days == 1:
        return texts.raw("course.when_tomorrow").format(day=day, time=clock)
    return texts.raw("course.when_on").format(day=day, time=clock)


def short_day(day: date, texts: Texts) -> str:
    """A day on a button or beside a name, short: "Tue 8 Dec", "mar 8 dic", "Di., 8. Dez."."""
    return format_date(day, texts.raw("core.day_short_format"), locale=texts.raw("core.locale"))


def local_date(day: date, texts: Texts) -> str:
    """A date with its year, short, in the language of `texts`: "Thu 3 Dec 2026"."""
    return format_date(day, texts.raw("core.date_format"), locale=texts.raw("core.locale"))


def full_date(day: date, texts: Texts) -> str:
    """A date with its year, in full: "3 December 2026", "3 de diciembre de 2026"."""
    return format_date(day, texts.raw("core.full_date_format"), locale=texts.raw("core.locale"))


def local_moment(when: datetime, texts: Texts) -> str:
    """A day and time within the year, in the language of `texts`: "Tue 8 January, 10:00"."""
    return format_datetime(
        when, texts.raw("core.moment_format"), tzinfo=when.tzinfo, locale=texts.raw("core.locale")
    )


def typed_example(day: date, clock: str, texts: Texts) -> str:
    """A date and time as someone could type it, in the form their language's pack reads back
    ("17 March 10:30", "17/3 10:30"): the example in "type one like ..."."""
    written = format_date(day, texts.raw("core.example_date"), locale=texts.raw("core.locale"))
    return f"{written} {clock}"


def format_local(at: datetime, tz: str, texts: Texts) -> str:
    """An instant as someone reads it in a class's zone and the language of `texts`, e.g.
    "Tue 12 March, 09:00", "mar 12 de marzo, 09:00"."""
    return local_moment(at.astimezone(zone(tz)), texts)


def _typed(word: str) -> set[str]:
    """The ways a word may be typed: folded (no case, no accents, no final dot), and with
    German umlauts written out."""
    word = word.strip().rstrip(".").replace("\u2019", "'").lower()
    return {" ".join(fold(w).split()) for w in (word, word.translate(_UMLAUTS))} - {""}


def _listed(texts: Texts, key: str) -> set[str]:
    """A `when.*` message's words, each as it may be typed."""
    return {typed for word in texts.raw(key).split(",") for typed in _typed(word)}


def _hour_words(texts: Texts) -> dict[str, int]:
    """A pack's hours in words (`when.numbers`: one, two, ... in order, "/" between ways of
    writing the same one) -> the hour."""
    hours: dict[str, int] = {}
    for hour, ways in enumerate(texts.raw("when.numbers").split(","), start=1):
        for way in ways.split("/"):
            hours.update(dict.fromkeys(_typed(way), hour))
    return hours


def _spoken(texts: Texts) -> SpokenClock:
    """One pack's words for a time said in words ("a las tres y media", "um halb drei")."""
    return SpokenClock(
        at=frozenset(_listed(texts, "when.at")),
        units=frozenset(_listed(texts, "when.hour")),
        hours=_hour_words(texts),
        before={word: shift for key, shift in _BEFORE.items() for word in _listed(texts, key)},
        after={word: shift for key, shift in _AFTER.items() for word in _listed(texts, key)},
    )


def _names(locale: str, weekdays: bool) -> dict[str, int | None]:
    """One language's month (or weekday) names and abbreviations, and every start of them of
    MIN_START letters or more -> the month (or weekday); None for a start two of them share
    ("jui": juin, juillet). A whole name or abbreviation always wins."""
    getter = get_day_names if weekdays else get_month_names
    whole: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in getter(width, context, locale).items():
                whole.update(dict.fromkeys(_typed(name), int(number)))
    starts: dict[str, int | None] = {}
    for name, number in whole.items():
        for end in range(MIN_START, len(name)):
            start = name[:end]
            starts[start] = number if starts.get(start, number) == number else None
    return {**starts, **whole}


def _periods(locale: str) -> dict[str, frozenset[int]]:
    """The parts of the day as CLDR writes them after a time ("de la tarde", "abends") -> the
    hours each covers in that language."""
    hours: dict[str, set[int]] = {}
    for h in range(24):
        hours.setdefault(str(get_period_id(time(h), locale=locale)), set()).add(h)
    hours.setdefault("noon", set()).add(12)
    hours.setdefault("midnight", set()).add(0)
    names: dict[str, frozenset[int]] = {}
    for width in ("wide", "abbreviated"):
        for period, name in Locale.parse(locale).day_periods["format"].get(width, {}).items():
            if period in _NOT_PERIODS:
                continue
            for typed in _typed(name):
                names[typed] = names.get(typed, frozenset()) | frozenset(hours.get(period, ()))
    return names


def _first(tables: list[Mapping[str, int | None]]) -> dict[str, int]:
    """Tables merged, the first that reads a word clearly deciding what it means."""
    merged: dict[str, int] = {}
    for table in tables:
        for word, value in table.items():
            if value is not None:
                merged.setdefault(word, value)
    return merged


def date_words(packs: Mapping[str, Texts], lang: str) -> DateWords:
    """The words dates and times are read by: every pack's, `lang`'s first."""
    order = [pack for code, pack in packs.items() if code == lang]
    order += [pack for code, pack in packs.items() if code != lang]
    locales = [texts.raw("core.locale") for texts in order]
    relative: dict[str, int] = {}
    periods: dict[str, frozenset[int]] = {}
    for texts in order:
        for key, days in _RELATIVE.items():
            for word in _listed(texts, key):
                relative.setdefault(word, days)
    for locale in locales:
        for name, hours in _periods(locale).items():
            periods.setdefault(name, hours)

    def every(key: str) -> frozenset[str]:
        return frozenset(word for texts in order for word in _listed(texts, key))

    return DateWords(
        months=_first([_names(locale, weekdays=False) for locale in locales]),
        weekdays=_first([_names(locale, weekdays=True) for locale in locales]),
        relative=relative,
        next=every("when.next"),
        filler=every("when.filler"),
        at=every("when.at"),
        units=every("when.hour"),
        noon=every("when.noon"),
        periods=periods,
        ordinals=every("when.ordinal"),
        spoken=tuple(_spoken(texts) for texts in order),
    )
