"""Recognise emergencies and parents in crisis from concepts, not from a list of phrases.

A red flag is described as a combination of concepts that must appear close together: a baby or
a pronoun + a sign ("she" + "gone a funny colour"), a substance + a swallowing verb ("grandma's
pills" + "chewed"), a heat source + contact with skin ("kettle" + "splashed" + "arm"). The rules
(`content/safety/rules.toml`) name concepts; each language's file (`content/safety/lang/*.toml`)
lists the words for them. Every language's words are tried on every message, so a Spanish
emergency sent by a parent whose Telegram is set to English is still seen.

The model leans towards the emergency reply: a false alarm costs a parent a glance, a miss may
cost a baby. Near-misses that share words with emergencies ("a blue babygrow", "a fit of
giggles", "my own emergency caesarean last year") are kept quiet by each rule's `unless`
concepts, which a health reviewer can read and extend without touching this code.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, product
from typing import Protocol

from rapidfuzz import fuzz, process

URGENT = "urgent"
CRISIS = "crisis"
KINDS = (URGENT, CRISIS)

# Tokens between two sentences count as this far apart, so a rule prefers signs that are said
# together; a panicked message with no full stops is still one run of words.
SENTENCE_GAP = 3
# Words shorter than this are never corrected as typos (too many real words are one letter off).
FUZZY_MIN_LEN = 6
FUZZY_CUTOFF = 86.0
# Words remembered per language (what they start, their correction); bounded for long runs.
CACHE_SIZE = 50_000


@dataclass(frozen=True)
class Rule:
    """One red flag: concepts that must all appear within `within` tokens of each other."""

    id: str
    kind: str  # URGENT or CRISIS
    category: str
    all: tuple[str, ...]
    within: int = 6
    unless: tuple[str, ...] = ()
    # How far from the matched words an `unless` concept still cancels them.
    unless_within: int = 3
    # Conditions on numbers found in the text (a temperature, the baby's age).
    young: bool = False  # the baby is under 3 months (said in words or as an age)
    min_celsius: float | None = None


@dataclass(frozen=True)
class Lexicon:
    """The words of one language for each concept. A term is one or more space-separated word
    patterns: `word`, `stem*` (starts with), `*ending` (ends with: German compounds),
    `*part*` (contains)."""

    lang: str
    concepts: Mapping[str, tuple[str, ...]]
    numbers: Mapping[str, int] = field(default_factory=dict)
    # Everyday words that look like misspelt alarm words ("feeding" and "bleeding").
    protected: frozenset[str] = frozenset()
    # Misspellings seen often enough to list: corrected before anything else.
    typos: Mapping[str, str] = field(default_factory=dict)
    # Cries for help that are an emergency when shouted alone ("HELP", "help!!").
    shout: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Verdict:
    """What the safety check found: the kind (urgent, crisis or None) and why."""

    kind: str | None
    rule: str | None = None
    category: str | None = None
    also_crisis: bool = False  # an emergency that is also a parent in crisis: both replies go

    def __bool__(self) -> bool:
        return self.kind is not None


SAFE = Verdict(None)


def fold(text: str) -> str:
    """Lower-case, drop accents, unify apostrophes: "Bebé" and "bebe" are the same word."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLD_TABLE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "´": "'",
        "ß": "ss",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ı": "i",
    }
)

# English contractions carry the negation that several rules need ("won't wake").
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\bcan'?t\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bain'?t\b"), "is not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\b(is|does|did|has|have|was|were|are|do|could|would|should)nt\b"), r"\1 not"),
    (re.compile(r"\bi'?m\b"), "i am"),
    (re.compile(r"\b(he|she|it|that|what|who|there)'s\b"), r"\1 is"),
    (re.compile(r"\b(hes|shes)\b"), lambda m: m.group(1)[:-1] + " is"),
    (re.compile(r"\b(i|you|we|they)'ve\b"), r"\1 have"),
    (re.compile(r"\b(i|you|we|they|he|she)'ll\b"), r"\1 will"),
    (re.compile(r"\b(i|you|we|they|he|she)'d\b"), r"\1 would"),
    (re.compile(r"'s\b"), ""),
)
# A decimal comma between digits is a decimal point ("38,5" in most of Europe).
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_SENTENCE_END = re.compile(r"[.!?;\n]+(?:\s|$)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+", re.UNICODE)
# "6wk", "10days", "38c": split a figure from the unit glued to it.
_GLUED = re.compile(r"\b(\d{1,3}(?:\.\d)?)([a-z°]{1,8})\b")


