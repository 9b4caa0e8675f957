"""The pieces every update the fakes build is made of (playground/updates.py and its
media_updates.py and member_updates.py build whole updates): process-wide ids and counters,
users, chats, a message and the update around it, shaped exactly like the Bot API's JSON.
"""

import itertools
import re
import time
from collections.abc import Mapping
from typing import Any

from telegram import Bot, TelegramObject, Update

JSONDict = dict[str, Any]

BOT_ID = 999000
BOT_USERNAME = "iaim_test_bot"
BOT_FIRST_NAME = "Class Bot"
DEFAULT_FIRST_NAME = "Ana"
DEFAULT_GROUP_TITLE = "IAIM Class"

# Update types Telegram delivers when a bot never passed ``allowed_updates``: everything except
# these three, which must be requested explicitly (a classic reason ChatMemberHandler "never
# fires" in production).
OPT_IN_UPDATE_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

# itertools.count.__next__ is atomic under the GIL, so the counters are safe to use from the
# HTTP fake's server thread and the test thread at the same time.
_update_ids = itertools.count(1)
_message_ids = itertools.count(1)
_file_ids = itertools.count(1)

_STATUS_ALIASES = {"owner": "creator", "banned": "kicked", "admin": "administrator"}

# A bot command is "/name" or "/name@botname" at the start of the text or after whitespace;
# Telegram marks every such occurrence, CommandHandler only looks at the one at offset 0.
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_])")
# Telegram usernames are 5-32 characters; shorter "@xy" is left as plain text by Telegram too.
_MENTION_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_])")
_URL_RE = re.compile(r"(?<!\S)https?://[^\s]+")


def next_update_id() -> int:
    """Return the next process-wide update id."""
    return next(_update_ids)


def next_message_id() -> int:
    """Return the next process-wide message id (shared by user messages and bot replies)."""
    return next(_message_ids)


def next_file_id(prefix: str = "AgAC") -> tuple[str, str]:
    """Return a fresh ``(file_id, file_unique_id)`` pair shaped like Telegram's."""
    n = next(_file_ids)
    return f"{prefix}{n:06d}fake", f"AQAD{n:06d}"


def now_ts() -> int:
    """Return the current Unix time in whole seconds, as Telegram dates are."""
    return int(time.time())


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, the unit of entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def plain(value: Any) -> Any:
    """Turn PTB objects (e.g. an InlineKeyboardMarkup) into JSON dicts, pass dicts through."""
    if isinstance(value, TelegramObject):
        return value.to_dict()
    return value


def normalize_status(status: str) -> str:
    """Map friendly status names (owner, banned, admin) to the Bot API's names."""
    return _STATUS_ALIASES.get(status, status)


def user(
    user_id: int,
    first_name: str = DEFAULT_FIRST_NAME,
    *,
    username: str | None = None,
    last_name: str | None = None,
    language_code: str | None = None,
    is_bot: bool = False,
) -> JSONDict:
    """Return a User object; optional fields are omitted when unset, as Telegram does."""
    data: JSONDict = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name is not None:
        data["last_name"] = last_name
    if username is not None:
        data["username"] = username
    if language_code is not None:
        data["language_code"] = language_code
    return data


def bot_user() -> JSONDict:
    """Return the bot's User object as it appears inside messages (``from`` of bot messages)."""
    return {"id": BOT_ID, "is_bot": True, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME}


