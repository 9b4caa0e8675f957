"""How one language's questions become the matcher's canonical tokens.

A `Lexicon` holds one language's words (read from `content/match/<lang>.toml` by
`content.match_pack`) and turns a question into tokens: lower case, accents folded, emoji and
contractions read, ages and phrases folded, variants and synonyms mapped onto one word, stop words
dropped, words stemmed. The FAQ matcher (`domain.faq_match`) scores those tokens; nothing here
knows about topics, so adding a language is adding a word file.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from importlib.metadata import version

import snowballstemmer

# Long messages are cut: the topic of a question shows in its first few hundred characters, and
# a bound keeps the matcher fast whatever is pasted in (the safety net still sees everything).
MAX_CHARS = 600
MAX_TOKENS = 80

_APOSTROPHE = re.compile(r"(\w)'(s|t|re|ve|ll|d|m)\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"^\d+(?:st|nd|rd|th)?$")
# A body temperature: 37.5 to 42.9 with a decimal point or comma ("38,2"), or 37 to 42 with a
# degree sign or a "C" ("39°", "38C"). It becomes the word "fevertemp", which each language's
# variants map onto its word for fever; "34+2" (weeks of pregnancy) is not a temperature.
_TEMPERATURE = re.compile(
    r"(?<![\d+.,])(?:(?:3[7-9]|4[0-2])(?:[.,]\d)?(?:\s?[°º]c?|c\b)|37[.,][5-9]|3[89][.,]\d|4[0-2][.,]\d)"
    r"(?![\d+])",
    re.IGNORECASE,
)
# Letters that do not decompose into a base letter and an accent.
_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d"})


# What a word may carry at its edges in a message ("Pfnüsel," "cho?"), for the dialect table.
_EDGE_PUNCTUATION = ".,;:!?¿¡()\"'"


def fold(text: str) -> str:
    """Lower-case `text` with accents dropped: parents type "bebe" for "bebé" and "uber" for
    "über", so a language's words are compared without them."""
    if text.isascii():  # nothing to decompose: the common case, read for every example
        return text.lower()
    text = unicodedata.normalize("NFKC", text).lower().translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def light_stem(word: str) -> str:
    """Strip common English suffixes so "massaging", "massaged" and "massage" meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("sses", "ss")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + replacement
    stripped = word
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stripped = word[: -len(suffix)]
            # "stopping" -> "stopp" -> "stop"; keep ll/ss/zz ("falling" -> "fall").
            if len(stripped) > 3 and stripped[-1] == stripped[-2] and stripped[-1] not in "lsz":
                stripped = stripped[:-1]
            break
    else:
        if word.endswith("ly") and len(word) > 5:
            stripped = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            stripped = word[:-1]
    if stripped.endswith("e") and len(stripped) > 3:
        stripped = stripped[:-1]
    return stripped


@dataclass(frozen=True)
class Rewrite:
    """A regex over folded, punctuation-free text and what it becomes (may use groups)."""

    pattern: re.Pattern[str]
    replacement: str


@dataclass(frozen=True)
class Lexicon:
    """One language's words for the FAQ matcher, and the normalisation they drive."""

    lang: str
    stemmer: str  # "light" (English suffix stripper) or a Snowball algorithm name
    join_apostrophes: bool  # "won't" -> "wont" (English); otherwise "l'huile" -> "l huile"
    emoji: Mapping[str, str]
    fillers: frozenset[str]
    stopwords: frozenset[str]
    question_words: frozenset[str]
    context: frozenset[str]  # canonical tokens that tie a question to the massage or the class
    numbers: Mapping[str, int]
    age: re.Pattern[str] | None  # group 1 a number, group 2 a unit
    age_units: tuple[tuple[str, float], ...]  # unit prefix -> days, longest prefix first
    born_at: re.Pattern[str] | None  # group 1 the weeks of pregnancy
    before: tuple[Rewrite, ...]
    after: tuple[Rewrite, ...]
    contractions: Mapping[str, str]
    phrases: Mapping[str, str]
    variants: Mapping[str, str]  # surface word -> canonical word(s); "" drops it
    concepts: Mapping[str, str]  # word -> the wider concept it also stands for
    out_of_scope: tuple[str, ...]
    # Regional words (Swiss German, Austro-Bavarian) -> the standard word: a second reading of a
    # question the standard one passed on (see FaqMatcher.match); the examples are not rewritten.
    dialect: Mapping[str, str] = field(default_factory=dict)
    # Questions about something else asked in the FAQ's words (cooking with oil, the course's
    # price, becoming an instructor): (pattern, unless) over the folded, punctuation-free
    # question; a pattern found, and its `unless` (the massage named) not, passes it on.
    off_topic: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = ()
    # Diminutive endings and what they replace ("ita" -> "a": "fiebrita" is "fiebre", "carita"
    # "cara"): a word no example uses is read as its plain form when the examples know that.
    diminutives: tuple[tuple[str, str], ...] = ()
    _stem_cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def digest(self) -> str:
        """A name for every word and pattern of this lexicon and its stemmer's version: the
        same name means questions are read into the same tokens (with the same code)."""

        def plain(value: object) -> object:
            # Sets and mappings in a fixed order, patterns as written: the same in every process.
            if isinstance(value, re.Pattern):
                return value.pattern
            if isinstance(value, Rewrite):
                return [value.pattern.pattern, value.replacement]
            if isinstance(value, frozenset):
                return sorted(value)
            if isinstance(value, Mapping):
                return sorted((str(k), plain(v)) for k, v in value.items())
            if isinstance(value, tuple):
                return [plain(v) for v in value]
            return value

        fields_ = {f.name: plain(getattr(self, f.name)) for f in fields(self) if f.compare}
        material = json.dumps([fields_, version("snowballstemmer")], ensure_ascii=False)
        return hashlib.sha256(material.encode()).hexdigest()

    @cached_property
    def _phrase_re(self) -> re.Pattern[str] | None:
        """All phrases in one alternation, longest first so the longest phrase wins."""
        if not self.phrases:
            return None
        ordered = sorted(self.phrases, key=lambda phrase: -len(phrase))
        return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")

    @cached_property
    def _snowball(self) -> snowballstemmer.Stemmer | None:
        """The Snowball stemmer of this language, unless it uses the light English one."""
        return None if self.stemmer == "light" else snowballstemmer.stemmer(self.stemmer)

    def stem(self, word: str) -> str:
        """The stem of one word, so inflections of a word meet ("massaging", "masajes")."""
        stemmed = self._stem_cache.get(word)
        if stemmed is None:
            snowball = self._snowball
            stemmed = light_stem(word) if snowball is None else snowball.stemWord(word)
            if len(self._stem_cache) < 50_000:  # bounded: questions bring endless new words
                self._stem_cache[word] = stemmed
        return stemmed

    def _age_bucket(self, match: re.Match[str]) -> str:
        """Turn "9 month old" into a word for the age group: ages matter, exact numbers do not."""
        number, unit = match.group(1), match.group(2)
        value = int(number) if number.isdigit() else self.numbers.get(number, 1)
        days = next((d for prefix, d in self.age_units if unit.startswith(prefix)), 30.0)
        months = value * days / 30
        if months < 3:
            return " agenewborn "
        if months < 6:
            return " ageyoung "
        return " ageolder "

    @staticmethod
    def _born_at(match: re.Match[str]) -> str:
        """Read "born at 33 weeks" as premature (before 37 weeks); later is a term birth."""
        return " premature " if int(match.group(1)) < 37 else " born "

    def in_standard(self, text: str) -> str | None:
        """`text` (folded) with its regional words in the standard language, or None when it has
        none."""
        if not self.dialect:
            return None
        words = fold(text).split()
        standard = [self.dialect.get(word.strip(_EDGE_PUNCTUATION), word) for word in words]
        return " ".join(standard) if standard != words else None

    def is_off_topic(self, text: str) -> bool:
        """Whether `text` asks about something the FAQ does not cover in the FAQ's own words
        (see `off_topic`), whatever its words score against the topics."""
        if not self.off_topic:
            return False
        plain = _NON_WORD.sub(" ", fold(text[:MAX_CHARS])).strip()
        return any(
            pattern.search(plain) and not (unless is not None and unless.search(plain))
            for pattern, unless in self.off_topic
        )

    def surface_tokens(self, text: str) -> list[str]:
        """Lower-case words of `text` after emoji, phrases and contractions are handled."""
        text = text[:MAX_CHARS]
        for emoji, words in self.emoji.items():
            if emoji in text:
                text = text.replace(emoji, f" {words} ")
        text = _TEMPERATURE.sub(" fevertemp ", text)
        text = fold(text).replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
        if self.join_apostrophes:
            text = _APOSTROPHE.sub(r"\1\2", text)  # "won't" -> "wont", then the contractions
        text = _NON_WORD.sub(" ", text)
        # Contractions first ("cant come" -> "can not come"), so the phrases see one spelling.
        text = " ".join(
            self.contractions.get(word, word)
            for word in text.split()[:MAX_TOKENS]
            # Fillers go before the phrases are read: "what actually is" is "what is".
            if word not in self.fillers
        )
        if self.age is not None:
            text = self.age.sub(self._age_bucket, text)
        if self.born_at is not None:
            text = self.born_at.sub(self._born_at, text)
        for rewrite in self.before:
            text = rewrite.pattern.sub(rewrite.replacement, text)
        phrase_re = self._phrase_re
        if phrase_re is not None:
            text = phrase_re.sub(lambda m: self.phrases[m.group(0)], text)
        for rewrite in self.after:
            text = rewrite.pattern.sub(rewrite.replacement, text)
        return text.split()

    def canonical(self, word: str) -> list[str]:
        """Map one surface word to its canonical, stemmed token(s); [] for noise."""
        if _DIGITS.match(word):
            return ["<num>"]
        mapped = self.variants.get(word, word)
        if not mapped:
            return []
        out: list[str] = []
        for part in mapped.split():
            if part in self.stopwords and part not in self.question_words:
                continue
            out.append(part if part in self.question_words else self.stem(part))
            concept = self.concepts.get(part)
            if concept:
                out.append(self.stem(concept))
        return out
