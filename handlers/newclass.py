"""/newclass, the guided class setup, and /classes, where an instructor manages their classes."""

from __future__ import annotations

from telegram.ext import BaseHandler

from handlers.commands import Command

COMMANDS: list[Command] = []


def handlers() -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    return []
