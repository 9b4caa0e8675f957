"""Replies first: a parent's questions during the 18:00 reminder burst, and a group spamming.

Both measurements run the whole bot in this process, polling a fake Bot API over loopback HTTP
(`playground.fake_api.FakeBotApi`) that answers every call after `--latency` (50 ms) and
enforces Telegram's flood limits (30 sends a second, 20 a minute into one group: 429 beyond):

1. **Burst.** `--classes` classes (300), each with a group and `--families` families (10), whose
   day-before reminders all fall due in the same minute: 3,300 scheduled sends, fired by the real
   JobQueue from the course jobs and delivered by the outbox. Meanwhile a parent asks an FAQ
   question every 2 s. Figures: reply latency p50/p99 (question pushed to answer accepted), the
   last reminder's time against the flood-limit ideal (sends / 30 per second), reminders lost
   (a recipient with none) and duplicated.
2. **Hostile group.** One group sends `/help@bot` 60 times in 10 s while a parent in a class sends
   `/next` every second: the parent's latency, and how many answers the group got.

    python bench/burst.py [--json] [--classes 300] [--families 10] [--latency 0.05]

The bot's clock is shifted so the reminders' 18:00 is a few seconds after the start, and each
class's pass is run then, as its APScheduler job would; nothing else is faked (the real
Application, rate limiter, outbox, update processor, and a Store on disk).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
import warnings
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import build_application, startup  # noqa: E402
from config import Settings  # noqa: E402
from content.loader import Content, load_content  # noqa: E402
from jobs.course import run_class  # noqa: E402
from playground.app_runner import polling  # noqa: E402
from playground.fake_api import FakeBotApi  # noqa: E402
from storage.repo import Store  # noqa: E402

TOKEN = "123456:BENCHtokenBENCHtokenBENCHtokenBE"
LIMIT_PER_S = 30
GROUP_LIMIT_PER_MIN = 20
INSTRUCTOR = 7
ASKER = 5_000_001  # a parent who is in no class of the burst
QUESTION = "How long should a massage take?"
LONDON = ZoneInfo("Europe/London")
LEAD_S = 8.0  # the reminders fall due this long after the bot has started


def _percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _session_day() -> date:
    """A Tuesday a few weeks ahead, in a month without a clock change."""
    day = date.today() + timedelta(days=21)
    while day.month in (3, 10) or day.weekday() != 1:
        day += timedelta(days=1)
    return day


async def _seed(store: Store, classes: int, families: int, day: date) -> list[tuple[str, int]]:
    """`classes` classes on `day` at 10:00 London, each with a group and its families."""
    made = []
    code = await store.create_invite(1)
    await store.use_invite(code, INSTRUCTOR, "Maya")
    for i in range(classes):
        group = -1_001_000_000_000 - i
        klass = await store.create_class(
            INSTRUCTOR,
            {
                "name": f"Class {i}",
                "tz": "Europe/London",
                "first_date": day.isoformat(),
                "start": "10:00",
                "sessions": 5,
                "length_min": 60,
                "venue": "Hall",
                "moved": {},
                "cancelled": [],
                "ended_after": None,
                "times": {},
            },
        )
        await store.link_group(group, klass["id"])
        for n in range(families):
            uid = 1_000_000 + i * 100 + n
            await store.add_member(klass["id"], uid, {"first_name": f"P{uid}", "role": "parent"})
        made.append((str(klass["id"]), group))
    return made


def _app(folder: Path, base_url: str, store: Store, content: Content) -> Any:
    settings = Settings(token=TOKEN, data_dir=folder, base_url=base_url, owner_ids=frozenset({1}))
    return build_application(settings, store, content)


async def burst(content: Content, classes: int, families: int, latency: float, folder: Path) -> Any:
    """The reminder burst with a parent asking every 2 s; its figures."""
    day = _session_day()
    due = datetime.combine(day - timedelta(days=1), datetime.min.time().replace(hour=18), LONDON)
    store = Store(folder / "burst")
    await store.open()
    seeded = time.perf_counter()
    made = await _seed(store, classes, families, day)
    seed_s = time.perf_counter() - seeded
    recipients = [chat for _, chat in made] + [
        1_000_000 + i * 100 + n for i in range(classes) for n in range(families)
    ]
    api = FakeBotApi(latency=latency).start()
    try:
        app = _app(folder / "burst", api.base_url, store, content)
        # The bot's clock: the reminders' 18:00 comes LEAD_S after now.
        offset = due.astimezone(UTC) - datetime.now(UTC) - timedelta(seconds=LEAD_S)
        app.bot_data["clock"] = lambda: datetime.now(UTC) + offset
        async with polling(app):
            await startup(app)
            api.rate_limit(LIMIT_PER_S, GROUP_LIMIT_PER_MIN)
            mark = api.mark()
            fire = (
                time.monotonic() + (due.astimezone(UTC) - app.bot_data["clock"]()).total_seconds()
            )
            asked: list[float] = []
            expected = len(recipients)

            def reminders_accepted() -> int:
                return sum(
                    1
                    for c in api.calls[mark:]
                    if c.ok and c.method == "sendMessage" and "See you" in (c.text or "")
                )

            async def due_now() -> None:
                # What APScheduler does at 18:00: every class's job runs its pass at once.
                await asyncio.sleep(max(0.0, fire - time.monotonic()))
                await asyncio.gather(*(run_class(app, cid) for cid, _ in made))

            passes = asyncio.create_task(due_now())
            deadline = time.monotonic() + 600
            await asyncio.sleep(max(0.0, fire - time.monotonic() - 2))
            while reminders_accepted() < expected and time.monotonic() < deadline:
                api.push_message(ASKER, QUESTION)
                asked.append(time.monotonic())
                await asyncio.sleep(2.0)
            await asyncio.sleep(2.0)  # the last question's answer
            await passes
            calls = api.calls[mark:]
    finally:
        api.stop()
        await store.close()
    reminders = [
        c for c in calls if c.ok and c.method == "sendMessage" and "See you" in (c.text or "")
    ]
    per_chat = Counter(c.chat_id for c in reminders)
    answers = sorted(
        c.at for c in calls if c.ok and c.method == "sendMessage" and c.chat_id == ASKER
    )
    latencies = []
    for pushed in asked:
        later = [a for a in answers if a >= pushed]
        if later:
            latencies.append(later[0] - pushed)
    last = max((c.at for c in reminders), default=fire)
    ideal = expected / LIMIT_PER_S
    return {
        "classes": classes,
        "sends": expected,
        "seed_s": round(seed_s, 1),
        "reply_p50_s": round(_percentile(latencies, 50), 3),
        "reply_p99_s": round(_percentile(latencies, 99), 3),
        "questions": len(asked),
        "answered": len(latencies),
        "last_send_s": round(last - fire, 1),
        "ideal_s": round(ideal, 1),
        "over_ideal": round((last - fire) / ideal - 1, 3),
        "lost": sum(1 for chat in recipients if per_chat[chat] == 0),
        "duplicates": sum(n - 1 for n in per_chat.values() if n > 1),
        "flood_answers": sum(1 for c in calls if c.error_code == 429),
    }


async def hostile_group(content: Content, latency: float, folder: Path) -> Any:
    """A group sending /help@bot 60 times in 10 s while a parent asks /next every second."""
    store = Store(folder / "hostile")
    await store.open()
    day = _session_day()
    await _seed(store, 1, 1, day)
    parent = 1_000_000
    api = FakeBotApi(latency=latency).start()
    group = -1_002_000_000_000
    try:
        app = _app(folder / "hostile", api.base_url, store, content)
        async with polling(app):
            await startup(app)
            api.rate_limit(LIMIT_PER_S, GROUP_LIMIT_PER_MIN)
            mark = api.mark()
            username = app.bot.username
            asked: list[float] = []
            start = time.monotonic()
            for i in range(60):
                api.push_message(4242 + i % 7, f"/help@{username}", chat_id=group)
                if i % 6 == 3:
                    api.push_command(parent, "next")
                    asked.append(time.monotonic())
                await asyncio.sleep(max(0.0, start + (i + 1) / 6 - time.monotonic()))
            await asyncio.sleep(3.0)
            calls = api.calls[mark:]
    finally:
        api.stop()
        await store.close()
    answers = sorted(
        c.at for c in calls if c.ok and c.method == "sendMessage" and c.chat_id == parent
    )
    latencies = []
    for pushed in asked:
        later = [a for a in answers if a >= pushed]
        if later:
            latencies.append(later[0] - pushed)
    return {
        "next_p50_s": round(_percentile(latencies, 50), 3),
        "next_max_s": round(max(latencies, default=float("nan")), 3),
        "asked": len(asked),
        "answered": len(latencies),
        "group_answers": sum(
            1 for c in calls if c.ok and c.method == "sendMessage" and c.chat_id == group
        ),
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Both measurements, in a temporary data folder."""
    content = load_content()
    with tempfile.TemporaryDirectory(prefix="bench-burst-") as tmp:
        hostile = await hostile_group(content, args.latency, Path(tmp))
        figures = await burst(content, args.classes, args.families, args.latency, Path(tmp))
    return {
        "burst_reply_p50_s": figures["reply_p50_s"],
        "burst_reply_p99_s": figures["reply_p99_s"],
        "burst_last_send_s": figures["last_send_s"],
        "burst_ideal_s": figures["ideal_s"],
        "burst_lost": figures["lost"],
        "burst_duplicates": figures["duplicates"],
        "group_spam_next_max_s": hostile["next_max_s"],
        "burst": figures,
        "hostile": hostile,
        "latency_s": args.latency,
    }


