"""/newclass, the guided class setup, and /classes, where an instructor manages their classes.

The setup is a conversation in the private chat: buttons where the choice is finite (time zone,
number of sessions, length, skip the venue), typed answers with a helpful retry elsewhere
(name, first date, start time, venue). The draft lives in `user_data` until the instructor
confirms; only then is the class stored and its jobs scheduled.

Typed dates and times are read by `domain.when`, typed time zones by `domain.timezones`.
Ending a class lives here too (`ask_end`, `end_class`), for both its buttons: "End class" under
/classes and "End the class early" on the sessions screen.
"""

from __future__ import annotations

import asyncio
import re
import warnings
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.helpers import create_deep_linked_url
from telegram.warnings import PTBUserWarning

from content.dates import local_clock, local_date
from content.texts import Html, Texts
from domain.buttons import (
    Button,
    CancelSetup,
    ClassDelete,
    ClassDeleteConfirmed,
    ClassEnd,
    ClassEndConfirmed,
    ClassesList,
    ClassesPage,
    ClassLanguage,
    ClassLink,
    ClassShow,
    CreateClass,
    EndFromSessionsConfirmed,
    FirstDay,
    GroupLanguage,
    PlaceChosen,
    SessionCount,
    SessionLength,
    SessionsList,
    StartAgain,
    VenueAsk,
    VenueSkip,
    ZoneChosen,
    decode,
    encode,
    family,
    parse,
    routes,
)
from domain.places import Place, find_places, place_at, zone_city
from domain.schedule import MAX_SESSIONS, resolve_local, schedule_from_record, session_list
from domain.timezones import is_zone, match_timezone
from domain.when import parse_date, parse_time
from handlers.auth import own_class, private_only, refuse_class, requires
from handlers.classpick import class_label, close_buttons
from handlers.commands import Command
from handlers.common import (
    Context,
    class_zone,
    content_of,
    date_words_of,
    lang_of,
    language_name,
    place_words,
    settings_of,
    show_in_place,
    store_of,
    texts_of,
    zone_label,
)
from handlers.conversation import StoredConversation
from handlers.daypick import day_buttons, next_days
from handlers.language import class_language_rows
from handlers.links import add_to_group_url, share_url
from jobs.course import reschedule_class
from jobs.retention import delete_class_data
from jobs.timing import now_of, schedule_for, unit_of

# -- showing a class ---------------------------------------------------------------------------


def format_day(texts: Texts, d: date) -> str:
    """A date for people, in the language of `texts`: "Thu 3 Dec 2026", "jue 3 dic 2026"."""
    return local_date(d, texts)


def format_when(texts: Texts, local: datetime) -> str:
    """A local start time for people: "Thu 3 Dec 2026, 10:30"."""
    return f"{format_day(texts, local.date())}, {local_clock(local)}"


def class_summary(texts: Texts, klass: dict[str, Any], now: datetime) -> Html:
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


def venue_words(texts: Texts, klass: dict[str, Any]) -> str | Html:
    """The venue as typed (a pin mark when a map pin was shared too), or "not set"."""
    venue = klass.get("venue")
    if klass.get("venue_pin"):
        return texts("newclass.venue_pinned", venue=venue or texts.raw("newclass.pin_only"))
    return str(venue) if venue else texts.raw("newclass.no_venue")


def join_link(context: Context, klass: dict[str, Any]) -> str:
    """The deep link through which families join this class."""
    return create_deep_linked_url(context.bot.username, klass["code"])


# -- the /newclass conversation -----------------------------------------------------------------

NAME, DATE, TIME, TZ, SESSIONS, LENGTH, VENUE, CONFIRM = range(8)
DRAFT = "newclass"  # the user_data key of the class being set up
COMMON_ZONES = (
    "Europe/London",
    "Europe/Dublin",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
)
LENGTHS = (45, 60, 90)
DEFAULT_SESSIONS = 5
MAX_NAME = 80
MAX_VENUE = 200
MAX_AHEAD = timedelta(days=366)
# An abandoned setup stops catching the instructor's messages after this long.
TIMEOUT = timedelta(hours=1)


def _draft(context: Context) -> dict[str, Any]:
    """The class being set up (created on first use)."""
    data = context.user_data
    assert data is not None  # per-user conversations always have user_data
    return data.setdefault(DRAFT, {})


