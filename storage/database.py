"""The data folder: which file holds what, the single-process lock, and the schema version.

Layout (all under DATA_DIR), chosen so that one write appends to one small file, and so that
start-up reads what it needs to know about every class without opening every class's file:

    global.json              schema version, instructors, invites, the class index (join code
                             and instructor per class), group links, carer codes, anonymous FAQ
                             feedback counts, the command menus last set per chat
    index/<nn>.json          each class's settings and schedule, the messages completed for
                             it, whether it may have announcements to send, and (table "wakes")
                             its next due moment; sharded by class id into 16 files (resident:
                             start-up rebuilds every job from them)
    classes/<class id>.json  one class's members, check-ins, questions, sent log,
                             announcements and week notes (loaded when used; at most
                             `CLASS_CACHE` classes are kept in memory)
    users/<nn>.json          parents' own settings, saved conversation steps, and in which
                             classes each person appears; sharded by Telegram id into 64 files

Each file is parsed when first needed, so a broken file stops the start (or the one call that
needed it) naming it, before anything could overwrite it; reads are answered from memory.
Schema 1 (before the index files) is migrated at open.
"""

from __future__ import annotations

import fcntl
import logging
import os
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import IO, Any

from tinydb import Query, TinyDB

from storage.files import SafeJSONStorage
from storage.journal import (
    Compactor,
    StorageCorruptError,
    Syncer,
    fsync_dir,
    journal_path,
    rotated_path,
)
from storage.memory_tables import IndexedTable, MemoryStorage

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
USER_SHARDS = 64
INDEX_SHARDS = 16
# Class files kept parsed in memory at once (the least recently used are let go): enough for
# every class with a job in the same hour, small against all classes of a chapter.
CLASS_CACHE = 256
#: Announcement statuses that still have sends ahead (restored at start-up).
PENDING_ANNOUNCEMENT = ("scheduled", "sending")


class StorageLockedError(Exception):
    """Another bot process already uses this data folder."""


class SchemaTooNewError(Exception):
    """The data was written by a newer version of the bot than this one."""


class _Db(TinyDB):
    """TinyDB with our table class (document-level writes and field lookups)."""

    table_class = IndexedTable


def people_in_class(tables: dict[str, Any]) -> set[int]:
    """Every Telegram id a class file names: members, check-ins, questions, sent-log keys and
    the keys of queued messages."""
    found = {int(doc_id) for doc_id in tables.get("members", {})}
    for name in ("checkins", "questions"):
        found.update(int(d["user_id"]) for d in tables.get(name, {}).values() if "user_id" in d)
    keys = [str(d.get("key", "")) for d in tables.get("sent", {}).values()]
    for doc in tables.get("outbox", {}).values():
        keys += [str(k) for k in doc.get("keys", [])]
    for key in keys:
        recipient = key.rpartition(":")[2]
        if recipient.isdigit():
            found.add(int(recipient))
    return found


