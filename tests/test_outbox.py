"""The durable outbound queue (jobs/outbox.py) through Telegram outages and restarts, and
replies going first (jobs/pacing.py, handlers/concurrency.py).

The real Application, JobQueue-free job functions, Store on disk and rate limiter run against the
recording fake Bot API. Time is the bot's test clock (bot_data["clock"]): an outage of 60 s or
10 minutes is the clock moved on in steps while Telegram answers 502, so nothing waits for real.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from telegram import Update
from telegram.request import RequestData

from bot import build_application, startup
from config import Settings
from content.loader import Content
from jobs import announcements as ann_jobs
from jobs.outbox import outbox_of
from jobs.pacing import TelegramRateLimiter
from storage.repo import Store
from tests.conftest import TOKEN, BotHarness, unpaced
from tests.support import updates as tg
from tests.support.fake_request import RecordingRequest
from tests.support.says import says, shared_content

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*")

INSTR = 501
GROUP = -100_555
REPORT = "Delivery report"
STILL_SENDING = "still sending"


class Clock:
    """The bot's clock, moved on by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def seed(store: Store, parents: range) -> str:
    """An instructor's class with its group and one family per id in `parents`."""
    code = await store.create_invite(1001)
    await store.use_invite(code, INSTR, "Maya")
    klass = await store.create_class(
        INSTR, {"name": "Big class", "tz": "Europe/London", "group_chat_id": None}
    )
    await store.link_group(GROUP, klass["id"])
    for uid in parents:
        await store.add_member(klass["id"], uid, {"first_name": f"P{uid}", "role": "parent"})
        # No quiet hours: the test runs at any hour and should not depend on it.
        await store.update_user(uid, {"quiet_start": "00:00", "quiet_end": "00:00"})
    return str(klass["id"])


async def announce(store: Store, cid: str, at: datetime, text: str = "Room 3 tomorrow") -> int:
    """An announcement stored as /announce's Send now stores it."""
    ann = await store.add_announcement(
        cid,
        {
            "status": "scheduled",
            "send_at": at.isoformat(),
            "audience": "both",
            "text_html": text,
            "photo": None,
            "created_by": INSTR,
            "report": None,
        },
    )
    return int(ann["aid"])


def received(api: RecordingRequest, chat: int, text: str) -> int:
    """How many accepted sends into `chat` carried `text`."""
    return sum(1 for t in api.texts(chat) if text in t)


async def status(store: Store, cid: str, aid: int) -> str:
    ann = await store.get_announcement(cid, aid)
    assert ann is not None
    return str(ann["status"])


async def advance(bot: BotHarness, clock: Clock, seconds: float, step: float) -> None:
    """Move the bot's clock on by `seconds`, letting the outbox do what falls due each step."""
    outbox = outbox_of(bot.app)
    moved = 0.0
    while moved < seconds:
        clock.now += timedelta(seconds=step)
        moved += step
        await asyncio.wait_for(outbox.drain(), 30)


def final_report(api: RecordingRequest) -> str:
    """The report as the instructor sees it now (the last message in their chat, as edited)."""
    message = api.simulator.last_message(INSTR)
    assert message is not None, "no report"
    return str(message.get("text") or "")


@pytest.mark.parametrize(("outage_s", "step_s"), [(60, 5), (600, 20)])
async def test_an_outage_during_an_announcement_to_200_chats_loses_nothing(
    bot: BotHarness, outage_s: int, step_s: int
) -> None:
    parents = range(10_000, 10_200)
    blocked = (10_003, 10_100, 10_199)
    cid = await seed(bot.store, parents)
    clock = Clock(datetime.now(UTC))
    bot.app.bot_data["clock"] = clock
    aid = await announce(bot.store, cid, clock.now)
    bot.api.simulator.blocked(*blocked)
    # Telegram answers 502 to every message for the length of the outage.
    bot.api.simulator.fail("sendMessage", error_code=502, times=10**9)

    result = await ann_jobs.send_announcement(bot.app, cid, aid)
    assert result is not None and result["status"] == "sending"
    await advance(bot, clock, outage_s - step_s, step_s)
    # Honest all along: nothing arrived, so it is still "sending", never "sent".
    assert await status(bot.store, cid, aid) == "sending"
    assert not any(received(bot.api, uid, "Room 3") for uid in parents)

    bot.api.simulator.clear_failures()  # Telegram is back
    await advance(bot, clock, 120, step_s)
    assert await status(bot.store, cid, aid) == "sent"
    reachable = [uid for uid in parents if uid not in blocked]
    assert [received(bot.api, uid, "Room 3") for uid in reachable] == [1] * len(reachable)
    assert received(bot.api, GROUP, "Room 3") == 1
    assert not any(received(bot.api, uid, "Room 3") for uid in blocked)
    report = final_report(bot.api)
    assert REPORT in report and STILL_SENDING not in report
    assert "197 of 200" in report and says(report, "announce.report_blocked", count=3)
    assert says(report, "announce.report_group_delivered")
    # One report, or an interim one edited into the final one: never two final reports.
    reports = [t for t in bot.api.texts(INSTR) if REPORT in t]
    assert 1 <= len(reports) <= 2 and sum(STILL_SENDING not in t for t in reports) <= 1
    stored = await bot.store.get_announcement(cid, aid)
    assert stored is not None and stored["report"]["blocked"] == 3
    assert stored["report"]["delivered"] == 197