def _today(context: Context) -> date:
    """Today in the deployment's default time zone (the class's own is not chosen yet)."""
    return (
        now_of(context.application)
        .astimezone(ZoneInfo(settings_of(context).default_timezone))
        .date()
    )


def _earliest_today(context: Context) -> date:
    """The earliest date that is still today somewhere (UTC-12): until the class's zone is
    known, a date is only "already passed" if it has passed everywhere."""
    return (now_of(context.application) - timedelta(hours=12)).astimezone(UTC).date()


def _text(update: Update) -> str:
    """The typed text of the message this update carries."""
    message = update.effective_message
    return (message.text or "") if message is not None else ""


async def _say(update: Update, text: Html, markup: InlineKeyboardMarkup | None = None) -> None:
    """Reply in the private chat, for a typed answer and a button press alike."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=markup)


def _rows(buttons: list[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    """Lay buttons out in rows of `per_row`."""
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def _keyboard(texts: Texts, *rows: list[tuple[str, Button]]) -> InlineKeyboardMarkup:
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


def _place_name(
    texts: Texts, zone: str, place: str | None = None, country: str | None = None
) -> str:
    """A button's words for a place: "London, UK" (never a raw zone name), the country in the
    reader's language."""
    name, words = place_words(texts, zone, place, country)
    return f"{name}, {words}" if words else name


def _zone_buttons(texts: Texts, zones: list[str]) -> InlineKeyboardMarkup:
    """One button per time zone (named by its city and country), two to a row."""
    buttons = [
        InlineKeyboardButton(_place_name(texts, z), callback_data=encode(ZoneChosen(z)))
        for z in zones
    ]
    return InlineKeyboardMarkup(_rows(buttons, 2))


def _place_buttons(context: Context, places: list[Place]) -> InlineKeyboardMarkup:
    """One button per place a typed name may mean; the places are kept in the draft, so the
    buttons carry only their number (a place's name may not fit in callback data)."""
    _draft(context)["choices"] = [[p.name, p.country, p.zone] for p in places]
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
    return InlineKeyboardMarkup(_rows(buttons, 2))


def _default_zones(context: Context) -> list[str]:
    """The deployment's default zone first, then a few common ones."""
    return list(dict.fromkeys([settings_of(context).default_timezone, *COMMON_ZONES]))


@requires("instructor")
async def start_setup(update: Update, context: Context) -> int:
    """Begin setting up a class: ask its name."""
    if context.user_data is not None:
        context.user_data[DRAFT] = {}
    await _say(update, texts_of(context)("newclass.ask_name"))
    return NAME


async def got_name(update: Update, context: Context) -> int:
    """Keep the class name; ask the first session's date."""
    texts = texts_of(context)
    name = " ".join(_text(update).split())
    if not name:
        await _say(update, texts("newclass.name_empty"))
        return NAME
    if len(name) > MAX_NAME:
        await _say(update, texts("newclass.name_too_long", limit=MAX_NAME))
        return NAME
    _draft(context)["name"] = name
    await _say(update, texts("newclass.ask_date", name=name), _day_buttons(context))
    return DATE


# "12/8/2026": two numbers that could each be the day or the month.
_EITHER_WAY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\b")


def _day_buttons(context: Context) -> InlineKeyboardMarkup:
    """The next few days as buttons ("Tue 8 Dec"), from tomorrow."""
    return day_buttons(texts_of(context), next_days(_today(context)), FirstDay)


def _either_way(typed: str) -> bool:
    """Whether a typed date could be read month first too ("12/8/2026", not "25/8/2026")."""
    match = _EITHER_WAY.match(typed)
    if match is None:
        return False
    return match[1] != match[2] and max(int(match[1]), int(match[2])) <= 12


async def got_date(update: Update, context: Context) -> int:
    """Keep the first session's date (today or later, within a year); ask the start time. A date
    that has passed, or could be read month first, gets the day-first hint."""
    texts = texts_of(context)
    typed = _text(update)
    first = parse_date(typed, _today(context), words=date_words_of(context))
    if first is None:
        await _say(update, texts("newclass.bad_date"), _day_buttons(context))
        return DATE
    if first < _earliest_today(context):
        key = "newclass.past_date_either_way" if _either_way(typed) else "newclass.past_date"
        await _say(update, texts(key, date=format_day(texts, first)), _day_buttons(context))
        return DATE
    return await _set_date(update, context, first, typed)


