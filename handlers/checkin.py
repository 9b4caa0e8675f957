"""The weekly check-in (/checkin, /mycheckins) and the instructor's /checkins and /export."""

from __future__ import annotations

from telegram.ext import BaseHandler

from handlers.commands import Command

COMMANDS: list[Command] = []


def handlers() -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    return []
