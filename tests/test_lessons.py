"""Tests for content/lessons.py and the lesson files: real files load, broken copies are reported.

Each breakage is written into a copy of the real folder under tmp_path, and the test checks that
the problem names the right file and says what is wrong.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from content.errors import ContentError
from content.html_check import html_problems as telegram_html_problems
from content.lessons import (
    ENGLISH_LABELS,
    MAX_MESSAGE_CHARS,
    Lesson,
    Outline,
    html_problems,
    load_lessons,
    render_closing,
    render_lesson,
    render_outline,
    telegram_length,
)
from tests.support.says import says

REAL = Path(__file__).resolve().parent.parent / "content" / "lessons"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "lessons"
    shutil.copytree(REAL, copy)
    return copy


def problems_for(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_lessons(folder)
    assert caught.value.problems, "ContentError without problems"
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def remove_field(path: Path, name: str) -> None:
    """Drop a top-level `name = ...` entry, multi-line strings and lists included."""
    kept: list[str] = []
    closer: str | None = None  # what ends the multi-line value being skipped
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if closer is not None:
            if line.strip().startswith(closer) or line.rstrip().endswith(closer):
                closer = None
            continue
        if line.startswith(f"{name} ="):
            value = line.split("=", 1)[1].strip()
            if value.startswith('"""') and value.count('"""') == 1:
                closer = '"""'
            elif value.startswith("[") and "]" not in value:
                closer = "]"
            continue
        kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


# --- the real files -------------------------------------------------------------------------


def test_real_files_load_in_iaim_order():
    lessons, outline = load_lessons(REAL)
    assert sorted(lessons) == [1, 2, 3, 4, 5]
    titles = [lessons[week].title.lower() for week in sorted(lessons)]
    assert "legs" in titles[0] and "feet" in titles[0]
    assert "tummy" in titles[1] and "colic" in titles[1]
    assert "chest" in titles[2] and "arms" in titles[2]
    assert "face" in titles[3] and "back" in titles[3]
    assert "gentle movements" in titles[4] and "whole routine" in titles[4]
    assert isinstance(outline, Outline)
    assert outline.closing and outline.feedback_question.endswith("?")
    for week, lesson in lessons.items():
        assert isinstance(lesson, Lesson)
        assert lesson.week == week
        assert isinstance(lesson.strokes, tuple) and lesson.strokes
        assert lesson.title == lesson.title.strip()


def test_real_files_voice():
    # The house rules: "your baby", no cure claims, medical matters to a professional.
    lessons, outline = load_lessons(REAL)
    everything = " ".join(
        [outline.intro, outline.closing] + [render_lesson(lesson) for lesson in lessons.values()]
    ).lower()
    assert says(everything, "joining.your_baby")
    assert "the infant" not in everything
    assert "patient" not in everything
    for promise in ("will cure", "cures ", "guaranteed", "proven to"):
        assert promise not in everything
    assert "doctor" in outline.closing.lower()


def test_rendered_lessons_fit_one_message():
    lessons, outline = load_lessons(REAL)
    for lesson in lessons.values():
        text = render_lesson(lesson, note="Bring a towel next week, please.")
        assert telegram_length(text) <= MAX_MESSAGE_CHARS
        # Rendered lessons fold their reference parts into an expandable quote.
        assert telegram_html_problems(text) == []
    assert telegram_length(render_outline(outline, lessons)) <= MAX_MESSAGE_CHARS
    assert telegram_html_problems(render_outline(outline, lessons)) == []
    assert telegram_html_problems(render_closing(outline, lessons)) == []


def test_render_lesson_layout():
    lessons, _ = load_lessons(REAL)
    lesson = lessons[1]
    text = render_lesson(lesson)
    assert text.startswith(f"<b>Week 1 · {lesson.title}</b>")
    for part in (lesson.covered, lesson.practise, lesson.cue, lesson.safety, *lesson.strokes):
        assert part in text
    assert ENGLISH_LABELS["note"] not in text
    assert render_lesson(lesson, note="   ") == text  # a blank note adds nothing


def test_note_is_escaped():
    lessons, _ = load_lessons(REAL)
    text = render_lesson(lessons[2], note="<script>alert('hi')</script> Mum & Dad <b>")
    assert "<script>" not in text
    assert "&lt;script&gt;alert('hi')&lt;/script&gt; Mum &amp; Dad &lt;b&gt;" in text
    assert f"<b>{ENGLISH_LABELS['note']}</b>" in text
    assert telegram_html_problems(text) == []


