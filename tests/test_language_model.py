"""The language model with its automaton packed (domain/language_model.py): the same table,
entry for entry, and the same ranking as the library's own model."""

from __future__ import annotations

import numpy as np
import py3langid
from hypothesis import given
from hypothesis import strategies as st

from domain.language_model import PackedStates, identifier


@given(st.lists(st.integers(0, (1 << 17) - 1), max_size=200))
def test_every_entry_reads_back_as_it_was(values: list[int]) -> None:
    packed = PackedStates(np.array(values, dtype=np.uint32))
    assert [packed[i] for i in range(len(packed))] == values


def test_messages_in_many_languages_rank_as_with_the_librarys_own_model() -> None:
    messages = [
        "is it ok to massage her after the bath?",
        "¿a partir de qué edad se puede empezar?",
        "mon bébé pleure pendant le massage",
        "darf ich nach der Impfung massieren",
        "meu bebê não para de chorar",
        "ik weet niet wat ik moet doen",
        "мой малыш плачет",
        "赤ちゃんのマッサージ",
        "ok",
        "🙂",
    ]
    for message in messages:
        assert identifier().rank(message) == py3langid.rank(message), message
