"""How updates are taken in: concurrently across chats, in order within each chat.

python-telegram-bot handles updates one at a time unless told otherwise; then a parent's private
question waits behind whatever another chat's update is waiting for (a slow storage call, a
group's flood limit). `PerChatUpdateProcessor` (set in bot.py through `concurrent_updates`) runs
updates from different chats at the same time and each chat's updates one after another, in the
order they arrived, by a lock per chat: a conversation never sees its steps out of order, and a
busy or hostile group only ever waits for itself.

A group that repeats the same bare command within a minute ("/help@bot" sixty times) gets one
answer: the repeats are dropped before any handler runs. Only bare commands are dropped: any
text with words in it still reaches every handler, the safety net first.

Work of seconds that must not hold the event loop, and that stopping the bot must not wait for
(building the FAQ matchers, waiting for the learned safety nets on a first start), runs
`in_background`, on a thread of its own.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from domain.background import on_own_thread

#: Updates handled at once across all chats; each chat's wait for its own lock is one of them,
#: so this is large: it bounds memory, it is not what keeps a chat's updates in order.
MAX_CONCURRENT = 4096
#: Seconds within which a group's identical bare command is answered once.
REPEAT_WINDOW_S = 60.0
# Repeats remembered at most (oldest forgotten first).
_REMEMBER = 10_000

T = TypeVar("T")


def in_background(name: str, work: Callable[[], T]) -> asyncio.Future[T]:
    """Run `work` on a thread of its own (domain.background), for the event loop to await; the
    process does not wait for that thread when it stops. Stopping halfway loses nothing: a
    model is kept whole or not at all (content.model_cache), and the next start builds what is
    missing."""
    return asyncio.wrap_future(on_own_thread(name, work))


def chat_key(update: object) -> int | None:
    """The chat an update belongs to (its sender for updates without a chat), or None."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


def repeat_key(update: object) -> tuple[int, str] | None:
    """(group, command) for a bare command sent into a group, else None."""
    if not isinstance(update, Update) or update.message is None:
        return None
    message = update.message
    text = (message.text or "").strip()
    if message.chat.type not in ("group", "supergroup") or not text.startswith("/"):
        return None
    if len(text.split()) != 1:
        return None  # a command with words after it: every handler must see them
    return message.chat.id, text.lower()


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in arrival order within a chat, one answer to a group's repeats."""

    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT,
        *,
        repeat_window_s: float = REPEAT_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.repeat_window_s = repeat_window_s
        self._clock = clock
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}
        self._seen: OrderedDict[tuple[int, str], float] = OrderedDict()
        #: How many repeated commands were dropped (for logs and the benchmark).
        self.dropped = 0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    def _is_repeat(self, update: object) -> bool:
        """Whether this is a group's bare command already answered within the window."""
        key = repeat_key(update)
        if key is None:
            return False
        now = self._clock()
        while self._seen:
            oldest, at = next(iter(self._seen.items()))
            if at > now - self.repeat_window_s and len(self._seen) < _REMEMBER:
                break
            del self._seen[oldest]
        if key in self._seen:
            return True
        self._seen[key] = now
        return False

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update's handlers once the earlier updates of its chat are done."""
        if self._is_repeat(update):
            self.dropped += 1
            close = getattr(coroutine, "close", None)
            if close is not None:
                close()  # never started: close it so Python does not warn it was not awaited
            return
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        self._users[key] = self._users.get(key, 0) + 1
        try:
            # asyncio.Lock wakes its waiters first come, first served: arrival order is kept.
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key]
                del self._locks[key]
