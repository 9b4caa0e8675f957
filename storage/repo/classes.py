"""Classes: each one's record in the class index (``index/NN.json``), its own file
(``classes/<id>.json``) and its entries in ``global.json`` (join code, instructor); and deleting
a class with all its personal data.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from tinydb import TinyDB

from storage.database import USER_SHARDS, people_in_class
from storage.memory_tables import MemoryStorage
from storage.records import ClassFields, ClassRecord
from storage.repo.base import (
    StoreBase,
    indexed,
    list_field,
    new_code,
    now_iso,
    quick,
    threaded,
)

#: The index files' table of each class's next due moment (jobs/course.py `rebuild`).
WAKES = "wakes"
#: A fingerprint of a class record, as far as when its messages fall due goes (jobs/course.py).
Digest = Callable[[Mapping[str, Any]], str]


class Classes(StoreBase):
    """Creating, finding, changing and deleting classes."""

    @threaded
    def create_class(self, instructor_id: int, fields: ClassFields) -> ClassRecord:
        """Create a class with its own file, a fresh id and an unguessable join code."""
        class_id = new_code(6)
        while self.db.has_class(class_id):  # pragma: no cover - 2**48 ids
            class_id = new_code(6)
        record: ClassRecord = {
            **fields,
            "id": class_id,
            "code": new_code(),
            "instructor_id": instructor_id,
            "created_at": now_iso(),
            "ended": False,
        }
        # The record first: a join code must never lead to a class that is not there.
        self.db.index_db(class_id).table("classes").insert(
            {"id": class_id, "record": record, "done": [], "ann": False, "outbox": False}
        )
        cdb = self.db.class_db(class_id, create=True)
        if cdb is not None and isinstance(cdb.storage, MemoryStorage):
            cdb.storage.replace_tables({})  # the file exists from now on: later writes append
        self._g.table("class_index").insert(
            {"id": class_id, "code": record["code"], "instructor_id": instructor_id}
        )
        return copy.deepcopy(record)

    @quick
    def get_class(self, class_id: str) -> ClassRecord | None:
        """One class's settings and schedule, or None."""
        return self._record(class_id)

    @quick
    def class_by_code(self, code: str) -> ClassRecord | None:
        """The class a join code belongs to, or None."""
        entry = indexed(self._g, "class_index").lookup_one("code", code)
        return None if entry is None else self._record(entry["id"])

    @quick
    def classes_of_instructor(self, instructor_id: int) -> list[ClassRecord]:
        """The classes an instructor runs, oldest first."""
        entries = indexed(self._g, "class_index").lookup("instructor_id", instructor_id)
        records = (self._record(e["id"]) for e in entries)
        return [r for r in records if r is not None]

    @threaded
    def all_classes(self) -> list[ClassRecord]:
        """Every class's settings and schedule (from the index: no class file is opened)."""
        records = (self._record(cid) for cid in self.db.iter_class_ids())
        return [r for r in records if r is not None]

    @threaded
    def classes_with_sent(self) -> list[tuple[ClassRecord, frozenset[str]]]:
        """Every class with the completed messages of its sent log (the "...:done" keys), in
        one call, from the index alone: the start-up rebuild of the jobs."""
        found: list[tuple[ClassRecord, frozenset[str]]] = []
        for class_id in self.db.iter_class_ids():
            entry = self._entry(class_id)
            if entry is not None and not entry.get("deleting"):
                found.append((copy.deepcopy(entry["record"]), frozenset(entry["done"])))
        return found

    @threaded
    def class_wakes(
        self, basis: str, digest: Digest
    ) -> tuple[list[tuple[str, str | None]], list[tuple[ClassRecord, frozenset[str]]]]:
        """Start-up's view of every class: (class id, next due moment or None) where one was
        stored for `basis` and for the record as it is now (by `digest`, see
        `set_class_wakes`), and for every other class its record and completed messages (the
        "...:done" keys), to compute it from."""
        known: list[tuple[str, str | None]] = []
        unknown: list[tuple[ClassRecord, frozenset[str]]] = []
        for db in self.db.index_dbs:
            wakes = db.table(WAKES)
            for entry in db.table("classes").all():
                if entry.get("deleting"):
                    continue
                wake = wakes.get(doc_id=entry.doc_id)
                if (
                    isinstance(wake, Mapping)
                    and wake.get("id") == entry["id"]
                    and wake.get("basis") == basis
                    and wake.get("of") == digest(entry["record"])
                ):
                    known.append((entry["id"], wake.get("at")))
                else:
                    unknown.append((copy.deepcopy(entry["record"]), frozenset(entry["done"])))
        return known, unknown

    @threaded
    def set_class_wakes(
        self, wakes: Mapping[str, tuple[str, str | None]], basis: str, digest: Digest
    ) -> None:
        """Store classes' next due moments, {class id: (`digest` of the record it was computed
        from, ISO time or None)}, for the next start: one small write per index file (beside
        the class's entry, under its document id). One whose record has changed since is not
        stored (the class's old one no longer holds either)."""
        shards: dict[int, tuple[TinyDB, dict[int, Any]]] = {}
        for class_id, (of, at) in wakes.items():
            entry = self._entry(class_id)
            if entry is None or digest(entry["record"]) != of:
                continue
            db = self.db.index_db(class_id)
            wake = {"id": class_id, "at": at, "of": of, "basis": basis}
            if db.table(WAKES).get(doc_id=entry.doc_id) != wake:
                shards.setdefault(id(db), (db, {}))[1][entry.doc_id] = wake
        for db, changed in shards.values():

            def put(
                docs: MutableMapping[int, Any], new: dict[int, dict[str, Any]] = changed
            ) -> None:
                docs.update(new)

            # One commit (one journal line) for all of them: IndexedTable's `_update_table`.
            indexed(db, WAKES)._update_table(put)

    @threaded
    def update_class(self, class_id: str, changes: ClassFields) -> ClassRecord:
        """Change some fields of a class and return it as stored."""
        entry = self._change_entry(
            class_id, lambda e: {**e, "record": {**e["record"], **copy.deepcopy(changes)}}
        )
        if entry is None:
            raise KeyError(f"no class {class_id!r}")
        return copy.deepcopy(entry["record"])

    async def delete_class(self, class_id: str) -> None:
        """Delete a class and all its personal data (its file, index entry and group link).

        In short steps, one file each: the class is marked as being deleted first (from then
        on it reads as gone: a write failing half-way, on a full disk, leaves no half-class for
        anyone to trip over), then the class file goes (a crash after it leaves an empty class,
        deleted again later: `deleting_classes`; never personal data without an index entry)."""
        await self._step(self._mark_deleting, class_id)
        people = await self._step(self._delete_class_file, class_id)
        for name in ("class_index", "groups", "carer_codes", "index"):
            await self._step(self._delete_class_entries, class_id, name)
        shards: dict[int, list[int]] = {}
        for user_id in people:
            shards.setdefault(user_id % USER_SHARDS, []).append(user_id)
        for user_ids in shards.values():
            for name in ("users", "appears"):
                await self._step(self._drop_class_from_users, user_ids, class_id, name)

    def _mark_deleting(self, class_id: str) -> None:
        self._change_entry(class_id, lambda e: {**e, "deleting": True})

    @threaded
    def deleting_classes(self) -> list[str]:
        """Classes whose deletion was begun and did not finish (a failed write, a crash): to
        be deleted again."""
        # From the index files: the class file (and so its id in the folder's list) may be gone.
        return sorted(
            str(entry["id"])
            for index in self.db.index_dbs
            for entry in index.table("classes").all()
            if entry.get("deleting")
        )

    def _delete_class_file(self, class_id: str) -> set[int]:
        db = self.db.class_db(class_id)
        people = people_in_class(db.storage.read() or {}) if db is not None else set()
        self.db.drop_class_db(class_id)
        return people

    def _delete_class_entries(self, class_id: str, name: str) -> None:
        """Remove a deleted class's entries from one global table, or its index entry."""
        if name == "index":
            entry = self._entry(class_id)
            if entry is not None:
                self.db.index_db(class_id).table("classes").remove(doc_ids=[entry.doc_id])
            return
        table = indexed(self._g, name)
        found = table.lookup("id" if name == "class_index" else "class_id", class_id)
        if found:
            table.remove(doc_ids=[d.doc_id for d in found])

    def _drop_class_from_users(self, user_ids: list[int], class_id: str, name: str) -> None:
        """Take a deleted class out of some people's lists (all in one user shard)."""
        table = self.db.user_db(user_ids[0]).table(name)
        ids = [u for u in user_ids if class_id in list_field(table, u, "classes")]
        if ids:

            def drop(doc: MutableMapping[Any, Any]) -> None:
                doc["classes"] = [c for c in doc["classes"] if c != class_id]

            table.update(drop, doc_ids=ids)
