"""Telegram's flood limits in one place, with replies ahead of bulk sends.

Telegram allows a bot about 30 messages a second overall, 20 a minute into one group, and about
one a second into one private chat; beyond that it answers 429 with a wait. `TelegramRateLimiter`
(python-telegram-bot's `BaseRateLimiter`, set in bot.py) keeps every call inside those limits and
decides who goes first:

- **Replies first.** A call made while answering an update (a handler's reply, an edit) takes
  the next free slot of the overall budget. A bulk send (the outbox's reminders, summaries,
  announcements: `rate_limit_args=BULK`) only takes a slot that is free *now* and never books
  one ahead, so a reply waits for at most the one bulk send already on its way.
- **One chat's limit holds up only that chat.** A reply into a group that has had its 20 this
  minute waits for that group's window; with updates handled concurrently per chat
  (handlers/concurrency.py) that holds up only that group's updates. Bulk sends never wait for a
  chat: the outbox asks `ready_at(chat)` and serves other chats meanwhile. Only calls that post
  a message count towards a group's 20 (`posts`): pinning and editing the group's reminder do
  not.
- **Only messages spend the message budget.** Telegram's 30 a second is for messages; calls
  that post none (pinning and unpinning the group's reminder, editing a message, a chat
  action) are paced on a budget of their own at the same rate (`Pacer` `other`), so no kind of
  call can flood Telegram, and the 300 pins of an 18:00 burst do not take 300 of its messages'
  slots (they took a third of the first half minute's).
- A 429 holds that chat (and, for a private chat, bulk sends overall: it means we were too fast)
  for Telegram's `retry_after`; a reply is retried in its own chat, a bulk send is handed back to
  the outbox, which retries it when the chat is ready again.

The overall budget is a GCRA ("virtual scheduling") pacer at `RATE_PER_S`: sends spaced evenly
1/RATE_PER_S apart, with a tolerance of a quarter spacing so a scheduler's few milliseconds late
wake-up is not lost. The rate is below Telegram's 30 on purpose: requests reach Telegram with
tens of milliseconds of jitter, and every 429 costs a second of silence; at 28 a second any
30 consecutive sends span more than a second even when they arrive 60 ms apart from their
schedule. Private chats get their 1/s after a short burst (`PRIVATE_BURST`). `bench/burst.py`
and `bench/broadcast.py` measure it against a fake API enforcing Telegram's limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]

#: `rate_limit_args` of a bulk send (the outbox): lower priority, never retried in here.
BULK = "bulk"
#: Sends a second the bot allows itself overall (Telegram's limit is about 30; see above).
RATE_PER_S = 28.0
#: Sends a minute into one group or channel (Telegram's limit is 20).
GROUP_PER_MIN = 20
#: Seconds between two bulk sends into one private chat (Telegram: about one a second), ...
PRIVATE_GAP_S = 1.0
#: ... after a short burst of this many (a reminder right behind a nudge need not wait).
PRIVATE_BURST = 3
#: Added to a group's one-minute window, so our clock and Telegram's never disagree at its edge.
GROUP_MARGIN_S = 0.5
#: Longest flood-control wait a reply sits out in its chat before giving up.
MAX_REPLY_WAIT_S = 60.0
# Chats remembered beyond this many are pruned of what no longer limits anything.
_PRUNE_AT = 4096


def _retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB's settings."""
    value: Any = exc.retry_after
    total = getattr(value, "total_seconds", None)
    return float(total() if callable(total) else value)


def chat_of(data: dict[str, Any]) -> int | str | None:
    """The chat a Bot API call goes into (an int id, or an @username), or None."""
    chat_id = data.get("chat_id")
    if chat_id is None:
        return None
    with contextlib.suppress(TypeError, ValueError):
        return int(chat_id)
    return str(chat_id)


def is_group(chat: int | str) -> bool:
    """Groups, supergroups and channels have negative ids (or an @username)."""
    return isinstance(chat, str) or chat < 0


def posts(endpoint: str) -> bool:
    """Whether a Bot API method posts a message: only those count towards a group's 20 a
    minute (pinning, editing or asking about a member do not post one)."""
    if endpoint.startswith(("forward", "copy")):
        return True
    return endpoint.startswith("send") and endpoint != "sendChatAction"


