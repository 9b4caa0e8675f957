"""A class's roster and check-ins as CSV files: the one writer behind /export and
`python bot.py export`.

The files are UTF-8 with a byte-order mark (so Excel shows accented names correctly; Python's
"utf-8-sig" and LibreOffice read it transparently), a header row, and one row per member or per
check-in. Column names are a fixed file format; the answers are written with the same words the
bot shows parents. Anything a parent typed could be a formula to a spreadsheet ("=HYPERLINK(...)"),
so every value starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe,
which spreadsheets show as text and never evaluate (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from content.texts import Texts
from domain.checkin_stats import AREAS, DAYS, RESPONSES, is_question

Record = Mapping[str, Any]

# New columns go at the end, so a spreadsheet built on the earlier ones keeps working.
ROSTER_COLUMNS = (
    "first_name",
    "role",
    "family_of",
    "status",
    "joined_at",
    "user_id",
    "course_feedback",
    "feedback_note",
)
CHECKIN_COLUMNS = (
    "week",
    "first_name",
    "role",
    "days_practised",
    "baby_response",
    "areas",
    "note",
    "note_is_question",
    "saved_at",
    "user_id",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFile:
    """One file of an export: its name and its bytes."""

    name: str
    data: bytes


def neutralise(value: object) -> str:
    """A cell value a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Write a header and rows as CSV bytes (UTF-8 with BOM, CRLF line ends as RFC 4180 says)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def file_stem(klass: Record) -> str:
    """A safe file name for a class: its name in plain letters, else its id."""
    ascii_name = (
        unicodedata.normalize("NFKD", str(klass.get("name") or ""))
        .encode("ascii", "ignore")
        .decode()
    )
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:40]
    return slug or f"class-{klass['id']}"


def _status(member: Record) -> str:
    if member.get("blocked"):
        return "blocked the bot"
    return "active" if member.get("active") else "left"


def roster_csv(members: Sequence[Record], texts: Texts | None = None) -> bytes:
    """The roster: one row per member (those who left too, with their status), with their
    answer to the closing message's feedback question in the bot's own words."""
    names = {m["user_id"]: m.get("first_name") or "" for m in members}

    def feedback(member: Record) -> str:
        answer = str(member.get("feedback") or "")
        if not answer or texts is None or f"course.feedback_{answer}" not in texts:
            return answer
        # The button's words without its emoji: "Loved it".
        return texts.raw(f"course.feedback_{answer}").split(" ", 1)[-1]

    rows = [
        (
            m.get("first_name") or "",
            m.get("role") or "parent",
            names.get(m.get("family_of"), "") if m.get("family_of") else "",
            _status(m),
            m.get("joined_at") or "",
            m["user_id"],
            feedback(m),
            m.get("feedback_note") or "",
        )
        for m in members
    ]
    return _csv(ROSTER_COLUMNS, rows)


def checkins_csv(members: Sequence[Record], checkins: Sequence[Record], texts: Texts) -> bytes:
    """Every check-in: one row per person and week, the answers in the bot's own words."""
    by_id = {m["user_id"]: m for m in members}
    days: dict[str | None, str] = {
        code: texts.raw(f"checkin.days_{code.replace('-', '_')}") for code in DAYS
    }
    responses: dict[str | None, str] = {
        code: texts.raw(f"checkin.response_{code}") for code in RESPONSES
    }
    areas = {code: texts.raw(f"checkin.area_{code}") for code in AREAS}
    rows = []
    for c in sorted(checkins, key=lambda c: (c["week"], c.get("at") or "")):
        member = by_id.get(c["user_id"], {})
        note = c.get("note") or ""
        rows.append(
            (
                c["week"],
                member.get("first_name") or "",
                member.get("role") or "",
                days.get(c.get("days"), c.get("days") or ""),
                responses.get(c.get("response"), c.get("response") or ""),
                "; ".join(areas.get(a, a) for a in c.get("areas") or ()),
                note,
                "yes" if is_question(note, bool(c.get("asked"))) else "no",
                c.get("at") or "",
                c["user_id"],
            )
        )
    return _csv(CHECKIN_COLUMNS, rows)


def export_files(
    klass: Record, members: Sequence[Record], checkins: Sequence[Record], texts: Texts
) -> list[ExportFile]:
    """The roster and the check-ins of one class, named after it."""
    stem = file_stem(klass)
    return [
        ExportFile(f"{stem}-roster.csv", roster_csv(members, texts)),
        ExportFile(f"{stem}-checkins.csv", checkins_csv(members, checkins, texts)),
    ]
