"""What the instructor sees of the check-ins: the pure statistics, the chart (a real PNG), and
/checkins through the real Application, including who may NOT see it."""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime, time, timedelta

import pytest

from domain.checkin_stats import (
    checkin_open,
    current_week,
    families,
    is_question,
    started_weeks,
    week_stats,
)
from domain.schedule import ClassSchedule
from reports.chart import ChartLabels, render_course_chart
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import Key, says
from tests.test_checkin import (
    ANA,
    BEN,
    CARA,
    IN_WEEK_1,
    IN_WEEK_2,
    INSTRUCTOR,
    add_parent,
    answers_to_buttons,
    count,
    keyboard_message,
    seed_class,
    set_clock,
)

LABELS = ChartLabels(
    title="Practice at home, week by week",
    days_axis="Days practised (average)",
    response_axis="Baby's response",
    week="Week {week}",
    answered="{answered}/{families} answered",
    responses=("Loved it", "Mostly happy", "Mixed", "Not keen"),
    no_answers="no answers",
)


def member(user_id: int, name: str, **fields: object) -> dict[str, object]:
    return {"user_id": user_id, "first_name": name, "role": "parent", "active": True, **fields}


def checkin(user_id: int, week: int, days: str, response: str | None, **fields: object) -> dict:
    return {"user_id": user_id, "week": week, "days": days, "response": response, **fields}


# -- statistics ------------------------------------------------------------------------------


def test_week_stats_count_families_answers_notes_and_who_is_missing() -> None:
    members = [
        member(1, "Ana"),
        member(2, "Tom", role="carer", family_of=1),
        member(3, "Ben"),
        member(4, "Cara"),
        member(5, "Dee", active=False),  # left the class: not a family any more
    ]
    checkins = [
        checkin(2, 1, "3-4", "loved", areas=["legs", "tummy"]),  # the carer answered for family 1
        checkin(1, 1, "5-7", "happy", areas=["legs"], note="Great week"),
        checkin(3, 1, "0", None, areas=[], note="Can we skip a day?"),
        checkin(5, 1, "1-2", "mixed", areas=[]),  # given before leaving: still counted
        checkin(3, 2, "5-7", "loved", areas=[]),  # another week: ignored
    ]
    stats = week_stats(1, members, checkins)
    assert (stats.families, stats.answered, stats.answers) == (3, 2, 4)
    assert stats.rate == pytest.approx(2 / 3)
    assert stats.days == {"0": 1, "1-2": 1, "3-4": 1, "5-7": 1}
    assert stats.responses == {"loved": 1, "happy": 1, "mixed": 1, "notkeen": 0}
    assert stats.areas["legs"] == 2 and stats.areas["tummy"] == 1 and stats.areas["face"] == 0
    assert stats.mean_days == pytest.approx((3.5 + 6 + 0 + 1.5) / 4)
    assert [(n.first_name, n.question) for n in stats.notes] == [("Ana", False), ("Ben", True)]
    assert stats.missing == ("Cara",)


def test_a_family_is_named_by_all_its_members_parent_first() -> None:
    members = [member(2, "Tom", role="carer", family_of=1, joined_at="1"), member(1, "Ana")]
    assert [m["first_name"] for m in families(members)[1]] == ["Ana", "Tom"]
    assert week_stats(1, members, []).missing == ("Ana & Tom",)


def test_a_week_without_answers_or_families() -> None:
    stats = week_stats(3, [], [])
    assert stats.rate is None and stats.mean_days is None and stats.answers == 0


def test_what_counts_as_a_question() -> None:
    assert is_question("Is oil ok?", False)
    assert is_question("She cried", True)
    assert not is_question("Lovely week", False)
    assert not is_question(None, True)


def test_the_current_week_is_the_latest_session_that_started() -> None:
    s = ClassSchedule(
        tz="Europe/London",
        first_date=date(2026, 3, 3),
        start=time(10),
        cancelled=frozenset({2}),
        moved={3: datetime(2026, 3, 25, 10, 0)},  # week 3 moved after week 4 (24 March)
    )
    assert current_week(s, datetime(2026, 3, 3, 9, 59, tzinfo=UTC)) is None
    assert current_week(s, datetime(2026, 3, 3, 10, 0, tzinfo=UTC)) == 1
    assert current_week(s, datetime(2026, 3, 12, tzinfo=UTC)) == 1  # week 2 was cancelled
    assert current_week(s, datetime(2026, 3, 24, 12, tzinfo=UTC)) == 4
    assert current_week(s, datetime(2026, 3, 25, 12, tzinfo=UTC)) == 3  # it happened last
    assert current_week(s, datetime(2026, 4, 1, tzinfo=UTC)) == 5
    assert started_weeks(s, datetime(2026, 4, 1, tzinfo=UTC)) == [1, 3, 4, 5]


