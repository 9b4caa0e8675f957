"""The bot's Application, assembled and served: `build_application()` is the one place the
python-telegram-bot Application is put together, for the real process, the playground and the
tests alike; `startup()` does the work that needs the bot online (the outbox resumed, command
menus, rebuilding the schedule's jobs from storage); `serve()` runs it until Ctrl+C or SIGTERM,
against Telegram or (for the playground) the embedded Bot API. bot.py is the command line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
import sys
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Any
from urllib.parse import urlsplit

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter, Defaults
from telegram.request import BaseRequest, HTTPXRequest

import handlers
from botdata import CONTEXT_TYPES, App
from config import Settings
from content.loader import Content
from handlers.concurrency import PerChatUpdateProcessor
from handlers.conversation import DurableApplication, StorePersistence
from handlers.ui import PressBot
from jobs import backup as backups
from jobs import heartbeat
from jobs.course import flush_wakes
from jobs.delivery import make_rate_limiter
from jobs.outbox import Outbox, outbox_of
from memory import settle_memory
from reports import worker
from storage.database import SchemaTooNewError, StorageLockedError
from storage.journal import StorageCorruptError
from storage.repo import Store
from version import VERSION

# The command line's logger: the running bot's lines are its lines.
log = logging.getLogger("bot")

# Something to run while the bot serves (the playground's web page and clock), entered once the
# bot is receiving and left before it stops.
Around = Callable[[Application], AbstractAsyncContextManager[object]]

# Exit codes: 0 a clean stop, 1 Telegram could not be reached, 2 a setting, content or data
# folder problem the person has to fix first.
EXIT_CONFIG = 2


class BotApplication(DurableApplication):
    """The bot's Application: DurableApplication (conversation state saved after each update),
    whose shutdown also stops the outbox (jobs/outbox.py), so every `async with app:` (the real
    run, the tests) ends with the deliveries under way recorded."""

    async def shutdown(self) -> None:
        """Stop the outbox, store the classes' next due moments, then shut down as PTB does."""
        outbox = self.bot_data.get("outbox")
        if isinstance(outbox, Outbox):
            await outbox.stop()
        await flush_wakes(self)
        await super().shutdown()


def build_application(
    settings: Settings,
    store: Store,
    content: Content,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter | None = None,
) -> Application:
    """Assemble the Application: defaults, rate limiter, shared services and every handler."""
    # Our bot class (it remembers which presses it answered: handlers.ui.PressBot), made as
    # ApplicationBuilder would make PTB's own: pools of 256 connections and 1 for polling.
    bot = PressBot(
        settings.token,
        base_url=settings.base_url,
        defaults=Defaults(
            parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=get_updates_request or request or HTTPXRequest(),
        # Telegram's flood limits: ~30 messages/s overall, ~20/min into one group; sends are
        # paced evenly and retried after a flood-control answer (see make_rate_limiter).
        rate_limiter=rate_limiter or make_rate_limiter(),
    )
    builder = (
        ApplicationBuilder()
        # Callbacks get our bot_data's keys typed (botdata.py).
        .context_types(CONTEXT_TYPES)
        .application_class(BotApplication)
        # Every conversation's state and draft, saved after each update (handlers/conversation.py).
        .persistence(StorePersistence(store))
        .bot(bot)
        # Updates from different chats are handled at the same time, each chat's in order
        # (handlers/concurrency.py): a parent never waits behind another chat's update.
        .concurrent_updates(PerChatUpdateProcessor())
    )
    app = builder.build()
    app.bot_data["settings"] = settings
    app.bot_data["store"] = store
    app.bot_data["content"] = content
    app.bot_data["outbox"] = Outbox(app)
    handlers.register(app)
    return app


async def startup(app: App) -> None:
    """Work that needs the bot initialised: the outbox resumed, command menus, and the jobs
    rebuilt from storage."""
    await outbox_of(app).start()
    await handlers.on_startup(app)


async def start_receiving(app: App, settings: Settings) -> None:
    """Receive updates by long polling, or by webhook when WEBHOOK_URL is set."""
    assert app.updater is not None
    if not settings.webhook_url:
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        return
    # Telegram sends the secret back in a header on every update, so a stranger who finds the
    # URL cannot post fake updates. Without a configured one, a fresh one per start will do:
    # setWebhook registers it anew each time.
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    await app.updater.start_webhook(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
        webhook_url=settings.webhook_url,
        secret_token=secret,
        allowed_updates=Update.ALL_TYPES,
    )


async def serve(
    settings: Settings,
    content: Content,
    *,
    bot_data: Mapping[str, Any] | None = None,
    around: Around | None = None,
) -> int:
    """Run the bot (polling, or webhook) until SIGINT or SIGTERM, then stop cleanly.

    `bot_data` is added to the Application's before it starts (the playground's clock), and
    `around(app)` is entered while the bot serves.
    """
    store = Store(settings.data_dir)
    try:
        await store.open()
    except (StorageLockedError, SchemaTooNewError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONFIG
    except StorageCorruptError as exc:
        print(
            f"The data file {exc.path} is damaged, so I won't start (and won't touch it): {exc}. "
            "Restore it from a backup, or move it aside to start without it.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except OSError as exc:
        # Read-only, full, or not a folder: one line naming it, not a traceback.
        print(
            f"I can't use the data folder {settings.data_dir}: {exc.strerror or exc}. "
            "It must be a folder this user can write to (set DATA_DIR to choose another).",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    app = build_application(settings, store, content)
    app.bot_data.update(bot_data or {})
    app.bot_data["started_at"] = time.time()
    try:
        async with app:
            await startup(app)
            await start_receiving(app, settings)
            await app.start()
            # Only once the jobs run and updates come in: a restarted bot catches up on what fell
            # due while it was down first (a full collection takes a moment on a loaded machine).
            settle_memory()
            heartbeat.start(app, settings.data_dir)
            backups.start(app, settings)
            log.info(
                "Bot @%s version %s is running (data schema %d in %s); stop it with Ctrl+C.",
                app.bot.username,
                VERSION,
                await store.schema_version(),
                settings.data_dir,
            )
            async with around(app) if around is not None else contextlib.nullcontext():
                await stop.wait()
            log.info("Stopping.")
            if app.updater is not None:
                await app.updater.stop()
            await app.stop()
    except InvalidToken:
        print(
            "Telegram refused BOT_TOKEN. Copy the token again from @BotFather (/mybots).",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except (NetworkError, TelegramError) as exc:
        print(f"Could not reach Telegram at {settings.base_url}: {exc}", file=sys.stderr)
        return 1
    finally:
        heartbeat.stop(settings.data_dir)
        await store.close()
        worker.shutdown()
    return 0
