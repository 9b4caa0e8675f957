"""Callback data, the one codec: what an inline button carries, built from a typed value and read
back into one.

Telegram keeps at most 64 bytes of data on a button and hands them back unchanged when it is
pressed: days later, from a message sent by an older version of the bot, or from a client that
forged them. So a button's data is only ever built here, from a typed value (a frozen dataclass
per kind of button; every kind the bot has is declared in domain/buttons.py), checked against the
limit when it is built; and it is only ever read here, into the same typed value, or None for
anything else. Reading never raises, whatever arrives.

The format, readable in a log:

    <prefix>[@<version>]:<field>:<field>...
    rsvp:Ab3dE_9x:2:yes          ses:move@1:Ab3dE_9x:2          nc:ok

- prefix: the feature, then the action, lower-case words joined by ":" ("ses:move").
- version: none for version 0, the format of every button sent before this codec existed (still
  the format of most kinds); "@<n>" once a kind's format changes. A kind keeps the heads
  (prefix and version) of its earlier formats, so a button sent before a change is still read:
  a reminder's answer from last week, a check-in on yesterday's message.
- fields: the dataclass's fields in order, each written as its type says: text that matches the
  field's pattern, a whole number, one of a few words, 1 or 0 for yes or no, a day (2026-03-12)
  or a minute (202603121030). A trailing field may be optional. No field ever contains ":".

A value is refused when it is built if it would not read back as itself (a class id with a
colon, a number out of range) or the data would pass 64 bytes: a mistake in the code, found on
the first screen that shows the button, never a button Telegram refuses or one that reads wrong.

Handlers are routed by a kind's heads (`Codec.routes`) and read the typed value with
`Codec.parse`: a button with a known head but broken fields reaches its feature's handler, which
answers it kindly, as an outdated button. How each type of field is written and read is
domain/button_fields.py.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, TypeVar, get_type_hints

from domain.button_fields import (
    WHOLE,
    Day,
    Field,
    Flag,
    Minute,
    OneOf,
    Slot,
    Text,
    Whole,
    field_for,
)

#: Telegram's limit on a button's callback data, in bytes of UTF-8.
LIMIT = 64
#: Between the prefix's words, the version and the fields.
SEP = ":"
#: Before a version number in a head.
VERSION_MARK = "@"

_PREFIX = re.compile(r"[a-z][a-z0-9-]*(?::[a-z][a-z0-9-]*)*")


class ButtonDataError(ValueError):
    """A value that cannot be a button's data: a field that would not read back as itself, or
    data longer than Telegram keeps. Raised when the button is built."""


class Button:
    """A pressed or to-be-shown button, as a typed value. Each kind is a frozen dataclass that
    subclasses this and is declared with `Codec.kind`."""


B = TypeVar("B", bound=Button)

# The field types are declared with the kinds (domain/buttons.py): they come from here too.
__all__ = [
    "LIMIT",
    "Button",
    "ButtonDataError",
    "Codec",
    "Day",
    "Field",
    "Flag",
    "Kind",
    "Minute",
    "OneOf",
    "Text",
    "Whole",
]


# -- kinds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of button: its dataclass, prefix, version, earlier heads and fields."""

    cls: type[Button]
    prefix: str
    version: int
    old: tuple[str, ...]
    slots: tuple[Slot, ...]

    @property
    def head(self) -> str:
        """What its data starts with now: the prefix, and the version from 1 on."""
        return self.prefix if self.version == 0 else f"{self.prefix}{VERSION_MARK}{self.version}"

    @property
    def heads(self) -> tuple[str, ...]:
        """Every head it is read from: the current one, then the earlier formats'."""
        return (self.head, *self.old)

    def write(self, value: Button, head: str) -> str:
        """`value`'s data under `head` (checked: see `Codec.encode`)."""
        parts = [head]
        left_off = False
        for slot in self.slots:
            item = getattr(value, slot.name)
            if item is None and slot.optional:
                left_off = True
                continue
            text = "" if item is None else slot.field.write(item)
            if left_off or not text or SEP in text or slot.field.read(text) != item:
                raise ButtonDataError(f"{self.cls.__name__}.{slot.name} cannot be {item!r}")
            parts.append(text)
        data = SEP.join(parts)
        try:
            size = len(data.encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate: not text Telegram can carry
            raise ButtonDataError(f"{self.cls.__name__} data is not valid UTF-8") from None
        if size > LIMIT:
            raise ButtonDataError(f"{self.cls.__name__} data is {size} bytes, over {LIMIT}")
        return data

    def read(self, raws: list[str]) -> Button | None:
        """The value the fields after the head stand for, or None."""
        need = sum(1 for s in self.slots if not s.optional)
        if not need <= len(raws) <= len(self.slots):
            return None
        values: dict[str, Any] = {}
        for slot, raw in zip(self.slots, raws, strict=False):
            value = slot.field.read(raw)
            if value is None:
                return None
            values[slot.name] = value
        return self.cls(**values)


def _parse_head(head: str) -> tuple[str, int]:
    """A head's prefix and version ("ses:move@1" -> ("ses:move", 1)); ValueError if malformed."""
    prefix, mark, number = head.partition(VERSION_MARK)
    if not _PREFIX.fullmatch(prefix) or (mark and not WHOLE.fullmatch(number)):
        raise ValueError(f"not a head: {head!r}")
    version = int(number) if mark else 0
    if mark and version == 0:
        raise ValueError(f"version 0 is written without a mark: {head!r}")
    return prefix, version


class Codec:
    """The kinds of button one bot has, and their data's building, reading and routing."""

    def __init__(self) -> None:
        self._kinds: dict[type[Button], Kind] = {}
        self._heads: dict[str, Kind] = {}
        self._depth = 1  # the most words a head has
        self._decode = functools.lru_cache(maxsize=4096)(self._decode_text)

    # -- declaring ------------------------------------------------------------------------

    def kind(
        self, prefix: str, *, version: int = 0, old: Iterable[str] = ()
    ) -> Callable[[type[B]], type[B]]:
        """Declare a kind of button (on top of its `@dataclass(frozen=True)`): its `prefix`,
        the `version` of its current format, and the heads of its `old` formats (each read
        into the same fields)."""

        def declare(cls: type[B]) -> type[B]:
            if not (is_dataclass(cls) and cls.__dataclass_params__.frozen):
                raise TypeError(f"{cls.__name__}: a kind is a frozen dataclass")
            hints = get_type_hints(cls, include_extras=True)
            slots: list[Slot] = []
            for f in fields(cls):
                field, optional = field_for(hints[f.name], f"{cls.__name__}.{f.name}")
                if slots and slots[-1].optional and not optional:
                    raise TypeError(f"{cls.__name__}.{f.name}: optional fields come last")
                if optional and f.default is not None:
                    raise TypeError(f"{cls.__name__}.{f.name}: an optional field defaults to None")
                slots.append(Slot(f.name, field, optional))
            kind = Kind(cls, prefix, version, tuple(old), tuple(slots))
            for head in kind.heads:
                _, head_version = _parse_head(head)
                # A changed format gets a new version, so old and new data are told apart.
                if head != kind.head and head_version >= version:
                    raise ValueError(f"{cls.__name__}: old head {head!r} is not older")
                self._claim(head, kind)
            self._kinds[cls] = kind
            self._decode.cache_clear()
            return cls

        return declare

    def _claim(self, head: str, kind: Kind) -> None:
        """Give `head` to `kind`: heads are unique, and none begins another (so the head of any
        data is found in one way, whatever its fields are)."""
        for other in self._heads:
            if other == head or other.startswith(head + SEP) or head.startswith(other + SEP):
                raise ValueError(f"head {head!r} clashes with {other!r}")
        self._heads[head] = kind
        self._depth = max(self._depth, head.count(SEP) + 1)

    def kinds(self) -> list[Kind]:
        """Every kind declared, in order."""
        return list(self._kinds.values())

    def spec(self, cls: type[Button]) -> Kind:
        """The declaration of kind `cls`."""
        return self._kinds[cls]

    def head(self, cls: type[Button]) -> str:
        """What data of kind `cls` starts with now."""
        return self._kinds[cls].head

    # -- building and reading ---------------------------------------------------------------

    def encode(self, value: Button, *, head: str | None = None) -> str:
        """`value` as callback data, in its kind's current format (or under one of its earlier
        `head`s: how a test writes what an older version of the bot sent).

        Raises ButtonDataError when a field would not read back as itself or the data would
        pass Telegram's 64 bytes."""
        kind = self._kinds.get(type(value))
        if kind is None:
            raise ButtonDataError(f"{type(value).__name__} is not a declared kind of button")
        if head is not None and head not in kind.heads:
            raise ButtonDataError(f"{head!r} is not a head of {type(value).__name__}")
        return kind.write(value, head or kind.head)

    def decode(self, data: object) -> Button | None:
        """The typed value of callback data, or None for anything no button of ours carries
        (malformed, forged, longer than Telegram keeps, not text at all). Never raises."""
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                return None
        if not isinstance(data, str) or len(data) > LIMIT:
            return None
        return self._decode(data)

    def _decode_text(self, data: str) -> Button | None:
        found = self._head_of(data)
        if found is None:
            return None
        head, kind = found
        rest = data[len(head) + 1 :].split(SEP) if len(data) > len(head) else []
        return kind.read(rest)

    def _head_of(self, data: str) -> tuple[str, Kind] | None:
        """The declared head `data` starts with (followed by ":" or nothing), and its kind."""
        parts = data.split(SEP)
        for end in range(min(len(parts), self._depth), 0, -1):
            head = SEP.join(parts[:end])
            kind = self._heads.get(head)
            if kind is not None:
                return head, kind
        return None

    def parse(self, data: object, *kinds: type[B]) -> B | None:
        """The typed value of `data` if it is one of `kinds`, else None."""
        value = self.decode(data)
        return value if isinstance(value, kinds) else None

    # -- routing ---------------------------------------------------------------------------

    def routes(
        self, *kinds: type[B], strict: bool = False, where: Callable[[B], bool] | None = None
    ) -> Callable[[object], bool]:
        """A CallbackQueryHandler pattern: data with a head of one of `kinds` (of any of its
        versions), so a button with a known head but broken fields still reaches the handler,
        which answers it kindly. A kind without fields matches its head exactly. `strict`:
        only data that reads in full; `where`: only values it accepts."""
        wanted = {head: self._kinds[cls] for cls in kinds for head in self._kinds[cls].heads}

        def match(data: object) -> bool:
            if not isinstance(data, str):
                return False
            found = self._head_of(data)
            if found is None or found[0] not in wanted:
                return False
            head, kind = found
            bare = not any(not slot.optional for slot in kind.slots)
            if (data == head and not bare) or (data != head and not kind.slots):
                return False
            if not strict and where is None:
                return True
            value = self.decode(data)
            return isinstance(value, kinds) and (where is None or where(value))

        return match

    def family(self, name: str) -> Callable[[object], bool]:
        """A CallbackQueryHandler pattern for every button of a feature whose prefixes start
        with `name` ("jn"), readable or not: its catch-all for outdated and forged buttons."""
        start = name + SEP
        if not any(head.startswith(start) for head in self._heads):
            raise ValueError(f"no kind of button starts with {start!r}")
        return lambda data: isinstance(data, str) and data.startswith(start)
