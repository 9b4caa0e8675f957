"""Trained models kept on disk between runs, so a restart does not train them again.

Training the FAQ classifiers and the learned crisis net takes seconds of CPU at every start
(about ten on this project's 2-core machine), during which the first replies and due messages
wait. The same examples always give the same model (fixed seed), so the trained parts are kept
in a cache folder under a key that names everything they were trained from (see
`domain.classifier.train`): a change of example, word list, setting or library version gives a
new key, and an old file is never read for it.

The folder is `MODEL_CACHE_DIR`, else `$XDG_CACHE_HOME/iaim-bot`, else `~/.cache/iaim-bot`. It
holds only what the bot wrote itself (files are read with pickle, so the folder must be as
private as the bot's own code). A missing, unwritable or damaged cache only costs the training
time: every failure here falls back to training.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import numpy as np

log = logging.getLogger(__name__)

# Enough for every language's matcher and the crisis net of a few content versions; older
# files are removed when a new one is written.
KEEP = 24


def default_folder() -> Path:
    """Where the models are kept unless a folder is given."""
    configured = os.environ.get("MODEL_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iaim-bot"


class ModelCache:
    """Pickled trained models in one folder, one file per key."""

    def __init__(self, folder: Path | None = None) -> None:
        """Keep models in `folder` (the default folder when None); it is made when first used."""
        self.folder = folder if folder is not None else default_folder()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def load(self, key: str) -> object | None:
        """The model stored under `key`, or None when there is none (or it cannot be read)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:  # none kept yet, or no usable folder: train
            return None
        try:
            # Written by this bot only (see above).
            value: object = pickle.loads(data)
        except Exception as exc:  # damaged, or from an incompatible library: train again
            log.warning("Ignoring the cached model %s (%s); training it again.", path.name, exc)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return value

    def save(self, key: str, value: object) -> None:
        """Store `value` under `key` (whole or not at all), and drop the oldest files."""
        if self._write(
            self._path(key),
            lambda file: pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL),
        ):
            self._prune()

    def load_arrays(self, name: str) -> dict[str, Any] | None:
        """The numpy arrays kept under `name`, mapped from their files read-only (the kernel
        reads in the pages a message touches and may drop them again under pressure: the
        language model's 47 MB never become the bot's own memory), or None when there are none
        that can be read."""
        folder = self.folder / name
        try:
            files = sorted(folder.glob("*.npy"))
            if not files:
                return None
            return {path.stem: np.load(path, mmap_mode="r", allow_pickle=False) for path in files}
        except Exception as exc:  # damaged, or from another numpy: made again
            log.warning("Ignoring the kept arrays %s (%s).", name, exc)
            return None

    def save_arrays(self, name: str, arrays: dict[str, Any]) -> None:
        """Keep numpy arrays under `name`, one file each in a folder of that name (whole or not
        at all: written beside it, then swapped in; a process still mapping the old files
        keeps reading them)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=self.folder, suffix=".tmp"))
            try:
                for part, array in arrays.items():
                    np.save(staging / f"{part}.npy", array, allow_pickle=False)
                target = self.folder / name
                if target.exists():  # damaged (it was not read): set aside, then removed
                    old = Path(tempfile.mkdtemp(dir=self.folder, suffix=".old"))
                    target.replace(old / name)
                    staging.replace(target)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    staging.replace(target)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        except OSError as exc:
            log.info("Could not keep %s in %s (%s).", name, self.folder, exc)
        # The single-file layout of earlier versions is never read again.
        for old_layout in self.folder.glob("*.npz"):
            old_layout.unlink(missing_ok=True)

    def _write(self, path: Path, write: Callable[[IO[bytes]], object]) -> bool:
        """Write a file of the folder through a temporary one, so it is whole or absent;
        whether it was written (a failure is logged: it only costs the work again)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    write(file)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.info("Could not keep %s in %s (%s).", path.name, self.folder, exc)
            return False
        return True

    def _prune(self) -> None:
        """Remove all but the KEEP most recently written models."""
        files = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            old.unlink(missing_ok=True)
