"""domain/when.py: the one reader of typed dates and times (class setup, birth dates, moving a
session, scheduling an announcement). "Today" is always passed in; nothing reads the clock."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from domain.when import WhenError, parse_date, parse_time, parse_when, read_when
from tests.support.says import shared_content

# Dates as an English reader types them (every language is read; English goes first).
EN = shared_content().date_words("en")

TODAY = date(2026, 3, 5)  # a Thursday
EMOJI = "🍼" * 4000


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("2026-3-5", date(2026, 3, 5)),
        ("3/12/2026", date(2026, 12, 3)),
        ("3.12.26", date(2026, 12, 3)),
        ("03-12-2026", date(2026, 12, 3)),
        ("3 Dec", date(2026, 12, 3)),
        ("3rd of December", date(2026, 12, 3)),
        ("on the 3rd of December", date(2026, 12, 3)),
        ("Dec 3rd, 2026", date(2026, 12, 3)),
        ("sept 3", date(2026, 9, 3)),
        ("Thursday 3 December 2026", date(2026, 12, 3)),
        ("thurs. 3 dec", date(2026, 12, 3)),
        ("3 Dec, Thursday", date(2026, 12, 3)),
        ("  today ", TODAY),
        ("Tomorrow", date(2026, 3, 6)),
        ("12/03", date(2026, 3, 12)),  # no year: the next 12 March
        ("1/3", date(2027, 3, 1)),  # 1 March has passed: next year's
        ("5 March", TODAY),  # today counts as ahead
        ("29 Feb", date(2028, 2, 29)),  # the next one that exists
        ("Thursday", date(2026, 3, 12)),  # a weekday alone: the next one after today
        ("next Tuesday", date(2026, 3, 10)),
    ],
)
def test_dates_in_common_formats(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY, words=EN) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3/12/2026", date(2026, 12, 3)),
        ("1/2/2026", date(2026, 2, 1)),
        ("12.01.26", date(2026, 1, 12)),
    ],
)
def test_dates_are_day_first(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY, words=EN) == expected
    found = parse_when(f"{typed} 10:00", TODAY, words=EN)
    assert found is not None and found[0] == expected


def test_a_birthday_is_the_latest_such_day_up_to_today() -> None:
    assert parse_date("14 Feb", TODAY, past=True, words=EN) == date(2026, 2, 14)
    assert parse_date("25 Dec", TODAY, past=True, words=EN) == date(2025, 12, 25)
    assert parse_date("yesterday", TODAY, past=True, words=EN) == date(2026, 3, 4)
    assert parse_date("tomorrow", TODAY, past=True, words=EN) is None
    assert parse_date("yesterday", TODAY, words=EN) is None


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "soon",
        "next week",
        "31 Feb",
        "31/2/2027",
        "30.02",
        "12/13/2026",  # month first is not read
        "0/1",
        "3 Dexember",
        "🍼",
        EMOJI,
        "3 " + "December " * 300,
    ],
)
def test_what_is_not_a_date_is_none(typed: str) -> None:
    assert parse_date(typed, TODAY, words=EN) is None


# -- times -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10:30", time(10, 30)),
        ("10.30", time(10, 30)),
        ("9h45", time(9, 45)),
        ("1430", time(14, 30)),
        ("10", time(10, 0)),  # alone, a bare hour is a time
        ("10am", time(10, 0)),
        ("10 am", time(10, 0)),
        ("9 a.m.", time(9, 0)),
        ("2:15 pm", time(14, 15)),
        ("12pm", time(12, 0)),
        ("12am", time(0, 0)),
        ("noon", time(12, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_times_in_common_formats(typed: str, expected: time) -> None:
    assert parse_time(typed, words=EN) == expected


@pytest.mark.parametrize(
    "typed", ["", "25:00", "24:00", "10:75", "10:3", "13pm", "0am", "morning", "🕙", EMOJI]
)
def test_what_is_not_a_time_is_none(typed: str) -> None:
    assert parse_time(typed, words=EN) is None


# -- a date and a time in one message ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12 March 10:30", (date(2026, 3, 12), time(10, 30))),
        ("10:30 12 March", (date(2026, 3, 12), time(10, 30))),
        ("on the 12th of March at 10:30", (date(2026, 3, 12), time(10, 30))),
        ("2026-03-12T10:30", (date(2026, 3, 12), time(10, 30))),
        ("2026-03-12 09:00", (date(2026, 3, 12), time(9, 0))),
        ("Thu 12/03 2pm", (date(2026, 3, 12), time(14, 0))),
        ("12.03.2026 10.30", (date(2026, 3, 12), time(10, 30))),
        ("12.03 10.30", (date(2026, 3, 12), time(10, 30))),
        ("30.03 9:00", (date(2026, 3, 30), time(9, 0))),
        ("March 12, 10:30am", (date(2026, 3, 12), time(10, 30))),
        ("12 march 12am", (date(2026, 3, 12), time(0, 0))),
        ("12 March at noon", (date(2026, 3, 12), time(12, 0))),
        ("1 March 10:00", (date(2027, 3, 1), time(10, 0))),  # passed: next year's
        ("tomorrow 9am", (date(2026, 3, 6), time(9, 0))),
        ("today at 6pm", (TODAY, time(18, 0))),
        ("tomorrow 10.30", (date(2026, 3, 6), time(10, 30))),
        ("18:30", (TODAY, time(18, 30))),  # a time alone is today
        ("18.30", (TODAY, time(18, 30))),
        ("at 9:15", (TODAY, time(9, 15))),
        ("Thursday 10:30", (date(2026, 3, 12), time(10, 30))),  # the next Thursday
        ("tomorrow at 10", (date(2026, 3, 6), time(10, 0))),  # after "at", an hour is a time
    ],
)
def test_a_date_and_time_together(typed: str, expected: tuple[date, time]) -> None:
    assert parse_when(typed, TODAY, words=EN) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "soon",
        "9",  # a bare number is not a time here
        "12 March 10",
        "12 March",  # no time
        "25:00",
        "10:61",
        "13pm",
        "25:00 12 March",
        "31.02 10:00",
        "31 Feb 10:00",
        "yesterday 9:00",
        "12 March 10:30 please",
        "🌙",
        EMOJI,
        "12 March " + "10:30 " * 100,
    ],
)
def test_what_is_not_a_date_and_time_is_none(typed: str) -> None:
    assert parse_when(typed, TODAY, words=EN) is None


# -- where a date is expected (moving a session) ----------------------------------------------


def test_read_when_gives_the_local_datetime() -> None:
    assert read_when("12 March 10:30", TODAY, words=EN) == datetime(2026, 3, 12, 10, 30)


@pytest.mark.parametrize("typed", ["12 March", "12/03", "10.03", "tomorrow"])
def test_a_date_alone_is_missing_its_time(typed: str) -> None:
    # "10.03" reads as a time today in `parse_when`; where a date is expected it is 10 March.
    with pytest.raises(WhenError, match="no_time"):
        read_when(typed, TODAY, words=EN)


@pytest.mark.parametrize("typed", ["", "soon", "31 Feb 10:00", "25:00 12 March", EMOJI])
def test_the_rest_is_unreadable(typed: str) -> None:
    with pytest.raises(WhenError, match="unreadable"):
        read_when(typed, TODAY, words=EN)
