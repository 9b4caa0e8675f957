"""Chapter benchmark: a whole IAIM chapter (50, 500, 5,000 classes) served by one bot process.

For each size it seeds a realistic chapter in the real data-folder layout, through the real
storage code (`storage.files.SafeJSONStorage` writes every file; classes, members, check-ins,
questions, sent logs matching each class's real schedule, announcements, week notes, instructors,
invites, group links, user records, ended classes), opens it once as the bot would after an
upgrade (any schema migration runs there, timed as `migrate_s`, and the command menus are set
once), and then, in a fresh process so memory figures are the bot's own:

- `open_s`, `startup_s`: `Store.open()`, and `bot.startup()` (menus, every class's job, the
  announcements still to send, check-in states); `open_cpu_s`, `startup_cpu_s`: the process's
  CPU seconds meanwhile, all threads (less sensitive to a busy machine than the wall clock);
  `startup_menu_calls`: setMyCommands calls then;
- `rss_mb`: resident memory after start-up; `warm_s`, `rss_warm_mb`: how long the matchers
  and safety nets built in threads after start-up took to be ready, and the memory then (the
  latencies below are measured after); `rss_end_mb`: at the end; `gc_max_ms`: the longest full
  garbage collection during the rest of the run;
- `journal_bytes_per_checkin`: bytes appended to disk by one durable check-in (median of 30);
- `faq_p50_ms`/`faq_p99_ms`: a parent's question answered from the FAQ, a different one each
  time (the 124 FAQ questions of tests/data/faq-heldout.tsv, in turn), the whole update
  including the durable save of what it changed after the answer went (`faq_reply_p50_ms`/
  `faq_reply_p99_ms`: until the answer reached the API), and
  `checkin_step_p50_ms`/`checkin_step_p99_ms`: each step of a check-in (/checkin and five
  button presses), both through `Application.process_update` against an in-process fake API;
- `forgetme_s`: a parent pressing "Yes, delete" after /forgetme; `delete_class_s`: the retention
  deletion of an ended class (`jobs.retention.delete_class_data`); `max_stall_ms`: the longest
  any other storage call waited meanwhile (a probe calls `Store.get_user` back to back);
- burst: the day-before reminders of up to 300 classes due in the same minute (10 families and a
  group each: 3,300 sends at 300 classes), run by the real course jobs against the HTTP fake Bot
  API enforcing Telegram's limits (30/s, 20/min per group) with 50 ms per call, while a parent
  asks a question every 2 s: `burst_reply_p50_s`/`burst_reply_p99_s` (question to answer),
  `burst_last_send_s` (first to last accepted send; `burst_ideal_s` is sends / 30),
  `burst_lost` and `burst_duplicates`;
- `open_files`: file handles into the data folder after a write to each of up to 1,100 classes
  (past the 1,024 default limit of a systemd service), once their flush is done.

    python bench/chapter.py [--sizes 50,500,5000] [--json] [--no-burst]

`--json` prints one object keyed by size ("50", "500", "5000"). Seeding skips fsync (then syncs
once); everything measured afterwards is durable as in production. This file is the driver; the
seeding is `bench/chapter_seed.py`, the measuring (in the fresh process) `bench/chapter_measure.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.chapter_measure import measure, prepare  # noqa: E402
from bench.chapter_seed import no_fsync, seed  # noqa: E402

SIZES = (50, 500, 5000)


# -- the driver ----------------------------------------------------------------------------------


def _child(phase: str, folder: Path, extra: list[str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--phase", phase, str(folder), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{phase} failed:\n{proc.stderr[-4000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def run_size(size: int, burst: bool) -> dict[str, Any]:
    """Seed one chapter in a temporary folder and measure it."""
    with tempfile.TemporaryDirectory(prefix=f"bench-chapter-{size}-", dir=ROOT) as tmp:
        folder = Path(tmp) / "data"
        started = time.perf_counter()
        with no_fsync():
            chapter = seed(folder, size, datetime.now(UTC))
        seeded = {
            "seed_s": round(time.perf_counter() - started, 1),
            "disk_mb": round(
                sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1
            ),
            "classes": size,
        }
        info = {
            "active": chapter.active,
            "ended": chapter.ended,
            "burst": chapter.burst,
            "burst_at": chapter.burst_at.isoformat() if chapter.burst_at else None,
            "checkin_parents": chapter.checkin_parents,
            "askers": chapter.askers,
            "forgetters": chapter.forgetters,
        }
        (Path(tmp) / "chapter.json").write_text(json.dumps(info))
        figures = _child("prepare", folder, [])
        figures.update(
            _child("measure", folder, [str(Path(tmp) / "chapter.json"), "1" if burst else "0"])
        )
        return {**seeded, **figures}


def main() -> int:
    """Parse the options, run each size, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object keyed by size")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="e.g. 50,500")
    parser.add_argument("--no-burst", action="store_true", help="skip the 30/s send burst")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    if args.phase == "prepare":
        print(json.dumps(asyncio.run(prepare(Path(args.rest[0])))))
        return 0
    if args.phase == "measure":
        folder, info, burst = (
            Path(args.rest[0]),
            json.loads(Path(args.rest[1]).read_text()),
            args.rest[2],
        )
        print(json.dumps(asyncio.run(measure(folder, info, burst == "1"))))
        return 0
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        results[str(size)] = run_size(size, not args.no_burst)
        if not args.json:
            print(f"{size} classes:", json.dumps(results[str(size)]), flush=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
