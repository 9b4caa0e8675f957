"""Backups of the data folder: a consistent archive, and a checked, atomic restore.

A backup is a state the store really had, never a copy torn across files:

- `freeze` runs ON the storage thread (the one thread that writes), so no write can happen
  while it works. It waits for the folds under way (the compactor threads are the only other
  writers, and nothing can start a new fold meanwhile), then hard-links every data file into a
  staging folder inside the data folder and notes each file's size. That takes milliseconds,
  and it is the backup's moment: every write acknowledged before it is in the archive, and
  nothing written after it.
- After the freeze the store carries on. What was frozen cannot change under the archive: a
  snapshot is only ever replaced by a new file (the link keeps the old one), and a journal only
  grows by appends beyond the noted size (bytes up to it are never rewritten).
- `write_archive` then reads the staged files, up to their noted sizes, into a tar.gz with a
  manifest (versions, time, every file's size and SHA-256), off the storage thread.

When no bot is running, `bot.py backup` takes the folder's lock itself (so no bot can start
meanwhile) and archives the files as they are. While one runs, it asks it for a freeze through
a request file that the bot picks up (`jobs/backup.py`), because the bot holds the lock.

A restore checks everything before it touches anything: the manifest, every file's size and
hash, that every file loads with the storage's own loader, and that the schema is not newer
than this code's. It unpacks into a folder beside the data folder and then swaps the two, so
the data folder is at every instant either the old one or the restored one; the old one is
kept aside.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import stat
import tarfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storage.database import SCHEMA_VERSION, Database
from storage.journal import StorageCorruptError, fsync_dir, load_json_file, replay

__all__ = [
    "BackupError",
    "Frozen",
    "check_archive",
    "data_files",
    "freeze",
    "lock_folder",
    "restore",
    "write_archive",
]

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
# Inside the data folder: the bot's staged links, requests from `bot.py backup`, and a note of
# the last backup for /status. None of them is a data file, and none goes into an archive.
STAGING_DIR = ".backup-staging"
REQUESTS_DIR = ".backup-requests"
LAST_BACKUP = ".last-backup.json"
# The data files, by their path in the folder: the snapshot and its journals.
_DATA_FILE = re.compile(
    r"^(global|(index|users)/\d{2}|classes/[A-Za-z0-9_-]{1,64})\.json(\.journal(\.old)?)?$"
)
_CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, for the person."""


@dataclass
class Frozen:
    """The data files as they were at one moment: where each is staged and its size then."""

    folder: Path  # where the files are read from (the staging folder, or the data folder)
    files: list[tuple[str, int]]
    schema_version: int
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


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
            if _DATA_FILE.match(rel) and entry.is_file(follow_symlinks=False):
                found.append(rel)
    return sorted(found)


def freeze(db: Database, staging: Path) -> Frozen:
    """Stage every data file as it is now (call on the storage thread, see the module doc)."""
    assert db.folder is not None
    if db.compactor is not None:
        db.compactor.wait_all()  # a fold swaps a snapshot and deletes a journal: let it finish
    files: list[tuple[str, int]] = []
    for rel in data_files(db.folder):
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(db.folder / rel, target)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            # A filesystem without hard links: a copy, still taken while nothing writes.
            shutil.copyfile(db.folder / rel, target)
        files.append((rel, target.stat().st_size))
    return Frozen(staging, files, db.schema_version)


def freeze_idle(folder: Path) -> Frozen:
    """The files of a folder no bot is using (the caller holds its lock), as they are."""
    files = [(rel, (folder / rel).stat().st_size) for rel in data_files(folder)]
    return Frozen(folder, files, _schema_of(folder))


def _read(path: Path, size: int) -> Iterator[bytes]:
    """The first `size` bytes of a file, in chunks (a journal may have grown since)."""
    with open(path, "rb") as fh:
        left = size
        while left > 0:
            chunk = fh.read(min(_CHUNK, left))
            if not chunk:
                raise BackupError(f"{path} became shorter while it was being archived")
            left -= len(chunk)
            yield chunk


