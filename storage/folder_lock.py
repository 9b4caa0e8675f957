"""The data folder's lock, for the commands that work on a folder no bot may use meanwhile
(`bot.py backup` when no bot runs, `bot.py restore`).

It is the lock a running bot takes at start and holds for its life (storage/database.py): a
flock on `<data folder>/.lock`, into which the bot writes its pid.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

__all__ = ["holder_pid", "lock_folder"]


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
