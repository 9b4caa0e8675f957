"""The record of the bot's Bot API calls in the fakes (playground/fake_request.py in-process,
playground/fake_api.py over HTTP): each call with the answer it got (`Call`), the files uploaded
with it, finding calls by method, chat and text (`match_calls`), and the thread-safe log tests
wait on (`CallLog`).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

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


def same_chat(a: Any, b: Any) -> bool:
    """Compare chat ids that may be ints or numeric strings (``"@name"`` compares as text)."""
    return a is not None and b is not None and str(a) == str(b)


def as_int(value: Any) -> int | None:
    """Return ``value`` as an int when it is a numeric chat id, else ``None``."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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
