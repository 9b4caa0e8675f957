"""Language packs: English is the base of each content folder; another language is a subfolder.

`content/faq/*.toml`, `content/messages/*.toml`, `content/lessons/*.toml` are English; the same
files under `content/faq/es/`, `content/messages/es/`, ... are Spanish, and so on. The matcher's
words are `content/match/<lang>.toml`, the safety net's `content/safety/lang/<lang>.toml`. So a
language is added by adding files, and `python bot.py check` lists what a pack lacks compared
with English (`pack_problems`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from pathlib import Path

from content.faq import FaqEntry
from content.texts import Texts

ENGLISH = "en"
_LANG_DIR = re.compile(r"^[a-z]{2}$")


def pack_languages(folder: Path) -> list[str]:
    """The languages other than English that have a subfolder in `folder` ("es", "fr"...)."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and _LANG_DIR.match(p.name))


def _fields(template: str) -> set[str]:
    """The {placeholder} names a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def texts_problems(lang: str, base: Texts, pack: Texts, folder: Path) -> list[str]:
    """How a language's messages differ from English: missing or extra keys, other fields."""
    problems: list[str] = []
    where = folder / lang
    for key in sorted(base.keys() - pack.keys()):
        problems.append(f"{where}: missing message {key!r}")
    for key in sorted(pack.keys() - base.keys()):
        problems.append(f"{where}: message {key!r} is not in English")
    for key in sorted(base.keys() & pack.keys()):
        mine, theirs = _fields(pack.raw(key)), _fields(base.raw(key))
        if mine != theirs:
            problems.append(
                f"{where}: message {key!r} uses fields {sorted(mine)}, English {sorted(theirs)}"
            )
    return problems


def faq_problems(
    lang: str, base: Mapping[str, FaqEntry], pack: Mapping[str, FaqEntry], folder: Path
) -> list[str]:
    """How a language's FAQ differs from English: topics or categories that do not line up,
    fewer example questions than English has."""
    problems: list[str] = []
    where = folder / lang
    for faq_id, entry in base.items():
        mine = pack.get(faq_id)
        if mine is None:
            problems.append(f"{where / (faq_id + '.toml')}: missing")
            continue
        if mine.category != entry.category:
            problems.append(f"{where / (faq_id + '.toml')}: category differs from English")
        if len(mine.examples) < len(entry.examples) // 2:
            problems.append(
                f"{where / (faq_id + '.toml')}: {len(mine.examples)} examples, "
                f"fewer than half of English's {len(entry.examples)}"
            )
    return problems
