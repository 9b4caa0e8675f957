"""/announce and /announcements through the real Application: composing (every button, Cancel
at each step, refusals), the preview, sending now or at a time, the report, late sends and
restarts. Jobs are run directly, as the harness does for every scheduled job."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from content.dates import format_local
from domain.when import parse_when
from handlers import announce
from jobs import announcements as ann_jobs
from jobs.delivery import sent_key
from storage.repo import Store
from tests.conftest import OWNER_ID, BotHarness
from tests.support import updates as tg
from tests.support.says import Key, says, shared_content

# Dates as an English reader types them (every language is read; English goes first).
EN = shared_content().date_words("en")
ENGLISH = shared_content().texts

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*")

INSTR = 501
OTHER_INSTR = 502
PARENTS = {601: "Ana", 602: "Ben", 603: "Cara"}
GROUP = -100_500
TZ = "Europe/London"


async def make_instructor(store: Store, user_id: int, name: str = "Maya") -> None:
    code = await store.create_invite(OWNER_ID)
    assert await store.use_invite(code, user_id, name) is not None


async def make_class(
    store: Store,
    instructor: int = INSTR,
    *,
    name: str = "Tuesday babies",
    group: int | None = GROUP,
    parents: dict[int, str] | None = None,
    **fields: Any,
) -> str:
    klass = await store.create_class(
        instructor,
        {
            "name": name,
            "tz": TZ,
            "first_date": "2030-01-08",
            "start": "10:00",
            "sessions": 5,
            "length_min": 60,
            "venue": "Hall",
            "group_chat_id": None,
            "ended_at": None,
            **fields,
        },
    )
    if "ended" in fields:  # create_class starts every class as not ended
        await store.update_class(klass["id"], {"ended": fields["ended"]})
    if group is not None:
        await store.link_group(group, klass["id"])
    for uid, first in (PARENTS if parents is None else parents).items():
        await store.add_member(klass["id"], uid, {"first_name": first, "role": "parent"})
    return str(klass["id"])


@pytest.fixture
async def cid(bot: BotHarness) -> str:
    """One instructor with one class: a linked group and three families."""
    await make_instructor(bot.store, INSTR)
    return await make_class(bot.store)


def answers(bot: BotHarness) -> list[str]:
    """Texts of the button-press answers (toasts and alerts), in order."""
    return [c.params.get("text", "") for c in bot.api.calls if c.method == "answerCallbackQuery"]


def sends(bot: BotHarness, chat_id: int) -> list[dict[str, Any]]:
    """Every accepted message or photo into a chat."""
    return bot.api.sent("sendMessage", chat_id) + bot.api.sent("sendPhoto", chat_id)


def run_at(job: Any) -> datetime:
    """When a queued job will run (the harness never starts the scheduler: jobs stay pending)."""
    return job.job.trigger.run_date


def only_job(bot: BotHarness) -> Any:
    """The one announcement job queued."""
    jobs = [j for j in bot.app.job_queue.jobs() if (j.name or "").startswith("ann:")]
    assert len(jobs) == 1, [j.name for j in jobs]
    return jobs[0]


async def stored(bot: BotHarness, cid: str) -> list[dict[str, Any]]:
    return await bot.store.announcements(cid)


async def compose(bot: BotHarness, text: str = "Class is in room 3 tomorrow", **kw: Any) -> None:
    """/announce for the one class, to both, and write `text`."""
    await bot.say(INSTR, "/announce")
    await bot.press(INSTR, "ann:aud:both")
    await bot.say(INSTR, text, **kw)


# -- the composer, button by button ------------------------------------------------------------


async def test_send_now_reaches_the_group_and_each_family_once_and_reports(
    bot: BotHarness, cid: str
) -> None:
    await bot.say(INSTR, "/announce")
    assert says(bot.last_text(INSTR), "announce.choose_audience")
    assert [d for _, d in bot.buttons(INSTR)] == [
        "ann:aud:group",
        "ann:aud:private",
        "ann:aud:both",
        "ann:x",
    ]
    assert "(3)" in bot.buttons(INSTR)[1][0]
    await bot.press(INSTR, "ann:aud:both")
    assert says(bot.last_text(INSTR), "announce.write_prompt")
    await bot.say(INSTR, "Bring <b>oil</b> & towels, 10:00 sharp")
    # The preview is the message itself, exactly as it will go out, then the choices.
    preview, controls = bot.texts(INSTR)[-2:]
    assert preview == "Bring &lt;b&gt;oil&lt;/b&gt; &amp; towels, 10:00 sharp"
    assert says(controls, "announce.preview_controls") and "Tuesday babies" in controls
    assert [d for _, d in bot.buttons(INSTR)] == ["ann:now", "ann:later", "ann:x"]
    assert not await stored(bot, cid)

    await bot.press(INSTR, "ann:now")
    assert says(bot.last_text(INSTR), "announce.sending")
    (ann,) = await stored(bot, cid)
    assert ann["status"] == "scheduled" and ann["audience"] == "both"
    job = only_job(bot)
    assert job.name == f"ann:{cid}:{ann['aid']}"
    await job.run(bot.app)

    for chat in (GROUP, *PARENTS):
        (sent,) = sends(bot, chat)
        assert sent["text"] == preview
    # Telegram shows the literal characters, not markup.
    shown = [c.result["text"] for c in bot.api.calls if c.ok and c.chat_id == 601]
    assert shown == ["Bring <b>oil</b> & towels, 10:00 sharp"]
    report = bot.last_text(INSTR)
    assert (
        says(report, "announce.report_title")
        and says(report, "announce.report_group_delivered")
        and "3 of 3" in report
    )
    (ann,) = await stored(bot, cid)
    assert ann["status"] == "sent"
    assert ann["report"] == {
        "group": "delivered",
        "total": 3,
        "delivered": 3,
        "silent": ann["report"]["silent"],  # depends on the hour the test runs
        "blocked": 0,
        "failed": 0,
    }
    # Numbers only: nobody's id is kept in the record (/forgetme leaves nothing behind).
    assert not re.search(r"\b60[123]\b|Ana|Ben|Cara", json.dumps(ann))

    # Running the job again (a restart, a rebuilt job) sends nothing more, not even the report.
    calls = len(bot.api.calls)
    await job.run(bot.app)
    assert len(bot.api.calls) == calls


async def test_the_confirmation_says_until_when_it_is_worth_delivering_and_it_can_be_changed(
    bot: BotHarness, cid: str
) -> None:
    await compose(bot, "Room 3 tomorrow")
    await bot.press(INSTR, "ann:now")
    (ann,) = await stored(bot, cid)
    send_at = ann_jobs.parse_utc(ann["send_at"])

    def until(after: timedelta) -> str:
        return format_local(send_at + after, TZ, ENGLISH)

    confirmation = bot.last_text(INSTR)
    assert "Sending it now" in confirmation
    assert f"keep trying until <b>{until(timedelta(hours=12))}</b>" in confirmation
    dl = f"ann:dl:{cid}:{ann['aid']}:"
    assert bot.buttons(INSTR) == [
        ("Until the next session", dl + "next"),
        ("✓ 12 hours", dl + "12h"),
        ("3 days", dl + "3d"),
    ]
    await bot.press(INSTR, dl + "3d")
    assert f"until {until(timedelta(days=3))}" in answers(bot)[-1]
    assert f"keep trying until <b>{until(timedelta(days=3))}</b>" in bot.last_text(INSTR)
    assert ("✓ 3 days", dl + "3d") in bot.buttons(INSTR)
    (ann,) = await stored(bot, cid)
    assert ann["deadline_choice"] == "3d"
    assert ann_jobs.parse_utc(ann["deadline"]) == send_at + timedelta(days=3)
    # A double tap is answered once and changes nothing.
    calls = len(bot.api.calls)
    await bot.press(INSTR, dl + "3d")
    assert [c.method for c in bot.api.calls[calls:]] == ["answerCallbackQuery"]
    # Until the next session: the class's first one, Tuesday 8 January 2030 at 10:00.
    await bot.press(INSTR, dl + "next")
    assert "keep trying until <b>Tue 8 January, 10:00</b>" in bot.last_text(INSTR)
    assert ("✓ Until the next session", dl + "next") in bot.buttons(INSTR)
    # Forged or another instructor's: refused, nothing changes.
    await bot.press(INSTR, dl + "1w")
    assert "don't know that button" in answers(bot)[-1]
    await make_instructor(bot.store, OTHER_INSTR, "Zoe")
    await bot.press(OTHER_INSTR, dl + "12h")
    assert "isn't one of yours" in answers(bot)[-1]
    (ann,) = await stored(bot, cid)
    assert ann["deadline_choice"] == "next"

    # Once it has reached everyone, there is nothing left to change: the buttons go.
    await only_job(bot).run(bot.app)
    shown = bot.api.simulator.message_with_button(INSTR, dl + "12h")
    assert shown is not None
    await bot.press(INSTR, dl + "12h")
    assert "nothing left to change" in answers(bot)[-1]
    after = bot.api.simulator.message(INSTR, shown["message_id"])
    assert after is not None and not after.get("reply_markup")
    (ann,) = await stored(bot, cid)
    assert ann["status"] == "sent" and ann["deadline_choice"] == "next"


async def test_a_scheduled_announcement_offers_the_next_session_only_if_there_is_one(
    bot: BotHarness, cid: str
) -> None:
    await bot.store.update_class(cid, {"first_date": "2020-01-07", "sessions": 2})
    await compose(bot, "Reunion")
    await bot.press(INSTR, "ann:later")
    await bot.say(INSTR, "tomorrow 9:00")
    (ann,) = await stored(bot, cid)
    expected = format_local(ann_jobs.parse_utc(ann["send_at"]) + timedelta(hours=12), TZ, ENGLISH)
    assert "Scheduled for" in bot.last_text(INSTR)
    assert f"keep trying until <b>{expected}</b>" in bot.last_text(INSTR)
    dl = f"ann:dl:{cid}:{ann['aid']}:"
    assert bot.buttons(INSTR) == [("✓ 12 hours", dl + "12h"), ("3 days", dl + "3d")]
    await bot.press(INSTR, dl + "next")  # an old or forged button
    assert "no session after it goes out" in answers(bot)[-1]
    (ann,) = await stored(bot, cid)
    assert "deadline" not in ann


async def test_the_instructors_formatting_is_kept(bot: BotHarness, cid: str) -> None:
    bold = {"type": "bold", "offset": 0, "length": 4}
    italic = {"type": "italic", "offset": 5, "length": 3}
    link = {"type": "text_link", "offset": 9, "length": 4, "url": "https://example.org/?a=1&b=2"}
    await compose(bot, "Note the room", entities=[bold, italic, link])
    # PTB writes the link's URL as Telegram gave it; Telegram reads a lone "&" there literally.
    expected = '<b>Note</b> <i>the</i> <a href="https://example.org/?a=1&b=2">room</a>'
    assert bot.texts(INSTR)[-2] == expected
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    assert [s["text"] for s in sends(bot, 602)] == [expected]


async def test_a_photo_with_a_caption_is_previewed_and_sent_as_a_photo(
    bot: BotHarness, cid: str
) -> None:
    await bot.say(INSTR, "/announce")
    await bot.press(INSTR, "ann:aud:private")
    await bot.send(
        tg.photo_message(
            INSTR, caption="Our room <3 & the mats", file_id="PHOTO-1", bot=bot.app.bot
        )
    )
    (preview,) = bot.api.sent("sendPhoto", INSTR)
    assert preview["photo"] == "PHOTO-1"
    assert preview["caption"] == "Our room &lt;3 &amp; the mats"
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    for uid in PARENTS:
        (sent,) = bot.api.sent("sendPhoto", uid)
        assert sent["photo"] == "PHOTO-1" and sent["caption"] == preview["caption"]
    assert sends(bot, GROUP) == []  # private chats only
    assert "Class group" not in bot.last_text(INSTR)


async def test_a_photo_without_caption_goes_alone(bot: BotHarness, cid: str) -> None:
    await bot.say(INSTR, "/announce")
    await bot.press(INSTR, "ann:aud:group")
    await bot.send(tg.photo_message(INSTR, file_id="PHOTO-2", bot=bot.app.bot))
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    (sent,) = bot.api.sent("sendPhoto", GROUP)
    assert sent["photo"] == "PHOTO-2" and "caption" not in sent
    assert all(sends(bot, uid) == [] for uid in PARENTS)


async def test_a_new_version_after_the_preview_replaces_the_draft(
    bot: BotHarness, cid: str
) -> None:
    await compose(bot, "Frist draft")
    await bot.say(INSTR, "First draft")
    assert bot.texts(INSTR)[-2] == "First draft"
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    assert [s["text"] for s in sends(bot, 601)] == ["First draft"]


async def test_several_classes_are_offered_and_only_the_instructors_own(
    bot: BotHarness, cid: str
) -> None:
    await make_instructor(bot.store, OTHER_INSTR, "Zoe")
    other = await make_class(bot.store, OTHER_INSTR, name="Zoe's class", group=None)
    second = await make_class(bot.store, name="Thursday babies", group=None, parents={604: "Dee"})
    await bot.say(INSTR, "/announce")
    assert bot.buttons(INSTR) == [
        ("Tuesday babies", f"ann:cls:{cid}"),
        ("Thursday babies", f"ann:cls:{second}"),
        ("Cancel", "ann:x"),
    ]
    # Another instructor's class, forged into the callback data: refused, nothing changes.
    await bot.press(INSTR, f"ann:cls:{other}")
    assert says(answers(bot)[-1], "announce.not_your_class")
    await bot.press(INSTR, "ann:cls:no-such-class")
    assert says(answers(bot)[-1], "announce.not_your_class")
    await bot.press(INSTR, f"ann:cls:{second}")
    # No group linked: only the private chats are offered, and a forged "group" is refused.
    assert [d for _, d in bot.buttons(INSTR)] == ["ann:aud:private", "ann:x"]
    assert says(bot.last_text(INSTR), "announce.no_group_note")
    await bot.press(INSTR, "ann:aud:group")
    assert says(answers(bot)[-1], "announce.no_group")
    await bot.press(INSTR, "ann:aud:both")
    assert says(answers(bot)[-1], "announce.no_group")
    await bot.press(INSTR, "ann:aud:private")
    await bot.say(INSTR, "Thursday is on")
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    assert [s["text"] for s in sends(bot, 604)] == ["Thursday is on"]
    assert all(sends(bot, uid) == [] for uid in PARENTS)
    assert await stored(bot, other) == []


# -- cancel at every step ----------------------------------------------------------------------


async def _reach(bot: BotHarness, step: str) -> None:
    """Walk the composer up to `step` (with two classes, so every step exists)."""
    await bot.say(INSTR, "/announce")
    if step == "class":
        return
    await bot.press(INSTR, bot.buttons(INSTR)[0][1])
    if step == "audience":
        return
    await bot.press(INSTR, "ann:aud:both")
    if step == "write":
        return
    await bot.say(INSTR, "A message")
    if step == "preview":
        return
    await bot.press(INSTR, "ann:later")
    assert step == "when"


@pytest.mark.parametrize("how", ["button", "command"])
@pytest.mark.parametrize("step", ["class", "audience", "write", "preview", "when"])
async def test_cancel_at_each_step_sends_nothing(
    bot: BotHarness, cid: str, step: str, how: str
) -> None:
    await make_class(bot.store, name="Thursday babies", group=None)
    await _reach(bot, step)
    if how == "button":
        assert ("Cancel", "ann:x") in bot.buttons(INSTR)
        await bot.press(INSTR, "ann:x")
    else:
        await bot.say(INSTR, "/cancel")
    assert says(bot.last_text(INSTR), "announce.cancelled")
    assert await stored(bot, cid) == []
    assert not [j for j in bot.app.job_queue.jobs() if (j.name or "").startswith("ann:")]
    # The conversation is over: its buttons are stale, typed text is not an announcement.
    await bot.press(INSTR, "ann:now")
    assert says(bot.last_text(INSTR), "announce.stale")
    assert await stored(bot, cid) == []


# -- refusals and odd input --------------------------------------------------------------------


async def test_a_parent_cannot_announce_or_press_its_buttons(bot: BotHarness, cid: str) -> None:
    await bot.say(601, "/announce")
    assert says(bot.last_text(601), "core.not_allowed", who=Key("core.who_instructor"))
    await bot.say(601, "/announcements")
    assert says(bot.last_text(601), "core.not_allowed", who=Key("core.who_instructor"))
    for data in ("ann:now", f"ann:cls:{cid}", "ann:aud:both", f"ann:del:{cid}:1"):
        await bot.press(601, data)
        assert says(answers(bot)[-1], "core.not_allowed", who=Key("core.who_instructor"))
    assert await stored(bot, cid) == []


async def test_announce_in_the_group_points_to_the_private_chat(bot: BotHarness, cid: str) -> None:
    await bot.send(tg.group_command(GROUP, INSTR, "announce", bot=bot.app.bot))
    assert says(bot.last_text(GROUP), "core.private_only")
    assert await stored(bot, cid) == []


async def test_an_instructor_without_classes_is_pointed_to_newclass(bot: BotHarness) -> None:
    await make_instructor(bot.store, INSTR)
    await bot.say(INSTR, "/announce")
    assert "/newclass" in bot.last_text(INSTR)


async def test_a_class_with_nobody_to_reach_says_so(bot: BotHarness) -> None:
    await make_instructor(bot.store, INSTR)
    await make_class(bot.store, group=None, parents={})
    await bot.say(INSTR, "/announce")
    assert says(bot.last_text(INSTR), "announce.nobody_yet")


async def test_a_sticker_where_the_message_is_expected_gets_a_kind_reply(
    bot: BotHarness, cid: str
) -> None:
    await bot.say(INSTR, "/announce")
    await bot.press(INSTR, "ann:aud:both")
    await bot.send(tg.sticker_message(INSTR, bot=bot.app.bot))
    assert says(bot.last_text(INSTR), "announce.not_a_message")
    await bot.say(INSTR, "Still here")
    assert bot.texts(INSTR)[-2] == "Still here"


async def test_too_long_a_text_or_caption_is_refused_kindly(bot: BotHarness, cid: str) -> None:
    await bot.say(INSTR, "/announce")
    await bot.press(INSTR, "ann:aud:both")
    await bot.say(INSTR, "🌙" * 4000)
    assert says(bot.last_text(INSTR), "core.too_long")
    await bot.send(tg.photo_message(INSTR, caption="x" * 1100, bot=bot.app.bot))
    assert says(bot.last_text(INSTR), "announce.caption_too_long")
    assert bot.api.sent("sendPhoto", INSTR) == []
    await bot.say(INSTR, "Short")
    assert bot.texts(INSTR)[-2] == "Short"


async def test_tampered_buttons_change_nothing(bot: BotHarness, cid: str) -> None:
    await compose(bot, "Hello")
    await bot.press(INSTR, "ann:at:not-a-time")
    assert says(bot.last_text(INSTR), "announce.stale")
    await bot.press(INSTR, "ann:aud:everyone")
    await bot.press(INSTR, "ann:del:nonsense")
    await bot.press(INSTR, f"ann:del:{cid}:999")
    assert says(bot.last_text(INSTR), "announce.gone")
    assert await stored(bot, cid) == []


async def test_forged_data_at_a_step_is_refused_and_the_step_still_works(
    bot: BotHarness, cid: str
) -> None:
    await bot.say(INSTR, "/announce")
    await bot.press(INSTR, "ann:aud:everyone")
    assert says(answers(bot)[-1], "announce.unknown_button")
    await bot.press(INSTR, "ann:aud:private")
    # An old button pressed while writing: a word about it, and the draft carries on.
    await bot.press(INSTR, "ann:aud:both")
    assert says(bot.last_text(INSTR), "announce.stale")
    await bot.say(INSTR, "Still writing")
    assert bot.texts(INSTR)[-2] == "Still writing"
    await bot.press(INSTR, "ann:later")
    await bot.press(INSTR, "ann:at:209912311200x")
    assert says(answers(bot)[-1], "announce.unknown_button")
    await bot.say(INSTR, "tomorrow 10:00")
    assert says(bot.last_text(INSTR), "announce.scheduled")
    (ann,) = await stored(bot, cid)
    assert ann["audience"] == "private" and ann["text_html"] == "Still writing"


async def test_send_now_pressed_twice_sends_once(bot: BotHarness, cid: str) -> None:
    await compose(bot, "Once only")
    await bot.press(INSTR, "ann:now")
    await bot.press(INSTR, "ann:now")
    assert says(bot.last_text(INSTR), "announce.stale")
    await only_job(bot).run(bot.app)
    assert [s["text"] for s in sends(bot, 601)] == ["Once only"]


# -- scheduling --------------------------------------------------------------------------------


def local_today() -> date:
    return datetime.now(ZoneInfo(TZ)).date()


async def test_schedule_by_typing_a_time_lists_it_and_cancel_works_once(
    bot: BotHarness, cid: str
) -> None:
    await compose(bot, "See you Tuesday")
    await bot.press(INSTR, "ann:later")
    assert "London (UK time, now" in bot.last_text(INSTR)
    labels = [label for label, _ in bot.buttons(INSTR)]
    assert "Tomorrow 09:00" in labels and labels[-1] == "Cancel"
    await bot.say(INSTR, "tomorrow 9:00")
    assert says(bot.last_text(INSTR), "announce.scheduled")
    (ann,) = await stored(bot, cid)
    expected = datetime.combine(local_today() + timedelta(days=1), time(9), ZoneInfo(TZ))
    assert ann_jobs.parse_utc(ann["send_at"]) == expected.astimezone(UTC)
    job = only_job(bot)
    assert run_at(job) == expected

    await bot.say(INSTR, "/announcements")
    listing = bot.last_text(INSTR)
    assert "See you Tuesday" in listing and "09:00" in listing
    assert bot.buttons(INSTR) == [("Cancel 1", f"ann:del:{cid}:{ann['aid']}")]
    await bot.press(INSTR, f"ann:del:{cid}:{ann['aid']}")
    assert says(bot.last_text(INSTR), "announce.cancelled_one")
    assert says(bot.last_text(INSTR), "announce.list_empty")
    assert (await stored(bot, cid))[0]["status"] == "cancelled"
    assert not bot.app.job_queue.get_jobs_by_name(job.name)
    # Pressed again: a kind word, nothing else.
    await bot.press(INSTR, f"ann:del:{cid}:{ann['aid']}")
    assert says(bot.last_text(INSTR), "announce.already_cancelled")
    # Even if the removed job ran, a cancelled announcement is not sent.
    await job.run(bot.app)
    assert all(sends(bot, uid) == [] for uid in (GROUP, *PARENTS))


async def test_zones_are_shown_as_the_place_the_instructor_chose_never_a_zone_name(
    bot: BotHarness,
) -> None:
    await make_instructor(bot.store, INSTR)
    cid = await make_class(bot.store, tz="Europe/Berlin", place="Munich")
    await compose(bot, "Room 3 tomorrow")
    await bot.press(INSTR, "ann:later")
    shown = [bot.last_text(INSTR)]
    assert re.search(r"local time: Munich \(Germany time, now \d\d:\d\d\)", shown[0])
    tomorrow = datetime.now(ZoneInfo("Europe/Berlin")).date() + timedelta(days=1)
    await bot.say(INSTR, f"{tomorrow - timedelta(days=2):%d.%m.%Y} 10:00")
    shown.append(bot.last_text(INSTR))
    assert "already passed in Munich (Germany time, now" in shown[-1]
    await bot.say(INSTR, f"{tomorrow:%d.%m.%Y} 10:00")
    shown.append(bot.last_text(INSTR))
    assert "Scheduled for" in shown[-1] and "Munich (Germany time, now" in shown[-1]
    await bot.say(INSTR, "/announcements")
    shown.append(bot.last_text(INSTR))
    assert "Munich (Germany time, now" in shown[-1]
    assert not [t for t in shown if "Europe/" in t]
    assert len(await stored(bot, cid)) == 1


async def test_a_quick_time_button_schedules(bot: BotHarness, cid: str) -> None:
    await compose(bot, "Quick")
    await bot.press(INSTR, "ann:later")
    stamp = (local_today() + timedelta(days=1)).strftime("%Y%m%d") + "1800"
    await bot.press(INSTR, f"ann:at:{stamp}")
    assert says(bot.last_text(INSTR), "announce.scheduled")
    (ann,) = await stored(bot, cid)
    assert ann["status"] == "scheduled"


async def test_times_in_the_past_or_after_the_data_is_deleted_are_refused(
    bot: BotHarness,
) -> None:
    await make_instructor(bot.store, INSTR)
    ended = datetime.now(UTC) - timedelta(days=85)  # deleted 5 days from now
    cid = await make_class(bot.store, ended=True, ended_at=ended.isoformat())
    await compose(bot, "Reunion!")
    await bot.press(INSTR, "ann:later")
    yesterday = local_today() - timedelta(days=1)
    await bot.say(INSTR, f"{yesterday:%Y-%m-%d} 10:00")
    assert says(bot.last_text(INSTR), "announce.when_past")
    await bot.say(INSTR, f"{local_today() + timedelta(days=10):%d.%m.%Y} 10:00")
    assert says(bot.last_text(INSTR), "announce.when_after_deletion")
    await bot.say(INSTR, f"{local_today() + timedelta(days=400):%Y-%m-%d} 10:00")
    assert says(bot.last_text(INSTR), "announce.when_after_deletion")
    await bot.say(INSTR, "whenever suits")
    assert says(bot.last_text(INSTR), "announce.when_not_understood")
    await bot.send(tg.sticker_message(INSTR, bot=bot.app.bot))
    assert says(bot.last_text(INSTR), "announce.when_not_understood")
    assert await stored(bot, cid) == []
    await bot.say(INSTR, f"{local_today() + timedelta(days=2):%d/%m} 10:00")
    assert says(bot.last_text(INSTR), "announce.scheduled")
    assert len(await stored(bot, cid)) == 1


async def test_more_than_a_year_ahead_is_taken_for_a_typo(bot: BotHarness, cid: str) -> None:
    await compose(bot, "Far")
    await bot.press(INSTR, "ann:later")
    await bot.say(INSTR, f"{local_today() + timedelta(days=400):%Y-%m-%d} 10:00")
    assert says(bot.last_text(INSTR), "announce.when_too_far")


def next_spring_forward() -> date:
    """The next last Sunday of March (Europe/London's clocks go forward at 01:00)."""
    today = local_today()
    for year in (today.year, today.year + 1):
        day = date(year, 3, 31)
        day -= timedelta(days=(day.weekday() + 1) % 7)
        if day > today:
            return day
    raise AssertionError("unreachable")


async def test_a_time_the_clocks_skip_goes_out_after_the_gap_and_says_so(
    bot: BotHarness, cid: str
) -> None:
    day = next_spring_forward()
    await compose(bot, "Clocks")
    await bot.press(INSTR, "ann:later")
    await bot.say(INSTR, f"{day:%Y-%m-%d} 01:30")
    reply = bot.last_text(INSTR)
    assert says(reply, "announce.dst_gap") and "02:30" in reply
    (ann,) = await stored(bot, cid)
    assert ann_jobs.parse_utc(ann["send_at"]) == datetime.combine(day, time(1, 30), UTC)


# -- when the time comes: on time, late, too late, after a restart -----------------------------


async def send_at_time(bot: BotHarness, cid: str, aid: int, now: datetime) -> Any:
    """Run an announcement's sending as if the bot's clock said `now` (the outbox, which
    decides what is too late, reads the same clock)."""
    bot.app.bot_data["clock"] = lambda: now
    return await ann_jobs.send_announcement(bot.app, cid, aid)


async def schedule_one(bot: BotHarness, cid: str, send_at: datetime, **fields: Any) -> int:
    ann = await bot.store.add_announcement(
        cid,
        {
            "status": "scheduled",
            "send_at": send_at.isoformat(),
            "audience": "both",
            "text_html": "Stored &amp; ready",
            "photo": None,
            "created_by": INSTR,
            "report": None,
            **fields,
        },
    )
    return int(ann["aid"])


async def test_a_due_announcement_is_sent_and_one_woken_early_waits(
    bot: BotHarness, cid: str
) -> None:
    at = datetime.now(UTC) + timedelta(hours=3)
    aid = await schedule_one(bot, cid, at)
    early = await send_at_time(bot, cid, aid, at - timedelta(hours=1))
    assert early is not None and early["status"] == "scheduled"
    assert run_at(only_job(bot)) == at
    done = await send_at_time(bot, cid, aid, at + timedelta(seconds=5))
    assert done is not None and done["status"] == "sent"
    assert all(len(sends(bot, c)) == 1 for c in (GROUP, *PARENTS))


async def test_a_late_announcement_is_sent_if_still_useful_else_marked_missed(
    bot: BotHarness, cid: str
) -> None:
    at = datetime.now(UTC) - timedelta(hours=20)
    late = await schedule_one(bot, cid, at)
    done = await send_at_time(bot, cid, late, at + timedelta(hours=11))
    assert done is not None and done["status"] == "sent"
    too_late = await schedule_one(bot, cid, at)
    missed = await send_at_time(bot, cid, too_late, at + timedelta(hours=13))
    assert missed is not None and missed["status"] == "missed"
    assert says(bot.last_text(INSTR), "announce.missed") and "Stored &amp; ready" in bot.last_text(
        INSTR
    )
    assert all(len(sends(bot, c)) == 1 for c in (GROUP, *PARENTS))
    # Told once, however often it is looked at again.
    calls = len(bot.api.calls)
    await send_at_time(bot, cid, too_late, at + timedelta(hours=14))
    assert len(bot.api.calls) == calls


async def test_nothing_is_sent_once_the_class_data_is_due_for_deletion(bot: BotHarness) -> None:
    await make_instructor(bot.store, INSTR)
    ended = datetime.now(UTC) - timedelta(days=90, minutes=5)
    cid = await make_class(bot.store, ended=True, ended_at=ended.isoformat())
    aid = await schedule_one(bot, cid, datetime.now(UTC) - timedelta(minutes=10))
    result = await ann_jobs.send_announcement(bot.app, cid, aid)
    assert result is not None and result["status"] == "missed"
    assert all(sends(bot, c) == [] for c in (GROUP, *PARENTS))


async def test_restart_rebuilds_jobs_for_what_is_still_to_send_only(
    bot: BotHarness, cid: str
) -> None:
    future = datetime.now(UTC) + timedelta(days=1)
    keep = await schedule_one(bot, cid, future)
    overdue = await schedule_one(bot, cid, datetime.now(UTC) - timedelta(minutes=5))
    half = await schedule_one(
        bot,
        cid,
        datetime.now(UTC) - timedelta(minutes=1),
        status="sending",
        recipients={"group": GROUP, "private": list(PARENTS)},
    )
    await schedule_one(bot, cid, future, status="cancelled")
    await schedule_one(bot, cid, future, status="sent")
    # The half-sent one had reached Ana before the "crash".
    await bot.store.mark_sent(cid, sent_key("ann", half, 601))
    for _ in range(2):  # twice: deterministic names, no duplicate jobs
        await announce.on_startup(bot.app)
    names = sorted(j.name for j in bot.app.job_queue.jobs() if j.name.startswith("ann:"))
    assert names == sorted(f"ann:{cid}:{aid}" for aid in (keep, overdue, half))
    for aid in (overdue, half):
        (job,) = bot.app.job_queue.get_jobs_by_name(f"ann:{cid}:{aid}")
        await job.run(bot.app)
    assert len(sends(bot, 601)) == 1  # only the overdue one: the half-sent one had reached Ana
    assert all(len(sends(bot, c)) == 2 for c in (GROUP, 602, 603))
    statuses = {a["aid"]: a["status"] for a in await stored(bot, cid)}
    assert statuses[keep] == "scheduled" and statuses[overdue] == statuses[half] == "sent"


async def test_blocked_parents_are_reported_by_name_and_skipped_next_time(
    bot: BotHarness,
) -> None:
    await make_instructor(bot.store, INSTR)
    cid = await make_class(bot.store, parents={601: "Ana", 602: "<Ben & Co>", 603: "Cara"})
    bot.api.simulator.blocked(602)
    bot.api.fail_next("sendMessage", error_code=400, chat_id=603, times=1)
    await compose(bot, "First")
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    report = bot.last_text(INSTR)
    assert "1 of 3" in report
    assert says(report, "announce.report_blocked", count=1, names="<Ben & Co>")
    assert says(report, "announce.report_failed", count=1, names="Cara")
    member = await bot.store.get_member(cid, 602)
    assert member is not None and member["active"] is False
    # Next time Ben is skipped (not even tried), Cara is tried again.
    bot.api.reset()
    bot.api.simulator.blocked(602)
    await compose(bot, "Second")
    await bot.press(INSTR, "ann:now")
    (job,) = [j for j in bot.app.job_queue.jobs() if j.name.endswith(":2")]
    await job.run(bot.app)
    assert not [c for c in bot.api.calls if c.chat_id == 602]
    # Ben is not tried, but the report still says he did not get it.
    assert "2 of 3" in bot.last_text(INSTR) and "Ben" in bot.last_text(INSTR)


async def test_families_in_their_quiet_hours_get_it_without_a_sound(
    bot: BotHarness, cid: str
) -> None:
    noon = datetime.combine(local_today() + timedelta(days=1), time(12), ZoneInfo(TZ))
    await bot.store.update_user(601, {"quiet_start": "11:00", "quiet_end": "13:00"})
    await bot.store.update_user(602, {"quiet_start": "21:00", "quiet_end": "08:00"})
    await bot.store.update_user(603, {"quiet_start": "00:00", "quiet_end": "00:00"})  # none
    aid = await schedule_one(bot, cid, noon)
    await send_at_time(bot, cid, aid, noon.astimezone(UTC))
    silent = {
        uid: bool(sends(bot, uid)[0].get("disable_notification")) for uid in (GROUP, *PARENTS)
    }
    assert silent == {GROUP: False, 601: True, 602: False, 603: False}
    assert says(bot.last_text(INSTR), "announce.report_silent", count=1)


async def test_a_group_unlinked_before_sending_is_reported(bot: BotHarness, cid: str) -> None:
    aid = await schedule_one(bot, cid, datetime.now(UTC), audience="group")
    await bot.store.unlink_group(GROUP)
    await ann_jobs.send_announcement(bot.app, cid, aid)
    assert sends(bot, GROUP) == []
    assert says(bot.last_text(INSTR), "announce.report_group_unlinked")


async def test_cancel_after_sending_answers_kindly(bot: BotHarness, cid: str) -> None:
    aid = await schedule_one(bot, cid, datetime.now(UTC) + timedelta(hours=1))
    await bot.say(INSTR, "/announcements")
    await send_at_time(bot, cid, aid, datetime.now(UTC) + timedelta(hours=1))
    await bot.press(INSTR, f"ann:del:{cid}:{aid}")
    assert says(bot.last_text(INSTR), "announce.already_sent")
    (ann,) = await stored(bot, cid)
    assert ann["status"] == "sent"


async def test_another_instructors_announcement_cannot_be_cancelled(
    bot: BotHarness, cid: str
) -> None:
    aid = await schedule_one(bot, cid, datetime.now(UTC) + timedelta(hours=1))
    await make_instructor(bot.store, OTHER_INSTR)
    await bot.say(OTHER_INSTR, "/announcements")
    assert says(bot.last_text(OTHER_INSTR), "announce.list_empty")
    await bot.press(OTHER_INSTR, f"ann:del:{cid}:{aid}")
    assert says(answers(bot)[-1], "announce.not_your_class")
    assert (await stored(bot, cid))[0]["status"] == "scheduled"


# -- reading typed times -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2030-03-30 09:00", (date(2030, 3, 30), time(9))),
        ("2030-03-30T09:00", (date(2030, 3, 30), time(9))),
        ("30.03.2030 9:05", (date(2030, 3, 30), time(9, 5))),
        ("30/03/2030 18:30", (date(2030, 3, 30), time(18, 30))),
        ("30.03 18:30", (date(2030, 3, 30), time(18, 30))),
        ("2.1 10:00", (date(2031, 1, 2), time(10))),  # already past this year: next year
        ("Tomorrow 9am", (date(2030, 3, 11), time(9))),
        ("today at 6pm", (date(2030, 3, 10), time(18))),
        ("12:00", (date(2030, 3, 10), time(12))),
        ("12pm", (date(2030, 3, 10), time(12))),
        ("12am", (date(2030, 3, 10), time(0))),
    ],
)
def test_typed_times_are_read(typed: str, expected: tuple[date, time]) -> None:
    assert parse_when(typed, date(2030, 3, 10), words=EN) == expected


