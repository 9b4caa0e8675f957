"""First run and knowing what runs: the one-time owner link when OWNER_IDS is empty, and an
owner's /status (version, uptime, classes, jobs, last error, data size)."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot import build_application, startup
from config import Settings
from content.loader import Content
from storage.repo import Store
from tests.conftest import OWNER_ID, BotHarness, unpaced
from tests.support import updates as tg
from tests.support.fake_request import RecordingRequest
from tests.support.says import says
from version import VERSION

CLAIMER = 4242
LATECOMER = 4343
LINK_RE = re.compile(rf"https://t\.me/{tg.BOT_USERNAME}\?start=(owner_[A-Za-z0-9_-]+)")


@pytest.fixture
def ownerless(settings: Settings) -> Settings:
    return replace(settings, owner_ids=frozenset())


async def started(settings: Settings, store: Store, content: Content) -> BotHarness:
    api = RecordingRequest()
    app = build_application(settings, store, content, request=api, rate_limiter=unpaced())
    await app.initialize()
    await startup(app)
    return BotHarness(app=app, api=api, store=store)


@pytest.fixture
async def first_bot(
    ownerless: Settings, store: Store, content: Content, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[BotHarness]:
    caplog.set_level(logging.INFO)
    harness = await started(ownerless, store, content)
    yield harness
    await harness.app.shutdown()


def last(bot: BotHarness, chat_id: int) -> str:
    return bot.api.texts(chat_id)[-1]


async def test_the_owner_link_makes_its_first_opener_the_owner_once(
    first_bot: BotHarness,
    ownerless: Settings,
    store: Store,
    content: Content,
    caplog: pytest.LogCaptureFixture,
) -> None:
    setup = caplog.get_records("setup")
    logged = [r.getMessage() for r in setup if LINK_RE.search(r.getMessage())]
    assert len(logged) == 1, "the start-up log prints the owner link once"
    payload = LINK_RE.search(logged[0])[1]  # type: ignore[index]

    # Before it is used, nobody is an owner.
    await first_bot.say(CLAIMER, "/invite")
    assert says(last(first_bot, CLAIMER), "core.not_allowed")

    await first_bot.say(CLAIMER, f"/start {payload}", first_name="Olu")
    assert says(last(first_bot, CLAIMER), "roles.owner_welcome")
    await first_bot.say(CLAIMER, "/invite")
    assert "start=inv_" in last(first_bot, CLAIMER)

    # The secret is void now, for anyone.
    await first_bot.say(LATECOMER, f"/start {payload}")
    assert says(last(first_bot, LATECOMER), "roles.owner_link_invalid")
    await first_bot.say(LATECOMER, "/invite")
    assert says(last(first_bot, LATECOMER), "core.not_allowed")

    # A guessed secret never works either, and a restart prints no link: there is an owner.
    caplog.clear()
    again = await started(ownerless, store, content)
    try:
        assert not any(LINK_RE.search(r.getMessage()) for r in caplog.records)
        await again.say(CLAIMER, "/status")
        assert says(last(again, CLAIMER), "status.report")
    finally:
        await again.app.shutdown()


async def test_a_wrong_owner_secret_changes_nothing(first_bot: BotHarness) -> None:
    await first_bot.say(LATECOMER, "/start owner_guessed")
    assert says(last(first_bot, LATECOMER), "roles.owner_link_invalid")
    await first_bot.say(LATECOMER, "/invite")
    assert says(last(first_bot, LATECOMER), "core.not_allowed")
    assert await first_bot.store.list_owners() == []


async def test_with_owner_ids_set_no_link_is_printed(
    settings: Settings, store: Store, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    bot = await started(settings, store, content)
    try:
        assert not any("owner_" in r.getMessage() for r in caplog.records)
        await bot.say(CLAIMER, "/start owner_anything")
        assert says(last(bot, CLAIMER), "roles.owner_link_invalid")
    finally:
        await bot.app.shutdown()


async def test_status_shows_the_owner_how_the_bot_is_doing(bot: BotHarness, tmp_path: Path) -> None:
    bot.app.bot_data["started_at"] = bot.app.bot_data.get("started_at", 0.0) or 1.0
    bot.app.bot_data["last_error"] = {"what": "OSError", "where": "jobs/course.py:run", "at": 2.0}
    (Path(bot.app.bot_data["settings"].data_dir) / "filler.bin").write_bytes(b"x" * 3_000_000)

    await bot.say(OWNER_ID, "/status")

    text = bot.last_text(OWNER_ID)
    assert f"Version {VERSION}" in text
    assert says(text, "status.report", running=0, ended=0)
    assert "Last error: OSError in jobs/course.py:run" in text
    assert re.search(r"Data folder: 2\.\d MB \(schema \d+\)", text), text

    # A parent is not told any of it.
    await bot.say(5555, "/status")
    assert not says(bot.last_text(5555), "status.report")
