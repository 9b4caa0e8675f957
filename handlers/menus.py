"""The command list as data: which commands each kind of person sees, in menus and in /help."""

from __future__ import annotations

import hashlib
import json
import logging

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from botdata import App
from content.loader import Content
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


def all_commands(app: App) -> list[Command]:
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


def _digest(commands: list[BotCommand]) -> str:
    """A short fingerprint of a menu: equal menus, equal digests (names and descriptions)."""
    return _fingerprint([[c.command, c.description] for c in commands])


def _digest_all(menus: dict[str, list[BotCommand]]) -> str:
    """One fingerprint for a person's menu in every language."""
    return _fingerprint(
        {lang: [[c.command, c.description] for c in menu] for lang, menu in menus.items()}
    )


def _fingerprint(data: object) -> str:
    """A short hash of some JSON."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


async def publish(app: App) -> None:
    """Set the command menus per scope: private chats, groups, and each owner's and
    instructor's own chat, but only where the menu differs from the one last set there
    (remembered in storage): a restart sets none, an updated menu text sets each once."""
    content: Content = app.bot_data["content"]
    store: Store = app.bot_data["store"]
    bot = app.bot
    published = await store.published_menus()
    try:
        parents: set[Role] = {"parent"}
        admins: set[Role] = {"parent", "instructor"}
        for key, scope, roles, group in (
            ("private", BotCommandScopeAllPrivateChats(), parents, False),
            ("groups", BotCommandScopeAllGroupChats(), parents, True),
            # Group admins (the instructor among them) also see /link and /unlink in the menu.
            (
                "group_admins",
                BotCommandScopeAllChatAdministrators(),
                admins,
                True,
            ),
        ):
            # English for everyone, and each other language for people whose Telegram app is
            # set to it (Telegram picks the menu by the app's language_code).
            for lang in content.languages:
                menu = bot_commands(
                    content.texts_in(lang), commands_for(all_commands(app), roles, group=group)
                )
                where = key if lang == "en" else f"{key}:{lang}"
                if published.get(where) != _digest(menu):
                    await bot.set_my_commands(
                        menu, scope=scope, language_code=None if lang == "en" else lang
                    )
                    await store.set_published_menu(where, _digest(menu))
        owners = await owner_ids(app.bot_data)
        instructors = {i["user_id"] for i in await store.list_instructors()}
        # Everyone with a personal menu, and anyone who had one but no longer has the role.
        chats = owners | instructors | {int(k) for k in published if k.lstrip("-").isdigit()}
        for user_id in sorted(chats):
            owner, instructor = user_id in owners, user_id in instructors
            kept = published.get(str(user_id))
            chosen = _chosen_in(kept)
            if kept != _kept_digest(app, owner=owner, instructor=instructor, lang=chosen):
                await publish_for(app, user_id, owner=owner, instructor=instructor, lang=chosen)
    except TelegramError as exc:
        # Menus are a convenience: a failure here must not stop the bot from starting.
        log.warning("Could not set the command menus: %s", exc)


def _menu(app: App, *, owner: bool, instructor: bool) -> dict[str, list[BotCommand]]:
    """The personal menu for these roles in each language we have, English first (built once
    per combination, not per person)."""
    cache: dict[tuple[bool, bool], dict[str, list[BotCommand]]] = app.bot_data.setdefault(
        "menus", {}
    )
    if (owner, instructor) not in cache:
        cache[(owner, instructor)] = _build_menu(app, owner=owner, instructor=instructor)
    return cache[(owner, instructor)]


def _menu_in(
    app: App, *, owner: bool, instructor: bool, lang: str | None
) -> dict[str, list[BotCommand]]:
    """A personal menu by the app language Telegram shows it for: each language's own, or,
    for someone who chose a language with /language, that language's whatever their app's."""
    menus = _menu(app, owner=owner, instructor=instructor)
    if lang is None or lang not in menus:
        return menus
    return {code: menus[lang] for code in menus}


def _kept_digest(app: App, *, owner: bool, instructor: bool, lang: str | None) -> str | None:
    """What is kept for a personal menu: its `_digest_all`, after the language chosen and "|"
    when there is one (so start-up knows it without reading the person's record); None for a
    parent's menu in their app's language, which is not kept. Once per combination: start-up
    compares one per instructor, a thousand at a large chapter."""
    if not (owner or instructor or lang):
        return None
    cache = app.bot_data.setdefault("menu_digests", {})
    key = (owner, instructor, lang)
    if key not in cache:
        menus = _menu_in(app, owner=owner, instructor=instructor, lang=lang)
        cache[key] = (f"{lang}|" if lang else "") + _digest_all(menus)
    return str(cache[key])


def _chosen_in(kept: str | None) -> str | None:
    """The language chosen with /language that a kept digest names, if any."""
    return kept.split("|", 1)[0] if kept and "|" in kept else None


def _build_menu(app: App, *, owner: bool, instructor: bool) -> dict[str, list[BotCommand]]:
    """The personal menu for these roles, by language."""
    roles: set[Role] = {"parent"}
    if owner:
        roles.add("owner")
    if instructor:
        roles.add("instructor")
    content: Content = app.bot_data["content"]
    commands = commands_for(all_commands(app), roles)
    return {lang: bot_commands(content.texts_in(lang), commands) for lang in content.languages}


async def publish_for(
    app: App, user_id: int, *, owner: bool, instructor: bool, lang: str | None = None
) -> None:
    """Give one owner or instructor their own menu, in their private chat with the bot (or a
    former one the parents' menu again): in each language we have, as the shared menus are, so
    Telegram shows the one of the person's app (English for a language we do not have). With
    `lang` (a language chosen with /language, by anyone) the menu is in it whatever the app's."""
    menus = _menu_in(app, owner=owner, instructor=instructor, lang=lang)
    store: Store = app.bot_data["store"]
    try:
        for app_lang, menu in menus.items():
            await app.bot.set_my_commands(
                menu,
                scope=BotCommandScopeChat(user_id),
                language_code=None if app_lang == "en" else app_lang,
            )
    except TelegramError as exc:  # they may never have opened a chat with the bot
        log.info("No personal menu for an owner/instructor yet: %s", exc)
        return
    # Remembered for owners and instructors, and for a parent who chose a language (whose
    # record keeps it too; /forgetme forgets both): a parent's id is not kept for a menu else.
    await store.set_published_menu(
        str(user_id), _kept_digest(app, owner=owner, instructor=instructor, lang=lang)
    )
