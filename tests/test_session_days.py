"""Moving a session by tapping a day (issue 15, item 8): the move's date step says dates are day
first, offers the days around the session as buttons (the shared `handlers.daypick`, as
/newclass's first date does), keeps the session's time on the tapped day or takes another typed
time, and still reads a typed date and time. Through the real Application."""

from __future__ import annotations

from datetime import date, datetime

from domain.buttons import MoveConfirmed, MoveToDay, encode
from tests.conftest import BotHarness
from tests.test_course_jobs import GROUP, INSTRUCTOR, count, make_instructor
from tests.test_sessions import alert, open_sessions

# The class of `open_sessions`: Tuesdays 3, 10 and 17 March 2026 at 10:00, London; "now" is
# Wednesday 4 March, so session 2 (Tuesday 10 March) is the next one.
NOW = "2026-03-04T12:00"


async def _move_two(bot: BotHarness) -> str:
    cid = await open_sessions(bot, NOW)
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:2")
    return cid


async def test_the_move_offers_the_days_around_the_session_and_says_day_first(
    bot: BotHarness,
) -> None:
    cid = await _move_two(bot)
    prompt = bot.last_text(INSTRUCTOR)
    assert "Tap a day below, or type the new date and time, day first" in prompt
    assert "<i>11 March 10:00</i>" in prompt  # the example, read back by the bot
    # Three days before Tuesday 10 March and three after; never the session's own day.
    assert bot.buttons(INSTRUCTOR) == [
        ("Sat 7 Mar", encode(MoveToDay(cid, 2, date(2026, 3, 7)))),
        ("Sun 8 Mar", encode(MoveToDay(cid, 2, date(2026, 3, 8)))),
        ("Mon 9 Mar", encode(MoveToDay(cid, 2, date(2026, 3, 9)))),
        ("Wed 11 Mar", encode(MoveToDay(cid, 2, date(2026, 3, 11)))),
        ("Thu 12 Mar", encode(MoveToDay(cid, 2, date(2026, 3, 12)))),
        ("Fri 13 Mar", encode(MoveToDay(cid, 2, date(2026, 3, 13)))),
    ]


async def test_a_tapped_day_keeps_the_time_and_two_taps_move_the_session(
    bot: BotHarness,
) -> None:
    cid = await _move_two(bot)
    await bot.press(INSTRUCTOR, f"ses:md:{cid}:2:2026-03-12")
    shown = bot.last_text(INSTRUCTOR)
    assert "Move session 2 from Tuesday 10 March at 10:00 to <b>Thursday 12 March at 10:00" in shown
    assert "Another time that day? Just type it" in shown
    assert (await bot.store.get_class(cid))["moved"] == {}  # not before the confirmation
    await bot.press(INSTRUCTOR, f"ses:mvok:{cid}:2:202603121000")
    assert (await bot.store.get_class(cid))["moved"] == {"2": "2026-03-12T10:00"}
    assert count(bot, GROUP, "session 2 has moved to <b>Thursday 12 March at 10:00") == 1
    # The move is done: a time typed now is not read as another move.
    before = len(bot.texts(INSTRUCTOR))
    await bot.say(INSTRUCTOR, "11:30")
    assert not any("Move session" in t for t in bot.texts(INSTRUCTOR)[before:])
    assert (await bot.store.get_class(cid))["moved"] == {"2": "2026-03-12T10:00"}


