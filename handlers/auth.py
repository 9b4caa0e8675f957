"""Who may do what, decided in one place: roles, and the guard every protected callback wears."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from handlers.commands import Role
from handlers.common import Context, owner_ids, store_of, texts_of
from storage.records import ClassRecord

Callback = Callable[[Update, Context], Coroutine[Any, Any, Any]]


async def roles_of(user_id: int, context: Context) -> set[Role]:
    """Every role a Telegram user has: everyone is a parent; owners and instructors are more."""
    roles: set[Role] = {"parent"}
    if user_id in await owner_ids(context.bot_data):
        roles.add("owner")
    if await store_of(context).get_instructor(user_id) is not None:
        roles.add("instructor")
    return roles


def requires(role: Role) -> Callable[[Callback], Callback]:
    """Guard a command or button: anyone without `role` gets a short, polite refusal.

    In a conversation the refusal also ends it, so a refused person is never left half-way in.
    """

    def decorate(callback: Callback) -> Callback:
        @functools.wraps(callback)
        async def guarded(update: Update, context: Context) -> Any:
            user = update.effective_user
            if user is None or role not in await roles_of(user.id, context):
                texts = texts_of(context)
                who = texts.raw(f"core.who_{role}")
                refusal = texts("core.not_allowed", who=who)
                if update.callback_query is not None:
                    await update.callback_query.answer(
                        texts.raw("core.not_allowed").format(who=who), show_alert=True
                    )
                elif update.effective_message is not None:
                    await update.effective_message.reply_text(refusal)
                return ConversationHandler.END
            return await callback(update, context)

        return guarded

    return decorate


async def own_class(context: Context, user_id: int, class_id: str) -> ClassRecord | None:
    """The class `class_id` if this user is its instructor, else None.

    Callback data and deep links can be forged, so every button that names a class is checked
    here against storage before it does anything.
    """
    if not class_id:
        return None
    klass = await store_of(context).get_class(class_id)
    if klass is None or klass.get("instructor_id") != user_id:
        return None
    return klass


# -- classes and their instructor (classes-roles-joining work) -------------------------------


async def refuse_class(update: Update, context: Context) -> Any:
    """The polite refusal for a class that is not this instructor's (or no longer exists)."""
    texts = texts_of(context)
    if update.callback_query is not None:
        await update.callback_query.answer(texts.raw("core.not_your_class"), show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(texts("core.not_your_class"))
    return ConversationHandler.END
