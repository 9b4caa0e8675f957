"""Loads and validates everything under `content/` at once, reporting every problem together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from content.errors import ContentError
from content.faq import FaqEntry, load_faq
from content.lessons import Lesson, Outline, load_lessons
from content.texts import Texts, load_texts

CONTENT_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Content:
    """All the bot's words: message templates, FAQ entries, weekly lessons and the outline."""

    texts: Texts
    faq: dict[str, FaqEntry]
    lessons: dict[int, Lesson]
    outline: Outline


def load_content(root: Path = CONTENT_DIR) -> Content:
    """Load every content file under `root`; raise one ContentError listing every problem."""
    problems: list[str] = []
    texts = faq = lessons = outline = None
    try:
        texts = load_texts(root / "messages")
    except ContentError as exc:
        problems.extend(exc.problems)
    try:
        faq = load_faq(root / "faq")
    except ContentError as exc:
        problems.extend(exc.problems)
    try:
        lessons, outline = load_lessons(root / "lessons")
    except ContentError as exc:
        problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    assert texts is not None and faq is not None and lessons is not None and outline is not None
    return Content(texts=texts, faq=faq, lessons=lessons, outline=outline)
