"""``getUpdates`` as the fake Bot API (playground/fake_api.py) serves it: a long poll over the
pushed updates (playground/update_queue.py), answered at once when updates are pending, else
when one is pushed or the poll's ``timeout`` runs out.

As on Telegram, a newer ``getUpdates`` ends the one still waiting with 409 (two pollers), and
a set webhook refuses it with 409. The polls run in the server's loop; pushes come from any
thread and wake them through that loop.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from typing import Any

from playground.api_calls import Call
from playground.api_checks import ApiError
from playground.api_simulator import BotApiSimulator
from playground.update_queue import UpdateQueue

__all__ = ["LongPoll"]


class LongPoll:
    """The long polls waiting on one queue of updates (see the module doc)."""

    def __init__(self, queue: UpdateQueue, simulator: BotApiSimulator) -> None:
        """Serve `queue`'s updates; `simulator` injects failures and remembers what was served."""
        self.queue = queue
        self.simulator = simulator
        self._events: set[asyncio.Event] = set()
        self._generation = 0

    async def answer(self, params: Mapping[str, Any], arrived: float, max_timeout: float) -> Call:
        """Long-poll: answer at once if updates are pending, else wait up to ``timeout`` (at
        most `max_timeout`)."""
        if failure := self.simulator.injected_failure("getUpdates", params):
            return Call(
                "getUpdates", dict(params), {}, arrived, failure.error_code, failure.response()
            )
        if self.simulator.webhook_url:
            error = ApiError(
                409,
                "can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
            return Call("getUpdates", dict(params), {}, arrived, 409, error.response())
        if "allowed_updates" in params:
            wanted = params["allowed_updates"] or []
            self.queue.allow(wanted)
        # A newer getUpdates supersedes this one, like Telegram's 409 for two pollers; it also
        # ends a poll PTB abandoned on shutdown that the server could not notice.
        self._generation += 1
        generation = self._generation
        self.wake()
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = min(max(float(params.get("timeout") or 0), 0.0), max_timeout)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        # One event per poll, so one poller clearing it cannot swallow another's wake-up.
        event = asyncio.Event()
        self._events.add(event)
        try:
            while True:
                event.clear()  # before checking: a push after the check sets it again
                batch = self.queue.take(offset, limit)
                if batch:
                    break
                if generation != self._generation:
                    error = ApiError(409)
                    return Call("getUpdates", dict(params), {}, arrived, 409, error.response())
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), remaining)
        finally:
            self._events.discard(event)
        for update in batch:
            self.simulator.remember_update(update)
        return Call("getUpdates", dict(params), {}, arrived, 200, {"ok": True, "result": batch})

    def wake(self) -> None:
        """Wake every pending long poll (runs in the server loop)."""
        for event in self._events:
            event.set()

    def wake_from(self, loop: asyncio.AbstractEventLoop | None) -> None:
        """Wake the long polls from any thread, through the server's loop (None: not serving)."""
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed during stop()
                loop.call_soon_threadsafe(self.wake)
