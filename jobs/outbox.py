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
recipient has been tried once. Hooks are registered per kind with `register`.

Fairness and priority: the worker takes one message at a time from the classes in turn (round
robin), only into a chat that is within its limits now (`jobs.pacing.TelegramRateLimiter.ready_at`;
a busy chat is skipped, never waited on), and only when the overall budget has a slot free now,
so replies to updates always go first. Each chat's messages go in the order they were queued.

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
import contextlib
import heapq
import itertools
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application

from botdata import App
from jobs.pacing import BULK, TelegramRateLimiter
from jobs.timing import now_of
from storage.records import OutboxChanges, OutboxEntry
from storage.repo import Store

log = logging.getLogger(__name__)

#: A JSON object (a message's buttons, a kind's own data).
JSONDict = dict[str, Any]

#: The recipient part of keys into the class group (its chat id may change: it is looked up).
GROUP = "group"
#: Outcomes that end a recipient's delivery. Only refusals and expiry are stored with the entry;
#: "delivered" lives in the sent log; "cancelled" means the entry or person was deleted.
DELIVERED, BLOCKED, FAILED, EXPIRED, UNLINKED, CANCELLED = (
    "delivered",
    "blocked",
    "failed",
    "expired",
    "unlinked",
    "cancelled",
)
#: Seconds before the 1st, 2nd, ... retry after a network failure (then the last, repeatedly).
BACKOFF_S: tuple[float, ...] = (1, 2, 4, 8, 15, 30, 60)
#: How long a message without a deadline of its own is still worth sending.
MAX_AGE = timedelta(days=2)
#: Sends in flight at once (the pacing decides when each starts; this only has to be enough to
#: keep 30 a second going at ~0.05-1 s a round trip).
CONCURRENCY = 32
#: A send held up this long waiting for deliveries to be recorded takes a new pacing slot.
REPACE_AFTER_S = 0.01
#: After a success, chats waiting on a network failure are tried at once, at most this often.
RECOVERY_EVERY_S = 5.0
#: Longest the worker sleeps without looking at the clock again.
MAX_IDLE_S = 30.0


def recipient_of(key: str) -> str:
    """The recipient part of a sent-log key ("group" or a Telegram id)."""
    return key.rsplit(":", 1)[-1]


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def _parse(value: object) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


@dataclass(eq=False)
class Entry:
    """One queued message (mirrors its stored document) and how far its delivery got."""

    class_id: str
    oid: int
    ref: str
    kind: str
    keys: list[str]
    text: str | None
    photo: str | None
    markup: JSONDict | None
    silent: frozenset[str]
    expires: datetime
    not_before: datetime | None
    edit_message_id: int | None
    render: bool
    meta: JSONDict
    outcomes: dict[str, str] = field(default_factory=dict)
    tried: set[str] = field(default_factory=set)
    first_pass: asyncio.Event = field(default_factory=asyncio.Event)
    settled: asyncio.Event = field(default_factory=asyncio.Event)
    settling: bool = False
    cancelled: bool = False

    @property
    def pending(self) -> list[str]:
        """Keys with no outcome yet."""
        return [k for k in self.keys if k not in self.outcomes]

    @property
    def done(self) -> bool:
        """Whether every recipient has an outcome."""
        return all(k in self.outcomes for k in self.keys)


@dataclass(eq=False)
class _Item:
    """One (entry, recipient) still to deliver."""

    entry: Entry
    key: str
    attempts: int = 0
    network_wait: bool = False
    in_flight: bool = False
    finished: bool = False

    @property
    def chat(self) -> str:
        """The chat this goes into, as a token (a group is its class's)."""
        recipient = recipient_of(self.key)
        return f"g:{self.entry.class_id}" if recipient == GROUP else f"u:{recipient}"


Hook = Callable[[Application, Entry], Awaitable[None]]


@dataclass
class Hooks:
    """What an entry's kind does around its delivery (all optional)."""

    #: The text, made when it is sent (a report that counts what has arrived by then).
    render: Callable[[Application, Entry], Awaitable[str]] | None = None
    #: After one recipient got it, before it counts as delivered (e.g. remember the report's
    #: message id, pin the group's reminder).
    on_sent: Callable[[Application, Entry, str, Message | None], Awaitable[None]] | None = None
    #: Once every recipient has been tried once.
    on_first_pass: Hook | None = None
    #: Once every recipient has an outcome (before the entry is removed).
    on_settled: Hook | None = None


HOOKS: dict[str, Hooks] = {}


