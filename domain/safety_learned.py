"""Learned second nets for crises and for babies' emergencies: they catch what the concept rules
have no words for.

The concept rules (`domain.safety`) are readable and precise, but a parent in crisis can say it
in endless ways: a goodbye, a place, a joke that is not one. Blind sets showed the rules catching
about 6 crises in 10 phrased in words nobody had listed. This model reads the whole message as
character and word n-grams and estimates how much it resembles the crisis messages in
`content/safety/learn/` against everyday messages (every FAQ example, out-of-scope example and
written near-miss in every language), so a new phrasing of a known kind is still seen. A second
model does the same for a baby's emergency (`URGENT`), trained on the emergencies and near-misses
in the same folder. A third, balanced, net learns the crises as the first does with each
language weighed alike, and only ever takes a crisis reply away from a long message
(`LearnedNet.veto`).

They only ever add: a message the rules call urgent or crisis stays so; a message the rules pass
is called an emergency or a crisis when a model is confident (`URGENT_MIN`, `CRISIS_MIN`). It is
the same linear classifier as the FAQ's second opinion (`domain.classifier`), over word and
word-pair counts and character 2-5-grams of the folded text, trained once per set of training
texts (about a second each).
"""

from __future__ import annotations

import re
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from domain import concept_words, lexicon
from domain.classifier import ModelStore, TopicClassifier, code_digest
from domain.classifier import train as train_classifier
from domain.concept_words import fold
from domain.lexicon import MAX_CHARS

CRISIS = "crisis"
URGENT = "urgent"
EVERYDAY = "none"
# The probability from which a message the rules passed is read as a crisis. Chosen so the FAQ
# question sets in tests/data (ordinary questions, never trained on) get at most 2 more false
# alarms in about 170 than the rules alone; see the closing note of issue 10 for the figures.
# Lowered from 0.6 when the FAQ's out-of-scope examples (its negatives) grew by a parent's own
# recovery after the birth: at 0.6 a blind crisis went unread; a crisis missed costs more than a
# warm reply sent to a tired parent who was not in one.
CRISIS_MIN = 0.55
# A message that asks something ("?") reads as a crisis only from here. Of the messages the
# rules passed in every set in tests/data, the crises the net read almost never asked anything
# (2 in 98, both above 0.75), while two thirds of its false alarms were practical questions told
# with feeling ("the lady in the shop pushed a scented oil on me... is it safe?").
CRISIS_MIN_QUESTION = 0.7
# The same for a baby's emergency: the model's even odds. The rules catch most emergencies; this
# net is for the ones said in no listed words, and at 0.5 it added no emergency reply to any FAQ,
# everyday or near-miss set in tests/data.
URGENT_MIN = 0.5
# A crisis read in a message whose red flag a frame explained away (a story from the news, a
# scare that is over, a grown-up's own fall) needs this much: such stories are told with
# feeling ("non dormo più", "ryczałam pół nocy"), and the feeling is about the story. Of the
# messages in tests/data where a frame explained a red flag and the crisis net read above 0.5,
# one was a crisis (0.98) and eleven were not (all but one under 0.9).
CRISIS_MIN_FRAMED = 0.9
# A message the rules read as a baby's emergency also gets the crisis reply from here ("j'ai plus
# envie de me réveiller le matin, je pense à disparaître" reads as a baby who will not wake; "ho
# ingoiato una ventina di pastiglie" as something swallowed). Of the messages in tests/data the
# rules answered with the emergency reply alone, the crisis net read this much in 32 of 156
# crises and in 75 of 6,729 emergencies (1.1%, which get the crisis line as a second message).
CRISIS_BESIDE = 0.9
# A long message the crisis net reads as a crisis is left alone when the balanced net (the same
# crises against the same everyday messages and more, each language weighed alike; see
# `balanced_weights`) reads it under VETO_BELOW: the crisis net had learned a language as a sign
# of a crisis (a blind set of 240 long ordinary Italian, Dutch, Polish and Portuguese questions:
# 36 crisis replies). Only from VETO_WORDS words, where a language's own words add up: of the
# crises in tests/data the crisis net reads, none is vetoed (a short one would be at 0.2:
# "waarvoor sta ik nog op eigenlijk"), and neither is any of a blind set of 176 crises in eight
# languages; see the closing note of issue 10 for the false alarms it takes away.
VETO_BELOW = 0.2
VETO_WORDS = 10
# Character n-grams from 2 letters: short words carry much of how a crisis is said ("kms", "je",
# "ik"), and they count as much as the words.
_CHAR_NGRAMS = (2, 5)
_CHAR_WEIGHT = 1.0
_WORD = re.compile(r"\w\w+")
# The nets read how a whole message is said; a word or two ("ta", "ok thx") says too little for
# that, and their letters alone can look like anything. The rules still read short messages.
MIN_WORDS = 3


def word_count(text: str) -> int:
    """How many words of two letters or more the nets see in `text`."""
    return len(_WORD.findall(text[:MAX_CHARS]))


def too_short(text: str) -> bool:
    """Whether `text` has too few words for the nets to read (MIN_WORDS): the rules alone
    decide, so a command or a "thanks" never waits for the nets to be trained."""
    return word_count(text) < MIN_WORDS


