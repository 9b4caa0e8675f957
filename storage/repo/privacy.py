"""What a person can ask about their own data: /mydata (everything stored about them) and
/forgetme (all of it deleted, in short steps, then folded off the disk).
"""

from __future__ import annotations

import asyncio
import copy
import functools
from collections.abc import Callable, MutableMapping
from typing import Any

from tinydb import Query, TinyDB
from tinydb.table import Table

from storage.records import ClassFields, InstructorRecord, UserRecord
from storage.repo.base import StoreBase, indexed, list_field, threaded
from storage.repo.conversations import current_shape

_Q = Query()


class Privacy(StoreBase):
    """Exporting and forgetting one person's data."""

    @threaded
    def export_user(self, user_id: int) -> dict[str, Any]:
        """Everything stored about a person, for /mydata (a rare, whole-folder look)."""
        user = self.db.user_db(user_id).table("users").get(doc_id=user_id)
        conv = self.db.user_db(user_id).table("conversations").get(doc_id=user_id)
        out: dict[str, Any] = {
            "telegram_id": user_id,
            "user": self._out(user, UserRecord),
            "instructor": self._out(
                self._g.table("instructors").get(doc_id=user_id), InstructorRecord
            ),
            "classes_you_teach": [],
            "memberships": [],
            "checkins": [],
            "questions": [],
            "messages_sent_to_you": [],
            "messages_queued_for_you": [],
            "conversations": None if conv is None else current_shape(conv),
        }
        out["classes_you_teach"] = [
            r
            for r in (
                self._record(e["id"])
                for e in indexed(self._g, "class_index").lookup("instructor_id", user_id)
            )
            if r is not None
        ]
        for class_id in self._classes_naming(user_id):
            db = self.db.class_db(class_id)
            if db is None:
                continue
            klass: ClassFields = self._record(class_id) or {}
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
                and indexed(db, "sent").lookup_one("key", k) is None
            ]
            for name in ("checkins", "questions"):
                out[name] += [
                    {**where, **copy.deepcopy(dict(d))}
                    for d in indexed(db, name).lookup("user_id", user_id)
                ]
        return out

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
        found = set(list_field(db.table("users"), user_id, "classes"))
        found.update(list_field(db.table("appears"), user_id, "classes"))
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
            mine = [d.doc_id for d in indexed(db, name).lookup("user_id", user_id)]
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
            members = indexed(db, "members")
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
        found = [d.doc_id for d in indexed(self._g, name).lookup(field, value)]
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
