"""Owners invite instructors; instructors join through the one-time link and get their menu."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tests.conftest import OWNER_ID, BotHarness
from tests.support import updates as tg
from tests.support.says import says
from tests.test_newclass import last_shown, seed_class

NEWCOMER = 2101


def _invite_code(text: str) -> str:
    match = re.search(rf"https://t\.me/{tg.BOT_USERNAME}\?start=inv_([A-Za-z0-9_-]+)", text)
    assert match, text
    return match[1]


def _menu_for(bot: BotHarness, chat_id: int) -> list[str] | None:
    """The commands of the last personal menu set for a chat, if any."""
    for call in reversed(bot.api.calls):
        scope = call.params.get("scope")
        if (
            call.method == "setMyCommands"
            and isinstance(scope, dict)
            and scope.get("type") == "chat"
            and scope.get("chat_id") == chat_id
        ):
            return [c["command"] for c in call.params["commands"]]
    return None


async def test_owner_invites_an_instructor_who_joins_once(bot: BotHarness) -> None:
    await bot.say(OWNER_ID, "/invite")
    code = _invite_code(last_shown(bot, OWNER_ID))
    assert "once" in last_shown(bot, OWNER_ID)

    await bot.say(NEWCOMER, f"/start inv_{code}", first_name="Ines")
    assert says(last_shown(bot, NEWCOMER), "roles.welcome_instructor")
    assert "/newclass" in last_shown(bot, NEWCOMER)
    assert (await bot.store.get_instructor(NEWCOMER))["name"] == "Ines"
    menu = _menu_for(bot, NEWCOMER)
    assert menu is not None and "newclass" in menu and "invite" not in menu
    assert says(last_shown(bot, OWNER_ID), "roles.instructor_joined", name="Ines")

    # One-time: a second person with the same link is turned away.
    await bot.say(NEWCOMER + 1, f"/start inv_{code}")
    assert says(last_shown(bot, NEWCOMER + 1), "roles.invite_invalid")
    assert await bot.store.get_instructor(NEWCOMER + 1) is None


async def test_an_instructor_opening_another_invite_keeps_it_unspent(bot: BotHarness) -> None:
    await bot.say(OWNER_ID, "/invite")
    first = _invite_code(last_shown(bot, OWNER_ID))
    await bot.say(NEWCOMER, f"/start inv_{first}")
    await bot.say(OWNER_ID, "/invite")
    second = _invite_code(last_shown(bot, OWNER_ID))
    await bot.say(NEWCOMER, f"/start inv_{second}")
    assert says(last_shown(bot, NEWCOMER), "roles.already_instructor")
    await bot.say(NEWCOMER + 1, f"/start inv_{second}")
    assert await bot.store.get_instructor(NEWCOMER + 1) is not None


async def test_wrong_and_expired_invites_are_refused_kindly(bot: BotHarness) -> None:
    await bot.say(NEWCOMER, "/start inv_doesnotexist")
    assert says(last_shown(bot, NEWCOMER), "roles.invite_invalid")
    await bot.say(NEWCOMER, "/start inv_")
    assert says(last_shown(bot, NEWCOMER), "roles.invite_invalid")
    code = await bot.store.create_invite(OWNER_ID)
    # Age the invite past its validity, as if it had been made three weeks ago.
    old = (datetime.now(UTC) - timedelta(days=21)).isoformat(timespec="seconds")
    bot.store.db.global_db.table("invites").update({"at": old})
    await bot.say(NEWCOMER, f"/start inv_{code}")
    assert says(last_shown(bot, NEWCOMER), "roles.invite_invalid")
    assert await bot.store.get_instructor(NEWCOMER) is None


async def test_instructors_lists_each_with_their_classes(bot: BotHarness) -> None:
    await bot.say(OWNER_ID, "/instructors")
    assert says(last_shown(bot, OWNER_ID), "roles.no_instructors")
    klass = await seed_class(bot, 2001)
    await seed_class(bot, 2001, name="Second")
    await bot.store.update_class(klass["id"], {"ended": True})
    await bot.say(OWNER_ID, "/instructors")
    assert "Ines" in last_shown(bot, OWNER_ID)
    assert says(last_shown(bot, OWNER_ID), "roles.instructor_line", name="Ines", active=1, ended=1)


async def test_owner_commands_in_a_group_point_to_the_private_chat(bot: BotHarness) -> None:
    await bot.send(tg.group_command(-700, OWNER_ID, "invite", bot=bot.app.bot))
    assert says(last_shown(bot, -700), "core.private_only")
    assert bot.store.db.global_db.table("invites").all() == []


async def test_an_instructor_is_not_an_owner(bot: BotHarness) -> None:
    await seed_class(bot, 2001)
    await bot.say(2001, "/invite")
    assert says(last_shown(bot, 2001), "core.not_allowed")
    await bot.say(2001, "/instructors")
    assert says(last_shown(bot, 2001), "core.not_allowed")


async def test_plain_start_still_greets(bot: BotHarness) -> None:
    await bot.say(NEWCOMER, "/start", first_name="Ana")
    assert "Hello Ana" in last_shown(bot, NEWCOMER)


async def test_help_shows_an_instructor_their_tools_and_a_parent_not(bot: BotHarness) -> None:
    await seed_class(bot, 2001)
    await bot.say(2001, "/help")
    assert "/newclass" in last_shown(bot, 2001) and "/classes" in last_shown(bot, 2001)
    assert "/invite" not in last_shown(bot, 2001)
    await bot.say(NEWCOMER, "/help")
    help_text = last_shown(bot, NEWCOMER)
    assert "/newclass" not in help_text and "/link" not in help_text
    assert "/privacy" in help_text and "/carer" in help_text
    await bot.say(OWNER_ID, "/help")
    assert "/invite" in last_shown(bot, OWNER_ID)


async def test_a_large_chapters_instructors_fit_telegrams_messages(bot: BotHarness) -> None:
    for n in range(120):
        code = await bot.store.create_invite(OWNER_ID)
        await bot.store.use_invite(code, 10_000 + n, f"Instructor with a long name number {n}")
    await bot.say(OWNER_ID, "/instructors")
    sent = bot.api.sent("sendMessage", OWNER_ID)
    assert len(sent) >= 2
    assert all(tg.utf16_len(s["text"]) <= 4096 for s in sent)
    assert "number 119," in sent[-1]["text"] and "number 0," in sent[0]["text"]
