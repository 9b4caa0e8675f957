"""/leave: a parent or carer leaves a class (which one, if several), after a confirmation."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from botdata import App
from domain.buttons import LeaveClass, LeaveConfirmed, Stay, routes
from handlers.classpick import (
    choose_class,
    chosen_class_id,
    close_buttons,
    member_class,
    member_classes,
)
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of
from handlers.joining_common import keyboard_of
from handlers.ui import private_only, reply
from storage.records import ClassRecord

# -- leaving -----------------------------------------------------------------------------------


async def leave_command(update: Update, context: Context) -> None:
    """/leave: leave a class (which one, if several), after a confirmation."""
    user = update.effective_user
    assert user is not None
    classes = await member_classes(context, user.id, include_ended=True)
    klass = await choose_class(update, context, classes, callback=LeaveClass)
    if klass is not None:
        await _ask_leave(update, context, klass)


async def leave_chosen(update: Update, context: Context) -> None:
    """The class chosen for /leave (checked: the person must be in it)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    class_id = chosen_class_id(query.data, LeaveClass)
    klass = await member_class(context, user.id, class_id, include_ended=True) if class_id else None
    if klass is None:
        await query.answer(texts_of(context).raw("joining.not_in_class"), show_alert=True)
        return
    await close_buttons(query)
    await _ask_leave(update, context, klass)


async def _ask_leave(update: Update, context: Context, klass: ClassRecord) -> None:
    """Ask to confirm leaving a class."""
    texts = texts_of(context)
    await reply(
        update,
        texts("joining.confirm_leave", name=klass["name"]),
        keyboard_of(
            [
                (texts.raw("joining.leave_yes"), LeaveConfirmed(klass["id"])),
                (texts.raw("joining.stay_button"), Stay()),
            ]
        ),
    )


async def leave_confirmed(update: Update, context: Context) -> None:
    """Leaving confirmed: out of the class (pressed twice: already out)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    await close_buttons(query)
    texts = texts_of(context)
    class_id = chosen_class_id(query.data, LeaveConfirmed)
    klass = await member_class(context, user.id, class_id, include_ended=True) if class_id else None
    if klass is None:
        await reply(update, texts("joining.not_in_class"))
        return
    await store_of(context).remove_member(klass["id"], user.id)
    await reply(update, texts("joining.left", name=klass["name"]))


async def stay(update: Update, context: Context) -> None:
    """Leaving called off."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    await reply(update, texts_of(context)("joining.stayed"))


COMMANDS = [Command("leave", "parent")]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    del app
    return [
        CommandHandler("leave", leave_command, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(leave_chosen, pattern=routes(LeaveClass)),
        CallbackQueryHandler(leave_confirmed, pattern=routes(LeaveConfirmed)),
        CallbackQueryHandler(stay, pattern=routes(Stay)),
        CommandHandler("leave", private_only, filters=filters.ChatType.GROUPS),
    ]
