"""What was sent: the class's sent log (table ``sent``), one key per message and recipient, for
exactly-once delivery; the completed messages (``...:done``) are also listed in the class's
index entry, which is all the start-up reads.
"""

from __future__ import annotations

from storage.repo.base import StoreBase, indexed, now_iso, recipient_id, threaded


class SentLog(StoreBase):
    """Recording and reading what was sent."""

    @threaded
    def was_sent(self, class_id: str, key: str) -> bool:
        """Whether a scheduled message with this key already went out."""
        db = self.db.class_db(class_id)
        return db is not None and indexed(db, "sent").lookup_one("key", key) is not None

    @threaded
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

    @threaded
    def mark_sent(self, class_id: str, key: str) -> None:
        """Record durably that a scheduled message went out (once per key)."""
        sent = indexed(self._cdb(class_id), "sent")
        if sent.lookup_one("key", key) is not None:
            return
        sent.insert({"key": key, "at": now_iso()})
        if key.endswith(":done"):
            # Start-up needs only these (what is complete), and reads them from the index.
            self._change_entry(class_id, lambda e: {**e, "done": [*e["done"], key]})
        recipient = recipient_id(key)
        if recipient is not None:
            self._note_appears(recipient, class_id)

    @threaded
    def mark_sent_many(self, class_id: str, keys: list[str]) -> None:
        """Record several sent messages of one class in one durable write (the outbox batches
        its marks: one journal append for many deliveries)."""
        sent = indexed(self._cdb(class_id), "sent")
        fresh = [k for k in dict.fromkeys(keys) if sent.lookup_one("key", k) is None]
        if not fresh:
            return
        # Normally noted when the message was queued (outbox_add); a mark is cheap to repeat.
        for recipient in {r for r in map(recipient_id, fresh) if r is not None}:
            self._note_appears(recipient, class_id)
        at = now_iso()
        sent.insert_multiple({"key": k, "at": at} for k in fresh)
        done = [k for k in fresh if k.endswith(":done")]
        if done:
            self._change_entry(class_id, lambda e: {**e, "done": [*e["done"], *done]})
