"""Loads and validates everything under `content/` at once, reporting every problem together."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from content.dates import date_words
from content.errors import ContentError
from content.faq import FaqEntry, load_faq
from content.intent_pack import load_intents
from content.lessons import Lesson, Outline, load_lessons
from content.match_pack import load_lexicons
from content.model_cache import ModelCache
from content.packs import ENGLISH, faq_problems, pack_languages, texts_problems
from content.safety_learn import learned_check, read_everyday
from content.safety_pack import SafetyPack, load_safety
from content.texts import Texts, load_texts
from domain import language_model
from domain.classifier import ModelStore
from domain.faq_decision import Match
from domain.faq_match import FaqMatcher
from domain.intent import IntentModel
from domain.lexicon import Lexicon
from domain.when import DateWords

CONTENT_DIR = Path(__file__).resolve().parent
T = TypeVar("T")


@dataclass(frozen=True)
class Content:
    """All the bot's words: message templates, FAQ entries, weekly lessons and the outline, and
    the safety net's rules, words, replies and numbers; each in every language we have."""

    text_packs: Mapping[str, Texts]  # "en" first; other languages already laid over English
    faq_packs: Mapping[str, dict[str, FaqEntry]]
    lessons: dict[int, Lesson]
    outline: Outline
    # Other languages' lessons and outline (English is `lessons` and `outline`).
    lesson_packs: Mapping[str, tuple[dict[int, Lesson], Outline]]
    safety: SafetyPack
    intent_packs: Mapping[str, IntentModel]
    lexicons: Mapping[str, Lexicon]

    # Where a language pack does not line up with English ("path: what differs").
    pack_gaps: tuple[str, ...] = ()
    # Where trained classifiers are kept between runs (content.model_cache); None: train always.
    models: ModelStore | None = field(default=None, compare=False, repr=False)
    _matchers: dict[str, FaqMatcher] = field(default_factory=dict, compare=False, repr=False)
    # Held while a matcher is built: the start-up worker thread and a first question may want
    # the same language at once, and one build is enough (each takes a few seconds of CPU).
    _building: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)
    _date_words: dict[str, DateWords] = field(default_factory=dict, compare=False, repr=False)

    @property
    def texts(self) -> Texts:
        """The English message templates (the base every language pack is checked against)."""
        return self.text_packs[ENGLISH]

    @property
    def faq(self) -> dict[str, FaqEntry]:
        """The English FAQ entries."""
        return self.faq_packs[ENGLISH]

    @property
    def intents(self) -> IntentModel:
        """The English everyday-intent model."""
        return self.intent_packs[ENGLISH]

    def intents_in(self, lang: str | None) -> IntentModel:
        """The everyday-intent model of `lang`, or English's."""
        return self.intent_packs.get(lang or ENGLISH, self.intents)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages whose questions the FAQ can read and answer, English first."""
        return tuple(lang for lang in self.faq_packs if lang in self.lexicons)

    def texts_in(self, lang: str | None) -> Texts:
        """The message templates in `lang`, or English when we have no such pack."""
        return self.text_packs.get(lang or ENGLISH, self.texts)

    def lessons_in(self, lang: str | None) -> tuple[dict[int, Lesson], Outline]:
        """The weekly lessons and the course outline in `lang`, or English's."""
        return self.lesson_packs.get(lang or ENGLISH, (self.lessons, self.outline))

    def faq_in(self, lang: str | None) -> dict[str, FaqEntry]:
        """The FAQ entries in `lang`, or English when we have no such pack."""
        return self.faq_packs.get(lang or ENGLISH, self.faq)

    def matcher_for(self, lang: str) -> FaqMatcher | None:
        """The FAQ matcher of one language (its examples, its words), with the safety model
        checked first; None for a language the FAQ cannot read. Built once per language:
        indexing the examples and training the classifier take a second or two."""
        matcher = self._matchers.get(lang)
        if matcher is not None or lang not in self.languages:
            return matcher
        with self._building:
            # Another thread may have built it while this one waited.
            matcher = self._matchers.get(lang)
            if matcher is None:
                model = self.safety.model
                matcher = FaqMatcher(
                    {fid: entry.examples for fid, entry in self.faq_packs[lang].items()},
                    self.lexicons[lang],
                    safety=lambda text: model.check(text).kind,
                    models=self.models,
                )
                self._matchers[lang] = matcher
        return matcher

    def date_words(self, lang: str | None) -> DateWords:
        """The words typed dates and times are read by: every language's, `lang`'s first (made
        once per language, from CLDR through Babel and each pack's `when` words)."""
        key = lang if lang is not None and lang in self.text_packs else ENGLISH
        words = self._date_words.get(key)
        if words is None:
            words = self._date_words[key] = date_words(self.text_packs, key)
        return words

    @property
    def matcher(self) -> FaqMatcher:
        """The English FAQ matcher."""
        matcher = self.matcher_for(ENGLISH)
        assert matcher is not None  # English is always loaded
        return matcher

    def match(self, question: str, lang: str | None = None) -> tuple[str, Match]:
        """Read a question as the bot does: in its language (or `lang`), safety first. In a
        language the FAQ cannot read only the safety net answers; the rest is passed on."""
        lang = lang or self.language_of(question)
        matcher = self.matcher_for(lang)
        if matcher is not None:
            return lang, matcher.match(question)
        kind = self.safety.model.check(question).kind
        return lang, Match(kind, 1.0 if kind else 0.0, ())

    def language_of(self, question: str, default: str = ENGLISH) -> str:
        """The language of a question (`default`, the person's own, when it is too short to
        tell): the language the safety net and the FAQ read it in.

        A few words typed like a search ("huile bebe", "babymassage olivenöl") are too little
        for the detector's letters (English, Finnish); they are read in the FAQ language whose
        examples use most of them, when that is more than the detected language's and more
        than half of the words ("què faig si plora" stays Catalan: French knows two of four)."""
        lang = self.safety.language_of(question, default)
        if len(question.split()) > SEARCH_WORDS:
            return lang
        known: dict[str, tuple[int, int]] = {}
        for code in self.faq_packs:
            matcher = self.matcher_for(code)
            if matcher is not None:
                known[code] = matcher.known_words(question)
        best = max(
            known, key=lambda code: (known[code][0], code == lang, code == default), default=lang
        )
        found, words = known.get(best, (0, 0))
        if found > known.get(lang, (0, 0))[0] and 2 * found > words:
            return best
        return lang


