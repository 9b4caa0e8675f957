"""Builders for Telegram updates, shaped exactly like the JSON the Bot API sends.

Two layers, so the in-process fake and the HTTP fake share one source of truth:

* ``*_json`` functions return plain ``dict`` objects as they appear in a ``getUpdates``
  answer. :class:`playground.fake_api.FakeBotApi` queues these.
* The functions without the suffix wrap the same dicts with :meth:`telegram.Update.de_json`,
  for ``await application.process_update(...)``. Pass ``bot=application.bot``: shortcuts such as
  ``update.message.reply_text`` need a bot attached to the update, exactly as in production.

Update ids and message ids come from process-wide counters, so they always increase (the
HTTP fake relies on that for ``offset`` confirmation) and never collide between the user's
messages and the bot's replies.
"""

import datetime as dtm
import itertools
import re
import time
import zlib
from collections.abc import Iterable, Mapping
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
_query_ids = itertools.count(1)
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


def _plain(value: Any) -> Any:
    """Turn PTB objects (e.g. an InlineKeyboardMarkup) into JSON dicts, pass dicts through."""
    if isinstance(value, TelegramObject):
        return value.to_dict()
    return value


def normalize_status(status: str) -> str:
    """Map friendly status names (owner, banned, admin) to the Bot API's names."""
    return _STATUS_ALIASES.get(status, status)


# --------------------------------------------------------------------------------------------
# Users and chats
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------


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
    data.update({key: _plain(value) for key, value in fields.items() if value is not None})
    return data


def wrap_update(kind: str, payload: JSONDict, *, update_id: int | None = None) -> JSONDict:
    """Return an Update dict carrying ``payload`` under ``kind`` (e.g. ``"message"``)."""
    return {"update_id": update_id if update_id is not None else next_update_id(), kind: payload}


def update_kind(update: Mapping[str, Any]) -> str:
    """Return the update type of an Update dict (its single key besides ``update_id``)."""
    return next((key for key in update if key != "update_id"), "unknown")


