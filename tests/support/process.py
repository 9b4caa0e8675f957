"""Runs `python bot.py run` as a real child process against a fake Bot API, for end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import TracebackType
from typing import Any, Self

ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN = "123456:E2EtokenE2EtokenE2EtokenE2Etoken"


class ChildProcess:
    """A bot command run as its own process: stop it (SIGTERM), crash it (SIGKILL), wait for it;
    as a context manager it is started on entry and never outlives the test."""

    proc: subprocess.Popen[Any] | None = None

    def start(self) -> Self:
        """Start the process (each kind of child knows how)."""
        raise NotImplementedError

    def terminate(self, timeout: float = 20.0) -> int:
        """SIGTERM, and wait (bounded) for the exit code."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL: a crash or power cut, as far as the bot can tell."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(timeout=20)

    def wait(self, timeout: float = 30.0) -> int:
        """Wait (bounded) for the process to exit by itself; its exit code."""
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill()


class BotProcess(ChildProcess):
    """The bot as its own process; the log goes to a file so a failing test can show it."""

    def __init__(self, base_url: str, data_dir: Path, **env: str) -> None:
        self.data_dir = data_dir
        self.log_path = data_dir.parent / f"bot-{os.getpid()}-{id(self)}.log"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": base_url,
            "DATA_DIR": str(data_dir),
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.proc: subprocess.Popen[Any] | None = None

    def start(self) -> Self:
        """Start the bot (it begins polling the fake API within a second or two)."""
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child for its lifetime
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "bot.py"), "run"],
            cwd=self.data_dir.parent,  # no stray .env is picked up from the project folder
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        return self

    def log(self) -> str:
        """Everything the bot printed so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
