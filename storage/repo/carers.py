"""Carer links: the one-time code a parent makes for a partner or grandparent (indexed in
``global.json``; who made it is kept on the parent's member record).
"""

from __future__ import annotations

from tinydb import TinyDB
from tinydb.table import Document

from storage.records import CarerLink
from storage.repo.base import StoreBase, indexed, new_code, now_iso, threaded


class Carers(StoreBase):
    """Making, reading and spending carer link codes."""

    @threaded
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
        codes = indexed(self._g, "carer_codes")
        old = (member.get("carer_invite") or {}).get("code")
        stale = [d.doc_id for d in codes.lookup("code", old)] if old else []
        if stale:
            codes.remove(doc_ids=stale)
        code = new_code()
        codes.insert({"code": code, "class_id": class_id})
        members.update({"carer_invite": {"code": code, "at": now_iso()}}, doc_ids=[parent_id])
        return code

    def _carer_holder(self, code: str) -> tuple[Document, TinyDB, Document] | None:
        """The index entry, class file and member record behind an unspent carer code."""
        entry = indexed(self._g, "carer_codes").lookup_one("code", code)
        if entry is None:
            return None
        db = self.db.class_db(entry["class_id"])
        if db is None:
            return None
        for member in db.table("members").all():
            if (member.get("carer_invite") or {}).get("code") == code:
                return entry, db, member
        return None

    @threaded
    def carer_invite(self, code: str) -> CarerLink | None:
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

    @threaded
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
