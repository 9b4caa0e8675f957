"""Instructor announcements once written: their jobs, sending them to their audience exactly
once, and the delivery report to the instructor (worded by jobs/announcement_report.py).

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

import contextlib
import html
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

from telegram import Message

from botdata import App, Context
from config import Settings
from content.dates import format_local
from content.texts import Texts
from domain.schedule import next_session
from jobs.announcement_report import report_text, summarise
from jobs.delivery import sent_key
from jobs.outbox import outbox_of
from jobs.outbox_entry import Entry, Hooks, register
from jobs.preferences import in_quiet_hours, own_texts
from jobs.timing import now_of, schedule_for, unit_of
from storage.records import AnnouncementRecord, ClassRecord
from storage.repo import Store

log = logging.getLogger(__name__)

#: Who an announcement goes to: the class group, each family's private chat, or both.
AUDIENCES = ("group", "private", "both")
#: How long after its time an announcement is worth delivering unless the instructor chose
#: otherwise (an hour-old "see you at 10" is still worth having; yesterday's is not).
LATE_LIMIT = timedelta(hours=12)
#: The deadlines an instructor may choose, in the order offered: until the class's next session,
#: `LATE_LIMIT` after its time (the default), three days after it.
DEADLINES = ("next", "12h", "3d")
DEFAULT_DEADLINE = "12h"
_SPANS = {"12h": LATE_LIMIT, "3d": timedelta(days=3)}
#: A job that fires this much before its time (a clock change, a test) waits for its time.
EARLY_SLACK = timedelta(seconds=60)

# Sent-log kinds: the announcement to a recipient, the report and the missed notice to the
# instructor (so none of them goes twice either).
KIND = "ann"
REPORT_KIND = "ann_report"
MISSED_KIND = "ann_missed"
#: The interim report, when some chats are still being retried `REPORT_WAIT` after every chat
#: was tried once (Telegram trouble); the final report then edits it.
PROGRESS_KIND = "ann_progress"
REPORT_WAIT = timedelta(minutes=2)
# The group's delivery is keyed by role, not by chat id: a group that became a supergroup
# half-way through (new chat id) must not get the message again after a restart.
GROUP_RECIPIENT = "group"

_TAG_RE = re.compile(r"<[^>]*>")


def job_name(class_id: str, aid: int) -> str:
    """The deterministic name of an announcement's job (one job per announcement, ever)."""
    return f"ann:{class_id}:{aid}"


def parse_utc(value: str) -> datetime:
    """An aware UTC datetime from a stored ISO string (naive ones are taken as UTC)."""
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def deletion_time(klass: ClassRecord, settings: Settings) -> datetime | None:
    """When the class's personal data is deleted (retention after it ended), or None."""
    ended_at = klass.get("ended_at")
    if not klass.get("ended") or not ended_at:
        return None
    return parse_utc(str(ended_at)) + timedelta(days=settings.retention_days)


def still_useful(now: datetime, until: datetime) -> bool:
    """Whether an announcement worth delivering `until` (its `deadline`) is worth sending at
    `now`."""
    return now < until


def deadline_options(
    klass: ClassRecord, send_at: datetime, unit: timedelta | None
) -> dict[str, datetime]:
    """The deadlines an instructor may choose for an announcement going out at `send_at`, in
    `DEADLINES` order: "next" (the start of the first session after it) only when there is one.
    `unit` is the compressed schedule's, as for the course's own messages."""
    options: dict[str, datetime] = {}
    if klass.get("first_date") and klass.get("start"):
        session = next_session(schedule_for(klass, unit), send_at)
        if session is not None:
            options["next"] = session.start
    for choice, span in _SPANS.items():
        options[choice] = send_at + span
    return options


