"""Builders for Telegram updates, shaped exactly like the JSON the Bot API sends.

Two layers, so the in-process fake and the HTTP fake share one source of truth:

* ``*_json`` functions return plain ``dict`` objects as they appear in a ``getUpdates``
  answer. :class:`playground.fake_api.FakeBotApi` queues these.
* The functions without the suffix wrap the same dicts with :meth:`telegram.Update.de_json`,
  for ``await application.process_update(...)``. Pass ``bot=application.bot``: shortcuts such as
  ``update.message.reply_text`` need a bot attached to the update, exactly as in production.

Text messages, commands and button presses are built here; the pieces every update is made of
are playground/update_parts.py, media playground/media_updates.py and chat membership
playground/member_updates.py, all named here too (``from playground import updates as tg``).

Update ids and message ids come from process-wide counters, so they always increase (the
HTTP fake relies on that for ``offset`` confirmation) and never collide between the user's
messages and the bot's replies.
"""

import itertools
from collections.abc import Mapping
from typing import Any

from telegram import Bot, TelegramObject, Update

from playground.media_updates import (
    location_message,
    location_message_json,
    photo_message,
    photo_message_json,
    photo_sizes,
    sticker_json,
    sticker_message,
    sticker_message_json,
)
from playground.member_updates import (
    chat_member_json,
    chat_member_update,
    chat_member_update_json,
    migrate_from_message,
    migrate_from_message_json,
    migrate_message,
    migrate_message_json,
    my_chat_member_update,
    my_chat_member_update_json,
    new_chat_members_message,
    new_chat_members_message_json,
)
from playground.update_parts import (
    BOT_FIRST_NAME,
    BOT_ID,
    BOT_USERNAME,
    DEFAULT_FIRST_NAME,
    DEFAULT_GROUP_TITLE,
    OPT_IN_UPDATE_TYPES,
    bot_user,
    chat_for,
    chat_type_for,
    detect_entities,
    get_me_result,
    group_chat,
    member_user,
    message_chat,
    message_json,
    next_file_id,
    next_message_id,
    next_update_id,
    normalize_status,
    now_ts,
    plain,
    private_chat,
    to_update,
    update_kind,
    user,
    utf16_len,
    wrap_update,
)

JSONDict = dict[str, Any]

# Every builder, wherever it is defined: callers use `updates as tg`.
__all__ = [
    "BOT_FIRST_NAME",
    "BOT_ID",
    "BOT_USERNAME",
    "DEFAULT_FIRST_NAME",
    "DEFAULT_GROUP_TITLE",
    "OPT_IN_UPDATE_TYPES",
    "bot_user",
    "callback_query",
    "callback_query_json",
    "chat_for",
    "chat_member_json",
    "chat_member_update",
    "chat_member_update_json",
    "chat_type_for",
    "command",
    "command_json",
    "command_text",
    "detect_entities",
    "get_me_result",
    "group_chat",
    "group_command",
    "group_message",
    "group_message_json",
    "location_message",
    "location_message_json",
    "member_user",
    "message_chat",
    "message_json",
    "message_update_json",
    "migrate_from_message",
    "migrate_from_message_json",
    "migrate_message",
    "migrate_message_json",
    "my_chat_member_update",
    "my_chat_member_update_json",
    "new_chat_members_message",
    "new_chat_members_message_json",
    "next_file_id",
    "next_message_id",
    "next_update_id",
    "normalize_status",
    "now_ts",
    "photo_message",
    "photo_message_json",
    "photo_sizes",
    "plain",
    "private_chat",
    "private_message",
    "private_message_json",
    "sticker_json",
    "sticker_message",
    "sticker_message_json",
    "to_update",
    "update_kind",
    "user",
    "utf16_len",
    "wrap_update",
]

# itertools.count.__next__ is atomic under the GIL (see update_parts.py).
_query_ids = itertools.count(1)


def private_message_json(
    user_id: int,
    text: str,
    *,
    first_name: str = DEFAULT_FIRST_NAME,
    username: str | None = None,
    language_code: str | None = None,
    update_id: int | None = None,
    message_id: int | None = None,
    entities: list[JSONDict] | None = None,
    **fields: Any,
) -> JSONDict:
    """Return an Update with a text message from a user to the bot in their private chat
    (``language_code``: the language their Telegram app is set to, as Telegram says it)."""
    msg = message_json(
        private_chat(user_id, first_name, username=username),
        user(user_id, first_name, username=username, language_code=language_code),
        text=text,
        message_id=message_id,
        entities=entities,
        **fields,
    )
    return wrap_update("message", msg, update_id=update_id)


def group_message_json(
    chat_id: int,
    user_id: int,
    text: str,
    *,
    chat_type: str | None = None,
    title: str = DEFAULT_GROUP_TITLE,
    first_name: str = DEFAULT_FIRST_NAME,
    username: str | None = None,
    update_id: int | None = None,
    message_id: int | None = None,
    entities: list[JSONDict] | None = None,
    **fields: Any,
) -> JSONDict:
    """Return an Update with a text message posted by a user in a group or supergroup.

    ``chat_type`` defaults to what the id implies (``-100…`` is a supergroup).
    """
    msg = message_json(
        group_chat(chat_id, title=title, chat_type=chat_type),
        user(user_id, first_name, username=username),
        text=text,
        message_id=message_id,
        entities=entities,
        **fields,
    )
    return wrap_update("message", msg, update_id=update_id)


