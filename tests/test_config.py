"""Settings: every wrong value gets one clear line naming the setting; good ones are read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from config import DEFAULT_BASE_URL, SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"


def settings(tmp_path: Path, **env: str):
    return load_settings(env, env_file=tmp_path / "absent.env")


def test_defaults(tmp_path: Path) -> None:
    s = settings(tmp_path, BOT_TOKEN=TOKEN)
    assert s.base_url == DEFAULT_BASE_URL
    assert s.data_dir == Path("data")
    assert s.owner_ids == frozenset()


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"BOT_TOKEN={TOKEN}\nOWNER_IDS=1, 2\nDEFAULT_TIMEZONE=Asia/Tokyo\n")
    s = load_settings({"DEFAULT_TIMEZONE": "America/New_York"}, env_file=env_file)
    assert s.token == TOKEN
    assert s.owner_ids == {1, 2}
    assert s.default_timezone == "America/New_York"


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({}, "BOT_TOKEN is not set. Ask @BotFather"),
        ({"BOT_TOKEN": "nonsense"}, "does not look like a bot token"),
        ({"BOT_TOKEN": TOKEN, "OWNER_IDS": "me"}, "OWNER_IDS contains 'me'"),
        ({"BOT_TOKEN": TOKEN, "DEFAULT_TIMEZONE": "Europe/Lodnon"}, "DEFAULT_TIMEZONE"),
        ({"BOT_TOKEN": TOKEN, "DEFAULT_TIMEZONE": "Mars/Olympus"}, "not a time zone"),
        ({"BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": "ftp://x"}, "TELEGRAM_BASE_URL"),
        ({"BOT_TOKEN": TOKEN, "RETENTION_DAYS": "soon"}, "RETENTION_DAYS"),
        ({"BOT_TOKEN": TOKEN, "WEBHOOK_URL": "http://plain.example"}, "must be an https://"),
        ({"BOT_TOKEN": TOKEN, "WEBHOOK_SECRET": "has spaces"}, "WEBHOOK_SECRET"),
    ],
)
def test_bad_settings_name_the_setting(tmp_path: Path, env: dict[str, str], says: str) -> None:
    with pytest.raises(SettingsError, match=says):
        settings(tmp_path, **env)


def test_a_misspelt_zone_gets_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="Did you mean America/New_York"):
        settings(tmp_path, BOT_TOKEN=TOKEN, DEFAULT_TIMEZONE="new york")


def test_run_without_a_token_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "run"],
        cwd=tmp_path,  # no .env here
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "BOT_TOKEN is not set" in lines[0]
    # ... and says what works without one.
    assert "python bot.py playground" in lines[0]
    assert "Traceback" not in proc.stderr


def test_help_lists_the_commands() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    for command in ("run", "check", "ask", "export"):
        assert command in proc.stdout
