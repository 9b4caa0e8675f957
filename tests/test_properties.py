"""Property tests (Hypothesis): Telegram's length rules hold for any text, and the storage
journal replays any sequence of writes and crashes to the state of the last complete write."""

from __future__ import annotations

import html
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from content.lessons import _fit_escaped, telegram_length
from content.texts import Html
from handlers.ui import MESSAGE_LIMIT, pack_lines
from storage.files import SafeJSONStorage
from storage.journal import journal_path
from storage.memory_tables import IndexedTable

# Any Unicode text, weighted towards what is awkward: astral emoji (two UTF-16 units), joiners.
TEXT = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from("😀👶🏽\u200d<>&é的\n")),
    max_size=300,
)


@given(TEXT)
def test_telegram_length_counts_utf16_units(text: str) -> None:
    assert telegram_length(text) == len(text.encode("utf-16-le")) // 2
    assert telegram_length(text) >= len(text)


@given(st.lists(TEXT, max_size=60), st.integers(min_value=50, max_value=MESSAGE_LIMIT))
def test_pack_lines_fits_every_message_and_keeps_every_line_in_order(
    lines: list[str], limit: int
) -> None:
    lines = [line.replace("\n", " ") for line in lines]
    packed = pack_lines([Html(line) for line in lines], limit)
    assert all(telegram_length(message) <= limit for message in packed)
    if all(telegram_length(line) <= limit for line in lines):
        assert "\n".join(packed) == "\n".join(lines)


@given(st.integers(min_value=1, max_value=3000), st.integers(min_value=50, max_value=500))
def test_a_line_longer_than_a_message_is_cut_not_sent_whole(count: int, limit: int) -> None:
    packed = pack_lines([Html("😀" * count)], limit)
    assert packed and all(0 < telegram_length(m) <= limit for m in packed)


@given(TEXT, st.integers(min_value=0, max_value=400))
def test_fit_escaped_fits_its_room_and_never_splits_an_entity(raw: str, room: int) -> None:
    fitted = _fit_escaped(raw, room)
    assert telegram_length(fitted) <= max(room, 0) or fitted == ""
    # What is kept is the escaped start of the text: no half entity, nothing made up.
    kept = html.unescape(fitted.removesuffix("…"))
    assert raw.startswith(kept) or raw.strip().startswith(kept.strip())


# -- the journal ---------------------------------------------------------------------------------

DOC = st.dictionaries(
    st.sampled_from(["a", "b", "n", "t"]),
    st.one_of(st.integers(), st.text(max_size=20), st.booleans(), st.none()),
    max_size=4,
)
# One step: insert a document, update one, remove one, or a crash (cut the journal at a
# fraction of the last record's bytes, then reopen).
STEP = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(["x", "y"]), DOC),
    st.tuples(st.just("update"), st.sampled_from(["x", "y"]), DOC),
    st.tuples(st.just("remove"), st.sampled_from(["x", "y"]), st.just({})),
    st.tuples(st.just("crash"), st.floats(min_value=0, max_value=1), st.just({})),
)


class _Db(TinyDB):
    table_class = IndexedTable


def _open(path: Path) -> TinyDB:
    return _Db(path, storage=SafeJSONStorage)


def _state(db: TinyDB) -> dict[str, Any]:
    return {name: {d.doc_id: dict(d) for d in db.table(name).all()} for name in ("x", "y")}


def _apply(db: TinyDB, op: str, table: str, doc: dict[str, Any]) -> None:
    t = db.table(table)
    if op == "insert":
        t.insert(doc)
    elif op == "update" and len(t):
        t.update(doc, doc_ids=[max(d.doc_id for d in t.all())])
    elif op == "remove" and len(t):
        t.remove(doc_ids=[min(d.doc_id for d in t.all())])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, max_size=25))
def test_any_writes_and_crashes_replay_to_the_last_complete_write(steps: list[Any]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="prop-journal-"))
    try:
        path = folder / "db.json"
        db = _open(path)
        db.table("x").insert({"seed": 1})  # the first write makes the snapshot
        confirmed = _state(db)
        last_record = 0  # bytes of the journal's last complete line
        for op, arg, doc in steps:
            journal = journal_path(path)
            if op == "crash":
                # Killed part-way through a further write: its line is only partly on disk.
                size = journal.stat().st_size if journal.exists() else 0
                probe = _open(path)
                _apply(probe, "insert", "y", {"torn": True})
                full = journal.read_bytes()
                cut = size + int((len(full) - size - 1) * arg)  # never the whole line
                with open(journal, "r+b") as fh:
                    fh.truncate(cut)
                db = _open(path)
                assert _state(db) == confirmed
                continue
            before = journal.stat().st_size if journal.exists() else 0
            _apply(db, op, arg, doc)
            confirmed = _state(db)
            last_record = (journal.stat().st_size if journal.exists() else 0) - before
            assert last_record >= 0
            # A reopen (a restart after a clean write) sees exactly what was confirmed.
            assert _state(_open(path)) == confirmed
        # Every complete journal line parses; the snapshot too.
        json.loads(path.read_text(encoding="utf-8"))
        for line in (
            journal_path(path).read_bytes().splitlines() if journal_path(path).exists() else []
        ):
            json.loads(line)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