@dataclass(frozen=True)
class Tokens:
    """A message as words, each with a position (sentences are SENTENCE_GAP apart)."""

    words: tuple[str, ...]
    positions: tuple[int, ...]
    sentences: tuple[int, ...]


def tokenize(text: str) -> Tokens:
    """Split a message into folded words and numbers with their positions."""
    text = _DECIMAL_COMMA.sub(".", fold(text))
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    text = text.replace("°", " deg ")
    text = _GLUED.sub(r"\1 \2", text)
    words: list[str] = []
    positions: list[int] = []
    sentences: list[int] = []
    position = 0
    for number, sentence in enumerate(_SENTENCE_END.split(text)):
        for word in _TOKEN.findall(sentence):
            words.append(word)
            positions.append(position)
            sentences.append(number)
            position += 1
        position += SENTENCE_GAP
    return Tokens(tuple(words), tuple(positions), tuple(sentences))


@dataclass(frozen=True)
class _Term:
    concept: str
    patterns: tuple[str, ...]
    # The patterns after the first, as (kind, core): "=" whole word, "<" starts, ">" ends, "~" in.
    rest: tuple[tuple[str, str], ...] = ()


def _compile_pattern(pattern: str) -> tuple[str, str]:
    starts, ends = pattern.startswith("*"), pattern.endswith("*")
    kind = "~" if starts and ends else "<" if ends else ">" if starts else "="
    return kind, pattern.strip("*")


def _matches(kind: str, core: str, word: str) -> bool:
    """Whether one compiled word pattern matches a word."""
    if kind == "=":
        return word == core
    if kind == "<":
        return word.startswith(core)
    if kind == ">":
        return word.endswith(core)
    return core in word


