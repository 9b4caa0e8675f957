"""A class's venue, set or changed from /classes (its "📍 Venue" button), not only in /newclass.

The venue is what reminders name (`venue`, typed) and a map pin (`venue_pin`) that families get
with their first reminder (jobs/course.py) and that the calendar file carries. The instructor
types the address, shares a map pin (📎 → Location), or shares a Telegram venue (a pin with a
name and address), in any order; each is saved at once, so nothing waits on a confirm. Once the
class has both, or the instructor taps Done, the conversation ends.

A typed address replaces the old pin too, unless a pin was shared in this same change: the old
pin showed the old place, and a pin to the wrong hall is worse than none. A pin alone keeps the
address. Every free-text answer passes the safety net first (handlers/safety.py), as any step.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from botdata import App
from content.texts import Html
from domain.buttons import (
    Button,
    ClassShow,
    OfClass,
    VenueAsk,
    VenueDone,
    VenueRemove,
    encode,
    parse,
    routes,
)
from domain.schedule import session_list
from handlers.auth import own_class, refuse_class, requires
from handlers.class_view import venue_words
from handlers.classes import show_class
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of
from handlers.conversation import StoredConversation, cancel_with
from handlers.newclass_draft import MAX_VENUE
from handlers.ui import show_in_place
from jobs import course as course_jobs
from storage.records import ClassFields, ClassRecord

#: The one state: waiting for an address or a map pin.
WAITING = 1
#: The user_data key of the change under way: {"cid": class id, "pin": a pin shared in it}.
DRAFT = "venue_edit"

COMMANDS: list[Command] = []


def _draft(context: Context) -> dict[str, Any]:
    """The change under way (empty when none)."""
    data = context.user_data
    return dict(data.get(DRAFT) or {}) if data is not None else {}


def _button(label: str, pressed: Button) -> InlineKeyboardButton:
    """One inline button."""
    return InlineKeyboardButton(label, callback_data=encode(pressed))


async def _pressed_class(update: Update, context: Context) -> tuple[OfClass, ClassRecord] | None:
    """The venue button pressed (ask, done, remove) and the instructor's own class it names
    (else refused)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    pressed = parse(query.data, VenueAsk, VenueDone, VenueRemove)
    klass = await own_class(context, user.id, pressed.class_id) if pressed else None
    if pressed is None or klass is None:
        await refuse_class(update, context)
        return None
    return pressed, klass


def _started(context: Context, klass: ClassRecord) -> bool:
    """Whether the first session has begun: its reminders, which bring the pin, are behind."""
    app = context.application
    sessions = session_list(course_jobs.schedule_for(klass, course_jobs.unit_of(app)))
    return any(s.start <= course_jobs.now_of(app) for s in sessions)


@requires("instructor")
async def ask(update: Update, context: Context) -> int:
    """VenueAsk: the class's venue as it is, and what to send to change it."""
    found = await _pressed_class(update, context)
    if found is None:
        return ConversationHandler.END
    _, klass = found
    query = update.callback_query
    assert query is not None
    texts = texts_of(context)
    if klass.get("ended"):
        await query.answer(texts.raw("newclass.already_ended"), show_alert=True)
        return ConversationHandler.END
    if context.user_data is not None:
        context.user_data[DRAFT] = {"cid": klass["id"], "pin": False}
    cid = klass["id"]
    rows = []
    if klass.get("venue") or klass.get("venue_pin"):
        rows.append([_button(texts.raw("venue.button_remove"), VenueRemove(cid))])
    # Its own Back (not /classes' button): pressing it ends the change too.
    rows.append([_button(texts.raw("newclass.back_to_class"), VenueDone(cid))])
    await query.answer()
    pin = texts("venue.pin_started" if _started(context, klass) else "venue.pin_ahead")
    text = texts("venue.ask", class_name=klass["name"], venue=venue_words(texts, klass), pin=pin)
    await show_in_place(query, text, InlineKeyboardMarkup(rows))
    return WAITING


async def _class_of_draft(update: Update, context: Context) -> ClassRecord | None:
    """The class being changed, checked again (it may have ended or gone meanwhile)."""
    user = update.effective_user
    cid = _draft(context).get("cid")
    klass = await own_class(context, user.id, str(cid)) if user is not None and cid else None
    if klass is None or klass.get("ended"):
        if context.user_data is not None:
            context.user_data.pop(DRAFT, None)
        await refuse_class(update, context)
        return None
    return klass


