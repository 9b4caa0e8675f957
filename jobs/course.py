"""The course's scheduled messages: reminders, lesson summaries, check-in invitations and
nudges, and the closing message, each sent once, at the right local time, across restarts.

How it is scheduled: ONE APScheduler job per class, for that class's next due moment
----------------------------------------------------------------------------------------
Nothing about the schedule lives in the job queue: what is due is always recomputed from the
stored class record (`domain.schedule.due_messages`) and what was sent from the class's sent log.
Each class has at most one job, named ``course:<class id>`` (`job_name`), set for the class's
next due moment. When it fires, `run_class` sends everything that is due by now, then replaces
the job with one for the next moment (or none once the course is over). A change of schedule
(`reschedule_class`) and the start-up (`rebuild`) do the same without sending. Each class's next
due moment is also stored (`remember_wakes`), so a restart sets the jobs from those and computes
only the classes whose record or scheduling code changed since: start-up work follows what is
due, not the whole chapter's schedules.

Why not one job per (class, message)? A five-week class has about 26 due messages, and quiet
hours split private ones further per parent, so a bot serving 2,000 classes would hold 50,000+
APScheduler jobs, each added at every start and each replaced one by one when a session moves.
One job per class keeps the job store at one entry per class that still has something ahead
(finished classes have none), makes a schedule change a single replacement, and still lets every
class run on its own (a slow broadcast in one class never delays another). `bench/schedule.py`
measures both at 2,000 classes (1,565 with messages ahead): rebuilding one job per class takes
0.4 s and 11 MB; one job per pending message would be 32,000 jobs, 1.6 s and 26 MB, growing
with every parent whose quiet hours split a message.

What one pass queues (for whom, in which language, exactly once, late only while useful, after
quiet hours) is jobs/course_send.py, over jobs/course_pass.py (what a pass loads, what each
message says) and jobs/course_group.py (the class group's messages).

APScheduler settings, on purpose
--------------------------------
``misfire_grace_time=None``: a one-shot job that fires late (a busy loop, a suspended laptop)
must still run; APScheduler's default of one second would silently drop it, and with it every
later message of the class. ``coalesce=True``: should several run times ever pile up, run once
(one pass sends everything due anyway). ``max_instances=3``: a pass replaces its own job just
before it ends, and a replacement due at once must not be skipped as a second instance (passes
over one class are serialised by a lock instead). Job ids are the job names, so the job store
finds a class's job in constant time instead of the linear search of ``get_jobs_by_name``.

Tests and the playground (`playground/clock.py`) may set ``app.bot_data["clock"]`` to a function
returning an aware datetime: the passes and the course commands then use it instead of the real
clock.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import CallbackContext

from botdata import App
from domain.schedule import ClassSchedule, Due, due_messages
from jobs.course_pass import Pass, earliest, expired
from jobs.course_send import send_due, send_venue_pin
from jobs.delivery import sent_key
from jobs.outbox import outbox_of
from jobs.outbox_entry import DELIVERED, Entry
from jobs.pins import PINNED
from jobs.timing import done_key, now_of, offsets_for, schedule_for, session_ref, unit_of
from storage.records import ClassRecord

log = logging.getLogger(__name__)

JOB_PREFIX = "course:"
#: The modules whose rules decide when a class's messages fall due: a stored next due moment
#: (see `rebuild`) holds only for the code that computed it.
SCHEDULE_MODULES = (
    "domain.schedule",
    "domain.sessions",
    "jobs.timing",
    "jobs.course_pass",
    "jobs.course_send",
    __name__,
)
#: A pass that failed (storage trouble) is tried again this much later.
RETRY_AFTER = timedelta(minutes=5)


# -- small pieces ------------------------------------------------------------------------------


def job_name(class_id: str) -> str:
    """The name (and APScheduler id) of a class's one job."""
    return f"{JOB_PREFIX}{class_id}"


#: Class passes queueing their messages at the same moment (the 18:00 burst): the rest wait,
#: so a parent's reply never queues for storage behind hundreds of passes' writes.
PASSES_AT_ONCE = 4


def _gate(app: App) -> asyncio.Semaphore:
    """The semaphore that lets `PASSES_AT_ONCE` class passes queue their messages at a time."""
    gate = app.bot_data.get("course_gate")
    if not isinstance(gate, asyncio.Semaphore):
        gate = app.bot_data["course_gate"] = asyncio.Semaphore(PASSES_AT_ONCE)
    return gate


def _lock(app: App, class_id: str) -> asyncio.Lock:
    """The lock that keeps two passes over one class from ever running at once."""
    locks = app.bot_data.setdefault("course_locks", {})
    if class_id not in locks:
        locks[class_id] = asyncio.Lock()
    return locks[class_id]


