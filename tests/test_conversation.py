"""The one mechanism that keeps conversations (handlers/conversation.py), through the real
Application restarted on the same data folder: how long a conversation lasts after the last
step, old and unknown saved states, a class deleted in the middle of a conversation, and a
check-in saved by the earlier version of the bot."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram.ext import ConversationHandler

from bot import build_application, startup
from config import Settings
from content.loader import Content
from handlers import newclass
from handlers.conversation import StoredConversation
from handlers.handoff import REPLY_PREFIX
from storage.repo import Store
from tests.conftest import BotHarness, unpaced
from tests.support.fake_request import RecordingRequest
from tests.support.says import says
from tests.test_checkin import IN_WEEK_1, keyboard_message
from tests.test_checkin import seed_class as seed_started_class
from tests.test_newclass import INSTRUCTOR, PARENT, last_shown, seed_class, seed_instructor

FIRST_DATE = (datetime.now(UTC) + timedelta(days=10)).date().isoformat()


@contextlib.asynccontextmanager
async def running(
    settings: Settings,
    content: Content,
    *,
    ahead: timedelta = timedelta(0),
    clock: datetime | None = None,
) -> AsyncIterator[BotHarness]:
    """The bot on `settings.data_dir` from start to stop, as a restart would have it. `ahead`
    runs the conversations' clock ahead of real time; `clock` sets the course's clock."""
    store = Store(settings.data_dir)
    await store.open()
    api = RecordingRequest()
    app = build_application(settings, store, content, request=api, rate_limiter=unpaced())
    app.persistence.clock = lambda: datetime.now(UTC) + ahead
    if clock is not None:
        app.bot_data["clock"] = lambda: clock
    harness = BotHarness(app=app, api=api, store=store)

    async def collect(update: object, context: Any) -> None:
        harness.errors.append(context.error)

    app.add_error_handler(collect)
    try:
        async with app:
            await startup(app)
            yield harness
    finally:
        await store.close()
    assert not harness.errors, harness.errors


def ahead(bot: BotHarness, delta: timedelta) -> None:
    """From now on the conversations' clock runs `delta` ahead of real time."""
    bot.app.persistence.clock = lambda: datetime.now(UTC) + delta


async def saved(bot: BotHarness, user_id: int) -> dict[str, Any]:
    """The person's saved conversation record ({} for none)."""
    return await bot.store.conversation_record(user_id) or {}


async def delete_class(settings: Settings, class_id: str) -> None:
    """Delete a class while the bot is stopped (its data deleted at the instructor's request)."""
    store = Store(settings.data_dir)
    await store.open()
    try:
        await store.delete_class(class_id)
    finally:
        await store.close()


# -- every conversation ----------------------------------------------------------------------


async def test_every_conversation_is_kept_in_storage(bot: BotHarness) -> None:
    """No conversation lives in memory only (tests/test_e2e_restart.py restarts each of these)."""
    found = [
        h
        for handlers in bot.app.handlers.values()
        for h in handlers
        if isinstance(h, ConversationHandler)
    ]
    assert all(isinstance(h, StoredConversation) for h in found)
    assert {h.name for h in found} == {
        "joining",
        "newclass",
        "session_move",
        "class_venue",
        "announce",
        "weeknote",
        "checkin",
        "faq_reply",
        "feedback",
    }


# -- how long a conversation lasts ----------------------------------------------------------


async def test_a_conversation_lasts_its_max_age_after_the_last_step(
    settings: Settings, content: Content
) -> None:
    step = newclass.TIMEOUT - timedelta(minutes=5)
    async with running(settings, content) as bot:
        await seed_instructor(bot)
        await bot.say(INSTRUCTOR, "/newclass")
        await bot.say(INSTRUCTOR, "Tuesday babies")
        ahead(bot, step)
        await bot.say(INSTRUCTOR, FIRST_DATE)
        assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_time")
        ahead(bot, 2 * step)  # longer than the limit since the start, not since the last step
        await bot.say(INSTRUCTOR, "10:30")
        assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_tz")
        ahead(bot, 2 * step + newclass.TIMEOUT + timedelta(minutes=1))
        await bot.say(INSTRUCTOR, "Europe/London")
        assert not says(last_shown(bot, INSTRUCTOR), "newclass.ask_sessions")
        # Over: its state and its draft are gone, from memory and from storage.
        assert "newclass" not in bot.app.user_data[INSTRUCTOR]
        assert await saved(bot, INSTRUCTOR) == {}


async def test_a_state_too_old_at_start_is_dropped_with_its_draft(
    settings: Settings, content: Content
) -> None:
    async with running(settings, content) as bot:
        await seed_instructor(bot)
        await bot.say(INSTRUCTOR, "/newclass")
        await bot.say(INSTRUCTOR, "Tuesday babies")
        record = await saved(bot, INSTRUCTOR)
        assert record["data"]["newclass"] == {"name": "Tuesday babies"}
        assert record["states"]["newclass"][str(INSTRUCTOR)]["state"] == newclass.DATE
    later = newclass.TIMEOUT + timedelta(minutes=1)
    async with running(settings, content, ahead=later) as bot:
        assert await saved(bot, INSTRUCTOR) == {}  # dropped at start
        await bot.say(INSTRUCTOR, FIRST_DATE)  # read afresh: not /newclass's first date
        assert not any(says(text, "newclass.ask_time") for text in bot.texts(INSTRUCTOR))


