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

:class:`BotApiSimulator` holds the Bot API semantics (injected failures, blocked chats, flood
limits: playground/api_simulator.py; the validation Telegram performs and its error answers:
api_checks.py; what it remembers and answers: api_memory.py); :class:`CallLog` is the
thread-safe record with ``wait_for`` (api_calls.py). Both are reused by
:class:`playground.fake_api.FakeBotApi`.
"""

import json
from typing import Any

from telegram.request import BaseRequest, RequestData

from playground.api_calls import SEND_METHODS, Call, CallLog, CallMatcher, UploadedFile, match_calls
from playground.api_checks import check_html, check_markdown_v2
from playground.api_simulator import BotApiSimulator

# What the tests import from here, wherever it lives now.
__all__ = [
    "SEND_METHODS",
    "BotApiSimulator",
    "Call",
    "RecordingRequest",
    "UploadedFile",
    "check_html",
    "check_markdown_v2",
    "decode_request_data",
]


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
