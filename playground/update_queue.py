"""The updates the fake Bot API (playground/fake_api.py) holds for the bot until ``getUpdates``
confirms them, served as Telegram serves them: from ``offset`` on, at most ``limit``, only the
kinds ``allowed_updates`` asked for (a setting that persists between calls and by default
leaves out ``chat_member``); the others are dropped, as Telegram never stores them.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from playground import updates as tg

JSONDict = dict[str, Any]


class UpdateQueue:
    """Pushed updates waiting for the bot, and those its ``allowed_updates`` dropped.
    Thread-safe: tests push from their thread, the server takes from its own."""

    def __init__(self) -> None:
        """Start empty, with Telegram's default ``allowed_updates``."""
        self._updates: list[JSONDict] = []
        self._undelivered: list[JSONDict] = []
        self._allowed_updates: frozenset[str] | None = None
        self._state = threading.Lock()

    def push(self, update: Mapping[str, Any]) -> JSONDict:
        """Queue an Update dict (``update_id`` assigned if missing) and return it."""
        data = dict(update)
        data.setdefault("update_id", tg.next_update_id())
        with self._state:
            self._updates.append(data)
        return data

    def allow(self, wanted: list[str]) -> None:
        """The bot's ``allowed_updates``; an empty list resets to the default set, as on
        Telegram."""
        with self._state:
            self._allowed_updates = frozenset(wanted) if wanted else None

    def take(self, offset: int, limit: int) -> list[JSONDict]:
        """Confirm updates below ``offset`` and return up to ``limit`` deliverable ones."""
        with self._state:
            if offset < 0:
                # Negative offsets address the tail of the queue and forget everything before.
                self._updates = self._updates[offset:]
            elif offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            allowed = self._allowed_updates
            deliverable = []
            for update in list(self._updates):
                kind = tg.update_kind(update)
                is_allowed = (
                    kind not in tg.OPT_IN_UPDATE_TYPES if allowed is None else kind in allowed
                )
                if is_allowed:
                    deliverable.append(update)
                else:
                    # Telegram never stores updates the bot did not subscribe to.
                    self._updates.remove(update)
                    self._undelivered.append(update)
            return deliverable[: max(1, min(limit, 100))]

    def drop_pending(self) -> None:
        """Forget the updates not yet confirmed (``deleteWebhook`` with
        ``drop_pending_updates``)."""
        with self._state:
            self._updates.clear()

    @property
    def pending(self) -> list[JSONDict]:
        """Updates queued and not yet confirmed by the bot."""
        with self._state:
            return list(self._updates)

    @property
    def undelivered(self) -> list[JSONDict]:
        """Updates discarded because the bot's ``allowed_updates`` excluded their type."""
        with self._state:
            return list(self._undelivered)

    def clear(self) -> None:
        """Forget every update and the bot's ``allowed_updates``."""
        with self._state:
            self._updates.clear()
            self._undelivered.clear()
            self._allowed_updates = None
