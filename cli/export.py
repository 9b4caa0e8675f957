"""`python bot.py export --class <id or join code> --out <folder>`: a class's roster and
check-ins as CSV files, the same files /export sends in Telegram (reports/csv_export.py).

It opens the bot's data folder (DATA_DIR from the environment or .env), so it cannot run while
the bot itself runs on that folder (the folder is locked): then it says to stop the bot first or
use /export. Exit codes: 0 written, 2 something the person has to fix (no such class, locked or
missing data folder, broken settings or content).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from config import SettingsError, load_settings
from content.errors import ContentError
from content.loader import CONTENT_DIR, load_content
from reports.csv_export import export_files
from storage.database import SchemaTooNewError, StorageLockedError
from storage.journal import StorageCorruptError
from storage.records import CheckinRecord, ClassRecord, MemberRecord
from storage.repo import Store

EXIT_PROBLEM = 2
# Exporting needs only the data folder, not Telegram: a stand-in token lets the settings load
# (and DATA_DIR be read the same way the bot reads it) on a machine without BOT_TOKEN.
_NO_TOKEN_NEEDED = "0000:export-does-not-talk-to-telegram"


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_PROBLEM


def run_export(args: argparse.Namespace) -> int:
    """Write the roster and check-ins of one class into `args.out`; print each path written."""
    try:
        settings = load_settings({**os.environ, "BOT_TOKEN": _NO_TOKEN_NEEDED})
    except SettingsError as exc:
        return _fail(str(exc))
    data_dir = settings.data_dir
    if not (data_dir / "global.json").is_file():
        return _fail(
            f"There is no bot data in {data_dir} (DATA_DIR). Run this where the bot runs, "
            "or set DATA_DIR to the bot's data folder."
        )
    try:
        texts = load_content(getattr(args, "content", None) or CONTENT_DIR).texts
    except ContentError as exc:
        return _fail("The content files have problems:\n  " + "\n  ".join(exc.problems))
    found = asyncio.run(_load(data_dir, str(args.class_code).strip()))
    if isinstance(found, int):
        return found
    klass, members, checkins = found
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for file in export_files(klass, members, checkins, texts):
            path = out / file.name
            path.write_bytes(file.data)
            print(path)
    except OSError as exc:
        return _fail(f"Could not write to {out}: {exc.strerror or exc}")
    return 0


async def _load(
    data_dir: Path, wanted: str
) -> tuple[ClassRecord, list[MemberRecord], list[CheckinRecord]] | int:
    """The class (by id or join code), its members and its check-ins; or the exit code after
    saying what is wrong."""
    store = Store(data_dir)
    try:
        await store.open()
    except StorageLockedError:
        await store.close()
        return _fail(
            f"The bot is running on {data_dir} right now, so I can't read it safely. "
            "Stop the bot first, or use /export in your private chat with the bot."
        )
    except (SchemaTooNewError, StorageCorruptError) as exc:
        await store.close()
        return _fail(str(exc))
    try:
        klass = await store.get_class(wanted) or await store.class_by_code(wanted)
        if klass is None:
            return _fail(
                f"No class has the id or join code {wanted!r} in {data_dir}. The id and join "
                "code are in /classes (the join code is the end of the class's join link)."
            )
        members = await store.members(klass["id"], active_only=False)
        return klass, members, await store.checkins(klass["id"])
    finally:
        await store.close()
