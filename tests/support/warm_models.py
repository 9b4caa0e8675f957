"""Train the bot's models once, before the test workers start, so they find them in the cache.

On a machine that has never run the suite (CI's fresh clone), every xdist worker and every bot
process started by a test would otherwise train the same FAQ classifiers and learned safety nets
at once: about 23 s of CPU each, on two cores. Trained here, split over two processes, they are
written to the model cache (`content.model_cache`) that all of them read. A marker named by a
digest of the code and content they are trained from skips the work when it was done before; a
stale or missing marker only costs the training the workers would have done themselves.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from content.model_cache import default_folder

REPO = Path(__file__).resolve().parents[2]
# What the trained models depend on: the examples and word lists, and the code that reads them.
SOURCES = ("content", "domain")
# Each process's share: about the same training time each (the learned nets weigh most).
SHARES: tuple[tuple[bool, tuple[str, ...]], ...] = ((True, ("en",)), (False, ("es", "fr", "de")))


def digest() -> str:
    """A name for the sources the models are trained from, as they are on disk now."""
    sha = hashlib.sha256()
    for top in SOURCES:
        for path in sorted((REPO / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                sha.update(str(path.relative_to(REPO)).encode())
                sha.update(path.read_bytes())
    return sha.hexdigest()[:24]


def _train(share: tuple[bool, Sequence[str]]) -> None:
    """Load the content and train its share of the models into the default cache folder."""
    from content.loader import load_content

    learned, languages = share
    content = load_content()
    if learned and content.safety.model.learned is not None:
        content.safety.model.learned.started().result()
    for lang in languages:
        content.matcher_for(lang)


def warm() -> None:
    """Train every model into the cache unless the marker says it was done for these sources."""
    marker = default_folder() / f"warm-{digest()}.done"
    if marker.exists():
        return
    # Fresh interpreters: the test runner's own state is not copied into them.
    try:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(len(SHARES), mp_context=context) as pool:
            list(pool.map(_train, SHARES))
    except Exception:  # broken content or no processes: the tests themselves report it
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:  # no usable cache folder: the workers train as before
        pass
