"""The files under TinyDB (storage/files.py): a JSON snapshot and a journal of changed
documents beside it, how a journal line is replayed, how a snapshot is replaced whole, and the
`Compactor` thread that folds a journal into a new snapshot off the storage thread. Why this is
crash-safe at any instant is told in storage/files.py."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Doc = dict[str, Any]
Tables = dict[str, dict[str, Any]]
# A write's changes to one table: document id -> (before, after); None = absent.
Changes = dict[str, tuple[Doc | None, Doc | None]]


class StorageCorruptError(Exception):
    """A data file exists but does not parse; it is left untouched for a person to inspect."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk, so a rename or a new file survives a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def dumps(data: object) -> bytes:
    """Compact UTF-8 JSON, as every snapshot and journal line is written."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a snapshot, or return None when it does not exist; never guesses at a broken one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorageCorruptError(path, f"not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise StorageCorruptError(path, "expected a JSON object of tables")
    return data


def journal_path(path: Path) -> Path:
    """The journal that goes with a snapshot file."""
    return path.with_name(path.name + ".journal")


def rotated_path(path: Path) -> Path:
    """A journal set aside to be folded into the snapshot."""
    return path.with_name(path.name + ".journal.old")


def replay(tables: Tables, raw: bytes, source: Path) -> int:
    """Apply complete journal lines to `tables` in order; returns the bytes they take.

    A last line without its newline is an append that never finished (never confirmed), so it
    is left out; any other line that does not parse is damage and raises.
    """
    complete, _, _ = raw.rpartition(b"\n")
    if not complete:
        return 0
    for number, line in enumerate(complete.split(b"\n"), start=1):
        try:
            entry = json.loads(line)
            if "doc" in entry:
                for name, docs in entry["doc"].items():
                    table = tables.setdefault(name, {})
                    for doc_id, doc in docs.items():
                        if doc is None:
                            table.pop(doc_id, None)
                        else:
                            table[doc_id] = doc
            else:  # a whole-table line, as earlier versions wrote them
                tables.update(entry["set"])
                for name in entry["del"]:
                    tables.pop(name, None)
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
            raise StorageCorruptError(source, f"line {number} is damaged ({e})") from None
    return len(complete) + 1


def write_snapshot(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` atomically and durably."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fold(path: Path) -> int:
    """Fold `<path>.journal.old` into the snapshot, from the files on disk; returns its size.

    Only the compactor runs this, and nothing else touches these two files meanwhile (the
    storage appends to a fresh journal; a load waits for the fold first)."""
    old = rotated_path(path)
    try:
        raw = old.read_bytes()
    except FileNotFoundError:
        return path.stat().st_size if path.exists() else 0
    tables: Tables = load_json_file(path) or {}
    replay(tables, raw, old)
    payload = dumps(tables)
    write_snapshot(path, payload)
    # Only now may the old journal go: replaying it over the new snapshot changes nothing.
    old.unlink()
    fsync_dir(path.parent)
    return len(payload)


class Compactor:
    """Folds set-aside journals into their snapshots on its own threads, never the storage's.

    Loads of a file wait for its fold (`wait`), so a load never sees a half-swapped pair."""

    def __init__(self) -> None:
        # A few at once: most of a fold is waiting for fsync, and one file is never folded
        # twice at the same time (`_pending`).
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="compact")
        self._pending: dict[Path, Future[int]] = {}
        self._lock = threading.Lock()

    def submit(self, path: Path, done: Callable[[int], None] | None = None) -> Future[int]:
        """Fold `path`'s old journal soon; `done` gets the new snapshot size."""
        with self._lock:
            # A fold under way may be past reading the old journal it was given, and this one
            # may be a new one set aside since (a journal can be rotated while the last fold is
            # still syncing its folder): it goes after that fold.
            previous = self._pending.get(path)
            future = self._pool.submit(self._fold, path, previous)
            self._pending[path] = future

        def finished(f: Future[int]) -> None:
            with self._lock:
                if self._pending.get(path) is f:
                    del self._pending[path]
            if f.exception() is not None:
                # The old journal stays and is still replayed at load: nothing is lost, and
                # the next fold of this file tries again.
                log.warning("Could not fold the journal of %s: %s", path, f.exception())
            elif done is not None:
                done(f.result())

        future.add_done_callback(finished)
        return future

    @staticmethod
    def _fold(path: Path, previous: Future[int] | None) -> int:
        if previous is not None:
            previous.exception()  # waits; a failure was logged, and this fold tries again
        return fold(path)

    def pending(self, path: Path) -> Future[int] | None:
        """The fold of `path` under way, if any."""
        with self._lock:
            return self._pending.get(path)

    def wait(self, path: Path) -> None:
        """Return once no fold of `path` is under way (raises what a failed fold raised)."""
        with self._lock:
            future = self._pending.get(path)
        if future is not None:
            future.result()

    def wait_all(self) -> None:
        """Return once the folds under way are done (a backup's freeze, on the storage thread,
        where nothing can submit another meanwhile). A failed fold left its old journal in
        place, which is still a consistent pair, so its error is not raised here."""
        with self._lock:
            futures = list(self._pending.values())
        for future in futures:
            future.exception()  # waits; the failure was logged by `finished`

    def close(self) -> None:
        """Finish the folds under way and stop the thread."""
        self._pool.shutdown(wait=True)
