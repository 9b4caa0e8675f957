"""FAQ entries: load `content/faq/<id>.toml` files and validate every one of them.

One file per FAQ id of `faq-topics.md` (the contract between content and the matcher). The
loader refuses to hand back a half-valid FAQ: it collects every problem in every file and raises
one `ContentError` listing them all, each prefixed with the file it concerns, so an instructor
editing the texts sees everything to fix in one go.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.html_check import html_problems as check_html

# The contract ids, in the order of faq-topics.md. Spelled exactly as there: the evaluation sets
# and the matcher use these strings.
FAQ_IDS: tuple[str, ...] = (
    "what-is-infant-massage",
    "benefits-overview",
    "benefits-bonding",
    "benefits-brain",
    "benefits-body",
    "benefits-communication",
    "benefits-parents",
    "benefits-evidence",
    "start-age",
    "session-length",
    "frequency",
    "time-of-day",
    "feeding-timing",
    "crying",
    "cues-permission",
    "oil",
    "who-can-massage",
    "premature",
    "older-mobile",
    "colic-wind",
    "sleep",
    "constipation",
    "skin-to-skin",
    "what-to-bring",
    "missed-class",
    "illness",
    "vaccinations",
    "skin-conditions",
    "in-class",
    "teething",
    "parent-wellbeing",
)

# The /faq menu's categories, in menu order; each button's label is the message
# faq.category_<id> (dashes as underscores) in each language's pack.
CATEGORIES: tuple[str, ...] = ("benefits-baby", "benefits-you", "practice", "safety", "class")

TITLE_MAX = 40
ANSWER_MAX = 3500  # well under Telegram's 4096, leaving room for the sources line and buttons
MIN_EXAMPLES = 10

# Field name -> expected TOML type. Exactly these fields, no more, no fewer.
_FIELDS: dict[str, type] = {
    "id": str,
    "title": str,
    "category": str,
    "answer": str,
    "sources": str,
    "examples": list,
}

# Telegram HTML is stricter than browsers: only these tags (and only href on <a>) are allowed in
# our answers, and every tag must be closed, or Telegram rejects the whole message.
_ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "i": frozenset(),
    "a": frozenset({"href"}),
}


@dataclass(frozen=True)
class FaqEntry:
    """One FAQ answer, as shown to a parent, with the example questions the matcher learns from."""

    id: str
    title: str
    category: str
    answer: str
    sources: str
    examples: tuple[str, ...]


def html_problems(text: str) -> list[str]:
    """What is wrong with an answer as Telegram HTML (only <b>, <i> and <a href>)."""
    return check_html(text, _ALLOWED_TAGS)


def _check_entry(path: Path, data: dict[str, Any]) -> tuple[FaqEntry | None, list[str]]:
    """Validate one parsed file; return the entry (None if unusable) and its problems."""
    problems: list[str] = []
    for name in sorted(set(_FIELDS) - set(data)):
        problems.append(f"missing field {name!r}")
    for name in sorted(set(data) - set(_FIELDS)):
        problems.append(f"unknown field {name!r}")
    for name, kind in _FIELDS.items():
        if name in data and not isinstance(data[name], kind):
            problems.append(
                f"field {name!r} must be a {kind.__name__}, not {type(data[name]).__name__}"
            )
    if problems:
        return None, problems

    entry_id: str = data["id"]
    if entry_id != path.stem:
        problems.append(f"id {entry_id!r} does not match the file name {path.stem!r}")
    if entry_id not in FAQ_IDS:
        problems.append(f"unknown id {entry_id!r} (not in faq-topics.md)")

    title = data["title"].strip()
    if not title:
        problems.append("title is empty")
    elif len(title) > TITLE_MAX:
        problems.append(f"title is {len(title)} characters, over {TITLE_MAX} (a menu button)")

    if data["category"] not in CATEGORIES:
        problems.append(f"unknown category {data['category']!r} (one of: {', '.join(CATEGORIES)})")

    answer = data["answer"].strip()
    if not answer:
        problems.append("answer is empty")
    elif len(answer) > ANSWER_MAX:
        problems.append(f"answer is {len(answer)} characters, over {ANSWER_MAX}")
    problems.extend(f"answer: {problem}" for problem in html_problems(answer))

    if not data["sources"].strip():
        problems.append("sources is empty")

    raw_examples: list[Any] = data["examples"]
    bad = [i for i, example in enumerate(raw_examples) if not isinstance(example, str)]
    if bad:
        problems.append(f"examples must all be strings (items {bad} are not)")
    examples = tuple(e.strip() for e in raw_examples if isinstance(e, str) and e.strip())
    if len(examples) < MIN_EXAMPLES:
        problems.append(
            f"only {len(examples)} non-empty examples, at least {MIN_EXAMPLES} are needed"
        )

    entry = FaqEntry(
        id=entry_id,
        title=title,
        category=data["category"],
        answer=answer,
        sources=data["sources"].strip(),
        examples=examples,
    )
    return entry, problems


def load_faq(folder: Path) -> dict[str, FaqEntry]:
    """Load and validate every FAQ file in `folder`; return id -> entry in contract order.

    Raises `ContentError` listing every problem found ("path: what is wrong"), including ids of
    the contract that have no file.
    """
    problems: list[str] = []
    entries: dict[str, FaqEntry] = {}
    if not folder.is_dir():
        raise ContentError([f"{folder}: FAQ folder not found"])

    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: not valid TOML: {exc}")
            continue
        except OSError as exc:
            problems.append(f"{path}: cannot be read: {exc}")
            continue
        entry, entry_problems = _check_entry(path, data)
        problems.extend(f"{path}: {problem}" for problem in entry_problems)
        if entry is not None and not entry_problems:
            entries[entry.id] = entry

    # A missing file is named by the path it should have, so the fix is obvious.
    present = {path.stem for path in folder.glob("*.toml")}
    for faq_id in FAQ_IDS:
        if faq_id not in present:
            problems.append(f"{folder / (faq_id + '.toml')}: missing file for FAQ id {faq_id!r}")

    if problems:
        raise ContentError(problems)
    return {faq_id: entries[faq_id] for faq_id in FAQ_IDS}
