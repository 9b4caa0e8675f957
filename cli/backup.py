"""`python bot.py backup` and `python bot.py restore FILE`.

backup: when no bot is running, it takes the data folder's lock (so none can start meanwhile)
and archives the files as they are. While a bot runs, it asks that bot for a freeze of its data
(a request file the bot answers within a second or two, see jobs/backup.py) and archives what
was frozen; the bot is never paused for longer than it takes to link its files.

restore: refuses while a bot runs on the folder, checks the whole archive before it changes
anything, then swaps the restored folder in and keeps the old one beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from dotenv import dotenv_values

from jobs.backup import archive_name
from storage.backup import REQUESTS_DIR, Frozen, freeze_idle, record_backup, write_archive
from storage.backup_format import BackupError
from storage.folder_lock import holder_pid, lock_folder
from storage.restore import restore
from version import VERSION

# How long to wait for the running bot to answer (it looks every second).
ANSWER_TIMEOUT_S = 30.0
_POLL_S = 0.05


def _env() -> Mapping[str, str]:
    """`.env` overlaid by the environment, as the bot reads them (no token needed here)."""
    values = {k: v for k, v in dotenv_values(".env").items() if v is not None}
    values.update(os.environ)
    return values


def _data_dir(args: argparse.Namespace) -> Path:
    return args.data or Path(_env().get("DATA_DIR", "").strip() or "data")


def ask_running_bot(data_dir: Path, timeout: float = ANSWER_TIMEOUT_S) -> Frozen:
    """Have the bot running on `data_dir` freeze its data; returns what it staged."""
    folder = data_dir / REQUESTS_DIR
    folder.mkdir(exist_ok=True)
    rid = f"{int(time.time())}-{secrets.token_hex(4)}"
    request = folder / f"{rid}.request"
    tmp = folder / f"{rid}.tmp"
    tmp.write_text(json.dumps({"pid": os.getpid()}))
    os.replace(tmp, request)
    ready, failed = folder / f"{rid}.ready", folder / f"{rid}.failed"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready.exists():
            answer = json.loads(ready.read_text())
            ready.unlink()
            return Frozen(
                data_dir / answer["staging"],
                [(str(rel), int(size)) for rel, size in answer["files"]],
                int(answer["schema_version"]),
                datetime.fromisoformat(answer["at"]),
            )
        if failed.exists():
            error = json.loads(failed.read_text()).get("error", "unknown")
            failed.unlink()
            raise BackupError(f"the running bot could not freeze its data: {error}")
        time.sleep(_POLL_S)
    request.unlink(missing_ok=True)
    raise BackupError(
        f"the bot running on {data_dir} (pid {holder_pid(data_dir)}) did not answer within "
        f"{timeout:.0f} s. Is it an older version without backups? Stop it and run this again"
    )


def backup(data_dir: Path, out: Path, timeout: float = ANSWER_TIMEOUT_S) -> dict[str, object]:
    """Write a consistent archive of `data_dir` to `out`; returns its manifest."""
    if not (data_dir / "global.json").is_file():
        raise BackupError(f"there is no bot data in {data_dir} (DATA_DIR)")
    with lock_folder(data_dir) as idle:
        if idle:  # no bot: nothing changes the files while we hold the lock
            manifest = write_archive(freeze_idle(data_dir), out, VERSION)
            record_backup(data_dir, {"ok": True, "file": str(out), "size": out.stat().st_size})
            return manifest
    frozen = ask_running_bot(data_dir, timeout)
    try:
        manifest = write_archive(frozen, out, VERSION)
    finally:
        shutil.rmtree(frozen.folder, ignore_errors=True)
    record_backup(data_dir, {"ok": True, "file": str(out), "size": out.stat().st_size})
    return manifest


def run_backup(args: argparse.Namespace) -> int:
    """`backup`: archive the data folder (see the module doc); exit 0 when written."""
    data_dir = _data_dir(args)
    backup_dir = _env().get("BACKUP_DIR", "backups").strip() or "."
    out = args.out or Path(backup_dir) / archive_name(datetime.now())
    try:
        manifest = backup(data_dir, out)
    except (BackupError, OSError) as exc:
        print(f"No backup was made: {exc}.", file=sys.stderr)
        return 2
    files = manifest["files"]
    assert isinstance(files, list)
    print(
        f"Backup of {data_dir} written to {out}: {len(files)} files, "
        f"{out.stat().st_size} bytes, taken at {manifest['created_at']}. "
        "It holds personal data: keep it somewhere only you can read."
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """`restore FILE`: check the archive, then swap it in for the data folder."""
    data_dir = _data_dir(args)
    if not args.file.is_file():
        print(f"There is no file {args.file}. Nothing was changed.", file=sys.stderr)
        return 2
    try:
        done = restore(args.file, data_dir)
    except (BackupError, OSError) as exc:
        print(f"I won't restore {args.file}: {exc}. Nothing was changed.", file=sys.stderr)
        return 2
    m = done.manifest
    print(
        f"Restored {len(m['files'])} files into {data_dir}, as they were at {m['created_at']} "
        f"(version {m['app_version']}, schema {m['schema_version']})."
    )
    if done.kept_aside is not None:
        print(f"The data that was there is kept in {done.kept_aside}; delete it when all is well.")
    return 0
