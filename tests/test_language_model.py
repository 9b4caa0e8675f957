"""The language model with its automaton packed (domain/language_model.py): the same table,
entry for entry, and the same ranking as the library's own model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import py3langid
import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.model_cache import ModelCache
from domain import language_model
from domain.language_model import PackedStates, identifier


@given(st.lists(st.integers(0, (1 << 17) - 1), max_size=200))
def test_every_entry_reads_back_as_it_was(values: list[int]) -> None:
    packed = PackedStates.packed(np.array(values, dtype=np.uint32))
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


@pytest.fixture
def restored() -> Iterator[None]:
    """Where the model is kept goes back to what it was (the content loader's folder)."""
    before = language_model._store
    yield
    language_model.keep_in(before)


@pytest.mark.usefixtures("restored")
def test_the_model_kept_on_disk_ranks_as_the_one_unpacked(tmp_path: Path) -> None:
    kept = tmp_path / "models"
    language_model.keep_in(ModelCache(kept))
    unpacked = identifier()  # unpacked from the library's file, and kept
    assert len(list(kept.iterdir())) == 1
    language_model.keep_in(ModelCache(kept))
    read_back = identifier()  # read from the kept file
    assert read_back is not unpacked
    assert isinstance(read_back.nb_ptc, np.memmap)  # mapped from the file, not copied in
    for message in ("mon bébé pleure", "how long should it last", "meu bebê chora"):
        assert read_back.rank(message) == py3langid.rank(message), message


@pytest.mark.usefixtures("restored")
def test_a_damaged_kept_model_is_unpacked_again(tmp_path: Path) -> None:
    language_model.keep_in(ModelCache(tmp_path))
    identifier()
    (kept,) = tmp_path.iterdir()
    table = kept / "low.npy"
    table.write_bytes(table.read_bytes()[:4096])  # cut short, as by a full disk
    language_model.keep_in(ModelCache(tmp_path))
    assert identifier().rank("mon bébé pleure") == py3langid.rank("mon bébé pleure")
    assert table.stat().st_size > 1_000_000  # written again whole
    assert [path.name for path in tmp_path.iterdir()] == [kept.name]  # nothing left beside it
