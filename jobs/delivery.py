"""Exactly-once bookkeeping and pacing for everything the bot sends on its own.

Every message the bot sends unasked (reminders, summaries, invitations, announcements, their
reports) is queued in the durable outbox (jobs/outbox.py) under a *sent-log key* per message and
recipient, `sent_key`; once Telegram accepted it the key is recorded in the class's sent log, so
a retry, a rebuilt job or a restart never sends it twice. The rate limiter that keeps all sends
within Telegram's limits, replies ahead of bulk sends, lives in jobs/pacing.py.
"""

from __future__ import annotations

from jobs.pacing import TelegramRateLimiter


def make_rate_limiter(max_retries: int = 5) -> TelegramRateLimiter:
    """The bot's rate limiter: Telegram's limits, replies first (see jobs/pacing.py)."""
    return TelegramRateLimiter(max_retries=max_retries)


def sent_key(kind: str, ref: int | str, recipient: int | str) -> str:
    """The sent-log key of one message to one chat, e.g. "summary:2:12345".

    The recipient comes last: /forgetme finds a person's entries by that suffix.
    """
    return f"{kind}:{ref}:{recipient}"