def _pending_dues(
    record: ClassRecord, sent: frozenset[str], now: datetime, unit: timedelta | None
) -> tuple[ClassSchedule, list[Due]]:
    """A class's schedule and its due messages not yet complete and not expired at `now`."""
    schedule = schedule_for(record, unit)
    if record.get("ended") and record.get("ended_after") is None:
        return schedule, []  # ended without a recorded last session: nothing more to send
    dues = due_messages(schedule, offsets_for(record, unit))
    return schedule, [
        due
        for due in dues
        if done_key(due, session_ref(schedule, due.session)) not in sent and not expired(due, now)
    ]


def next_wake(
    record: ClassRecord, sent: frozenset[str], now: datetime, unit: timedelta | None = None
) -> datetime | None:
    """When a class next needs a pass (now if something is overdue), or None if never."""
    try:
        _, dues = _pending_dues(record, sent, now, unit)
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("Class %s has a schedule I cannot read: %s", record.get("id"), exc)
        return None
    return max(dues[0].at, now) if dues else None


def _set_job(app: App, class_id: str, when: datetime | None, *, fresh: bool) -> None:
    """Replace a class's job with one at `when` (or none). `fresh`: none can exist yet."""
    job_queue = app.job_queue
    if job_queue is None:  # pragma: no cover - the job-queue extra is a requirement
        raise RuntimeError("python-telegram-bot was installed without its job queue")
    name = job_name(class_id)
    if not fresh:
        try:
            job_queue.scheduler.remove_job(name)
        except JobLookupError:
            pass
    if when is None:
        return
    job_queue.run_once(
        _wake,
        when,
        data=class_id,
        name=name,
        job_kwargs={
            "id": name,
            "replace_existing": True,
            # Run however late (the default of 1 s would drop the class's whole future).
            "misfire_grace_time": None,
            "coalesce": True,
            # A pass sets the class's next job before it returns; if that job is due at once,
            # APScheduler would see the finishing pass as a running instance and, with its
            # default of one, skip (and so drop) the new run. The class lock serialises passes.
            "max_instances": 3,
        },
    )


async def _wake(context: CallbackContext) -> None:
    """Job callback: a class's next due moment has come."""
    job = context.job
    if job is None or not isinstance(job.data, str):
        return
    await run_class(context.application, job.data)


async def run_class(app: App, class_id: str) -> None:
    """Queue whatever is due for a class now, then set its job for the next due moment.

    Returns once every chat of what it queued has been tried once (the outbox retries the rest
    on its own), so passes over one class never overlap.
    """
    store = app.bot_data["store"]
    unit = unit_of(app)
    async with _lock(app, class_id), _gate(app):
        now = now_of(app)
        wake: datetime | None = None
        queued: list[Entry] = []
        p: Pass | None = None
        try:
            record = await store.get_class(class_id)
            if record is None:
                _set_job(app, class_id, None, fresh=False)
                return
            sent = await store.sent_keys(class_id)
            schedule, dues = _pending_dues(record, sent, now, unit)
            p = Pass(app, record, schedule, dues, now, sent, quiet=unit is None)
            for due in dues:
                if due.at > now:
                    wake = earliest(wake, due.at)
                    break  # sorted by time: everything after is later still
                again = await send_due(p, due, queued)
                if again is None:
                    # Queued for everyone: the outbox owns it now, across restarts too.
                    await store.mark_sent(class_id, done_key(due, p.ref(due.session)))
                else:
                    wake = earliest(wake, again)
        except Exception:
            # Keep the class's future alive whatever went wrong; the error handler reports it.
            wake = now + (RETRY_AFTER if unit is None else unit)
            _set_job(app, class_id, wake, fresh=False)
            raise
        # Never in the past: a job set "now" runs at once.
        _set_job(app, class_id, None if wake is None else max(wake, now), fresh=False)
        remember_wakes(app, [(record, wake)])
    async with _lock(app, class_id):
        await outbox_of(app).wait(queued)
        if p is not None and p.venue_due:
            # The venue pin goes to those whose first reminder has now arrived (the outbox's
            # outcomes: its marks reach the sent log in batches).
            arrived = {k for e in queued for k, o in e.outcomes.items() if o == DELIVERED}
            p.sent = await store.sent_keys(class_id)
            for due, people in p.venue_due:
                ref = p.ref(due.session)
                reached = [
                    (r, int(r)) for r in people if {sent_key(due.kind, ref, r)} & (arrived | p.sent)
                ]
                await send_venue_pin(p, due, reached)


