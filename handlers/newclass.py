"""/newclass, the guided class setup: a conversation in the private chat.

Buttons where the choice is finite (time zone, number of sessions, length, skip the venue),
typed answers with a helpful retry elsewhere (name, first date, start time, venue). The draft
lives in `user_data` until the instructor confirms; only then is the class stored and its jobs
scheduled. This module holds the conversation and its name, date, time, sessions, length and
venue steps; the time-zone step is handlers/newclass_zone.py, the confirm
handlers/newclass_confirm.py, what they share handlers/newclass_draft.py.

Typed dates and times are read by `domain.when`, typed time zones by `domain.timezones`.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from botdata import App
from domain.buttons import (
    CancelSetup,
    CreateClass,
    FirstDay,
    GroupLanguage,
    PlaceChosen,
    SessionCount,
    SessionLength,
    StartAgain,
    VenueSkip,
    ZoneChosen,
    encode,
    family,
    parse,
    routes,
)
from domain.schedule import MAX_SESSIONS
from domain.when import parse_date, parse_time
from handlers.auth import requires
from handlers.class_view import format_day, keyboard
from handlers.classpick import close_buttons
from handlers.commands import Command
from handlers.common import Context, date_words_of, texts_of
from handlers.conversation import StoredConversation
from handlers.newclass_confirm import ask_confirm, create, lang_pressed
from handlers.newclass_draft import (
    CONFIRM,
    DATE,
    DRAFT,
    LENGTH,
    LENGTHS,
    MAX_AHEAD,
    MAX_NAME,
    MAX_VENUE,
    NAME,
    SESSIONS,
    TIME,
    TZ,
    VENUE,
    draft_of,
    earliest_today,
    first_day_buttons,
    setup_today,
    typed_text,
)
from handlers.newclass_zone import (
    default_zones,
    place_pressed,
    zone_buttons,
    zone_located,
    zone_pressed,
    zone_typed,
)
from handlers.ui import answer_stale, private_only, reply, stale_step_button

# An abandoned setup stops catching the instructor's messages after this long.
TIMEOUT = timedelta(hours=1)


@requires("instructor")
async def start_setup(update: Update, context: Context) -> int:
    """Begin setting up a class: ask its name."""
    if context.user_data is not None:
        context.user_data[DRAFT] = {}
    await reply(update, texts_of(context)("newclass.ask_name"))
    return NAME


async def got_name(update: Update, context: Context) -> int:
    """Keep the class name; ask the first session's date."""
    texts = texts_of(context)
    name = " ".join(typed_text(update).split())
    if not name:
        await reply(update, texts("newclass.name_empty"))
        return NAME
    if len(name) > MAX_NAME:
        await reply(update, texts("newclass.name_too_long", limit=MAX_NAME))
        return NAME
    draft_of(context)["name"] = name
    await reply(update, texts("newclass.ask_date", name=name), first_day_buttons(context))
    return DATE


# "12/8/2026": two numbers that could each be the day or the month.
_EITHER_WAY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\b")


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
    typed = typed_text(update)
    first = parse_date(typed, setup_today(context), words=date_words_of(context))
    if first is None:
        await reply(update, texts("newclass.bad_date"), first_day_buttons(context))
        return DATE
    if first < earliest_today(context):
        key = "newclass.past_date_either_way" if _either_way(typed) else "newclass.past_date"
        await reply(update, texts(key, date=format_day(texts, first)), first_day_buttons(context))
        return DATE
    return await _set_date(update, context, first, typed)


