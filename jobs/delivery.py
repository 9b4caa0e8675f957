"""The one delivery path for everything the bot sends on its own: reminders, summaries,
invitations, announcements.

Each delivery has a key recorded in the class's sent log once Telegram accepted it, so a retry,
a rebuilt job or a restart never sends it twice; two deliveries of the same key running at the
same moment (a job rebuilt while its first run is still sending) are serialised here, so the
second one finds the key recorded and sends nothing. Flood-control answers (429) are waited out
by python-telegram-bot's AIORateLimiter (configured in bot.py) and, if it gives up, here; a
parent who blocked the bot is marked unreachable and skipped from then on; a group that became a
supergroup is followed; network failures are retried a bounded number of times.

`deliver_many` sends one message to many chats at once: concurrently enough to keep the rate
limiter busy (it does the pacing), bounded so a broadcast to a thousand chats does not open a
thousand requests.

Two windows for a duplicate remain, both narrow and both because Telegram offers no idempotency
key: the instant between Telegram accepting a message and the sent log reaching disk (a crash
right then), and a time-out while reading Telegram's answer to a message it did accept (retried:
a rare duplicate is better than an announcement silently lost).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import AIORateLimiter

from storage.repo import Store

log = logging.getLogger(__name__)

Status = Literal["delivered", "already", "blocked", "failed"]
# Attempts for one message beyond the rate limiter's own retries: bounded, so one bad chat
# cannot hold up a whole broadcast.
ATTEMPTS = 4
# Longest flood-control wait honoured here; Telegram's answers are usually seconds.
MAX_RETRY_AFTER_S = 120.0
# Pauses before retrying after a network failure, by attempt (doubling, capped).
RETRY_DELAYS_S = (1.0, 2.0, 4.0, 8.0)
# Sends in flight at once in deliver_many. The rate limiter decides when each may go; this only
# has to be large enough that it always has one waiting (30 a second at ~0.1-1 s per round trip).
CONCURRENCY = 32

# Sends a second the bot allows itself overall: just under Telegram's ~30, evenly spaced.
RATE_PER_S = 29

# Deliveries running right now, by (store, class, key): a second delivery of the same key waits
# for the first instead of racing it past the sent-log check.
_in_flight: dict[tuple[int, str, str], asyncio.Event] = {}


def make_rate_limiter(max_retries: int = 5) -> AIORateLimiter:
    """python-telegram-bot's AIORateLimiter, pacing sends evenly instead of in bursts.

    Its defaults (30 per 1 s) are a leaky bucket that lets 30 requests through at once and then
    30 more in the same second; Telegram answers the excess with 429, and the limiter then
    holds *every* request for retry_after + 0.1 s, so a long broadcast runs in bursts and pauses
    (about two thirds of the limit, bench/broadcast.py). A bucket of one that leaks RATE_PER_S a
    second spaces the sends 1/RATE_PER_S apart and stays under the limit. The per-group limit
    keeps PTB's default (20 a minute), so a burst of replies in a group is not slowed.
    """
    return AIORateLimiter(
        overall_max_rate=1, overall_time_period=1 / RATE_PER_S, max_retries=max_retries
    )


def sent_key(kind: str, ref: int | str, recipient: int | str) -> str:
    """The sent-log key of one message to one chat, e.g. "summary:2:12345".

    The recipient comes last: /forgetme finds a person's entries by that suffix.
    """
    return f"{kind}:{ref}:{recipient}"


def _seconds(value: object) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB's settings."""
    total = getattr(value, "total_seconds", None)
    return float(total() if callable(total) else value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery."""

    chat_id: int
    status: Status
    error: str | None = None
    #: The message Telegram created, and the chat it is in (a group may have become a
    #: supergroup meanwhile), when it was delivered just now: a pinned reminder needs both.
    message_id: int | None = None
    sent_to: int | None = None

    @property
    def reached(self) -> bool:
        """Whether the chat has the message (now, or from an earlier run)."""
        return self.status in ("delivered", "already")


async def _mark_unreachable(store: Store, class_id: str, user_id: int) -> None:
    """Mark a member who blocked the bot as inactive, so later sends skip them.

    Only members are marked: the instructor's own chat (a delivery report) is not a member.
    """
    with contextlib.suppress(KeyError):  # the class was deleted meanwhile
        if await store.get_member(class_id, user_id) is not None:
            await store.update_member(class_id, user_id, {"active": False, "blocked": True})


async def _send_once(
    bot: Bot,
    store: Store,
    class_id: str,
    key: str,
    chat_id: int,
    text: str | None,
    photo: str | bytes | None,
    reply_markup: InlineKeyboardMarkup | None,
    silent: bool,
) -> Outcome:
    """The sending itself, with retries; the caller holds the key's in-flight slot."""
    if await store.was_sent(class_id, key):
        return Outcome(chat_id, "already")
    target = chat_id
    error = "unknown"
    for attempt in range(ATTEMPTS):
        try:
            if photo is not None:
                message = await bot.send_photo(
                    target,
                    photo,
                    caption=text,
                    reply_markup=reply_markup,
                    disable_notification=silent,
                )
            else:
                message = await bot.send_message(
                    target, text or "", reply_markup=reply_markup, disable_notification=silent
                )
        except ChatMigrated as exc:
            # The group became a supergroup: follow it for this and every later message.
            await store.migrate_group(target, exc.new_chat_id)
            target = exc.new_chat_id
            error = "migrated"
            continue
        except Forbidden as exc:
            # Blocked by the person, their account deleted, or the bot removed from the group.
            if target > 0:
                await _mark_unreachable(store, class_id, target)
            else:
                log.warning("A class group no longer accepts messages: %s", exc.message)
            return Outcome(chat_id, "blocked", exc.message)
        except RetryAfter as exc:
            # The rate limiter already retried max_retries times; wait once more here.
            wait = _seconds(exc.retry_after)
            error = f"flood control ({wait:.0f}s)"
            if wait > MAX_RETRY_AFTER_S or attempt + 1 == ATTEMPTS:
                break
            await asyncio.sleep(wait)
            continue
        except BadRequest as exc:
            # A request Telegram will never accept (chat not found, bad markup): do not retry.
            return Outcome(chat_id, "failed", exc.message)
        except NetworkError as exc:
            # Includes time-outs and Telegram's own 5xx answers: worth another try, later.
            error = exc.message
            if attempt + 1 < ATTEMPTS:
                await asyncio.sleep(RETRY_DELAYS_S[min(attempt, len(RETRY_DELAYS_S) - 1)])
            continue
        except TelegramError as exc:
            # Anything else Telegram answered (a 404 for a bad base URL, ...) will not change.
            return Outcome(chat_id, "failed", exc.message)
        with contextlib.suppress(KeyError):  # the class was deleted while this was sending
            await store.mark_sent(class_id, key)
        return Outcome(chat_id, "delivered", message_id=message.message_id, sent_to=target)
    return Outcome(chat_id, "failed", error)


async def deliver(
    bot: Bot,
    store: Store,
    class_id: str,
    key: str,
    chat_id: int,
    *,
    text: str | None = None,
    photo: str | bytes | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
    silent: bool = False,
) -> Outcome:
    """Send one message (text, or a photo with `text` as its caption) exactly once per key.

    `silent` sends it without a notification sound (someone in their quiet hours).
    """
    slot = (id(store), class_id, key)
    # Wait for a delivery of the same key that is under way; claim the slot with no await
    # between the check and the claim, so two waiters cannot both take it.
    while (busy := _in_flight.get(slot)) is not None:
        await busy.wait()
    done = asyncio.Event()
    _in_flight[slot] = done
    try:
        return await _send_once(
            bot, store, class_id, key, chat_id, text, photo, reply_markup, silent
        )
    finally:
        del _in_flight[slot]
        done.set()


async def deliver_many(
    bot: Bot,
    store: Store,
    class_id: str,
    sends: Iterable[tuple[str, int]],
    *,
    text: str | None = None,
    photo: str | bytes | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
    concurrency: int = CONCURRENCY,
    silent: Collection[int] = frozenset(),
) -> list[Outcome]:
    """Deliver one message to many chats, each `(key, chat_id)` exactly once; outcomes in order.

    The sends run concurrently (at most `concurrency` at a time) and the bot's rate limiter
    paces them within Telegram's limits. One chat failing never stops the others. Chats in
    `silent` get it without a notification sound.
    """
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(key: str, chat_id: int) -> Outcome:
        async with gate:
            return await deliver(
                bot,
                store,
                class_id,
                key,
                chat_id,
                text=text,
                photo=photo,
                reply_markup=reply_markup,
                silent=chat_id in silent,
            )

    return list(await asyncio.gather(*(one(key, chat_id) for key, chat_id in sends)))
