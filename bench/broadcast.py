"""Broadcast benchmark: the real delivery path against a fake Bot API enforcing flood limits.

Two figures, both driving the bot's own code (the Application from `bot.build_application`, so
its ExtBot and rate limiter (jobs/pacing.py), a Store in a temporary folder, and
jobs.announcements / jobs.outbox) against `playground.fake_api.FakeBotApi` over loopback
HTTP, which answers 429 with retry_after beyond 30 sends a second (sliding window) and 20 a
minute into one group, as Telegram does:

1. an announcement to 1,000 private chats: sends per second achieved as a fraction of the
   30/s limit (target at least 0.9), duplicates (target 0) and chats never reached (target 0);
2. 200 classes whose group reminder falls due in the same minute (one group message each, each
   its own outbox entry, as the course jobs make them): seconds until the last is accepted.

    python bench/broadcast.py [--json] [--chats 1000] [--groups 200] [--latency 0.05]

bench/burst.py measures replies during such a burst (replies first) and a group spamming.

`--json` prints one JSON object: rate_fraction, duplicates, lost, group_burst_s (and details).
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import build_application  # noqa: E402
from config import Settings  # noqa: E402
from content.loader import Content, load_content  # noqa: E402
from jobs.announcements import send_announcement  # noqa: E402
from jobs.delivery import sent_key  # noqa: E402
from jobs.outbox import outbox_of  # noqa: E402
from playground.fake_api import FakeBotApi  # noqa: E402
from storage.repo import Store  # noqa: E402

TOKEN = "123456:BENCHtokenBENCHtokenBENCHtokenBE"
LIMIT_PER_S = 30
GROUP_LIMIT_PER_MIN = 20
INSTRUCTOR = 7


def _settings(data: Path, base_url: str) -> Settings:
    return Settings(token=TOKEN, data_dir=data, base_url=base_url)


def _app(data: Path, base_url: str, store: Store, content: Content) -> Any:
    """The bot's Application, with bot.py's own rate limiter (jobs/pacing.py)."""
    return build_application(_settings(data, base_url), store, content)


async def _seed_class(store: Store, name: str, members: range, group: int | None) -> str:
    """One class with `members` as families, and a group if given."""
    klass = await store.create_class(
        INSTRUCTOR,
        {"name": name, "tz": "Europe/London", "first_date": "2030-01-08", "start": "10:00"},
    )
    if group is not None:
        await store.link_group(group, klass["id"])
    for uid in members:
        await store.add_member(klass["id"], uid, {"first_name": f"P{uid}", "role": "parent"})
    return str(klass["id"])


async def private_broadcast(
    content: Content, chats: int, latency: float, folder: Path
) -> dict[str, Any]:
    """An announcement to `chats` private chats through send_announcement; its figures."""
    api = FakeBotApi(latency=latency).start()
    try:
        store = Store(folder / "private")
        await store.open()
        try:
            parents = range(10_000, 10_000 + chats)
            seeded = time.perf_counter()
            cid = await _seed_class(store, "Big class", parents, None)
            seed_s = time.perf_counter() - seeded
            app = _app(folder / "private", api.base_url, store, content)
            async with app:
                await outbox_of(app).start()
                api.reset()
                api.rate_limit(LIMIT_PER_S, GROUP_LIMIT_PER_MIN)
                # Stored as /announce's "Send now" stores it; its job would call this.
                ann = await store.add_announcement(
                    cid,
                    {
                        "status": "scheduled",
                        "send_at": datetime.now(UTC).isoformat(),
                        "audience": "private",
                        "text_html": "Tomorrow's class is in <b>room 3</b> &amp; starts at 10:30.",
                        "photo": None,
                        "report": None,
                    },
                )
                started = time.monotonic()
                result = await send_announcement(app, cid, ann["aid"])
                finished = time.monotonic()
        finally:
            await store.close()
        calls = api.calls
    finally:
        api.stop()
    to_parents = [c for c in calls if c.ok and c.method == "sendMessage" and c.chat_id in parents]
    per_chat = Counter(c.chat_id for c in to_parents)
    duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
    lost = sum(1 for uid in parents if per_chat[uid] == 0)
    arrivals = sorted(c.at for c in to_parents)
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else 0.0
    rate = (len(arrivals) - 1) / span if span > 0 else 0.0
    flood = sum(1 for c in calls if c.error_code == 429)
    report = (result or {}).get("report") or {}
    return {
        "chats": chats,
        "seed_s": round(seed_s, 2),
        "accepted": len(to_parents),
        "duplicates": duplicates,
        "lost": lost,
        "rate_per_s": round(rate, 2),
        "rate_fraction": round(rate / LIMIT_PER_S, 3),
        "elapsed_s": round(finished - started, 2),
        "flood_answers": flood,
        "reported_delivered": report.get("delivered", 0),
        "status": (result or {}).get("status"),
    }


async def group_burst(
    content: Content, groups: int, latency: float, folder: Path
) -> dict[str, Any]:
    """`groups` classes each sending one group reminder at the same moment; time to the last."""
    api = FakeBotApi(latency=latency).start()
    try:
        store = Store(folder / "groups")
        await store.open()
        try:
            classes = []
            for i in range(groups):
                chat = -1_001_000_000_000 - i
                classes.append((await _seed_class(store, f"Class {i}", range(0), chat), chat))
            app = _app(folder / "groups", api.base_url, store, content)
            async with app:
                outbox = outbox_of(app)
                await outbox.start()
                api.reset()
                api.rate_limit(LIMIT_PER_S, GROUP_LIMIT_PER_MIN)
                started = time.monotonic()
                entries = await asyncio.gather(
                    *(
                        outbox.enqueue(
                            cid,
                            "reminder_day_before:1",
                            "course",
                            [sent_key("reminder_day_before", 1, "group")],
                            text="Reminder: your class is tomorrow at <b>10:00</b>.",
                        )
                        for cid, _ in classes
                    )
                )
                await outbox.wait(entries)
                finished = time.monotonic()
        finally:
            await store.close()
        calls = api.calls
    finally:
        api.stop()
    accepted = [c for c in calls if c.ok and c.method == "sendMessage"]
    per_chat = Counter(c.chat_id for c in accepted)
    last = max((c.at for c in accepted), default=started)
    return {
        "groups": groups,
        "group_burst_s": round(last - started, 2),
        "ideal_s": round(groups / LIMIT_PER_S, 2),
        "elapsed_s": round(finished - started, 2),
        "delivered": sum(
            1 for e in entries if e is not None and "delivered" in e.outcomes.values()
        ),
        "duplicates": sum(n - 1 for n in per_chat.values() if n > 1),
        "lost": sum(1 for _, chat in classes if per_chat[chat] == 0),
        "flood_answers": sum(1 for c in calls if c.error_code == 429),
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Both measurements, in a temporary data folder."""
    content = load_content()
    with tempfile.TemporaryDirectory(prefix="bench-broadcast-") as tmp:
        private = await private_broadcast(content, args.chats, args.latency, Path(tmp))
        groups = await group_burst(content, args.groups, args.latency, Path(tmp))
    return {
        "rate_fraction": private["rate_fraction"],
        "duplicates": private["duplicates"] + groups["duplicates"],
        "lost": private["lost"] + groups["lost"],
        "group_burst_s": groups["group_burst_s"],
        "private": private,
        "group": groups,
        "latency_s": args.latency,
    }


