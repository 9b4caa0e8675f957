"""The repository: every read and write the bot makes, by name, as awaitable methods.

All of them run, one at a time, on a single storage thread: the event loop never waits on a
disk flush, and no two changes to the same file interleave. A method returns only after its
change is durable on disk. Records come back as plain dicts that the caller may keep (copies).
"""

from __future__ import annotations

import asyncio
import copy
import functools
import secrets
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from tinydb import Query, TinyDB
from tinydb.queries import QueryLike
from tinydb.table import Document, Table

from storage.database import Database

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
        # What was already sent, per class: asked before every scheduled send, so kept as sets.
        self._sent: dict[str, set[str]] = {}

    @_threaded
    def open(self) -> None:
        """Lock and load the data folder (raises on a locked folder or a broken file)."""
        self.db.open()
        for class_id in self.db.iter_class_ids():
            self._sent[class_id] = {d["key"] for d in self._cdb(class_id).table("sent").all()}

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
    def _upsert(table: Table, cond: QueryLike, record: Record) -> None:
        """Replace the one document matching `cond`, or insert it: one durable write either way.

        TinyDB's own `upsert` writes twice for a new document (an update, then an insert).
        """
        found = table.get(cond)
        if found is None:
            table.insert(record)
        else:
            Store._put(table, found.doc_id, record)

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
        invites = self._g.table("invites")
        invite = invites.get(_Q.code == code)
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
        while self.db.class_db(class_id) is not None:  # pragma: no cover - 2**48 ids
            class_id = new_code(6)
        record = {
            **fields,
            "id": class_id,
            "code": new_code(),
            "instructor_id": instructor_id,
            "created_at": _now(),
            "ended": False,
        }
        cdb = self.db.class_db(class_id, create=True)
        assert cdb is not None
        cdb.table("class").insert(Document(record, doc_id=1))
        self._sent[class_id] = set()
        self._g.table("class_index").insert(
            {"id": class_id, "code": record["code"], "instructor_id": instructor_id}
        )
        return copy.deepcopy(record)

    @_threaded
    def get_class(self, class_id: str) -> Record | None:
        """One class's settings and schedule, or None."""
        db = self.db.class_db(class_id)
        return None if db is None else self._out(db.table("class").get(doc_id=1))

    @_threaded
    def class_by_code(self, code: str) -> Record | None:
        """The class a join code belongs to, or None."""
        entry = self._g.table("class_index").get(_Q.code == code)
        if entry is None:
            return None
        return self._out(self._cdb(entry["id"]).table("class").get(doc_id=1))

    @_threaded
    def classes_of_instructor(self, instructor_id: int) -> list[Record]:
        """The classes an instructor runs, oldest first."""
        entries = self._g.table("class_index").search(_Q.instructor_id == instructor_id)
        return [self._out(self._cdb(e["id"]).table("class").get(doc_id=1)) for e in entries]

    @_threaded
    def all_classes(self) -> list[Record]:
        """Every class (used at start-up to rebuild the jobs)."""
        return [
            self._out(self._cdb(cid).table("class").get(doc_id=1))
            for cid in self.db.iter_class_ids()
        ]

    @_threaded
    def update_class(self, class_id: str, changes: Record) -> Record:
        """Change some fields of a class and return it as stored."""
        table = self._cdb(class_id).table("class")
        table.update(changes, doc_ids=[1])
        return self._out(table.get(doc_id=1))

    @_threaded
    def delete_class(self, class_id: str) -> None:
        """Delete a class and all its personal data (its file, index entry and group link)."""
        members = self._cdb(class_id).table("members").all()
        self._g.table("class_index").remove(_Q.id == class_id)
        self._g.table("groups").remove(_Q.class_id == class_id)
        for m in members:
            self._drop_user_class(m.doc_id, class_id)
        self.db.drop_class_db(class_id)
        self._sent.pop(class_id, None)

    # -- groups --------------------------------------------------------------------------------

    @_threaded
    def link_group(self, chat_id: int, class_id: str) -> None:
        """Link a group chat to exactly one class (replacing any earlier link of that group)."""
        groups = self._g.table("groups")
        groups.remove((_Q.chat_id == chat_id) | (_Q.class_id == class_id))
        groups.insert({"chat_id": chat_id, "class_id": class_id})
        self._cdb(class_id).table("class").update({"group_chat_id": chat_id}, doc_ids=[1])

    @_threaded
    def unlink_group(self, chat_id: int) -> str | None:
        """Drop a group's link; returns the class it was linked to, if any."""
        groups = self._g.table("groups")
        link = groups.get(_Q.chat_id == chat_id)
        if link is None:
            return None
        groups.remove(doc_ids=[link.doc_id])
        db = self.db.class_db(link["class_id"])
        if db is not None:
            db.table("class").update({"group_chat_id": None}, doc_ids=[1])
        return str(link["class_id"])

    @_threaded
    def class_for_group(self, chat_id: int) -> Record | None:
        """The class linked to a group chat, or None."""
        link = self._g.table("groups").get(_Q.chat_id == chat_id)
        if link is None:
            return None
        db = self.db.class_db(link["class_id"])
        return None if db is None else self._out(db.table("class").get(doc_id=1))

    @_threaded
    def migrate_group(self, old_chat_id: int, new_chat_id: int) -> None:
        """Follow a group that became a supergroup (its chat id changes)."""
        groups = self._g.table("groups")
        link = groups.get(_Q.chat_id == old_chat_id)
        if link is None:
            return
        groups.update({"chat_id": new_chat_id}, doc_ids=[link.doc_id])
        db = self.db.class_db(link["class_id"])
        if db is not None:
            db.table("class").update({"group_chat_id": new_chat_id}, doc_ids=[1])

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

    @_threaded
    def forget_user(self, user_id: int) -> None:
        """Delete everything stored about a person, in every class they were in."""
        users = self.db.user_db(user_id).table("users")
        user = users.get(doc_id=user_id)
        class_ids = set(user.get("classes", [])) if user else set()
        # A person may have left a class whose file still has their check-ins: look everywhere
        # they could be, which is only the class files (a global scan is rare: /forgetme).
        class_ids.update(self.db.iter_class_ids())
        for class_id in class_ids:
            db = self.db.class_db(class_id)
            if db is None:
                continue
            for table_name in ("members", "checkins", "questions"):
                table = db.table(table_name)
                if table_name == "members":
                    if table.contains(doc_id=user_id):
                        table.remove(doc_ids=[user_id])
                elif table.contains(_Q.user_id == user_id):
                    table.remove(_Q.user_id == user_id)
            # Private sends are keyed "...:<recipient id>" (see jobs.delivery.sent_key).
            marker = f":{user_id}"
            self._forget_queued(db.table("outbox"), marker, user_id)
            mine = _Q.key.test(str.endswith, marker)
            sent = db.table("sent")
            if sent.contains(mine):
                sent.remove(mine)
                self._sent[class_id] = {k for k in self._sent[class_id] if not k.endswith(marker)}
        if user is not None:
            users.remove(doc_ids=[user_id])
        conv = self.db.user_db(user_id).table("conversations")
        if conv.contains(doc_id=user_id):
            conv.remove(doc_ids=[user_id])
        # Where others' records name this person: a carer's family, an instructor's record and
        # the invites they made. The family goes on without them: its first carer takes the
        # parent's place (invited to check in, counted once), any other carer joins them.
        for class_id in self.db.iter_class_ids():
            members = self._cdb(class_id).table("members")
            carers = sorted(d.doc_id for d in members.search(_Q.family_of == user_id))
            if carers:
                members.update({"family_of": None, "role": "parent"}, doc_ids=carers[:1])
                if carers[1:]:
                    members.update({"family_of": carers[0]}, doc_ids=carers[1:])
        instructors = self._g.table("instructors")
        if instructors.contains(doc_id=user_id):
            instructors.remove(doc_ids=[user_id])
        invites = self._g.table("invites")
        if invites.contains(_Q.by == user_id):
            invites.remove(_Q.by == user_id)
        # The journals still hold earlier versions of what was just removed: fold every file
        # into a fresh snapshot so the person's id is nowhere on disk (rare, so cost is fine).
        for db in [self._g, self.db.user_db(user_id), *self.db.class_dbs.values()]:
            compact = getattr(db.storage, "compact", None)
            if compact is not None:
                compact()

    @staticmethod
    def _forget_queued(table: Table, marker: str, user_id: int) -> None:
        """Take a person out of every queued message (their key, outcome and quiet flag)."""
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
        table = self._cdb(class_id).table("checkins")
        record = {**answers, "user_id": user_id, "week": week, "at": _now()}
        self._upsert(table, (_Q.user_id == user_id) & (_Q.week == week), record)
        return copy.deepcopy(record)

    @_threaded
    def checkins(
        self, class_id: str, *, week: int | None = None, user_id: int | None = None
    ) -> list[Record]:
        """A class's check-ins, optionally for one week or one person, in week order."""
        docs = self._cdb(class_id).table("checkins").all()
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
        return key in self._sent.get(class_id, ())

    @_threaded
    def sent_keys(self, class_id: str) -> frozenset[str]:
        """Every key sent for a class (to work out what is still due at start-up)."""
        return frozenset(self._sent.get(class_id, ()))

    @_threaded
    def mark_sent(self, class_id: str, key: str) -> None:
        """Record durably that a scheduled message went out (once per key)."""
        if key in self._sent.setdefault(class_id, set()):
            return
        self._cdb(class_id).table("sent").insert({"key": key, "at": _now()})
        self._sent[class_id].add(key)

    @_threaded
    def mark_sent_many(self, class_id: str, keys: list[str]) -> None:
        """Record several sent messages of one class in one durable write (the outbox batches
        its marks: one journal append for many deliveries)."""
        known = self._sent.setdefault(class_id, set())
        fresh = list(dict.fromkeys(k for k in keys if k not in known))
        if not fresh:
            return
        at = _now()
        self._cdb(class_id).table("sent").insert_multiple({"key": k, "at": at} for k in fresh)
        known.update(fresh)

    # -- week notes ----------------------------------------------------------------------------

    @_threaded
    def set_week_note(self, class_id: str, week: int, text: str | None) -> None:
        """Set (or, with None, clear) the instructor's note for one week of a class."""
        table = self._cdb(class_id).table("notes")
        if text is None:
            table.remove(_Q.week == week)
        else:
            self._upsert(table, _Q.week == week, {"week": week, "text": text})

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
        aid = table.insert(record)
        table.update({"aid": aid}, doc_ids=[aid])
        return {**record, "aid": aid}

    @_threaded
    def announcements(self, class_id: str) -> list[Record]:
        """A class's announcements, oldest first."""
        return [self._out(d) for d in self._cdb(class_id).table("announcements").all()]

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

    @_threaded
    def outbox_add(self, class_id: str, entry: Record) -> int:
        """Store a queued message; returns its id (unique within the class)."""
        table = self._cdb(class_id).table("outbox")
        return int(table.insert(entry))

    @_threaded
    def outbox_entries(self) -> list[tuple[str, int, Record]]:
        """Every queued message of every class as (class id, entry id, entry): the outbox
        resumes from these at start."""
        found: list[tuple[str, int, Record]] = []
        for class_id in self.db.iter_class_ids():
            db = self.db.class_db(class_id)
            if db is None:
                continue
            for doc in db.table("outbox").all():
                found.append((class_id, doc.doc_id, self._out(doc)))
        return found

    @_threaded
    def outbox_holds(self, class_id: str, entry_id: int, key: str) -> Record | None:
        """Whether a queued message still goes to `key` (None once the class, the entry or the
        person was deleted), with the class's group chat as it is now: {"group_chat_id": ...}."""
        db = self.db.class_db(class_id)
        if db is None:
            return None
        doc = db.table("outbox").get(doc_id=entry_id)
        if doc is None or key not in doc.get("keys", ()):
            return None
        klass: Mapping[str, Any] = db.table("class").get(doc_id=1) or {}
        return {"group_chat_id": klass.get("group_chat_id")}

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

    # -- conversation state that must survive a restart ----------------------------------------

    @_threaded
    def get_conversation(self, name: str, user_id: int) -> Record | None:
        """The saved state of one person's conversation (e.g. a half-done check-in)."""
        doc = self.db.user_db(user_id).table("conversations").get(doc_id=user_id)
        return None if doc is None or name not in doc else copy.deepcopy(doc[name])

    @_threaded
    def set_conversation(self, name: str, user_id: int, state: Record | None) -> None:
        """Save (or, with None, clear) one person's conversation state."""
        # Kept in the person's own shard, so a button press rewrites a small file.
        table = self.db.user_db(user_id).table("conversations")
        doc = dict(table.get(doc_id=user_id) or {})
        if state is None:
            doc.pop(name, None)
        else:
            doc[name] = state
        if doc:
            self._put(table, user_id, doc)
        elif table.contains(doc_id=user_id):
            table.remove(doc_ids=[user_id])

    # -- conversation state: everyone's at once (check-in work) --------------------------------

    @_threaded
    def conversation_states(self, name: str) -> dict[int, Record]:
        """The saved states of one conversation, by user id, for everyone who has one (the
        check-in rebuilds its in-memory view of who is where from this at start-up)."""
        found: dict[int, Record] = {}
        for db in self.db.user_dbs:
            for doc in db.table("conversations").all():
                if name in doc:
                    found[doc.doc_id] = copy.deepcopy(doc[name])
        return found

    # -- anonymous FAQ feedback ----------------------------------------------------------------

    @_threaded
    def record_faq_feedback(self, faq_id: str, helpful: bool) -> None:
        """Count a helpful / not helpful press for an FAQ answer (no user id is kept)."""
        table = self._g.table("faq_feedback")
        found = table.get(_Q.id == faq_id)
        doc: Record = dict(found) if isinstance(found, Mapping) else {}
        counts = {"id": faq_id, "helpful": 0, "not_helpful": 0, **doc}
        field = "helpful" if helpful else "not_helpful"
        self._upsert(table, _Q.id == faq_id, {**counts, field: int(counts[field]) + 1})

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
        return self._out(self._g.table("invites").get(_Q.code == code))

    @_threaded
    def remove_instructor(self, user_id: int) -> None:
        """Take away a person's instructor role, and the invites they made (for /forgetme)."""
        instructors = self._g.table("instructors")
        if instructors.contains(doc_id=user_id):
            instructors.remove(doc_ids=[user_id])
        invites = self._g.table("invites")
        if invites.contains(_Q.by == user_id):
            invites.remove(_Q.by == user_id)

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
        codes = self._g.table("carer_codes")
        old = (member.get("carer_invite") or {}).get("code")
        if old and codes.contains(_Q.code == old):
            codes.remove(_Q.code == old)
        code = new_code()
        codes.insert({"code": code, "class_id": class_id})
        members.update({"carer_invite": {"code": code, "at": _now()}}, doc_ids=[parent_id])
        return code

    def _carer_holder(self, code: str) -> tuple[Document, TinyDB, Document] | None:
        """The index entry, class file and member record behind an unspent carer code."""
        entry = self._g.table("carer_codes").get(_Q.code == code)
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
            "conversations": self._out(conv),
        }
        for class_id in self.db.iter_class_ids():
            db = self._cdb(class_id)
            klass = dict(db.table("class").get(doc_id=1) or {})
            where = {"class_id": class_id, "class_name": klass.get("name")}
            if klass.get("instructor_id") == user_id:
                out["classes_you_teach"].append(copy.deepcopy(klass))
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
            for name in ("checkins", "questions"):
                out[name] += [
                    {**where, **copy.deepcopy(dict(d))}
                    for d in db.table(name).search(_Q.user_id == user_id)
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
        """Every class with its sent log, in one call (the start-up rebuild of the jobs)."""
        return [
            (
                self._out(self._cdb(cid).table("class").get(doc_id=1)),
                frozenset(self._sent.get(cid, ())),
            )
            for cid in self.db.iter_class_ids()
        ]
