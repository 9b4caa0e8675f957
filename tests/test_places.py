"""Places, not zone names (issue 15, item 5): a typed city or a shared map pin sets the class's
time zone, zones read "Munich (Germany time, now 14:05)", and a venue pin reaches parents with
their first reminder. Through the real Application; the gazetteer and zone polygons are the
real offline data."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from domain.places import find_places, place_at
from jobs import course as course_jobs
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import says
from tests.test_course_jobs import at, make_class, run_at, schedule
from tests.test_newclass import INSTRUCTOR, alerts, data_of, last_shown, seed_instructor

# -- the gazetteer (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Munich", "Europe/Berlin"),
        ("münchen", "Europe/Berlin"),
        ("Mumbai", "Asia/Kolkata"),
        ("Bombay", "Asia/Kolkata"),
        ("Boston", "America/New_York"),  # Boston, MA dwarfs Boston, UK
        ("cape town", "Africa/Johannesburg"),
        ("Germany", "Europe/Berlin"),  # a country nearly all in one zone
    ],
)
def test_common_cities_are_found_with_their_zone(typed: str, zone: str) -> None:
    place, _ = find_places(typed)
    assert place is not None and place.zone == zone


def test_an_ambiguous_or_misspelt_name_gives_places_to_choose_from() -> None:
    place, options = find_places("Manchester")
    assert place is None
    assert [(p.country, p.zone) for p in options][:2] == [
        ("GB", "Europe/London"),
        ("US", "America/New_York"),
    ]
    place, options = find_places("Mumbia")
    assert place is None and options[0].name == "Mumbai"
    assert find_places("Qwxyzville") == (None, [])
    assert find_places("x" * 5000) == (None, [])


def test_a_pin_gives_its_zone_and_nearest_city() -> None:
    munich = place_at(48.14, 11.58)
    assert munich is not None and (munich.name, munich.zone) == ("Munich", "Europe/Berlin")
    assert place_at(0.0, -30.0) is None  # mid-Atlantic: no place a class meets
    assert place_at(123.0, 500.0) is None


# -- /newclass -------------------------------------------------------------------------------


async def _walk_to_time_zone(bot: BotHarness) -> None:
    await seed_instructor(bot)
    first = date.today() + timedelta(days=9)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Spring babies")
    await bot.say(INSTRUCTOR, f"{first.day}/{first.month}/{first.year}")
    await bot.say(INSTRUCTOR, "10am")


async def _finish(bot: BotHarness) -> dict:
    await bot.press(INSTRUCTOR, "nc:n:5")
    await bot.press(INSTRUCTOR, "nc:len:60")
    await bot.press(INSTRUCTOR, "nc:venue:skip")
    confirm = last_shown(bot, INSTRUCTOR)
    assert "Europe/" not in confirm and "America/" not in confirm
    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    return klass


async def test_a_shared_location_sets_the_zone_named_after_the_city(bot: BotHarness) -> None:
    await _walk_to_time_zone(bot)
    assert not any("/" in label for label, _ in bot.buttons(INSTRUCTOR))  # no raw zone names
    await bot.send(tg.location_message(INSTRUCTOR, 48.137, 11.575, bot=bot.app.bot))
    shown = last_shown(bot, INSTRUCTOR)
    assert says(shown, "newclass.ask_sessions")
    assert re.search(r"Munich \(Germany time, now \d\d:\d\d\)", shown)
    klass = await _finish(bot)
    assert (klass["tz"], klass["place"]) == ("Europe/Berlin", "Munich")
    # /classes shows the place too, never the zone's name.
    await bot.press(INSTRUCTOR, f"cls:show:{klass['id']}")
    details = last_shown(bot, INSTRUCTOR)
    assert (
        says(details, "core.zone_label", place="Munich", country="Germany")
        and "Europe/Berlin" not in details
    )


async def test_a_pin_at_sea_asks_for_a_city_instead(bot: BotHarness) -> None:
    await _walk_to_time_zone(bot)
    await bot.send(tg.location_message(INSTRUCTOR, 0.0, -30.0, bot=bot.app.bot))
    assert says(last_shown(bot, INSTRUCTOR), "newclass.tz_no_place")
    await bot.say(INSTRUCTOR, "Cape Town")  # still at the zone step
    assert re.search(r"Cape Town \(South Africa time", last_shown(bot, INSTRUCTOR))


async def test_an_ambiguous_city_offers_its_places_as_buttons(bot: BotHarness) -> None:
    await _walk_to_time_zone(bot)
    await bot.say(INSTRUCTOR, "Manchester")
    buttons = bot.buttons(INSTRUCTOR)
    assert ("Manchester, UK", "nc:pl:0") in buttons
    assert ("Manchester, US (New York)", "nc:pl:1") in buttons
    await bot.press(INSTRUCTOR, "nc:pl:99")  # tampered: refused, nothing changes
    assert says(alerts(bot)[-1], "newclass.tz_invalid")
    await bot.press(INSTRUCTOR, "nc:pl:1")
    assert says(last_shown(bot, INSTRUCTOR), "core.zone_label", place="Manchester", country="US")
    klass = await _finish(bot)
    assert (klass["tz"], klass["place"]) == ("America/New_York", "Manchester")


async def test_a_typed_city_without_a_zone_of_its_own_is_found(bot: BotHarness) -> None:
    await _walk_to_time_zone(bot)
    await bot.say(INSTRUCTOR, "Mumbai")
    assert says(last_shown(bot, INSTRUCTOR), "core.zone_label", place="Mumbai", country="India")
    klass = await _finish(bot)
    assert klass["tz"] == "Asia/Kolkata"


# -- the venue pin -----------------------------------------------------------------------------


async def test_the_venue_pin_is_kept_and_sent_once_with_the_first_reminder(
    bot: BotHarness,
) -> None:
    await _walk_to_time_zone(bot)
    await bot.press(INSTRUCTOR, "nc:tz:Europe/London")
    await bot.press(INSTRUCTOR, "nc:n:5")
    await bot.press(INSTRUCTOR, "nc:len:60")
    await bot.send(tg.location_message(INSTRUCTOR, 51.5226, -0.1106, bot=bot.app.bot))
    assert says(last_shown(bot, INSTRUCTOR), "newclass.venue_pin_saved")
    assert "nc:venue:skip" in data_of(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "St Mary's hall")
    assert "St Mary's hall 📍" in last_shown(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert klass["venue_pin"] == {"lat": 51.5226, "lon": -0.1106}


async def test_a_shared_venue_with_a_name_completes_the_step(bot: BotHarness) -> None:
    await _walk_to_time_zone(bot)
    await bot.press(INSTRUCTOR, "nc:tz:Europe/London")
    await bot.press(INSTRUCTOR, "nc:n:5")
    await bot.press(INSTRUCTOR, "nc:len:60")
    venue = tg.location_message(
        INSTRUCTOR, 51.5, -0.1, venue_title="Oak Hall", venue_address="1 Oak St", bot=bot.app.bot
    )
    await bot.send(venue)
    assert says(last_shown(bot, INSTRUCTOR), "newclass.confirm")
    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert klass["venue"] == "Oak Hall, 1 Oak St" and klass["venue_pin"]["lat"] == 51.5


async def test_parents_get_the_pin_silently_after_their_first_reminder_only(
    bot: BotHarness,
) -> None:
    cid = await make_class(bot, venue_pin={"lat": 51.5226, "lon": -0.1106})
    await schedule(bot, cid, at("2026-03-01T12:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))  # day-before reminder of session 1
    venues = [c for c in bot.api.calls if c.method == "sendVenue" and c.ok]
    assert {str(c.chat_id) for c in venues} >= {"201", "202"}
    assert all(c.params["latitude"] == 51.5226 and c.params["title"] == "Oak Hall" for c in venues)
    assert all(c.params.get("disable_notification") for c in venues)
    # The same-day reminder and session 2's reminders bring no second pin.
    await course_jobs.run_class(bot.app, cid)
    await run_at(bot, cid, at("2026-03-03T08:00"))
    await run_at(bot, cid, at("2026-03-09T18:00"))
    again = [c for c in bot.api.calls if c.method == "sendVenue" and c.ok]
    assert len(again) == len(venues)


async def test_a_class_without_a_pin_sends_no_venue(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-01T12:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert "tomorrow" in bot.last_text(201)
    assert not [c for c in bot.api.calls if c.method == "sendVenue"]
