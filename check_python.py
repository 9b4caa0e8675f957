"""Says in one sentence when this Python is too old, before pip tries (and fails noisily).

The README's commands start with `python3 check_python.py && ...`. Written for any Python 3,
so an old one can run it.
"""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 - the point of this file
    found = sys.version.split()[0]
    sys.exit(
        "This bot needs Python 3.11 or newer, and python3 here is "
        + found
        + ": install 3.11 (or use Docker, see the README), then try again."
    )
