"""Instructor announcements once written: their jobs, sending them to their audience exactly
once, and the delivery report to the instructor.

An announcement is stored before anything is sent (storage/repo.py, per class) with a status:
``scheduled`` (waiting for `send_at`), ``sending`` (deliveries under way), ``sent`` (with its
report, in numbers only: the record keeps nobody's id or name, so /forgetme leaves nothing in
it), ``cancelled`` or ``missed`` (it fell due while the bot was down and was no longer worth
sending). Jobs live in memory only; `restore` rebuilds them at start from what is stored, under
deterministic names, so a restart loses nothing and doubles nothing: every delivery is keyed
``ann:<aid>:<recipient>`` in the class's sent log (jobs/delivery.py), so a broadcast
interrupted half-way resumes with the chats it had not reached yet.

Late sends follow the rule of the other scheduled messages (a message that fell due while the
bot was down is sent late only while it is still useful): here, within `LATE_LIMIT` of its time
and before the class's data is deleted. Otherwise it is marked missed and the instructor is told.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram.ext import Application, ContextTypes

from config import Settings
from content.texts import Html, Texts
from domain.schedule import zone
from jobs.course import in_quiet_hours
from jobs.delivery import Outcome, deliver, deliver_many, sent_key
from storage.repo import Store

log = logging.getLogger(__name__)

Record = dict[str, Any]

#: Who an announcement goes to: the class group, each family's private chat, or both.
AUDIENCES = ("group", "private", "both")
#: How late an announcement may still go out after a restart (an hour-old "see you at 10" is
#: still worth having; yesterday's is not).
LATE_LIMIT = timedelta(hours=12)
#: A job that fires this much before its time (a clock change, a test) waits for its time.
EARLY_SLACK = timedelta(seconds=60)
#: Names listed per line of the report; the rest are counted ("and 12 more").
REPORT_NAMES = 30

# Sent-log kinds: the announcement to a recipient, the report and the missed notice to the
# instructor (so none of them goes twice either).
KIND = "ann"
REPORT_KIND = "ann_report"
MISSED_KIND = "ann_missed"
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


def deletion_time(klass: Record, settings: Settings) -> datetime | None:
    """When the class's personal data is deleted (retention after it ended), or None."""
    ended_at = klass.get("ended_at")
    if not klass.get("ended") or not ended_at:
        return None
    return parse_utc(str(ended_at)) + timedelta(days=settings.retention_days)


def still_useful(send_at: datetime, now: datetime, deletion: datetime | None) -> bool:
    """Whether an announcement due at `send_at` is still worth sending at `now`."""
    if deletion is not None and now >= deletion:
        return False
    return now - send_at <= LATE_LIMIT


def format_local(at: datetime, tz: str) -> str:
    """A time as the instructor reads it in the class's zone, e.g. "Tue 12 March, 09:00"."""
    local = at.astimezone(zone(tz))
    return f"{local:%a} {local.day} {local:%B}, {local:%H:%M}"