def _message_chat(
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
            reply_markup=_plain(reply_markup),
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


def photo_sizes(
    file_id: str | None = None, *, file_size: int = 54_321, width: int = 1280, height: int = 960
) -> list[JSONDict]:
    """Return the PhotoSize list Telegram sends for one photo: a thumbnail and the full size."""
    small_id, small_unique = next_file_id()
    if file_id is None:
        big_id, big_unique = next_file_id()
    else:
        # Re-sending a known file_id keeps it; its unique id is derived, so it is stable too.
        big_id, big_unique = file_id, f"AQAD{zlib.crc32(file_id.encode()):010d}"
    ratio = 90 / max(width, height)
    return [
        {
            "file_id": small_id,
            "file_unique_id": small_unique,
            "file_size": max(1, file_size // 40),
            "width": max(1, round(width * ratio)),
            "height": max(1, round(height * ratio)),
        },
        {
            "file_id": big_id,
            "file_unique_id": big_unique,
            "file_size": file_size,
            "width": width,
            "height": height,
        },
    ]


def photo_message_json(
    user_id: int,
    *,
    chat_id: int | None = None,
    caption: str | None = None,
    file_id: str | None = None,
    first_name: str = DEFAULT_FIRST_NAME,
    username: str | None = None,
    title: str = DEFAULT_GROUP_TITLE,
    chat_type: str | None = None,
    update_id: int | None = None,
    message_id: int | None = None,
) -> JSONDict:
    """Return an Update with a photo (optionally captioned) sent by a user."""
    fields: JSONDict = {"photo": photo_sizes(file_id)}
    if caption is not None:
        fields["caption"] = caption
        if found := detect_entities(caption):
            fields["caption_entities"] = found
    msg = message_json(
        _message_chat(user_id, chat_id, first_name, username, title, chat_type),
        user(user_id, first_name, username=username),
        message_id=message_id,
        **fields,
    )
    return wrap_update("message", msg, update_id=update_id)


def sticker_json(file_id: str | None = None, *, emoji: str = "👍") -> JSONDict:
    """Return a regular (static) Sticker object."""
    fid, unique = next_file_id("CAAC")
    return {
        "file_id": file_id or fid,
        "file_unique_id": unique,
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
        "set_name": "IaimTestStickers",
        "file_size": 12_345,
    }


def sticker_message_json(
    user_id: int,
    *,
    chat_id: int | None = None,
    emoji: str = "👍",
    file_id: str | None = None,
    first_name: str = DEFAULT_FIRST_NAME,
    username: str | None = None,
    title: str = DEFAULT_GROUP_TITLE,
    chat_type: str | None = None,
    update_id: int | None = None,
    message_id: int | None = None,
) -> JSONDict:
    """Return an Update with a sticker sent by a user."""
    msg = message_json(
        _message_chat(user_id, chat_id, first_name, username, title, chat_type),
        user(user_id, first_name, username=username),
        message_id=message_id,
        sticker=sticker_json(file_id, emoji=emoji),
    )
    return wrap_update("message", msg, update_id=update_id)


def location_message_json(
    user_id: int,
    latitude: float,
    longitude: float,
    *,
    venue_title: str | None = None,
    venue_address: str = "",
    first_name: str = DEFAULT_FIRST_NAME,
    update_id: int | None = None,
) -> JSONDict:
    """Return an Update with a shared location (a map pin) in a private chat; with
    ``venue_title`` it is a shared venue (a pin with a name and address), as Telegram sends it."""
    location = {"latitude": latitude, "longitude": longitude}
    venue = (
        {"location": location, "title": venue_title, "address": venue_address}
        if venue_title is not None
        else None
    )
    msg = message_json(
        private_chat(user_id, first_name),
        user(user_id, first_name),
        location=location,
        venue=venue,
    )
    return wrap_update("message", msg, update_id=update_id)


def new_chat_members_message_json(
    chat_id: int,
    new_user_ids: int | Iterable[int],
    *,
    by_user_id: int | None = None,
    first_name: str = DEFAULT_FIRST_NAME,
    title: str = DEFAULT_GROUP_TITLE,
    chat_type: str | None = None,
    update_id: int | None = None,
) -> JSONDict:
    """Return the service message Telegram posts when users (or the bot) join a group.

    ``from`` is whoever added them; when ``by_user_id`` is unset the (first) user joined by
    themselves, e.g. via an invite link. Include :data:`BOT_ID` to model the bot being added.
    """
    ids = [new_user_ids] if isinstance(new_user_ids, int) else list(new_user_ids)
    members = [member_user(uid, first_name) for uid in ids]
    sender = member_user(by_user_id, first_name) if by_user_id is not None else members[0]
    msg = message_json(
        group_chat(chat_id, title=title, chat_type=chat_type),
        sender,
        new_chat_members=members,
        # Legacy single-member fields Telegram still sends alongside the list.
        new_chat_member=members[0],
        new_chat_participant=members[0],
    )
    return wrap_update("message", msg, update_id=update_id)


def chat_member_json(
    member: JSONDict, status: str, *, until_date: int | dtm.datetime = 0
) -> JSONDict:
    """Return a ChatMember object with every field the Bot API sends for ``status``.

    ``status`` is a Bot API status (creator, administrator, member, restricted, left, kicked)
    or one of the aliases owner/admin/banned. ``until_date`` 0 means "forever".
    """
    status = normalize_status(status)
    until = int(until_date.timestamp()) if isinstance(until_date, dtm.datetime) else until_date
    data: JSONDict = {"status": status, "user": member}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update(
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
            can_pin_messages=True,
            can_manage_topics=False,
        )
    elif status == "restricted":
        data.update(
            is_member=True,
            can_send_messages=False,
            can_send_audios=False,
            can_send_documents=False,
            can_send_photos=False,
            can_send_videos=False,
            can_send_video_notes=False,
            can_send_voice_notes=False,
            can_send_polls=False,
            can_send_other_messages=False,
            can_add_web_page_previews=False,
            can_change_info=False,
            can_invite_users=False,
            can_pin_messages=False,
            can_manage_topics=False,
            can_edit_tag=False,
            can_react_to_messages=False,
            until_date=until,
        )
    elif status == "kicked":
        data["until_date"] = until
    elif status not in ("member", "left"):
        raise ValueError(f"unknown chat member status {status!r}")
    return data


def _chat_member_updated(
    chat: JSONDict, by: JSONDict, member: JSONDict, old_status: str, new_status: str
) -> JSONDict:
    """Return a ChatMemberUpdated object for a status transition of ``member``."""
    return {
        "chat": chat,
        "from": by,
        "date": now_ts(),
        "old_chat_member": chat_member_json(member, old_status),
        "new_chat_member": chat_member_json(member, new_status),
    }


def chat_member_update_json(
    chat_id: int,
    user_id: int,
    old_status: str,
    new_status: str,
    *,
    by_user_id: int | None = None,
    first_name: str = DEFAULT_FIRST_NAME,
    title: str = DEFAULT_GROUP_TITLE,
    chat_type: str | None = None,
    update_id: int | None = None,
) -> JSONDict:
    """Return a ``chat_member`` Update: a user's membership changed in a group the bot admins.

    Telegram only delivers these when ``allowed_updates`` contains ``"chat_member"``.
    ``by_user_id`` (who made the change) defaults to the user (joined/left by themselves).
    """
    member = member_user(user_id, first_name)
    by = member_user(by_user_id, first_name) if by_user_id is not None else member
    payload = _chat_member_updated(
        group_chat(chat_id, title=title, chat_type=chat_type), by, member, old_status, new_status
    )
    return wrap_update("chat_member", payload, update_id=update_id)


def my_chat_member_update_json(
    chat_id: int,
    by_user_id: int,
    old: str,
    new: str,
    *,
    first_name: str = DEFAULT_FIRST_NAME,
    title: str = DEFAULT_GROUP_TITLE,
    chat_type: str | None = None,
    update_id: int | None = None,
) -> JSONDict:
    """Return a ``my_chat_member`` Update: the bot's own status changed in a chat.

    With a positive ``chat_id`` it is the user's private chat (``member -> kicked`` is the user
    blocking the bot, ``kicked -> member`` unblocking); negative ids are groups the bot was
    added to (``left -> member``) or removed from (``member -> left``/``kicked``).
    """
    by = member_user(by_user_id, first_name)
    if chat_id > 0 and chat_type in (None, "private"):
        chat = private_chat(chat_id, first_name)
    else:
        chat = group_chat(chat_id, title=title, chat_type=chat_type)
    payload = _chat_member_updated(chat, by, bot_user(), old, new)
    return wrap_update("my_chat_member", payload, update_id=update_id)


def migrate_message_json(
    old_chat_id: int,
    new_chat_id: int,
    *,
    by_user_id: int = 1,
    first_name: str = DEFAULT_FIRST_NAME,
    title: str = DEFAULT_GROUP_TITLE,
    update_id: int | None = None,
) -> JSONDict:
    """Return the service message in the OLD basic group announcing ``migrate_to_chat_id``."""
    msg = message_json(
        group_chat(old_chat_id, title=title, chat_type="group"),
        user(by_user_id, first_name),
        migrate_to_chat_id=new_chat_id,
    )
    return wrap_update("message", msg, update_id=update_id)


def migrate_from_message_json(
    old_chat_id: int,
    new_chat_id: int,
    *,
    title: str = DEFAULT_GROUP_TITLE,
    update_id: int | None = None,
) -> JSONDict:
    """Return the counterpart in the NEW supergroup carrying ``migrate_from_chat_id``.

    Telegram attributes it to the anonymous "Group" sender (id 1087968824).
    """
    msg = message_json(
        group_chat(new_chat_id, title=title, chat_type="supergroup"),
        user(1087968824, "Group", username="GroupAnonymousBot", is_bot=True),
        migrate_from_chat_id=old_chat_id,
    )
    return wrap_update("message", msg, update_id=update_id)


# --------------------------------------------------------------------------------------------
# telegram.Update wrappers
# --------------------------------------------------------------------------------------------


def to_update(data: JSONDict, bot: Bot | None = None) -> Update:
    """Parse an Update dict the way PTB parses a ``getUpdates`` answer."""
    return Update.de_json(data, bot)


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


def photo_message(user_id: int, *, bot: Bot | None = None, **kwargs: Any) -> Update:
    """Return an Update with a photo message (see :func:`photo_message_json`)."""
    return to_update(photo_message_json(user_id, **kwargs), bot)


def sticker_message(user_id: int, *, bot: Bot | None = None, **kwargs: Any) -> Update:
    """Return an Update with a sticker message (see :func:`sticker_message_json`)."""
    return to_update(sticker_message_json(user_id, **kwargs), bot)


def location_message(
    user_id: int, latitude: float, longitude: float, *, bot: Bot | None = None, **kwargs: Any
) -> Update:
    """Return an Update with a shared location (see :func:`location_message_json`)."""
    return to_update(location_message_json(user_id, latitude, longitude, **kwargs), bot)


def new_chat_members_message(
    chat_id: int, new_user_ids: int | Iterable[int], *, bot: Bot | None = None, **kwargs: Any
) -> Update:
    """Return an Update with a new-members service message."""
    return to_update(new_chat_members_message_json(chat_id, new_user_ids, **kwargs), bot)


def chat_member_update(
    chat_id: int,
    user_id: int,
    old_status: str,
    new_status: str,
    *,
    bot: Bot | None = None,
    **kwargs: Any,
) -> Update:
    """Return a ``chat_member`` Update (see :func:`chat_member_update_json`)."""
    data = chat_member_update_json(chat_id, user_id, old_status, new_status, **kwargs)
    return to_update(data, bot)


def my_chat_member_update(
    chat_id: int, by_user_id: int, old: str, new: str, *, bot: Bot | None = None, **kwargs: Any
) -> Update:
    """Return a ``my_chat_member`` Update (see :func:`my_chat_member_update_json`)."""
    return to_update(my_chat_member_update_json(chat_id, by_user_id, old, new, **kwargs), bot)


def migrate_message(
    old_chat_id: int, new_chat_id: int, *, bot: Bot | None = None, **kwargs: Any
) -> Update:
    """Return the ``migrate_to_chat_id`` service message Update from the old group."""
    return to_update(migrate_message_json(old_chat_id, new_chat_id, **kwargs), bot)


def migrate_from_message(
    old_chat_id: int, new_chat_id: int, *, bot: Bot | None = None, **kwargs: Any
) -> Update:
    """Return the ``migrate_from_chat_id`` service message Update from the new supergroup."""
    return to_update(migrate_from_message_json(old_chat_id, new_chat_id, **kwargs), bot)
