"""Instructor announcements once written: their jobs and sending them to their audience exactly
once. What follows the delivery (the reports to the instructor, the missed notice) is
jobs/announcement_followup.py, worded by jobs/announcement_report.py; until when one is worth
delivering is jobs/announcement_deadline.py.

An announcement is stored before anything is sent (per class: storage/repo/) with a status:
``scheduled`` (waiting for `send_at`), ``sending`` (queued: some chats may not have it yet),
``sent`` (every chat that accepts messages has it) or ``partly_sent`` (some could not get it
before its deadline, or refused it), each with its report in numbers only (the record keeps
nobody's id or name, so /forgetme leaves nothing in it), ``cancelled``, or ``missed`` (it fell
due while the bot was down and was no longer worth sending).

Sending is queueing: one entry in the durable outbox (jobs/outbox.py) with every recipient,
keyed ``ann:<aid>:<recipient>`` in the class's sent log, retried through Telegram outages until
each chat has it, refused it, or the deadline (`deadline`) passed. The report goes to the
instructor when the delivery settles; if some chats are still being retried `REPORT_WAIT` after
every chat was tried once, an interim report goes first ("still trying ...") and the final one
edits it. Jobs live in memory only; `restore` rebuilds them at start from what is stored, under
deterministic names, and the outbox resumes its entries, so a restart loses nothing and doubles
nothing.

How long it is worth delivering is the instructor's choice, made on /announce's confirmation
screen (`DEADLINES`): until the class's next session, `LATE_LIMIT` after it goes out (the
default) or three days; never once the class's data is deleted (`deadline`). Chats still failing
then are given up, and the report names them with the deadline. Changing the choice while it is
being sent moves the outbox's deadline too (`set_deadline`).

Late sends follow the rule of the other scheduled messages (a message that fell due while the
bot was down is sent late only while it is still useful): here, before its deadline. Otherwise it
is marked missed and the instructor is told.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from botdata import App, Context
from jobs.announcement_deadline import (
    DEADLINES,
    deadline,
    deadline_options,
    iso,
    parse_utc,
    still_useful,
)
from jobs.announcement_deadline import LATE_LIMIT as LATE_LIMIT  # the tests read it here
from jobs.announcement_followup import (
    GROUP_RECIPIENT,
    KIND,
    PROGRESS_KIND,
    REPORT_KIND,
    conclude,
    outbox_ref,
    services,
    tell_missed,
)
from jobs.delivery import sent_key
from jobs.outbox import outbox_of
from jobs.outbox_entry import Entry
from jobs.preferences import in_quiet_hours
from jobs.timing import now_of, unit_of
from storage.records import AnnouncementRecord, ClassRecord
from storage.repo import Store

log = logging.getLogger(__name__)

#: Who an announcement goes to: the class group, each family's private chat, or both.
AUDIENCES = ("group", "private", "both")
#: A job that fires this much before its time (a clock change, a test) waits for its time.
EARLY_SLACK = timedelta(seconds=60)


def job_name(class_id: str, aid: int) -> str:
    """The deterministic name of an announcement's job (one job per announcement, ever)."""
    return f"ann:{class_id}:{aid}"


# -- jobs ------------------------------------------------------------------------------------


async def _announcement_job(context: Context) -> None:
    """Job callback: send one announcement when its time comes."""
    job = context.job
    if job is None or not isinstance(job.data, dict):  # pragma: no cover - always set below
        return
    await send_announcement(context.application, job.data["class_id"], job.data["aid"])


def schedule_job(app: App, class_id: str, aid: int, send_at: datetime) -> None:
    """(Re)place the one job that sends announcement `aid` at `send_at` (now if it is past)."""
    queue = app.job_queue
    if queue is None:  # pragma: no cover - the job-queue extra is a requirement
        raise RuntimeError("python-telegram-bot's job queue is not installed")
    name = job_name(class_id, aid)
    for job in queue.get_jobs_by_name(name):
        job.schedule_removal()
    when: datetime | timedelta = send_at if send_at > now_of(app) else timedelta(0)
    queue.run_once(
        _announcement_job,
        when=when,
        name=name,
        data={"class_id": class_id, "aid": aid},
        # No misfire limit: a job that runs late (a busy loop, a suspended machine) still runs,
        # and send_announcement decides whether it is still useful.
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )


def unschedule_job(app: App, class_id: str, aid: int) -> None:
    """Drop an announcement's job, if it has one."""
    if app.job_queue is None:  # pragma: no cover
        return
    for job in app.job_queue.get_jobs_by_name(job_name(class_id, aid)):
        job.schedule_removal()


async def restore(app: App) -> int:
    """Rebuild the job of every announcement still to send (at start); returns how many.

    Past ones (the bot was down when they fell due) get a job that runs at once and applies
    the late-send rule; one that was half-sent resumes where it stopped.
    """
    store, _ = services(app)
    count = 0
    # Only the classes the index flags as having announcements ahead are looked at.
    for class_id, ann in await store.pending_announcements():
        schedule_job(app, class_id, ann["aid"], parse_utc(ann["send_at"]))
        count += 1
    if count:
        log.info("Rebuilt %d announcement job(s).", count)
    return count


# -- sending ---------------------------------------------------------------------------------


async def _private_recipients(store: Store, class_id: str) -> list[int]:
    """Each active member's private chat: parents and carers alike; one who left or blocked
    the bot is skipped."""
    seen: dict[int, None] = {}
    for member in await store.members(class_id):
        seen.setdefault(int(member["user_id"]), None)
    return list(seen)


