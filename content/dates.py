"""Dates and times as people read them, in their own language: "Tuesday 4 March", "10:00",
"tomorrow, Tuesday 4 March, at 10:00". Names and patterns are CLDR's, through Babel; each
language's pattern is its `core.day_format` message.
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date

from content.texts import Texts
from domain.schedule import Session


def local_day(when: datetime, texts: Texts | None = None) -> str:
    """A date as parents read it: "Tuesday 4 March"; in the language of `texts` when given
    (its pattern and locale; CLDR's names, through Babel)."""
    if texts is None or "core.day_format" not in texts:
        return f"{when:%A} {when.day} {when:%B}"
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
