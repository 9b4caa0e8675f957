"""A double tap is one tap: the same person pressing the same button on the same message again,
as the very next update the bot takes in and within a few seconds, is answered (the spinner
stops) and goes no further.

Telegram sends every tap as a press of its own, and a thumb on a slow phone often sends two.
Without this, each feature would have to make each of its buttons safe to take twice (a file
sent twice, a prompt asked twice, a toggle ticked and unticked). Here, before any feature,
one rule covers every button there is and every one added later. Features still check each
press as they always did: an old button pressed a week later is a new press, and is read
against what is true then, and so is a press after any other update in between (the person
typed a note, or someone else changed the class meanwhile: the press may now mean something
new). On a busy bot a double tap can have others' updates in between; it then reaches the
feature, whose own checks (a screen already shown is not sent again, a spent link is spent)
still apply.

A press whose handling failed (a full disk) is forgotten by the error handler, so pressing
again at once retries it, as the "try again" answer asks.
"""

from __future__ import annotations

from typing import Final

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from botdata import App, BotData
from handlers.commands import Command
from handlers.common import Context
from handlers.ui import answer_press
from jobs.timing import now_of

COMMANDS: list[Command] = []
#: First of all: ahead of the language (-3), the safety net (-1) and every feature (0); a
#: repeat needs none of them.
GROUP = -4
#: Seconds within which a second press of the same button is the same tap.
REPEAT_TAP_S = 3.0
# Where the presses are kept (the Application's bot_data).
_KEY: Final = "taps"

#: Who pressed, where: a person in one chat.
Presser = tuple[int, int]
#: What was pressed: the message and the button's data.
Pressed = tuple[str, str]


def tap_of(update: object) -> tuple[Presser, Pressed] | None:
    """(person and chat, message and data) of a button press, or None for any other update."""
    if not isinstance(update, Update) or update.callback_query is None:
        return None
    query = update.callback_query
    message = query.message
    if message is not None:
        chat, where = message.chat.id, f"{message.chat.id}/{message.message_id}"
    elif query.inline_message_id is not None:
        chat, where = 0, f"inline/{query.inline_message_id}"
    else:
        return None
    return (query.from_user.id, chat), (where, str(query.data or ""))


def presser_of(update: object) -> Presser | None:
    """(person, chat) of any update from a person in a chat."""
    if not isinstance(update, Update) or update.effective_user is None:
        return None
    chat = update.effective_chat
    return update.effective_user.id, chat.id if chat is not None else 0


class Taps:
    """The latest update the bot took in, when it was a press: a press that repeats it within
    `window` seconds is the second of a double tap."""

    def __init__(self, window: float = REPEAT_TAP_S) -> None:
        self.window = window
        self._last: tuple[Presser, Pressed, float] | None = None

    def repeated(self, presser: Presser, pressed: Pressed, now: float) -> bool:
        """Whether this press, at `now` (seconds), repeats the very update before it (else it
        becomes that one)."""
        last = self._last
        if last is not None and last[:2] == (presser, pressed) and now - last[2] < self.window:
            return True
        self._last = (presser, pressed, now)
        return False

    def other(self) -> None:
        """An update that is not a press came in: whatever is pressed next is a new press."""
        self._last = None

    def forget(self, presser: Presser) -> None:
        """The person's press failed: pressing again at once is a retry."""
        if self._last is not None and self._last[0] == presser:
            self._last = None


def taps_of(bot_data: BotData) -> Taps:
    """The Application's presses (made on first use)."""
    taps = bot_data.get(_KEY)
    if not isinstance(taps, Taps):
        taps = bot_data[_KEY] = Taps()
    return taps


def forget_tap(bot_data: BotData, update: object) -> None:
    """A press's handling failed: pressing again at once is a retry, not a double tap."""
    presser = presser_of(update)
    if presser is not None:
        taps_of(bot_data).forget(presser)


async def on_update(update: Update, context: Context) -> None:
    """Every update, first: the second press of a double tap is answered and stops here; any
    other update means the next press is a new one."""
    tap = tap_of(update)
    taps = taps_of(context.bot_data)
    if tap is None:
        taps.other()
        return
    # The bot's clock (the one tests and the playground move on), as for everything timed.
    if not taps.repeated(*tap, now_of(context.application).timestamp()):
        return
    assert update.callback_query is not None
    await answer_press(update.callback_query)
    raise ApplicationHandlerStop


def pre_handlers(app: App) -> list[BaseHandler]:
    """Run ahead of the features (group GROUP)."""
    del app
    return [TypeHandler(Update, on_update)]