# At most this many words: a question typed like a search, whose language its words tell.
SEARCH_WORDS = 4


def _attempt(problems: list[str], load: Callable[[Path], T], path: Path) -> T | None:
    """Run one loader, collecting its problems instead of stopping at the first file."""
    try:
        return load(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


def load_content(root: Path = CONTENT_DIR, models: ModelStore | None = None) -> Content:
    """Load every content file under `root`; raise one ContentError listing every problem.
    Trained models are kept in `models` (a `ModelCache` in its default folder unless given)."""
    if models is None:
        models = ModelCache()
    if isinstance(models, ModelCache):
        # Beside the trained models: the language model, unpacked once (domain.language_model).
        language_model.keep_in(models)
    problems: list[str] = []
    texts = _attempt(problems, load_texts, root / "messages")
    faq = _attempt(problems, load_faq, root / "faq")
    text_packs: dict[str, Texts] = {}
    faq_packs: dict[str, dict[str, FaqEntry]] = {}
    # A pack that lags behind English still loads (a missing line is said in English), so one
    # new English message never stops the bot; `bot.py check` and the tests refuse it.
    gaps: list[str] = []
    if texts is not None:
        text_packs[ENGLISH] = texts
        for lang in pack_languages(root / "messages"):
            pack = _attempt(problems, load_texts, root / "messages" / lang)
            if pack is not None:
                gaps.extend(texts_problems(lang, texts, pack, root / "messages"))
                text_packs[lang] = pack.over(texts)
    if faq is not None:
        faq_packs[ENGLISH] = faq
        for lang in pack_languages(root / "faq"):
            entries = _attempt(problems, load_faq, root / "faq" / lang)
            if entries is not None:
                gaps.extend(faq_problems(lang, faq, entries, root / "faq"))
                faq_packs[lang] = entries
    lessons_and_outline = _attempt(problems, load_lessons, root / "lessons")
    lesson_packs: dict[str, tuple[dict[int, Lesson], Outline]] = {}
    for lang in pack_languages(root / "lessons"):
        lesson_pack = _attempt(problems, load_lessons, root / "lessons" / lang)
        if lesson_pack is not None and lessons_and_outline is not None:
            weeks = sorted(lesson_pack[0])
            if weeks != sorted(lessons_and_outline[0]):
                gaps.append(f"{root / 'lessons' / lang}: weeks {weeks} differ from English")
            lesson_packs[lang] = lesson_pack
    safety = _attempt(problems, load_safety, root / "safety")
    intents = _attempt(problems, load_intents, root / "intents")
    lexicons = _attempt(problems, load_lexicons, root / "match")
    if problems:
        raise ContentError(problems)
    assert texts is not None and faq is not None and lessons_and_outline is not None
    assert safety is not None and intents is not None and lexicons is not None
    lessons, outline = lessons_and_outline
    # The learned crisis net reads everything the rules pass: trained (in the background, once
    # per process) on the crises in safety/learn against the pinned ordinary messages there.
    learn = root / "safety" / "learn"
    safety.model.learned = learned_check(learn, read_everyday(learn), models)
    return Content(
        text_packs=text_packs,
        faq_packs=faq_packs,
        lessons=lessons,
        outline=outline,
        lesson_packs=lesson_packs,
        safety=safety,
        intent_packs=intents,
        pack_gaps=tuple(gaps),
        lexicons=lexicons,
        models=models,
    )
