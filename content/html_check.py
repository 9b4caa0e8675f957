"""The one check that a piece of content is Telegram HTML the Bot API will accept.

Each kind of content allows its own subset of Telegram's tags (lessons only <b> and <i>; FAQ
answers also links), so the allowed tags and their attributes are a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser

Allowed = Mapping[str, frozenset[str]]

# Everything our message templates may use: tag -> the attributes it may carry.
TELEGRAM_TAGS: Allowed = {
    "b": frozenset(),
    "i": frozenset(),
    "u": frozenset(),
    "code": frozenset(),
    "a": frozenset({"href"}),
    # Long parts (stroke lists, details) fold into a quote the reader can expand: the first
    # screen keeps the main point and the next step (content/screen.py measures it).
    "blockquote": frozenset({"expandable"}),
}
# Attributes that take no value (<blockquote expandable>).
_FLAG_ATTRIBUTES = frozenset({"expandable"})
# The entities Telegram's HTML parser understands; any other "&" must be written "&amp;".
_AMPERSAND_OK = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#[xX][0-9a-fA-F]+);")


def _names(allowed: Allowed) -> str:
    return ", ".join(f"<{tag}>" for tag in allowed)


class _Checker(HTMLParser):
    """Collects the ways a text breaks the allowed subset: tags, attributes, nesting, stray <."""

    def __init__(self, allowed: Allowed) -> None:
        # convert_charrefs=False so "&lt;" stays an entity instead of becoming a literal "<".
        super().__init__(convert_charrefs=False)
        self.allowed = allowed
        self.open_tags: list[str] = []
        self.problems: list[str] = []
        self.stray_angle = False
        self.reported: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Accept an allowed tag with only its allowed, non-empty attributes."""
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag not in self.allowed:
            self.problems.append(f"tag {raw} is not allowed (only {_names(self.allowed)})")
            self.reported.add(tag)
            return
        for name, value in attrs:
            if name not in self.allowed[tag]:
                self.problems.append(f"attribute {name!r} is not allowed on <{tag}>")
            elif not value and name not in _FLAG_ATTRIBUTES:
                self.problems.append(f"<{tag}> has an empty {name!r}")
        if tag == "a" and "href" not in {name for name, _ in attrs}:
            self.problems.append("<a> needs an href")
        self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Reject self-closing tags such as <br/>: Telegram has no such thing."""
        self.problems.append(
            f"self-closing tag <{tag}/> is not allowed (only {_names(self.allowed)})"
        )

    def handle_endtag(self, tag: str) -> None:
        """Match the closing tag against the innermost open one."""
        if tag not in self.allowed:
            # Its opening tag was already reported: one problem per mistake is enough.
            if tag not in self.reported:
                self.problems.append(f"tag </{tag}> is not allowed")
        elif not self.open_tags:
            self.problems.append(f"</{tag}> closes nothing (no <{tag}> is open)")
        elif self.open_tags[-1] != tag:
            inner = self.open_tags[-1]
            self.problems.append(f"</{tag}> closes <{tag}> while <{inner}> inside it is still open")
            if tag in self.open_tags:
                # Recover by closing up to the matching tag, so one slip is reported once.
                while self.open_tags and self.open_tags.pop() != tag:
                    pass
        else:
            self.open_tags.pop()

    def handle_data(self, data: str) -> None:
        """Spot a literal < or > that is not part of a tag (Telegram wants &lt; and &gt;)."""
        if ("<" in data or ">" in data) and not self.stray_angle:
            self.stray_angle = True
            self.problems.append("a literal '<' or '>' must be written as &lt; or &gt;")

    def handle_comment(self, data: str) -> None:
        """Reject comments: Telegram would show or refuse them."""
        self.problems.append("HTML comments are not allowed")

    def handle_decl(self, decl: str) -> None:
        """Reject declarations such as <!DOCTYPE>."""
        self.problems.append(f"<!{decl}> is not allowed")

    def handle_pi(self, data: str) -> None:
        """Reject processing instructions such as <?xml ...>."""
        self.problems.append(f"<?{data}> is not allowed")

    def unknown_decl(self, data: str) -> None:
        """Reject CDATA and other marked sections."""
        self.problems.append(f"<![{data}]> is not allowed")


def html_problems(text: str, allowed: Allowed = TELEGRAM_TAGS) -> list[str]:
    """What is wrong with `text` as Telegram HTML limited to `allowed` (empty when it is fine)."""
    checker = _Checker(allowed)
    checker.feed(text)
    checker.close()
    problems = checker.problems
    problems.extend(f"<{tag}> is never closed" for tag in checker.open_tags)
    for match in re.finditer("&", text):
        if not _AMPERSAND_OK.match(text, match.start()):
            snippet = text[match.start() : match.start() + 8]
            problems.append(f"'&' must be written as &amp; (at {snippet!r})")
            break  # one report is enough to find them all with a search
    return problems
