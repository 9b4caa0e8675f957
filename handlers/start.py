"""/start and /help: the first hello, and the list of what each person can do."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, BaseHandler, CommandHandler, filters

from content.texts import Html
from handlers.auth import roles_of
from handlers.commands import Command
from handlers.common import Context, texts_of
from handlers.faq import FAQ_LINK_PREFIX, open_from_group
from handlers.menus import all_commands, commands_for


async def start(update: Update, context: Context) -> None:
    """Greet a person in the private chat and say what the bot is for (or, opened from the
    group's "continue in a private chat" button, show the answer it was about)."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    payload = (context.args or [""])[0]
    if payload.startswith(FAQ_LINK_PREFIX):
        await open_from_group(update, context, payload.removeprefix(FAQ_LINK_PREFIX))
        return
    await message.reply_text(texts_of(context)("core.welcome", name=user.first_name))


async def help_command(update: Update, context: Context) -> None:
    """List the commands this person can use here (instructor tools only for instructors)."""
    user = update.effective_user
    message = update.effective_message
    chat = update.effective_chat
    if user is None or message is None or chat is None:
        return
    texts = texts_of(context)
    roles = await roles_of(user.id, context)
    commands = commands_for(all_commands(context.application), roles, group=chat.type != "private")
    lines = [texts("core.help_header")]
    lines += [
        texts("core.help_line", command=c.name, description=texts.raw(f"commands.{c.name}"))
        for c in commands
    ]
    await message.reply_text(Html("\n".join(lines)))


COMMANDS = [Command("start", "parent"), Command("help", "parent", in_group=True)]


def handlers(app: Application) -> list[BaseHandler]:
    """The handlers of this module, in order."""
    return [
        CommandHandler("start", start, filters=filters.ChatType.PRIVATE),
        CommandHandler("help", help_command),
    ]