class Database:
    """Every TinyDB file of a data folder (all kept in memory when the folder is None)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._lock_fh: IO[str] | None = None
        self.compactor: Compactor | None = None
        self.syncer: Syncer | None = None
        self.global_db: TinyDB
        self.user_dbs: list[TinyDB] = []
        self.index_dbs: list[TinyDB] = []
        # Parsed class files, least recently used first.
        self.class_dbs: OrderedDict[str, TinyDB] = OrderedDict()
        self._class_ids: set[str] = set()

    # -- opening and closing -------------------------------------------------------------------

    def open(self) -> None:
        """Lock the folder, load the resident files (refusing broken ones), migrate the schema."""
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            for sub in ("classes", "users", "index"):
                (self.folder / sub).mkdir(exist_ok=True)
            self._lock()
            self._remove_stale_temp_files()
            self.syncer = Syncer()
            self.compactor = Compactor(self.syncer)
        try:
            self.global_db = self._tinydb(self._path("global.json"))
            self.user_dbs = [
                self._tinydb(self._path(f"users/{n:02d}.json")) for n in range(USER_SHARDS)
            ]
            self.index_dbs = [
                self._tinydb(self._path(f"index/{n:02d}.json")) for n in range(INDEX_SHARDS)
            ]
            for db in self.index_dbs:
                self._class_ids.update(d["id"] for d in db.table("classes").all())
            if self.folder is not None:
                # Schema 1 had no index: its class files are found by name.
                self._class_ids.update(p.stem for p in (self.folder / "classes").glob("*.json"))
            self._check_schema()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Finish folding journals, put every write on the disk, release the folder lock."""
        if self.compactor is not None:
            self.compactor.close()
            self.compactor = None
        if self.syncer is not None:
            self.syncer.close()
            self.syncer = None
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

    def _tinydb(self, path: Path | None) -> TinyDB:
        if path is None:
            return _Db(storage=MemoryStorage)
        if self.compactor is not None:
            self.compactor.wait(path)  # never load a pair of files while they are being folded
        return _Db(path, storage=SafeJSONStorage, compactor=self.compactor, syncer=self.syncer)

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
            log.info("Migrating the data folder from schema %d to %d.", version, version + 1)
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

    def index_db(self, class_id: str) -> TinyDB:
        """The index shard holding this class's settings and schedule."""
        return self.index_dbs[zlib.crc32(class_id.encode()) % INDEX_SHARDS]

    def class_db(self, class_id: str, *, create: bool = False) -> TinyDB | None:
        """The file of one class (parsed on first use), created on demand when `create`."""
        db = self.class_dbs.get(class_id)
        if db is not None:
            self.class_dbs.move_to_end(class_id)
            return db
        if class_id not in self._class_ids and not create:
            return None
        db = self._tinydb(self._path(f"classes/{class_id}.json"))
        self._class_ids.add(class_id)
        self.class_dbs[class_id] = db
        if self.folder is not None:
            while len(self.class_dbs) > CLASS_CACHE:
                # Everything in it is on disk already; it is parsed again when next needed.
                self.class_dbs.popitem(last=False)
        return db

    def resident_class_db(self, class_id: str) -> TinyDB | None:
        """The file of one class if it is in memory now (None if it would be read from disk)."""
        return self.class_dbs.get(class_id)

    def drop_class_db(self, class_id: str) -> None:
        """Delete one class's file for good (retention or the instructor's request)."""
        self.class_dbs.pop(class_id, None)
        self._class_ids.discard(class_id)
        path = self._path(f"classes/{class_id}.json")
        if path is not None:
            if self.compactor is not None:
                self.compactor.wait(path)
            self.barrier()  # what was written before the deletion reaches the disk before it
            for each in (path, journal_path(path), rotated_path(path)):
                each.unlink(missing_ok=True)
            fsync_dir(path.parent)

    def barrier(self) -> None:
        """Block until every write so far is on the disk (see `storage.journal.Syncer`)."""
        if self.syncer is not None:
            self.syncer.barrier()

    def durable(self) -> Future[None]:
        """A future done once every write so far is on the disk."""
        if self.syncer is None:
            done: Future[None] = Future()
            done.set_result(None)
            return done
        return self.syncer.durable()

    def has_class(self, class_id: str) -> bool:
        """Whether a class of this id exists (with a file or an index entry)."""
        return class_id in self._class_ids

    def iter_class_ids(self) -> Iterator[str]:
        """Every class (with a file or an index entry), in a stable order."""
        return iter(sorted(self._class_ids))


# -- migrations ----------------------------------------------------------------------------------


def _v1_to_v2(db: Database) -> None:
    """Schema 1 kept each class's record in its own file, and nothing said where a person
    appears. Build the index shards (record, completed messages, pending announcements) and
    each person's list of classes from every class file, once; then drop the old copies.

    Safe to run again after a crash part-way: a class already in the index is skipped, and the
    lists of where people appear are rebuilt whole."""
    appears: dict[int, set[str]] = {}
    ids = list(db.iter_class_ids())
    batch = max(1, CLASS_CACHE // 2)  # each batch stays parsed until its records are moved
    for start in range(0, len(ids), batch):
        moved: dict[int, list[dict[str, Any]]] = {}
        for class_id in ids[start : start + batch]:
            cdb = db.class_db(class_id)
            assert cdb is not None
            tables = cdb.storage.read() or {}
            for user_id in people_in_class(tables):
                appears.setdefault(user_id, set()).add(class_id)
            record = tables.get("class", {}).get("1")
            if record is None:
                continue
            sent = tables.get("sent", {}).values()
            anns = tables.get("announcements", {}).values()
            moved.setdefault(zlib.crc32(class_id.encode()) % INDEX_SHARDS, []).append(
                {
                    "id": class_id,
                    "record": record,
                    "done": [d["key"] for d in sent if str(d.get("key", "")).endswith(":done")],
                    "ann": any(a.get("status") in PENDING_ANNOUNCEMENT for a in anns),
                    "outbox": bool(tables.get("outbox")),
                }
            )
        # The index first: once it is durable, the old copies are no longer needed.
        for n, docs in moved.items():
            table = db.index_dbs[n].table("classes")
            fresh = [d for d in docs if not table.contains(Query().id == d["id"])]
            if fresh:
                table.insert_multiple(fresh)
        for docs in moved.values():
            for doc in docs:
                cdb = db.class_db(doc["id"])
                assert cdb is not None and isinstance(cdb.storage, MemoryStorage)
                (cdb.storage.read() or {}).pop("class", None)
                cdb.storage.fold_now()
    by_shard: dict[int, dict[str, Any]] = {}
    for user_id, classes in appears.items():
        by_shard.setdefault(user_id % USER_SHARDS, {})[str(user_id)] = {"classes": sorted(classes)}
    for n, shard_docs in by_shard.items():
        storage = db.user_dbs[n].storage
        assert isinstance(storage, MemoryStorage)
        storage.replace_tables({"appears": shard_docs})


# Migrations from version N to N+1, applied in order at open.
MIGRATIONS: dict[int, Callable[[Database], None]] = {1: _v1_to_v2}


__all__ = [
    "PENDING_ANNOUNCEMENT",
    "SCHEMA_VERSION",
    "Database",
    "SchemaTooNewError",
    "StorageCorruptError",
    "StorageLockedError",
    "people_in_class",
]
