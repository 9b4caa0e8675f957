"""Restoring a backup: the archive checked through, then swapped in for the data folder.

A restore checks everything before it touches anything: the manifest, every file's size and
hash, that every file loads with the storage's own loader, and that the schema is not newer
than this code's. It unpacks into a folder beside the data folder and then swaps the two, so
the data folder is at every instant either the old one or the restored one; the old one is
kept aside. The same check (`check_archive`) tells whether an archive would restore.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tarfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.backup_format import (
    ARCHIVE_FORMAT,
    CHUNK,
    DATA_FILE,
    MANIFEST,
    BackupError,
    load_tables,
    schema_of,
)
from storage.database import SCHEMA_VERSION
from storage.folder_lock import holder_pid, lock_folder
from storage.journal import StorageCorruptError, fsync_dir

__all__ = ["Restored", "check_archive", "check_folder", "restore"]


# -- checking -------------------------------------------------------------------------------


def check_folder(folder: Path, files: list[str]) -> int:
    """Load every file of `files` in `folder` with the storage's loader; returns the schema
    version stored in it. Raises BackupError saying what is wrong."""
    bases = sorted({re.sub(r"\.journal(\.old)?$", "", rel) for rel in files})
    if "global.json" not in bases:
        raise BackupError("it holds no global.json, so it is not a backup of a data folder")
    try:
        for base in bases:
            load_tables(folder, base)
        return schema_of(folder)
    except StorageCorruptError as exc:
        raise BackupError(f"a file in it does not load: {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError(f"its schema version is unreadable ({exc})") from None


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise BackupError("it does not start with a manifest, so it was not made by bot.py backup")
    fh = tar.extractfile(first)
    assert fh is not None
    try:
        manifest: dict[str, Any] = json.loads(fh.read())
        files = {f["path"]: (int(f["size"]), str(f["sha256"])) for f in manifest["files"]}
        schema = int(manifest["schema_version"])
        fmt = int(manifest["format"])
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"its manifest is unreadable ({exc})") from None
    if fmt > ARCHIVE_FORMAT:
        raise BackupError(f"it is archive format {fmt}; this version reads up to {ARCHIVE_FORMAT}")
    if schema > SCHEMA_VERSION:
        raise BackupError(
            f"it holds data of schema version {schema}, newer than this bot's {SCHEMA_VERSION}: "
            "restore it with the newer version of the bot"
        )
    bad = [p for p in files if not DATA_FILE.match(p)]
    if bad:
        raise BackupError(f"its manifest names a file that is not a data file: {bad[0]!r}")
    manifest["_files"], manifest["_member"] = files, first
    return manifest


def check_archive(archive: Path, into: Path, *, durable: bool = False) -> dict[str, Any]:
    """Unpack `archive` into the new folder `into`, checking everything on the way; returns
    the manifest. Raises BackupError (with `into` removed) on any problem. `durable`: flush
    every file to disk (for a restore, which is about to become the bot's data)."""
    try:
        into.mkdir(mode=0o700)
        return _unpack(archive, into, durable)
    except BaseException:
        shutil.rmtree(into, ignore_errors=True)
        raise


def _unpack(archive: Path, into: Path, durable: bool) -> dict[str, Any]:
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            manifest = _read_manifest(tar)
            expected: dict[str, tuple[int, str]] = manifest["_files"]
            seen: set[str] = set()
            for member in tar:
                if member is manifest["_member"]:
                    continue
                rel = member.name.removeprefix("data/")
                if (
                    not member.isfile()
                    or not member.name.startswith("data/")
                    or rel not in expected
                ):
                    raise BackupError(f"it holds {member.name!r}, which its manifest does not list")
                if rel in seen:
                    raise BackupError(f"it holds {member.name!r} twice")
                seen.add(rel)
                size, sha = expected[rel]
                source = tar.extractfile(member)
                assert source is not None
                target = into / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                digest, written = hashlib.sha256(), 0
                with open(target, "wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        written += len(chunk)
                        out.write(chunk)
                    if durable:
                        out.flush()
                        os.fsync(out.fileno())
                if written != size or digest.hexdigest() != sha:
                    raise BackupError(f"{member.name} is not what its manifest says (damaged)")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise BackupError(f"it is not a readable tar.gz archive ({exc})") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"it lacks {len(missing)} file(s) its manifest lists, e.g. {missing[0]}")
    for sub in ("classes", "users", "index"):
        (into / sub).mkdir(exist_ok=True)
    schema = check_folder(into, sorted(seen))
    if schema != manifest["schema_version"]:
        raise BackupError(
            f"its data is schema {schema} but its manifest says {manifest['schema_version']}"
        )
    for folder in (into, into / "classes", into / "users", into / "index"):
        if durable:
            fsync_dir(folder)
    del manifest["_files"], manifest["_member"]
    return manifest


# -- restoring ------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


@dataclass
class Restored:
    """What a restore did: the manifest of the archive, and where the old data was put."""

    manifest: dict[str, Any]
    kept_aside: Path | None


def restore(archive: Path, data_dir: Path) -> Restored:
    """Replace `data_dir` by the archive's contents, after checking all of it.

    Refuses (BackupError) while a bot holds the folder, and changes nothing on any problem."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    data_dir = data_dir.absolute()
    fresh = data_dir.with_name(f"{data_dir.name}.restore-{stamp}")
    aside = data_dir.with_name(f"{data_dir.name}.before-restore-{stamp}")
    if not data_dir.exists():
        manifest = check_archive(archive, fresh, durable=True)
        fresh.rename(data_dir)
        fsync_dir(data_dir.parent)
        return Restored(manifest, None)
    with lock_folder(data_dir) as locked:
        if not locked:
            raise BackupError(
                f"the bot (pid {holder_pid(data_dir)}) is running on {data_dir}. Stop it first; "
                "nothing was changed"
            )
        if os.path.ismount(data_dir):
            # A Docker volume cannot be renamed: swap its entries instead (see _swap_inside).
            fresh, aside = data_dir / f".restore-{stamp}", data_dir / f".before-restore-{stamp}"
            manifest = check_archive(archive, fresh, durable=True)
            _swap_inside(data_dir, fresh, aside)
            return Restored(manifest, aside)
        manifest = check_archive(archive, fresh, durable=True)
        os.chmod(fresh, stat.S_IMODE(data_dir.stat().st_mode))
        # Every check passed: now the swap, in one step where the system allows it.
        if _exchange(fresh, data_dir):
            fresh.rename(aside)
        else:
            data_dir.rename(aside)
            fresh.rename(data_dir)
        fsync_dir(data_dir.parent)
    return Restored(manifest, aside)


def _swap_inside(data_dir: Path, fresh: Path, aside: Path) -> None:
    """Move the folder's data aside and the restored files in, entry by entry, inside a
    folder that cannot itself be renamed. Not one step, but every step is a rename, the caller
    holds the lock (no bot can start meanwhile), and both copies stay complete throughout."""
    aside.mkdir(mode=0o700)
    keep = {".lock", fresh.name, aside.name}
    for entry in sorted(data_dir.iterdir()):
        if entry.name not in keep and not entry.name.startswith(".before-restore-"):
            entry.rename(aside / entry.name)
    fsync_dir(data_dir)
    for entry in sorted(fresh.iterdir()):
        entry.rename(data_dir / entry.name)
    fresh.rmdir()
    fsync_dir(data_dir)