async def test_chats_still_failing_at_the_deadline_make_it_partly_sent(bot: BotHarness) -> None:
    parents = range(700, 705)
    cid = await seed(bot.store, parents)
    clock = Clock(datetime.now(UTC))
    bot.app.bot_data["clock"] = clock
    aid = await announce(bot.store, cid, clock.now)
    bot.api.simulator.fail("sendMessage", error_code=502, chat_id=702, times=10**9)
    await ann_jobs.send_announcement(bot.app, cid, aid)
    # Four of five have it; the instructor hears so after a while, and that one is still tried.
    await advance(bot, clock, 180, 30)
    assert await status(bot.store, cid, aid) == "sending"
    interim = final_report(bot.api)
    assert (
        STILL_SENDING in interim
        and "4 of 5" in interim
        and says(interim, "announce.report_pending", count=1, names="P702")
    )
    # Past the announcement's deadline it is given up: the report is edited, honestly.
    await advance(bot, clock, ann_jobs.LATE_LIMIT.total_seconds(), 3600)
    assert await status(bot.store, cid, aid) == "partly_sent"
    final = final_report(bot.api)
    assert (
        STILL_SENDING not in final
        and "4 of 5" in final
        and says(final, "announce.report_expired", count=1, names="P702")
    )
    assert len([t for t in bot.api.texts(INSTR) if REPORT in t]) == 1  # edited, not repeated


async def test_the_instructors_deadline_decides_when_a_failing_family_is_given_up(
    bot: BotHarness,
) -> None:
    parents = range(700, 703)
    cid = await seed(bot.store, parents)
    clock = Clock(datetime.now(UTC))
    bot.app.bot_data["clock"] = clock
    # The class's next session starts in about three hours.
    session = (clock.now + timedelta(hours=3)).astimezone(ZoneInfo("Europe/London"))
    session = session.replace(second=0, microsecond=0)
    await bot.store.update_class(
        cid,
        {
            "first_date": session.date().isoformat(),
            "start": f"{session:%H:%M}",
            "sessions": 5,
            "length_min": 60,
        },
    )
    soon = await announce(bot.store, cid, clock.now, "Until the session")
    bot.api.simulator.fail("sendMessage", error_code=502, chat_id=702, times=10**9)
    # The instructor chose "until the next session" before it went out.
    await bot.press(INSTR, f"ann:dl:{cid}:{soon}:next")
    await ann_jobs.send_announcement(bot.app, cid, soon)
    await advance(bot, clock, 2.5 * 3600, 900)
    assert await status(bot.store, cid, soon) == "sending"
    await advance(bot, clock, 3600, 900)
    # Given up when the session started, and the report says who, and that it was the deadline.
    assert await status(bot.store, cid, soon) == "partly_sent"
    deadline = ann_jobs.format_local(
        session.astimezone(UTC), "Europe/London", shared_content().texts
    )
    final = final_report(bot.api)
    assert f"Couldn't deliver (1) by {deadline}, your deadline: P702" in final
    assert STILL_SENDING not in final and "2 of 3" in final

    # The next one gets three days, chosen while it is being sent: it is still tried long after
    # the default 12 hours, and gets there.
    later = await announce(bot.store, cid, clock.now, "For three days")
    await ann_jobs.send_announcement(bot.app, cid, later)
    assert await status(bot.store, cid, later) == "sending"
    await bot.press(INSTR, f"ann:dl:{cid}:{later}:3d")
    await advance(bot, clock, 13 * 3600, 3600)
    assert await status(bot.store, cid, later) == "sending"
    assert received(bot.api, 702, "For three days") == 0
    bot.api.simulator.clear_failures()
    await advance(bot, clock, 120, 20)
    assert await status(bot.store, cid, later) == "sent"
    assert received(bot.api, 702, "For three days") == 1
    assert received(bot.api, 702, "Until the session") == 0


