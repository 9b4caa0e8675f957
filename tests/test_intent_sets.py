"""The everyday intents on the labelled sets: what the bot reads right today it keeps reading.

`intent-eval.tsv` and `intent-eval-v2.tsv` (English) are dev sets. The others are everyday
messages in English, Spanish, French and German, written blind (see the closing notes):
- `intent-eval-v3.tsv`: 298 of 388 before the intent rules of its change, 348 after;
- `intent-eval-v4.tsv` (4 December): 355 of 400 blind; 380 after the "sharing" cue ("just
  wanted to say..."), "thanks for the handout", late by a stated time, changing the language,
  leaving and being forgotten in more words;
- `intent-eval-v5.tsv`, written after those: 339 blind (they had moved it by one message, being
  mostly v4's phrasings); 358 after a worry laughed off with thanks or sorry, thanks for a
  question passed on, exclamations, "saw how" clauses, formal deletion requests, "switch to
  German", and the safety net no longer reading "I'm not waking her" as an emergency;
- `intent-eval-v6.tsv`, written after all that, each language on its own: 354 blind (350 with
  the rules as they were before v4); 355 once "no la quiero despertar" no longer rang.
Each message is read as `python bot.py ask --json` reads it: the safety net and the FAQ first,
then the intents of the message's own language. Raise a floor when the intents improve; never
lower one.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from content.loader import load_content
from domain.faq_match import SAFETY_IDS

DATA = Path(__file__).parent / "data"
CONTENT = load_content()

# (set, read right at least, of)
FLOORS = [
    ("intent-eval.tsv", 338, 341),
    ("intent-eval-v2.tsv", 304, 306),
    ("intent-eval-v3.tsv", 350, 388),
    ("intent-eval-v4.tsv", 380, 400),
    ("intent-eval-v5.tsv", 358, 400),
    ("intent-eval-v6.tsv", 355, 400),
]


def _intent(message: str) -> str:
    """The intent the bot reads in `message`."""
    lang, match = CONTENT.match(message, None)
    if match.id in SAFETY_IDS:
        return str(match.id)
    return CONTENT.intents_in(lang).classify(message, topic=match.id is not None).name


@pytest.mark.parametrize(("name", "floor", "total"), FLOORS)
def test_the_intents_keep_what_they_read_right(name: str, floor: int, total: int) -> None:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == total
    right = sum(1 for row in rows if _intent(row["message"]) == row["intent"])
    assert right >= floor, f"{name}: {right} of {total} read right (was {floor})"
