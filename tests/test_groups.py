"""Class groups: /link and /unlink, greeting newcomers once, migration, the bot removed, and
people blocking or unblocking the bot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import says
from tests.test_joining import join
from tests.test_newclass import (
    INSTRUCTOR,
    OTHER_INSTRUCTOR,
    PARENT,
    alerts,
    data_of,
    last_shown,
    seed_class,
    seed_instructor,
    shown,
)

GROUP = -4001
SUPERGROUP = -1004001


async def link(bot: BotHarness, user_id: int = INSTRUCTOR, chat_id: int = GROUP) -> None:
    await bot.send(tg.group_command(chat_id, user_id, "link", bot=bot.app.bot))


async def test_link_with_one_class_links_at_once(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await link(bot)
    assert says(last_shown(bot, GROUP), "groups.linked", name="Tuesday babies")
    join_url = f"https://t.me/{tg.BOT_USERNAME}?start={klass['code']}"
    assert data_of(bot, GROUP) == [join_url]
    assert (await bot.store.class_for_group(GROUP))["id"] == klass["id"]
    assert (await bot.store.get_class(klass["id"]))["group_chat_id"] == GROUP


async def test_link_with_several_classes_asks_which(bot: BotHarness) -> None:
    first = await seed_class(bot)
    second = await seed_class(bot, name="Thursday babies")
    ended = await seed_class(bot, name="Old class")
    await bot.store.update_class(ended["id"], {"ended": True})
    others = await seed_class(bot, OTHER_INSTRUCTOR, name="Olga's class")
    await link(bot)
    assert data_of(bot, GROUP) == [f"grp:link:{first['id']}", f"grp:link:{second['id']}"]
    # Another group member, another instructor and tampered data are all refused.
    await bot.press(PARENT, f"grp:link:{second['id']}", message_chat_id=GROUP)
    assert says(alerts(bot)[-1], "core.not_allowed")
    await bot.press(OTHER_INSTRUCTOR, f"grp:link:{second['id']}", message_chat_id=GROUP)
    assert says(alerts(bot)[-1], "core.not_your_class")
    for data in (f"grp:link:{others['id']}", f"grp:link:{ended['id']}", "grp:link:", "grp:x"):
        await bot.press(INSTRUCTOR, data, message_chat_id=GROUP)
        assert says(alerts(bot)[-1], "core.not_your_class"), data
    assert await bot.store.class_for_group(GROUP) is None
    await bot.press(INSTRUCTOR, f"grp:link:{second['id']}", message_chat_id=GROUP)
    assert (await bot.store.class_for_group(GROUP))["id"] == second["id"]
    # Relinking to the other class says what it replaced.
    await bot.press(INSTRUCTOR, f"grp:link:{first['id']}", message_chat_id=GROUP)
    assert says(last_shown(bot, GROUP), "groups.relinked_note", old="Thursday babies")
    assert (await bot.store.class_for_group(GROUP))["id"] == first["id"]


async def test_only_the_classs_instructor_can_link_or_unlink(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await seed_class(bot, OTHER_INSTRUCTOR, name="Olga's class")
    await link(bot)
    await link(bot, OTHER_INSTRUCTOR)
    assert says(last_shown(bot, GROUP), "groups.other_instructor")
    await bot.send(tg.group_command(GROUP, OTHER_INSTRUCTOR, "unlink", bot=bot.app.bot))
    assert says(last_shown(bot, GROUP), "groups.not_your_group")
    for command in ("link", "unlink"):
        await bot.send(tg.group_command(GROUP, PARENT, command, bot=bot.app.bot))
        assert says(last_shown(bot, GROUP), "core.not_allowed")
    assert (await bot.store.class_for_group(GROUP))["id"] == klass["id"]
    await bot.send(tg.group_command(GROUP, INSTRUCTOR, "unlink", bot=bot.app.bot))
    assert says(last_shown(bot, GROUP), "groups.unlinked")
    assert await bot.store.class_for_group(GROUP) is None
    await bot.send(tg.group_command(GROUP, INSTRUCTOR, "unlink", bot=bot.app.bot))
    assert says(last_shown(bot, GROUP), "groups.not_linked")


async def test_link_without_classes_or_in_private(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await link(bot)
    assert "/newclass" in last_shown(bot, GROUP)
    await bot.say(INSTRUCTOR, "/link")
    assert says(last_shown(bot, INSTRUCTOR), "groups.link_in_group")


async def test_a_newcomer_is_greeted_once_with_the_join_button(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await link(bot)
    before = len(shown(bot, GROUP))
    await bot.send(
        tg.chat_member_update(GROUP, 5001, "left", "member", first_name="Cleo", bot=bot.app.bot)
    )
    await bot.send(tg.new_chat_members_message(GROUP, 5001, first_name="Cleo", bot=bot.app.bot))
    greetings = shown(bot, GROUP)[before:]
    assert len(greetings) == 1 and "Welcome, Cleo!" in greetings[0]
    assert data_of(bot, GROUP) == [f"https://t.me/{tg.BOT_USERNAME}?start={klass['code']}"]


async def test_no_greeting_for_bots_members_or_unlinked_groups(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await join(bot, klass, user_id=PARENT)
    await bot.send(tg.new_chat_members_message(-4999, 5002, bot=bot.app.bot))  # not linked
    assert shown(bot, -4999) == []
    await link(bot)
    before = len(shown(bot, GROUP))
    other_bot = tg.new_chat_members_message_json(GROUP, 5003)
    other_bot["message"]["new_chat_members"][0]["is_bot"] = True
    await bot.send(tg.to_update(other_bot, bot.app.bot))
    await bot.send(tg.chat_member_update(GROUP, PARENT, "left", "member", bot=bot.app.bot))
    await bot.send(tg.chat_member_update(GROUP, 5004, "member", "administrator", bot=bot.app.bot))
    await bot.send(tg.chat_member_update(GROUP, 5005, "member", "left", bot=bot.app.bot))
    assert shown(bot, GROUP)[before:] == []


async def test_the_bot_never_answers_ordinary_group_chatter(bot: BotHarness) -> None:
    await seed_class(bot)
    await link(bot)
    before = len(bot.api.calls)
    for text in ("hello everyone!", "see you on Tuesday", "🍼" * 50):
        await bot.send(tg.group_message(GROUP, PARENT, text, bot=bot.app.bot))
    assert [c for c in bot.api.calls[before:] if c.method.startswith("send")] == []


async def test_migration_to_a_supergroup_keeps_the_link(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await link(bot)
    await bot.send(tg.migrate_message(GROUP, SUPERGROUP, bot=bot.app.bot))
    await bot.send(tg.migrate_from_message(GROUP, SUPERGROUP, bot=bot.app.bot))
    assert await bot.store.class_for_group(GROUP) is None
    assert (await bot.store.class_for_group(SUPERGROUP))["id"] == klass["id"]
    assert (await bot.store.get_class(klass["id"]))["group_chat_id"] == SUPERGROUP
    await bot.send(
        tg.new_chat_members_message(SUPERGROUP, 5006, first_name="Dana", bot=bot.app.bot)
    )
    assert "Welcome, Dana!" in last_shown(bot, SUPERGROUP)


async def test_removing_the_bot_drops_the_link_and_tells_the_instructor(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await link(bot)
    await bot.send(
        tg.my_chat_member_update(GROUP, PARENT, "member", "left", title="Babies", bot=bot.app.bot)
    )
    assert await bot.store.class_for_group(GROUP) is None
    assert (await bot.store.get_class(klass["id"]))["group_chat_id"] is None
    assert says(last_shown(bot, INSTRUCTOR), "groups.removed", title="Babies")
    told = len(shown(bot, INSTRUCTOR))
    await bot.send(tg.my_chat_member_update(GROUP, PARENT, "left", "kicked", bot=bot.app.bot))
    assert len(shown(bot, INSTRUCTOR)) == told  # nothing linked any more: nothing to say


async def test_the_bot_added_to_a_group_explains_link_once(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await bot.send(tg.my_chat_member_update(-4100, INSTRUCTOR, "left", "member", bot=bot.app.bot))
    await bot.send(
        tg.new_chat_members_message(-4100, tg.BOT_ID, by_user_id=INSTRUCTOR, bot=bot.app.bot)
    )
    hellos = shown(bot, -4100)
    assert len(hellos) == 1 and "/link" in hellos[0]


async def test_blocking_and_unblocking_the_bot_marks_memberships(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await join(bot, klass, user_id=PARENT)
    await bot.send(tg.my_chat_member_update(PARENT, PARENT, "member", "kicked", bot=bot.app.bot))
    member = await bot.store.get_member(klass["id"], PARENT)
    assert (member["active"], member["blocked"]) == (False, True)
    assert await bot.store.members(klass["id"]) == []
    await bot.send(tg.my_chat_member_update(PARENT, PARENT, "kicked", "member", bot=bot.app.bot))
    member = await bot.store.get_member(klass["id"], PARENT)
    assert (member["active"], member["blocked"]) == (True, False)
    # Someone who never joined anything leaves no trace by blocking.
    await bot.send(tg.my_chat_member_update(6001, 6001, "member", "kicked", bot=bot.app.bot))
    assert await bot.store.get_user(6001) is None


async def test_one_greeting_at_a_time_each_deleted_after_a_while(bot: BotHarness) -> None:
    from handlers.groups import GREETING_TTL

    await seed_class(bot)
    await link(bot)
    await bot.send(tg.new_chat_members_message(GROUP, 5001, first_name="Cleo", bot=bot.app.bot))
    first = bot.api.sent("sendMessage", GROUP)[-1]
    assert first["disable_notification"] is True
    await bot.send(tg.new_chat_members_message(GROUP, 5002, first_name="Dev", bot=bot.app.bot))
    deleted = [c.params["message_id"] for c in bot.api.calls if c.method == "deleteMessage"]
    greetings = [
        c for c in bot.api.calls if c.method == "sendMessage" and "Welcome" in (c.text or "")
    ]
    assert deleted == [greetings[0].result["message_id"]]
    (job,) = [
        j
        for j in bot.app.job_queue.jobs()
        if j.name.endswith(f":{greetings[1].result['message_id']}")
    ]
    left = job.job.trigger.run_date - datetime.now(UTC)
    assert GREETING_TTL - timedelta(minutes=1) < left <= GREETING_TTL
    await job.run(bot.app)
    deleted = [c.params["message_id"] for c in bot.api.calls if c.method == "deleteMessage"]
    assert deleted[-1] == greetings[1].result["message_id"]


async def test_the_startgroup_link_links_the_group_in_one_tap(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    # What Telegram sends in the group after "Add me to your class group": /start <code>.
    await bot.send(tg.group_command(GROUP, INSTRUCTOR, "start", klass["code"], bot=bot.app.bot))
    assert (await bot.store.class_for_group(GROUP))["id"] == klass["id"]
    assert says(last_shown(bot, GROUP), "groups.linked")
    # A parent with the same (join) code cannot link a group.
    await bot.send(tg.group_command(-4002, PARENT, "start", klass["code"], bot=bot.app.bot))
    assert await bot.store.class_for_group(-4002) is None


async def test_the_set_up_ends_with_share_and_add_to_group_buttons(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(INSTRUCTOR, "/classes")
    await bot.press(INSTRUCTOR, f"cls:link:{klass['id']}")
    share, add = data_of(bot, INSTRUCTOR)
    assert share.startswith("https://t.me/share/url?url=https%3A%2F%2Ft.me%2F")
    assert add == (
        f"https://t.me/{tg.BOT_USERNAME}?startgroup={klass['code']}"
        "&admin=pin_messages+delete_messages"
    )


async def test_a_crowd_of_newcomers_gets_one_greeting_within_telegrams_limits(
    bot: BotHarness,
) -> None:
    await seed_class(bot)
    await link(bot)
    before = len(shown(bot, GROUP))
    crowd = tg.new_chat_members_message_json(GROUP, range(6000, 6200), by_user_id=INSTRUCTOR)
    for n, member in enumerate(crowd["message"]["new_chat_members"]):
        member["first_name"] = f"{n:03d}" + "👶" * 30  # 64 UTF-16 units: Telegram's longest
    await bot.send(tg.to_update(crowd, bot.app.bot))
    greetings = shown(bot, GROUP)[before:]
    assert len(greetings) == 1, "a crowd is greeted once, not dropped"
    assert "000👶" in greetings[0] and "…" in greetings[0]
    assert tg.utf16_len(greetings[0]) <= 4096
    assert all(c.ok for c in bot.api.calls), [c.summary() for c in bot.api.calls if not c.ok]
