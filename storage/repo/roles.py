"""Instructors, their invites, and the owners who claimed the first-run owner link (all in
``global.json``).
"""

from __future__ import annotations

from storage.records import InstructorRecord, InviteRecord, OwnerRecord
from storage.repo.base import StoreBase, indexed, new_code, now_iso, quick, threaded


class Roles(StoreBase):
    """Who is an instructor or an owner, and the invites that make instructors."""

    @threaded
    def create_invite(self, created_by: int) -> str:
        """Make a one-time instructor invite code."""
        code = new_code()
        self._g.table("invites").insert({"code": code, "by": created_by, "at": now_iso()})
        return code

    @threaded
    def use_invite(self, code: str, user_id: int, name: str) -> InstructorRecord | None:
        """Spend an invite code and make the user an instructor; None if the code is not valid."""
        invites = indexed(self._g, "invites")
        invite = invites.lookup_one("code", code)
        if invite is None or invite.get("used"):
            return None
        invites.update({"used": True}, doc_ids=[invite.doc_id])
        instructors = self._g.table("instructors")
        record: InstructorRecord = {"user_id": user_id, "name": name, "joined_at": now_iso()}
        self._put(instructors, user_id, record)
        return record

    @threaded
    def get_invite(self, code: str) -> InviteRecord | None:
        """An instructor invite by its code (spent or not), or None."""
        return self._out(indexed(self._g, "invites").lookup_one("code", code), InviteRecord)

    @quick
    def get_instructor(self, user_id: int) -> InstructorRecord | None:
        """The instructor record of this user, if they are one."""
        return self._out(self._g.table("instructors").get(doc_id=user_id), InstructorRecord)

    @threaded
    def list_instructors(self) -> list[InstructorRecord]:
        """Every instructor, in joining order."""
        return self._outs(self._g.table("instructors").all(), InstructorRecord)

    @threaded
    def remove_instructor(self, user_id: int) -> None:
        """Take away a person's instructor role, and the invites they made (for /forgetme)."""
        instructors = self._g.table("instructors")
        if instructors.contains(doc_id=user_id):
            instructors.remove(doc_ids=[user_id])
        invites = indexed(self._g, "invites")
        mine = [d.doc_id for d in invites.lookup("by", user_id)]
        if mine:
            invites.remove(doc_ids=mine)

    @threaded
    def claim_owner(self, user_id: int, name: str) -> bool:
        """Make this person the owner if nobody has claimed it yet; whether they now are."""
        owners = self._g.table("owners")
        if len(owners) > 0:
            return False
        self._put(owners, user_id, {"user_id": user_id, "name": name, "since": now_iso()})
        return True

    @threaded
    def list_owners(self) -> list[OwnerRecord]:
        """The owners who claimed the first-run link (OWNER_IDS are in the settings)."""
        return self._outs(self._g.table("owners").all(), OwnerRecord)
