"""Owners and instructors: /invite, /instructors, and instructors joining through an invite.

An invite is a one-time deep link `https://t.me/<bot>?start=inv_<code>`, valid for
INVITE_VALID_DAYS. Opening it makes the person an instructor and gives them their own command
menu; the owner who made it is told.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, BaseHandler, CommandHandler, filters
from telegram.helpers import create_deep_linked_url

from handlers.auth import private_only, requires
from handlers.commands import Command
from handlers.common import Context, pack_lines, settings_of, store_of, texts_of
from handlers.menus import publish_for

log = logging.getLogger(__name__)

INVITE_PREFIX = "inv_"
INVITE_VALID_DAYS = 14


def invite_link(context: Context, code: str) -> str:
    """The deep link that spends the instructor invite `code`."""
    return create_deep_linked_url(context.bot.username, INVITE_PREFIX + code)


@requires("owner")
async def invite(update: Update, context: Context) -> None:
    """Make a one-time invite link for a new instructor (owners, private chat)."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    code = await store_of(context).create_invite(user.id)
    await message.reply_text(
        texts_of(context)(
            "roles.invite_made", link=invite_link(context, code), days=INVITE_VALID_DAYS
        )
    )


def _day(iso: str | None) -> str:
    """A stored ISO timestamp as a short date ("3 Dec 2026")."""
    if not iso:
        return "?"
    when = datetime.fromisoformat(iso)
    return f"{when.day} {when:%b %Y}"


@requires("owner")
async def list_instructors(update: Update, context: Context) -> None:
    """List every instructor with how many classes they run (owners)."""
    message = update.effective_message
    if message is None:
        return
    store, texts = store_of(context), texts_of(context)
    instructors = await store.list_instructors()
    if not instructors:
        await message.reply_text(texts("roles.no_instructors"))
        return
    lines = [texts("roles.instructors_header")]
    for person in instructors:
        classes = await store.classes_of_instructor(person["user_id"])
        ended = sum(1 for k in classes if k.get("ended"))
        lines.append(
            texts(
                "roles.instructor_line",
                name=person.get("name") or person["user_id"],
                since=_day(person.get("joined_at")),
                active=len(classes) - ended,
                ended=ended,
            )
        )
    # A large chapter's list is longer than one Telegram message: it goes in several.
    for part in pack_lines(lines):
        await message.reply_text(part)


def _expired(invite: dict[str, object], now: datetime) -> bool:
    """Whether an invite is older than INVITE_VALID_DAYS."""
    made = invite.get("at")
    if not isinstance(made, str):
        return False
    return now - datetime.fromisoformat(made) > timedelta(days=INVITE_VALID_DAYS)


async def join_as_instructor(update: Update, context: Context) -> None:
    """Someone opened an instructor invite link: make them an instructor (once per link)."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    store, texts = store_of(context), texts_of(context)
    payload = (context.args or [""])[0]
    code = payload[len(INVITE_PREFIX) :]
    if await store.get_instructor(user.id) is not None:
        # Keep the invite unspent: it was meant for someone else.
        await message.reply_text(texts("roles.already_instructor"))
        return
    invite = await store.get_invite(code) if code else None
    if invite is None or invite.get("used") or _expired(invite, datetime.now(UTC)):
        await message.reply_text(texts("roles.invite_invalid"))
        return
    if await store.use_invite(code, user.id, user.full_name) is None:
        await message.reply_text(texts("roles.invite_invalid"))
        return
    owners = settings_of(context).owner_ids
    await publish_for(context.application, user.id, owner=user.id in owners, instructor=True)
    await message.reply_text(texts("roles.welcome_instructor", name=user.first_name))
    inviter = invite.get("by")
    if isinstance(inviter, int) and inviter != user.id:
        try:
            await context.bot.send_message(
                inviter, texts("roles.instructor_joined", name=user.full_name)
            )
        except TelegramError as exc:  # the owner may have blocked the bot; joining still worked
            log.info("Could not tell the inviter: %s", type(exc).__name__)


COMMANDS = [Command("invite", "owner"), Command("instructors", "owner")]


def handlers(app: Application) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    return [
        # "/start inv_<code>": before joining.py's class codes and start.py's plain /start.
        CommandHandler(
            "start", join_as_instructor, filters=private & filters.Regex(r"^/start\s+inv_")
        ),
        CommandHandler("invite", invite, filters=private),
        CommandHandler("instructors", list_instructors, filters=private),
        CommandHandler(["invite", "instructors"], private_only, filters=filters.ChatType.GROUPS),
    ]
