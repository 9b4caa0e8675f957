"""Which day? Coming days as buttons, where a date is asked (a class's first session in
/newclass, a session's new date in a move), so a tired instructor taps instead of typing a date
that might be read month first.

A button carries its day in the caller's kind of button (domain.buttons' FirstDay, MoveToDay),
which reads it back as a date or not at all. Whether the day is still acceptable (not passed,
within a year) is the caller's check: a button can be days old. Labels are short days in the
person's language ("Tue 8 Dec", "mar 8 dic"), written by content.dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content import dates
from content.texts import Texts
from domain.buttons import Button, encode

#: How many days are offered where a date is asked.
DAY_BUTTONS = 6
#: Buttons to a row: three short days fit a phone's width.
PER_ROW = 3


def short_day(texts: Texts, day: date) -> str:
    """A day as a button reads it, in the language of `texts`: "Tue 8 Dec"."""
    return dates.short_day(day, texts)


def day_buttons(
    texts: Texts, days: Iterable[date], pressed: Callable[[date], Button]
) -> InlineKeyboardMarkup:
    """One button per day, three to a row; each carries `pressed` made with its day."""
    buttons = [
        InlineKeyboardButton(short_day(texts, d), callback_data=encode(pressed(d))) for d in days
    ]
    return InlineKeyboardMarkup([buttons[i : i + PER_ROW] for i in range(0, len(buttons), PER_ROW)])


def next_days(today: date, count: int = DAY_BUTTONS) -> list[date]:
    """The `count` days after `today`."""
    return [date.fromordinal(today.toordinal() + n) for n in range(1, count + 1)]
