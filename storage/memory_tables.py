"""TinyDB's documents in memory: the table that writes only what a change touched, and the
storage that keeps the tables and answers field lookups from indexes.

TinyDB stays the query layer; what sits under it changes:

- `IndexedTable` (TinyDB's `table_class`) applies a write to the documents in memory and hands
  the storage only the documents it changed (TinyDB's own `Table` rebuilds and hands over the
  whole table). It also answers `lookup(field, value)` from an index kept in step with writes.
  A write the storage refuses is undone in memory, so memory never holds what is not stored.
- `MemoryStorage` holds the tables and those indexes; on its own it stores nothing (tests), and
  it is the base of the on-disk storage (storage/files.py), which makes each write durable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from concurrent.futures import Future
from typing import Any

from tinydb.storages import Storage
from tinydb.table import Document, Table

from storage.journal import Changes, Doc, Tables, dumps

__all__ = ["IndexedTable", "MemoryStorage", "share_strings"]


# -- the storage ------------------------------------------------------------------------------


class MemoryStorage(Storage):
    """Tables in memory only (tests, and the base of the on-disk storage).

    Besides TinyDB's read/write it takes `commit(table, changes)` from `IndexedTable`, and keeps
    the field indexes that `IndexedTable.lookup` answers from."""

    def __init__(self) -> None:
        super().__init__()
        self._data: Tables | None = None
        # (table, field) -> value -> the id of the one document with that value, or a list of
        # ids when several share it. Most values have one document (a sent-log key, a join
        # code), and a bare id saves a list per value (3 MB less RSS in the 5,000-class bench).
        self._indexes: dict[tuple[str, str], dict[Any, str | list[str]]] = {}

    @property
    def appends(self) -> bool:
        """Whether a write now is a short append to a file (in memory, nothing is written)."""
        return True

    # TinyDB's interface

    def read(self) -> Tables | None:
        """Return the tables (in memory)."""
        return self._data

    def write(self, data: Tables) -> None:
        """Store all tables at once (TinyDB's drop_table(s); seeding a file)."""
        self._persist_all(data)
        self._data = data
        self._indexes.clear()

    # the document-level interface

    def table_data(self, name: str) -> dict[str, Any]:
        """The live documents of a table (created empty when missing)."""
        if self._data is None:
            self._data = {}
        return self._data.setdefault(name, {})

    def commit(self, table: str, changes: Changes) -> None:
        """Make a write durable (the documents are already changed in memory) and keep the
        indexes in step. Raises if it could not be stored; the caller then undoes it."""
        self._persist(table, {doc_id: after for doc_id, (_, after) in changes.items()})
        for (name, field), index in self._indexes.items():
            if name != table:
                continue
            for doc_id, (before, after) in changes.items():
                if before is not None and field in before:
                    _unindex(index, _key(before[field]), doc_id)
                if after is not None and field in after:
                    _index(index, _key(after[field]), doc_id)

    def lookup(self, table: str, field: str, value: Any) -> list[tuple[str, Doc]]:
        """The documents of `table` whose `field` equals `value`, in id order."""
        index = self._indexes.get((table, field))
        if index is None:
            index = {}
            for doc_id, doc in self.table_data(table).items():
                if field in doc:
                    _index(index, _key(doc[field]), doc_id)
            self._indexes[(table, field)] = index
        docs = self.table_data(table)
        found = index.get(_key(value))
        if found is None:
            return []
        if isinstance(found, str):
            return [(found, docs[found])]
        return [(doc_id, docs[doc_id]) for doc_id in sorted(found, key=int)]

    def replace_tables(self, tables: Tables) -> None:
        """Set whole tables at once, durably (a migration's bulk write)."""
        if self._data is None:
            self._data = {}
        self._data.update(tables)
        self._indexes = {k: v for k, v in self._indexes.items() if k[0] not in tables}
        self.fold_now()

    def compact(self) -> tuple[Future[int] | None, bool]:
        """Nothing to fold in memory."""
        return None, True

    def fold_now(self) -> None:
        """Nothing to fold in memory."""

    def close(self) -> None:
        """Nothing to release."""

    # what the on-disk storage adds

    def _persist(self, table: str, docs: dict[str, Doc | None]) -> None:
        """Store changed documents (nothing to do in memory)."""

    def _persist_all(self, data: Tables) -> None:
        """Store every table (nothing to do in memory)."""


def _index(index: dict[Any, str | list[str]], key: Any, doc_id: str) -> None:
    """Note that document `doc_id` has the value `key` (see MemoryStorage._indexes)."""
    found = index.get(key)
    if found is None:
        index[key] = doc_id
    elif isinstance(found, str):
        index[key] = [found, doc_id]
    else:
        found.append(doc_id)


def _unindex(index: dict[Any, str | list[str]], key: Any, doc_id: str) -> None:
    """Forget that document `doc_id` has the value `key`."""
    found = index.get(key)
    if found == doc_id:
        del index[key]
    elif isinstance(found, list) and doc_id in found:
        found.remove(doc_id)
        if len(found) == 1:
            index[key] = found[0]


def share_strings(tables: Tables) -> None:
    """Make equal string values in loaded tables one object (in place).

    A parsed file holds a fresh copy of every string value: each person's class ids, each
    sent-log mark's timestamp shared by its batch, each "en". JSON decoding already shares the
    keys, not the values; sharing them too keeps about a sixth less in memory (measured at
    5,000 classes: 52.6 to 43.8 MB for the user files). The table is per file, so nothing
    outlives the file's own documents."""
    seen: dict[str, str] = {}
    stack: list[Any] = [tables]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str):
                node[key] = seen.setdefault(value, value)
            elif isinstance(value, dict | list):
                stack.append(value)


