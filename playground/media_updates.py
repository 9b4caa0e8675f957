"""Telegram updates with media, as the Bot API sends them and as PTB objects (re-exported by
playground/updates.py): photos, stickers and shared locations.
"""

import zlib
from typing import Any

from telegram import Bot, Update

from playground.update_parts import (
    DEFAULT_FIRST_NAME,
    DEFAULT_GROUP_TITLE,
    detect_entities,
    message_chat,
    message_json,
    next_file_id,
    private_chat,
    to_update,
    user,
    wrap_update,
)

JSONDict = dict[str, Any]


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
        message_chat(user_id, chat_id, first_name, username, title, chat_type),
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
        message_chat(user_id, chat_id, first_name, username, title, chat_type),
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
