"""Backups made by the running bot: the nightly one, and the freezes `bot.py backup` asks for.

The nightly backup (a JobQueue job at BACKUP_AT, local time in DEFAULT_TIMEZONE) writes
`iaim-bot-<date>-<time>.tar.gz` into BACKUP_DIR and then deletes the archives there older than
BACKUP_KEEP_DAYS, so data that /forgetme removed is gone from every backup that many days later
(the privacy text promises it).

`bot.py backup` run beside the bot cannot read the data folder while the bot writes it, and
cannot take its lock; it drops a request file into `<DATA_DIR>/.backup-requests/`. A job here
looks for one every second and answers it with a freeze made on the storage thread (see
storage/backup.py): a `<id>.ready` file listing the staged files, from which the command writes
the archive itself, or `<id>.failed` saying why.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import shutil
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from telegram.ext import CallbackContext

from botdata import App
from config import Settings
from storage.backup import REQUESTS_DIR, STAGING_DIR, record_backup, write_archive
from storage.backup_format import BackupError
from storage.repo import Store
from version import VERSION

log = logging.getLogger(__name__)

NIGHTLY_JOB = "backup-nightly"
REQUESTS_JOB = "backup-requests"
REQUESTS_EVERY_S = 1.0
# Staged links or answers nobody collected (a `bot.py backup` that was killed) go after this.
STALE_AFTER_S = 3600.0
ARCHIVE_NAME = re.compile(r"^iaim-bot-\d{8}-\d{6}\.tar\.gz$")


def archive_name(now: datetime) -> str:
    """The file name of an archive made at `now` (sorts by time; retention matches it)."""
    return f"iaim-bot-{now:%Y%m%d-%H%M%S}.tar.gz"


def _write_json(path: Path, data: object) -> None:
    """Write a small file whole or not at all (the other process polls for it)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data))
    os.replace(tmp, path)


async def answer_requests(store: Store, data_dir: Path) -> int:
    """Freeze the data for each waiting `bot.py backup`; returns how many were answered."""
    folder = data_dir / REQUESTS_DIR
    try:
        waiting = sorted(p for p in folder.iterdir() if p.name.endswith(".request"))
    except FileNotFoundError:
        return 0
    for request in waiting:
        rid = request.name.removesuffix(".request")
        staging = data_dir / STAGING_DIR / rid
        try:
            frozen = await store.freeze_for_backup(staging)
        except Exception as exc:  # whatever it is, the person running the command is told
            log.exception("Could not freeze the data for a backup")
            _write_json(folder / f"{rid}.failed", {"error": f"{type(exc).__name__}: {exc}"})
        else:
            _write_json(
                folder / f"{rid}.ready",
                {
                    "staging": str(staging.relative_to(data_dir)),
                    "files": frozen.files,
                    "schema_version": frozen.schema_version,
                    "at": frozen.at.isoformat(),
                },
            )
        request.unlink(missing_ok=True)
    return len(waiting)


def remove_stale(data_dir: Path, now: float | None = None) -> None:
    """Remove staged links and answers left behind by a backup command that died."""
    limit = (time.time() if now is None else now) - STALE_AFTER_S
    for parent in (data_dir / STAGING_DIR, data_dir / REQUESTS_DIR):
        if not parent.is_dir():
            continue
        for entry in parent.iterdir():
            try:
                if entry.stat().st_mtime < limit:
                    if entry.is_dir():
                        shutil.rmtree(entry, ignore_errors=True)
                    else:
                        entry.unlink(missing_ok=True)
            except FileNotFoundError:
                continue


def prune(backup_dir: Path, keep_days: int, now: float | None = None) -> list[Path]:
    """Delete this bot's archives in `backup_dir` older than `keep_days`; returns them.

    An hour of slack, so the nightly run deletes the archive made exactly `keep_days` ago."""
    limit = (time.time() if now is None else now) - keep_days * 86400 + 3600
    removed = []
    for path in sorted(backup_dir.glob("iaim-bot-*.tar.gz")):
        if ARCHIVE_NAME.match(path.name) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


async def make_backup(store: Store, settings: Settings, now: datetime) -> Path:
    """Archive the data as it is now into BACKUP_DIR, note it for /status, apply retention."""
    assert settings.backup_dir is not None
    out = settings.backup_dir / archive_name(now)
    staging = settings.data_dir / STAGING_DIR / f"nightly-{now:%Y%m%d-%H%M%S}"
    try:
        frozen = await store.freeze_for_backup(staging)
        # Compressing takes a while for a big folder: off the loop and off the storage thread.
        manifest = await asyncio.to_thread(write_archive, frozen, out, VERSION)
    except (OSError, BackupError) as exc:
        record_backup(settings.data_dir, {"ok": False, "error": f"{type(exc).__name__}: {exc}"})
        raise
    finally:
        await asyncio.to_thread(shutil.rmtree, staging, True)
    size = out.stat().st_size
    record_backup(settings.data_dir, {"ok": True, "file": str(out), "size": size})
    removed = await asyncio.to_thread(prune, settings.backup_dir, settings.backup_keep_days)
    log.info(
        "Backup written: %s (%d files, %d bytes); %d older archive(s) removed.",
        out,
        len(manifest["files"]),
        size,
        len(removed),
    )
    return out


async def _nightly(context: CallbackContext) -> None:
    """Job callback: the nightly backup (a failure is logged and shown in /status)."""
    app = context.application
    settings: Settings = app.bot_data["settings"]
    try:
        await make_backup(app.bot_data["store"], settings, datetime.now().astimezone())
    except (OSError, BackupError):
        log.exception("The nightly backup failed")


async def _requests(context: CallbackContext) -> None:
    """Job callback: answer `bot.py backup`'s requests."""
    app = context.application
    await answer_requests(app.bot_data["store"], app.bot_data["settings"].data_dir)


def start(app: App, settings: Settings) -> None:
    """Answer backup requests from now on, and back up nightly when BACKUP_DIR is set."""
    remove_stale(settings.data_dir)
    queue = app.job_queue
    if queue is None:  # pragma: no cover - the bot is always built with a JobQueue
        return
    queue.run_repeating(_requests, interval=REQUESTS_EVERY_S, first=0, name=REQUESTS_JOB)
    if settings.backup_dir is not None:
        at = settings.backup_at.replace(tzinfo=ZoneInfo(settings.default_timezone))
        queue.run_daily(_nightly, time=at, name=NIGHTLY_JOB)