class Pacer:
    """The overall budget: evenly spaced slots, urgent callers first (see the module doc)."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._tolerance = self.interval / 4
        self._clock = clock
        # The theoretical time of the next slot (GCRA); bulk may use it from tolerance before.
        self._next = 0.0
        # Bulk sends wait until then after Telegram said we were too fast.
        self._bulk_hold = 0.0
        # `_next` right after the last bulk slot was taken (see `give_back`).
        self._taken: float | None = None

    async def urgent(self) -> None:
        """Book the next slot (possibly ahead of time) and wait for it."""
        if not self.interval:
            return
        now = self._clock()
        at = max(now, self._next - self._tolerance)
        self._next = max(self._next, now) + self.interval
        if at > now:
            await asyncio.sleep(at - now)

    def bulk_wait(self) -> float:
        """Seconds until a bulk send may take a slot (0: one is free now); takes nothing."""
        now = self._clock()
        if now < self._bulk_hold:
            return self._bulk_hold - now
        if not self.interval:
            return 0.0
        return max(0.0, self._next - self._tolerance - now)

    def try_bulk(self) -> float:
        """Take a slot if one is free now (returns 0), else seconds until one may be."""
        now = self._clock()
        if now < self._bulk_hold:
            return self._bulk_hold - now
        if not self.interval:
            return 0.0
        if now < self._next - self._tolerance:
            return self._next - self._tolerance - now
        self._next = max(self._next, now) + self.interval
        self._taken = self._next
        return 0.0

    def give_back(self) -> None:
        """Return the bulk slot just taken, unused, unless a later one was booked since."""
        if self._taken is not None and self._next == self._taken:
            self._next -= self.interval
        self._taken = None

    async def bulk(self) -> None:
        """Wait for a slot that is free now (urgent callers keep going first) and take it."""
        # Polling is the point: the free slot may be taken by a reply meanwhile, and then
        # this waits again (an Event would have to be set by every urgent booking).
        while (wait := self.try_bulk()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(wait)

    def hold_bulk(self, seconds: float) -> None:
        """Keep bulk sends back for `seconds` (after a 429 on the overall limit)."""
        self._bulk_hold = max(self._bulk_hold, self._clock() + seconds)


class TelegramRateLimiter(BaseRateLimiter[str]):
    """Telegram's limits for every call with a chat: replies first, each chat on its own."""

    def __init__(
        self,
        rate_per_s: float = RATE_PER_S,
        group_per_min: int = GROUP_PER_MIN,
        private_gap_s: float = PRIVATE_GAP_S,
        *,
        max_retries: int = 5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.pacer = Pacer(rate_per_s, clock)
        # Calls into a chat that post no message (see the module doc).
        self.other = Pacer(rate_per_s, clock)
        self.group_per_min = group_per_min
        self.private_gap_s = private_gap_s
        self.max_retries = max_retries
        self._clock = clock
        self._group_sends: dict[int | str, deque[float]] = {}
        # Per private chat, the theoretical time of its next send (GCRA, as the Pacer).
        self._private_next: dict[int | str, float] = {}
        self._hold: dict[int | str, float] = {}

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    # -- per chat --------------------------------------------------------------------------------

    def ready_at(self, chat: int | str, *, bulk: bool = True, posting: bool = True) -> float:
        """The monotonic instant from which a send into `chat` keeps within its limits
        (`posting`: a call that posts a message, see `posts`)."""
        at = self._hold.get(chat, 0.0)
        if is_group(chat) and posting:
            window = self._group_sends.get(chat)
            if self.group_per_min and window:
                now = self._clock()
                while window and window[0] <= now - 60.0 - GROUP_MARGIN_S:
                    window.popleft()
                if len(window) >= self.group_per_min:
                    at = max(at, window[0] + 60.0 + GROUP_MARGIN_S)
        elif bulk and self.private_gap_s:
            burst = (PRIVATE_BURST - 1) * self.private_gap_s
            at = max(at, self._private_next.get(chat, -1e9) - burst)
        return at

    def _count(self, chat: int | str, endpoint: str) -> None:
        """Count a send into `chat` (when it is made: a failed one still counts, to be safe)."""
        now = self._clock()
        if is_group(chat):
            if self.group_per_min and posts(endpoint):
                self._group_sends.setdefault(chat, deque()).append(now)
        elif self.private_gap_s:
            self._private_next[chat] = (
                max(self._private_next.get(chat, now), now) + self.private_gap_s
            )
        if len(self._group_sends) + len(self._private_next) > _PRUNE_AT:
            self._prune(now)

    def _prune(self, now: float) -> None:
        """Forget chats whose sends no longer limit anything."""
        old = now - 60.0 - GROUP_MARGIN_S
        self._group_sends = {c: w for c, w in self._group_sends.items() if w and w[-1] > old}
        self._private_next = {c: t for c, t in self._private_next.items() if t > now}
        self._hold = {c: t for c, t in self._hold.items() if t > now}

    def _flooded(self, chat: int | str, exc: RetryAfter) -> float:
        """Note Telegram's flood answer for `chat`; returns how long it asked to wait."""
        wait = _retry_seconds(exc)
        self._hold[chat] = max(self._hold.get(chat, 0.0), self._clock() + wait)
        if not is_group(chat):
            # Private chats have no limit of their own worth a 429: we were too fast overall.
            self.pacer.hold_bulk(wait)
        return wait

    # -- python-telegram-bot's interface -------------------------------------------------------

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Run one Bot API call within the limits (see the module doc for who waits how)."""
        chat = chat_of(data)
        if chat is None:
            # getUpdates, answerCallbackQuery, getMe, ...: not messages into a chat.
            return await callback(*args, **kwargs)
        if rate_limit_args == BULK:
            # The outbox checked ready_at and took a bulk slot right before calling.
            self._count(chat, endpoint)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self._flooded(chat, exc)
                raise
        for attempt in range(self.max_retries + 1):
            # A reply into a group waits for that group's window, alone (see the module doc).
            wait = self.ready_at(chat, bulk=False, posting=posts(endpoint)) - self._clock()
            if wait > 0:
                await asyncio.sleep(wait)
            await (self.pacer if posts(endpoint) else self.other).urgent()
            self._count(chat, endpoint)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = self._flooded(chat, exc)
                if attempt == self.max_retries or wait > MAX_REPLY_WAIT_S:
                    raise
                log.info("Flood control on %s: retrying in %.0f s.", endpoint, wait)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
