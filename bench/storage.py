"""Storage benchmark: durable check-in writes and member lookups as the data grows.

For 1,000, 10,000 and 100,000 stored check-ins (classes of 8 families, 5 weeks each) it measures
one durable `save_checkin` through the repository (p50, p99), one `get_member` (p50), and, in the
same run, an insert into stock TinyDB `JSONStorage` holding the same number of check-ins.

    python bench/storage.py          one line per size
    python bench/storage.py --json   one JSON object keyed by size
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from storage.repo import Store

FAMILIES = 8
WEEKS = 5
SIZES = (1_000, 10_000, 100_000)
SAMPLES = 300
# Measured where the bot keeps its data by default (./data, inside the project folder).
TMP_PARENT = Path(__file__).resolve().parent.parent
# Stock TinyDB at 100,000 takes about a second per insert: a few samples say enough.
STOCK_SAMPLES = {1_000: 50, 10_000: 20, 100_000: 3}


def checkin(user_id: int, week: int) -> dict:
    """A check-in shaped like the ones the bot stores."""
    return {
        "user_id": user_id,
        "week": week,
        "days": "3-4",
        "response": "mostly happy",
        "areas": ["legs", "tummy"],
        "note": "",
        "at": "2026-11-25T10:00:00+00:00",
    }


async def fill(store: Store, total: int) -> list[str]:
    """Create classes of 8 families with 5 weeks of check-ins each, `total` check-ins in all."""
    per_class = FAMILIES * WEEKS
    class_ids = []
    for c in range(total // per_class):
        record = await store.create_class(1, {"name": f"class {c}", "tz": "Europe/London"})
        class_ids.append(record["id"])
        db = store.db.class_db(record["id"])
        assert db is not None
        # Bulk-load each class in one write; the benchmark measures the writes that follow.
        db.table("members").insert_multiple(
            {"user_id": c * 100 + f, "first_name": "P", "active": True} for f in range(FAMILIES)
        )
        db.table("checkins").insert_multiple(
            checkin(c * 100 + f, w) for f in range(FAMILIES) for w in range(1, WEEKS + 1)
        )
    return class_ids


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) of some timings."""
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def bench_ours(total: int, folder: Path) -> dict[str, float]:
    """Durable writes and lookups through our repository with `total` check-ins stored."""
    store = Store(folder)
    await store.open()
    class_ids = await fill(store, total)
    await store.close()
    store = Store(folder)  # reopen: measure the store as it is after a restart
    await store.open()
    rng = random.Random(1)
    writes, lookups = [], []
    for i in range(SAMPLES):
        c = rng.randrange(len(class_ids))
        t = time.perf_counter()
        await store.save_checkin(class_ids[c], c * 100 + i % FAMILIES, 6 + i, {"days": "1-2"})
        writes.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        await store.get_member(class_ids[c], c * 100 + i % FAMILIES)
        lookups.append((time.perf_counter() - t) * 1000)
    await store.close()
    return {
        "write_p50_ms": statistics.median(writes),
        "write_p99_ms": percentile(writes, 99),
        "lookup_p50_ms": statistics.median(lookups),
    }


def bench_stock(total: int, folder: Path, samples: int) -> float:
    """p50 of one insert into stock TinyDB holding `total` check-ins in one JSON file."""
    path = folder / "stock.json"
    db = TinyDB(path, storage=JSONStorage)
    db.table("checkins").insert_multiple(checkin(i, 1 + i % WEEKS) for i in range(total))
    times = []
    for i in range(samples):
        t = time.perf_counter()
        db.table("checkins").insert(checkin(total + i, 6))
        times.append((time.perf_counter() - t) * 1000)
    db.close()
    return statistics.median(times)


def main() -> None:
    """Run every size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-stock", action="store_true", help="skip stock TinyDB")
    args = parser.parse_args()
    results: dict[str, dict[str, float | None]] = {}
    for total in SIZES:
        with tempfile.TemporaryDirectory(dir=TMP_PARENT, prefix=".bench-") as tmp:
            ours = asyncio.run(bench_ours(total, Path(tmp) / "ours"))
            stock = None if args.no_stock else bench_stock(total, Path(tmp), STOCK_SAMPLES[total])
        results[str(total)] = {**ours, "stock_write_p50_ms": stock}
        if not args.json:
            ratio = f"{stock / ours['write_p50_ms']:.0f}x faster" if stock else "stock not run"
            print(
                f"{total:>7} check-ins: write p50 {ours['write_p50_ms']:.2f} ms, "
                f"p99 {ours['write_p99_ms']:.2f} ms; lookup p50 {ours['lookup_p50_ms']:.3f} ms; "
                f"stock TinyDB write p50 {stock if stock is None else f'{stock:.1f} ms'} "
                f"({ratio})",
                flush=True,
            )
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
