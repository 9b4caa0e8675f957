"""The repository: every read and write the bot makes, by name, as awaitable methods.

All of them run, one at a time, on a single storage thread: the event loop never waits on a
disk flush, and no two changes to the same file interleave. A method returns only after its
change is durable on disk. Records come back as plain dicts that the caller may keep (copies).

Lookups that would scan (a class by join code, by group, by instructor; a sent-log key; a
person's check-ins) are answered from field indexes the storage keeps in step with every write
(`IndexedTable.lookup`). The long jobs (/forgetme, deleting a class) run as a series of short
steps on the storage thread, each touching one file, so other calls are served in between.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import secrets
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from storage.backup import Frozen, freeze
from storage.database import PENDING_ANNOUNCEMENT, USER_SHARDS, Database, people_in_class
from storage.files import IndexedTable, MemoryStorage

P = ParamSpec("P")
R = TypeVar("R")
Record = dict[str, Any]

_Q = Query()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_code(nbytes: int = 9) -> str:
    """An unguessable code that fits a Telegram deep link (A-Z, a-z, 0-9, _ and -).

    Never starting with "-": on a command line (`bot.py export --class -pAEW...`) it would be
    read as an option."""
    while True:
        code = secrets.token_urlsafe(nbytes)
        if not code.startswith("-"):
            return code


def _t(db: TinyDB, name: str) -> IndexedTable:
    """A table of ours (the database's table class is IndexedTable)."""
    return cast(IndexedTable, db.table(name))


def _field(table: Table, doc_id: int, field: str) -> list[Any]:
    """A list field of one document ([] when the document or the field is missing)."""
    doc = table.get(doc_id=doc_id)
    return list(doc.get(field, [])) if isinstance(doc, Mapping) else []


def _recipient_id(key: str) -> int | None:
    """The person a sent-log key names ("...:<Telegram id>"), if it names one."""
    recipient = key.rpartition(":")[2]
    return int(recipient) if recipient.isdigit() else None


def _threaded(
    fn: Callable[Concatenate[Store, P], R],
) -> Callable[Concatenate[Store, P], Awaitable[R]]:
    """Turn a synchronous repository method into one that runs on the storage thread."""

    @functools.wraps(fn)
    async def wrapper(self: Store, *args: P.args, **kwargs: P.kwargs) -> R:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, functools.partial(fn, self, *args, **kwargs)
        )

    return wrapper


