"""People: each person's own record (consent, baby, preferences, their classes) in their user
shard (``users/NN.json``), and their membership of each class (the class file's members).
"""

from __future__ import annotations

import copy
from typing import cast

from tinydb import TinyDB

from storage.records import MemberFields, MemberRecord, UserFields, UserRecord
from storage.repo.base import StoreBase, now_iso, quick, quick_read, quick_write, threaded


def _class_file(store: StoreBase, class_id: str, *_: object) -> list[TinyDB | None]:
    """The file a member's read or change touches, None while it is not in memory (for
    `quick_read` and `quick_write`, called with the method's arguments)."""
    return [store.db.resident_class_db(class_id)]


class People(StoreBase):
    """A person's own record and their memberships of classes."""

    @quick
    def get_user(self, user_id: int) -> UserRecord | None:
        """A person's own record (consent, baby, preferences, classes), or None."""
        return self._out(self.db.user_db(user_id).table("users").get(doc_id=user_id), UserRecord)

    @quick
    def get_users(self, user_ids: list[int]) -> dict[int, UserRecord]:
        """The own records of several people at once (absent ones are left out)."""
        found: dict[int, UserRecord] = {}
        for user_id in user_ids:
            doc = self.db.user_db(user_id).table("users").get(doc_id=user_id)
            if doc is not None:
                found[user_id] = self._out(doc, UserRecord)
        return found

    @threaded
    def update_user(self, user_id: int, changes: UserFields) -> UserRecord:
        """Create or change a person's own record and return it."""
        table = self.db.user_db(user_id).table("users")
        doc = table.get(doc_id=user_id)
        record: UserRecord = (
            {"user_id": user_id, "classes": []} if doc is None else cast(UserRecord, dict(doc))
        )
        record.update(changes)
        self._put(table, user_id, record)
        return copy.deepcopy(record)

    @threaded
    def add_member(self, class_id: str, user_id: int, fields: MemberFields) -> MemberRecord:
        """Add (or re-add) a person to a class; the class file is written before the user index."""
        members = self._cdb(class_id).table("members")
        old = members.get(doc_id=user_id)
        before = cast(MemberFields, dict(old) if old else {})
        record: MemberRecord = {**before, **fields, "user_id": user_id, "active": True}
        record.setdefault("joined_at", now_iso())
        record.pop("left_at", None)
        self._put(members, user_id, record)
        users = self.db.user_db(user_id).table("users")
        user = users.get(doc_id=user_id)
        user_rec: UserRecord = (
            {"user_id": user_id, "classes": []} if user is None else cast(UserRecord, dict(user))
        )
        if class_id not in user_rec["classes"]:
            user_rec["classes"] = [*user_rec["classes"], class_id]
            self._put(users, user_id, user_rec)
        self._note_appears(user_id, class_id)
        return copy.deepcopy(record)

    @quick_read(_class_file)
    def get_member(self, class_id: str, user_id: int) -> MemberRecord | None:
        """One member of a class, or None."""
        db = self.db.class_db(class_id)
        return (
            None if db is None else self._out(db.table("members").get(doc_id=user_id), MemberRecord)
        )

    @threaded
    def members(self, class_id: str, *, active_only: bool = True) -> list[MemberRecord]:
        """A class's members (by default only those still in it and reachable)."""
        docs = self._cdb(class_id).table("members").all()
        return self._outs((d for d in docs if d.get("active") or not active_only), MemberRecord)

    @quick_write(_class_file)
    def update_member(self, class_id: str, user_id: int, changes: MemberFields) -> None:
        """Change a member's fields (e.g. mark them unreachable after they blocked the bot)."""
        self._cdb(class_id).table("members").update(changes, doc_ids=[user_id])

    @threaded
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
