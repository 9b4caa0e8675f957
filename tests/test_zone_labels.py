"""Zones as places on every screen that shows one (issue 15, item 5): /classes, the class
summary, the sessions screen, a move and the reminder times show "New York (US time, now
09:05)", never a raw zone name, even for a class whose zone was typed as an old or offset name
("US/Eastern", "Etc/GMT+5") and that has no place of its own. Through the real Application.
(/announce's prompts are left to the announce work.)"""

from __future__ import annotations

import re
from datetime import date, timedelta

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
