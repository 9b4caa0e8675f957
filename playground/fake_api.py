"""A fake Telegram Bot API served over real HTTP on 127.0.0.1, for end-to-end tests.

The server is a small HTTP/1.1 implementation on :func:`asyncio.start_server`, running in its
own thread with its own event loop. That makes it usable identically from async pytest tests
(the bot under test runs in the test's loop and talks to the server over sockets) and from
synchronous benchmark scripts. Keep-alive connections, concurrent requests and long-polling
``getUpdates`` are supported (the server: playground/http_server.py; the parameters as they
arrive: api_params.py; the long poll: long_poll.py); the Bot API semantics come from
:class:`playground.api_simulator.BotApiSimulator`. To run an Application against it for a
block: :func:`playground.app_runner.polling`.

Async test::

    async with FakeBotApi() as api:
        app = ApplicationBuilder().token("123:ABC").base_url(api.base_url).build()
        ...
        await app.updater.start_polling(timeout=1)
        api.push_message(42, "/start")
        (reply,) = await api.wait_for("sendMessage", chat_id=42)

Sync script::

    api = FakeBotApi().start()
    try:
        os.environ["TELEGRAM_BASE_URL"] = api.base_url   # then start the bot process/thread
        api.push_message(42, "/start")
        api.wait_for_sync("sendMessage", chat_id=42, timeout=10)
    finally:
        api.stop()
"""

import asyncio
import re
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from playground import updates as tg
from playground.api_calls import (
    SEND_METHODS,
    Call,
    CallLog,
    CallMatcher,
    match_calls,
)
from playground.api_checks import ApiError, error_response
from playground.api_params import parse_params
from playground.api_simulator import BotApiSimulator
from playground.http_server import DROPPED, HttpRequest, LoopbackServer
from playground.long_poll import LongPoll
from playground.update_queue import UpdateQueue

JSONDict = dict[str, Any]


