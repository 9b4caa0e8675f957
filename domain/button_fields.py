"""The fields of a button's callback data (domain/callback_data.py): how each type of field is
written and read back (text matching a pattern, a whole number, one of a few words, a flag, a day,
a minute), and which of them a dataclass field's annotation means.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args, get_origin

# -- fields -----------------------------------------------------------------------------------


class Field:
    """How one field is written in callback data and read back."""

    def read(self, raw: str) -> Any | None:
        """The value `raw` stands for, or None if it is not one."""
        raise NotImplementedError

    def write(self, value: Any) -> str:
        """`value` as text (checked by reading it back: see `Codec.encode`)."""
        return str(value)


@dataclass(frozen=True)
class Text(Field):
    """Text that matches `pattern` in full (which must not allow ":")."""

    pattern: str

    def read(self, raw: str) -> str | None:
        """`raw` itself, if it matches."""
        return raw if compiled(self.pattern).fullmatch(raw) else None

    def write(self, value: Any) -> str:
        """The text as it is (a non-string reads back as something else, and is refused)."""
        return value if isinstance(value, str) else repr(value)


@dataclass(frozen=True)
class Whole(Field):
    """A whole number from 0 to `most`, in decimal without leading zeros."""

    most: int

    def read(self, raw: str) -> int | None:
        """The number, if `raw` is one in range."""
        if not WHOLE.fullmatch(raw) or len(raw) > len(str(self.most)):
            return None
        number = int(raw)
        return number if number <= self.most else None

    def write(self, value: Any) -> str:
        """The number in decimal (a bool, a negative or a non-number does not read back)."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else "?"


@dataclass(frozen=True)
class OneOf(Field):
    """One of a few words (a Literal's values, or a tuple of codes)."""

    choices: tuple[str, ...]

    def read(self, raw: str) -> str | None:
        """`raw`, if it is one of the choices."""
        return raw if raw in self.choices else None


class Flag(Field):
    """Yes or no, as 1 or 0."""

    def read(self, raw: str) -> bool | None:
        """True for "1", False for "0"."""
        return {"1": True, "0": False}.get(raw)

    def write(self, value: Any) -> str:
        """1 or 0 (anything but a bool is refused)."""
        return {True: "1", False: "0"}[value] if isinstance(value, bool) else "?"


class Day(Field):
    """A calendar day, as an ISO date: 2026-03-12."""

    def read(self, raw: str) -> date | None:
        """The day, if `raw` is a real one written in full."""
        if not DAY.fullmatch(raw):
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None

    def write(self, value: Any) -> str:
        """The ISO date (a datetime does not read back as itself, and is refused)."""
        return value.isoformat() if isinstance(value, date) else "?"


class Minute(Field):
    """A wall-clock minute without a zone, as YYYYMMDDHHMM: 202603121030."""

    def read(self, raw: str) -> datetime | None:
        """The minute, if `raw` is a real one."""
        if not MINUTE.fullmatch(raw):
            return None
        try:
            return datetime(
                int(raw[:4]), int(raw[4:6]), int(raw[6:8]), int(raw[8:10]), int(raw[10:12])
            )
        except ValueError:
            return None

    def write(self, value: Any) -> str:
        """The minute's digits (seconds, or a zone, would not read back, and are refused)."""
        if not isinstance(value, datetime):
            return "?"
        return f"{value.year:04d}{value.month:02d}{value.day:02d}{value.hour:02d}{value.minute:02d}"


#: A whole number in decimal without leading zeros.
WHOLE = re.compile(r"0|[1-9][0-9]*")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MINUTE = re.compile(r"[0-9]{12}")


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    """`pattern`, compiled once."""
    return re.compile(pattern)


@dataclass(frozen=True)
class Slot:
    """One field of a kind: its name, how it is written, and whether it may be left off (only
    trailing fields may)."""

    name: str
    field: Field
    optional: bool


def field_for(hint: Any, where: str) -> tuple[Field, bool]:
    """How a field annotated `hint` is written, and whether it is optional (`X | None`)."""
    optional = False
    if get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"{where}: only `X | None` unions can be written")
        hint, optional = args[0], True
    if get_origin(hint) is Annotated:
        found = [m for m in get_args(hint)[1:] if isinstance(m, Field)]
        if len(found) != 1:
            raise TypeError(f"{where}: Annotated needs exactly one Field")
        return found[0], optional
    if get_origin(hint) is Literal:
        choices = get_args(hint)
        if not all(isinstance(c, str) for c in choices):
            raise TypeError(f"{where}: only Literal strings can be written")
        return OneOf(tuple(choices)), optional
    if hint is bool:
        return Flag(), optional
    if hint is datetime:
        return Minute(), optional
    if hint is date:
        return Day(), optional
    raise TypeError(f"{where}: say how {hint!r} is written (Annotated[..., Text(...)] etc.)")
