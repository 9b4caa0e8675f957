"""The Bot API's semantics for the fakes, without any I/O (playground/fake_request.py answers
PTB's requests with it in-process, playground/fake_api.py over HTTP): failures injected by a
test, blocked chats, Telegram's flood limits, the checks Telegram makes, and the answers of
what it remembers (playground/api_memory.py).
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from playground import updates as tg
from playground.api_calls import SEND_METHODS, Call, UploadedFile, as_int, same_chat
from playground.api_checks import (
    MAX_CALLBACK_ANSWER_LENGTH,
    QUERY_TOO_OLD,
    ApiError,
    validate_reply_markup,
    validate_text,
)
from playground.api_memory import TelegramMemory

JSONDict = dict[str, Any]


@dataclass
class FailureRule:
    """An injected failure: the next ``times`` matching calls get this error."""

    method: str
    error_code: int
    description: str | None
    retry_after: int | None = None
    migrate_to_chat_id: int | None = None
    chat_id: Any = None
    times: int = 1

    def matches(self, method: str, params: Mapping[str, Any]) -> bool:
        """Whether this rule applies to a call (``"*"`` matches every method)."""
        if self.method not in ("*", method):
            return False
        return self.chat_id is None or same_chat(params.get("chat_id"), self.chat_id)


class BotApiSimulator:
    """Answers Bot API methods the way Telegram does, without any I/O.

    Thread-safe: the HTTP fake calls :meth:`handle` from its server thread while tests
    configure failures from theirs. State kept: messages the bot sent (for "message is not
    modified" and for pressing their buttons), commands, webhook, member statuses, chats seen.
    """

    def __init__(self, *, validate: bool = True) -> None:
        """Start with no failures, no limits and no remembered state."""
        self.validate = validate
        self._lock = threading.RLock()
        self._failures: list[FailureRule] = []
        self._blocked: set[str] = set()
        self._per_second: int | None = None
        self._per_chat_per_minute: int | None = None
        self._recent_sends: deque[float] = deque()
        self._recent_group_sends: dict[str, deque[float]] = {}
        # The messages, chats, members, menus and webhook Telegram keeps, and its answers.
        self._memory = TelegramMemory()
        # Button presses already answered: Telegram takes one answer per press.
        self._answered: set[str] = set()

    @property
    def webhook_url(self) -> str:
        """The webhook the bot set ("" when it polls)."""
        return self._memory.webhook_url

    @webhook_url.setter
    def webhook_url(self, url: str) -> None:
        self._memory.webhook_url = url

    # ---- configuration ---------------------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        error_code: int = 403,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        chat_id: Any = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (``"*"``: any) fail with this error.

        ``description`` defaults per code (403 blocked, 400 chat not found, 429 retry after
        N, ...) and gets Telegram's reason prefix when it lacks one. ``chat_id`` restricts the
        rule to calls into that chat.
        """
        rule = FailureRule(
            method, error_code, description, retry_after, migrate_to_chat_id, chat_id, times
        )
        with self._lock:
            self._failures.append(rule)

    def clear_failures(self) -> None:
        """Drop every pending injected failure."""
        with self._lock:
            self._failures.clear()

    def blocked(self, *chat_ids: Any) -> None:
        """Answer sends into these chats with 403 (user blocked the bot / bot was kicked)."""
        with self._lock:
            self._blocked.update(str(chat_id) for chat_id in chat_ids)

    def unblocked(self, *chat_ids: Any) -> None:
        """Undo :meth:`blocked` for these chats."""
        with self._lock:
            self._blocked.difference_update(str(chat_id) for chat_id in chat_ids)

    @property
    def blocked_chats(self) -> frozenset[str]:
        """The chat ids (as strings) currently answering 403."""
        with self._lock:
            return frozenset(self._blocked)

    def rate_limit(self, per_second: int | None = 30, per_chat_per_minute: int | None = 20) -> None:
        """Enforce Telegram's flood limits on sends with 429 + ``retry_after``.

        ``per_second`` is a sliding 1 s window over all sends; ``per_chat_per_minute`` a
        sliding 60 s window per group chat (negative id). ``None`` disables a limit; call
        ``rate_limit(None, None)`` to switch flood control off again.
        """
        with self._lock:
            self._per_second = per_second
            self._per_chat_per_minute = per_chat_per_minute
            self._recent_sends.clear()
            self._recent_group_sends.clear()

    def set_chat_member(self, chat_id: Any, user_id: int, status: str) -> None:
        """Make ``getChatMember(chat_id, user_id)`` report ``status`` (default ``member``)."""
        with self._lock:
            self._memory.members[(str(chat_id), user_id)] = tg.normalize_status(status)

    def remember_chat(self, chat: Mapping[str, Any]) -> None:
        """Remember a Chat object so answers about that chat reuse its title/names."""
        with self._lock:
            self._memory.chats[str(chat["id"])] = dict(chat)

    def remember_update(self, update: Mapping[str, Any]) -> None:
        """Remember the chats appearing in an Update dict that is about to be delivered."""
        payload = update.get(tg.update_kind(update))
        if not isinstance(payload, Mapping):
            return
        for holder in (payload, payload.get("message")):
            if isinstance(holder, Mapping) and isinstance(holder.get("chat"), Mapping):
                self.remember_chat(holder["chat"])

    def message(self, chat_id: Any, message_id: int) -> JSONDict | None:
        """Return the Message the bot sent (as last edited), if the simulator produced it."""
        with self._lock:
            found = self._memory.messages.get((str(chat_id), message_id))
            return dict(found) if found else None

    def last_message(self, chat_id: Any) -> JSONDict | None:
        """Return the most recent Message the bot sent into ``chat_id``."""
        with self._lock:
            for (chat, _), msg in reversed(self._memory.messages.items()):
                if chat == str(chat_id):
                    return dict(msg)
        return None

    def message_with_button(self, chat_id: Any, data: str) -> JSONDict | None:
        """Return the bot's latest message in ``chat_id`` whose keyboard carries ``data``."""
        with self._lock:
            for (chat, _), msg in reversed(self._memory.messages.items()):
                markup = msg.get("reply_markup") or {}
                rows = markup.get("inline_keyboard") or []
                if chat == str(chat_id) and any(
                    b.get("callback_data") == data for row in rows for b in row
                ):
                    return dict(msg)
        return None

    def commands(self, scope: Mapping[str, Any] | None = None) -> list[JSONDict]:
        """The command menu the bot set for ``scope`` (``None``: the default scope)."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True) + "|"
        with self._lock:
            return list(self._memory.commands.get(key, []))

    def reset(self) -> None:
        """Forget failures, blocks, flood limits and all remembered state."""
        with self._lock:
            self._failures.clear()
            self._blocked.clear()
            self._per_second = self._per_chat_per_minute = None
            self._recent_sends.clear()
            self._recent_group_sends.clear()
            self._memory.clear()
            self._answered.clear()

    # ---- processing ------------------------------------------------------------------------

    def injected_failure(self, method: str, params: Mapping[str, Any]) -> ApiError | None:
        """Consume and return the first injected failure matching this call, if any."""
        with self._lock:
            for rule in self._failures:
                if rule.matches(method, params):
                    rule.times -= 1
                    if rule.times <= 0:
                        self._failures.remove(rule)
                    return ApiError(
                        rule.error_code,
                        rule.description,
                        retry_after=rule.retry_after,
                        migrate_to_chat_id=rule.migrate_to_chat_id,
                    )
        return None

    def handle(
        self,
        method: str,
        params: dict[str, Any],
        files: Mapping[str, UploadedFile] | None = None,
        *,
        at: float | None = None,
    ) -> Call:
        """Answer one call; never raises for API-level errors (they become the answer)."""
        arrived = at if at is not None else time.monotonic()
        files = dict(files or {})
        with self._lock:
            try:
                if failure := self.injected_failure(method, params):
                    raise failure
                if method in SEND_METHODS:
                    self._check_blocked(params.get("chat_id"))
                if self.validate:
                    self._validate(method, params)
                if method in SEND_METHODS:
                    self._check_flood(params.get("chat_id"), time.monotonic())
                try:
                    result = self._memory.answer(method, params, files)
                except (KeyError, TypeError, ValueError) as exc:
                    # Missing/ill-typed parameters: Telegram answers 400, so do not crash.
                    raise ApiError(400, f"invalid parameters for {method}: {exc!r}") from exc
            except ApiError as error:
                return Call(method, params, files, arrived, error.error_code, error.response())
            if method in SEND_METHODS:
                self._count_send(params.get("chat_id"), time.monotonic())
            return Call(method, params, files, arrived, 200, {"ok": True, "result": result})

    def _check_blocked(self, chat_id: Any) -> None:
        """Raise 403 for a send into a blocked chat, worded as Telegram words it."""
        if str(chat_id) not in self._blocked:
            return
        numeric = as_int(chat_id)
        if numeric is not None and numeric < 0:
            kind = "supergroup" if tg.chat_type_for(numeric) == "supergroup" else "group"
            raise ApiError(403, f"bot was kicked from the {kind} chat")
        raise ApiError(403, "bot was blocked by the user")

    def _check_flood(self, chat_id: Any, now: float) -> None:
        """Raise 429 if this send would exceed the configured sliding-window limits."""
        if self._per_second is not None:
            window = self._recent_sends
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= self._per_second:
                raise ApiError(429, retry_after=max(1, math.ceil(window[0] + 1.0 - now)))
        numeric = as_int(chat_id)
        if self._per_chat_per_minute is not None and numeric is not None and numeric < 0:
            window = self._recent_group_sends.setdefault(str(chat_id), deque())
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= self._per_chat_per_minute:
                raise ApiError(429, retry_after=max(1, math.ceil(window[0] + 60.0 - now)))

    def _count_send(self, chat_id: Any, now: float) -> None:
        """Add an accepted send to the flood-control windows (rejected ones do not count)."""
        if self._per_second is not None:
            self._recent_sends.append(now)
        numeric = as_int(chat_id)
        if self._per_chat_per_minute is not None and numeric is not None and numeric < 0:
            self._recent_group_sends.setdefault(str(chat_id), deque()).append(now)

    def _validate(self, method: str, params: Mapping[str, Any]) -> None:
        """Apply the checks Telegram makes on text, captions and keyboards."""
        if method in ("sendMessage", "editMessageText"):
            validate_text(params.get("text"), params.get("parse_mode"))
        elif "caption" in params:
            validate_text(params.get("caption"), params.get("parse_mode"), caption=True)
        validate_reply_markup(params.get("reply_markup"))
        if method == "answerCallbackQuery":
            text = params.get("text")
            if isinstance(text, str) and tg.utf16_len(text) > MAX_CALLBACK_ANSWER_LENGTH:
                raise ApiError(400, "MESSAGE_TOO_LONG")
            query_id = str(params.get("callback_query_id"))
            if query_id in self._answered:
                raise ApiError(400, QUERY_TOO_OLD)
            self._answered.add(query_id)
