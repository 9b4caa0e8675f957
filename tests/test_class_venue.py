"""The venue set or changed from /classes (issue 15, item 5: "the venue can be a map pin"), not
only in /newclass: a typed address, a shared map pin or a shared Telegram venue, each saved at
once; the reminders then name the new venue and the first one brings the new pin
(`jobs/course.py`'s venue pin). Through the real Application."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.test_course_jobs import (
    INSTRUCTOR,
    at,
    make_class,
    make_instructor,
    run_at,
    schedule,
    set_clock,
)
from tests.test_newclass import alerts, data_of, last_shown

HALL = (51.5226, -0.1106)


async def _open_venue(bot: BotHarness, now: str = "2026-03-01T12:00", **fields: Any) -> str:
    """A class (first session Tuesday 3 March 10:00, London) and its venue screen."""
    cid = await make_class(bot, **fields)
    await schedule(bot, cid, at(now))
    await bot.say(INSTRUCTOR, "/classes")
    await bot.press(INSTRUCTOR, f"cls:show:{cid}")
    assert f"cvn:ask:{cid}" in data_of(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"cvn:ask:{cid}")
    return cid


def _labels(call: Any) -> list[tuple[str, str]]:
    """The (label, data) of a call's inline buttons."""
    markup = call.params.get("reply_markup") or {}
    if not isinstance(markup, dict):
        markup = markup.to_dict()
    rows = markup.get("inline_keyboard", [])
    return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


def _pins(bot: BotHarness) -> list[Any]:
    return [c for c in bot.api.calls if c.method == "sendVenue" and c.ok]


async def test_a_new_address_and_pin_from_classes_reach_the_families(bot: BotHarness) -> None:
    cid = await _open_venue(bot)
    assert ("📍 Venue", f"cvn:ask:{cid}") in [
        b for c in bot.api.calls if c.method == "editMessageText" for b in _labels(c)
    ]
    prompt = last_shown(bot, INSTRUCTOR)
    assert "Venue of <b>Tuesday babies</b>: Oak Hall" in prompt
    assert "families get it with their first reminder" in prompt
    await bot.say(INSTRUCTOR, "St Mary's hall, 14 Queen St")
    saved = last_shown(bot, INSTRUCTOR)
    assert "Saved. Venue of <b>Tuesday babies</b>: St Mary's hall, 14 Queen St" in saved
    assert "Send its map pin too" in saved and data_of(bot, INSTRUCTOR) == [f"cvn:done:{cid}"]
    await bot.send(tg.location_message(INSTRUCTOR, *HALL, bot=bot.app.bot))
    assert "14 Queen St 📍" in last_shown(bot, INSTRUCTOR)
    assert data_of(bot, INSTRUCTOR) == [f"cls:show:{cid}"]  # both set: the change is over
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["venue"] == "St Mary's hall, 14 Queen St"
    assert klass["venue_pin"] == {"lat": HALL[0], "lon": HALL[1]}
    # The day-before reminder names the new venue; the pin follows it, to each family.
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert "St Mary's hall, 14 Queen St" in bot.last_text(201)
    pins = _pins(bot)
    assert {str(c.chat_id) for c in pins} >= {"201", "202"}
    assert all(c.params["latitude"] == HALL[0] for c in pins)
    assert all(c.params["title"] == "St Mary's hall, 14 Queen St" for c in pins)


