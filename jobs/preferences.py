"""What each person chose about the messages the bot sends on its own (/settings,
handlers/settings.py, and /language): their quiet hours, during which private messages wait,
whether course reminders come to their private chat, and the language they read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time

from content.loader import Content
from content.texts import Texts
from domain.schedule import apply_quiet_hours
from storage.records import UserFields
from storage.repo import Store

#: Quiet hours when a person chose none.
QUIET_START = "21:00"
QUIET_END = "08:00"


async def own_texts(content: Content, store: Store, user_id: int) -> Texts:
    """The message templates in the language a person reads (their saved choice, else English):
    for what the bot tells them on its own, outside any update of theirs (an instructor's
    retention warning, an announcement's delivery report)."""
    record = await store.get_user(user_id)
    return content.texts_in(str((record.get("lang") if record else None) or "en"))


def quiet_window(user: UserFields | None) -> tuple[time, time]:
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


def wants_private_reminders(user: UserFields | None) -> bool:
    """Whether a person gets reminders and summaries in their private chat (default yes)."""
    return (user.get("private_reminders", True) if user else True) is not False
