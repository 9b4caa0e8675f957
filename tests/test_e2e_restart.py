"""End to end: every conversation survives a restart of the real `python bot.py run` process.

One fake Bot API and one data folder for the whole module (each conversation has its own
people, so they do not meet): the bot is started, every conversation is taken to a step that
waits for typed text, the bot is stopped with SIGTERM and started again, and each test sends
the next message and checks the conversation carried on (the baby's name is taken as the name,
not passed on as a question; "10:30" continues /newclass). The last test crashes the bot with
SIGKILL right after a step and checks the same.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from handlers.handoff import REPLY_PREFIX
from jobs.course_messages import FEEDBACK_PREFIX
from storage.repo import Store
from tests.support.fake_api import FakeBotApi
from tests.support.fake_request import Call
from tests.support.process import BotProcess

# Each conversation's people.
JOINER = 8101  # a parent joining a class: the baby's name comes after the restart
SETUP = 8102  # an instructor in /newclass: the start time comes after the restart
MOVER = 8103  # an instructor moving a session: the new date and time
ANNOUNCER = 8104  # an instructor writing an announcement: the message
NOTER = 8105  # an instructor writing a week note: the note
REPLIER = 8106  # an instructor replying to a passed-on question: the reply
ASKER = 8107  # the parent who asked it
CHECKER = 8108  # a parent in the weekly check-in: the note
CHECK_TEACHER = 8109
CRASHER = 8110  # a parent joining, when the bot is killed (SIGKILL) right after a step
BYSTANDER = 8111  # someone else using the bot meanwhile
FAMILY = 8112  # a family in the announcer's class, so there is someone to announce to
TELLER = 8113  # a parent telling the instructor something after the course: the note
VENUER = 8114  # an instructor changing a class's venue from /classes: the address

TODAY = datetime.now(UTC).date()
FIRST = TODAY + timedelta(days=7)  # the first session of the classes that have not started
WAIT = 20.0  # seconds: the bound of every wait (a start on a busy machine included)


@dataclass
class World:
    """The fake API, the data folder, the running bot and what was seeded and seen."""

    api: FakeBotApi
    data: Path
    bot: BotProcess
    ids: dict[str, Any] = field(default_factory=dict)

    def say(self, user_id: int, text: str, expect: str, *, chat: int | None = None) -> Call:
        """`user_id` writes `text`; wait (bounded) for the answer in `chat` containing `expect`."""
        mark = self.api.mark()
        self.api.push_message(user_id, text)
        return self.expect(chat or user_id, expect, since=mark)

    def press(
        self,
        user_id: int,
        data: str,
        expect: str,
        *,
        message_id: int | None = None,
        method: str | None = None,
    ) -> Call:
        """`user_id` presses a button carrying `data`; wait for the answer containing `expect`."""
        mark = self.api.mark()
        self.api.push_callback(user_id, data, message_id=message_id)
        return self.expect(user_id, expect, since=mark, method=method)

    def expect(self, chat: int, text: str, *, since: int, method: str | None = None) -> Call:
        """The first message into `chat` since `since` (sent, or edited in place; or only calls
        of `method`) whose text contains `text`."""
        methods = (method,) if method else ("sendMessage", "editMessageText")
        calls = self.api.wait_for_sync(
            lambda call: call.method in methods,
            chat_id=chat,
            text_contains=text,
            since=since,
            timeout=WAIT,
        )
        return calls[0]

    def restart(self, *, crash: bool = False) -> None:
        """Stop the bot (SIGTERM, or SIGKILL with `crash`) and start it again on the same data."""
        if crash:
            self.bot.kill()
        else:
            assert self.bot.terminate() == 0, self.bot.log()
        self.bot = BotProcess(self.api.base_url, self.data).start()


async def seed(data: Path) -> dict[str, Any]:
    """The instructors, their classes and the families, written before the bot first starts."""
    store = Store(data)
    await store.open()
    try:
        classes: dict[str, Any] = {}
        for user_id, name in (
            (SETUP, "Sam"),
            (MOVER, "Mo"),
            (ANNOUNCER, "Ann"),
            (NOTER, "Noor"),
            (REPLIER, "Rae"),
            (CHECK_TEACHER, "Cleo"),
            (VENUER, "Vera"),
        ):
            await store.use_invite(await store.create_invite(1), user_id, name)
        for key, instructor, first in (
            ("move", MOVER, FIRST),
            ("announce", ANNOUNCER, FIRST),
            ("note", NOTER, FIRST),
            ("reply", REPLIER, FIRST),
            ("venue", VENUER, FIRST),
            # Its first session was yesterday: week 1's check-in is open.
            ("checkin", CHECK_TEACHER, TODAY - timedelta(days=1)),
        ):
            classes[key] = await store.create_class(
                instructor,
                {
                    "name": f"{key.title()} class",
                    "tz": "UTC",
                    "first_date": first.isoformat(),
                    "start": "10:00",
                    "sessions": 5,
                    "length_min": 60,
                    "venue": "",
                    "moved": {},
                    "cancelled": [],
                    "ended_after": None,
                    "group_chat_id": None,
                    "times": {},
                },
            )
        for user_id, key in (
            (FAMILY, "announce"),
            (ASKER, "reply"),
            (CHECKER, "checkin"),
            (TELLER, "reply"),
        ):
            await store.update_user(user_id, {"consent": True, "first_name": "Ana"})
            await store.add_member(
                classes[key]["id"],
                user_id,
                {"first_name": "Ana", "role": "parent", "family_of": None},
            )
        question = await store.add_question(
            classes["reply"]["id"], ASKER, "Is coconut oil all right?", {"first_name": "Ana"}
        )
        return {"classes": classes, "qid": question["qid"]}
    finally:
        await store.close()


def to_the_middle(world: World) -> None:
    """Take every conversation to a step that waits for typed text."""
    classes = world.ids["classes"]
    code = classes["move"]["code"]
    # Joining: the link, the consent; now the baby's name is asked.
    world.say(JOINER, f"/start {code}", "what I keep and why")
    world.press(JOINER, f"jn:ok:{code}", "baby's first name")
    # /newclass: its name and first date; now the start time is asked.
    world.say(SETUP, "/newclass", "called?")
    world.say(SETUP, "Tuesday babies", "first session?")
    world.say(SETUP, (TODAY + timedelta(days=10)).isoformat(), "What time")
    # Moving session 2; now its new date and time are asked.
    world.press(MOVER, f"ses:mv:{classes['move']['id']}:2", "When should session 2 be")
    # The venue, from /classes; now the address is asked.
    world.press(VENUER, f"cvn:ask:{classes['venue']['id']}", "Venue of")
    # /announce, to each family; now the message is asked.
    world.say(ANNOUNCER, "/announce", "who should get it?")
    world.press(ANNOUNCER, "ann:aud:private", "Now write your message")
    # /weeknote for week 2; now the note is asked.
    world.say(NOTER, "/weeknote 2", "Type your note for week 2")
    # Reply to Ana's question; now the reply is asked.
    world.press(
        REPLIER, f"{REPLY_PREFIX}:{classes['reply']['id']}:{world.ids['qid']}", "Your reply"
    )
    # "Tell Rae" under the closing message's feedback question; now the note is asked.
    world.press(TELLER, f"{FEEDBACK_PREFIX}:{classes['reply']['id']}:tell", "tell Rae")
    # The check-in, by its buttons on its one message; now the note is asked.
    shown = world.say(CHECKER, "/checkin", "How many days")
    message_id = shown.result["message_id"]
    world.ids["checkin_message"] = message_id
    cid = classes["checkin"]["id"]
    for data, expect in (
        (f"ci:d:{cid}:1:3-4", "How did your baby respond?"),
        (f"ci:r:{cid}:1:loved", "Which areas"),
        (f"ci:done:{cid}:1", "Anything you'd like"),
    ):
        world.press(CHECKER, data, expect, message_id=message_id, method="editMessageText")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The bot, restarted (SIGTERM) with every conversation waiting for its next message."""
    data = tmp_path_factory.mktemp("restart") / "data"
    ids = asyncio.run(seed(data))
    api = FakeBotApi().start()
    world = World(api, data, BotProcess(api.base_url, data).start(), ids)
    try:
        to_the_middle(world)
        world.restart()
        yield world
        assert world.bot.terminate() == 0, world.bot.log()
    finally:
        if world.bot.proc is not None and world.bot.proc.poll() is None:
            world.bot.kill()
        api.stop()


