"""TinyDB storages: a crash-safe JSON file kept in memory, and the in-memory one for tests.

Stock `JSONStorage` re-reads and re-parses the whole file on every query and rewrites it in
place on every write, so a crash mid-write leaves a truncated file. `SafeJSONStorage` parses its
file once, answers reads from memory, and writes a whole new copy next to it that replaces the
old one only once it is safely on disk (write, flush, fsync, `os.replace`, fsync the folder).
At any instant the path holds either the old or the new complete file, never a mix.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import MemoryStorage, Storage

__all__ = ["MemoryStorage", "SafeJSONStorage", "StorageCorruptError", "fsync_dir"]


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


def load_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a data file, or return None when it does not exist; never guesses at a broken one."""
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


class SafeJSONStorage(Storage):
    """One JSON file, parsed once and kept in memory; every write is atomic and durable."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._tmp = self._path.with_name(self._path.name + ".tmp")
        # A corrupt file raises here, before anything could overwrite it.
        self._data = load_json_file(self._path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the tables from memory (TinyDB mutates them and then calls `write`)."""
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `data`, returning only once the new file is durable."""
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            with open(self._tmp, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(self._tmp, self._path)
            fsync_dir(self._path.parent)
        except BaseException:
            # TinyDB has already changed `data` in place; the disk is the truth, so re-read it
            # rather than serve a change that was never stored.
            self._data = load_json_file(self._path)
            raise
        self._data = data

    def close(self) -> None:
        """Nothing to release: the file is not held open between writes."""
