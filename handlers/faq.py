"""Questions: FAQ answers, the /faq menu, hand-off to the instructor, /questions and replies."""

from __future__ import annotations

from telegram.ext import BaseHandler

from handlers.commands import Command

COMMANDS: list[Command] = []


def handlers() -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    return []
