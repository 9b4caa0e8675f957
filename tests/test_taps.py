"""Double taps: the second press of the same button on the same message, with nothing else in
between, is answered once and changes nothing, for every kind of button the bot has
(domain/buttons.py), pressed by the class's instructor and by a parent. A press after something
else, or one whose first try failed, is taken as new."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from domain.buttons import CODEC, CalendarFile, encode
from tests.conftest import BotHarness
from tests.support.fuzz_tours import built
from tests.test_course_jobs import INSTRUCTOR, at, make_class, set_clock

PARENT = 201
KINDS = {kind.head: kind for kind in CODEC.kinds()}


def stored(folder: Path) -> dict[str, bytes]:
    """Every file of the data folder, as it is on disk."""
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("head", sorted(KINDS))
async def test_the_second_tap_of_every_button_is_answered_once_and_changes_nothing(
    bot: BotHarness, head: str
) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-05T12:00"))  # the course under way: most buttons are live
    rng = random.Random(head)
    for user_id in (INSTRUCTOR, PARENT):
        await bot.say(user_id, "/help")  # a message of the bot's to press the button on
        data = built(rng, KINDS[head], [cid], [], at("2026-03-05T12:00"))
        latest = bot.api.simulator.last_message(user_id)
        assert latest is not None
        await bot.press(user_id, data, message=latest)
        bot.errors.clear()  # what the first press did is the features' own tests' business
        before, mark = stored(bot.store.db.folder), len(bot.api.calls)
        # The press carries its message as it is now: after the first tap's edit, if any.
        again = bot.api.simulator.message(user_id, latest["message_id"])
        await bot.press(user_id, data, message=again)
        calls = bot.api.calls[mark:]
        assert [c.method for c in calls] == ["answerCallbackQuery"], (data, calls)
        assert calls[0].ok and not calls[0].params.get("text")
        assert stored(bot.store.db.folder) == before, data


async def test_a_press_after_something_else_is_a_new_press(bot: BotHarness) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-01T12:00"))
    await bot.say(PARENT, "/next")
    data = encode(CalendarFile(cid))
    latest = bot.api.simulator.last_message(PARENT)  # /next's answer, with the button
    assert latest is not None
    await bot.press(PARENT, data, message=latest)
    await bot.press(PARENT, data, message=latest)  # a double tap: one calendar file
    assert len(bot.api.sent("sendDocument", PARENT)) == 1
    await bot.say(PARENT, "thanks")
    await bot.press(PARENT, data, message=latest)  # pressed again after writing: a new press
    assert len(bot.api.sent("sendDocument", PARENT)) == 2
