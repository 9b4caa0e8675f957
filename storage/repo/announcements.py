"""Announcements, in the class file (table ``announcements``); the class's index entry says
whether any is still to send (``ann``), so the start-up opens only those class files.
"""

from __future__ import annotations

from storage.database import PENDING_ANNOUNCEMENT
from storage.records import AnnouncementFields, AnnouncementRecord
from storage.repo.base import StoreBase, now_iso, threaded


class Announcements(StoreBase):
    """Storing announcements and changing their status."""

    @threaded
    def add_announcement(self, class_id: str, fields: AnnouncementFields) -> AnnouncementRecord:
        """Store an announcement (scheduled or about to be sent) and return it with its id."""
        table = self._cdb(class_id).table("announcements")
        created_at = now_iso()
        if fields.get("status") in PENDING_ANNOUNCEMENT:
            # Flagged in the index before it is stored: start-up looks only at flagged classes.
            self._change_entry(class_id, lambda e: {**e, "ann": True})
        aid = table.insert({**fields, "created_at": created_at})
        table.update({"aid": aid}, doc_ids=[aid])
        return {**fields, "created_at": created_at, "aid": aid}

    @threaded
    def announcements(self, class_id: str) -> list[AnnouncementRecord]:
        """A class's announcements, oldest first."""
        return self._outs(self._cdb(class_id).table("announcements").all(), AnnouncementRecord)

    @threaded
    def get_announcement(self, class_id: str, aid: int) -> AnnouncementRecord | None:
        """One announcement of a class, or None (also when the class no longer exists)."""
        db = self.db.class_db(class_id)
        return (
            None
            if db is None
            else self._out(db.table("announcements").get(doc_id=aid), AnnouncementRecord)
        )

    @threaded
    def pending_announcements(self) -> list[tuple[str, AnnouncementRecord]]:
        """The announcements still to send (scheduled, or interrupted while sending), with
        their class ids: only the classes flagged in the index are opened (start-up)."""
        found: list[tuple[str, AnnouncementRecord]] = []
        for class_id in self.db.iter_class_ids():
            entry = self._entry(class_id)
            if entry is None or not entry.get("ann"):
                continue
            db = self._cdb(class_id)
            mine = self._outs(
                (
                    d
                    for d in db.table("announcements").all()
                    if d.get("status") in PENDING_ANNOUNCEMENT
                ),
                AnnouncementRecord,
            )
            if not mine:
                self._change_entry(class_id, lambda e: {**e, "ann": False})
            found += [(class_id, a) for a in mine]
        return found

    @threaded
    def update_announcement(self, class_id: str, aid: int, changes: AnnouncementFields) -> None:
        """Change an announcement (status, delivery report)."""
        self._cdb(class_id).table("announcements").update(changes, doc_ids=[aid])

    @threaded
    def transition_announcement(
        self, class_id: str, aid: int, from_statuses: tuple[str, ...], changes: AnnouncementFields
    ) -> AnnouncementRecord | None:
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
        return self._out(table.get(doc_id=aid), AnnouncementRecord)