async def test_a_state_of_a_conversation_this_version_lacks_is_dropped(
    settings: Settings, content: Content
) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    store = Store(settings.data_dir)
    await store.open()
    await store.set_conversation_records(
        {PARENT: {"data": {"keep": 1}, "states": {"gone": {str(PARENT): {"state": 1, "at": now}}}}}
    )
    await store.close()
    async with running(settings, content) as bot:
        assert await saved(bot, PARENT) == {"data": {"keep": 1}}
        assert bot.app.user_data[PARENT] == {"keep": 1}


# -- a class deleted in the middle of a conversation ------------------------------------------


async def test_moving_a_session_of_a_class_deleted_meanwhile_ends_kindly(
    settings: Settings, content: Content
) -> None:
    async with running(settings, content) as bot:
        klass = await seed_class(bot)
        await bot.press(INSTRUCTOR, f"ses:mv:{klass['id']}:2")
        assert says(last_shown(bot, INSTRUCTOR), "sessions.move_ask", number=2)
    await delete_class(settings, klass["id"])
    async with running(settings, content) as bot:
        await bot.say(INSTRUCTOR, "next Tuesday 11:00")
        assert says(last_shown(bot, INSTRUCTOR), "core.not_your_class")
        assert await saved(bot, INSTRUCTOR) == {}


async def test_a_week_note_for_a_class_deleted_meanwhile_ends_kindly(
    settings: Settings, content: Content
) -> None:
    async with running(settings, content) as bot:
        klass = await seed_class(bot)
        await bot.say(INSTRUCTOR, "/weeknote 2")
        assert says(last_shown(bot, INSTRUCTOR), "course.weeknote_ask", week=2)
    await delete_class(settings, klass["id"])
    async with running(settings, content) as bot:
        await bot.say(INSTRUCTOR, "Bring a towel")
        assert says(last_shown(bot, INSTRUCTOR), "core.not_your_class")
        assert await saved(bot, INSTRUCTOR) == {}


async def test_a_reply_to_a_question_of_a_class_deleted_meanwhile_ends_kindly(
    settings: Settings, content: Content
) -> None:
    async with running(settings, content) as bot:
        klass = await seed_class(bot)
        question = await bot.store.add_question(
            klass["id"], PARENT, "Is oil ok?", {"first_name": "Ana"}
        )
        await bot.press(INSTRUCTOR, f"{REPLY_PREFIX}:{klass['id']}:{question['qid']}")
        assert says(last_shown(bot, INSTRUCTOR), "faq.type_reply", name="Ana")
    await delete_class(settings, klass["id"])
    async with running(settings, content) as bot:
        await bot.say(INSTRUCTOR, "Yes, any plain oil")
        assert says(last_shown(bot, INSTRUCTOR), "faq.question_gone")
        assert bot.texts(PARENT) == []
        assert await saved(bot, INSTRUCTOR) == {}


async def test_an_announcement_for_a_class_deleted_meanwhile_ends_kindly(
    settings: Settings, content: Content
) -> None:
    async with running(settings, content) as bot:
        klass = await seed_class(bot)
        await bot.store.add_member(klass["id"], PARENT, {"first_name": "Ana", "role": "parent"})
        await bot.say(INSTRUCTOR, "/announce")
        await bot.press(INSTRUCTOR, "ann:aud:private")
        assert says(last_shown(bot, INSTRUCTOR), "announce.write_prompt")
    await delete_class(settings, klass["id"])
    async with running(settings, content) as bot:
        await bot.say(INSTRUCTOR, "Room 3 tomorrow")
        assert says(last_shown(bot, INSTRUCTOR), "core.not_your_class")
        assert bot.texts(PARENT) == []
        assert await saved(bot, INSTRUCTOR) == {}


async def test_a_checkin_note_for_a_class_deleted_meanwhile_ends_kindly(
    settings: Settings, content: Content
) -> None:
    async with running(settings, content, clock=IN_WEEK_1) as bot:
        klass = await seed_started_class(bot.store, parents=((PARENT, "Ana"),))
        await bot.say(PARENT, "/checkin")
        for label in ("3–4", "Loved it", "Done"):
            message_id, buttons = keyboard_message(bot.api, PARENT)
            data = next(d for text, d in buttons if label in text)
            await bot.press(PARENT, data, message_id=message_id)
        assert says(last_shown(bot, PARENT), "checkin.ask_note")
    await delete_class(settings, klass["id"])
    async with running(settings, content, clock=IN_WEEK_1) as bot:
        await bot.say(PARENT, "She slept well")
        assert says(last_shown(bot, PARENT), "checkin.not_member")
        assert await saved(bot, PARENT) == {}


# -- an upgrade from the version that kept only the check-in ----------------------------------


async def test_a_checkin_saved_by_the_earlier_version_carries_on(
    settings: Settings, content: Content
) -> None:
    """The earlier version kept the check-in's state alone, as {"checkin": state}: after the
    upgrade the parent's next button press carries on where they were."""
    async with running(settings, content, clock=IN_WEEK_1) as bot:
        await seed_started_class(bot.store, parents=((PARENT, "Ana"),))
        await bot.say(PARENT, "/checkin")
        message_id, buttons = keyboard_message(bot.api, PARENT)
        await bot.press(PARENT, next(d for t, d in buttons if "3–4" in t), message_id=message_id)
        state = (await saved(bot, PARENT))["data"]["checkin"]
        message_id, buttons = keyboard_message(bot.api, PARENT)
    store = Store(settings.data_dir)
    await store.open()
    await store.set_conversation_records({PARENT: {"checkin": state}})  # as it was stored
    await store.close()
    async with running(settings, content, clock=IN_WEEK_1) as bot:
        await bot.press(PARENT, next(d for t, d in buttons if "Loved" in t), message_id=message_id)
        assert says(last_shown(bot, PARENT), "checkin.ask_areas")
