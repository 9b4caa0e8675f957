"""Benchmark the FAQ matcher on a labelled question set and print accuracy and speed.

Usage (from the repo root):

    python bench/faq.py                       # the shared dev set, ../shared/faq-dev.tsv
    python bench/faq.py --set tests/data/faq-heldout.tsv
    python bench/faq.py path/to/set.tsv --json
    python bench/faq.py --set tests/data/safety-eval.tsv   # emergencies, crises, near-misses
    python bench/faq.py --cv 10              # k-fold cross-validation over the examples

A set is a TSV with a header `question<TAB>id` (or `message<TAB>label`, with an optional `lang`
column); id `none` means "no FAQ answers this", `urgent` and `crisis` are the safety ids.
Scoring: a `none` row is right when the matcher gives no id; any other row is right only when
the matcher gives exactly that id (close candidates without an id count as not answered); an
emergency answered with the crisis reply (or the other way round) still counts as routed, since
both replies name the emergency number. `false_alarms` is the share of rows that are neither
urgent nor crisis which got a safety reply.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script: make `content` and `domain` importable
    sys.path.insert(0, str(REPO_ROOT))

from content.faq import load_faq  # noqa: E402
from content.loader import load_content  # noqa: E402
from domain.faq_decision import Match  # noqa: E402
from domain.faq_match import SAFETY_IDS, FaqMatcher  # noqa: E402
from domain.lexicon import Lexicon  # noqa: E402

DEFAULT_SET = REPO_ROOT.parent / "shared" / "faq-dev.tsv"
NONE = "none"


@dataclass(frozen=True)
class Row:
    """One labelled question."""

    question: str
    gold: str
    lang: str = ""  # the set's `lang` column, when it has one


def read_set(path: Path) -> list[Row]:
    """Read a `question<TAB>id` (or `message<TAB>label[<TAB>lang]`) file into rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        rows = []
        for r in reader:
            question = r.get("question") or r.get("message")
            gold = r.get("id") or r.get("label")
            if question and gold:
                rows.append(Row(question, gold.strip(), (r.get("lang") or "").strip()))
        return rows


def describe(match: Match) -> str:
    """A short human-readable form of a match for the confusion list."""
    if match.id is not None:
        return f"{match.id} ({match.score:.2f})"
    if match.candidates:
        return "candidates " + ", ".join(f"{i} ({s:.2f})" for i, s in match.candidates)
    return f"no id ({match.score:.2f})"


def evaluate(read: Callable[[str], Match], rows: list[Row]) -> tuple[dict[str, float], list[str]]:
    """Score every row as `read` (the bot's reading of a question) answers it; return the
    figures and one line per miss."""
    correct = in_scope = in_scope_correct = none_rows = none_correct = 0
    none_as_candidates = wrong_topic = 0
    safety_rows: Counter[str] = Counter()
    safety_hits: Counter[str] = Counter()
    calm_rows = false_alarms = 0
    misses: list[str] = []
    for row in rows:
        match = read(row.question)
        if row.gold in SAFETY_IDS:
            # Either safety reply names the emergency number: the message was routed.
            ok = match.id in SAFETY_IDS
            safety_rows[row.gold] += 1
            safety_hits[row.gold] += ok
        else:
            calm_rows += 1
            false_alarms += match.id in SAFETY_IDS
        if row.gold == NONE:
            none_rows += 1
            ok = match.id is None
            none_correct += ok
            none_as_candidates += ok and bool(match.candidates)
        elif row.gold not in SAFETY_IDS:
            in_scope += 1
            ok = match.id == row.gold
            in_scope_correct += ok
            wrong_topic += match.id is not None and not ok and match.id not in SAFETY_IDS
        correct += ok
        if not ok:
            where = f"{row.lang} " if row.lang else ""
            misses.append(f"{where}{row.gold:24} <- {describe(match):45} {row.question}")
    figures = {
        "rows": float(len(rows)),
        "overall": correct / len(rows) if rows else 0.0,
        "in_scope_top1": in_scope_correct / in_scope if in_scope else 0.0,
        "wrong_topic": wrong_topic / in_scope if in_scope else 0.0,
        "passed_on": none_correct / none_rows if none_rows else 1.0,
        "urgent_recall": safety_hits["urgent"] / safety_rows["urgent"]
        if safety_rows["urgent"]
        else 1.0,
        "crisis_recall": safety_hits["crisis"] / safety_rows["crisis"]
        if safety_rows["crisis"]
        else 1.0,
        "false_alarms": false_alarms / calm_rows if calm_rows else 0.0,
        "none_given_candidates": float(none_as_candidates),
    }
    return figures, misses


def cross_validate(
    examples: dict[str, tuple[str, ...]], lexicon: Lexicon, folds: int
) -> dict[str, float]:
    """K-fold cross-validation over the FAQ examples and the built-in out-of-scope examples.

    Each fold is matched by a matcher built without it: an FAQ example scores when its own id
    comes back, an out-of-scope one when no id does. Examples are terser than real questions,
    so the figures run lower than on a question set; they compare versions of the matcher.
    """
    labelled = [(faq_id, q) for faq_id, qs in examples.items() if faq_id != "urgent" for q in qs]
    labelled += [(NONE, q) for q in lexicon.out_of_scope]
    random.Random(7).shuffle(labelled)
    in_ok = in_n = none_ok = none_n = 0
    for fold in range(folds):
        train = [row for i, row in enumerate(labelled) if i % folds != fold]
        by_id: dict[str, list[str]] = {}
        for faq_id, question in train:
            if faq_id != NONE:
                by_id.setdefault(faq_id, []).append(question)
        matcher = FaqMatcher(by_id, lexicon, [q for faq_id, q in train if faq_id == NONE])
        for faq_id, question in labelled[fold::folds]:
            got = matcher.match(question).id
            if faq_id == NONE:
                none_n += 1
                none_ok += got is None
            else:
                in_n += 1
                in_ok += got == faq_id
    return {
        "in_scope_top1": in_ok / in_n if in_n else 0.0,
        "passed_on": none_ok / none_n if none_n else 1.0,
        "overall": (in_ok + none_ok) / (in_n + none_n) if in_n + none_n else 0.0,
    }


