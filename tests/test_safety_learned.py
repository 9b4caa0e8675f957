"""The learned crisis net: it catches a crisis said in words no rule lists, through the real bot,
leaves everyday questions alone, trains the same way twice, and `bot.py check` names a broken
training file."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.errors import ContentError
from content.loader import Content
from content.safety_learn import read_learning
from domain.safety_learned import CRISIS, EVERYDAY, _train, train
from tests.conftest import BotHarness
from tests.test_joining import PARENT
from tests.test_newclass import INSTRUCTOR
from tests.test_safety_paths import member

# Said in no words the rules list (no death word, no means, no place), and not in the training
# files: only a model of how crises read can see it.
UNLISTED_CRISIS = "honestly I think everyone would cope fine if I just stopped existing tomorrow"


def test_the_rules_alone_miss_it_and_the_learned_net_reads_it(content: Content) -> None:
    model = content.safety.model
    learned = model.learned
    assert learned is not None
    try:
        model.learned = None
        assert model.check(UNLISTED_CRISIS).kind is None
    finally:
        model.learned = learned
    verdict = model.check(UNLISTED_CRISIS)
    assert (verdict.kind, verdict.rule) == (CRISIS, "learned")


@pytest.mark.parametrize(
    "everyday",
    [
        "what oil is best for a newborn's dry skin?",
        "he cries every evening around 6, is massage ok then?",
        "so tired I could sleep for a week lol",
        "my nan passed away last week, can we skip week 3?",
        "estoy agotada, la nena no duerme nada, algún consejo para la noche?",
    ],
)
def test_everyday_messages_stay_everyday(content: Content, everyday: str) -> None:
    assert content.safety.model.check(everyday).kind is None


async def test_through_the_bot_it_gets_the_crisis_line_and_the_instructor_is_told(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.say(PARENT, UNLISTED_CRISIS)
    first = bot.texts(PARENT)[0]
    assert "Samaritans" in first and "Sources" not in first  # never a topic answer
    assert "struggling" in bot.last_text(INSTRUCTOR)
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "crisis"


def test_training_is_repeatable() -> None:
    texts = ("i want to end it all tonight", "what oil do we use", "i can't go on", "hi there")
    labels = (CRISIS, EVERYDAY, CRISIS, EVERYDAY)
    # Two real trainings (past the per-process cache) give the same model.
    first, second = (_train.__wrapped__(texts, labels) for _ in range(2))
    assert first is not second
    probe = "i really can't go on any more"
    assert first.probability(probe) == second.probability(probe)
    assert train(texts, labels).probability(probe) == first.probability(probe)


def test_a_broken_training_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "crisis-xx.tsv").write_text("message\tlabel\nhello\tmaybe\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_learning(tmp_path)
    assert "crisis-xx.tsv:2" in str(caught.value)
