"""Match a parent's free-text question to one FAQ id, to a few close ids, or to none.

A small lexical matcher, built once from the example questions of each FAQ entry:

1. Safety first: the safety model passed in (`domain.safety`) decides urgent and crisis,
   whatever the rest of the text says.
   A few kinds of question in the FAQ's words about something else (oil for cooking, the
   course's price, becoming an instructor: the lexicon's `off_topic` rules) are passed on.
2. Normalisation (`domain.faq_reading`, over the language's `domain.lexicon`): the question's
   words in canonical form; the scene-setting sentences around a question count for less.
3. Typos (`domain.faq_reading`): a word the examples never use is read as the closest word they
   do use; the guess counts for less than a word really used.
4. Scoring: TF-IDF vectors (words and word pairs), cosine similarity of the question with every
   example and with each topic's centroid.
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
7. Second opinion (`domain.faq_review`): a classifier trained on the same examples reviews the
   decision and overrules it only where the two disagree clearly; an answer it finds unlikely
   is passed on.
8. Second reading: a question passed on that has regional words (the language's `[dialect]`:
   Swiss German "Pfnüsel", "chönd mer cho"; Latin American "mija", "tetero") is read once more
   in the standard language, and answered only where the matcher and the classifier do not
   disagree. Only the question is rewritten, so nothing a standard question gets changes.
"""

from __future__ import annotations

import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

import numpy as np

from domain import faq_decision, faq_reading, faq_review
from domain import lexicon as lexicon_code
from domain.classifier import ModelStore, TopicClassifier, code_digest
from domain.classifier import train as train_classifier
from domain.faq_decision import (
    ALPHA,
    ANSWER_FLOOR,
    CANDIDATE_WINDOW,
    MARGIN,
    MIN_INFORMATION,
    NB_SHRINK,
    NB_SMOOTHING,
    OUT_OF_SCOPE,
    OUT_THRESHOLD,
    PAIR_WEIGHT,
    PAIR_WINDOW,
    TOP_K,
    UNKNOWN_FACTOR,
    Evidence,
    Match,
)
from domain.faq_reading import QuestionReader, exact_tokens
from domain.lexicon import Lexicon

URGENT_ID = "urgent"
CRISIS_ID = "crisis"
SAFETY_IDS = (URGENT_ID, CRISIS_ID)


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


def _reading_code() -> str | None:
    """A name for the code that reads a question into the matcher's features."""
    return code_digest(sys.modules[__name__], faq_reading, faq_decision, lexicon_code)


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
                labelled.append((faq_id, self._features(exact_tokens(self._lex, words))))
        for question in out_of_scope:
            words = self._lex.surface_tokens(question)
            surface_vocab.update(words)
            labelled.append((OUT_OF_SCOPE, self._features(exact_tokens(self._lex, words))))

        # Naive Bayes over feature presence, out-of-scope examples against FAQ examples: how much
        # each word (or word pair) says "this is about something else".
        in_count: Counter[str] = Counter()
        out_count: Counter[str] = Counter()
        for faq_id, feats in labelled:
            (out_count if faq_id == OUT_OF_SCOPE else in_count).update(feats.keys())
        n_out = sum(1 for faq_id, _ in labelled if faq_id == OUT_OF_SCOPE)
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

        # Typo correction towards every surface word seen in the examples or in the variant
        # tables; a word made of canonical words the index knows is never corrected.
        self._reader = QuestionReader(
            self._lex, {f for f in self._idf if "_" not in f}, surface_vocab, topic_vocab
        )
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
        ] + [(OUT_OF_SCOPE, question) for question in out_of_scope]
        # None when there is nothing to learn (a matcher built from a handful of examples).
        self.classifier: TopicClassifier | None = train_classifier(
            texts,
            self._question_features,
            store=models,
            # A question's features come from the examples (in `texts`), the lexicon's words
            # and the code that reads them: named so, a kept model is found without reading
            # every example twice (most of a start's time per language).
            features_code=None if (code := _reading_code()) is None else lexicon.digest + code,
        )

    def _features(self, tokens: Sequence[tuple[str, float]]) -> dict[str, float]:
        """Word and word-pair features of tokens, with this language's question words."""
        return _features(tokens, self._lex.question_words)

    def _question_features_uncached(self, question: str) -> Mapping[str, float]:
        """Word and word-pair features of a question, typos corrected (shared: read only)."""
        return self._features(self._reader.weighted_tokens(question))

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

    def known_words(self, question: str) -> tuple[int, int]:
        """How many of the question's words the examples use, and how many it has."""
        return self._reader.known_words(question)

    def weighted_tokens(self, question: str) -> list[tuple[str, float]]:
        """Canonical tokens of a question with their weights, typos corrected."""
        return self._reader.weighted_tokens(question)

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
        scores.pop(OUT_OF_SCOPE, None)
        # The out-of-scope examples are a grab-bag of unrelated subjects, not one topic: their
        # centroid means nothing, only how near the question is to one of them.
        none_near = nearest.pop(OUT_OF_SCOPE, 0.0)
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
        if self._lex.is_off_topic(question):
            # "Which oil for frying onions?", "How much is the course?": the FAQ's words, about
            # something only the instructor (or nobody) can answer.
            return Match(None, 0.0, ())
        found = faq_review.second_opinion(self.classifier, question, self.lexical_match(question))
        if found.id is None and not found.candidates:
            # "Isch es ok z massiere wenn er chli chränklet?": read again in the standard language.
            standard = self._lex.in_standard(question)
            if standard is not None:
                lexical = self.lexical_match(standard)
                again = faq_review.second_opinion(self.classifier, standard, lexical)
                # A second reading answers only where the two readers do not disagree: the
                # matcher's own answer, or the classifier's where it is sure of a question the
                # matcher passed on, never one overruling the other.
                if again.id is not None and lexical.id in (None, again.id):
                    return again
        return found

    def probabilities(self, question: str) -> dict[str | None, float]:
        """The classifier's probability of each FAQ id for `question`, and of out of scope under
        the key None (empty when the matcher was built from a single label)."""
        return faq_review.probabilities(self.classifier, question)

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