def excerpt(text_html: str | None, limit: int = 80) -> str:
    """A short plain-text glimpse of an announcement's text (for lists), unescaped."""
    plain = html.unescape(_TAG_RE.sub("", text_html or ""))
    plain = " ".join(plain.split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


def _services(app: App) -> tuple[Store, Settings]:
    """The store and settings out of bot_data."""
    bot_data = app.bot_data
    return bot_data["store"], bot_data["settings"]


async def _instructor_texts(app: App, klass: ClassRecord) -> Texts:
    """The message templates in the language the class's instructor reads: the report and the
    missed notice are theirs, whatever the class's group or families read."""
    return await own_texts(app.bot_data["content"], _services(app)[0], int(klass["instructor_id"]))


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
    when: datetime | timedelta = send_at if send_at > datetime.now(UTC) else timedelta(0)
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
    store, _ = _services(app)
    count = 0
    # Only the classes the index flags as having announcements ahead are looked at.
    for class_id, ann in await store.pending_announcements():
        schedule_job(app, class_id, ann["aid"], parse_utc(ann["send_at"]))
        count += 1
    if count:
        log.info("Rebuilt %d announcement job(s).", count)
    return count


# -- sending ---------------------------------------------------------------------------------


def _group_key(ann: AnnouncementRecord) -> str:
    """The sent-log key of an announcement's message to the class group."""
    return sent_key(KIND, ann["aid"], GROUP_RECIPIENT)


def _ref(kind: str, aid: int) -> str:
    """The outbox reference of an announcement's message of `kind` (one of each, ever)."""
    return f"{kind}:{aid}"


async def _private_recipients(store: Store, class_id: str) -> list[int]:
    """Each active member's private chat: parents and carers alike; one who left or blocked
    the bot is skipped."""
    seen: dict[int, None] = {}
    for member in await store.members(class_id):
        seen.setdefault(int(member["user_id"]), None)
    return list(seen)


def deadline(ann: AnnouncementRecord, klass: ClassRecord, settings: Settings) -> datetime:
    """Until when an announcement is worth delivering: the instructor's own deadline if it has
    one, else `LATE_LIMIT` after its time; never once the class's data is due for deletion."""
    send_at = parse_utc(ann["send_at"])
    own = ann.get("deadline")
    until = parse_utc(str(own)) if own else send_at + LATE_LIMIT
    deletion = deletion_time(klass, settings)
    return min(until, deletion) if deletion is not None else until


async def set_deadline(
    app: App, class_id: str, aid: int, choice: str
) -> tuple[str, AnnouncementRecord | None]:
    """The instructor chose how long announcement `aid` is worth delivering (one of
    `DEADLINES`): store it and, if it is being sent, move its delivery's deadline. Returns what
    came of it, with the announcement as stored afterwards: "set"; "done" (it has settled, or
    was cancelled or missed: nothing is left to change); "no_session" (no session after it goes
    out); "passed" (that moment is already behind us); "gone" (no such announcement)."""
    store, settings = _services(app)
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
        {"deadline": _iso(options[choice]), "deadline_choice": choice},
    )
    if changed is None:  # it settled, or was cancelled, in this very instant
        return "done", await store.get_announcement(class_id, aid)
    outbox = outbox_of(app)
    until = deadline(changed, klass, settings)
    # The delivery and its interim report (if queued yet) stop being tried at the new deadline.
    for kind in (KIND, PROGRESS_KIND):
        entry = outbox.find(class_id, _ref(kind, aid))
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
    store, settings = _services(app)
    outbox = outbox_of(app)
    klass = await store.get_class(class_id)
    ann = await store.get_announcement(class_id, aid)
    if klass is None or ann is None or ann.get("status") not in ("scheduled", "sending"):
        return ann
    entry = outbox.find(class_id, _ref(KIND, aid))
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
                {"status": "missed", "missed_at": _iso(now)},
            )
            if missed is not None:
                await _tell_missed(app, klass, missed, partly=ann["status"] == "sending")
            return missed
        if ann["status"] == "scheduled":
            started = await store.transition_announcement(
                class_id, aid, ("scheduled",), {"status": "sending", "started_at": _iso(now)}
            )
            if started is None:  # cancelled in the very same instant: the Cancel won
                return await store.get_announcement(class_id, aid)
            ann = started
        entry = await _queue(app, klass, ann, now)
    if entry is None:
        # Nobody to send to (no families, no group): the report says so at once.
        await _conclude(app, klass, aid, [], {}, frozenset())
    else:
        # Every chat tried once; if that settled it, the report is on its way too.
        await outbox.wait([entry])
        if not entry.done:
            return await store.get_announcement(class_id, aid)
        await entry.settled.wait()
    await outbox.wait([outbox.find(class_id, _ref(REPORT_KIND, aid))])
    return await store.get_announcement(class_id, aid)


async def _queue(
    app: App, klass: ClassRecord, ann: AnnouncementRecord, now: datetime
) -> Entry | None:
    """Queue an announcement to its audience as the class is now (also when resuming after a
    restart: the sent log says who already has it). The record keeps no one's id, so
    /forgetme leaves nothing behind in it."""
    store, settings = _services(app)
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
        _ref(KIND, aid),
        KIND,
        keys,
        text=ann.get("text_html"),
        photo=ann.get("photo"),
        silent=silent,
        expires=deadline(ann, klass, settings),
        meta={"aid": aid},
    )


async def _first_pass(app: App, entry: Entry) -> None:
    """Every chat was tried once and some are still being retried (Telegram trouble): tell
    the instructor how it is going if it has not settled within `REPORT_WAIT`."""
    outbox = outbox_of(app)
    klass = await _services(app)[0].get_class(entry.class_id)
    if klass is None:
        return
    aid = int(entry.meta["aid"])
    progress = await outbox.enqueue(
        entry.class_id,
        _ref(PROGRESS_KIND, aid),
        PROGRESS_KIND,
        [sent_key(PROGRESS_KIND, aid, int(klass["instructor_id"]))],
        render=True,
        not_before=now_of(app) + REPORT_WAIT,
        expires=entry.expires,
        meta={"aid": aid},
    )
    if progress is not None and entry.settling:
        outbox.cancel(progress)  # it settled while this was being queued: the report is out


