"""The callback-data codec (domain/callback_data.py, every kind in domain/buttons.py), property
by property (Hypothesis): any value of any kind reads back as itself, in its current format and
in every earlier one; no data it builds passes Telegram's 64 bytes, and a value that would is
refused when the button is built; reading never raises, whatever text or bytes arrive; a press
that reads as a kind always reaches that kind's handler. Then the version rules, on a codec of
the test's own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain import buttons
from domain.callback_data import (
    LIMIT,
    Button,
    ButtonDataError,
    Codec,
    Day,
    Field,
    Flag,
    Kind,
    Minute,
    OneOf,
    Text,
    Whole,
)

KINDS = buttons.CODEC.kinds()
IDS = [kind.cls.__name__ for kind in KINDS]


def field_values(field: Field) -> st.SearchStrategy[Any]:
    """Any value a field can carry."""
    if isinstance(field, Text):
        return st.from_regex(field.pattern, fullmatch=True)
    if isinstance(field, Whole):
        return st.integers(min_value=0, max_value=field.most)
    if isinstance(field, OneOf):
        return st.sampled_from(field.choices)
    if isinstance(field, Flag):
        return st.booleans()
    if isinstance(field, Day):
        return st.dates()
    if isinstance(field, Minute):
        return st.datetimes().map(lambda d: d.replace(second=0, microsecond=0))
    raise AssertionError(f"no strategy for {field!r}")


def values_of(kind: Kind) -> st.SearchStrategy[Button]:
    """Any value of a kind (optional fields sometimes left off)."""
    fields = {
        slot.name: (st.none() | field_values(slot.field))
        if slot.optional
        else field_values(slot.field)
        for slot in kind.slots
    }
    return st.builds(kind.cls, **fields)


# Values no field should take as they are: wrong types, colons, empty, huge, out of range,
# non-ASCII, a datetime with seconds or a zone, a bool for a number.
WILD = st.one_of(
    st.text(max_size=80),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
    st.just(datetime(2026, 3, 12, 10, 30, 15)),
    st.just("a:b"),
    st.just("😀" * 20),
)


def wild_values_of(kind: Kind) -> st.SearchStrategy[Button]:
    """A kind built with fields that may be anything at all (dataclasses do not check)."""
    fields = {slot.name: field_values(slot.field) | WILD for slot in kind.slots}
    return st.builds(kind.cls, **fields)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_kind_reads_back_as_itself_in_every_format(kind: Kind, data: st.DataObject) -> None:
    value = data.draw(values_of(kind))
    encoded = buttons.encode(value)
    assert len(encoded.encode("utf-8")) <= LIMIT
    assert encoded.startswith(kind.head)
    assert buttons.decode(encoded) == value
    assert buttons.decode(encoded.encode("utf-8")) == value  # as bytes too
    # A button sent before a format change reads as the same value.
    for old in kind.old:
        assert buttons.decode(buttons.encode(value, head=old)) == value


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_button_is_refused_when_built_unless_it_fits_and_reads_back(
    kind: Kind, data: st.DataObject
) -> None:
    value = data.draw(wild_values_of(kind))
    try:
        encoded = buttons.encode(value)
    except ButtonDataError:
        return  # refused at build time: never shown, never pressed
    assert len(encoded.encode("utf-8")) <= LIMIT
    assert buttons.decode(encoded) == value


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
@settings(max_examples=15)
@given(data=st.data())
def test_a_pressed_button_reaches_its_kinds_handler(kind: Kind, data: st.DataObject) -> None:
    value = data.draw(values_of(kind))
    for head in kind.heads:
        encoded = buttons.encode(value, head=head)
        assert buttons.routes(kind.cls)(encoded)
        assert buttons.routes(kind.cls, strict=True)(encoded)
        others = [k.cls for k in KINDS if k.cls is not kind.cls]
        assert not buttons.routes(*others)(encoded)


@given(st.one_of(st.text(max_size=100), st.binary(max_size=100)))
def test_reading_never_raises_and_whatever_reads_is_a_button_we_would_build(
    data: str | bytes,
) -> None:
    value = buttons.decode(data)
    for kind in KINDS:
        buttons.routes(kind.cls)(data)  # never raises either
    if value is not None:
        assert buttons.decode(buttons.encode(value)) == value


def _real_data() -> st.SearchStrategy[str]:
    return st.sampled_from(KINDS).flatmap(values_of).map(buttons.encode)


@given(
    _real_data(),
    st.integers(min_value=0, max_value=64),
    st.sampled_from(["", ":", ":1", "x", ":999:999", "😀", "@2", "\x00", ":" * 10]),
)
def test_forged_and_garbled_real_data_reads_as_none_or_a_valid_button(
    real: str, cut: int, tail: str
) -> None:
    for data in (real[:cut], real + tail, real[:cut] + tail, real.upper(), real.replace(":", "::")):
        value = buttons.decode(data)
        if value is not None:
            encoded = buttons.encode(value)
            assert len(encoded.encode("utf-8")) <= LIMIT and buttons.decode(encoded) == value


def test_every_head_is_readable_and_the_renamed_codes_are_versioned() -> None:
    heads = [head for kind in KINDS for head in kind.heads]
    assert len(heads) == len(set(heads))
    renamed = {k.cls.__name__: k for k in KINDS if k.old}
    # The cryptic two-letter codes of issue 11 are readable words now, and still read.
    assert renamed["MoveSession"].head == "ses:move@1" and renamed["MoveSession"].old == ("ses:mv",)
    assert renamed["CancelSession"].head == "ses:cancel@1"
    assert renamed["DayBeforeTime"].head == "ses:day-before@1"
    assert renamed["SameDayLead"].head == "ses:same-day@1"
    assert all(k.version == 1 for k in renamed.values())


# A kind of the test's own whose text may be any Unicode but ":": 64 characters of it can be
# four times as many bytes, and the limit is in bytes.
_WIDE = Codec()


@_WIDE.kind("wide")
@dataclass(frozen=True)
class _Wide(Button):
    words: Annotated[str, Text(r"[^:]{1,80}")]


@given(
    st.text(
        alphabet=st.characters(exclude_characters=":", exclude_categories=()),
        min_size=1,
        max_size=80,
    )
)
def test_the_limit_is_in_bytes_not_characters(words: str) -> None:
    try:
        encoded = _WIDE.encode(_Wide(words))
    except ButtonDataError:
        try:
            size = len(f"wide:{words}".encode())
        except UnicodeEncodeError:
            return  # a lone surrogate: not text Telegram can carry, rightly refused
        assert size > LIMIT
        return
    assert len(encoded.encode("utf-8")) <= LIMIT
    assert _WIDE.decode(encoded) == _Wide(words)


def test_data_past_64_bytes_is_refused_when_the_button_is_built() -> None:
    zone = "A" * 58  # the longest zone name the field takes: "nc:tz:" + 58 bytes = 64
    assert len(buttons.encode(buttons.ZoneChosen(zone)).encode()) == LIMIT
    with pytest.raises(ButtonDataError):
        buttons.encode(buttons.ZoneChosen(zone + "A"))
    with pytest.raises(ButtonDataError):
        buttons.encode(buttons.RsvpAnswer("a:b", 1, "yes"))  # a colon would split the fields
    with pytest.raises(ButtonDataError):
        buttons.encode(buttons.MoveConfirmed("c1", 2, datetime(2026, 3, 12, 10, 30, 15)))


# -- versions, on a codec of the test's own ---------------------------------------------------


def test_a_format_change_keeps_old_buttons_readable() -> None:
    codec = Codec()

    @codec.kind("demo:go", version=2, old=["demo:walk@1", "dm:g"])
    @dataclass(frozen=True)
    class Going(Button):
        day: date
        far: bool

    value = Going(date(2026, 3, 12), True)
    assert codec.encode(value) == "demo:go@2:2026-03-12:1"
    for data in ("demo:go@2:2026-03-12:1", "demo:walk@1:2026-03-12:1", "dm:g:2026-03-12:1"):
        assert codec.decode(data) == value
    assert codec.decode("demo:go:2026-03-12:1") is None  # no such version was ever sent
    assert codec.decode("demo:go@3:2026-03-12:1") is None  # nor a later one
    assert codec.routes(Going)("dm:g:garbled")  # an old head still reaches the handler


def test_declaring_a_kind_wrongly_fails_at_once() -> None:
    codec = Codec()

    @codec.kind("a:b")
    @dataclass(frozen=True)
    class First(Button):
        day: date | None = None

    with pytest.raises(ValueError, match="clashes"):  # the same head twice

        @codec.kind("a:b")
        @dataclass(frozen=True)
        class Again(Button):
            pass

    with pytest.raises(ValueError, match="clashes"):  # a head inside another

        @codec.kind("a:b:c")
        @dataclass(frozen=True)
        class Inside(Button):
            pass

    with pytest.raises(ValueError, match="not older"):  # renamed without a new version

        @codec.kind("x:new", old=["x:old"])
        @dataclass(frozen=True)
        class Renamed(Button):
            pass

    with pytest.raises(TypeError, match="frozen"):

        @codec.kind("y")
        @dataclass
        class Loose(Button):
            pass

    with pytest.raises(TypeError, match="defaults to None"):

        @codec.kind("z")
        @dataclass(frozen=True)
        class Unset(Button):
            day: date | None

    with pytest.raises(TypeError, match="how"):  # a field must say how it is written

        @codec.kind("w")
        @dataclass(frozen=True)
        class Vague(Button):
            count: int
