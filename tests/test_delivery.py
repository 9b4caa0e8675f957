"""jobs.delivery: the one exactly-once send path, driven through the real Bot, its
AIORateLimiter and the recording fake Bot API (so Telegram's errors arrive as PTB raises them)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Defaults, ExtBot

from jobs import delivery
from jobs.delivery import deliver, deliver_many, sent_key
from storage.repo import Store
from tests.conftest import TOKEN, BotHarness
from tests.support.fake_request import RecordingRequest

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*")

INSTRUCTOR = 501
GROUP = -100_777


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Network retries wait 1, 2, 4 s in production; the tests need not."""
    monkeypatch.setattr(delivery, "RETRY_DELAYS_S", (0.0,))


async def make_class(store: Store, parents: list[int]) -> str:
    klass = await store.create_class(
        INSTRUCTOR, {"name": "Tuesday babies", "tz": "Europe/London", "group_chat_id": None}
    )
    for uid in parents:
        await store.add_member(klass["id"], uid, {"first_name": f"P{uid}", "role": "parent"})
    return str(klass["id"])


def sends_to(bot: BotHarness, chat_id: int) -> int:
    return len(bot.api.sent("sendMessage", chat_id)) + len(bot.api.sent("sendPhoto", chat_id))


async def test_a_message_is_sent_once_per_key_and_recorded(bot: BotHarness) -> None:
    cid = await make_class(bot.store, [11])
    key = sent_key("test", 1, 11)
    first = await deliver(bot.app.bot, bot.store, cid, key, 11, text="Hello &amp; welcome")
    again = await deliver(bot.app.bot, bot.store, cid, key, 11, text="Hello &amp; welcome")
    assert (first.status, again.status) == ("delivered", "already")
    assert first.reached and again.reached
    assert bot.texts(11) == ["Hello &amp; welcome"]
    assert await bot.store.was_sent(cid, key)


async def test_the_same_key_delivered_twice_at_once_goes_out_once(bot: BotHarness) -> None:
    cid = await make_class(bot.store, [11])
    key = sent_key("test", 2, 11)
    outcomes = await asyncio.gather(
        *(deliver(bot.app.bot, bot.store, cid, key, 11, text="Once") for _ in range(5))
    )
    assert sorted(o.status for o in outcomes) == ["already"] * 4 + ["delivered"]
    assert sends_to(bot, 11) == 1


async def test_a_parent_who_blocked_the_bot_is_marked_and_the_rest_still_get_it(
    bot: BotHarness,
) -> None:
    cid = await make_class(bot.store, [11, 12, 13])
    bot.api.simulator.blocked(12)
    outcomes = await deliver_many(
        bot.app.bot, bot.store, cid, [(sent_key("t", 3, u), u) for u in (11, 12, 13)], text="Hi"
    )
    assert [o.status for o in outcomes] == ["delivered", "blocked", "delivered"]
    member = await bot.store.get_member(cid, 12)
    assert member is not None and member["active"] is False and member["blocked"] is True
    assert [m["user_id"] for m in await bot.store.members(cid)] == [11, 13]
    assert not await bot.store.was_sent(cid, sent_key("t", 3, 12))


async def test_a_blocked_chat_that_is_not_a_member_is_reported_without_error(
    bot: BotHarness,
) -> None:
    cid = await make_class(bot.store, [])
    bot.api.simulator.blocked(INSTRUCTOR)
    outcome = await deliver(bot.app.bot, bot.store, cid, "report:1:501", INSTRUCTOR, text="Hi")
    assert outcome.status == "blocked"


async def test_flood_control_is_waited_out_by_the_rate_limiter(bot: BotHarness) -> None:
    cid = await make_class(bot.store, [11])
    bot.api.fail_next("sendMessage", error_code=429, retry_after=1, chat_id=11, times=1)
    outcome = await deliver(bot.app.bot, bot.store, cid, "t:4:11", 11, text="Hi")
    assert outcome.status == "delivered"
    assert sends_to(bot, 11) == 1
    assert len([c for c in bot.api.calls if c.error_code == 429]) == 1


@pytest.fixture
async def bare() -> AsyncIterator[tuple[ExtBot[None], RecordingRequest]]:
    """A bot whose rate limiter does not retry, so deliver's own flood handling shows."""
    request = RecordingRequest()
    ext = ExtBot(
        TOKEN,
        defaults=Defaults(parse_mode=ParseMode.HTML),
        request=request,
        get_updates_request=request,
        rate_limiter=AIORateLimiter(max_retries=0),
    )
    async with ext:
        yield ext, request


