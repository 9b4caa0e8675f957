"""Owners and instructors: /invite, /instructors, instructors joining through an invite, and
the first owner claiming the deployment.

An invite is a one-time deep link `https://t.me/<bot>?start=inv_<code>`, valid for
INVITE_VALID_DAYS. Opening it makes the person an instructor and gives them their own command
menu; the owner who made it is told.

With no owner at all (OWNER_IDS empty and nobody claimed it yet), the start-up log prints a
one-time owner link `https://t.me/<bot>?start=owner_<secret>`: whoever opens it first becomes
the owner (stored, so it holds across restarts), and the secret is void from then on.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Final

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CommandHandler, filters
from telegram.helpers import create_deep_linked_url

from botdata import App
from content.dates import full_date
from content.texts import Texts
from handlers.auth import requires
from handlers.commands import Command
from handlers.common import (
    Context,
    lang_of,
    owner_ids,
    store_of,
    texts_for,
    texts_of,
)
from handlers.menus import publish_for
from handlers.ui import pack_lines, private_only
from storage.records import InviteRecord

log = logging.getLogger(__name__)

INVITE_PREFIX = "inv_"
INVITE_VALID_DAYS = 14
OWNER_PREFIX = "owner_"
# The bot_data key of the first-run owner secret (in memory only: a restart before anyone
# claims it prints a fresh link, and the old one stops working).
OWNER_CLAIM: Final = "owner_claim"


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


def _since(texts: Texts, iso: str | None) -> str:
    """When an instructor joined, as a date in the reader's language ("3 December 2026")."""
    return full_date(datetime.fromisoformat(iso), texts) if iso else "?"


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
                since=_since(texts, person.get("joined_at")),
                active=len(classes) - ended,
                ended=ended,
            )
        )
    # A large chapter's list is longer than one Telegram message: it goes in several.
    for part in pack_lines(lines):
        await message.reply_text(part)


async def keep_language(context: Context, user_id: int) -> None:
    """Keep the language a new instructor or owner is spoken to in (their Telegram's, unless
    they chose one already): what the bot tells them on its own (a delivery report, a retention
    notice) is in it, as its replies are. They took on the role; a parent's language is kept
    only once they join a class."""
    store = store_of(context)
    record = await store.get_user(user_id)
    if not (record.get("lang") if record else None):
        await store.update_user(user_id, {"lang": lang_of(context)})


def _expired(invite: InviteRecord, now: datetime) -> bool:
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
    await keep_language(context, user.id)
    owners = await owner_ids(context.bot_data)
    await publish_for(context.application, user.id, owner=user.id in owners, instructor=True)
    await message.reply_text(texts("roles.welcome_instructor", name=user.first_name))
    inviter = invite.get("by")
    if isinstance(inviter, int) and inviter != user.id:
        try:
            # In the owner's language, not the newcomer's.
            owner_texts = await texts_for(context, inviter)
            await context.bot.send_message(
                inviter, owner_texts("roles.instructor_joined", name=user.full_name)
            )
        except TelegramError as exc:  # the owner may have blocked the bot; joining still worked
            log.info("Could not tell the inviter: %s", type(exc).__name__)


async def claim_owner(update: Update, context: Context) -> None:
    """Someone opened the first-run owner link: make them the owner (once; then it is void)."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    store, texts = store_of(context), texts_of(context)
    given = (context.args or [""])[0][len(OWNER_PREFIX) :]
    secret = context.bot_data.get(OWNER_CLAIM)
    valid = isinstance(secret, str) and secrets.compare_digest(given.encode(), secret.encode())
    if not valid or not await store.claim_owner(user.id, user.full_name):
        await message.reply_text(texts("roles.owner_link_invalid"))
        return
    context.bot_data.pop(OWNER_CLAIM, None)
    log.info("The first-run owner link was used; it no longer works.")
    await keep_language(context, user.id)
    instructor = await store.get_instructor(user.id) is not None
    await publish_for(context.application, user.id, owner=True, instructor=instructor)
    await message.reply_text(texts("roles.owner_welcome", name=user.first_name))


async def on_startup(app: App) -> None:
    """With no owner at all, log the one-time link that makes its opener the owner."""
    if await owner_ids(app.bot_data):
        app.bot_data.pop(OWNER_CLAIM, None)
        return
    secret = secrets.token_urlsafe(18)
    app.bot_data[OWNER_CLAIM] = secret
    link = create_deep_linked_url(app.bot.username, OWNER_PREFIX + secret)
    log.warning(
        "No owner yet (OWNER_IDS is empty). Open this link in Telegram to become the owner; "
        "it works once: %s",
        link,
    )


COMMANDS = [Command("invite", "owner"), Command("instructors", "owner")]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    return [
        # "/start owner_<secret>" and "/start inv_<code>": before joining.py's class codes and
        # start.py's plain /start.
        CommandHandler(
            "start", claim_owner, filters=private & filters.Regex(rf"^/start\s+{OWNER_PREFIX}")
        ),
        CommandHandler(
            "start", join_as_instructor, filters=private & filters.Regex(r"^/start\s+inv_")
        ),
        CommandHandler("invite", invite, filters=private),
        CommandHandler("instructors", list_instructors, filters=private),
        CommandHandler(["invite", "instructors"], private_only, filters=filters.ChatType.GROUPS),
    ]
