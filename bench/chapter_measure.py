"""Measuring for the chapter benchmark (`bench/chapter.py`, which describes each figure): run in
a fresh process on a chapter seeded by `bench/chapter_seed.py`, so memory figures are the bot's
own; the first start after seeding (`prepare`), then every figure (`measure`), the reminder
burst included (`measure_burst`).
"""

from __future__ import annotations

import asyncio
import csv
import gc
import itertools
import os
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from telegram.ext import AIORateLimiter, Application
from tests.support.fake_request import RecordingRequest

from bench.chapter_seed import OWNER
from bot import build_application, settle_memory, startup
from config import Settings
from content.loader import load_content
from jobs.course import run_class
from jobs.outbox import outbox_of
from jobs.retention import delete_class_data
from playground.fake_api import FakeBotApi
from storage.repo import Store
from tests.support import updates as tg

TOKEN = "123456:BENCHtokenBENCHtokenBENCHtokenBE"
LIMIT_PER_S = 30
GROUP_LIMIT_PER_MIN = 20
LATENCY_S = 0.05
SWEEP_CLASSES = 1100
# Parents' own questions, one after the other as a class asks them: the FAQ rows of the first
# set written blind (tests/data/faq-heldout.tsv). One question asked again and again would be read
# from the caches kept for the last few messages (the matcher's reading, the n-grams) and flatter
# the figure by about a third.
QUESTION_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "faq-heldout.tsv"


