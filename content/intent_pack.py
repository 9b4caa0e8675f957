"""Loads `content/intents/`: the everyday-intent rules and their English words."""

from __future__ import annotations

from pathlib import Path

from content.errors import ContentError
from content.safety_pack import load_lexicon, load_rules
from domain.intent import LANGUAGE_RULE, RULE_KINDS, IntentModel


def load_intents(folder: Path) -> dict[str, IntentModel]:
    """Load and check the intent rules and each language's words (`<lang>.toml`); raise one
    ContentError listing every problem."""
    problems: list[str] = []
    rules, frames, needed = load_rules(folder / "rules.toml", problems, kinds=RULE_KINDS)
    # handlers/everyday.py answers this rule's requests with the language buttons, by its id.
    if rules and not any(rule.id == LANGUAGE_RULE for rule in rules):
        problems.append(f"{folder / 'rules.toml'}: no rule {LANGUAGE_RULE!r} (a language change)")
    # One model per language: a language's everyday words are only read in messages written
    # in it (Spanish "no" must not make an English question look like a refusal).
    models: dict[str, IntentModel] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == "rules.toml":
            continue
        lexicon = load_lexicon(path, needed, problems)
        if lexicon is not None:
            models[path.stem] = IntentModel(rules, [lexicon], frames)
    if problems or "en" not in models:
        raise ContentError(problems or [f"{folder}: en.toml could not be read"])
    return models
