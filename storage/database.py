"""The data folder: which file holds what, the single-process lock, and the schema version.

Layout (all under DATA_DIR), chosen so that one write rewrites one small file:

    global.json              schema version, instructors, invites, class index, group links,
                             anonymous FAQ feedback counts (grows with classes, not families)
    classes/<class id>.json  one class: its settings, members, check-ins, questions, sent log,
                             announcements, week notes (about one class of families)
    users/<nn>.json          parents' own settings, sharded by Telegram id into 64 files

Every file is parsed once at open, so a broken file stops the start (naming it) before anything
could overwrite it, and reads are answered from memory afterwards.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from tinydb import TinyDB

from storage.files import (
    MemoryStorage,
    SafeJSONStorage,
    StorageCorruptError,
    fsync_dir,
    journal_path,
)

SCHEMA_VERSION = 1
USER_SHARDS = 64

# Migrations from version N to N+1, applied in order at open. Empty while there is one version.
MIGRATIONS: dict[int, Callable[[Database], None]] = {}


class StorageLockedError(Exception):
    """Another bot process already uses this data folder."""


class SchemaTooNewError(Exception):
    """The data was written by a newer version of the bot than this one."""


class Database:
    """Every TinyDB file of a data folder (all kept in memory when the folder is None)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._lock_fh: IO[str] | None = None
        self.global_db: TinyDB
        self.class_dbs: dict[str, TinyDB] = {}
        self.user_dbs: list[TinyDB] = []

    # -- opening and closing -------------------------------------------------------------------

    def open(self) -> None:
        """Lock the folder, load every file (refusing broken ones) and migrate the schema."""
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / "classes").mkdir(exist_ok=True)
            (self.folder / "users").mkdir(exist_ok=True)
            self._lock()
            self._remove_stale_temp_files()
        try:
            self.global_db = self._tinydb(self._path("global.json"))
            self.user_dbs = [
                self._tinydb(self._path(f"users/{n:02d}.json")) for n in range(USER_SHARDS)
            ]
            if self.folder is not None:
                for path in sorted((self.folder / "classes").glob("*.json")):
                    self.class_dbs[path.stem] = self._tinydb(path)
            self._check_schema()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Close the journals and release the folder lock (every write was already durable)."""
        for db in [getattr(self, "global_db", None), *self.user_dbs, *self.class_dbs.values()]:
            if db is not None:
                db.close()
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None

    def _lock(self) -> None:
        assert self.folder is not None
        fh = open(self.folder / ".lock", "a+")  # noqa: SIM115 - held open for the process's life
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            pid = fh.read().strip() or "unknown"
            fh.close()
            raise StorageLockedError(
                f"Another copy of the bot (pid {pid}) is already using DATA_DIR={self.folder}. "
                "Stop it first, or give this one a different DATA_DIR."
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._lock_fh = fh

    def _remove_stale_temp_files(self) -> None:
        # A *.tmp is a write that never completed; the real file beside it is intact.
        assert self.folder is not None
        for tmp in self.folder.rglob("*.json.tmp"):
            tmp.unlink(missing_ok=True)

    def _path(self, relative: str) -> Path | None:
        return None if self.folder is None else self.folder / relative

    @staticmethod
    def _tinydb(path: Path | None) -> TinyDB:
        if path is None:
            return TinyDB(storage=MemoryStorage)
        return TinyDB(path, storage=SafeJSONStorage)

    def _check_schema(self) -> None:
        meta = self.global_db.table("meta")
        doc = meta.get(doc_id=1)
        if doc is None:
            meta.insert({"schema_version": SCHEMA_VERSION})
            return
        version = int(doc["schema_version"])
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"The data in {self.folder} is schema version {version}, but this bot only knows "
                f"up to {SCHEMA_VERSION}. Run the newer version of the bot."
            )
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](self)
            version += 1
            meta.update({"schema_version": version}, doc_ids=[1])

    @property
    def schema_version(self) -> int:
        """The schema version stored in the data folder."""
        meta = self.global_db.table("meta").get(doc_id=1)
        return int(meta["schema_version"]) if meta is not None else 0

    # -- the files -----------------------------------------------------------------------------

    def user_db(self, user_id: int) -> TinyDB:
        """The shard holding this user's own record."""
        return self.user_dbs[user_id % USER_SHARDS]

    def class_db(self, class_id: str, *, create: bool = False) -> TinyDB | None:
        """The file of one class, created on demand when `create` is set."""
        db = self.class_dbs.get(class_id)
        if db is None and create:
            db = self._tinydb(self._path(f"classes/{class_id}.json"))
            self.class_dbs[class_id] = db
        return db

    def drop_class_db(self, class_id: str) -> None:
        """Delete one class's file for good (retention or the instructor's request)."""
        db = self.class_dbs.pop(class_id, None)
        if db is not None:
            db.close()
        path = self._path(f"classes/{class_id}.json")
        if path is not None:
            path.unlink(missing_ok=True)
            journal_path(path).unlink(missing_ok=True)
            fsync_dir(path.parent)

    def iter_class_ids(self) -> Iterator[str]:
        """Every class that has a file."""
        return iter(list(self.class_dbs))


__all__ = [
    "SCHEMA_VERSION",
    "Database",
    "SchemaTooNewError",
    "StorageCorruptError",
    "StorageLockedError",
]
