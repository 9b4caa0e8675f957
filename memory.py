"""Keeping the bot's memory small once what it loads at start is in place.

Loading the content, the trained models and the data folder makes and drops many temporary
objects. Python gives the freed space back to the C allocator, which keeps most of it for
later rather than returning it to the system: some 20 MB after start-up. `settle_memory`
collects once, exempts what is alive from later collections, and asks the allocator to return
what it holds free.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where the C library has none (macOS, musl)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] | None = getattr(ctypes.CDLL(name), "malloc_trim", None)
    except OSError:
        return None
    return trim


def return_free_memory() -> None:
    """Give the memory the allocator holds free back to the system (a few ms; the call lets
    other threads run meanwhile)."""
    trim = _trim()
    if trim is not None:
        trim(0)


def settle_memory(collect: bool = True) -> None:
    """After loading: collect once (unless `collect` is False: a background thread, whose full
    collection would pause the event loop), then exempt everything alive from later collections
    (`gc.freeze`): the loaded data is long-lived, and a full collection walking hundreds of MB
    of it would pause every reply for most of a second. Then return the freed memory."""
    if collect:
        gc.collect()
    gc.freeze()
    return_free_memory()
