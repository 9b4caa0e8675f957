"""The heartbeat: a small file the running bot rewrites every half minute, for health checks.

`python bot.py health` (the Docker image's HEALTHCHECK, or any monitor) reads it: the bot is
healthy while the file is fresh and its process is alive. It is written by a JobQueue job, so a
stuck event loop or a dead scheduler stops it too, and removed on a clean stop.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

from telegram.ext import CallbackContext

from botdata import App

FILE_NAME = ".heartbeat"
EVERY_S = 30.0
# Missing two beats in a row (plus slack for a busy machine) is unhealthy.
STALE_AFTER_S = 2 * EVERY_S + 30.0
JOB_NAME = "heartbeat"


def heartbeat_path(data_dir: Path) -> Path:
    """Where the heartbeat of the bot serving `data_dir` is kept."""
    return data_dir / FILE_NAME


def _write(path: Path) -> None:
    """Replace the heartbeat file atomically (a reader never sees half of it)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"at": time.time(), "pid": os.getpid()}))
    os.replace(tmp, path)


async def _beat(context: CallbackContext) -> None:
    """Job callback: write the heartbeat."""
    job = context.job
    if job is not None and isinstance(job.data, Path):
        await asyncio.to_thread(_write, job.data)


def start(app: App, data_dir: Path) -> None:
    """Beat now and every EVERY_S seconds while the application runs."""
    path = heartbeat_path(data_dir)
    _write(path)  # one small file, once: healthy from the moment the bot serves
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            _beat, interval=EVERY_S, first=EVERY_S, name=JOB_NAME, data=path
        )


def stop(data_dir: Path) -> None:
    """A clean stop: no heartbeat is left behind to look healthy."""
    heartbeat_path(data_dir).unlink(missing_ok=True)


def check(data_dir: Path, now: float | None = None) -> tuple[bool, str]:
    """Whether the bot serving `data_dir` is alive, and one line saying why (not)."""
    path = heartbeat_path(data_dir)
    try:
        beat = json.loads(path.read_text())
        at, pid = float(beat["at"]), int(beat["pid"])
    except FileNotFoundError:
        return False, f"unhealthy: no heartbeat in {data_dir} (the bot is not running)"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return False, f"unhealthy: the heartbeat in {data_dir} is unreadable ({exc})"
    age = (time.time() if now is None else now) - at
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False, f"unhealthy: the bot (pid {pid}) is gone"
    except PermissionError:
        pass  # it exists, as another user
    if age > STALE_AFTER_S:
        return False, f"unhealthy: last heartbeat {age:.0f} s ago (pid {pid})"
    return True, f"healthy: last heartbeat {max(age, 0):.0f} s ago (pid {pid})"
