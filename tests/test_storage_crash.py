"""Crash safety: a writer killed with SIGKILL at random moments (mid-append, mid-fold of a
journal into its snapshot) never leaves a broken file or loses a write it had confirmed."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from storage.repo import Store

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 30


def _confirmed_then_kill(folder: Path, start: int, rng: random.Random) -> list[int]:
    """Start a writer, let it confirm a random number of writes, SIGKILL it at a random moment."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash_writer", str(folder), str(start)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    confirmed: list[int] = []
    target = rng.randint(1, 60)
    deadline = time.monotonic() + 30
    while len(confirmed) < target and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        confirmed.append(int(line.split()[1]))
    # Land the kill at a random point inside the next write, not always between two writes.
    time.sleep(rng.random() * 0.002)
    os.kill(proc.pid, signal.SIGKILL)
    # Lines printed before the kill were confirmed too.
    rest = proc.stdout.read()
    proc.wait(timeout=10)
    confirmed += [int(line.split()[1]) for line in rest.splitlines() if line.startswith("ok ")]
    assert confirmed, "the writer confirmed nothing before the deadline"
    return confirmed


async def test_sigkill_at_random_moments_loses_nothing_confirmed(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    folder = tmp_path / "data"
    confirmed: list[int] = []
    start = 0
    for _ in range(ROUNDS):
        confirmed += _confirmed_then_kill(folder, start, rng)
        # Every snapshot still parses as JSON on its own, and every complete journal line too
        # (only an unconfirmed last line may be cut off), before the repository touches them.
        for path in folder.rglob("*.json"):
            json.loads(path.read_text(encoding="utf-8"))
        for path in [*folder.rglob("*.json.journal"), *folder.rglob("*.json.journal.old")]:
            for line in path.read_bytes().split(b"\n")[:-1]:
                json.loads(line)
        start = confirmed[-1] + 1 + 1000  # never reuse a number a killed write may have used

    store = Store(folder)
    await store.open()
    class_id = (await store.all_classes())[0]["id"]
    weeks = {r["week"] for r in await store.checkins(class_id)}
    # The index first: reading the sent log would complete the index from it.
    (done,) = [keys for record, keys in await store.classes_with_sent() if record["id"] == class_id]
    sent = await store.sent_keys(class_id)
    for n in confirmed:
        assert n in weeks, f"confirmed check-in {n} was lost"
        assert (await store.get_user(1000 + n))["n"] == n, f"confirmed user write {n} was lost"
        assert f"k:{n}" in sent, f"confirmed sent-log entry {n} was lost"
        assert f"k:{n}:done" in done, f"confirmed completion {n} is missing from the index"
    await store.close()
