"""What the Bot API fakes' Telegram remembers of the bot and its chats, and its answer to each
method from it (playground/api_simulator.py calls it): the messages the bot sent, as last edited
(for "message is not modified" and for pressing their buttons), the chats seen, members'
statuses, the command menus, the bot's profile and its webhook.
"""

from __future__ import annotations

import json
import zlib
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from playground import updates as tg
from playground.api_calls import SEND_METHODS, UploadedFile, as_int
from playground.api_checks import ApiError, render_plain

JSONDict = dict[str, Any]

# Methods answered with a bare ``true`` by Telegram. Prefix rules below cover the long tail
# (setChatTitle, unpinAllChatMessages, ...) so a handler calling them does not crash the test.
_TRUE_METHODS = frozenset(
    {"sendChatAction", "close", "logOut", "leaveChat", "editMessageReplyMarkup", "deleteMessage"}
)
_TRUE_PREFIXES = (
    "set",
    "delete",
    "answer",
    "pin",
    "unpin",
    "ban",
    "unban",
    "restrict",
    "promote",
    "approve",
    "decline",
    "hide",
    "unhide",
    "reopen",
    "close",
    "edit",
)

#: The most messages remembered (the oldest are forgotten), so benchmarks do not grow forever.
_MESSAGE_STORE_LIMIT = 10_000


