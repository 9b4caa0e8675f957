"""The words of a message as the concept rules read them: folded (case, accents, apostrophes),
split into words with positions and sentences, and matched against each language's concept words
(stems, compound endings, a likely typo); the figures in it (a temperature, the baby's age) are
read by `domain.concept_figures`. The safety net and the everyday intents both read messages
through this module."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import MappingProxyType

from rapidfuzz import fuzz, process

# Tokens between two sentences count as this far apart, so a rule prefers signs that are said
# together; a panicked message with no full stops is still one run of words.
SENTENCE_GAP = 3
# Words shorter than this are never corrected as typos (too many real words are one letter off).
FUZZY_MIN_LEN = 6
# Nor shorter than this read without a letter typed twice.
DOUBLED_MIN_LEN = 5
FUZZY_CUTOFF = 86.0
# Words remembered per language (how it reads each); the cache starts afresh when full. Most
# words a parent writes start nothing in most languages, so such a word costs one dict entry.
# A word read again after a fresh start costs some 10 µs per language.
CACHE_SIZE = 20_000


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
    # Words of degree that may sit inside a term without changing it ("ideas muy feas" is
    # "ideas feas", "not really breathing" is "not breathing"): parents stress what they say.
    degree: frozenset[str] = frozenset()


def fold(text: str) -> str:
    """Lower-case, drop accents, unify apostrophes: "Bebé" and "bebe" are the same word."""
    if text.isascii():
        # Most words and terms: no accent or compatibility form to undo, and the only
        # character of the table below in ASCII is the backtick. Every start folds about a
        # hundred thousand terms, so this path is most of the loading time saved.
        return text.lower().replace("`", "'")
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

# English contractions carry the negation that several rules need ("won't wake"); Dutch
# short forms come last.
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
    # Dutch writes "my" and "his" short ("m'n vinger", in a hurry "zn beentje"): without this
    # "m" and "n" are two words.
    (re.compile(r"\bm'?n\b"), "mijn"),
    (re.compile(r"\bz'?n\b"), "zijn"),
)
# Any word `_CONTRACTIONS` rewrites that has no apostrophe ("wont", "im", "hes", "didnt").
_CONTRACTED = re.compile(
    r"\b(?:wont|cant|cannot|aint|im|hes|shes|mn|zn|"
    r"(?:is|does|did|has|have|was|were|are|do|could|would|should)nt)\b"
)
# A decimal comma between digits is a decimal point ("38,5" in most of Europe).
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
# Voice dictation spells the decimal out: "38 punto 2", "38 virgule 5", "38 point 4".
_SPOKEN_DECIMAL = re.compile(
    r"\b(3[5-9]|4[0-3]) (?:point|punto|virgule|komma|virgola|ponto|przecinek) (\d)\b"
)
# Where a clause starts: the last one of a sentence is what a "?" asks ("¿podemos volver?").
_CLAUSE = re.compile(r"[,¿:(]")
_LAUGHING = re.compile("[\U0001f602\U0001f923]")
# Eye-roll, upside-down, huffing and unamused faces read as a word (`eyeroll`): venting said
# with a wink ("he slept through every feed. I'm going to kill him 🙃").
_IRONY = re.compile("[\U0001f643\U0001f644\U0001f612\U0001f624]")
_SENTENCE_END = re.compile(r"([.!?;\n]+)(?:\s|$)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+", re.UNICODE)
# A lexicon term's words: as `_TOKEN`, keeping the wildcard stars ("atem*", "*atmung").
_TERM_WORD = re.compile(r"\d+(?:\.\d+)?|\*?[^\W\d_]+\*?", re.UNICODE)
# "6wk", "10days", "38c": split a figure from the unit glued to it.
_GLUED = re.compile(r"\b(\d{1,3}(?:\.\d)?)([a-z°]{1,8})\b")


@dataclass(frozen=True)
class Tokens:
    """A message as words, each with a position (sentences are SENTENCE_GAP apart)."""

    words: tuple[str, ...]
    positions: tuple[int, ...]
    sentences: tuple[int, ...]
    # Which clause each word is in, counted through the message: a comma, a colon or a bracket
    # starts a new one, as a sentence does.
    clauses: tuple[int, ...]
    # Where each question asked ends, first and last word positions: the last clause of a
    # sentence ending in "?" ("blue lips, is he ok??" asks "is he ok").
    questions: frozenset[tuple[int, int]] = frozenset()


def _expanded(text: str) -> str:
    """Folded `text` with the English contractions written out ("won't" -> "will not")."""
    text = fold(text)
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text


@cache
def _term_readings(term: str) -> tuple[tuple[str, ...], ...]:
    """A term's words as a message's would be read (`term_words`) and, where that differs, as
    written: a typo of a contraction ("woulldnt") is not written out, but is corrected to it."""
    return tuple(dict.fromkeys((term_words(term), tuple(fold(term).split()))))


@cache
def term_words(term: str) -> tuple[str, ...]:
    """A lexicon term's words as a message's would be read: folded, contractions written out
    and split where `tokenize` splits, so "won't open", "j'en ai" and the German "im Hals" (read
    as "i am hals", like the English "im") match the words a message gives. Cached: every load
    of the content reads the same hundred thousand terms."""
    folded = fold(term)
    # Most terms hold no contraction: one search instead of every rewrite.
    if "'" in folded or _CONTRACTED.search(folded):
        folded = _expanded(folded)
    return tuple(_TERM_WORD.findall(folded))


# Kept for the last few messages: the safety check, the everyday intents and the language's
# tie-break each read the same message (read only: the words are tuples).
@lru_cache(maxsize=64)
def tokenize(text: str) -> Tokens:
    """Split a message into folded words and numbers with their positions."""
    text = _SPOKEN_DECIMAL.sub(r"\1.\2", _DECIMAL_COMMA.sub(".", _expanded(text)))
    text = text.replace("°", " deg ")
    # Crying-with-laughter emoji read as the laugh they are ("it was the marker pen 😂").
    text = _LAUGHING.sub(" haha ", text)
    text = _IRONY.sub(" eyeroll ", text)
    text = _GLUED.sub(r"\1 \2", text)
    words: list[str] = []
    positions: list[int] = []
    sentences: list[int] = []
    clauses: list[int] = []
    clause = 0
    position = 0
    questions: set[tuple[int, int]] = set()
    # Split with the ends kept: a sentence and the marks that end it alternate.
    pieces = _SENTENCE_END.split(text)
    for number, sentence in enumerate(pieces[::2]):
        for part in _CLAUSE.split(sentence):
            for word in _TOKEN.findall(part):
                words.append(word)
                positions.append(position)
                sentences.append(number)
                clauses.append(clause)
                position += 1
            clause += 1
        if words and "?" in (pieces[2 * number + 1] if 2 * number + 1 < len(pieces) else ""):
            asked = len(_TOKEN.findall(_CLAUSE.split(sentence)[-1]))
            if asked:
                questions.add((positions[-asked], positions[-1]))
        position += SENTENCE_GAP
    return Tokens(
        tuple(words), tuple(positions), tuple(sentences), tuple(clauses), frozenset(questions)
    )


@dataclass(frozen=True, slots=True)
class _Term:
    concept: str
    patterns: tuple[str, ...]
    # The patterns after the first, as (kind, core): "=" whole word, "<" starts, ">" ends, "~" in.
    rest: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Starting:
    """The terms one word starts (`terms`, in the lexicon's order), split for a quick scan:
    most terms of several words need one particular word next ("a du mal", "a avalé": French
    has a hundred after "a"), and are worth trying only when that word follows."""

    terms: tuple[_Term, ...]
    # By its place in `terms`: each term of one word, or whose second pattern is not a whole word.
    free: tuple[tuple[int, _Term], ...]
    # The other terms, by the whole word their second pattern is.
    by_next: Mapping[str, tuple[tuple[int, _Term], ...]]

    @classmethod
    def of(cls, terms: tuple[_Term, ...]) -> _Starting:
        """`terms` split by what they need next."""
        if not terms:
            return _NOTHING
        free: list[tuple[int, _Term]] = []
        by_next: dict[str, list[tuple[int, _Term]]] = defaultdict(list)
        for place, term in enumerate(terms):
            if term.rest and term.rest[0][0] == "=":
                by_next[term.rest[0][1]].append((place, term))
            else:
                free.append((place, term))
        return cls(terms, tuple(free), {k: tuple(v) for k, v in by_next.items()})

    def before(self, following: Sequence[str]) -> Sequence[tuple[int, _Term]]:
        """The terms, in order, that can match when one of `following` (the next word, and its
        typo correction) comes next: the others' second word is not there."""
        found: Sequence[tuple[int, _Term]] = self.free
        for word in following:
            more = self.by_next.get(word)
            if more:
                found = sorted((*found, *more), key=_place)
        return found


# What most words start in a language: nothing (one object, shared).
_NOTHING = _Starting((), (), MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class _Word:
    """A word of a message as one language reads it (`CompiledLexicon.readings`)."""

    forms: tuple[str, ...]  # the word (or a listed misspelling's correction), and a typo guess
    starting: tuple[_Starting, ...]  # the terms each form starts
    starts_terms: bool  # whether any does


def _place(item: tuple[int, _Term]) -> int:
    return item[0]


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


class CompiledLexicon:
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
        self.degree = frozenset(fold(w) for w in lexicon.degree)
        fuzzy_words: set[str] = set()
        fuzzy_stems: set[str] = set()
        for concept, terms in lexicon.concepts.items():
            # Each term as a message's words are read, and as written (cached across loads).
            readings = (patterns for raw in terms for patterns in _term_readings(raw))
            for patterns in readings:
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
        # Words and stems by first letter, then by length: a typo keeps the first letter and
        # about the length of the word it misspells, so only a few lengths are compared.
        self.fuzzy_targets = {
            initial: _by_length(words) for initial, words in _by_initial(fuzzy_words).items()
        }
        self.fuzzy_stems = {
            initial: _by_length(stems) for initial, stems in _by_initial(fuzzy_stems).items()
        }
        # Every start of a stem pattern: a word's starts are looked up only while they are one
        # ("sch", "schw" ... until "schx" starts no stem), not at every length.
        self._prefix_starts = frozenset(p[:size] for p in self.prefix for size in range(1, len(p)))
        self.suffixes = tuple(self.suffix)
        # Messages repeat words: how each is read is worked out once (per set of other
        # languages' words, `known`: one per model). None: the word as itself, starting nothing.
        self._readings: dict[frozenset[str], dict[str, _Word | None]] = {}

    def starting(self, word: str) -> _Starting:
        """The terms whose first pattern matches `word`, indexed by the word they need next."""
        return _Starting.of(tuple(self._starting_terms(word)))

    def _starting_terms(self, word: str) -> Iterable[_Term]:
        yield from self.exact.get(word, ())
        for size in range(1, len(word) + 1):
            start = word[:size]
            yield from self.prefix.get(start, ())
            if start not in self._prefix_starts:
                break  # no stem starts with anything longer
        if self.suffixes and word.endswith(self.suffixes):
            for ending in self.suffixes:
                if word.endswith(ending) and word != ending:
                    yield from self.suffix[ending]
        for part, term in self.infix:
            if part in word:
                yield term

    def readings(self, known: frozenset[str] = frozenset()) -> Callable[[str], _Word | None]:
        """How this language reads each word of a message (see `_reading`), remembered: None
        for a word read as itself that starts no term, which most words are. Safe from several
        threads: each dict call is atomic and a reading never changes once made."""
        cache = self._readings.setdefault(known, {})

        def reading(word: str) -> _Word | None:
            try:
                return cache[word]
            except KeyError:
                found = self._reading(word, known)
                if len(cache) >= CACHE_SIZE:
                    cache.clear()  # bounded: questions bring endless new words
                cache[word] = found
                return found

        return reading

    def _reading(self, word: str, known: frozenset[str]) -> _Word | None:
        """A word as a listed misspelling's correction, as itself, or also as the word it is
        most likely a typo of (never for a word of another language, `known`), with the terms
        each form starts; None for the word as itself starting nothing."""
        forms: tuple[str, ...]
        if word in self.typos:
            forms = (self.typos[word],)
        elif word in self.vocabulary or word in known or not self.fuzzy_targets:
            forms = (word,)
        else:
            corrected = self._correct(word)
            forms = (word,) if corrected == word else (word, corrected)
        starting = tuple(self.starting(form) for form in forms)
        starts_terms = any(s.terms for s in starting)
        if not starts_terms and forms == (word,):
            return None
        return _Word(forms, starting, starts_terms)

    def _correct(self, word: str) -> str:
        if word in self.protected or not word.isalpha() or len(word) < DOUBLED_MIN_LEN:
            return word
        # A letter a thumb typed twice ("woulld", "breeathing", "rearr-ended"): one of them
        # dropped gives a listed word. Tried first: the fuzzy match below would take the nearest
        # word instead. In a short word only a last letter doubled counts ("oddio" is not
        # "odio", "loose" not "lose", "steep" not "step").
        first = 1 if len(word) >= FUZZY_MIN_LEN else len(word) - 1
        for at in range(first, len(word)):
            if (
                word[at] == word[at - 1]
                and (single := word[:at] + word[at + 1 :]) in self.vocabulary
            ):
                return single
        if len(word) < FUZZY_MIN_LEN:
            return word
        # A typo keeps the first letter and about the length of the word it misspells: the
        # closest listed word wins (the first alphabetically of equally close ones). Only words
        # of a length that could score the cutoff are compared.
        best: tuple[float, str] | None = None
        for size, targets in self.fuzzy_targets.get(word[0], {}).items():
            if abs(size - len(word)) * 100 > (100 - FUZZY_CUTOFF) * (size + len(word)) + 1:
                continue
            found = process.extractOne(word, targets, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if found and (best is None or (-found[1], found[0]) < (-best[0], best[1])):
                best = (found[1], found[0])
        if best and abs(len(best[1]) - len(word)) <= 2:
            return best[1]
        # A misspelt stem ("struuggled"): compare the start of the word, keep its ending. The
        # first stem in alphabetical order that is close enough wins.
        close = [
            stem
            for size, stems in self.fuzzy_stems.get(word[0], {}).items()
            if size <= len(word)
            for stem, _, _ in process.extract(
                word[: size + 1], stems, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
            )
            if not word.startswith(stem)
        ]
        if close:
            stem = min(close)
            return stem + word[len(stem) + 1 :]
        return word


def _by_length(words: Iterable[str]) -> dict[int, tuple[str, ...]]:
    """Words grouped by their length, each group in alphabetical order (of equally close
    words, a typo is read as the first)."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for word in words:
        grouped[len(word)].append(word)
    return {size: tuple(sorted(group)) for size, group in sorted(grouped.items())}


def _by_initial(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first letter (a typo rarely changes it)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words):
        grouped[word[0]].append(word)
    return {initial: tuple(group) for initial, group in grouped.items()}


@dataclass(frozen=True)
class Hit:
    """One concept found in a message, with where its words are."""

    concept: str
    start: int  # position of the first word
    end: int  # position of the last word
    sentence: int  # which sentence it is in
    guessed: bool = False  # read through a typo correction
    borrowed: bool = False  # every word is also an English one ("different cries" in French)
    clause: int = 0  # which clause its first word is in (see `Tokens.clauses`)


# Words of degree skipped inside one term, at most ("muy muy feas").
MAX_DEGREE_WORDS = 2


def _term_end(
    term: _Term, variants: Sequence[tuple[str, ...]], index: int, degree: frozenset[str]
) -> tuple[int, bool] | None:
    """Where `term`, started by the word at `index`, ends in the message: the position of its
    last word and whether a word was read through its typo correction, or None when the words
    that follow are not the term's. Words of `degree` between its words are passed over."""
    offset, skipped, guessed = index + 1, 0, False
    count = len(variants)
    for kind, core in term.rest:
        while True:
            if offset >= count:
                return None
            here = variants[offset]
            if _matches(kind, core, here[0]):
                break
            if len(here) > 1 and _matches(kind, core, here[1]):
                guessed = True
                break
            if here[0] in degree and skipped < MAX_DEGREE_WORDS:
                skipped += 1
                offset += 1
                continue
            return None
        offset += 1
    return offset - 1, guessed


def find_hits(
    lexicon: CompiledLexicon,
    tokens: Tokens,
    known: frozenset[str] = frozenset(),
    english: frozenset[str] = frozenset(),
) -> list[Hit]:
    """Every occurrence of every concept of one language in the message. A word the lexicon
    does not know is also read as the word it is most likely a typo of, unless it is a word of
    another language (`known`): English "temperature" is not a Dutch "temperatuur" misspelt."""
    reading = lexicon.readings(known)
    read = [reading(word) for word in tokens.words]
    variants = [
        (plain,) if word is None else word.forms
        for plain, word in zip(tokens.words, read, strict=True)
    ]
    hits: list[Hit] = []
    count = len(variants)
    # Most messages stress nothing in a language: its terms are then read word after word.
    degree = lexicon.degree if not lexicon.degree.isdisjoint(tokens.words) else frozenset()
    for index, word in enumerate(read):
        if word is None or not word.starts_terms:
            continue  # most words start no term of this language
        seen: set[int] = set()
        following = variants[index + 1] if index + 1 < count else ()
        after = index + 1
        while (
            degree
            and after - index <= MAX_DEGREE_WORDS
            and after + 1 < count
            and variants[after][0] in degree
        ):
            after += 1  # "ideas muy feas": the term's second word may come after "muy"
            following = (*following, *variants[after])
        for exact, starting in enumerate(word.starting):
            # Only the terms whose second word (when it is a whole word) comes next.
            for _, term in starting.before(following):
                if id(term) in seen or index + len(term.rest) >= count:
                    continue
                seen.add(id(term))
                end: tuple[int, bool] | None = None
                guessed = False  # a later word read through its typo correction
                # Word after word, inline: `_term_end` reads the same way and also passes over
                # degree words, but a call for every term a word starts cost the scan 10-20%.
                for offset, (kind, core) in enumerate(term.rest, start=index + 1):
                    here = variants[offset]
                    if _matches(kind, core, here[0]):
                        continue
                    if len(here) > 1 and _matches(kind, core, here[1]):
                        guessed = True
                        continue
                    break
                else:
                    end = (index + len(term.rest), guessed)
                if end is None and degree:
                    # Not word after word: perhaps with a word of degree between ("muy feas").
                    end = _term_end(term, variants, index, degree)
                if end is None:
                    continue
                # A term is a guess when its first word or any later one was read as a typo.
                last, guessed = end[0], end[1] or exact > 0
                if tokens.sentences[last] != tokens.sentences[index]:
                    # "un masajito ayuda? ya le di de todo" is not "ayuda ya": a term's
                    # words are said in one sentence.
                    continue
                borrowed = bool(english) and all(
                    w in english for w in tokens.words[index : last + 1]
                )
                hits.append(
                    Hit(
                        term.concept,
                        tokens.positions[index],
                        tokens.positions[last],
                        tokens.sentences[index],
                        guessed,
                        borrowed,
                        tokens.clauses[index],
                    )
                )
    return hits
