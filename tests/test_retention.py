"""A class's personal data is deleted retention_days after it ends, after a warning a week
before; the daily job is registered at start and each run is idempotent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jobs.retention import CATCH_UP_JOB_NAME, JOB_NAME, run_retention, schedule_retention
from tests.conftest import BotHarness
from tests.support.says import says
from tests.test_joining import PARENT, files_mentioning, join
from tests.test_newclass import INSTRUCTOR, seed_class, shown

ENDED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


async def ended_class(bot: BotHarness, **changes: object) -> dict:
    klass = await seed_class(bot, first_date="2026-01-06", **changes)
    await join(bot, klass)
    return await bot.store.update_class(
        klass["id"], {"ended": True, "ended_at": ENDED.isoformat(), "ended_after": 5}
    )


async def test_the_daily_job_is_registered_once_at_start(bot: BotHarness) -> None:
    assert len(bot.app.job_queue.get_jobs_by_name(JOB_NAME)) == 1
    assert len(bot.app.job_queue.get_jobs_by_name(CATCH_UP_JOB_NAME)) == 1
    schedule_retention(bot.app)
    assert len(bot.app.job_queue.get_jobs_by_name(JOB_NAME)) == 1
    assert len(bot.app.job_queue.get_jobs_by_name(CATCH_UP_JOB_NAME)) == 1


async def test_warned_a_week_before_then_deleted_on_the_day(bot: BotHarness) -> None:
    klass = await ended_class(bot)
    report = await run_retention(bot.app, ENDED + timedelta(days=82))
    assert report.warned == [] and report.deleted == []
    assert shown(bot, INSTRUCTOR) == []

    report = await run_retention(bot.app, ENDED + timedelta(days=83))
    assert report.warned == [klass["id"]] and report.deleted == []
    warning = shown(bot, INSTRUCTOR)[-1]
    assert "Tuesday babies" in warning and "/export" in warning and "30 May 2026" in warning
    # Idempotent: the same day again (a restart, a catch-up run) warns no second time.
    report = await run_retention(bot.app, ENDED + timedelta(days=83, hours=5))
    assert report.warned == [] and report.deleted == []
    assert len(shown(bot, INSTRUCTOR)) == 1

    report = await run_retention(bot.app, ENDED + timedelta(days=89, hours=23))
    assert report.deleted == []
    assert await bot.store.get_class(klass["id"]) is not None

    report = await run_retention(bot.app, ENDED + timedelta(days=90))
    assert report.deleted == [klass["id"]]
    assert await bot.store.get_class(klass["id"]) is None
    # The parent was in no other class: their own record (consent, baby) goes too.
    assert files_mentioning(bot, PARENT) == []
    assert says(shown(bot, INSTRUCTOR)[-1], "privacy.retention_deleted")
    report = await run_retention(bot.app, ENDED + timedelta(days=91))
    assert report.warned == [] and report.deleted == []


async def test_a_late_warning_still_gives_a_week_before_deletion(bot: BotHarness) -> None:
    klass = await ended_class(bot)
    late = ENDED + timedelta(days=120)  # the bot was down when the warning was due
    report = await run_retention(bot.app, late)
    assert report.warned == [klass["id"]] and report.deleted == []
    assert (await run_retention(bot.app, late + timedelta(days=6))).deleted == []
    assert (await run_retention(bot.app, late + timedelta(days=7))).deleted == [klass["id"]]


async def test_running_classes_are_never_touched(bot: BotHarness) -> None:
    running = await seed_class(bot, first_date="2020-01-07")
    odd = await seed_class(bot, name="Ended without a date")
    await bot.store.update_class(odd["id"], {"ended": True})
    report = await run_retention(bot.app, datetime(2030, 1, 1, tzinfo=UTC))
    assert report.warned == [] and report.deleted == []
    assert await bot.store.get_class(running["id"]) is not None
    assert await bot.store.get_class(odd["id"]) is not None


async def test_an_instructor_who_blocked_the_bot_does_not_stop_the_deletion(
    bot: BotHarness,
) -> None:
    klass = await ended_class(bot)
    bot.api.fail_next("sendMessage", chat_id=INSTRUCTOR, times=2)
    await run_retention(bot.app, ENDED + timedelta(days=83))
    report = await run_retention(bot.app, ENDED + timedelta(days=90))
    assert report.deleted == [klass["id"]]


async def test_a_parent_in_another_class_keeps_their_own_record(bot: BotHarness) -> None:
    klass = await ended_class(bot)
    other = await seed_class(bot, name="Next class")
    await join(bot, other)
    await run_retention(bot.app, ENDED + timedelta(days=83))
    await run_retention(bot.app, ENDED + timedelta(days=90))
    assert await bot.store.get_class(klass["id"]) is None
    assert (await bot.store.get_user(PARENT))["classes"] == [other["id"]]


async def test_the_registered_job_runs_at_the_real_time(bot: BotHarness) -> None:
    klass = await seed_class(bot, first_date="2026-01-06")
    ended = datetime.now(UTC) - timedelta(days=84)
    await bot.store.update_class(klass["id"], {"ended": True, "ended_at": ended.isoformat()})
    (job,) = bot.app.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(bot.app)
    assert "/export" in shown(bot, INSTRUCTOR)[-1]
    assert (await bot.store.get_class(klass["id"]))["retention_warned_at"]
