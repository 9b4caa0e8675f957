"""Changing sessions from /classes → Sessions: move (typed, checked, confirmed), cancel, end early,
and everything that should be refused, through the real Application."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.buttons import CancelSession, MoveConfirmed, MoveSession, SameDayLead, encode
from domain.when import WhenError, read_when
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import Key, says, shared_content
from tests.test_course_jobs import (
    GROUP,
    INSTRUCTOR,
    at,
    count,
    make_class,
    make_instructor,
    run_at,
    set_clock,
    wake_at,
)

# Dates as an English reader types them (every language is read; English goes first).
EN = shared_content().date_words("en")


def alert(bot: BotHarness) -> str:
    """The text of the last button answer (the pop-up a person sees)."""
    answers = [c for c in bot.api.calls if c.method == "answerCallbackQuery"]
    assert answers, "no button answer"
    return str(answers[-1].params.get("text") or "")


async def open_sessions(bot: BotHarness, now: str = "2026-03-01T12:00") -> str:
    cid = await make_class(bot)
    set_clock(bot, at(now))
    await bot.press(INSTRUCTOR, f"ses:list:{cid}")
    return cid


# -- the list --------------------------------------------------------------------------------


async def test_the_sessions_screen_lists_every_session_with_buttons(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    text = bot.last_text(INSTRUCTOR)
    assert "Tuesday babies" in text and says(
        text, "core.zone_label", place="London", country="UK", now="12:00"
    )
    assert "1 · Tue 3 Mar, 10:00 · held" in text
    assert "2 · Tue 10 Mar, 10:00" in text
    data = [d for _, d in bot.buttons(INSTRUCTOR)]
    assert encode(MoveSession(cid, 1)) not in data  # held sessions cannot move
    assert encode(MoveSession(cid, 2)) in data and encode(CancelSession(cid, 3)) in data
    assert f"ses:end:{cid}" in data


async def test_a_parent_cannot_open_the_sessions_screen(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await bot.press(201, f"ses:list:{cid}")
    assert says(alert(bot), "core.not_allowed", who=Key("core.who_instructor"))
    assert bot.texts(201) == []


async def test_another_instructor_cannot_touch_the_class(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await make_instructor(bot.store, 501)
    for data in (f"ses:list:{cid}", f"ses:cxok:{cid}:2", f"ses:endok:{cid}:0"):
        await bot.press(501, data)
        assert says(alert(bot), "core.not_your_class")
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["cancelled"] == [] and not klass["ended"]


@pytest.mark.parametrize(
    "data", ["ses:list:", "ses:cxok:{cid}:abc", "ses:cxok:{cid}", "ses:mvok:{cid}:2:notatime"]
)
async def test_tampered_buttons_change_nothing(bot: BotHarness, data: str) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-01T12:00"))
    await bot.press(INSTRUCTOR, data.format(cid=cid))
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["cancelled"] == [] and klass["moved"] == {}


# -- moving ------------------------------------------------------------------------------------


async def test_move_a_session_by_typing_its_new_time(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:2")
    assert "Tuesday 10 March at 10:00" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Thursday 12 March 10:30")
    assert "to <b>Thursday 12 March at 10:30</b>?" in bot.last_text(INSTRUCTOR)
    assert (await bot.store.get_class(cid))["moved"] == {}  # not before the confirmation
    confirm = bot.buttons(INSTRUCTOR)[0][1]
    assert confirm == encode(MoveConfirmed(cid, 2, datetime(2026, 3, 12, 10, 30)))

    await bot.press(INSTRUCTOR, confirm)
    klass = await bot.store.get_class(cid)
    assert klass["moved"] == {"2": "2026-03-12T10:30"}
    assert any("now on <b>Thursday 12 March at 10:30</b>" in t for t in bot.texts(INSTRUCTOR))
    assert "2 · Thu 12 Mar, 10:30 · moved" in bot.last_text(INSTRUCTOR)
    # The class's messages followed at once: next is the summary of session 1 ... then the
    # reminder the evening before the new date.
    # The families were told at once, each exactly once, group included.
    for chat in (GROUP, 201):
        assert count(bot, chat, "session 2 has moved to <b>Thursday 12 March at 10:30</b>") == 1
    await run_at(bot, cid, wake_at(bot, cid))
    await run_at(bot, cid, at("2026-03-11T18:00"))
    reminders = [t for t in bot.texts(201) if "Thursday 12 March" in t and "has moved" not in t]
    assert len(reminders) == 1


async def test_a_move_into_the_spring_forward_gap_is_moved_on_and_said(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-12T12:00")
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:3")
    # The clocks in London go forward at 01:00 on Sunday 29 March 2026: 01:30 does not exist.
    await bot.say(INSTRUCTOR, "29/03 1:30")
    text = bot.last_text(INSTRUCTOR)
    assert says(text, "sessions.move_gap", typed="01:30", time="02:30")
    await bot.press(INSTRUCTOR, bot.buttons(INSTRUCTOR)[0][1])
    assert (await bot.store.get_class(cid))["moved"] == {"3": "2026-03-29T02:30"}


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("next week sometime", "couldn't read that"),
        ("12 March", "add the time"),
        ("2027-06-01 10:00", "more than a year away"),
        ("2026-03-02 10:00", "already in the past"),
        ("17 March 10:30", "That's when session 3 is"),
        ("10 March 10:00", "already when it is"),
        ("31/02 10:00", "couldn't read that"),
        ("😀" * 4000, "couldn't read that"),
    ],
)
async def test_a_time_that_does_not_fit_is_explained_and_asked_again(
    bot: BotHarness, typed: str, reply: str
) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:2")
    await bot.say(INSTRUCTOR, typed)
    assert reply in bot.last_text(INSTRUCTOR)
    # Still waiting for a time: a good one now works.
    await bot.say(INSTRUCTOR, "11 March 10:00")
    assert "Wednesday 11 March at 10:00" in bot.last_text(INSTRUCTOR)
    assert (await bot.store.get_class(cid))["moved"] == {}


async def test_a_sticker_instead_of_a_time_and_then_cancel(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:2")
    await bot.send(tg.sticker_message(INSTRUCTOR, bot=bot.app.bot))
    assert says(bot.last_text(INSTRUCTOR), "sessions.move_not_text")
    await bot.say(INSTRUCTOR, "/cancel")
    assert says(bot.last_text(INSTRUCTOR), "core.cancelled")
    assert (await bot.store.get_class(cid))["moved"] == {}


async def test_an_old_confirmation_is_checked_again(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    # Confirmed a week late: session 2 has been held since.
    set_clock(bot, at("2026-03-11T12:00"))
    await bot.press(INSTRUCTOR, f"ses:mvok:{cid}:2:202603121030")
    assert says(alert(bot), "sessions.not_ahead")
    assert (await bot.store.get_class(cid))["moved"] == {}


# -- cancelling -------------------------------------------------------------------------------


async def test_cancel_a_session_after_confirming(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(INSTRUCTOR, f"ses:cx:{cid}:2")
    assert says(
        bot.last_text(INSTRUCTOR),
        "sessions.cancel_confirm",
        number=2,
        day="Tuesday 10 March",
        time="10:00",
    )
    assert (await bot.store.get_class(cid))["cancelled"] == []
    await bot.press(INSTRUCTOR, f"ses:cxok:{cid}:2")
    assert (await bot.store.get_class(cid))["cancelled"] == [2]
    assert "2 · Tue 10 Mar, 10:00 · cancelled" in bot.last_text(INSTRUCTOR)
    # Pressed twice: nothing more happens.
    await bot.press(INSTRUCTOR, f"ses:cxok:{cid}:2")
    assert says(alert(bot), "sessions.not_ahead")
    assert (await bot.store.get_class(cid))["cancelled"] == [2]
    # No reminder for 10 March; the next is for session 3.
    await run_at(bot, cid, wake_at(bot, cid))  # session 1's check-in invitation ...
    while (when := wake_at(bot, cid)) is not None and when < at("2026-03-17T09:00"):
        await run_at(bot, cid, when)
    notice = "session 2 on Tuesday 10 March at 10:00 is cancelled"
    assert count(bot, GROUP, notice) == 1 and count(bot, 201, notice) == 1
    assert count(bot, GROUP, "10 March") == 1  # the notice, and no reminder
    assert count(bot, GROUP, "Tuesday 17 March") == 1


async def test_a_cancellation_reaches_everyone_even_with_reminders_off_and_quietly_at_night(
    bot: BotHarness,
) -> None:
    # 22:30 in London: inside the default quiet hours.
    cid = await open_sessions(bot, "2026-03-04T22:30")
    await bot.store.update_user(202, {"private_reminders": False})
    await bot.press(INSTRUCTOR, f"ses:cx:{cid}:2")
    await bot.press(INSTRUCTOR, f"ses:cxok:{cid}:2")
    notice = "session 2 on Tuesday 10 March at 10:00 is cancelled"
    for chat in (GROUP, 201, 202, 203):  # the group, both parents, the carer
        assert count(bot, chat, notice) == 1, chat
    sends = {
        int(c.params["chat_id"]): c.params
        for c in bot.api.calls
        if c.method == "sendMessage" and notice in (c.text or "")
    }
    assert sends[201].get("disable_notification") is True  # a parent's night: no sound
    assert not sends[GROUP].get("disable_notification")  # the group does not wait or hush
    assert any("(4 chats" in t for t in bot.texts(INSTRUCTOR))  # the instructor hears it went out


# -- ending early ------------------------------------------------------------------------------


async def test_end_the_class_early_sends_the_closing_now(bot: BotHarness, content: object) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(INSTRUCTOR, f"ses:end:{cid}")
    assert says(bot.last_text(INSTRUCTOR), "newclass.end_drops", first=2, last=3)
    await bot.press(INSTRUCTOR, f"ses:endok:{cid}:1")
    klass = await bot.store.get_class(cid)
    assert klass["ended"] is True and klass["ended_after"] == 1
    assert says(bot.last_text(INSTRUCTOR), "newclass.ended")
    assert wake_at(bot, cid) == at("2026-03-04T12:00")
    await run_at(bot, cid, at("2026-03-04T12:00"))
    closing = content.outline.closing[:40]  # type: ignore[attr-defined]
    assert count(bot, GROUP, closing) == 1 and count(bot, 201, closing) == 1
    # Pressing end again is refused kindly.
    await bot.press(INSTRUCTOR, f"ses:endok:{cid}:1")
    assert says(alert(bot), "newclass.already_ended")


async def test_a_second_tap_on_an_ended_classs_sessions_asks_telegram_for_no_edit(
    bot: BotHarness,
) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(INSTRUCTOR, f"ses:end:{cid}")
    await bot.press(INSTRUCTOR, f"ses:endok:{cid}:1")
    await bot.press(INSTRUCTOR, f"ses:list:{cid}")
    shown = [c for c in bot.api.calls if c.ok and c.chat_id == INSTRUCTOR][-1]
    assert "has ended" in (shown.text or "")
    # Its screen has no buttons left; tapped again (a double tap), it is already showing.
    calls = len(bot.api.calls)
    await bot.press(INSTRUCTOR, f"ses:list:{cid}", message_id=shown.result["message_id"])
    assert [c.method for c in bot.api.calls[calls:]] == ["answerCallbackQuery"]


async def test_ending_keeps_only_the_unbroken_run_of_sessions_already_held(bot: BotHarness) -> None:
    # Session 2 moved after session 3: on 18 March sessions 1 and 3 have run, 2 has not. The
    # end keeps session 1 only, so nothing (not session 2) stays scheduled after the end.
    cid = await make_class(bot, moved={"2": "2026-03-20T10:00"})
    set_clock(bot, at("2026-03-18T12:00"))
    await bot.press(INSTRUCTOR, f"ses:end:{cid}")
    assert says(bot.last_text(INSTRUCTOR), "newclass.end_drops", first=2, last=3)
    assert f"ses:endok:{cid}:1" in [d for _, d in bot.buttons(INSTRUCTOR)]
    assert f"ses:list:{cid}" in [d for _, d in bot.buttons(INSTRUCTOR)]  # keep: back to sessions
    await bot.press(INSTRUCTOR, f"ses:endok:{cid}:1")
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["ended"] is True and klass["ended_after"] == 1


async def test_a_confirm_overtaken_by_a_session_starting_is_asked_again(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(INSTRUCTOR, f"ses:end:{cid}")
    set_clock(bot, at("2026-03-10T10:30"))  # session 2 has started since
    await bot.press(INSTRUCTOR, f"ses:endok:{cid}:1")
    assert says(alert(bot), "newclass.end_changed")
    klass = await bot.store.get_class(cid)
    assert klass is not None and not klass["ended"]
    assert says(bot.last_text(INSTRUCTOR), "newclass.end_drops_one", first=3)
    await bot.press(INSTRUCTOR, f"ses:endok:{cid}:2")
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["ended"] is True and klass["ended_after"] == 2


@pytest.mark.parametrize("data", ["ses:endok:{cid}:abc", "ses:endok:{cid}", "cls:endok:{cid}:x"])
async def test_tampered_end_buttons_end_nothing(bot: BotHarness, data: str) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(INSTRUCTOR, data.format(cid=cid))
    assert says(alert(bot), "core.not_your_class")
    klass = await bot.store.get_class(cid)
    assert klass is not None and not klass["ended"]


# -- reading typed times -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12 March 10:30", datetime(2026, 3, 12, 10, 30)),
        ("2026-03-12T10:30", datetime(2026, 3, 12, 10, 30)),
        ("Thu 12/03 2pm", datetime(2026, 3, 12, 14, 0)),
        ("12.03.2026 10.30", datetime(2026, 3, 12, 10, 30)),
        ("March 12, 10:30am", datetime(2026, 3, 12, 10, 30)),
        ("tomorrow 9:15", datetime(2026, 3, 6, 9, 15)),
        ("1 March 10:00", datetime(2027, 3, 1, 10, 0)),
        ("12 march 12am", datetime(2026, 3, 12, 0, 0)),
    ],
)
def test_parse_when_reads_what_people_type(typed: str, expected: datetime) -> None:
    assert read_when(typed, date(2026, 3, 5), words=EN) == expected


@pytest.mark.parametrize("typed", ["", "soon", "12 March", "25:00 12 March", "31 feb 10:00"])
def test_parse_when_refuses_to_guess(typed: str) -> None:
    with pytest.raises(WhenError):
        read_when(typed, date(2026, 3, 5), words=EN)


# -- reminder times ------------------------------------------------------------------------------


async def test_reminder_times_are_changed_with_buttons_and_followed(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-01T12:00")
    assert f"ses:times:{cid}" in [d for _, d in bot.buttons(INSTRUCTOR)]
    await bot.press(INSTRUCTOR, f"ses:times:{cid}")
    text = bot.last_text(INSTRUCTOR)
    assert "at <b>18:00</b>" in text and "<b>2 h</b> before" in text
    await bot.press(INSTRUCTOR, f"ses:tdb:{cid}:1930")  # not a choice: tampered
    assert says(alert(bot), "core.stale_button")
    await bot.press(INSTRUCTOR, f"ses:tdb:{cid}:2000")
    await bot.press(INSTRUCTOR, f"ses:tsd:{cid}:60")
    klass = await bot.store.get_class(cid)
    assert klass["times"] == {"reminder_day_before": "20:00", "reminder_same_day_before": 60}
    assert "at <b>20:00</b>" in bot.last_text(INSTRUCTOR)
    assert ("✓ 1 h", encode(SameDayLead(cid, 60))) in bot.buttons(INSTRUCTOR)
    assert wake_at(bot, cid) == at("2026-03-02T20:00")
    await run_at(bot, cid, at("2026-03-02T20:00"))
    assert count(bot, GROUP, "tomorrow") == 1
    assert wake_at(bot, cid) == at("2026-03-03T09:00")


async def test_a_parent_cannot_change_reminder_times(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await bot.press(201, f"ses:tdb:{cid}:2000")
    assert says(alert(bot), "core.not_allowed", who=Key("core.who_instructor"))
    assert (await bot.store.get_class(cid))["times"] == {}
