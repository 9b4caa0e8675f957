"""The playground's people acting: what they type and press becomes a Telegram update.

Each action pushes an update, shaped exactly as Telegram sends it, into the embedded Bot API
(:class:`playground.fake_api.FakeBotApi`), which the real bot receives by long polling, and
records it on the :class:`~playground.timeline.Timeline` so the page shows it at once.
"""

from __future__ import annotations

import itertools
from typing import Any

from telegram.ext import Application

from playground import updates as tg
from playground.clock import Event, PlaygroundClock, jump, next_event
from playground.fake_api import FakeBotApi
from playground.timeline import GROUP_ID, GROUP_TITLE, PEOPLE, Person, Timeline

_query_numbers = itertools.count(1)


class Playground:
    """The embedded Bot API, the page's timeline and clock, and the bot they are wired to."""

    def __init__(self, api: FakeBotApi, timeline: Timeline, clock: PlaygroundClock) -> None:
        self.api = api
        self.timeline = timeline
        self.clock = clock
        self.app: Application | None = None  # set once the bot runs
        api.log.listeners.append(timeline.on_call)

    # -- what people do --------------------------------------------------------------------

    def say(self, who: Person, text: str, chat: int | None = None) -> int:
        """`who` sends `text` in their private chat, or in the group `chat`; the message id."""
        if chat is None or chat == who.user_id:
            update = self.api.push_message(who.user_id, text, first_name=who.first_name)
            chat = who.user_id
        else:
            update = self.api.push_message(
                who.user_id, text, chat_id=chat, first_name=who.first_name, title=GROUP_TITLE
            )
        message_id = int(update["message"]["message_id"])
        self.timeline.typed(who, chat, message_id, text)
        return message_id

    def press(self, who: Person, chat: int, message_id: int, data: str) -> None:
        """`who` presses the button carrying `data` under the bot's message `message_id`."""
        query_id = f"pg{next(_query_numbers)}"
        self.timeline.pressed(query_id, chat)
        extra: dict[str, Any] = {"title": GROUP_TITLE} if chat < 0 else {}
        self.api.push_callback(
            who.user_id,
            data,
            message_chat_id=chat,
            message_id=message_id,
            first_name=who.first_name,
            query_id=query_id,
            **extra,
        )

    def open_link(self, who: Person, payload: str) -> int:
        """`who` opens the bot's deep link `https://t.me/<bot>?start=<payload>`."""
        return self.say(who, f"/start {payload}".strip())

    def add_bot_to_group(self, by: Person) -> None:
        """`by` adds the bot to the class group (Telegram tells the bot so)."""
        self.api.push_update(
            tg.my_chat_member_update_json(
                GROUP_ID, by.user_id, "left", "member", first_name=by.first_name, title=GROUP_TITLE
            )
        )
        self.timeline.note(GROUP_ID, f"{by.first_name} added the bot to the group")

    def join_group(self, who: Person) -> None:
        """`who` joins the class group."""
        self.api.set_chat_member(GROUP_ID, who.user_id, "member")
        self.api.push_update(
            tg.chat_member_update_json(
                GROUP_ID,
                who.user_id,
                "left",
                "member",
                first_name=who.first_name,
                title=GROUP_TITLE,
            )
        )
        self.timeline.note(GROUP_ID, f"{who.first_name} joined the group")

    # -- the clock -------------------------------------------------------------------------

    def next_event(self) -> Event | None:
        """The bot's next scheduled job, if any."""
        return None if self.app is None else next_event(self.app)

    async def jump(self) -> Event | None:
        """Move the clock to the next scheduled job and run it (awaited)."""
        return None if self.app is None else await jump(self.app, self.clock)

    # -- for the page ----------------------------------------------------------------------

    def commands(self, who: Person, chat: int) -> list[dict[str, Any]]:
        """The command menu `who` sees in that chat, as the bot set it."""
        sim = self.api.simulator
        if chat < 0:
            return sim.commands({"type": "all_group_chats"}) or sim.commands()
        own = sim.commands({"type": "chat", "chat_id": who.user_id})
        return own or sim.commands({"type": "all_private_chats"}) or sim.commands()

    def people(self) -> list[dict[str, Any]]:
        """The people of the page, and the group."""
        return [
            {"key": p.key, "id": p.user_id, "name": p.first_name, "role": p.role} for p in PEOPLE
        ]