async def test_after_a_tapped_day_a_typed_time_is_that_day_and_a_date_still_reads(
    bot: BotHarness,
) -> None:
    cid = await _move_two(bot)
    await bot.press(INSTRUCTOR, f"ses:md:{cid}:2:2026-03-12")
    await bot.say(INSTRUCTOR, "11:30")
    assert "to <b>Thursday 12 March at 11:30</b>?" in bot.last_text(INSTRUCTOR)
    assert bot.buttons(INSTRUCTOR)[0][1] == encode(
        MoveConfirmed(cid, 2, datetime(2026, 3, 12, 11, 30))
    )
    # "No, type again", a day, then a whole date and time typed: the typed date wins.
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:2")
    await bot.press(INSTRUCTOR, f"ses:md:{cid}:2:2026-03-12")
    await bot.say(INSTRUCTOR, "13/3 9:15")
    assert "to <b>Friday 13 March at 09:15</b>?" in bot.last_text(INSTRUCTOR)
    await bot.press(INSTRUCTOR, bot.buttons(INSTRUCTOR)[0][1])
    assert (await bot.store.get_class(cid))["moved"] == {"2": "2026-03-13T09:15"}


async def test_a_tapped_day_that_clashes_says_so_and_takes_another_time(bot: BotHarness) -> None:
    cid = await open_sessions(bot, NOW)
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:3")
    # Session 3 is on Tuesday 17 March; session 2 is on Tuesday 10 March at 10:00.
    await bot.press(INSTRUCTOR, f"ses:md:{cid}:3:2026-03-10")
    assert "That's when session 2 is" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "14:00")  # another time that day
    assert "to <b>Tuesday 10 March at 14:00</b>?" in bot.last_text(INSTRUCTOR)


async def test_old_tampered_or_foreign_day_buttons_change_nothing(bot: BotHarness) -> None:
    cid = await _move_two(bot)
    for data in (f"ses:md:{cid}:2:2026-03-04", f"ses:md:{cid}:2:2026-13-40"):
        await bot.press(INSTRUCTOR, data)
        assert "no longer works" in alert(bot)
    await bot.press(INSTRUCTOR, f"ses:md:{cid}:9:2026-03-12")  # no such session
    assert "can't be changed" in alert(bot)
    await make_instructor(bot.store, 501)
    await bot.press(501, f"ses:md:{cid}:2:2026-03-12")
    assert "isn't one of yours" in alert(bot)
    assert not [t for t in bot.texts(501) if "Move session" in t]
    assert (await bot.store.get_class(cid))["moved"] == {}


async def test_an_emergency_typed_after_a_tapped_day_is_answered_not_read_as_a_time(
    bot: BotHarness,
) -> None:
    cid = await _move_two(bot)
    await bot.press(INSTRUCTOR, f"ses:md:{cid}:2:2026-03-12")
    await bot.say(INSTRUCTOR, "help my baby isn't breathing properly and her lips are blue")
    assert "may be an emergency" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "11:30")  # the step is still waiting for the time
    assert "to <b>Thursday 12 March at 11:30</b>?" in bot.last_text(INSTRUCTOR)
    assert (await bot.store.get_class(cid))["moved"] == {}


async def test_a_spanish_instructor_gets_the_days_and_the_example_in_spanish(
    bot: BotHarness,
) -> None:
    await make_instructor(bot.store)
    await bot.store.update_user(INSTRUCTOR, {"lang": "es"})
    await _move_two(bot)
    prompt = bot.last_text(INSTRUCTOR)
    assert "martes 10 de marzo a las 10:00" in prompt
    assert "<i>11/3 10:00</i>" in prompt  # a form the bot reads back
    assert [label for label, _ in bot.buttons(INSTRUCTOR)][:2] == ["sáb 7 mar", "dom 8 mar"]
    await bot.say(INSTRUCTOR, "11/3 10:00")
    assert "al <b>miércoles 11 de marzo a las 10:00</b>?" in bot.last_text(INSTRUCTOR)


async def test_a_day_button_still_works_after_the_move_was_left(bot: BotHarness) -> None:
    cid = await _move_two(bot)
    await bot.say(INSTRUCTOR, "/cancel")
    assert "Nothing was changed" in bot.last_text(INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"ses:md:{cid}:2:2026-03-11")
    assert "to <b>Wednesday 11 March at 10:00</b>?" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "12:00")
    assert "to <b>Wednesday 11 March at 12:00</b>?" in bot.last_text(INSTRUCTOR)
