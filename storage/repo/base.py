"""What every part of the repository shares: the one storage thread every call runs on
(`threaded`, and `StoreBase._step` for the short steps of long jobs), the data folder, and the
helpers that read and write a class's index entry, a whole document, or a copy for the caller.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import secrets
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast, overload

from tinydb import TinyDB
from tinydb.table import Document, Table

from storage.backup import Frozen, freeze
from storage.database import Database
from storage.memory_tables import IndexedTable, MemoryStorage
from storage.records import ClassRecord, IndexEntry

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="StoreBase")
T = TypeVar("T")


def now_iso() -> str:
    """The current time as stored (UTC, ISO 8601, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_code(nbytes: int = 9) -> str:
    """An unguessable code that fits a Telegram deep link (A-Z, a-z, 0-9, _ and -).

    Never starting with "-": on a command line (`bot.py export --class -pAEW...`) it would be
    read as an option."""
    while True:
        code = secrets.token_urlsafe(nbytes)
        if not code.startswith("-"):
            return code


def indexed(db: TinyDB, name: str) -> IndexedTable:
    """A table of ours (the database's table class is IndexedTable)."""
    return cast(IndexedTable, db.table(name))


def list_field(table: Table, doc_id: int, field: str) -> list[Any]:
    """A list field of one document ([] when the document or the field is missing)."""
    doc = table.get(doc_id=doc_id)
    return list(doc.get(field, [])) if isinstance(doc, Mapping) else []


def recipient_id(key: str) -> int | None:
    """The person a sent-log key names ("...:<Telegram id>"), if it names one."""
    recipient = key.rpartition(":")[2]
    return int(recipient) if recipient.isdigit() else None


def threaded(
    fn: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], Awaitable[R]]:
    """Turn a synchronous repository method into one that runs on the storage thread."""

    @functools.wraps(fn)
    async def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        return await self._on_thread(functools.partial(fn, self, *args, **kwargs))

    return wrapper


def quick(
    fn: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], Awaitable[R]]:
    """Like `threaded`, for a short read of files always in memory (a user shard, the class
    index, global.json). It runs on the event loop at once when the storage thread has nothing
    to do: the two hand-offs to and from that thread cost more than such a read (a third of a
    millisecond, now and then two), and a reply makes one or two calls. The outcome is the same
    either way: an idle thread is in the middle of no write, and every call handed to it before
    has finished."""
    return _on_loop_when_idle(fn, lambda *_: True)


def quick_read(
    files: Callable[..., Iterable[TinyDB | None]],
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], Awaitable[R]]]:
    """`quick` for a read of files that may not be in memory (a class file): `files`, called
    with the method's arguments, names them, None for one not in memory now; on the loop only
    when all are (parsing a file from disk is the thread's work)."""

    def in_memory(*args: Any, **kwargs: Any) -> bool:
        return all(db is not None for db in files(*args, **kwargs))

    return lambda fn: _on_loop_when_idle(fn, in_memory)


def quick_write(
    files: Callable[..., Iterable[TinyDB | None]],
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], Awaitable[R]]]:
    """`quick` for a write of a few small records, called with the method's arguments, `files`
    names the files it writes to (None for one not in memory now): on the loop only when each
    is in memory and takes a short append (the first write of a file writes it whole and waits
    for the disk, which the loop must not)."""

    def appends(*args: Any, **kwargs: Any) -> bool:
        return all(
            db is not None and isinstance(db.storage, MemoryStorage) and db.storage.appends
            for db in files(*args, **kwargs)
        )

    return lambda fn: _on_loop_when_idle(fn, appends)


def _on_loop_when_idle(
    fn: Callable[Concatenate[S, P], R], short: Callable[..., bool]
) -> Callable[Concatenate[S, P], Awaitable[R]]:
    """`fn` on the loop when the storage thread is idle and `short(self, *args)` holds, else on
    the thread (`quick`)."""

    @functools.wraps(fn)
    async def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        # The other tasks first, as a call handed to the thread would let them: a loop of quick
        # calls must not keep the event loop to itself.
        await asyncio.sleep(0)
        if self._idle() and short(self, *args, **kwargs):
            return fn(self, *args, **kwargs)
        return await self._on_thread(functools.partial(fn, self, *args, **kwargs))

    return wrapper


