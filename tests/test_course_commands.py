"""/next, /lesson, /course, /settings and /weeknote through the real Application."""

from __future__ import annotations

from typing import Any

from content.lessons import render_lesson
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import Key, says
from tests.test_course_jobs import (
    GROUP,
    INSTRUCTOR,
    add_person,
    at,
    make_class,
    make_instructor,
    run_at,
    schedule,
    set_clock,
)


def alert(bot: BotHarness) -> str:
    answers = [c for c in bot.api.calls if c.method == "answerCallbackQuery"]
    return str(answers[-1].params.get("text") or "") if answers else ""


# -- /next -------------------------------------------------------------------------------------


async def test_next_tells_date_local_time_and_venue(bot: BotHarness) -> None:
    await make_class(bot)
    set_clock(bot, at("2026-03-02T09:00"))
    await bot.say(201, "/next")
    text = bot.last_text(201)
    assert "Session 1 of 3: tomorrow, Tuesday 3 March, at 10:00" in text
    assert "Oak Hall" in text and "Tuesday babies" in text


async def test_next_in_another_time_zone_and_a_moved_session(bot: BotHarness) -> None:
    await make_class(bot, tz="America/New_York", moved={"2": "2026-03-12T18:45"})
    set_clock(bot, at("2026-03-04T12:00"))
    await bot.say(202, "/next")
    assert "Session 2 of 3: on Thursday 12 March at 18:45 (moved)" in bot.last_text(202)


async def test_next_after_the_last_session(bot: BotHarness) -> None:
    await make_class(bot)
    set_clock(bot, at("2026-04-01T09:00"))
    await bot.say(201, "/next")
    assert says(bot.last_text(201), "course.next_none")


async def test_next_in_the_group_answers_for_its_class(bot: BotHarness) -> None:
    await make_class(bot)
    set_clock(bot, at("2026-03-03T09:00"))
    await bot.send(tg.group_command(GROUP, 999, "next", bot=bot.app.bot))
    assert "today at 10:00" in bot.last_text(GROUP)
    await bot.send(tg.group_command(-100123, 999, "next", bot=bot.app.bot))
    assert says(bot.last_text(-100123), "course.group_not_linked")


async def test_no_class_gets_a_kind_pointer(bot: BotHarness) -> None:
    for command in ("/next", "/lesson", "/lesson 2"):
        await bot.say(777, command)
        assert says(bot.last_text(777), "course.no_class")


async def test_a_parent_in_two_classes_is_asked_which(bot: BotHarness) -> None:
    first = await make_class(bot)
    second = await make_class(bot, name="Friday babies", first_date="2026-03-06")
    set_clock(bot, at("2026-03-02T09:00"))
    await bot.say(201, "/next")
    assert says(bot.last_text(201), "core.which_class")
    data = [d for _, d in bot.buttons(201)]
    assert data == [f"crs:next:{first}", f"crs:next:{second}"]
    await bot.press(201, f"crs:next:{second}")
    assert "Friday babies" in bot.last_text(201) and "Friday 6 March" in bot.last_text(201)


