"""/start and /help: the first hello, and the list of what each person can do.

Each kind of person gets their own words: an owner hears how to invite instructors, an
instructor how to set up and run a class, a parent what the bot does for them. An owner's or
instructor's /help lists their own tools first; the parents' commands wait behind a button, so
the first screen is the tools they came for.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from botdata import App
from content.texts import Html, Texts
from domain.buttons import HelpPage, encode, parse, routes
from handlers.auth import roles_of
from handlers.commands import Command, Role
from handlers.common import Context, texts_of
from handlers.faq import FAQ_LINK_PREFIX, open_from_group
from handlers.menus import all_commands, commands_for
from handlers.privacy import PRIVACY_PAYLOAD, privacy
from handlers.ui import show_in_place

# /help's buttons: the parents' commands, and back to one's own tools.


async def start(update: Update, context: Context) -> None:
    """Greet a person in the private chat with their own role's hello (or, opened from a
    group's button, show the answer or the privacy page it was about)."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    payload = (context.args or [""])[0]
    if payload.startswith(FAQ_LINK_PREFIX):
        await open_from_group(update, context, payload.removeprefix(FAQ_LINK_PREFIX))
        return
    if payload == PRIVACY_PAYLOAD:  # the button under /privacy in a group
        await privacy(update, context)
        return
    roles = await roles_of(user.id, context)
    key = (
        "core.welcome_owner"
        if "owner" in roles
        else "core.welcome_instructor"
        if "instructor" in roles
        else "core.welcome"
    )
    await message.reply_text(texts_of(context)(key, name=user.first_name))


def _lines(texts: Texts, header: str, commands: list[Command]) -> Html:
    """A header and one line per command with its description."""
    lines = [texts(header)]
    lines += [
        texts("core.help_line", command=c.name, description=texts.raw(f"commands.{c.name}"))
        for c in commands
    ]
    return Html("\n".join(lines))


def help_view(
    texts: Texts, commands: list[Command], roles: set[Role], *, group: bool, parents: bool = False
) -> tuple[Html, InlineKeyboardMarkup | None]:
    """What /help shows: a parent's commands; an owner's or instructor's own tools with the
    parents' commands behind a button (`parents` shows that page, with a way back)."""
    usable = commands_for(commands, roles, group=group)
    own = [c for c in usable if c.role != "parent"]
    if group or not own:
        return _lines(texts, "core.help_header", usable), None
    if parents:
        back = InlineKeyboardButton(
            texts.raw("core.help_back_button"), callback_data=encode(HelpPage("tools"))
        )
        page = [c for c in usable if c.role == "parent"]
        return _lines(texts, "core.help_parents_header", page), InlineKeyboardMarkup([[back]])
    more = InlineKeyboardButton(
        texts.raw("core.help_parents_button"), callback_data=encode(HelpPage("parents"))
    )
    text = Html(f"{_lines(texts, 'core.help_tools_header', own)}\n\n{texts('core.help_more')}")
    return text, InlineKeyboardMarkup([[more]])


async def help_command(update: Update, context: Context) -> None:
    """List the commands this person can use here (their own tools first)."""
    user = update.effective_user
    message = update.effective_message
    chat = update.effective_chat
    if user is None or message is None or chat is None:
        return
    roles = await roles_of(user.id, context)
    text, markup = help_view(
        texts_of(context),
        all_commands(context.application),
        roles,
        group=chat.type != "private",
    )
    await message.reply_text(text, reply_markup=markup)


async def help_pressed(update: Update, context: Context) -> None:
    """/help's buttons: the parents' commands, or back to one's own tools (in place)."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    await query.answer()
    pressed = parse(query.data, HelpPage)  # routed here only when it reads
    text, markup = help_view(
        texts_of(context),
        all_commands(context.application),
        await roles_of(user.id, context),
        group=False,
        parents=pressed is not None and pressed.page == "parents",
    )
    await show_in_place(query, text, markup)


COMMANDS = [Command("start", "parent"), Command("help", "parent", in_group=True)]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in order."""
    return [
        CommandHandler("start", start, filters=filters.ChatType.PRIVATE),
        CommandHandler("help", help_command),
        CallbackQueryHandler(help_pressed, pattern=routes(HelpPage, strict=True)),
    ]