def test_long_note_is_cut_to_fit():
    lessons, _ = load_lessons(REAL)
    text = render_lesson(lessons[1], note="&" * 10_000)
    assert telegram_length(text) <= MAX_MESSAGE_CHARS
    assert "&amp;…</blockquote>" in text
    assert telegram_html_problems(text) == []


def test_render_outline_lists_every_week():
    lessons, outline = load_lessons(REAL)
    text = render_outline(outline, lessons)
    assert text.startswith(f"<b>{outline.title}</b>")
    positions = [text.index(f"Week {week} · {lessons[week].title}") for week in sorted(lessons)]
    assert positions == sorted(positions)
    closing = render_closing(outline, lessons)
    assert outline.closing in closing and outline.feedback_question in closing
    assert outline.recap in closing


# --- broken copies --------------------------------------------------------------------------


def test_bad_toml(folder: Path):
    (folder / "week2.toml").write_text('week = 2\ntitle = "unterminated\n', encoding="utf-8")
    problems = problems_for(folder)
    assert any(p.startswith(f"{folder / 'week2.toml'}: not valid TOML") for p in problems)


def test_not_utf8(folder: Path):
    (folder / "week2.toml").write_bytes(b'week = 2\ntitle = "caf\xe9"\n')
    problems = problems_for(folder)
    assert any(p.startswith(f"{folder / 'week2.toml'}:") for p in problems)


@pytest.mark.parametrize("field", ["week", "title", "covered", "strokes", "practise", "cue"])
def test_missing_field(folder: Path, field: str):
    remove_field(folder / "week3.toml", field)
    problems = problems_for(folder)
    assert f"{folder / 'week3.toml'}: missing field '{field}'" in problems


def test_missing_outline_field(folder: Path):
    remove_field(folder / "outline.toml", "closing")
    assert f"{folder / 'outline.toml'}: missing field 'closing'" in problems_for(folder)


def test_extra_field(folder: Path):
    with (folder / "week1.toml").open("a", encoding="utf-8") as handle:
        handle.write('colour = "blue"\n')
    problems = problems_for(folder)
    assert any(p.startswith(f"{folder / 'week1.toml'}: unknown field 'colour'") for p in problems)


def test_outline_must_not_list_weeks(folder: Path):
    with (folder / "outline.toml").open("a", encoding="utf-8") as handle:
        handle.write("weeks = [1, 2, 3, 4, 5]\n")
    problems = problems_for(folder)
    assert any(
        p.startswith(f"{folder / 'outline.toml'}: unknown field 'weeks'") and "weekN.toml" in p
        for p in problems
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("week = 4", 'week = "4"', "field 'week' must be a whole number, not text"),
        ("week = 4", "week = true", "field 'week' must be a whole number, not true/false"),
        ('title = "Face and back"', "title = 4", "field 'title' must be text, not a number"),
        ('title = "Face and back"', 'title = "  "', "field 'title' is empty"),
        ("strokes = [", 'strokes = "Open book"\nold_strokes = [', "field 'strokes' must be"),
        ('"Open book",\n', "3,\n", "field 'strokes' item 1 must be text"),
    ],
)
def test_wrong_type(folder: Path, old: str, new: str, expected: str):
    edit(folder / "week4.toml", old, new)
    problems = problems_for(folder)
    assert any(p.startswith(f"{folder / 'week4.toml'}: ") and expected in p for p in problems), (
        problems
    )


def test_empty_strokes(folder: Path):
    path = folder / "week5.toml"
    edit(path, 'strokes = ["Gentle movements"]', "strokes = []")
    assert any(
        p.startswith(f"{path}: field 'strokes' must be a non-empty list")
        for p in problems_for(folder)
    )


def test_week_number_differs_from_file_name(folder: Path):
    edit(folder / "week3.toml", "week = 3", "week = 4")
    assert f"{folder / 'week3.toml'}: week = 4 but the file name says week 3" in problems_for(
        folder
    )


def test_missing_week(folder: Path):
    (folder / "week3.toml").unlink()
    problems = problems_for(folder)
    assert any(p.startswith(f"{folder / 'week3.toml'}: missing") for p in problems)


