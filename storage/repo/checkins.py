"""The weekly check-ins, in the class file (table ``checkins``): one per person and week, the
latest counting.
"""

from __future__ import annotations

import copy

from storage.records import CheckinAnswers, CheckinRecord
from storage.repo.base import StoreBase, indexed, now_iso, threaded


class Checkins(StoreBase):
    """Saving and reading check-ins."""

    @threaded
    def save_checkin(
        self, class_id: str, user_id: int, week: int, answers: CheckinAnswers
    ) -> CheckinRecord:
        """Store a check-in; a later one for the same week replaces the earlier (latest counts)."""
        table = indexed(self._cdb(class_id), "checkins")
        record: CheckinRecord = {**answers, "user_id": user_id, "week": week, "at": now_iso()}
        same = [d for d in table.lookup("user_id", user_id) if d.get("week") == week]
        if same:
            self._put(table, same[0].doc_id, record)
        else:
            table.insert(record)
        self._note_appears(user_id, class_id)
        return copy.deepcopy(record)

    @threaded
    def checkins(
        self, class_id: str, *, week: int | None = None, user_id: int | None = None
    ) -> list[CheckinRecord]:
        """A class's check-ins, optionally for one week or one person, in week order."""
        table = indexed(self._cdb(class_id), "checkins")
        docs = table.all() if user_id is None else table.lookup("user_id", user_id)
        out = self._outs(
            (
                d
                for d in docs
                if (week is None or d["week"] == week)
                and (user_id is None or d["user_id"] == user_id)
            ),
            CheckinRecord,
        )
        return sorted(out, key=lambda r: (r["week"], r["at"]))