@asynccontextmanager
async def running(
    settings: Settings, content: Content, data: Path, api: RecordingRequest, clock: Clock
) -> AsyncIterator[Any]:
    """The bot started on the data folder `data` (opened from disk), stopped at the end."""
    store = Store(data)
    await store.open()
    app = build_application(
        Settings(token=TOKEN, owner_ids=settings.owner_ids, data_dir=data),
        store,
        content,
        request=api,
        rate_limiter=unpaced(),
    )
    app.bot_data["clock"] = clock
    try:
        async with app:
            await startup(app)
            yield app
    finally:
        await store.close()


async def test_a_restart_mid_delivery_resumes_where_it_stopped(
    settings: Settings, content: Content, tmp_path: Path
) -> None:
    data = tmp_path / "restart"
    parents = range(800, 850)
    clock = Clock(datetime.now(UTC))
    store = Store(data)
    await store.open()
    cid = await seed(store, parents)
    aid = await announce(store, cid, clock.now)
    await store.close()

    first = RecordingRequest()
    # Telegram is down for the second half of the families when the bot stops.
    for uid in parents[25:]:
        first.simulator.fail("sendMessage", error_code=502, chat_id=uid, times=10**9)
    async with running(settings, content, data, first, clock) as app:
        result = await ann_jobs.send_announcement(app, cid, aid)
        assert result is not None and result["status"] == "sending"
    assert all(received(first, uid, "Room 3") == 1 for uid in parents[:25])

    second = RecordingRequest()
    clock.now += timedelta(minutes=5)
    async with running(settings, content, data, second, clock) as app:
        outbox = outbox_of(app)
        await asyncio.wait_for(outbox.drain(), 30)
        ann = await app.bot_data["store"].get_announcement(cid, aid)
        assert ann is not None and ann["status"] == "sent"
    # Each family has it exactly once across both runs; the report counts all 50.
    for uid in parents:
        assert received(first, uid, "Room 3") + received(second, uid, "Room 3") == 1, uid
    assert received(first, GROUP, "Room 3") + received(second, GROUP, "Room 3") == 1
    assert len([t for t in second.texts(INSTR) if REPORT in t]) == 1
    assert "50 of 50" in final_report(second) and STILL_SENDING not in final_report(second)
    assert not [t for t in first.texts(INSTR) if REPORT in t]


async def test_a_group_that_became_a_supergroup_is_followed(bot: BotHarness) -> None:
    cid = await seed(bot.store, range(900, 901))
    aid = await announce(bot.store, cid, datetime.now(UTC))
    bot.api.fail_next("sendMessage", error_code=400, chat_id=GROUP, migrate_to_chat_id=-100_999)
    await ann_jobs.send_announcement(bot.app, cid, aid)
    assert received(bot.api, -100_999, "Room 3") == 1
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["group_chat_id"] == -100_999


async def test_a_person_forgotten_while_queued_is_not_sent_to(bot: BotHarness) -> None:
    cid = await seed(bot.store, range(910, 913))
    clock = Clock(datetime.now(UTC))
    bot.app.bot_data["clock"] = clock
    aid = await announce(bot.store, cid, clock.now)
    bot.api.simulator.fail("sendMessage", error_code=502, times=10**9)
    await ann_jobs.send_announcement(bot.app, cid, aid)
    await bot.store.forget_user(911)
    bot.api.simulator.clear_failures()
    await advance(bot, clock, 60, 10)
    assert received(bot.api, 910, "Room 3") == 1 and received(bot.api, 912, "Room 3") == 1
    assert received(bot.api, 911, "Room 3") == 0
    assert "2 of 2" in final_report(bot.api)


# -- replies first -----------------------------------------------------------------------------


@dataclass
class Paced:
    """A bot with the production rate limiter (fast, so the test is quick) over the fake API."""

    app: Any
    api: RecordingRequest
    store: Store


@pytest.fixture
async def paced(settings: Settings, store: Store, content: Content) -> AsyncIterator[Paced]:
    api = RecordingRequest()
    limiter = TelegramRateLimiter(rate_per_s=200, group_per_min=20, private_gap_s=1.0)
    app = build_application(settings, store, content, request=api, rate_limiter=limiter)
    errors: list[BaseException] = []

    async def collect(update: object, context: Any) -> None:
        errors.append(context.error)

    app.add_error_handler(collect)
    async with app:
        await startup(app)
        yield Paced(app, api, store)
    assert not errors, errors


async def feed(app: Any, update: Update) -> None:
    """Hand an update to the Application as polling does: through its update processor."""
    await app.update_processor.process_update(update, app.process_update(update))


