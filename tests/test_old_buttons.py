"""Buttons sent before the callback-data codec (domain/buttons.py) still work when pressed after
it: a reminder's answers, the check-in's steps, the instructor's Reply, a session move, an FAQ
vote. Each is pressed with the data exactly as the older bot wrote it, on the message showing
today's buttons, through the real Application; what the person would notice must happen. A
button of a format that was never sent (a version from the future) is answered kindly and
changes nothing."""

from __future__ import annotations

from datetime import datetime

from domain.buttons import (
    CheckinDays,
    FaqHelpful,
    MoveConfirmed,
    MoveSession,
    ReplyToQuestion,
    RsvpAnswer,
    encode,
)
from tests.conftest import BotHarness
from tests.test_checkin import ANA, IN_WEEK_1, keyboard_message, saved_checkin, seed_class
from tests.test_checkin import set_clock as set_checkin_clock
from tests.test_course_jobs import INSTRUCTOR, at, make_class, run_at, schedule
from tests.test_faq_handlers import PARENT, setup_class
from tests.test_sessions import alert, open_sessions


async def test_a_reminders_answer_from_before_the_codec_is_kept(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-01T12:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))
    old = f"rsvp:{cid}:1:late"  # as reminders have always carried it
    # The format did not change: last week's reminders and today's carry the same data.
    assert encode(RsvpAnswer(cid, 1, "late")) == old
    await bot.press(202, old)
    assert (await bot.store.get_member(cid, 202))["rsvp"] == {"1": "late"}
    (line,) = bot.api.sent("sendMessage", INSTRUCTOR)  # the instructor hears of it
    assert "P202" in line["text"]


async def test_a_checkin_message_from_before_the_codec_goes_on_step_by_step(
    bot: BotHarness,
) -> None:
    klass = await seed_class(bot.store)
    cid = klass["id"]
    set_checkin_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    message_id, buttons = keyboard_message(bot.api, ANA)
    # Today's message carries the readable format...
    assert encode(CheckinDays(cid, 1, "3-4")) in [data for _, data in buttons]
    # ...and the one-letter codes an older message carries still answer each step.
    for old in (f"ci:d:{cid}:1:3-4", f"ci:r:{cid}:1:loved", f"ci:a:{cid}:1:legs"):
        await bot.press(ANA, old, message_id=message_id)
    state = await saved_checkin(bot.store, ANA)
    assert state is not None
    assert (state["days"], state["response"], state["areas"]) == ("3-4", "loved", ["legs"])
    await bot.press(ANA, f"ci:done:{cid}:1", message_id=message_id)
    await bot.press(ANA, f"ci:skip:{cid}:1", message_id=message_id)
    (saved,) = await bot.store.checkins(cid, week=1)
    assert (saved["days"], saved["response"], saved["areas"]) == ("3-4", "loved", ["legs"])


async def test_the_instructors_reply_button_from_before_the_codec_still_replies(
    bot: BotHarness,
) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "is there parking near the church hall?")
    (question,) = await bot.store.questions(klass["id"])
    old = f"q:reply:{klass['id']}:{question['qid']}"
    assert encode(ReplyToQuestion(klass["id"], question["qid"])) == old  # unchanged format
    await bot.press(500, old)
    await bot.say(500, "Yes, behind the hall.")
    assert "behind the hall" in bot.last_text(PARENT)
    assert await bot.store.questions(klass["id"]) == []


async def test_a_session_move_from_before_the_codec_still_moves_it(bot: BotHarness) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    # The sessions screen shows the readable move button now.
    assert encode(MoveSession(cid, 2)) in [data for _, data in bot.buttons(INSTRUCTOR)]
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:2")  # an older screen's "Move"
    await bot.say(INSTRUCTOR, "Thursday 12 March 10:30")
    new = encode(MoveConfirmed(cid, 2, datetime(2026, 3, 12, 10, 30)))
    assert bot.buttons(INSTRUCTOR)[0][1] == new
    await bot.press(INSTRUCTOR, f"ses:mvok:{cid}:2:202603121030")  # an older confirm's "Yes"
    assert (await bot.store.get_class(cid))["moved"] == {"2": "2026-03-12T10:30"}


async def test_an_faq_vote_from_before_the_codec_is_counted(bot: BotHarness) -> None:
    await setup_class(bot)
    await bot.say(PARENT, "is coconut oil ok for my baby's massage?")
    shown = [data for _, data in bot.buttons(PARENT)]
    helpful = next(d for d in shown if d.startswith("faq:helpful@1:") and d.endswith(":1"))
    pressed = FaqHelpful(helpful.split(":")[2], True)
    assert encode(pressed) == helpful
    message = bot.api.simulator.message_with_button(PARENT, helpful)
    assert message is not None
    await bot.press(PARENT, f"faq:fb:{pressed.faq_id}:1", message_id=message["message_id"])
    assert (await bot.store.faq_feedback())[pressed.faq_id] == (1, 0)


async def test_a_format_never_sent_is_answered_kindly_and_changes_nothing(
    bot: BotHarness,
) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    for data in (f"ses:move@2:{cid}:2", f"ses:move@1:{cid}:2:extra", f"ses:mv:{cid}:02"):
        calls = len(bot.api.calls)
        await bot.press(INSTRUCTOR, data)
        answers = [c for c in bot.api.calls[calls:] if c.method == "answerCallbackQuery"]
        assert len(answers) == 1, data  # the spinner stops, once
        assert alert(bot), data  # with a word about it
    klass = await bot.store.get_class(cid)
    assert klass["moved"] == {} and klass["cancelled"] == []
