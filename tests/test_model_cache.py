"""Trained models kept on disk (content.model_cache): a restart reads the model instead of
training it again, and a damaged or unwritable cache only costs the training time. Stopping the
bot while models are being built does not wait for them, and leaves no half-written one."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
import types
from collections import Counter
from pathlib import Path

import pytest

from content.model_cache import ModelCache
from domain.classifier import code_digest, train
from handlers.concurrency import in_background
from tests.support.process import ROOT

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


def test_a_model_named_by_its_code_is_read_without_reading_every_example(tmp_path: Path) -> None:
    # The safety nets read 17,000 messages: a restart must not work out all their features only
    # to find the kept model. Another version of the code that reads them is another model.
    cache = ModelCache(tmp_path / "models")
    read: list[str] = []

    def counted(text: str) -> Counter[str]:
        read.append(text)
        return words(text)

    first = train(EXAMPLES, counted, store=cache, features_code="reader v1")
    assert first is not None and len(read) >= len(EXAMPLES)
    read.clear()
    again = train(EXAMPLES, counted, store=cache, features_code="reader v1")
    assert again is not None and read == []
    assert again.probabilities(QUESTION) == first.probabilities(QUESTION)
    train(EXAMPLES, counted, store=cache, features_code="reader v2")
    assert len(read) >= len(EXAMPLES)
    assert len(list((tmp_path / "models").glob("*.pickle"))) == 2


def test_code_without_readable_source_has_no_name_so_models_are_named_by_features() -> None:
    # A build shipped as bytecode only: no name can be given to the code, so `train` falls back
    # to naming a model by every example's features (None), never by a name that cannot change.
    assert code_digest(types.ModuleType("compiled_only")) is None
    assert code_digest(sys.modules[__name__]) == code_digest(sys.modules[__name__])


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


async def test_stopping_the_bot_does_not_wait_for_a_model_being_built() -> None:
    release = threading.Event()
    never_hang = threading.Timer(30, release.set)  # should the shutdown below wait for the build
    never_hang.start()
    building = in_background("model-build", lambda: "built" if release.wait() else "")
    try:
        # What asyncio.run does once the bot has stopped: shut its default executor down,
        # waiting for every call on it.
        await asyncio.get_running_loop().shutdown_default_executor()
        assert not release.is_set()  # done while the build was still under way
        # Nor does the interpreter wait for the build's thread at exit.
        (thread,) = [t for t in threading.enumerate() if t.name == "model-build"]
        assert thread.daemon
    finally:
        release.set()
        never_hang.cancel()
    assert await building == "built"


def test_a_model_being_written_when_the_process_ends_is_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    # A process that ends while a background thread is halfway through writing a model.
    script = textwrap.dedent(
        """
        import sys, threading
        from pathlib import Path
        from content.model_cache import ModelCache

        halfway = threading.Event()

        class Endless:
            def __reduce__(self):
                halfway.set()
                threading.Event().wait()

        value = [bytes(1_000_000), Endless()]
        cache = ModelCache(Path(sys.argv[1]))
        threading.Thread(target=cache.save, args=("key", value), daemon=True).start()
        halfway.wait()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)], cwd=ROOT, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert any(path.stat().st_size > 0 for path in folder.iterdir())  # it was writing
    cache = ModelCache(folder)
    assert cache.load("key") is None  # so the next start trains it again
    cache.save("key", {"whole": True})
    assert cache.load("key") == {"whole": True}
