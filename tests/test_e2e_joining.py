"""End to end over loopback HTTP: an owner invites an instructor, the instructor sets up a class,
a parent joins through its link and consents, and the instructor links the class group (where
a newcomer is then greeted), all with the real `python bot.py run` process."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from storage.repo import Store
from tests.support import updates as tg
from tests.support.fake_api import FakeBotApi
from tests.support.process import BotProcess
from tests.support.says import says

OWNER = 1001
INSTRUCTOR = 2001
PARENT = 3001
NEWCOMER = 3002
GROUP = -1009001


async def test_invite_newclass_join_and_link(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = date.today() + timedelta(days=10)
    async with FakeBotApi() as api:
        with BotProcess(api.base_url, data, OWNER_IDS=str(OWNER)) as bot:

            async def step(push: object, chat_id: int, expect: str) -> str:
                """Wait (bounded) for the bot's answer containing `expect` after a push."""
                del push  # the push happened as the argument was evaluated
                (call,) = await api.wait_for(
                    "sendMessage", chat_id=chat_id, text_contains=expect, timeout=30
                )
                return call.text or ""

            invite = await step(api.push_command(OWNER, "invite"), OWNER, "invite link")
            code = re.search(r"start=inv_([A-Za-z0-9_-]+)", invite)
            assert code, invite
            await step(
                api.push_message(INSTRUCTOR, f"/start inv_{code[1]}", first_name="Ines"),
                INSTRUCTOR,
                "you're now an instructor",
            )

            await step(api.push_command(INSTRUCTOR, "newclass"), INSTRUCTOR, "called?")
            await step(api.push_message(INSTRUCTOR, "Tuesday babies"), INSTRUCTOR, "first session?")
            await step(api.push_message(INSTRUCTOR, first.isoformat()), INSTRUCTOR, "What time")
            await step(api.push_message(INSTRUCTOR, "10:30"), INSTRUCTOR, "Where is the class?")
            # A shared location sets the zone (issue 15): the pin's city, never a zone name.
            pin = tg.location_message_json(INSTRUCTOR, 51.5074, -0.1278)
            shown = await step(api.push_update(pin), INSTRUCTOR, "How many")
            assert says(shown, "core.zone_label", place="London", country="UK")
            await step(api.push_callback(INSTRUCTOR, "nc:n:5"), INSTRUCTOR, "How long")
            await step(api.push_callback(INSTRUCTOR, "nc:len:60"), INSTRUCTOR, "Where does")
            await step(api.push_callback(INSTRUCTOR, "nc:venue:skip"), INSTRUCTOR, "look right")
            ready = await step(api.push_callback(INSTRUCTOR, "nc:ok"), INSTRUCTOR, "is ready")
            join = re.search(rf"t\.me/{tg.BOT_USERNAME}\?start=([A-Za-z0-9_-]+)", ready)
            assert join, ready

            await step(
                api.push_message(PARENT, f"/start {join[1]}", first_name="Ana"),
                PARENT,
                "what I keep and why",
            )
            await step(api.push_callback(PARENT, f"jn:ok:{join[1]}"), PARENT, "baby's first name")
            await step(api.push_message(PARENT, "Leo"), PARENT, "when was Leo born")
            await step(api.push_callback(PARENT, "jn:skipbirth"), PARENT, "All set")

            await step(
                api.push_command(INSTRUCTOR, "link", chat_id=GROUP, mention_bot=True),
                GROUP,
                "now linked to <b>Tuesday babies</b>",
            )
            await step(
                api.push_update(
                    tg.chat_member_update_json(GROUP, NEWCOMER, "left", "member", first_name="Cleo")
                ),
                GROUP,
                "Welcome, Cleo!",
            )
            assert bot.terminate() == 0, bot.log()

    store = Store(data)
    await store.open()
    try:
        assert (await store.get_instructor(INSTRUCTOR))["name"] == "Ines"
        (klass,) = await store.classes_of_instructor(INSTRUCTOR)
        assert (klass["first_date"], klass["start"], klass["tz"]) == (
            first.isoformat(),
            "10:30",
            "Europe/London",
        )
        assert klass["code"] == join[1]
        member = await store.get_member(klass["id"], PARENT)
        assert member is not None and member["role"] == "parent"
        user = await store.get_user(PARENT)
        assert user["consent"] is True and user["baby_name"] == "Leo"
        assert (await store.class_for_group(GROUP))["id"] == klass["id"]
    finally:
        await store.close()