def test_joining_takes_the_babys_name_after_a_restart(world: World) -> None:
    world.say(JOINER, "Olive", "when was Olive born")
    assert not any("Olive" in t for t in world.api.texts_to(MOVER))  # not passed on


def test_newclass_takes_the_start_time_after_a_restart(world: World) -> None:
    world.say(SETUP, "10:30", "Where is the class?")


def test_a_session_move_takes_the_new_time_after_a_restart(world: World) -> None:
    when = f"{FIRST + timedelta(days=8):%Y-%m-%d} 11:15"
    world.say(MOVER, when, "Move session 2 from")


def test_a_venue_change_takes_the_address_after_a_restart(world: World) -> None:
    world.say(VENUER, "Room 3, Oak Hall", "Saved. Venue of")


def test_announce_takes_the_message_after_a_restart(world: World) -> None:
    world.say(ANNOUNCER, "Room 3 tomorrow", "That's exactly how it will look")
    assert "Room 3 tomorrow" in world.api.texts_to(ANNOUNCER)[-2]  # the preview


def test_weeknote_takes_the_note_after_a_restart(world: World) -> None:
    world.say(NOTER, "Bring a towel", "Parents will see your note at the end of week 2")


def test_a_reply_reaches_the_parent_after_a_restart(world: World) -> None:
    mark = world.api.mark()
    world.say(REPLIER, "Yes, coconut oil is fine", "Sent to Ana")
    reply = world.expect(ASKER, "Your instructor replied", since=mark)
    assert "Yes, coconut oil is fine" in (reply.text or "")


