"""The entry point: the command line (run, playground, check, ask, export, health, backup,
restore) and
`build_application()`.

`build_application()` is the one place the python-telegram-bot Application is assembled, for
the real process, the playground and the tests alike; `startup()` does the work that needs the
bot online (command menus, rebuilding the schedule's jobs from storage); `serve()` runs it until
Ctrl+C or SIGTERM, against Telegram or (for the playground) the embedded Bot API.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import os
import secrets
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv import dotenv_values
from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter, Defaults
from telegram.request import BaseRequest, HTTPXRequest

import handlers
from botdata import CONTEXT_TYPES, App
from config import Settings, SettingsError, load_settings
from content.errors import ContentError
from content.loader import CONTENT_DIR, Content, load_content
from handlers.concurrency import PerChatUpdateProcessor
from handlers.conversation import DurableApplication, StorePersistence
from handlers.ui import PressBot
from jobs import backup as backups
from jobs import heartbeat
from jobs.course import flush_wakes
from jobs.delivery import make_rate_limiter
from jobs.outbox import Outbox, outbox_of
from reports import worker
from storage.database import SchemaTooNewError, StorageLockedError
from storage.journal import StorageCorruptError
from storage.repo import Store
from version import VERSION

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


class RedactFilter(logging.Filter):
    """Removes the bot token from every log line (httpx logs full request URLs)."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with the token masked; never drops a record."""
        message = record.getMessage()
        if self.secret and self.secret in message:
            record.msg = message.replace(self.secret, "<token>")
            record.args = None
        return True


def setup_logging(token: str = "") -> None:
    """Log to stderr; the token is masked, and httpx's per-request lines are kept out."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(token))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    # httpx logs every request URL, and the URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # APScheduler logs every job added and run at INFO: one line per class per wake is noise.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # The playground's page polls; one line per request would drown the bot's own log.
    logging.getLogger("tornado.access").setLevel(logging.WARNING)


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


def settle_memory() -> None:
    """After loading and start-up: collect once, then exempt everything alive from later
    collections (`gc.freeze`). The loaded data is long-lived, and a full collection walking
    hundreds of MB of it would pause every reply for most of a second."""
    gc.collect()
    gc.freeze()


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
            settle_memory()
            await start_receiving(app, settings)
            await app.start()
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


def _load_content_or_report(root: Path) -> Content | None:
    """Load the content, printing each problem on its own line when something is broken."""
    try:
        return load_content(root)
    except ContentError as exc:
        print(f"{len(exc.problems)} problem(s) in the content files:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def cmd_run(args: argparse.Namespace) -> int:
    """`run`: check settings and content, then serve until stopped."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(settings.token)
    content = _load_content_or_report(args.content)
    if content is None:
        return EXIT_CONFIG
    for problem in content.pack_gaps:
        log.warning("Language pack: %s (said in English meanwhile)", problem)
    return asyncio.run(serve(settings, content))


def cmd_playground(args: argparse.Namespace) -> int:
    """`playground`: the real bot against an embedded Bot API, with a web page of its chats."""
    from playground.run import run_playground

    setup_logging()
    content = _load_content_or_report(args.content)
    if content is None:
        return EXIT_CONFIG
    return asyncio.run(run_playground(content, port=args.port, data_dir=args.data))


def cmd_check(args: argparse.Namespace) -> int:
    """`check`: validate every content file and report each problem with its path."""
    content = _load_content_or_report(args.content)
    if content is None:
        return 1
    if content.pack_gaps:
        print(f"{len(content.pack_gaps)} problem(s) in the language packs:", file=sys.stderr)
        for problem in content.pack_gaps:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        f"Content OK: {len(content.lessons)} lessons, {len(content.faq)} FAQ entries, "
        "all messages valid."
    )
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """`ask`: show which FAQ topic answers a question, and how sure the matcher is."""
    from cli.ask import run_ask

    return run_ask(args)


def cmd_export(args: argparse.Namespace) -> int:
    """`export`: write a class's roster and check-ins as CSV files."""
    from cli.export import run_export

    return run_export(args)


def cmd_health(args: argparse.Namespace) -> int:
    """`health`: exit 0 while the bot serving DATA_DIR is alive (the Docker HEALTHCHECK)."""
    values = {k: v for k, v in dotenv_values(".env").items() if v is not None}
    values.update(os.environ)
    folder = args.data or Path(values.get("DATA_DIR", "").strip() or "data")
    healthy, line = heartbeat.check(folder)
    print(line)
    return 0 if healthy else 1


def cmd_backup(args: argparse.Namespace) -> int:
    """`backup`: a consistent archive of DATA_DIR, while the bot runs or not."""
    from cli.backup import run_backup

    return run_backup(args)


def cmd_restore(args: argparse.Namespace) -> int:
    """`restore`: check an archive, then put it in place of DATA_DIR (the bot stopped)."""
    from cli.backup import run_restore

    return run_restore(args)


def make_parser() -> argparse.ArgumentParser:
    """The command line: `python bot.py {run,playground,check,ask,export,health,backup,restore}`."""
    parser = argparse.ArgumentParser(
        prog="bot.py", description="Telegram companion bot for IAIM infant massage classes."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {VERSION}")
    parser.add_argument(
        "--content", type=Path, default=CONTENT_DIR, help="content folder (default: content/)"
    )
    sub = parser.add_subparsers(
        dest="command", metavar="{run,playground,check,ask,export,health,backup,restore}"
    )
    run = sub.add_parser("run", help="run the bot (long polling) until Ctrl+C or SIGTERM")
    run.set_defaults(func=cmd_run)
    play = sub.add_parser(
        "playground",
        help="try the bot without Telegram: the real bot and a web page of its chats",
    )
    play.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    play.add_argument(
        "--data", type=Path, default=None, help="data folder to keep (default: a throwaway one)"
    )
    play.set_defaults(func=cmd_playground)
    check = sub.add_parser("check", help="validate the content files and report every problem")
    check.set_defaults(func=cmd_check)
    ask = sub.add_parser("ask", help="show which FAQ topic answers a question")
    ask.add_argument("questions", nargs="+", help="question(s); '-' reads one per line from stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per line")
    ask.add_argument("--lang", help="read every question in this language (en, es, fr, de)")
    ask.set_defaults(func=cmd_ask)
    export = sub.add_parser("export", help="write a class's roster and check-ins as CSV")
    export.add_argument("--class", dest="class_code", required=True, help="class id or join code")
    export.add_argument("--out", type=Path, required=True, help="folder to write the CSV files to")
    export.set_defaults(func=cmd_export)
    health = sub.add_parser("health", help="exit 0 while the bot is alive (for health checks)")
    health.add_argument("--data", type=Path, default=None, help="data folder (default: DATA_DIR)")
    health.set_defaults(func=cmd_health)
    backup = sub.add_parser("backup", help="archive the data folder (also while the bot runs)")
    backup.add_argument(
        "--out", type=Path, default=None, help="archive to write (default: in BACKUP_DIR)"
    )
    backup.add_argument("--data", type=Path, default=None, help="data folder (default: DATA_DIR)")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="replace the data folder by a backup (bot stopped)")
    restore.add_argument("file", type=Path, help="archive made by `bot.py backup`")
    restore.add_argument("--data", type=Path, default=None, help="data folder (default: DATA_DIR)")
    restore.set_defaults(func=cmd_restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
