"""What Telegram refuses and how it says so, in the Bot API fakes: the error answers
(`ApiError`, `error_response`, shaped exactly as Telegram's so PTB raises the same exceptions)
and the checks Telegram makes on text, captions and keyboards, so a handler's mistake fails in
tests rather than in production (`check_html`, `check_markdown_v2`, `validate_text`,
`validate_reply_markup`), with the text Telegram keeps after parsing (`render_plain`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from playground import updates as tg

JSONDict = dict[str, Any]

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
# Telegram prefixes descriptions with the HTTP reason; tests may give just the detail.
_DESCRIPTION_PREFIXES = {
    400: "Bad Request: ",
    403: "Forbidden: ",
    409: "Conflict: ",
    429: "Too Many Requests: ",
}

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_BUTTONS = 100
MAX_CALLBACK_ANSWER_LENGTH = 200
# What Telegram says to a second answer of one button press (and to one answered too late).
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"

_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_HTML_TAG_RE = re.compile(r"<(/?)([^\s<>/]*)([^<>]*)>")
_BUTTON_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
_MDV2_RESERVED = frozenset("()>#+-={}.!")
_MDV2_PAIRED = {"*": "Bold", "~": "Strikethrough", "_": "Italic", "|": "Spoiler"}


class ApiError(Exception):
    """Raised inside the simulator to answer a call with a Telegram error."""

    def __init__(
        self,
        error_code: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Keep the error fields for :meth:`response`."""
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def response(self) -> JSONDict:
        """Return the JSON body Telegram would send for this error."""
        return error_response(
            self.error_code,
            self.description,
            retry_after=self.retry_after,
            migrate_to_chat_id=self.migrate_to_chat_id,
        )


def error_response(
    error_code: int,
    description: str | None = None,
    *,
    retry_after: int | None = None,
    migrate_to_chat_id: int | None = None,
) -> JSONDict:
    """Return an ``ok: false`` body exactly shaped like Telegram's.

    The description gets Telegram's reason prefix (``"Bad Request: "`` for 400 ...) when it
    lacks one; ``retry_after``/``migrate_to_chat_id`` go into ``parameters``, which is what
    PTB inspects to raise :class:`telegram.error.RetryAfter`/``ChatMigrated``.
    """
    if description is None:
        if error_code == 429:
            description = f"Too Many Requests: retry after {retry_after or 1}"
        elif error_code == 400 and migrate_to_chat_id is not None:
            description = "Bad Request: group chat was upgraded to a supergroup chat"
        else:
            description = _DEFAULT_DESCRIPTIONS.get(error_code, "Unknown error")
    prefix = _DESCRIPTION_PREFIXES.get(error_code)
    if prefix and not description.startswith(prefix):
        description = prefix + description
    body: JSONDict = {"ok": False, "error_code": error_code, "description": description}
    parameters: JSONDict = {}
    if error_code == 429:
        parameters["retry_after"] = retry_after if retry_after is not None else 1
    elif retry_after is not None:
        parameters["retry_after"] = retry_after
    if migrate_to_chat_id is not None:
        parameters["migrate_to_chat_id"] = migrate_to_chat_id
    if parameters:
        body["parameters"] = parameters
    return body


def _byte_offset(text: str, index: int) -> int:
    """Return the UTF-8 byte offset Telegram reports for character ``index``."""
    return len(text[:index].encode())


def check_html(text: str) -> str | None:
    """Return Telegram's parse error for ``text`` with ``parse_mode=HTML``, or ``None``.

    Telegram treats every ``<`` as a tag start, knows only its small tag set (no ``<br>``,
    no ``<p>``) and requires proper nesting.
    """
    stack: list[str] = []
    index = 0
    while (start := text.find("<", index)) != -1:
        match = _HTML_TAG_RE.match(text, start)
        if match is None:
            return f"Can't find end of the tag starting at byte offset {_byte_offset(text, start)}"
        closing, name, _attrs = match.groups()
        name = name.lower()
        offset = _byte_offset(text, start)
        if closing:
            if not stack:
                return f"Unexpected end tag at byte offset {offset}"
            expected = stack.pop()
            if name != expected:
                return (
                    f'Unmatched end tag at byte offset {offset}, expected "</{expected}>", '
                    f'found "</{name}>"'
                )
        elif name not in _HTML_TAGS:
            return f'Unsupported start tag "{name}" at byte offset {offset}'
        else:
            stack.append(name)
        index = match.end()
    if stack:
        return f'Can\'t find end tag corresponding to start tag "{stack[-1]}"'
    return None


