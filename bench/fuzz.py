"""Fuzz benchmark: 10,000 random updates through the real bot; what broke, and how fast.

Sets up a world as people would (instructors, classes, parents who joined, linked groups) and
drives random updates through the real Application against the fake Bot API, which refuses what
Telegram refuses (tests/support/fuzz.py says what is sent), deep into the instructor's reply
flow, with the disk full (every write failing with ENOSPC) during about 5% of the updates; first
a button of every kind, double-tapped and pressed a week later, then the random walk with its
tours (tests/support/fuzz_tours.py: conversations with media, edge texts, edits and restarts at
their steps; commands without the role or in the wrong chat). Prints the figures: updates per
second, handler exceptions, calls Telegram would refuse, presses answered twice or never, failed
writes not answered kindly or that changed something, second taps and edits that changed
something, conversation steps that went wrong, commands not refused cleanly, the button kinds
covered, and each kind of finding with its count. Exit status 1 when anything was found.

    python bench/fuzz.py                     10,000 updates, seed 1
    python bench/fuzz.py --updates 500 --seed 7
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from tests.support.fuzz import fuzz


def main() -> int:
    """Run the fuzz and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    # The error handler logs each failure with its traceback; the report counts them instead.
    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    report = asyncio.run(fuzz(args.updates, args.seed, census=True))
    print(report.summary())
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
