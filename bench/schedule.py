"""Schedule benchmark: the start-up rebuild of the course jobs for 2,000 classes, and its memory.

It seeds a fresh data folder with 2,000 five-week classes (8 families each) spread over four
months around today, so about a third are over, a third under way (with their sent logs filled
in as a running bot would have left them) and a third still to start. Then, as at a real start,
it opens the store, builds the Application and rebuilds every class's job (jobs/course.py:
one job per class, for its next due moment) until they sit in APScheduler's job store.

For comparison it then adds, to a second, empty job queue, one job per pending message (the
design jobs/course.py does NOT use), and reports its time and memory.

    python bench/schedule.py            figures, one per line
    python bench/schedule.py --json     one JSON object (rebuild_s, rss_mb, ...)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from bot import build_application
from config import Settings
from content.loader import load_content
from domain.schedule import due_messages
from jobs import course as course_jobs
from jobs.delivery import sent_key
from jobs.timing import DONE, offsets_for, schedule_for, session_ref
from playground.fake_request import RecordingRequest
from storage.repo import Store

CLASSES = 2_000
FAMILIES = 8
SESSIONS = 5
TOKEN = "123456:BENCHtokenBENCHtokenBENCHtokenBEN"


def rss_mb() -> float:
    """The process's resident memory now, in MB (from /proc)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def class_record(index: int, today: date, rng: random.Random) -> dict[str, Any]:
    """A class starting somewhere between eight weeks ago and eight weeks ahead."""
    first = today + timedelta(days=rng.randint(-56, 56))
    return {
        "name": f"Class {index}",
        "tz": rng.choice(["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]),
        "first_date": first.isoformat(),
        "start": rng.choice(["09:30", "10:00", "11:00", "14:00", "19:00"]),
        "sessions": SESSIONS,
        "length_min": 60,
        "venue": "Community hall",
        "moved": {},
        "cancelled": [],
        "ended_after": None,
        "times": {},
    }


async def seed(folder: Path, now: datetime) -> None:
    """Write the classes, members and sent logs (fsync off: seeding is not what is measured)."""
    real_fsync, real_fdatasync = os.fsync, os.fdatasync
    os.fsync = os.fdatasync = lambda fd: None  # type: ignore[assignment]
    try:
        store = Store(folder)
        await store.open()
        rng = random.Random(7)
        today = now.date()
        for index in range(CLASSES):
            record = await store.create_class(1, class_record(index, today, rng))
            db = store.db.class_db(record["id"])
            assert db is not None
            members = [index * 100 + f for f in range(FAMILIES)]
            db.table("members").insert_multiple(
                {"user_id": m, "first_name": "P", "role": "parent", "active": True} for m in members
            )
            # What a running bot would have sent by now: every past due, to everyone.
            schedule = schedule_for(record)
            keys = []
            for due in due_messages(schedule, offsets_for(record)):
                if due.at > now:
                    break
                ref = session_ref(schedule, due.session)
                keys.append(sent_key(due.kind, ref, DONE))
                keys += [sent_key(due.kind, ref, m) for m in members]
            if keys:
                db.table("sent").insert_multiple(
                    {"key": k, "at": "2026-01-01"} for k in keys if not k.endswith(":done")
                )
            for key in (k for k in keys if k.endswith(":done")):
                await store.mark_sent(record["id"], key)  # also noted in the class index
        await store.close()
    finally:
        os.fsync, os.fdatasync = real_fsync, real_fdatasync


async def measure(folder: Path, now: datetime) -> dict[str, Any]:
    """Open the store and rebuild the jobs as a real start does; then the per-message design."""
    rss_start = rss_mb()
    began = time.perf_counter()
    store = Store(folder)
    await store.open()
    store_open_s = time.perf_counter() - began
    rss_store = rss_mb()

    settings = Settings(token=TOKEN, data_dir=folder)
    app = build_application(settings, store, load_content(), request=RecordingRequest())
    app.bot_data["clock"] = lambda: now
    began = time.perf_counter()
    jobs = await course_jobs.rebuild(app)
    assert app.job_queue is not None
    # What app.start() does next: move the pending jobs into the job store (paused: measure,
    # do not run them).
    app.job_queue.scheduler.start(paused=True)
    rebuild_s = time.perf_counter() - began
    rss_jobs = rss_mb()

    # The design not taken: one APScheduler job per pending message.
    other = build_application(settings, store, load_content(), request=RecordingRequest())
    assert other.job_queue is not None
    pending = []
    for record, sent in await store.classes_with_sent():
        _, dues = course_jobs._pending_dues(record, sent, now, None)
        pending += [(record["id"], due) for due in dues]
    rss_before_other = rss_mb()
    began = time.perf_counter()
    for class_id, due in pending:
        name = f"due:{class_id}:{due.kind}:{due.session}"
        other.job_queue.run_once(
            course_jobs._wake,
            max(due.at, now),
            data=class_id,
            name=name,
            job_kwargs={"id": name, "misfire_grace_time": None, "coalesce": True},
        )
    other.job_queue.scheduler.start(paused=True)
    per_message_s = time.perf_counter() - began
    per_message_mb = rss_mb() - rss_before_other

    app.job_queue.scheduler.shutdown(wait=False)
    other.job_queue.scheduler.shutdown(wait=False)
    await store.close()
    return {
        "classes": CLASSES,
        "store_open_s": round(store_open_s, 3),
        "store_mb": round(rss_store - rss_start, 1),
        "rebuild_s": round(rebuild_s, 3),
        "jobs": jobs,
        "jobs_mb": round(rss_jobs - rss_store, 1),
        "rss_mb": round(rss_jobs, 1),
        "per_message_jobs": len(pending),
        "per_message_s": round(per_message_s, 3),
        "per_message_mb": round(per_message_mb, 1),
    }


async def run() -> dict[str, Any]:
    """Seed a temporary folder, then measure."""
    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix="bench-schedule-") as tmp:
        folder = Path(tmp) / "data"
        await seed(folder, now)
        return await measure(folder, now)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = asyncio.run(run())
    if args.json:
        print(json.dumps(result))
        return
    print(f"classes                         {result['classes']}")
    print(f"store open (parse every file)   {result['store_open_s']:.3f} s")
    print(f"rebuild of the course jobs      {result['rebuild_s']:.3f} s  (target < 2 s)")
    print(f"classes with a job              {result['jobs']}")
    print(f"memory of those jobs            {result['jobs_mb']:.1f} MB")
    print(f"resident memory, all loaded     {result['rss_mb']:.1f} MB")
    print(
        f"one job per message instead     {result['per_message_jobs']} jobs, "
        f"{result['per_message_s']:.3f} s, {result['per_message_mb']:.1f} MB"
    )


if __name__ == "__main__":
    main()