async def date_pressed(update: Update, context: Context) -> int:
    """A day button (checked: the data may be tampered with, or the button be from yesterday)."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, FirstDay)
    first = pressed.day if pressed is not None else None
    if first is None or first < _earliest_today(context):
        await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)
        return DATE
    await close_buttons(query)
    return await _set_date(update, context, first, first.isoformat())


async def _set_date(update: Update, context: Context, first: date, typed: str) -> int:
    """Keep the first date (within a year); ask the start time."""
    texts = texts_of(context)
    if first > _today(context) + MAX_AHEAD:
        await _say(update, texts("newclass.far_date"))
        return DATE
    _draft(context)["first_date"] = first.isoformat()
    # Kept as typed: "today" or "Thursday" is read again in the class's own time zone.
    _draft(context)["date_text"] = typed
    await _say(update, texts("newclass.ask_time", date=format_day(texts, first)))
    return TIME


async def got_time(update: Update, context: Context) -> int:
    """Keep the start time; ask the time zone (buttons, or a typed city or zone)."""
    texts = texts_of(context)
    start = parse_time(_text(update), words=date_words_of(context))
    if start is None:
        await _say(update, texts("newclass.bad_time"))
        return TIME
    _draft(context)["start"] = f"{start:%H:%M}"
    await _say(
        update,
        texts("newclass.ask_tz", time=f"{start:%H:%M}"),
        _zone_buttons(texts_of(context), _default_zones(context)),
    )
    return TZ


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
    choices = _draft(context).get("choices") or []
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
        await _say(
            update,
            texts_of(context)("newclass.tz_no_place"),
            _zone_buttons(texts_of(context), _default_zones(context)),
        )
        return TZ
    return await _set_zone(update, context, place.zone, place.name)


async def zone_typed(update: Update, context: Context) -> int:
    """A typed city, country or zone name: take a clear match, else offer places or zones."""
    texts = texts_of(context)
    typed = _text(update).strip()
    exact, suggestions = match_timezone(typed)
    if exact is not None:  # a zone's own name or city ("Europe/Madrid", "Madrid"): no gazetteer
        return await _set_zone(update, context, exact)
    # The gazetteer loads on first use (a second or more): off the event loop.
    place, places = await asyncio.to_thread(find_places, typed)
    if place is not None:
        return await _set_zone(update, context, place.zone, place.name)
    if places:
        await _say(
            update, texts("newclass.tz_places", typed=typed[:60]), _place_buttons(context, places)
        )
    elif suggestions:
        await _say(
            update,
            texts("newclass.tz_suggest", typed=typed[:60]),
            _zone_buttons(texts, suggestions),
        )
    else:
        await _say(
            update,
            texts("newclass.tz_unknown", typed=typed[:60]),
            _zone_buttons(texts_of(context), _default_zones(context)),
        )
    return TZ


async def _set_zone(update: Update, context: Context, zone: str, place: str | None = None) -> int:
    """Keep the zone (and the place it was chosen by); the first session must still lie ahead
    there. Ask the number of sessions."""
    texts = texts_of(context)
    draft = _draft(context)
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
        await _say(
            update, texts("newclass.past_in_zone", tz=label, when=when), _day_buttons(context)
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
    await _say(
        update,
        texts("newclass.ask_sessions", tz=zone_label(texts, zone, place, now)),
        InlineKeyboardMarkup(_rows(buttons, 4)),
    )
    return SESSIONS


async def sessions_pressed(update: Update, context: Context) -> int:
    """A number-of-sessions button (checked: the data may be tampered with)."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, SessionCount)
    if pressed is None or not 1 <= pressed.count <= MAX_SESSIONS:
        await query.answer(texts_of(context).raw("newclass.bad_sessions"), show_alert=True)
        return SESSIONS
    await close_buttons(query)
    return await _set_sessions(update, context, pressed.count)


async def sessions_typed(update: Update, context: Context) -> int:
    """A typed number of sessions, 1 to 12."""
    raw = _text(update).strip()
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_SESSIONS:
        await _say(update, texts_of(context)("newclass.bad_sessions"))
        return SESSIONS
    return await _set_sessions(update, context, int(raw))


