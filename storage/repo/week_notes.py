"""The instructor's notes for each week of a class (table ``notes`` of the class file), sent
with that week's summary.
"""

from __future__ import annotations

from storage.repo.base import StoreBase, indexed, threaded


class WeekNotes(StoreBase):
    """Setting and reading week notes."""

    @threaded
    def set_week_note(self, class_id: str, week: int, text: str | None) -> None:
        """Set (or, with None, clear) the instructor's note for one week of a class."""
        table = indexed(self._cdb(class_id), "notes")
        found = table.lookup("week", week)
        if text is None:
            if found:
                table.remove(doc_ids=[d.doc_id for d in found])
        elif found:
            self._put(table, found[0].doc_id, {"week": week, "text": text})
        else:
            table.insert({"week": week, "text": text})

    @threaded
    def week_notes(self, class_id: str) -> dict[int, str]:
        """The instructor's notes of a class, by week."""
        return {d["week"]: d["text"] for d in self._cdb(class_id).table("notes").all()}
