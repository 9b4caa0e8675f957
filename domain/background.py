"""Work of seconds on a thread of its own, whose result is a Future: building the FAQ matchers,
training the learned safety nets. The thread is a daemon, so the process never waits for it
when it stops (`asyncio.to_thread` would: `asyncio.run` shuts its executor down waiting for
every call still running, and a SIGTERM during a first start waited out the whole training)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")


def on_own_thread(name: str, work: Callable[[], T]) -> Future[T]:
    """Run `work` on a daemon thread named `name`; its result (or its exception) in the Future."""
    done: Future[T] = Future()

    def run() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to whoever waits for it
            done.set_exception(exc)
        else:
            done.set_result(result)

    thread = threading.Thread(target=run, name=name, daemon=True)
    _started.append(thread)
    thread.start()
    return done


# Every thread started here, to tell at exit whether one is still working.
_started: list[threading.Thread] = []


def still_running() -> bool:
    """Whether work started here is still running (a model still being built)."""
    _started[:] = [thread for thread in _started if thread.is_alive()]
    return bool(_started)
