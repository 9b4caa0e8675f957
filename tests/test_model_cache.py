"""Trained models kept on disk (content.model_cache): a restart reads the model instead of
training it again, and a damaged or unwritable cache only costs the training time."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from content.model_cache import ModelCache
from domain.classifier import train

EXAMPLES = [
    ("oil", "which oil is best for massage"),
    ("oil", "can I use olive oil on her skin"),
    ("oil", "is coconut oil ok for a baby massage"),
    ("sleep", "will massage help my baby sleep"),
    ("sleep", "he wakes every hour at night"),
    ("sleep", "does a bedtime massage help sleep"),
]
QUESTION = "what oil can I use on my baby"


def words(text: str) -> Counter[str]:
    """Plain word counts: the word features these small models learn from."""
    return Counter(text.lower().split())


def test_a_second_training_reads_the_kept_model_and_answers_the_same(tmp_path: Path) -> None:
    cache = ModelCache(tmp_path / "models")
    first = train(EXAMPLES, words, store=cache)
    assert first is not None
    kept = list((tmp_path / "models").glob("*.pickle"))
    assert len(kept) == 1
    again = train(EXAMPLES, words, store=cache)
    assert again is not None
    assert again.probabilities(QUESTION) == first.probabilities(QUESTION)
    assert max(first.probabilities(QUESTION).items(), key=lambda kv: kv[1])[0] == "oil"
    # Other examples are another model, kept beside the first.
    train([*EXAMPLES, ("sleep", "naps are short")], words, store=cache)
    assert len(list((tmp_path / "models").glob("*.pickle"))) == 2


def test_a_damaged_model_file_is_trained_again_and_replaced(tmp_path: Path) -> None:
    cache = ModelCache(tmp_path / "models")
    reference = train(EXAMPLES, words)
    assert reference is not None
    train(EXAMPLES, words, store=cache)
    (kept,) = (tmp_path / "models").glob("*.pickle")
    kept.write_bytes(b"not a pickle at all")
    again = train(EXAMPLES, words, store=cache)
    assert again is not None
    assert again.probabilities(QUESTION) == reference.probabilities(QUESTION)
    assert kept.read_bytes() != b"not a pickle at all"


def test_a_cache_folder_that_is_a_file_still_trains(tmp_path: Path) -> None:
    blocker = tmp_path / "models"
    blocker.write_text("a file where the folder should be")
    classifier = train(EXAMPLES, words, store=ModelCache(blocker))
    assert classifier is not None
    assert blocker.read_text() == "a file where the folder should be"


def test_only_the_newest_models_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("content.model_cache.KEEP", 2)
    cache = ModelCache(tmp_path / "models")
    for n in range(4):
        train([*EXAMPLES, ("sleep", f"night number {n}")], words, store=cache)
    assert len(list((tmp_path / "models").glob("*.pickle"))) == 2
