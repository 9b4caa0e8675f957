"""A trained model's vocabulary kept small: the column of each feature it knows (a word, a word
pair, a character n-gram), found by the feature's hash in a sorted array.

The safety nets know some 200,000 features each. As a dict of strings that is about 30 MB per
net, most of the bot's memory after its data; as two arrays it is 3 MB, and a message's few
hundred features are found in one vectorised search, as fast as the dict was.

A hash is not the feature: two features with one hash would be one column. Among the features a
model knows, that is checked when the arrays are built (the dict is kept instead, should it ever
happen). A feature the model does not know sharing a known one's 64-bit hash has a chance of
about one in 10^14 per message, and would move one weight of a linear model a little.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

Indices = npt.NDArray[np.intp]


class FeatureColumns:
    """Which column each known feature has; `find` looks up many features at once."""

    def __init__(self, columns: Mapping[str, int], hasher: Callable[[str], int] = hash) -> None:
        """The columns of a model's features. `hasher` is the string hash (Python's own, which
        is stable within one process: the arrays are built at every start, never stored)."""
        self._hasher = hasher
        keys = list(columns)
        hashes = np.fromiter((hasher(key) for key in keys), dtype=np.int64, count=len(keys))
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._columns = np.fromiter((columns[key] for key in keys), dtype=np.intp, count=len(keys))[
            order
        ]
        clashes = bool(np.any(self._hashes[1:] == self._hashes[:-1]))
        self._exact: dict[str, int] | None = dict(columns) if clashes else None

    def __len__(self) -> int:
        """How many features the model knows."""
        return len(self._columns)

    def find(self, features: Sequence[str]) -> tuple[Indices, Indices]:
        """The columns of those of `features` the model knows, and where each stands in
        `features` (both in the order of `features`)."""
        if self._exact is not None:
            known = [
                (i, col) for i, f in enumerate(features) if (col := self._exact.get(f)) is not None
            ]
            return (
                np.fromiter((col for _, col in known), dtype=np.intp, count=len(known)),
                np.fromiter((i for i, _ in known), dtype=np.intp, count=len(known)),
            )
        if not features or not len(self._hashes):
            empty = np.zeros(0, dtype=np.intp)
            return empty, empty
        wanted = np.fromiter(map(self._hasher, features), dtype=np.int64, count=len(features))
        at = np.searchsorted(self._hashes, wanted)
        np.minimum(at, len(self._hashes) - 1, out=at)
        where = np.flatnonzero(self._hashes[at] == wanted)
        return self._columns[at[where]], where
