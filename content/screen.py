"""How much of a message a parent sees on a phone before scrolling: the screen-fit measure.

A 6-inch phone shows about 38 characters a line and 28 lines a screen in a Telegram chat. A
message's *visible part* is what shows without tapping anything: the plain text, wrapped at that
width, plus at most the first few lines of each expandable blockquote (Telegram shows a
collapsed ``<blockquote expandable>`` as about three lines with a "show more" arrow). Every
message's main point and next step must be in its first screen; long parts go into an expandable
quote or behind a button. `tests/test_screen_fit.py` measures every template with this.

The measure is deliberately simple and a little pessimistic: words wrap at spaces, a wide
character (most emoji) counts as two, and a quote loses a few characters of each line to its bar
and padding. It imports neither telegram nor tinydb.
"""

from __future__ import annotations

import functools
import textwrap
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

#: Characters a line on a 6-inch phone, in a chat bubble.
PHONE_WIDTH = 38
#: Lines a screen.
PHONE_LINES = 28
#: Lines a collapsed expandable blockquote shows.
QUOTE_COLLAPSED_LINES = 3
#: Characters of each line a quote's bar and padding take.
QUOTE_INDENT = 3


@dataclass(frozen=True)
class _Line:
    """One logical line of a message and the block it belongs to (0: plain text)."""

    text: str
    block: int
    expandable: bool


class _Splitter(HTMLParser):
    """Turns Telegram HTML into logical lines, each marked with its blockquote (if any)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[_Line] = []
        self.current = ""
        self.block = 0
        self.blocks = 0
        self.expandable = False
        # Just after a blockquote: its line break is the end of the quote, not a blank line.
        self.after_block = False

    def _break(self) -> None:
        """End the current logical line."""
        self.lines.append(_Line(self.current, self.block, self.expandable))
        self.current = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A blockquote starts a block of its own, on its own line."""
        if tag != "blockquote":
            return
        if self.current.strip():
            self._break()
        self.current = ""
        self.blocks += 1
        self.block = self.blocks
        self.expandable = any(name == "expandable" for name, _ in attrs)

    def handle_endtag(self, tag: str) -> None:
        """A blockquote ends its block; what follows starts a new line."""
        if tag != "blockquote":
            return
        self._break()
        self.block, self.expandable = 0, False
        self.after_block = True

    def handle_data(self, data: str) -> None:
        """Text, split at its line breaks."""
        if self.after_block:
            self.after_block = False
            if data.startswith("\n"):
                data = data[1:]
        parts = data.split("\n")
        self.current += parts[0]
        for part in parts[1:]:
            self._break()
            self.current = part

    def close(self) -> None:
        """Flush the last line."""
        super().close()
        self._break()


def _widened(text: str) -> str:
    """The text with each wide character doubled, so wrapping counts it as two columns."""
    return "".join(
        ch + ch if unicodedata.east_asian_width(ch) in "WF" or ord(ch) > 0xFFFF else ch
        for ch in text
    )


def _wrapped(text: str, width: int) -> int:
    """How many screen lines one logical line takes (an empty line still takes one)."""
    return max(1, len(textwrap.wrap(_widened(text), width, break_on_hyphens=False)))


# Cached: the bot measures the same few hundred messages (its FAQ answers, in each language)
# over and over, and wrapping one costs about a third of a millisecond.
@functools.lru_cache(maxsize=1024)
def visible_lines(text: str, width: int = PHONE_WIDTH) -> int:
    """The number of phone lines of a Telegram HTML message shown before any tap."""
    splitter = _Splitter()
    # Telegram trims a message's leading and trailing blank space.
    splitter.feed(text.strip())
    splitter.close()
    total = 0
    block_lines: dict[int, int] = {}
    expandable: dict[int, bool] = {}
    for line in splitter.lines:
        if line.block == 0:
            total += _wrapped(line.text, width)
        else:
            block_lines[line.block] = block_lines.get(line.block, 0) + _wrapped(
                line.text, width - QUOTE_INDENT
            )
            expandable[line.block] = line.expandable
    for block, lines in block_lines.items():
        total += min(lines, QUOTE_COLLAPSED_LINES) if expandable[block] else lines
    return total


def fits_screen(text: str) -> bool:
    """Whether a message's visible part fits one phone screen."""
    return visible_lines(text) <= PHONE_LINES
