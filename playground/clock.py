"""The playground's clock: a virtual "now" that jumps to the bot's next scheduled event.

The bot asks `jobs.timing.now_of(app)`, which reads ``app.bot_data["clock"]``; the playground
puts a :class:`PlaygroundClock` there, so every course decision (what is due, which week it is,
whether a check-in is open) is taken at the virtual time. The JobQueue itself keeps running on
the real clock, so the playground drives it: a one-shot job whose (virtual) time has come is
told to run now, on the real scheduler, exactly as it would have run at that moment.

"Next event" moves the virtual clock forward to the earliest one-shot job and runs it. The
clock never goes backwards: a job set in real time (a conversation's time-out) that is already
behind the virtual clock just runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.triggers.date import DateTrigger
from telegram.ext import Application, Job

from jobs.announcements import job_name as announcement_job
from jobs.course import JOB_PREFIX

log = logging.getLogger(__name__)

# How often jobs whose virtual time has come are handed to the scheduler. The virtual clock
# also moves with the real one, so a job due "in ten seconds" runs about then.
TICK_S = 0.5


class PlaygroundClock:
    """Now, shifted by an offset that only grows; optionally kept in a file across restarts."""

    def __init__(self, state_file: Path | None = None) -> None:
        self.state_file = state_file
        self.offset = timedelta(0)
        if state_file is not None and state_file.is_file():
            with contextlib.suppress(ValueError, KeyError, TypeError):
                data = json.loads(state_file.read_text())
                self.offset = max(timedelta(0), timedelta(seconds=float(data["offset_s"])))

    def __call__(self) -> datetime:
        """The virtual current instant (aware, UTC)."""
        return datetime.now(UTC) + self.offset

    def advance_to(self, when: datetime) -> None:
        """Move the virtual clock to `when` (never backwards), and remember it."""
        now = self()
        if when <= now:
            return
        self.offset += when - now
        if self.state_file is not None:
            # A chosen data folder keeps its course where it was at the next start.
            self.state_file.write_text(json.dumps({"offset_s": self.offset.total_seconds()}))


@dataclass(frozen=True)
class Event:
    """A job the playground can jump to: when (virtual time) and what it is, in words."""

    at: datetime
    what: str


def _one_shot(job: Job) -> bool:
    """Whether a job runs once at a set time (the daily housekeeping jobs do not)."""
    return isinstance(job.job.trigger, DateTrigger) and job.next_t is not None


# What people see happen, by the start of its job's name: the events "Next event" jumps to.
# (Housekeeping, such as the retention check, and conversation time-outs still run when their
# virtual time comes, but are not worth a jump.)
_ANNOUNCEMENT_PREFIX = announcement_job("", 0).split(":", 1)[0] + ":"
EVENTS = {
    JOB_PREFIX: "course messages (reminders, summary, check-in)",
    _ANNOUNCEMENT_PREFIX: "a scheduled announcement",
}


def _describe(job: Job) -> str | None:
    """A job's meaning in words, or None for a job that is no event for people."""
    name = job.name or ""
    return next((what for prefix, what in EVENTS.items() if name.startswith(prefix)), None)


def _earliest(app: Application) -> Job | None:
    """The earliest one-shot job that sends people something, if any."""
    if app.job_queue is None:
        return None
    jobs = [job for job in app.job_queue.jobs() if _one_shot(job) and _describe(job)]
    return min(jobs, key=lambda job: job.next_t or datetime.max.replace(tzinfo=UTC), default=None)


def next_event(app: Application) -> Event | None:
    """The next thing the bot will send people on its own, if any."""
    job = _earliest(app)
    if job is None or job.next_t is None:
        return None
    return Event(job.next_t.astimezone(UTC), _describe(job) or "")


def run_due(app: Application, clock: PlaygroundClock) -> int:
    """Hand every one-shot job whose virtual time has come to the scheduler, to run now."""
    if app.job_queue is None:
        return 0
    now, real_now = clock(), datetime.now(UTC)
    started = 0
    for job in app.job_queue.jobs():
        if not _one_shot(job) or job.next_t is None:
            continue
        if job.next_t <= now and job.next_t > real_now:
            # The scheduler would wait for the real moment: bring the run forward to now.
            job.job.modify(next_run_time=real_now)
            started += 1
    return started


async def jump(app: Application, clock: PlaygroundClock) -> Event | None:
    """Move the clock to the next event and run it; the event, or None if nothing is ahead.

    The event's job is run here and awaited (taken off the scheduler first, so it runs once),
    so when this returns its messages are sent and the class's next job is set.
    """
    job = _earliest(app)
    if job is None or job.next_t is None:
        return None
    event = Event(job.next_t.astimezone(UTC), _describe(job) or "")
    clock.advance_to(event.at)
    job.schedule_removal()
    await job.run(app)
    # Anything else due by now (another class at the same moment) runs on the scheduler.
    run_due(app, clock)
    return event


@contextlib.asynccontextmanager
async def driving(app: Application, clock: PlaygroundClock) -> AsyncIterator[None]:
    """Keep running the jobs whose virtual time has come, for the ``async with`` block."""

    async def tick() -> None:
        while True:
            try:
                run_due(app, clock)
            except Exception:  # a job that vanished between listing and changing it
                log.debug("Could not bring a job forward", exc_info=True)
            await asyncio.sleep(TICK_S)

    task = asyncio.create_task(tick(), name="playground-clock")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
