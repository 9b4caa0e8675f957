"""Fuzz, small and seeded: 500 random updates of every kind through the real bot (texts in many
scripts up to thousands of emoji, commands in the wrong chat, media, presses of real, outdated,
forged and double-tapped buttons, edits, crowds joining groups, the bot blocked and removed).
Nothing may raise, nothing may be refused by Telegram, and every press is answered exactly once.
The full 10,000-update run is `python bench/fuzz.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.fuzz import fuzz

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*")


async def test_500_random_updates_raise_nothing_and_answer_every_press_once(
    tmp_path: Path,
) -> None:
    report = await fuzz(500, seed=20261202, folder=tmp_path)
    assert report.presses > 100, report.summary()  # the run really pressed buttons
    assert report.problems == 0, report.summary()
