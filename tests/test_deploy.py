"""Deploying: the Docker image's entry points run as the image runs them, and the systemd unit
says what the README promises. Docker itself is not needed: the Dockerfile's CMD and HEALTHCHECK
commands are read from it and run here, with its ENV, against the fake Bot API."""

from __future__ import annotations

import configparser
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from playground.fake_api import FakeBotApi
from tests.support.process import ROOT, TOKEN

DOCKERFILE = (ROOT / "Dockerfile").read_text()


def instruction(name: str) -> str:
    """The (continued) text of the Dockerfile's last `name` instruction."""
    joined = DOCKERFILE.replace("\\\n", " ")
    found = re.findall(rf"^{name}\s+(.*)$", joined, flags=re.MULTILINE)
    assert found, f"no {name} in the Dockerfile"
    return str(found[-1]).strip()


def exec_form(text: str) -> list[str]:
    """A JSON-array command, with the image's `python` as this interpreter."""
    command = json.loads(text)
    assert isinstance(command, list)
    return [sys.executable if part == "python" else part for part in command]


def image_env(data_dir: Path) -> dict[str, str]:
    """The Dockerfile's ENV, with its DATA_DIR pointed at a test folder."""
    env = dict(re.findall(r"(\w+)=(\S+)", instruction("ENV")))
    assert env["DATA_DIR"] == "/data"
    env["DATA_DIR"] = str(data_dir)
    env["MPLCONFIGDIR"] = str(data_dir.parent / "mpl")
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(data_dir.parent), **env}


def test_the_image_is_slim_python_311_non_root_with_its_data_in_a_volume() -> None:
    assert instruction("FROM") == "python:3.11-slim"
    assert instruction("USER") not in ("root", "0")
    assert json.loads(instruction("VOLUME")) == ["/data"]
    assert instruction("STOPSIGNAL") == "SIGTERM"
    assert instruction("WORKDIR") == "/app"


def health(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = exec_form(instruction("HEALTHCHECK").split(" CMD ", 1)[1])
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)


async def test_the_images_command_serves_reports_healthy_and_stops_on_its_stop_signal(
    tmp_path: Path,
) -> None:
    env = image_env(tmp_path / "data")
    assert health(env).returncode == 1  # nothing runs yet
    async with FakeBotApi() as api:
        env = {**env, "BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": api.base_url}
        log = (tmp_path / "bot.log").open("wb")
        proc = subprocess.Popen(  # noqa: ASYNC220 - a child that runs for the whole test
            exec_form(instruction("CMD")), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            # The last call before polling starts: a getUpdates is only logged when it returns,
            # which a long poll with nothing to deliver does after its 10 s timeout.
            await api.wait_for("deleteWebhook", timeout=30)
            # The first heartbeat is written as the bot starts; give it a bounded moment.
            deadline = time.monotonic() + 15
            while (checked := health(env)).returncode != 0 and time.monotonic() < deadline:
                pass
            assert checked.returncode == 0, checked.stdout + (tmp_path / "bot.log").read_text()
            assert checked.stdout.startswith("healthy")

            proc.send_signal(getattr(signal, instruction("STOPSIGNAL")))
            assert proc.wait(timeout=30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
            log.close()
    stopped = health(env)
    assert stopped.returncode == 1 and "not running" in stopped.stdout


def test_the_systemd_unit_restarts_on_failure_with_its_folder_and_env_file() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(ROOT / "deploy" / "iaim-class-bot.service")
    service = unit["Service"]
    assert service["Restart"] == "on-failure"
    assert int(service["LimitNOFILE"]) >= 4096
    assert service["RestartPreventExitStatus"] == "2"  # a setting to fix: restarting won't help
    folder = service["WorkingDirectory"]
    assert service["EnvironmentFile"] == f"{folder}/.env"
    assert service["ExecStart"] == f"{folder}/.venv/bin/python bot.py run"
    assert f"{folder}/data" in service["ReadWritePaths"]
