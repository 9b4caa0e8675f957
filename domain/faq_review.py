"""The classifier's second opinion on the FAQ matcher's decision: step 7 of `domain.faq_match`.

A linear classifier trained on the same examples (`domain.classifier`: the matcher's word
features plus character n-grams, out-of-scope as one more class) reviews the decision. It
overrules the matcher only where the two disagree clearly: an answered topic the classifier
finds unlikely while it is sure of another topic (answered instead) or of out of scope (passed
on); candidates of which the classifier finds one plausible (that one is answered); a question
passed on that the classifier is sure of (answered). Otherwise the matcher's decision stands.
Last, whichever way an answer was reached, one the classifier gives little probability
(CLASSIFIER_MIN_ANSWER) is passed on: a wrong answer is worse than none. It never sees an
emergency: the safety check (step 1) has answered those.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.classifier import TopicClassifier
from domain.faq_decision import (
    CLASSIFIER_MIN_ANSWER,
    CLASSIFIER_SURE,
    CLASSIFIER_SURE_PASSED,
    CLASSIFIER_UNLIKELY,
    OUT_OF_SCOPE,
    Match,
)


def probabilities(classifier: TopicClassifier | None, question: str) -> dict[str | None, float]:
    """The classifier's probability of each FAQ id for `question`, and of out of scope under
    the key None (empty when there is no classifier: a matcher built from a single label)."""
    if classifier is None:
        return {}
    return {
        (None if label == OUT_OF_SCOPE else label): p
        for label, p in classifier.probabilities(question).items()
    }


def second_opinion(classifier: TopicClassifier | None, question: str, decided: Match) -> Match:
    """The classifier reviews the matcher's decision; it overrules only a clear
    disagreement (see CLASSIFIER_SURE), otherwise the decision stands; an answer it finds
    unlikely (under CLASSIFIER_MIN_ANSWER) is passed on instead."""
    if classifier is None:
        return decided
    p = classifier.probabilities(question)
    reviewed = review(decided, p)
    if reviewed.id is not None and p.get(reviewed.id, 0.0) < CLASSIFIER_MIN_ANSWER:
        return Match(None, reviewed.score, ())
    return reviewed


def review(decided: Match, p: Mapping[str, float]) -> Match:
    """The classifier's review of the matcher's decision, given its probabilities `p`."""
    # Highest probability first; ties by label, so the same question always gets the same.
    top, top_p = min(p.items(), key=lambda item: (-item[1], item[0]))
    if decided.id is not None:
        # The matcher's topic is one the classifier does not believe, and it is sure of
        # something else: a topic that shares the question's words but not its point, or a
        # subject the FAQ does not cover, asked in the FAQ's words.
        if p.get(decided.id, 0.0) < CLASSIFIER_UNLIKELY and top_p >= CLASSIFIER_SURE:
            if top == OUT_OF_SCOPE:
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
    if top != OUT_OF_SCOPE and top_p >= CLASSIFIER_SURE_PASSED:
        return Match(top, round(top_p, 4), ())
    return decided