class _CompiledLexicon:
    """A lexicon indexed by each term's first word, so a message is scanned in one pass."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lang = lexicon.lang
        self.exact: dict[str, list[_Term]] = defaultdict(list)
        self.prefix: dict[str, list[_Term]] = defaultdict(list)
        self.suffix: dict[str, list[_Term]] = defaultdict(list)
        self.infix: list[tuple[str, _Term]] = []
        self.vocabulary: set[str] = set()
        self.numbers = dict(lexicon.numbers)
        self.typos = {fold(k): fold(v) for k, v in lexicon.typos.items()}
        self.protected = frozenset(fold(w) for w in lexicon.protected)
        fuzzy_words: set[str] = set()
        fuzzy_stems: set[str] = set()
        for concept, terms in lexicon.concepts.items():
            for raw in terms:
                patterns = tuple(fold(raw).split())
                if not patterns:
                    continue
                term = _Term(concept, patterns, tuple(_compile_pattern(p) for p in patterns[1:]))
                first = term.patterns[0]
                core = first.strip("*")
                if first.startswith("*") and first.endswith("*"):
                    self.infix.append((core, term))
                elif first.endswith("*"):
                    self.prefix[core].append(term)
                elif first.startswith("*"):
                    self.suffix[core].append(term)
                else:
                    self.exact[core].append(term)
                for pattern in term.patterns:
                    word = pattern.strip("*")
                    self.vocabulary.add(word)
                    is_stem = pattern.endswith("*") and not pattern.startswith("*")
                    if len(word) >= FUZZY_MIN_LEN - is_stem and word.isalpha():
                        (fuzzy_stems if is_stem else fuzzy_words).add(word)
        self.fuzzy_targets = _by_initial(fuzzy_words)
        self.fuzzy_stems = _by_initial(fuzzy_stems)
        self.max_prefix = max((len(p) for p in self.prefix), default=0)
        self.suffixes = tuple(self.suffix)
        # Messages repeat words: what each word starts, and its correction, are worked out once.
        self._terms_cache: dict[str, tuple[_Term, ...]] = {}
        self._correct_cache: dict[str, str] = {}

    def starting_terms(self, word: str) -> tuple[_Term, ...]:
        """Every term whose first pattern matches `word`."""
        cached = self._terms_cache.get(word)
        if cached is None:
            cached = tuple(self._starting_terms(word))
            if len(self._terms_cache) < CACHE_SIZE:
                self._terms_cache[word] = cached
        return cached

    def _starting_terms(self, word: str) -> Iterable[_Term]:
        yield from self.exact.get(word, ())
        for size in range(1, min(len(word), self.max_prefix) + 1):
            yield from self.prefix.get(word[:size], ())
        for ending in self.suffixes:
            if word.endswith(ending) and word != ending:
                yield from self.suffix[ending]
        for part, term in self.infix:
            if part in word:
                yield term

    def correct(self, word: str) -> str:
        """The word `word` is most likely a typo of ("unresponsve"), or `word` itself."""
        cached = self._correct_cache.get(word)
        if cached is None:
            cached = self._correct(word)
            if len(self._correct_cache) < CACHE_SIZE:
                self._correct_cache[word] = cached
        return cached

    def _correct(self, word: str) -> str:
        if len(word) < FUZZY_MIN_LEN or word in self.protected or not word.isalpha():
            return word
        # A typo keeps the first letter and about the length of the word it misspells.
        targets = self.fuzzy_targets.get(word[0], ())
        found = process.extractOne(word, targets, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if found and abs(len(found[0]) - len(word)) <= 2:
            return str(found[0])
        # A misspelt stem ("struuggled"): compare the start of the word, keep its ending.
        for stem in self.fuzzy_stems.get(word[0], ()):
            if len(word) < len(stem):
                continue
            head = word[: len(stem) + 1]
            if fuzz.ratio(head, stem) >= FUZZY_CUTOFF and not head.startswith(stem):
                return stem + word[len(stem) + 1 :]
        return word


def _by_initial(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first letter (a typo rarely changes it)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words):
        grouped[word[0]].append(word)
    return {initial: tuple(group) for initial, group in grouped.items()}


@dataclass(frozen=True)
class _Hit:
    concept: str
    start: int  # position of the first word
    end: int  # position of the last word
    sentence: int  # which sentence it is in
    guessed: bool = False  # read through a typo correction
    borrowed: bool = False  # every word is also an English one ("different cries" in French)


def _find_hits(
    lexicon: _CompiledLexicon,
    tokens: Tokens,
    known: frozenset[str] = frozenset(),
    english: frozenset[str] = frozenset(),
) -> list[_Hit]:
    """Every occurrence of every concept of one language in the message. A word the lexicon
    does not know is also read as the word it is most likely a typo of, unless it is a word of
    another language (`known`): English "temperature" is not a Dutch "temperatuur" misspelt."""
    variants: list[tuple[str, ...]] = []
    for word in tokens.words:
        if word in lexicon.typos:
            variants.append((lexicon.typos[word],))
        elif word in lexicon.vocabulary or word in known or not lexicon.fuzzy_targets:
            variants.append((word,))
        else:
            corrected = lexicon.correct(word)
            variants.append((word,) if corrected == word else (word, corrected))
    hits: list[_Hit] = []
    count = len(variants)
    for index, forms in enumerate(variants):
        seen: set[int] = set()
        for exact, form in enumerate(forms):
            for term in lexicon.starting_terms(form):
                if id(term) in seen or index + len(term.rest) >= count:
                    continue
                seen.add(id(term))
                guessed = exact > 0
                for offset, (kind, core) in enumerate(term.rest, start=index + 1):
                    here = variants[offset]
                    if _matches(kind, core, here[0]):
                        continue
                    if len(here) > 1 and _matches(kind, core, here[1]):
                        guessed = True
                        continue
                    break
                else:
                    last = index + len(term.rest)
                    borrowed = bool(english) and all(
                        word in english for word in tokens.words[index : last + 1]
                    )
                    hits.append(
                        _Hit(
                            term.concept,
                            tokens.positions[index],
                            tokens.positions[last],
                            tokens.sentences[index],
                            guessed,
                            borrowed,
                        )
                    )
    return hits


# Temperatures: a figure with a unit, or a body-temperature-looking decimal.
_UNITS_C = frozenset({"c", "deg", "degc", "celsius", "grad", "grados", "graus", "gradi", "stopni"})
_UNITS_F = frozenset({"f", "degf", "fahrenheit"})


def _temperatures(words: Sequence[str]) -> list[float]:
    """Body temperatures given in figures, in Celsius."""
    found: list[float] = []
    for index, word in enumerate(words):
        if not word[0].isdigit():
            continue
        try:
            value = float(word)
        except ValueError:
            continue
        after = words[index + 1 : index + 3]
        unit_c = bool(after) and after[0] in _UNITS_C
        unit_f = bool(after) and (after[0] in _UNITS_F or tuple(after) == ("deg", "f"))
        if 95.0 <= value <= 108.0 and (unit_f or (not unit_c and "." in word)):
            found.append((value - 32.0) * 5.0 / 9.0)
        elif 35.0 <= value <= 43.0 and (unit_c or "." in word):
            found.append(value)
    return found


def _fever_figures(by_concept: Mapping[str, Sequence[_Hit]], tokens: Tokens) -> list[float]:
    """Whole numbers said right after a fever word ("fever of 39", "tiene 40"): Celsius
    from 38 to 42, Fahrenheit from 100 to 107."""
    found: list[float] = []
    index_of = {position: index for index, position in enumerate(tokens.positions)}
    for hit in by_concept.get("fever", ()):
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


def _age_months(hits: Iterable[_Hit], tokens: Tokens, numbers: Mapping[str, int]) -> float | None:
    """The baby's age in months when the text gives one ("6 weeks old", "seis semanas")."""
    by_position = dict(zip(tokens.positions, tokens.words, strict=True))
    ages: list[float] = []
    for hit in hits:
        per_unit = {"unit_day": 1 / 30, "unit_week": 7 / 30, "unit_month": 1.0}.get(hit.concept)
        if per_unit is None:
            continue
        before = by_position.get(hit.start - 1, "")
        count = float(before) if before.replace(".", "", 1).isdigit() else numbers.get(before)
        if count is not None:
            ages.append(count * per_unit)
    return min(ages) if ages else None


