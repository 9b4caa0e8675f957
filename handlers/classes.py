"""/classes, where an instructor manages their classes: a page of buttons, one per class, and
each class's details with its join link, sessions, venue, language, end and (once ended)
delete buttons. Ending is handlers/class_end.py."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from botdata import App
from content.texts import Texts
from domain.buttons import (
    Button,
    ClassDelete,
    ClassDeleteConfirmed,
    ClassEnd,
    ClassEndConfirmed,
    ClassesList,
    ClassesPage,
    ClassLanguage,
    ClassLink,
    ClassShow,
    SessionsList,
    VenueAsk,
    decode,
    encode,
    family,
)
from handlers.auth import own_class, refuse_class, requires
from handlers.class_end import ask_end, end_class
from handlers.class_view import (
    class_summary,
    delete_on,
    format_day,
    join_link,
    keyboard,
    setup_buttons,
)
from handlers.classpick import class_label
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of
from handlers.ui import private_only, reply, show, show_in_place
from jobs.retention import delete_class_data
from jobs.timing import now_of
from storage.records import ClassRecord

# Classes per page of /classes: Telegram allows 100 buttons, a phone shows about 20.
CLASSES_PAGE = 20


def _list_markup(texts: Texts, classes: list[ClassRecord], page: int = 0) -> InlineKeyboardMarkup:
    """One button per class (ended ones marked), a page at a time with Earlier / Later."""
    pages = max(1, (len(classes) + CLASSES_PAGE - 1) // CLASSES_PAGE)
    page = min(max(page, 0), pages - 1)
    rows = []
    for k in classes[page * CLASSES_PAGE : (page + 1) * CLASSES_PAGE]:
        label = class_label(texts, k)
        if k.get("ended"):
            label = texts.raw("newclass.ended_mark").format(label=label)
        rows.append([InlineKeyboardButton(label, callback_data=encode(ClassShow(k["id"])))])
    turn = []
    if page > 0:
        turn.append(
            InlineKeyboardButton(
                texts.raw("newclass.earlier"), callback_data=encode(ClassesPage(page - 1))
            )
        )
    if page < pages - 1:
        turn.append(
            InlineKeyboardButton(
                texts.raw("newclass.later"), callback_data=encode(ClassesPage(page + 1))
            )
        )
    if turn:
        rows.append(turn)
    return InlineKeyboardMarkup(rows)


@requires("instructor")
async def list_classes(update: Update, context: Context) -> None:
    """List the instructor's classes, each a button to its details."""
    await _classes_page(update, context, 0)


async def _classes_page(update: Update, context: Context, page: int) -> None:
    """One page of the instructor's classes (in place when a button asked for it)."""
    user = update.effective_user
    assert user is not None
    texts = texts_of(context)
    classes = await store_of(context).classes_of_instructor(user.id)
    if not classes:
        await reply(update, texts("newclass.no_classes"))
        return
    markup = _list_markup(texts, classes, page)
    await show(update, texts("newclass.list_header"), markup)


async def show_class(update: Update, context: Context, klass: ClassRecord) -> None:
    """A class's details, in place of the pressed message, with its buttons (those of an
    ended class differ)."""
    query = update.callback_query
    assert query is not None
    texts = texts_of(context)
    members = await store_of(context).members(klass["id"])
    carers = sum(1 for m in members if m.get("role") == "carer")
    cid = klass["id"]
    if klass.get("ended"):
        ended = datetime.fromisoformat(ended_at) if (ended_at := klass.get("ended_at")) else None
        status = texts(
            "newclass.status_ended",
            ended=format_day(texts, ended.date()) if ended else "?",
            delete_on=delete_on(context, klass),
        )
        rows: list[list[tuple[str, Button]]] = [
            [("sessions_button", SessionsList(cid))],
            [("delete_button", ClassDelete(cid))],
        ]
    else:
        status = texts("newclass.status_running")
        rows = [
            [("join_link_button", ClassLink(cid)), ("sessions_button", SessionsList(cid))],
            [("venue_button", VenueAsk(cid)), ("lang_button", ClassLanguage(cid))],
            [("end_button", ClassEnd(cid))],
        ]
    linked = "newclass.group_linked" if klass.get("group_chat_id") else "newclass.group_not_linked"
    text = texts(
        "newclass.details",
        summary=class_summary(texts, klass, now_of(context.application)),
        parents=len(members) - carers,
        carers=carers,
        group=texts.raw(linked),
        status=status,
    )
    await query.answer()
    await show_in_place(query, text, keyboard(texts, *rows, [("back_button", ClassesList())]))


async def _send_link(update: Update, context: Context, klass: ClassRecord) -> None:
    """The join link as a message of its own, easy to forward."""
    texts = texts_of(context)
    if klass.get("ended"):
        await reply(update, texts("newclass.join_link_ended", name=klass["name"]))
        return
    link = join_link(context, klass)
    await reply(
        update,
        texts("newclass.join_link", name=klass["name"], link=link),
        setup_buttons(context, klass),
    )


async def _delete(update: Update, context: Context, klass: ClassRecord) -> None:
    """Delete an ended class and all its families' data now."""
    query = update.callback_query
    assert query is not None
    await delete_class_data(context.application, klass["id"])
    await query.answer()
    await show_in_place(query, texts_of(context)("newclass.deleted", name=klass["name"]))


#: The buttons under /classes that name a class.
_CLASS_BUTTONS = (
    ClassShow,
    ClassLink,
    ClassEnd,
    ClassEndConfirmed,
    ClassDelete,
    ClassDeleteConfirmed,
)


@requires("instructor")
async def class_button(update: Update, context: Context) -> None:
    """A button under /classes: details, join link, end (confirm), delete an ended class."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    pressed = decode(query.data)
    if isinstance(pressed, ClassesList):
        await list_classes(update, context)
        return
    if isinstance(pressed, ClassesPage):
        await _classes_page(update, context, pressed.page)
        return
    chosen = pressed if isinstance(pressed, _CLASS_BUTTONS) else None
    klass = await own_class(context, user.id, chosen.class_id) if chosen is not None else None
    if chosen is None or klass is None:
        await refuse_class(update, context)
        return
    texts, cid, name = texts_of(context), klass["id"], klass["name"]
    ended = bool(klass.get("ended"))
    if isinstance(chosen, ClassShow):
        await show_class(update, context, klass)
    elif isinstance(chosen, ClassLink):
        await _send_link(update, context, klass)
    elif isinstance(chosen, ClassEnd):
        await ask_end(update, context, klass, "cls")
    elif isinstance(chosen, ClassEndConfirmed):
        await end_class(update, context, klass, chosen.kept, "cls")
    elif not ended:  # delete, and its confirm
        await query.answer(texts.raw("newclass.end_first"), show_alert=True)
    elif isinstance(chosen, ClassDelete):
        markup = keyboard(
            texts, [("delete_yes", ClassDeleteConfirmed(cid)), ("keep_button", ClassShow(cid))]
        )
        await show(update, texts("newclass.confirm_delete", name=name), markup)
    else:
        await _delete(update, context, klass)


COMMANDS = [Command("classes", "instructor")]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    del app
    return [
        CommandHandler("classes", list_classes, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(class_button, pattern=family("cls")),
        CommandHandler("classes", private_only, filters=filters.ChatType.GROUPS),
    ]