def _questions(path: Path) -> list[str]:
    """The questions of a labelled set that have an FAQ topic (no emergencies, none passed on)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [r["question"] for r in rows if r["id"] not in ("none", "urgent", "crisis")]


def _settings(folder: Path, base_url: str = "https://api.telegram.org/bot") -> Settings:
    return Settings(token=TOKEN, owner_ids=frozenset({OWNER}), data_dir=folder, base_url=base_url)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _open_files(folder: Path) -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(folder)):
                count += 1
        except OSError:
            pass
    return count


def _journal_sizes(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_size for p in folder.rglob("*journal*") if p.is_file()}


def _pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def _timed(call: Awaitable[Any]) -> float:
    started = time.perf_counter()
    await call
    return time.perf_counter() - started


async def _with_probe(store: Store, work: Callable[[], Awaitable[Any]]) -> tuple[float, float]:
    """Run `work` while a probe makes cheap storage calls back to back: (seconds, max stall)."""
    done = asyncio.Event()
    stalls: list[float] = []

    async def probe() -> None:
        while not done.is_set():
            stalls.append(await _timed(store.get_user(OWNER)))

    task = asyncio.create_task(probe())
    await asyncio.sleep(0)
    seconds = await _timed(work())
    done.set()
    await task
    return seconds, max(stalls, default=0.0)


def _buttons(api: RecordingRequest, chat_id: int, prefix: str) -> tuple[int, list[tuple[str, str]]]:
    for call in reversed(api.calls):
        if not call.ok or str(call.chat_id) != str(chat_id):
            continue
        markup = call.params.get("reply_markup")
        if call.method not in ("sendMessage", "editMessageText") or not isinstance(markup, dict):
            continue
        buttons = [
            (b["text"], b.get("callback_data", ""))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]
        if any(data.startswith(prefix) for _, data in buttons):
            mid = (
                call.result["message_id"]
                if call.method == "sendMessage"
                else call.params.get("message_id")
            )
            return int(mid), buttons
    raise LookupError(f"no {prefix} buttons in chat {chat_id}")


async def _press(
    app: Application, api: RecordingRequest, uid: int, label: str, prefix: str
) -> float:
    mid, buttons = _buttons(api, uid, prefix)
    data = next(d for t, d in buttons if label in t)
    return await _timed(
        app.process_update(tg.callback_query(uid, data, bot=app.bot, message_id=mid))
    )


async def measure(folder: Path, chapter: dict[str, Any], burst: bool) -> dict[str, Any]:
    """Every figure for one seeded chapter (run in a fresh process)."""
    out: dict[str, Any] = {}
    gc_pauses: list[float] = []
    gc_started = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            gc_pauses.append(time.perf_counter() - gc_started[0])

    content = load_content()
    store = Store(folder)
    cpu = time.process_time()
    out["open_s"] = round(await _timed(store.open()), 3)
    out["open_cpu_s"] = round(time.process_time() - cpu, 3)
    api = RecordingRequest()
    unpaced = AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=5)
    app = build_application(_settings(folder), store, content, request=api, rate_limiter=unpaced)
    await app.initialize()
    cpu = time.process_time()
    out["startup_s"] = round(await _timed(startup(app)), 3)
    out["startup_cpu_s"] = round(time.process_time() - cpu, 3)
    out["startup_menu_calls"] = sum(1 for c in api.calls if c.method == "setMyCommands")
    settle_memory()  # as bot.py's serve() does after start-up
    out["rss_mb"] = round(_rss_mb(), 1)
    # Start-up leaves the FAQ matchers and the safety nets being built in threads (from the
    # model cache: seconds of CPU); a reply meanwhile shares the CPU with them. The latencies
    # below are the steady state, measured once that is done; `warm_s` is how long it took.
    started = time.perf_counter()
    await asyncio.to_thread(content.safety.model.check, "is it ok to massage after a bath")
    warming = app.bot_data.get("matchers_warming")
    if warming is not None:
        await warming
    out["warm_s"] = round(time.perf_counter() - started, 2)
    out["rss_warm_mb"] = round(_rss_mb(), 1)
    gc.callbacks.append(on_gc)

    # One durable check-in write: what reaches the disk.
    sizes: list[int] = []
    for class_id, uid in chapter["checkin_parents"][::2][:30]:
        before = _journal_sizes(folder)
        await store.save_checkin(class_id, uid, 9, {"days": "3-4", "response": "loved"})
        after = _journal_sizes(folder)
        grown = [after[p] - before.get(p, 0) for p in after]
        if all(g >= 0 for g in grown):  # a compaction in between would hide the append
            sizes.append(sum(grown))
    out["journal_bytes_per_checkin"] = int(statistics.median(sizes)) if sizes else None

    # A parent's question answered from the FAQ, through the whole handler chain.
    faq = []
    questions = _questions(QUESTION_SET)
    for uid in chapter["askers"][:5]:  # warm-up: the first answer loads what it needs
        await app.process_update(tg.private_message(uid, questions[-1], bot=app.bot))
    askers = chapter["askers"]
    replied = []  # until the answer reached the API (the rest: saving what the update changed)
    for n in range(200):
        uid, question = askers[n % len(askers)], questions[n % len(questions)]
        update = tg.private_message(uid, question, bot=app.bot)
        seen, started = len(api.calls), time.monotonic()
        faq.append(await _timed(app.process_update(update)))
        answers = [c.at for c in api.calls[seen:] if c.method == "sendMessage"]
        if answers:
            replied.append(answers[0] - started)
    out["faq_p50_ms"] = round(_pct(faq, 50) * 1000, 2)
    out["faq_p99_ms"] = round(_pct(faq, 99) * 1000, 2)
    out["faq_reply_p50_ms"] = round(_pct(replied, 50) * 1000, 2)
    out["faq_reply_p99_ms"] = round(_pct(replied, 99) * 1000, 2)

    # Each step of a check-in.
    steps = []
    for _, uid in chapter["checkin_parents"][1::2][:40]:
        try:
            steps.append(await _timed(app.process_update(tg.command(uid, "checkin", bot=app.bot))))
            for label in ("3–4", "Loved it", "Legs and feet", "Done", "Skip"):
                steps.append(await _press(app, api, uid, label, "ci:"))
        except LookupError:
            continue
    out["checkin_step_p50_ms"] = round(_pct(steps, 50) * 1000, 2) if steps else None
    out["checkin_step_p99_ms"] = round(_pct(steps, 99) * 1000, 2) if steps else None
    out["checkin_steps"] = len(steps)

    # /forgetme, and the retention deletion of an ended class.
    forgetter = chapter["forgetters"][0]
    await app.process_update(tg.command(forgetter, "forgetme", bot=app.bot))
    mid, buttons = _buttons(api, forgetter, "pv:forget")
    yes = next(d for _, d in buttons if d == "pv:forget:yes")
    press = tg.callback_query(forgetter, yes, bot=app.bot, message_id=mid)
    seconds, stall = await _with_probe(store, lambda: app.process_update(press))
    out["forgetme_s"] = round(seconds, 3)
    victim = chapter["ended"][1]
    seconds, stall2 = await _with_probe(store, lambda: delete_class_data(app, victim))
    out["delete_class_s"] = round(seconds, 3)
    out["max_stall_ms"] = round(max(stall, stall2) * 1000, 1)
    await app.shutdown()

    if burst and chapter["burst"]:
        out.update(await measure_burst(folder, store, content, chapter))

    # A write to each of up to 1,100 classes, then count the handles left open.
    for class_id in (chapter["active"] + chapter["ended"][2:])[:SWEEP_CLASSES]:
        await store.mark_sent(class_id, "bench:sweep")
    # The journals written last are held by the syncer until their flush (milliseconds).
    await store.durable()
    out["open_files"] = _open_files(folder)
    out["gc_max_ms"] = round(max(gc_pauses, default=0.0) * 1000, 1)
    gc.collect()
    out["rss_end_mb"] = round(_rss_mb(), 1)
    await store.close()
    return out


async def measure_burst(
    folder: Path, store: Store, content: Any, chapter: dict[str, Any]
) -> dict[str, Any]:
    """The reminders of the burst classes due at once, while a parent keeps asking."""
    api = FakeBotApi(latency=LATENCY_S).start()
    try:
        app = build_application(_settings(folder, api.base_url), store, content)
        burst_at = datetime.fromisoformat(chapter["burst_at"])
        app.bot_data["clock"] = lambda: burst_at
        async with app:
            await outbox_of(app).start()  # the course jobs queue; the outbox delivers
            api.reset()
            api.rate_limit(LIMIT_PER_S, GROUP_LIMIT_PER_MIN)
            started = time.monotonic()
            jobs = asyncio.gather(*(run_class(app, cid) for cid, _, _ in chapter["burst"]))
            asked: list[asyncio.Task[float]] = []
            askers = iter(chapter["askers"][200:] + chapter["askers"][:200] * 5)
            questions = itertools.cycle(_questions(QUESTION_SET))
            while not jobs.done():  # a question every 2 s, answered or not
                update = tg.private_message(next(askers), next(questions), bot=app.bot)
                asked.append(asyncio.create_task(_timed(app.process_update(update))))
                await asyncio.wait([jobs], timeout=2.0)
            await jobs
            replies = list(await asyncio.gather(*asked))
        calls = api.calls
    finally:
        api.stop()
    expected: Counter[int] = Counter()
    for _, group, members in chapter["burst"]:
        expected[group] += 1
        for uid in members:
            expected[uid] += 1
    got = Counter(
        c.chat_id for c in calls if c.ok and c.method == "sendMessage" and c.chat_id in expected
    )
    accepted = [c.at for c in calls if c.ok and c.method == "sendMessage" and c.chat_id in expected]
    sends = sum(expected.values())
    return {
        "burst_sends": sends,
        "burst_reply_p50_s": round(_pct(replies, 50), 2),
        "burst_reply_p99_s": round(_pct(replies, 99), 2),
        "burst_last_send_s": round(max(accepted, default=started) - started, 1),
        "burst_ideal_s": round(sends / LIMIT_PER_S, 1),
        "burst_lost": sum(1 for chat, n in expected.items() if got[chat] < n),
        "burst_duplicates": sum(max(0, got[chat] - n) for chat, n in expected.items()),
    }


async def prepare(folder: Path) -> dict[str, Any]:
    """The first start after seeding (an upgrade's migration runs here; menus are set once)."""
    store = Store(folder)
    migrate_s = await _timed(store.open())
    api = RecordingRequest()
    unpaced = AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=5)
    app = build_application(
        _settings(folder), store, load_content(), request=api, rate_limiter=unpaced
    )
    async with app:
        await startup(app)
    await store.close()
    return {"migrate_s": round(migrate_s, 3)}