async def _set_sessions(update: Update, context: Context, n: int) -> int:
    """Keep the number of sessions; ask their length."""
    texts = texts_of(context)
    _draft(context)["sessions"] = n
    buttons = [
        InlineKeyboardButton(
            texts.raw("newclass.length_label").format(n=m),
            callback_data=encode(SessionLength(m)),
        )
        for m in LENGTHS
    ]
    await _say(update, texts("newclass.ask_length", n=n), InlineKeyboardMarkup([buttons]))
    return LENGTH


async def length_pressed(update: Update, context: Context) -> int:
    """A session-length button (only the offered lengths are accepted)."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, SessionLength)
    if pressed is None or pressed.minutes not in LENGTHS:
        await query.answer(texts_of(context).raw("newclass.bad_length"), show_alert=True)
        return LENGTH
    await close_buttons(query)
    return await _set_length(update, context, pressed.minutes)


async def length_typed(update: Update, context: Context) -> int:
    """A typed session length in minutes (15 to 240), for classes of an unusual length."""
    raw = _text(update).strip().lower().removesuffix("min").removesuffix("minutes").strip()
    if not raw.isdigit() or not 15 <= int(raw) <= 240:
        await _say(update, texts_of(context)("newclass.bad_length"))
        return LENGTH
    return await _set_length(update, context, int(raw))


async def _set_length(update: Update, context: Context, minutes: int) -> int:
    """Keep the session length; ask the venue (or Skip)."""
    texts = texts_of(context)
    _draft(context)["length_min"] = minutes
    skip = _keyboard(texts, [("skip", VenueSkip())])
    await _say(update, texts("newclass.ask_venue", n=minutes), skip)
    return VENUE


async def venue_typed(update: Update, context: Context) -> int:
    """Keep the venue; show the summary to confirm."""
    venue = " ".join(_text(update).split())
    if len(venue) > MAX_VENUE:
        await _say(update, texts_of(context)("newclass.venue_too_long", limit=MAX_VENUE))
        return VENUE
    _draft(context)["venue"] = venue or None
    return await _confirm(update, context)


async def venue_located(update: Update, context: Context) -> int:
    """A map pin for the venue (parents get it with the first reminder). A Telegram venue
    (a pin with a name) completes the step; a bare pin asks for the venue's name too."""
    message = update.effective_message
    assert message is not None and message.location is not None
    point, draft = message.location, _draft(context)
    draft["venue_pin"] = {"lat": point.latitude, "lon": point.longitude}
    if message.venue is not None:
        named = ", ".join(p for p in (message.venue.title, message.venue.address) if p)
        draft["venue"] = " ".join(named.split())[:MAX_VENUE] or draft.get("venue")
        return await _confirm(update, context)
    texts = texts_of(context)
    await _say(update, texts("newclass.venue_pin_saved"), _keyboard(texts, [("skip", VenueSkip())]))
    return VENUE


async def venue_skipped(update: Update, context: Context) -> int:
    """No venue; show the summary to confirm."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    _draft(context)["venue"] = None
    return await _confirm(update, context)


def _record(draft: dict[str, Any]) -> dict[str, Any]:
    """The stored fields of a class from a finished draft (the agreed class record shape)."""
    return {
        "name": draft["name"],
        "tz": draft["tz"],
        "place": draft.get("place"),
        "first_date": draft["first_date"],
        "start": draft["start"],
        "sessions": draft["sessions"],
        "length_min": draft["length_min"],
        "venue": draft.get("venue"),
        "venue_pin": draft.get("venue_pin"),
        # The language of the class group's messages (jobs/course.py), asked at the confirm.
        "lang": draft.get("lang"),
        "moved": {},
        "cancelled": [],
        "ended_after": None,
        "ended_at": None,
        "group_chat_id": None,
        "times": {},
    }


def _confirm_view(context: Context) -> tuple[Html, InlineKeyboardMarkup]:
    """Every session's date, the class group's language (the instructor's own unless they chose
    another: a button each), and Create / Start again / Cancel."""
    texts = texts_of(context)
    draft = _draft(context)
    draft.setdefault("lang", lang_of(context))
    summary = class_summary(texts, _record(draft), now_of(context.application))

    def button(key: str, pressed: Button) -> InlineKeyboardButton:
        return InlineKeyboardButton(texts.raw(f"newclass.{key}"), callback_data=encode(pressed))

    rows = [
        [button("create_button", CreateClass())],
        *class_language_rows(context, draft["lang"], GroupLanguage),
        [button("again_button", StartAgain()), button("cancel_button", CancelSetup())],
    ]
    text = texts("newclass.confirm", summary=summary, language=language_name(texts, draft["lang"]))
    return text, InlineKeyboardMarkup(rows)


async def _confirm(update: Update, context: Context) -> int:
    """Show every session's date and ask to create the class."""
    await _say(update, *_confirm_view(context))
    return CONFIRM