class Store:
    """The bot's durable state. Open it once; every method is awaited."""

    def __init__(self, data_dir: Path | None) -> None:
        self.db = Database(data_dir)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storage")
        self._bulk = asyncio.Lock()  # see _step

    @_threaded
    def open(self) -> None:
        """Lock and load the data folder (raises on a locked folder or a broken file)."""
        self.db.open()

    async def _step(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run one short step (one write at most) of a longer job on the storage thread.

        Steps of all long jobs take turns, one at a time, so any other call waits behind at
        most one of them."""
        async with self._bulk:
            loop = asyncio.get_running_loop()
            call = functools.partial(fn, *args, **kwargs)
            return await loop.run_in_executor(self._executor, call)

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

    async def close(self) -> None:
        """Finish pending writes and release the folder lock."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self.db.close)
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
        return _t(self.db.index_db(class_id), "classes").lookup_one("id", class_id)

    def _record(self, class_id: str) -> Record | None:
        entry = self._entry(class_id)
        return None if entry is None else copy.deepcopy(entry["record"])

    def _change_entry(self, class_id: str, change: Callable[[Record], Record]) -> Record | None:
        """Replace a class's index entry by `change(entry)`; returns the new one."""
        entry = self._entry(class_id)
        if entry is None:
            return None
        new = change(dict(entry))
        self._put(self.db.index_db(class_id).table("classes"), entry.doc_id, new)
        return new

    def _note_appears(self, user_id: int, class_id: str) -> None:
        """Remember that a class file names this person (so /forgetme looks only there)."""
        table = self.db.user_db(user_id).table("appears")
        doc = table.get(doc_id=user_id)
        classes = list(doc["classes"]) if doc is not None else []
        if class_id not in classes:
            self._put(table, user_id, {"classes": [*classes, class_id]})

    @staticmethod
    def _put(table: Table, doc_id: int, record: Record) -> None:
        """Store `record` as the whole document `doc_id` in one write (upsert only merges)."""
        if table.contains(doc_id=doc_id):

            def replace(doc: MutableMapping[Any, Any]) -> None:
                doc.clear()
                doc.update(record)

            table.update(replace, doc_ids=[doc_id])
        else:
            table.insert(Document(record, doc_id=doc_id))

    @staticmethod
    def _out(doc: Any) -> Any:
        # Callers get copies, so a change they make never leaks into the cache unstored.
        return None if doc is None else copy.deepcopy(dict(doc))

    # -- schema --------------------------------------------------------------------------------

    @_threaded
    def schema_version(self) -> int:
        """The schema version stored in the data folder."""
        return self.db.schema_version

    # -- instructors and invites ---------------------------------------------------------------

    @_threaded
    def create_invite(self, created_by: int) -> str:
        """Make a one-time instructor invite code."""
        code = new_code()
        self._g.table("invites").insert({"code": code, "by": created_by, "at": _now()})
        return code

    @_threaded
    def use_invite(self, code: str, user_id: int, name: str) -> Record | None:
        """Spend an invite code and make the user an instructor; None if the code is not valid."""
        invites = _t(self._g, "invites")
        invite = invites.lookup_one("code", code)
        if invite is None or invite.get("used"):
            return None
        invites.update({"used": True}, doc_ids=[invite.doc_id])
        instructors = self._g.table("instructors")
        record = {"user_id": user_id, "name": name, "joined_at": _now()}
        self._put(instructors, user_id, record)
        return record

    @_threaded
    def get_instructor(self, user_id: int) -> Record | None:
        """The instructor record of this user, if they are one."""
        return self._out(self._g.table("instructors").get(doc_id=user_id))

    @_threaded
    def list_instructors(self) -> list[Record]:
        """Every instructor, in joining order."""
        return [self._out(d) for d in self._g.table("instructors").all()]

    # -- classes -------------------------------------------------------------------------------

    @_threaded
    def create_class(self, instructor_id: int, fields: Record) -> Record:
        """Create a class with its own file, a fresh id and an unguessable join code."""
        class_id = new_code(6)
        while self.db.has_class(class_id):  # pragma: no cover - 2**48 ids
            class_id = new_code(6)
        record = {
            **fields,
            "id": class_id,
            "code": new_code(),
            "instructor_id": instructor_id,
            "created_at": _now(),
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

    @_threaded
    def get_class(self, class_id: str) -> Record | None:
        """One class's settings and schedule, or None."""
        return self._record(class_id)

    @_threaded
    def class_by_code(self, code: str) -> Record | None:
        """The class a join code belongs to, or None."""
        entry = _t(self._g, "class_index").lookup_one("code", code)
        return None if entry is None else self._record(entry["id"])

    @_threaded
    def classes_of_instructor(self, instructor_id: int) -> list[Record]:
        """The classes an instructor runs, oldest first."""
        entries = _t(self._g, "class_index").lookup("instructor_id", instructor_id)
        records = (self._record(e["id"]) for e in entries)
        return [r for r in records if r is not None]

    @_threaded
    def all_classes(self) -> list[Record]:
        """Every class's settings and schedule (from the index: no class file is opened)."""
        records = (self._record(cid) for cid in self.db.iter_class_ids())
        return [r for r in records if r is not None]

    @_threaded
    def update_class(self, class_id: str, changes: Record) -> Record:
        """Change some fields of a class and return it as stored."""
        entry = self._change_entry(
            class_id, lambda e: {**e, "record": {**e["record"], **copy.deepcopy(changes)}}
        )
        if entry is None:
            raise KeyError(f"no class {class_id!r}")
        return copy.deepcopy(entry["record"])

    async def delete_class(self, class_id: str) -> None:
        """Delete a class and all its personal data (its file, index entry and group link).

        In short steps, one file each: the class file goes first (a crash after it leaves an
        empty class, deleted again later; never personal data without an index entry)."""
        people = await self._step(self._delete_class_file, class_id)
        for name in ("class_index", "groups", "carer_codes", "index"):
            await self._step(self._delete_class_entries, class_id, name)
        shards: dict[int, list[int]] = {}
        for user_id in people:
            shards.setdefault(user_id % USER_SHARDS, []).append(user_id)
        for user_ids in shards.values():
            for name in ("users", "appears"):
                await self._step(self._drop_class_from_users, user_ids, class_id, name)

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
        table = _t(self._g, name)
        found = table.lookup("id" if name == "class_index" else "class_id", class_id)
        if found:
            table.remove(doc_ids=[d.doc_id for d in found])

    def _drop_class_from_users(self, user_ids: list[int], class_id: str, name: str) -> None:
        """Take a deleted class out of some people's lists (all in one user shard)."""
        table = self.db.user_db(user_ids[0]).table(name)
        ids = [u for u in user_ids if class_id in _field(table, u, "classes")]
        if ids:

            def drop(doc: MutableMapping[Any, Any]) -> None:
                doc["classes"] = [c for c in doc["classes"] if c != class_id]

            table.update(drop, doc_ids=ids)

    # -- groups --------------------------------------------------------------------------------

    @_threaded
    def link_group(self, chat_id: int, class_id: str) -> None:
        """Link a group chat to exactly one class (replacing any earlier link of that group)."""
        groups = _t(self._g, "groups")
        old = {
            d.doc_id
            for d in groups.lookup("chat_id", chat_id) + groups.lookup("class_id", class_id)
        }
        if old:
            groups.remove(doc_ids=sorted(old))
        groups.insert({"chat_id": chat_id, "class_id": class_id})
        self._set_group(class_id, chat_id)

    def _set_group(self, class_id: str, chat_id: int | None) -> None:
        self._change_entry(
            class_id, lambda e: {**e, "record": {**e["record"], "group_chat_id": chat_id}}
        )

    @_threaded
    def unlink_group(self, chat_id: int) -> str | None:
        """Drop a group's link; returns the class it was linked to, if any."""
        groups = _t(self._g, "groups")
        link = groups.lookup_one("chat_id", chat_id)
        if link is None:
            return None
        groups.remove(doc_ids=[link.doc_id])
        self._set_group(link["class_id"], None)
        return str(link["class_id"])

    @_threaded
    def class_for_group(self, chat_id: int) -> Record | None:
        """The class linked to a group chat, or None."""
        link = _t(self._g, "groups").lookup_one("chat_id", chat_id)
        return None if link is None else self._record(link["class_id"])

    @_threaded
    def migrate_group(self, old_chat_id: int, new_chat_id: int) -> None:
        """Follow a group that became a supergroup (its chat id changes)."""
        groups = _t(self._g, "groups")
        link = groups.lookup_one("chat_id", old_chat_id)
        if link is None:
            return
        groups.update({"chat_id": new_chat_id}, doc_ids=[link.doc_id])
        self._set_group(link["class_id"], new_chat_id)

    # -- people --------------------------------------------------------------------------------

    @_threaded
    def get_user(self, user_id: int) -> Record | None:
        """A person's own record (consent, baby, preferences, classes), or None."""
        return self._out(self.db.user_db(user_id).table("users").get(doc_id=user_id))

    @_threaded
    def update_user(self, user_id: int, changes: Record) -> Record:
        """Create or change a person's own record and return it."""
        table = self.db.user_db(user_id).table("users")
        doc = table.get(doc_id=user_id)
        record = {"user_id": user_id, "classes": []} if doc is None else dict(doc)
        record.update(changes)
        self._put(table, user_id, record)
        return copy.deepcopy(record)

    @_threaded
    def add_member(self, class_id: str, user_id: int, fields: Record) -> Record:
        """Add (or re-add) a person to a class; the class file is written before the user index."""
        members = self._cdb(class_id).table("members")
        old = members.get(doc_id=user_id)
        record = {**(dict(old) if old else {}), **fields, "user_id": user_id, "active": True}
        record.setdefault("joined_at", _now())
        record.pop("left_at", None)
        self._put(members, user_id, record)
        users = self.db.user_db(user_id).table("users")
        user = users.get(doc_id=user_id)
        user_rec: Record = {"user_id": user_id, "classes": []} if user is None else dict(user)
        if class_id not in user_rec["classes"]:
            user_rec["classes"] = [*user_rec["classes"], class_id]
            self._put(users, user_id, user_rec)
        self._note_appears(user_id, class_id)
        return copy.deepcopy(record)

    @_threaded
    def get_member(self, class_id: str, user_id: int) -> Record | None:
        """One member of a class, or None."""
        db = self.db.class_db(class_id)
        return None if db is None else self._out(db.table("members").get(doc_id=user_id))

    @_threaded
    def members(self, class_id: str, *, active_only: bool = True) -> list[Record]:
        """A class's members (by default only those still in it and reachable)."""
        docs = self._cdb(class_id).table("members").all()
        return [self._out(d) for d in docs if d.get("active") or not active_only]

    @_threaded
    def update_member(self, class_id: str, user_id: int, changes: Record) -> None:
        """Change a member's fields (e.g. mark them unreachable after they blocked the bot)."""
        self._cdb(class_id).table("members").update(changes, doc_ids=[user_id])

    @_threaded
    def remove_member(self, class_id: str, user_id: int) -> None:
        """Take a person out of a class (their check-ins stay until the class is deleted)."""
        self._cdb(class_id).table("members").remove(doc_ids=[user_id])
        self._drop_user_class(user_id, class_id)

    def _drop_user_class(self, user_id: int, class_id: str) -> None:
        users = self.db.user_db(user_id).table("users")
        user = users.get(doc_id=user_id)
        if user is not None and class_id in user.get("classes", []):
            users.update(
                {"classes": [c for c in user["classes"] if c != class_id]}, doc_ids=[user_id]
            )

    async def forget_user(self, user_id: int) -> None:
        """Delete everything stored about a person, in every class they were in.

        Only the files that name them are touched (their user shard lists the classes), one
        step per file; then each touched file's journal is folded into a fresh snapshot, off
        the storage thread, so no earlier version of their records stays on disk."""
        class_ids = await self._step(self._classes_naming, user_id)
        for class_id in class_ids:
            for name in ("members", "checkins", "questions", "sent", "outbox", "carers"):
                await self._step(self._forget_in_class, class_id, user_id, name)
        for name in ("users", "conversations", "appears"):
            await self._step(self._forget_own_record, user_id, name)
        touched: list[Callable[[], TinyDB | None]] = [
            functools.partial(self.db.class_db, class_id) for class_id in class_ids
        ]
        touched.append(functools.partial(self.db.user_db, user_id))
        in_global = [
            await self._step(self._forget_in_global, user_id, name)
            for name in ("instructors", "invites", "menus")
        ]
        if any(in_global):
            touched.append(lambda: self._g)
        await asyncio.gather(*(self._fold(locate) for locate in touched))

    def _classes_naming(self, user_id: int) -> list[str]:
        db = self.db.user_db(user_id)
        found = set(_field(db.table("users"), user_id, "classes"))
        found.update(_field(db.table("appears"), user_id, "classes"))
        return sorted(found)

    def _forget_in_class(self, class_id: str, user_id: int, name: str) -> None:
        """Remove a person's records from one table of a class file (one write at most)."""
        db = self.db.class_db(class_id)
        if db is None:
            return
        if name == "members":
            if db.table("members").contains(doc_id=user_id):
                db.table("members").remove(doc_ids=[user_id])
        elif name in ("checkins", "questions"):
            mine = [d.doc_id for d in _t(db, name).lookup("user_id", user_id)]
            if mine:
                db.table(name).remove(doc_ids=mine)
        elif name == "sent":
            # Private sends are keyed "...:<recipient id>" (see jobs.delivery.sent_key).
            marker = f":{user_id}"
            sent = db.table("sent")
            mine = [d.doc_id for d in sent.search(_Q.key.test(str.endswith, marker))]
            if mine:
                sent.remove(doc_ids=mine)
        elif name == "outbox":
            self._forget_queued(db.table("outbox"), user_id)
        else:
            # Where others' records name this person: a carer's family goes on without them:
            # its first carer takes the parent's place (invited to check in, counted once), any
            # other carer joins them (one write for all of them).
            members = _t(db, "members")
            carers = sorted(d.doc_id for d in members.lookup("family_of", user_id))
            if carers:
                first = carers[0]

                def take_over(doc: MutableMapping[Any, Any]) -> None:
                    if doc["user_id"] == first:
                        doc.update({"family_of": None, "role": "parent"})
                    else:
                        doc["family_of"] = first

                members.update(take_over, doc_ids=carers)

    def _forget_own_record(self, user_id: int, name: str) -> None:
        table = self.db.user_db(user_id).table(name)
        if table.contains(doc_id=user_id):
            table.remove(doc_ids=[user_id])

    def _forget_in_global(self, user_id: int, name: str) -> bool:
        """Remove the person's instructor record, invites or menu; whether there was one."""
        if name == "instructors":
            table = self._g.table(name)
            if not table.contains(doc_id=user_id):
                return False
            table.remove(doc_ids=[user_id])
            return True
        field, value = ("by", user_id) if name == "invites" else ("chat", str(user_id))
        found = [d.doc_id for d in _t(self._g, name).lookup(field, value)]
        if found:
            self._g.table(name).remove(doc_ids=found)
        return bool(found)

    @staticmethod
    def _forget_queued(table: Table, user_id: int) -> None:
        """Take a person out of every queued message (their key, outcome and quiet flag)."""
        # Their keys end ":<their id>" (see jobs.delivery.sent_key).
        marker = f":{user_id}"
        for doc in table.all():
            keys = [k for k in doc.get("keys", []) if not k.endswith(marker)]
            silent = [r for r in doc.get("silent", []) if r != str(user_id)]
            if len(keys) == len(doc.get("keys", [])) and len(silent) == len(doc.get("silent", [])):
                continue
            outcomes = {k: v for k, v in doc.get("outcomes", {}).items() if not k.endswith(marker)}
            if keys:
                table.update(
                    {"keys": keys, "silent": silent, "outcomes": outcomes}, doc_ids=[doc.doc_id]
                )
            else:
                table.remove(doc_ids=[doc.doc_id])

    # -- check-ins -----------------------------------------------------------------------------

    @_threaded
    def save_checkin(self, class_id: str, user_id: int, week: int, answers: Record) -> Record:
        """Store a check-in; a later one for the same week replaces the earlier (latest counts)."""
        table = _t(self._cdb(class_id), "checkins")
        record = {**answers, "user_id": user_id, "week": week, "at": _now()}
        same = [d for d in table.lookup("user_id", user_id) if d.get("week") == week]
        if same:
            self._put(table, same[0].doc_id, record)
        else:
            table.insert(record)
        self._note_appears(user_id, class_id)
        return copy.deepcopy(record)

    @_threaded
    def checkins(
        self, class_id: str, *, week: int | None = None, user_id: int | None = None
    ) -> list[Record]:
        """A class's check-ins, optionally for one week or one person, in week order."""
        table = _t(self._cdb(class_id), "checkins")
        docs = table.all() if user_id is None else table.lookup("user_id", user_id)
        out = [
            self._out(d)
            for d in docs
            if (week is None or d["week"] == week) and (user_id is None or d["user_id"] == user_id)
        ]
        return sorted(out, key=lambda r: (r["week"], r["at"]))

    # -- questions passed to the instructor ----------------------------------------------------

    @_threaded
    def add_question(self, class_id: str, user_id: int, text: str, fields: Record) -> Record:
        """Keep a question for the instructor; it stays open until answered."""
        table = self._cdb(class_id).table("questions")
        record = {**fields, "user_id": user_id, "text": text, "at": _now(), "answered": False}
        qid = table.insert(record)
        table.update({"qid": qid}, doc_ids=[qid])
        self._note_appears(user_id, class_id)
        return {**record, "qid": qid}

    @_threaded
    def get_question(self, class_id: str, qid: int) -> Record | None:
        """One question of a class, or None (also when the class was deleted meanwhile)."""
        db = self.db.class_db(class_id)
        if db is None:
            return None
        return self._out(db.table("questions").get(doc_id=qid))

    @_threaded
    def questions(self, class_id: str, *, open_only: bool = True) -> list[Record]:
        """A class's questions, oldest first."""
        docs = self._cdb(class_id).table("questions").all()
        return [self._out(d) for d in docs if not (open_only and d.get("answered"))]

    @_threaded
    def update_question(self, class_id: str, qid: int, changes: Record) -> None:
        """Change a question (e.g. mark it answered with the instructor's reply)."""
        self._cdb(class_id).table("questions").update(changes, doc_ids=[qid])

    # -- what was sent (exactly-once bookkeeping) ----------------------------------------------

    @_threaded
    def was_sent(self, class_id: str, key: str) -> bool:
        """Whether a scheduled message with this key already went out."""
        db = self.db.class_db(class_id)
        return db is not None and _t(db, "sent").lookup_one("key", key) is not None

    @_threaded
    def sent_keys(self, class_id: str) -> frozenset[str]:
        """Every key sent for a class (what a pass over the class still has to send)."""
        db = self.db.class_db(class_id)
        if db is None:
            return frozenset()
        keys = frozenset(str(d["key"]) for d in db.table("sent").all())
        # The index's list of completed messages is written after the sent log: should a
        # crash have come in between, it is completed here.
        entry = self._entry(class_id)
        missing = {k for k in keys if k.endswith(":done")} - set(entry["done"] if entry else ())
        if missing:
            self._change_entry(class_id, lambda e: {**e, "done": [*e["done"], *sorted(missing)]})
        return keys

    @_threaded
    def mark_sent(self, class_id: str, key: str) -> None:
        """Record durably that a scheduled message went out (once per key)."""
        sent = _t(self._cdb(class_id), "sent")
        if sent.lookup_one("key", key) is not None:
            return
        sent.insert({"key": key, "at": _now()})
        if key.endswith(":done"):
            # Start-up needs only these (what is complete), and reads them from the index.
            self._change_entry(class_id, lambda e: {**e, "done": [*e["done"], key]})
        recipient = _recipient_id(key)
        if recipient is not None:
            self._note_appears(recipient, class_id)

    @_threaded
    def mark_sent_many(self, class_id: str, keys: list[str]) -> None:
        """Record several sent messages of one class in one durable write (the outbox batches
        its marks: one journal append for many deliveries)."""
        sent = _t(self._cdb(class_id), "sent")
        fresh = [k for k in dict.fromkeys(keys) if sent.lookup_one("key", k) is None]
        if not fresh:
            return
        # Normally noted when the message was queued (outbox_add); a mark is cheap to repeat.
        for recipient in {r for r in map(_recipient_id, fresh) if r is not None}:
            self._note_appears(recipient, class_id)
        at = _now()
        sent.insert_multiple({"key": k, "at": at} for k in fresh)
        done = [k for k in fresh if k.endswith(":done")]
        if done:
            self._change_entry(class_id, lambda e: {**e, "done": [*e["done"], *done]})

    # -- week notes ----------------------------------------------------------------------------

    @_threaded
    def set_week_note(self, class_id: str, week: int, text: str | None) -> None:
        """Set (or, with None, clear) the instructor's note for one week of a class."""
        table = _t(self._cdb(class_id), "notes")
        found = table.lookup("week", week)
        if text is None:
            if found:
                table.remove(doc_ids=[d.doc_id for d in found])
        elif found:
            self._put(table, found[0].doc_id, {"week": week, "text": text})
        else:
            table.insert({"week": week, "text": text})

    @_threaded
    def week_notes(self, class_id: str) -> dict[int, str]:
        """The instructor's notes of a class, by week."""
        return {d["week"]: d["text"] for d in self._cdb(class_id).table("notes").all()}

    # -- announcements -------------------------------------------------------------------------

    @_threaded
    def add_announcement(self, class_id: str, fields: Record) -> Record:
        """Store an announcement (scheduled or about to be sent) and return it with its id."""
        table = self._cdb(class_id).table("announcements")
        record = {**fields, "created_at": _now()}
        if record.get("status") in PENDING_ANNOUNCEMENT:
            # Flagged in the index before it is stored: start-up looks only at flagged classes.
            self._change_entry(class_id, lambda e: {**e, "ann": True})
        aid = table.insert(record)
        table.update({"aid": aid}, doc_ids=[aid])
        return {**record, "aid": aid}

    @_threaded
    def announcements(self, class_id: str) -> list[Record]:
        """A class's announcements, oldest first."""
        return [self._out(d) for d in self._cdb(class_id).table("announcements").all()]

    @_threaded
    def pending_announcements(self) -> list[tuple[str, Record]]:
        """The announcements still to send (scheduled, or interrupted while sending), with
        their class ids: only the classes flagged in the index are opened (start-up)."""
        found: list[tuple[str, Record]] = []
        for class_id in self.db.iter_class_ids():
            entry = self._entry(class_id)
            if entry is None or not entry.get("ann"):
                continue
            db = self._cdb(class_id)
            mine = [
                self._out(d)
                for d in db.table("announcements").all()
                if d.get("status") in PENDING_ANNOUNCEMENT
            ]
            if not mine:
                self._change_entry(class_id, lambda e: {**e, "ann": False})
            found += [(class_id, a) for a in mine]
        return found

    @_threaded
    def update_announcement(self, class_id: str, aid: int, changes: Record) -> None:
        """Change an announcement (status, delivery report)."""
        self._cdb(class_id).table("announcements").update(changes, doc_ids=[aid])

    # -- announcements: lookups and status changes (announcements feature) ---------------------

    @_threaded
    def get_announcement(self, class_id: str, aid: int) -> Record | None:
        """One announcement of a class, or None (also when the class no longer exists)."""
        db = self.db.class_db(class_id)
        return None if db is None else self._out(db.table("announcements").get(doc_id=aid))

    @_threaded
    def transition_announcement(
        self, class_id: str, aid: int, from_statuses: tuple[str, ...], changes: Record
    ) -> Record | None:
        """Apply `changes` only if the announcement's status is one of `from_statuses`.

        Checked and written in one step on the storage thread, so a Cancel pressed while the
        send job starts can never both succeed: exactly one of them wins. Returns the record
        as stored after the change, or None when the status did not allow it (or it is gone).
        """
        db = self.db.class_db(class_id)
        if db is None:
            return None
        table = db.table("announcements")
        doc = table.get(doc_id=aid)
        if doc is None or doc.get("status") not in from_statuses:
            return None
        table.update(changes, doc_ids=[aid])
        return self._out(table.get(doc_id=aid))

    # -- the outbound queue (jobs/outbox.py) ---------------------------------------------------
    # One document per queued message in its class's file, table "outbox": what to send
    # (text, photo, buttons), to whom (sent-log keys, whose last part names the recipient), until
    # when, and the final outcome of each recipient that was refused or given up on. Deliveries
    # are recorded in the sent log (mark_sent_many), so a delivery never rewrites its entry.
    # The class's index entry says whether it may have queued messages ("outbox"), so start-up
    # opens only those class files; the people a queued message names are noted (appears), so
    # /forgetme finds them there.

    @_threaded
    def outbox_add(self, class_id: str, entry: Record) -> int:
        """Store a queued message; returns its id (unique within the class)."""
        table = self._cdb(class_id).table("outbox")
        # Noted and flagged before the message is stored, so a crash in between never leaves
        # a person's id where /forgetme or the start-up would not look.
        for recipient in {r for r in map(_recipient_id, entry.get("keys", ())) if r is not None}:
            self._note_appears(recipient, class_id)
        index = self._entry(class_id)
        if index is not None and not index.get("outbox"):
            self._change_entry(class_id, lambda e: {**e, "outbox": True})
        return int(table.insert(entry))

    @_threaded
    def outbox_entries(self) -> list[tuple[str, int, Record]]:
        """Every queued message of every class as (class id, entry id, entry): the outbox
        resumes from these at start. Only classes flagged in the index are opened."""
        found: list[tuple[str, int, Record]] = []
        for class_id in self.db.iter_class_ids():
            index = self._entry(class_id)
            if index is None or not index.get("outbox"):
                continue
            db = self.db.class_db(class_id)
            docs = db.table("outbox").all() if db is not None else []
            if not docs:
                self._change_entry(class_id, lambda e: {**e, "outbox": False})
            found += [(class_id, doc.doc_id, self._out(doc)) for doc in docs]
        return found

    @_threaded
    def outbox_holds(self, class_id: str, entry_id: int, key: str) -> Record | None:
        """Whether a queued message still goes to `key` (None once the class, the entry or the
        person was deleted), with the class's group chat as it is now: {"group_chat_id": ...}."""
        db = self.db.class_db(class_id)
        index = self._entry(class_id)
        if db is None or index is None:
            return None
        doc = db.table("outbox").get(doc_id=entry_id)
        if doc is None or key not in doc.get("keys", ()):
            return None
        return {"group_chat_id": index["record"].get("group_chat_id")}

    @_threaded
    def outbox_update(self, class_id: str, entry_id: int, changes: Record) -> None:
        """Change fields of a queued message; `outcomes` is merged key by key. A class deleted
        meanwhile is ignored: its queue went with it."""
        db = self.db.class_db(class_id)
        if db is None:
            return
        table = db.table("outbox")
        outcomes = changes.get("outcomes")
        rest = {k: v for k, v in changes.items() if k != "outcomes"}

        def change(doc: MutableMapping[Any, Any]) -> None:
            doc.update(rest)
            if outcomes:
                doc["outcomes"] = {**doc.get("outcomes", {}), **outcomes}

        if table.contains(doc_id=entry_id):
            table.update(change, doc_ids=[entry_id])

    @_threaded
    def outbox_remove(self, class_id: str, entry_id: int) -> None:
        """Drop a queued message once it is settled and followed up."""
        db = self.db.class_db(class_id)
        if db is not None and db.table("outbox").contains(doc_id=entry_id):
            db.table("outbox").remove(doc_ids=[entry_id])

    # -- saved conversations (handlers/conversation.py) ----------------------------------------
    #
    # Where each person is in the bot's multi-step conversations, so a restart loses none of
    # them: one small record per person, in their own user shard (table "conversations", doc id
    # = their Telegram id), rewritten whole so its parts always change together:
    #
    #     {"data":   {...},                                   PTB's user_data for this person
    #      "states": {name: {chat id: {"state": s, "at": iso time of their last step}}}}
    #
    # handlers/conversation.py is the only reader and writer (PTB's BasePersistence over these
    # three functions); /mydata shows the record, /forgetme deletes it with the rest.

    @staticmethod
    def _conversation_record(doc: Mapping[str, Any]) -> Record:
        """A stored record in today's shape. An earlier version saved {name: state} (the
        check-in's state under "checkin"): that reads as the person's data, where the check-in
        keeps its state now."""
        record = copy.deepcopy(dict(doc))
        if set(record) <= {"data", "states"}:
            return record
        return {"data": record}

    @_threaded
    def conversation_records(self) -> dict[int, Record]:
        """Every person's saved conversation record, by Telegram id (read once, at start)."""
        found: dict[int, Record] = {}
        for db in self.db.user_dbs:
            for doc in db.table("conversations").all():
                found[doc.doc_id] = self._conversation_record(doc)
        return found

    @_threaded
    def conversation_record(self, user_id: int) -> Record | None:
        """One person's saved conversation record, or None."""
        doc = self.db.user_db(user_id).table("conversations").get(doc_id=user_id)
        return None if doc is None else self._conversation_record(doc)

    @_threaded
    def set_conversation_records(self, records: Mapping[int, Record | None]) -> None:
        """Save (or, with None, delete) the records of the people given, each in one write."""
        for user_id, record in records.items():
            table = self.db.user_db(user_id).table("conversations")
            if record:
                self._put(table, user_id, record)
            elif table.contains(doc_id=user_id):
                table.remove(doc_ids=[user_id])

    # -- anonymous FAQ feedback ----------------------------------------------------------------

    @_threaded
    def record_faq_feedback(self, faq_id: str, helpful: bool) -> None:
        """Count a helpful / not helpful press for an FAQ answer (no user id is kept)."""
        table = _t(self._g, "faq_feedback")
        found = table.lookup_one("id", faq_id)
        doc: Record = dict(found) if isinstance(found, Mapping) else {}
        counts = {"id": faq_id, "helpful": 0, "not_helpful": 0, **doc}
        field = "helpful" if helpful else "not_helpful"
        record = {**counts, field: int(counts[field]) + 1}
        if found is None:
            table.insert(record)
        else:
            self._put(table, found.doc_id, record)

    @_threaded
    def faq_feedback(self) -> dict[str, tuple[int, int]]:
        """Helpful and not helpful counts per FAQ id."""
        return {
            d["id"]: (d["helpful"], d["not_helpful"]) for d in self._g.table("faq_feedback").all()
        }

    # -- roles, joining and privacy (classes, roles and joining work) --------------------------

    @_threaded
    def get_invite(self, code: str) -> Record | None:
        """An instructor invite by its code (spent or not), or None."""
        return self._out(_t(self._g, "invites").lookup_one("code", code))

    # -- owners who claimed the first-run owner link (besides OWNER_IDS) -----------------------

    @_threaded
    def claim_owner(self, user_id: int, name: str) -> bool:
        """Make this person the owner if nobody has claimed it yet; whether they now are."""
        owners = self._g.table("owners")
        if len(owners) > 0:
            return False
        self._put(owners, user_id, {"user_id": user_id, "name": name, "since": _now()})
        return True

    @_threaded
    def list_owners(self) -> list[Record]:
        """The owners who claimed the first-run link (OWNER_IDS are in the settings)."""
        return [self._out(d) for d in self._g.table("owners").all()]

    @_threaded
    def remove_instructor(self, user_id: int) -> None:
        """Take away a person's instructor role, and the invites they made (for /forgetme)."""
        instructors = self._g.table("instructors")
        if instructors.contains(doc_id=user_id):
            instructors.remove(doc_ids=[user_id])
        invites = _t(self._g, "invites")
        mine = [d.doc_id for d in invites.lookup("by", user_id)]
        if mine:
            invites.remove(doc_ids=mine)

    @_threaded
    def create_carer_code(self, class_id: str, parent_id: int) -> str:
        """Make a one-time carer link code for a parent's family in a class.

        A newer code replaces the parent's older one. The global index maps the code to its
        class only; who made it is kept on the parent's member record, so /forgetme and the
        deletion of the class take it with them.
        """
        members = self._cdb(class_id).table("members")
        member = members.get(doc_id=parent_id)
        if member is None:
            raise KeyError(f"{parent_id} is not in class {class_id!r}")
        codes = _t(self._g, "carer_codes")
        old = (member.get("carer_invite") or {}).get("code")
        stale = [d.doc_id for d in codes.lookup("code", old)] if old else []
        if stale:
            codes.remove(doc_ids=stale)
        code = new_code()
        codes.insert({"code": code, "class_id": class_id})
        members.update({"carer_invite": {"code": code, "at": _now()}}, doc_ids=[parent_id])
        return code

    def _carer_holder(self, code: str) -> tuple[Document, TinyDB, Document] | None:
        """The index entry, class file and member record behind an unspent carer code."""
        entry = _t(self._g, "carer_codes").lookup_one("code", code)
        if entry is None:
            return None
        db = self.db.class_db(entry["class_id"])
        if db is None:
            return None
        for member in db.table("members").all():
            if (member.get("carer_invite") or {}).get("code") == code:
                return entry, db, member
        return None

    @_threaded
    def carer_invite(self, code: str) -> Record | None:
        """The unspent carer link `code` as {code, class_id, parent_id, at}, or None."""
        found = self._carer_holder(code)
        if found is None:
            return None
        entry, _, member = found
        return {
            "code": code,
            "class_id": entry["class_id"],
            "parent_id": member.doc_id,
            "at": member["carer_invite"].get("at"),
        }

    @_threaded
    def spend_carer_code(self, code: str) -> bool:
        """Use up a carer link code; False if it was already spent or never existed."""
        found = self._carer_holder(code)
        if found is None:
            return False
        entry, db, member = found
        # The index entry goes first: a crash in between leaves the link dead, never reusable.
        self._g.table("carer_codes").remove(doc_ids=[entry.doc_id])
        db.table("members").update(
            lambda doc: doc.pop("carer_invite", None), doc_ids=[member.doc_id]
        )
        return True

    @_threaded
    def export_user(self, user_id: int) -> Record:
        """Everything stored about a person, for /mydata (a rare, whole-folder look)."""
        user = self.db.user_db(user_id).table("users").get(doc_id=user_id)
        conv = self.db.user_db(user_id).table("conversations").get(doc_id=user_id)
        out: Record = {
            "telegram_id": user_id,
            "user": self._out(user),
            "instructor": self._out(self._g.table("instructors").get(doc_id=user_id)),
            "classes_you_teach": [],
            "memberships": [],
            "checkins": [],
            "questions": [],
            "messages_sent_to_you": [],
            "messages_queued_for_you": [],
            "conversations": None if conv is None else self._conversation_record(conv),
        }
        out["classes_you_teach"] = [
            r
            for r in (
                self._record(e["id"])
                for e in _t(self._g, "class_index").lookup("instructor_id", user_id)
            )
            if r is not None
        ]
        for class_id in self._classes_naming(user_id):
            db = self.db.class_db(class_id)
            if db is None:
                continue
            klass = self._record(class_id) or {}
            where = {"class_id": class_id, "class_name": klass.get("name")}
            member = db.table("members").get(doc_id=user_id)
            if member is not None:
                record = copy.deepcopy(dict(member))
                if record.get("family_of"):
                    # A carer's record points at the parent: that id is someone else's data.
                    record["family_of"] = "the parent who invited you"
                out["memberships"].append({**where, **record})
            # The sent log names each recipient: which messages went to this person, and when.
            marker = f":{user_id}"
            out["messages_sent_to_you"] += [
                {**where, "message": d["key"].removesuffix(marker), "at": d.get("at")}
                for d in db.table("sent").all()
                if str(d.get("key", "")).endswith(marker)
            ]
            # The outbox: what is still to go to them (their own key only: others in the same
            # message are someone else's data; delivered or given-up keys are not waiting).
            out["messages_queued_for_you"] += [
                {
                    **where,
                    "message": k.removesuffix(marker),
                    "queued_at": d.get("created_at"),
                    "not_before": d.get("not_before"),
                    "until": d.get("expires"),
                }
                for d in db.table("outbox").all()
                for k in d.get("keys", ())
                if k.endswith(marker)
                and k not in d.get("outcomes", {})
                and _t(db, "sent").lookup_one("key", k) is None
            ]
            for name in ("checkins", "questions"):
                out[name] += [
                    {**where, **copy.deepcopy(dict(d))}
                    for d in _t(db, name).lookup("user_id", user_id)
                ]
        return out

    # -- course schedule (course work) ---------------------------------------------------------

    @_threaded
    def get_users(self, user_ids: list[int]) -> dict[int, Record]:
        """The own records of several people at once (absent ones are left out)."""
        found: dict[int, Record] = {}
        for user_id in user_ids:
            doc = self.db.user_db(user_id).table("users").get(doc_id=user_id)
            if doc is not None:
                found[user_id] = self._out(doc)
        return found

    @_threaded
    def classes_with_sent(self) -> list[tuple[Record, frozenset[str]]]:
        """Every class with the completed messages of its sent log (the "...:done" keys), in
        one call, from the index alone: the start-up rebuild of the jobs."""
        found = []
        for class_id in self.db.iter_class_ids():
            entry = self._entry(class_id)
            if entry is not None:
                found.append((copy.deepcopy(entry["record"]), frozenset(entry["done"])))
        return found

    # -- command menus (set once per chat, again only when they change) ------------------------

    @_threaded
    def published_menus(self) -> dict[str, str]:
        """The digest of the command menu last set per scope ("private", "groups", a user id)."""
        return {str(d["chat"]): str(d["digest"]) for d in self._g.table("menus").all()}

    @_threaded
    def set_published_menu(self, chat: str, digest: str | None) -> None:
        """Remember (or, with None, forget) the digest of the menu set for a scope."""
        table = _t(self._g, "menus")
        found = table.lookup_one("chat", chat)
        if digest is None:
            if found is not None:
                table.remove(doc_ids=[found.doc_id])
        elif found is None:
            table.insert({"chat": chat, "digest": digest})
        elif found["digest"] != digest:
            self._put(table, found.doc_id, {"chat": chat, "digest": digest})
