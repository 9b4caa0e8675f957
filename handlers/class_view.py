"""A class as an instructor sees it: its dates and times in their language, the summary shown at
the end of /newclass and under /classes, its join link with the two set-up buttons (share it, add
the bot to the class group), and the keyboards built from `newclass.*` button labels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.dates import local_clock, local_date
from content.texts import Html, Texts
from domain.buttons import Button, encode
from domain.schedule import schedule_from_record, session_list
from handlers.common import Context, class_zone, language_name, settings_of, texts_of
from handlers.ui import add_to_group_url, bot_link, share_url
from storage.records import ClassFields, ClassRecord


def format_day(texts: Texts, d: date) -> str:
    """A date for people, in the language of `texts`: "Thu 3 Dec 2026", "jue 3 dic 2026"."""
    return local_date(d, texts)


def format_when(texts: Texts, local: datetime) -> str:
    """A local start time for people: "Thu 3 Dec 2026, 10:30"."""
    return f"{format_day(texts, local.date())}, {local_clock(local)}"


def class_summary(texts: Texts, klass: ClassFields, now: datetime) -> Html:
    """Name, sessions × length, place (time zone), venue, the class group's language and the
    local date of every session."""
    dates = [
        texts("newclass.date_line", n=s.number, when=format_when(texts, s.local_start))
        for s in session_list(schedule_from_record(klass))
    ]
    return texts(
        "newclass.summary",
        name=klass["name"],
        sessions=klass["sessions"],
        length=klass["length_min"],
        tz=class_zone(texts, klass, now),
        venue=venue_words(texts, klass),
        language=language_name(texts, str(klass.get("lang") or "en")),
        dates=Html("\n".join(dates)),
    )


def venue_words(texts: Texts, klass: ClassFields) -> str | Html:
    """The venue as typed (a pin mark when a map pin was shared too), or "not set"."""
    venue = klass.get("venue")
    if klass.get("venue_pin"):
        return texts("newclass.venue_pinned", venue=venue or texts.raw("newclass.pin_only"))
    return str(venue) if venue else texts.raw("newclass.no_venue")


def join_link(context: Context, klass: ClassRecord) -> str:
    """The deep link through which families join this class."""
    return bot_link(context, klass["code"])


def keyboard(texts: Texts, *rows: list[tuple[str, Button]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label key in newclass.toml, the button pressed)."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.raw(f"newclass.{key}"), callback_data=encode(pressed))
                for key, pressed in row
            ]
            for row in rows
        ]
    )


def setup_buttons(context: Context, klass: ClassRecord) -> InlineKeyboardMarkup:
    """[Share the join link] and [Add me to your class group]: the rest of the set-up in two
    taps (the group link carries the class code, so the group links itself: handlers/groups)."""
    texts = texts_of(context)
    share = share_url(
        join_link(context, klass), texts.raw("newclass.share_text").format(name=klass["name"])
    )
    add = add_to_group_url(context, klass["code"])
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.raw("newclass.share_button"), url=share)],
            [InlineKeyboardButton(texts.raw("newclass.add_to_group_button"), url=add)],
        ]
    )


def delete_on(context: Context, klass: ClassRecord) -> str:
    """The day a class's personal data is deleted (retention_days after it ended)."""
    ended = (
        datetime.fromisoformat(ended_at)
        if (ended_at := klass.get("ended_at"))
        else datetime.now(UTC)
    )
    deleted = ended + timedelta(days=settings_of(context).retention_days)
    return format_day(texts_of(context), deleted.date())