class StoreBase:
    """The storage thread, the data folder, and the helpers every kind of record uses (each
    kind's methods are a subclass of this in its own module; `Store` is all of them)."""

    def __init__(self, data_dir: Path | None) -> None:
        self.db = Database(data_dir)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storage")
        self._bulk = asyncio.Lock()  # see _step
        # Calls handed to the storage thread that have not finished (counted on the loop, and
        # taken off only once the thread is done with them, even when the caller gave up
        # waiting); `quick` runs on the loop only when there are none.
        self._unfinished = 0
        self._closed = False

    def _idle(self) -> bool:
        """Whether the storage thread has no call to run or running (see `quick`)."""
        return self._unfinished == 0 and not self._closed

    async def _on_thread(self, call: Callable[[], R]) -> R:
        """Run `call` on the storage thread, after every call handed to it before."""
        loop = asyncio.get_running_loop()
        future = self._executor.submit(call)
        self._unfinished += 1

        def finished(_: Future[R]) -> None:
            # On the storage thread: the count belongs to the loop.
            try:
                loop.call_soon_threadsafe(self._one_finished)
            except RuntimeError:  # the loop is closed: nobody reads the count any more
                pass

        future.add_done_callback(finished)
        return await asyncio.wrap_future(future)

    def _one_finished(self) -> None:
        self._unfinished -= 1

    @threaded
    def open(self) -> None:
        """Lock and load the data folder (raises on a locked folder or a broken file)."""
        self.db.open()

    async def _step(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run one short step (one write at most) of a longer job on the storage thread.

        Steps of all long jobs take turns, one at a time, so any other call waits behind at
        most one of them."""
        async with self._bulk:
            return await self._on_thread(functools.partial(fn, *args, **kwargs))

    async def _fold(self, locate: Callable[[], TinyDB | None]) -> None:
        """Have a file's journal folded into a fresh snapshot and wait for it, off the storage
        thread (which only sets the journal aside). `locate` finds the file on that thread."""
        while True:
            future, complete = await self._step(self._compact, locate)
            if future is not None:
                await asyncio.wrap_future(future)
            if complete or future is None:
                return

    @staticmethod
    def _compact(locate: Callable[[], TinyDB | None]) -> tuple[Future[int] | None, bool]:
        db = locate()
        if db is None or not isinstance(db.storage, MemoryStorage):
            return None, True
        return db.storage.compact()

    async def freeze_for_backup(self, staging: Path) -> Frozen:
        """Stage every data file as it is at this moment, for a backup (storage/backup.py).

        Runs between the steps of long jobs, on the storage thread: nothing writes meanwhile,
        and every write that returned before this call is in it."""
        return await self._step(freeze, self.db, staging)

    async def durable(self) -> None:
        """Wait until every write made so far is on the disk, not only in the kernel's hands.

        A write returns once its line is written to its journal, which a crash or kill -9 of
        the bot cannot undo; the disk flush follows within milliseconds, grouped with others
        (`storage.journal.Syncer`). Await this where even a power cut in those milliseconds
        must not lose a write (a message queued or recorded as sent)."""
        await asyncio.wrap_future(self.db.durable())

    async def close(self) -> None:
        """Finish pending writes and release the folder lock."""
        self._closed = True
        await self._on_thread(self.db.close)
        self._executor.shutdown(wait=True)

    # -- helpers -------------------------------------------------------------------------------

    @property
    def _g(self) -> TinyDB:
        return self.db.global_db

    def _cdb(self, class_id: str) -> TinyDB:
        db = self.db.class_db(class_id)
        if db is None:
            raise KeyError(f"no class {class_id!r}")
        return db

    def _entry(self, class_id: str) -> Document | None:
        """A class's index entry: {id, record, done (completed messages), ann, outbox (may
        have queued messages)}."""
        return indexed(self.db.index_db(class_id), "classes").lookup_one("id", class_id)

    def _record(self, class_id: str) -> ClassRecord | None:
        entry = self._entry(class_id)
        if entry is None or entry.get("deleting"):
            return None  # gone, or going (classes.py delete_class)
        return cast(ClassRecord, copy.deepcopy(entry["record"]))

    def _change_entry(
        self, class_id: str, change: Callable[[IndexEntry], IndexEntry]
    ) -> IndexEntry | None:
        """Replace a class's index entry by `change(entry)`; returns the new one."""
        entry = self._entry(class_id)
        if entry is None:
            return None
        new = change(cast(IndexEntry, dict(entry)))
        self._put(self.db.index_db(class_id).table("classes"), entry.doc_id, new)
        return new

    def _note_appears(self, user_id: int, class_id: str) -> None:
        """Remember that a class file names this person (so /forgetme looks only there)."""
        table = self.db.user_db(user_id).table("appears")
        doc = table.get(doc_id=user_id)
        classes = list(doc["classes"]) if doc is not None else []
        if class_id not in classes:
            self._put(table, user_id, {"classes": [*classes, class_id]})
            # On the disk before the class file names the person, whatever the order the
            # flushes would take (rare: once per person and class).
            self.db.barrier()

    @staticmethod
    def _put(table: Table, doc_id: int, record: Mapping[str, Any]) -> None:
        """Store `record` as the whole document `doc_id` in one write (upsert only merges)."""
        if table.contains(doc_id=doc_id):

            def replace(doc: MutableMapping[Any, Any]) -> None:
                doc.clear()
                doc.update(record)

            table.update(replace, doc_ids=[doc_id])
        else:
            table.insert(Document(record, doc_id=doc_id))

    @overload
    @staticmethod
    def _out(doc: Mapping[str, Any], kind: type[T]) -> T: ...

    @overload
    @staticmethod
    def _out(doc: Mapping[str, Any] | None, kind: type[T]) -> T | None: ...

    @staticmethod
    def _out(doc: Mapping[str, Any] | None, kind: type[T]) -> T | None:
        """A copy of a stored document as the record `kind` it is (None stays None)."""
        # Callers get copies, so a change they make never leaks into the cache unstored.
        return None if doc is None else cast(T, copy.deepcopy(dict(doc)))

    @classmethod
    def _outs(cls, docs: Iterable[Mapping[str, Any]], kind: type[T]) -> list[T]:
        """Copies of stored documents, each as the record `kind` it is."""
        return [cast(T, copy.deepcopy(dict(doc))) for doc in docs]

    # -- schema --------------------------------------------------------------------------------

    @threaded
    def schema_version(self) -> int:
        """The schema version stored in the data folder."""
        return self.db.schema_version
