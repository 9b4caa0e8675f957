"""Zones as places on every screen that shows one (issue 15, item 5): /classes, the class
summary, the sessions screen, a move and the reminder times show "New York (US time, now
09:05)", never a raw zone name, even for a class whose zone was typed as an old or offset name
("US/Eastern", "Etc/GMT+5") and that has no place of its own; and the country is named in the
reader's language, from CLDR (issue 16, item 3). Through the real Application. (/announce's
prompts are left to the announce work.)"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.conftest import BotHarness
from tests.test_newclass import INSTRUCTOR, last_shown, seed_class, seed_instructor, shown

# A zone name as the tz database writes it: "Europe/Berlin", "US/Eastern", "Etc/GMT+5".
RAW_ZONE = re.compile(
    r"\b(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Brazil|Canada|Chile|Etc|"
    r"Europe|Indian|Mexico|Pacific|US)/[A-Za-z_+-]+"
)


async def _every_class_screen(bot: BotHarness, class_id: str) -> list[str]:
    """What an instructor sees on each of a class's screens that names its zone."""
    await bot.say(INSTRUCTOR, "/classes")
    await bot.press(INSTRUCTOR, f"cls:show:{class_id}")
    await bot.press(INSTRUCTOR, f"ses:list:{class_id}")
    await bot.press(INSTRUCTOR, f"ses:mv:{class_id}:2")
    await bot.say(INSTRUCTOR, "/cancel")
    await bot.press(INSTRUCTOR, f"ses:times:{class_id}")
    return shown(bot, INSTRUCTOR)


async def test_a_class_zone_typed_as_an_old_name_reads_as_its_place_everywhere(
    bot: BotHarness,
) -> None:
    klass = await seed_class(bot, tz="US/Eastern", place=None)
    screens = await _every_class_screen(bot, klass["id"])
    named = [s for s in screens if re.search(r"New York \(US time, now \d\d:\d\d\)", s)]
    assert len(named) == 4  # details, sessions, the move, reminder times
    assert not [s for s in screens if RAW_ZONE.search(s)]


async def test_an_offset_zone_reads_as_utc_with_the_sign_people_expect(bot: BotHarness) -> None:
    # "Etc/GMT+5" is five hours behind UTC.
    klass = await seed_class(bot, tz="Etc/GMT+5", place=None)
    screens = await _every_class_screen(bot, klass["id"])
    assert any(re.search(r"UTC−5 \(now \d\d:\d\d\)", s) for s in screens)
    assert not [s for s in screens if RAW_ZONE.search(s) or "GMT+5" in s]


async def test_newclass_never_shows_a_zone_name_typed_as_one(bot: BotHarness) -> None:
    await seed_instructor(bot)
    first = date.today() + timedelta(days=9)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Spring babies")
    await bot.say(INSTRUCTOR, f"{first.day}/{first.month}/{first.year}")
    await bot.say(INSTRUCTOR, "10am")
    await bot.say(INSTRUCTOR, "america/argentina/buenos_aires")
    assert re.search(r"Buenos Aires \(Argentina time, now", last_shown(bot, INSTRUCTOR))
    await bot.press(INSTRUCTOR, "nc:n:5")
    await bot.press(INSTRUCTOR, "nc:len:60")
    await bot.press(INSTRUCTOR, "nc:venue:skip")
    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert klass["tz"] == "America/Argentina/Buenos_Aires"
    screens = shown(bot, INSTRUCTOR)
    labels = [label for label, _ in bot.buttons(INSTRUCTOR)]
    assert not [s for s in [*screens, *labels] if RAW_ZONE.search(s)]


# -- the country in the reader's language (issue 16, item 3) -----------------------------------


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", r"Munich \(Germany time, now \d\d:\d\d\)"),
        ("es", r"Munich \(Alemania, ahora son las \d\d:\d\d\)"),
        ("fr", r"Munich \(Allemagne, il est \d\d:\d\d\)"),
        ("de", r"Munich \(Deutschland, jetzt \d\d:\d\d Uhr\)"),
    ],
)
async def test_the_country_of_a_zone_is_named_in_the_instructors_language(
    bot: BotHarness, lang: str, label: str
) -> None:
    klass = await seed_class(bot, tz="Europe/Berlin", place="Munich")
    await bot.store.update_user(INSTRUCTOR, {"lang": lang})
    screens = await _every_class_screen(bot, klass["id"])
    assert len([s for s in screens if re.search(label, s)]) == 4
    if lang != "en":
        assert not [s for s in screens if "Germany" in s]


async def test_a_spanish_instructor_chooses_between_places_named_in_spanish(
    bot: BotHarness,
) -> None:
    await seed_instructor(bot)
    await bot.store.update_user(INSTRUCTOR, {"lang": "es"})
    first = date.today() + timedelta(days=9)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Bebés de primavera")
    await bot.say(INSTRUCTOR, f"{first.day}/{first.month}/{first.year}")
    await bot.say(INSTRUCTOR, "10:00")
    await bot.say(INSTRUCTOR, "Manchester")
    labels = [label for label, _ in bot.buttons(INSTRUCTOR)]
    assert labels[:2] == ["Manchester, Reino Unido", "Manchester, EE. UU. (New York)"]
    await bot.press(INSTRUCTOR, "nc:pl:0")
    assert re.search(r"Manchester \(Reino Unido, ahora son las", last_shown(bot, INSTRUCTOR))


@pytest.mark.parametrize(
    ("tz", "place", "lang", "label"),
    [
        # A country typed as the place reads as that country, in the reader's language.
        ("Europe/Berlin", "Germany", "es", "Alemania (ahora son las"),
        ("Europe/Berlin", "Germany", "en", "Germany (now"),
        # A place its country is named after is not said twice.
        ("Asia/Hong_Kong", None, "en", "Hong Kong (now"),
        ("Asia/Singapore", None, "de", "Singapur (jetzt"),
    ],
)
async def test_a_place_that_is_its_country_is_named_once(
    bot: BotHarness, tz: str, place: str | None, lang: str, label: str
) -> None:
    klass = await seed_class(bot, tz=tz, place=place)
    await bot.store.update_user(INSTRUCTOR, {"lang": lang})
    await bot.say(INSTRUCTOR, "/classes")
    await bot.press(INSTRUCTOR, f"cls:show:{klass['id']}")
    assert label in last_shown(bot, INSTRUCTOR)
