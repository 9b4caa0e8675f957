"""Group commit: a write returns once its line is in its journal (a kill -9 cannot lose it,
tests/test_storage_crash.py), and the disk flush follows on the syncer's thread, shared by the
writes of the moment. The disk is held back here by gating `os.fdatasync`, the one call that
thread makes; everything else (the store, its files, its threads) is real."""

from __future__ import annotations

import asyncio
import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.repo import Store


class HeldDisk:
    """`os.fdatasync` and `os.fsync` that wait for `release` (a disk slow to flush), noting the
    files they flushed in order; with `fail` set, fdatasync fails as a dying disk does (EIO)."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.flushed: list[str] = []
        self.fail = False
        self._fdatasync, self._fsync = os.fdatasync, os.fsync

    def fdatasync(self, fd: int) -> None:
        self.open.wait()
        if self.fail:
            raise OSError(errno.EIO, "Input/output error")
        self.flushed.append(os.readlink(f"/proc/self/fd/{fd}"))
        self._fdatasync(fd)

    def fsync(self, fd: int) -> None:
        self.open.wait()
        self.flushed.append(os.readlink(f"/proc/self/fd/{fd}"))
        self._fsync(fd)

    def release(self) -> None:
        """Let the flushes through."""
        self.open.set()


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldDisk]:
    held = HeldDisk()
    monkeypatch.setattr(os, "fdatasync", held.fdatasync)
    monkeypatch.setattr(os, "fsync", held.fsync)
    yield held
    held.release()  # never leave the syncer's thread waiting


async def _store(folder: Path) -> tuple[Store, str]:
    store = Store(folder)
    await store.open()
    klass = await store.create_class(10, {"name": "Tuesday babies", "tz": "Europe/London"})
    # A person's first appearance in a class waits for its flush (Database.barrier): done here,
    # while the disk still flushes at once.
    await store.add_member(klass["id"], 7, {"first_name": "Ana"})
    await store.durable()
    return store, klass["id"]


async def test_a_write_returns_before_its_flush_and_durable_waits_for_the_flush(
    tmp_path: Path, disk: HeldDisk
) -> None:
    disk.release()
    store, class_id = await _store(tmp_path)
    disk.open.clear()  # the disk is slow from now on
    flushed_before = len(disk.flushed)
    await store.save_checkin(class_id, 7, 1, {"days": "3-4"})
    await store.update_user(7, {"lang": "es"})
    # Both writes returned, and their lines are in their journals (another process reading the
    # folder sees them), while nothing has been flushed yet.
    journals = b"".join(
        p.read_bytes()
        for p in tmp_path.rglob("*.journal")  # noqa: ASYNC240 - a test's check
    )
    assert b'"3-4"' in journals and b'"es"' in journals
    assert len(disk.flushed) == flushed_before
    waiting = asyncio.ensure_future(store.durable())
    await asyncio.sleep(0)
    assert not waiting.done()
    disk.release()
    await waiting
    # One flush for each file written, the class file before the user shard (written first).
    flushed = disk.flushed[flushed_before:]
    assert flushed.index(f"{tmp_path}/classes/{class_id}.json.journal") < flushed.index(
        f"{tmp_path}/users/07.json.journal"
    )
    await store.close()


async def test_a_fold_waits_until_every_earlier_write_is_flushed(
    tmp_path: Path, disk: HeldDisk
) -> None:
    disk.release()
    store, class_id = await _store(tmp_path)
    disk.open.clear()
    await store.update_user(71, {"lang": "fr"})  # another file (user 7's shard), not flushed
    flushed_before = len(disk.flushed)
    # /forgetme folds the files that named the person: the class file's new snapshot must not
    # reach the disk before the earlier write to the other file.
    forgetting = asyncio.ensure_future(store.forget_user(7))
    disk.release()
    await forgetting
    assert await store.get_member(class_id, 7) is None
    flushed = disk.flushed[flushed_before:]
    # The user shard's journal may have been rotated or folded away by the time its flush ran
    # (its name then reads "....journal.old" or "... (deleted)"): any file of the shard counts.
    shard = next(i for i, name in enumerate(flushed) if name.startswith(f"{tmp_path}/users/07."))
    assert shard < flushed.index(f"{tmp_path}/classes/{class_id}.json.tmp")
    await store.close()
    again = Store(tmp_path)
    await again.open()
    assert (await again.get_user(71))["lang"] == "fr"
    await again.close()


async def test_after_a_failed_flush_no_write_is_acknowledged(
    tmp_path: Path, disk: HeldDisk
) -> None:
    disk.release()
    store, class_id = await _store(tmp_path)
    disk.fail = True
    await store.save_checkin(class_id, 7, 1, {"days": "3-4"})
    with pytest.raises(OSError):
        await store.durable()
    # The kernel may have dropped what it could not write: nothing more is acknowledged.
    with pytest.raises(OSError):
        await store.save_checkin(class_id, 7, 2, {"days": "0"})
    assert [c["week"] for c in await store.checkins(class_id)] == [1]
    disk.fail = False
    await store.close()
