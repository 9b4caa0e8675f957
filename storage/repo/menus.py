"""The command menus last set per scope, as digests (``global.json``): a restart sets none, a
changed menu is set once.
"""

from __future__ import annotations

from storage.repo.base import StoreBase, indexed, threaded


class Menus(StoreBase):
    """Remembering which command menu was set where."""

    @threaded
    def published_menus(self) -> dict[str, str]:
        """The digest of the command menu last set per scope ("private", "groups", a user id)."""
        return {str(d["chat"]): str(d["digest"]) for d in self._g.table("menus").all()}

    @threaded
    def set_published_menu(self, chat: str, digest: str | None) -> None:
        """Remember (or, with None, forget) the digest of the menu set for a scope."""
        table = indexed(self._g, "menus")
        found = table.lookup_one("chat", chat)
        if digest is None:
            if found is not None:
                table.remove(doc_ids=[found.doc_id])
        elif found is None:
            table.insert({"chat": chat, "digest": digest})
        elif found["digest"] != digest:
            self._put(table, found.doc_id, {"chat": chat, "digest": digest})
