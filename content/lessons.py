"""The weekly lesson files and the course outline: loading, validation and rendering.

Lessons live in one folder (``content/lessons/`` by default) as ``week1.toml`` ... ``weekN.toml``
plus ``outline.toml``. Everything is checked up front and every problem is collected, so an
instructor editing the files sees the whole list at once (``python bot.py check``) instead of
fixing one error per restart. Text values may carry the two Telegram HTML tags we allow, <b> and
<i>; anything else would either be rejected by Telegram at send time or render as garbage.

This module imports neither ``telegram`` nor ``tinydb``: it turns files into text, nothing more.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import cast

from content.errors import ContentError
from content.html_check import html_problems as check_html

#: Telegram's limit for one text message.
MAX_MESSAGE_CHARS = 4096

#: Tags allowed in lesson text. Telegram supports more, but two keep lessons calm and readable.
ALLOWED_TAGS = frozenset({"b", "i"})
LESSON_TAGS: dict[str, frozenset[str]] = {tag: frozenset() for tag in ALLOWED_TAGS}

#: The labels of a rendered lesson, in English: each pack's outline.toml has its own in a
#: [labels] table with these keys ("week" is the word before a week's number).
ENGLISH_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "week": "Week",
        "strokes": "Strokes",
        "practise": "To practise at home",
        "cue": "A cue to watch for",
        "safety": "Keeping it safe",
        "note": "A note from your instructor",
    }
)

OUTLINE_FILE = "outline.toml"

# Field name -> kind. "text" is a non-empty string that may hold <b>/<i>; "text_list" a non-empty
# list of those; "int" a whole number (a TOML bool is not one, though Python says it is).
_LESSON_FIELDS: dict[str, str] = {
    "week": "int",
    "title": "text",
    "covered": "text",
    "strokes": "text_list",
    "practise": "text",
    "cue": "text",
    "safety": "text",
}
_OUTLINE_FIELDS: dict[str, str] = {
    "title": "text",
    "intro": "text",
    "closing": "text",
    "recap": "text",
    "feedback_question": "text",
}
# Extra fields people are likely to add by analogy, with the reason they must not.
_FIELD_HINTS = {"weeks": "the weeks come from the weekN.toml files; don't list them here"}

_WEEK_FILE = re.compile(r"^week([1-9][0-9]*)\.toml$")
# An ampersand must start one of the entities Telegram understands: the four named ones it
# documents, or a numeric one. Anything else ("Mum & Dad", "&nbsp;") fails at send time.


@dataclass(frozen=True)
class Lesson:
    """One week of the course, as parents read it after the session."""

    week: int
    title: str
    covered: str
    strokes: tuple[str, ...]
    practise: str
    cue: str
    safety: str


@dataclass(frozen=True)
class Outline:
    """The course as a whole: its title and intro, and what to say once it is over."""

    title: str
    intro: str
    closing: str
    recap: str
    feedback_question: str
    labels: Mapping[str, str] = field(default_factory=lambda: ENGLISH_LABELS)


def telegram_length(text: str) -> int:
    """Return the length of `text` as Telegram counts it (UTF-16 code units).

    Counting UTF-16 units is at least as strict as counting characters (an emoji counts as two),
    and we count the HTML markup too, so a text that passes here always fits in one message.
    """
    return len(text.encode("utf-16-le")) // 2


def html_problems(text: str) -> list[str]:
    """What is wrong with `text` as lesson HTML (only <b> and <i>); empty when it is fine."""
    return check_html(text, LESSON_TAGS)


def _check_fields(
    data: dict[str, object], spec: dict[str, str], where: str, problems: list[str]
) -> bool:
    """Check `data` against `spec`, appending "where: ..." problems; True if all fields are ok."""
    ok = True
    for name in spec:
        if name not in data:
            problems.append(f"{where}: missing field '{name}'")
            ok = False
    for name in data:
        if name not in spec:
            hint = _FIELD_HINTS.get(name, f"expected only {', '.join(spec)}")
            problems.append(f"{where}: unknown field '{name}' ({hint})")
            ok = False
    for name, kind in spec.items():
        if name not in data:
            continue
        value = data[name]
        if kind == "int":
            # bool is a subclass of int in Python, but `week = true` is a mistake, not week 1.
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(
                    f"{where}: field '{name}' must be a whole number, not {_toml_type(value)}"
                )
                ok = False
        elif kind == "text":
            ok = _check_text(value, f"{where}: field '{name}'", problems) and ok
        else:  # text_list
            if not isinstance(value, list) or not value:
                problems.append(
                    f"{where}: field '{name}' must be a non-empty list of texts, "
                    f"not {_toml_type(value)}"
                )
                ok = False
                continue
            for index, item in enumerate(value, start=1):
                ok = _check_text(item, f"{where}: field '{name}' item {index}", problems) and ok
    return ok


def _check_text(value: object, where: str, problems: list[str]) -> bool:
    """Check one text value: a non-blank string in our HTML subset."""
    if not isinstance(value, str):
        problems.append(f"{where} must be text, not {_toml_type(value)}")
        return False
    if not value.strip():
        problems.append(f"{where} is empty")
        return False
    found = html_problems(value)
    problems.extend(f"{where}: {problem}" for problem in found)
    return not found


def _toml_type(value: object) -> str:
    """Name a parsed TOML value's type the way a content editor would."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _read_toml(path: Path, problems: list[str]) -> dict[str, object] | None:
    """Parse one TOML file, or record why it cannot be read and return None."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: not valid TOML: {exc}")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: not valid UTF-8: {exc}")
    except OSError as exc:
        problems.append(f"{path}: cannot be read: {exc.strerror or exc}")
    return None


def _clean(value: str) -> str:
    """Trim the blank lines TOML multi-line strings tend to carry at either end."""
    return value.strip()


def load_lessons(folder: Path) -> tuple[dict[int, Lesson], Outline]:
    """Load and validate every lesson file and the outline in `folder`.

    Returns the lessons keyed by week number (1..N, no gaps) and the outline. Raises
    `ContentError` listing every problem found, each as "path: what is wrong": unreadable or
    invalid TOML, missing, unknown or wrongly typed fields, a `week` that disagrees with the file
    name, missing weeks, HTML beyond <b>/<i> or unbalanced, and a rendered lesson or outline too
    long for one Telegram message.
    """
    problems: list[str] = []
    if not folder.is_dir():
        raise ContentError([f"{folder}: lesson folder not found"])

    week_files: dict[int, Path] = {}
    outline_path = folder / OUTLINE_FILE
    for path in sorted(folder.glob("*.toml")):
        match = _WEEK_FILE.match(path.name)
        if match:
            week_files[int(match.group(1))] = path
        elif path.name != OUTLINE_FILE:
            problems.append(
                f"{path}: unexpected file; lesson files are named week1.toml, week2.toml, ... "
                f"and the outline {OUTLINE_FILE}"
            )

    if not week_files:
        problems.append(f"{folder}: no lesson files (expected week1.toml, week2.toml, ...)")
    else:
        last = max(week_files)
        for week in range(1, last + 1):
            if week not in week_files:
                missing = folder / f"week{week}.toml"
                problems.append(f"{missing}: missing (weeks must run 1..{last} without gaps)")

    lessons: dict[int, Lesson] = {}
    for week in sorted(week_files):
        path = week_files[week]
        data = _read_toml(path, problems)
        if data is None or not _check_fields(data, _LESSON_FIELDS, str(path), problems):
            continue
        if data["week"] != week:
            problems.append(f"{path}: week = {data['week']} but the file name says week {week}")
            continue
        lesson = Lesson(
            week=week,
            title=_clean(str(data["title"])),
            covered=_clean(str(data["covered"])),
            strokes=tuple(_clean(item) for item in cast(list[str], data["strokes"])),
            practise=_clean(str(data["practise"])),
            cue=_clean(str(data["cue"])),
            safety=_clean(str(data["safety"])),
        )
        size = telegram_length(render_lesson(lesson))
        if size > MAX_MESSAGE_CHARS:
            problems.append(
                f"{path}: the rendered lesson is {size} characters; "
                f"a Telegram message holds at most {MAX_MESSAGE_CHARS}"
            )
            continue
        lessons[week] = lesson

    outline: Outline | None = None
    if not outline_path.is_file():
        problems.append(f"{outline_path}: missing (the course outline and closing message)")
    else:
        data = _read_toml(outline_path, problems)
        labels = data.pop("labels", None) if data is not None else None
        if labels is not None and (
            not isinstance(labels, dict)
            or set(labels) != set(ENGLISH_LABELS)
            or not all(isinstance(v, str) and v.strip() for v in labels.values())
        ):
            problems.append(
                f"{outline_path}: [labels] needs exactly these texts: {', '.join(ENGLISH_LABELS)}"
            )
            labels = None
        if data is not None and _check_fields(data, _OUTLINE_FIELDS, str(outline_path), problems):
            outline = Outline(
                title=_clean(str(data["title"])),
                intro=_clean(str(data["intro"])),
                closing=_clean(str(data["closing"])),
                recap=_clean(str(data["recap"])),
                feedback_question=_clean(str(data["feedback_question"])),
                labels=MappingProxyType(dict(labels)) if labels else ENGLISH_LABELS,
            )
            for what, text in (
                ("the rendered outline", render_outline(outline, lessons)),
                ("the closing message", render_closing(outline, lessons)),
            ):
                size = telegram_length(text)
                if size > MAX_MESSAGE_CHARS:
                    problems.append(
                        f"{outline_path}: {what} is {size} characters; "
                        f"a Telegram message holds at most {MAX_MESSAGE_CHARS}"
                    )

    if problems or outline is None:
        raise ContentError(problems)
    return lessons, outline


def _section(label: str, body: str) -> str:
    """Render one labelled block: the label in bold on its own line, then the text."""
    return f"<b>{label}</b>\n{body}"


def fold(body: str) -> str:
    """Fold a long part into Telegram's expandable quote: a few lines show, a tap shows all.

    The quote is a block of its own, so the caller puts it on its own line(s).
    """
    return f"<blockquote expandable>{body}</blockquote>"


def render_lesson(
    lesson: Lesson, note: str | None = None, labels: Mapping[str, str] = ENGLISH_LABELS
) -> str:
    """Render a lesson as Telegram HTML for a phone screen.

    The first screen carries the point and the next step: what the week covered, what to
    practise at home, and the instructor's note for the week. The reference parts (the strokes
    by name, the cue, the safety note) are folded into an expandable quote that opens with a tap
    (content/screen.py measures what shows).

    The lesson's own fields are trusted HTML (validated at load). The instructor's `note` is
    plain text typed in a chat, so it is escaped, and shortened with an ellipsis if it would push
    the message past Telegram's limit: losing the end of a note beats losing the whole lesson.
    """
    head = "\n\n".join(
        [
            f"<b>{labels['week']} {lesson.week} · {lesson.title}</b>",
            lesson.covered,
            _section(labels["practise"], lesson.practise),
        ]
    )
    reference = fold(
        "\n\n".join(
            [
                _section(labels["strokes"], " · ".join(lesson.strokes)),
                _section(labels["cue"], lesson.cue),
                _section(labels["safety"], lesson.safety),
            ]
        )
    )
    text = f"{head}\n\n{reference}"
    if note is None or not note.strip():
        return text
    label = f"\n\n<b>{labels['note']}</b>\n"
    room = MAX_MESSAGE_CHARS - telegram_length(text + label + fold(""))
    body = _fit_escaped(note.strip(), room)
    # A lesson right at the limit leaves no room: better no note block than an empty one.
    return f"{head}{label}{fold(body)}\n\n{reference}" if body else text


def _fit_escaped(raw: str, room: int) -> str:
    """Escape `raw`, cutting it (before escaping, so no entity is split) to fit `room` units."""
    escaped = html.escape(raw, quote=False)
    if telegram_length(escaped) <= room:
        return escaped
    if room <= 1:
        return ""
    # Binary search for the longest prefix whose escaped form plus "…" fits.
    low, high = 0, len(raw)
    while low < high:
        mid = (low + high + 1) // 2
        if telegram_length(html.escape(raw[:mid].rstrip(), quote=False)) + 1 <= room:
            low = mid
        else:
            high = mid - 1
    return html.escape(raw[:low].rstrip(), quote=False) + "…"


def render_outline(outline: Outline, lessons: dict[int, Lesson]) -> str:
    """Render the whole course: title, intro, then each week's title and what it covers, the
    weeks folded into an expandable quote (the titles alone show what is ahead)."""
    word = outline.labels["week"]
    titles = "\n".join(f"<b>{word} {week} · {lessons[week].title}</b>" for week in sorted(lessons))
    return "\n\n".join(
        [f"<b>{outline.title}</b>", outline.intro, titles, fold(_weeks(lessons, word))]
    )


def _weeks(lessons: dict[int, Lesson], word: str) -> str:
    """Each week's title and what it covered, one paragraph a week."""
    return "\n\n".join(
        f"<b>{word} {week} · {lessons[week].title}</b>\n{lessons[week].covered}"
        for week in sorted(lessons)
    )


def render_closing(outline: Outline, lessons: dict[int, Lesson]) -> str:
    """Render the message sent after the last session: the closing words, the one-line recap
    with the whole course folded under it, and the feedback question last, on its own, just
    above its answer buttons."""
    return "\n\n".join(
        [
            outline.closing,
            f"{outline.recap}\n{fold(_weeks(lessons, outline.labels['week']))}",
            f"<b>{outline.feedback_question}</b>",
        ]
    )