async def test_a_reply_during_a_broadcast_goes_ahead_of_it(paced: Paced) -> None:
    parents = range(20_000, 20_400)
    cid = await seed(paced.store, parents)
    aid = await announce(paced.store, cid, datetime.now(UTC))
    sending = asyncio.create_task(ann_jobs.send_announcement(paced.app, cid, aid))
    await paced.api.wait_for("sendMessage", count=20, timeout=10)
    asked = len(paced.api.calls)
    await feed(paced.app, tg.private_message(777, "/help", bot=paced.app.bot))
    answered = next(i for i, c in enumerate(paced.api.calls) if c.chat_id == 777)
    bulk_before = [c for c in paced.api.calls[asked:answered] if c.method == "sendMessage"]
    # At 200 a second the 400 chats take two seconds; the reply overtakes all but the few sent
    # while its handler ran (first come, first served it would wait behind all ~380).
    assert len(bulk_before) < 20, len(bulk_before)
    await asyncio.wait_for(sending, 30)
    assert len([c for c in paced.api.calls[answered:] if c.method == "sendMessage"]) > 300
    assert all(received(paced.api, uid, "Room 3") == 1 for uid in parents)


async def test_each_chat_in_order_and_a_slow_chat_holds_up_only_itself(paced: Paced) -> None:
    gate = asyncio.Event()
    original = paced.api.do_request

    async def slow_for_one_chat(
        url: str, method: str, request_data: RequestData | None = None, **kw: Any
    ) -> tuple[int, bytes]:
        # Telegram is slow to answer chat 31 until the test lets it.
        if request_data is not None and request_data.parameters.get("chat_id") == 31:
            await gate.wait()
        return await original(url, method, request_data, **kw)

    paced.api.do_request = slow_for_one_chat  # type: ignore[method-assign]
    app = paced.app
    updates = [
        tg.private_message(31, "/help", bot=app.bot),
        tg.private_message(31, "/privacy", bot=app.bot),
        tg.private_message(32, "/privacy", bot=app.bot),
    ]
    tasks = [asyncio.create_task(feed(app, u)) for u in updates]
    await paced.api.wait_for("sendMessage", chat_id=32, timeout=10)
    # Chat 32 was answered while chat 31's first answer was still on its way, and chat 31's
    # second update has not even started.
    assert paced.api.texts(31) == []
    gate.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    help_text, privacy_text = paced.api.texts(31)
    assert privacy_text == paced.api.texts(32)[0] != help_text  # in the order they were sent


async def test_a_group_repeating_a_command_gets_one_answer_and_a_parent_no_wait(
    paced: Paced,
) -> None:
    app = paced.app
    spam = [
        tg.group_message(-100_777, 40 + i % 5, "/help@iaim_test_bot", bot=app.bot)
        for i in range(60)
    ]
    tasks = [asyncio.create_task(feed(app, u)) for u in spam]
    await feed(app, tg.private_message(41, "/help", bot=app.bot))
    assert len(paced.api.texts(41)) == 1  # answered while the group's updates are in hand
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    assert len(paced.api.texts(-100_777)) == 1
    assert app.update_processor.dropped == 59


async def test_a_group_at_its_20_posts_a_minute_still_gets_its_reminder_pinned_and_edited(
    paced: Paced,
) -> None:
    # Telegram's 20 a minute counts messages posted into a group; pinning and editing the
    # group's reminder post nothing, so they must not wait out the rest of the minute.
    bot = paced.app.bot
    limiter = bot.rate_limiter
    assert isinstance(limiter, TelegramRateLimiter)
    posted = [await bot.send_message(-100_888, f"post {n}") for n in range(20)]
    reminder = posted[-1]
    await asyncio.wait_for(bot.pin_chat_message(-100_888, reminder.message_id), 5)
    await asyncio.wait_for(
        bot.edit_message_text("post 19, edited", chat_id=-100_888, message_id=reminder.message_id),
        5,
    )
    await asyncio.wait_for(bot.unpin_chat_message(-100_888, reminder.message_id), 5)
    assert paced.api.simulator.last_message(-100_888)["text"] == "post 19, edited"
    # A 21st post does wait for the group's minute.
    assert limiter.ready_at(-100_888) > time.monotonic() + 50


