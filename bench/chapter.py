"""Chapter benchmark: a whole IAIM chapter (50, 500, 5,000 classes) served by one bot process.

For each size it seeds a realistic chapter in the real data-folder layout, through the real
storage code (`storage.files.SafeJSONStorage` writes every file; classes, members, check-ins,
questions, sent logs matching each class's real schedule, announcements, week notes, instructors,
invites, group links, user records, ended classes), opens it once as the bot would after an
upgrade (any schema migration runs there, timed as `migrate_s`, and the command menus are set
once), and then, in a fresh process so memory figures are the bot's own:

- `open_s`, `startup_s`: `Store.open()`, and `bot.startup()` (menus, every class's job, the
  announcements still to send, check-in states); `open_cpu_s`, `startup_cpu_s`: the process's
  CPU seconds meanwhile, all threads (less sensitive to a busy machine than the wall clock);
  `startup_menu_calls`: setMyCommands calls then;
- `rss_mb`: resident memory after start-up; `warm_s`, `rss_warm_mb`: how long the matchers
  and safety nets built in threads after start-up took to be ready, and the memory then (the
  latencies below are measured after); `rss_end_mb`: at the end; `gc_max_ms`: the longest full
  garbage collection during the rest of the run;
- `journal_bytes_per_checkin`: bytes appended to disk by one durable check-in (median of 30);
- `faq_p50_ms`/`faq_p99_ms`: a parent's question answered from the FAQ (the whole update,
  including the durable save of what it changed after the answer went; `faq_reply_p50_ms`/
  `faq_reply_p99_ms`: until the answer reached the API), and
  `checkin_step_p50_ms`/`checkin_step_p99_ms`: each step of a check-in (/checkin and five
  button presses), both through `Application.process_update` against an in-process fake API;
- `forgetme_s`: a parent pressing "Yes, delete" after /forgetme; `delete_class_s`: the retention
  deletion of an ended class (`jobs.retention.delete_class_data`); `max_stall_ms`: the longest
  any other storage call waited meanwhile (a probe calls `Store.get_user` back to back);
- burst: the day-before reminders of up to 300 classes due in the same minute (10 families and a
  group each: 3,300 sends at 300 classes), run by the real course jobs against the HTTP fake Bot
  API enforcing Telegram's limits (30/s, 20/min per group) with 50 ms per call, while a parent
  asks a question every 2 s: `burst_reply_p50_s`/`burst_reply_p99_s` (question to answer),
  `burst_last_send_s` (first to last accepted send; `burst_ideal_s` is sends / 30),
  `burst_lost` and `burst_duplicates`;
- `open_files`: file handles into the data folder after a write to each of up to 1,100 classes
  (past the 1,024 default limit of a systemd service), once their flush is done.

    python bench/chapter.py [--sizes 50,500,5000] [--json] [--no-burst]

`--json` prints one object keyed by size ("50", "500", "5000"). Seeding skips fsync (then syncs
once); everything measured afterwards is durable as in production.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram.ext import AIORateLimiter, Application  # noqa: E402
from tests.support.fake_request import RecordingRequest  # noqa: E402

from bot import build_application, settle_memory, startup  # noqa: E402
from config import Settings  # noqa: E402
from content.loader import load_content  # noqa: E402
from domain.schedule import due_messages  # noqa: E402
from jobs.course import run_class  # noqa: E402
from jobs.delivery import sent_key  # noqa: E402
from jobs.outbox import outbox_of  # noqa: E402
from jobs.retention import delete_class_data  # noqa: E402
from jobs.timing import done_key, offsets_for, schedule_for, session_ref  # noqa: E402
from playground.fake_api import FakeBotApi  # noqa: E402
from storage.files import SafeJSONStorage  # noqa: E402
from storage.repo import Store, new_code  # noqa: E402
from tests.support import updates as tg  # noqa: E402

TOKEN = "123456:BENCHtokenBENCHtokenBENCHtokenBE"
OWNER = 1001
SIZES = (50, 500, 5000)
FAMILIES = 8
ACTIVE_SHARE = 0.4  # running or about to start; the rest ended within the retention period
BURST_CLASSES = 300
BURST_FAMILIES = 8  # plus two carers and the group: 11 sends per class
LIMIT_PER_S = 30
GROUP_LIMIT_PER_MIN = 20
LATENCY_S = 0.05
SWEEP_CLASSES = 1100
ZONES = ("Europe/London", "Europe/Madrid", "America/New_York", "Australia/Sydney", "Asia/Tokyo")
QUESTION = "How long should a massage last?"
Tables = dict[str, dict[str, Any]]


# -- seeding -------------------------------------------------------------------------------------


@contextmanager
def no_fsync() -> Iterator[None]:
    """Seed without a flush per file (the disk is synced once at the end)."""
    saved = os.fsync, os.fdatasync
    os.fsync = os.fdatasync = lambda fd: None
    try:
        yield
    finally:
        os.fsync, os.fdatasync = saved
        os.sync()


def _write(path: Path, tables: Tables) -> None:
    """Write one data file through the bot's own storage class (as its first write would)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    storage = SafeJSONStorage(path)
    storage.write(tables)
    storage.close()


