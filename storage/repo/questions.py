"""The questions passed on to the instructor, in the class file (table ``questions``): open
until answered.
"""

from __future__ import annotations

from storage.records import QuestionFields, QuestionRecord
from storage.repo.base import StoreBase, now_iso, threaded


class Questions(StoreBase):
    """Keeping, reading and answering questions."""

    @threaded
    def add_question(
        self, class_id: str, user_id: int, text: str, fields: QuestionFields
    ) -> QuestionRecord:
        """Keep a question for the instructor; it stays open until answered."""
        table = self._cdb(class_id).table("questions")
        at = now_iso()
        qid = table.insert(
            {**fields, "user_id": user_id, "text": text, "at": at, "answered": False}
        )
        table.update({"qid": qid}, doc_ids=[qid])
        self._note_appears(user_id, class_id)
        return {**fields, "user_id": user_id, "text": text, "at": at, "answered": False, "qid": qid}

    @threaded
    def get_question(self, class_id: str, qid: int) -> QuestionRecord | None:
        """One question of a class, or None (also when the class was deleted meanwhile)."""
        db = self.db.class_db(class_id)
        if db is None:
            return None
        return self._out(db.table("questions").get(doc_id=qid), QuestionRecord)

    @threaded
    def questions(self, class_id: str, *, open_only: bool = True) -> list[QuestionRecord]:
        """A class's questions, oldest first."""
        docs = self._cdb(class_id).table("questions").all()
        return self._outs(
            (d for d in docs if not (open_only and d.get("answered"))), QuestionRecord
        )

    @threaded
    def update_question(self, class_id: str, qid: int, changes: QuestionFields) -> None:
        """Change a question (e.g. mark it answered with the instructor's reply)."""
        self._cdb(class_id).table("questions").update(changes, doc_ids=[qid])
