"""The figures in a message as the concept rules read them: a body temperature (with a unit, a
decimal, or a half in words), a figure said beside a fever word, and the baby's age from a count
and a unit of time. The words come from `domain.concept_words`."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from domain.concept_words import Hit, Tokens

# Temperatures: a figure with a unit, or a body-temperature-looking decimal.
_UNITS_C = frozenset({"c", "deg", "degc", "celsius", "grad", "grados", "graus", "gradi", "stopni"})
_UNITS_F = frozenset({"f", "degf", "fahrenheit"})
# "38 and a half", "38 e mezzo", "38 y medio", "38 et demi", "38 einhalb", "38 i pol": a
# temperature said with a half in words (nobody says a count of things that way).
_HALVES = frozenset(
    {
        ("and", "a", "half"),
        ("e", "mezzo"),
        ("y", "medio"),
        ("et", "demi"),
        ("einhalb",),
        ("und", "ein", "halb"),
        ("e", "meio"),
        ("en", "een", "half"),
        ("i", "pol"),
    }
)


# The concepts that name a span of the baby's age ("6 weeks", "3 mesi"), and how many months
# one of each is.
AGE_UNITS = ("unit_day", "unit_week", "unit_month")
_MONTHS_PER_UNIT = dict(zip(AGE_UNITS, (1 / 30, 7 / 30, 1.0), strict=True))


def temperature_readings(
    words: Sequence[str], age_units: Collection[str] = ()
) -> list[tuple[int, float]]:
    """Body temperatures given in figures, in Celsius, each with the index of its figure.
    `age_units` are the words for days, weeks and months: "38 and a half weeks" is a gestation,
    not a temperature."""
    found: list[tuple[int, float]] = []
    for index, word in enumerate(words):
        if not word[0].isdigit():
            continue
        try:
            value = float(word)
        except ValueError:
            continue
        after = words[index + 1 : index + 3]
        half = next((h for h in _HALVES if tuple(words[index + 1 : index + 1 + len(h)]) == h), ())
        if half:
            unit = words[index + 1 + len(half) : index + 2 + len(half)]
            if 35.0 <= value <= 42.5 and not (unit and unit[0] in age_units):
                found.append((index, value + 0.5))
            continue
        unit_c = bool(after) and after[0] in _UNITS_C
        unit_f = bool(after) and (after[0] in _UNITS_F or tuple(after) == ("deg", "f"))
        if 95.0 <= value <= 108.0 and (unit_f or (not unit_c and "." in word)):
            found.append((index, (value - 32.0) * 5.0 / 9.0))
        elif 35.0 <= value <= 43.0 and (unit_c or "." in word):
            found.append((index, value))
    return found


# Body temperatures (Celsius) that say there is no fever: from 36.0 up to, not including, 37.5.
_NORMAL_LOW = 36.0
_NORMAL_HIGH = 37.5


def all_normal(readings: Sequence[float]) -> bool:
    """Whether temperatures were given and every one is normal (a low one, under 36, is not)."""
    return bool(readings) and all(_NORMAL_LOW <= t < _NORMAL_HIGH for t in readings)


def fever_figures(by_concept: Mapping[str, Sequence[Hit]], tokens: Tokens) -> list[float]:
    """Whole numbers said right after a fever word ("fever of 39", "tiene 40"): Celsius
    from 38 to 42, Fahrenheit from 100 to 107."""
    found: list[float] = []
    fever = by_concept.get("fever", ())
    if not fever:
        return found
    index_of = {position: index for index, position in enumerate(tokens.positions)}
    for hit in fever:
        after = index_of.get(hit.end, -1) + 1
        before = index_of.get(hit.start, 0)
        # The nearest figure after the word ("fever of 39"), else just before it ("39 de fiebre").
        near = [
            *tokens.words[after : after + 4],
            *reversed(tokens.words[max(0, before - 3) : before]),
        ]
        for word in near:
            if word.isdigit():
                value = float(word)
                if 38 <= value <= 42:
                    found.append(value)
                elif 100 <= value <= 107:
                    found.append((value - 32.0) * 5.0 / 9.0)
                break
    return found


# What the baby "has" or "is at" before a figure ("la nena tiene 39", "er hat 39,5", "il a
# 40"): the concept naming those verbs, and the words that may follow such a temperature besides
# a fever word (a degree, "de", "and", "but"; or the end of the sentence). Anything else after
# the figure makes it an age, a time or an amount ("tiene 40 días", "il a 39 minutes de retard").
STATED_FIGURE = "has_figure"
_AFTER_STATED = frozenset(
    {
        *_UNITS_C,
        "degrees",
        "degres",
        "graden",
        "stopnie",
        "de",
        "di",
        "da",
        "van",
        "and",
        "but",
        "y",
        "pero",
        "e",
        "ma",
        "et",
        "mais",
        "und",
        "aber",
        "en",
        "maar",
        "i",
        "ale",
        "o",
        "ou",
        "oder",
        "of",
        "lub",
        "albo",
    }
)


def stated_figures(by_concept: Mapping[str, Sequence[Hit]], tokens: Tokens) -> list[float]:
    """Temperatures said as what the baby has ("la nena tiene 39 y no come"): the figure right
    after a `STATED_FIGURE` word, from 38 to 42.5 Celsius, with nothing after it that makes it
    something else."""
    found: list[float] = []
    verbs = by_concept.get(STATED_FIGURE, ())
    if not verbs:
        return found
    index_of = {position: index for index, position in enumerate(tokens.positions)}
    fever_at = {hit.start for hit in by_concept.get("fever", ())}
    words, sentences, positions = tokens.words, tokens.sentences, tokens.positions
    for hit in verbs:
        at = index_of.get(hit.end, -1) + 1
        if at <= 0 or at >= len(words) or sentences[at] != sentences[at - 1]:
            continue
        try:
            value = float(words[at])
        except ValueError:
            continue
        follows = (
            words[at + 1] if at + 1 < len(words) and sentences[at + 1] == sentences[at] else ""
        )
        fever_next = bool(follows) and positions[at + 1] in fever_at
        if 38.0 <= value <= 42.5 and (not follows or follows in _AFTER_STATED or fever_next):
            found.append(value)
    return found


# Words between a span word and its count ("for *a* few days", "for *about* 3 weeks").
_SPAN_FILLERS = frozenset({"a", "about", "around", "roughly", "almost", "nearly", "over", "like"})
# Words that make "a day", "a week" a rate or a wait ("twice a day", "or wait a day"), never an age.
_RATE_WORDS = frozenset({"times", "once", "twice", "wait", "waited", "waiting"})
# Words right before a count that make it how long something lasted or how long ago, never an age
# ("fever gone 3 days", "came out after 2 days", "the last 3 weeks", "every 2 days").
_DURATION_WORDS = frozenset(
    {"gone", "after", "within", "lasted", "took", "spent", "every", "past", "last", "next"}
    | {"nach", "apres", "dopo", "despues", "apos"}
)


def age_months(hits: Iterable[Hit], tokens: Tokens, numbers: Mapping[str, int]) -> float | None:
    """The baby's age in months when the text gives one ("6 weeks old", "seis semanas")."""
    by_position = dict(zip(tokens.positions, tokens.words, strict=True))
    hits = list(hits)
    # "For a few days", "since 2 weeks", "hace 3 semanas": a span of time, not the baby's age;
    # nor is one ahead ("back to work in three weeks", "dans trois semaines").
    spans_end = {hit.end for hit in hits if hit.concept in ("for_span", "ahead_span")}
    ages: list[float] = []
    for hit in hits:
        per_unit = _MONTHS_PER_UNIT.get(hit.concept)
        # The span word right before the count, or before "a few", "about 3" ("leave it for a
        # few days" after "his 12 month jabs" says nothing of a newborn).
        spanned = hit.start - 2 in spans_end or (
            hit.start - 3 in spans_end and by_position.get(hit.start - 2, "") in _SPAN_FILLERS
        )
        if per_unit is None or spanned:
            continue
        before = by_position.get(hit.start - 1, "")
        if not before.isdigit() and by_position.get(hit.start - 2, "") in _RATE_WORDS:
            continue
        if by_position.get(hit.start - 2, "") in _DURATION_WORDS:
            continue
        count = float(before) if before.replace(".", "", 1).isdigit() else numbers.get(before)
        if count is not None:
            ages.append(count * per_unit)
    return min(ages) if ages else None