@functools.cache
def _alternatives(concept: str) -> tuple[str, ...]:
    """The concepts a rule's slot accepts ("fever|hot": either)."""
    return tuple(concept.split("|"))


def _possible(rule: Rule, by_concept: Mapping[str, Sequence[_Hit]]) -> bool:
    """Whether each of the rule's slots has a hit at all (most rules fail here, at once)."""
    return all(any(name in by_concept for name in _alternatives(c)) for c in rule.all)


def _within(rule: Rule, by_concept: Mapping[str, Sequence[_Hit]]) -> bool:
    """Whether every concept of the rule occurs within `rule.within` tokens, with no `unless`
    concept beside the words that matched."""
    slots = []
    for concept in rule.all:
        options = [h for name in _alternatives(concept) for h in by_concept.get(name, ())]
        if not options:
            return False
        slots.append(options[:8])  # a bound: a pasted essay repeating a word stays fast
    # A near-miss phrase must be written as it is: a typo guess never cancels a sign.
    guards = [h for name in rule.unless for h in by_concept.get(name, ()) if not h.guessed]
    for combo in product(*slots):
        if len(combo) > 1 and _overlap(combo):
            continue  # one word cannot be two signs ("fever" is not "fever + a sign of illness")
        if all(h.borrowed for h in combo):
            continue  # English words read as another language's: English's own rules decide
        start = min(h.start for h in combo)
        end = max(h.end for h in combo)
        if end - start > rule.within:
            continue
        pad = rule.unless_within
        sentences = {h.sentence for h in combo}
        # A near-miss word cancels a sign only in the same sentence ("we learnt CPR on a course
        # last week" is calm; "calling 999. we did the strokes last week" is not).
        if any(
            g.sentence in sentences and g.end >= start - pad and g.start <= end + pad
            for g in guards
        ):
            continue
        return True
    return False


def _shouted_help(text: str, tokens: Tokens, words: frozenset[str]) -> bool:
    """A message that is only a cry for help, in capitals or with "!" ("HELP", "help me!!")."""
    if len(tokens.words) > 3:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    shouted = "!" in text or (len(letters) >= 3 and all(ch.isupper() for ch in letters))
    return (
        shouted
        and tokens.words[0] in words
        and all(w in words or w in ("me", "please", "pls", "now") for w in tokens.words)
    )


def _overlap(hits: Sequence[_Hit]) -> bool:
    """Whether any two hits share a word."""
    spans = sorted((h.start, h.end) for h in hits)
    return any(b[0] <= a[1] for a, b in pairwise(spans))


