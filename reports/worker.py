"""A worker process for heavy drawing, so it never holds the bot's interpreter (its GIL).

Drawing the course chart takes 0.2-1 s of matplotlib; on a thread it still stalls the event
loop, and every other update with it, for tens of milliseconds at a time. It runs here in one
separate process instead, started on first use ("spawn": a fresh interpreter that inherits no
open files, so never the data folder's lock) and kept for later charts.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

from domain.checkin_stats import WeekStats

R = TypeVar("R")

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
        return _pool


async def run_in_worker(fn: Callable[..., R], *args: Any) -> R:
    """Run `fn(*args)` (picklable, module-level) in the worker process and return its result.

    A worker that died (killed, out of memory) is replaced once."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_executor(), fn, *args)
    except BrokenProcessPool:
        shutdown()
        return await loop.run_in_executor(_executor(), fn, *args)


def shutdown() -> None:
    """Stop the worker process, if one was started."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def draw_course_chart(series: Sequence[WeekStats], labels: dict[str, Any]) -> bytes:
    """The course chart as PNG bytes (runs in the worker; matplotlib is imported only here)."""
    from reports.chart import ChartLabels, render_course_chart

    return render_course_chart(list(series), ChartLabels(**labels))