async def date_pressed(update: Update, context: Context) -> int:
    """A day button (checked: the data may be tampered with, or the button be from yesterday)."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, FirstDay)
    first = pressed.day if pressed is not None else None
    if first is None or first < earliest_today(context):
        await answer_stale(query, context)
        return DATE
    await close_buttons(query)
    return await _set_date(update, context, first, first.isoformat())


async def _set_date(update: Update, context: Context, first: date, typed: str) -> int:
    """Keep the first date (within a year); ask the start time."""
    texts = texts_of(context)
    if first > setup_today(context) + MAX_AHEAD:
        await reply(update, texts("newclass.far_date"))
        return DATE
    draft_of(context)["first_date"] = first.isoformat()
    # Kept as typed: "today" or "Thursday" is read again in the class's own time zone.
    draft_of(context)["date_text"] = typed
    await reply(update, texts("newclass.ask_time", date=format_day(texts, first)))
    return TIME


async def got_time(update: Update, context: Context) -> int:
    """Keep the start time; ask the time zone (buttons, or a typed city or zone)."""
    texts = texts_of(context)
    start = parse_time(typed_text(update), words=date_words_of(context))
    if start is None:
        await reply(update, texts("newclass.bad_time"))
        return TIME
    draft_of(context)["start"] = f"{start:%H:%M}"
    await reply(
        update,
        texts("newclass.ask_tz", time=f"{start:%H:%M}"),
        zone_buttons(texts_of(context), default_zones(context)),
    )
    return TZ


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
    raw = typed_text(update).strip()
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_SESSIONS:
        await reply(update, texts_of(context)("newclass.bad_sessions"))
        return SESSIONS
    return await _set_sessions(update, context, int(raw))


async def _set_sessions(update: Update, context: Context, n: int) -> int:
    """Keep the number of sessions; ask their length."""
    texts = texts_of(context)
    draft_of(context)["sessions"] = n
    buttons = [
        InlineKeyboardButton(
            texts.raw("newclass.length_label").format(n=m),
            callback_data=encode(SessionLength(m)),
        )
        for m in LENGTHS
    ]
    await reply(update, texts("newclass.ask_length", n=n), InlineKeyboardMarkup([buttons]))
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
    raw = typed_text(update).strip().lower().removesuffix("min").removesuffix("minutes").strip()
    if not raw.isdigit() or not 15 <= int(raw) <= 240:
        await reply(update, texts_of(context)("newclass.bad_length"))
        return LENGTH
    return await _set_length(update, context, int(raw))


async def _set_length(update: Update, context: Context, minutes: int) -> int:
    """Keep the session length; ask the venue (or Skip)."""
    texts = texts_of(context)
    draft_of(context)["length_min"] = minutes
    skip = keyboard(texts, [("skip", VenueSkip())])
    await reply(update, texts("newclass.ask_venue", n=minutes), skip)
    return VENUE


async def venue_typed(update: Update, context: Context) -> int:
    """Keep the venue; show the summary to confirm."""
    venue = " ".join(typed_text(update).split())
    if len(venue) > MAX_VENUE:
        await reply(update, texts_of(context)("newclass.venue_too_long", limit=MAX_VENUE))
        return VENUE
    draft_of(context)["venue"] = venue or None
    return await ask_confirm(update, context)


async def venue_located(update: Update, context: Context) -> int:
    """A map pin for the venue (parents get it with the first reminder). A Telegram venue
    (a pin with a name) completes the step; a bare pin asks for the venue's name too."""
    message = update.effective_message
    assert message is not None and message.location is not None
    point, draft = message.location, draft_of(context)
    draft["venue_pin"] = {"lat": point.latitude, "lon": point.longitude}
    if message.venue is not None:
        named = ", ".join(p for p in (message.venue.title, message.venue.address) if p)
        draft["venue"] = " ".join(named.split())[:MAX_VENUE] or draft.get("venue")
        return await ask_confirm(update, context)
    texts = texts_of(context)
    await reply(update, texts("newclass.venue_pin_saved"), keyboard(texts, [("skip", VenueSkip())]))
    return VENUE


async def venue_skipped(update: Update, context: Context) -> int:
    """No venue; show the summary to confirm."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    draft_of(context)["venue"] = None
    return await ask_confirm(update, context)


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
    await reply(update, texts_of(context)("core.cancelled"))
    return ConversationHandler.END


async def not_text(update: Update, context: Context) -> None:
    """A sticker, photo or the like where a typed answer is expected: ask again, same step."""
    await reply(update, texts_of(context)("core.not_text"))


async def use_buttons(update: Update, context: Context) -> None:
    """Something typed or sent at the last step, where the choice is a button."""
    await reply(update, texts_of(context)("newclass.use_buttons"))


COMMANDS = [
    Command("newclass", "instructor"),
    Command("cancel", "parent", listed=False),
]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    typed = filters.TEXT & ~filters.COMMAND
    other = ~filters.TEXT & ~filters.COMMAND

    def step(on_text: Any, *buttons: BaseHandler) -> list[BaseHandler]:
        return [*buttons, MessageHandler(typed, on_text), MessageHandler(other, not_text)]

    with warnings.catch_warnings():
        # Buttons are tracked per chat and user, not per message, on purpose: the setup's
        # buttons belong to whichever step the instructor is at; an old step's button is
        # caught by `stale_step_button` below.
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
        CallbackQueryHandler(stale_step_button, pattern=family("nc")),
        CommandHandler("newclass", private_only, filters=filters.ChatType.GROUPS),
    ]
