"""The one check that a piece of content is Telegram HTML the Bot API will accept."""

from __future__ import annotations

from html.parser import HTMLParser

# The tags Telegram's HTML parse mode understands that our content uses.
ALLOWED = {"b": set(), "i": set(), "u": set(), "code": set(), "a": {"href"}}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.problems.append(f"tag <{tag}> is not allowed (use {', '.join(ALLOWED)})")
            return
        bad = [name for name, _ in attrs if name not in ALLOWED[tag]]
        if bad:
            self.problems.append(f"<{tag}> may not have {', '.join(bad)}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close an open <{tag}>")
            return
        self.stack.pop()


def html_problems(text: str) -> list[str]:
    """What is wrong with `text` as Telegram HTML (an empty list when it is fine)."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    problems = checker.problems
    problems.extend(f"<{tag}> is never closed" for tag in checker.stack)
    return problems