async def test_a_class_button_for_someone_elses_class_is_refused(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await bot.press(777, f"crs:next:{cid}")
    assert says(alert(bot), "core.stale_button")
    await bot.press(777, f"crs:ls:1:{cid}")
    assert says(alert(bot), "core.stale_button")
    assert bot.texts(777) == []


# -- /lesson and /course -----------------------------------------------------------------------


async def test_lesson_defaults_to_the_latest_week_held_with_the_note(
    bot: BotHarness, content: Any
) -> None:
    cid = await make_class(bot)
    await bot.store.set_week_note(cid, 2, "Well done today!")
    set_clock(bot, at("2026-03-11T09:00"))
    await bot.say(201, "/lesson")
    assert bot.last_text(201) == render_lesson(content.lessons[2], "Well done today!")
    await bot.say(201, "/lesson 1")
    assert bot.last_text(201) == render_lesson(content.lessons[1])


async def test_lesson_before_the_first_session_and_odd_weeks(bot: BotHarness) -> None:
    await make_class(bot)
    set_clock(bot, at("2026-03-01T09:00"))
    await bot.say(201, "/lesson")
    assert says(bot.last_text(201), "course.lesson_not_started")
    for odd in ("/lesson 9", "/lesson 0", "/lesson two", "/lesson " + "😀" * 50):
        await bot.say(201, odd)
        assert says(bot.last_text(201), "course.lesson_unknown_week", last=5)


async def test_lesson_for_a_parent_in_two_classes(bot: BotHarness, content: Any) -> None:
    await make_class(bot)
    second = await make_class(bot, name="Friday babies")
    await bot.store.set_week_note(second, 3, "Friday's note")
    set_clock(bot, at("2026-03-20T09:00"))
    await bot.say(201, "/lesson 3")
    await bot.press(201, f"crs:ls:3:{second}")
    assert bot.last_text(201) == render_lesson(content.lessons[3], "Friday's note")


async def test_course_shows_the_outline(bot: BotHarness, content: Any) -> None:
    await make_class(bot)
    await bot.say(201, "/course")
    text = bot.last_text(201)
    assert content.outline.title in text and "Week 5" in text and "/next" in text
    await bot.say(777, "/course")
    assert content.outline.title in bot.last_text(777) and says(
        bot.last_text(777), "course.no_class"
    )


# -- /settings ---------------------------------------------------------------------------------


async def test_settings_change_quiet_hours_and_private_reminders(bot: BotHarness) -> None:
    await make_class(bot)
    await bot.say(201, "/settings")
    assert "21:00 to 08:00" in bot.last_text(201)
    labels = [label for label, _ in bot.buttons(201)]
    assert labels[0] == "✓ 21–08"
    await bot.press(201, "crs:qh:2207")
    user = await bot.store.get_user(201)
    assert (user["quiet_start"], user["quiet_end"]) == ("22:00", "07:00")
    assert "22:00 to 07:00" in bot.last_text(201)
    await bot.press(201, "crs:pr:off")
    assert (await bot.store.get_user(201))["private_reminders"] is False
    assert "🔔 Here too" in [label for label, _ in bot.buttons(201)]
    assert says(bot.last_text(201), "course.settings_off")
    await bot.press(201, "crs:qh:off")
    assert says(bot.last_text(201), "course.settings", quiet=Key("course.settings_quiet_off"))


async def test_settings_for_someone_with_no_class_store_nothing(bot: BotHarness) -> None:
    await bot.say(777, "/settings")
    assert says(bot.last_text(777), "course.settings_no_class")
    await bot.press(777, "crs:qh:2207")
    await bot.press(777, "crs:qh:tampered")
    assert await bot.store.get_user(777) is None


async def test_quiet_hours_chosen_in_settings_hold_a_reminder(bot: BotHarness) -> None:
    cid = await make_class(bot, times={"reminder_day_before": "20:30"})
    await bot.press(201, "crs:qh:2009")
    await schedule(bot, cid, at("2026-03-02T12:00"))
    await run_at(bot, cid, at("2026-03-02T20:30"))
    assert any("tomorrow" in t for t in bot.texts(202))
    assert not any("tomorrow" in t for t in bot.texts(201))


# -- /weeknote ---------------------------------------------------------------------------------


async def test_weeknote_in_one_line(bot: BotHarness) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-01T12:00"))
    await bot.say(INSTRUCTOR, "/weeknote 2 Bring a small towel\nand a nappy")
    assert says(bot.last_text(INSTRUCTOR), "course.weeknote_saved", week=2)
    assert await bot.store.week_notes(cid) == {2: "Bring a small towel\nand a nappy"}


async def test_cancel_while_writing_a_weeknote_keeps_no_note(bot: BotHarness) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-01T12:00"))
    await bot.say(INSTRUCTOR, "/weeknote")
    await bot.press(INSTRUCTOR, f"crs:wnw:{cid}:1")
    await bot.say(INSTRUCTOR, "/cancel")
    assert "stopped" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Bring a towel")  # no longer a note
    assert await bot.store.week_notes(cid) == {}


async def test_weeknote_with_buttons_then_typed_then_removed(bot: BotHarness) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-01T12:00"))
    await bot.say(INSTRUCTOR, "/weeknote")
    assert [d for _, d in bot.buttons(INSTRUCTOR)][:2] == [f"crs:wnw:{cid}:1", f"crs:wnw:{cid}:2"]
    await bot.press(INSTRUCTOR, f"crs:wnw:{cid}:1")
    assert says(bot.last_text(INSTRUCTOR), "course.weeknote_ask", week=1)
    await bot.send(tg.sticker_message(INSTRUCTOR, bot=bot.app.bot))
    assert says(bot.last_text(INSTRUCTOR), "course.weeknote_not_text")
    await bot.say(INSTRUCTOR, "Lovely to meet you <all>")
    assert await bot.store.week_notes(cid) == {1: "Lovely to meet you <all>"}
    # The week now shows its note, and "-" removes it.
    await bot.press(INSTRUCTOR, f"crs:wnw:{cid}:1")
    assert "Lovely to meet you &lt;all&gt;" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "-")
    assert await bot.store.week_notes(cid) == {}