async def lang_pressed(update: Update, context: Context) -> int:
    """A group-language button at the confirm: keep it, and show the confirm again in place."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, GroupLanguage)
    lang = pressed.lang if pressed is not None else ""
    if lang not in content_of(context).languages:
        await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)
        return CONFIRM
    _draft(context)["lang"] = lang
    await query.answer()
    await show_in_place(query, *_confirm_view(context))
    return CONFIRM


@requires("instructor")
async def create(update: Update, context: Context) -> int:
    """Create the class, schedule its messages and hand over its join link."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    draft = _draft(context)
    # The class's group messages are in the language chosen at the confirm (by default the one
    # its instructor set it up in).
    klass = await store_of(context).create_class(
        user.id, _record(draft) | {"lang": draft.get("lang") or lang_of(context)}
    )
    # Closed once the class exists: a create that could not be saved (a full disk) keeps its
    # button, to be pressed again.
    await close_buttons(query)
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await reschedule_class(context.application, klass["id"])
    texts = texts_of(context)
    await _say(
        update,
        texts(
            "newclass.created",
            summary=class_summary(texts, klass, now_of(context.application)),
            link=join_link(context, klass),
        ),
        setup_buttons(context, klass),
    )
    return ConversationHandler.END


def setup_buttons(context: Context, klass: dict[str, Any]) -> InlineKeyboardMarkup:
    """[Share the join link] and [Add me to your class group]: the rest of the set-up in two
    taps (the group link carries the class code, so the group links itself: handlers/groups)."""
    texts = texts_of(context)
    share = share_url(
        join_link(context, klass), texts.raw("newclass.share_text").format(name=klass["name"])
    )
    add = add_to_group_url(context.bot.username, klass["code"])
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.raw("newclass.share_button"), url=share)],
            [InlineKeyboardButton(texts.raw("newclass.add_to_group_button"), url=add)],
        ]
    )


async def start_again(update: Update, context: Context) -> int:
    """Throw the draft away and ask the name again."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    return await start_setup(update, context)


async def cancel(update: Update, context: Context) -> int:
    """Leave the setup at any step; nothing is stored."""
    if update.callback_query is not None:
        await close_buttons(update.callback_query)
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await _say(update, texts_of(context)("core.cancelled"))
    return ConversationHandler.END


async def not_text(update: Update, context: Context) -> None:
    """A sticker, photo or the like where a typed answer is expected: ask again, same step."""
    await _say(update, texts_of(context)("core.not_text"))


async def use_buttons(update: Update, context: Context) -> None:
    """Something typed or sent at the last step, where the choice is a button."""
    await _say(update, texts_of(context)("newclass.use_buttons"))


async def stale_button(update: Update, context: Context) -> None:
    """A setup button from a finished or abandoned setup (or pressed twice)."""
    query = update.callback_query
    assert query is not None
    await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)


# -- /classes ----------------------------------------------------------------------------------


def ended_after_now(klass: dict[str, Any], now: datetime, unit: timedelta | None = None) -> int:
    """The session number an early end keeps: the last of the unbroken run of sessions that
    already started (0 if none). Later ones, even a moved one that already ran, don't count:
    nothing may stay scheduled after the end."""
    schedule = schedule_for({**klass, "ended_after": None}, unit)
    kept = 0
    for session in sorted(session_list(schedule), key=lambda s: s.number):
        if session.start > now:
            break
        kept = session.number
    return kept


def _delete_on(context: Context, klass: dict[str, Any]) -> str:
    """The day a class's personal data is deleted (retention_days after it ended)."""
    ended = (
        datetime.fromisoformat(klass["ended_at"]) if klass.get("ended_at") else datetime.now(UTC)
    )
    deleted = ended + timedelta(days=settings_of(context).retention_days)
    return format_day(texts_of(context), deleted.date())


