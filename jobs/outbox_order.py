"""Which queued message goes next (jobs/outbox.py): the recipients whose turn has come, taken
from the classes in turn; those due later, by the outbox's clock (a retry's backoff, an
entry's not-before); and those whose chat is at its limit, by the monotonic clock.

Fairness and priority: the worker takes one message at a time from the classes in turn (round
robin), only into a chat that is within its limits now (`jobs.pacing.TelegramRateLimiter.ready_at`;
a busy chat is skipped, never waited on), and only when the overall budget has a slot free now,
so replies to updates always go first. Each chat's messages go in the order they were queued.
"""

from __future__ import annotations

import heapq
import itertools
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import datetime

from jobs.outbox_entry import Entry, Item
from jobs.pacing import TelegramRateLimiter


class DueQueue:
    """Chats' head items: due now (per class, round robin), due later, or held by their chat."""

    def __init__(self) -> None:
        self._ready: OrderedDict[str, deque[Item]] = OrderedDict()  # heads due now, per class
        self._timed: list[tuple[datetime, int, Item]] = []  # heads due later (outbox clock)
        self._chat_wait: list[tuple[float, int, Item]] = []  # heads whose chat is at its limit
        self._seq = itertools.count()

    @property
    def any_ready(self) -> bool:
        """Whether some item is due now (its chat's limit not yet looked at)."""
        return bool(self._ready)

    def _make_ready(self, item: Item) -> None:
        self._ready.setdefault(item.entry.class_id, deque()).append(item)

    def put(self, item: Item, at: datetime | None, now: datetime) -> None:
        """Make a chat's head item due at `at` (or its entry's not-before, or now)."""
        nb = item.entry.not_before
        if nb is not None and (at is None or nb > at):
            at = nb
        if at is not None and at > now:
            heapq.heappush(self._timed, (at, next(self._seq), item))
        else:
            self._make_ready(item)

    def cap(self, entry: Entry, expires: datetime) -> None:
        """An entry's new deadline: its items due later are due at it at the latest."""
        self._timed = [
            (min(at, expires) if item.entry is entry else at, seq, item)
            for at, seq, item in self._timed
        ]
        heapq.heapify(self._timed)

    def promote(self, now: datetime, mono: float) -> None:
        """Move heads whose moment (or whose chat's limit) has come to the ready lists."""
        while self._timed and self._timed[0][0] <= now:
            item = heapq.heappop(self._timed)[2]
            if not item.finished:
                self._make_ready(item)
        while self._chat_wait and self._chat_wait[0][0] <= mono:
            item = heapq.heappop(self._chat_wait)[2]
            if not item.finished:
                self._make_ready(item)

    def pick(
        self,
        limiter: TelegramRateLimiter | None,
        mono: float,
        chat_id: Callable[[Item], int | None],
    ) -> Item | None:
        """The next class's next message whose chat is within its limits now."""
        while self._ready:
            class_id, items = next(iter(self._ready.items()))
            item = items.popleft()
            if items:
                self._ready.move_to_end(class_id)
            else:
                del self._ready[class_id]
            if item.finished:
                continue  # cancelled while it waited
            chat = chat_id(item)
            if limiter is not None and chat is not None:
                # An edit (the group's pinned reminder) posts nothing: no group window.
                ready_at = limiter.ready_at(chat, posting=item.entry.edit_message_id is None)
                if ready_at > mono:
                    heapq.heappush(self._chat_wait, (ready_at, next(self._seq), item))
                    continue
            return item
        return None

    def delay(self, now: datetime, mono: float, longest: float) -> float:
        """Real seconds until the earliest waiting head may be due (`longest` at the most)."""
        delay = longest
        if self._timed:
            delay = min(delay, (self._timed[0][0] - now).total_seconds())
        if self._chat_wait:
            delay = min(delay, self._chat_wait[0][0] - mono)
        return max(delay, 0.001)

    def release_network_waits(self) -> None:
        """Make every item waiting out a network failure's backoff due now."""
        waiting = [t for t in self._timed if t[2].network_wait]
        if not waiting:
            return
        self._timed = [t for t in self._timed if not t[2].network_wait]
        heapq.heapify(self._timed)
        for _, _, item in waiting:
            item.network_wait = False
            self._make_ready(item)
