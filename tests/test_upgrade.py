"""Upgrading: a data folder made by the previous version (0.1.0) opens under this one, keeps
everything, and the bot carries on with it; migrations run once at start from the stored
schema version.

tests/data/datadir-v0.1.0 was written by version 0.1.0's own storage code (commit 93bd149):
an instructor, a five-session class from 3 March 2026 with a linked group, two parents with
their babies' names, a week-1 check-in, an open question, and session 1's day-before reminder
in the sent log, as that version left it on disk (snapshots plus unfolded journals).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import build_application, startup
from config import Settings
from content.loader import Content
from jobs import course as course_jobs
from storage import database
from storage.database import SCHEMA_VERSION, Database
from storage.repo import Store
from tests.conftest import TOKEN, BotHarness, unpaced
from tests.support.fake_request import RecordingRequest
from tests.support.process import ROOT
from version import VERSION

FIXTURE = Path(__file__).parent / "data" / "datadir-v0.1.0"
CLASS_ID = "wn7K9PbH"


def files_of(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*.json*")}


@pytest.fixture
def old_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    return folder


async def test_the_previous_versions_data_opens_with_everything_in_it(old_data: Path) -> None:
    store = Store(old_data)
    await store.open()
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        assert (await store.get_instructor(2001))["name"] == "Maya"
        klass = await store.get_class(CLASS_ID)
        assert klass is not None and klass["name"] == "Tuesday babies"
        assert (await store.class_for_group(-1009001))["id"] == CLASS_ID
        assert {m["user_id"] for m in await store.members(CLASS_ID)} == {3001, 3002}
        assert (await store.get_user(3001))["baby_name"] == "Leo"
        (checkin,) = await store.checkins(CLASS_ID)
        assert (checkin["user_id"], checkin["week"], checkin["days"]) == (3001, 1, "3-4")
        assert [q["text"] for q in await store.questions(CLASS_ID)] == ["Is coconut oil ok?"]
        assert "reminder_day_before:1:done" in await store.sent_keys(CLASS_ID)
    finally:
        await store.close()


async def test_the_bot_carries_on_with_the_previous_versions_data(
    old_data: Path, content: Content
) -> None:
    settings = Settings(token=TOKEN, owner_ids=frozenset({1001}), data_dir=old_data)
    store = Store(old_data)
    await store.open()
    api = RecordingRequest()
    app = build_application(settings, store, content, request=api, rate_limiter=unpaced())
    # The evening before session 1, whose day-before reminder 0.1.0 had already sent.
    app.bot_data["clock"] = lambda: datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
    try:
        async with app:
            await startup(app)
            bot = BotHarness(app=app, api=api, store=store)
            # Not sent again: next is the same-day reminder, two hours before 10:30.
            (job,) = app.job_queue.get_jobs_by_name(course_jobs.job_name(CLASS_ID))
            assert job.job.trigger.run_date == datetime(2026, 3, 3, 8, 30, tzinfo=UTC)
            await bot.say(3001, "/mycheckins")
            assert "Tuesday babies" in bot.last_text(3001)
    finally:
        await store.close()


async def test_a_migration_runs_once_at_start_and_the_version_is_stored(
    old_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[int] = []

    def to_next(db: Database) -> None:
        ran.append(db.schema_version)
        db.global_db.table("meta").update({"migrated_note": True}, doc_ids=[1])

    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(database.MIGRATIONS, SCHEMA_VERSION, to_next)
    for _ in range(2):  # the second start finds the new version stored: nothing runs again
        store = Store(old_data)
        await store.open()
        try:
            assert await store.schema_version() == SCHEMA_VERSION + 1
        finally:
            await store.close()
    assert ran == [SCHEMA_VERSION]


async def test_data_from_a_newer_version_is_refused_untouched(old_data: Path) -> None:
    db = Database(old_data)
    db.open()
    db.global_db.table("meta").update({"schema_version": SCHEMA_VERSION + 5}, doc_ids=[1])
    db.close()
    before = files_of(old_data)
    with pytest.raises(database.SchemaTooNewError):
        await Store(old_data).open()
    assert files_of(old_data) == before


def test_the_version_is_one_and_the_changelog_says_what_upgrading_to_it_needs() -> None:
    shown = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.stdout.strip() == f"bot.py {VERSION}"
    changelog = (ROOT / "CHANGELOG.md").read_text()
    section = changelog.split(f"## {VERSION}\n", 1)[1].split("\n## ", 1)[0]
    assert "Migration:" in section
