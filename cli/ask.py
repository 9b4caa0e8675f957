"""`python bot.py ask`: which FAQ topic answers a question, and how sure the matcher is.

For instructors editing content: try a question, see the topic, the score and any close
candidates. Each question is read in the language it is written in (`--lang` forces one).
`--json` prints one JSON object per question; `-` reads questions from stdin.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from content.errors import ContentError
from content.loader import load_content
from domain.faq_match import SAFETY_IDS


def _questions(args: list[str]) -> Iterator[str]:
    """The questions given: each argument, or one per line of stdin for '-'."""
    for arg in args:
        if arg == "-":
            for line in sys.stdin:
                if line.strip():
                    yield line.strip()
        else:
            yield arg


def run_ask(args: argparse.Namespace) -> int:
    """Match each question and print the result (text, or JSON lines with --json)."""
    try:
        content = load_content(args.content)
    except ContentError as exc:
        print("The content files have problems (see `python bot.py check`):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    for question in _questions(args.questions):
        # Each question is read in its own language, as the bot reads it (or the one forced).
        lang, match = content.match(question, args.lang)
        candidates = [[fid, round(score, 3)] for fid, score in match.candidates]
        if args.json:
            record = {
                "question": question,
                "id": match.id,
                "intent": match.id
                if match.id in SAFETY_IDS
                else content.intents_in(lang).classify(question, topic=match.id is not None).name,
                "lang": lang,
                "score": round(match.score, 3),
                "candidates": candidates,
            }
            print(json.dumps(record, ensure_ascii=False))
            continue
        answer = match.id or "(no answer: passed to the instructor)"
        print(f"{question}\n  -> {answer}  score {match.score:.2f}")
        if candidates:
            print("  candidates: " + ", ".join(f"{fid} {score:.2f}" for fid, score in candidates))
    return 0
