"""The command list as data: which commands each kind of person sees, in menus and in /help."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError
from telegram.ext import Application

from content.texts import Texts
from handlers.commands import Command, Role
from handlers.common import owner_ids
from storage.repo import Store

log = logging.getLogger(__name__)

# Menus lead with what each person reaches for most; a person's most specific role comes first
# (an instructor sees their tools before the parent commands). Commands not named here follow,
# in registration order.
MENU_ORDER = (
    # owner
    "invite",
    "instructors",
    "status",
    # instructor
    "newclass",
    "classes",
    "announce",
    "announcements",
    "questions",
    "checkins",
    "weeknote",
    "export",
    "link",
    "unlink",
    # parent
    "next",
    "lesson",
    "faq",
    "checkin",
    "mycheckins",
    "course",
    "settings",
    "carer",
    "leave",
    "privacy",
    "mydata",
    "forgetme",
    "help",
    "start",
)
_ROLE_RANK = {"owner": 0, "instructor": 1, "parent": 2}


def all_commands(app: Application) -> list[Command]:
    """Every command of the bot, as `handlers.register` collected them."""
    return list(app.bot_data["commands"])


def commands_for(
    commands: list[Command], roles: set[Role], *, group: bool = False
) -> list[Command]:
    """The listed commands a person with these roles can use, in menu order."""
    usable = [c for c in commands if c.listed and c.role in roles and (c.in_group or not group)]
    rank = {name: i for i, name in enumerate(MENU_ORDER)}
    return sorted(usable, key=lambda c: (_ROLE_RANK[c.role], rank.get(c.name, len(rank))))


def bot_commands(texts: Texts, commands: list[Command]) -> list[BotCommand]:
    """Telegram's BotCommand list for a menu (descriptions from the content files)."""
    return [BotCommand(c.name, texts.raw(f"commands.{c.name}")) for c in commands]


async def publish(app: Application) -> None:
    """Set the command menus per scope: private chats, groups, and each instructor's own chat."""
    texts: Texts = app.bot_data["content"].texts
    store: Store = app.bot_data["store"]
    bot = app.bot
    try:
        await bot.set_my_commands(
            bot_commands(texts, commands_for(all_commands(app), {"parent"})),
            scope=BotCommandScopeAllPrivateChats(),
        )
        await bot.set_my_commands(
            bot_commands(texts, commands_for(all_commands(app), {"parent"}, group=True)),
            scope=BotCommandScopeAllGroupChats(),
        )
        # Group admins (the instructor among them) also see /link and /unlink in the menu.
        await bot.set_my_commands(
            bot_commands(
                texts, commands_for(all_commands(app), {"parent", "instructor"}, group=True)
            ),
            scope=BotCommandScopeAllChatAdministrators(),
        )
        owners = await owner_ids(app.bot_data)
        instructors = {i["user_id"] for i in await store.list_instructors()}
        for user_id in owners | instructors:
            await publish_for(
                app, user_id, owner=user_id in owners, instructor=user_id in instructors
            )
    except TelegramError as exc:
        # Menus are a convenience: a failure here must not stop the bot from starting.
        log.warning("Could not set the command menus: %s", exc)


async def publish_for(app: Application, user_id: int, *, owner: bool, instructor: bool) -> None:
    """Give one owner or instructor their own menu, in their private chat with the bot."""
    roles: set[Role] = {"parent"}
    if owner:
        roles.add("owner")
    if instructor:
        roles.add("instructor")
    texts: Texts = app.bot_data["content"].texts
    try:
        await app.bot.set_my_commands(
            bot_commands(texts, commands_for(all_commands(app), roles)),
            scope=BotCommandScopeChat(user_id),
        )
    except TelegramError as exc:  # they may never have opened a chat with the bot
        log.info("No personal menu for an owner/instructor yet: %s", exc)
