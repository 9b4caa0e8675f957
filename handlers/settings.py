"""/settings: a parent's quiet hours and whether course reminders come to their private chat.

The jobs read both choices from the person's record (jobs/course.py); this module only shows and
stores them.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from botdata import App
from content.texts import Html, Texts
from domain.buttons import PrivateReminders, QuietHours, encode, parse, routes
from handlers.classpick import member_classes
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of, user_id_of
from handlers.ui import answer_stale, show_in_place
from jobs.preferences import quiet_window, wants_private_reminders
from storage.records import UserFields, UserRecord

COMMANDS = [
    Command("settings", "parent"),
]

#: Quiet-hour choices in /settings: button value -> (start, end); equal times mean none.
QUIET_CHOICES: dict[str, tuple[str, str]] = {
    "2108": ("21:00", "08:00"),
    "2207": ("22:00", "07:00"),
    "2009": ("20:00", "09:00"),
    "off": ("00:00", "00:00"),
}
_QUIET_LABELS = {
    "2108": "quiet_21_08",
    "2207": "quiet_22_07",
    "2009": "quiet_20_09",
    "off": "quiet_off",
}


def _settings_view(texts: Texts, user: UserRecord) -> tuple[Html, InlineKeyboardMarkup]:
    """The /settings message and its buttons for a person's record."""
    start, end = quiet_window(user)
    current = next(
        (k for k, (s, e) in QUIET_CHOICES.items() if (s, e) == (f"{start:%H:%M}", f"{end:%H:%M}")),
        None,
    )
    if start == end:
        quiet = texts.raw("course.settings_quiet_off")
    else:
        quiet = texts.raw("course.settings_quiet_hours").format(
            start=f"{start:%H:%M}", end=f"{end:%H:%M}"
        )
    on = wants_private_reminders(user)
    text = texts(
        "course.settings",
        quiet=quiet,
        reminders=texts.raw("course.settings_on" if on else "course.settings_off"),
    )
    quiet_row = [
        InlineKeyboardButton(
            ("✓ " if key == current else "") + texts.raw(f"course.{label}"),
            callback_data=encode(QuietHours(key)),
        )
        for key, label in _QUIET_LABELS.items()
    ]
    toggle = InlineKeyboardButton(
        texts.raw("course.reminders_turn_off" if on else "course.reminders_turn_on"),
        callback_data=encode(PrivateReminders("off" if on else "on")),
    )
    return text, InlineKeyboardMarkup([quiet_row, [toggle]])


async def settings_command(update: Update, context: Context) -> None:
    """/settings: quiet hours and private reminders, with buttons."""
    message, user_id = update.effective_message, user_id_of(update)
    if message is None or user_id is None:
        return
    texts = texts_of(context)
    user = await store_of(context).get_user(user_id)
    if user is None or not await member_classes(context, user_id, include_ended=True):
        await message.reply_text(texts("course.settings_no_class"))
        return
    text, markup = _settings_view(texts, user)
    await message.reply_text(text, reply_markup=markup)


async def settings_pressed(update: Update, context: Context) -> None:
    """A /settings button: store the choice and show the settings as they now are."""
    query, user_id = update.callback_query, user_id_of(update)
    if query is None or user_id is None:
        return
    texts = texts_of(context)
    store = store_of(context)
    pressed = parse(query.data, QuietHours, PrivateReminders)
    if isinstance(pressed, QuietHours) and pressed.choice in QUIET_CHOICES:
        start, end = QUIET_CHOICES[pressed.choice]
        changes: UserFields = {"quiet_start": start, "quiet_end": end}
    elif isinstance(pressed, PrivateReminders):
        changes = {"private_reminders": pressed.turn == "on"}
    else:
        await answer_stale(query, context)
        return
    if await store.get_user(user_id) is None:
        # Never create a record for someone who has none (no consent given yet, or forgotten).
        await query.answer(texts.raw("course.settings_no_class"), show_alert=True)
        return
    user = await store.update_user(user_id, changes)
    await query.answer(texts.raw("course.settings_saved"))
    text, markup = _settings_view(texts, user)
    await show_in_place(query, text, markup)


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    return [
        CommandHandler("settings", settings_command, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(settings_pressed, pattern=routes(QuietHours, PrivateReminders)),
    ]
