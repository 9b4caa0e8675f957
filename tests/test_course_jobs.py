"""The course's scheduled messages, through the real Application: the class's job is run at
chosen instants (a test clock in bot_data) and we check who got what."""

from __future__ import annotations

import time as wall
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from content.lessons import render_lesson
from content.loader import Content
from jobs import course as course_jobs
from jobs.delivery import sent_key
from storage.repo import Store
from tests.conftest import OWNER_ID, BotHarness

INSTRUCTOR = 500
GROUP = -100777
LONDON = "Europe/London"


class Clock:
    """A settable clock for the bot (bot_data["clock"])."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def at(text: str) -> datetime:
    """A London wall-clock time in March 2026 (GMT, before the clocks change) as UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def make_instructor(store: Store, user_id: int = INSTRUCTOR) -> None:
    code = await store.create_invite(OWNER_ID)
    await store.use_invite(code, user_id, "Maya")


async def add_person(
    store: Store, class_id: str, user_id: int, *, carer_of: int | None = None, **user: Any
) -> None:
    role = "carer" if carer_of else "parent"
    await store.add_member(
        class_id, user_id, {"first_name": f"P{user_id}", "role": role, "family_of": carer_of}
    )
    await store.update_user(user_id, {"consent": True, "first_name": f"P{user_id}", **user})


async def make_class(bot: BotHarness, **fields: Any) -> str:
    """A 3-session class from Tuesday 3 March 2026, 10:00 London, with a group and a family."""
    store = bot.store
    if await store.get_instructor(INSTRUCTOR) is None:
        await make_instructor(store)
    record = {
        "name": "Tuesday babies",
        "tz": LONDON,
        "first_date": "2026-03-03",
        "start": "10:00",
        "sessions": 3,
        "length_min": 60,
        "venue": "Oak Hall",
        "moved": {},
        "cancelled": [],
        "ended_after": None,
        "times": {},
        **fields,
    }
    klass = await store.create_class(INSTRUCTOR, record)
    await store.link_group(GROUP, klass["id"])
    await add_person(store, klass["id"], 201)
    await add_person(store, klass["id"], 202)
    await add_person(store, klass["id"], 203, carer_of=201)
    return str(klass["id"])


def set_clock(bot: BotHarness, when: datetime) -> Clock:
    clock = bot.app.bot_data.get("clock")
    if not isinstance(clock, Clock):
        clock = Clock(when)
        bot.app.bot_data["clock"] = clock
    clock.now = when
    return clock


def the_job(bot: BotHarness, class_id: str) -> Any:
    jobs = bot.app.job_queue.get_jobs_by_name(course_jobs.job_name(class_id))
    assert len(jobs) <= 1, "a class must never have two jobs"
    return jobs[0] if jobs else None


def wake_at(bot: BotHarness, class_id: str) -> datetime | None:
    job = the_job(bot, class_id)
    return None if job is None else job.job.trigger.run_date.astimezone(UTC)


async def run_at(bot: BotHarness, class_id: str, when: datetime) -> None:
    """Set the clock and run the class's job, as APScheduler would at that instant."""
    set_clock(bot, when)
    job = the_job(bot, class_id)
    assert job is not None, "the class has no job"
    await job.run(bot.app)


async def schedule(bot: BotHarness, class_id: str, now: datetime) -> None:
    set_clock(bot, now)
    await course_jobs.reschedule_class(bot.app, class_id)


def count(bot: BotHarness, chat_id: int, needle: str) -> int:
    return sum(needle in text for text in bot.texts(chat_id))


# -- reminders --------------------------------------------------------------------------------