async def test_a_deadline_that_passes_while_telegram_is_down_is_reported_rightly_after(
    bot: BotHarness,
) -> None:
    parents = range(700, 704)
    cid = await seed(bot.store, parents)
    clock = Clock(datetime.now(UTC))
    bot.app.bot_data["clock"] = clock
    aid = await announce(bot.store, cid, clock.now)
    # Telegram answers nothing at all (the instructor's chat too) from before it goes out until
    # well past its 12-hour deadline.
    bot.api.simulator.fail("*", error_code=502, times=10**9)
    await ann_jobs.send_announcement(bot.app, cid, aid)
    await advance(bot, clock, ann_jobs.LATE_LIMIT.total_seconds() + 3600, 1800)
    assert bot.api.sent("sendMessage", INSTR) == []  # nothing could reach anyone
    bot.api.simulator.clear_failures()
    await advance(bot, clock, 600, 60)
    # Nobody got it late (past its deadline it is no longer worth having): the status and the
    # one report the instructor gets, once Telegram is back, say so.
    assert all(not bot.api.sent("sendMessage", uid) for uid in parents)
    assert bot.api.sent("sendMessage", GROUP) == []
    assert await status(bot.store, cid, aid) == "partly_sent"
    final = final_report(bot.api)
    assert "0 of 4" in final and STILL_SENDING not in final
    assert says(final, "announce.report_expired", count=4)
    assert says(final, "announce.report_group_expired")
    assert len([t for t in bot.api.texts(INSTR) if REPORT in t]) == 1


async def test_a_deadline_already_behind_us_is_refused_and_the_old_one_kept(
    bot: BotHarness,
) -> None:
    cid = await seed(bot.store, range(700, 702))
    clock = Clock(datetime.now(UTC))
    bot.app.bot_data["clock"] = clock
    aid = await announce(bot.store, cid, clock.now)
    bot.api.simulator.fail("sendMessage", error_code=502, chat_id=701, times=10**9)
    await ann_jobs.send_announcement(bot.app, cid, aid)
    await bot.press(INSTR, f"ann:dl:{cid}:{aid}:3d")  # three days from when it went out
    await advance(bot, clock, 13 * 3600, 1800)  # still sending, 13 hours on
    assert await status(bot.store, cid, aid) == "sending"
    # "12 hours" now would be a deadline in the past: refused, the three days stay.
    await bot.press(INSTR, f"ann:dl:{cid}:{aid}:12h")
    answers = [c.params.get("text") for c in bot.api.calls if c.method == "answerCallbackQuery"]
    assert says(str(answers[-1]), "announce.deadline_passed")
    ann = await bot.store.get_announcement(cid, aid)
    assert ann is not None and ann["deadline_choice"] == "3d"
    assert await status(bot.store, cid, aid) == "sending"  # and it is still tried


async def test_going_out_as_a_session_starts_until_the_next_session_means_the_one_after(
    bot: BotHarness,
) -> None:
    cid = await seed(bot.store, range(700, 702))
    clock = Clock(datetime.now(UTC).replace(second=0, microsecond=0))
    bot.app.bot_data["clock"] = clock
    # A session starts at the very moment the announcement goes out.
    start = clock.now.astimezone(ZoneInfo("Europe/London"))
    await bot.store.update_class(
        cid,
        {
            "first_date": start.date().isoformat(),
            "start": f"{start:%H:%M}",
            "sessions": 3,
            "length_min": 60,
        },
    )
    aid = await announce(bot.store, cid, clock.now)
    await bot.press(INSTR, f"ann:dl:{cid}:{aid}:next")
    ann = await bot.store.get_announcement(cid, aid)
    assert ann is not None
    # Not a deadline equal to its sending time (it would never go): the week after.
    assert ann_jobs.parse_utc(ann["deadline"]) == clock.now + timedelta(weeks=1)
    await ann_jobs.send_announcement(bot.app, cid, aid)
    assert await status(bot.store, cid, aid) == "sent"
    assert all(bot.api.sent("sendMessage", uid) for uid in range(700, 702))


async def test_the_report_gives_the_deadline_in_the_class_time_zone(bot: BotHarness) -> None:
    cid = await seed(bot.store, range(700, 702))
    await bot.store.update_class(cid, {"tz": "Asia/Tokyo"})
    clock = Clock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))  # 18:00 in Tokyo
    bot.app.bot_data["clock"] = clock
    aid = await announce(bot.store, cid, clock.now)
    bot.api.simulator.fail("sendMessage", error_code=502, chat_id=701, times=10**9)
    await ann_jobs.send_announcement(bot.app, cid, aid)
    await advance(bot, clock, ann_jobs.LATE_LIMIT.total_seconds() + 1800, 1800)
    # Twelve hours after 18:00 Monday in Tokyo: 06:00 on Tuesday, Tokyo time (21:00 in London).
    assert await status(bot.store, cid, aid) == "partly_sent"
    assert says(final_report(bot.api), "announce.report_expired", until="Tue 3 March, 06:00")