def _numbered(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """TinyDB's table layout: documents under "1", "2", ..."""
    return {str(n): doc for n, doc in enumerate(docs, start=1)}


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


class Chapter:
    """What was seeded: enough for the measurements to pick their people and classes."""

    def __init__(self) -> None:
        self.active: list[str] = []
        self.ended: list[str] = []
        self.burst: list[tuple[str, int, list[int]]] = []  # class, group, member ids
        self.burst_at: datetime | None = None
        self.checkin_parents: list[tuple[str, int]] = []  # may check in now
        self.askers: list[int] = []  # parents in running classes
        self.forgetters: list[int] = []


def seed(folder: Path, size: int, now: datetime) -> Chapter:
    """Write a chapter of `size` classes into `folder` (schema 1 layout, as the bot wrote it)."""
    rng = random.Random(size)
    chapter = Chapter()
    today = now.date()
    instructors = [100_000 + i for i in range(max(2, size // 4))]
    class_index, groups, users, carer_codes = [], [], {}, []
    n_active = round(size * ACTIVE_SHARE)
    n_burst = min(BURST_CLASSES, n_active // 2)
    burst_day = today + timedelta(days=10)
    chapter.burst_at = datetime.combine(
        burst_day - timedelta(days=1), datetime.min.time(), ZoneInfo("Europe/London")
    ).replace(hour=18, minute=0, second=30)
    next_user = 1_000_000
    for i in range(size):
        class_id, code = new_code(6), new_code()
        instructor = instructors[i % len(instructors)]
        burst = i < n_burst
        active = i < n_active
        if burst:
            tz, first = "Europe/London", burst_day
        elif active:
            tz, first = rng.choice(ZONES), today - timedelta(days=rng.randint(-14, 34))
        else:
            tz, first = rng.choice(ZONES), today - timedelta(days=rng.randint(40, 110))
        group = -1_000_000_000_000 - i if burst or rng.random() < 0.7 else None
        record: dict[str, Any] = {
            "name": f"Class {i}",
            "tz": tz,
            "first_date": first.isoformat(),
            "start": "10:00",
            "sessions": 5,
            "length_min": 60,
            "venue": f"Community centre {i % 97}, room {i % 7}",
            "moved": {},
            "cancelled": [],
            "ended_after": None,
            "group_chat_id": group,
            "id": class_id,
            "code": code,
            "instructor_id": instructor,
            "created_at": _iso(now - timedelta(days=120)),
            "ended": False,
        }
        schedule = schedule_for(record)
        dues = due_messages(schedule, offsets_for(record))
        last_end = max(d.at for d in dues)
        if not active and rng.random() < 0.5:
            record["ended"] = True
            record["ended_at"] = _iso(min(last_end, now))
        families = BURST_FAMILIES if burst else FAMILIES
        members: dict[str, Any] = {}
        parents = []
        for f in range(families):
            uid = next_user
            next_user += 1
            parents.append(uid)
            members[str(uid)] = {
                "first_name": f"Parent{uid}",
                "role": "parent",
                "family_of": None,
                "user_id": uid,
                "active": True,
                "joined_at": _iso(now - timedelta(days=60)),
                "baby_name": f"Baby{uid}",
                "baby_age_weeks": rng.randint(4, 40),
            }
            users[uid] = {
                "user_id": uid,
                "classes": [class_id],
                "consent": True,
                "consent_at": _iso(now - timedelta(days=60)),
                "first_name": f"Parent{uid}",
                "lang": "en",
            }
            if (burst and f < 2) or (not burst and rng.random() < 0.2):
                carer = next_user
                next_user += 1
                members[str(carer)] = {
                    **members[str(uid)],
                    "first_name": f"Carer{carer}",
                    "role": "carer",
                    "family_of": uid,
                    "user_id": carer,
                }
                users[carer] = {**users[uid], "user_id": carer, "first_name": f"Carer{carer}"}
        recipients = [int(m) for m in members]
        started = [s for s in range(1, 6) if first + timedelta(weeks=s - 1) < today]
        open_week = started[-1] if started and active and not burst else None
        checkins = [
            {
                "days": rng.choice(["0", "1-2", "3-4", "5-7"]),
                "response": rng.choice(["loved", "mostly", "mixed", "unsettled"]),
                "areas": rng.sample(["legs", "tummy", "chest", "arms", "back", "face"], 2),
                "note": "" if rng.random() < 0.8 else "She slept so well after the tummy strokes.",
                "user_id": uid,
                "week": week,
                "at": _iso(now - timedelta(days=7 * (len(started) - week) + 1)),
            }
            for week in started
            for uid in parents
            if week != open_week and rng.random() < 0.9
        ]
        sent = []
        for due in dues:
            if due.at >= now:
                continue
            ref = session_ref(schedule, due.session)
            at = _iso(due.at)
            targets: list[int | str] = []
            if "group" in due.audience and group is not None:
                targets.append("group")
            if "private" in due.audience:
                targets += recipients if not due.kind.startswith("checkin") else parents
            sent += [{"key": sent_key(due.kind, ref, t), "at": at} for t in targets]
            sent.append({"key": done_key(due, ref), "at": at})
        announcements = [
            {
                "audience": "both",
                "text_html": f"Room change for week {n}: we meet in the <b>small hall</b>.",
                "photo": None,
                "status": "sent",
                "send_at": _iso(now - timedelta(days=20 - n)),
                "report": {"delivered": len(recipients), "blocked": 0, "failed": 0},
                "created_at": _iso(now - timedelta(days=21 - n)),
                "aid": n,
            }
            for n in (1, 2)
        ]
        if active and i % 50 == 7:
            announcements.append(
                {
                    **announcements[0],
                    "status": "scheduled",
                    "send_at": _iso(now + timedelta(days=3)),
                    "report": None,
                    "aid": 3,
                }
            )
        questions = [
            {
                "user_id": parents[q],
                "text": "Is it fine to use olive oil for the massage?",
                "at": _iso(now - timedelta(days=q + 3)),
                "answered": q == 0,
                "qid": q + 1,
            }
            for q in (0, 1)
        ]
        notes = [{"week": w, "text": "Bring a towel and a bottle of water."} for w in (1, 2)]
        _write(
            folder / "classes" / f"{class_id}.json",
            {
                "class": {"1": record},
                "members": members,
                "checkins": _numbered(checkins),
                "sent": _numbered(sent),
                "announcements": _numbered(announcements),
                "questions": _numbered(questions),
                "notes": _numbered(notes),
            },
        )
        class_index.append({"id": class_id, "code": code, "instructor_id": instructor})
        if group is not None:
            groups.append({"chat_id": group, "class_id": class_id})
        if i % 40 == 3:
            carer_codes.append({"code": new_code(), "class_id": class_id})
        if burst:
            chapter.burst.append((class_id, group or 0, recipients))
        elif active:
            chapter.active.append(class_id)
            chapter.askers += parents[:2]
            if open_week is not None:
                chapter.checkin_parents += [(class_id, uid) for uid in parents[:3]]
        else:
            chapter.ended.append(class_id)
            chapter.forgetters.append(parents[-1])
    shards: dict[int, Tables] = {}
    for uid, user in users.items():
        shard = shards.setdefault(uid % 64, {"users": {}, "conversations": {}})
        shard["users"][str(uid)] = user
        if uid % 97 == 0:
            shard["conversations"][str(uid)] = {"checkin": {"step": "days", "week": 1}}
    for n, tables in shards.items():
        _write(folder / "users" / f"{n:02d}.json", tables)
    _write(
        folder / "global.json",
        {
            "meta": {"1": {"schema_version": 1}},
            "instructors": {
                str(u): {"user_id": u, "name": f"Instructor {u}", "joined_at": _iso(now)}
                for u in instructors
            },
            "invites": _numbered(
                [{"code": new_code(), "by": OWNER, "at": _iso(now), "used": True}] * 1
                + [
                    {"code": new_code(), "by": OWNER, "at": _iso(now), "used": True}
                    for _ in instructors[1:]
                ]
            ),
            "class_index": _numbered(class_index),
            "groups": _numbered(groups),
            "carer_codes": _numbered(carer_codes),
            "faq_feedback": _numbered(
                [{"id": f"topic{n}", "helpful": n * 3, "not_helpful": n} for n in range(40)]
            ),
        },
    )
    return chapter


# -- measuring (in a fresh process) -------------------------------------------------------------


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
    for uid in chapter["askers"][:5]:  # warm-up: the first answer loads what it needs
        await app.process_update(tg.private_message(uid, QUESTION, bot=app.bot))
    askers = chapter["askers"]
    replied = []  # until the answer reached the API (the rest: saving what the update changed)
    for uid in (askers[n % len(askers)] for n in range(200)):
        update = tg.private_message(uid, QUESTION, bot=app.bot)
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
            while not jobs.done():  # a question every 2 s, answered or not
                update = tg.private_message(next(askers), QUESTION, bot=app.bot)
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


# -- the driver ----------------------------------------------------------------------------------


def _child(phase: str, folder: Path, extra: list[str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--phase", phase, str(folder), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{phase} failed:\n{proc.stderr[-4000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def run_size(size: int, burst: bool) -> dict[str, Any]:
    """Seed one chapter in a temporary folder and measure it."""
    with tempfile.TemporaryDirectory(prefix=f"bench-chapter-{size}-", dir=ROOT) as tmp:
        folder = Path(tmp) / "data"
        started = time.perf_counter()
        with no_fsync():
            chapter = seed(folder, size, datetime.now(UTC))
        seeded = {
            "seed_s": round(time.perf_counter() - started, 1),
            "disk_mb": round(
                sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1
            ),
            "classes": size,
        }
        info = {
            "active": chapter.active,
            "ended": chapter.ended,
            "burst": chapter.burst,
            "burst_at": chapter.burst_at.isoformat() if chapter.burst_at else None,
            "checkin_parents": chapter.checkin_parents,
            "askers": chapter.askers,
            "forgetters": chapter.forgetters,
        }
        (Path(tmp) / "chapter.json").write_text(json.dumps(info))
        figures = _child("prepare", folder, [])
        figures.update(
            _child("measure", folder, [str(Path(tmp) / "chapter.json"), "1" if burst else "0"])
        )
        return {**seeded, **figures}


def main() -> int:
    """Parse the options, run each size, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object keyed by size")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="e.g. 50,500")
    parser.add_argument("--no-burst", action="store_true", help="skip the 30/s send burst")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    if args.phase == "prepare":
        print(json.dumps(asyncio.run(prepare(Path(args.rest[0])))))
        return 0
    if args.phase == "measure":
        folder, info, burst = (
            Path(args.rest[0]),
            json.loads(Path(args.rest[1]).read_text()),
            args.rest[2],
        )
        print(json.dumps(asyncio.run(measure(folder, info, burst == "1"))))
        return 0
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        results[str(size)] = run_size(size, not args.no_burst)
        if not args.json:
            print(f"{size} classes:", json.dumps(results[str(size)]), flush=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
