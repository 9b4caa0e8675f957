"""A linear text classifier trained at start-up and read with plain lookups: the FAQ matcher's
second opinion, and the safety net's learned crisis model (`domain.safety_learned`).

The matcher (`domain.faq_match`) compares a question with examples by similarity, which is
good at close paraphrases and at passing on what is far from everything. A discriminative
model learns instead which words and word parts tell one topic from the others, which is
better at questions asked indirectly and at two topics that share most of their words. It is
trained once per language, on the FAQ examples plus the out-of-scope examples (as one more
class), from two kinds of features:

- the matcher's own word and word-pair features (its normalisation, slang, synonyms,
  stemming and typo correction), weighted by TF-IDF;
- character 3-5-grams within words of the folded text (accents dropped), which catch
  inflections, compounds and typos the word features miss ("Bauchmassage", "massajes").

The model is a logistic regression fitted by stochastic gradient descent with a fixed seed,
so two builds from the same examples give the same probabilities.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from domain.feature_columns import FeatureColumns, Indices
from domain.lexicon import MAX_CHARS, fold

if TYPE_CHECKING:  # the library is imported only to fit a model (see Reading)
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

# Fitted by the lead's experiment on the dev set and the held-out sets in tests/data (never on
# the blind sets): a little regularisation, enough passes to converge, a fixed seed.
ALPHA = 1e-5
EPOCHS = 50
SEED = 0
# Character n-grams within words: long enough to carry a stem, short enough to survive a typo.
CHAR_NGRAMS = (3, 5)
# A character n-gram seen in one example only is noise, not a pattern of a topic.
CHAR_MIN_DF = 2
# The character n-grams count a little less than the matcher's words, which carry its synonyms
# and slang.
CHAR_WEIGHT = 0.7


@lru_cache(maxsize=64)
def _char_text(question: str) -> str:
    """The text the character n-grams are taken from: the part the matcher reads, folded
    (kept for the last few messages: the FAQ's classifier and both safety nets read each)."""
    return fold(question[:MAX_CHARS])


_SPACES = re.compile(r"\s\s+")
# The shape of a Reading kept on disk: change it with the dataclass, so an old file is never
# read into a new shape.
READING_FORMAT = 2


def char_wb_grams(text: str, ngrams: tuple[int, int]) -> list[str]:
    """The character n-grams of each word of `text` padded with a space, as the library's
    `char_wb` analyser takes them (checked against it in tests/test_faq_classifier.py)."""
    low, high = ngrams
    grams: list[str] = []
    for word in _SPACES.sub(" ", text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
            if len(padded) <= n:  # a short word counts once, not once per length
                break
    return grams


# The widest character n-grams any model reads (the safety nets'): a narrower reading of the
# same text is these, filtered by length (see `counted_grams`).
_WIDEST = (2, 5)


@lru_cache(maxsize=32)
def counted_grams(text: str, ngrams: tuple[int, int]) -> Mapping[str, int]:
    """`char_wb_grams(text, ngrams)` counted; read only, as it is shared. Each message is read
    by both safety nets and the FAQ's classifier: the widest n-grams are taken once, and a
    narrower range is those of its lengths (the same grams: no word is shorter than one
    letter, so the padded word reaches every length from 3)."""
    low, high = ngrams
    if ngrams != _WIDEST and _WIDEST[0] <= low <= 3 and high <= _WIDEST[1]:
        wide = counted_grams(text, _WIDEST)
        return {gram: n for gram, n in wide.items() if low <= len(gram) <= high}
    return Counter(char_wb_grams(text, ngrams))


@dataclass(frozen=True)
class Reading:
    """What a trained model reads a question with, as plain lookups and arrays: the column of
    each word feature and each character n-gram, each column's IDF, the weights and the labels.
    It is what is kept on disk: loading it needs numpy only, not the library that fitted it
    (which takes about 100 MB and a second to import). Columns are plain ints and the IDFs one
    array: the safety nets know some 150,000 features each."""

    labels: tuple[str, ...]
    word_columns: dict[str, int]
    char_columns: dict[str, int]
    idf: list[float]  # by column: the word features' columns, then the n-grams'
    char_ngrams: tuple[int, int] | None  # None: the model has no character n-grams
    coef: npt.NDArray[np.float64]
    intercept: npt.NDArray[np.float64]


class TopicClassifier:
    """Probabilities over topic labels for a question, from a model trained on examples.

    A question is read with plain lookups into what the vectorisers learnt (`Reading`): the
    library's input checks cost ten times the matcher's own reading of a question. When the
    model was fitted in this process, the library's objects are kept too, so
    `library_probabilities` can check the quick reading against them.
    """

    def __init__(
        self,
        reading: Reading,
        features: Callable[[str], Mapping[str, float]],
        char_weight: float = CHAR_WEIGHT,
        library: _Fitted | None = None,
    ) -> None:
        """A trained model's reading and the word features it was trained with (see `train`).
        The reading's dicts are not kept: their columns go into `FeatureColumns` (a tenth of
        the memory; the safety nets know some 200,000 features each)."""
        self._word_columns = FeatureColumns(reading.word_columns)
        self._char_columns = FeatureColumns(reading.char_columns)
        self._idf = np.asarray(reading.idf, dtype=np.float64)
        self._char_ngrams = reading.char_ngrams
        # One row of weights per feature, so a question's few features are a few whole rows.
        self._weights = np.ascontiguousarray(reading.coef.T)
        self._intercept = reading.intercept
        self._char_weight = char_weight
        self._features = features
        self._library = library
        self.labels = reading.labels

    def _row(self, question: str) -> tuple[Indices, npt.NDArray[np.float64]]:
        """The question's non-zero features (columns and values), as the vectorisers of
        training would give them: sublinear TF times IDF, each block L2-normalised."""
        blocks: list[tuple[Mapping[str, float], FeatureColumns, float]] = [
            (self._features(question), self._word_columns, 1.0)
        ]
        if self._char_ngrams is not None:
            grams = counted_grams(_char_text(question), self._char_ngrams)
            blocks.append((grams, self._char_columns, self._char_weight))
        columns: list[Indices] = []
        values: list[npt.NDArray[np.float64]] = []
        for counts, known, weight in blocks:
            cols, where = known.find(list(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))[where]
            kept = tf > 0  # a feature counted zero times is not in the question
            if not kept.any():
                continue
            cols = cols[kept]
            block = (1.0 + np.log(tf[kept])) * self._idf[cols]
            norm = math.sqrt(float(block @ block)) or 1.0
            columns.append(cols)
            values.append(block * (weight / norm))
        if not columns:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float64)
        return np.concatenate(columns), np.concatenate(values)

    def probabilities(self, question: str) -> dict[str, float]:
        """How likely each label is for `question` (they sum to 1)."""
        columns, values = self._row(question)
        scores = values @ self._weights[columns] + self._intercept
        positive = 1.0 / (1.0 + np.exp(-scores))
        if len(self.labels) == 2:  # one model: the second label against the first
            return {self.labels[0]: 1.0 - float(positive[0]), self.labels[1]: float(positive[0])}
        # One model per label, each against the rest: their answers normalised to sum to 1.
        total = float(positive.sum()) or 1.0
        return {label: float(p) / total for label, p in zip(self.labels, positive, strict=True)}

    def library_probabilities(self, question: str) -> dict[str, float]:
        """The same probabilities, read through the library's own vectorisers and model (to
        check the quick reading against); only for a model fitted in this process."""
        from scipy.sparse import hstack

        if self._library is None:
            raise ValueError("this model was loaded from disk: the library's objects are gone")
        words, chars, model = self._library
        parts = []
        if words is not None:
            vectorizer, tfidf = words
            parts.append(tfidf.transform(vectorizer.transform([dict(self._features(question))])))
        if chars is not None:
            parts.append(chars.transform([question]) * self._char_weight)
        row = model.predict_proba(hstack(parts).tocsr())[0]
        return {label: float(p) for label, p in zip(self.labels, row.tolist(), strict=True)}


def reading_of(fitted: _Fitted) -> Reading:
    """The plain reading of what `_fit` fitted."""
    words, chars, model = fitted
    word_columns: dict[str, int] = {}
    idf: list[float] = []
    if words is not None:
        vectorizer, tfidf = words
        word_columns = {f: int(col) for f, col in vectorizer.vocabulary_.items()}
        idf.extend(tfidf.idf_.tolist())
    char_columns: dict[str, int] = {}
    char_ngrams: tuple[int, int] | None = None
    if chars is not None:
        width = len(idf)
        char_columns = {gram: width + int(col) for gram, col in chars.vocabulary_.items()}
        idf.extend(chars.idf_.tolist())
        low, high = chars.ngram_range
        char_ngrams = (int(low), int(high))
    return Reading(
        labels=tuple(str(label) for label in model.classes_),
        word_columns=word_columns,
        char_columns=char_columns,
        idf=idf,
        char_ngrams=char_ngrams,
        coef=np.asarray(model.coef_, dtype=np.float64),
        intercept=np.asarray(model.intercept_, dtype=np.float64),
    )


class ModelStore(Protocol):
    """Somewhere trained models are kept between runs (`content.model_cache`)."""

    def load(self, key: str) -> object | None:
        """The value saved under `key`, or None."""

    def save(self, key: str, value: object) -> None:
        """Keep `value` under `key`."""

    def __hash__(self) -> int:
        """Hashable, so a trained model can be remembered per store (`functools.lru_cache`)."""


# What `_fit` fits: the word vectoriser and its TF-IDF, the character n-gram vectoriser, the
# model (kept as a Reading in a ModelStore).
_Fitted = tuple[
    "tuple[DictVectorizer, TfidfTransformer] | None", "TfidfVectorizer | None", "SGDClassifier"
]


def _key(
    labels: Sequence[str],
    word_features: Sequence[Mapping[str, float]] | str,
    char_texts: Sequence[str],
    char_ngrams: tuple[int, int],
    char_weight: float,
    weights: Sequence[float] | None = None,
) -> str:
    """A name for everything a model is fitted from: the labels, each example exactly as the
    vectorisers see it (its word features, or a name for the code that reads them from the
    examples; its folded text), how much each example weighs, the settings and the libraries'
    versions. The same name means the same fitted model."""
    parts: list[object] = [
        list(labels),
        word_features
        if isinstance(word_features, str)
        else [sorted(f.items()) for f in word_features],
        list(char_texts),
        [list(char_ngrams), char_weight, ALPHA, EPOCHS, SEED, CHAR_MIN_DF],
        [version("scikit-learn"), version("scipy"), np.__version__, READING_FORMAT],
    ]
    # Named only when given, so a model fitted without weights keeps the name it always had
    # (a kept model is not fitted again after an upgrade).
    if weights is not None:
        parts.append([round(w, 9) for w in weights])
    material = json.dumps(parts, ensure_ascii=False)
    return hashlib.sha256(material.encode()).hexdigest()


@lru_cache(maxsize=8)
def code_digest(*modules: ModuleType) -> str | None:
    """A name for the code of `modules` and of this one (its character reading of a text), for
    `train`'s `features_code`: any change to that code gives a new name, so a model kept for
    other features is never read. None where the source cannot be read (a build shipped as
    bytecode only): the model is then named by every example's features, as before. Kept: the
    safety nets and every language's matcher ask for it at each start."""
    try:
        sources = sorted({inspect.getsource(m) for m in (*modules, sys.modules[__name__])})
    except (OSError, TypeError):
        return None
    return hashlib.sha256("\0".join(sources).encode()).hexdigest()


def train(
    labelled: Sequence[tuple[str, str]],
    features: Callable[[str], Mapping[str, float]],
    *,
    char_ngrams: tuple[int, int] = CHAR_NGRAMS,
    char_weight: float = CHAR_WEIGHT,
    store: ModelStore | None = None,
    features_code: str | None = None,
    weights: Sequence[float] | None = None,
) -> TopicClassifier | None:
    """Train on `labelled` (label, example question) pairs; `features` gives the word features
    of a question (the matcher's). None when there is nothing to learn: fewer than two labels,
    or examples without a feature (a matcher built from a handful of test examples).
    `char_ngrams` and `char_weight` set the character n-grams and how much they count. With a
    `store`, a model fitted from exactly the same inputs before is taken from it instead of
    being fitted again (seconds per language), and a new one is kept there. `features_code`,
    when `features` depends on nothing but code, names that code (`code_digest`): the kept model
    is then found from the examples' text and that name, without reading every example's
    features first (seconds of CPU at every start for the safety nets' 17,000 messages).
    `weights`, one per example, say how much each counts in the fit (all 1 without them)."""
    if len({label for label, _ in labelled}) < 2:
        return None
    labels = [label for label, _ in labelled]
    questions = [question for _, question in labelled]
    # Read only when a model is fitted, or when no code name can stand for them in the key.
    word_features = None if features_code else [dict(features(q)) for q in questions]
    key = ""
    if store is not None:
        if word_features is not None:
            key = _key(
                labels,
                word_features,
                [_char_text(q) for q in questions],
                char_ngrams,
                char_weight,
                weights,
            )
        else:
            # The code names how both readings are taken from the text (`code_digest` covers
            # this module's character reading too): the texts as they are say the rest.
            key = _key(labels, str(features_code), questions, char_ngrams, char_weight, weights)
        kept = store.load(key)
        if isinstance(kept, Reading):
            return TopicClassifier(kept, features, char_weight)
    fitted = _fit(
        labels,
        questions,
        word_features or [dict(features(q)) for q in questions],
        char_ngrams,
        char_weight,
        weights,
    )
    if fitted is None:
        return None
    reading = reading_of(fitted)
    if store is not None:
        store.save(key, reading)
    return TopicClassifier(reading, features, char_weight, library=fitted)


def _fit(
    labels: Sequence[str],
    questions: Sequence[str],
    word_features: Sequence[Mapping[str, float]],
    char_ngrams: tuple[int, int],
    char_weight: float,
    weights: Sequence[float] | None = None,
) -> _Fitted | None:
    """Fit the vectorisers and the model (see `train`); None when no feature was found."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    parts: list[Any] = []
    words: tuple[DictVectorizer, TfidfTransformer] | None = None
    vectorizer = DictVectorizer()
    counts = vectorizer.fit_transform(word_features)
    if counts.shape[1]:
        tfidf = TfidfTransformer(sublinear_tf=True)
        parts.append(tfidf.fit_transform(counts))
        words = (vectorizer, tfidf)
    chars: TfidfVectorizer | None = None
    grams = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=char_ngrams,
        sublinear_tf=True,
        min_df=CHAR_MIN_DF,
        preprocessor=_char_text,
    )
    try:
        parts.append(grams.fit_transform(questions) * char_weight)
        chars = grams
    except ValueError:  # no n-gram in two examples: too few examples to learn spellings from
        pass
    if not parts:
        return None
    model = SGDClassifier(
        loss="log_loss", alpha=ALPHA, max_iter=EPOCHS, tol=None, random_state=SEED
    )
    sample_weight = None if weights is None else list(weights)
    model.fit(hstack(parts).tocsr(), labels, sample_weight=sample_weight)
    return words, chars, model