class TelegramMemory:
    """The state Telegram keeps for the fakes, and the answers made from it. Not thread-safe on
    its own: the simulator calls it under its lock."""

    def __init__(self) -> None:
        """Start remembering nothing."""
        self.messages: OrderedDict[tuple[str, int], JSONDict] = OrderedDict()
        # (raw text or caption, parse_mode) per stored message: Telegram decides "not
        # modified" on the parsed content, which the raw markup plus mode stands in for.
        self.sources: dict[tuple[str, int], tuple[Any, Any]] = {}
        self.chats: dict[str, JSONDict] = {}
        self.members: dict[tuple[str, int], str] = {}
        self.commands: dict[str, list[JSONDict]] = {}
        # The bot's description and short description, by field and language.
        self.profile: dict[str, str] = {}
        self.webhook_url = ""

    def clear(self) -> None:
        """Forget everything."""
        self.messages.clear()
        self.sources.clear()
        self.chats.clear()
        self.members.clear()
        self.commands.clear()
        self.profile.clear()
        self.webhook_url = ""

    def chat(self, chat_id: Any) -> JSONDict:
        """Return the Chat object for a ``chat_id`` parameter (int, numeric str or @username)."""
        if chat_id is None:
            raise ApiError(400, "chat_id is empty")
        known = self.chats.get(str(chat_id))
        if known is not None:
            return dict(known)
        numeric = as_int(chat_id)
        if numeric is None:  # "@channelusername"
            name = str(chat_id).lstrip("@")
            fake_id = -1_000_000_000_000 - zlib.crc32(name.encode()) % 10**9
            return {"id": fake_id, "type": "channel", "title": name, "username": name}
        return tg.chat_for(numeric)

    def _store(self, msg: JSONDict, source: tuple[Any, Any] | None = None) -> JSONDict:
        """Remember a message the bot sent/edited, bounded so benchmarks do not grow forever."""
        key = (str(msg["chat"]["id"]), msg["message_id"])
        self.messages[key] = msg
        self.messages.move_to_end(key)
        if source is not None:
            self.sources[key] = source
        while len(self.messages) > _MESSAGE_STORE_LIMIT:
            evicted, _ = self.messages.popitem(last=False)
            self.sources.pop(evicted, None)
        return msg

    def _bot_message(
        self, chat_id: Any, *, source: tuple[Any, Any] | None = None, **fields: Any
    ) -> JSONDict:
        """Build (and remember) a Message from the bot into ``chat_id``."""
        msg = tg.message_json(self.chat(chat_id), tg.bot_user(), detect=False, **fields)
        return self._store(msg, source)

    @staticmethod
    def _echo_fields(params: Mapping[str, Any]) -> JSONDict:
        """Fields Telegram echoes back from the request into the sent Message."""
        fields: JSONDict = {}
        markup = params.get("reply_markup")
        # Only inline keyboards are part of the Message; reply keyboards live on the client.
        if isinstance(markup, Mapping) and "inline_keyboard" in markup:
            fields["reply_markup"] = markup
        if params.get("message_thread_id") is not None:
            fields["message_thread_id"] = params["message_thread_id"]
        if isinstance(params.get("caption"), str):
            fields["caption"] = render_plain(params["caption"], params.get("parse_mode"))
            if params.get("caption_entities"):
                fields["caption_entities"] = params["caption_entities"]
        if params.get("has_spoiler"):
            fields["has_media_spoiler"] = True
        return fields

    def _media_object(self, kind: str, value: Any, files: Mapping[str, UploadedFile]) -> Any:
        """Return the media object(s) Telegram attaches for an uploaded file or file_id."""
        upload = files.get(kind)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        reuse_id = value if isinstance(value, str) and "://" not in value else None
        size = len(upload.content) if upload else 54_321
        if kind == "photo":
            return tg.photo_sizes(reuse_id, file_size=size)
        if kind == "sticker":
            return tg.sticker_json(reuse_id)
        if reuse_id:
            file_id, unique_id = reuse_id, f"AgAD{zlib.crc32(reuse_id.encode()):010d}"
        else:
            file_id, unique_id = tg.next_file_id("BQAC")
        obj: JSONDict = {"file_id": file_id, "file_unique_id": unique_id, "file_size": size}
        if upload is not None:
            obj["file_name"] = upload.filename
            obj["mime_type"] = upload.mimetype
        extra = {
            "video": {"width": 640, "height": 360, "duration": 5},
            "animation": {"width": 320, "height": 240, "duration": 3},
            "audio": {"duration": 60},
            "voice": {"duration": 3},
            "video_note": {"length": 240, "duration": 5},
        }
        obj.update(extra.get(kind, {}))
        return obj

    def answer(self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Return the ``result`` of a successful call, or raise :class:`ApiError`."""
        simple = self._answer_simple(method, params)
        if simple is not None:
            return simple
        chat_id = params.get("chat_id")
        if method == "sendMessage":
            entities = params.get("entities")
            raw, mode = params.get("text"), params.get("parse_mode")
            return self._bot_message(
                chat_id,
                source=(raw, mode),
                text=render_plain(raw, mode) if isinstance(raw, str) else raw,
                entities=entities if entities else [],
                **self._echo_fields(params),
            )
        media_kinds = {
            "sendPhoto": "photo",
            "sendDocument": "document",
            "sendSticker": "sticker",
            "sendVideo": "video",
            "sendAnimation": "animation",
            "sendAudio": "audio",
            "sendVoice": "voice",
            "sendVideoNote": "video_note",
        }
        if method in media_kinds:
            kind = media_kinds[method]
            media = self._media_object(kind, params.get(kind), files)
            source = (params.get("caption"), params.get("parse_mode"))
            fields = {kind: media, **self._echo_fields(params)}
            return self._bot_message(chat_id, source=source, **fields)
        if method == "sendMediaGroup":
            group_id = str(tg.next_message_id() * 1000)
            sent = []
            for item in params.get("media") or []:
                kind = item.get("type", "photo")
                fields = {kind: self._media_object(kind, item.get("media"), files)}
                if item.get("caption") is not None:
                    fields["caption"] = item["caption"]
                sent.append(self._bot_message(chat_id, media_group_id=group_id, **fields))
            return sent
        if method == "copyMessage":
            # Telegram answers copyMessage with a MessageId, not a Message.
            return {"message_id": tg.next_message_id()}
        if method in ("copyMessages", "forwardMessages"):
            return [{"message_id": tg.next_message_id()} for _ in params.get("message_ids") or []]
        if method == "forwardMessage":
            original_key = (str(params.get("from_chat_id")), params.get("message_id"))
            original = self.messages.get(original_key)  # type: ignore[arg-type]
            content = {
                k: v
                for k, v in (original or {}).items()
                if k in ("text", "entities", "caption", "photo", "document", "sticker")
            }
            origin = {
                "type": "user",
                "date": (original or {}).get("date", tg.now_ts()),
                "sender_user": (original or {}).get("from", tg.bot_user()),
            }
            return self._bot_message(chat_id, forward_origin=origin, **content)
        if method == "sendLocation":
            location = {"latitude": params.get("latitude"), "longitude": params.get("longitude")}
            return self._bot_message(chat_id, location=location)
        if method == "sendContact":
            contact = {k: params.get(k) for k in ("phone_number", "first_name") if k in params}
            return self._bot_message(chat_id, contact=contact)
        if method == "sendDice":
            return self._bot_message(chat_id, dice={"emoji": params.get("emoji", "🎲"), "value": 4})
        if method == "sendPoll":
            options = [
                {
                    "text": o.get("text") if isinstance(o, Mapping) else str(o),
                    "voter_count": 0,
                    "persistent_id": str(index),
                }
                for index, o in enumerate(params.get("options") or [])
            ]
            poll = {
                "id": str(tg.next_message_id()),
                "question": params.get("question"),
                "options": options,
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": params.get("is_anonymous", True),
                "type": params.get("type", "regular"),
                "allows_multiple_answers": bool(params.get("allows_multiple_answers")),
                "allows_revoting": True,
                "members_only": False,
            }
            return self._bot_message(chat_id, poll=poll)
        if method in ("editMessageText", "editMessageCaption", "editMessageReplyMarkup"):
            return self._edit(method, params)
        if method in _TRUE_METHODS:
            return True
        if method in SEND_METHODS or method.startswith("send"):
            return self._bot_message(chat_id, **self._echo_fields(params))
        if method.startswith(_TRUE_PREFIXES):
            return True
        raise ApiError(404, f"Not Found: method {method} is not simulated by the test fake")

    def _answer_simple(self, method: str, params: Mapping[str, Any]) -> Any:
        """Answer the methods that do not produce messages; ``None`` if not one of them."""
        if method == "getMe":
            return tg.get_me_result()
        if method == "getUpdates":
            return []
        if method == "getChat":
            chat = self.chat(params.get("chat_id"))
            gifts = dict.fromkeys(
                (
                    "unlimited_gifts",
                    "limited_gifts",
                    "unique_gifts",
                    "premium_subscription",
                    "gifts_from_channels",
                ),
                False,
            )
            return {
                **chat,
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": gifts,
            }
        if method == "getChatMember":
            user_id = int(params["user_id"])
            status = self.members.get((str(params.get("chat_id")), user_id), "member")
            return tg.chat_member_json(tg.member_user(user_id), status)
        if method == "getChatAdministrators":
            wanted = str(params.get("chat_id"))
            return [
                tg.chat_member_json(tg.member_user(user_id), status)
                for (member_chat, user_id), status in self.members.items()
                if member_chat == wanted and status in ("creator", "administrator")
            ]
        if method == "getChatMemberCount":
            return 2
        if method in (
            "setMyDescription",
            "getMyDescription",
            "setMyShortDescription",
            "getMyShortDescription",
        ):
            field = "short_description" if "Short" in method else "description"
            key = f"{field}|{params.get('language_code', '')}"
            if method.startswith("set"):
                self.profile[key] = str(params.get(field) or "")
                return True
            return {field: self.profile.get(key, "")}
        if method in ("setMyCommands", "deleteMyCommands", "getMyCommands"):
            scope = params.get("scope") or {"type": "default"}
            key = json.dumps(scope, sort_keys=True) + "|" + str(params.get("language_code", ""))
            if method == "setMyCommands":
                self.commands[key] = list(params.get("commands") or [])
                return True
            if method == "deleteMyCommands":
                self.commands.pop(key, None)
                return True
            return self.commands.get(key, [])
        if method == "setWebhook":
            self.webhook_url = str(params.get("url", ""))
            return True
        if method == "deleteWebhook":
            self.webhook_url = ""
            return True
        if method == "getWebhookInfo":
            return {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": 0,
            }
        if method == "getFile":
            file_id = str(params.get("file_id"))
            unique = f"AgAD{zlib.crc32(file_id.encode()):010d}"
            return {"file_id": file_id, "file_unique_id": unique, "file_path": f"files/{unique}"}
        if method in ("exportChatInviteLink",):
            return "https://t.me/+FakeInviteLink"
        return None

    def _edit(self, method: str, params: Mapping[str, Any]) -> Any:
        """Answer the editMessage* family, including "message is not modified"."""
        if params.get("inline_message_id") is not None:
            return True  # edits of inline messages answer true, there is no Message to return
        chat_id, message_id = params.get("chat_id"), params.get("message_id")
        if chat_id is None or message_id is None:
            raise ApiError(400, "message identifier is not specified")
        key = (str(chat_id), int(message_id))
        old = self.messages.get(key)
        markup = params.get("reply_markup")
        # An edit without reply_markup removes the inline keyboard, so None is meaningful.
        new_markup = markup if isinstance(markup, Mapping) and "inline_keyboard" in markup else None
        if method == "editMessageReplyMarkup":
            if old is not None and old.get("reply_markup") == new_markup:
                raise ApiError(
                    400,
                    "message is not modified: specified new message content and reply markup "
                    "are exactly the same as a current content and reply markup of the message",
                )
            if old is not None:
                self._replace(old, {"reply_markup": new_markup})
            return True
        field_name = "text" if method == "editMessageText" else "caption"
        raw, mode = params.get(field_name), params.get("parse_mode")
        value = render_plain(raw, mode) if isinstance(raw, str) else raw
        source = self.sources.get(key)
        same_content = (
            source == (raw, mode) if source else old is not None and old.get(field_name) == value
        )
        if old is not None and same_content and old.get("reply_markup") == new_markup:
            raise ApiError(
                400,
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message",
            )
        if old is None:
            old = tg.message_json(
                self.chat(chat_id), tg.bot_user(), message_id=int(message_id), detect=False
            )
        changes = {field_name: value, "reply_markup": new_markup}
        return self._replace(old, changes, source=(raw, mode))

    def _replace(
        self, old: JSONDict, changes: Mapping[str, Any], source: tuple[Any, Any] | None = None
    ) -> JSONDict:
        """Store an edited copy of ``old`` (``None`` values delete fields) and return it."""
        msg = {**old, "edit_date": tg.now_ts()}
        for name, value in changes.items():
            if value is None:
                msg.pop(name, None)
            else:
                msg[name] = value
        return self._store(msg, source)
