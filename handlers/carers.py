"""Carers: /carer makes a one-time link ("/start car_<code>") with which a parent brings a partner
or grandparent into the same family, valid CARER_VALID_DAYS; the carer consents too."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    filters,
)

from botdata import App
from domain.buttons import CarerAgreed, CarerClass, JoinDeclined, parse, routes
from handlers.classpick import (
    choose_class,
    chosen_class_id,
    close_buttons,
    member_class,
    member_classes,
)
from handlers.commands import Command
from handlers.common import Context, settings_of, store_of, texts_of
from handlers.joining_common import (
    CARER_PREFIX,
    CODE_RE,
    consented,
    give_consent,
    keyboard_of,
    next_line,
)
from handlers.ui import bot_link, link_button, private_only, reply, share_url
from storage.records import CarerLink, ClassRecord

log = logging.getLogger(__name__)


CARER_VALID_DAYS = 7


# -- carers ------------------------------------------------------------------------------------


async def carer_command(update: Update, context: Context) -> None:
    """/carer: make a one-time link for a partner or grandparent (which class, if several)."""
    user = update.effective_user
    assert user is not None
    store, texts = store_of(context), texts_of(context)
    classes = await member_classes(context, user.id)
    mine = []
    for klass in classes:
        member = await store.get_member(klass["id"], user.id)
        if member is not None and member.get("role", "parent") == "parent":
            mine.append(klass)
    if classes and not mine:
        await reply(update, texts("joining.carer_only_parent"))
        return
    chosen = await choose_class(update, context, mine, callback=CarerClass)
    if chosen is not None:
        await _send_carer_link(update, context, chosen)


async def carer_chosen(update: Update, context: Context) -> None:
    """The class chosen for /carer (checked: the person must be its parent member)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    class_id = chosen_class_id(query.data, CarerClass)
    klass = await member_class(context, user.id, class_id) if class_id else None
    member = await store_of(context).get_member(class_id, user.id) if klass and class_id else None
    if klass is None or member is None or member.get("role", "parent") != "parent":
        await query.answer(texts_of(context).raw("joining.not_in_class"), show_alert=True)
        return
    await close_buttons(query)
    await _send_carer_link(update, context, klass)


async def _send_carer_link(update: Update, context: Context, klass: ClassRecord) -> None:
    """Make the carer link and send it with a Share button."""
    user = update.effective_user
    assert user is not None
    texts = texts_of(context)
    code = await store_of(context).create_carer_code(klass["id"], user.id)
    link = bot_link(context, CARER_PREFIX + code)
    share = share_url(link, texts.raw("joining.carer_share_text"))
    await reply(
        update,
        texts("joining.carer_link", name=klass["name"], link=link, days=CARER_VALID_DAYS),
        link_button(texts.raw("joining.carer_share_button"), share),
    )


async def carer_agreed(update: Update, context: Context) -> None:
    """The "I agree" button under a carer's consent text."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    pressed = parse(query.data, CarerAgreed)
    code = pressed.code if pressed is not None else ""  # not a code: answered as invalid
    await carer_link(update, context, code, agreed=True)


def _expired(invite: CarerLink) -> bool:
    """Whether a carer link is older than CARER_VALID_DAYS."""
    made = invite.get("at")
    if not isinstance(made, str):
        return False
    return datetime.now(UTC) - datetime.fromisoformat(made) > timedelta(days=CARER_VALID_DAYS)


async def carer_link(update: Update, context: Context, code: str, *, agreed: bool) -> int:
    """Check a carer link, then ask for consent, or (given) add the carer to the family."""
    user = update.effective_user
    assert user is not None
    store, texts = store_of(context), texts_of(context)
    invite = await store.carer_invite(code) if CODE_RE.match(code) else None
    klass = await store.get_class(invite["class_id"]) if invite else None
    if invite is None or klass is None or _expired(invite):
        await reply(update, texts("joining.carer_invalid"))
        return ConversationHandler.END
    if klass.get("ended"):
        await reply(update, texts("joining.class_ended", name=klass["name"]))
        return ConversationHandler.END
    parent_id = invite["parent_id"]
    if parent_id == user.id:
        await reply(update, texts("joining.carer_own_link"))
        return ConversationHandler.END
    if await store.get_member(klass["id"], user.id) is not None:
        await reply(
            update, texts("joining.already_in", name=klass["name"], next=next_line(context, klass))
        )
        return ConversationHandler.END
    parent = await store.get_member(klass["id"], parent_id)
    parent_name = (parent.get("first_name") if parent else None) or texts.raw("joining.a_parent")
    if not agreed and await consented(context, user.id) is None:
        await reply(
            update,
            texts(
                "joining.carer_consent",
                name=user.first_name,
                parent=parent_name,
                class_name=klass["name"],
                days=settings_of(context).retention_days,
            ),
            keyboard_of(
                [
                    (texts.raw("joining.agree_button"), CarerAgreed(code)),
                    (texts.raw("joining.decline_button"), JoinDeclined()),
                ]
            ),
        )
        return ConversationHandler.END
    if not await store.spend_carer_code(code):  # used a moment ago (a double tap)
        await reply(update, texts("joining.carer_invalid"))
        return ConversationHandler.END
    if await consented(context, user.id) is None:
        await give_consent(context, user)
    await store.add_member(
        klass["id"],
        user.id,
        {"first_name": user.first_name, "role": "carer", "family_of": parent_id, "blocked": False},
    )
    await reply(
        update,
        texts(
            "joining.carer_joined",
            name=klass["name"],
            parent=parent_name,
            next=next_line(context, klass),
        ),
    )
    try:
        await context.bot.send_message(
            parent_id,
            texts("joining.carer_joined_parent", name=user.first_name, class_name=klass["name"]),
        )
    except TelegramError as exc:  # the parent may have blocked the bot; the carer is in anyway
        log.info("Could not tell the parent about their carer: %s", type(exc).__name__)
    return ConversationHandler.END


COMMANDS = [Command("carer", "parent")]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried (the carer link itself
    arrives as "/start car_<code>" through handlers/joining.py's conversation)."""
    del app
    return [
        CallbackQueryHandler(carer_agreed, pattern=routes(CarerAgreed)),
        CommandHandler("carer", carer_command, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(carer_chosen, pattern=routes(CarerClass)),
        CommandHandler("carer", private_only, filters=filters.ChatType.GROUPS),
    ]
