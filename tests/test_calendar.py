"""The course as a calendar file (issue 15, item 6): /next and the join confirmation offer an
.ics of every session, in the class's zone; a move or a cancellation gives a new file with the
same UIDs, a higher SEQUENCE, and STATUS:CANCELLED. Through the real Application; the file is
read back with the icalendar library, as a calendar app would."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar

from tests.conftest import BotHarness
from tests.support.says import says
from tests.test_course_jobs import INSTRUCTOR, at, make_class, set_clock
from tests.test_newclass import data_of

PARENT = 201  # a parent make_class adds


def _latest_ics(bot: BotHarness, chat_id: int) -> Calendar:
    """The last .ics file the bot sent to a chat, parsed."""
    for call in reversed(bot.api.calls):
        if call.method == "sendDocument" and str(call.chat_id) == str(chat_id) and call.ok:
            upload = call.files["document"]
            assert upload.filename.endswith(".ics")
            return Calendar.from_ical(upload.content)
    raise AssertionError(f"no .ics sent to {chat_id}")


def _events(cal: Calendar) -> dict[str, dict[str, object]]:
    """UID -> (start, sequence, status) of every VEVENT."""
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "sequence": int(e.get("SEQUENCE", 0)),
            "status": str(e.get("STATUS")),
            "location": str(e.get("LOCATION")),
        }
        for e in cal.walk("VEVENT")
    }


async def test_next_offers_the_whole_course_in_the_class_zone_and_changes_update_it(
    bot: BotHarness,
) -> None:
    cid = await make_class(bot, tz="Europe/Berlin", sessions=5, first_date="2026-03-03")
    set_clock(bot, at("2026-03-01T12:00"))
    await bot.say(PARENT, "/next")
    assert f"crs:ics:{cid}" in data_of(bot, PARENT)
    await bot.press(PARENT, f"crs:ics:{cid}")
    cal = _latest_ics(bot, PARENT)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = _events(cal)
    assert len(events) == 5
    starts = sorted(e["start"] for e in events.values())  # type: ignore[type-var]
    for week, start in enumerate(starts):
        assert isinstance(start, datetime)
        assert str(start.tzinfo) == "Europe/Berlin"
        assert (start.day, start.hour, start.minute) == (3 + 7 * week, 10, 0)
    assert {e["location"] for e in events.values()} == {"Oak Hall"}
    assert {e["sequence"] for e in events.values()} == {0}

    # The instructor moves session 3 and cancels session 4, through /classes → Sessions.
    await bot.press(INSTRUCTOR, f"ses:mvok:{cid}:3:202603201130")
    await bot.press(INSTRUCTOR, f"ses:cxok:{cid}:4")
    await bot.press(PARENT, f"crs:ics:{cid}")
    after = _events(_latest_ics(bot, PARENT))
    assert after.keys() == events.keys()  # the same entries, updated
    moved = next(e for uid, e in after.items() if uid.startswith(f"{cid}-3@"))
    start = moved["start"]
    assert isinstance(start, datetime) and (start.day, start.hour, start.minute) == (20, 11, 30)
    assert moved["sequence"] == 1 and moved["status"] == "CONFIRMED"
    cancelled = next(e for uid, e in after.items() if uid.startswith(f"{cid}-4@"))
    assert cancelled["status"] == "CANCELLED" and cancelled["sequence"] == 1
    untouched = next(e for uid, e in after.items() if uid.startswith(f"{cid}-1@"))
    assert untouched["sequence"] == 0


async def test_the_calendar_is_only_for_people_in_the_class(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await bot.press(9999, f"crs:ics:{cid}")
    assert not [c for c in bot.api.calls if c.method == "sendDocument"]


async def test_the_join_confirmation_offers_the_calendar(bot: BotHarness) -> None:
    cid = await make_class(bot)
    klass = await bot.store.get_class(cid)
    await bot.say(4242, f"/start {klass['code']}", first_name="Ana")
    await bot.press(4242, f"jn:ok:{klass['code']}", first_name="Ana")
    sent = [c for c in bot.api.calls if c.method == "sendMessage" and str(c.chat_id) == "4242"]
    joined = next(c for c in sent if "crs:ics" in str(c.params.get("reply_markup")))
    assert "Tuesday babies" in (joined.text or "")


async def test_after_the_last_session_next_offers_no_calendar(bot: BotHarness) -> None:
    cid = await make_class(bot, tz="Europe/Berlin", sessions=5, first_date="2026-03-03")
    set_clock(bot, at("2026-04-20T12:00"))  # a week after the fifth session
    await bot.say(PARENT, "/next")
    assert says(bot.last_text(PARENT), "course.next_none", class_name="Tuesday babies")
    assert f"crs:ics:{cid}" not in data_of(bot, PARENT)
