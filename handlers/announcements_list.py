"""/announcements: the instructor's scheduled announcements, a page at a time, each with a
Cancel button."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from content.dates import format_local
from content.texts import Html
from domain.buttons import (
    AnnounceDelete,
    AnnouncePage,
    Button,
    parse,
)
from handlers.announce_common import (
    audience_words,
    count_families,
    keyboard_of,
    say,
)
from handlers.auth import own_class, requires
from handlers.common import (
    Context,
    class_zone,
    store_of,
    texts_of,
)
from handlers.ui import show_in_place
from jobs import announcements as ann_jobs
from jobs.announcement_report import excerpt
from jobs.timing import now_of
from storage.records import AnnouncementRecord, ClassRecord

# Announcements shown per page of /announcements: one phone screen, well under Telegram's
# 4,096 characters and 100 buttons however many are scheduled.
PAGE_SIZE = 8

# -- /announcements --------------------------------------------------------------------------


async def scheduled_page(
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
    now = now_of(context.application)
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
        glimpse = excerpt(ann.get("text_html"))
        if ann.get("photo"):
            glimpse = texts.raw("announce.photo_glimpse").format(
                glimpse=glimpse or texts.raw("announce.photo_only")
            )
        families = await count_families(context, klass["id"])
        lines.append(
            texts(
                "announce.list_item",
                number=number,
                when=format_local(send_at, klass["tz"], texts),
                tz=class_zone(texts, klass, now),
                class_name=klass.get("name", ""),
                audience=audience_words(texts, ann.get("audience", "both"), families),
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
    return Html("\n\n".join(lines)), keyboard_of(rows)


@requires("instructor")
async def list_scheduled(update: Update, context: Context) -> None:
    """/announcements: what is scheduled in the instructor's own classes."""
    user = update.effective_user
    if user is None:
        return
    text, markup = await scheduled_page(context, user.id)
    await say(update, text, markup)


@requires("instructor")
async def turn_page(update: Update, context: Context) -> None:
    """/announcements' Earlier / Later buttons: show that page in place."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    pressed = parse(query.data, AnnouncePage)
    await query.answer()
    text, markup = await scheduled_page(context, user.id, pressed.page if pressed else 0)
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
        await say(update, texts("announce.gone"))
        return
    class_id, aid = pressed.class_id, pressed.aid
    klass = await own_class(context, user.id, class_id)
    if klass is None:
        await query.answer(texts.raw("announce.not_your_class"), show_alert=True)
        return
    store = store_of(context)
    now = now_of(context.application).isoformat(timespec="seconds")
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
        await say(update, texts(key))
        return
    ann_jobs.unschedule_job(context.application, class_id, aid)
    await query.answer()
    confirmation = texts(
        "announce.cancelled_one",
        when=format_local(ann_jobs.parse_utc(done["send_at"]), klass["tz"], texts),
        class_name=klass.get("name", ""),
    )
    rest, markup = await scheduled_page(context, user.id)
    try:
        await query.edit_message_text(Html(confirmation + "\n\n" + rest), reply_markup=markup)
    except BadRequest:  # the list is too old to edit: say it in a new message
        await say(update, Html(confirmation + "\n\n" + rest), markup)
