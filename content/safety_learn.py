"""Trains the safety net's learned crisis and emergency models from `content/safety/learn/` and
the content.

`learn/<name>-<lang>.tsv` files hold messages labelled `crisis`, `urgent` (a baby's emergency)
or `none` (written as parents write, in every language the safety net reads; a health reviewer
can read and extend them). The crisis model learns crises against the `none` messages; the
emergency model learns emergencies against everything else. The everyday side also takes
`learn/ordinary/everyday.tsv`: thousands of ordinary messages the nets must leave alone (the
FAQ's example questions and out-of-scope examples in every language, pinned by
`python -m content.pin_everyday`). `balanced-*.tsv` are read by the balanced crisis net alone
(`LearnedNet.veto`).
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path

from content.errors import ContentError
from domain.background import on_own_thread
from domain.classifier import ModelStore
from domain.safety import LearnedCheck
from domain.safety_learned import CRISIS, EVERYDAY, URGENT, LearnedNets, too_short, train

LABELS = (CRISIS, URGENT, EVERYDAY)
# The emergency model's own files; the crisis model does not read them.
EMERGENCY_FILES = "urgent"
# The balanced crisis net's own files (`LearnedNet.veto`): long everyday messages and crises in
# the languages the FAQ does not speak, where the everyday side is otherwise a few hundred.
BALANCED_FILES = "balanced"
# The ordinary messages every net learns to leave alone, as (language, message) rows. Pinned
# rather than read from the FAQ at each load: the nets moved with every new FAQ example, so an
# example that helped the matcher could take a reply from a crisis elsewhere. Now a new example
# changes the matcher only, and the nets change when this file is written again (a safety
# change, measured like any other).
EVERYDAY_FILE = Path("ordinary") / "everyday.tsv"


def read_learning(
    folder: Path, but: str | tuple[str, ...] = (), only: str = ""
) -> list[tuple[str, str, str]]:
    """The labelled messages of every `*.tsv` in `folder`, except those whose name starts with
    `but` (one or more), or only those that start with `only` (sorted, so training is
    repeatable): message, label, and language (a `lang` column's, else the name's ending:
    `crisis-pl.tsv` is Polish)."""
    rows: list[tuple[str, str, str]] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.tsv")):
        if (but and path.name.startswith(but)) or not path.name.startswith(only):
            continue
        named = path.stem.rpartition("-")[2]
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
                message = (row.get("message") or "").strip()
                label = (row.get("label") or "").strip()
                if not message or label not in LABELS:
                    problems.append(f"{path}:{number}: needs a message and a label in {LABELS}")
                    continue
                rows.append((message, label, (row.get("lang") or "").strip() or named))
    if problems:
        raise ContentError(problems)
    return rows


def read_everyday(folder: Path) -> list[tuple[str, str]]:
    """The pinned ordinary messages of `folder` (`EVERYDAY_FILE`, read as every training file
    is), as (language, message) pairs in the file's order (training is repeatable only in one
    order)."""
    path = folder / EVERYDAY_FILE
    if not path.is_file():
        raise ContentError([f"{path}: missing (python -m content.pin_everyday writes it)"])
    rows = read_learning(path.parent, only=path.name)
    if any(label != EVERYDAY for _, label, _ in rows):
        raise ContentError([f"{path}: holds only ordinary messages (label {EVERYDAY})"])
    return [(lang, message) for message, _, lang in rows]


def write_everyday(folder: Path, pairs: Iterable[tuple[str, str]]) -> None:
    """Pin `pairs` ((language, message), in training order) as `folder`'s ordinary messages."""
    path = folder / EVERYDAY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("message", "label", "lang"))
        writer.writerows((message, EVERYDAY, lang) for lang, message in pairs)


def learned_check(
    folder: Path, everyday: Iterable[tuple[str, str]], store: ModelStore | None = None
) -> LearnedCheck | None:
    """The learned nets' check (URGENT, CRISIS or None for a message), trained in a background
    thread once started (`start`, or the first check), so start-up does not wait the seconds it
    takes; a message checked before they are ready waits for them (never an emergency missed for
    being early). `everyday` is (language, message) pairs of ordinary messages. The training
    files are read and checked here, at once: a broken file stops the load with its name. None
    when there are no crisis messages to learn from."""
    if not folder.is_dir():
        return None
    # The crisis model learns from every file but the emergency model's (`urgent*`) and the
    # balanced net's own (`balanced*`): crises against everyday messages. Each file is read once.
    crisis_rows = read_learning(folder, but=(EMERGENCY_FILES, BALANCED_FILES))
    rows = crisis_rows + read_learning(folder, only=EMERGENCY_FILES)
    if not any(label == CRISIS for _, label, _ in rows):
        return None
    ordinary = [(text, EVERYDAY, lang) for lang, text in everyday]
    crisis_texts, crisis_labels, _ = zip(*crisis_rows, *ordinary, strict=True)
    # The balanced crisis net: the same messages and its own, each language weighed alike.
    balanced = crisis_rows + read_learning(folder, only=BALANCED_FILES) + ordinary
    balanced_texts, balanced_labels, balanced_langs = zip(*balanced, strict=True)
    # The emergency model: emergencies against everything else (a crisis is not a baby's
    # emergency: the crisis model answers it).
    urgent_texts, urgent_labels, _ = zip(*rows, *ordinary, strict=True)
    urgent_labels = tuple(URGENT if label == URGENT else EVERYDAY for label in urgent_labels)
    learns_urgent = URGENT in urgent_labels

    def work() -> LearnedNets:
        veto = train(balanced_texts, balanced_labels, store, CRISIS, balanced_langs)
        nets = [train(crisis_texts, crisis_labels, store, CRISIS, veto=veto)]
        if learns_urgent:
            nets.insert(0, train(urgent_texts, urgent_labels, store, URGENT))
        return LearnedNets(tuple(nets))

    return _Check(work)


class _Check:
    """The learned nets' check once they are trained (`domain.safety.LearnedCheck`).

    The training (from the model cache: seconds of CPU all the same) starts when asked to
    (`start`, after start-up) or at the first check, not when the content is loaded: a thread
    of pure Python beside the storage thread opening the data folder made every hand-over of
    the interpreter's lock there wait out its switch interval (5 ms) on an idle 2-core machine,
    and opening a 50-class folder took 1.7 s instead of 0.1 s."""

    def __init__(self, work: Callable[[], LearnedNets]) -> None:
        self._work = work
        self._trained: Future[LearnedNets] | None = None
        self._starting = threading.Lock()

    def started(self) -> Future[LearnedNets]:
        """Train the nets (or load them from the model cache) on a thread of their own, once;
        the training's Future."""
        with self._starting:
            if self._trained is None:
                self._trained = on_own_thread("safety-models", self._work)
            return self._trained

    @property
    def ready(self) -> bool:
        """Whether the nets are trained (a check now answers at once)."""
        return self._trained is not None and self._trained.done()

    def __call__(self, text: str, framed: bool = False) -> str | None:
        """URGENT, CRISIS or None for `text`, starting and waiting for the training if need be
        (a training that failed raises here); a message too short for the nets ("/start",
        "thanks!") is answered at once. `framed`: a frame explained the message's red flag
        away (see LearnedNets.kind)."""
        if too_short(text):
            return None
        return self.started().result().kind(text, framed)

    def crisis_beside(self, text: str) -> bool:
        """Whether `text`, an emergency by the rules, is also read surely as a parent in crisis
        (see LearnedNets.crisis_beside); waits for the training like a check."""
        if too_short(text):
            return False
        return self.started().result().crisis_beside(text)
