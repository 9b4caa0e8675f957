"""Sending an announcement from the /announce composer: now, or at a time the instructor
types or picks, and the confirmation that says until when it is worth delivering to a family
Telegram cannot reach yet (with buttons to change it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    ConversationHandler,
)

from content.dates import format_local, typed_example
from content.texts import Html
from domain.buttons import (
    AnnounceAt,
    AnnounceDeadline,
    Button,
    parse,
)
from domain.schedule import resolve_local, zone
from domain.when import parse_when
from handlers.announce_common import (
    DRAFT,
    FURTHEST,
    WHEN,
    audience_words,
    cancel_row,
    count_families,
    draft_class,
    draft_of,
    keyboard_of,
    say,
    settle,
    stale_reply,
    unknown_button,
)
from handlers.auth import own_class, requires
from handlers.common import (
    Context,
    class_zone,
    date_words_of,
    settings_of,
    store_of,
    texts_of,
)
from handlers.ui import answer_press, set_buttons, show_in_place
from jobs import announcement_deadline as deadlines
from jobs import announcements as ann_jobs
from jobs.announcement_deadline import deletion_time, parse_utc
from jobs.course import unit_of
from jobs.timing import now_of
from storage.records import AnnouncementRecord, ClassRecord

# -- send now --------------------------------------------------------------------------------


async def store_announcement(
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
    klass = await draft_class(update, context)
    draft = draft_of(context)
    if user is None or klass is None or draft is None or "audience" not in draft:
        return await stale_reply(update, context)
    if "text_html" not in draft:
        return await stale_reply(update, context)
    ann = await store_announcement(context, klass, draft, now_of(context.application), user.id)
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    text, markup = await show_confirmation(context, klass, ann)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await settle(update, text, markup)
    return ConversationHandler.END


# -- the confirmation, and how long it is worth delivering --------------------------------------


def deadline_markup(
    context: Context, klass: ClassRecord, ann: AnnouncementRecord
) -> InlineKeyboardMarkup:
    """The deadline choices (deadlines.DEADLINES) that exist for this announcement, the current
    one ticked: "Until the next session" on its own row (a long label), then 12 hours, 3 days."""
    texts = texts_of(context)
    chosen = ann.get("deadline_choice") or deadlines.DEFAULT_DEADLINE
    options = deadlines.deadline_options(
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
    return keyboard_of(rows)


async def show_confirmation(
    context: Context, klass: ClassRecord, ann: AnnouncementRecord, dst_note: str = ""
) -> tuple[Html, InlineKeyboardMarkup]:
    """What was done (sending now, or scheduled for a time), until when it is worth delivering,
    and the buttons to change that."""
    texts = texts_of(context)
    now = now_of(context.application)
    send_at = parse_utc(ann["send_at"])
    phrase = audience_words(texts, ann["audience"], await count_families(context, klass["id"]))
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
    until = deadlines.deadline(ann, klass, settings_of(context))
    line = texts("announce.deadline_line", until=format_local(until, klass["tz"], texts))
    return Html(head + "\n\n" + line), deadline_markup(context, klass, ann)


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
    if choice not in deadlines.DEADLINES:
        await answer_press(query, texts.raw("announce.unknown_button"), show_alert=True)
        return
    outcome, ann = await ann_jobs.set_deadline(context.application, class_id, aid, choice)
    if outcome == "set" and ann is not None:
        until = format_local(
            deadlines.deadline(ann, klass, settings_of(context)), klass["tz"], texts
        )
        await answer_press(query, texts.raw("announce.deadline_set").format(until=until))
        text, markup = await show_confirmation(context, klass, ann)
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


def now_local(context: Context, tz: str) -> datetime:
    """The wall clock in a class's time zone right now (the bot's clock: the playground's too)."""
    return now_of(context.application).astimezone(zone(tz))


