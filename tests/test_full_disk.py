"""A full disk in the middle of what people do, through the real Application: every write of the
storage fails with OSError ENOSPC (tests/support/fuzz.py `DiskFull`, the fuzzer's own). The
person hears "I couldn't save that", nothing changes (nobody else hears of it either), and when
the disk has room again, trying once more works, once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.common import Context
from jobs.retention import run_retention
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.fuzz import DiskFull
from tests.support.says import says
from tests.test_announce import INSTR, compose
from tests.test_announce import cid as cid
from tests.test_class_venue import _open_venue as open_venue
from tests.test_course_jobs import INSTRUCTOR as TEACHER
from tests.test_course_jobs import at, make_class, set_clock
from tests.test_faq_handlers import INSTRUCTOR, PARENT, setup_class
from tests.test_feedback import closing
from tests.test_newclass import INSTRUCTOR as INSTRUCTOR_NC
from tests.test_newclass import _walk_to_time_zone as walk_to_time_zone
from tests.test_newclass import alerts, data_of, seed_instructor
from tests.test_newclass import seed_class as seed_class_nc
from tests.test_sessions import open_sessions

SORRY = "couldn't save that"


@pytest.fixture
def disk() -> Iterator[DiskFull]:
    """The data folder's disk, which the test can fill up."""
    full = DiskFull()
    with full.installed():
        yield full


async def test_a_reply_that_cannot_be_saved_reaches_nobody_and_can_be_typed_again(
    bot: BotHarness, disk: DiskFull
) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "is there parking near the church hall?")
    (question,) = await bot.store.questions(klass["id"])
    await bot.press(INSTRUCTOR, f"q:reply:{klass['id']}:{question['qid']}")
    disk.full = True
    await bot.say(INSTRUCTOR, "Yes, behind the hall.")
    disk.full = False
    bot.errors.clear()  # the full disk's OSError, answered by the error handler
    assert SORRY in bot.last_text(INSTRUCTOR)
    assert not [t for t in bot.texts(PARENT) if "behind the hall" in t]
    assert [q["qid"] for q in await bot.store.questions(klass["id"])] == [question["qid"]]
    # Still replying to that question: the same text again goes through, once.
    await bot.say(INSTRUCTOR, "Yes, behind the hall.")
    assert len([t for t in bot.texts(PARENT) if "behind the hall" in t]) == 1
    assert "Sent to Ana" in bot.last_text(INSTRUCTOR)
    assert await bot.store.questions(klass["id"]) == []


async def test_passing_a_question_on_when_the_disk_is_full_can_be_pressed_again(
    bot: BotHarness, disk: DiskFull
) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "how long should I wait after a feed before massaging her tummy")
    not_helpful = next(d for _, d in bot.buttons(PARENT) if d.endswith(":0"))
    await bot.press(PARENT, not_helpful)
    disk.full = True
    await bot.press(PARENT, "faq:pass")
    disk.full = False
    bot.errors.clear()
    assert SORRY in bot.last_text(PARENT)
    assert await bot.store.questions(klass["id"]) == []
    await bot.press(PARENT, "faq:pass")
    assert "wait after a feed" in bot.last_text(INSTRUCTOR)
    assert len(await bot.store.questions(klass["id"])) == 1


async def test_a_week_note_that_cannot_be_saved_can_be_typed_again(
    bot: BotHarness, disk: DiskFull
) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-01T12:00"))
    await bot.say(TEACHER, "/weeknote")
    await bot.press(TEACHER, f"crs:wnw:{cid}:1")
    disk.full = True
    await bot.say(TEACHER, "Bring a towel")
    disk.full = False
    bot.errors.clear()
    assert SORRY in bot.last_text(TEACHER)
    assert await bot.store.week_notes(cid) == {}
    await bot.say(TEACHER, "Bring a towel")
    assert await bot.store.week_notes(cid) == {1: "Bring a towel"}


async def test_a_press_answered_before_its_write_failed_hears_it_in_the_chat_once(
    bot: BotHarness,
) -> None:
    async def answered_then_disk_full(update: Update, context: Context) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer("On it")
        raise OSError(28, "No space left on device")

    bot.app.add_handler(CallbackQueryHandler(answered_then_disk_full, pattern="^full$"), group=-2)
    await bot.press(42, "full")
    bot.errors.clear()
    # Telegram refuses a second answer: the kind word goes into the chat instead.
    assert [c.method for c in bot.api.calls if c.method == "answerCallbackQuery"] == [
        "answerCallbackQuery"
    ]
    assert all(c.ok for c in bot.api.calls)
    assert SORRY in bot.last_text(42)


async def test_a_command_in_a_group_whose_write_fails_is_answered_in_the_group(
    bot: BotHarness,
) -> None:
    async def disk_full(update: Update, context: Context) -> None:
        raise OSError(28, "No space left on device")

    bot.app.add_handler(CommandHandler("full", disk_full), group=-2)
    bot.app.add_handler(CallbackQueryHandler(disk_full, pattern="^never$"), group=-2)
    await bot.send(tg.group_command(-900, 42, "full", bot=bot.app.bot))
    bot.errors.clear()
    assert SORRY in bot.last_text(-900)


async def test_an_old_cancel_button_asks_telegram_for_no_edit_that_changes_nothing(
    bot: BotHarness, cid: str
) -> None:
    await compose(bot, "First")
    await bot.press(INSTR, "ann:x")
    (cancelled,) = [c for c in bot.api.calls if c.method == "editMessageText"][-1:]
    await bot.say(INSTR, "/announce")
    # The first composer's Cancel, pressed again on its message (which says so already).
    await bot.press(INSTR, "ann:x", message_id=cancelled.result["message_id"])
    assert all(c.ok for c in bot.api.calls), [c.summary for c in bot.api.calls if not c.ok]


