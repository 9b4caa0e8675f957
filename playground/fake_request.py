"""An in-process Bot API for handler tests, plus the API simulation shared with the HTTP fake.

:class:`RecordingRequest` plugs into PTB where :class:`telegram.request.HTTPXRequest` normally
sits, so the *real* ``Bot``/``ExtBot`` code path runs (parameter building, defaults, JSON
round trip, error mapping to ``Forbidden``/``RetryAfter``/...), but nothing touches the network::

    request = RecordingRequest()
    app = ApplicationBuilder().token("123:ABC").request(request).get_updates_request(request)
    app = app.build()
    await app.initialize()
    await app.process_update(private_message(42, "/start", bot=app.bot))
    assert request.texts(42) == ["Welcome!"]

:class:`BotApiSimulator` holds the Bot API semantics (answers, validation Telegram performs,
injected failures, blocked chats, flood limits); :class:`CallLog` is the thread-safe record
with ``wait_for``. Both are reused by :class:`playground.fake_api.FakeBotApi`.
"""

import asyncio
import contextlib
import html
import json
import math
import re
import threading
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from playground import updates as tg

JSONDict = dict[str, Any]

# Methods that post a message into a chat: they are what "sent" lists, and what Telegram's
# flood control, blocked users and kicked bots apply to.
SEND_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
        "sendMediaGroup",
        "sendSticker",
        "sendAnimation",
        "sendVideo",
        "sendVideoNote",
        "sendAudio",
        "sendVoice",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendDice",
    }
)

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

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
# Telegram prefixes descriptions with the HTTP reason; tests may give just the detail.
_DESCRIPTION_PREFIXES = {
    400: "Bad Request: ",
    403: "Forbidden: ",
    409: "Conflict: ",
    429: "Too Many Requests: ",
}

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_BUTTONS = 100
MAX_CALLBACK_ANSWER_LENGTH = 200
# What Telegram says to a second answer of one button press (and to one answered too late).
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
_MESSAGE_STORE_LIMIT = 10_000

_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_HTML_TAG_RE = re.compile(r"<(/?)([^\s<>/]*)([^<>]*)>")
_BUTTON_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
_MDV2_RESERVED = frozenset("()>#+-={}.!")
_MDV2_PAIRED = {"*": "Bold", "~": "Strikethrough", "_": "Italic", "|": "Spoiler"}


@dataclass(frozen=True)
class UploadedFile:
    """A file uploaded with a call (multipart part), as the server received it."""

    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"


def _default_response() -> JSONDict:
    """Return the body of a successful call answering ``true`` (dataclass default factory)."""
    return {"ok": True, "result": True}


@dataclass
class Call:
    """One Bot API call: what the bot sent and what the (fake) API answered.

    ``params`` holds decoded values (ints, dicts, lists, bools; strings stay strings); an
    uploaded file appears in ``params`` as its bytes under the part name (``"photo"``,
    ``"document"``, or ``"attached<hex>"`` for ``attach://`` uploads) and in ``files`` with
    its filename and mimetype. ``at`` is :func:`time.monotonic` when the call arrived.
    """

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    status: int = 200
    response: JSONDict = field(default_factory=_default_response)

    @property
    def ok(self) -> bool:
        """Whether the API accepted the call."""
        return bool(self.response.get("ok"))

    @property
    def result(self) -> Any:
        """The ``result`` of a successful call (a Message dict, ``True``, a list, ...)."""
        return self.response.get("result")

    @property
    def error_code(self) -> int | None:
        """The Telegram error code of a rejected call."""
        return self.response.get("error_code")

    @property
    def description(self) -> str | None:
        """The Telegram error description of a rejected call."""
        return self.response.get("description")

    @property
    def chat_id(self) -> Any:
        """The ``chat_id`` parameter, if any."""
        return self.params.get("chat_id")

    @property
    def text(self) -> str | None:
        """The ``text`` or, for media, the ``caption`` parameter."""
        value = self.params.get("text", self.params.get("caption"))
        return value if isinstance(value, str) else None

    def summary(self) -> str:
        """Return a one-line description for assertion messages."""
        parts = [self.method]
        if self.chat_id is not None:
            parts.append(f"chat_id={self.chat_id}")
        if self.text is not None:
            shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
            parts.append(f"text={shown!r}")
        if self.files:
            parts.append(f"files={sorted(self.files)}")
        if not self.ok:
            parts.append(f"-> {self.error_code} {self.description!r}")
        return " ".join(parts)


