"""The bot's version, kept in ONE place: the `version` field of pyproject.toml.

Shown by `python bot.py --version`, in the start-up log and in an owner's /status. CHANGELOG.md
says for each version whether upgrading to it needs a data migration.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent / "pyproject.toml"


def read_version(pyproject: Path = PYPROJECT) -> str:
    """The version string of the project file (`[project] version`)."""
    with pyproject.open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


VERSION = read_version()