def time_matcher(
    read: Callable[[str], Match], questions: list[str], repeats: int
) -> tuple[float, float]:
    """Time `match` on every question, `repeats` times over; return (p50, p99) in ms."""
    for question in questions:  # warm the typo cache as a running bot would be
        read(question)
    samples: list[float] = []
    for _ in range(repeats):
        for question in questions:
            start = time.perf_counter()
            read(question)
            samples.append((time.perf_counter() - start) * 1000.0)
    quantiles = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), quantiles[98]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a report (or one JSON object with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="labelled TSV (default: dev set)")
    parser.add_argument("--set", dest="set_path", type=Path, help="labelled TSV (same as path)")
    parser.add_argument("--faq", type=Path, default=REPO_ROOT / "content" / "faq")
    parser.add_argument("--repeats", type=int, default=50, help="timing passes over the set")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--cv", type=int, metavar="K", help="k-fold cross-validation instead")
    parser.add_argument("--lang", help="read every question in this language (default: detect)")
    args = parser.parse_args(argv)

    path: Path = args.set_path or args.path or DEFAULT_SET
    entries = load_faq(args.faq)
    if args.cv:
        lexicon = load_content(args.faq.parent).lexicons["en"]
        cv = cross_validate({k: e.examples for k, e in entries.items()}, lexicon, args.cv)
        if args.json:
            print(json.dumps({k: round(v, 4) for k, v in cv.items()}))
        else:
            print(f"{args.cv}-fold cross-validation over the examples")
            print(f"overall        {cv['overall']:.1%}")
            print(f"in-scope top-1 {cv['in_scope_top1']:.1%}")
            print(f"passed_on      {cv['passed_on']:.1%}")
        return 0
    content = load_content(args.faq.parent)
    build_start = time.perf_counter()
    for lang in content.languages:
        content.matcher_for(lang)
    build_ms = (time.perf_counter() - build_start) * 1000.0

    def read(question: str) -> Match:
        """The bot's reading: the question's own language (or --lang), safety first."""
        return content.match(question, args.lang)[1]

    rows = read_set(path)
    figures, misses = evaluate(read, rows)
    languages = sorted({row.lang for row in rows})
    by_lang = {
        lang: evaluate(read, [row for row in rows if row.lang == lang])[0]
        for lang in languages
        if len(languages) > 1
    }
    p50, p99 = time_matcher(read, [row.question for row in rows], args.repeats)

    if args.json:
        print(
            json.dumps(
                {
                    "overall": round(figures["overall"], 4),
                    "in_scope_top1": round(figures["in_scope_top1"], 4),
                    "passed_on": round(figures["passed_on"], 4),
                    "urgent_recall": round(figures["urgent_recall"], 4),
                    "crisis_recall": round(figures["crisis_recall"], 4),
                    "false_alarms": round(figures["false_alarms"], 4),
                    "wrong_topic": round(figures["wrong_topic"], 4),
                    "p50_ms": round(p50, 4),
                    "p99_ms": round(p99, 4),
                    "by_lang": {
                        lang: {k: round(v, 4) for k, v in f.items()} for lang, f in by_lang.items()
                    },
                }
            )
        )
        return 0

    golds = Counter(row.gold for row in rows)
    print(
        f"set: {path} ({len(rows)} questions, {golds[NONE]} none, {golds['urgent']} urgent, "
        f"{golds['crisis']} crisis)"
    )
    print(
        f"matchers built in {build_ms:.0f} ms from {len(entries)} FAQ entries "
        f"in {', '.join(content.languages)}"
    )
    print(f"overall        {figures['overall']:.1%}")
    print(f"in-scope top-1 {figures['in_scope_top1']:.1%}")
    print(
        f"passed_on      {figures['passed_on']:.1%}"
        f"  ({int(figures['none_given_candidates'])} of those offered candidates)"
    )
    print(f"wrong topic    {figures['wrong_topic']:.1%} of in-scope questions")
    print(f"urgent_recall  {figures['urgent_recall']:.1%}")
    print(f"crisis_recall  {figures['crisis_recall']:.1%}")
    print(f"false_alarms   {figures['false_alarms']:.1%} of the rows that are neither")
    for lang, f in by_lang.items():
        print(
            f"  {lang:5} overall {f['overall']:.1%}  urgent {f['urgent_recall']:.1%}  "
            f"crisis {f['crisis_recall']:.1%}  false alarms {f['false_alarms']:.1%}"
        )
    print(f"latency        p50 {p50:.3f} ms, p99 {p99:.3f} ms ({args.repeats} passes)")
    print(f"misses ({len(misses)}): gold <- got, question")
    for line in misses:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
