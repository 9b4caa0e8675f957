"""Helplines for the safety replies: how `countries.toml` names a line, and how a reply writes it
in the parent's language.

A line is named by its own name ("TelefonSeelsorge") or by the kind of line it is, which each
safety language names in its own words, so a Spanish reply for a class in Germany reads "el
servicio médico de guardia (116 117)" and never an English phrase. Every language writes a line
the same way, name first and the number in brackets, which also reads in the languages the bot
cannot read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.core import UnknownLocaleError
from babel.lists import format_list

LINE_FIELDS = frozenset({"name", "kind", "number", "note"})


@dataclass(frozen=True)
class Helpline:
    """One line to call: its own name or its kind, what to dial, and an optional note."""

    numbers: tuple[str, ...]
    name: str | None = None
    kind: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class LineWords:
    """One language's words for helplines: the kinds of line and the notes (`[line_kinds]`,
    `[line_notes]` of a safety language file)."""

    lang: str
    kinds: Mapping[str, str]
    notes: Mapping[str, str]


def join_or(items: Sequence[str], lang: str) -> str:
    """`items` joined by `lang`'s own "or" (CLDR, through Babel): "112, 999 o 911" in Spanish;
    English's where Babel does not know the language."""
    if len(items) < 2:
        return "".join(items)
    try:
        return str(format_list(list(items), style="or", locale=lang))
    except (UnknownLocaleError, ValueError):
        return str(format_list(list(items), style="or", locale="en"))


def write_lines(lines: Sequence[Helpline], words: LineWords) -> str:
    """The lines as a reply says them, "Samaritans (116 123)", several joined by "or"; the number
    is left out of the brackets when the name already says it ("NHS 111")."""
    written = []
    for line in lines:
        name = line.name or words.kinds[line.kind or ""]
        extras = [join_or([n for n in line.numbers if n not in name], words.lang)]
        if line.note:
            extras.append(words.notes[line.note])
        inside = ", ".join(e for e in extras if e)
        written.append(f"{name} ({inside})" if inside else name)
    return join_or(written, words.lang)


def parse_lines(
    raw: object, where: str, words: LineWords, problems: list[str]
) -> tuple[Helpline, ...]:
    """The lines of one `advice` or `crisis` field (a table or a list of tables), each checked
    against English's kinds and notes; a problem is reported with `where` and the line skipped."""
    tables = raw if isinstance(raw, list) else [raw]
    lines = []
    for table in tables:
        problem = _line_problem(table, words)
        if problem or not isinstance(table, dict):
            problems.append(f"{where}: {problem}")
            continue
        number = table["number"]
        lines.append(
            Helpline(
                numbers=tuple(number) if isinstance(number, list) else (number,),
                name=table.get("name"),
                kind=table.get("kind"),
                note=table.get("note"),
            )
        )
    return tuple(lines)


def _line_problem(table: object, words: LineWords) -> str | None:
    if not isinstance(table, dict):
        return "a line is a table { name = ..., number = ... }"
    extra = set(table) - LINE_FIELDS
    if extra:
        return f"unknown fields {sorted(extra)}"
    if ("name" in table) == ("kind" in table):
        return "a line needs a name or a kind, not both"
    if "kind" in table and table["kind"] not in words.kinds:
        return f"kind {table['kind']!r} is not in [line_kinds]"
    if "note" in table and table["note"] not in words.notes:
        return f"note {table['note']!r} is not in [line_notes]"
    number = table.get("number")
    numbers = number if isinstance(number, list) else [number]
    if not numbers or not all(isinstance(n, str) and n.strip() for n in numbers):
        return "a line needs a number (or a list of numbers)"
    return None


def line_words(
    path: Path, data: Mapping[str, Any], english: LineWords | None, problems: list[str]
) -> LineWords:
    """A language file's words for helplines, with the same keys as English's."""
    lang = path.stem
    kinds = {str(k): str(v) for k, v in data.get("line_kinds", {}).items()}
    notes = {str(k): str(v) for k, v in data.get("line_notes", {}).items()}
    if english is not None:
        for table, mine, theirs in (
            ("line_kinds", kinds, english.kinds),
            ("line_notes", notes, english.notes),
        ):
            for key in sorted(set(theirs) - set(mine)):
                problems.append(f"{path}: [{table}] {key} is missing")
            for key in sorted(set(mine) - set(theirs)):
                problems.append(f"{path}: [{table}] {key} is not in English")
    return LineWords(lang, kinds, notes)
