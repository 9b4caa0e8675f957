"""What the /announce composer's steps share: its states and limits, the draft kept in
user_data, and the small pieces every step uses (the keyboard, the Cancel row, answering on
screen, a stale or unknown button)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    ConversationHandler,
)

from content.texts import Html, Texts
from domain.buttons import (
    AnnounceCancel,
    Button,
    encode,
)
from domain.checkin_stats import family_of
from handlers.auth import own_class
from handlers.common import (
    Context,
    store_of,
    texts_of,
)
from handlers.ui import reply, shown_already
from storage.records import ClassRecord

# Conversation states.
CLASS, AUDIENCE, WRITE, PREVIEW, WHEN = range(5)
# The draft in user_data: class_id, audience, text_html, photo (a file_id) or None.
DRAFT = "announce_draft"
# Telegram's limits on what one message may carry (counted in UTF-16 units, as Telegram does).
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
# Nobody means to schedule a class announcement more than a year ahead: that is a typo.
FURTHEST = timedelta(days=366)

# -- small helpers ---------------------------------------------------------------------------


def keyboard_of(rows: Sequence[Sequence[tuple[str, Button]]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, the button pressed)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=encode(pressed)) for label, pressed in row]
            for row in rows
        ]
    )


def cancel_row(texts: Texts) -> list[tuple[str, Button]]:
    """The Cancel button every step of the composer offers."""
    return [(texts.raw("announce.cancel_button"), AnnounceCancel())]


def audience_words(texts: Texts, audience: str, families: int) -> str:
    """The audience in words, e.g. "the class group and each family's private chat (12)"."""
    return texts.raw(f"announce.to_{audience}").format(count=families)


async def settle(update: Update, text: Html, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the pressed button's message with the choice made (its keyboard goes away, or
    `markup` takes its place)."""
    query = update.callback_query
    if query is None or shown_already(query.message, markup, text):
        return  # a double tap: Telegram refuses an edit that changes nothing
    with contextlib.suppress(BadRequest):  # too old to edit
        await query.edit_message_text(text, reply_markup=markup)


async def say(update: Update, text: Html, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer in the chat (and the button press, if it was one)."""
    await reply(update, text, reply_markup=markup)


def draft_of(context: Context) -> dict[str, Any] | None:
    """The draft in progress, or None when there is none (a stale button)."""
    data = context.user_data
    draft = data.get(DRAFT) if data is not None else None
    return draft if isinstance(draft, dict) else None


async def count_families(context: Context, class_id: str) -> int:
    """How many families of a class are reached in their private chats (a parent and their
    carer are one family, though each gets the message)."""
    return len({family_of(m) for m in await store_of(context).members(class_id)})


async def draft_class(update: Update, context: Context) -> ClassRecord | None:
    """The draft's class, checked again as the instructor's own (it may have been deleted)."""
    draft = draft_of(context)
    user = update.effective_user
    if draft is None or user is None or "class_id" not in draft:
        return None
    return await own_class(context, user.id, draft["class_id"])


async def stale_reply(update: Update, context: Context) -> int:
    """Say a button belongs to a finished composer, and end whatever is left of it."""
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await say(update, texts_of(context)("announce.stale"))
    return ConversationHandler.END


async def unknown_button(update: Update, context: Context) -> int | None:
    """Button data no button of ours carries (forged or garbled): say so, change nothing."""
    if update.callback_query is not None:
        await update.callback_query.answer(
            texts_of(context).raw("announce.unknown_button"), show_alert=True
        )
    # The conversation stays where it was (None), so a forged button changes nothing.
    return None