def message_update_json(
    user_id: int, text: str, *, chat_id: int | None = None, **kwargs: Any
) -> JSONDict:
    """Return a private message when ``chat_id`` is unset or the user's id, else a group one."""
    if chat_id is None or chat_id == user_id:
        return private_message_json(user_id, text, **kwargs)
    return group_message_json(chat_id, user_id, text, **kwargs)


def command_text(name: str, *args: str, mention_bot: bool = False) -> str:
    """Return ``/name[@bot] args...``; a leading slash in ``name`` is tolerated."""
    head = "/" + name.lstrip("/") + (f"@{BOT_USERNAME}" if mention_bot else "")
    return " ".join([head, *args])


def command_json(
    user_id: int,
    name: str,
    *args: str,
    chat_id: int | None = None,
    mention_bot: bool = False,
    **kwargs: Any,
) -> JSONDict:
    """Return an Update with ``/name args`` sent privately, or in ``chat_id`` if it is a group."""
    text = command_text(name, *args, mention_bot=mention_bot)
    return message_update_json(user_id, text, chat_id=chat_id, **kwargs)


def callback_query_json(
    user_id: int,
    data: str,
    *,
    message_chat_id: int | None = None,
    message_id: int | None = None,
    message_text: str = "Choose an option:",
    chat_type: str | None = None,
    reply_markup: Mapping[str, Any] | TelegramObject | None = None,
    message: JSONDict | None = None,
    first_name: str = DEFAULT_FIRST_NAME,
    username: str | None = None,
    language_code: str | None = None,
    title: str = DEFAULT_GROUP_TITLE,
    update_id: int | None = None,
    query_id: str | None = None,
) -> JSONDict:
    """Return an Update with a callback query: ``user_id`` pressed a button on a bot message.

    The pressed message defaults to a bot message in the user's private chat; pass
    ``message_chat_id``/``message_id`` to point at a group message or a real earlier reply,
    or ``message`` to supply the whole Message dict (e.g. one the fake API recorded).
    ``chat_type`` defaults to what ``message_chat_id`` implies.
    """
    chat_id = message_chat_id if message_chat_id is not None else user_id
    if message is None:
        if chat_id == user_id and chat_type in (None, "private"):
            chat = private_chat(user_id, first_name, username=username)
        else:
            chat = group_chat(chat_id, title=title, chat_type=chat_type)
        message = message_json(
            chat,
            bot_user(),
            text=message_text,
            message_id=message_id,
            detect=False,
            reply_markup=plain(reply_markup),
        )
    query = {
        "id": query_id if query_id is not None else f"{next(_query_ids)}{user_id}",
        "from": user(user_id, first_name, username=username, language_code=language_code),
        "message": message,
        # Telegram's chat_instance is an opaque per-chat string; a stable one is enough.
        "chat_instance": str(7_000_000_000_000_000 + abs(message["chat"]["id"])),
        "data": data,
    }
    return wrap_update("callback_query", query, update_id=update_id)


def private_message(
    user_id: int,
    text: str,
    *,
    first_name: str = DEFAULT_FIRST_NAME,
    username: str | None = None,
    update_id: int | None = None,
    bot: Bot | None = None,
    **kwargs: Any,
) -> Update:
    """Return an Update with a private text message (see :func:`private_message_json`)."""
    data = private_message_json(
        user_id, text, first_name=first_name, username=username, update_id=update_id, **kwargs
    )
    return to_update(data, bot)


def group_message(
    chat_id: int,
    user_id: int,
    text: str,
    *,
    chat_type: str | None = None,
    title: str = DEFAULT_GROUP_TITLE,
    bot: Bot | None = None,
    **kwargs: Any,
) -> Update:
    """Return an Update with a group text message (see :func:`group_message_json`)."""
    data = group_message_json(chat_id, user_id, text, chat_type=chat_type, title=title, **kwargs)
    return to_update(data, bot)


def command(
    user_id: int,
    name: str,
    *args: str,
    chat_id: int | None = None,
    mention_bot: bool = False,
    bot: Bot | None = None,
    **kwargs: Any,
) -> Update:
    """Return an Update with ``/name args`` privately or in group ``chat_id``."""
    data = command_json(user_id, name, *args, chat_id=chat_id, mention_bot=mention_bot, **kwargs)
    return to_update(data, bot)


def group_command(
    chat_id: int,
    user_id: int,
    name: str,
    *args: str,
    mention_bot: bool = True,
    bot: Bot | None = None,
    **kwargs: Any,
) -> Update:
    """Return an Update with ``/name@bot args`` in a group (clients add ``@bot`` in groups)."""
    return command(
        user_id, name, *args, chat_id=chat_id, mention_bot=mention_bot, bot=bot, **kwargs
    )


def callback_query(
    user_id: int,
    data: str,
    *,
    message_chat_id: int | None = None,
    message_id: int | None = None,
    message_text: str = "Choose an option:",
    chat_type: str | None = None,
    bot: Bot | None = None,
    **kwargs: Any,
) -> Update:
    """Return an Update with a callback query (see :func:`callback_query_json`)."""
    payload = callback_query_json(
        user_id,
        data,
        message_chat_id=message_chat_id,
        message_id=message_id,
        message_text=message_text,
        chat_type=chat_type,
        **kwargs,
    )
    return to_update(payload, bot)
