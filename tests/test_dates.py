"""Dates asked day first, with the next days as buttons (issue 15, item 8): /newclass's first
date step, through the real Application."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import BotHarness
from tests.support.says import says
from tests.test_newclass import INSTRUCTOR, alerts, data_of, last_shown, seed_instructor


async def _ask_date(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Spring babies")


async def test_the_date_step_says_day_first_and_offers_the_next_days(bot: BotHarness) -> None:
    await _ask_date(bot)
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_date")
    days = [date.today() + timedelta(days=n) for n in range(1, 7)]  # London: DEFAULT_TIMEZONE
    assert data_of(bot, INSTRUCTOR) == [f"nc:d:{d.isoformat()}" for d in days]
    labels = [label for label, _ in bot.buttons(INSTRUCTOR)]
    assert labels[0] == f"{days[0]:%a} {days[0].day} {days[0]:%b}"
    await bot.press(INSTRUCTOR, f"nc:d:{days[2].isoformat()}")
    assert f"{days[2]:%a} {days[2].day} {days[2]:%b %Y}" in last_shown(bot, INSTRUCTOR)
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_time")
    await bot.say(INSTRUCTOR, "10am")
    await bot.press(INSTRUCTOR, "nc:tz:Europe/London")
    await bot.press(INSTRUCTOR, "nc:n:5")
    await bot.press(INSTRUCTOR, "nc:len:60")
    await bot.press(INSTRUCTOR, "nc:venue:skip")
    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert klass["first_date"] == days[2].isoformat()


async def test_a_month_first_date_that_reads_as_passed_gets_the_day_first_hint(
    bot: BotHarness,
) -> None:
    await _ask_date(bot)
    passed = date(date.today().year - 1, 8, 12)  # an American's "8/12" of last year
    await bot.say(INSTRUCTOR, f"12/8/{passed.year}")
    shown = last_shown(bot, INSTRUCTOR)
    assert f"I read that day first, as <b>{passed:%a} 12 Aug {passed.year}</b>" in shown
    assert says(shown, "newclass.past_date_either_way")
    assert data_of(bot, INSTRUCTOR)[0].startswith("nc:d:")  # the days again
    await bot.say(INSTRUCTOR, f"25/1/{passed.year}")  # plainly day first: the plain answer
    assert says(last_shown(bot, INSTRUCTOR), "newclass.past_date")
    assert not says(last_shown(bot, INSTRUCTOR), "newclass.past_date_either_way")


async def test_a_tampered_or_old_day_button_is_refused(bot: BotHarness) -> None:
    await _ask_date(bot)
    await bot.press(INSTRUCTOR, "nc:d:2020-01-01")
    await bot.press(INSTRUCTOR, "nc:d:not-a-date")
    assert len(alerts(bot)) == 2
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_date")  # still asked
    assert await bot.store.classes_of_instructor(INSTRUCTOR) == []
