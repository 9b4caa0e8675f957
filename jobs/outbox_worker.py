"""The outbound queue's worker (jobs/outbox.py): each chat's line of queued messages, the
sends in flight, each recipient's outcome, and each entry's hooks and settling.

An entry handed to `add` has an item per recipient still to deliver, in its chat's line; a
chat's head item is due (jobs/outbox_order.py) and the worker takes due items in turn, sending
each in its own task (jobs/outbox_send.py), up to `CONCURRENCY` at once. A send ends in an
outcome, or in a network failure retried with backoff (`BACKOFF_S`) but never past the entry's
usefulness; a send that gets through again makes every chat waiting on a network failure due at
once. Once every recipient of an entry was tried, its kind's `on_first_pass` hook runs; once
each has an outcome, the outcomes other than deliveries (in the sent log) are stored with it,
its `on_settled` hook runs and it is removed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from botdata import App
from jobs.outbox_entry import (
    BLOCKED,
    CANCELLED,
    DELIVERED,
    FAILED,
    UNLINKED,
    Entry,
    Hook,
    Item,
    hooks_of,
)
from jobs.outbox_order import DueQueue
from jobs.outbox_record import DeliveryRecorder
from jobs.outbox_send import AGAIN, Courier
from jobs.timing import now_of
from memory import return_free_memory
from storage.records import OutboxChanges
from storage.repo import Store

log = logging.getLogger(__name__)

#: Seconds before the 1st, 2nd, ... retry after a network failure (then the last, repeatedly).
BACKOFF_S: tuple[float, ...] = (1, 2, 4, 8, 15, 30, 60)
#: Sends in flight at once (the pacing decides when each starts; this only has to be enough to
#: keep 30 a second going at ~0.05-1 s a round trip).
CONCURRENCY = 32
#: After a success, chats waiting on a network failure are tried at once, at most this often.
RECOVERY_EVERY_S = 5.0
#: Longest the worker sleeps without looking at the clock again.
MAX_IDLE_S = 30.0
#: Once this many sends have gone out and the queue is empty, the memory they used is given
#: back to the system (see memory.return_free_memory), which the C allocator would otherwise
#: keep: 3 MB less RSS at the end of the 5,000-class bench's 18:00 burst.
RETURN_MEMORY_AFTER = 500


class OutboxWorker:
    """Delivers the open entries (see the module doc); the outbox hands it each one."""

    def __init__(
        self,
        app: App,
        *,
        backoff: tuple[float, ...] = BACKOFF_S,
        concurrency: int = CONCURRENCY,
        mono: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.backoff = backoff
        self.concurrency = concurrency
        self._mono = mono
        self._entries: dict[tuple[str, int], Entry] = {}
        self._by_ref: dict[tuple[str, str], Entry] = {}
        self._queued: dict[str, set[str]] = {}  # keys of open entries, per class
        self._chats: dict[str, deque[Item]] = {}  # each chat's items, in order
        self._due = DueQueue()  # the chats' head items, due now or later
        self._recorder = DeliveryRecorder(lambda: self.store)
        self._courier = Courier(app, mono=mono, recorder=self._recorder, recovered=self._recovered)
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._runner: asyncio.Task[None] | None = None
        self._slots = asyncio.Semaphore(concurrency)
        self._last_recovery = -1e9
        self._sent_since_return = 0

    @property
    def store(self) -> Store:
        """The repository."""
        return self.app.bot_data["store"]

    def now(self) -> datetime:
        """The bot's clock (a test may set one in bot_data)."""
        return now_of(self.app)

    # -- what the outbox uses --------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether the worker is delivering."""
        return self._runner is not None and not self._runner.done()

    def start(self) -> None:
        """Start delivering what was added (and what will be)."""
        self._runner = asyncio.create_task(self._run(), name="outbox")

    async def stop(self) -> None:
        """Stop delivering: sends under way finish (briefly), deliveries are recorded."""
        runner, self._runner = self._runner, None
        if runner is not None:
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await runner
        if self._tasks:
            _, late = await asyncio.wait(set(self._tasks), timeout=5)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        await self._recorder.recorded()

    def poke(self) -> None:
        """Look at the queue again now (after a test moved the clock)."""
        self._wake.set()

    async def drain(self) -> None:
        """Wait until nothing is due now and nothing is being sent (tests)."""
        while True:
            self._idle.clear()
            self.poke()
            await self._idle.wait()
            if not self._tasks:
                return

    def find(self, class_id: str, ref: str) -> Entry | None:
        """The open entry of a class with this reference, if there is one."""
        return self._by_ref.get((class_id, ref))

    def queued(self, class_id: str, key: str) -> bool:
        """Whether a key is in an open entry (queued, not yet settled)."""
        return key in self._queued.get(class_id, ())

    def add(self, entry: Entry) -> None:
        """Deliver an open entry (stored already) to each recipient it has not reached."""
        self._entries[(entry.class_id, entry.oid)] = entry
        self._by_ref[(entry.class_id, entry.ref)] = entry
        self._queued.setdefault(entry.class_id, set()).update(entry.keys)
        for key in entry.pending:
            item = Item(entry, key)
            chat = self._chats.setdefault(item.chat, deque())
            chat.append(item)
            if len(chat) == 1:
                self._activate(item)
        self._progress(entry)
        self._wake.set()

    def cancel(self, entry: Entry) -> bool:
        """Drop what is still to send of an entry (its hooks do not run); False if a send is
        under way (then wait for `entry.settled`)."""
        items = [i for q in self._chats.values() for i in q if i.entry is entry]
        if any(i.in_flight for i in items):
            return False
        entry.cancelled = True
        for item in items:
            self._finish(item, CANCELLED)
        return True

    def cap(self, entry: Entry, expires: datetime) -> None:
        """The entry is worth delivering until `expires` now: recipients waiting to be retried
        past it are tried at it instead (and given up then, if it has passed)."""
        self._due.cap(entry, expires)
        self.poke()

    # -- outcomes, hooks and settling ------------------------------------------------------------

    def _activate(self, item: Item, at: datetime | None = None) -> None:
        """Make a chat's head item due at `at` (or its entry's not-before, or now)."""
        self._due.put(item, at, self.now())
        self._wake.set()

    def _finish(self, item: Item, outcome: str) -> None:
        """Give a recipient its outcome and move its chat on to its next message."""
        entry = item.entry
        item.finished = True
        entry.outcomes[item.key] = outcome
        entry.tried.add(item.key)
        if outcome in (BLOCKED, FAILED, UNLINKED):
            # Refusals are kept with the entry (deliveries are in the sent log).
            change: OutboxChanges = {"outcomes": {item.key: outcome}}
            self._spawn(self.store.outbox_update(entry.class_id, entry.oid, change))
        chat = self._chats.get(item.chat)
        if chat is not None:
            was_head = bool(chat) and chat[0] is item
            with contextlib.suppress(ValueError):
                chat.remove(item)
            if not chat:
                del self._chats[item.chat]
            elif was_head:
                self._activate(chat[0])
        self._progress(entry)

    def _progress(self, entry: Entry) -> None:
        """Run the first-pass hook, and settle the entry, when their moment has come."""
        if not entry.first_pass.is_set() and all(k in entry.tried for k in entry.keys):
            entry.first_pass.set()
            hook = hooks_of(entry).on_first_pass
            if hook is not None and not entry.done:
                self._spawn(self._run_hook(hook, entry))
        if entry.done and not entry.settling:
            entry.settling = True
            self._spawn(self._settle(entry))

    async def _run_hook(self, hook: Hook, entry: Entry) -> None:
        try:
            await hook(self.app, entry)
        except Exception:
            log.exception("A queued message's follow-up failed (%s)", entry.ref)

    async def _settle(self, entry: Entry) -> None:
        """Record the outcomes, run the kind's hook, and drop the entry."""
        try:
            stored = {k: v for k, v in entry.outcomes.items() if v not in (DELIVERED, CANCELLED)}
            if stored:
                await self.store.outbox_update(entry.class_id, entry.oid, {"outcomes": stored})
            hook = hooks_of(entry).on_settled
            if hook is not None and not entry.cancelled:
                await hook(self.app, entry)
            await self.store.outbox_remove(entry.class_id, entry.oid)
        except Exception:
            # Left in storage: the next start settles it again (the hooks are idempotent).
            log.exception("Could not settle a queued message (%s)", entry.ref)
        finally:
            self._entries.pop((entry.class_id, entry.oid), None)
            if self._by_ref.get((entry.class_id, entry.ref)) is entry:
                del self._by_ref[(entry.class_id, entry.ref)]
            queued = self._queued.get(entry.class_id)
            if queued is not None:
                queued.difference_update(entry.keys)
            entry.first_pass.set()
            entry.settled.set()

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        self._wake.set()  # the worker notices when everything is quiet (drain)

    # -- taking due messages and sending them ----------------------------------------------------

    async def _run(self) -> None:
        """Take due messages in turn and send each in its own task."""
        while True:
            await self._slots.acquire()
            try:
                item = await self._take()
            except BaseException:
                self._slots.release()
                raise
            item.in_flight = True
            task = asyncio.create_task(self._attempt(item))
            self._tasks.add(task)
            task.add_done_callback(self._sent_one)

    def _sent_one(self, task: asyncio.Task[Any]) -> None:
        self._sent_since_return += 1
        self._task_done(task)
        self._slots.release()

    async def _sleep(self, seconds: float) -> None:
        self._wake.clear()
        # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a cancellation that
        # arrives as the event is set, and the worker would never stop.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._wake.wait()

    async def _take(self) -> Item:
        """Wait for a due message whose chat is within its limits."""
        while True:
            self._due.promote(self.now(), self._mono())
            if not self._due.any_ready:
                if not self._tasks and self._sent_since_return >= RETURN_MEMORY_AFTER:
                    # In a thread: the allocator's walk takes milliseconds.
                    self._sent_since_return = 0
                    self._spawn(asyncio.to_thread(return_free_memory))
                if not self._tasks:
                    self._idle.set()
                await self._sleep(self._due.delay(self.now(), self._mono(), MAX_IDLE_S))
                continue
            item = self._due.pick(self._courier.limiter, self._mono(), self._courier.chat_id)
            if item is not None:
                return item

    async def _attempt(self, item: Item) -> None:
        """Try one delivery and file its outcome (or its retry)."""
        try:
            outcome = await self._courier.deliver(item)
        except Exception:
            log.exception("Unexpected failure sending a queued message (%s)", item.entry.ref)
            outcome = None
        item.in_flight = False
        if outcome is None:
            self._retry(item)
        elif outcome == AGAIN:
            self._activate(item)
        else:
            self._finish(item, outcome)
        if self._due.any_ready:
            self._wake.set()

    def _retry(self, item: Item) -> None:
        """After a network failure: try again later, never past the entry's usefulness."""
        item.entry.tried.add(item.key)
        item.attempts += 1
        item.network_wait = True
        delay = self.backoff[min(item.attempts, len(self.backoff)) - 1] if self.backoff else 0
        at = min(self.now() + timedelta(seconds=delay), item.entry.expires)
        self._activate(item, at)
        self._progress(item.entry)

    def _recovered(self) -> None:
        """A send got through: chats waiting on a network failure need not wait any longer."""
        mono = self._mono()
        if mono - self._last_recovery < RECOVERY_EVERY_S:
            return
        self._last_recovery = mono
        self._due.release_network_waits()