async def test_day_before_reminder_goes_to_group_parents_and_carers(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-01T12:00"))
    assert wake_at(bot, cid) == at("2026-03-02T18:00")

    await run_at(bot, cid, at("2026-03-02T18:00"))

    for chat in (GROUP, 201, 202, 203):
        text = bot.last_text(chat)
        assert "tomorrow, Tuesday 3 March, at 10:00" in text
        assert "Tuesday babies" in text and "Oak Hall" in text
    # The instructor is not a member: no reminder for them.
    assert bot.texts(INSTRUCTOR) == []
    # Next: the same-day reminder, two hours before the session.
    assert wake_at(bot, cid) == at("2026-03-03T08:00")


async def test_a_second_run_at_the_same_moment_sends_nothing_again(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-02T18:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))
    before = len(bot.api.sent())
    await course_jobs.run_class(bot.app, cid)
    await course_jobs.rebuild(bot.app)
    await run_at(bot, cid, at("2026-03-02T18:30"))
    assert len(bot.api.sent()) == before


async def test_private_reminders_off_still_reaches_the_group(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await add_person(bot.store, cid, 204, private_reminders=False)
    await schedule(bot, cid, at("2026-03-02T17:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert count(bot, GROUP, "tomorrow") == 1
    assert bot.texts(204) == []
    # Check-in invitations are not reminders: they still come.
    await run_at(bot, cid, at("2026-03-03T08:00"))
    await run_at(bot, cid, at("2026-03-03T12:00"))
    await run_at(bot, cid, at("2026-03-06T10:00"))
    assert bot.texts(204) and "check-in" in bot.last_text(204)


async def test_a_blocked_parent_is_marked_and_skipped_and_the_rest_still_get_it(
    bot: BotHarness,
) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-02T17:00"))
    bot.api.fail_next("sendMessage", error_code=403, chat_id=202)
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert count(bot, 201, "tomorrow") == 1 and count(bot, GROUP, "tomorrow") == 1
    member = await bot.store.get_member(cid, 202)
    assert member is not None and member["active"] is False
    await run_at(bot, cid, at("2026-03-03T08:00"))
    assert count(bot, 201, "is today at 10:00") == 1
    assert not any(c.ok for c in bot.api.calls if c.method == "sendMessage" and c.chat_id == 202)


async def test_quiet_hours_hold_private_messages_but_not_the_group(bot: BotHarness) -> None:
    # An evening class: its summary (an hour after it ends) falls at 21:30.
    cid = await make_class(bot, start="19:30")
    await add_person(bot.store, cid, 205, quiet_start="00:00", quiet_end="00:00")  # no quiet
    await schedule(bot, cid, at("2026-03-03T21:00"))
    assert wake_at(bot, cid) == at("2026-03-03T21:30")

    await run_at(bot, cid, at("2026-03-03T21:30"))
    assert count(bot, GROUP, "Legs and feet") == 1
    assert count(bot, 205, "Legs and feet") == 1
    assert count(bot, 201, "Legs and feet") == 0  # default quiet hours 21:00-08:00
    assert wake_at(bot, cid) == at("2026-03-04T08:00")

    await run_at(bot, cid, at("2026-03-04T08:00"))
    for chat in (GROUP, 201, 202, 203, 205):
        assert count(bot, chat, "Legs and feet") == 1, chat


async def test_a_parents_own_quiet_hours_and_one_reminder_not_two(bot: BotHarness) -> None:
    cid = await make_class(bot)
    # Quiet from 17:00 to 09:30: the day-before reminder (18:00) waits until 09:30, when the
    # same-day one is due too. One reminder is enough.
    await add_person(bot.store, cid, 206, quiet_start="17:00", quiet_end="09:30")
    await schedule(bot, cid, at("2026-03-02T12:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert bot.texts(206) == []
    await run_at(bot, cid, at("2026-03-03T08:00"))
    assert bot.texts(206) == []
    assert wake_at(bot, cid) == at("2026-03-03T09:30")
    await run_at(bot, cid, at("2026-03-03T09:30"))
    assert len(bot.texts(206)) == 1
    assert "is today at 10:00" in bot.last_text(206)


# -- summaries, check-ins, closing --------------------------------------------------------------


async def test_summary_carries_the_week_note(bot: BotHarness, content: Any) -> None:
    cid = await make_class(bot)
    await bot.store.set_week_note(cid, 1, "Bring <a> small towel & oil")
    await schedule(bot, cid, at("2026-03-03T11:30"))
    await run_at(bot, cid, at("2026-03-03T12:00"))
    expected = render_lesson(content.lessons[1], "Bring <a> small towel & oil")
    for chat in (GROUP, 201, 202, 203):
        assert bot.last_text(chat) == expected
    assert "Bring &lt;a&gt; small towel &amp; oil" in expected


async def test_checkin_invitation_and_one_nudge_for_those_who_did_not_answer(
    bot: BotHarness,
) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-03T11:30"))
    await run_at(bot, cid, at("2026-03-03T12:00"))  # the summary
    assert wake_at(bot, cid) == at("2026-03-06T10:00")
    await run_at(bot, cid, at("2026-03-06T10:00"))
    for parent in (201, 202):
        assert "check-in" in bot.last_text(parent)
        assert bot.buttons(parent) == [("Start the check-in", f"ci:start:{cid}:1")]
    assert all("check-in" not in t for t in bot.texts(GROUP))
    assert count(bot, 203, "check-in") == 0  # carers do not check in

    await bot.store.save_checkin(cid, 202, 1, {"days": "3-4"})
    assert wake_at(bot, cid) == at("2026-03-09T10:00")
    await run_at(bot, cid, at("2026-03-09T10:00"))
    assert count(bot, 201, "still open") == 1
    assert count(bot, 202, "still open") == 0
    assert bot.buttons(201) == [("Start the check-in", f"ci:start:{cid}:1")]


async def test_a_carers_checkin_counts_for_their_family(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-06T09:00"))
    await run_at(bot, cid, at("2026-03-06T10:00"))
    await bot.store.save_checkin(cid, 203, 1, {"days": "1-2"})
    await run_at(bot, cid, at("2026-03-09T10:00"))
    assert count(bot, 201, "still open") == 0


async def test_closing_message_and_course_summary_after_the_last_session(
    bot: BotHarness, content: Any
) -> None:
    cid = await make_class(bot, sessions=1)
    await schedule(bot, cid, at("2026-03-03T11:30"))
    await run_at(bot, cid, at("2026-03-03T12:00"))  # the summary
    assert wake_at(bot, cid) == at("2026-03-03T13:00")
    await run_at(bot, cid, at("2026-03-03T13:00"))
    for chat in (GROUP, 201, 202, 203):
        text = bot.last_text(chat)
        assert content.outline.closing[:40] in text
        assert "Week 5" in text  # the whole course outline comes with it
    # Only the last check-in (a private message) is left, then nothing.
    await run_at(bot, cid, wake_at(bot, cid))
    while wake_at(bot, cid) is not None:
        await run_at(bot, cid, wake_at(bot, cid))
    assert count(bot, GROUP, content.outline.closing[:40]) == 1


# -- restarts -----------------------------------------------------------------------------------


async def test_after_downtime_only_what_is_still_useful_is_sent(bot: BotHarness) -> None:
    cid = await make_class(bot)
    # The bot was down from Sunday until 09:00 on the day: the day-before reminder is
    # superseded by the same-day one, which still makes sense before 10:00.
    set_clock(bot, at("2026-03-03T09:00"))
    await course_jobs.rebuild(bot.app)
    assert wake_at(bot, cid) == at("2026-03-03T09:00")
    await run_at(bot, cid, at("2026-03-03T09:00"))
    assert count(bot, GROUP, "tomorrow") == 0
    assert count(bot, GROUP, "is today at 10:00") == 1
    assert count(bot, 201, "is today at 10:00") == 1


async def test_no_reminder_once_the_session_has_started(bot: BotHarness) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-03T10:05"))
    await course_jobs.rebuild(bot.app)
    assert wake_at(bot, cid) == at("2026-03-03T12:00")  # the summary is next
    await run_at(bot, cid, at("2026-03-03T12:00"))
    assert all("10:00" not in t for t in bot.texts(GROUP))
    assert count(bot, GROUP, "Legs and feet") == 1


async def test_rebuild_gives_each_class_one_job_and_none_to_finished_classes(
    bot: BotHarness,
) -> None:
    running = await make_class(bot)
    finished = await make_class(bot, first_date="2025-01-07")
    set_clock(bot, at("2026-03-01T12:00"))
    assert await course_jobs.rebuild(bot.app) == 1
    assert wake_at(bot, running) == at("2026-03-02T18:00")
    assert the_job(bot, finished) is None
    job = the_job(bot, running)
    assert job.job.misfire_grace_time is None and job.job.coalesce is True


async def test_a_restart_sets_the_jobs_from_the_stored_due_moments(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = await make_class(bot)
    pinned = await make_class(bot)
    moved = await make_class(bot)
    set_clock(bot, at("2026-03-01T12:00"))
    assert await course_jobs.rebuild(bot.app) == 3
    await course_jobs.flush_wakes(bot.app)
    # Pinning a reminder changes nothing about when anything falls due; a new first date does
    # (its new moment not stored: as if the bot had stopped before writing it).
    await bot.store.update_class(pinned, {"pinned": {"chat_id": GROUP, "message_id": 5}})
    await bot.store.update_class(moved, {"first_date": "2026-03-10"})
    computed: list[str] = []
    real = course_jobs.next_wake

    def counted(record: Any, *args: Any) -> datetime | None:
        computed.append(str(record["id"]))
        return real(record, *args)

    monkeypatch.setattr(course_jobs, "next_wake", counted)
    set_clock(bot, at("2026-03-01T13:00"))
    assert await course_jobs.rebuild(bot.app) == 3
    assert computed == [moved]
    assert wake_at(bot, running) == wake_at(bot, pinned) == at("2026-03-02T18:00")
    assert wake_at(bot, moved) == at("2026-03-09T18:00")
    # Once stored, the next start computes nothing; new scheduling code computes everything.
    await course_jobs.flush_wakes(bot.app)
    computed.clear()
    assert await course_jobs.rebuild(bot.app) == 3
    assert computed == []
    monkeypatch.setattr(course_jobs, "_code_digest", lambda: "changed")
    assert await course_jobs.rebuild(bot.app) == 3
    assert sorted(computed) == sorted([running, pinned, moved])


async def test_telegram_trouble_is_retried_and_a_chat_that_is_gone_is_not(
    bot: BotHarness,
) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-02T17:00"))
    outbox = bot.app.bot_data["outbox"]
    bot.api.fail_next("sendMessage", error_code=502, chat_id=201, times=2)
    bot.api.fail_next("sendMessage", error_code=400, description="chat not found", chat_id=202)
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert count(bot, 201, "tomorrow") == 0 and count(bot, GROUP, "tomorrow") == 1
    # Telegram's trouble is retried by the outbox a little later (twice here), on its own.
    for seconds in (1, 3):
        set_clock(bot, at("2026-03-02T18:00") + timedelta(seconds=seconds))
        await outbox.drain()
    assert count(bot, 201, "tomorrow") == 1
    # A chat Telegram says is gone is not tried again; nobody got anything twice.
    assert len([c for c in bot.api.calls if c.chat_id == 202]) == 1
    assert count(bot, 202, "tomorrow") == 0
    assert count(bot, GROUP, "tomorrow") == 1 and count(bot, 203, "tomorrow") == 1


async def test_a_moved_session_gets_its_reminders_again(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-09T12:00"))
    await run_at(bot, cid, at("2026-03-09T18:00"))
    assert count(bot, 201, "Tuesday 10 March") == 1
    await bot.store.update_class(cid, {"moved": {"2": "2026-03-12T10:00"}})
    set_clock(bot, at("2026-03-09T18:30"))
    await course_jobs.reschedule_class(bot.app, cid)
    assert wake_at(bot, cid) == at("2026-03-11T18:00")
    await run_at(bot, cid, at("2026-03-11T18:00"))
    assert count(bot, 201, "Thursday 12 March") == 1
    keys = await bot.store.sent_keys(cid)
    assert sent_key("reminder_day_before", "2@20260312100000", 201) in keys


async def test_a_deleted_class_loses_its_job(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-01T12:00"))
    await bot.store.delete_class(cid)
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert the_job(bot, cid) is None
    assert bot.texts(GROUP) == []


async def test_class_times_override_the_defaults(bot: BotHarness) -> None:
    cid = await make_class(bot, times={"reminder_day_before": "19:15", "summary_after": 30})
    await schedule(bot, cid, at("2026-03-01T12:00"))
    assert wake_at(bot, cid) == at("2026-03-02T19:15")
    await schedule(bot, cid, at("2026-03-03T10:30"))
    assert wake_at(bot, cid) == at("2026-03-03T11:30")


@pytest.mark.parametrize("times", [{"summary_after": "soon"}, {"reminder_day_before": "25:00"}])
async def test_unreadable_class_times_fall_back_to_defaults(
    bot: BotHarness, times: dict[str, Any]
) -> None:
    cid = await make_class(bot, times=times)
    await schedule(bot, cid, at("2026-03-01T12:00"))
    assert wake_at(bot, cid) == at("2026-03-02T18:00")


async def test_rebuild_of_many_classes_is_quick(bot: BotHarness) -> None:
    # A small stand-in for bench/schedule.py: 200 classes rebuilt well under a second.
    for _ in range(200):
        await bot.store.create_class(
            INSTRUCTOR,
            {"name": "c", "tz": LONDON, "first_date": "2026-03-03", "start": "10:00"},
        )
    set_clock(bot, at("2026-03-01T12:00"))
    started = wall.perf_counter()
    assert await course_jobs.rebuild(bot.app) == 200
    assert wall.perf_counter() - started < 1.0
    assert len(bot.app.job_queue.jobs("^course:")) == 200


async def test_a_reminder_can_be_answered_and_the_sessions_screen_shows_who_said_what(
    bot: BotHarness,
) -> None:
    cid = await make_class(bot)
    await schedule(bot, cid, at("2026-03-01T12:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))
    answers = [d for _, d in bot.buttons(202)]
    assert answers == [f"rsvp:{cid}:1:yes", f"rsvp:{cid}:1:late", f"rsvp:{cid}:1:no"]
    # In the group, whoever presses answers for themselves.
    await bot.press(201, f"rsvp:{cid}:1:yes", message_chat_id=GROUP)
    await bot.press(202, f"rsvp:{cid}:1:no")
    await bot.press(202, f"rsvp:{cid}:1:no")  # pressed twice: one line to the instructor
    (line,) = bot.api.sent("sendMessage", INSTRUCTOR)
    assert "P202" in line["text"] and "Can't come" in line["text"]
    assert line.get("disable_notification") is True
    member = await bot.store.get_member(cid, 202)
    assert member["rsvp"] == {"1": "no"}
    # A stranger's press changes nothing.
    await bot.press(999, f"rsvp:{cid}:1:yes")
    assert await bot.store.get_member(cid, 999) is None
    await bot.press(INSTRUCTOR, f"ses:list:{cid}")
    screen = bot.last_text(INSTRUCTOR)
    assert "✅ P201" in screen and "❌ P202" in screen
    # A week later the same reminder's button changes nothing and tells nobody.
    set_clock(bot, at("2026-03-09T12:00"))
    told = len(bot.api.sent("sendMessage", INSTRUCTOR))
    await bot.press(202, f"rsvp:{cid}:1:yes")
    (*_, answered) = [c for c in bot.api.calls if c.method == "answerCallbackQuery"]
    assert "over" in answered.params.get("text", "")
    assert (await bot.store.get_member(cid, 202))["rsvp"] == {"1": "no"}
    assert len(bot.api.sent("sendMessage", INSTRUCTOR)) == told


async def test_an_absence_in_words_shows_on_the_sessions_screen(bot: BotHarness) -> None:
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-02T12:00"))
    await bot.say(202, "sorry we can't make it tomorrow, she has a cold")
    await bot.say(201, "we'll be 10 mins late for week 2")
    assert (await bot.store.get_member(cid, 202))["rsvp"] == {"1": "no"}
    assert (await bot.store.get_member(cid, 201))["rsvp"] == {"2": "late"}
    await bot.press(INSTRUCTOR, f"ses:list:{cid}")
    screen = bot.last_text(INSTRUCTOR)
    assert "❌ P202" in screen and "🕒 P201" in screen
    # Coming late is no absence: the parent is not told they will be missed.
    assert "miss you" in bot.texts(202)[-1] and "See you there" in bot.texts(201)[-1]


async def test_an_absence_for_a_named_day_marks_that_days_session(bot: BotHarness) -> None:
    # Sessions on Tuesdays 3, 10 and 17 March: the next one is the 3rd, the day named is not.
    cid = await make_class(bot)
    set_clock(bot, at("2026-03-02T12:00"))
    await bot.say(202, "on the 10th we can't make it, sorry, work thing")
    assert (await bot.store.get_member(cid, 202))["rsvp"] == {"2": "no"}
    await bot.say(201, "le 17 on peut pas, mariage de ma cousine")
    assert (await bot.store.get_member(cid, 201))["rsvp"] == {"3": "no"}
    # A day without a session marks none rather than the wrong week; the instructor reads it.
    await bot.say(202, "we can't come on the 12th, sorry")
    assert (await bot.store.get_member(cid, 202))["rsvp"] == {"2": "no"}
    assert "on the 12th" in bot.last_text(INSTRUCTOR)


async def test_a_reminder_answered_in_the_group_is_thanked_in_the_pressers_language(
    bot: BotHarness, content: Content
) -> None:
    cid = await make_class(bot)
    await add_person(bot.store, cid, 205, lang="de")
    await schedule(bot, cid, at("2026-03-01T12:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))
    await bot.press(205, f"rsvp:{cid}:1:yes", message_chat_id=GROUP)
    (*_, answered) = [c for c in bot.api.calls if c.method == "answerCallbackQuery"]
    assert answered.params.get("text") == content.texts_in("de").raw("rsvp.thanks_yes")


async def test_a_note_in_another_language_than_the_one_chosen_still_reaches_the_instructor(
    bot: BotHarness,
) -> None:
    # A Spanish-speaking parent writes in English; her baby's name stays in what Maya reads.
    cid = await make_class(bot)
    await add_person(bot.store, cid, 204, lang="es")
    await bot.store.update_user(204, {"baby_name": "Mia"})
    set_clock(bot, at("2026-03-02T12:00"))
    await bot.say(204, "Mia can't come tomorrow, she has a cold")
    assert "Mia can't come tomorrow" in bot.last_text(INSTRUCTOR)
    assert (await bot.store.get_member(cid, 204))["rsvp"] == {"1": "no"}
    await bot.say(204, "we'll be 10 minutes late on week 2, sorry!")
    assert (await bot.store.get_member(cid, 204))["rsvp"] == {"1": "no", "2": "late"}


async def test_a_late_arrival_in_spanish_is_marked_late(bot: BotHarness) -> None:
    cid = await make_class(bot)
    await add_person(bot.store, cid, 204, lang="es")
    set_clock(bot, at("2026-03-02T12:00"))
    await bot.say(204, "mañana llegamos 10 minutos tarde, perdón")
    assert (await bot.store.get_member(cid, 204))["rsvp"] == {"1": "late"}
    assert "Nos vemos" in bot.last_text(204)