@pytest.mark.parametrize(
    "typed", ["", "soon", "9", "25:00", "10:61", "31.02 10:00", "13pm", "yesterday 9:00", "🌙"]
)
def test_what_is_not_a_time_is_not_guessed(typed: str) -> None:
    assert parse_when(typed, date(2030, 3, 10), words=EN) is None


async def test_the_audience_button_counts_families_not_people(bot: BotHarness, cid: str) -> None:
    # Ana's partner joined as her carer: still three families, four private chats.
    await bot.store.add_member(cid, 604, {"first_name": "Dan", "role": "carer", "family_of": 601})
    await bot.say(INSTR, "/announce")
    labels = [label for label, _ in bot.buttons(INSTR)]
    assert any("(3)" in label for label in labels), labels


async def test_a_parent_who_blocked_the_bot_before_is_in_the_report(
    bot: BotHarness, cid: str
) -> None:
    # Cara blocked the bot last week: Telegram told us, and she is no longer tried.
    await bot.send(tg.my_chat_member_update(603, 603, "member", "kicked", bot=bot.app.bot))
    await compose(bot, "See you Tuesday")
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    assert not sends(bot, 603)
    report = bot.last_text(INSTR)
    assert "2 of 3" in report and "Cara" in report


async def test_a_blank_announcement_is_asked_for_again(bot: BotHarness, cid: str) -> None:
    await compose(bot, "   \n  ")
    assert "empty" in bot.last_text(INSTR)
    await bot.say(INSTR, "Class is in room 3")
    assert says(bot.last_text(INSTR), "announce.preview_controls")


