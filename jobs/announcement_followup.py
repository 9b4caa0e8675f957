"""What follows an announcement's delivery (jobs/announcements.py queues it): the interim report
when some chats are still being retried `REPORT_WAIT` after every chat was tried once, the final
status and report (or the interim one edited into it) once the delivery settles, and the notice
that one was missed; with the sent-log kinds and outbox references they all go under.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta

from telegram import Message

from botdata import App
from config import Settings
from content.dates import format_local
from content.texts import Texts
from jobs.announcement_deadline import deadline, iso, parse_utc
from jobs.announcement_report import excerpt, report_text, summarise
from jobs.delivery import sent_key
from jobs.outbox import outbox_of
from jobs.outbox_entry import Entry, Hooks, register
from jobs.preferences import own_texts
from jobs.timing import now_of
from storage.records import AnnouncementRecord, ClassRecord
from storage.repo import Store

log = logging.getLogger(__name__)

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


def services(app: App) -> tuple[Store, Settings]:
    """The store and settings out of bot_data."""
    bot_data = app.bot_data
    return bot_data["store"], bot_data["settings"]


async def instructor_texts(app: App, klass: ClassRecord) -> Texts:
    """The message templates in the language the class's instructor reads: the report and the
    missed notice are theirs, whatever the class's group or families read."""
    return await own_texts(app.bot_data["content"], services(app)[0], int(klass["instructor_id"]))


def group_key(ann: AnnouncementRecord) -> str:
    """The sent-log key of an announcement's message to the class group."""
    return sent_key(KIND, ann["aid"], GROUP_RECIPIENT)


def outbox_ref(kind: str, aid: int) -> str:
    """The outbox reference of an announcement's message of `kind` (one of each, ever)."""
    return f"{kind}:{aid}"


async def _first_pass(app: App, entry: Entry) -> None:
    """Every chat was tried once and some are still being retried (Telegram trouble): tell
    the instructor how it is going if it has not settled within `REPORT_WAIT`."""
    outbox = outbox_of(app)
    klass = await services(app)[0].get_class(entry.class_id)
    if klass is None:
        return
    aid = int(entry.meta["aid"])
    progress = await outbox.enqueue(
        entry.class_id,
        outbox_ref(PROGRESS_KIND, aid),
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
    store, _ = services(app)
    aid = int(entry.meta["aid"])
    klass = await store.get_class(entry.class_id)
    main = outbox_of(app).find(entry.class_id, outbox_ref(KIND, aid))
    ann = await store.get_announcement(entry.class_id, aid)
    if klass is None:
        return str(app.bot_data["content"].texts("announce.report_follows"))
    texts = await instructor_texts(app, klass)
    if ann is None or main is None:
        return str(texts("announce.report_follows"))
    summary = await summarise(
        store, klass, ann, group_key(ann), main.keys, main.outcomes, main.silent, main.expires
    )
    return str(await report_text(texts, store, klass, summary))


async def _progress_sent(app: App, entry: Entry, key: str, message: Message | None) -> None:
    """Remember the interim report's message: the final report edits it."""
    if message is None:
        return
    # Remembered at once (the final report may be written in this very moment) and stored.
    _report_messages(app)[(entry.class_id, int(entry.meta["aid"]))] = message.message_id
    with contextlib.suppress(KeyError):
        await services(app)[0].update_announcement(
            entry.class_id, int(entry.meta["aid"]), {"report_message_id": message.message_id}
        )


def _report_messages(app: App) -> dict[tuple[str, int], int]:
    """Interim reports sent in this run, by (class, announcement): their message ids."""
    found: dict[tuple[str, int], int] = app.bot_data.setdefault("report_messages", {})
    return found


async def _settled(app: App, entry: Entry) -> None:
    """Every chat has its outcome: record the honest status and send the final report."""
    store = services(app)[0]
    klass = await store.get_class(entry.class_id)
    if klass is not None:
        await conclude(app, klass, int(entry.meta["aid"]), entry.keys, entry.outcomes, entry.silent)


async def conclude(
    app: App,
    klass: ClassRecord,
    aid: int,
    keys: Sequence[str],
    outcomes: Mapping[str, str],
    silent: frozenset[str],
) -> None:
    """Store the final status ("sent", or "partly_sent" when some chats could not get it in
    time) and send the report, or edit the interim one into it."""
    store, settings = services(app)
    texts = await instructor_texts(app, klass)
    outbox = outbox_of(app)
    class_id = str(klass["id"])
    ann = await store.get_announcement(class_id, aid)
    if ann is None:
        return
    summary = await summarise(
        store,
        klass,
        ann,
        group_key(ann),
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
            "sent_at": iso(now_of(app)),
        },
    )
    progress = outbox.find(class_id, outbox_ref(PROGRESS_KIND, aid))
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
        outbox_ref(REPORT_KIND, aid),
        "notice",
        [sent_key(REPORT_KIND, aid, instructor)],
        text=await report_text(texts, store, klass, summary),
        edit_message_id=int(message_id) if message_id else None,
    )
    if report is None:
        log.info("The report of announcement %s was already sent.", aid)


async def tell_missed(
    app: App, klass: ClassRecord, ann: AnnouncementRecord, *, partly: bool
) -> None:
    """Tell the instructor an announcement was not sent because it was too late."""
    texts = await instructor_texts(app, klass)
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
        outbox_ref(MISSED_KIND, ann["aid"]),
        "notice",
        [sent_key(MISSED_KIND, ann["aid"], instructor)],
        text=text,
    )
    await outbox.wait([notice])


register(KIND, Hooks(on_first_pass=_first_pass, on_settled=_settled))
register(PROGRESS_KIND, Hooks(render=_progress_text, on_sent=_progress_sent))
