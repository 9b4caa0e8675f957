"""/privacy, /mydata and /forgetme: what is stored, a copy of it, and deleting it.

/forgetme deletes everything about a person (storage's `forget_user`, which also clears where
others' records name them). An instructor who still has classes is asked to end and
delete them first (or wait for the retention job, or ask the owner): the classes' families'
data is tied to them as the instructor, and deleting it must be a deliberate act of its own.

At start-up this module also registers the daily retention job (jobs/retention.py).
"""

from __future__ import annotations

import json
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from botdata import App
from content.texts import Html
from domain.buttons import ForgetMe, encode, family, parse, routes
from handlers.classpick import close_buttons
from handlers.commands import Command
from handlers.common import Context, owner_ids, settings_of, store_of, texts_of
from handlers.conversation import forget as forget_conversations
from handlers.menus import publish_for
from handlers.ui import bot_link, link_button, private_only, stale_step_button
from jobs.retention import schedule_retention

PRIVACY_PAYLOAD = "privacy"


async def privacy(update: Update, context: Context) -> None:
    """What is stored, why, who sees it and for how long (in a group: a button to the private
    chat, where the answer opens, instead of a long text in everyone's chat)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    texts = texts_of(context)
    if chat.type != ChatType.PRIVATE:
        button = link_button(
            texts.raw("privacy.privacy_button"), bot_link(context, PRIVACY_PAYLOAD)
        )
        await message.reply_text(texts("privacy.privacy_group"), reply_markup=button)
        return
    settings = settings_of(context)
    await message.reply_text(
        texts(
            "privacy.privacy", days=settings.retention_days, backup_days=settings.backup_keep_days
        )
    )


def _has_data(export: dict[str, Any]) -> bool:
    """Whether an export holds anything beyond the Telegram id itself."""
    return any(value for key, value in export.items() if key != "telegram_id")


async def mydata(update: Update, context: Context) -> None:
    """Send the person a JSON file with everything stored about them."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    texts = texts_of(context)
    export = await store_of(context).export_user(user.id)
    if not _has_data(export):
        await message.reply_text(texts("privacy.mydata_nothing"))
        return
    data = json.dumps(export, ensure_ascii=False, indent=2, sort_keys=True).encode()
    await message.reply_document(
        InputFile(data, filename=texts.raw("privacy.mydata_filename")),
        caption=texts("privacy.mydata_caption"),
    )


async def _blocking_classes(context: Context, user_id: int) -> int:
    """How many classes (running or ended, not yet deleted) this person teaches."""
    return len(await store_of(context).classes_of_instructor(user_id))


async def forgetme(update: Update, context: Context) -> None:
    """Ask to confirm deleting everything (instructors with classes are told what to do first)."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    texts, store = texts_of(context), store_of(context)
    if n := await _blocking_classes(context, user.id):
        days = settings_of(context).retention_days
        await message.reply_text(texts("privacy.forget_instructor", n=n, days=days))
        return
    note = (
        texts("privacy.forget_instructor_note")
        if await store.get_instructor(user.id) is not None
        else Html("")
    )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("privacy.forget_yes"), callback_data=encode(ForgetMe("yes"))
                )
            ],
            [
                InlineKeyboardButton(
                    texts.raw("privacy.forget_no"), callback_data=encode(ForgetMe("no"))
                )
            ],
        ]
    )
    await message.reply_text(
        texts("privacy.forget_confirm", instructor_note=note), reply_markup=markup
    )


async def forget_pressed(update: Update, context: Context) -> None:
    """The /forgetme buttons: delete everything, or keep it. Pressing twice is harmless."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query is not None and user is not None and chat is not None
    await query.answer()
    await close_buttons(query)
    texts, store = texts_of(context), store_of(context)
    pressed = parse(query.data, ForgetMe)  # routed here only when it reads
    if pressed is None or pressed.answer != "yes":
        await chat.send_message(texts("privacy.forget_kept"))
        return
    if n := await _blocking_classes(context, user.id):
        days = settings_of(context).retention_days
        await chat.send_message(texts("privacy.forget_instructor", n=n, days=days))
        return
    was_instructor = await store.get_instructor(user.id) is not None
    # A menu of their own: an instructor's, or one in a language they chose (see menus).
    own_menu = was_instructor or str(user.id) in await store.published_menus()
    await store.forget_user(user.id)
    # Their conversations and drafts too: nothing of theirs is written back after this.
    forget_conversations(context.application, user.id)
    if own_menu:
        owner = user.id in await owner_ids(context.bot_data)
        await publish_for(context.application, user.id, owner=owner, instructor=False)
    keep = settings_of(context).backup_keep_days
    await chat.send_message(texts("privacy.forget_done", backup_days=keep))


async def on_startup(app: App) -> None:
    """Register the daily deletion of ended classes' data."""
    schedule_retention(app)


COMMANDS = [
    Command("privacy", "parent", in_group=True),
    Command("mydata", "parent"),
    Command("forgetme", "parent"),
]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("privacy", privacy),
        CommandHandler("mydata", mydata, filters=private),
        CommandHandler("forgetme", forgetme, filters=private),
        CallbackQueryHandler(forget_pressed, pattern=routes(ForgetMe, strict=True)),
        CallbackQueryHandler(stale_step_button, pattern=family("pv")),
        CommandHandler(["mydata", "forgetme"], private_only, filters=filters.ChatType.GROUPS),
    ]