def test_checkin_closes_two_weeks_after_the_course() -> None:
    s = ClassSchedule(tz="UTC", first_date=date(2026, 3, 3), start=time(10), sessions=1)
    assert not checkin_open(s, datetime(2026, 3, 3, 9, tzinfo=UTC))
    assert checkin_open(s, datetime(2026, 3, 10, tzinfo=UTC))
    assert not checkin_open(s, datetime(2026, 3, 3, 11, tzinfo=UTC) + timedelta(days=15))


# -- the chart ---------------------------------------------------------------------------------


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_the_chart_is_a_real_png_of_sensible_size() -> None:
    members = [member(i, f"P{i}") for i in range(1, 6)]
    checkins = [
        checkin(1, 1, "3-4", "loved"),
        checkin(2, 1, "5-7", "mixed"),
        checkin(1, 2, "0", None),
        checkin(3, 2, "1-2", "notkeen"),
    ]
    weeks = [week_stats(w, members, checkins) for w in range(1, 6)]
    png = render_course_chart(weeks, LABELS)
    assert png_size(png) == (800, 600)
    assert 5_000 < len(png) < 300_000


def test_the_chart_copes_with_one_week_and_no_answers() -> None:
    png = render_course_chart([week_stats(1, [], [])], LABELS)
    assert png_size(png) == (800, 600)


def test_the_chart_needs_one_label_per_response() -> None:
    wrong = ChartLabels(**{**LABELS.__dict__, "responses": ("Loved it",)})
    with pytest.raises(ValueError):
        render_course_chart([], wrong)


# -- /checkins ---------------------------------------------------------------------------------


async def seed_answers(bot: BotHarness) -> dict:
    """A class of three families: Ana and Ben answered week 1 (Ben with a question), Cara not."""
    klass = await seed_class(bot.store, parents=((ANA, "Ana"), (BEN, "Ben"), (CARA, "Cara")))
    await bot.store.save_checkin(
        klass["id"],
        ANA,
        1,
        {"days": "3-4", "response": "loved", "areas": ["legs", "face"], "note": "So calm after"},
    )
    await bot.store.save_checkin(
        klass["id"],
        BEN,
        1,
        {"days": "1-2", "response": "mixed", "areas": ["legs"], "note": "Is oil needed?"},
    )
    return klass


async def test_checkins_shows_rate_aggregates_notes_missing_and_a_chart(bot: BotHarness) -> None:
    await seed_answers(bot)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(INSTRUCTOR, "/checkins")
    (view,) = [c.text for c in bot.api.calls if c.method == "sendMessage"]
    assert says(view, "checkin.view_header", class_name="Tuesday babies", week=1)
    assert says(view, "checkin.view_rate", answered=2, families=3, percent=67)
    assert says(view, "checkin.view_days", mean=2.5)
    assert "3–4: 1" in view and "1–2: 1" in view and "5–7: 0" in view
    assert "Loved it: 1" in view and "Mixed: 1" in view
    assert "Legs and feet: 2" in view and "Face: 1" in view
    assert "<b>Ana</b>: So calm after" in view
    assert says(view, "checkin.view_note_question", name="Ben", note="Is oil needed?")
    assert says(view, "checkin.view_missing", names="Cara")

    (photo,) = [c for c in bot.api.calls if c.method == "sendPhoto"]
    png = photo.files["photo"].content
    assert png_size(png) == (800, 600) and 5_000 < len(png) < 300_000
    assert "Tuesday babies" in photo.params["caption"]


async def test_week_buttons_switch_the_view_in_place(bot: BotHarness) -> None:
    klass = await seed_answers(bot)
    set_clock(bot.app, IN_WEEK_2)
    await bot.say(INSTRUCTOR, "/checkins")
    message_id, buttons = keyboard_message(bot.api, INSTRUCTOR)
    assert [label for label, _ in buttons] == ["Week 1", "· Week 2 ·"]
    assert says(
        bot.texts(INSTRUCTOR)[0], "checkin.view_header", class_name="Tuesday babies", week=2
    )
    await bot.press(INSTRUCTOR, f"ci:v:{klass['id']}:1", message_id=message_id)
    (edit,) = [c for c in bot.api.calls if c.method == "editMessageText"]
    assert edit.params["message_id"] == message_id and says(
        edit.text or "", "checkin.view_rate", answered=2, families=3
    )
    assert count(bot.api, "sendPhoto", INSTRUCTOR) == 1  # the chart is not sent again
    # A week that has not started yet is not offered, and a forged one changes nothing.
    await bot.press(INSTRUCTOR, f"ci:v:{klass['id']}:4", message_id=message_id)
    assert len([c for c in bot.api.calls if c.method == "editMessageText"]) == 1


