"""Saved conversations (handlers/conversation.py): where each person is in the bot's multi-step
conversations, so a restart loses none of them. One small record per person, in their own user
shard (table "conversations", doc id = their Telegram id), rewritten whole so its parts always
change together:

    {"data":   {...},                                   PTB's user_data for this person
     "states": {name: {chat id: {"state": s, "at": iso time of their last step}}}}

handlers/conversation.py is the only reader and writer (PTB's BasePersistence over these three
functions); /mydata shows the record, /forgetme deletes it with the rest.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, cast

from storage.records import ConversationRecord
from storage.repo.base import StoreBase, quick_write, threaded


def current_shape(doc: Mapping[str, Any]) -> ConversationRecord:
    """A stored record in today's shape. An earlier version saved {name: state} (the
    check-in's state under "checkin"): that reads as the person's data, where the check-in
    keeps its state now."""
    record = copy.deepcopy(dict(doc))
    if set(record) <= {"data", "states"}:
        return cast(ConversationRecord, record)
    return {"data": record}


class Conversations(StoreBase):
    """Reading and saving people's conversation records."""

    @threaded
    def conversation_records(self) -> dict[int, ConversationRecord]:
        """Every person's saved conversation record, by Telegram id (read once, at start)."""
        found: dict[int, ConversationRecord] = {}
        for db in self.db.user_dbs:
            for doc in db.table("conversations").all():
                found[doc.doc_id] = current_shape(doc)
        return found

    @threaded
    def conversation_record(self, user_id: int) -> ConversationRecord | None:
        """One person's saved conversation record, or None."""
        doc = self.db.user_db(user_id).table("conversations").get(doc_id=user_id)
        return None if doc is None else current_shape(doc)

    @quick_write(lambda self, records: (self.db.user_db(user_id) for user_id in records))
    def set_conversation_records(self, records: Mapping[int, ConversationRecord | None]) -> None:
        """Save (or, with None, delete) the records of the people given, each in one write."""
        for user_id, record in records.items():
            table = self.db.user_db(user_id).table("conversations")
            if record:
                self._put(table, user_id, record)
            elif table.contains(doc_id=user_id):
                table.remove(doc_ids=[user_id])