class ApiError(Exception):
    """Raised inside the simulator to answer a call with a Telegram error."""

    def __init__(
        self,
        error_code: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Keep the error fields for :meth:`response`."""
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def response(self) -> JSONDict:
        """Return the JSON body Telegram would send for this error."""
        return error_response(
            self.error_code,
            self.description,
            retry_after=self.retry_after,
            migrate_to_chat_id=self.migrate_to_chat_id,
        )


def error_response(
    error_code: int,
    description: str | None = None,
    *,
    retry_after: int | None = None,
    migrate_to_chat_id: int | None = None,
) -> JSONDict:
    """Return an ``ok: false`` body exactly shaped like Telegram's.

    The description gets Telegram's reason prefix (``"Bad Request: "`` for 400 ...) when it
    lacks one; ``retry_after``/``migrate_to_chat_id`` go into ``parameters``, which is what
    PTB inspects to raise :class:`telegram.error.RetryAfter`/``ChatMigrated``.
    """
    if description is None:
        if error_code == 429:
            description = f"Too Many Requests: retry after {retry_after or 1}"
        elif error_code == 400 and migrate_to_chat_id is not None:
            description = "Bad Request: group chat was upgraded to a supergroup chat"
        else:
            description = _DEFAULT_DESCRIPTIONS.get(error_code, "Unknown error")
    prefix = _DESCRIPTION_PREFIXES.get(error_code)
    if prefix and not description.startswith(prefix):
        description = prefix + description
    body: JSONDict = {"ok": False, "error_code": error_code, "description": description}
    parameters: JSONDict = {}
    if error_code == 429:
        parameters["retry_after"] = retry_after if retry_after is not None else 1
    elif retry_after is not None:
        parameters["retry_after"] = retry_after
    if migrate_to_chat_id is not None:
        parameters["migrate_to_chat_id"] = migrate_to_chat_id
    if parameters:
        body["parameters"] = parameters
    return body


def same_chat(a: Any, b: Any) -> bool:
    """Compare chat ids that may be ints or numeric strings (``"@name"`` compares as text)."""
    return a is not None and b is not None and str(a) == str(b)


def _as_int(value: Any) -> int | None:
    """Return ``value`` as an int when it is a numeric chat id, else ``None``."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _byte_offset(text: str, index: int) -> int:
    """Return the UTF-8 byte offset Telegram reports for character ``index``."""
    return len(text[:index].encode())


# --------------------------------------------------------------------------------------------
# Matching and waiting
# --------------------------------------------------------------------------------------------

CallMatcher = str | Callable[[Call], bool] | None


def match_calls(
    calls: Iterable[Call],
    what: CallMatcher = None,
    *,
    chat_id: Any = None,
    text_contains: str | None = None,
    ok: bool | None = True,
) -> list[Call]:
    """Return the calls matching every given criterion, in order.

    ``what`` is a method name, a predicate on :class:`Call`, or ``None`` for any method.
    ``ok=True`` (default) keeps accepted calls, ``False`` rejected ones, ``None`` both.
    """
    found = []
    for call in calls:
        if isinstance(what, str) and call.method != what:
            continue
        if callable(what) and not what(call):
            continue
        if ok is not None and call.ok != ok:
            continue
        if chat_id is not None and not same_chat(call.chat_id, chat_id):
            continue
        if text_contains is not None and text_contains not in (call.text or ""):
            continue
        found.append(call)
    return found


def describe_calls(calls: Iterable[Call], limit: int = 40) -> str:
    """Return the calls (minus getUpdates polling noise) one per line, the last ``limit``."""
    shown = [call for call in calls if call.method != "getUpdates"]
    lines = [f"  {call.summary()}" for call in shown[-limit:]]
    if len(shown) > limit:
        lines.insert(0, f"  ... {len(shown) - limit} earlier calls omitted")
    return "\n".join(lines) or "  (no calls besides getUpdates)"


def _describe_criteria(
    what: CallMatcher, chat_id: Any, text_contains: str | None, ok: bool | None
) -> str:
    """Describe wait_for criteria for the timeout message."""
    parts = [what if isinstance(what, str) else getattr(what, "__name__", "any call")]
    if chat_id is not None:
        parts.append(f"chat_id={chat_id}")
    if text_contains is not None:
        parts.append(f"text containing {text_contains!r}")
    parts.append({True: "(accepted)", False: "(rejected)", None: "(accepted or rejected)"}[ok])
    return " ".join(str(p) for p in parts)


class CallLog:
    """A thread-safe, append-only record of calls that tests can wait on.

    Writers may be any thread (the HTTP fake's server thread) or the test's own loop. Async
    waiters are woken through ``loop.call_soon_threadsafe`` on an :class:`asyncio.Event`, sync
    waiters through a :class:`threading.Condition`; both are bounded by a timeout.
    """

    def __init__(self) -> None:
        """Start empty; ``diagnostics`` may be set by the owner."""
        self._calls: list[Call] = []
        self._cond = threading.Condition()
        self._async_waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        # Extra context for timeout messages (e.g. updates that were never delivered).
        self.diagnostics: Callable[[], str] | None = None
        # Called with each call as it is recorded (from the recording thread), e.g. by the
        # playground's timeline; a listener must be quick and must not raise.
        self.listeners: list[Callable[[Call], None]] = []

    def __len__(self) -> int:
        """Return how many calls were recorded."""
        with self._cond:
            return len(self._calls)

    def append(self, call: Call) -> None:
        """Record a call and wake every waiter."""
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()
            waiters = list(self._async_waiters)
        for loop, event in waiters:
            # The waiter's loop may already be closed if its test ended; nothing to wake then.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(event.set)
        for listener in self.listeners:
            listener(call)

    def snapshot(self, since: int = 0) -> list[Call]:
        """Return a copy of the calls recorded from index ``since`` on."""
        with self._cond:
            return self._calls[since:]

    def clear(self) -> None:
        """Forget every recorded call."""
        with self._cond:
            self._calls.clear()

    def _timeout_error(
        self,
        what: CallMatcher,
        chat_id: Any,
        text_contains: str | None,
        ok: bool | None,
        count: int,
        timeout: float,
        since: int,
    ) -> AssertionError:
        """Build the assertion error listing what arrived instead."""
        calls = self.snapshot(since)
        got = len(match_calls(calls, what, chat_id=chat_id, text_contains=text_contains, ok=ok))
        message = (
            f"timed out after {timeout:g}s waiting for {count} call(s) matching "
            f"{_describe_criteria(what, chat_id, text_contains, ok)}; {got} matched. "
            f"Calls received:\n{describe_calls(calls)}"
        )
        if self.diagnostics is not None and (extra := self.diagnostics()):
            message += "\n" + extra
        return AssertionError(message)

    async def wait_for(
        self,
        what: CallMatcher = None,
        *,
        chat_id: Any = None,
        text_contains: str | None = None,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - the brief asks for a wait_for(timeout=...) API
        ok: bool | None = True,
        since: int = 0,
    ) -> list[Call]:
        """Wait until ``count`` calls match and return all matches recorded so far.

        Raises :class:`AssertionError` listing the received calls after ``timeout`` seconds.
        """
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        waiter = (loop, event)
        with self._cond:
            self._async_waiters.add(waiter)
        deadline = loop.time() + timeout
        try:
            while True:
                # Clear before checking: a call appended after the check sets it again, so no
                # wake-up is lost between the check and the wait.
                event.clear()
                found = match_calls(
                    self.snapshot(since), what, chat_id=chat_id, text_contains=text_contains, ok=ok
                )
                if len(found) >= count:
                    return found
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise self._timeout_error(
                        what, chat_id, text_contains, ok, count, timeout, since
                    )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), remaining)
        finally:
            with self._cond:
                self._async_waiters.discard(waiter)

    def wait_for_sync(
        self,
        what: CallMatcher = None,
        *,
        chat_id: Any = None,
        text_contains: str | None = None,
        count: int = 1,
        timeout: float = 10.0,
        ok: bool | None = True,
        since: int = 0,
    ) -> list[Call]:
        """Blocking version of :meth:`wait_for` for scripts and threads without a loop."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            # Blocking here would freeze the very loop the bot runs on until the timeout.
            raise RuntimeError("wait_for_sync() called from a running event loop; await wait_for()")
        found: list[Call] = []

        def satisfied() -> bool:
            """Re-evaluate the criteria; called by Condition.wait_for with the lock held."""
            nonlocal found
            found = match_calls(
                self._calls[since:], what, chat_id=chat_id, text_contains=text_contains, ok=ok
            )
            return len(found) >= count

        with self._cond:
            if self._cond.wait_for(satisfied, timeout=timeout):
                return found
        raise self._timeout_error(what, chat_id, text_contains, ok, count, timeout, since)


# --------------------------------------------------------------------------------------------
# Validation Telegram performs (so handler bugs fail in tests, not in production)
# --------------------------------------------------------------------------------------------


def check_html(text: str) -> str | None:
    """Return Telegram's parse error for ``text`` with ``parse_mode=HTML``, or ``None``.

    Telegram treats every ``<`` as a tag start, knows only its small tag set (no ``<br>``,
    no ``<p>``) and requires proper nesting.
    """
    stack: list[str] = []
    index = 0
    while (start := text.find("<", index)) != -1:
        match = _HTML_TAG_RE.match(text, start)
        if match is None:
            return f"Can't find end of the tag starting at byte offset {_byte_offset(text, start)}"
        closing, name, _attrs = match.groups()
        name = name.lower()
        offset = _byte_offset(text, start)
        if closing:
            if not stack:
                return f"Unexpected end tag at byte offset {offset}"
            expected = stack.pop()
            if name != expected:
                return (
                    f'Unmatched end tag at byte offset {offset}, expected "</{expected}>", '
                    f'found "</{name}>"'
                )
        elif name not in _HTML_TAGS:
            return f'Unsupported start tag "{name}" at byte offset {offset}'
        else:
            stack.append(name)
        index = match.end()
    if stack:
        return f'Can\'t find end tag corresponding to start tag "{stack[-1]}"'
    return None


def check_markdown_v2(text: str) -> str | None:
    """Return Telegram's parse error for ``text`` with ``parse_mode=MarkdownV2``, or ``None``.

    Covers the two mistakes that matter in practice: an unescaped reserved character
    (``.``, ``!``, ``-``, ``(``, ...) and an unclosed ``*``/``_``/``~``/``||`` entity.
    """
    i, n = 0, len(text)
    open_at: dict[str, int] = {}
    in_code = in_pre = in_url = in_expandable = False
    while i < n:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if in_pre:
            if text.startswith("```", i):
                in_pre, i = False, i + 3
            else:
                i += 1
            continue
        if in_code:
            in_code = char != "`"
            i += 1
            continue
        if in_url:
            in_url = char != ")"
            i += 1
            continue
        if text.startswith("```", i):
            in_pre, i = True, i + 3
            continue
        if char == "`":
            in_code, i = True, i + 1
            continue
        if char == "]" and text.startswith("(", i + 1):
            in_url, i = True, i + 2
            continue
        line_start = i == 0 or text[i - 1] == "\n"
        if line_start and text.startswith("**>", i):
            in_expandable, i = True, i + 3  # expandable block quotation
            continue
        if char == ">" and line_start:
            i += 1  # block quotation
            continue
        at_line_end = i + 2 == n or text.startswith("\n", i + 2)
        if in_expandable and text.startswith("||", i) and at_line_end:
            in_expandable, i = False, i + 2  # "||" closing an expandable block quotation
            continue
        if char in _MDV2_PAIRED:
            token = "||" if char == "|" and text.startswith("||", i) else char
            if char == "|" and token != "||":
                return "Character '|' is reserved and must be escaped with the preceding '\\'"
            if token in open_at:
                del open_at[token]
            else:
                open_at[token] = i
            i += len(token)
            continue
        if char in _MDV2_RESERVED:
            return f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        i += 1
    if open_at:
        token, where = min(open_at.items(), key=lambda item: item[1])
        name = _MDV2_PAIRED[token[0]]
        return f"Can't find end of {name} entity at byte offset {_byte_offset(text, where)}"
    return None


def render_plain(text: str, parse_mode: Any) -> str:
    """Return the text Telegram stores after parsing markup (what ``Message.text`` shows).

    Exact for HTML; a close approximation for MarkdownV2 (markers and link targets dropped,
    escapes resolved). Entities are not reconstructed.
    """
    mode = parse_mode.lower() if isinstance(parse_mode, str) else ""
    if mode == "html":
        return html.unescape(_HTML_TAG_RE.sub("", text))
    if mode != "markdownv2":
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:
            out.append(text[i + 1])
            i += 2
        elif char == "]" and text.startswith("(", i + 1):
            close = text.find(")", i + 2)
            i = n if close == -1 else close + 1
        elif char in "*_~|`[" or (char == ">" and (i == 0 or text[i - 1] == "\n")):
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def validate_text(text: Any, parse_mode: Any, *, caption: bool = False) -> None:
    """Raise :class:`ApiError` 400 for text/caption Telegram would refuse."""
    if not isinstance(text, str):
        if caption:
            return
        raise ApiError(400, "message text is empty")
    mode = (parse_mode or "").lower() if isinstance(parse_mode, str) else ""
    error = None
    if mode == "html":
        error = check_html(text)
    elif mode == "markdownv2":
        error = check_markdown_v2(text)
    if error is not None:
        raise ApiError(400, f"can't parse entities: {error}")
    length = tg.utf16_len(render_plain(text, mode))
    if not caption and length == 0:
        raise ApiError(400, "message text is empty")
    if caption and length > MAX_CAPTION_LENGTH:
        raise ApiError(400, "message caption is too long")
    if not caption and length > MAX_TEXT_LENGTH:
        raise ApiError(400, "message is too long")


def validate_reply_markup(markup: Any) -> None:
    """Raise :class:`ApiError` 400 for inline keyboards Telegram would refuse."""
    if not isinstance(markup, Mapping) or "inline_keyboard" not in markup:
        return
    if sum(len(row) for row in markup["inline_keyboard"]) > MAX_BUTTONS:
        raise ApiError(400, "reply markup is too long")
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if isinstance(data, str) and len(data.encode()) > MAX_CALLBACK_DATA_BYTES:
                raise ApiError(400, "BUTTON_DATA_INVALID")
            if not _BUTTON_ACTIONS.intersection(button):
                raise ApiError(400, "text buttons are unallowed in the inline keyboard")


# --------------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------------


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
        self._messages: OrderedDict[tuple[str, int], JSONDict] = OrderedDict()
        # (raw text or caption, parse_mode) per stored message: Telegram decides "not
        # modified" on the parsed content, which the raw markup plus mode stands in for.
        self._sources: dict[tuple[str, int], tuple[Any, Any]] = {}
        self._chats: dict[str, JSONDict] = {}
        self._members: dict[tuple[str, int], str] = {}
        self._commands: dict[str, list[JSONDict]] = {}
        # The bot's description and short description, by field and language.
        self._profile: dict[str, str] = {}
        # Button presses already answered: Telegram takes one answer per press.
        self._answered: set[str] = set()
        self.webhook_url = ""

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
            self._members[(str(chat_id), user_id)] = tg.normalize_status(status)

    def remember_chat(self, chat: Mapping[str, Any]) -> None:
        """Remember a Chat object so answers about that chat reuse its title/names."""
        with self._lock:
            self._chats[str(chat["id"])] = dict(chat)

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
            found = self._messages.get((str(chat_id), message_id))
            return dict(found) if found else None

    def last_message(self, chat_id: Any) -> JSONDict | None:
        """Return the most recent Message the bot sent into ``chat_id``."""
        with self._lock:
            for (chat, _), msg in reversed(self._messages.items()):
                if chat == str(chat_id):
                    return dict(msg)
        return None

    def message_with_button(self, chat_id: Any, data: str) -> JSONDict | None:
        """Return the bot's latest message in ``chat_id`` whose keyboard carries ``data``."""
        with self._lock:
            for (chat, _), msg in reversed(self._messages.items()):
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
            return list(self._commands.get(key, []))

    def reset(self) -> None:
        """Forget failures, blocks, flood limits and all remembered state."""
        with self._lock:
            self._failures.clear()
            self._blocked.clear()
            self._per_second = self._per_chat_per_minute = None
            self._recent_sends.clear()
            self._recent_group_sends.clear()
            self._messages.clear()
            self._sources.clear()
            self._chats.clear()
            self._members.clear()
            self._commands.clear()
            self._profile.clear()
            self._answered.clear()
            self.webhook_url = ""

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
                    result = self._answer(method, params, files)
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
        numeric = _as_int(chat_id)
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
        numeric = _as_int(chat_id)
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
        numeric = _as_int(chat_id)
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

    # ---- answers -----------------------------------------------------------------------------

    def _chat(self, chat_id: Any) -> JSONDict:
        """Return the Chat object for a ``chat_id`` parameter (int, numeric str or @username)."""
        if chat_id is None:
            raise ApiError(400, "chat_id is empty")
        known = self._chats.get(str(chat_id))
        if known is not None:
            return dict(known)
        numeric = _as_int(chat_id)
        if numeric is None:  # "@channelusername"
            name = str(chat_id).lstrip("@")
            fake_id = -1_000_000_000_000 - zlib.crc32(name.encode()) % 10**9
            return {"id": fake_id, "type": "channel", "title": name, "username": name}
        return tg.chat_for(numeric)

    def _store(self, msg: JSONDict, source: tuple[Any, Any] | None = None) -> JSONDict:
        """Remember a message the bot sent/edited, bounded so benchmarks do not grow forever."""
        key = (str(msg["chat"]["id"]), msg["message_id"])
        self._messages[key] = msg
        self._messages.move_to_end(key)
        if source is not None:
            self._sources[key] = source
        while len(self._messages) > _MESSAGE_STORE_LIMIT:
            evicted, _ = self._messages.popitem(last=False)
            self._sources.pop(evicted, None)
        return msg

    def _bot_message(
        self, chat_id: Any, *, source: tuple[Any, Any] | None = None, **fields: Any
    ) -> JSONDict:
        """Build (and remember) a Message from the bot into ``chat_id``."""
        msg = tg.message_json(self._chat(chat_id), tg.bot_user(), detect=False, **fields)
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

    def _answer(self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
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
            original = self._messages.get(original_key)  # type: ignore[arg-type]
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
            chat = self._chat(params.get("chat_id"))
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
            status = self._members.get((str(params.get("chat_id")), user_id), "member")
            return tg.chat_member_json(tg.member_user(user_id), status)
        if method == "getChatAdministrators":
            wanted = str(params.get("chat_id"))
            return [
                tg.chat_member_json(tg.member_user(user_id), status)
                for (member_chat, user_id), status in self._members.items()
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
                self._profile[key] = str(params.get(field) or "")
                return True
            return {field: self._profile.get(key, "")}
        if method in ("setMyCommands", "deleteMyCommands", "getMyCommands"):
            scope = params.get("scope") or {"type": "default"}
            key = json.dumps(scope, sort_keys=True) + "|" + str(params.get("language_code", ""))
            if method == "setMyCommands":
                self._commands[key] = list(params.get("commands") or [])
                return True
            if method == "deleteMyCommands":
                self._commands.pop(key, None)
                return True
            return self._commands.get(key, [])
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
        old = self._messages.get(key)
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
        source = self._sources.get(key)
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
                self._chat(chat_id), tg.bot_user(), message_id=int(message_id), detect=False
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


# --------------------------------------------------------------------------------------------
# RecordingRequest
# --------------------------------------------------------------------------------------------


def decode_request_data(
    request_data: RequestData | None,
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Turn PTB's RequestData into the params/files a server would decode from the wire.

    ``RequestData.parameters`` already holds JSON-compatible Python values; they are copied
    through a JSON round trip so tuples become lists and later mutation cannot leak in.
    """
    if request_data is None:
        return {}, {}
    params: dict[str, Any] = {
        name: value if isinstance(value, str) else json.loads(json.dumps(value))
        for name, value in request_data.parameters.items()
    }
    files: dict[str, UploadedFile] = {}
    if request_data.contains_files:
        for part, (filename, content, mimetype) in request_data.multipart_data.items():
            data = content if isinstance(content, bytes) else content.read()
            files[part] = UploadedFile(filename, data, mimetype)
            params[part] = data
    return params, files


class RecordingRequest(BaseRequest):
    """A :class:`~telegram.request.BaseRequest` that answers locally and records each call.

    Give the same instance to ``.request()`` and ``.get_updates_request()`` to see all calls
    in one list, or separate ones sharing a simulator via ``RecordingRequest(other.simulator)``.
    """

    def __init__(self, simulator: BotApiSimulator | None = None, *, validate: bool = True) -> None:
        """Use ``simulator`` (shared state) or a fresh one; start with an empty log."""
        self.simulator = simulator if simulator is not None else BotApiSimulator(validate=validate)
        self.log = CallLog()

    @property
    def calls(self) -> list[Call]:
        """Every call so far, in order (a copy)."""
        return self.log.snapshot()

    @property
    def read_timeout(self) -> float | None:
        """Nominal read timeout; PTB adds the getUpdates ``timeout`` to it."""
        return 5.0

    async def initialize(self) -> None:
        """Nothing to set up: there is no connection pool."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer the call through the simulator; PTB maps non-2xx codes to its exceptions."""
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        params, files = decode_request_data(request_data)
        call = self.simulator.handle(api_method, params, files)
        self.log.append(call)
        return call.status, json.dumps(call.response).encode()

    def fail_next(
        self,
        method: str,
        error_code: int = 403,
        description: str | None = "Forbidden: bot was blocked by the user",
        retry_after: int | None = None,
        chat_id: Any = None,
        times: int = 1,
        *,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail like Telegram would.

        The default description only fits 403; for other codes it is replaced by that code's
        default (e.g. ``"Bad Request: chat not found"``) unless you pass your own.
        """
        if error_code != 403 and description == "Forbidden: bot was blocked by the user":
            description = None
        self.simulator.fail(
            method,
            error_code=error_code,
            description=description,
            retry_after=retry_after,
            migrate_to_chat_id=migrate_to_chat_id,
            chat_id=chat_id,
            times=times,
        )

    def sent(self, method: str = "sendMessage", chat_id: Any = None) -> list[dict[str, Any]]:
        """Return the params of accepted ``method`` calls (optionally into one chat)."""
        return [call.params for call in match_calls(self.calls, method, chat_id=chat_id)]

    def texts(self, chat_id: Any) -> list[str]:
        """Return the texts/captions of every accepted send into ``chat_id``, in order."""
        sends = match_calls(self.calls, lambda c: c.method in SEND_METHODS, chat_id=chat_id)
        return [call.text for call in sends if call.text is not None]

    def methods(self) -> list[str]:
        """Return the method names called so far, in order (handy for quick asserts)."""
        return [call.method for call in self.calls]

    def reset(self) -> None:
        """Forget recorded calls and all simulator state (failures, blocks, messages)."""
        self.log.clear()
        self.simulator.reset()

    async def wait_for(
        self,
        what: CallMatcher = None,
        *,
        chat_id: Any = None,
        text_contains: str | None = None,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - the brief asks for a wait_for(timeout=...) API
        ok: bool | None = True,
    ) -> list[Call]:
        """Wait for calls made by background work (jobs, ``block=False`` handlers)."""
        return await self.log.wait_for(
            what, chat_id=chat_id, text_contains=text_contains, count=count, timeout=timeout, ok=ok
        )