# -- ending a class (the one implementation, for both its buttons) ---------------------------

#: Where an End button was pressed: under /classes (ClassEnd) or on the sessions screen
#: (EndFromSessions, handlers/sessions.py routes it here).
EndVia = Literal["cls", "ses"]


def _end_effect(texts: Texts, klass: dict[str, Any], kept: int) -> Html:
    """What ending now means for the sessions: none held yet, some dropped, or all held."""
    total = int(klass.get("sessions") or 0)
    if kept == 0:
        return texts("newclass.end_none_held")
    if kept >= total:
        return texts("newclass.end_all_held", sessions=total)
    if kept + 1 == total:
        return texts("newclass.end_drops_one", first=total)
    return texts("newclass.end_drops", first=kept + 1, last=total)


def _end_buttons(via: EndVia, class_id: str, kept: int) -> tuple[Button, Button]:
    """The confirm's Yes and Keep buttons: Yes carries how many sessions are kept; Keep goes
    back where the instructor came from."""
    if via == "ses":
        return EndFromSessionsConfirmed(class_id, kept), SessionsList(class_id)
    return ClassEndConfirmed(class_id, kept), ClassShow(class_id)


async def ask_end(
    update: Update, context: Context, klass: dict[str, Any], via: EndVia, *, again: bool = False
) -> None:
    """Ask to confirm ending a class now, saying which sessions won't happen. `via` is the
    screen the End button was on: /classes ("cls") or the sessions screen ("ses"); `again`
    when the earlier confirm no longer holds (a session has started since)."""
    query = update.callback_query
    assert query is not None
    texts = texts_of(context)
    if klass.get("ended"):  # e.g. pressed twice
        await query.answer(texts.raw("newclass.already_ended"), show_alert=True)
        return
    app = context.application
    kept = ended_after_now(klass, now_of(app), unit_of(app))
    text = texts(
        "newclass.confirm_end",
        name=klass["name"],
        what=_end_effect(texts, klass, kept),
        days=settings_of(context).retention_days,
    )
    yes, back = _end_buttons(via, klass["id"], kept)
    markup = _keyboard(texts, [("end_yes", yes), ("keep_button", back)])
    if again:
        await query.answer(texts.raw("newclass.end_changed"), show_alert=True)
    else:
        await query.answer()
    await show_in_place(query, text, markup)


async def end_class(
    update: Update, context: Context, klass: dict[str, Any], confirmed: int | None, via: EndVia
) -> None:
    """End a class now: it keeps the unbroken run of sessions that already started (the course
    jobs then send the closing after the last of them), and nothing later stays scheduled.

    `confirmed` is the number of kept sessions the confirm showed (None from an older button
    that did not carry it); if another session has started since, the confirm is shown again.
    """
    query = update.callback_query
    assert query is not None
    texts = texts_of(context)
    if klass.get("ended"):  # pressed twice
        await query.answer(texts.raw("newclass.already_ended"), show_alert=True)
        return
    app = context.application
    now = now_of(app)
    kept = ended_after_now(klass, now, unit_of(app))
    if confirmed is not None and confirmed != kept:
        await ask_end(update, context, klass, via, again=True)
        return
    klass = await store_of(context).update_class(
        klass["id"],
        {"ended": True, "ended_at": now.isoformat(timespec="seconds"), "ended_after": kept},
    )
    await reschedule_class(app, klass["id"])
    await query.answer()
    what = texts("newclass.ended_closing" if kept else "newclass.ended_nothing_more")
    await show_in_place(
        query,
        texts(
            "newclass.ended",
            name=klass["name"],
            what=what,
            delete_on=_delete_on(context, klass),
        ),
    )


# Classes per page of /classes: Telegram allows 100 buttons, a phone shows about 20.
CLASSES_PAGE = 20