async def _progress_text(app: App, entry: Entry) -> str:
    """The interim report, written when it goes out: what has arrived by then."""
    store, _ = _services(app)
    aid = int(entry.meta["aid"])
    klass = await store.get_class(entry.class_id)
    main = outbox_of(app).find(entry.class_id, _ref(KIND, aid))
    ann = await store.get_announcement(entry.class_id, aid)
    if klass is None:
        return str(app.bot_data["content"].texts("announce.report_follows"))
    texts = await _instructor_texts(app, klass)
    if ann is None or main is None:
        return str(texts("announce.report_follows"))
    summary = await summarise(
        store, klass, ann, _group_key(ann), main.keys, main.outcomes, main.silent, main.expires
    )
    return str(await report_text(texts, store, klass, summary))


async def _progress_sent(app: App, entry: Entry, key: str, message: Message | None) -> None:
    """Remember the interim report's message: the final report edits it."""
    if message is None:
        return
    # Remembered at once (the final report may be written in this very moment) and stored.
    _report_messages(app)[(entry.class_id, int(entry.meta["aid"]))] = message.message_id
    with contextlib.suppress(KeyError):
        await _services(app)[0].update_announcement(
            entry.class_id, int(entry.meta["aid"]), {"report_message_id": message.message_id}
        )


def _report_messages(app: App) -> dict[tuple[str, int], int]:
    """Interim reports sent in this run, by (class, announcement): their message ids."""
    found: dict[tuple[str, int], int] = app.bot_data.setdefault("report_messages", {})
    return found


async def _settled(app: App, entry: Entry) -> None:
    """Every chat has its outcome: record the honest status and send the final report."""
    store = _services(app)[0]
    klass = await store.get_class(entry.class_id)
    if klass is not None:
        await _conclude(
            app, klass, int(entry.meta["aid"]), entry.keys, entry.outcomes, entry.silent
        )


async def _conclude(
    app: App,
    klass: ClassRecord,
    aid: int,
    keys: Sequence[str],
    outcomes: Mapping[str, str],
    silent: frozenset[str],
) -> None:
    """Store the final status ("sent", or "partly_sent" when some chats could not get it in
    time) and send the report, or edit the interim one into it."""
    store, settings = _services(app)
    texts = await _instructor_texts(app, klass)
    outbox = outbox_of(app)
    class_id = str(klass["id"])
    ann = await store.get_announcement(class_id, aid)
    if ann is None:
        return
    summary = await summarise(
        store,
        klass,
        ann,
        _group_key(ann),
        keys,
        outcomes,
        silent,
        given_up=deadline(ann, klass, settings),
    )
    await store.transition_announcement(
        class_id,
        aid,
        ("sending",),
        {
            "status": "sent" if summary.complete else "partly_sent",
            "report": summary.counts(),
            "sent_at": _iso(now_of(app)),
        },
    )
    progress = outbox.find(class_id, _ref(PROGRESS_KIND, aid))
    if progress is not None and not outbox.cancel(progress):
        await progress.settled.wait()  # going out right now: edit it once it is there
    # Read only now: the interim report may have gone out while this was under way.
    message_id = _report_messages(app).get((class_id, aid))
    if message_id is None:
        ann = await store.get_announcement(class_id, aid) or ann
        message_id = ann.get("report_message_id")
    instructor = int(klass["instructor_id"])
    report = await outbox.enqueue(
        class_id,
        _ref(REPORT_KIND, aid),
        "notice",
        [sent_key(REPORT_KIND, aid, instructor)],
        text=await report_text(texts, store, klass, summary),
        edit_message_id=int(message_id) if message_id else None,
    )
    if report is None:
        log.info("The report of announcement %s was already sent.", aid)


def _iso(at: datetime) -> str:
    """A UTC instant as stored."""
    return at.astimezone(UTC).isoformat(timespec="seconds")


async def _tell_missed(
    app: App, klass: ClassRecord, ann: AnnouncementRecord, *, partly: bool
) -> None:
    """Tell the instructor an announcement was not sent because it was too late."""
    texts = await _instructor_texts(app, klass)
    instructor = int(klass["instructor_id"])
    text = texts(
        "announce.missed_partly" if partly else "announce.missed",
        class_name=klass.get("name", ""),
        when=format_local(parse_utc(ann["send_at"]), klass["tz"], texts),
        glimpse=excerpt(ann.get("text_html"), 60) or texts.raw("announce.photo_only"),
    )
    outbox = outbox_of(app)
    notice = await outbox.enqueue(
        klass["id"],
        _ref(MISSED_KIND, ann["aid"]),
        "notice",
        [sent_key(MISSED_KIND, ann["aid"], instructor)],
        text=text,
    )
    await outbox.wait([notice])


register(KIND, Hooks(on_first_pass=_first_pass, on_settled=_settled))
register(PROGRESS_KIND, Hooks(render=_progress_text, on_sent=_progress_sent))