async def test_an_instructor_with_two_classes_chooses(bot: BotHarness) -> None:
    await seed_answers(bot)
    second = await seed_class(bot.store, name="Thursday class", parents=())
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(INSTRUCTOR, "/checkins")
    message_id, buttons = keyboard_message(bot.api, INSTRUCTOR)
    assert len(buttons) == 2
    await bot.press(INSTRUCTOR, f"ci:vc:{second['id']}", message_id=message_id)
    assert says(
        bot.last_text(INSTRUCTOR), "checkin.view_header", class_name="Thursday class", week=1
    )
    assert says(bot.last_text(INSTRUCTOR), "checkin.view_no_families")
    assert count(bot.api, "sendPhoto", INSTRUCTOR) == 0  # no answers: nothing to draw


async def test_before_the_first_session_there_is_nothing_to_show(bot: BotHarness) -> None:
    await seed_class(bot.store, first_date="2026-04-07")
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(INSTRUCTOR, "/checkins")
    assert says(bot.last_text(INSTRUCTOR), "checkin.view_not_started", class_name="Tuesday babies")


async def test_a_parent_cannot_see_checkins_even_by_forging_buttons(bot: BotHarness) -> None:
    klass = await seed_answers(bot)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkins")
    assert says(bot.last_text(ANA), "core.not_allowed", who=Key("core.who_instructor"))
    for data in (f"ci:v:{klass['id']}:1", f"ci:vc:{klass['id']}", f"ci:x:{klass['id']}"):
        await bot.press(ANA, data)
    assert all(
        says(a, "core.not_allowed", who=Key("core.who_instructor"))
        for a in answers_to_buttons(bot.api)
    )
    leaked = [t for t in bot.texts(ANA) if "Ben" in t or "oil" in t]
    assert leaked == []
    assert count(bot.api, "sendPhoto", ANA) == 0 and count(bot.api, "sendDocument", ANA) == 0


async def test_another_instructor_cannot_see_my_class(bot: BotHarness) -> None:
    klass = await seed_answers(bot)
    await seed_class(bot.store, instructor=501, name="Their own", parents=())
    set_clock(bot.app, IN_WEEK_1)
    for data in (f"ci:v:{klass['id']}:1", f"ci:vc:{klass['id']}", f"ci:x:{klass['id']}"):
        await bot.press(501, data)
    assert all(says(a, "checkin.not_your_class") for a in answers_to_buttons(bot.api))
    assert bot.texts(501) == []
    assert count(bot.api, "sendPhoto", 501) == 0 and count(bot.api, "sendDocument", 501) == 0


async def test_checkins_in_a_group_shows_nothing_there(bot: BotHarness) -> None:
    await seed_answers(bot)
    set_clock(bot.app, IN_WEEK_1)
    await bot.send(tg.group_command(-100777, INSTRUCTOR, "checkins", bot=bot.app.bot))
    assert says(bot.last_text(-100777), "core.private_only")
    assert all("Ben" not in t for t in bot.texts(-100777))
    assert count(bot.api, "sendPhoto", -100777) == 0


async def test_a_carer_answering_counts_for_the_family(bot: BotHarness) -> None:
    klass = await seed_class(bot.store, parents=((ANA, "Ana"), (BEN, "Ben")))
    await add_parent(bot.store, klass["id"], CARA, "Cara", family_of=ANA)
    await bot.store.save_checkin(klass["id"], CARA, 1, {"days": "0", "response": None, "areas": []})
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(INSTRUCTOR, "/checkins")
    view = bot.texts(INSTRUCTOR)[0]
    assert says(view, "checkin.view_rate", answered=1, families=2, percent=50)
    assert says(view, "checkin.view_missing", names="Ben")


async def test_a_double_tap_on_a_class_shows_its_view_and_chart_once(bot: BotHarness) -> None:
    klass = await seed_answers(bot)
    await seed_class(bot.store, name="Thursday class", parents=())
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(INSTRUCTOR, "/checkins")
    message_id, _ = keyboard_message(bot.api, INSTRUCTOR)
    for _ in range(2):  # the second tap lands on the message the first one changed
        await bot.press(INSTRUCTOR, f"ci:vc:{klass['id']}", message_id=message_id)
    assert any(
        says(t, "checkin.view_header", class_name="Tuesday babies", week=1)
        for t in bot.texts(INSTRUCTOR)
    )
    assert count(bot.api, "sendPhoto", INSTRUCTOR) == 1
    assert count(bot.api, "editMessageText", INSTRUCTOR) == 1
    assert all(c.ok for c in bot.api.calls), [c.summary() for c in bot.api.calls if not c.ok]
