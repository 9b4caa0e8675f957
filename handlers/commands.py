"""The shape of a command entry: each feature module lists its own in `COMMANDS`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["parent", "instructor", "owner"]


@dataclass(frozen=True)
class Command:
    """One command: who sees it in menus and /help, and whether it belongs in groups too.

    Its description lives in content/messages/commands.toml under the command's name.
    """

    name: str
    role: Role
    in_group: bool = False
    # Hidden commands work but are not advertised (e.g. /cancel inside a conversation).
    listed: bool = True