def main() -> int:
    """Parse the options, run, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--chats", type=int, default=1000, help="private chats (default 1000)")
    parser.add_argument("--groups", type=int, default=200, help="classes/groups (default 200)")
    parser.add_argument(
        "--latency", type=float, default=0.05, help="fake round trip per call, s (default 0.05)"
    )
    args = parser.parse_args()
    # Flood-control retries are logged; the figures below count them instead.
    logging.basicConfig(level=logging.ERROR)
    warnings.filterwarnings("ignore")
    figures = asyncio.run(run(args))
    if args.json:
        print(json.dumps(figures))
        return 0
    p, g = figures["private"], figures["group"]
    print(f"Announcement to {p['chats']} private chats (limit {LIMIT_PER_S}/s):")
    print(
        f"  {p['rate_per_s']} sends/s = {p['rate_fraction']:.0%} of the limit "
        f"(target >= 90%), {p['elapsed_s']} s in all"
    )
    print(
        f"  duplicates {p['duplicates']} (target 0), lost {p['lost']} (target 0), "
        f"429 answers {p['flood_answers']}, report counts {p['reported_delivered']} delivered"
    )
    print(f"{g['groups']} group reminders due in the same minute:")
    print(
        f"  last accepted after {g['group_burst_s']} s (ideal {g['ideal_s']} s at "
        f"{LIMIT_PER_S}/s), duplicates {g['duplicates']}, lost {g['lost']}, "
        f"429 answers {g['flood_answers']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
