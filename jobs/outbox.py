"""The durable outbound queue: every message the bot sends on its own goes through here.

Reminders, summaries, check-in invitations, schedule-change notices (jobs/course.py) and
announcements with their delivery reports (jobs/announcements.py) are *queued*, not sent: one
stored entry per message (storage's "outbox" section, in the class's file) names what to send,
to whom (sent-log keys, `jobs.delivery.sent_key`, whose last part is the recipient), and until
when it is useful. The worker here delivers each (entry, recipient) until it is

- **delivered**: recorded in the class's sent log, so it never goes twice, whatever restarts;
- **refused for good**: the person blocked the bot or the bot left the group (403), the chat is
  gone ("chat not found" and other requests Telegram will never accept), the group was unlinked;
- **expired**: past its usefulness (an announcement's deadline, a reminder's session), never
  sent stale; messages without a deadline stop after `MAX_AGE`.

Anything else (Telegram's 5xx, time-outs, no network) is retried with backoff (`BACKOFF_S`,
capped at a minute), and as soon as one send gets through again every chat waiting on a network
failure is tried at once: an outage of minutes or hours loses nothing and ends within seconds of
Telegram coming back. Entries live in storage, so a restart resumes them (`start`).

When every recipient of an entry has an outcome it is *settled*: its kind's `on_settled` hook
runs (an announcement's report) and the entry is removed. `on_first_pass` runs once every
recipient has been tried once. Hooks are registered per kind with
`jobs.outbox_entry.register`.

Fairness and priority: classes in turn, each chat within its limits, replies to updates first
(jobs/outbox_order.py). Deliveries are recorded as Telegram confirms them, in group commits, and
no send starts while one is unrecorded, so a kill -9 resends at most what was in flight
(jobs/outbox_record.py).

Its parts: what an entry is and its kinds' hooks (jobs/outbox_entry.py), which message goes
next (jobs/outbox_order.py), one send and what Telegram's answer means (jobs/outbox_send.py),
and the sent-log writes (jobs/outbox_record.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup

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
    JSONDict,
    hooks_of,
    iso,
    stored_entry,
)
from jobs.outbox_order import DueQueue
from jobs.outbox_record import DeliveryRecorder
from jobs.outbox_send import AGAIN, Courier
from jobs.timing import now_of
from storage.records import OutboxChanges, OutboxEntry
from storage.repo import Store

log = logging.getLogger(__name__)

#: Seconds before the 1st, 2nd, ... retry after a network failure (then the last, repeatedly).
BACKOFF_S: tuple[float, ...] = (1, 2, 4, 8, 15, 30, 60)
#: How long a message without a deadline of its own is still worth sending.
MAX_AGE = timedelta(days=2)
#: Sends in flight at once (the pacing decides when each starts; this only has to be enough to
#: keep 30 a second going at ~0.05-1 s a round trip).
CONCURRENCY = 32
#: After a success, chats waiting on a network failure are tried at once, at most this often.
RECOVERY_EVERY_S = 5.0
#: Longest the worker sleeps without looking at the clock again.
MAX_IDLE_S = 30.0


def outbox_of(app: App) -> Outbox:
    """The application's outbox (made by bot.build_application)."""
    return app.bot_data["outbox"]


