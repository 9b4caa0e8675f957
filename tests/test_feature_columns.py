"""The compact vocabulary of the learned models (domain/feature_columns.py): every known
feature is found at its column, unknown ones are not, even when two hashes clash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.feature_columns import FeatureColumns

WORDS = st.text(alphabet="abcdeé ", min_size=1, max_size=6)


def _found(columns: FeatureColumns, features: list[str]) -> dict[int, int]:
    cols, where = columns.find(features)
    return dict(zip(where.tolist(), cols.tolist(), strict=True))


@given(st.dictionaries(WORDS, st.integers(0, 10**6), max_size=60), st.lists(WORDS, max_size=40))
def test_a_feature_is_found_at_its_column_exactly_when_the_model_knows_it(
    known: dict[str, int], asked: list[str]
) -> None:
    expected = {i: known[f] for i, f in enumerate(asked) if f in known}
    assert _found(FeatureColumns(known), asked) == expected


@given(
    st.dictionaries(WORDS, st.integers(0, 10**6), min_size=2, max_size=60),
    st.lists(WORDS, max_size=40),
)
def test_features_whose_hashes_clash_keep_their_own_columns(
    known: dict[str, int], asked: list[str]
) -> None:
    # Every feature shares one hash here: the exact lookup must take over.
    expected = {i: known[f] for i, f in enumerate(asked) if f in known}
    assert _found(FeatureColumns(known, hasher=lambda _: 7), asked) == expected


def test_a_model_without_features_finds_none() -> None:
    assert _found(FeatureColumns({}), ["bath", "oil"]) == {}
    assert _found(FeatureColumns({"oil": 3}), []) == {}