class _Prefix(io.RawIOBase):
    """A file object giving the bytes of `_read` (tarfile copies from a file object)."""

    def __init__(self, path: Path, size: int) -> None:
        self._chunks = _read(path, size)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._buffer:
            self._buffer = next(self._chunks, b"")
        n = min(len(buffer), len(self._buffer))
        buffer[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def write_archive(frozen: Frozen, out: Path, app_version: str) -> dict[str, Any]:
    """Write the frozen files and a manifest to `out` (a tar.gz, readable only by its owner);
    returns the manifest. `out` appears whole or not at all."""
    listed = []
    for rel, size in frozen.files:
        digest = hashlib.sha256()
        for chunk in _read(frozen.folder / rel, size):
            digest.update(chunk)
        listed.append({"path": rel, "size": size, "sha256": digest.hexdigest()})
    manifest = {
        "format": ARCHIVE_FORMAT,
        "app_version": app_version,
        "schema_version": frozen.schema_version,
        "created_at": frozen.at.isoformat(timespec="seconds"),
        "files": listed,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    mtime = frozen.at.timestamp()
    try:
        # The archive holds children's names and birth dates: only its owner may read it.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            body = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), mtime, 0o600
            tar.addfile(info, io.BytesIO(body))
            for rel, size in frozen.files:
                info = tarfile.TarInfo(f"data/{rel}")
                info.size, info.mtime, info.mode = size, mtime, 0o600
                tar.addfile(info, io.BufferedReader(_Prefix(frozen.folder / rel, size)))
            tar.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, out)
        fsync_dir(out.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return manifest


# -- the folder lock --------------------------------------------------------------------------


@contextlib.contextmanager
def lock_folder(folder: Path) -> Iterator[bool]:
    """Hold the data folder's lock (the one a bot takes at start) while the block runs.

    Yields False, holding nothing, when a bot holds it."""
    fh = open(folder / ".lock", "a+")  # noqa: SIM115 - closed below
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    finally:
        fh.close()


def holder_pid(folder: Path) -> str:
    """The pid the bot holding the folder wrote into its lock file (or "unknown")."""
    try:
        return (folder / ".lock").read_text().strip() or "unknown"
    except OSError:
        return "unknown"


# -- checking -------------------------------------------------------------------------------


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


def _schema_of(folder: Path) -> int:
    meta = load_tables(folder, "global.json").get("meta", {}).get("1")
    return int(meta["schema_version"]) if isinstance(meta, dict) else 0


def check_folder(folder: Path, files: list[str]) -> int:
    """Load every file of `files` in `folder` with the storage's loader; returns the schema
    version stored in it. Raises BackupError saying what is wrong."""
    bases = sorted({re.sub(r"\.journal(\.old)?$", "", rel) for rel in files})
    if "global.json" not in bases:
        raise BackupError("it holds no global.json, so it is not a backup of a data folder")
    try:
        for base in bases:
            load_tables(folder, base)
        return _schema_of(folder)
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
    bad = [p for p in files if not _DATA_FILE.match(p)]
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
                    while chunk := source.read(_CHUNK):
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


# -- the note for /status -------------------------------------------------------------------


def record_backup(data_dir: Path, note: dict[str, Any]) -> None:
    """Remember the last backup (or its failure) in the data folder, for /status."""
    tmp = data_dir / (LAST_BACKUP + ".tmp")
    tmp.write_text(json.dumps({"at": time.time(), **note}))
    os.replace(tmp, data_dir / LAST_BACKUP)


def last_backup(data_dir: Path) -> dict[str, Any] | None:
    """The note of the last backup, or None when there was none (or it is unreadable)."""
    try:
        note = json.loads((data_dir / LAST_BACKUP).read_text())
    except (OSError, ValueError):
        return None
    return note if isinstance(note, dict) and isinstance(note.get("at"), int | float) else None
