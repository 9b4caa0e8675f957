"""What the playground's chats show: people, and a numbered list of events for the web page.

The page draws five chats: the owner's, the instructor's and two parents' private chats with the
bot, and the class group. Everything in them is an event here: a message someone typed (added
by the playground as it pushes the update), and everything the bot did, read from the fake Bot
API's call log (`on_call`): messages with their buttons, photos and documents, edits, deleted
messages, reactions, and the little notes a pressed button shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from playground.api_calls import Call, UploadedFile

JSONDict = dict[str, Any]


@dataclass(frozen=True)
class Person:
    """Someone in the playground: a key for the page, a Telegram id and a first name."""

    key: str
    user_id: int
    first_name: str
    role: str


OWNER = Person("owner", 1001, "Olivia", "Owner")
INSTRUCTOR = Person("instructor", 2001, "Maya", "Instructor")
PARENT_A = Person("ana", 3001, "Ana", "Parent")
PARENT_B = Person("ben", 3002, "Ben", "Parent")
PEOPLE = (OWNER, INSTRUCTOR, PARENT_A, PARENT_B)
GROUP_ID = -1009001
GROUP_TITLE = "Tuesday babies"

# Bot API methods that change a message already shown.
_EDITS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})
# Sends whose content is one uploaded (or re-sent) file.
_MEDIA = ("photo", "document")


def person(key_or_id: str | int) -> Person | None:
    """The person with this page key or Telegram id."""
    return next((p for p in PEOPLE if key_or_id in (p.key, p.user_id)), None)


def buttons(markup: Any) -> list[list[JSONDict]]:
    """An inline keyboard as rows of {text, data} or {text, url}."""
    if not isinstance(markup, Mapping):
        return []
    rows = []
    for row in markup.get("inline_keyboard") or []:
        shown = []
        for button in row:
            item = {"text": button.get("text", "")}
            if button.get("callback_data") is not None:
                item["data"] = button["callback_data"]
            elif button.get("url"):
                item["url"] = button["url"]
            shown.append(item)
        rows.append(shown)
    return rows


class Timeline:
    """Numbered events, appended from any thread; the page asks for those after a number."""

    def __init__(self, clock: Callable[[], datetime], zone: str) -> None:
        self.clock = clock
        self.zone = ZoneInfo(zone)
        self._events: list[JSONDict] = []
        self._lock = threading.Lock()
        self._files: dict[str, UploadedFile] = {}
        self._file_keys: dict[str, str] = {}  # Telegram file_id -> our key, for re-sends
        self._file_numbers = itertools.count(1)
        self._queries: dict[str, int] = {}  # callback query id -> the chat it was pressed in
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    # -- adding ----------------------------------------------------------------------------

    def now_text(self) -> str:
        """The virtual time as local ISO text (the page shows its date and wall-clock time)."""
        return self.clock().astimezone(self.zone).isoformat(timespec="seconds")

    def add(self, kind: str, chat: int, **fields: Any) -> int:
        """Append an event and wake the pages waiting for one; its number."""
        with self._lock:
            seq = len(self._events) + 1
            self._events.append({"seq": seq, "kind": kind, "chat": chat, **fields})
            waiters = list(self._waiters)
        for loop, event in waiters:
            with contextlib.suppress(RuntimeError):  # that page's loop is gone
                loop.call_soon_threadsafe(event.set)
        return seq

    def typed(self, who: Person, chat: int, message_id: int, text: str) -> None:
        """Someone sent a text (private chat or group)."""
        self.add(
            "message",
            chat,
            id=message_id,
            sender=who.key,
            name=who.first_name,
            text=text,
            html=False,
            at=self.now_text(),
        )

    def note(self, chat: int, text: str) -> None:
        """A grey line in a chat: someone joined the group, the bot was added, ..."""
        self.add("service", chat, text=text, at=self.now_text())

    def pressed(self, query_id: str, chat: int) -> None:
        """Remember where a button was pressed, so its answer shows in that chat."""
        with self._lock:
            self._queries[query_id] = chat

    def on_call(self, call: Call) -> None:
        """Turn one Bot API call of the bot into what the chats show (call-log listener)."""
        if not call.ok:
            return
        params = call.params
        try:
            chat = int(params.get("chat_id", 0))
        except (TypeError, ValueError):
            chat = 0
        method = call.method
        if method.startswith("send") and isinstance(call.result, Mapping):
            self._sent(call, chat, call.result)
        elif method in _EDITS:
            fields: JSONDict = {"buttons": buttons(params.get("reply_markup"))}
            value = params.get("text", params.get("caption"))
            if isinstance(value, str):
                fields.update(text=value, html=params.get("parse_mode") == "HTML")
            self.add("edit", chat, id=params.get("message_id"), **fields)
        elif method == "deleteMessage":
            self.add("delete", chat, id=params.get("message_id"))
        elif method == "setMessageReaction":
            emoji = [
                r.get("emoji", "") for r in params.get("reaction") or [] if isinstance(r, dict)
            ]
            self.add("reaction", chat, id=params.get("message_id"), emoji=emoji)
        elif method == "answerCallbackQuery" and params.get("text"):
            with self._lock:
                where = self._queries.get(str(params.get("callback_query_id")), 0)
            self.add("toast", where, text=params["text"], alert=bool(params.get("show_alert")))

    def _sent(self, call: Call, chat: int, result: Mapping[str, Any]) -> None:
        """A message from the bot: text or caption, buttons, and its photo or document."""
        params = call.params
        text = params.get("text", params.get("caption"))
        fields: JSONDict = {
            "id": result.get("message_id"),
            "sender": "bot",
            "name": "bot",
            "text": text if isinstance(text, str) else "",
            "html": params.get("parse_mode") == "HTML",
            "buttons": buttons(params.get("reply_markup")),
            "at": self.now_text(),
        }
        for kind in _MEDIA:
            if kind in params:
                fields[kind] = self._keep_file(kind, call, result)
        self.add("message", chat, **fields)

    def _keep_file(self, kind: str, call: Call, result: Mapping[str, Any]) -> JSONDict:
        """Keep a sent file's bytes for the page; {url, name} (the url empty if unknown)."""
        upload = call.files.get(kind)
        value = call.params.get(kind)
        media = result.get(kind)
        file_id = ""
        if isinstance(media, list) and media:
            file_id = str(media[-1].get("file_id", ""))
        elif isinstance(media, Mapping):
            file_id = str(media.get("file_id", ""))
        with self._lock:
            if upload is not None:
                key = str(next(self._file_numbers))
                self._files[key] = upload
                if file_id:
                    self._file_keys[file_id] = key
            else:
                key = self._file_keys.get(str(value), "")
            name = self._files[key].filename if key in self._files else ""
        return {"url": f"/file/{key}" if key else "", "name": name}

    # -- reading ---------------------------------------------------------------------------

    def file(self, key: str) -> UploadedFile | None:
        """A file the bot sent, by its key."""
        with self._lock:
            return self._files.get(key)

    def after(self, seq: int) -> list[JSONDict]:
        """The events numbered above `seq`."""
        with self._lock:
            return list(self._events[max(0, seq) :])

    @property
    def last(self) -> int:
        """The number of the latest event (0 when there is none)."""
        with self._lock:
            return len(self._events)

    async def wait_after(self, seq: int, timeout: float) -> list[JSONDict]:  # noqa: ASYNC109
        """The events above `seq`, waiting up to `timeout` seconds for one to come."""
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        waiter = (loop, event)
        with self._lock:
            self._waiters.add(waiter)
        try:
            deadline = loop.time() + timeout
            while True:
                event.clear()
                found = self.after(seq)
                remaining = deadline - loop.time()
                if found or remaining <= 0:
                    return found
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), remaining)
        finally:
            with self._lock:
                self._waiters.discard(waiter)