async def _saved(update: Update, context: Context, klass: ClassRecord) -> int:
    """Say what the venue is now; end once it has an address and a pin, else offer the other
    (or Done)."""
    texts = texts_of(context)
    message = update.effective_message
    assert message is not None
    cid = klass["id"]
    text = texts("venue.saved", class_name=klass["name"], venue=venue_words(texts, klass))
    if klass.get("venue") and klass.get("venue_pin"):
        if context.user_data is not None:
            context.user_data.pop(DRAFT, None)
        back = [[_button(texts.raw("newclass.back_to_class"), ClassShow(cid))]]
        await message.reply_text(text, reply_markup=InlineKeyboardMarkup(back))
        return ConversationHandler.END
    hint = "venue.send_pin_too" if klass.get("venue") else "venue.type_address_too"
    done = [[_button(texts.raw("venue.button_done"), VenueDone(cid))]]
    await message.reply_text(
        Html(f"{text}\n\n{texts(hint)}"), reply_markup=InlineKeyboardMarkup(done)
    )
    return WAITING


@requires("instructor")
async def address_typed(update: Update, context: Context) -> int:
    """A typed address: the venue reminders name (an old pin goes with the old address)."""
    message = update.effective_message
    assert message is not None
    klass = await _class_of_draft(update, context)
    if klass is None:
        return ConversationHandler.END
    texts = texts_of(context)
    venue = " ".join((message.text or "").split())
    if len(venue) > MAX_VENUE:
        await message.reply_text(texts("newclass.venue_too_long", limit=MAX_VENUE))
        return WAITING
    if not venue:
        await message.reply_text(texts("venue.not_text"))
        return WAITING
    pin = klass.get("venue_pin") if _draft(context).get("pin") else None
    klass = await store_of(context).update_class(klass["id"], {"venue": venue, "venue_pin": pin})
    return await _saved(update, context, klass)


@requires("instructor")
async def pin_shared(update: Update, context: Context) -> int:
    """A map pin (the address stays), or a Telegram venue (a pin with its name and address)."""
    message = update.effective_message
    assert message is not None and message.location is not None
    klass = await _class_of_draft(update, context)
    if klass is None:
        return ConversationHandler.END
    point = message.location
    changes: ClassFields = {"venue_pin": {"lat": point.latitude, "lon": point.longitude}}
    if message.venue is not None:
        named = ", ".join(p for p in (message.venue.title, message.venue.address) if p)
        changes["venue"] = " ".join(named.split())[:MAX_VENUE] or klass.get("venue")
    klass = await store_of(context).update_class(klass["id"], changes)
    # Noted once saved: a pin that could not be saved leaves the draft as it was.
    if context.user_data is not None:
        context.user_data[DRAFT] = {**_draft(context), "pin": True}
    return await _saved(update, context, klass)


async def not_text(update: Update, context: Context) -> int:
    """A sticker, photo or the like where an address or a pin is expected: asked again."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts_of(context)("venue.not_text"))
    return WAITING


@requires("instructor")
async def done_or_removed(update: Update, context: Context) -> int:
    """VenueDone (the venue is as wanted, or Back) and VenueRemove (no venue at all): back to the
    class."""
    found = await _pressed_class(update, context)
    if found is None:
        return ConversationHandler.END
    action, klass = found
    if isinstance(action, VenueRemove) and not klass.get("ended"):
        changes: ClassFields = {"venue": None, "venue_pin": None}
        klass = await store_of(context).update_class(klass["id"], changes)
    # Only now: a removal that could not be saved (a full disk) can be pressed again.
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await show_class(update, context, klass)
    return ConversationHandler.END


def handlers(app: App) -> list[BaseHandler]:
    """The venue change, and its buttons when no change is under way (a Remove or Done on an
    older message still does what it says)."""
    private = filters.ChatType.PRIVATE
    buttons = CallbackQueryHandler(done_or_removed, pattern=routes(VenueDone, VenueRemove))
    change = StoredConversation(
        app,
        entry_points=[CallbackQueryHandler(ask, pattern=routes(VenueAsk))],
        states={
            WAITING: [
                MessageHandler(filters.LOCATION & private, pin_shared),
                MessageHandler(filters.TEXT & ~filters.COMMAND & private, address_typed),
                MessageHandler(~filters.TEXT & ~filters.COMMAND & private, not_text),
                buttons,
            ]
        },
        fallbacks=[CommandHandler("cancel", cancel_with(DRAFT))],
        allow_reentry=True,
        name="class_venue",
        drafts=[DRAFT],
    )
    return [change, buttons]