async def test_a_shared_venue_sets_both_at_once_and_ends_the_change(bot: BotHarness) -> None:
    cid = await _open_venue(bot)
    shared = tg.location_message(
        INSTRUCTOR, *HALL, venue_title="Oak Barn", venue_address="2 Mill Lane", bot=bot.app.bot
    )
    await bot.send(shared)
    assert "Oak Barn, 2 Mill Lane 📍" in last_shown(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Thanks!")  # the change is over: not taken as the venue
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["venue"] == "Oak Barn, 2 Mill Lane"


async def test_a_new_address_drops_the_old_pin_and_a_pin_alone_keeps_the_address(
    bot: BotHarness,
) -> None:
    cid = await _open_venue(bot, venue_pin={"lat": 1.0, "lon": 2.0})
    await bot.say(INSTRUCTOR, "New hall")  # the old pin showed the old place
    klass = await bot.store.get_class(cid)
    assert klass is not None and (klass["venue"], klass["venue_pin"]) == ("New hall", None)
    await bot.press(INSTRUCTOR, f"cvn:done:{cid}")
    assert "Venue: New hall" in last_shown(bot, INSTRUCTOR)  # the class again
    # A pin alone: the address stays, and a name is asked for only when there is none.
    await bot.press(INSTRUCTOR, f"cvn:ask:{cid}")
    await bot.send(tg.location_message(INSTRUCTOR, *HALL, bot=bot.app.bot))
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["venue"] == "New hall" and klass["venue_pin"]
    await bot.press(INSTRUCTOR, f"cvn:ask:{cid}")
    await bot.press(INSTRUCTOR, f"cvn:rm:{cid}")
    await bot.press(INSTRUCTOR, f"cvn:ask:{cid}")
    await bot.send(tg.location_message(INSTRUCTOR, *HALL, bot=bot.app.bot))
    assert "Type its name and address too" in last_shown(bot, INSTRUCTOR)


async def test_removing_the_venue_leaves_reminders_without_one(bot: BotHarness) -> None:
    cid = await _open_venue(bot, venue_pin={"lat": HALL[0], "lon": HALL[1]})
    await bot.press(INSTRUCTOR, f"cvn:rm:{cid}")
    assert "Venue: not set" in last_shown(bot, INSTRUCTOR)
    klass = await bot.store.get_class(cid)
    assert klass is not None and (klass["venue"], klass["venue_pin"]) == (None, None)
    await bot.say(INSTRUCTOR, "Hello")  # no change under way any more
    assert (await bot.store.get_class(cid) or {})["venue"] is None
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert "tomorrow" in bot.last_text(201) and "Oak Hall" not in bot.last_text(201)
    assert not _pins(bot)


async def test_once_the_course_has_started_the_pin_is_said_to_go_in_the_calendar(
    bot: BotHarness,
) -> None:
    await _open_venue(bot, now="2026-03-04T12:00")  # session 1 was yesterday
    prompt = last_shown(bot, INSTRUCTOR)
    assert "calendar file" in prompt and "first reminder" in prompt
    assert "families get it with their first reminder" not in prompt


async def test_wrong_answers_are_asked_again_and_cancel_changes_nothing(bot: BotHarness) -> None:
    cid = await _open_venue(bot)
    await bot.say(INSTRUCTOR, "x" * 201)
    assert "a bit long for a venue" in last_shown(bot, INSTRUCTOR)
    await bot.send(tg.sticker_message(INSTRUCTOR, bot=bot.app.bot))
    assert "Type the address, or send a map pin" in last_shown(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "/cancel")
    assert "Nothing was changed" in last_shown(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Somewhere else")
    assert (await bot.store.get_class(cid) or {})["venue"] == "Oak Hall"


async def test_an_emergency_typed_at_the_venue_step_is_answered_not_kept(bot: BotHarness) -> None:
    cid = await _open_venue(bot)
    await bot.say(INSTRUCTOR, "help my baby isn't breathing properly and her lips are blue")
    assert "may be an emergency" in bot.last_text(INSTRUCTOR)
    assert (await bot.store.get_class(cid) or {})["venue"] == "Oak Hall"
    await bot.say(INSTRUCTOR, "Room 2, Oak Hall")  # the step is still waiting
    assert (await bot.store.get_class(cid) or {})["venue"] == "Room 2, Oak Hall"


@pytest.mark.parametrize(
    ("user", "data", "answer"),
    [
        (501, "cvn:ask:{cid}", "isn't one of yours"),
        (501, "cvn:rm:{cid}", "isn't one of yours"),
        (201, "cvn:ask:{cid}", "only for instructors"),
        (INSTRUCTOR, "cvn:rm:nosuchclass", "isn't one of yours"),
    ],
)
async def test_only_the_classes_instructor_can_change_its_venue(
    bot: BotHarness, user: int, data: str, answer: str
) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-01T12:00"))
    await make_instructor(bot.store, 501)
    await bot.press(user, data.format(cid=cid))
    assert answer in alerts(bot)[-1]
    await bot.say(user, "Fake hall")
    assert (await bot.store.get_class(cid) or {})["venue"] == "Oak Hall"


async def test_an_ended_class_has_no_venue_to_change(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await bot.store.update_class(cid, {"ended": True, "ended_at": "2026-03-01T12:00:00+00:00"})
    set_clock(bot, at("2026-03-01T12:00"))
    await bot.press(INSTRUCTOR, f"cls:show:{cid}")
    assert f"cvn:ask:{cid}" not in data_of(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"cvn:ask:{cid}")  # an older button
    assert "already ended" in alerts(bot)[-1]


async def test_a_german_instructor_is_asked_in_german(bot: BotHarness) -> None:
    await make_instructor(bot.store)
    await bot.store.update_user(INSTRUCTOR, {"lang": "de"})
    await _open_venue(bot)
    assert "Ort von <b>Tuesday babies</b>: Oak Hall" in last_shown(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Gemeindesaal")
    assert "Schick auch seinen Kartenpunkt" in last_shown(bot, INSTRUCTOR)