def test_the_checkin_takes_the_note_after_a_restart(world: World) -> None:
    mark = world.api.mark()
    world.api.push_message(CHECKER, "She slept so well after")
    world.expect(CHECKER, "week 1 is saved", since=mark, method="editMessageText")
    world.expect(CHECKER, "note is saved", since=mark, method="sendMessage")  # under the note
    assert not any("slept" in t for t in world.api.texts_to(CHECK_TEACHER))  # not a question


def test_a_note_to_the_instructor_is_taken_after_a_restart(world: World) -> None:
    mark = world.api.mark()
    world.say(TELLER, "Loved every session, thank you", "passed that to Rae")
    note = world.expect(REPLIER, "Loved every session", since=mark)
    assert "Loved every session" in (note.text or "")


def test_a_crash_right_after_a_step_loses_nothing(world: World) -> None:
    """SIGKILL once the bot has answered a step (and taken the next update, someone else's: a
    step is saved before the next update is handled), then the next answer continues it."""
    code = world.ids["classes"]["move"]["code"]
    world.say(CRASHER, f"/start {code}", "what I keep and why")
    world.press(CRASHER, f"jn:ok:{code}", "baby's first name")
    world.say(CRASHER, "Leo", "when was Leo born")
    world.say(BYSTANDER, "/help", "What I can do for you")
    world.restart(crash=True)
    born = TODAY - timedelta(days=60)
    world.say(CRASHER, f"{born.day}/{born.month}/{born.year}", "All set")