class ConceptModel:
    """Rules over concepts, in every language's words: which kinds of rule hold for a text.
    The safety net's kinds are urgent and crisis; the everyday intents use the same engine."""

    def __init__(self, rules: Sequence[Rule], lexicons: Sequence[Lexicon]) -> None:
        self.rules = tuple(rules)
        self.lexicons = tuple(lexicons)
        self._kinds = frozenset(rule.kind for rule in self.rules)
        self._lexicons = tuple(_CompiledLexicon(lexicon) for lexicon in lexicons)
        self._known = frozenset(w for c in self._lexicons for w in c.vocabulary if w.isalpha())
        # The first language's words (English): another language's rule needs a word of its own.
        self._english = frozenset(self._lexicons[0].vocabulary) if self._lexicons else frozenset()
        self._shouts = frozenset(fold(w) for lexicon in lexicons for w in lexicon.shout)

    def words_known(self, text: str, lang: str) -> int:
        """How many of the words of `text` one language's word lists know: a tie-break between
        close languages ("mi bebé no respira" is Spanish, not Portuguese, by its words)."""
        for compiled in self._lexicons:
            if compiled.lang == lang:
                return sum(1 for word in tokenize(text).words if word in compiled.vocabulary)
        return 0

    def matches(self, tokens: Tokens) -> dict[str, Rule]:
        """The first rule that holds for each kind of rule (the model's rules may be of any
        kinds: the safety net's are urgent and crisis, the intents' are intent names)."""
        found: dict[str, Rule] = {}
        temperatures = _temperatures(tokens.words)
        for lexicon in self._lexicons:
            english = self._english if lexicon is not self._lexicons[0] else frozenset()
            hits = _find_hits(lexicon, tokens, self._known, english)
            if not hits and not temperatures:
                continue
            age = _age_months(hits, tokens, lexicon.numbers)
            by_concept: dict[str, list[_Hit]] = defaultdict(list)
            for hit in hits:
                by_concept[hit.concept].append(hit)
            young = (age is not None and age < 3.0) or "young" in by_concept
            heat = temperatures + _fever_figures(by_concept, tokens)
            for rule in self.rules:
                if rule.kind in found:
                    continue
                if rule.young and not young:
                    continue
                if rule.min_celsius is not None and not any(t >= rule.min_celsius for t in heat):
                    continue
                if rule.all and not (_possible(rule, by_concept) and _within(rule, by_concept)):
                    continue
                found[rule.kind] = rule
            if len(found) == len(self._kinds):
                break
        return found


class LearnedCheck(Protocol):
    """The learned nets' check (content.safety_learn): URGENT, CRISIS or None for a message;
    `ready` once they are trained (a check before then waits for them)."""

    @property
    def ready(self) -> bool:
        """Whether a check would answer at once."""

    def __call__(self, text: str) -> str | None:
        """The kind the nets read in `text`, or None."""


class SafetyModel(ConceptModel):
    """The safety net's model: urgent, crisis, both, or nothing, for a message."""

    # Second nets for crises and emergencies the rules have no words for
    # (domain.safety_learned): set by the content loader; URGENT, CRISIS or None for a message.
    # They only ever add an emergency or a crisis the rules passed.
    learned: LearnedCheck | None = None

    @property
    def ready(self) -> bool:
        """Whether `check` answers at once: False while the learned nets are still training
        (a first start, before the model cache has them)."""
        return self.learned is None or self.learned.ready

    def check(self, text: str) -> Verdict:
        """Urgent, crisis, both, or nothing, for the whole of `text`."""
        if not isinstance(text, str) or not text.strip():
            return SAFE
        tokens = tokenize(text)
        if not tokens.words:
            return SAFE
        if _shouted_help(text, tokens, self._shouts):
            return Verdict(URGENT, "shouted-help", "general")
        found = self.matches(tokens)
        if URGENT in found:
            rule = found[URGENT]
            return Verdict(URGENT, rule.id, rule.category, also_crisis=CRISIS in found)
        if CRISIS in found:
            rule = found[CRISIS]
            return Verdict(CRISIS, rule.id, rule.category)
        if self.learned is not None:
            kind = self.learned(text)
            if kind is not None:
                return Verdict(kind, "learned", "learned")
        return SAFE
