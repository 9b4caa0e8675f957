"""End to end: a compressed course (SCHEDULE_UNIT_SECONDS=UNIT, sessions ten units apart) run by
the real `python bot.py run` process against the fake Bot API, killed with SIGKILL half-way and
started again. Every chat must end up with each of its messages exactly once, in order."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from content.loader import load_content
from jobs.course_messages import closing_messages
from storage.repo import Store
from tests.support.fake_api import FakeBotApi
from tests.support.process import BotProcess

# Seconds per schedule unit: sessions 10 units apart, messages 1-5 units around them. The
# restarted bot is started at once after the kill (its imports and loading take seconds on a busy
# machine) but held at its first call to Telegram until the nudge has fallen due; from there it
# must rebuild its jobs before the next day-before reminder would be superseded (3 units). At 2 s
# a unit, that left 9 s from the kill for imports, loading and start-up, which the fresh-clone
# suite (three workers on two cores) overran twice in the last few runs; what the test checks is
# each message once across the crash, not how fast a starved process starts.
UNIT = 2.5
# The first session this long after seeding (its first reminder comes 4 units before): room for
# the first start, however slow, before anything falls due.
LEAD = 22.0
GROUP = -100900
PARENTS = (301, 302, 303)
INSTRUCTOR = 300


async def seed(data: Path, first: datetime) -> str:
    """A two-session class in UTC with a linked group and three parents, written before start."""
    store = Store(data)
    await store.open()
    try:
        code = await store.create_invite(1)
        await store.use_invite(code, INSTRUCTOR, "Maya")
        klass = await store.create_class(
            INSTRUCTOR,
            {
                "name": "Quick class",
                "tz": "UTC",
                "first_date": first.date().isoformat(),
                "start": first.time().isoformat(),
                "sessions": 2,
                "length_min": 1,
                "venue": "Hall",
                "moved": {},
                "cancelled": [],
                "ended_after": None,
                "times": {},
            },
        )
        await store.link_group(GROUP, klass["id"])
        for user_id in PARENTS:
            await store.add_member(
                klass["id"], user_id, {"first_name": "P", "role": "parent", "family_of": None}
            )
            await store.update_user(user_id, {"consent": True, "first_name": "P"})
        return str(klass["id"])
    finally:
        await store.close()


def label(text: str, closing: str) -> str:
    """Name a message by what it is, so a chat's history reads as a list of kinds."""
    if "See you" in text:
        return "reminder_day_before"
    # The day's reminder sent in the seconds before a midnight that its session comes after
    # rightly says "tomorrow" (the course runs on the real clock; the edits' words are checked
    # against it below).
    if "is today at" in text or "is tomorrow, " in text:
        return "reminder_today"
    if "Week 1 ·" in text and closing not in text:
        return "summary1"
    if "Week 2 ·" in text and closing not in text:
        return "summary2"
    if closing in text:
        return "closing"
    if "still open" in text:
        return "nudge" + ("1" if "week 1 " in text else "2")
    if "check-in for" in text:
        return "invite" + ("1" if "(week 1)" in text else "2")
    return "other: " + text[:40]


async def until(moment: float) -> None:
    """Sleep until a monotonic instant: used only to choose WHEN to crash and restart."""
    await asyncio.sleep(max(0.0, moment - time.monotonic()))


async def test_compressed_course_survives_sigkill_with_each_message_once(tmp_path: Path) -> None:
    content = load_content()
    closing = content.outline.closing[:40]
    data = tmp_path / "data"
    first = datetime.now(UTC) + timedelta(seconds=LEAD)
    s1 = time.monotonic() + LEAD  # the same instant on the monotonic clock
    await seed(data, first)
    env = {"SCHEDULE_UNIT_SECONDS": str(UNIT), "OWNER_IDS": "1"}

    async with FakeBotApi() as api:
        with BotProcess(api.base_url, data, **env) as bot:
            # Session 1 at S1: reminders at S1-4 and S1-2, summary S1+1, invitation S1+3.
            await api.wait_for("sendMessage", text_contains="check-in for", count=3, timeout=60)
            # Crash while nothing is being sent: between the invitation (S1+3) and the nudge
            # (S1+5). A kill in the instant between Telegram accepting a message and the sent
            # log reaching disk could duplicate it; no bot can close that window.
            await until(s1 + 3.5 * UNIT)
            bot.kill()
        # Down past the nudge's moment, so it falls due while the bot is down: the new process
        # starts now but Telegram does not answer its first call (getMe) until then. Nothing
        # else calls the fake API meanwhile, so holding its server thread holds nobody else.
        up = threading.Event()

        def down_until_up(method: str, params: Mapping[str, Any]) -> bool:
            up.wait(timeout=60)
            return True

        api.before_call = down_until_up
        with BotProcess(api.base_url, data, **env) as bot:
            await until(s1 + 5.1 * UNIT)
            up.set()
            # Session 2 at S1+10; the last nudge comes 5 units after it.
            await api.wait_for("sendMessage", text_contains="still open", count=6, timeout=60)
            assert bot.terminate() == 0, bot.log()

        closing_parts = len(closing_messages(content))
        # In the group the day's reminder edits the pinned day-before one (jobs/pins.py).
        expected_group = [
            "reminder_day_before",
            "summary1",
            "reminder_day_before",
            "summary2",
            "closing",
        ]
        expected_parent = [
            "reminder_day_before",
            "reminder_today",
            "summary1",
            "invite1",
            "nudge1",
            "reminder_day_before",
            "reminder_today",
            "summary2",
            "closing",
            "invite2",
            "nudge2",
        ]
        if closing_parts == 2:  # the outline follows the closing words as its own message
            for expected in (expected_group, expected_parent):
                expected.insert(expected.index("closing") + 1, "outline")

        def history(chat: int) -> list[str]:
            labels = [label(t, closing) for t in api.texts_to(chat)]
            return [
                "outline" if closing_parts == 2 and x.startswith("other") else x for x in labels
            ]

        assert history(GROUP) == expected_group
        edits = [c for c in api.calls if c.method == "editMessageText" and c.ok]
        # Each edit turns the pinned reminder into the day's: "today", or "tomorrow" when it was
        # made on the day before its session by the class's clock (UTC). A run across midnight
        # failed when this said "today" alone (7 December, 23:59 UTC).
        assert len(edits) == 2, [(c.at, c.text) for c in edits]
        sessions = [first, first + timedelta(seconds=10 * UNIT)]
        expected_when = [
            "is today at"
            if (first + timedelta(seconds=c.at - s1)).date() == start.date()
            else "is tomorrow, "
            for c, start in zip(edits, sessions, strict=True)
        ]
        assert all(when in (c.text or "") for c, when in zip(edits, expected_when, strict=True)), [
            (c.at, c.text) for c in edits
        ]
        pins = [c.method for c in api.calls if "inChatMessage" in c.method and c.ok]
        assert pins == ["pinChatMessage", "unpinChatMessage"] * 2
        for parent in PARENTS:
            assert history(parent) == expected_parent, parent
        assert api.rejected == [] or all(c.method != "sendMessage" for c in api.rejected)