def main() -> int:
    """Parse the options, run, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--classes", type=int, default=300, help="classes in the burst (300)")
    parser.add_argument("--families", type=int, default=10, help="families per class (10)")
    parser.add_argument(
        "--latency", type=float, default=0.05, help="fake round trip per call, s (default 0.05)"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    warnings.filterwarnings("ignore")
    figures = asyncio.run(run(args))
    if args.json:
        print(json.dumps(figures))
        return 0
    b, h = figures["burst"], figures["hostile"]
    print(
        f"Reminder burst: {b['sends']} sends ({b['classes']} classes), a parent asking every 2 s:"
    )
    print(
        f"  reply latency p50 {b['reply_p50_s']} s, p99 {b['reply_p99_s']} s "
        f"({b['answered']} of {b['questions']} answered; target p99 < 1 s)"
    )
    print(
        f"  last reminder after {b['last_send_s']} s; flood-limit ideal {b['ideal_s']} s "
        f"({b['over_ideal']:+.1%}; target within 10%)"
    )
    print(
        f"  lost {b['lost']}, duplicates {b['duplicates']}, 429 answers {b['flood_answers']} "
        f"(seeding took {b['seed_s']} s)"
    )
    print("One group sending /help@bot 60 times in 10 s, a parent sending /next every second:")
    print(
        f"  /next latency p50 {h['next_p50_s']} s, max {h['next_max_s']} s "
        f"({h['answered']} of {h['asked']} answered; target < 1 s); "
        f"answers into the group: {h['group_answers']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
