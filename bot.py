"""The entry point: the command line (run, playground, check, ask, export, health, backup,
restore), with the log's set-up.

The Application itself is application.py (`build_application()`, `startup()`, `serve()`); the
tests, the benchmarks and the playground read those names from here too.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from dotenv import dotenv_values

from application import (
    EXIT_CONFIG,
    build_application,
    serve,
    settle_memory,
    startup,
)
from config import SettingsError, load_settings
from content.errors import ContentError
from content.loader import CONTENT_DIR, Content, load_content
from domain import background
from jobs import heartbeat
from version import VERSION

# What the tests, the benchmarks and the playground import from here (see application.py).
__all__ = ["build_application", "main", "serve", "settle_memory", "startup"]

log = logging.getLogger("bot")


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


def leave(code: int) -> NoReturn:
    """Exit with `code`. While a model is still being built on a daemon thread, the
    interpreter's shutdown would stop that thread inside native code (scipy, scikit-learn) and
    abort the process after a clean stop ("terminate called without an active exception", exit
    -6 instead of 0 on SIGTERM). Everything is saved by then (a model is kept whole or not at
    all), so the process then leaves at once, its logs and output flushed."""
    if background.still_running():
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    leave(main())