def register(kind: str, hooks: Hooks) -> None:
    """Set what entries of `kind` do around their delivery (modules call this at import)."""
    HOOKS[kind] = hooks


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
        self._chats: dict[str, deque[_Item]] = {}  # each chat's items, in order
        self._ready: OrderedDict[str, deque[_Item]] = OrderedDict()  # heads due now, per class
        self._timed: list[tuple[datetime, int, _Item]] = []  # heads due later (outbox clock)
        self._chat_wait: list[tuple[float, int, _Item]] = []  # heads whose chat is at its limit
        self._seq = itertools.count()
        self._groups: dict[str, int] = {}  # class id -> group chat id, as last seen
        # Confirmed deliveries waiting for the next sent-log write, per class, with whoever
        # waits for each; and the write under way (see `_record`).
        self._marks: dict[str, list[tuple[str, asyncio.Future[None]]]] = {}
        self._recorder: asyncio.Task[None] | None = None
        self._unrecorded: set[asyncio.Future[None]] = set()  # confirmed, not yet on disk
        self._unwritten: dict[str, list[str]] = {}  # marks a failed write left, per class
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._worker: asyncio.Task[None] | None = None
        self._slots = asyncio.Semaphore(concurrency)
        self._starting = asyncio.Lock()  # see `_deliver`
        self._in_flight = 0
        self._last_recovery = -1e9

    # -- what the rest of the bot uses ---------------------------------------------------------

    @property
    def store(self) -> Store:
        """The repository."""
        return self.app.bot_data["store"]

    @property
    def limiter(self) -> TelegramRateLimiter | None:
        """The bot's rate limiter, when it is ours (tests may run without pacing)."""
        limiter = getattr(self.app.bot, "rate_limiter", None)
        return limiter if isinstance(limiter, TelegramRateLimiter) else None

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
        await self._recorded()

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
                "expires": _iso(expires or now + MAX_AGE),
                "not_before": _iso(not_before) if not_before else None,
                "edit_message_id": edit_message_id,
                "render": render,
                "meta": meta or {},
                "outcomes": {},
                "created_at": _iso(now),
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
        await self.store.outbox_update(entry.class_id, entry.oid, {"expires": _iso(expires)})
        entry.expires = expires
        self._timed = [
            (min(at, expires) if item.entry is entry else at, seq, item)
            for at, seq, item in self._timed
        ]
        heapq.heapify(self._timed)
        self.poke()

    async def wait(self, entries: Iterable[Entry | None], *, settled: bool = False) -> None:
        """Wait until each entry has had every recipient tried once (or is settled)."""
        for entry in entries:
            if entry is not None:
                await (entry.settled if settled else entry.first_pass).wait()

    # -- loading and finishing -------------------------------------------------------------------

    def _load(self, class_id: str, oid: int, doc: OutboxEntry, sent: frozenset[str]) -> Entry:
        """Put a stored entry into the queue."""
        entry = Entry(
            class_id=class_id,
            oid=oid,
            ref=str(doc["ref"]),
            kind=str(doc.get("kind") or ""),
            keys=list(doc.get("keys", [])),
            text=doc.get("text"),
            photo=doc.get("photo"),
            markup=doc.get("markup"),
            silent=frozenset(str(s) for s in doc.get("silent", [])),
            expires=_parse(doc.get("expires")) or self.now() + MAX_AGE,
            not_before=_parse(doc.get("not_before")),
            edit_message_id=doc.get("edit_message_id"),
            render=bool(doc.get("render")),
            meta=dict(doc.get("meta") or {}),
        )
        entry.outcomes.update(doc.get("outcomes") or {})
        for key in entry.keys:
            if key in sent:
                entry.outcomes.setdefault(key, DELIVERED)
        entry.tried.update(entry.outcomes)
        self._entries[(class_id, oid)] = entry
        self._by_ref[(class_id, entry.ref)] = entry
        self._queued.setdefault(class_id, set()).update(entry.keys)
        for key in entry.pending:
            item = _Item(entry, key)
            chat = self._chats.setdefault(item.chat, deque())
            chat.append(item)
            if len(chat) == 1:
                self._activate(item)
        self._progress(entry)
        self._wake.set()
        return entry

    def _activate(self, item: _Item, at: datetime | None = None) -> None:
        """Make a chat's head item due at `at` (or its entry's not-before, or now)."""
        nb = item.entry.not_before
        if nb is not None and (at is None or nb > at):
            at = nb
        if at is not None and at > self.now():
            heapq.heappush(self._timed, (at, next(self._seq), item))
        else:
            self._ready.setdefault(item.entry.class_id, deque()).append(item)
        self._wake.set()

    def _finish(self, item: _Item, outcome: str) -> None:
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
            hook = HOOKS.get(entry.kind, Hooks()).on_first_pass
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
            hook = HOOKS.get(entry.kind, Hooks()).on_settled
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

    # -- the sent log: every confirmed delivery recorded at once, in group commits ---------------

    async def _record(self, class_id: str, key: str) -> None:
        """Record a confirmed delivery in the class's sent log; returns once it is on disk.

        Deliveries confirmed while a write is under way go together in the next one, so the
        writes keep up with any sending pace (one disk sync each, however many they carry)."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._unrecorded.add(done)
        done.add_done_callback(self._unrecorded.discard)
        self._marks.setdefault(class_id, []).append((key, done))
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.create_task(self._write_marks())
        # Shielded: a send cancelled at stop still gets its delivery recorded.
        await asyncio.shield(done)

    async def _write_marks(self) -> None:
        """Write waiting marks until none is left: one write per class per round."""
        while self._marks:
            batch, self._marks = self._marks, {}
            for class_id, marks in batch.items():
                keys = [*self._unwritten.pop(class_id, []), *(key for key, _ in marks)]
                try:
                    await self.store.mark_sent_many(class_id, keys)
                    # Recorded means on the disk, so even a power cut sends nothing twice.
                    await self.store.durable()
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

    async def _recorded(self) -> None:
        """Wait until every delivery confirmed so far is on disk (no send starts before, see
        the module doc; a stop waits for it too). Later ones are not waited for."""
        if self._unrecorded:
            await asyncio.wait(set(self._unrecorded))

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

    def _promote(self) -> None:
        """Move heads whose moment (or whose chat's limit) has come to the ready lists."""
        now = self.now()
        while self._timed and self._timed[0][0] <= now:
            item = heapq.heappop(self._timed)[2]
            if not item.finished:
                self._ready.setdefault(item.entry.class_id, deque()).append(item)
        mono = self._mono()
        while self._chat_wait and self._chat_wait[0][0] <= mono:
            item = heapq.heappop(self._chat_wait)[2]
            if not item.finished:
                self._ready.setdefault(item.entry.class_id, deque()).append(item)

    def _chat_id(self, item: _Item) -> int | None:
        recipient = recipient_of(item.key)
        if recipient == GROUP:
            return self._groups.get(item.entry.class_id)
        with contextlib.suppress(ValueError):
            return int(recipient)
        return None

    def _pick(self) -> _Item | None:
        """The next class's next message whose chat is within its limits now."""
        limiter = self.limiter
        mono = self._mono()
        while self._ready:
            class_id, items = next(iter(self._ready.items()))
            item = items.popleft()
            if items:
                self._ready.move_to_end(class_id)
            else:
                del self._ready[class_id]
            if item.finished:
                continue  # cancelled while it waited
            chat = self._chat_id(item)
            if limiter is not None and chat is not None:
                # An edit (the group's pinned reminder) posts nothing: no group window.
                ready_at = limiter.ready_at(chat, posting=item.entry.edit_message_id is None)
                if ready_at > mono:
                    heapq.heappush(self._chat_wait, (ready_at, next(self._seq), item))
                    continue
            return item
        return None

    def _delay(self) -> float:
        """Real seconds until the earliest waiting head may be due."""
        delay = MAX_IDLE_S
        if self._timed:
            delay = min(delay, (self._timed[0][0] - self.now()).total_seconds())
        if self._chat_wait:
            delay = min(delay, self._chat_wait[0][0] - self._mono())
        return max(delay, 0.001)

    async def _sleep(self, seconds: float) -> None:
        self._wake.clear()
        # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a cancellation that
        # arrives as the event is set, and the worker would never stop.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._wake.wait()

    async def _take(self) -> _Item:
        """Wait for a due message whose chat is within its limits."""
        while True:
            self._promote()
            if not self._ready:
                if not self._tasks:
                    self._idle.set()
                await self._sleep(self._delay())
                continue
            item = self._pick()
            if item is not None:
                return item

    async def _attempt(self, item: _Item) -> None:
        """Try one delivery and file its outcome (or its retry)."""
        try:
            outcome = await self._deliver(item)
        except Exception:
            log.exception("Unexpected failure sending a queued message (%s)", item.entry.ref)
            outcome = None
        item.in_flight = False
        if outcome is None:
            self._retry(item)
        elif outcome == "again":
            self._activate(item)
        else:
            self._finish(item, outcome)
        if self._ready:
            self._wake.set()

    def _retry(self, item: _Item) -> None:
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
        waiting = [t for t in self._timed if t[2].network_wait]
        if not waiting:
            return
        self._timed = [t for t in self._timed if not t[2].network_wait]
        heapq.heapify(self._timed)
        for _, _, item in waiting:
            item.network_wait = False
            self._ready.setdefault(item.entry.class_id, deque()).append(item)

    async def _deliver(self, item: _Item) -> str | None:
        """One send; returns the outcome, "again" to retry at once, None after a network error."""
        entry = item.entry
        if self.now() >= entry.expires:
            return EXPIRED
        target = await self.store.outbox_holds(entry.class_id, entry.oid, item.key)
        if target is None:
            return CANCELLED  # the class, the entry or the person was deleted meanwhile
        recipient = recipient_of(item.key)
        if recipient == GROUP:
            group = target["group_chat_id"]
            if not group:
                return UNLINKED
            chat_id = int(group)
            self._groups[entry.class_id] = chat_id
        else:
            chat_id = int(recipient)
        limiter = self.limiter
        # One send at a time between taking its slot and starting its call, so sends held up
        # by a write cannot go at once and trip Telegram's limit.
        async with self._starting:
            while True:
                if limiter is not None:
                    # The slot is taken only now, right before the call: taken before the
                    # storage look-up above, the sends would reach Telegram bunched up.
                    await limiter.pacer.bulk()
                # Nothing Telegram confirmed may be unrecorded when a new message goes: a kill
                # -9 then resends at most what is in flight. A write takes milliseconds; should
                # it take longer, the slot has passed: it is given back (it was not used, so no
                # slot is lost) and a fresh one taken from now.
                held = self._mono()
                await self._recorded()
                if limiter is None or self._mono() - held < REPACE_AFTER_S:
                    break
                limiter.pacer.give_back()
        try:
            message = await self._call(entry, recipient, chat_id)
        except ChatMigrated as exc:
            # The group became a supergroup: follow it, and send there at once.
            await self.store.migrate_group(chat_id, exc.new_chat_id)
            self._groups[entry.class_id] = int(exc.new_chat_id)
            return "again"
        except RetryAfter:
            return "again"  # the limiter holds the chat; the worker comes back when it may
        except Forbidden as exc:
            if chat_id > 0:
                await self._unreachable(entry.class_id, chat_id)
            else:
                log.warning("A class group no longer accepts messages: %s", exc.message)
            return BLOCKED
        except BadRequest as exc:
            if entry.edit_message_id is not None:
                if "not modified" in exc.message.lower():
                    return await self._delivered(item, None)
                entry.edit_message_id = None  # the message is gone: send it as a new one
                return "again"
            log.warning("Telegram refused a queued message (%s): %s", entry.ref, exc.message)
            return FAILED
        except TelegramError as exc:
            # Time-outs, Telegram's 5xx, no network: worth another try, later.
            log.info("Queued message %s not sent yet: %s", entry.ref, exc.message)
            return None
        return await self._delivered(item, message)

    async def _delivered(self, item: _Item, message: Message | None) -> str:
        entry = item.entry
        await self._record(entry.class_id, item.key)
        self._recovered()
        hook = HOOKS.get(entry.kind, Hooks()).on_sent
        if hook is not None:
            # Run before the recipient counts as done: whoever waits for the entry (a class
            # pass) sees what the hook did (the group's reminder pinned), and the chat's next
            # message comes after it. `_on_sent` never raises: the send itself stands.
            await self._on_sent(hook, entry, item.key, message)
        return DELIVERED

    async def _on_sent(
        self,
        hook: Callable[[Application, Entry, str, Message | None], Awaitable[None]],
        entry: Entry,
        key: str,
        message: Message | None,
    ) -> None:
        try:
            await hook(self.app, entry, key, message)
        except Exception:
            log.exception("A delivered message's follow-up failed (%s)", entry.ref)

    async def _call(self, entry: Entry, recipient: str, chat_id: int) -> Message | None:
        """The Bot API call itself, marked as a bulk send for the rate limiter."""
        bot = self.app.bot
        extra: JSONDict = {"rate_limit_args": BULK} if self.limiter is not None else {}
        markup = (
            InlineKeyboardMarkup.de_json(entry.markup, bot) if entry.markup is not None else None
        )
        text = entry.text
        render = HOOKS.get(entry.kind, Hooks()).render
        if entry.render and render is not None:
            text = await render(self.app, entry)
        if entry.edit_message_id is not None:
            edited = await bot.edit_message_text(
                text or "",
                chat_id=chat_id,
                message_id=entry.edit_message_id,
                reply_markup=markup,
                **extra,
            )
            return edited if isinstance(edited, Message) else None
        silent = recipient in entry.silent
        if entry.photo is not None:
            return await bot.send_photo(
                chat_id,
                entry.photo,
                caption=text,
                reply_markup=markup,
                disable_notification=silent,
                **extra,
            )
        return await bot.send_message(
            chat_id, text or "", reply_markup=markup, disable_notification=silent, **extra
        )

    async def _unreachable(self, class_id: str, user_id: int) -> None:
        """Mark a member who blocked the bot as inactive, so later sends skip them.

        Only members are marked: the instructor's own chat (a delivery report) is not one.
        """
        store = self.store
        with contextlib.suppress(KeyError):  # the class was deleted meanwhile
            if await store.get_member(class_id, user_id) is not None:
                await store.update_member(class_id, user_id, {"active": False, "blocked": True})