async def reschedule_class(app: App, class_id: str) -> None:
    """Replace every job of one class after it was created or its schedule changed."""
    store = app.bot_data["store"]
    async with _lock(app, class_id):
        record = await store.get_class(class_id)
        if record is None:
            _set_job(app, class_id, None, fresh=False)
            return
        sent = await store.sent_keys(class_id)
        when = next_wake(record, sent, now_of(app), unit_of(app))
        _set_job(app, class_id, when, fresh=False)
        remember_wakes(app, [(record, when)])


@functools.cache
def _code_digest() -> str:
    """A fingerprint of the scheduling code (`SCHEDULE_MODULES`' source files)."""
    digest = hashlib.sha1(usedforsecurity=False)
    for name in SCHEDULE_MODULES:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None)
        digest.update(Path(source).read_bytes() if source else name.encode())
    return digest.hexdigest()[:16]


def schedule_digest(record: Mapping[str, Any]) -> str:
    """A fingerprint of a class record: a stored next due moment holds only for the record it
    was computed from. The pinned reminder is left out: pinning it (after the pass that queued
    it) changes nothing about when anything falls due."""
    data = {k: v for k, v in record.items() if k != PINNED}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def wake_basis(app: App) -> str:
    """What a stored next due moment was computed under: the scheduling code and the
    compressed-schedule unit (tests)."""
    return f"{_code_digest()}:{unit_of(app)}"


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.astimezone(UTC).isoformat()


def remember_wakes(app: App, wakes: Iterable[tuple[Mapping[str, Any], datetime | None]]) -> None:
    """Have classes' next due moments stored, for the next start (see `rebuild`): written in
    the background, many in one write. Losing one (a crash first) costs nothing but a pass:
    a class's next due moment only ever moves later, except when its record changes, and a
    stored moment holds only for the record it was computed from."""
    pending = app.bot_data.setdefault("course_wakes", {})
    for record, when in wakes:
        pending[str(record["id"])] = (schedule_digest(record), _iso(when))
    writer = app.bot_data.get("course_wakes_writer")
    if pending and (writer is None or writer.done()):
        app.bot_data["course_wakes_writer"] = asyncio.get_running_loop().create_task(
            _write_wakes(app, pending)
        )


async def _write_wakes(app: App, pending: dict[str, tuple[str, str | None]]) -> None:
    store = app.bot_data["store"]
    basis = wake_basis(app)
    while pending:
        batch = dict(pending)
        pending.clear()
        try:
            await store.set_class_wakes(batch, basis, schedule_digest)
        except Exception:  # a full disk, a closed store: the next start computes them again
            log.warning("Could not store %d class(es)' next due moments", len(batch), exc_info=True)
            return


async def flush_wakes(app: App) -> None:
    """Wait for the next due moments being stored (at shutdown)."""
    writer = app.bot_data.get("course_wakes_writer")
    if isinstance(writer, asyncio.Task) and not writer.done():
        await writer


async def rebuild(app: App) -> int:
    """Set every class's job (at start); returns how many classes have one.

    Start-up work is proportional to what is due: each class's next due moment is stored when
    it changes (`remember_wakes`), so a restart only sets the jobs; it is computed from the
    schedule and the sent log only where none is stored for the class's record as it is now
    and for this code (the first start after an upgrade, a class changed while a write was
    lost). A stored moment may be earlier than the real one (it never is later: see
    `remember_wakes`): then the class's pass runs, finds nothing due, and sets the real one."""
    store = app.bot_data["store"]
    now, unit = now_of(app), unit_of(app)
    # Only the first rebuild of an application may skip looking for an existing job (the
    # look-up is a linear scan while the scheduler is not running yet, as at start-up).
    fresh = not app.bot_data.get("course_rebuilt")
    app.bot_data["course_rebuilt"] = True
    scheduled = 0
    known, unknown = await store.class_wakes(wake_basis(app), schedule_digest)
    for class_id, at in known:
        when = None if at is None else max(datetime.fromisoformat(at), now)
        _set_job(app, class_id, when, fresh=fresh)
        scheduled += when is not None
    computed = []
    for record, sent in unknown:
        if not record:
            continue  # a class file without its record: nothing to schedule from
        when = next_wake(record, sent, now, unit)
        _set_job(app, str(record["id"]), when, fresh=fresh)
        scheduled += when is not None
        computed.append((record, when))
    remember_wakes(app, computed)
    log.info(
        "Course schedule rebuilt: %d class(es) with messages ahead (%d computed).",
        scheduled,
        len(computed),
    )
    return scheduled