async def test_many_scheduled_announcements_are_listed_page_by_page(
    bot: BotHarness, cid: str
) -> None:
    for n in range(30):
        await bot.store.add_announcement(
            cid,
            {
                "status": "scheduled",
                "audience": "both",
                "send_at": f"2030-01-{n % 28 + 1:02d}T09:{n:02d}:00+00:00",
                "text_html": f"Reminder number {n} " + "with a long explanation " * 8,
            },
        )
    await bot.say(INSTR, "/announcements")
    first = bot.last_text(INSTR)
    assert "Page 1 of 4" in first and tg.utf16_len(first) <= 4096
    buttons = bot.buttons(INSTR)
    assert len(buttons) <= 100 and ("Later ›", "ann:page:1") in buttons
    await bot.press(INSTR, "ann:page:3")
    assert "Page 4 of 4" in bot.last_text(INSTR)
    assert ("‹ Earlier", "ann:page:2") in bot.buttons(INSTR)


async def test_send_now_on_the_bots_clock_goes_out_when_that_clock_is_days_ahead(
    bot: BotHarness, cid: str
) -> None:
    # The playground's clock jumps ahead of the real one; "Send now" is now on the bot's clock,
    # never reported missed because the real clock is days behind.
    from tests.test_course_jobs import set_clock

    set_clock(bot, datetime.now(UTC) + timedelta(days=9))
    await compose(bot)
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    for chat in (GROUP, *PARENTS):
        assert len(sends(bot, chat)) == 1, chat
    (ann,) = await stored(bot, cid)
    assert ann["status"] == "sent"
