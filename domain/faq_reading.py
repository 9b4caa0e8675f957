"""How the FAQ matcher (`domain.faq_match`) reads a question: steps 2 and 3 of its pipeline.

2. Normalisation: lower case, emoji and punctuation dropped (a few emoji become words), slang
   and text-speak expanded ("lo", "dd", "jabs", "hubby", "babydaddy"), British and American
   spellings and synonyms folded onto one word (nappy/diaper, poo/stool, wind/gas), phrases
   read as one idea ("born early", "too young", "since she was born", "looking after"), filler
   words dropped, a light stemmer (the language's `domain.lexicon.Lexicon` does all this). In a
   message of several sentences, the ones without a question mark (the scene-setting) count for
   less.
3. Typos: a word the examples never use is read as its plain form if it is a diminutive
   ("carita" as "cara"), else replaced by the closest word they do use (rapidfuzz, same first
   letter, close enough; ties go to the curated vocabulary); the guess counts for less than a
   word really used.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Set
from functools import lru_cache

from rapidfuzz import fuzz, process

from domain.faq_decision import CONTEXT_WEIGHT, FUZZY_WEIGHT
from domain.lexicon import MAX_CHARS, Lexicon

_MAX_SENTENCES = 12
# Sentence ends: a question mark (or several), a full stop or an exclamation mark, then a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Words shorter than this are never typo-corrected: too many short real words sit one letter
# away from a different word the examples use.
_NO_FUZZ_MIN_LEN = 4


def exact_tokens(lexicon: Lexicon, words: Iterable[str]) -> list[tuple[str, float]]:
    """Canonical tokens of surface words, without typo correction (for the examples)."""
    return [(token, 1.0) for word in words for token in lexicon.canonical(word)]


class QuestionReader:
    """A question's canonical tokens and their weights, typos corrected against the words a
    matcher's examples use."""

    def __init__(
        self,
        lexicon: Lexicon,
        known_stems: Set[str],
        surface_vocab: Set[str],
        topic_vocab: Iterable[str],
    ) -> None:
        """Correct typos towards `surface_vocab` (every surface word of the examples, the
        out-of-scope ones included) and the lexicon's variant tables; a word whose canonical
        tokens are all `known_stems` (the canonical words the index knows) is never corrected;
        between equally close words, one of `topic_vocab` (the FAQ examples' surface words) is
        preferred."""
        self._lex = lexicon
        self._known_stems = known_stems
        fuzzy_targets = tuple(
            sorted(w for w in surface_vocab | set(lexicon.variants) if len(w) >= _NO_FUZZ_MIN_LEN)
        )
        by_initial: dict[str, list[str]] = defaultdict(list)
        for word in fuzzy_targets:
            by_initial[word[0]].append(word)
        self._fuzzy_by_initial = {k: tuple(v) for k, v in by_initial.items()}
        self._topic_vocab = frozenset(topic_vocab)
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)
        self._plain = lru_cache(maxsize=8192)(self._plain_uncached)

    def _plain_uncached(self, word: str) -> str:
        """`word`, or its plain form when it is a diminutive the examples know only plainly
        ("fiebrita" -> "fiebra", read as the stem of "fiebre"): a real word, not a typo guess,
        so it keeps its whole weight."""
        if not self._lex.diminutives or word in self._lex.variants or self._known(word):
            return word
        for ending, plain in self._lex.diminutives:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                base = word[: -len(ending)] + plain
                if self._lex.canonical(base) and self._known(base):
                    return base
        return word

    def _known(self, word: str) -> bool:
        """Whether every canonical token of `word` is one the index knows."""
        return self._all_known(self._lex.canonical(word))

    def _all_known(self, tokens: Iterable[str]) -> bool:
        """Whether every one of a word's canonical `tokens` is one the index knows."""
        return all(token in self._known_stems for token in tokens)

    def known_words(self, question: str) -> tuple[int, int]:
        """How many of the question's words the examples use (as written, or as a diminutive
        of one), and how many words it has: a few words typed like a search tell their
        language by whose words they are better than by their letters."""
        plain = [self._plain(w) for w in self._lex.surface_tokens(question) if w.isalpha()]
        # Only words that carry meaning in this language: a word it drops ("the", "de") is
        # neither evidence for it nor against it.
        tokens = [t for t in map(self._lex.canonical, plain) if t]
        return sum(1 for t in tokens if self._all_known(t)), len(tokens)

    def _correct_uncached(self, word: str) -> str:
        """Return `word`, or the known word it is most likely a typo of."""
        if (
            word in self._lex.variants
            or len(word) < _NO_FUZZ_MIN_LEN
            or not word.isalpha()
            or self._known(word)
        ):
            return word
        # Typos rarely change the first letter; requiring it keeps "rain" from becoming "brain".
        targets = self._fuzzy_by_initial.get(word[0], ())
        # Longer words tolerate more edits; short ones only a slip of one letter.
        cutoff = 80.0 if len(word) <= 6 else 84.0 if len(word) <= 8 else 80.0
        found = process.extract(word, targets, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        if not found:
            return word
        # Between equally close words ("teathing": teaching or teething?), prefer a word of the
        # curated variant tables, then one the FAQ examples use, over an out-of-scope one.
        best_score = found[0][1]
        target = min(
            (candidate for candidate, score, _ in found if score == best_score),
            key=lambda w: (w not in self._lex.variants, w not in self._topic_vocab, w),
        )
        # A short word is more often a real word we do not know than a typo of a shorter one
        # ("short" is not "shot"): only let it grow or keep its length.
        if len(word) <= 6 and len(target) < len(word):
            return word
        return target

    def weighted_tokens(self, question: str) -> list[tuple[str, float]]:
        """Canonical tokens of a question with their weights, typos corrected.

        Parents often set the scene before they ask ("We tried it after his bath. He screamed
        at the tummy, should I have stopped?"): in a message of several sentences with a
        question mark, the sentences without one count for less.
        """
        sentences = [part for part in _SENTENCE_END.split(question[:MAX_CHARS]) if part.strip()]
        sentences = sentences[:_MAX_SENTENCES]
        asking = [("?" in part) for part in sentences]
        weigh_context = len(sentences) > 1 and any(asking) and not all(asking)
        tokens: list[tuple[str, float]] = []
        for sentence, is_question in zip(sentences, asking, strict=True):
            weight = 1.0 if is_question or not weigh_context else CONTEXT_WEIGHT
            for surface in self._lex.surface_tokens(sentence):
                word = self._plain(surface)
                corrected = self._correct(word)
                if corrected == word:
                    tokens.extend((token, weight) for token in self._lex.canonical(word))
                else:
                    guessed = self._lex.canonical(corrected)
                    tokens.extend((token, weight * FUZZY_WEIGHT) for token in guessed)
                    # The rest of the word's weight stays unknown, so a guess can never look
                    # as sure as a word the examples really use.
                    tokens.append((f"?{word}", weight * (1.0 - FUZZY_WEIGHT)))
        return tokens