def excerpt(text_html: str | None, limit: int = 80) -> str:
    """A short plain-text glimpse of an announcement's text (for lists), unescaped."""
    plain = html.unescape(_TAG_RE.sub("", text_html or ""))
    plain = " ".join(plain.split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


def _services(app: Application) -> tuple[Store, Settings, Texts]:
    """The store, settings and texts out of bot_data."""
    bot_data = app.bot_data
    return bot_data["store"], bot_data["settings"], bot_data["content"].texts


# -- jobs ------------------------------------------------------------------------------------


async def _announcement_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job callback: send one announcement when its time comes."""
    job = context.job
    if job is None or not isinstance(job.data, dict):  # pragma: no cover - always set below
        return
    await send_announcement(context.application, job.data["class_id"], job.data["aid"])


def schedule_job(app: Application, class_id: str, aid: int, send_at: datetime) -> None:
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


def unschedule_job(app: Application, class_id: str, aid: int) -> None:
    """Drop an announcement's job, if it has one."""
    if app.job_queue is None:  # pragma: no cover
        return
    for job in app.job_queue.get_jobs_by_name(job_name(class_id, aid)):
        job.schedule_removal()


async def restore(app: Application) -> int:
    """Rebuild the job of every announcement still to send (at start); returns how many.

    Past ones (the bot was down when they fell due) get a job that runs at once and applies
    the late-send rule; one that was half-sent resumes where it stopped.
    """
    store, _, _ = _services(app)
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


async def _blocked_members(store: Store, class_id: str) -> list[int]:
    """Members still in the class who had blocked the bot (Telegram told us so)."""
    return [
        int(m["user_id"])
        for m in await store.members(class_id, active_only=False)
        if m.get("blocked") and not m.get("left_at")
    ]


async def send_announcement(
    app: Application, class_id: str, aid: int, *, now: datetime | None = None
) -> Record | None:
    """Send announcement `aid` to its audience, each chat once, then report to the instructor.

    Does nothing for one already sent or cancelled, waits for one not yet due, marks one missed
    when it is too late to be useful. Returns the announcement as stored afterwards.
    """
    running: set[tuple[str, int]] = app.bot_data.setdefault("announce_running", set())
    if (class_id, aid) in running:
        return None  # the same announcement is being sent by another run right now
    running.add((class_id, aid))
    try:
        return await _send(app, class_id, aid, now or datetime.now(UTC))
    finally:
        running.discard((class_id, aid))


async def _send(app: Application, class_id: str, aid: int, now: datetime) -> Record | None:
    """The body of send_announcement (the caller guards against a concurrent run)."""
    store, settings, texts = _services(app)
    klass = await store.get_class(class_id)
    ann = await store.get_announcement(class_id, aid)
    if klass is None or ann is None or ann.get("status") not in ("scheduled", "sending"):
        return ann
    send_at = parse_utc(ann["send_at"])
    if send_at - now > EARLY_SLACK:
        schedule_job(app, class_id, aid, send_at)  # woken too early: go back to sleep
        return ann
    if not still_useful(send_at, now, deletion_time(klass, settings)):
        missed = await store.transition_announcement(
            class_id, aid, ("scheduled", "sending"), {"status": "missed", "missed_at": _iso(now)}
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
    # Recipients are worked out from the class as it is now (also when resuming after a
    # restart: the sent log says who already has it). The record keeps no one's id, so
    # /forgetme leaves nothing behind in it.
    audience = str(ann.get("audience", "both"))
    group_id = klass.get("group_chat_id") if audience in ("group", "both") else None
    private = await _private_recipients(store, class_id) if audience != "group" else []
    # Families who had blocked the bot before are not tried, but the report counts them: the
    # instructor should know who this did not reach. (Read before sending: a 403 now marks
    # a parent blocked, and the outcome already counts them.)
    blocked_before = await _blocked_members(store, class_id) if audience != "group" else []
    sends = [(sent_key(KIND, aid, uid), uid) for uid in private]
    if group_id is not None:
        sends.insert(0, (sent_key(KIND, aid, GROUP_RECIPIENT), int(group_id)))
    # Private chats are not woken in their quiet hours: it arrives now, without a sound.
    silent = await in_quiet_hours(store, klass["tz"], private, now)
    outcomes = await deliver_many(
        app.bot,
        store,
        class_id,
        sends,
        text=ann.get("text_html"),
        photo=ann.get("photo"),
        silent=silent,
    )
    group = outcomes.pop(0) if group_id is not None else None
    summary = Summary.of(audience, group, outcomes, silent, blocked_before)
    # The report goes first: should the bot stop right after it, the resumed run finds every
    # delivery and the report in the sent log and sends nothing again.
    text = await report_text(texts, store, klass, summary)
    instructor = int(klass["instructor_id"])
    reported = await deliver(
        app.bot, store, class_id, sent_key(REPORT_KIND, aid, instructor), instructor, text=text
    )
    if not reported.reached:
        log.warning("Could not send an announcement report: %s", reported.error)
    done = await store.transition_announcement(
        class_id,
        aid,
        ("sending",),
        {"status": "sent", "report": summary.counts(), "sent_at": _iso(now)},
    )
    return done if done is not None else await store.get_announcement(class_id, aid)


def _iso(at: datetime) -> str:
    """A UTC instant as stored."""
    return at.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Summary:
    """What one sending achieved: the group's status and who was reached, blocked, failed."""

    audience: str
    group: str | None  # delivered | blocked | failed | unlinked, None when not asked for
    total: int
    delivered: list[int]
    silent: list[int]
    blocked: list[int]
    failed: list[int]

    @classmethod
    def of(
        cls,
        audience: str,
        group: Outcome | None,
        private: list[Outcome],
        silent: set[int],
        blocked_before: Sequence[int] = (),
    ) -> Summary:
        """Sort the outcomes of one sending (`blocked_before`: members not tried because
        they had blocked the bot already)."""
        if audience == "private":
            group_status = None
        elif group is None:
            group_status = "unlinked"  # no group (any more) when it went out
        else:
            group_status = "delivered" if group.reached else group.status
        return cls(
            audience=audience,
            group=group_status,
            total=len(private) + len(blocked_before),
            delivered=[o.chat_id for o in private if o.reached],
            silent=[o.chat_id for o in private if o.reached and o.chat_id in silent],
            blocked=[o.chat_id for o in private if o.status == "blocked"] + list(blocked_before),
            failed=[o.chat_id for o in private if o.status == "failed"],
        )

    def counts(self) -> Record:
        """The stored report: numbers only (names go to the instructor, not into storage)."""
        return {
            "group": self.group,
            "total": self.total,
            "delivered": len(self.delivered),
            "silent": len(self.silent),
            "blocked": len(self.blocked),
            "failed": len(self.failed),
        }


def _names(ids: Iterable[int], names: dict[int, str], texts: Texts) -> str:
    """First names for the report (escaped later by the template), at most REPORT_NAMES."""
    ids = list(ids)
    shown = [names.get(uid) or texts.raw("announce.someone") for uid in ids[:REPORT_NAMES]]
    text = ", ".join(shown)
    if len(ids) > REPORT_NAMES:
        text += texts.raw("announce.and_more").format(count=len(ids) - REPORT_NAMES)
    return text


async def report_text(texts: Texts, store: Store, klass: Record, summary: Summary) -> Html:
    """The delivery report the instructor gets: group, delivered, blocked the bot, failed."""
    names = {
        int(m["user_id"]): str(m.get("first_name") or "")
        for m in await store.members(klass["id"], active_only=False)
    }
    lines = [texts("announce.report_title", class_name=klass.get("name", ""))]
    if summary.group is not None:
        lines.append(texts(f"announce.report_group_{summary.group}"))
    if summary.audience in ("private", "both"):
        if summary.total == 0:
            lines.append(texts("announce.report_nobody"))
        else:
            lines.append(
                texts(
                    "announce.report_private",
                    delivered=len(summary.delivered),
                    total=summary.total,
                )
            )
            if summary.silent:
                lines.append(texts("announce.report_silent", count=len(summary.silent)))
    for status, ids in (("blocked", summary.blocked), ("failed", summary.failed)):
        if ids:
            lines.append(
                texts(f"announce.report_{status}", count=len(ids), names=_names(ids, names, texts))
            )
    return Html("\n\n".join(lines))


async def _tell_missed(app: Application, klass: Record, ann: Record, *, partly: bool) -> None:
    """Tell the instructor an announcement was not sent because it was too late."""
    store, _, texts = _services(app)
    instructor = int(klass["instructor_id"])
    text = texts(
        "announce.missed_partly" if partly else "announce.missed",
        class_name=klass.get("name", ""),
        when=format_local(parse_utc(ann["send_at"]), klass["tz"]),
        glimpse=excerpt(ann.get("text_html"), 60) or texts.raw("announce.photo_only"),
    )
    await deliver(
        app.bot,
        store,
        klass["id"],
        sent_key(MISSED_KIND, ann["aid"], instructor),
        instructor,
        text=text,
    )
