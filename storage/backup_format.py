"""What a backup archive is, for making, checking and restoring one: its format and manifest,
which files of a data folder are data, and how they load.

An archive is a tar.gz whose first member is `manifest.json` (the archive format, the app and
schema versions, when it was made, and every file's path, size and SHA-256), followed by the
data files under `data/`: each snapshot and its journals, by their path in the data folder.
Making one is storage/backup.py; checking and restoring one, storage/restore.py.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

from storage.journal import load_json_file, replay

__all__ = [
    "ARCHIVE_FORMAT",
    "CHUNK",
    "DATA_FILE",
    "MANIFEST",
    "BackupError",
    "data_files",
    "load_tables",
    "schema_of",
]

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
# The data files, by their path in the folder: the snapshot and its journals.
DATA_FILE = re.compile(
    r"^(global|(index|users)/\d{2}|classes/[A-Za-z0-9_-]{1,64})\.json(\.journal(\.old)?)?$"
)
# Bytes read or written at a time when archiving, hashing and unpacking.
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, for the person."""


def data_files(folder: Path) -> list[str]:
    """Every data file of a folder (snapshots and journals), by relative path, sorted."""
    found: list[str] = []
    for sub in ("", "index/", "users/", "classes/"):
        try:
            entries = list(os.scandir(folder / sub) if sub else os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            rel = sub + entry.name
            if DATA_FILE.match(rel) and entry.is_file(follow_symlinks=False):
                found.append(rel)
    return sorted(found)


def load_tables(folder: Path, base: str) -> dict[str, Any]:
    """A file's tables as the storage would load them: the snapshot, then its set-aside
    journal, then its journal (raises StorageCorruptError naming a damaged file)."""
    path = folder / base
    tables: dict[str, Any] = dict(load_json_file(path) or {})
    for journal in (
        path.with_name(path.name + ".journal.old"),
        path.with_name(path.name + ".journal"),
    ):
        with contextlib.suppress(FileNotFoundError):
            replay(tables, journal.read_bytes(), journal)
    return tables


def schema_of(folder: Path) -> int:
    """The schema version stored in a folder's global.json (0 when none is)."""
    meta = load_tables(folder, "global.json").get("meta", {}).get("1")
    return int(meta["schema_version"]) if isinstance(meta, dict) else 0
