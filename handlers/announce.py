"""Instructor announcements: /announce (class, audience, message, preview, then send now,
schedule or cancel) and /announcements (what is scheduled, each with a Cancel button).

The confirmation (sending now, or scheduled) says until when it is worth delivering to a family
Telegram cannot reach yet, with buttons to change it: until the next session, 12 hours (the
default) or 3 days (jobs/announcements.py `DEADLINES`); they work until the delivery settles.

The composer is a conversation in the instructor's private chat; the draft lives in user_data
until it is stored as an announcement (jobs/announcements.py sends it, now or at its time, and
reports back). The text is taken from the message's entities (`text_html`), so the instructor's
bold, italics and links are kept and anything they typed that looks like markup (`<b>`, `&`)
arrives as the literal characters. Every button is checked again on arrival: the guard for the
role, then storage for the class, since callback data can be forged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from botdata import App
from content.lessons import telegram_length
from content.texts import Html, Texts
from domain.buttons import (
    AnnounceAt,
    AnnounceAudience,
    AnnounceCancel,
    AnnounceClass,
    AnnounceDeadline,
    AnnounceDelete,
    AnnounceLater,
    AnnounceNow,
    AnnouncePage,
    Button,
    encode,
    family,
    parse,
    routes,
)
from domain.checkin_stats import family_of
from domain.schedule import resolve_local, zone
from domain.when import parse_when
from handlers.auth import own_class, refuse_class, requires
from handlers.commands import Command
from handlers.common import (
    Context,
    class_zone,
    date_words_of,
    settings_of,
    store_of,
    texts_of,
)
from handlers.conversation import StoredConversation
from handlers.ui import answer_press, reply, set_buttons, show_in_place, shown_already
from jobs import announcements as ann_jobs
from jobs.announcements import AUDIENCES, deletion_time, format_local, parse_utc
from jobs.course import unit_of
from storage.records import AnnouncementRecord, ClassRecord

# Conversation states.
CLASS, AUDIENCE, WRITE, PREVIEW, WHEN = range(5)
# The draft in user_data: class_id, audience, text_html, photo (a file_id) or None.
DRAFT = "announce_draft"
# Telegram's limits on what one message may carry (counted in UTF-16 units, as Telegram does).
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
# Nobody means to schedule a class announcement more than a year ahead: that is a typo.
FURTHEST = timedelta(days=366)

# Announcements shown per page of /announcements: one phone screen, well under Telegram's
# 4,096 characters and 100 buttons however many are scheduled.
PAGE_SIZE = 8

# -- small helpers ---------------------------------------------------------------------------


def _buttons(rows: Sequence[Sequence[tuple[str, Button]]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, the button pressed)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=encode(pressed)) for label, pressed in row]
            for row in rows
        ]
    )


def _cancel_row(texts: Texts) -> list[tuple[str, Button]]:
    """The Cancel button every step of the composer offers."""
    return [(texts.raw("announce.cancel_button"), AnnounceCancel())]


def _audience_phrase(texts: Texts, audience: str, families: int) -> str:
    """The audience in words, e.g. "the class group and each family's private chat (12)"."""
    return texts.raw(f"announce.to_{audience}").format(count=families)


async def _settle(update: Update, text: Html, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the pressed button's message with the choice made (its keyboard goes away, or
    `markup` takes its place)."""
    query = update.callback_query
    if query is None or shown_already(query.message, markup, text):
        return  # a double tap: Telegram refuses an edit that changes nothing
    with contextlib.suppress(BadRequest):  # too old to edit
        await query.edit_message_text(text, reply_markup=markup)


