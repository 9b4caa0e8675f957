"""Runs `python bot.py playground` as a real child process and talks to its page's API."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Self

from tests.support.process import ChildProcess

ROOT = Path(__file__).resolve().parent.parent.parent
URL_RE = re.compile(r"Playground: (http://127\.0\.0\.1:(\d+)/)")


class PlaygroundProcess(ChildProcess):
    """The playground as its own process; `url` once it printed where it serves."""

    def __init__(self, workdir: Path, *args: str) -> None:
        self.workdir = workdir
        self.args = args
        self.proc: subprocess.Popen[Any] | None = None
        self.url = ""
        self.output: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()

    def start(self, timeout: float = 120.0) -> Self:
        """Start it and wait (bounded) for the line with its URL. On a machine whose model cache
        is empty (a fresh CI home) the playground first trains its models: half a minute of CPU,
        more beside other tests."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "PYTHONUNBUFFERED": "1",
        }
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "bot.py"), "playground", *self.args],
            cwd=self.workdir,  # no stray .env is read: the playground needs none
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError("no URL printed:\n" + self.log()) from None
            if line is None:
                raise AssertionError("the playground exited:\n" + self.log())
            if found := URL_RE.search(line):
                self.url = found.group(1)
                return self

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def log(self) -> str:
        """Everything it printed so far."""
        return "".join(self.output)

    def get(self, path: str) -> Any:
        """GET a JSON answer from the page's API."""
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=30) as answer:
            return json.loads(answer.read())

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """POST JSON to the page's API; its JSON answer."""
        request = urllib.request.Request(
            self.url + path.lstrip("/"),
            data=json.dumps(body or {}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.loads(answer.read())
