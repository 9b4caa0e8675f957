"""py3langid's language model, with its byte automaton packed to the 17 bits an entry needs.

The library reads a message by walking an automaton over its bytes: a table of some 9.8
million next states, 39 MB as 32-bit integers, for fewer than 2^17 states. Packed as 16 low
bits and one high bit per entry it takes 21 MB; the model, the walk and every score are the
library's own. Should a later model have more states than 17 bits can name, its table is used
as the library gives it.
"""

from __future__ import annotations

from array import array
from functools import cache

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

HIGH_BIT = 16


class PackedStates:
    """The automaton's next-state table, read one entry at a time as the library's walk does."""

    __slots__ = ("_high", "_low")

    def __init__(self, states: np.ndarray) -> None:
        """Pack `states` (each below 2^17)."""
        self._low = array("H", states.astype(np.uint16).tobytes())
        self._high = np.packbits((states >> HIGH_BIT).astype(np.uint8), bitorder="little").tobytes()

    def __len__(self) -> int:
        """How many entries the table has."""
        return len(self._low)

    def __getitem__(self, index: int) -> int:
        """The entry at `index`."""
        return self._low[index] | ((self._high[index >> 3] >> (index & 7)) & 1) << HIGH_BIT


@cache
def identifier() -> LanguageIdentifier:
    """The library's identifier over its own model, the next-state table packed (loaded at the
    first message, as the library's own is)."""
    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    states = np.frombuffer(nextmove, dtype=np.uint32)
    table: PackedStates | array[int] = nextmove
    if not len(states) or int(states.max()) < 1 << (HIGH_BIT + 1):
        table = PackedStates(states)
    return LanguageIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, table, array("i", output), tk_row=row
    )
