"""What the Application keeps in `bot_data` (BotData), and the callback context typed with it
(Context): the type of `context` in every handler, error handler and job callback.

`bot_data` holds the live services (settings, store, content, outbox), the test clock, and
a few in-memory caches of the handlers and jobs. It is never saved (handlers/conversation.py):
each key is either set in bot.py before the bot starts or made on first use, so every key is
optional here and read with `.get` or `.setdefault` where it may not be there yet.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

if TYPE_CHECKING:  # for the annotations only: these modules import this one
    from telegram import BotCommand

    from config import Settings
    from content.loader import Content
    from handlers.commands import Command
    from handlers.taps import Taps
    from jobs.outbox import Outbox
    from storage.repo import Store


class LastError(TypedDict):
    """The latest unexpected error, for /status (handlers/errors.py)."""

    what: str  # the exception's type
    where: str  # the file and function it came from
    at: float  # time.time()


class BotData(TypedDict, total=False):
    """The Application's `bot_data`."""

    # The services, set by bot.py before the bot starts.
    settings: Settings
    store: Store
    content: Content
    outbox: Outbox
    # The clock the jobs read instead of the system's (the playground and the tests).
    clock: Callable[[], datetime]
    started_at: float  # time.time() at start, for /status
    commands: list[Command]  # every command of the bot (handlers.register)
    # handlers/: what they remember while the bot runs.
    last_error: LastError
    errors_reported: dict[tuple[str, str], float]  # (what, where) -> when the owners were told
    # (owner, instructor) -> their menu in each language
    menus: dict[tuple[bool, bool], dict[str, list[BotCommand]]]
    menu_digests: dict[tuple[bool, bool, str | None], str]  # their fingerprints (and language)
    taps: Taps  # the latest button presses, to answer double taps once
    greeted: dict[tuple[int, int], float]  # (group, person) -> when they were greeted
    owner_claim: str  # the first-run owner link's secret
    matchers_warming: asyncio.Future[None]  # the FAQ matchers being built at start
    # jobs/: the course passes and the announcements under way.
    course_gate: asyncio.Semaphore
    course_locks: dict[str, asyncio.Lock]
    course_rebuilt: bool
    course_wakes: dict[str, tuple[str, str | None]]  # next due moments to store
    course_wakes_writer: asyncio.Task[None]
    announce_running: set[tuple[str, int]]
    report_messages: dict[tuple[str, int], int]  # (class, announcement) -> its report message


#: The `context` of every callback: PTB's CallbackContext with our bot_data.
Context = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]

#: What bot.py gives the ApplicationBuilder, so that PTB makes that context.
CONTEXT_TYPES: ContextTypes[Context, dict[Any, Any], dict[Any, Any], BotData] = ContextTypes(
    bot_data=BotData
)

#: The Application as handlers and jobs are given it (`context.application`, `app`): what
#: matters is its bot_data (PTB types `context.application`'s other parameters loosely).
App = Application[Any, Any, Any, Any, BotData, Any]
