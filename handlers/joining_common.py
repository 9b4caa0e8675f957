"""What joining a class, carer links and /leave share: join and carer codes, keyboards of
labelled buttons, the "next session" line, and a person's consent (nothing but the Telegram id
is stored before they agree)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, User

from content.texts import Html
from domain.buttons import Button, encode
from domain.schedule import next_session
from handlers.class_view import format_when
from handlers.common import Context, lang_of, store_of, texts_of
from jobs.timing import now_of, schedule_for, unit_of
from storage.records import ClassRecord, UserFields, UserRecord

#: "/start car_<code>" is a carer link (handlers/carers.py).
CARER_PREFIX = "car_"
#: What a join or carer code may look like (anything else is not looked up).
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def keyboard_of(*rows: list[tuple[str, Button]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, the button pressed)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=encode(pressed)) for label, pressed in row]
            for row in rows
        ]
    )


def next_line(context: Context, klass: ClassRecord) -> Html:
    """ "Next session: Thu 3 Dec 2026, 10:30, at the venue." (or that none is left)."""
    texts = texts_of(context)
    app = context.application
    upcoming = next_session(schedule_for(klass, unit_of(app)), now_of(app))
    if upcoming is None:
        return texts("joining.no_next")
    venue = texts("joining.next_venue", venue=klass["venue"]) if klass.get("venue") else Html("")
    return texts("joining.next_session", when=format_when(texts, upcoming.local_start), venue=venue)


async def give_consent(context: Context, user: User) -> UserRecord:
    """Store the person's consent (and first name); defaults for a brand-new record."""
    store = store_of(context)
    changes: UserFields = {
        "consent": True,
        "consent_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "first_name": user.first_name,
    }
    existing = await store.get_user(user.id)
    if existing is None:
        changes |= {"quiet_start": "21:00", "quiet_end": "08:00", "private_reminders": True}
    if not (existing.get("lang") if existing else None):
        # The language they have been reading here (Telegram's, or their /language choice)
        # is kept with the rest, so reminders and summaries come in it too.
        changes["lang"] = lang_of(context)
    return await store.update_user(user.id, changes)


async def consented(context: Context, user_id: int) -> UserRecord | None:
    """The person's own record if they already agreed to what is stored."""
    record = await store_of(context).get_user(user_id)
    return record if record is not None and record.get("consent") else None
