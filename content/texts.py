"""Message templates: every sentence the bot says, loaded from `content/messages/*.toml`.

Each file is one feature's messages; a key is "<file stem>.<name>". Templates are Telegram HTML
with `{field}` placeholders. Fields are HTML-escaped when rendered unless wrapped in `Html`
(for pieces the bot itself built from other templates), so user text can never inject markup.
"""

from __future__ import annotations

import html
import string
import tomllib
from collections.abc import Mapping
from pathlib import Path

from content.errors import ContentError
from content.html_check import html_problems


class Html(str):
    """A string that is already safe Telegram HTML and must not be escaped again."""

    __slots__ = ()


def escape(value: object) -> str:
    """Escape a value for Telegram HTML, leaving `Html` pieces as they are."""
    return value if isinstance(value, Html) else html.escape(str(value), quote=False)


class Texts:
    """All message templates, rendered by key with escaped fields."""

    def __init__(self, templates: Mapping[str, str]) -> None:
        self._templates = dict(templates)

    def __contains__(self, key: str) -> bool:
        return key in self._templates

    def __call__(self, key: str, /, **fields: object) -> Html:
        """Render one message; a missing field is a bug in our code, so it raises."""
        template = self._templates[key]
        return Html(template.format(**{k: escape(v) for k, v in fields.items()}))

    def names(self) -> list[str]:
        """Every template's key, sorted (the screen-fit test renders each one)."""
        return sorted(self._templates)

    def raw(self, key: str) -> str:
        """A template as written (for button labels and other plain text)."""
        return self._templates[key]

    def keys(self) -> set[str]:
        """Every template key ("core.welcome", ...), to compare language packs."""
        return set(self._templates)

    def over(self, base: Texts) -> Texts:
        """These templates, with `base`'s for any key this pack lacks (a language pack over
        English: a missing line is said in English rather than not at all)."""
        return Texts({**base._templates, **self._templates})


def load_texts(folder: Path) -> Texts:
    """Load every messages file, reporting all problems with their file and key."""
    problems: list[str] = []
    templates: dict[str, str] = {}
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise ContentError([f"{folder}: no message files (*.toml) found"])
    for path in files:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: not valid TOML ({exc})")
            continue
        for name, value in data.items():
            where = f"{path}: {name}"
            if not isinstance(value, str):
                problems.append(f"{where}: must be a string")
                continue
            try:
                list(string.Formatter().parse(value))
            except ValueError as exc:
                problems.append(f"{where}: broken {{placeholder}} ({exc})")
                continue
            problems.extend(f"{where}: {p}" for p in html_problems(value))
            templates[f"{path.stem}.{name}"] = value.strip("\n")
    if problems:
        raise ContentError(problems)
    return Texts(templates)
