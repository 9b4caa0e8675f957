"""The fake Bot API's HTTP/1.1 server (playground/fake_api.py serves the Bot API on it): bound to
127.0.0.1 on a free port, in its own thread with its own event loop, so async tests and
synchronous scripts use it alike; keep-alive connections and concurrent requests, each answered
by the subclass's `_dispatch`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from typing import Any, Self

from playground.api_checks import error_response

JSONDict = dict[str, Any]
#: The status `_dispatch` gives a request to leave unanswered: the connection just ends.
DROPPED = -1

_MAX_HEADER_BYTES = 64 * 1024


@dataclass
class HttpRequest:
    """One parsed HTTP request."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    keep_alive: bool


async def read_http_request(reader: asyncio.StreamReader) -> HttpRequest | None:
    """Read one request from a keep-alive connection; ``None`` when the client hung up."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial.strip():
            raise ConnectionError("connection closed mid-request") from exc
        return None
    if len(head) > _MAX_HEADER_BYTES:
        raise ConnectionError("request head too large")
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")  # no trailers from httpx; just the final CRLF
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        length = int(headers.get("content-length", "0") or 0)
        body = await reader.readexactly(length) if length else b""
    connection = headers.get("connection", "").lower()
    keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
    return HttpRequest(method, target, headers, body, keep_alive)


def http_response(status: int, body: JSONDict, *, keep_alive: bool) -> bytes:
    """Serialize a JSON response the way api.telegram.org answers."""
    payload = json.dumps(body, ensure_ascii=False).encode()
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Server: fake-telegram-bot-api\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n"
        f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
    )
    return head.encode() + payload


class LoopbackServer:
    """An HTTP server on ``127.0.0.1:<free port>`` in a thread of its own; subclasses answer
    each request in `_dispatch`."""

    def __init__(self) -> None:
        """Nothing listens until :meth:`start`."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._port: int | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def running(self) -> bool:
        """Whether the server thread is up."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        """The TCP port chosen by the OS."""
        if self._port is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return self._port

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The value for PTB's ``base_url`` (and TELEGRAM_BASE_URL): PTB appends the token."""
        return f"{self.url}/bot"

    def start(self, timeout: float = 5.0) -> Self:
        """Start serving in a background thread; returns once the port is bound."""
        if self.running:
            return self
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._run, args=(ready, failure), name=type(self).__name__, daemon=True
        )
        self._thread.start()
        if not ready.wait(timeout):
            raise RuntimeError(f"{type(self).__name__} did not start in time")
        if failure:
            raise RuntimeError(f"{type(self).__name__} failed to start") from failure[0]
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Close every connection and stop the server thread (bounded by ``timeout``)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            return
        future = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
        with contextlib.suppress(Exception):
            future.result(timeout)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        self._thread = None

    def __enter__(self) -> Self:
        """Start for a ``with`` block."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop at the end of a ``with`` block."""
        self.stop()

    async def __aenter__(self) -> Self:
        """Start for an ``async with`` block without blocking the caller's loop."""
        return await asyncio.to_thread(self.start)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop at the end of an ``async with`` block."""
        await asyncio.to_thread(self.stop)

    def _run(self, ready: threading.Event, failure: list[BaseException]) -> None:
        """Thread body: own event loop, bind, serve until :meth:`stop`."""
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._startup())
        except BaseException as exc:  # reported to start() in the calling thread
            failure.append(exc)
            ready.set()
            loop.close()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            self._loop = None

    async def _startup(self) -> None:
        """Bind 127.0.0.1 on a free port (port 0) — never a public interface."""
        self._server = await asyncio.start_server(self._serve_connection, "127.0.0.1", 0)
        self._port = self._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        """Stop accepting, then end open keep-alive connections and pending long polls."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        tasks = list(self._connections)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """Serve requests on one (keep-alive) connection until the client closes it."""
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
        self._writers.add(writer)
        try:
            while True:
                request = await read_http_request(reader)
                if request is None:
                    break
                try:
                    status, body = await self._dispatch(request)
                except Exception as exc:  # a fake bug must surface as a 500, not a hang
                    status, body = 500, error_response(500, f"fake Bot API error: {exc!r}")
                if status == DROPPED:
                    break  # before_call said so: no answer, the connection just ends
                writer.write(http_response(status, body, keep_alive=request.keep_alive))
                await writer.drain()
                if not request.keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # client went away (e.g. PTB cancelled a long poll on shutdown)
        except asyncio.CancelledError:
            # Cancelled by stop(). Ending normally keeps asyncio's stream machinery from
            # logging the cancellation as an "Exception in callback"; nobody awaits the result.
            pass
        finally:
            self._writers.discard(writer)
            if task is not None:
                self._connections.discard(task)
            writer.close()

    async def _dispatch(self, request: HttpRequest) -> tuple[int, JSONDict]:
        """The status and JSON body answering `request` (`DROPPED`: no answer)."""
        raise NotImplementedError
