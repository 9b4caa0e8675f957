"""The FAQ matcher's second opinion (domain/classifier.py): where the classifier changes the
matcher's decision, as a parent would notice it, and that it never touches an emergency."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from content.loader import Content
from domain.classifier import char_wb_grams, counted_grams
from domain.faq_match import SAFETY_IDS, FaqMatcher

ROOT = Path(__file__).resolve().parents[1]

# Fresh phrasings (none of them an example or a row of a question set).
INDIRECT = [
    # An older, mobile baby described, never named: no example shares the words.
    ("he's 10 months now and just crawls away halfway through", "older-mobile"),
    # What the course is, asked about "the five weeks".
    ("what actually happens over the five weeks", "what-is-infant-massage"),
]


@pytest.fixture(scope="module")
def english(content: Content) -> FaqMatcher:
    """The bot's English matcher, built once per session."""
    return content.matcher


@pytest.mark.parametrize(("question", "faq_id"), INDIRECT)
def test_an_indirect_question_the_words_miss_is_answered(
    english: FaqMatcher, question: str, faq_id: str
) -> None:
    alone = english.lexical_match(question)
    assert (alone.id, alone.candidates) == (None, ())  # the words alone pass it on
    match = english.match(question)
    assert (match.id, match.candidates) == (faq_id, ())


def test_a_near_tie_is_answered_with_the_topic_the_question_is_about(
    english: FaqMatcher,
) -> None:
    question = "she cries when i do her tummy for colic"
    ranked = english.evidence(question).ranked
    assert {ranked[0][0], ranked[1][0]} == {"colic-wind", "crying"}
    assert ranked[0][1] - ranked[1][1] < 0.02  # level by their words
    assert english.match(question).id == "colic-wind"


def test_a_question_about_something_else_in_the_faqs_words_is_passed_on(
    english: FaqMatcher,
) -> None:
    # Becoming an instructor: it shares "teach baby massage" with what-is-infant-massage.
    question = "can i train to teach baby massage myself"
    assert english.lexical_match(question).id == "what-is-infant-massage"
    assert english.probabilities(question)[None] > 0.6
    match = english.match(question)
    assert (match.id, match.candidates) == (None, ())


def test_clear_questions_keep_the_matchers_answer(english: FaqMatcher) -> None:
    for question, faq_id in [
        ("can i use coconut oil on her", "oil"),
        ("will massage help my son sleep at night", "sleep"),
    ]:
        assert english.lexical_match(question).id == faq_id
        assert english.match(question).id == faq_id


def test_emergencies_stay_with_the_safety_model(english: FaqMatcher) -> None:
    # The classifier is never trained on emergencies: it cannot give one, or take one away.
    assert not set(SAFETY_IDS) & set(english.probabilities("my baby is not breathing"))
    assert english.match("my baby is not breathing").id == "urgent"
    assert english.match("he's 10 months and not breathing").id == "urgent"


def test_two_builds_decide_the_same(content: Content, english: FaqMatcher) -> None:
    again = FaqMatcher(
        {fid: entry.examples for fid, entry in content.faq.items()},
        content.lexicons["en"],
    )
    questions = [q for q, _ in INDIRECT] + [
        "she cries when i do her tummy for colic",
        "can i train to teach baby massage myself",
        "which oil is best",
        "is there parking at the hall",
    ]
    for question in questions:
        assert again.probabilities(question) == english.probabilities(question)
        assert again.match(question) == english.match(question, safety=False)


def test_every_language_has_its_classifier(content: Content) -> None:
    for lang, question, faq_id in [
        ("es", "¿qué aceite es mejor para el masaje?", "oil"),
        ("fr", "quelle huile pour masser bébé ?", "oil"),
        ("de", "welches Öl für die Babymassage?", "oil"),
    ]:
        matcher = content.matcher_for(lang)
        assert matcher is not None
        probabilities = matcher.probabilities(question)
        assert max(probabilities, key=lambda label: probabilities[label]) == faq_id
        assert sum(probabilities.values()) == pytest.approx(1.0)


def test_the_quick_reading_agrees_with_the_library(content: Content) -> None:
    # The classifier reads a question with plain lookups, for speed and so a model kept on disk
    # loads without sklearn; sklearn's own vectorisers and model must give the same
    # probabilities. Fitted here, not taken from the model cache, so the library's are at hand.
    fresh = {
        lang: FaqMatcher(
            {fid: entry.examples for fid, entry in content.faq_in(lang).items()},
            content.lexicons[lang],
        )
        for lang in ("en", "es", "fr", "de")
    }
    for lang, question in [
        ("en", "she cries when i do her tummy for colic"),
        ("en", "wat oil shld i use?? " * 60),  # past the part the matcher reads
        ("en", "🧸"),
        ("es", "¿cuánto tiempo debe durar el masaje?"),
        ("fr", "est-ce que le papa peut masser aussi ?"),
        ("de", "Darf ich nach der Impfung massieren?"),
    ]:
        matcher = fresh[lang]
        assert matcher.classifier is not None
        quick = matcher.classifier.probabilities(question)
        library = matcher.classifier.library_probabilities(question)
        assert quick.keys() == library.keys()
        assert all(abs(quick[label] - library[label]) < 1e-9 for label in quick), question


def test_bot_check_and_ask_still_work() -> None:
    check = subprocess.run(
        [sys.executable, "bot.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert check.returncode == 0, check.stderr
    assert "Content OK" in check.stdout
    question, faq_id = INDIRECT[0]
    ask = subprocess.run(
        [sys.executable, "bot.py", "ask", "--json", question, "is there parking at the hall"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ask.returncode == 0, ask.stderr
    rows = [json.loads(line) for line in ask.stdout.splitlines()]
    assert [(row["id"], row["lang"]) for row in rows] == [(faq_id, "en"), (None, "en")]


def test_a_message_read_by_several_models_gives_each_its_own_character_grams(
    content: Content,
) -> None:
    # The safety nets' 2-5-grams of a message are taken once; the FAQ classifier's 3-5-grams
    # are those of the right lengths, which must be exactly what reading them afresh gives.
    texts = [
        example
        for lang in content.languages
        for entry in content.faq_in(lang).values()
        for example in entry.examples
    ] + ["a b c", "ok", "x" * 3, "  spaced   out  ", "🧸 é"]
    for text in texts:
        for ngrams in ((2, 5), (3, 5), (2, 4), (3, 3)):
            assert dict(counted_grams(text, ngrams)) == Counter(char_wb_grams(text, ngrams)), (
                text,
                ngrams,
            )
