"""Fuzz, small and seeded: random updates of every kind through the real bot (texts in many
scripts up to thousands of emoji, commands in the wrong chat, media, presses of real, outdated,
forged and double-tapped buttons, edits, crowds joining groups, the bot blocked and removed,
instructors replying to passed-on questions at every length), with the disk full now and then;
and the tours (tests/support/fuzz_tours.py): every button kind double-tapped and pressed a week
later, each conversation walked with media, edge texts, edits and restarts at its steps,
commands tried without the role or in the wrong chat. Nothing may raise, nothing may be refused
by Telegram, every press is answered exactly once, a second tap or an edit changes nothing, and
a write that fails is answered kindly and changes nothing. The full 10,000-update runs are
`python bench/fuzz.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.buttons import CODEC
from tests.support.fuzz import fuzz

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*")


async def test_500_random_updates_raise_nothing_and_answer_every_press_once(
    tmp_path: Path,
) -> None:
    report = await fuzz(800, seed=20261202, folder=tmp_path, census=True)
    assert report.presses > 100, report.summary()  # the run really pressed buttons
    # Every kind of button was tapped twice and pressed again a week later, and judged.
    assert len(report.week_later_kinds) == len(CODEC.kinds()), report.summary()
    assert len(report.tapped_kinds) > len(CODEC.kinds()) * 0.8, report.summary()
    assert report.edits > 20 and report.double_taps > 50, report.summary()
    assert report.problems == 0, report.summary()


async def test_replies_to_passed_on_questions_with_the_disk_filling_up_answer_kindly(
    tmp_path: Path,
) -> None:
    # A third of the actions go through the reply flow: question, Reply, the reply's text.
    report = await fuzz(700, seed=7, folder=tmp_path, reply_rate=0.3)
    assert report.replies > 50 and report.failed_writes > 10, report.summary()
    assert report.problems == 0, report.summary()