class Outbox:
    """The queue and its worker (see the module doc)."""

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
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._worker: asyncio.Task[None] | None = None
        self._slots = asyncio.Semaphore(concurrency)
        self._last_recovery = -1e9

    # -- what the rest of the bot uses ---------------------------------------------------------

    @property
    def store(self) -> Store:
        """The repository."""
        return self.app.bot_data["store"]

    def now(self) -> datetime:
        """The outbox's clock: the bot's (a test may set one in bot_data)."""
        return now_of(self.app)

    @property
    def running(self) -> bool:
        """Whether the worker is delivering."""
        return self._worker is not None and not self._worker.done()

    async def start(self) -> int:
        """Load every stored entry and start delivering; returns how many entries resumed."""
        if self.running:
            return 0
        loaded = 0
        sent: dict[str, frozenset[str]] = {}
        for class_id, oid, doc in await self.store.outbox_entries():
            if class_id not in sent:
                sent[class_id] = await self.store.sent_keys(class_id)
            self._load(class_id, oid, doc, sent[class_id])
            loaded += 1
        if loaded:
            log.info("Resuming %d queued message(s).", loaded)
        self._worker = asyncio.create_task(self._run(), name="outbox")
        return loaded

    async def stop(self) -> None:
        """Stop delivering: sends under way finish (briefly), deliveries are recorded."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
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

    async def enqueue(
        self,
        class_id: str,
        ref: str,
        kind: str,
        keys: Iterable[str],
        *,
        text: str | None = None,
        photo: str | None = None,
        markup: InlineKeyboardMarkup | None = None,
        silent: Iterable[int | str] = (),
        expires: datetime | None = None,
        not_before: datetime | None = None,
        edit_message_id: int | None = None,
        render: bool = False,
        meta: JSONDict | None = None,
    ) -> Entry | None:
        """Queue one message to every key's recipient; stored before this returns.

        `ref` names the message within its class: queueing a `ref` that is already open returns
        that entry. Keys queued in another open entry are left out (None when none is left);
        keys already sent count as delivered. `silent` recipients get it without a sound;
        `expires` is when it stops being useful (default `MAX_AGE` from now); `not_before`
        holds it back until then; with `edit_message_id` it edits that message instead; with
        `render` the kind's hook writes the text when it goes out.
        """
        async with self._lock:
            found = self._by_ref.get((class_id, ref))
            if found is not None:
                return found
            queued = self._queued.get(class_id, set())
            fresh = [k for k in dict.fromkeys(keys) if k not in queued]
            if not fresh:
                return None
            # Keys already in the sent log count as delivered at once (a resumed broadcast).
            sent = await self.store.sent_keys(class_id)
            now = self.now()
            doc: OutboxEntry = {
                "ref": ref,
                "kind": kind,
                "keys": fresh,
                "text": text,
                "photo": photo,
                "markup": markup.to_dict() if markup is not None else None,
                "silent": sorted({str(s) for s in silent}),
                "expires": iso(expires or now + MAX_AGE),
                "not_before": iso(not_before) if not_before else None,
                "edit_message_id": edit_message_id,
                "render": render,
                "meta": meta or {},
                "outcomes": {},
                "created_at": iso(now),
            }
            oid = await self.store.outbox_add(class_id, doc)
            # Queued means on the disk: a power cut must not lose a message the instructor was
            # told is on its way (the flush is shared with every write of the moment).
            await self.store.durable()
            return self._load(class_id, oid, doc, sent)

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

    async def set_expiry(self, entry: Entry, expires: datetime) -> None:
        """Change until when an open entry is worth delivering (an instructor's new deadline for
        an announcement): stored first; recipients waiting to be retried past it are tried at
        it instead (and given up then, if it has passed)."""
        await self.store.outbox_update(entry.class_id, entry.oid, {"expires": iso(expires)})
        entry.expires = expires
        self._due.cap(entry, expires)
        self.poke()

    async def wait(self, entries: Iterable[Entry | None], *, settled: bool = False) -> None:
        """Wait until each entry has had every recipient tried once (or is settled)."""
        for entry in entries:
            if entry is not None:
                await (entry.settled if settled else entry.first_pass).wait()

    # -- loading and finishing -------------------------------------------------------------------

    def _load(self, class_id: str, oid: int, doc: OutboxEntry, sent: frozenset[str]) -> Entry:
        """Put a stored entry into the queue."""
        entry = stored_entry(class_id, oid, doc, sent, no_deadline=self.now() + MAX_AGE)
        self._entries[(class_id, oid)] = entry
        self._by_ref[(class_id, entry.ref)] = entry
        self._queued.setdefault(class_id, set()).update(entry.keys)
        for key in entry.pending:
            item = Item(entry, key)
            chat = self._chats.setdefault(item.chat, deque())
            chat.append(item)
            if len(chat) == 1:
                self._activate(item)
        self._progress(entry)
        self._wake.set()
        return entry

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

    # -- the worker ------------------------------------------------------------------------------

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
