"""Loads and validates everything under `content/` at once, reporting every problem together."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from content.errors import ContentError
from content.faq import FaqEntry, load_faq
from content.intent_pack import load_intents
from content.lessons import Lesson, Outline, load_lessons
from content.match_pack import load_lexicons
from content.safety_pack import SafetyPack, load_safety
from content.texts import Texts, load_texts
from domain.faq_match import FaqMatcher
from domain.intent import IntentModel
from domain.lexicon import Lexicon

CONTENT_DIR = Path(__file__).resolve().parent
T = TypeVar("T")


@dataclass(frozen=True)
class Content:
    """All the bot's words: message templates, FAQ entries, weekly lessons and the outline, and
    the safety net's rules, words, replies and numbers."""

    texts: Texts
    faq: dict[str, FaqEntry]
    lessons: dict[int, Lesson]
    outline: Outline
    safety: SafetyPack
    intents: IntentModel
    lexicons: Mapping[str, Lexicon]

    @cached_property
    def matcher(self) -> FaqMatcher:
        """The FAQ matcher over the examples, with the safety model checked first (built once:
        indexing the examples takes a moment)."""
        model = self.safety.model
        return FaqMatcher(
            {fid: entry.examples for fid, entry in self.faq.items()},
            self.lexicons["en"],
            safety=lambda text: model.check(text).kind,
        )


def _attempt(problems: list[str], load: Callable[[Path], T], path: Path) -> T | None:
    """Run one loader, collecting its problems instead of stopping at the first file."""
    try:
        return load(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


def load_content(root: Path = CONTENT_DIR) -> Content:
    """Load every content file under `root`; raise one ContentError listing every problem."""
    problems: list[str] = []
    texts = _attempt(problems, load_texts, root / "messages")
    faq = _attempt(problems, load_faq, root / "faq")
    lessons_and_outline = _attempt(problems, load_lessons, root / "lessons")
    safety = _attempt(problems, load_safety, root / "safety")
    intents = _attempt(problems, load_intents, root / "intents")
    lexicons = _attempt(problems, load_lexicons, root / "match")
    if problems:
        raise ContentError(problems)
    assert texts is not None and faq is not None and lessons_and_outline is not None
    assert safety is not None and intents is not None and lexicons is not None
    lessons, outline = lessons_and_outline
    return Content(
        texts=texts,
        faq=faq,
        lessons=lessons,
        outline=outline,
        safety=safety,
        intents=intents,
        lexicons=lexicons,
    )
