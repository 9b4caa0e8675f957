"""A child process for the backup test: writes through Store as fast as it can, confirms each
write, and answers `bot.py backup`'s requests as the running bot does (jobs/backup.py).

Usage: python -m tests.support.backup_writer DATA_DIR. Each line "ok N" on stdout is printed only
after write group N returned, i.e. after it was promised durable.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from jobs.backup import answer_requests
from storage import files
from storage.repo import Store

# Journals are set aside and folded every few KB instead of every 64 KB, so backups also land
# while a journal is being set aside or folded.
files.COMPACT_MIN_BYTES = 4096
CLASS_ID_FILE = "class-id"


async def answer(store: Store, folder: Path) -> None:
    """Look for backup requests every 20 ms (the bot looks every second)."""
    while True:
        await answer_requests(store, folder)
        await asyncio.sleep(0.02)


async def main(folder: Path) -> None:
    """Per group N: a check-in (class file), a user record (user shard), a sent-log key and a
    completed-message mark (class file and index shard), each its own durable write."""
    store = Store(folder)
    await store.open()
    class_id = (await store.create_class(1, {"name": "c"}))["id"]
    (folder.parent / CLASS_ID_FILE).write_text(class_id)
    answering = asyncio.create_task(answer(store, folder))
    n = 0
    while not answering.done():
        await store.save_checkin(class_id, 1000 + n % 8, n, {"n": n})
        await store.update_user(1000 + n, {"n": n})
        await store.mark_sent(class_id, f"k:{n}")
        await store.mark_sent(class_id, f"k:{n}:done")
        sys.stdout.write(f"ok {n}\n")
        sys.stdout.flush()
        n += 1
    answering.result()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
