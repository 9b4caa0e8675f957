"""py3langid's language model, with its byte automaton packed to the 17 bits an entry needs.

The library reads a message by walking an automaton over its bytes: a table of some 9.8
million next states, 39 MB as 32-bit integers, for fewer than 2^17 states. Packed as 16 low
bits and one high bit per entry it takes 21 MB; the model, the walk and every score are the
library's own. Should a later model have more states than 17 bits can name, its table is used
as the library gives it.

Unpacking the library's compressed model takes 0.7 s of CPU at every start of every process
(the bot, `bot.py ask`, each test's bot); the packed arrays are kept beside the trained models
(`keep_in`, set by the content loader) and mapped from there, never copied: the pages a message
touches are read in, and they stay the kernel's page cache (shared by every process reading
the model, and dropped under pressure) rather than the bot's own memory. A missing or damaged
file only costs the unpacking.
"""

from __future__ import annotations

from array import array
from functools import cache
from importlib.metadata import version
from typing import Any, Protocol

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

HIGH_BIT = 16
# The shape of the kept file: change it with what `_unpacked` returns.
KEPT_FORMAT = 2
_PARTS = ("ptc", "pc", "classes", "low", "high", "row", "output")

# Where the packed model is kept between runs (the model cache); None: nowhere.
_store: ArrayStore | None = None


class PackedStates:
    """The automaton's next-state table, read one entry at a time as the library's walk does."""

    __slots__ = ("_high", "_low")

    def __init__(self, low: memoryview, high: memoryview) -> None:
        """The table from its 16 low bits per entry and its high bits, eight to a byte (views
        of unsigned 16-bit and 8-bit integers, in memory or in a mapped file)."""
        self._low = low
        self._high = high

    @classmethod
    def packed(cls, states: np.ndarray) -> PackedStates:
        """Pack `states` (each below 2^17)."""
        high = np.packbits((states >> HIGH_BIT).astype(np.uint8), bitorder="little")
        return cls(states.astype(np.uint16).data, high.data)

    def __len__(self) -> int:
        """How many entries the table has."""
        return len(self._low)

    def __getitem__(self, index: int) -> int:
        """The entry at `index`."""
        return self._low[index] | ((self._high[index >> 3] >> (index & 7)) & 1) << HIGH_BIT

    def parts(self) -> tuple[np.ndarray, np.ndarray]:
        """The low bits and the high bits, as arrays to keep."""
        return np.asarray(self._low, dtype=np.uint16), np.asarray(self._high, dtype=np.uint8)


class ArrayStore(Protocol):
    """Where arrays are kept between runs (`content.model_cache.ModelCache`)."""

    def load_arrays(self, name: str) -> dict[str, Any] | None:
        """The arrays kept under `name`, or None."""

    def save_arrays(self, name: str, arrays: dict[str, Any]) -> None:
        """Keep `arrays` under `name`."""


def keep_in(store: ArrayStore | None) -> None:
    """Keep the packed model in `store` from now on (None: unpack it at every start)."""
    global _store
    _store = store
    identifier.cache_clear()


def _kept_name() -> str:
    """The kept arrays' name, with the library's version (its model changes with it)."""
    return f"langid-{version('py3langid')}-packed-{KEPT_FORMAT}"


@cache
def identifier() -> LanguageIdentifier:
    """The library's identifier over its own model, the next-state table packed (read from the
    kept file when there is one)."""
    kept = _store.load_arrays(_kept_name()) if _store is not None else None
    if kept is not None and set(_PARTS) <= set(kept):
        return _from_parts(kept)
    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    states = np.frombuffer(nextmove, dtype=np.uint32)
    if len(states) and int(states.max()) >= 1 << (HIGH_BIT + 1):
        return LanguageIdentifier(
            np.asarray(ptc), np.asarray(pc), classes, nextmove, array("i", output), tk_row=row
        )
    low, high = PackedStates.packed(states).parts()
    parts = {
        "ptc": np.asarray(ptc),
        "pc": np.asarray(pc),
        "classes": np.array(classes),
        "low": low,
        "high": high,
        "row": np.frombuffer(row, dtype=np.uint16 if row.itemsize == 2 else np.uint32),
        "output": np.asarray(output, dtype=np.int32),
    }
    if _store is not None:
        _store.save_arrays(_kept_name(), parts)
    # Built from the very arrays that are kept, so a first start and a later one read alike.
    return _from_parts(parts)


def _from_parts(parts: dict[str, Any]) -> LanguageIdentifier:
    """The identifier over the packed model's arrays (see `_PARTS`), read in place: the walk
    indexes the tables through memoryviews, as quick as Python arrays and never a copy."""
    return LanguageIdentifier(
        parts["ptc"],
        parts["pc"],
        [str(label) for label in parts["classes"].tolist()],
        PackedStates(parts["low"].data, parts["high"].data),
        parts["output"].data,
        tk_row=parts["row"].data,
    )
