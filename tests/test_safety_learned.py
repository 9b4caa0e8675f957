"""The learned nets: they catch a crisis or a baby's emergency said in words no rule lists,
through the real bot, leave everyday questions alone, train the same way twice, and a broken
training file is named; their pinned ordinary messages read back as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.errors import ContentError
from content.loader import Content
from content.safety_learn import (
    EVERYDAY_FILE,
    learned_check,
    read_everyday,
    read_learning,
    write_everyday,
)
from domain.safety import Verdict
from domain.safety_learned import CRISIS, EVERYDAY, URGENT, _train, train
from tests.conftest import BotHarness
from tests.test_joining import PARENT
from tests.test_newclass import INSTRUCTOR
from tests.test_safety_paths import member, urgent_reply

# Said in no words the rules list (no death word, no means, no place), and not in the training
# files: only a model of how crises read can see it.
UNLISTED_CRISIS = "honestly I think everyone would cope fine if I just stopped existing tomorrow"
# Laboured breathing in a picture no breathing rule lists, and not in the training files.
UNLISTED_EMERGENCY = "he's breathing like a little steam train and his nostrils keep flaring"


def _by_the_rules_alone(content: Content, message: str) -> Verdict:
    """The verdict with the learned nets set aside."""
    model = content.safety.model
    learned = model.learned
    assert learned is not None
    try:
        model.learned = None
        return model.check(message)
    finally:
        model.learned = learned


@pytest.mark.parametrize(
    ("message", "kind"), [(UNLISTED_CRISIS, CRISIS), (UNLISTED_EMERGENCY, URGENT)]
)
def test_the_rules_alone_miss_it_and_the_learned_net_reads_it(
    content: Content, message: str, kind: str
) -> None:
    assert _by_the_rules_alone(content, message).kind is None
    verdict = content.safety.model.check(message)
    assert (verdict.kind, verdict.rule) == (kind, "learned")


# A parent's own wish not to wake, which the rules read as a baby who will not; pills the parent
# swallowed, which they read as something swallowed. The crisis net is sure of the crisis beside.
@pytest.mark.parametrize(
    "message",
    [
        "j'ai plus envie de me reveiller le matin, je pense a disparaitre",
        "ho ingoiato una ventina di pastiglie, non so se chiamare qualcuno",
    ],
)
def test_an_emergency_the_crisis_net_is_sure_is_a_crisis_gets_the_crisis_reply_too(
    content: Content, message: str
) -> None:
    rules = _by_the_rules_alone(content, message)
    assert rules.kind == URGENT and not rules.also_crisis
    verdict = content.safety.model.check(message)
    assert verdict.kind == URGENT and verdict.also_crisis


@pytest.mark.parametrize(
    "message",
    [
        "he swallowed a button battery from the remote 10 minutes ago",
        "her lips have gone blue and she's breathing really fast",
        "il a de la fièvre à 39,5 et il a 6 semaines",
    ],
)
def test_a_plain_emergency_gets_the_emergency_reply_alone(content: Content, message: str) -> None:
    verdict = content.safety.model.check(message)
    assert verdict.kind == URGENT and not verdict.also_crisis


# A scare told once it was over: the rules' frame explains the grey face away, while the
# emergency net, reading the same words without the frame, would call it an emergency.
FRAMED_SCARE = (
    "his face went grey and he stopped breathing, turned out it was the light in the room"
)


def test_a_red_flag_a_frame_explained_away_is_not_brought_back_by_the_net(
    content: Content,
) -> None:
    model = content.safety.model
    assert model.learned is not None and model.learned(FRAMED_SCARE) == URGENT
    assert model.check(FRAMED_SCARE).kind is None


# A story from the news told with feeling: the frame explains the swallowed battery away, and
# the crisis net, which reads the feeling without the story, would call it a crisis.
FRAMED_STORY = (
    "ho visto al tg un servizio su un bambino che ha ingoiato una pila, non dormo più, piango"
    " sempre"
)


def test_a_story_a_frame_explained_needs_the_crisis_net_surer(content: Content) -> None:
    model = content.safety.model
    assert model.learned is not None and model.learned(FRAMED_STORY) == CRISIS
    assert model.check(FRAMED_STORY).kind is None


# A film named: the crisis net needs to be surer of a message that tells someone else's story.
FILM_STORY = "oglądałam wczoraj serial gdzie dziecko topiło się w wannie i nie mogłam zasnąć"
# The baby said to be checked and fine, the parent not: those words never make the net doubt.
BABY_FINE_PARENT_NOT = (
    "le médecin l'a vu, tout va bien pour lui. moi je pense tous les jours à partir pour de bon"
)


def test_someone_elses_story_needs_the_crisis_net_surer_but_the_baby_being_fine_does_not(
    content: Content,
) -> None:
    model = content.safety.model
    assert model.learned is not None
    assert model.learned(FILM_STORY) == CRISIS and model.check(FILM_STORY).kind is None
    verdict = model.check(BABY_FINE_PARENT_NOT)
    assert (verdict.kind, verdict.rule) == (CRISIS, "learned")


@pytest.mark.parametrize(
    "everyday",
    [
        "what oil is best for a newborn's dry skin?",
        "he cries every evening around 6, is massage ok then?",
        "so tired I could sleep for a week lol",
        "my nan passed away last week, can we skip week 3?",
        "estoy agotada, la nena no duerme nada, algún consejo para la noche?",
        # A word or two is too little for a model of how a message is said.
        "ta",
        "ok thx",
    ],
)
def test_everyday_messages_stay_everyday(content: Content, everyday: str) -> None:
    assert content.safety.model.check(everyday).kind is None


@pytest.mark.parametrize(
    "late",
    [
        "we'll be late, he's asleep and I don't want to wake him",
        "gonna be late, she fell asleep in the car and i really don't want to wake her",
        "sorry might miss the start, he's napping and I don't want to wake him up",
        "llegamos tarde, se acaba de dormir y no la quiero despertar",
        "wir kommen später, sie ist gerade eingeschlafen und ich will sie nicht wecken",
    ],
)
def test_a_baby_left_to_sleep_is_no_parent_who_does_not_want_to_wake(
    content: Content, late: str
) -> None:
    # The crisis net read "don't want to wake" as a parent's wish not to wake up; the calm words
    # of a nap (`let_sleep`) make it need to be surer.
    assert content.safety.model.check(late).kind is None, late


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


async def test_an_unlisted_emergency_gets_the_emergency_reply_and_the_instructor_is_told(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.say(PARENT, UNLISTED_EMERGENCY)
    assert "Call 999" in urgent_reply(bot, PARENT)
    assert "Sources" not in bot.texts(PARENT)[0]  # never a topic answer first
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "urgent"


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


def test_pinned_ordinary_messages_read_back_as_written_in_order(tmp_path: Path) -> None:
    # Quotes, tabs' neighbours and accents as parents type them: a pinned message read back
    # differently would train other nets than the ones measured.
    pairs = [
        ("fr", 'l\'huile "bio" du supermarché ça va ?'),
        ("en", 'what\'s the "tummy" stroke again'),
        ("de", "Öl oder kein Öl, ab wann?"),
        ("es", "¿qué aceite uso?"),
    ]
    write_everyday(tmp_path, pairs)
    assert read_everyday(tmp_path) == pairs


def test_a_missing_or_broken_pinned_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        read_everyday(tmp_path)
    assert str(tmp_path / EVERYDAY_FILE) in str(caught.value)
    (tmp_path / EVERYDAY_FILE).parent.mkdir()
    (tmp_path / EVERYDAY_FILE).write_text("lang\tmessage\nen\t\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_everyday(tmp_path)
    assert "everyday.tsv:2" in str(caught.value)


def test_a_check_before_the_nets_are_trained_waits_for_them(tmp_path: Path) -> None:
    rows = [
        ("i want to end it all tonight", CRISIS),
        ("i can't go on like this any more", CRISIS),
        ("nobody would miss me if i was gone", CRISIS),
        ("what oil do we use for the legs", EVERYDAY),
        ("see you on tuesday at the hall", EVERYDAY),
        ("she loved the tummy strokes today", EVERYDAY),
    ]
    lines = "".join(f"{message}\t{label}\n" for message, label in rows)
    (tmp_path / "crisis-en.tsv").write_text("message\tlabel\n" + lines, encoding="utf-8")
    check = learned_check(
        tmp_path, [("en", "is the class on next week"), ("en", "how long is each session")]
    )
    assert check is not None
    # Asked at once, whether or not training is done: the answer is the trained one.
    assert check("honestly i can't go on like this, i want to end it all") == CRISIS
    assert check.ready
    assert check("what oil do we use for her legs") is None


def test_a_message_too_short_for_the_nets_never_waits_for_their_training(tmp_path: Path) -> None:
    # "/start" at a first start must be answered while the nets still train (half a minute of
    # CPU on a fresh machine): they read no message under three words anyway.
    rows = "i want to end it all tonight\tcrisis\nsee you on tuesday at the hall\tnone\n"
    (tmp_path / "crisis-en.tsv").write_text("message\tlabel\n" + rows, encoding="utf-8")
    check = learned_check(tmp_path, [("en", "is the class on next week")])
    assert check is not None
    assert check("/start") is None
    assert check("thanks!") is None
    assert not check.ready  # answered without starting, let alone waiting for, the training
    check.started().result()
    assert check.ready