def check_markdown_v2(text: str) -> str | None:
    """Return Telegram's parse error for ``text`` with ``parse_mode=MarkdownV2``, or ``None``.

    Covers the two mistakes that matter in practice: an unescaped reserved character
    (``.``, ``!``, ``-``, ``(``, ...) and an unclosed ``*``/``_``/``~``/``||`` entity.
    """
    i, n = 0, len(text)
    open_at: dict[str, int] = {}
    in_code = in_pre = in_url = in_expandable = False
    while i < n:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if in_pre:
            if text.startswith("```", i):
                in_pre, i = False, i + 3
            else:
                i += 1
            continue
        if in_code:
            in_code = char != "`"
            i += 1
            continue
        if in_url:
            in_url = char != ")"
            i += 1
            continue
        if text.startswith("```", i):
            in_pre, i = True, i + 3
            continue
        if char == "`":
            in_code, i = True, i + 1
            continue
        if char == "]" and text.startswith("(", i + 1):
            in_url, i = True, i + 2
            continue
        line_start = i == 0 or text[i - 1] == "\n"
        if line_start and text.startswith("**>", i):
            in_expandable, i = True, i + 3  # expandable block quotation
            continue
        if char == ">" and line_start:
            i += 1  # block quotation
            continue
        at_line_end = i + 2 == n or text.startswith("\n", i + 2)
        if in_expandable and text.startswith("||", i) and at_line_end:
            in_expandable, i = False, i + 2  # "||" closing an expandable block quotation
            continue
        if char in _MDV2_PAIRED:
            token = "||" if char == "|" and text.startswith("||", i) else char
            if char == "|" and token != "||":
                return "Character '|' is reserved and must be escaped with the preceding '\\'"
            if token in open_at:
                del open_at[token]
            else:
                open_at[token] = i
            i += len(token)
            continue
        if char in _MDV2_RESERVED:
            return f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        i += 1
    if open_at:
        token, where = min(open_at.items(), key=lambda item: item[1])
        name = _MDV2_PAIRED[token[0]]
        return f"Can't find end of {name} entity at byte offset {_byte_offset(text, where)}"
    return None


def render_plain(text: str, parse_mode: Any) -> str:
    """Return the text Telegram stores after parsing markup (what ``Message.text`` shows).

    Exact for HTML; a close approximation for MarkdownV2 (markers and link targets dropped,
    escapes resolved). Entities are not reconstructed.
    """
    mode = parse_mode.lower() if isinstance(parse_mode, str) else ""
    if mode == "html":
        return html.unescape(_HTML_TAG_RE.sub("", text))
    if mode != "markdownv2":
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:
            out.append(text[i + 1])
            i += 2
        elif char == "]" and text.startswith("(", i + 1):
            close = text.find(")", i + 2)
            i = n if close == -1 else close + 1
        elif char in "*_~|`[" or (char == ">" and (i == 0 or text[i - 1] == "\n")):
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def validate_text(text: Any, parse_mode: Any, *, caption: bool = False) -> None:
    """Raise :class:`ApiError` 400 for text/caption Telegram would refuse."""
    if not isinstance(text, str):
        if caption:
            return
        raise ApiError(400, "message text is empty")
    mode = (parse_mode or "").lower() if isinstance(parse_mode, str) else ""
    error = None
    if mode == "html":
        error = check_html(text)
    elif mode == "markdownv2":
        error = check_markdown_v2(text)
    if error is not None:
        raise ApiError(400, f"can't parse entities: {error}")
    length = tg.utf16_len(render_plain(text, mode))
    if not caption and length == 0:
        raise ApiError(400, "message text is empty")
    if caption and length > MAX_CAPTION_LENGTH:
        raise ApiError(400, "message caption is too long")
    if not caption and length > MAX_TEXT_LENGTH:
        raise ApiError(400, "message is too long")


def validate_reply_markup(markup: Any) -> None:
    """Raise :class:`ApiError` 400 for inline keyboards Telegram would refuse."""
    if not isinstance(markup, Mapping) or "inline_keyboard" not in markup:
        return
    if sum(len(row) for row in markup["inline_keyboard"]) > MAX_BUTTONS:
        raise ApiError(400, "reply markup is too long")
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if isinstance(data, str) and len(data.encode()) > MAX_CALLBACK_DATA_BYTES:
                raise ApiError(400, "BUTTON_DATA_INVALID")
            if not _BUTTON_ACTIONS.intersection(button):
                raise ApiError(400, "text buttons are unallowed in the inline keyboard")