def test_weeks_must_start_at_one(folder: Path):
    (folder / "week1.toml").unlink()
    (folder / "week2.toml").unlink()
    problems = problems_for(folder)
    assert any(p.startswith(f"{folder / 'week1.toml'}: missing") for p in problems)
    assert any(p.startswith(f"{folder / 'week2.toml'}: missing") for p in problems)


def test_fewer_weeks_are_fine(folder: Path):
    (folder / "week5.toml").unlink()
    (folder / "week4.toml").unlink()
    lessons, _ = load_lessons(folder)
    assert sorted(lessons) == [1, 2, 3]


def test_no_lesson_files(folder: Path):
    for path in folder.glob("week*.toml"):
        path.unlink()
    assert any("no lesson files" in p for p in problems_for(folder))


def test_missing_folder(tmp_path: Path):
    problems = problems_for(tmp_path / "nowhere")
    assert problems == [f"{tmp_path / 'nowhere'}: lesson folder not found"]


def test_missing_outline(folder: Path):
    (folder / "outline.toml").unlink()
    assert any(p.startswith(f"{folder / 'outline.toml'}: missing") for p in problems_for(folder))


@pytest.mark.parametrize("name", ["Week6.toml", "week06.toml", "week0.toml", "notes.toml"])
def test_unexpected_file_name(folder: Path, name: str):
    shutil.copy(folder / "week1.toml", folder / name)
    assert any(p.startswith(f"{folder / name}: unexpected file") for p in problems_for(folder))


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ("<u>underlined</u>", "tag <u> is not allowed"),
        ("<a href='x'>link</a>", "tag <a href='x'> is not allowed"),
        ("<b>never closed", "<b> is never closed"),
        ("closed</i> twice", "</i> closes nothing"),
        ("<b><i>crossed</b></i>", "</b> closes <b> while <i> inside it is still open"),
        ("<b class='x'>attr</b>", "attribute 'class' is not allowed on <b>"),
        ("<br/>", "tag <br/> is not allowed"),
        ("Mum & Dad", "'&' must be written as &amp;"),
        ("less &nbsp; space", "'&' must be written as &amp;"),
        ("3 < 4", "literal '<' or '>'"),
        ("<!-- hidden -->", "comments are not allowed"),
    ],
)
def test_html_problems_are_reported_with_path(folder: Path, bad: str, expected: str):
    path = folder / "week2.toml"
    edit(path, 'cue = """\\\n', f'cue = """\\\n{bad} ')
    problems = problems_for(folder)
    assert any(p.startswith(f"{path}: field 'cue': ") and expected in p for p in problems), problems


def test_html_in_stroke_and_outline(folder: Path):
    edit(folder / "week1.toml", '"Toe roll"', '"Toe <u>roll</u>"')
    edit(folder / "outline.toml", 'title = "', 'title = "<b>')
    problems = problems_for(folder)
    assert any(
        p.startswith(f"{folder / 'week1.toml'}: field 'strokes' item 5: tag <u>") for p in problems
    )
    assert any(
        p.startswith(f"{folder / 'outline.toml'}: field 'title': <b> is never closed")
        for p in problems
    )


def test_allowed_html_and_entities_pass():
    assert html_problems("<b>bold</b> <i>it</i> <b><i>both</i></b> &lt;3 &amp; &quot; &#39;") == []


def test_rendered_lesson_too_long(folder: Path):
    path = folder / "week2.toml"
    edit(path, 'cue = """\\\n', 'cue = """\\\n' + "Watch your baby. " * 260)
    problems = problems_for(folder)
    assert any(
        p.startswith(f"{path}: the rendered lesson is ") and "4096" in p for p in problems
    ), problems


def test_every_problem_is_reported_at_once(folder: Path):
    edit(folder / "week1.toml", "week = 1", 'week = "one"')
    remove_field(folder / "week4.toml", "safety")
    (folder / "week5.toml").write_text("not = [toml", encoding="utf-8")
    edit(folder / "outline.toml", 'title = "', 'title = "<u>')
    problems = problems_for(folder)
    for name in ("week1.toml", "week4.toml", "week5.toml", "outline.toml"):
        assert any(p.startswith(f"{folder / name}: ") for p in problems), (name, problems)
    assert not any(p.startswith(f"{folder / 'week2.toml'}") for p in problems)


def test_content_imports_no_telegram_or_tinydb():
    code = (
        "import sys, content.lessons; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('telegram', 'tinydb')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REAL.parent.parent)
