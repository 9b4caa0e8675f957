"""The error handler: log the full traceback, tell the owners briefly, keep serving everyone."""

from __future__ import annotations

import contextlib
import logging
import time
import traceback

from telegram import Update
from telegram.error import Forbidden, TelegramError

from handlers.common import Context, owner_ids, texts_of
from handlers.taps import forget_tap
from handlers.ui import answered_already

log = logging.getLogger(__name__)

# How often the owners hear about the same kind of failure (type and place).
REPORT_EVERY_S = 3600.0


def _where(error: BaseException) -> str:
    """The innermost function of ours in the traceback (handlers/, jobs/, ...): where it failed."""
    ours = [
        f"{frame.filename.rsplit('/', 2)[-2]}/{frame.filename.rsplit('/', 1)[-1]}:{frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
        if "/site-packages/" not in frame.filename and "/lib/python" not in frame.filename
    ]
    return ours[-1] if ours else "python-telegram-bot"


def _describe_update(update: object) -> str:
    """What kind of update failed, without any personal data (no names, ids or text)."""
    if not isinstance(update, Update):
        return "a scheduled job" if update is None else type(update).__name__
    kind = next(
        (
            k
            for k in ("message", "callback_query", "chat_member", "my_chat_member")
            if getattr(update, k, None)
        ),
        "update",
    )
    chat = update.effective_chat
    return f"{kind} in a {chat.type} chat" if chat else kind


async def on_error(update: object, context: Context) -> None:
    """Log the error with its traceback and send the owners a short report without personal data."""
    error = context.error
    if error is None:  # pragma: no cover - PTB always sets it
        return
    # The stack without the exception's message: a message can quote what a parent wrote
    # (Telegram's "can't parse entities" errors do), and personal data stays out of logs.
    stack = "".join(traceback.format_tb(error.__traceback__))
    log.error(
        "Error while handling %s: %s (at %s)\n%s",
        _describe_update(update),
        type(error).__name__,
        _where(error),
        stack,
    )
    texts = texts_of(context)
    report = texts(
        "core.owner_error_report",
        where=_where(error),
        # The type only: an exception's message may quote what a parent wrote.
        what=type(error).__name__,
        update=_describe_update(update),
    )
    # One report per kind of failure an hour: a full disk fails every update, and the owners
    # need to hear it once, not a thousand times.
    kind = (type(error).__name__, _where(error))
    # An owner's /status shows the latest failure: what and where, never any personal data.
    context.bot_data["last_error"] = {"what": kind[0], "where": kind[1], "at": time.time()}
    reported: dict[tuple[str, str], float] = context.bot_data.setdefault("errors_reported", {})
    now = time.monotonic()
    if now - reported.get(kind, -REPORT_EVERY_S) >= REPORT_EVERY_S:
        reported[kind] = now
        for owner_id in await owner_ids(context.bot_data):
            try:
                await context.bot.send_message(owner_id, report)
            except TelegramError as exc:  # an owner who never started the bot, or blocked it
                log.warning("Could not report the error to an owner: %s", type(exc).__name__)
    if not isinstance(update, Update):
        return
    # Pressed again at once, the button is tried again (not taken for a double tap).
    forget_tap(context.bot_data, update)
    # A failed write (full or read-only disk) is something the person can retry later.
    key = "core.save_failed" if isinstance(error, OSError) else "core.user_error_reply"
    # A pressed button stops spinning, whatever failed; one its handler had answered already
    # (Telegram refuses a second answer) gets the word in its chat instead.
    query = update.callback_query
    if query is not None:
        if not answered_already(query):
            with contextlib.suppress(TelegramError):
                await query.answer(texts.raw(key), show_alert=True)
        elif update.effective_chat is not None:
            with contextlib.suppress(TelegramError):
                await update.effective_chat.send_message(texts(key))
        return
    # The person whose message failed hears that it did, rather than nothing at all: in the
    # private chat, or in the group when it was a command to the bot there.
    chat, message = update.effective_chat, update.effective_message
    command = message is not None and (message.text or "").startswith("/")
    if chat is not None and (chat.type == "private" or command):
        with contextlib.suppress(Forbidden, TelegramError):
            await chat.send_message(texts(key))