async def test_weeknote_after_the_summary_went_out_says_so(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-03T11:00"))
    await run_at(bot, cid, at("2026-03-03T12:00"))
    await bot.say(INSTRUCTOR, "/weeknote 1 Thanks for coming")
    assert "/lesson 1" in bot.last_text(INSTRUCTOR)


async def test_weeknote_for_an_instructor_with_two_classes(bot: BotHarness) -> None:
    await make_class(bot)
    second = await make_class(bot, name="Friday babies")
    await bot.say(INSTRUCTOR, "/weeknote 3 See you on Friday")
    assert says(bot.last_text(INSTRUCTOR), "course.weeknote_pick_class")
    await bot.press(INSTRUCTOR, f"crs:wnc:{second}")
    assert await bot.store.week_notes(second) == {3: "See you on Friday"}


async def test_weeknote_refusals_change_nothing(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await bot.say(201, "/weeknote 1 hello")
    assert says(bot.last_text(201), "core.not_allowed", who=Key("core.who_instructor"))
    await bot.say(INSTRUCTOR, "/weeknote 9 hello")
    assert "weeks 1 to 3" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "/weeknote soon hello")
    assert says(bot.last_text(INSTRUCTOR), "course.weeknote_usage")
    await bot.say(INSTRUCTOR, "/weeknote 1 " + "x" * 1200)
    assert says(bot.last_text(INSTRUCTOR), "course.weeknote_too_long")
    await make_instructor(bot.store, 501)
    await bot.press(501, f"crs:wnw:{cid}:1")
    assert says(alert(bot), "core.not_your_class")
    await bot.press(INSTRUCTOR, f"crs:wnw:{cid}:99")
    assert await bot.store.week_notes(cid) == {}


async def test_a_carer_gets_next_too(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await add_person(bot.store, cid, 210, carer_of=201)
    set_clock(bot, at("2026-03-02T09:00"))
    await bot.say(210, "/next")
    assert "Session 1 of 3" in bot.last_text(210)


async def test_lessons_stay_readable_after_the_class_ended(bot: BotHarness, content: Any) -> None:
    cid = await make_class(bot)
    await bot.store.update_class(cid, {"ended": True, "ended_after": 2})
    set_clock(bot, at("2026-03-12T09:00"))
    await bot.say(201, "/lesson")
    assert bot.last_text(201) == render_lesson(content.lessons[2])
    await bot.say(201, "/next")
    assert says(bot.last_text(201), "course.next_none")
