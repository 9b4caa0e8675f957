"""One notification per event per person: where reminders come (asked at joining, changed in
/settings), the group's next-session reminder pinned and edited instead of reposted, and the
group's night-time posts silent."""

from __future__ import annotations

from tests.conftest import BotHarness
from tests.support.says import says
from tests.test_course_jobs import GROUP as JOB_GROUP
from tests.test_course_jobs import at, make_class, run_at, schedule
from tests.test_joining import PARENT, join
from tests.test_newclass import data_of, last_shown, seed_class

GROUP = -100_4242


async def test_a_parent_in_the_linked_group_gets_reminders_there_only(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.store.link_group(GROUP, klass["id"])
    await bot.say(PARENT, f"/start {klass['code']}", first_name="Ana")
    await bot.press(PARENT, f"jn:ok:{klass['code']}", first_name="Ana")
    assert (await bot.store.get_user(PARENT))["private_reminders"] is False
    welcome = next(t for t in bot.texts(PARENT) if "You're in" in t)
    assert says(welcome, "joining.reminders_where_group")
    # The question rides on the welcome; the baby's name is asked after it.
    assert says(last_shown(bot, PARENT), "joining.ask_baby_name")
    await bot.press(PARENT, "jn:rem:here")
    assert (await bot.store.get_user(PARENT))["private_reminders"] is True
    ticked = [c for c in bot.api.calls if c.method == "editMessageReplyMarkup"]
    assert "✓ 🔔 Here too" in str(ticked[-1].params["reply_markup"])
    await bot.say(PARENT, "/settings")
    assert says(bot.last_text(PARENT), "course.settings_on")


async def test_a_parent_not_in_the_group_gets_reminders_here(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.store.link_group(GROUP, klass["id"])
    bot.api.simulator.set_chat_member(GROUP, PARENT, "left")
    await join(bot, klass)
    assert (await bot.store.get_user(PARENT))["private_reminders"] is True
    welcome = next(t for t in bot.texts(PARENT) if "You're in" in t)
    assert says(welcome, "joining.reminders_where_private")


async def test_a_parent_who_reads_another_language_than_the_group_gets_their_own_copy(
    bot: BotHarness,
) -> None:
    # An English class's group; a parent in it whose Telegram speaks Spanish.
    klass = await seed_class(bot)
    await bot.store.link_group(GROUP, klass["id"])
    await bot.say(PARENT, f"/start {klass['code']}", first_name="Ana", language_code="es")
    await bot.press(PARENT, f"jn:ok:{klass['code']}", first_name="Ana", language_code="es")
    assert (await bot.store.get_user(PARENT))["private_reminders"] is True
    welcome = next(t for t in bot.texts(PARENT) if says(t, "joining.joined", lang="es"))
    assert says(welcome, "joining.reminders_where_own_language", lang="es", language="inglés")


async def test_without_a_linked_group_nothing_is_asked(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await join(bot, klass)
    assert (await bot.store.get_user(PARENT))["private_reminders"] is True
    assert "jn:rem:here" not in " ".join(d for t in bot.api.calls for d in [str(t.params)])


async def test_the_group_reminder_is_pinned_edited_on_the_day_and_unpinned(
    bot: BotHarness,
) -> None:
    class_id = await make_class(bot)
    await schedule(bot, class_id, at("2026-03-01T12:00"))
    await run_at(bot, class_id, at("2026-03-02T18:00"))  # the evening before session 1
    posted = bot.api.sent("sendMessage", JOB_GROUP)
    assert len(posted) == 1 and says(posted[0]["text"], "course.reminder_day_before")
    (pin,) = [c for c in bot.api.calls if c.method == "pinChatMessage"]
    assert pin.params["disable_notification"] is True
    await run_at(bot, class_id, at("2026-03-03T08:00"))  # on the day
    assert len(bot.api.sent("sendMessage", JOB_GROUP)) == 1, "the day's reminder is an edit"
    (edit,) = [c for c in bot.api.calls if c.method == "editMessageText"]
    assert str(edit.chat_id) == str(JOB_GROUP) and "is today at" in (edit.text or "")
    assert edit.params["message_id"] == pin.params["message_id"]
    # Parents who want private reminders still get both in their chat.
    assert len(bot.api.sent("sendMessage", 201)) == 2
    await run_at(bot, class_id, at("2026-03-03T12:00"))  # the summary, after the session
    (unpin,) = [c for c in bot.api.calls if c.method == "unpinChatMessage"]
    assert unpin.params["message_id"] == pin.params["message_id"]
    assert (await bot.store.get_class(class_id))["pinned"] is None


async def test_a_group_that_does_not_let_the_bot_pin_still_gets_both_reminders(
    bot: BotHarness,
) -> None:
    class_id = await make_class(bot)
    bot.api.simulator.fail(
        "pinChatMessage",
        error_code=400,
        description="not enough rights to manage pinned messages in the chat",
        times=5,
    )
    await schedule(bot, class_id, at("2026-03-01T12:00"))
    await run_at(bot, class_id, at("2026-03-02T18:00"))
    await run_at(bot, class_id, at("2026-03-03T08:00"))
    texts = [m["text"] for m in bot.api.sent("sendMessage", JOB_GROUP)]
    assert len(texts) == 2 and "is today at" in texts[1]


async def test_the_groups_night_time_posts_are_silent(bot: BotHarness) -> None:
    class_id = await make_class(bot, times={"reminder_day_before": "22:30"})
    await schedule(bot, class_id, at("2026-03-01T12:00"))
    await run_at(bot, class_id, at("2026-03-02T22:30"))
    (posted,) = bot.api.sent("sendMessage", JOB_GROUP)
    assert posted["disable_notification"] is True
    # Private chats wait for the morning instead.
    assert bot.api.sent("sendMessage", 201) == []
    await run_at(bot, class_id, at("2026-03-03T08:00"))
    day = [m for m in bot.api.sent("sendMessage", 201)]
    assert day and all(not m.get("disable_notification") for m in day)
    assert data_of(bot, 201)  # the reminder keeps its answer buttons