# Kept for the last few messages: both nets read each message (read only, as it is shared).
@lru_cache(maxsize=16)
def word_grams(text: str) -> Counter[str]:
    """Words and adjacent word pairs of the folded text, counted."""
    words = _WORD.findall(fold(text[:MAX_CHARS]))
    grams: Counter[str] = Counter(words)
    grams.update(f"{a} {b}" for a, b in pairwise(words))
    return grams


@dataclass(frozen=True)
class LearnedNet:
    """A trained model of one kind of message (`label`: a crisis, or a baby's emergency) against
    everyday messages; it fires from `threshold`."""

    classifier: TopicClassifier
    label: str = CRISIS
    threshold: float = CRISIS_MIN
    # The balanced net that may leave a long message alone (VETO_BELOW), or None.
    veto: LearnedNet | None = None

    def probability(self, text: str) -> float:
        """How much `text` reads like this net's kind of message (0..1)."""
        return self.classifier.probabilities(text).get(self.label, 0.0)

    def fires(self, text: str, framed: bool = False) -> bool:
        """Whether the model is confident enough to answer `text` as its kind (`framed`: a
        frame explained the message's red flag away)."""
        threshold = self.threshold
        if self.label == CRISIS and "?" in text:
            threshold = max(threshold, CRISIS_MIN_QUESTION)
        if self.label == CRISIS and framed:
            threshold = max(threshold, CRISIS_MIN_FRAMED)
        if self.probability(text) < threshold:
            return False
        return not (
            self.veto is not None
            and word_count(text) >= VETO_WORDS
            and self.veto.probability(text) < VETO_BELOW
        )


@dataclass(frozen=True)
class LearnedNets:
    """The learned nets, the emergency one first: where both fire, the emergency reply wins."""

    nets: tuple[LearnedNet, ...]

    def kind(self, text: str, framed: bool = False) -> str | None:
        """URGENT or CRISIS when a net is confident about `text`, else None (`framed`: a frame
        explained the message's red flag away, so a crisis needs CRISIS_MIN_FRAMED)."""
        if too_short(text):
            return None
        for net in self.nets:
            if net.fires(text, framed):
                return net.label
        return None

    def crisis_beside(self, text: str) -> bool:
        """Whether the crisis net is sure enough (CRISIS_BESIDE) that `text`, which the rules
        read as a baby's emergency, is also a parent in crisis."""
        return not too_short(text) and any(
            net.label == CRISIS and net.probability(text) >= CRISIS_BESIDE for net in self.nets
        )


def train(
    texts: Sequence[str],
    labels: Sequence[str],
    store: ModelStore | None = None,
    label: str = CRISIS,
    langs: Sequence[str] = (),
    veto: LearnedNet | None = None,
) -> LearnedNet:
    """Train on `texts` labelled `label` (CRISIS or URGENT) or EVERYDAY (the same texts give the
    same model); with a `store`, a model trained on the same texts before is taken from it.
    `langs`, the language of each text, weigh each language's messages so its own share of each
    label is the same as every language's (`balanced_weights`). `veto`: see LearnedNet.veto."""
    # One training at a time: a second load of the same content waits for the first one's
    # model instead of training it again beside it.
    with _TRAINING:
        net = _train(tuple(texts), tuple(labels), store, label, tuple(langs))
    return net if veto is None else replace(net, veto=veto)


_TRAINING = threading.Lock()


def balanced_weights(langs: Sequence[str], labels: Sequence[str]) -> list[float]:
    """A weight for each message such that, in every language, each label weighs the share it
    has over all languages, and each language weighs as many messages as it has.

    Why: the everyday side is thousands of FAQ examples in the languages the FAQ speaks, but
    only a few hundred written messages in the others, against as many crises in each. Counted
    one for one, a message in Italian or Polish is then a crisis half the time, and the net
    learns the language as a sign of a crisis: long ordinary Italian, Dutch, Polish and
    Portuguese questions got the crisis reply (36 in 240, blind). Weighed, a language's words
    say nothing of a crisis; only how a crisis is said does."""
    shares = Counter(labels)
    total = len(labels)
    per_lang = Counter(langs)
    per_lang_label = Counter(zip(langs, labels, strict=True))
    return [
        per_lang[lang] * shares[label] / total / per_lang_label[lang, label]
        for lang, label in zip(langs, labels, strict=True)
    ]


@lru_cache(maxsize=4)
def _train(
    texts: tuple[str, ...],
    labels: tuple[str, ...],
    store: ModelStore | None = None,
    label: str = CRISIS,
    langs: tuple[str, ...] = (),
) -> LearnedNet:
    # Cached: every load of the content (each test, each worker) trains on the same texts.
    classifier = train_classifier(
        list(zip(labels, texts, strict=True)),
        word_grams,
        char_ngrams=_CHAR_NGRAMS,
        char_weight=_CHAR_WEIGHT,
        store=store,
        # `word_grams` reads a text with this module's code and the folding of its words and
        # of the lexicon (`MAX_CHARS`): nothing from the content.
        features_code=code_digest(sys.modules[__name__], concept_words, lexicon),
        weights=balanced_weights(langs, labels) if langs else None,
    )
    if classifier is None or label not in classifier.labels:
        raise ValueError(f"the {label} model needs {label} and everyday messages to learn from")
    return LearnedNet(classifier, label, URGENT_MIN if label == URGENT else CRISIS_MIN)