def _list_markup(
    texts: Texts, classes: list[dict[str, Any]], page: int = 0
) -> InlineKeyboardMarkup:
    """One button per class (ended ones marked), a page at a time with Earlier / Later."""
    pages = max(1, (len(classes) + CLASSES_PAGE - 1) // CLASSES_PAGE)
    page = min(max(page, 0), pages - 1)
    rows = []
    for k in classes[page * CLASSES_PAGE : (page + 1) * CLASSES_PAGE]:
        label = class_label(texts, k)
        if k.get("ended"):
            label = texts.raw("newclass.ended_mark").format(label=label)
        rows.append([InlineKeyboardButton(label, callback_data=encode(ClassShow(k["id"])))])
    turn = []
    if page > 0:
        turn.append(
            InlineKeyboardButton(
                texts.raw("newclass.earlier"), callback_data=encode(ClassesPage(page - 1))
            )
        )
    if page < pages - 1:
        turn.append(
            InlineKeyboardButton(
                texts.raw("newclass.later"), callback_data=encode(ClassesPage(page + 1))
            )
        )
    if turn:
        rows.append(turn)
    return InlineKeyboardMarkup(rows)


@requires("instructor")
async def list_classes(update: Update, context: Context) -> None:
    """List the instructor's classes, each a button to its details."""
    await _classes_page(update, context, 0)


async def _classes_page(update: Update, context: Context, page: int) -> None:
    """One page of the instructor's classes (in place when a button asked for it)."""
    user = update.effective_user
    assert user is not None
    texts = texts_of(context)
    classes = await store_of(context).classes_of_instructor(user.id)
    if not classes:
        await _say(update, texts("newclass.no_classes"))
        return
    markup = _list_markup(texts, classes, page)
    if update.callback_query is not None:
        await update.callback_query.answer()
        await show_in_place(update.callback_query, texts("newclass.list_header"), markup)
    else:
        await _say(update, texts("newclass.list_header"), markup)


async def show_class(update: Update, context: Context, klass: dict[str, Any]) -> None:
    """A class's details, in place of the pressed message, with its buttons (those of an
    ended class differ)."""
    query = update.callback_query
    assert query is not None
    texts = texts_of(context)
    members = await store_of(context).members(klass["id"])
    carers = sum(1 for m in members if m.get("role") == "carer")
    cid = klass["id"]
    if klass.get("ended"):
        ended = datetime.fromisoformat(klass["ended_at"]) if klass.get("ended_at") else None
        status = texts(
            "newclass.status_ended",
            ended=format_day(texts, ended.date()) if ended else "?",
            delete_on=_delete_on(context, klass),
        )
        rows: list[list[tuple[str, Button]]] = [
            [("sessions_button", SessionsList(cid))],
            [("delete_button", ClassDelete(cid))],
        ]
    else:
        status = texts("newclass.status_running")
        rows = [
            [("join_link_button", ClassLink(cid)), ("sessions_button", SessionsList(cid))],
            [("venue_button", VenueAsk(cid)), ("lang_button", ClassLanguage(cid))],
            [("end_button", ClassEnd(cid))],
        ]
    linked = "newclass.group_linked" if klass.get("group_chat_id") else "newclass.group_not_linked"
    text = texts(
        "newclass.details",
        summary=class_summary(texts, klass, now_of(context.application)),
        parents=len(members) - carers,
        carers=carers,
        group=texts.raw(linked),
        status=status,
    )
    await query.answer()
    await show_in_place(query, text, _keyboard(texts, *rows, [("back_button", ClassesList())]))


async def _send_link(update: Update, context: Context, klass: dict[str, Any]) -> None:
    """The join link as a message of its own, easy to forward."""
    texts = texts_of(context)
    if klass.get("ended"):
        await _say(update, texts("newclass.join_link_ended", name=klass["name"]))
        return
    link = join_link(context, klass)
    await _say(
        update,
        texts("newclass.join_link", name=klass["name"], link=link),
        setup_buttons(context, klass),
    )


async def _ask(update: Update, context: Context, text: Html, markup: InlineKeyboardMarkup) -> None:
    """Turn the message the button was on into a question with its own buttons."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await show_in_place(query, text, markup)


async def _delete(update: Update, context: Context, klass: dict[str, Any]) -> None:
    """Delete an ended class and all its families' data now."""
    query = update.callback_query
    assert query is not None
    await delete_class_data(context.application, klass["id"])
    await query.answer()
    await show_in_place(query, texts_of(context)("newclass.deleted", name=klass["name"]))


#: The buttons under /classes that name a class.
_CLASS_BUTTONS = (
    ClassShow,
    ClassLink,
    ClassEnd,
    ClassEndConfirmed,
    ClassDelete,
    ClassDeleteConfirmed,
)


@requires("instructor")
async def class_button(update: Update, context: Context) -> None:
    """A button under /classes: details, join link, end (confirm), delete an ended class."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    pressed = decode(query.data)
    if isinstance(pressed, ClassesList):
        await list_classes(update, context)
        return
    if isinstance(pressed, ClassesPage):
        await _classes_page(update, context, pressed.page)
        return
    chosen = pressed if isinstance(pressed, _CLASS_BUTTONS) else None
    klass = await own_class(context, user.id, chosen.class_id) if chosen is not None else None
    if chosen is None or klass is None:
        await refuse_class(update, context)
        return
    texts, cid, name = texts_of(context), klass["id"], klass["name"]
    ended = bool(klass.get("ended"))
    if isinstance(chosen, ClassShow):
        await show_class(update, context, klass)
    elif isinstance(chosen, ClassLink):
        await _send_link(update, context, klass)
    elif isinstance(chosen, ClassEnd):
        await ask_end(update, context, klass, "cls")
    elif isinstance(chosen, ClassEndConfirmed):
        await end_class(update, context, klass, chosen.kept, "cls")
    elif not ended:  # delete, and its confirm
        await query.answer(texts.raw("newclass.end_first"), show_alert=True)
    elif isinstance(chosen, ClassDelete):
        markup = _keyboard(
            texts, [("delete_yes", ClassDeleteConfirmed(cid)), ("keep_button", ClassShow(cid))]
        )
        await _ask(update, context, texts("newclass.confirm_delete", name=name), markup)
    else:
        await _delete(update, context, klass)


COMMANDS = [
    Command("newclass", "instructor"),
    Command("classes", "instructor"),
    Command("cancel", "parent", listed=False),
]


def handlers(app: Application) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    typed = filters.TEXT & ~filters.COMMAND
    other = ~filters.TEXT & ~filters.COMMAND

    def step(on_text: Any, *buttons: BaseHandler) -> list[BaseHandler]:
        return [*buttons, MessageHandler(typed, on_text), MessageHandler(other, not_text)]

    with warnings.catch_warnings():
        # Buttons are tracked per chat and user, not per message, on purpose: the setup's
        # buttons belong to whichever step the instructor is at; an old step's button is
        # caught by `stale_button` below.
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        setup = StoredConversation(
            app,
            entry_points=[CommandHandler("newclass", start_setup, filters=private)],
            states={
                NAME: step(got_name),
                DATE: step(got_date, CallbackQueryHandler(date_pressed, pattern=routes(FirstDay))),
                TIME: step(got_time),
                TZ: step(
                    zone_typed,
                    CallbackQueryHandler(zone_pressed, pattern=routes(ZoneChosen)),
                    CallbackQueryHandler(place_pressed, pattern=routes(PlaceChosen)),
                    MessageHandler(filters.LOCATION, zone_located),
                ),
                SESSIONS: step(
                    sessions_typed,
                    CallbackQueryHandler(sessions_pressed, pattern=routes(SessionCount)),
                ),
                LENGTH: step(
                    length_typed,
                    CallbackQueryHandler(length_pressed, pattern=routes(SessionLength)),
                ),
                VENUE: step(
                    venue_typed,
                    CallbackQueryHandler(venue_skipped, pattern=routes(VenueSkip)),
                    MessageHandler(filters.LOCATION, venue_located),
                ),
                CONFIRM: [
                    CallbackQueryHandler(create, pattern=routes(CreateClass)),
                    CallbackQueryHandler(lang_pressed, pattern=routes(GroupLanguage)),
                    CallbackQueryHandler(start_again, pattern=routes(StartAgain)),
                    MessageHandler(~filters.COMMAND, use_buttons),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(cancel, pattern=routes(CancelSetup)),
            ],
            allow_reentry=True,
            name="newclass",
            max_age=TIMEOUT,
            drafts=[DRAFT],
        )
    return [
        setup,
        CallbackQueryHandler(stale_button, pattern=family("nc")),
        CommandHandler("classes", list_classes, filters=private),
        CallbackQueryHandler(class_button, pattern=family("cls")),
        CommandHandler(["newclass", "classes"], private_only, filters=filters.ChatType.GROUPS),
    ]
