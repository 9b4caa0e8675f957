"""/newclass (the guided setup) and /classes (details, join link, end, delete), through the real
Application; and the parsing of typed dates, times and time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from domain.timezones import match_timezone
from domain.when import parse_date, parse_time
from handlers.class_end import ended_after_now
from tests.conftest import OWNER_ID, BotHarness
from tests.support import updates as tg
from tests.support.says import says, shared_content

# Dates as an English reader types them (every language is read; English goes first).
EN = shared_content().date_words("en")

INSTRUCTOR = 2001
OTHER_INSTRUCTOR = 2002
PARENT = 3001


# -- helpers shared by the feature's test files ------------------------------------------------


def shown(bot: BotHarness, chat_id: int) -> list[str]:
    """Every text the bot sent or edited into a chat, in order."""
    return [
        c.text
        for c in bot.api.calls
        if c.ok
        and c.method in ("sendMessage", "editMessageText", "sendDocument")
        and str(c.chat_id) == str(chat_id)
        and c.text is not None
    ]


def last_shown(bot: BotHarness, chat_id: int) -> str:
    """The last text the bot sent or edited into a chat."""
    texts = shown(bot, chat_id)
    assert texts, f"the bot showed nothing in {chat_id}"
    return texts[-1]


def alerts(bot: BotHarness) -> list[str]:
    """The texts of every callback answer shown as an alert."""
    return [
        c.params.get("text", "")
        for c in bot.api.calls
        if c.method == "answerCallbackQuery" and c.params.get("show_alert")
    ]


def data_of(bot: BotHarness, chat_id: int) -> list[str]:
    """The callback data (or urls) of the buttons on the last message to a chat."""
    return [data for _, data in bot.buttons(chat_id)]


async def seed_instructor(bot: BotHarness, user_id: int = INSTRUCTOR, name: str = "Ines") -> None:
    """Make `user_id` an instructor the way an invite does."""
    code = await bot.store.create_invite(OWNER_ID)
    assert await bot.store.use_invite(code, user_id, name) is not None


def class_fields(**changes: Any) -> dict[str, Any]:
    """A valid class record (first session in ten days, London, 10:30), with changes."""
    fields: dict[str, Any] = {
        "name": "Tuesday babies",
        "tz": "Europe/London",
        "first_date": (date.today() + timedelta(days=10)).isoformat(),
        "start": "10:30",
        "sessions": 5,
        "length_min": 60,
        "venue": "Community hall",
        "moved": {},
        "cancelled": [],
        "ended_after": None,
        "ended_at": None,
        "group_chat_id": None,
        "times": {},
    }
    fields.update(changes)
    return fields


async def seed_class(
    bot: BotHarness, instructor: int = INSTRUCTOR, **changes: Any
) -> dict[str, Any]:
    """Store a class of `instructor` (made an instructor first if needed)."""
    if await bot.store.get_instructor(instructor) is None:
        await seed_instructor(bot, instructor)
    return await bot.store.create_class(instructor, class_fields(**changes))


# -- parsing (pure) ----------------------------------------------------------------------------

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("3/12/2026", date(2026, 12, 3)),
        ("3.12.26", date(2026, 12, 3)),
        ("03-12-2026", date(2026, 12, 3)),
        ("3 Dec", date(2026, 12, 3)),
        ("3rd December", date(2026, 12, 3)),
        ("Thursday 3 December 2026", date(2026, 12, 3)),
        ("Dec 3", date(2026, 12, 3)),
        ("December 3rd, 2026", date(2026, 12, 3)),
        ("  today ", TODAY),
        ("tomorrow", date(2026, 11, 21)),
        ("3/1", date(2027, 1, 3)),  # no year: the next 3 January
        ("15 Jan", date(2027, 1, 15)),
    ],
)
def test_dates_are_read_day_first_in_common_formats(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY, words=EN) == expected


@pytest.mark.parametrize("typed", ["31/2/2027", "next week", "", "3 Dexember", "12/13/2026", "🍼"])
def test_what_is_not_a_date_is_none(typed: str) -> None:
    assert parse_date(typed, TODAY, words=EN) is None


def test_a_birthday_without_year_is_the_last_one() -> None:
    assert parse_date("14 Feb", TODAY, past=True, words=EN) == date(2026, 2, 14)
    assert parse_date("25 Dec", TODAY, past=True, words=EN) == date(2025, 12, 25)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10:30", time(10, 30)),
        ("10.30", time(10, 30)),
        ("10am", time(10, 0)),
        ("10 am", time(10, 0)),
        ("2:15 pm", time(14, 15)),
        ("12pm", time(12, 0)),
        ("12am", time(0, 0)),
        ("1430", time(14, 30)),
        ("9h45", time(9, 45)),
        ("noon", time(12, 0)),
    ],
)
def test_times_in_common_formats(typed: str, expected: time) -> None:
    assert parse_time(typed, words=EN) == expected


@pytest.mark.parametrize("typed", ["25:00", "10:75", "13pm", "morning", "", "10:3"])
def test_what_is_not_a_time_is_none(typed: str) -> None:
    assert parse_time(typed, words=EN) is None


def test_time_zones_by_name_city_or_suggestion() -> None:
    assert match_timezone("Europe/Madrid") == ("Europe/Madrid", [])
    assert match_timezone("europe/madrid") == ("Europe/Madrid", [])
    assert match_timezone("Madrid") == ("Europe/Madrid", [])
    assert match_timezone("new york") == ("America/New_York", [])
    exact, suggestions = match_timezone("Londn")
    assert exact is None and "Europe/London" in suggestions
    exact, suggestions = match_timezone("Europe/Londn")
    assert exact is None and "Europe/London" in suggestions
    assert match_timezone("Qwxyzville") == (None, [])


def test_ending_keeps_the_unbroken_run_of_sessions_already_started() -> None:
    start = date(2026, 3, 3)
    klass = class_fields(first_date=start.isoformat(), start="10:00", tz="UTC")
    assert ended_after_now(klass, datetime(2026, 3, 1, tzinfo=UTC)) == 0
    assert ended_after_now(klass, datetime(2026, 3, 3, 10, 0, tzinfo=UTC)) == 1
    assert ended_after_now(klass, datetime(2026, 3, 12, tzinfo=UTC)) == 2
    # Session 2 cancelled: the run goes on past it.
    assert ended_after_now({**klass, "cancelled": [2]}, datetime(2026, 3, 18, tzinfo=UTC)) == 3
    # Session 3 moved a month later: 4 already ran, but 3 has not, so the end keeps 1..2 only.
    moved = {**klass, "moved": {"3": "2026-04-20T10:00"}}
    assert ended_after_now(moved, datetime(2026, 3, 25, tzinfo=UTC)) == 2


# -- the guided setup --------------------------------------------------------------------------


async def _walk_to_time_zone(bot: BotHarness, first: date) -> None:
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Tuesday <b>babies</b>")
    await bot.say(INSTRUCTOR, f"{first.day}/{first.month}/{first.year}")
    await bot.say(INSTRUCTOR, "10am")


async def test_newclass_walks_through_every_step_and_creates_the_class(bot: BotHarness) -> None:
    await seed_instructor(bot)
    first = date.today() + timedelta(days=9)
    await _walk_to_time_zone(bot, first)
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_tz")
    assert "nc:tz:Europe/London" in data_of(bot, INSTRUCTOR)  # DEFAULT_TIMEZONE first
    await bot.press(INSTRUCTOR, "nc:tz:Europe/London")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_sessions")
    assert [f"nc:n:{n}" for n in range(1, 13)] == data_of(bot, INSTRUCTOR)
    assert ("5 (usual)", "nc:n:5") in bot.buttons(INSTRUCTOR)
    await bot.press(INSTRUCTOR, "nc:n:6")
    assert data_of(bot, INSTRUCTOR) == ["nc:len:45", "nc:len:60", "nc:len:90"]
    await bot.press(INSTRUCTOR, "nc:len:90")
    assert "nc:venue:skip" in data_of(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "St Mary's hall")
    confirm = last_shown(bot, INSTRUCTOR)
    assert says(confirm, "newclass.confirm")
    assert "Tuesday &lt;b&gt;babies&lt;/b&gt;" in confirm  # the typed name is escaped
    assert "6. " in confirm and "7. " not in confirm
    assert await bot.store.classes_of_instructor(INSTRUCTOR) == []  # nothing before confirming

    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert klass["name"] == "Tuesday <b>babies</b>"
    assert klass["first_date"] == first.isoformat()
    assert (klass["start"], klass["tz"], klass["sessions"], klass["length_min"]) == (
        "10:00",
        "Europe/London",
        6,
        90,
    )
    assert klass["venue"] == "St Mary's hall"
    assert klass["ended"] is False and klass["group_chat_id"] is None
    done = last_shown(bot, INSTRUCTOR)
    assert f"https://t.me/{tg.BOT_USERNAME}?start={klass['code']}" in done
    assert "/link" in done
    # Every session's local date, weekly from the first.
    for n in range(6):
        day = first + timedelta(weeks=n)
        assert f"{day:%a} {day.day} {day:%b %Y}, 10:00" in done


async def test_pressing_create_twice_makes_one_class(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await _walk_to_time_zone(bot, date.today() + timedelta(days=3))
    await bot.press(INSTRUCTOR, "nc:tz:Europe/London")
    await bot.press(INSTRUCTOR, "nc:n:5")
    await bot.press(INSTRUCTOR, "nc:len:60")
    await bot.press(INSTRUCTOR, "nc:venue:skip")
    await bot.press(INSTRUCTOR, "nc:ok")
    await bot.press(INSTRUCTOR, "nc:ok")
    assert len(await bot.store.classes_of_instructor(INSTRUCTOR)) == 1
    assert says(alerts(bot)[-1], "core.stale_button")


async def test_typed_answers_are_checked_with_a_helpful_retry(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "🍼" * 4000)
    assert "shorten" in last_shown(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Spring class")
    await bot.say(INSTRUCTOR, "next week sometime")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.bad_date")
    yesterday = date.today() - timedelta(days=2)
    await bot.say(INSTRUCTOR, yesterday.isoformat())
    assert says(last_shown(bot, INSTRUCTOR), "newclass.past_date")
    await bot.say(INSTRUCTOR, (date.today() + timedelta(days=800)).isoformat())
    assert says(last_shown(bot, INSTRUCTOR), "newclass.far_date")
    await bot.say(INSTRUCTOR, (date.today() + timedelta(days=5)).isoformat())
    await bot.say(INSTRUCTOR, "25:99")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.bad_time")
    await bot.say(INSTRUCTOR, "10.30")
    await bot.say(INSTRUCTOR, "Qwxyzville")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.tz_unknown")
    await bot.say(INSTRUCTOR, "GMT+3")  # an offset is no place: never taken as UTC
    assert says(last_shown(bot, INSTRUCTOR), "newclass.tz_offset", typed="GMT+3")
    await bot.say(INSTRUCTOR, "🌍" * 4000)
    assert says(last_shown(bot, INSTRUCTOR), "newclass.tz_unknown")
    await bot.say(INSTRUCTOR, "Madrdi")  # a typo: the places it may mean, as buttons
    assert ("Madrid, Spain", "nc:pl:0") in bot.buttons(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Madrid")  # an exact city is taken straight away
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_sessions")
    await bot.say(INSTRUCTOR, "13")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.bad_sessions")
    await bot.say(INSTRUCTOR, "4")
    await bot.say(INSTRUCTOR, "5000")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.bad_length")
    await bot.say(INSTRUCTOR, "75")
    await bot.say(INSTRUCTOR, "v" * 300)
    assert "shorten" in last_shown(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, "nc:venue:skip")
    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert (klass["tz"], klass["sessions"], klass["length_min"], klass["venue"]) == (
        "Europe/Madrid",
        4,
        75,
        None,
    )
    assert klass["start"] == "10:30"


async def test_a_sticker_or_photo_where_text_is_expected_keeps_the_step(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.send(tg.sticker_message(INSTRUCTOR, bot=bot.app.bot))
    assert says(last_shown(bot, INSTRUCTOR), "core.not_text")
    await bot.send(tg.photo_message(INSTRUCTOR, caption="Spring", bot=bot.app.bot))
    assert says(last_shown(bot, INSTRUCTOR), "core.not_text")
    await bot.say(INSTRUCTOR, "Spring class")  # still at the name step
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_date", name="Spring class")


async def test_a_time_that_already_passed_today_goes_back_to_the_date(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Today's class")
    await bot.say(INSTRUCTOR, "today")
    await bot.say(INSTRUCTOR, "00:00")
    await bot.press(INSTRUCTOR, "nc:tz:Pacific/Kiritimati")  # UTC+14: midnight long gone
    assert says(last_shown(bot, INSTRUCTOR), "newclass.past_in_zone")
    await bot.say(INSTRUCTOR, (date.today() + timedelta(days=4)).isoformat())
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_time")


async def test_tampered_setup_buttons_are_refused_and_change_nothing(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await _walk_to_time_zone(bot, date.today() + timedelta(days=3))
    await bot.press(INSTRUCTOR, "nc:tz:Mars/Olympus_Mons")
    assert says(alerts(bot)[-1], "newclass.tz_invalid")
    await bot.press(INSTRUCTOR, "nc:tz:Europe/London")
    await bot.press(INSTRUCTOR, "nc:n:99")
    assert says(alerts(bot)[-1], "newclass.bad_sessions")
    await bot.press(INSTRUCTOR, "nc:n:2")
    await bot.press(INSTRUCTOR, "nc:len:1")
    await bot.press(INSTRUCTOR, "nc:len:45")
    await bot.press(INSTRUCTOR, "nc:venue:skip")
    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert (klass["sessions"], klass["length_min"]) == (2, 45)


async def test_cancel_leaves_the_setup_at_any_step(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await _walk_to_time_zone(bot, date.today() + timedelta(days=3))
    await bot.say(INSTRUCTOR, "/cancel")
    assert "stopped" in last_shown(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, "nc:tz:Europe/London")  # the old step's button
    assert says(alerts(bot)[-1], "core.stale_button")
    await bot.press(INSTRUCTOR, "nc:ok")
    assert await bot.store.classes_of_instructor(INSTRUCTOR) == []


async def test_start_again_and_the_cancel_button(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await _walk_to_time_zone(bot, date.today() + timedelta(days=3))
    await bot.press(INSTRUCTOR, "nc:tz:Europe/London")
    await bot.press(INSTRUCTOR, "nc:n:5")
    await bot.press(INSTRUCTOR, "nc:len:60")
    await bot.press(INSTRUCTOR, "nc:venue:skip")
    await bot.say(INSTRUCTOR, "looks fine")  # typed at the last step: point at the buttons
    assert says(last_shown(bot, INSTRUCTOR), "newclass.use_buttons")
    await bot.press(INSTRUCTOR, "nc:again")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_name")
    await bot.press(INSTRUCTOR, "nc:cancel")
    assert "stopped" in last_shown(bot, INSTRUCTOR)
    assert await bot.store.classes_of_instructor(INSTRUCTOR) == []


async def test_newclass_in_a_group_points_to_the_private_chat(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await bot.send(tg.group_command(-500, INSTRUCTOR, "newclass", bot=bot.app.bot))
    assert f"https://t.me/{tg.BOT_USERNAME}" in last_shown(bot, -500)


# -- /classes ----------------------------------------------------------------------------------


async def test_classes_lists_details_and_join_link(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.store.add_member(klass["id"], PARENT, {"first_name": "Ana", "role": "parent"})
    await bot.say(INSTRUCTOR, "/classes")
    assert f"cls:show:{klass['id']}" in data_of(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"cls:show:{klass['id']}")
    details = last_shown(bot, INSTRUCTOR)
    assert (
        "Tuesday babies" in details
        and "1 parent(s)" in details
        and says(details, "newclass.group_not_linked")
    )
    data = data_of(bot, INSTRUCTOR)
    assert f"ses:list:{klass['id']}" in data and f"cls:end:{klass['id']}" in data
    await bot.press(INSTRUCTOR, f"cls:link:{klass['id']}")
    assert f"https://t.me/{tg.BOT_USERNAME}?start={klass['code']}" in last_shown(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, "cls:list")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.list_header")


async def test_an_instructor_without_classes_is_pointed_to_newclass(bot: BotHarness) -> None:
    await seed_instructor(bot)
    await bot.say(INSTRUCTOR, "/classes")
    assert "/newclass" in last_shown(bot, INSTRUCTOR)


async def test_ending_a_class_asks_first_then_ends_it_once(bot: BotHarness) -> None:
    klass = await seed_class(bot, first_date=(date.today() - timedelta(days=8)).isoformat())
    await bot.press(INSTRUCTOR, f"cls:end:{klass['id']}")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.confirm_end", name="Tuesday babies")
    assert (await bot.store.get_class(klass["id"]))["ended"] is False
    await bot.press(INSTRUCTOR, f"cls:endok:{klass['id']}")
    stored = await bot.store.get_class(klass["id"])
    assert stored["ended"] is True and stored["ended_at"]
    assert stored["ended_after"] == 2  # two sessions already held
    assert "/export" in last_shown(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"cls:endok:{klass['id']}")  # pressed twice
    assert says(alerts(bot)[-1], "newclass.already_ended")
    assert (await bot.store.get_class(klass["id"]))["ended_at"] == stored["ended_at"]


async def test_an_ended_class_can_be_deleted_after_a_confirm(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.press(INSTRUCTOR, f"cls:del:{klass['id']}")
    assert says(alerts(bot)[-1], "newclass.end_first")
    await bot.press(INSTRUCTOR, f"cls:endok:{klass['id']}")
    await bot.press(INSTRUCTOR, f"cls:show:{klass['id']}")
    assert f"cls:del:{klass['id']}" in data_of(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"cls:del:{klass['id']}")
    assert await bot.store.get_class(klass["id"]) is not None
    await bot.press(INSTRUCTOR, f"cls:delok:{klass['id']}")
    assert await bot.store.get_class(klass["id"]) is None
    assert "deleted" in last_shown(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"cls:delok:{klass['id']}")  # pressed twice
    assert says(alerts(bot)[-1], "core.not_your_class")


async def test_another_instructors_class_is_refused_on_every_button(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await seed_instructor(bot, OTHER_INSTRUCTOR, "Olga")
    for action in ("show", "link", "end", "endok", "del", "delok"):
        await bot.press(OTHER_INSTRUCTOR, f"cls:{action}:{klass['id']}")
        assert says(alerts(bot)[-1], "core.not_your_class"), action
    for data in ("cls:show:nope", "cls:show:../../x", "cls:bogus", "cls:end:"):
        await bot.press(OTHER_INSTRUCTOR, data)
        assert says(alerts(bot)[-1], "core.not_your_class"), data
    assert (await bot.store.get_class(klass["id"]))["ended"] is False
    assert not any(klass["code"] in t for t in shown(bot, OTHER_INSTRUCTOR)), (
        "another instructor must never see the join link"
    )


async def test_a_parent_or_stranger_is_refused_every_instructor_command_and_button(
    bot: BotHarness,
) -> None:
    klass = await seed_class(bot)
    for person in (PARENT, 9999):
        for command in ("newclass", "classes", "invite", "instructors"):
            await bot.say(person, f"/{command}")
            assert says(last_shown(bot, person), "core.not_allowed"), command
        for data in (
            "cls:list",
            f"cls:show:{klass['id']}",
            f"cls:link:{klass['id']}",
            f"cls:end:{klass['id']}",
            f"cls:endok:{klass['id']}",
            f"cls:del:{klass['id']}",
            f"cls:delok:{klass['id']}",
            f"grp:link:{klass['id']}",
        ):
            await bot.press(person, data)
            assert says(alerts(bot)[-1], "core.not_allowed"), data
        await bot.press(person, "nc:ok")  # not in a setup: nothing happens but a kind word
        assert says(alerts(bot)[-1], "core.stale_button")
        assert not any(klass["code"] in t for t in shown(bot, person))
    assert len(await bot.store.all_classes()) == 1
    assert (await bot.store.get_class(klass["id"]))["ended"] is False


async def test_today_for_an_instructor_west_of_the_default_zone_is_not_refused(
    bot: BotHarness,
) -> None:
    await seed_instructor(bot)
    # 02:00 in London (the default zone) on 4 March is still 3 March, 18:00, in LA.
    bot.app.bot_data["clock"] = lambda: datetime(2027, 3, 4, 2, 0, tzinfo=UTC)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Evening babies")
    await bot.say(INSTRUCTOR, "3/3/2027")
    assert "already passed" not in last_shown(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "8pm")
    await bot.say(INSTRUCTOR, "America/Los_Angeles")
    assert says(last_shown(bot, INSTRUCTOR), "newclass.ask_sessions")


async def test_today_is_read_in_the_class_zone(bot: BotHarness) -> None:
    await seed_instructor(bot)
    bot.app.bot_data["clock"] = lambda: datetime(2027, 3, 4, 2, 0, tzinfo=UTC)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Evening babies")
    await bot.say(INSTRUCTOR, "today")
    await bot.say(INSTRUCTOR, "8pm")
    await bot.say(INSTRUCTOR, "America/Los_Angeles")
    await bot.press(INSTRUCTOR, "nc:n:5")
    await bot.press(INSTRUCTOR, "nc:len:60")
    await bot.press(INSTRUCTOR, "nc:venue:skip")
    await bot.press(INSTRUCTOR, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert klass["first_date"] == "2027-03-03"  # the instructor's today, not London's


async def test_a_double_tap_on_every_classes_screen_is_harmless(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(INSTRUCTOR, "/classes")
    (listing,) = [c for c in bot.api.calls if c.method == "sendMessage" and c.ok][-1:]
    where = {"message_id": listing.result["message_id"], "message_chat_id": INSTRUCTOR}
    for data in (f"cls:show:{klass['id']}", "cls:list", f"cls:end:{klass['id']}"):
        await bot.press(INSTRUCTOR, data, **where)
        await bot.press(INSTRUCTOR, data, **where)  # the same screen again: not modified
    # The harness fails the test if any handler raised; the screen is still the last one.
    assert "end" in last_shown(bot, INSTRUCTOR).lower()


async def test_an_instructor_with_many_classes_sees_them_page_by_page(bot: BotHarness) -> None:
    for n in range(111):
        await seed_class(bot, name=f"Class {n:03d}")
    await bot.say(INSTRUCTOR, "/classes")
    buttons = bot.buttons(INSTRUCTOR)
    assert len(buttons) <= 100 and ("Later ›", "cls:page:1") in buttons
    await bot.press(INSTRUCTOR, "cls:page:5")
    last = bot.buttons(INSTRUCTOR)
    assert ("‹ Earlier", "cls:page:4") in last and not any(d == "cls:page:6" for _, d in last)
    assert len([d for _, d in last if d.startswith("cls:show:")]) == 11
