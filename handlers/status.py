"""/status for owners: is the bot healthy, which version runs, and how big is its data?

Uptime, version, data schema, classes running, jobs queued, the last error (its kind and place
only), the size of the data folder and the last backup (nightly or `bot.py backup`; a failed
one says why). The folder is measured on a worker thread: a large one
takes a moment to walk, and the bot keeps answering everyone meanwhile.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from botdata import App
from handlers.auth import requires
from handlers.commands import Command
from handlers.common import Context, settings_of, store_of, texts_of
from handlers.ui import private_only
from storage.backup import last_backup
from version import VERSION


def folder_size(folder: Path) -> int:
    """Bytes in every file under `folder` (0 if it is gone)."""
    total = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                total += path.stat().st_size
        except OSError:  # a file replaced while we walked: it is counted as its successor
            continue
    return total


def human_size(size: int) -> str:
    """A byte count for people: "812 KB", "3.4 MB"."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit in ("bytes", "KB") else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover - the loop always returns


def human_duration(seconds: float) -> str:
    """A duration for people: "3 d 4 h", "2 h 5 min", "40 s"."""
    s = int(seconds)
    days, s = divmod(s, 86400)
    hours, s = divmod(s, 3600)
    minutes, s = divmod(s, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min"
    return f"{s} s"


@requires("owner")
async def status(update: Update, context: Context) -> None:
    """Show the owner how the bot is doing."""
    message = update.effective_message
    if message is None:
        return
    texts, store = texts_of(context), store_of(context)
    now = time.time()
    started = context.bot_data.get("started_at")
    classes = await store.all_classes()
    queue = context.application.job_queue
    error = context.bot_data.get("last_error")
    if isinstance(error, dict):
        last_error = texts.raw("status.error_line").format(
            what=error["what"], where=error["where"], ago=human_duration(now - error["at"])
        )
    else:
        last_error = texts.raw("status.no_error")
    data_dir = settings_of(context).data_dir
    size = await asyncio.to_thread(folder_size, data_dir)
    note = await asyncio.to_thread(last_backup, data_dir)
    if note is None:
        backup = texts.raw("status.no_backup")
    elif note.get("ok"):
        backup = texts.raw("status.backup_line").format(
            ago=human_duration(now - note["at"]), size=human_size(int(note.get("size", 0)))
        )
    else:
        backup = texts.raw("status.backup_failed").format(
            ago=human_duration(now - note["at"]), error=str(note.get("error", "?"))[:160]
        )
    await message.reply_text(
        texts(
            "status.report",
            version=VERSION,
            uptime=human_duration(now - started) if isinstance(started, float) else "?",
            schema=await store.schema_version(),
            running=sum(1 for k in classes if not k.get("ended")),
            ended=sum(1 for k in classes if k.get("ended")),
            jobs=len(queue.jobs()) if queue is not None else 0,
            last_error=last_error,
            size=human_size(size),
            backup=backup,
        )
    )


COMMANDS = [Command("status", "owner")]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in order."""
    return [
        CommandHandler("status", status, filters=filters.ChatType.PRIVATE),
        CommandHandler("status", private_only, filters=filters.ChatType.GROUPS),
    ]
