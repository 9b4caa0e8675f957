"""Match a parent's free-text question to one FAQ id, to a few close ids, or to none.

A small lexical matcher, built once from the example questions of each FAQ entry:

1. Safety first: the safety model passed in (`domain.safety`) decides urgent and crisis,
   whatever the rest of the text says.
2. Normalisation: lower case, emoji and punctuation dropped (a few emoji become words), slang
   and text-speak expanded ("lo", "dd", "jabs", "hubby", "babydaddy"), British and American
   spellings and synonyms folded onto one word (nappy/diaper, poo/stool, wind/gas), phrases
   read as one idea ("born early", "too young", "since she was born", "looking after"), filler
   words dropped, a light stemmer.
3. Typos: a word the examples never use is replaced by the closest word they do use (rapidfuzz,
   same first letter, close enough; ties go to the curated vocabulary); the guess counts for
   less than a word really used.
4. Scoring: TF-IDF vectors (words and word pairs), cosine similarity of the question with every
   example and with each topic's centroid. In a message of several sentences, the ones without
   a question mark (the scene-setting) count for less.
5. Out of scope: built-in out-of-scope examples (medicine doses, sleep training, weaning, nappy
   creams, slings, the venue and the class's schedule, the bot itself, small talk...) are
   measured against too. A small logistic model decides whether the question is about something
   the FAQ does not cover, from: how much nearer its nearest out-of-scope example is than its
   nearest FAQ example, naive Bayes log-odds of its words (out-of-scope examples against FAQ
   ones), whether it names the massage or the class, the share of words no example uses, and
   the best topic's score and lead.
6. Decision: in scope and ahead of the runner-up, the best topic is answered; two or three
   near-equal topics become candidates (the bot shows them as buttons); a vague or out-of-scope
   question is passed to the instructor.
7. Second opinion: a linear classifier trained on the same examples (`domain.classifier`:
   the matcher's word features plus character n-grams, out-of-scope as one more class) reviews
   the decision. It overrules the matcher only where the two disagree clearly: an answered
   topic the classifier finds unlikely while it is sure of another topic (answered instead) or
   of out of scope (passed on); candidates of which the classifier finds one plausible (that
   one is answered); a question passed on that the classifier is sure of (answered). Otherwise
   the matcher's decision stands. Last, whichever way an answer was reached, one the classifier
   gives little probability (CLASSIFIER_MIN_ANSWER) is passed on: a wrong answer is worse than
   none. It never sees an emergency: step 1 has answered those.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from domain.classifier import ModelStore, TopicClassifier
from domain.classifier import train as train_classifier
from domain.faq_decision import (
    ALPHA,
    ANSWER_FLOOR,
    CANDIDATE_WINDOW,
    CLASSIFIER_MIN_ANSWER,
    CLASSIFIER_SURE,
    CLASSIFIER_SURE_PASSED,
    CLASSIFIER_UNLIKELY,
    CONTEXT_WEIGHT,
    FUZZY_WEIGHT,
    MARGIN,
    MIN_INFORMATION,
    NB_SHRINK,
    NB_SMOOTHING,
    OUT_THRESHOLD,
    PAIR_WEIGHT,
    PAIR_WINDOW,
    TOP_K,
    UNKNOWN_FACTOR,
    Evidence,
    Match,
)
from domain.lexicon import MAX_CHARS, Lexicon

URGENT_ID = "urgent"
CRISIS_ID = "crisis"
SAFETY_IDS = (URGENT_ID, CRISIS_ID)
_NONE = "__none__"  # the pseudo-topic of out-of-scope examples; never returned as an id

_MAX_SENTENCES = 12
# Sentence ends: a question mark (or several), a full stop or an exclamation mark, then a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Words shorter than this are never typo-corrected: too many short real words sit one letter
# away from a different word the examples use.
_NO_FUZZ_MIN_LEN = 4


def _features(
    tokens: Sequence[tuple[str, float]], question_words: frozenset[str]
) -> dict[str, float]:
    """Weighted counts of word features and of word-pair features of `tokens`.

    Each token comes with a weight (1.0, or less when it is a guessed typo correction). Pairs
    join each token with the next PAIR_WINDOW tokens, so "how long" and "long ... massage"
    still meet when a filler word sits between them; question words only ever appear in pairs.
    """
    counts: dict[str, float] = defaultdict(float)
    for token, weight in tokens:
        # A bare number says nothing about the topic; "<num> week" as a pair might.
        if token not in question_words and token != "<num>":
            counts[token] += weight
    for i, (first, w1) in enumerate(tokens):
        for second, w2 in tokens[i + 1 : i + 1 + PAIR_WINDOW]:
            if first != second:
                counts[f"{first}_{second}"] += PAIR_WEIGHT * min(w1, w2)
    return counts


class FaqMatcher:
    """Maps a question to an FAQ id (or candidates, or nothing); indexes built once here."""

    def __init__(
        self,
        examples: Mapping[str, Sequence[str]],
        lexicon: Lexicon,
        out_of_scope: Sequence[str] | None = None,
        safety: Callable[[str], str | None] | None = None,
        models: ModelStore | None = None,
    ) -> None:
        """Index `examples` (FAQ id -> example questions, in the lexicon's language) and the
        out-of-scope examples (the lexicon's own unless given). `safety` (the safety model's
        check) runs first: its "urgent" or "crisis" wins. The classifier trained here is kept
        in, and taken from, `models` when given."""
        self._lex = lexicon
        self.lang = lexicon.lang
        self._safety = safety
        if out_of_scope is None:
            out_of_scope = lexicon.out_of_scope
        labelled: list[tuple[str, dict[str, float]]] = []
        surface_vocab: set[str] = set()
        topic_vocab: set[str] = set()
        for faq_id, questions in examples.items():
            if faq_id in SAFETY_IDS:
                # Emergencies are the safety model's job (domain.safety): a lexical near-miss to
                # "won't wake up" must not turn "will massage wake her up?" into an emergency.
                continue
            for question in questions:
                words = self._lex.surface_tokens(question)
                surface_vocab.update(words)
                topic_vocab.update(words)
                labelled.append((faq_id, self._features(self._tokens_exact(words))))
        for question in out_of_scope:
            words = self._lex.surface_tokens(question)
            surface_vocab.update(words)
            labelled.append((_NONE, self._features(self._tokens_exact(words))))

        # Naive Bayes over feature presence, out-of-scope examples against FAQ examples: how much
        # each word (or word pair) says "this is about something else".
        in_count: Counter[str] = Counter()
        out_count: Counter[str] = Counter()
        for faq_id, feats in labelled:
            (out_count if faq_id == _NONE else in_count).update(feats.keys())
        n_out = sum(1 for faq_id, _ in labelled if faq_id == _NONE)
        n_in = len(labelled) - n_out
        a = NB_SMOOTHING
        # A word seen once or twice is weak evidence either way: its log-odds are shrunk towards
        # zero by how rarely it was seen.
        self._out_odds: dict[str, float] = {}
        for feature in in_count.keys() | out_count.keys():
            seen = in_count[feature] + out_count[feature]
            self._out_odds[feature] = (
                math.log((out_count[feature] + a) / (n_out + 2 * a))
                - math.log((in_count[feature] + a) / (n_in + 2 * a))
            ) * (seen / (seen + NB_SHRINK))

        # IDF over topics rather than over single examples: a word is informative when few
        # topics use it, however many examples of one topic repeat it.
        topics_of: dict[str, set[str]] = defaultdict(set)
        for faq_id, feats in labelled:
            for feature in feats:
                topics_of[feature].add(faq_id)
        n_topics = len({faq_id for faq_id, _ in labelled}) or 1
        self._idf: dict[str, float] = {
            feature: math.log(1.0 + n_topics / len(ids)) for feature, ids in topics_of.items()
        }
        # A word no example uses is weighted like a rare word: it is evidence the question is
        # about something the FAQ does not cover.
        self._unknown_weight = UNKNOWN_FACTOR * max(self._idf.values(), default=1.0)
        self._min_information = MIN_INFORMATION * max(self._idf.values(), default=1.0)

        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        centroids: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for index, (faq_id, feats) in enumerate(labelled):
            vector = self._weigh(feats)
            for feature, weight in vector.items():
                postings[feature].append((index, weight))
                centroids[faq_id][feature] += weight
        # Each feature's examples and weights as arrays: a common word ("massage") is in a
        # thousand examples, and adding up a question's similarity to each one by one was most
        # of the matcher's time. Examples are numbered topic by topic, so each topic's examples
        # are one run of the similarities (`_topic_starts`, in the order of `_topics`).
        self._topics = tuple(dict.fromkeys(faq_id for faq_id, _ in labelled))
        number = {faq_id: n for n, faq_id in enumerate(self._topics)}
        by_topic = sorted(range(len(labelled)), key=lambda index: number[labelled[index][0]])
        place = {index: position for position, index in enumerate(by_topic)}
        # All postings in two arrays, each feature's a slice of them (most features are in an
        # example or two: an array each would cost more than its entries).
        self._posting_places = np.array(
            [place[index] for entries in postings.values() for index, _ in entries], dtype=np.intp
        )
        self._posting_weights = np.array(
            [weight for entries in postings.values() for _, weight in entries], dtype=np.float64
        )
        self._postings: dict[str, tuple[int, int]] = {}
        offset = 0
        for feature, entries in postings.items():
            self._postings[feature] = (offset, offset + len(entries))
            offset += len(entries)
        sizes = Counter(faq_id for faq_id, _ in labelled)
        self._topic_sizes = np.array([sizes[faq_id] for faq_id in self._topics], dtype=np.intp)
        self._topic_starts = np.concatenate(([0], np.cumsum(self._topic_sizes)[:-1]))
        self._examples = len(labelled)
        centroid_postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for faq_id, vector in centroids.items():
            norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
            for feature, weight in vector.items():
                centroid_postings[feature].append((faq_id, weight / norm))
        self._centroid_postings = dict(centroid_postings)

        # Canonical words the index knows, and every surface word seen in the examples or in
        # the variant tables: the targets of typo correction.
        self._known_stems = {f for f in self._idf if "_" not in f}
        self._fuzzy_targets = tuple(
            sorted(w for w in surface_vocab | set(self._lex.variants) if len(w) >= _NO_FUZZ_MIN_LEN)
        )
        by_initial: dict[str, list[str]] = defaultdict(list)
        for word in self._fuzzy_targets:
            by_initial[word[0]].append(word)
        self._fuzzy_by_initial = {k: tuple(v) for k, v in by_initial.items()}
        self._topic_vocab = frozenset(topic_vocab)
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)
        # A question's features are read twice (the matcher's evidence, then the classifier's
        # second opinion): kept for the last few questions, so they are worked out once.
        self._question_features = lru_cache(maxsize=16)(self._question_features_uncached)

        # The second opinion learns from the same examples, through the same reading of words
        # (built last: reading a question needs the typo correction above).
        texts = [
            (faq_id, question)
            for faq_id, questions in examples.items()
            if faq_id not in SAFETY_IDS
            for question in questions
        ] + [(_NONE, question) for question in out_of_scope]
        # None when there is nothing to learn (a matcher built from a handful of examples).
        self.classifier: TopicClassifier | None = train_classifier(
            texts, self._question_features, store=models
        )

    def _tokens_exact(self, words: Iterable[str]) -> list[tuple[str, float]]:
        """Canonical tokens of surface words, without typo correction (for the examples)."""
        return [(token, 1.0) for word in words for token in self._lex.canonical(word)]

    def _features(self, tokens: Sequence[tuple[str, float]]) -> dict[str, float]:
        """Word and word-pair features of tokens, with this language's question words."""
        return _features(tokens, self._lex.question_words)

    def _question_features_uncached(self, question: str) -> Mapping[str, float]:
        """Word and word-pair features of a question, typos corrected (shared: read only)."""
        return self._features(self.weighted_tokens(question))

    def _weigh(self, counts: Mapping[str, float]) -> dict[str, float]:
        """TF-IDF weights (sublinear tf), L2-normalised; unknown words get a fixed weight."""
        vector = {
            feature: (1.0 + math.log(count) if count > 1.0 else count)
            * self._idf.get(feature, self._unknown_weight)
            for feature, count in counts.items()
            # Unknown word pairs are only unseen combinations of words, not evidence.
            if feature in self._idf or "_" not in feature
        }
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {feature: weight / norm for feature, weight in vector.items()}

    def _correct_uncached(self, word: str) -> str:
        """Return `word`, or the known word it is most likely a typo of."""
        if (
            word in self._lex.variants
            or len(word) < _NO_FUZZ_MIN_LEN
            or not word.isalpha()
            or all(token in self._known_stems for token in self._lex.canonical(word))
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
            for word in self._lex.surface_tokens(sentence):
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

    def tokens(self, question: str) -> list[str]:
        """Canonical tokens of a question, typos corrected (for debugging and tests)."""
        return [token for token, _ in self.weighted_tokens(question)]

    def scores(self, question: str) -> dict[str, float]:
        """Blended similarity of the question to each topic (the out-of-scope one included)."""
        blended, _ = self._scores(self._weigh(self._question_features(question)))
        return blended

    def _information(self, vector: Mapping[str, float]) -> float:
        """The IDF of the rarest known feature of a question: how much it can tell topics apart."""
        return max((self._idf[f] for f in vector if f in self._idf), default=0.0)

    def _scores(self, vector: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
        """Blended similarity of a weighted question vector to each topic, and the similarity
        of its nearest example in each topic (the out-of-scope pseudo-topic included in both)."""
        if not vector:
            return {}, {}
        best, nearest = self._nearest(vector)
        centroid: dict[str, float] = defaultdict(float)
        for feature, weight in vector.items():
            for faq_id, centroid_weight in self._centroid_postings.get(feature, ()):
                centroid[faq_id] += weight * centroid_weight
        # The nearest example catches a close paraphrase; the centroid rewards a question
        # whose words are typical of the topic as a whole.
        blended = {
            faq_id: ALPHA * best.get(faq_id, 0.0) + (1.0 - ALPHA) * centroid.get(faq_id, 0.0)
            for faq_id in set(best) | set(centroid)
        }
        return blended, nearest

    def _nearest(self, vector: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
        """For each topic with an example sharing a feature with the question: the mean of its
        TOP_K nearest examples' similarities (a missing one counts as 0), and the nearest one's.

        Each example's similarity is its products with the question's weights added up in the
        question's order of features, as a loop over the postings would, so the figures are the
        same to the last bit (`np.bincount` adds its weights in order)."""
        places, weights = self._posting_places, self._posting_weights
        found = []
        for feature, weight in vector.items():
            span = self._postings.get(feature)
            if span is not None:
                start, end = span
                found.append((places[start:end], weights[start:end] * weight))
        if not found:
            return {}, {}
        sims = np.bincount(
            np.concatenate([i for i, _ in found]),
            weights=np.concatenate([w for _, w in found]),
            minlength=self._examples,
        )
        starts = self._topic_starts
        # Every weight is positive, so the examples sharing a feature are those above 0, and an
        # example that shares none counts as 0 (as a missing runner-up does).
        first = np.maximum.reduceat(sims, starts)
        at_first = sims == np.repeat(first, self._topic_sizes)
        rest = np.maximum.reduceat(np.where(at_first, -1.0, sims), starts)
        # Two examples equally nearest: the runner-up is as near as the first.
        tied = np.add.reduceat(at_first, starts) > 1
        second = np.where(tied, first, np.maximum(rest, 0.0))
        touched = np.flatnonzero(first > 0.0)
        names = [self._topics[n] for n in touched.tolist()]
        nearest = dict(zip(names, first[touched].tolist(), strict=True))
        assert TOP_K == 2  # the mean below is of the first two
        mean = (first[touched] + second[touched]) / TOP_K
        best = dict(zip(names, mean.tolist(), strict=True))
        return best, nearest

    def evidence(self, question: str) -> Evidence:
        """Measure a question against the examples (everything `match` decides from)."""
        vector = self._weigh(self._question_features(question))
        scores, nearest = self._scores(vector)
        scores.pop(_NONE, None)
        # The out-of-scope examples are a grab-bag of unrelated subjects, not one topic: their
        # centroid means nothing, only how near the question is to one of them.
        none_near = nearest.pop(_NONE, 0.0)
        ranked = tuple(sorted(scores.items(), key=lambda item: (-item[1], item[0])))
        return Evidence(
            ranked=ranked,
            topic_near=max(nearest.values(), default=0.0),
            none_near=none_near,
            out_odds=sum(self._out_odds.get(feature, 0.0) for feature in vector),
            unknown=sum(w * w for feature, w in vector.items() if feature not in self._idf),
            in_context=any(feature in self._lex.context for feature in vector),
            information=self._information(vector),
        )

    def match(self, question: str, *, safety: bool = True) -> Match:
        """Return the confident id, or close candidates, or no id for `question`. `safety=False`
        skips the safety check, for a caller whose safety net has read the message already."""
        if not isinstance(question, str) or not question.strip():
            return Match(None, 0.0, ())
        kind = self._safety(question) if self._safety is not None and safety else None
        if kind is not None:
            return Match(kind, 1.0, ())
        return self._second_opinion(question, self.lexical_match(question))

    def probabilities(self, question: str) -> dict[str | None, float]:
        """The classifier's probability of each FAQ id for `question`, and of out of scope under
        the key None (empty when the matcher was built from a single label)."""
        if self.classifier is None:
            return {}
        return {
            (None if label == _NONE else label): p
            for label, p in self.classifier.probabilities(question).items()
        }

    def _second_opinion(self, question: str, decided: Match) -> Match:
        """The classifier reviews the matcher's decision; it overrules only a clear
        disagreement (see CLASSIFIER_SURE), otherwise the decision stands; an answer it finds
        unlikely (under CLASSIFIER_MIN_ANSWER) is passed on instead."""
        if self.classifier is None:
            return decided
        p = self.classifier.probabilities(question)
        reviewed = self._review(decided, p)
        if reviewed.id is not None and p.get(reviewed.id, 0.0) < CLASSIFIER_MIN_ANSWER:
            return Match(None, reviewed.score, ())
        return reviewed

    def _review(self, decided: Match, p: Mapping[str, float]) -> Match:
        """The classifier's review of the matcher's decision, given its probabilities `p`."""
        # Highest probability first; ties by label, so the same question always gets the same.
        top, top_p = min(p.items(), key=lambda item: (-item[1], item[0]))
        if decided.id is not None:
            # The matcher's topic is one the classifier does not believe, and it is sure of
            # something else: a topic that shares the question's words but not its point, or a
            # subject the FAQ does not cover, asked in the FAQ's words.
            if p.get(decided.id, 0.0) < CLASSIFIER_UNLIKELY and top_p >= CLASSIFIER_SURE:
                if top == _NONE:
                    return Match(None, decided.score, ())
                return Match(top, round(top_p, 4), ())
            return decided
        if decided.candidates:
            # A near-tie between topics: the classifier, which weighs the words that tell them
            # apart, settles it when its favourite is one of them and at all plausible.
            offered = {faq_id for faq_id, _ in decided.candidates}
            if top in offered and top_p >= CLASSIFIER_UNLIKELY:
                return Match(top, round(top_p, 4), ())
            return decided
        # Passed on: often an indirect question whose words the examples do not share. Only a
        # classifier sure of one topic answers it; out of scope stays passed on.
        if top != _NONE and top_p >= CLASSIFIER_SURE_PASSED:
            return Match(top, round(top_p, 4), ())
        return decided

    def lexical_match(self, question: str) -> Match:
        """The matcher's own decision from its evidence (steps 2-6 of the module docstring),
        before the classifier reviews it and without the safety check (for tuning and tests)."""
        ev = self.evidence(question)
        if not ev.ranked:
            return Match(None, 0.0, ())
        top_id, top = ev.ranked[0]
        second = ev.ranked[1][1] if len(ev.ranked) > 1 else 0.0
        top_score = round(min(1.0, max(0.0, top)), 4)
        if top < ANSWER_FLOOR or ev.out_of_scope_logit > OUT_THRESHOLD:
            return Match(None, top_score, ())
        # "massage?" or "can you help me" match many topics a little: with nothing but everyday
        # words a question is too vague to answer or to offer choices for, so it is passed on.
        if ev.information < self._min_information:
            return Match(None, top_score, ())
        if top - second >= MARGIN:
            return Match(top_id, top_score, ())
        # Two or three near-equal topics: the parent chooses (or picks none, and the question
        # goes to the instructor).
        close = tuple(
            (faq_id, round(score, 4))
            for faq_id, score in ev.ranked[:3]
            if score >= top - CANDIDATE_WINDOW and score >= ANSWER_FLOOR
        )
        return Match(None, top_score, close)
