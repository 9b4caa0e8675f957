"""Inbound updates: one module per feature, and `register(app)`, the ONE ordered list of handlers.

Order matters: python-telegram-bot tries the handlers of a group in order and stops at the first
that matches. Conversations come first so their replies are not taken for questions; deep-link
/start variants come before the plain /start; the FAQ's catch-all for free text comes last.
"""

from __future__ import annotations

import logging
import warnings
from types import ModuleType

from telegram.ext import CallbackQueryHandler, CommandHandler, filters
from telegram.warnings import PTBUserWarning

from botdata import App
from handlers import (
    announce,
    carers,
    checkin,
    checkin_reports,
    classes,
    classlang,
    course,
    errors,
    faq,
    faq_menu,
    feedback,
    groups,
    joining,
    language,
    leaving,
    menus,
    mycheckins,
    newclass,
    privacy,
    profile,
    questions,
    roles,
    rsvp,
    safety,
    session_move,
    session_times,
    sessions,
    settings,
    start,
    status,
    taps,
    ui,
    venue,
    weeknote,
)

log = logging.getLogger(__name__)

# Our conversations that start from a button and then wait for typed text are tracked per chat
# and user on purpose (per_message=False); PTB warns about that combination at every start.
warnings.filterwarnings("ignore", message=".*per_message=False.*", category=PTBUserWarning)

# Each module: COMMANDS (its menu entries), handlers(app) (its handlers in order; the app is
# there for its conversations, which are kept by the app's persistence: handlers/conversation.py)
# and optionally `async def on_startup(app)`. This order is the order handlers
# are tried and menus are listed.
MODULES: tuple[ModuleType, ...] = (
    # Multi-step conversations, before anything that would swallow their typed answers.
    newclass,
    classes,
    session_move,
    sessions,
    session_times,
    venue,
    classlang,
    # The instructor's check-in reports before the check-in: their "ci:" buttons would
    # otherwise be taken by the check-in conversation, which starts on every other "ci:" button.
    checkin_reports,
    checkin,
    mycheckins,
    announce,
    feedback,
    # Deep links: the owner link and instructor invites, then class joins (and carer links);
    # then the plain /start and /help. /carer and /leave come before joining, whose catch-all
    # for old "jn" buttons would otherwise take theirs.
    roles,
    status,
    carers,
    leaving,
    joining,
    start,
    # Class groups, privacy, the course, the /faq menu, the instructor's replies to questions
    # (a swipe-reply is theirs), and the catch-all question handler last.
    groups,
    privacy,
    course,
    settings,
    weeknote,
    rsvp,
    language,
    faq_menu,
    questions,
    faq,
    # No handlers: the bot's description, set at start.
    profile,
)


def register(app: App) -> None:
    """Add every handler of the bot to `app`, in the order they must be tried."""
    # First of all, in a group of its own: the safety net sees every text before any feature,
    # and stops it from reaching them when it is an emergency or a parent in crisis.
    # Before anything, the second press of a double tap is answered and goes no further.
    app.add_handlers(taps.pre_handlers(app), group=taps.GROUP)
    app.add_handlers(language.pre_handlers(app), group=language.GROUP)
    app.add_handlers(safety.handlers(app), group=safety.GROUP)
    for module in MODULES:
        app.add_handlers(module.handlers(app))
    commands = [c for module in MODULES for c in module.COMMANDS]
    app.bot_data["commands"] = commands
    # Last: any private-chat command that reached here from a group (no module answered it
    # there) gets a pointer to the private chat instead of silence.
    private_only = sorted({c.name for c in commands if not c.in_group})
    app.add_handler(CommandHandler(private_only, ui.private_only, filters=filters.ChatType.GROUPS))
    # And a button no module recognised (an old version's, or forged) still gets an answer.
    app.add_handler(CallbackQueryHandler(ui.stale_button))
    # Errors: logged with their traceback, reported to the owners, the bot keeps serving.
    app.add_error_handler(errors.on_error)


async def on_startup(app: App) -> None:
    """Run once the bot is initialised: publish command menus, then each module's start-up work
    (rebuilding scheduled jobs from storage, for example)."""
    await menus.publish(app)
    for module in MODULES:
        hook = getattr(module, "on_startup", None)
        if hook is not None:
            await hook(app)
