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

Anything else (Telegram's 5xx, time-outs, no network) is retried with backoff
(`jobs.outbox_worker.BACKOFF_S`, capped at a minute), and as soon as one send gets through again
every chat waiting on a network failure is tried at once: an outage of minutes or hours loses
nothing and ends within seconds of Telegram coming back. Entries live in storage, so a restart
resumes them (`start`).

When every recipient of an entry has an outcome it is *settled*: its kind's `on_settled` hook
runs (an announcement's report) and the entry is removed. `on_first_pass` runs once every
recipient has been tried once. Hooks are registered per kind with
`jobs.outbox_entry.register`.

Fairness and priority: classes in turn, each chat within its limits, replies to updates first
(jobs/outbox_order.py). Deliveries are recorded as Telegram confirms them, in group commits, and
no send starts while one is unrecorded, so a kill -9 resends at most what was in flight
(jobs/outbox_record.py).

Its parts: what an entry is and its kinds' hooks (jobs/outbox_entry.py), the worker that
delivers the open entries and settles them (jobs/outbox_worker.py), which message goes next
(jobs/outbox_order.py), one send and what Telegram's answer means (jobs/outbox_send.py), and
the sent-log writes (jobs/outbox_record.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup

from botdata import App
from jobs.outbox_entry import Entry, JSONDict, iso, stored_entry
from jobs.outbox_worker import OutboxWorker
from storage.records import OutboxEntry
from storage.repo import Store

log = logging.getLogger(__name__)

#: How long a message without a deadline of its own is still worth sending.
MAX_AGE = timedelta(days=2)


def outbox_of(app: App) -> Outbox:
    """The application's outbox (made by bot.build_application)."""
    return app.bot_data["outbox"]


class Outbox:
    """The queue, as the rest of the bot uses it (see the module doc); its worker delivers."""

    def __init__(self, app: App, *, worker: OutboxWorker | None = None) -> None:
        """The outbox of `app`; `worker` delivers (one with other backoff, concurrency or
        monotonic clock, for a test; by default the production one)."""
        self.app = app
        self._worker = worker if worker is not None else OutboxWorker(app)
        self._lock = asyncio.Lock()

    @property
    def store(self) -> Store:
        """The repository."""
        return self._worker.store

    def now(self) -> datetime:
        """The outbox's clock: the bot's (a test may set one in bot_data)."""
        return self._worker.now()

    @property
    def running(self) -> bool:
        """Whether the worker is delivering."""
        return self._worker.running

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
        self._worker.start()
        return loaded

    async def stop(self) -> None:
        """Stop delivering: sends under way finish (briefly), deliveries are recorded."""
        await self._worker.stop()

    def poke(self) -> None:
        """Look at the queue again now (after a test moved the clock)."""
        self._worker.poke()

    async def drain(self) -> None:
        """Wait until nothing is due now and nothing is being sent (tests)."""
        await self._worker.drain()

    def find(self, class_id: str, ref: str) -> Entry | None:
        """The open entry of a class with this reference, if there is one."""
        return self._worker.find(class_id, ref)

    def queued(self, class_id: str, key: str) -> bool:
        """Whether a key is in an open entry (queued, not yet settled)."""
        return self._worker.queued(class_id, key)

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
            found = self._worker.find(class_id, ref)
            if found is not None:
                return found
            fresh = [k for k in dict.fromkeys(keys) if not self._worker.queued(class_id, k)]
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
        return self._worker.cancel(entry)

    async def set_expiry(self, entry: Entry, expires: datetime) -> None:
        """Change until when an open entry is worth delivering (an instructor's new deadline for
        an announcement): stored first; recipients waiting to be retried past it are tried at
        it instead (and given up then, if it has passed)."""
        await self.store.outbox_update(entry.class_id, entry.oid, {"expires": iso(expires)})
        entry.expires = expires
        self._worker.cap(entry, expires)

    async def wait(self, entries: Iterable[Entry | None], *, settled: bool = False) -> None:
        """Wait until each entry has had every recipient tried once (or is settled)."""
        for entry in entries:
            if entry is not None:
                await (entry.settled if settled else entry.first_pass).wait()

    def _load(self, class_id: str, oid: int, doc: OutboxEntry, sent: frozenset[str]) -> Entry:
        """Put a stored entry into the queue."""
        entry = stored_entry(class_id, oid, doc, sent, no_deadline=self.now() + MAX_AGE)
        self._worker.add(entry)
        return entry