@requires("instructor")
async def ask_when(update: Update, context: Context) -> int:
    """Schedule: ask for a date and time in the class's zone, with a few quick choices."""
    klass = await draft_class(update, context)
    draft = draft_of(context)
    if klass is None or draft is None or "text_html" not in draft:
        return await stale_reply(update, context)
    texts = texts_of(context)
    now = now_local(context, klass["tz"])
    tomorrow = now.date() + timedelta(days=1)
    choices: list[tuple[str, Button]] = []
    if now.time() < time(17, 0):
        label = texts.raw("announce.at_today").format(time="18:00")
        choices.append((label, AnnounceAt(datetime.combine(now.date(), time(18)))))
    for hour in (9, 18):
        label = texts.raw("announce.at_tomorrow").format(time=f"{hour:02d}:00")
        choices.append((label, AnnounceAt(datetime.combine(tomorrow, time(hour)))))
    example = typed_example(tomorrow + timedelta(days=1), "10:00", texts)
    # The place the instructor chose in /newclass, with its clock: never a raw zone name.
    text = texts("announce.when_prompt", tz=class_zone(texts, klass, now), example=example)
    await say(update, text, keyboard_of([[c] for c in choices] + [cancel_row(texts)]))
    return WHEN


@requires("instructor")
async def when_not_text(update: Update, context: Context) -> None:
    """A sticker or photo where a date and time is expected: show the formats again."""
    klass = await draft_class(update, context)
    tz = klass["tz"] if klass is not None else "UTC"
    texts = texts_of(context)
    example = typed_example(now_local(context, tz).date() + timedelta(days=2), "10:00", texts)
    await say(update, texts("announce.when_not_understood", example=example))


@requires("instructor")
async def when_button(update: Update, context: Context) -> int | None:
    """A quick time button (checked like a typed time: it may be old or forged)."""
    query = update.callback_query
    pressed = parse(query.data, AnnounceAt) if query is not None else None
    if pressed is None:
        return await unknown_button(update, context)
    return await schedule_at(update, context, pressed.at.date(), pressed.at.time())


@requires("instructor")
async def when_typed(update: Update, context: Context) -> int | None:
    """A typed date and time."""
    message = update.effective_message
    klass = await draft_class(update, context)
    if message is None or message.text is None or klass is None:
        return await stale_reply(update, context)
    texts = texts_of(context)
    today = now_local(context, klass["tz"]).date()
    parsed = parse_when(message.text, today, words=date_words_of(context))
    if parsed is None:
        example = typed_example(today + timedelta(days=2), "10:00", texts)
        await say(update, texts("announce.when_not_understood", example=example))
        return None
    return await schedule_at(update, context, *parsed)


async def schedule_at(update: Update, context: Context, day: date, at: time) -> int | None:
    """Validate a local date and time, then store the announcement for then."""
    user = update.effective_user
    klass = await draft_class(update, context)
    draft = draft_of(context)
    if user is None or klass is None or draft is None or "text_html" not in draft:
        return await stale_reply(update, context)
    texts = texts_of(context)
    tz = klass["tz"]
    send_at = resolve_local(day, at, tz)
    now = now_of(context.application)
    when = format_local(send_at, tz, texts)
    if send_at <= now:
        await say(update, texts("announce.when_past", when=when, tz=class_zone(texts, klass, now)))
        return None
    deletion = deletion_time(klass, settings_of(context))
    if deletion is not None and send_at >= deletion:
        deleted = format_local(deletion, tz, texts)
        await say(update, texts("announce.when_after_deletion", deletion=deleted))
        return None
    if send_at - now > FURTHEST:
        await say(update, texts("announce.when_too_far"))
        return None
    # A time the clocks skip (spring forward) went forward by the gap: say so.
    local = send_at.astimezone(zone(tz))
    dst_note = ""
    if (local.date(), local.time().replace(tzinfo=None)) != (day, at):
        dst_note = texts("announce.dst_gap", asked=f"{at:%H:%M}", actual=f"{local:%H:%M}")
    ann = await store_announcement(context, klass, draft, send_at, user.id)
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    text, markup = await show_confirmation(context, klass, ann, dst_note)
    if update.callback_query is not None:
        await update.callback_query.answer()
        await settle(update, text, markup)
    else:
        await say(update, text, markup)
    return ConversationHandler.END
