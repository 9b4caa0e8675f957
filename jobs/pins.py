"""The class group's next-session reminder, pinned instead of reposted.

The day-before reminder is posted in the group and pinned without a sound; on the day, the same
pinned message is edited to say "today" (an edit notifies nobody) instead of a second post; once
the session is over (its summary goes out) it is unpinned. So a parent in the group gets one
notification per session's reminder, and the group's pinned bar always shows the next session.

The posting and the editing go through the outbox (jobs/outbox.py, the group's entry carrying
the pinned message's id to edit); jobs/course_group.py's `_group_sent` hook pins and unpins here
once Telegram took it. Which message is pinned is kept in the class record (``pinned``: chat,
message id, and the session's sent-log reference), so a restart still edits and unpins the right
one. Pinning needs the group to let the bot pin (an admin right the set-up's "Add me to your
class group" link asks for); without it the reminder is simply posted, as before.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Final

from telegram import Bot
from telegram.error import TelegramError

from storage.records import ClassRecord, PinnedReminder
from storage.repo import Store

log = logging.getLogger(__name__)

#: The class record's field naming its pinned reminder.
PINNED: Final = "pinned"


def pinned_for(record: ClassRecord, ref: str) -> PinnedReminder | None:
    """The class's pinned reminder if it is the one for session `ref`."""
    pinned = record.get(PINNED)
    if isinstance(pinned, dict) and pinned.get("ref") == ref:
        return pinned
    return None


async def pin(
    bot: Bot, store: Store, record: ClassRecord, chat_id: int, message_id: int, ref: str
) -> None:
    """Pin a just-posted reminder silently (unpinning an older one first) and remember it."""
    await unpin(bot, store, record)
    try:
        await bot.pin_chat_message(chat_id, message_id, disable_notification=True)
    except TelegramError as exc:  # no right to pin here: the reminder stays a plain post
        log.info("Class %s: could not pin the reminder: %s", record.get("id"), exc.message)
        return
    record[PINNED] = {"chat_id": chat_id, "message_id": message_id, "ref": ref}
    with contextlib.suppress(KeyError):  # the class was deleted meanwhile
        await store.update_class(str(record["id"]), {PINNED: record[PINNED]})


async def unpin(bot: Bot, store: Store, record: ClassRecord) -> None:
    """Unpin the class's pinned reminder, if any (its session is over, or a newer one comes)."""
    pinned = record.get(PINNED)
    if not isinstance(pinned, dict):
        return
    try:
        await bot.unpin_chat_message(int(pinned["chat_id"]), int(pinned["message_id"]))
    except TelegramError as exc:  # already unpinned by hand, or the right was taken away
        log.info("Class %s: could not unpin the reminder: %s", record.get("id"), exc.message)
    record[PINNED] = None
    with contextlib.suppress(KeyError):  # the class was deleted meanwhile
        await store.update_class(str(record["id"]), {PINNED: None})
