""" "Seed a demo class": the people of the playground set up a class the way real people would.

The owner invites Maya, Maya opens the invite and sets up a five-session class with /newclass,
Ana and Ben join through the class link (agreeing, naming their babies), and Maya adds the bot
to the class group and links it, where the parents then join. Every step is a real update to the
real bot, so the chats show the whole story and nothing is written behind the bot's back.

Each step waits (bounded) for the bot's answer it needs: the message carrying the next button
to press, or the link to open. Buttons are found by their callback data, not their wording, so
rewording a message does not break the seed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from playground import updates as tg
from playground.api_calls import SEND_METHODS, Call, same_chat
from playground.core import Playground
from playground.timeline import (
    GROUP_ID,
    INSTRUCTOR,
    OWNER,
    PARENT_A,
    PARENT_B,
    Person,
    buttons,
)

STEP_TIMEOUT_S = 15.0
CLASS_NAME = "Tuesday babies"
VENUE = "Oak Hall, 12 Garden Road"
FIRST_SESSION_IN_DAYS = 2
START_TIME = "10:30"
BABIES = {PARENT_A.key: "Leo", PARENT_B.key: "Mia"}


class SeedError(Exception):
    """The demo could not be set up; the message says which step."""


def _has_keyboard(call: Call) -> bool:
    """Whether the call's message carries inline buttons."""
    return bool(buttons(call.params.get("reply_markup")))


def _callback_data(call: Call) -> list[str]:
    """Every callback_data of the call's inline keyboard."""
    return [
        str(button["data"])
        for row in buttons(call.params.get("reply_markup"))
        for button in row
        if "data" in button
    ]


class Seeder:
    """Runs the seed's steps against a playground whose bot is running."""

    def __init__(self, playground: Playground, zone: str) -> None:
        self.pg = playground
        self.zone = zone

    async def _wait(self, chat: int, what: str, test: Callable[[Call], bool], mark: int) -> Call:
        """The first call from the bot into `chat` since `mark` passing `test`."""

        def matches(call: Call) -> bool:
            shown = call.method in SEND_METHODS or call.method.startswith("editMessage")
            return shown and same_chat(call.chat_id, chat) and test(call)

        try:
            found = await self.pg.api.wait_for(matches, since=mark, timeout=STEP_TIMEOUT_S)
        except AssertionError:
            raise SeedError(f"the bot did not answer with {what} in time") from None
        return found[0]

    async def reply(self, who: Person, text: str, chat: int | None = None) -> Call:
        """`who` types `text`; the bot's first answer in that chat."""
        where = who.user_id if chat is None else chat
        mark = self.pg.api.mark()
        self.pg.say(who, text, chat)
        return await self._wait(where, f"an answer to {text!r}", lambda _: True, mark)

    async def button(self, who: Person, text: str, prefix: str) -> Call:
        """`who` types `text`; the bot's answer offering a button whose data starts `prefix`."""
        mark = self.pg.api.mark()
        self.pg.say(who, text)
        return await self.offered(who.user_id, prefix, mark)

    async def offered(self, chat: int, prefix: str, mark: int) -> Call:
        """The bot's message in `chat` (since `mark`) offering a button starting `prefix`."""
        return await self._wait(
            chat,
            f"a {prefix!r} button",
            lambda call: any(d.startswith(prefix) for d in _callback_data(call)),
            mark,
        )

    async def press(self, who: Person, shown: Call, data: str, then: str | None = None) -> Call:
        """Press `data` on the message `shown`; the next answer (offering `then`, if given)."""
        message_id = int((shown.result or {}).get("message_id", 0))
        if data not in _callback_data(shown):
            data = next((d for d in _callback_data(shown) if d.startswith(data)), data)
        mark = self.pg.api.mark()
        self.pg.press(who, who.user_id, message_id, data)
        if then is not None:
            return await self.offered(who.user_id, then, mark)
        return await self._wait(who.user_id, f"an answer to {data!r}", lambda _: True, mark)

    async def link(self, who: Person, text: str, pattern: str) -> str:
        """`who` types `text`; the first group of `pattern` in the bot's answer (a link's code)."""
        mark = self.pg.api.mark()
        self.pg.say(who, text)
        call = await self._wait(
            who.user_id,
            "a link",
            lambda c: re.search(pattern, c.text or "") is not None,
            mark,
        )
        found = re.search(pattern, call.text or "")
        assert found is not None
        return found.group(1)

    # -- the story -------------------------------------------------------------------------

    async def run(self) -> dict[str, Any]:
        """Set up the demo class; returns its join code and first date."""
        bot = re.escape(tg.BOT_USERNAME)
        await self.reply(OWNER, "/start")
        invite = await self.link(OWNER, "/invite", rf"t\.me/{bot}\?start=(inv_[A-Za-z0-9_-]+)")
        await self.reply(INSTRUCTOR, f"/start {invite}")

        await self.reply(INSTRUCTOR, "/newclass")
        await self.reply(INSTRUCTOR, CLASS_NAME)
        today = self.pg.clock().astimezone(ZoneInfo(self.zone)).date()
        first = today + timedelta(days=FIRST_SESSION_IN_DAYS)
        await self.reply(INSTRUCTOR, first.isoformat())
        asked = await self.button(INSTRUCTOR, START_TIME, "nc:tz:")
        asked = await self.press(INSTRUCTOR, asked, f"nc:tz:{self.zone}", then="nc:n:")
        asked = await self.press(INSTRUCTOR, asked, "nc:n:5", then="nc:len:")
        await self.press(INSTRUCTOR, asked, "nc:len:60", then="nc:venue:")
        asked = await self.button(INSTRUCTOR, VENUE, "nc:ok")
        mark = self.pg.api.mark()
        self.pg.press(INSTRUCTOR, INSTRUCTOR.user_id, int(asked.result["message_id"]), "nc:ok")
        ready = await self._wait(
            INSTRUCTOR.user_id,
            "the class's join link",
            lambda c: (
                re.search(rf"t\.me/{bot}\?start=(?!inv_)[A-Za-z0-9_-]+", c.text or "") is not None
            ),
            mark,
        )
        found = re.search(rf"t\.me/{bot}\?start=((?!inv_)[A-Za-z0-9_-]+)", ready.text or "")
        assert found is not None
        code = found.group(1)

        for parent in (PARENT_A, PARENT_B):
            asked = await self.button(parent, f"/start {code}", "jn:ok:")
            await self.press(parent, asked, f"jn:ok:{code}")
            asked = await self.button(parent, BABIES[parent.key], "jn:skipbirth")
            await self.press(parent, asked, "jn:skipbirth")

        mark = self.pg.api.mark()
        self.pg.add_bot_to_group(INSTRUCTOR)
        await self._wait(GROUP_ID, "a hello in the group", lambda _: True, mark)
        # The linked group gets the join button; the hello may still be on its way when /link is
        # typed, so the first message in the group after it is not always the answer.
        mark = self.pg.api.mark()
        self.pg.say(INSTRUCTOR, f"/link@{tg.BOT_USERNAME}", GROUP_ID)
        await self._wait(GROUP_ID, "the group linked", _has_keyboard, mark)
        # Members of the class are not greeted again in the group: nothing to wait for.
        for parent in (PARENT_A, PARENT_B):
            self.pg.join_group(parent)
        return {"code": code, "first_date": first.isoformat(), "class": CLASS_NAME}


async def seed(playground: Playground, zone: str) -> dict[str, Any]:
    """Set up the demo class (see the module's docstring)."""
    return await Seeder(playground, zone).run()
