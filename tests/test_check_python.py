"""check_python.py, run before pip by the README's commands: one sentence on an old Python."""

from __future__ import annotations

import subprocess
import sys

from tests.support.process import ROOT

# Runs the script as an old Python would see it: version 3.10 (the script only reads these).
AS_OLD = (
    "import sys; sys.version_info = (3, 10, 12, 'final', 0); sys.version = '3.10.12 (main)'; "
    "exec(open(sys.argv[1]).read())"
)


def test_an_old_python_is_told_in_one_sentence_before_pip() -> None:
    run = subprocess.run(
        [sys.executable, "-c", AS_OLD, str(ROOT / "check_python.py")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        "This bot needs Python 3.11 or newer, and python3 here is 3.10.12: install 3.11 "
        "(or use Docker, see the README), then try again."
    ]


def test_python_311_passes_silently() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "check_python.py")], capture_output=True, text=True, timeout=30
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
