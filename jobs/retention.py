"""Deleting a class's personal data `retention_days` after it ended, with a warning a week before.

A daily job (registered by handlers/privacy.py at start-up) calls `run_retention(app, now)`; it
is idempotent and takes "now" as a parameter, so tests call it directly at any date. The warning
tells the instructor to /export first; the deletion never comes sooner than WARN_BEFORE after
the warning (or the whole retention period, if that is shorter), so a bot that was down when
the warning was due still gives the instructor time.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram.error import TelegramError

from botdata import App, Context
from config import Settings
from content.dates import full_date
from content.loader import Content
from content.texts import Html
from domain.schedule import zone
from jobs.course import reschedule_class
from jobs.preferences import own_texts
from storage.repo import Store

log = logging.getLogger(__name__)

WARN_BEFORE = timedelta(days=7)
JOB_NAME = "retention"
CATCH_UP_JOB_NAME = "retention-catch-up"
# Local time of the daily run in DEFAULT_TIMEZONE: a working hour, since it may message an
# instructor.
RUN_AT = time(10, 0)


@dataclass
class RetentionReport:
    """What one run did: classes whose instructor was warned, classes deleted."""

    warned: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


async def _tell(app: App, chat_id: int, text: Html) -> None:
    """Message the instructor; if they blocked the bot, the deletion still goes ahead."""
    try:
        await app.bot.send_message(chat_id, text)
    except TelegramError as exc:
        log.info("Could not tell an instructor about data retention: %s", type(exc).__name__)


async def delete_class_data(app: App, class_id: str) -> None:
    """Delete a class and all its personal data, and the own records (consent, baby) of the
    people who were in no other class: they were kept only for this one."""
    store: Store = app.bot_data["store"]
    members = await store.members(class_id, active_only=False)
    await store.delete_class(class_id)
    users = await store.get_users([m["user_id"] for m in members])
    # Together: each is a few short storage steps, then a wait for its files to be folded.
    await asyncio.gather(
        *(store.forget_user(uid) for uid, user in users.items() if not user.get("classes"))
    )
    await reschedule_class(app, class_id)


async def run_retention(app: App, now: datetime) -> RetentionReport:
    """Warn about and delete the personal data of classes that ended long enough ago."""
    store: Store = app.bot_data["store"]
    content: Content = app.bot_data["content"]
    settings: Settings = app.bot_data["settings"]
    keep = timedelta(days=settings.retention_days)
    grace = min(WARN_BEFORE, keep)
    report = RetentionReport()
    # Deletions begun and not finished (a write failed half-way): finished first.
    for class_id in await store.deleting_classes():
        await store.delete_class(class_id)
        report.deleted.append(class_id)
    for klass in await store.all_classes():
        ended_at = klass.get("ended_at")
        if not klass.get("ended") or not ended_at:
            continue
        class_id = klass["id"]
        ended = datetime.fromisoformat(ended_at)
        delete_at = ended + keep
        warned_at = klass.get("retention_warned_at")
        if warned_at is None:
            if now >= delete_at - WARN_BEFORE:
                # In the instructor's language, the days as they fall in the class's zone.
                texts = await own_texts(content, store, klass["instructor_id"])
                local = zone(klass.get("tz") or settings.default_timezone)
                text = texts(
                    "privacy.retention_warning",
                    name=klass.get("name", ""),
                    ended=full_date(ended.astimezone(local), texts),
                    delete_on=full_date(max(delete_at, now + grace).astimezone(local), texts),
                )
                await _tell(app, klass["instructor_id"], text)
                stamp = now.isoformat(timespec="seconds")
                await store.update_class(class_id, {"retention_warned_at": stamp})
                report.warned.append(class_id)
            continue  # never delete in the run that warns
        if now < max(delete_at, datetime.fromisoformat(warned_at) + grace):
            continue
        if await store.get_class(class_id) is None:  # deleted by its instructor meanwhile
            continue
        await delete_class_data(app, class_id)
        days = (now - ended).days
        texts = await own_texts(content, store, klass["instructor_id"])
        text = texts("privacy.retention_deleted", name=klass.get("name", ""), days=days)
        await _tell(app, klass["instructor_id"], text)
        report.deleted.append(class_id)
    return report


async def retention_job(context: Context) -> None:
    """The daily job: run the retention rules at the current time."""
    report = await run_retention(context.application, datetime.now(UTC))
    if report.warned or report.deleted:
        log.info(
            "Retention: warned about %d class(es), deleted %d.",
            len(report.warned),
            len(report.deleted),
        )


def schedule_retention(app: App) -> None:
    """Register the daily run (at RUN_AT in DEFAULT_TIMEZONE) and a catch-up shortly after start.

    Named jobs, looked up first, so calling this twice never schedules twice.
    """
    queue = app.job_queue
    if queue is None:  # pragma: no cover - the job-queue extra is a requirement
        log.warning("No JobQueue: class data will not be deleted after retention_days.")
        return
    settings: Settings = app.bot_data["settings"]
    # A missed run (bot down at RUN_AT) still runs when the bot comes back the same day.
    job_kwargs = {"misfire_grace_time": 12 * 3600, "coalesce": True}
    if not queue.get_jobs_by_name(JOB_NAME):
        at = RUN_AT.replace(tzinfo=ZoneInfo(settings.default_timezone))
        queue.run_daily(retention_job, time=at, name=JOB_NAME, job_kwargs=job_kwargs)
    if not queue.get_jobs_by_name(CATCH_UP_JOB_NAME):
        queue.run_once(
            retention_job, when=timedelta(minutes=5), name=CATCH_UP_JOB_NAME, job_kwargs=job_kwargs
        )
