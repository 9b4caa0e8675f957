"""Loads `content/intents/`: the everyday-intent rules and their English words."""

from __future__ import annotations

from pathlib import Path

from content.errors import ContentError
from content.safety_pack import load_lexicon, load_rules
from domain.intent import RULE_KINDS, IntentModel


def load_intents(folder: Path) -> IntentModel:
    """Load and check the intent rules and words; raise one ContentError listing every problem."""
    problems: list[str] = []
    rules, needed = load_rules(folder / "rules.toml", problems, kinds=RULE_KINDS)
    lexicon = load_lexicon(folder / "en.toml", needed, problems)
    if problems or lexicon is None:
        raise ContentError(problems or [f"{folder}: en.toml could not be read"])
    return IntentModel(rules, [lexicon])