def get_me_result() -> JSONDict:
    """Return the ``getMe`` result: the bot user plus the bot-only capability flags."""
    return {
        **bot_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def member_user(user_id: int, first_name: str = DEFAULT_FIRST_NAME) -> JSONDict:
    """Return the User for ``user_id``, or the bot's own User if it is :data:`BOT_ID`."""
    return bot_user() if user_id == BOT_ID else user(user_id, first_name)


def chat_type_for(chat_id: int) -> str:
    """Infer the chat type from the id as Telegram allocates them.

    Users are positive, basic groups are small negatives, supergroups and channels are
    ``-100…``; ids alone cannot tell a supergroup from a channel, so this says supergroup.
    """
    if chat_id > 0:
        return "private"
    if str(chat_id).startswith("-100"):
        return "supergroup"
    return "group"


def private_chat(
    user_id: int,
    first_name: str = DEFAULT_FIRST_NAME,
    *,
    username: str | None = None,
    last_name: str | None = None,
) -> JSONDict:
    """Return the Chat object of a private chat, which mirrors the user's names."""
    data: JSONDict = {"id": user_id, "type": "private", "first_name": first_name}
    if last_name is not None:
        data["last_name"] = last_name
    if username is not None:
        data["username"] = username
    return data


def group_chat(
    chat_id: int,
    *,
    title: str = DEFAULT_GROUP_TITLE,
    chat_type: str | None = None,
    username: str | None = None,
) -> JSONDict:
    """Return the Chat object of a group, supergroup or channel."""
    data: JSONDict = {"id": chat_id, "type": chat_type or chat_type_for(chat_id), "title": title}
    if username is not None:
        data["username"] = username
    return data


def chat_for(
    chat_id: int,
    *,
    first_name: str = DEFAULT_FIRST_NAME,
    username: str | None = None,
    title: str = DEFAULT_GROUP_TITLE,
    chat_type: str | None = None,
) -> JSONDict:
    """Return a private chat for positive ids and a group chat otherwise."""
    if chat_id > 0 and chat_type in (None, "private"):
        return private_chat(chat_id, first_name, username=username)
    return group_chat(chat_id, title=title, chat_type=chat_type)


def detect_entities(
    text: str, *, commands: bool = True, mentions: bool = True, urls: bool = True
) -> list[JSONDict]:
    """Return the entities Telegram's client/server would attach to ``text``.

    Offsets and lengths are in UTF-16 code units, as in the real API, so texts with emoji
    before a command or mention produce the same (surprising) numbers as production.
    """
    spans: list[tuple[int, int, str]] = []
    if urls:
        spans += [(m.start(), m.end(), "url") for m in _URL_RE.finditer(text)]
    if commands:
        spans += [(m.start(), m.end(), "bot_command") for m in _COMMAND_RE.finditer(text)]
    if mentions:
        spans += [(m.start(), m.end(), "mention") for m in _MENTION_RE.finditer(text)]
    spans.sort()
    entities: list[JSONDict] = []
    last_end = -1
    for start, end, kind in spans:
        if start < last_end:  # entities never overlap; the earlier (e.g. a URL) wins
            continue
        entities.append(
            {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        )
        last_end = end
    return entities


def message_json(
    chat: JSONDict,
    sender: JSONDict | None,
    *,
    text: str | None = None,
    message_id: int | None = None,
    date: int | None = None,
    entities: list[JSONDict] | None = None,
    detect: bool = True,
    **fields: Any,
) -> JSONDict:
    """Return a Message object in ``chat`` from ``sender``.

    ``entities=None`` with ``detect=True`` auto-detects commands, mentions and URLs in
    ``text``; pass an explicit list (possibly empty) to override. Extra keyword arguments are
    copied verbatim (e.g. ``photo=...``, ``reply_to_message=...``).
    """
    data: JSONDict = {
        "message_id": message_id if message_id is not None else next_message_id(),
        "date": date if date is not None else now_ts(),
        "chat": chat,
    }
    if sender is not None:
        data["from"] = sender
    if text is not None:
        data["text"] = text
        found = entities if entities is not None else (detect_entities(text) if detect else [])
        if found:
            data["entities"] = found
    data.update({key: plain(value) for key, value in fields.items() if value is not None})
    return data


def wrap_update(kind: str, payload: JSONDict, *, update_id: int | None = None) -> JSONDict:
    """Return an Update dict carrying ``payload`` under ``kind`` (e.g. ``"message"``)."""
    return {"update_id": update_id if update_id is not None else next_update_id(), kind: payload}


def update_kind(update: Mapping[str, Any]) -> str:
    """Return the update type of an Update dict (its single key besides ``update_id``)."""
    return next((key for key in update if key != "update_id"), "unknown")


def message_chat(
    user_id: int,
    chat_id: int | None,
    first_name: str,
    username: str | None,
    title: str,
    chat_type: str | None,
) -> JSONDict:
    """Pick the private chat of the user, or the given group chat."""
    if chat_id is None or chat_id == user_id:
        return private_chat(user_id, first_name, username=username)
    return group_chat(chat_id, title=title, chat_type=chat_type)


def to_update(data: JSONDict, bot: Bot | None = None) -> Update:
    """Parse an Update dict the way PTB parses a ``getUpdates`` answer."""
    return Update.de_json(data, bot)