class FakeBotApi(LoopbackServer):
    """A Bot API server on ``127.0.0.1:<free port>`` with scripted updates and recorded calls.

    Accepts any token. ``calls`` holds every call in arrival order of completion (each with
    ``at`` = monotonic arrival time), ``sent`` the accepted sends, ``rejected`` the refused
    calls. Updates pushed with :meth:`push_update` & co. are served by long-polling
    ``getUpdates`` honouring ``offset``, ``limit``, ``timeout`` and ``allowed_updates`` (which,
    like Telegram, persists between calls and by default excludes ``chat_member``).
    """

    def __init__(
        self,
        *,
        max_poll_timeout: float = 30.0,
        latency: float = 0.0,
        validate: bool = True,
        simulator: BotApiSimulator | None = None,
    ) -> None:
        """Configure; nothing listens until :meth:`start`."""
        super().__init__()
        self.simulator = simulator if simulator is not None else BotApiSimulator(validate=validate)
        self.log = CallLog()
        self.log.diagnostics = self._diagnostics
        self.max_poll_timeout = max_poll_timeout
        # Artificial per-call delay, to make benchmarks see realistic round trips.
        self.latency = latency
        #: Called in the server's thread with each call's method and parameters before it is
        #: handled; returning False drops the call unanswered, as if it never reached Telegram
        #: (a test crashing the bot at an exact request). Nothing else is served meanwhile.
        self.before_call: Callable[[str, Mapping[str, Any]], bool] | None = None
        self.tokens: set[str] = set()
        self._queue = UpdateQueue()  # pushed updates until getUpdates confirms them
        self._poll = LongPoll(self._queue, self.simulator)

    async def _dispatch(self, request: HttpRequest) -> tuple[int, JSONDict]:
        """Route ``/bot<token>/<method>``, record the call and produce the answer."""
        arrived = time.monotonic()
        path = unquote(urlsplit(request.target).path)
        match = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", path)
        if match is None:
            return 404, error_response(404, "Not Found")
        token, method = match.groups()
        self.tokens.add(token)
        try:
            params, files = parse_params(request)
        except (ApiError, ValueError) as exc:
            error = exc if isinstance(exc, ApiError) else ApiError(400, f"bad request body: {exc}")
            call = Call(method, {}, {}, arrived, error.error_code, error.response())
            self.log.append(call)
            return call.status, call.response
        hook = self.before_call
        if hook is not None and not hook(method, params):
            return DROPPED, {}
        if self.latency:
            await asyncio.sleep(self.latency)
        if method == "getUpdates":
            call = await self._poll.answer(params, arrived, self.max_poll_timeout)
        else:
            if method == "deleteWebhook" and params.get("drop_pending_updates"):
                self._queue.drop_pending()
            call = self.simulator.handle(method, params, files, at=arrived)
        self.log.append(call)
        return call.status, call.response

    # ---- updates ---------------------------------------------------------------------------

    def push_update(self, update: Mapping[str, Any]) -> JSONDict:
        """Queue an Update dict (``update_id`` assigned if missing) and return it."""
        data = self._queue.push(update)
        self._poll.wake_from(self._loop)
        return data

    def push_message(
        self, user_id: int, text: str, chat_id: int | None = None, **kwargs: Any
    ) -> JSONDict:
        """Queue a text message from ``user_id``: private, or in group ``chat_id``.

        Keyword arguments go to :func:`playground.updates.private_message_json` or
        :func:`~playground.updates.group_message_json`; commands/mentions get entities.
        """
        return self.push_update(tg.message_update_json(user_id, text, chat_id=chat_id, **kwargs))

    def push_command(
        self, user_id: int, name: str, *args: str, chat_id: int | None = None, **kwargs: Any
    ) -> JSONDict:
        """Queue ``/name args`` from ``user_id`` (privately or in group ``chat_id``)."""
        return self.push_update(tg.command_json(user_id, name, *args, chat_id=chat_id, **kwargs))

    def push_callback(
        self,
        user_id: int,
        data: str,
        *,
        message_chat_id: int | None = None,
        message_id: int | None = None,
        **kwargs: Any,
    ) -> JSONDict:
        """Queue a button press by ``user_id`` with callback ``data``.

        Without ``message_id`` the press lands on the bot's latest message in that chat (the
        one with the keyboard, as recorded by this fake), falling back to a synthetic message.
        """
        chat_id = message_chat_id if message_chat_id is not None else user_id
        if "message" not in kwargs:
            if message_id is not None:
                known = self.simulator.message(chat_id, message_id)
            else:
                known = self.simulator.last_message(chat_id)
            if known is not None:
                kwargs["message"] = known
        update = tg.callback_query_json(
            user_id, data, message_chat_id=chat_id, message_id=message_id, **kwargs
        )
        return self.push_update(update)

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates queued and not yet confirmed by the bot."""
        return self._queue.pending

    @property
    def undelivered_updates(self) -> list[JSONDict]:
        """Updates discarded because the bot's ``allowed_updates`` excluded their type."""
        return self._queue.undelivered

    def _diagnostics(self) -> str:
        """Explain, in wait_for timeouts, updates that never reached the bot."""
        notes = []
        if dropped := self.undelivered_updates:
            kinds = sorted({tg.update_kind(u) for u in dropped})
            notes.append(
                f"{len(dropped)} pushed update(s) of type {kinds} were dropped: not in the "
                "bot's allowed_updates (chat_member needs allowed_updates=Update.ALL_TYPES)"
            )
        if pending := self.pending_updates:
            notes.append(f"{len(pending)} pushed update(s) were never confirmed by getUpdates")
        return "\n".join(notes)

    # ---- recorded calls ------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every call, in order (a copy)."""
        return self.log.snapshot()

    @property
    def sent(self) -> list[Call]:
        """Accepted send calls (sendMessage, sendPhoto, sendDocument, copyMessage, ...)."""
        return [call for call in self.log.snapshot() if call.ok and call.method in SEND_METHODS]

    @property
    def rejected(self) -> list[Call]:
        """Calls answered with an error (429, 403, 400, ...)."""
        return [call for call in self.log.snapshot() if not call.ok]

    def mark(self) -> int:
        """Return a position in the call log, for ``wait_for(..., since=mark)``."""
        return len(self.log)

    def sent_to(self, chat_id: Any) -> list[dict[str, Any]]:
        """Params of the accepted sends into ``chat_id``, in order."""
        return [call.params for call in match_calls(self.sent, chat_id=chat_id)]

    def texts_to(self, chat_id: Any) -> list[str]:
        """Texts/captions of the accepted sends into ``chat_id``, in order."""
        calls = match_calls(self.sent, chat_id=chat_id)
        return [call.text for call in calls if call.text is not None]

    async def wait_for(
        self,
        predicate_or_method: CallMatcher = None,
        *,
        chat_id: Any = None,
        text_contains: str | None = None,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - the brief asks for a wait_for(timeout=...) API
        ok: bool | None = True,
        since: int = 0,
    ) -> list[Call]:
        """Wait until ``count`` calls match; return all matches (see :meth:`CallLog.wait_for`).

        ``predicate_or_method`` is a method name or a ``Call -> bool`` function. ``ok=True``
        counts accepted calls only (``False``: rejected only, ``None``: both). ``since`` skips
        calls before a :meth:`mark`. Raises AssertionError listing received calls on timeout.
        """
        return await self.log.wait_for(
            predicate_or_method,
            chat_id=chat_id,
            text_contains=text_contains,
            count=count,
            timeout=timeout,
            ok=ok,
            since=since,
        )

    def wait_for_sync(
        self,
        predicate_or_method: CallMatcher = None,
        *,
        chat_id: Any = None,
        text_contains: str | None = None,
        count: int = 1,
        timeout: float = 10.0,
        ok: bool | None = True,
        since: int = 0,
    ) -> list[Call]:
        """Blocking :meth:`wait_for` for synchronous scripts (not for use inside a loop)."""
        return self.log.wait_for_sync(
            predicate_or_method,
            chat_id=chat_id,
            text_contains=text_contains,
            count=count,
            timeout=timeout,
            ok=ok,
            since=since,
        )

    # ---- error injection -----------------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        error_code: int,
        description: str | None = None,
        retry_after: int | None = None,
        chat_id: Any = None,
        times: int = 1,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (``"*"``: any) with this error."""
        self.simulator.fail(
            method,
            error_code=error_code,
            description=description,
            retry_after=retry_after,
            migrate_to_chat_id=migrate_to_chat_id,
            chat_id=chat_id,
            times=times,
        )

    def rate_limit(self, per_second: int | None = 30, per_chat_per_minute: int | None = 20) -> None:
        """Answer sends over Telegram's flood limits with 429 and ``retry_after``."""
        self.simulator.rate_limit(per_second, per_chat_per_minute)

    def blocked(self, *chat_ids: Any) -> None:
        """Answer sends into these chats with 403 Forbidden."""
        self.simulator.blocked(*chat_ids)

    def unblocked(self, *chat_ids: Any) -> None:
        """Stop answering 403 for these chats."""
        self.simulator.unblocked(*chat_ids)

    def set_chat_member(self, chat_id: Any, user_id: int, status: str) -> None:
        """Make ``getChatMember`` report ``status`` for this user in this chat."""
        self.simulator.set_chat_member(chat_id, user_id, status)

    def reset(self) -> None:
        """Forget calls, queued updates and all simulator state; keep serving."""
        self.log.clear()
        self.simulator.reset()
        self._queue.clear()
