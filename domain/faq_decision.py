"""What the FAQ matcher (`domain.faq_match`) decides with: its tuned thresholds and weights, the
evidence it measures about a question, and the match it returns.

The numbers are settings found by measurement (how each was chosen is said beside it), kept
apart from the matcher's code so a retune touches only this file.
"""

from __future__ import annotations

from dataclasses import dataclass

# Decision thresholds on the blended cosine score (0..1). Tuned on the shared dev set and the
# held-out sets in tests/data (v1, v3), with 10-fold cross-validation over the content examples
# and the out-of-scope examples as a check; a fresh set (v4) written afterwards measures them.
ANSWER_FLOOR = 0.16  # below this nothing is answered or offered: the question goes on
MARGIN = 0.02  # the top topic must beat the runner-up by this much to be answered outright...
CANDIDATE_WINDOW = 0.08  # ...otherwise runners-up within this of the top are offered with it
# Out of scope: a small logistic model over what the matcher measured (see Evidence) says whether
# a question is about something the FAQ does not cover. Its weights were fitted on 10-fold
# cross-validation over the FAQ examples and the out-of-scope examples (never on the evaluation
# sets); the threshold leans towards passing a question on.
OUT_BIAS = -0.28
OUT_W_ODDS = 0.69  # naive Bayes log-odds of the words, out-of-scope examples against FAQ ones
OUT_W_LEAD = 1.75  # how much nearer the nearest out-of-scope example is than any FAQ example
OUT_W_CONTEXT = -0.86  # the question names the massage or the class
OUT_W_TOP = -1.23  # the best topic's blended score
OUT_W_UNKNOWN = 2.01  # share of the question on words no example uses
OUT_W_MARGIN = -0.87  # how far the best topic is ahead of the next
OUT_THRESHOLD = -0.75  # a probability of about 0.32
NB_SHRINK = 2.0  # log-odds of a word seen n times are scaled by n / (n + this)
NB_SMOOTHING = 0.5  # additive smoothing of the word counts for the naive Bayes log-odds
# A question needs a word or word pair at least this rare, as a share of the rarest possible
# (a word only one topic uses), to be answered or offered choices.
MIN_INFORMATION = 0.33

# Second opinion (step 7, the classifier in domain.classifier). The classifier is the better
# reader of indirect questions and near-ties, the matcher the more careful about what it does
# not know, so the classifier overrules only when it is sure and the matcher's choice is one it
# does not believe. Sure: more than half of the probability among 30-odd labels on one label.
# Unlikely: under a fifth. Chosen on a small grid (sure 0.5-0.7, unlikely 0.05-0.2) for the best
# average over the dev set and the eight held-out sets in tests/data (never the blind sets);
# lower bars answer more questions the FAQ does not cover.
CLASSIFIER_SURE = 0.6  # its top label needs this much to overrule an answer or a pass-on
CLASSIFIER_UNLIKELY = 0.2  # an answer under this is not believed; a candidate at it, plausible
# A question the matcher passed on is answered only when the classifier is surer still: the
# matcher passes on class logistics asked in the FAQ's words ("can we come half an hour later
# on Tuesday?" is not the best time of day), and a wrong answer is worse than none.
CLASSIFIER_SURE_PASSED = 0.75
# Whichever way an answer was reached, the classifier must give it at least this much: an
# answer it finds this unlikely was a wrong topic more often than a right one on the held-out
# sets in every language (the parent then gets a topic answer that is not about their
# question), and a wrong answer is worse than a question passed on. Measured on the dev and
# held-out sets: 0.35 halves the wrong answers for about one right answer in 200 lost.
CLASSIFIER_MIN_ANSWER = 0.35

# Scoring knobs (see FaqMatcher.scores).
TOP_K = 2  # the nearest example(s) averaged per topic
ALPHA = 0.5  # weight of the nearest example; the rest goes to the topic centroid
PAIR_WINDOW = 2  # word pairs join a word with the next this-many words
PAIR_WEIGHT = 0.5  # pair features count this much relative to single words
FUZZY_WEIGHT = 0.6  # a typo-corrected word is only a guess: it counts this much
UNKNOWN_FACTOR = 0.8  # an unknown word weighs this fraction of the rarest known word
CONTEXT_WEIGHT = 0.6  # words of the scene-setting sentences around a question count this much

# The pseudo-topic of the out-of-scope examples, in the matcher's index and among the
# classifier's labels; never returned as an id.
OUT_OF_SCOPE = "__none__"


@dataclass(frozen=True)
class Match:
    """The matcher's answer for one question."""

    id: str | None  # the confident answer, or None
    score: float  # 0..1, confidence of the top id (the classifier's probability if it chose)
    candidates: tuple[tuple[str, float], ...]  # top 2-3 (id, score) when close/uncertain


@dataclass(frozen=True)
class Evidence:
    """What the matcher measured about one question, before deciding (for tuning and tests)."""

    ranked: tuple[tuple[str, float], ...]  # FAQ ids by blended score, best first
    topic_near: float  # similarity of the nearest FAQ example
    none_near: float  # similarity of the nearest out-of-scope example
    out_odds: float  # naive Bayes log-odds that the words are out-of-scope words
    unknown: float  # share of the question's weight on words no example uses
    in_context: bool  # names the massage, the strokes, the oil or the class
    information: float  # IDF of the rarest known feature

    @property
    def out_of_scope_logit(self) -> float:
        """Logit that the question is about something the FAQ does not cover."""
        top = self.ranked[0][1] if self.ranked else 0.0
        second = self.ranked[1][1] if len(self.ranked) > 1 else 0.0
        return (
            OUT_BIAS
            + OUT_W_ODDS * self.out_odds
            + OUT_W_LEAD * (self.none_near - self.topic_near)
            + OUT_W_CONTEXT * self.in_context
            + OUT_W_TOP * top
            + OUT_W_UNKNOWN * self.unknown
            + OUT_W_MARGIN * (top - second)
        )
