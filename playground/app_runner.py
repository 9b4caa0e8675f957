"""Running a PTB Application against a Bot API (the fake one in tests and benchmarks) for the
length of an ``async with`` block, stopped in the right order whatever the block does.

    async with FakeBotApi() as api:
        app = ApplicationBuilder().token("123:ABC").base_url(api.base_url).build()
        async with polling(app):
            api.push_message(42, "/start")
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from telegram.ext import Application

__all__ = ["polling"]


@contextlib.asynccontextmanager
async def polling(app: Application, **start_polling_kwargs: Any) -> AsyncIterator[Application]:
    """Run ``app`` (initialize, start, poll) for the ``async with`` block, then stop it.

    Stops in reverse order even when the block fails, so the test's real error surfaces
    instead of PTB's "This Application is still running!". Defaults: no pause between polls
    and a 5 s long poll (stopping cancels it, so it does not slow the test down).
    """
    if app.updater is None:
        raise ValueError("polling() needs an Application built with an Updater")
    kwargs: dict[str, Any] = {"poll_interval": 0.0, "timeout": 5, **start_polling_kwargs}
    await app.initialize()
    try:
        await app.start()
        try:
            await app.updater.start_polling(**kwargs)
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
    finally:
        await app.shutdown()
