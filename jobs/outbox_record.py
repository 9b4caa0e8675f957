"""Recording the outbound queue's deliveries (jobs/outbox.py) in each class's sent log: every
delivery Telegram confirmed is written at once, those confirmed while a write is on the disk
together in the next one (group commit), so the writes keep up with any sending pace.

Per-delivery writes are small: a delivery appends its key to the sent log; an entry is
rewritten only for a refusal and when it settles. Deliveries are recorded as soon as Telegram
confirms them, several in one durable write when they arrive together (group commit: whatever
came in while one write was on the disk goes in the next), and no send starts while a confirmed
delivery is still being recorded. So a kill -9 can only make the bot send again what was in
flight at that instant: a message Telegram accepted but whose answer had not reached the bot
yet (at ~28 sends a second and a short round trip, one message), never a delivery it had
heard back about. The price is a send waiting for one small write now and then; the pace
stays Telegram's (bench/broadcast.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from storage.repo import Store

log = logging.getLogger(__name__)


class DeliveryRecorder:
    """The sent-log writes under way and waiting, and who waits for each."""

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store
        # Confirmed deliveries waiting for the next sent-log write, per class, with whoever
        # waits for each; and the write under way.
        self._marks: dict[str, list[tuple[str, asyncio.Future[None]]]] = {}
        self._writer: asyncio.Task[None] | None = None
        self._unrecorded: set[asyncio.Future[None]] = set()  # confirmed, not yet on disk
        self._unwritten: dict[str, list[str]] = {}  # marks a failed write left, per class

    async def record(self, class_id: str, key: str) -> None:
        """Record a confirmed delivery in the class's sent log; returns once it is on disk.

        Deliveries confirmed while a write is under way go together in the next one, so the
        writes keep up with any sending pace (one disk sync each, however many they carry)."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._unrecorded.add(done)
        done.add_done_callback(self._unrecorded.discard)
        self._marks.setdefault(class_id, []).append((key, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_marks())
        # Shielded: a send cancelled at stop still gets its delivery recorded.
        await asyncio.shield(done)

    async def _write_marks(self) -> None:
        """Write waiting marks until none is left: one write per class per round."""
        while self._marks:
            batch, self._marks = self._marks, {}
            for class_id, marks in batch.items():
                keys = [*self._unwritten.pop(class_id, []), *(key for key, _ in marks)]
                try:
                    await self._store().mark_sent_many(class_id, keys)
                    # Recorded means on the disk, so even a power cut sends nothing twice.
                    await self._store().durable()
                except KeyError:
                    pass  # the class was deleted meanwhile
                except Exception:
                    # A full or failing disk: the messages went, so they count as delivered,
                    # and go into the class's next write; a restart before it may send them
                    # again (never lose them).
                    self._unwritten[class_id] = keys
                    log.exception("Could not record %d delivered message(s)", len(keys))
                for _, done in marks:
                    if not done.done():
                        done.set_result(None)

    async def recorded(self) -> None:
        """Wait until every delivery confirmed so far is on disk (no send starts before, see
        jobs/outbox.py; a stop waits for it too). Later ones are not waited for."""
        if self._unrecorded:
            await asyncio.wait(set(self._unrecorded))
