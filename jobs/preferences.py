"""What each person chose about the messages the bot sends on its own (/settings,
handlers/settings.py): their quiet hours, during which private messages wait, and whether course
reminders come to their private chat.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, time
from typing import Any

from domain.schedule import apply_quiet_hours
from storage.repo import Store

#: Quiet hours when a person chose none.
QUIET_START = "21:00"
QUIET_END = "08:00"


def quiet_window(user: Mapping[str, Any] | None) -> tuple[time, time]:
    """A person's quiet hours as (start, end); equal times mean none."""
    user = user or {}
    try:
        start = time.fromisoformat(str(user.get("quiet_start") or QUIET_START))
        end = time.fromisoformat(str(user.get("quiet_end") or QUIET_END))
    except ValueError:
        start, end = time.fromisoformat(QUIET_START), time.fromisoformat(QUIET_END)
    return start, end


async def in_quiet_hours(store: Store, tz: str, user_ids: Iterable[int], now: datetime) -> set[int]:
    """The people for whom `now` falls in their quiet hours (their own, or the default)."""
    quiet = set()
    for uid in user_ids:
        start, end = quiet_window(await store.get_user(uid))
        if apply_quiet_hours(now, tz, start, end) != now:
            quiet.add(uid)
    return quiet


def wants_private_reminders(user: Mapping[str, Any] | None) -> bool:
    """Whether a person gets reminders and summaries in their private chat (default yes)."""
    return (user or {}).get("private_reminders", True) is not False
