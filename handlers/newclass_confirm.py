"""The last step of /newclass: every session's date and the class group's language to confirm,
then the class stored, its jobs scheduled and its join link handed over."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from content.texts import Html
from domain.buttons import (
    Button,
    CancelSetup,
    CreateClass,
    GroupLanguage,
    StartAgain,
    encode,
    parse,
)
from handlers.auth import requires
from handlers.class_view import class_summary, join_link, setup_buttons
from handlers.classpick import close_buttons
from handlers.common import Context, content_of, lang_of, language_name, store_of, texts_of
from handlers.language import class_language_rows
from handlers.newclass_draft import CONFIRM, DRAFT, draft_of
from handlers.ui import answer_stale, reply, show_in_place
from jobs.course import reschedule_class
from jobs.timing import now_of
from storage.records import ClassFields


def _record(draft: dict[str, Any]) -> ClassFields:
    """The stored fields of a class from a finished draft (the agreed class record shape)."""
    return {
        "name": draft["name"],
        "tz": draft["tz"],
        "place": draft.get("place"),
        "first_date": draft["first_date"],
        "start": draft["start"],
        "sessions": draft["sessions"],
        "length_min": draft["length_min"],
        "venue": draft.get("venue"),
        "venue_pin": draft.get("venue_pin"),
        # The language of the class group's messages (jobs/course.py), asked at the confirm.
        "lang": draft.get("lang"),
        "moved": {},
        "cancelled": [],
        "ended_after": None,
        "ended_at": None,
        "group_chat_id": None,
        "times": {},
    }


def _confirm_view(context: Context) -> tuple[Html, InlineKeyboardMarkup]:
    """Every session's date, the class group's language (the instructor's own unless they chose
    another: a button each), and Create / Start again / Cancel."""
    texts = texts_of(context)
    draft = draft_of(context)
    draft.setdefault("lang", lang_of(context))
    summary = class_summary(texts, _record(draft), now_of(context.application))

    def button(key: str, pressed: Button) -> InlineKeyboardButton:
        return InlineKeyboardButton(texts.raw(f"newclass.{key}"), callback_data=encode(pressed))

    rows = [
        [button("create_button", CreateClass())],
        *class_language_rows(context, draft["lang"], GroupLanguage),
        [button("again_button", StartAgain()), button("cancel_button", CancelSetup())],
    ]
    text = texts("newclass.confirm", summary=summary, language=language_name(texts, draft["lang"]))
    return text, InlineKeyboardMarkup(rows)


async def ask_confirm(update: Update, context: Context) -> int:
    """Show every session's date and ask to create the class."""
    await reply(update, *_confirm_view(context))
    return CONFIRM


async def lang_pressed(update: Update, context: Context) -> int:
    """A group-language button at the confirm: keep it, and show the confirm again in place."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, GroupLanguage)
    lang = pressed.lang if pressed is not None else ""
    if lang not in content_of(context).languages:
        await answer_stale(query, context)
        return CONFIRM
    draft_of(context)["lang"] = lang
    await query.answer()
    await show_in_place(query, *_confirm_view(context))
    return CONFIRM


@requires("instructor")
async def create(update: Update, context: Context) -> int:
    """Create the class, schedule its messages and hand over its join link."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    draft = draft_of(context)
    # The class's group messages are in the language chosen at the confirm (by default the one
    # its instructor set it up in).
    klass = await store_of(context).create_class(
        user.id, _record(draft) | {"lang": draft.get("lang") or lang_of(context)}
    )
    # Closed once the class exists: a create that could not be saved (a full disk) keeps its
    # button, to be pressed again.
    await close_buttons(query)
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await reschedule_class(context.application, klass["id"])
    texts = texts_of(context)
    await reply(
        update,
        texts(
            "newclass.created",
            summary=class_summary(texts, klass, now_of(context.application)),
            link=join_link(context, klass),
        ),
        setup_buttons(context, klass),
    )
    return ConversationHandler.END
