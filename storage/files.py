"""TinyDB storages: a crash-safe JSON file with a journal, kept in memory; and the in-memory one.

Stock `JSONStorage` re-reads and re-parses the whole file on every query and rewrites it in
place on every write, so a crash mid-write leaves a truncated file. `SafeJSONStorage` parses its
file once and answers reads from memory. A write appends the tables it changed, whole, as one
line to `<file>.journal` and returns after `fdatasync`: one small append and one sync, however
big the rest of the file is. When the journal outgrows the snapshot, the snapshot is rewritten
atomically (temp file, fsync, `os.replace`, fsync the folder) and the journal emptied.

Why this is safe at any instant:
- the snapshot is only ever replaced whole, so it is always the old or the new complete file;
- a journal line is whole tables, not deltas, so replaying lines that the snapshot already
  contains (a crash between rewriting the snapshot and emptying the journal) changes nothing;
- a crash mid-append leaves a last line without its newline: that write never returned, so
  the fragment is dropped at load. A broken line anywhere else means real damage: the bot
  refuses to start and names the file, and nothing overwrites it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import MemoryStorage, Storage

__all__ = ["MemoryStorage", "SafeJSONStorage", "StorageCorruptError", "fsync_dir"]

Tables = dict[str, dict[str, Any]]

# Rewrite the snapshot once the journal is this many times its size (and at least this big):
# replay at start stays cheap, and the rewrite is rare.
COMPACT_RATIO = 4
COMPACT_MIN_BYTES = 64 * 1024


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


def _dumps(data: object) -> bytes:
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


class SafeJSONStorage(Storage):
    """One snapshot plus its journal, loaded once and kept in memory; every write is durable."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._journal = journal_path(self._path)
        self._tmp = self._path.with_name(self._path.name + ".tmp")
        self._fd: int | None = None
        # A corrupt file raises here, before anything could overwrite it.
        self._data = self._load()
        # The table objects as last stored: TinyDB assigns a new dict to a table it changes,
        # so identity tells which tables a write changed.
        self._stored = dict(self._data or {})

    # -- loading -------------------------------------------------------------------------------

    def _load(self) -> Tables | None:
        data = load_json_file(self._path)
        self._has_snapshot = data is not None
        self._snapshot_bytes = self._path.stat().st_size if data is not None else 0
        try:
            raw = self._journal.read_bytes()
        except FileNotFoundError:
            self._journal_bytes = 0
            return data
        complete, _, torn = raw.rpartition(b"\n")
        if torn:
            # The last append never finished, so it was never confirmed: drop it, so the next
            # append starts on a clean line. (Only this unconfirmed tail is ever cut.)
            with open(self._journal, "r+b") as fh:
                fh.truncate(len(complete) + 1 if complete else 0)
                os.fsync(fh.fileno())
        tables: Tables = dict(data or {})
        for number, line in enumerate(complete.split(b"\n") if complete else [], start=1):
            try:
                entry = json.loads(line)
                tables.update(entry["set"])
                for name in entry["del"]:
                    tables.pop(name, None)
            except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
                raise StorageCorruptError(
                    self._journal, f"line {number} is damaged ({exc})"
                ) from None
        self._journal_bytes = len(complete) + 1 if complete else 0
        return tables if (data is not None or complete) else None

    # -- TinyDB's storage interface ------------------------------------------------------------

    def read(self) -> Tables | None:
        """Return the tables from memory (TinyDB changes them and then calls `write`)."""
        return self._data

    def write(self, data: Tables) -> None:
        """Store the tables `data` changed, returning only once the change is durable."""
        changed = {name: t for name, t in data.items() if self._stored.get(name) is not t}
        dropped = [name for name in self._stored if name not in data]
        try:
            if not self._has_snapshot or self._journal_bytes > max(
                COMPACT_MIN_BYTES, COMPACT_RATIO * self._snapshot_bytes
            ):
                self._write_snapshot(data)
            elif changed or dropped:
                self._append(_dumps({"set": changed, "del": dropped}) + b"\n")
        except BaseException:
            # TinyDB has already changed `data` in place; the disk is the truth, so reload it
            # rather than serve a change that was never stored.
            self.close()
            self._data = self._load()
            self._stored = dict(self._data or {})
            raise
        self._data = data
        self._stored = dict(data)

    def compact(self) -> None:
        """Fold the journal into a fresh snapshot now, so no earlier version of any record is
        left on disk (after a person asked to be forgotten)."""
        if self._data is not None and (self._journal_bytes or not self._has_snapshot):
            self._write_snapshot(self._data)

    def close(self) -> None:
        """Close the journal (every write was already durable)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- the two kinds of write ----------------------------------------------------------------

    def _append(self, line: bytes) -> None:
        if self._fd is None:
            created = not self._journal.exists()
            self._fd = os.open(self._journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            if created:
                fsync_dir(self._path.parent)  # the new journal's name must survive a power cut
        written = os.write(self._fd, line)
        if written != len(line):  # pragma: no cover - a full disk; the tail is dropped at load
            raise OSError(f"short write to {self._journal}")
        os.fdatasync(self._fd)
        self._journal_bytes += len(line)

    def _write_snapshot(self, data: Tables) -> None:
        payload = _dumps(data)
        with open(self._tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(self._tmp, self._path)
        fsync_dir(self._path.parent)
        # Only now may the journal go: replaying it over the new snapshot would change nothing.
        if self._journal_bytes:
            if self._fd is None:
                self._fd = os.open(self._journal, os.O_WRONLY | os.O_APPEND)
            os.ftruncate(self._fd, 0)
            os.fdatasync(self._fd)
        self._has_snapshot = True
        self._snapshot_bytes = len(payload)
        self._journal_bytes = 0
