"""End to end: how many notifications a parent in the class group gets over a whole 5-week course
(compressed: SCHEDULE_UNIT_SECONDS=0.5, sessions five seconds apart), run by the real
`python bot.py run` process against the fake Bot API.

The parent joins through the join link like anyone else while they are in the linked group, so
the joining default (reminders only in the group) applies. A notification is any message or pin
that reaches their private chat or the group without `disable_notification`; each is named by the
event it is about (a session's reminders, its summary, its check-in invitation and nudge, the
closing message). At most one notification per event per person; the total is printed (it was
41 before reminders defaulted to the group and the group's reminder was pinned and edited).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.repo import Store
from tests.support.fake_api import FakeBotApi
from tests.support.fake_request import SEND_METHODS, Call
from tests.support.process import BotProcess

UNIT = 0.5  # seconds per schedule unit: sessions 10 units apart
LEAD = 10.0  # first session this long after seeding: time to start and join first
SESSIONS = 5
GROUP = -100_950
PARENT = 351
INSTRUCTOR = 350


async def seed(data: Path, first: datetime) -> str:
    """A 5-session class in UTC with a linked group and no families yet; its join code."""
    store = Store(data)
    await store.open()
    try:
        code = await store.create_invite(1)
        await store.use_invite(code, INSTRUCTOR, "Maya")
        klass = await store.create_class(
            INSTRUCTOR,
            {
                "name": "Whole course",
                "tz": "UTC",
                "first_date": first.date().isoformat(),
                "start": first.time().isoformat(),
                "sessions": SESSIONS,
                "length_min": 1,
                "venue": "Hall",
                "moved": {},
                "cancelled": [],
                "ended_after": None,
                "times": {},
            },
        )
        await store.link_group(GROUP, klass["id"])
        return str(klass["code"])
    finally:
        await store.close()


def notifications(calls: list[Call]) -> list[Call]:
    """The calls that make the parent's phone sound: sends and pins without a silent flag."""
    return [
        c
        for c in calls
        if c.ok
        and (c.method in SEND_METHODS or c.method == "pinChatMessage")
        and str(c.chat_id) in (str(PARENT), str(GROUP))
        and not c.params.get("disable_notification")
    ]


def events(calls: list[Call]) -> list[tuple[str, int]]:
    """Each notification named by its event: (kind, session)."""
    named: list[tuple[str, int]] = []
    held = 0  # the latest week whose summary has gone out: reminders are for the next session
    for call in calls:
        text = call.text or ""
        week = re.search(r"[Ww]eek (\d)", text)
        if call.method == "pinChatMessage" or "See you" in text:
            named.append(("reminder_day_before", held + 1))
        elif "is today at" in text or "is tomorrow, " in text:
            # The day's reminder sent seconds before a midnight its session comes after says
            # "tomorrow" (the course runs on the real clock).
            named.append(("reminder_today", held + 1))
        elif "end of the course" in text:
            named.append(("closing", SESSIONS))
        elif "still open" in text and week:
            named.append(("nudge", int(week.group(1))))
        elif "check-in for" in text and week:
            named.append(("invite", int(week.group(1))))
        elif week and "·" in text:
            held = max(held, int(week.group(1)))
            named.append(("summary", int(week.group(1))))
        else:
            named.append(("other: " + text[:40], 0))
    return named


async def test_a_parent_in_the_group_gets_one_notification_per_event(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = datetime.now(UTC) + timedelta(seconds=LEAD)
    code = await seed(data, first)
    env = {"SCHEDULE_UNIT_SECONDS": str(UNIT), "OWNER_IDS": "1"}

    async with FakeBotApi() as api:
        with BotProcess(api.base_url, data, **env) as bot:
            api.push_command(PARENT, "start", code)
            await api.wait_for("sendMessage", chat_id=PARENT, text_contains="okay?", timeout=20)
            api.push_callback(PARENT, f"jn:ok:{code}")
            await api.wait_for("sendMessage", chat_id=PARENT, text_contains="baby's first name")
            joined = api.mark()
            # The last message of the course: the week 5 nudge, five units after session 5.
            await api.wait_for(
                "sendMessage",
                chat_id=PARENT,
                text_contains="week 5 check-in",
                timeout=LEAD + 10 * SESSIONS * UNIT + 30,
            )
            assert bot.terminate() == 0, bot.log()

        welcome = next(t for t in api.texts_to(PARENT) if "You're in" in t)
        assert "Here too" not in welcome  # the question is on buttons, not repeated in text
        loud = notifications(api.calls[joined:])
        named = events(loud)
        print(f"notifications for a parent in the group over {SESSIONS} weeks: {len(loud)}")
        assert not [e for e in named if e[0].startswith("other")], named
        repeated = {event: n for event, n in Counter(named).items() if n > 1}
        assert repeated == {}, f"more than one notification for: {repeated}"
        # Every session's summary and check-in invitation did arrive (nothing was lost).
        for week in range(1, SESSIONS + 1):
            assert ("summary", week) in named and ("invite", week) in named, week
        assert ("closing", SESSIONS) in named