async def _say(update: Update, text: Html, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer in the chat (and the button press, if it was one)."""
    await reply(update, text, reply_markup=markup)


def _draft(context: Context) -> dict[str, Any] | None:
    """The draft in progress, or None when there is none (a stale button)."""
    data = context.user_data
    draft = data.get(DRAFT) if data is not None else None
    return draft if isinstance(draft, dict) else None


async def _families(context: Context, class_id: str) -> int:
    """How many families of a class are reached in their private chats (a parent and their
    carer are one family, though each gets the message)."""
    return len({family_of(m) for m in await store_of(context).members(class_id)})


async def _draft_class(update: Update, context: Context) -> ClassRecord | None:
    """The draft's class, checked again as the instructor's own (it may have been deleted)."""
    draft = _draft(context)
    user = update.effective_user
    if draft is None or user is None or "class_id" not in draft:
        return None
    return await own_class(context, user.id, draft["class_id"])


async def _stale_reply(update: Update, context: Context) -> int:
    """Say a button belongs to a finished composer, and end whatever is left of it."""
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await _say(update, texts_of(context)("announce.stale"))
    return ConversationHandler.END


async def _unknown_button(update: Update, context: Context) -> int | None:
    """Button data no button of ours carries (forged or garbled): say so, change nothing."""
    if update.callback_query is not None:
        await update.callback_query.answer(
            texts_of(context).raw("announce.unknown_button"), show_alert=True
        )
    # The conversation stays where it was (None), so a forged button changes nothing.
    return None


# -- /announce: the class --------------------------------------------------------------------


@requires("instructor")
async def start_announce(update: Update, context: Context) -> int:
    """/announce: start a new announcement; ask for the class when there are several."""
    user = update.effective_user
    if user is None or context.user_data is None:
        return ConversationHandler.END
    texts = texts_of(context)
    classes = await store_of(context).classes_of_instructor(user.id)
    context.user_data[DRAFT] = {}
    if not classes:
        context.user_data.pop(DRAFT, None)
        await _say(update, texts("announce.no_classes"))
        return ConversationHandler.END
    if len(classes) == 1:
        return await _ask_audience(update, context, classes[0])
    rows: list[list[tuple[str, Button]]] = [
        [(str(c.get("name") or c["id"]), AnnounceClass(c["id"]))] for c in classes
    ]
    await _say(update, texts("announce.choose_class"), _buttons([*rows, _cancel_row(texts)]))
    return CLASS


@requires("instructor")
async def pick_class(update: Update, context: Context) -> int | None:
    """A class button: check it is the instructor's own, then ask for the audience."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or _draft(context) is None:
        return await _stale_reply(update, context)
    pressed = parse(query.data, AnnounceClass)
    klass = await own_class(context, user.id, pressed.class_id if pressed is not None else "")
    if klass is None:
        await query.answer(texts_of(context).raw("announce.not_your_class"), show_alert=True)
        return None  # stay: the real buttons still work
    await _settle(update, texts_of(context)("announce.picked_class", class_name=klass["name"]))
    return await _ask_audience(update, context, klass)


# -- the audience ----------------------------------------------------------------------------


async def _ask_audience(update: Update, context: Context, klass: ClassRecord) -> int:
    """Offer the audiences this class has (no "group" without a linked group)."""
    texts = texts_of(context)
    families = await _families(context, klass["id"])
    has_group = bool(klass.get("group_chat_id"))
    if not has_group and families == 0:
        if context.user_data is not None:
            context.user_data.pop(DRAFT, None)
        await _say(update, texts("announce.nobody_yet", class_name=klass["name"]))
        return ConversationHandler.END
    draft = _draft(context)
    if draft is not None:
        draft.clear()
        draft["class_id"] = klass["id"]
    private = texts.raw("announce.audience_private_button").format(count=families)
    rows: list[list[tuple[str, Button]]] = []
    if has_group:
        rows.append([(texts.raw("announce.audience_group_button"), AnnounceAudience("group"))])
    rows.append([(private, AnnounceAudience("private"))])
    if has_group:
        rows.append([(texts.raw("announce.audience_both_button"), AnnounceAudience("both"))])
    text = texts("announce.choose_audience", class_name=klass["name"])
    if not has_group:
        text = Html(text + "\n" + texts("announce.no_group_note"))
    await _say(update, text, _buttons([*rows, _cancel_row(texts)]))
    return AUDIENCE


@requires("instructor")
async def pick_audience(update: Update, context: Context) -> int | None:
    """An audience button: group, private chats or both; then ask for the message."""
    query = update.callback_query
    klass = await _draft_class(update, context)
    draft = _draft(context)
    if query is None or klass is None or draft is None:
        return await _stale_reply(update, context)
    texts = texts_of(context)
    pressed = parse(query.data, AnnounceAudience)
    audience = pressed.audience if pressed is not None else ""
    if audience not in AUDIENCES:
        return await _unknown_button(update, context)
    if audience != "private" and not klass.get("group_chat_id"):
        await query.answer(texts.raw("announce.no_group"), show_alert=True)
        return None
    draft["audience"] = audience
    phrase = _audience_phrase(texts, audience, await _families(context, klass["id"]))
    await _settle(
        update, texts("announce.picked_audience", class_name=klass["name"], audience=phrase)
    )
    await _say(update, texts("announce.write_prompt"), _buttons([_cancel_row(texts)]))
    return WRITE


# -- the message and its preview -------------------------------------------------------------


@requires("instructor")
async def got_text(update: Update, context: Context) -> int | None:
    """The announcement as text: kept with the instructor's formatting, safely escaped."""
    message = update.effective_message
    draft = _draft(context)
    if message is None or message.text is None or draft is None:
        return ConversationHandler.END
    if telegram_length(message.text) > TEXT_LIMIT:
        await _say(update, texts_of(context)("core.too_long", limit=TEXT_LIMIT))
        return None
    if not message.text.strip():
        # Telegram refuses an empty message: ask again rather than fail at sending time.
        await _say(update, texts_of(context)("announce.empty"))
        return None
    draft["text_html"] = message.text_html
    draft["photo"] = None
    return await _preview(update, context)


@requires("instructor")
async def got_photo(update: Update, context: Context) -> int | None:
    """The announcement as a photo, with its caption (if any) kept like a text."""
    message = update.effective_message
    draft = _draft(context)
    if message is None or not message.photo or draft is None:
        return ConversationHandler.END
    if message.caption and telegram_length(message.caption) > CAPTION_LIMIT:
        await _say(update, texts_of(context)("announce.caption_too_long", limit=CAPTION_LIMIT))
        return None
    draft["text_html"] = message.caption_html if message.caption else None
    # The largest size; the same file_id is what every family gets.
    draft["photo"] = message.photo[-1].file_id
    return await _preview(update, context)


@requires("instructor")
async def not_a_message(update: Update, context: Context) -> None:
    """A sticker, voice note, file... where the announcement is expected: ask again, kindly."""
    await _say(update, texts_of(context)("announce.not_a_message"))


async def _send_as_parents_see_it(update: Update, draft: dict[str, Any]) -> None:
    """Send the draft exactly as it will go out (same text, same photo, same parse mode)."""
    chat = update.effective_chat
    if chat is None:
        return
    if draft.get("photo"):
        await chat.send_photo(draft["photo"], caption=draft.get("text_html"))
    else:
        await chat.send_message(draft["text_html"])


async def _preview(update: Update, context: Context) -> int | None:
    """Show the draft as the families will see it, then Send now / Schedule / Cancel."""
    klass = await _draft_class(update, context)
    draft = _draft(context)
    if klass is None and draft is not None and "class_id" in draft:
        # The class was deleted while the announcement was being written.
        if context.user_data is not None:
            context.user_data.pop(DRAFT, None)
        return await refuse_class(update, context)
    if klass is None or draft is None or "audience" not in draft:
        return await _stale_reply(update, context)
    texts = texts_of(context)
    try:
        await _send_as_parents_see_it(update, draft)
    except BadRequest as exc:
        await _say(update, texts("announce.preview_failed", reason=exc.message))
        return None
    phrase = _audience_phrase(texts, draft["audience"], await _families(context, klass["id"]))
    buttons = _buttons(
        [
            [
                (texts.raw("announce.send_now_button"), AnnounceNow()),
                (texts.raw("announce.schedule_button"), AnnounceLater()),
            ],
            _cancel_row(texts),
        ]
    )
    text = texts("announce.preview_controls", class_name=klass["name"], audience=phrase)
    await _say(update, text, buttons)
    return PREVIEW


# -- send now --------------------------------------------------------------------------------


async def _store_announcement(
    context: Context, klass: ClassRecord, draft: dict[str, Any], send_at: datetime, user_id: int
) -> AnnouncementRecord:
    """Store the draft as a scheduled announcement and give it its job."""
    ann = await store_of(context).add_announcement(
        klass["id"],
        {
            "status": "scheduled",
            "send_at": send_at.astimezone(UTC).isoformat(timespec="seconds"),
            "audience": draft["audience"],
            "text_html": draft.get("text_html"),
            "photo": draft.get("photo"),
            "created_by": user_id,
            "report": None,
        },
    )
    ann_jobs.schedule_job(context.application, klass["id"], ann["aid"], send_at)
    return ann


@requires("instructor")
async def send_now(update: Update, context: Context) -> int:
    """Send now: store it and start sending in the background; the report follows."""
    user = update.effective_user
    klass = await _draft_class(update, context)
    draft = _draft(context)
    if user is None or klass is None or draft is None or "audience" not in draft:
        return await _stale_reply(update, context)
    if "text_html" not in draft:
        return await _stale_reply(update, context)
    ann = await _store_announcement(context, klass, draft, datetime.now(UTC), user.id)
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    text, markup = await _confirmation(context, klass, ann)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await _settle(update, text, markup)
    return ConversationHandler.END


# -- the confirmation, and how long it is worth delivering --------------------------------------


def _deadline_markup(
    context: Context, klass: ClassRecord, ann: AnnouncementRecord
) -> InlineKeyboardMarkup:
    """The deadline choices (ann_jobs.DEADLINES) that exist for this announcement, the current
    one ticked: "Until the next session" on its own row (a long label), then 12 hours, 3 days."""
    texts = texts_of(context)
    chosen = ann.get("deadline_choice") or ann_jobs.DEFAULT_DEADLINE
    options = ann_jobs.deadline_options(
        klass, parse_utc(ann["send_at"]), unit_of(context.application)
    )
    buttons = [
        (
            ("✓ " if choice == chosen else "") + texts.raw(f"announce.deadline_{choice}_button"),
            AnnounceDeadline(klass["id"], ann["aid"], choice),
        )
        for choice in options
    ]
    rows = [buttons[:1], buttons[1:]] if "next" in options else [buttons]
    return _buttons(rows)


async def _confirmation(
    context: Context, klass: ClassRecord, ann: AnnouncementRecord, dst_note: str = ""
) -> tuple[Html, InlineKeyboardMarkup]:
    """What was done (sending now, or scheduled for a time), until when it is worth delivering,
    and the buttons to change that."""
    texts = texts_of(context)
    now = datetime.now(UTC)
    send_at = parse_utc(ann["send_at"])
    phrase = _audience_phrase(texts, ann["audience"], await _families(context, klass["id"]))
    if ann.get("status") == "scheduled" and send_at > now:
        head = texts(
            "announce.scheduled",
            when=format_local(send_at, klass["tz"], texts),
            tz=class_zone(texts, klass, now),
            audience=phrase,
            class_name=klass["name"],
            dst_note=Html(dst_note),
        )
    else:
        head = texts("announce.sending", class_name=klass["name"], audience=phrase)
    until = ann_jobs.deadline(ann, klass, settings_of(context))
    line = texts("announce.deadline_line", until=format_local(until, klass["tz"], texts))
    return Html(head + "\n\n" + line), _deadline_markup(context, klass, ann)


@requires("instructor")
async def pick_deadline(update: Update, context: Context) -> None:
    """A deadline button on the confirmation: until the next session, 12 hours or 3 days. It
    may come while the announcement is being sent (the delivery's deadline moves), after it
    settled (nothing left to change), from an old message or forged (checked like any other)."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    texts = texts_of(context)
    pressed = parse(query.data, AnnounceDeadline)
    if pressed is None:
        await answer_press(query, texts.raw("announce.unknown_button"), show_alert=True)
        return
    class_id, aid, choice = pressed.class_id, pressed.aid, pressed.choice
    klass = await own_class(context, user.id, class_id)
    if klass is None:
        await answer_press(query, texts.raw("announce.not_your_class"), show_alert=True)
        return
    if choice not in ann_jobs.DEADLINES:
        await answer_press(query, texts.raw("announce.unknown_button"), show_alert=True)
        return
    outcome, ann = await ann_jobs.set_deadline(context.application, class_id, aid, choice)
    if outcome == "set" and ann is not None:
        until = format_local(
            ann_jobs.deadline(ann, klass, settings_of(context)), klass["tz"], texts
        )
        await answer_press(query, texts.raw("announce.deadline_set").format(until=until))
        text, markup = await _confirmation(context, klass, ann)
        await show_in_place(query, text, markup)
        return
    if outcome == "done" and ann is not None:
        settled = ann.get("status") in ("sent", "partly_sent")
        key = "announce.deadline_done" if settled else "announce.deadline_stopped"
        await answer_press(query, texts.raw(key), show_alert=True)
        await set_buttons(query, None)
        return
    key = {
        "no_session": "announce.deadline_no_session",
        "passed": "announce.deadline_passed",
    }.get(outcome, "announce.gone")
    await answer_press(query, texts.raw(key), show_alert=True)


# -- schedule --------------------------------------------------------------------------------


def _now_local(tz: str) -> datetime:
    """The wall clock in a class's time zone right now."""
    return datetime.now(UTC).astimezone(zone(tz))


@requires("instructor")
async def ask_when(update: Update, context: Context) -> int:
    """Schedule: ask for a date and time in the class's zone, with a few quick choices."""
    klass = await _draft_class(update, context)
    draft = _draft(context)
    if klass is None or draft is None or "text_html" not in draft:
        return await _stale_reply(update, context)
    texts = texts_of(context)
    now = _now_local(klass["tz"])
    tomorrow = now.date() + timedelta(days=1)
    choices: list[tuple[str, Button]] = []
    if now.time() < time(17, 0):
        label = texts.raw("announce.at_today").format(time="18:00")
        choices.append((label, AnnounceAt(datetime.combine(now.date(), time(18)))))
    for hour in (9, 18):
        label = texts.raw("announce.at_tomorrow").format(time=f"{hour:02d}:00")
        choices.append((label, AnnounceAt(datetime.combine(tomorrow, time(hour)))))
    example = f"{tomorrow + timedelta(days=1):%d.%m} 10:00"
    # The place the instructor chose in /newclass, with its clock: never a raw zone name.
    text = texts("announce.when_prompt", tz=class_zone(texts, klass, now), example=example)
    await _say(update, text, _buttons([[c] for c in choices] + [_cancel_row(texts)]))
    return WHEN


@requires("instructor")
async def when_not_text(update: Update, context: Context) -> None:
    """A sticker or photo where a date and time is expected: show the formats again."""
    klass = await _draft_class(update, context)
    tz = klass["tz"] if klass is not None else "UTC"
    example = f"{_now_local(tz).date() + timedelta(days=2):%d.%m} 10:00"
    await _say(update, texts_of(context)("announce.when_not_understood", example=example))


@requires("instructor")
async def when_button(update: Update, context: Context) -> int | None:
    """A quick time button (checked like a typed time: it may be old or forged)."""
    query = update.callback_query
    pressed = parse(query.data, AnnounceAt) if query is not None else None
    if pressed is None:
        return await _unknown_button(update, context)
    return await _schedule_at(update, context, pressed.at.date(), pressed.at.time())


@requires("instructor")
async def when_typed(update: Update, context: Context) -> int | None:
    """A typed date and time."""
    message = update.effective_message
    klass = await _draft_class(update, context)
    if message is None or message.text is None or klass is None:
        return await _stale_reply(update, context)
    texts = texts_of(context)
    today = _now_local(klass["tz"]).date()
    parsed = parse_when(message.text, today, words=date_words_of(context))
    if parsed is None:
        example = f"{today + timedelta(days=2):%d.%m} 10:00"
        await _say(update, texts("announce.when_not_understood", example=example))
        return None
    return await _schedule_at(update, context, *parsed)


async def _schedule_at(update: Update, context: Context, day: date, at: time) -> int | None:
    """Validate a local date and time, then store the announcement for then."""
    user = update.effective_user
    klass = await _draft_class(update, context)
    draft = _draft(context)
    if user is None or klass is None or draft is None or "text_html" not in draft:
        return await _stale_reply(update, context)
    texts = texts_of(context)
    tz = klass["tz"]
    send_at = resolve_local(day, at, tz)
    now = datetime.now(UTC)
    when = format_local(send_at, tz, texts)
    if send_at <= now:
        await _say(update, texts("announce.when_past", when=when, tz=class_zone(texts, klass, now)))
        return None
    deletion = deletion_time(klass, settings_of(context))
    if deletion is not None and send_at >= deletion:
        deleted = format_local(deletion, tz, texts)
        await _say(update, texts("announce.when_after_deletion", deletion=deleted))
        return None
    if send_at - now > FURTHEST:
        await _say(update, texts("announce.when_too_far"))
        return None
    # A time the clocks skip (spring forward) went forward by the gap: say so.
    local = send_at.astimezone(zone(tz))
    dst_note = ""
    if (local.date(), local.time().replace(tzinfo=None)) != (day, at):
        dst_note = texts("announce.dst_gap", asked=f"{at:%H:%M}", actual=f"{local:%H:%M}")
    ann = await _store_announcement(context, klass, draft, send_at, user.id)
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    text, markup = await _confirmation(context, klass, ann, dst_note)
    if update.callback_query is not None:
        await update.callback_query.answer()
        await _settle(update, text, markup)
    else:
        await _say(update, text, markup)
    return ConversationHandler.END


# -- cancel ----------------------------------------------------------------------------------


@requires("instructor")
async def cancel(update: Update, context: Context) -> int:
    """/cancel or the Cancel button, at any step: drop the draft, send nothing."""
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    text = texts_of(context)("announce.cancelled")
    if update.callback_query is not None:
        await update.callback_query.answer()
        await _settle(update, text)
    else:
        await _say(update, text)
    return ConversationHandler.END


@requires("instructor")
async def wrong_chat(update: Update, context: Context) -> None:
    """/announce or /announcements in a group: these belong in the private chat."""
    link = f"https://t.me/{context.bot.username}"
    await _say(update, texts_of(context)("core.private_only", link=link))


@requires("instructor")
async def stale_button(update: Update, context: Context) -> None:
    """A composer button from a conversation that is over (finished, cancelled, restarted),
    or one that does not fit the step the instructor is at. A draft in progress is kept."""
    await _say(update, texts_of(context)("announce.stale"))


# -- /announcements --------------------------------------------------------------------------


async def _scheduled_list(
    context: Context, user_id: int, page: int = 0
) -> tuple[Html, InlineKeyboardMarkup | None]:
    """One page of the instructor's scheduled announcements, soonest first, each with a
    Cancel button, and buttons to the pages before and after."""
    store = store_of(context)
    texts = texts_of(context)
    pending: list[tuple[datetime, ClassRecord, AnnouncementRecord]] = []
    for klass in await store.classes_of_instructor(user_id):
        for ann in await store.announcements(klass["id"]):
            if ann.get("status") == "scheduled":
                pending.append((ann_jobs.parse_utc(ann["send_at"]), klass, ann))
    if not pending:
        return texts("announce.list_empty"), None
    now = datetime.now(UTC)
    pending.sort(key=lambda item: item[0])
    pages = (len(pending) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    first = page * PAGE_SIZE
    lines = [texts("announce.list_header")]
    if pages > 1:
        lines.append(texts("announce.list_page", page=page + 1, pages=pages, total=len(pending)))
    rows: list[list[tuple[str, Button]]] = []
    shown = pending[first : first + PAGE_SIZE]
    for number, (send_at, klass, ann) in enumerate(shown, start=first + 1):
        glimpse = ann_jobs.excerpt(ann.get("text_html"))
        if ann.get("photo"):
            glimpse = texts.raw("announce.photo_glimpse").format(
                glimpse=glimpse or texts.raw("announce.photo_only")
            )
        families = await _families(context, klass["id"])
        lines.append(
            texts(
                "announce.list_item",
                number=number,
                when=format_local(send_at, klass["tz"], texts),
                tz=class_zone(texts, klass, now),
                class_name=klass.get("name", ""),
                audience=_audience_phrase(texts, ann.get("audience", "both"), families),
                glimpse=glimpse,
            )
        )
        label = texts.raw("announce.list_cancel_button").format(number=number)
        rows.append([(label, AnnounceDelete(klass["id"], ann["aid"]))])
    turn: list[tuple[str, Button]] = []
    if page > 0:
        turn.append((texts.raw("announce.list_earlier"), AnnouncePage(page - 1)))
    if page < pages - 1:
        turn.append((texts.raw("announce.list_later"), AnnouncePage(page + 1)))
    if turn:
        rows.append(turn)
    return Html("\n\n".join(lines)), _buttons(rows)


@requires("instructor")
async def list_scheduled(update: Update, context: Context) -> None:
    """/announcements: what is scheduled in the instructor's own classes."""
    user = update.effective_user
    if user is None:
        return
    text, markup = await _scheduled_list(context, user.id)
    await _say(update, text, markup)


@requires("instructor")
async def turn_page(update: Update, context: Context) -> None:
    """/announcements' Earlier / Later buttons: show that page in place."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    pressed = parse(query.data, AnnouncePage)
    await query.answer()
    text, markup = await _scheduled_list(context, user.id, pressed.page if pressed else 0)
    await show_in_place(query, text, markup)


@requires("instructor")
async def cancel_scheduled(update: Update, context: Context) -> None:
    """A Cancel button of /announcements: cancel it if it has not started going out."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    texts = texts_of(context)
    pressed = parse(query.data, AnnounceDelete)
    if pressed is None:
        await _say(update, texts("announce.gone"))
        return
    class_id, aid = pressed.class_id, pressed.aid
    klass = await own_class(context, user.id, class_id)
    if klass is None:
        await query.answer(texts.raw("announce.not_your_class"), show_alert=True)
        return
    store = store_of(context)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    done = await store.transition_announcement(
        class_id, aid, ("scheduled",), {"status": "cancelled", "cancelled_at": now}
    )
    if done is None:
        ann = await store.get_announcement(class_id, aid)
        status = ann.get("status") if ann else None
        key = {
            "cancelled": "announce.already_cancelled",
            "sent": "announce.already_sent",
            "partly_sent": "announce.already_sent",
            "sending": "announce.already_sending",
            "missed": "announce.already_missed",
        }.get(str(status), "announce.gone")
        await _say(update, texts(key))
        return
    ann_jobs.unschedule_job(context.application, class_id, aid)
    await query.answer()
    confirmation = texts(
        "announce.cancelled_one",
        when=format_local(ann_jobs.parse_utc(done["send_at"]), klass["tz"], texts),
        class_name=klass.get("name", ""),
    )
    rest, markup = await _scheduled_list(context, user.id)
    try:
        await query.edit_message_text(Html(confirmation + "\n\n" + rest), reply_markup=markup)
    except BadRequest:  # the list is too old to edit: say it in a new message
        await _say(update, Html(confirmation + "\n\n" + rest), markup)


# -- registration ----------------------------------------------------------------------------

COMMANDS = [Command("announce", "instructor"), Command("announcements", "instructor")]


def handlers(app: App) -> list[BaseHandler]:
    """The composer conversation, the scheduled list and its buttons, stale buttons last."""
    private = filters.ChatType.PRIVATE
    cancel_handlers: list[BaseHandler] = [
        CommandHandler("cancel", cancel, filters=private),
        CallbackQueryHandler(cancel, pattern=routes(AnnounceCancel)),
    ]
    typed = private & filters.TEXT & ~filters.COMMAND
    other = private & ~filters.COMMAND & ~filters.TEXT & ~filters.PHOTO & ~filters.StatusUpdate.ALL
    composer = StoredConversation(
        app,
        entry_points=[CommandHandler("announce", start_announce, filters=private)],
        states={
            CLASS: [CallbackQueryHandler(pick_class, pattern=routes(AnnounceClass))],
            AUDIENCE: [CallbackQueryHandler(pick_audience, pattern=routes(AnnounceAudience))],
            WRITE: [
                MessageHandler(typed, got_text),
                MessageHandler(private & filters.PHOTO, got_photo),
                MessageHandler(other, not_a_message),
            ],
            PREVIEW: [
                CallbackQueryHandler(send_now, pattern=routes(AnnounceNow)),
                CallbackQueryHandler(ask_when, pattern=routes(AnnounceLater)),
                # A new version replaces the draft and gets a new preview.
                MessageHandler(typed, got_text),
                MessageHandler(private & filters.PHOTO, got_photo),
                MessageHandler(other, not_a_message),
            ],
            WHEN: [
                CallbackQueryHandler(when_button, pattern=routes(AnnounceAt)),
                MessageHandler(typed, when_typed),
                MessageHandler(other | (private & filters.PHOTO), when_not_text),
            ],
        },
        fallbacks=cancel_handlers,
        # /announce again mid-way starts over, rather than being taken for the message.
        allow_reentry=True,
        name="announce",
        drafts=[DRAFT],
    )
    return [
        composer,
        CommandHandler("announcements", list_scheduled, filters=private),
        CallbackQueryHandler(turn_page, pattern=routes(AnnouncePage)),
        CommandHandler(["announce", "announcements"], wrong_chat, filters=~private),
        CallbackQueryHandler(cancel_scheduled, pattern=routes(AnnounceDelete)),
        CallbackQueryHandler(pick_deadline, pattern=routes(AnnounceDeadline)),
        CallbackQueryHandler(stale_button, pattern=family("ann")),
    ]


async def on_startup(app: App) -> None:
    """Rebuild the jobs of announcements still to send (restarts lose and double nothing)."""
    await ann_jobs.restore(app)
