"""What a parent's message is, when it is not an emergency: a question, thanks or news (social),
word that they will miss a session or be late (absence), or a plain-words request for something
a command does (command:next, command:settings, ...).

The words are concept lists in `content/intents/` matched by the same engine as the safety net
(`domain.concepts.ConceptModel`); this module weighs what they found. A missed question is worse
than a missed "thanks", so a message that thanks and asks is a question, and a statement with a
worry in it ("she screams at the tummy strokes") is a question too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.concept_words import Lexicon, tokenize
from domain.concepts import ConceptModel, Frame, Rule

QUESTION = "question"
SOCIAL = "social"
ABSENCE = "absence"
COMMANDS = (
    "command:next",
    "command:settings",
    "command:lesson",
    "command:leave",
    "command:forgetme",
)
# What a rule may say: an intent, or a cue weighed below.
RULE_KINDS = (*COMMANDS, ABSENCE, "absence_past", "question_cue", "social_cue", "news", "concern")
INTENTS = (QUESTION, SOCIAL, ABSENCE, *COMMANDS)
# A statement this short with nothing to answer is chatter, not a question to pass on.
SHORT = 12


@dataclass(frozen=True)
class Intent:
    """The intent of a message, and the rule that decided it (None when the weighing did)."""

    name: str
    rule: str | None = None


class IntentModel:
    """Classifies a message (already found not to be an emergency) into one of INTENTS."""

    def __init__(
        self, rules: Sequence[Rule], lexicons: Sequence[Lexicon], frames: Sequence[Frame] = ()
    ) -> None:
        self._engine = ConceptModel(rules, lexicons, frames)

    def classify(self, text: str, *, topic: bool = False) -> Intent:
        """The intent of `text`; `topic` says whether the FAQ has a confident answer for it."""
        tokens = tokenize(text)
        if not tokens.words:
            # Only emoji, stickers' words or punctuation: a reaction, not a request.
            return Intent(QUESTION if "?" in text else SOCIAL)
        found = self._engine.matches(tokens)
        asks = "?" in text or "question_cue" in found
        if ABSENCE in found:
            return Intent(ABSENCE, found[ABSENCE].id)
        for command in COMMANDS:
            if command in found:
                return Intent(command, found[command].id)
        if "absence_past" in found and not asks:
            return Intent(ABSENCE, found["absence_past"].id)
        if asks:
            return Intent(QUESTION)
        if "concern" in found:
            return Intent(QUESTION, found["concern"].id)
        if "social_cue" in found or "news" in found:
            return Intent(SOCIAL)
        if topic:
            return Intent(QUESTION)
        return Intent(SOCIAL if len(tokens.words) <= SHORT else QUESTION)
