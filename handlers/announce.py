"""Instructor announcements: /announce (class, audience, message, preview, then send now,
schedule or cancel) and /announcements (what is scheduled, each with a Cancel button). This
module is the composer's first steps and the registration of both; sending now or at a time and
the confirmation are announce_send.py, the scheduled list announcements_list.py, and what the
steps share announce_common.py.

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

from typing import Any

from telegram import Update
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
from content.texts import Html
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
    family,
    parse,
    routes,
)
from handlers.announce_common import (
    AUDIENCE,
    CAPTION_LIMIT,
    CLASS,
    DRAFT,
    PREVIEW,
    TEXT_LIMIT,
    WHEN,
    WRITE,
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
from handlers.announce_send import (
    ask_when,
    pick_deadline,
    send_now,
    when_button,
    when_not_text,
    when_typed,
)
from handlers.announcements_list import (
    cancel_scheduled,
    list_scheduled,
    turn_page,
)
from handlers.auth import own_class, refuse_class, requires
from handlers.commands import Command
from handlers.common import (
    Context,
    store_of,
    texts_of,
)
from handlers.conversation import StoredConversation
from jobs import announcements as ann_jobs
from jobs.announcements import AUDIENCES
from storage.records import ClassRecord

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
        await say(update, texts("announce.no_classes"))
        return ConversationHandler.END
    if len(classes) == 1:
        return await _ask_audience(update, context, classes[0])
    rows: list[list[tuple[str, Button]]] = [
        [(str(c.get("name") or c["id"]), AnnounceClass(c["id"]))] for c in classes
    ]
    await say(update, texts("announce.choose_class"), keyboard_of([*rows, cancel_row(texts)]))
    return CLASS


@requires("instructor")
async def pick_class(update: Update, context: Context) -> int | None:
    """A class button: check it is the instructor's own, then ask for the audience."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or draft_of(context) is None:
        return await stale_reply(update, context)
    pressed = parse(query.data, AnnounceClass)
    klass = await own_class(context, user.id, pressed.class_id if pressed is not None else "")
    if klass is None:
        await query.answer(texts_of(context).raw("announce.not_your_class"), show_alert=True)
        return None  # stay: the real buttons still work
    await settle(update, texts_of(context)("announce.picked_class", class_name=klass["name"]))
    return await _ask_audience(update, context, klass)


# -- the audience ----------------------------------------------------------------------------


async def _ask_audience(update: Update, context: Context, klass: ClassRecord) -> int:
    """Offer the audiences this class has (no "group" without a linked group)."""
    texts = texts_of(context)
    families = await count_families(context, klass["id"])
    has_group = bool(klass.get("group_chat_id"))
    if not has_group and families == 0:
        if context.user_data is not None:
            context.user_data.pop(DRAFT, None)
        await say(update, texts("announce.nobody_yet", class_name=klass["name"]))
        return ConversationHandler.END
    draft = draft_of(context)
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
    await say(update, text, keyboard_of([*rows, cancel_row(texts)]))
    return AUDIENCE


@requires("instructor")
async def pick_audience(update: Update, context: Context) -> int | None:
    """An audience button: group, private chats or both; then ask for the message."""
    query = update.callback_query
    klass = await draft_class(update, context)
    draft = draft_of(context)
    if query is None or klass is None or draft is None:
        return await stale_reply(update, context)
    texts = texts_of(context)
    pressed = parse(query.data, AnnounceAudience)
    audience = pressed.audience if pressed is not None else ""
    if audience not in AUDIENCES:
        return await unknown_button(update, context)
    if audience != "private" and not klass.get("group_chat_id"):
        await query.answer(texts.raw("announce.no_group"), show_alert=True)
        return None
    draft["audience"] = audience
    phrase = audience_words(texts, audience, await count_families(context, klass["id"]))
    await settle(
        update, texts("announce.picked_audience", class_name=klass["name"], audience=phrase)
    )
    await say(update, texts("announce.write_prompt"), keyboard_of([cancel_row(texts)]))
    return WRITE


# -- the message and its preview -------------------------------------------------------------


@requires("instructor")
async def got_text(update: Update, context: Context) -> int | None:
    """The announcement as text: kept with the instructor's formatting, safely escaped."""
    message = update.effective_message
    draft = draft_of(context)
    if message is None or message.text is None or draft is None:
        return ConversationHandler.END
    if telegram_length(message.text) > TEXT_LIMIT:
        await say(update, texts_of(context)("core.too_long", limit=TEXT_LIMIT))
        return None
    if not message.text.strip():
        # Telegram refuses an empty message: ask again rather than fail at sending time.
        await say(update, texts_of(context)("announce.empty"))
        return None
    draft["text_html"] = message.text_html
    draft["photo"] = None
    return await _preview(update, context)


@requires("instructor")
async def got_photo(update: Update, context: Context) -> int | None:
    """The announcement as a photo, with its caption (if any) kept like a text."""
    message = update.effective_message
    draft = draft_of(context)
    if message is None or not message.photo or draft is None:
        return ConversationHandler.END
    if message.caption and telegram_length(message.caption) > CAPTION_LIMIT:
        await say(update, texts_of(context)("announce.caption_too_long", limit=CAPTION_LIMIT))
        return None
    draft["text_html"] = message.caption_html if message.caption else None
    # The largest size; the same file_id is what every family gets.
    draft["photo"] = message.photo[-1].file_id
    return await _preview(update, context)


@requires("instructor")
async def not_a_message(update: Update, context: Context) -> None:
    """A sticker, voice note, file... where the announcement is expected: ask again, kindly."""
    await say(update, texts_of(context)("announce.not_a_message"))


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
    klass = await draft_class(update, context)
    draft = draft_of(context)
    if klass is None and draft is not None and "class_id" in draft:
        # The class was deleted while the announcement was being written.
        if context.user_data is not None:
            context.user_data.pop(DRAFT, None)
        return await refuse_class(update, context)
    if klass is None or draft is None or "audience" not in draft:
        return await stale_reply(update, context)
    texts = texts_of(context)
    try:
        await _send_as_parents_see_it(update, draft)
    except BadRequest as exc:
        await say(update, texts("announce.preview_failed", reason=exc.message))
        return None
    phrase = audience_words(texts, draft["audience"], await count_families(context, klass["id"]))
    buttons = keyboard_of(
        [
            [
                (texts.raw("announce.send_now_button"), AnnounceNow()),
                (texts.raw("announce.schedule_button"), AnnounceLater()),
            ],
            cancel_row(texts),
        ]
    )
    text = texts("announce.preview_controls", class_name=klass["name"], audience=phrase)
    await say(update, text, buttons)
    return PREVIEW


# -- cancel ----------------------------------------------------------------------------------


@requires("instructor")
async def cancel(update: Update, context: Context) -> int:
    """/cancel or the Cancel button, at any step: drop the draft, send nothing."""
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    text = texts_of(context)("announce.cancelled")
    if update.callback_query is not None:
        await update.callback_query.answer()
        await settle(update, text)
    else:
        await say(update, text)
    return ConversationHandler.END


@requires("instructor")
async def wrong_chat(update: Update, context: Context) -> None:
    """/announce or /announcements in a group: these belong in the private chat."""
    link = f"https://t.me/{context.bot.username}"
    await say(update, texts_of(context)("core.private_only", link=link))


@requires("instructor")
async def stale_button(update: Update, context: Context) -> None:
    """A composer button from a conversation that is over (finished, cancelled, restarted),
    or one that does not fit the step the instructor is at. A draft in progress is kept."""
    await say(update, texts_of(context)("announce.stale"))


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
