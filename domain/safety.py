"""Recognise emergencies and parents in crisis from concepts, not from a list of phrases.

A red flag is described as a combination of concepts that must appear close together: a baby or
a pronoun + a sign ("she" + "gone a funny colour"), a substance + a swallowing verb ("grandma's
pills" + "chewed"), a heat source + contact with skin ("kettle" + "splashed" + "arm"). The rules
(`content/safety/rules.toml`) name concepts; each language's file (`content/safety/lang/*.toml`)
lists the words for them. Every language's words are tried on every message, so a Spanish
emergency sent by a parent whose Telegram is set to English is still seen.

The model leans towards the emergency reply: a false alarm costs a parent a glance, a miss may
cost a baby. Near-misses that share words with emergencies ("a blue babygrow", "a fit of
giggles", "my own emergency caesarean last year") are kept quiet by each rule's `unless`
concepts, which a health reviewer can read and extend without touching this code.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol

from domain.concept_words import Tokens, tokenize
from domain.concepts import ConceptModel, Rule, Span

URGENT = "urgent"
CRISIS = "crisis"
KINDS = (URGENT, CRISIS)
# Frame words that tell a scare as someone else's story or a question ahead ("in a film", "long
# ago", "at the vet", "my own flu", "what are the signs"): where the message says one, the learned
# nets need to be surer, unless it also calls for help. Not words that the baby is fine ("checked
# and fine", "laughing again"): a parent in crisis says those to set the baby apart from
# themselves ("the doctor says she's fine. It's me.").
CALM = frozenset(
    {
        "fiction",
        "first_aid_course",
        "long_ago",
        "own_illness",
        "turned_out",
        "vet",
        "signs_of",
        "someday",
        # "Running late, she's just gone down and I don't want to wake her": the baby's nap, not a
        # parent who does not want to wake up (the crisis net read the one as the other).
        "let_sleep",
    }
)
ALARM = frozenset({"help_now", "alarm_now"})


@dataclass(frozen=True)
class Verdict:
    """What the safety check found: the kind (urgent, crisis or None) and why."""

    kind: str | None
    rule: str | None = None
    category: str | None = None
    also_crisis: bool = False  # an emergency that is also a parent in crisis: both replies go
    # No emergency, but a red flag a frame explained away ("what do I do if she ever chokes",
    # "the GP saw her last week"): the parent is given the emergency number in one line, in
    # case the frame read it wrong.
    framed: bool = False

    def __bool__(self) -> bool:
        return self.kind is not None


SAFE = Verdict(None)
FRAMED_SIGN = Verdict(None, framed=True)


def _shouted_help(text: str, tokens: Tokens, words: frozenset[str]) -> bool:
    """A message that is only a cry for help, in capitals or with "!" ("HELP", "help me!!")."""
    if len(tokens.words) > 3:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    shouted = "!" in text or (len(letters) >= 3 and all(ch.isupper() for ch in letters))
    return (
        shouted
        and tokens.words[0] in words
        and all(w in words or w in ("me", "please", "pls", "now") for w in tokens.words)
    )


class LearnedCheck(Protocol):
    """The learned nets' check (content.safety_learn): URGENT, CRISIS or None for a message;
    `ready` once they are trained (a check before then waits for them)."""

    @property
    def ready(self) -> bool:
        """Whether a check would answer at once."""

    def started(self) -> Future[Any]:
        """Begin training them in the background (once; a check starts them too); the
        training's Future, done once they are trained."""

    def __call__(self, text: str, framed: bool = False) -> str | None:
        """The kind the nets read in `text`, or None (`framed`: a frame explained its red flag
        away, so a crisis needs the nets to be surer)."""

    def crisis_beside(self, text: str) -> bool:
        """Whether `text`, which the rules read as a baby's emergency, is surely a parent in
        crisis as well."""


class SafetyModel(ConceptModel):
    """The safety net's model: urgent, crisis, both, or nothing, for a message."""

    # Second nets for crises and emergencies the rules have no words for
    # (domain.safety_learned): set by the content loader; URGENT, CRISIS or None for a message.
    # They only ever add an emergency or a crisis the rules passed.
    learned: LearnedCheck | None = None
    # The calm words weigh on the learned nets even where no frame reads them.
    ALSO_FRAMING = CALM

    @property
    def ready(self) -> bool:
        """Whether `check` answers at once: False while the learned nets are still training
        (a first start, before the model cache has them)."""
        return self.learned is None or self.learned.ready

    def check(self, text: str) -> Verdict:
        """Urgent, crisis, both, or nothing, for the whole of `text`."""
        if not isinstance(text, str) or not text.strip():
            return SAFE
        tokens = tokenize(text)
        if not tokens.words:
            return SAFE
        if _shouted_help(text, tokens, self._shouts):
            return Verdict(URGENT, "shouted-help", "general")
        reading = self.read(tokens)
        found = reading.found
        if URGENT in found and not _same_words(
            found.get(URGENT), found.get(CRISIS), reading.also.get(CRISIS, ())
        ):
            rule = found[URGENT][0]
            # Words a parent also says of themselves ("it'd be easier to just not wake up"):
            # where the crisis net reads a crisis too, the crisis reply goes as well.
            # And where the crisis net is sure of a crisis beside any emergency ("j'ai plus
            # envie de me réveiller, je pense à disparaître"; twenty pills swallowed).
            also_crisis = CRISIS in found or (
                self.learned is not None
                and (
                    (rule.crisis_first and self.learned(text) == CRISIS)
                    or self.learned.crisis_beside(text)
                )
            )
            return Verdict(URGENT, rule.id, rule.category, also_crisis=also_crisis)
        if CRISIS in found:
            rule = found[CRISIS][0]
            return Verdict(CRISIS, rule.id, rule.category)
        if self.learned is not None:
            # Where a frame explained the red flag away ("blue lips ... from the blueberry
            # porridge 😂"), the nets, which read the same words without the frame, do not
            # bring it back; and a crisis read in a story told with feeling ("saw on the news
            # a baby who swallowed a battery, I can't sleep") needs them surer.
            calm = bool(reading.framing & CALM) and not reading.framing & ALARM
            kind = self.learned(text, framed=URGENT in reading.framed or calm)
            if kind is not None and kind not in reading.framed:
                return Verdict(kind, "learned", "learned")
        return FRAMED_SIGN if URGENT in reading.maybe_now else SAFE


def _same_words(
    urgent: tuple[Rule, Span | None] | None,
    crisis: tuple[Rule, Span | None] | None,
    more_crisis: Sequence[Span] = (),
) -> bool:
    """Whether an emergency rule that yields to a crisis (`crisis_first`) matched words a crisis
    rule matched too (the first crisis rule, or any other in `more_crisis`): "I just want to
    sleep and never wake up" is the parent speaking of themselves, not a baby who will not wake,
    so the crisis reply alone answers it. Separate words ("she won't wake up and I can't cope")
    get both replies."""
    if urgent is None or crisis is None or urgent[1] is None:
        return False
    if not urgent[0].crisis_first:
        return False
    u_start, u_end = urgent[1]
    spans = [*([crisis[1]] if crisis[1] is not None else []), *more_crisis]
    return any(u_start <= c_end and c_start <= u_end for c_start, c_end in spans)