async def set_deadline(
    app: App, class_id: str, aid: int, choice: str
) -> tuple[str, AnnouncementRecord | None]:
    """The instructor chose how long announcement `aid` is worth delivering (one of
    `DEADLINES`): store it and, if it is being sent, move its delivery's deadline. Returns what
    came of it, with the announcement as stored afterwards: "set"; "done" (it has settled, or
    was cancelled or missed: nothing is left to change); "no_session" (no session after it goes
    out); "passed" (that moment is already behind us); "gone" (no such announcement)."""
    store, settings = services(app)
    klass = await store.get_class(class_id)
    ann = await store.get_announcement(class_id, aid)
    if klass is None or ann is None or choice not in DEADLINES:
        return "gone", ann
    if ann.get("status") not in ("scheduled", "sending"):
        return "done", ann
    options = deadline_options(klass, parse_utc(ann["send_at"]), unit_of(app))
    if choice not in options:
        return "no_session", ann
    if options[choice] <= now_of(app):
        return "passed", ann
    changed = await store.transition_announcement(
        class_id,
        aid,
        ("scheduled", "sending"),
        {"deadline": iso(options[choice]), "deadline_choice": choice},
    )
    if changed is None:  # it settled, or was cancelled, in this very instant
        return "done", await store.get_announcement(class_id, aid)
    outbox = outbox_of(app)
    until = deadline(changed, klass, settings)
    # The delivery and its interim report (if queued yet) stop being tried at the new deadline.
    for kind in (KIND, PROGRESS_KIND):
        entry = outbox.find(class_id, outbox_ref(kind, aid))
        if entry is not None:
            await outbox.set_expiry(entry, until)
    return "set", changed


async def send_announcement(
    app: App, class_id: str, aid: int, *, now: datetime | None = None
) -> AnnouncementRecord | None:
    """Queue announcement `aid` for its audience, each chat once, and wait until every chat
    has been tried once (the report follows when the delivery settles, see `_settled`).

    Does nothing for one already sent or cancelled, waits for one not yet due, marks one missed
    when it is too late to be useful. Returns the announcement as stored afterwards.
    """
    running: set[tuple[str, int]] = app.bot_data.setdefault("announce_running", set())
    if (class_id, aid) in running:
        return None  # the same announcement is being sent by another run right now
    running.add((class_id, aid))
    try:
        return await _send(app, class_id, aid, now or now_of(app))
    finally:
        running.discard((class_id, aid))


async def _send(app: App, class_id: str, aid: int, now: datetime) -> AnnouncementRecord | None:
    """The body of send_announcement (the caller guards against a concurrent run)."""
    store, settings = services(app)
    outbox = outbox_of(app)
    klass = await store.get_class(class_id)
    ann = await store.get_announcement(class_id, aid)
    if klass is None or ann is None or ann.get("status") not in ("scheduled", "sending"):
        return ann
    entry = outbox.find(class_id, outbox_ref(KIND, aid))
    if entry is None:
        send_at = parse_utc(ann["send_at"])
        if send_at - now > EARLY_SLACK:
            schedule_job(app, class_id, aid, send_at)  # woken too early: go back to sleep
            return ann
        if not still_useful(now, deadline(ann, klass, settings)):
            missed = await store.transition_announcement(
                class_id,
                aid,
                ("scheduled", "sending"),
                {"status": "missed", "missed_at": iso(now)},
            )
            if missed is not None:
                await tell_missed(app, klass, missed, partly=ann["status"] == "sending")
            return missed
        if ann["status"] == "scheduled":
            started = await store.transition_announcement(
                class_id, aid, ("scheduled",), {"status": "sending", "started_at": iso(now)}
            )
            if started is None:  # cancelled in the very same instant: the Cancel won
                return await store.get_announcement(class_id, aid)
            ann = started
        entry = await _queue(app, klass, ann, now)
    if entry is None:
        # Nobody to send to (no families, no group): the report says so at once.
        await conclude(app, klass, aid, [], {}, frozenset())
    else:
        # Every chat tried once; if that settled it, the report is on its way too.
        await outbox.wait([entry])
        if not entry.done:
            return await store.get_announcement(class_id, aid)
        await entry.settled.wait()
    await outbox.wait([outbox.find(class_id, outbox_ref(REPORT_KIND, aid))])
    return await store.get_announcement(class_id, aid)


async def _queue(
    app: App, klass: ClassRecord, ann: AnnouncementRecord, now: datetime
) -> Entry | None:
    """Queue an announcement to its audience as the class is now (also when resuming after a
    restart: the sent log says who already has it). The record keeps no one's id, so
    /forgetme leaves nothing behind in it."""
    store, settings = services(app)
    class_id, aid = str(klass["id"]), int(ann["aid"])
    audience = str(ann.get("audience", "both"))
    group_id = klass.get("group_chat_id") if audience in ("group", "both") else None
    private = await _private_recipients(store, class_id) if audience != "group" else []
    keys = [sent_key(KIND, aid, uid) for uid in private]
    if group_id is not None:
        keys.insert(0, sent_key(KIND, aid, GROUP_RECIPIENT))
    # Private chats are not woken in their quiet hours: it arrives now, without a sound.
    silent = await in_quiet_hours(store, klass["tz"], private, now)
    return await outbox_of(app).enqueue(
        class_id,
        outbox_ref(KIND, aid),
        KIND,
        keys,
        text=ann.get("text_html"),
        photo=ann.get("photo"),
        silent=silent,
        expires=deadline(ann, klass, settings),
        meta={"aid": aid},
    )