async def test_a_week_note_for_the_picked_class_is_kept_until_it_is_saved(
    bot: BotHarness, disk: DiskFull
) -> None:
    await make_class(bot)
    second = await make_class(bot, name="Friday babies")
    await bot.say(TEACHER, "/weeknote 3 See you on Friday")
    disk.full = True
    await bot.press(TEACHER, f"crs:wnc:{second}")
    disk.full = False
    bot.errors.clear()
    assert SORRY in bot.last_text(TEACHER)
    assert await bot.store.week_notes(second) == {}
    # The class chosen again: the note typed with the command is still there, and saved.
    await bot.press(TEACHER, f"crs:wnc:{second}")
    assert await bot.store.week_notes(second) == {3: "See you on Friday"}


async def test_a_feedback_note_that_cannot_be_saved_can_be_typed_again(
    bot: BotHarness, disk: DiskFull
) -> None:
    class_id = await closing(bot)
    await bot.say(201, f"/start fb_{class_id}")
    disk.full = True
    await bot.say(201, "Lovely course, thank you")
    disk.full = False
    bot.errors.clear()
    assert SORRY in bot.last_text(201)
    await bot.say(201, "Lovely course, thank you")
    member = await bot.store.get_member(class_id, 201)
    assert member is not None and member["feedback_note"] == "Lovely course, thank you"


async def test_a_venue_removal_that_cannot_be_saved_leaves_the_change_under_way(
    bot: BotHarness, disk: DiskFull
) -> None:
    cid = await open_venue(bot)
    disk.full = True
    await bot.press(TEACHER, f"cvn:rm:{cid}")
    disk.full = False
    bot.errors.clear()
    answers = [c.params.get("text") or "" for c in bot.api.calls if c.method.startswith("answer")]
    assert SORRY in answers[-1]
    assert (await bot.store.get_class(cid) or {})["venue"] == "Oak Hall"
    # Still changing the venue: a typed address is taken as the new one.
    await bot.say(TEACHER, "Church Hall, 3 Mill Lane")
    assert (await bot.store.get_class(cid) or {})["venue"] == "Church Hall, 3 Mill Lane"


async def test_a_class_that_cannot_be_created_keeps_its_create_button(
    bot: BotHarness, disk: DiskFull
) -> None:
    await seed_instructor(bot)
    await walk_to_time_zone(bot, date.today() + timedelta(days=3))
    for step in ("nc:tz:Europe/London", "nc:n:5", "nc:len:60", "nc:venue:skip"):
        await bot.press(INSTRUCTOR_NC, step)
    disk.full = True
    await bot.press(INSTRUCTOR_NC, "nc:ok")
    disk.full = False
    bot.errors.clear()
    assert await bot.store.classes_of_instructor(INSTRUCTOR_NC) == []
    assert "nc:ok" in data_of(bot, INSTRUCTOR_NC)  # still there to press again
    await bot.press(INSTRUCTOR_NC, "nc:ok")
    assert len(await bot.store.classes_of_instructor(INSTRUCTOR_NC)) == 1


async def test_a_move_that_cannot_be_saved_leaves_the_tapped_day_waiting_for_a_time(
    bot: BotHarness, disk: DiskFull
) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(TEACHER, f"ses:move@1:{cid}:2")
    await bot.press(TEACHER, f"ses:move-day@1:{cid}:2:2026-03-12")
    disk.full = True
    await bot.press(TEACHER, f"ses:move-ok@1:{cid}:2:202603121000")
    disk.full = False
    bot.errors.clear()
    assert (await bot.store.get_class(cid) or {})["moved"] == {}
    # Still moving session 2 to that day: another time typed for it is read as one.
    await bot.say(TEACHER, "11:30")
    assert "to <b>Thursday 12 March at 11:30</b>?" in bot.last_text(TEACHER)


async def test_a_class_deletion_stopped_by_a_full_disk_deletes_nothing_and_can_be_pressed_again(
    bot: BotHarness, disk: DiskFull
) -> None:
    klass = await seed_class_nc(bot)
    cid = klass["id"]
    await bot.press(INSTRUCTOR_NC, f"cls:endok:{cid}")
    disk.full = True  # deleting a file works on a full disk: nothing may go before a write did
    await bot.press(INSTRUCTOR_NC, f"cls:delok:{cid}")
    disk.full = False
    bot.errors.clear()
    assert await bot.store.get_class(cid) is not None
    await bot.press(INSTRUCTOR_NC, f"cls:delok:{cid}")
    assert await bot.store.get_class(cid) is None


async def test_a_class_deletion_stopped_half_way_leaves_no_half_class_and_finishes_later(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    klass = await seed_class_nc(bot)
    cid = klass["id"]
    await bot.press(INSTRUCTOR_NC, f"cls:endok:{cid}")
    store = bot.store

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    # The class file is gone when the disk fills up.
    monkeypatch.setattr(store, "_delete_class_entries", full)
    await bot.press(INSTRUCTOR_NC, f"cls:delok:{cid}")
    monkeypatch.undo()
    bot.errors.clear()
    # The class reads as gone everywhere: nothing trips over a class without its file...
    assert await store.get_class(cid) is None
    await bot.say(INSTRUCTOR_NC, "/classes")
    await bot.press(INSTRUCTOR_NC, f"cls:show:{cid}")
    assert says(alerts(bot)[-1], "core.not_your_class")
    assert bot.errors == []
    # ...and the daily retention run finishes the deletion.
    assert await store.deleting_classes() == [cid]
    await run_retention(bot.app, datetime.now(UTC))
    assert await store.deleting_classes() == []
    assert await store.class_by_code(klass["code"]) is None
