"""The time-zone step of /newclass: a button per common zone, a typed city, country or zone name
(`domain.timezones`, then the offline gazetteer `domain.places`), or a shared map pin; the first
session must still lie ahead in the zone chosen."""

from __future__ import annotations

import asyncio
import re
from datetime import date, time
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from content.texts import Texts
from domain.buttons import PlaceChosen, SessionCount, ZoneChosen, encode, parse
from domain.places import Place, find_places, place_at, zone_city
from domain.schedule import MAX_SESSIONS, resolve_local
from domain.timezones import is_zone, match_timezone
from domain.when import parse_date
from handlers.class_view import format_day
from handlers.classpick import close_buttons
from handlers.common import Context, date_words_of, place_words, settings_of, texts_of, zone_label
from handlers.newclass_draft import (
    DATE,
    DEFAULT_SESSIONS,
    SESSIONS,
    TZ,
    draft_of,
    first_day_buttons,
    in_rows,
    typed_text,
)
from handlers.ui import reply
from jobs.timing import now_of

COMMON_ZONES = (
    "Europe/London",
    "Europe/Dublin",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
)


def _place_name(
    texts: Texts, zone: str, place: str | None = None, country: str | None = None
) -> str:
    """A button's words for a place: "London, UK" (never a raw zone name), the country in the
    reader's language."""
    name, words = place_words(texts, zone, place, country)
    return f"{name}, {words}" if words else name


def zone_buttons(texts: Texts, zones: list[str]) -> InlineKeyboardMarkup:
    """One button per time zone (named by its city and country), two to a row."""
    buttons = [
        InlineKeyboardButton(_place_name(texts, z), callback_data=encode(ZoneChosen(z)))
        for z in zones
    ]
    return InlineKeyboardMarkup(in_rows(buttons, 2))


def _place_buttons(context: Context, places: list[Place]) -> InlineKeyboardMarkup:
    """One button per place a typed name may mean; the places are kept in the draft, so the
    buttons carry only their number (a place's name may not fit in callback data)."""
    draft_of(context)["choices"] = [[p.name, p.country, p.zone] for p in places]
    texts = texts_of(context)
    labels = [_place_name(texts, p.zone, p.name, p.country) for p in places]
    # Two in one country and zone name ("Portland, US" twice): add the zone's city.
    twice = {label for label in labels if labels.count(label) > 1}
    labels = [
        f"{label} ({zone_city(p.zone)})" if label in twice else label
        for label, p in zip(labels, places, strict=True)
    ]
    buttons = [
        InlineKeyboardButton(label, callback_data=encode(PlaceChosen(i)))
        for i, label in enumerate(labels)
    ]
    return InlineKeyboardMarkup(in_rows(buttons, 2))


def default_zones(context: Context) -> list[str]:
    """The deployment's default zone first, then a few common ones."""
    return list(dict.fromkeys([settings_of(context).default_timezone, *COMMON_ZONES]))


async def zone_pressed(update: Update, context: Context) -> int:
    """A time zone button: check the zone is real (the data may be tampered with), keep it."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, ZoneChosen)
    zone = pressed.zone if pressed is not None else ""
    if not is_zone(zone):
        await query.answer(texts_of(context).raw("newclass.tz_invalid"), show_alert=True)
        return TZ
    await close_buttons(query)
    return await _set_zone(update, context, zone)


async def place_pressed(update: Update, context: Context) -> int:
    """A place button (after an ambiguous or misspelt name): the place kept in the draft."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, PlaceChosen)
    choices = draft_of(context).get("choices") or []
    if pressed is None or pressed.index >= len(choices) or not is_zone(choices[pressed.index][2]):
        await query.answer(texts_of(context).raw("newclass.tz_invalid"), show_alert=True)
        return TZ
    name, _, zone = choices[pressed.index]
    await close_buttons(query)
    return await _set_zone(update, context, zone, name)


async def zone_located(update: Update, context: Context) -> int:
    """A shared location (map pin): its time zone, named after the nearest city."""
    message = update.effective_message
    assert message is not None and message.location is not None
    point = message.location
    # Loading the zone polygons takes seconds the first time: off the event loop.
    place = await asyncio.to_thread(place_at, point.latitude, point.longitude)
    if place is None:
        await reply(
            update,
            texts_of(context)("newclass.tz_no_place"),
            zone_buttons(texts_of(context), default_zones(context)),
        )
        return TZ
    return await _set_zone(update, context, place.zone, place.name)


# A time given as an offset from UTC ("GMT+3", "UTC -5", "utc+05:30", "+2").
_OFFSET = re.compile(r"^(?:(?:utc|gmt)\s*)?[+\-−]\s*\d{1,2}(?::?\d{2})?$", re.IGNORECASE)


async def zone_typed(update: Update, context: Context) -> int:
    """A typed city, country or zone name: take a clear match, else offer places or zones."""
    texts = texts_of(context)
    typed = typed_text(update).strip()
    if _OFFSET.match(typed):
        # "GMT+3" is no place: summer time would move it, and it names no country (the
        # emergency numbers come from the country).
        await reply(
            update,
            texts("newclass.tz_offset", typed=typed[:60]),
            zone_buttons(texts, default_zones(context)),
        )
        return TZ
    exact, suggestions = match_timezone(typed)
    if exact is not None:  # a zone's own name or city ("Europe/Madrid", "Madrid"): no gazetteer
        return await _set_zone(update, context, exact)
    # The gazetteer loads on first use (a second or more): off the event loop.
    place, places = await asyncio.to_thread(find_places, typed)
    if place is not None:
        return await _set_zone(update, context, place.zone, place.name)
    if places:
        await reply(
            update, texts("newclass.tz_places", typed=typed[:60]), _place_buttons(context, places)
        )
    elif suggestions:
        await reply(
            update,
            texts("newclass.tz_suggest", typed=typed[:60]),
            zone_buttons(texts, suggestions),
        )
    else:
        await reply(
            update,
            texts("newclass.tz_unknown", typed=typed[:60]),
            zone_buttons(texts_of(context), default_zones(context)),
        )
    return TZ


async def _set_zone(update: Update, context: Context, zone: str, place: str | None = None) -> int:
    """Keep the zone (and the place it was chosen by); the first session must still lie ahead
    there. Ask the number of sessions."""
    texts = texts_of(context)
    draft = draft_of(context)
    now = now_of(context.application)
    local_today = now.astimezone(ZoneInfo(zone)).date()
    typed = draft.get("date_text")
    again = parse_date(typed, local_today, words=date_words_of(context)) if typed else None
    first = again or date.fromisoformat(draft["first_date"])
    draft["first_date"] = first.isoformat()
    start = time.fromisoformat(draft["start"])
    if resolve_local(first, start, zone) <= now:
        when = f"{format_day(texts, first)}, {draft['start']}"
        label = zone_label(texts, zone, place, now)
        await reply(
            update, texts("newclass.past_in_zone", tz=label, when=when), first_day_buttons(context)
        )
        return DATE
    draft["tz"] = zone
    draft["place"] = place
    draft.pop("choices", None)
    buttons = [
        InlineKeyboardButton(
            texts.raw("newclass.sessions_default").format(n=n) if n == DEFAULT_SESSIONS else str(n),
            callback_data=encode(SessionCount(n)),
        )
        for n in range(1, MAX_SESSIONS + 1)
    ]
    await reply(
        update,
        texts("newclass.ask_sessions", tz=zone_label(texts, zone, place, now)),
        InlineKeyboardMarkup(in_rows(buttons, 4)),
    )
    return SESSIONS
