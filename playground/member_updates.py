"""Telegram updates about who is in a chat, as the Bot API sends them and as PTB objects
(re-exported by playground/updates.py): members joining, member status changes (the bot's own
too), and a group becoming a supergroup.
"""

import datetime as dtm
from collections.abc import Iterable
from typing import Any

from telegram import Bot, Update

from playground.update_parts import (
    DEFAULT_FIRST_NAME,
    DEFAULT_GROUP_TITLE,
    bot_user,
    group_chat,
    member_user,
    message_json,
    normalize_status,
    now_ts,
    private_chat,
    to_update,
    user,
    wrap_update,
)

JSONDict = dict[str, Any]


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
