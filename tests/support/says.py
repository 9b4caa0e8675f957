"""`says(text, key)`: is a sent text the rendering of a message key? Tests check which message
the bot sent by its key in `content/messages/`, not by an English sentence, so rewording a
message or reading the tests in another language changes no test.

The key's template must appear in the text: its literal parts in order and nothing between
them but what its `{fields}` became. A field given by name must have become that value (escaped
as the bot escapes it); any other field matches anything. A text whose markup was removed (the
playground's page, a plain-text report) is compared with the template's markup removed too.

    assert says(bot.last_text(PARENT), "faq.passed_on")
    assert says(text, "course.reminder_today", class_name="Tuesday babies")
    assert not says(bot.last_text(GROUP), "faq.passed_on")
    assert says(text, "core.not_allowed", who=Key("core.who_instructor"))  # a field from a key
"""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass
from functools import cache

from content.loader import Content, load_content
from content.packs import ENGLISH
from content.texts import Texts, escape

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


@cache
def shared_content() -> Content:
    """The real content, loaded once per process (the tests' `content` fixture is this one)."""
    return load_content()


@dataclass(frozen=True)
class Key:
    """A field value that is itself a message (the bot renders it from its key first)."""

    key: str


@dataclass(frozen=True)
class Said:
    """The answer of `says`: true when the text is the key's rendering; shown on failure."""

    found: bool
    key: str
    template: str
    text: str

    def __bool__(self) -> bool:
        return self.found

    def __repr__(self) -> str:
        verdict = "is" if self.found else "is not"
        return f"<text {verdict} {self.key!r} ({self.template!r}); text: {self.text!r}>"


def _plain(markup: str) -> str:
    """Telegram HTML as a person reads it: tags gone, entities decoded."""
    return html.unescape(_TAG.sub("", markup))


def _pattern(
    texts: Texts, template: str, fields: dict[str, object], *, plain: bool
) -> re.Pattern[str]:
    """A regular expression for the template's renderings (in markup, or `plain`)."""
    pieces: list[str] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        pieces.append(re.escape(_plain(literal) if plain else literal))
        if field is None:
            continue
        name = re.split(r"[.\[]", field, maxsplit=1)[0]
        if name in fields:
            value = fields[name]
            if isinstance(value, Key):  # a message: markup already, as the bot renders it
                markup = texts.raw(value.key)
                pieces.append(re.escape(_plain(markup) if plain else markup))
            else:
                pieces.append(re.escape(str(value) if plain else escape(value)))
        else:
            pieces.append(".*?")
    return re.compile("".join(pieces), re.DOTALL)


def says(text: str, key: str, /, *, lang: str = ENGLISH, **fields: object) -> Said:
    """Whether `text` (one message as sent) holds the rendering of message `key` in `lang`,
    with the given field values; any field not given may be anything."""
    if not isinstance(text, str):
        raise TypeError(f"says() reads one message's text, not {type(text).__name__}")
    texts = shared_content().texts_in(lang)
    template = texts.raw(key)  # a KeyError names a key that does not exist
    literal = "".join(part for part, *_ in string.Formatter().parse(template))
    if not literal.strip() and not fields:
        raise ValueError(f"{key!r} is only fields: name their values to check anything")
    unknown = set(fields) - {
        re.split(r"[.\[]", f, maxsplit=1)[0]
        for _, f, _, _ in string.Formatter().parse(template)
        if f is not None
    }
    if unknown:
        raise ValueError(f"{key!r} has no field {sorted(unknown)}")
    found = bool(
        _pattern(texts, template, fields, plain=False).search(text)
        or _pattern(texts, template, fields, plain=True).search(_plain(text))
    )
    return Said(found, key, template, text)
