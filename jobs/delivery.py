"""The one delivery path for everything the bot sends on its own: reminders, summaries,
invitations, announcements.

Each delivery has a key recorded in the class's sent log once Telegram accepted it, so a retry,
a rebuilt job or a restart never sends it twice. Flood-control answers (429) are waited out by
python-telegram-bot's AIORateLimiter (configured in bot.py) and, if it gives up, here; a parent
who blocked the bot is marked unreachable and skipped from then on; a group that became a
supergroup is followed; network failures are retried a bounded number of times.

The window for a duplicate is the instant between Telegram accepting a message and the sent log
reaching disk (well under a millisecond of fsync): Telegram offers no idempotency key to close it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Literal

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from storage.repo import Store

log = logging.getLogger(__name__)

Status = Literal["delivered", "already", "blocked", "failed"]
# Attempts for one message beyond the rate limiter's own retries: bounded, so one bad chat
# cannot hold up a whole broadcast.
ATTEMPTS = 4
# Longest flood-control wait honoured here; Telegram's answers are usually seconds.
MAX_RETRY_AFTER_S = 120.0


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
) -> Outcome:
    """Send one message (text, or a photo with `text` as its caption) exactly once per key."""
    if await store.was_sent(class_id, key):
        return Outcome(chat_id, "already")
    target = chat_id
    error = "unknown"
    for attempt in range(ATTEMPTS):
        try:
            if photo is not None:
                await bot.send_photo(target, photo, caption=text, reply_markup=reply_markup)
            else:
                await bot.send_message(target, text or "", reply_markup=reply_markup)
        except ChatMigrated as exc:
            # The group became a supergroup: follow it for this and every later message.
            await store.migrate_group(target, exc.new_chat_id)
            target = exc.new_chat_id
            error = "migrated"
            continue
        except Forbidden as exc:
            if target > 0:
                await store.update_member(class_id, target, {"active": False, "blocked": True})
            else:
                log.warning("A class group no longer accepts messages: %s", exc.message)
            return Outcome(chat_id, "blocked", exc.message)
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)
            error = f"flood control ({wait:.0f}s)"
            if wait > MAX_RETRY_AFTER_S:
                break
            await asyncio.sleep(wait)
            continue
        except BadRequest as exc:
            # A request Telegram will never accept (chat not found, bad markup): do not retry.
            return Outcome(chat_id, "failed", exc.message)
        except NetworkError as exc:
            error = exc.message
            await asyncio.sleep(min(2**attempt, 8))
            continue
        await store.mark_sent(class_id, key)
        return Outcome(chat_id, "delivered")
    return Outcome(chat_id, "failed", error)