async def test_flood_control_beyond_the_rate_limiter_is_waited_out_here(
    bare: tuple[ExtBot[None], RecordingRequest], store: Store
) -> None:
    ext, api = bare
    cid = await make_class(store, [11])
    api.fail_next("sendMessage", error_code=429, retry_after=1, chat_id=11, times=1)
    outcome = await deliver(ext, store, cid, "t:4:11", 11, text="Hi")
    assert outcome.status == "delivered"
    assert len(api.sent("sendMessage", 11)) == 1


async def test_a_flood_wait_too_long_to_honour_gives_up_as_failed(
    bare: tuple[ExtBot[None], RecordingRequest], store: Store
) -> None:
    ext, api = bare
    cid = await make_class(store, [11])
    api.fail_next("sendMessage", error_code=429, retry_after=3600, chat_id=11, times=1)
    outcome = await deliver(ext, store, cid, "t:5:11", 11, text="Hi")
    assert outcome.status == "failed" and "flood" in (outcome.error or "")
    assert not await store.was_sent(cid, "t:5:11")


async def test_a_server_error_is_retried_a_bounded_number_of_times(bot: BotHarness) -> None:
    cid = await make_class(bot.store, [11, 12])
    bot.api.fail_next("sendMessage", error_code=502, chat_id=11, times=2)
    bot.api.fail_next("sendMessage", error_code=500, chat_id=12, times=100)
    ok, bad = await deliver_many(
        bot.app.bot, bot.store, cid, [("t:6:11", 11), ("t:6:12", 12)], text="Hi"
    )
    assert ok.status == "delivered" and sends_to(bot, 11) == 1
    assert bad.status == "failed"
    tries = [c for c in bot.api.calls if c.chat_id == 12 and c.method == "sendMessage"]
    assert len(tries) == delivery.ATTEMPTS


async def test_a_request_telegram_will_never_accept_is_not_retried(bot: BotHarness) -> None:
    cid = await make_class(bot.store, [11])
    bot.api.fail_next("sendMessage", error_code=400, chat_id=11, times=10)
    outcome = await deliver(bot.app.bot, bot.store, cid, "t:7:11", 11, text="Hi")
    assert outcome.status == "failed" and "chat not found" in (outcome.error or "").lower()
    assert len([c for c in bot.api.calls if c.chat_id == 11]) == 1


async def test_a_migrated_group_is_followed_and_remembered(bot: BotHarness) -> None:
    cid = await make_class(bot.store, [])
    await bot.store.link_group(GROUP, cid)
    bot.api.fail_next(
        "sendMessage", error_code=400, chat_id=GROUP, migrate_to_chat_id=-1001234, times=1
    )
    outcome = await deliver(bot.app.bot, bot.store, cid, "t:8:group", GROUP, text="Hi all")
    assert outcome.status == "delivered"
    assert bot.texts(-1001234) == ["Hi all"]
    klass = await bot.store.get_class(cid)
    assert klass is not None and klass["group_chat_id"] == -1001234
    assert (await bot.store.class_for_group(-1001234) or {}).get("id") == cid


async def test_a_photo_goes_with_its_caption(bot: BotHarness) -> None:
    cid = await make_class(bot.store, [11])
    outcome = await deliver(
        bot.app.bot, bot.store, cid, "t:9:11", 11, text="<b>Look</b>", photo="PHOTO-ID"
    )
    assert outcome.status == "delivered"
    (params,) = bot.api.sent("sendPhoto", 11)
    assert params["photo"] == "PHOTO-ID" and params["caption"] == "<b>Look</b>"


async def test_a_broadcast_reaches_every_chat_once_in_order_of_the_list(bot: BotHarness) -> None:
    ids = list(range(100, 160))
    cid = await make_class(bot.store, ids)
    bot.api.fail_next("sendMessage", error_code=429, retry_after=1, times=1)
    sends = [(sent_key("t", 10, u), u) for u in ids]
    outcomes = await deliver_many(bot.app.bot, bot.store, cid, sends, text="All of you")
    assert [o.chat_id for o in outcomes] == ids
    assert all(o.status == "delivered" for o in outcomes)
    assert all(sends_to(bot, u) == 1 for u in ids)
    again = await deliver_many(bot.app.bot, bot.store, cid, sends, text="All of you")
    assert {o.status for o in again} == {"already"}
    assert all(sends_to(bot, u) == 1 for u in ids)


async def test_a_deleted_class_does_not_break_a_delivery(bot: BotHarness) -> None:
    cid = await make_class(bot.store, [11])
    await bot.store.delete_class(cid)
    outcome = await deliver(bot.app.bot, bot.store, cid, "t:11:11", 11, text="Hi")
    assert outcome.status == "delivered"
