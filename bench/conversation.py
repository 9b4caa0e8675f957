"""Conversation benchmark: what keeping every conversation across restarts costs.

With 1,000 and 10,000 people holding a saved conversation record (a draft and a state, spread
over the 64 user files as the bot spreads them) it measures the start-up load of all of them,
and the durable save of one conversation step (a new state and draft for one person, as
`DurableApplication` saves after an update: p50, p99). A save appends the person's shard's
whole "conversations" table to its journal today, so it grows with the people per shard.

    python bench/conversation.py          one line per size
    python bench/conversation.py --json   one JSON object keyed by size
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from handlers.conversation import StorePersistence
from storage.repo import Store

SIZES = (1_000, 10_000)
SAMPLES = 200
NAME = "newclass"
# Measured where the bot keeps its data by default (./data, inside the project folder).
TMP_PARENT = Path(__file__).resolve().parent.parent


class _Conversation:
    """What the persistence needs to know of a conversation: its name, age limit, drafts."""

    name = NAME
    max_age = datetime.max - datetime.min
    drafts = ("newclass",)


def record(user_id: int) -> dict:
    """A saved record shaped like a /newclass half-way through."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    return {
        "data": {"newclass": {"name": f"Class {user_id}", "first_date": "2026-12-03"}},
        "states": {NAME: {str(user_id): {"state": 2, "at": at}}},
    }


async def measure(size: int) -> dict[str, float]:
    """Fill a data folder with `size` records, then time the load and single-step saves."""
    with tempfile.TemporaryDirectory(dir=TMP_PARENT, prefix="bench-conv-") as folder:
        store = Store(Path(folder))
        await store.open()
        batch = 5_000
        for start in range(0, size, batch):
            users = range(1_000_000 + start, 1_000_000 + min(start + batch, size))
            await store.set_conversation_records({u: record(u) for u in users})
        await store.close()

        store = Store(Path(folder))
        await store.open()
        persistence = StorePersistence(store)
        persistence.register(_Conversation())  # type: ignore[arg-type]
        began = time.perf_counter()
        await persistence.get_user_data()
        await persistence.get_conversations(NAME)
        load = time.perf_counter() - began
        saves = []
        for n in range(SAMPLES):
            user_id = 1_000_000 + (n * 7919) % size
            began = time.perf_counter()
            await persistence.update_conversation(NAME, (user_id, user_id), 3 + n % 3)
            await persistence.update_user_data(user_id, {"newclass": {"name": f"step {n}"}})
            await persistence.flush()
            saves.append(time.perf_counter() - began)
        await store.close()
    saves.sort()
    return {
        "load_s": round(load, 3),
        "step_p50_ms": round(statistics.median(saves) * 1000, 2),
        "step_p99_ms": round(saves[int(len(saves) * 0.99) - 1] * 1000, 2),
    }


async def main() -> None:
    """Print one line per size (or one JSON object with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        results[size] = await measure(size)
        if not args.json:
            r = results[size]
            print(
                f"{size:>7,} people with a saved conversation: load {r['load_s']} s, "
                f"one step saved p50 {r['step_p50_ms']} ms, p99 {r['step_p99_ms']} ms"
            )
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    asyncio.run(main())
