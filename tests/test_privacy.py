"""/privacy, /mydata and /forgetme: what is stored, a copy of it, and deleting it all."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from jobs.delivery import sent_key
from jobs.outbox import outbox_of
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import says
from tests.test_joining import CARER, PARENT, files_mentioning, join
from tests.test_newclass import INSTRUCTOR, alerts, last_shown, seed_class, seed_instructor, shown

BABY = "Zebedee"  # distinctive, so a scan of the data files cannot match by chance


async def rich_parent(bot: BotHarness) -> dict:
    """A parent with everything a parent can have stored: class, baby, carer, check-in,
    question, a sent-log entry and a half-done conversation."""
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}", first_name="Ana")
    await bot.press(PARENT, f"jn:ok:{klass['code']}", first_name="Ana")
    await bot.say(PARENT, BABY)
    await bot.say(PARENT, "today")
    await bot.say(PARENT, "/carer")
    code = last_shown(bot, PARENT).split("start=car_")[1].split()[0]
    await bot.say(CARER, f"/start car_{code}", first_name="Bea")
    await bot.press(CARER, f"jn:cok:{code}", first_name="Bea")
    await bot.store.save_checkin(klass["id"], PARENT, 1, {"days": 3, "note": f"{BABY} loved it"})
    await bot.store.add_question(
        klass["id"], PARENT, f"Is oil ok for {BABY}?", {"first_name": "Ana"}
    )
    await bot.store.mark_sent(klass["id"], sent_key("summary", 1, PARENT))
    # Kept for "Ask my instructor" under the answer: saved with the parent's conversations.
    await bot.say(PARENT, f"Which oil is best for {BABY}'s massage?")
    # A second class, left since, whose check-in is still kept with the class.
    other = await seed_class(bot, name="Earlier class")
    await join(bot, other)
    await bot.store.save_checkin(other["id"], PARENT, 1, {"days": 1})
    await bot.store.remove_member(other["id"], PARENT)
    return klass


async def test_privacy_says_what_why_who_and_how_long(bot: BotHarness) -> None:
    await bot.say(PARENT, "/privacy")
    text = last_shown(bot, PARENT)
    for part in (
        "What I keep",
        "Why",
        "Who sees it",
        "How long",
        "90 days",
        "/forgetme",
        "/mydata",
    ):
        assert part in text
    await bot.send(tg.group_command(-900, PARENT, "privacy", bot=bot.app.bot))
    assert says(last_shown(bot, -900), "privacy.privacy_group")


async def test_mydata_for_someone_with_nothing_stored(bot: BotHarness) -> None:
    await bot.say(PARENT, "/mydata")
    assert says(last_shown(bot, PARENT), "privacy.mydata_nothing")
    assert bot.api.sent("sendDocument") == []


async def test_mydata_sends_everything_as_a_json_file(bot: BotHarness) -> None:
    klass = await rich_parent(bot)
    await bot.say(PARENT, "/mydata")
    (call,) = [c for c in bot.api.calls if c.method == "sendDocument"]
    assert str(call.chat_id) == str(PARENT)
    assert call.files["document"].filename == "my-data.json"
    data = json.loads(call.files["document"].content)
    assert data["telegram_id"] == PARENT
    assert data["user"]["baby_name"] == BABY and data["user"]["consent"] is True
    assert [m["class_id"] for m in data["memberships"]] == [klass["id"]]
    assert data["memberships"][0]["class_name"] == "Tuesday babies"
    assert sorted(c["class_name"] for c in data["checkins"]) == ["Earlier class", "Tuesday babies"]
    assert data["questions"][0]["text"] == f"Is oil ok for {BABY}?"
    assert (
        data["conversations"]["data"]["last_question"] == f"Which oil is best for {BABY}'s massage?"
    )
    assert "Bea" not in call.files["document"].content.decode()  # the carer's data is theirs


async def test_forgetme_asks_first_and_keeps_everything_on_no(bot: BotHarness) -> None:
    klass = await rich_parent(bot)
    await bot.say(PARENT, "/forgetme")
    assert says(last_shown(bot, PARENT), "privacy.forget_confirm")
    await bot.press(PARENT, "pv:forget:no")
    assert says(last_shown(bot, PARENT), "privacy.forget_kept")
    assert await bot.store.get_member(klass["id"], PARENT) is not None


async def test_forgetme_leaves_nothing_behind(bot: BotHarness) -> None:
    klass = await rich_parent(bot)
    assert files_mentioning(bot, PARENT) and files_mentioning(bot, BABY)
    await bot.say(PARENT, "/forgetme")
    await bot.press(PARENT, "pv:forget:yes")
    assert says(last_shown(bot, PARENT), "privacy.forget_done")
    assert files_mentioning(bot, PARENT) == []
    assert files_mentioning(bot, BABY) == []
    assert await bot.store.get_user(PARENT) is None
    # The carer stays in the class, no longer tied to the parent who left no trace.
    carer = await bot.store.get_member(klass["id"], CARER)
    assert carer is not None and carer["family_of"] is None
    # Pressed twice: still fine, still nothing.
    await bot.press(PARENT, "pv:forget:yes")
    assert says(last_shown(bot, PARENT), "privacy.forget_done")
    await bot.say(PARENT, "/mydata")
    assert says(last_shown(bot, PARENT), "privacy.mydata_nothing")


async def test_forgetme_for_an_instructor_with_classes_says_what_to_do(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(INSTRUCTOR, "/forgetme")
    assert "/classes" in last_shown(bot, INSTRUCTOR) and says(
        last_shown(bot, INSTRUCTOR), "privacy.forget_instructor"
    )
    await bot.press(INSTRUCTOR, "pv:forget:yes")  # an old or tampered button changes nothing
    assert await bot.store.get_instructor(INSTRUCTOR) is not None
    assert await bot.store.get_class(klass["id"]) is not None


async def test_forgetme_for_an_instructor_without_classes(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await bot.say(INSTRUCTOR, "/forgetme")
    assert says(last_shown(bot, INSTRUCTOR), "privacy.forget_instructor_note")
    await bot.press(INSTRUCTOR, "pv:forget:yes")
    assert await bot.store.get_instructor(INSTRUCTOR) is None
    assert files_mentioning(bot, INSTRUCTOR) == []
    menus = [
        c.params
        for c in bot.api.calls
        if c.method == "setMyCommands"
        and (c.params.get("scope") or {}).get("chat_id") == INSTRUCTOR
    ]
    assert "newclass" not in [c["command"] for c in menus[-1]["commands"]]
    await bot.say(INSTRUCTOR, "/newclass")
    assert says(last_shown(bot, INSTRUCTOR), "core.not_allowed")


async def test_privacy_buttons_that_do_not_exist_are_refused(bot: BotHarness) -> None:
    await join(bot, await seed_class(bot))
    await bot.press(PARENT, "pv:forget:everyone")
    assert says(alerts(bot)[-1], "core.stale_button")
    assert await bot.store.get_user(PARENT) is not None


async def test_mydata_and_forgetme_in_a_group_point_to_the_private_chat(bot: BotHarness) -> None:
    for command in ("mydata", "forgetme"):
        await bot.send(tg.group_command(-900, PARENT, command, bot=bot.app.bot))
        assert says(last_shown(bot, -900), "core.private_only")
    assert bot.api.sent("sendDocument") == []
    assert not any("can't be undone" in t for t in shown(bot, -900))


async def test_mydata_lists_the_messages_still_queued_for_the_person(bot: BotHarness) -> None:
    klass = await rich_parent(bot)
    # A reminder held back an hour (quiet hours, say), to the group, the parent and the carer.
    later = datetime.now(UTC) + timedelta(hours=1)
    keys = [sent_key("reminder_day_before", 2, r) for r in ("group", PARENT, CARER)]
    await outbox_of(bot.app).enqueue(
        klass["id"], "reminder_day_before:2", "course", keys, text="At 10", not_before=later
    )
    await bot.say(PARENT, "/mydata")
    (call,) = [c for c in bot.api.calls if c.method == "sendDocument"]
    data = json.loads(call.files["document"].content)
    (queued,) = data["messages_queued_for_you"]
    assert queued["message"] == "reminder_day_before:2"
    assert queued["class_id"] == klass["id"] and queued["class_name"] == "Tuesday babies"
    assert datetime.fromisoformat(queued["not_before"]) == later.replace(microsecond=0)
    # What went already is listed as sent, not as waiting; nobody else's id is in it.
    assert [m["message"] for m in data["messages_sent_to_you"]] == ["summary:1"]
    assert str(CARER) not in call.files["document"].content.decode()


async def test_mydata_names_the_messages_sent_and_a_carers_copy_no_one_elses_id(
    bot: BotHarness,
) -> None:
    klass = await rich_parent(bot)
    await bot.say(PARENT, "/mydata")
    (parents,) = [c for c in bot.api.calls if c.method == "sendDocument"]
    data = json.loads(parents.files["document"].content)
    assert [m["message"] for m in data["messages_sent_to_you"]] == ["summary:1"]
    assert data["messages_sent_to_you"][0]["class_id"] == klass["id"]
    await bot.say(CARER, "/mydata")
    carers = [c for c in bot.api.calls if c.method == "sendDocument"][-1]
    assert str(PARENT) not in carers.files["document"].content.decode()
