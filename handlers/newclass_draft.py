"""What every step of /newclass shares: its states, limits and the draft class kept in
`user_data` until the instructor confirms (handlers/newclass.py runs the conversation)."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from domain.buttons import FirstDay
from handlers.common import Context, settings_of, texts_of
from handlers.daypick import day_buttons, next_days
from jobs.timing import now_of

NAME, DATE, TIME, TZ, SESSIONS, LENGTH, VENUE, CONFIRM = range(8)
DRAFT = "newclass"  # the user_data key of the class being set up


LENGTHS = (45, 60, 90)
DEFAULT_SESSIONS = 5
MAX_NAME = 80
MAX_VENUE = 200
MAX_AHEAD = timedelta(days=366)


def draft_of(context: Context) -> dict[str, Any]:
    """The class being set up (created on first use)."""
    data = context.user_data
    assert data is not None  # per-user conversations always have user_data
    return data.setdefault(DRAFT, {})


def setup_today(context: Context) -> date:
    """Today in the deployment's default time zone (the class's own is not chosen yet)."""
    return (
        now_of(context.application)
        .astimezone(ZoneInfo(settings_of(context).default_timezone))
        .date()
    )


def earliest_today(context: Context) -> date:
    """The earliest date that is still today somewhere (UTC-12): until the class's zone is
    known, a date is only "already passed" if it has passed everywhere."""
    return (now_of(context.application) - timedelta(hours=12)).astimezone(UTC).date()


def typed_text(update: Update) -> str:
    """The typed text of the message this update carries."""
    message = update.effective_message
    return (message.text or "") if message is not None else ""


def in_rows(buttons: list[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    """Lay buttons out in rows of `per_row`."""
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def first_day_buttons(context: Context) -> InlineKeyboardMarkup:
    """The next few days as buttons ("Tue 8 Dec"), from tomorrow."""
    return day_buttons(texts_of(context), next_days(setup_today(context)), FirstDay)
