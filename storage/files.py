"""TinyDB underneath: a crash-safe JSON file with a journal of changed documents, kept in memory.

Stock `JSONStorage` re-reads and re-parses the whole file on every query and rewrites it in
place on every write, so a crash mid-write leaves a truncated file. Here TinyDB stays the query
layer, and what sits under it changes (the documents in memory, the table that hands over only
what a write changed and the field indexes are storage/memory_tables.py):

- `SafeJSONStorage` parses its file once and answers reads from memory. A write appends the
  changed documents as one line to `<file>.journal` (one small append, whatever the size of
  the table or the file) and returns: the line is the kernel's, so a crash or kill -9 of the
  bot cannot lose it. The `Syncer` thread (storage/journal.py) puts it on the disk with
  `fdatasync` within milliseconds, in one flush with whatever else was written meanwhile
  (group commit), then closes the journal, so no handle stays open however many files there
  are, and no storage call waits for the disk. A power cut can lose the writes of those last
  milliseconds (never anything older, never a file); a caller that must not lose even those
  awaits `Store.durable()`.
- When a journal outgrows its snapshot, it is renamed `<file>.journal.old` and a `Compactor`
  thread folds it into a new snapshot from the files on disk (temp file, fsync, `os.replace`,
  fsync the folder, then the old journal goes): the storage thread only renames.

Why this is safe at any instant:
- the snapshot is only ever replaced whole, so it is always the old or the new complete file;
- a journal line sets documents to their new value (or deletes them): replaying lines that the
  snapshot already contains (a crash between replacing the snapshot and deleting the old
  journal) sets the same documents to the same values, so changes nothing;
- a crash mid-append leaves a last line without its newline: that write never returned, so the
  fragment is dropped at load. A broken line anywhere else means real damage: the bot refuses
  to start and names the file, and nothing overwrites it;
- a power cut loses at most the appends not yet flushed (the last milliseconds'): files are
  flushed in the order they were first written, and a step that replaces or deletes a file (a
  fold, a first snapshot, a class deleted) first waits until every earlier append is flushed,
  so nothing older is lost and no file is left half-written.

Data written by earlier versions opens as it is: their journal lines hold whole tables
(``{"set": {table: {...}}, "del": [...]}``) and are still replayed; new lines hold documents
(``{"doc": {table: {id: document or null}}}``).
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future
from pathlib import Path

from storage.journal import (
    Compactor,
    Doc,
    Syncer,
    Tables,
    dumps,
    fsync_dir,
    journal_path,
    load_json_file,
    replay,
    rotated_path,
    write_snapshot,
)
from storage.memory_tables import MemoryStorage, share_strings

__all__ = ["SafeJSONStorage"]

log = logging.getLogger(__name__)


# Fold the journal into the snapshot once it is this many times the snapshot's size (and at
# least this big): replay at open stays cheap, and folding is rare.
COMPACT_RATIO = 2
COMPACT_MIN_BYTES = 64 * 1024


class SafeJSONStorage(MemoryStorage):
    """One snapshot plus its journal, loaded once and kept in memory; every write is durable."""

    def __init__(
        self, path: str | Path, compactor: Compactor | None = None, syncer: Syncer | None = None
    ) -> None:
        super().__init__()
        self._path = Path(path)
        self._journal = journal_path(self._path)
        self._compactor = compactor
        self._syncer = syncer
        # A corrupt file raises here, before anything could overwrite it.
        self._data = self._load()
        if self._data is not None:
            share_strings(self._data)

    # -- loading -------------------------------------------------------------------------------

    def _load(self) -> Tables | None:
        data = load_json_file(self._path)
        self._has_snapshot = data is not None
        self._snapshot_bytes = self._path.stat().st_size if data is not None else 0
        tables: Tables = dict(data or {})
        found = data is not None
        old = rotated_path(self._path)
        try:
            raw_old = old.read_bytes()
        except FileNotFoundError:
            raw_old = None
        if raw_old is not None:
            found = True
            replay(tables, raw_old, old)
            if self._compactor is not None:  # a fold a crash interrupted: finish it
                self._compactor.submit(self._path, self._folded)
        try:
            raw = self._journal.read_bytes()
        except FileNotFoundError:
            self._journal_bytes = 0
            return tables if found else None
        self._journal_bytes = replay(tables, raw, self._journal)
        if len(raw) != self._journal_bytes:
            # The last append never finished, so it was never confirmed: drop it, so the next
            # append starts on a clean line. (Only this unconfirmed tail is ever cut.)
            with open(self._journal, "r+b") as fh:
                fh.truncate(self._journal_bytes)
                os.fsync(fh.fileno())
        return tables if (found or self._journal_bytes) else None

    # -- writing -------------------------------------------------------------------------------

    @property
    def appends(self) -> bool:
        """Whether a write now is a short append: not the first of the file, which writes it
        whole and waits for the disk."""
        return self._has_snapshot

    def _persist(self, table: str, docs: dict[str, Doc | None]) -> None:
        if not self._has_snapshot:
            self._write_whole(self._data or {})
            return
        self._append(dumps({"doc": {table: docs}}) + b"\n")
        if (
            self._journal_bytes > max(COMPACT_MIN_BYTES, COMPACT_RATIO * self._snapshot_bytes)
            and self._compactor is not None
            and not rotated_path(self._path).exists()
        ):
            self._rotate()
            self._compactor.submit(self._path, self._folded)

    def _persist_all(self, data: Tables) -> None:
        if not self._has_snapshot:
            self._write_whole(data)
            return
        dropped = [name for name in (self._data or {}) if name not in data]
        self._append(dumps({"set": data, "del": dropped}) + b"\n")

    def _append(self, line: bytes) -> None:
        if self._syncer is not None:
            self._syncer.check()  # after a failed flush, nothing more is acknowledged
        created = self._journal_bytes == 0 and not self._journal.exists()
        fd = os.open(self._journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            if created:
                # The new journal's name must survive a power cut too.
                if self._syncer is not None:
                    self._syncer.add(os.open(self._path.parent, os.O_RDONLY))
                else:
                    fsync_dir(self._path.parent)
            written = os.write(fd, line)
            if written != len(line):  # pragma: no cover - a full disk
                raise OSError(f"short write to {self._journal}")
            if self._syncer is None:
                os.fdatasync(fd)
        except BaseException:
            # Cut off whatever part of the line got written, so the next append starts clean
            # (should that fail too, the unterminated tail is dropped at the next load).
            try:
                os.ftruncate(fd, self._journal_bytes)
            except OSError:  # pragma: no cover
                pass
            os.close(fd)
            raise
        self._journal_bytes += len(line)
        if self._syncer is None:
            os.close(fd)
        else:
            # The line is the kernel's now (a crash of this process cannot lose it); the
            # syncer puts it on the disk within milliseconds, grouped with other writes.
            self._syncer.add(fd)

    def _write_whole(self, data: Tables) -> None:
        """Write everything as a fresh snapshot (the first write of a file, and `fold_now`)."""
        if self._compactor is not None:
            self._compactor.wait(self._path)  # a fold under way would replace it again
        if self._syncer is not None:
            # Earlier writes (to this file and others) reach the disk before this one does.
            self._syncer.barrier()
        payload = dumps(data)
        write_snapshot(self._path, payload)
        # Only now may the journals go: replaying them over the new snapshot changes nothing.
        removed = False
        for journal in (self._journal, rotated_path(self._path)):
            if journal.exists():
                journal.unlink()
                removed = True
        if removed:
            fsync_dir(self._path.parent)
        self._has_snapshot = True
        self._snapshot_bytes = len(payload)
        self._journal_bytes = 0

    def _rotate(self) -> None:
        # No fsync of the folder here (it would be the slowest part of the step): until one
        # happens, a crash leaves the journal under its old name or its new one, with the same
        # lines, and both are replayed at load. The next journal's creation and the fold both
        # sync the folder before anything depends on the rename.
        os.replace(self._journal, rotated_path(self._path))
        self._journal_bytes = 0

    def _folded(self, size: int) -> None:
        self._snapshot_bytes = size
        self._has_snapshot = True

    # -- folding on request ----------------------------------------------------------------------

    def compact(self) -> tuple[Future[int] | None, bool]:
        """Have everything written so far folded into a fresh snapshot, so no earlier version
        of any record stays on disk (after a person asked to be forgotten).

        Returns the fold to wait for (None: nothing to fold) and whether it covers everything
        written so far; if not (a fold was already under way), call again once it is done.
        The storage thread only renames the journal and never waits for a fold here."""
        if self._compactor is None:
            self.fold_now()
            return None, True
        pending = self._compactor.pending(self._path)
        if pending is not None:
            return pending, False
        if rotated_path(self._path).exists():  # an earlier fold failed: that one first
            return self._compactor.submit(self._path, self._folded), False
        if self._journal_bytes == 0:
            return None, True
        self._rotate()
        return self._compactor.submit(self._path, self._folded), True

    def fold_now(self) -> None:
        """Write the tables as a fresh snapshot here and now, and drop the journals."""
        if self._data is not None:
            self._write_whole(self._data)

    def close(self) -> None:
        """Nothing stays open between writes; kept for TinyDB's interface."""
