"""The outbound queue's entries (jobs/outbox.py), in each class's file (table ``outbox``)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from storage.records import OutboxChanges, OutboxEntry, OutboxHolds
from storage.repo.base import StoreBase, recipient_id, threaded


class Outbox(StoreBase):
    """Storing, resuming, updating and dropping queued messages."""

    # One document per queued message in its class's file, table "outbox": what to send
    # (text, photo, buttons), to whom (sent-log keys, whose last part names the recipient), until
    # when, and the final outcome of each recipient that was refused or given up on. Deliveries
    # are recorded in the sent log (mark_sent_many), so a delivery never rewrites its entry.
    # The class's index entry says whether it may have queued messages ("outbox"), so start-up
    # opens only those class files; the people a queued message names are noted (appears), so
    # /forgetme finds them there.

    @threaded
    def outbox_add(self, class_id: str, entry: OutboxEntry) -> int:
        """Store a queued message; returns its id (unique within the class)."""
        table = self._cdb(class_id).table("outbox")
        # Noted and flagged before the message is stored, so a crash in between never leaves
        # a person's id where /forgetme or the start-up would not look.
        for recipient in {r for r in map(recipient_id, entry.get("keys", ())) if r is not None}:
            self._note_appears(recipient, class_id)
        index = self._entry(class_id)
        if index is not None and not index.get("outbox"):
            self._change_entry(class_id, lambda e: {**e, "outbox": True})
            self.db.barrier()  # the flag reaches the disk first (see Database.barrier)
        return int(table.insert(entry))

    @threaded
    def outbox_entries(self) -> list[tuple[str, int, OutboxEntry]]:
        """Every queued message of every class as (class id, entry id, entry): the outbox
        resumes from these at start. Only classes flagged in the index are opened."""
        found: list[tuple[str, int, OutboxEntry]] = []
        for class_id in self.db.iter_class_ids():
            index = self._entry(class_id)
            if index is None or not index.get("outbox"):
                continue
            db = self.db.class_db(class_id)
            docs = db.table("outbox").all() if db is not None else []
            if not docs:
                self._change_entry(class_id, lambda e: {**e, "outbox": False})
            found += [(class_id, doc.doc_id, self._out(doc, OutboxEntry)) for doc in docs]
        return found

    @threaded
    def outbox_holds(self, class_id: str, entry_id: int, key: str) -> OutboxHolds | None:
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

    @threaded
    def outbox_update(self, class_id: str, entry_id: int, changes: OutboxChanges) -> None:
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

    @threaded
    def outbox_remove(self, class_id: str, entry_id: int) -> None:
        """Drop a queued message once it is settled and followed up."""
        db = self.db.class_db(class_id)
        if db is not None and db.table("outbox").contains(doc_id=entry_id):
            db.table("outbox").remove(doc_ids=[entry_id])
