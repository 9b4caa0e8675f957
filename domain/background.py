"""Work of seconds on a thread of its own, whose result is a Future: building the FAQ matchers,
training the learned safety nets. The thread is a daemon, so the process never waits for it
when it stops (`asyncio.to_thread` would: `asyncio.run` shuts its executor down waiting for
every call still running, and a SIGTERM during a first start waited out the whole training)."""

from __future__ import annotations

import threading
import weakref
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
    _started.add(thread)
    thread.start()
    return done


# The threads started here that still exist (a finished one is dropped with its last reference),
# to tell at exit whether one is still working.
_started: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def still_running() -> bool:
    """Whether work started here is still running (a model still being built)."""
    return any(thread.is_alive() for thread in list(_started))
