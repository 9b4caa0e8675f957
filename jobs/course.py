"""The course's scheduled messages: rebuilt from storage at start, replaced when a schedule
changes, each sent once through jobs.delivery (reminders, summaries, check-in invitations,
nudges, the closing message)."""

from __future__ import annotations

from telegram.ext import Application


async def reschedule_class(app: Application, class_id: str) -> None:
    """Replace every job of one class after it was created or its schedule changed."""
