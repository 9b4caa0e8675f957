"""Trains the safety net's learned crisis model from `content/safety/learn/` and the content.

`learn/<name>-<lang>.tsv` files hold messages labelled `crisis` or `none` (written as parents
write, in every language the safety net reads; a health reviewer can read and extend them). The
everyday side also takes every FAQ example question, out-of-scope example and everyday-intent
example we have, in every language: thousands of ordinary messages the model must leave alone.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path

from content.errors import ContentError
from domain.classifier import ModelStore
from domain.safety_learned import CRISIS, EVERYDAY, LearnedNet, train

LABELS = (CRISIS, EVERYDAY)


def read_learning(folder: Path) -> list[tuple[str, str]]:
    """The labelled messages of every `*.tsv` in `folder` (sorted, so training is repeatable)."""
    rows: list[tuple[str, str]] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
                message = (row.get("message") or "").strip()
                label = (row.get("label") or "").strip()
                if not message or label not in LABELS:
                    problems.append(f"{path}:{number}: needs a message and a label in {LABELS}")
                    continue
                rows.append((message, label))
    if problems:
        raise ContentError(problems)
    return rows


def learned_check(
    folder: Path, everyday: Iterable[str], store: ModelStore | None = None
) -> Callable[[str], bool] | None:
    """The learned net's check, trained in a background thread so start-up does not wait the
    seconds it takes; a message checked before it is ready waits for it (never a crisis missed
    for being early). The training files are read and checked here, at once: a broken file stops
    the load with its name. None when there are no crisis messages to learn from."""
    rows = read_learning(folder) if folder.is_dir() else []
    if not any(label == CRISIS for _, label in rows):
        return None
    texts = [message for message, _ in rows]
    labels = [label for _, label in rows]
    for text in everyday:
        texts.append(text)
        labels.append(EVERYDAY)
    trained: Future[LearnedNet] = Future()

    def work() -> None:
        try:
            trained.set_result(train(texts, labels, store))
        except BaseException as exc:  # handed to the first check, which raises it
            trained.set_exception(exc)

    threading.Thread(target=work, name="crisis-model", daemon=True).start()
    return lambda text: trained.result().is_crisis(text)
