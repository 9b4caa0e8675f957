"""Making a backup of the data folder: a consistent archive, and the note of the last one.

A backup is a state the store really had, never a copy torn across files:

- `freeze` runs ON the storage thread (the one thread that writes), so no write can happen
  while it works. It waits for the folds under way (the compactor threads are the only other
  writers, and nothing can start a new fold meanwhile), then hard-links every data file into a
  staging folder inside the data folder and notes each file's size. That takes milliseconds,
  and it is the backup's moment: every write acknowledged before it is in the archive, and
  nothing written after it.
- After the freeze the store carries on. What was frozen cannot change under the archive: a
  snapshot is only ever replaced by a new file (the link keeps the old one), and a journal only
  grows by appends beyond the noted size (bytes up to it are never rewritten).
- `write_archive` then reads the staged files, up to their noted sizes, into a tar.gz with a
  manifest (versions, time, every file's size and SHA-256), off the storage thread.

When no bot is running, `bot.py backup` takes the folder's lock itself (so no bot can start
meanwhile) and archives the files as they are. While one runs, it asks it for a freeze through
a request file that the bot picks up (`jobs/backup.py`), because the bot holds the lock.

What an archive holds is storage/backup_format.py; checking and restoring one,
storage/restore.py.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storage.backup_format import (
    ARCHIVE_FORMAT,
    CHUNK,
    MANIFEST,
    BackupError,
    data_files,
    schema_of,
)
from storage.database import Database
from storage.journal import fsync_dir

__all__ = [
    "LAST_BACKUP",
    "REQUESTS_DIR",
    "STAGING_DIR",
    "Frozen",
    "freeze",
    "freeze_idle",
    "last_backup",
    "record_backup",
    "write_archive",
]

# Inside the data folder: the bot's staged links, requests from `bot.py backup`, and a note of
# the last backup for /status. None of them is a data file, and none goes into an archive.
STAGING_DIR = ".backup-staging"
REQUESTS_DIR = ".backup-requests"
LAST_BACKUP = ".last-backup.json"


@dataclass
class Frozen:
    """The data files as they were at one moment: where each is staged and its size then."""

    folder: Path  # where the files are read from (the staging folder, or the data folder)
    files: list[tuple[str, int]]
    schema_version: int
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


def freeze(db: Database, staging: Path) -> Frozen:
    """Stage every data file as it is now (call on the storage thread, see the module doc)."""
    assert db.folder is not None
    if db.compactor is not None:
        db.compactor.wait_all()  # a fold swaps a snapshot and deletes a journal: let it finish
    files: list[tuple[str, int]] = []
    for rel in data_files(db.folder):
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(db.folder / rel, target)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            # A filesystem without hard links: a copy, still taken while nothing writes.
            shutil.copyfile(db.folder / rel, target)
        files.append((rel, target.stat().st_size))
    return Frozen(staging, files, db.schema_version)


def freeze_idle(folder: Path) -> Frozen:
    """The files of a folder no bot is using (the caller holds its lock), as they are."""
    files = [(rel, (folder / rel).stat().st_size) for rel in data_files(folder)]
    return Frozen(folder, files, schema_of(folder))


def _read(path: Path, size: int) -> Iterator[bytes]:
    """The first `size` bytes of a file, in chunks (a journal may have grown since)."""
    with open(path, "rb") as fh:
        left = size
        while left > 0:
            chunk = fh.read(min(CHUNK, left))
            if not chunk:
                raise BackupError(f"{path} became shorter while it was being archived")
            left -= len(chunk)
            yield chunk


class _Prefix(io.RawIOBase):
    """A file object giving the bytes of `_read` (tarfile copies from a file object)."""

    def __init__(self, path: Path, size: int) -> None:
        self._chunks = _read(path, size)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._buffer:
            self._buffer = next(self._chunks, b"")
        n = min(len(buffer), len(self._buffer))
        buffer[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def write_archive(frozen: Frozen, out: Path, app_version: str) -> dict[str, Any]:
    """Write the frozen files and a manifest to `out` (a tar.gz, readable only by its owner);
    returns the manifest. `out` appears whole or not at all."""
    listed = []
    for rel, size in frozen.files:
        digest = hashlib.sha256()
        for chunk in _read(frozen.folder / rel, size):
            digest.update(chunk)
        listed.append({"path": rel, "size": size, "sha256": digest.hexdigest()})
    manifest = {
        "format": ARCHIVE_FORMAT,
        "app_version": app_version,
        "schema_version": frozen.schema_version,
        "created_at": frozen.at.isoformat(timespec="seconds"),
        "files": listed,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    mtime = frozen.at.timestamp()
    try:
        # The archive holds children's names and birth dates: only its owner may read it.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            body = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), mtime, 0o600
            tar.addfile(info, io.BytesIO(body))
            for rel, size in frozen.files:
                info = tarfile.TarInfo(f"data/{rel}")
                info.size, info.mtime, info.mode = size, mtime, 0o600
                tar.addfile(info, io.BufferedReader(_Prefix(frozen.folder / rel, size)))
            tar.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, out)
        fsync_dir(out.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return manifest


# -- the note for /status -------------------------------------------------------------------


def record_backup(data_dir: Path, note: dict[str, Any]) -> None:
    """Remember the last backup (or its failure) in the data folder, for /status."""
    tmp = data_dir / (LAST_BACKUP + ".tmp")
    tmp.write_text(json.dumps({"at": time.time(), **note}))
    os.replace(tmp, data_dir / LAST_BACKUP)


def last_backup(data_dir: Path) -> dict[str, Any] | None:
    """The note of the last backup, or None when there was none (or it is unreadable)."""
    try:
        note = json.loads((data_dir / LAST_BACKUP).read_text())
    except (OSError, ValueError):
        return None
    return note if isinstance(note, dict) and isinstance(note.get("at"), int | float) else None
