"""A child process for the crash test: writes in a loop and confirms each durable write.

Usage: python -m tests.support.crash_writer DATA_DIR START. Each line "ok N" on stdout is printed
only after the repository call for write N returned, i.e. after it promised durability.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from storage import files
from storage.repo import Store

# Journals are set aside and folded into their snapshots every few KB instead of every 64 KB,
# so the kills also land while a journal is being set aside or folded.
files.COMPACT_MIN_BYTES = 4096


async def main(folder: Path, start: int) -> None:
    """Write check-ins, user records, sent-log entries and completed-message marks (which also
    write the class's index shard) forever, confirming each."""
    store = Store(folder)
    await store.open()
    classes = await store.all_classes()
    class_id = classes[0]["id"] if classes else (await store.create_class(1, {"name": "c"}))["id"]
    n = start
    while True:
        await store.save_checkin(class_id, 1000 + n % 8, n, {"n": n})
        await store.update_user(1000 + n, {"n": n})
        await store.mark_sent(class_id, f"k:{n}")
        await store.mark_sent(class_id, f"k:{n}:done")
        sys.stdout.write(f"ok {n}\n")
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
