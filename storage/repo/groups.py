"""The class groups: which Telegram group is linked to which class (``global.json``, and the
class's record as ``group_chat_id``).
"""

from __future__ import annotations

from storage.records import ClassRecord
from storage.repo.base import StoreBase, indexed, threaded


class Groups(StoreBase):
    """Linking, following and unlinking a class's group."""

    @threaded
    def link_group(self, chat_id: int, class_id: str) -> None:
        """Link a group chat to exactly one class (replacing any earlier link of that group)."""
        groups = indexed(self._g, "groups")
        found = groups.lookup("chat_id", chat_id) + groups.lookup("class_id", class_id)
        if [(d["chat_id"], d["class_id"]) for d in found] == [(chat_id, class_id)] * 2:
            return  # linked so already (the Link button pressed again): nothing to write
        old = {d.doc_id for d in found}
        if old:
            groups.remove(doc_ids=sorted(old))
        groups.insert({"chat_id": chat_id, "class_id": class_id})
        # A class the group was linked to before no longer posts there.
        for other in sorted({d["class_id"] for d in found} - {class_id}):
            self._set_group(other, None)
        self._set_group(class_id, chat_id)

    def _set_group(self, class_id: str, chat_id: int | None) -> None:
        self._change_entry(
            class_id, lambda e: {**e, "record": {**e["record"], "group_chat_id": chat_id}}
        )

    @threaded
    def unlink_group(self, chat_id: int) -> str | None:
        """Drop a group's link; returns the class it was linked to, if any."""
        groups = indexed(self._g, "groups")
        link = groups.lookup_one("chat_id", chat_id)
        if link is None:
            return None
        groups.remove(doc_ids=[link.doc_id])
        self._set_group(link["class_id"], None)
        return str(link["class_id"])

    @threaded
    def class_for_group(self, chat_id: int) -> ClassRecord | None:
        """The class linked to a group chat, or None."""
        link = indexed(self._g, "groups").lookup_one("chat_id", chat_id)
        return None if link is None else self._record(link["class_id"])

    @threaded
    def migrate_group(self, old_chat_id: int, new_chat_id: int) -> None:
        """Follow a group that became a supergroup (its chat id changes)."""
        groups = indexed(self._g, "groups")
        link = groups.lookup_one("chat_id", old_chat_id)
        if link is None:
            return
        groups.update({"chat_id": new_chat_id}, doc_ids=[link.doc_id])
        self._set_group(link["class_id"], new_chat_id)
