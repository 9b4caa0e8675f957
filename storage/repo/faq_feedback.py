"""Anonymous FAQ feedback: helpful and not helpful counts per FAQ answer (``global.json``; no
user id is kept).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storage.repo.base import StoreBase, indexed, threaded


class FaqFeedback(StoreBase):
    """Counting and reading FAQ feedback."""

    @threaded
    def record_faq_feedback(self, faq_id: str, helpful: bool) -> None:
        """Count a helpful / not helpful press for an FAQ answer (no user id is kept)."""
        table = indexed(self._g, "faq_feedback")
        found = table.lookup_one("id", faq_id)
        doc: dict[str, Any] = dict(found) if isinstance(found, Mapping) else {}
        counts = {"id": faq_id, "helpful": 0, "not_helpful": 0, **doc}
        field = "helpful" if helpful else "not_helpful"
        record = {**counts, field: int(counts[field]) + 1}
        if found is None:
            table.insert(record)
        else:
            self._put(table, found.doc_id, record)

    @threaded
    def faq_feedback(self) -> dict[str, tuple[int, int]]:
        """Helpful and not helpful counts per FAQ id."""
        return {
            d["id"]: (d["helpful"], d["not_helpful"]) for d in self._g.table("faq_feedback").all()
        }
