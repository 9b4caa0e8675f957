"""The files under TinyDB (storage/files.py): a JSON snapshot and a journal of changed
documents beside it, how a journal line is replayed, how a snapshot is replaced whole, the
`Syncer` thread that flushes appended lines to the disk in groups, and the `Compactor` thread
that folds a journal into a new snapshot off the storage thread. Why this is crash-safe at any
instant is told in storage/files.py."""

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


class Syncer:
    """Flushes journal appends to the disk on its own thread, in groups (group commit).

    A write hands over the descriptor of the journal it has just appended to (`add`) and
    returns: its line is in the kernel's hands, so it survives a crash or a kill -9 of the bot
    at once. This thread then runs `fdatasync` for every file written since its last round, in
    the order they were first written, and closes the descriptors; the writes that land while
    one round is on the disk go in the next, so a burst of writes costs one sync per file, and
    no write, nor any storage call behind it, waits for the disk. What a power cut or a kernel
    crash can still lose is the writes of the last round or two (a few milliseconds); whoever
    must not lose a write waits for it (`wait`, `durable`), and every step that replaces or
    deletes a file waits for all earlier writes first (`barrier`), so nothing older is lost.

    A failed `fdatasync` (a failing disk) is not retried: the kernel may have dropped the lines
    it could not write, so a retry would claim what is not on disk. Every later write and wait
    raises it instead; memory and disk part ways, and only a restart (which reads the disk) may
    acknowledge writes again."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        # The files written since the last round, by inode, in the order first written: the
        # descriptor of one write each (the lines written through others are synced with it).
        self._pending: dict[tuple[int, int], int] = {}
        self._added = 0  # appends handed over so far: each one's number is its ticket
        self._synced = 0  # every append up to this ticket is on disk
        self._waiters: list[tuple[int, Future[None]]] = []
        self._error: OSError | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="storage-sync", daemon=True)
        self._thread.start()

    def check(self) -> None:
        """Raise the error of a failed flush, if one failed (before anything is written)."""
        if self._error is not None:
            raise OSError(self._error.errno, f"the disk failed a flush: {self._error}")

    def add(self, fd: int) -> int:
        """Take over `fd`, just appended to (or a folder just given an entry): it is synced and
        closed in the next round. Returns the append's ticket (for `wait` and `durable`)."""
        try:
            st = os.fstat(fd)
        except OSError:
            os.close(fd)
            raise
        key = (st.st_dev, st.st_ino)
        with self._cond:
            if key in self._pending:
                # The round to come syncs this file through the descriptor it holds already.
                os.close(fd)
            else:
                self._pending[key] = fd
            self._added += 1
            self._cond.notify_all()
            return self._added

    def wait(self, ticket: int | None = None) -> None:
        """Block until append `ticket` (default: every append so far) is on disk."""
        with self._cond:
            ticket = self._added if ticket is None else ticket
            while self._synced < ticket and self._error is None:
                self._cond.wait()
            if self._synced < ticket:
                self.check()

    barrier = wait

    def durable(self, ticket: int | None = None) -> Future[None]:
        """A future done once append `ticket` (default: every append so far) is on disk."""
        future: Future[None] = Future()
        with self._cond:
            ticket = self._added if ticket is None else ticket
            if self._synced >= ticket:
                future.set_result(None)
            elif self._error is not None:
                future.set_exception(OSError(self._error.errno, str(self._error)))
            else:
                self._waiters.append((ticket, future))
        return future

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if not self._pending:
                    return  # closed, and everything is on disk
                batch, self._pending = self._pending, {}
                upto = self._added
            error: OSError | None = None
            for fd in batch.values():
                try:
                    os.fdatasync(fd)
                except OSError as exc:
                    error = error or exc
                finally:
                    os.close(fd)
            with self._cond:
                if error is not None and self._error is None:
                    log.critical("The disk failed to flush the data folder: %s", error)
                    self._error = error
                if self._error is None:
                    self._synced = upto
                done = [(t, f) for t, f in self._waiters if t <= self._synced]
                failed = [(t, f) for t, f in self._waiters if t > self._synced and self._error]
                self._waiters = [w for w in self._waiters if w not in done and w not in failed]
                failure = self._error
                self._cond.notify_all()
            for _, future in done:
                future.set_result(None)
            for _, future in failed:
                assert failure is not None
                future.set_exception(OSError(failure.errno, f"the disk failed a flush: {failure}"))

    def close(self) -> None:
        """Flush what is pending and stop the thread."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join()


class Compactor:
    """Folds set-aside journals into their snapshots on its own threads, never the storage's.

    Loads of a file wait for its fold (`wait`), so a load never sees a half-swapped pair. With
    a `syncer`, a fold first waits for every write appended before it to be on disk, so the
    disk never holds a file's newer state without the older writes to the others."""

    def __init__(self, syncer: Syncer | None = None) -> None:
        # A few at once: most of a fold is waiting for fsync, and one file is never folded
        # twice at the same time (`_pending`).
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="compact")
        self._pending: dict[Path, Future[int]] = {}
        self._lock = threading.Lock()
        self._syncer = syncer

    def submit(self, path: Path, done: Callable[[int], None] | None = None) -> Future[int]:
        """Fold `path`'s old journal soon; `done` gets the new snapshot size."""
        with self._lock:
            # A fold under way may be past reading the old journal it was given, and this one
            # may be a new one set aside since (writes that return fast can rotate a journal
            # while the last fold is still syncing its folder): it goes after that fold.
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

    def _fold(self, path: Path, previous: Future[int] | None) -> int:
        if previous is not None:
            previous.exception()  # waits; a failure was logged, and this fold tries again
        if self._syncer is not None:
            self._syncer.barrier()
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