def _key(value: Any) -> Any:
    """An index key for any JSON value (lists and dicts are not hashable)."""
    return value if isinstance(value, str | int | float | bool | None) else dumps(value)


# -- the table ------------------------------------------------------------------------------


class _Tracked(MutableMapping[int, Any]):
    """A table's live documents as TinyDB's write functions see them (int ids), remembering
    each touched document's state before the write, so the write can be stored as the
    documents it changed, or undone."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.before: dict[str, Doc | None] = {}

    def _touch(self, doc_id: str) -> None:
        if doc_id not in self.before:
            doc = self.raw.get(doc_id)
            self.before[doc_id] = None if doc is None else dict(doc)

    def __getitem__(self, doc_id: int) -> Any:
        key = str(doc_id)
        if key in self.raw:
            self._touch(key)  # TinyDB changes documents in place after getting them
        return self.raw[key]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        key = str(doc_id)
        self._touch(key)
        self.raw[key] = doc

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        self._touch(key)
        del self.raw[key]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        """Remove every document (TinyDB's truncate), in one pass."""
        for doc_id in self.raw:
            self._touch(doc_id)
        self.raw.clear()

    def changes(self) -> Changes:
        """What the write changed: id -> (before, after), unchanged documents left out."""
        out: Changes = {}
        for doc_id, before in self.before.items():
            after = self.raw.get(doc_id)
            if before != after:
                out[doc_id] = (before, after)
        return out

    def undo(self) -> None:
        """Put every touched document back as it was."""
        for doc_id, before in self.before.items():
            if before is None:
                self.raw.pop(doc_id, None)
            else:
                self.raw[doc_id] = before


class IndexedTable(Table):
    """TinyDB's Table, writing only the documents a change touched, with field lookups."""

    _storage: MemoryStorage

    def _update_table(self, updater: Callable[[dict[int, Mapping[Any, Any]]], None]) -> None:
        tracked = _Tracked(self._storage.table_data(self.name))
        try:
            updater(tracked)  # type: ignore[arg-type]  # a mapping with dict's behaviour
            changes = tracked.changes()
            if changes:
                self._storage.commit(self.name, changes)
        except BaseException:
            # Not stored (bad input, or the disk refused): memory goes back to what is stored.
            tracked.undo()
            raise
        finally:
            self.clear_cache()

    def lookup(self, field: str, value: Any) -> list[Document]:
        """The documents whose `field` equals `value`, from an index (no scan)."""
        return [
            self.document_class(doc, self.document_id_class(doc_id))
            for doc_id, doc in self._storage.lookup(self.name, field, value)
        ]

    def lookup_one(self, field: str, value: Any) -> Document | None:
        """The first document whose `field` equals `value`, or None."""
        found = self._storage.lookup(self.name, field, value)
        if not found:
            return None
        doc_id, doc = found[0]
        return self.document_class(doc, self.document_id_class(doc_id))
