"""Seeding for the chapter benchmark (`bench/chapter.py`): a chapter of classes written in the
real data-folder layout through the bot's own storage class (`storage.files.SafeJSONStorage`),
schema 1 as the bot wrote it, with what the measurements need to pick their people and classes.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from domain.schedule import due_messages
from jobs.delivery import sent_key
from jobs.timing import done_key, offsets_for, schedule_for, session_ref
from storage.files import SafeJSONStorage
from storage.repo import new_code

OWNER = 1001
FAMILIES = 8
ACTIVE_SHARE = 0.4  # running or about to start; the rest ended within the retention period
BURST_CLASSES = 300
BURST_FAMILIES = 8  # plus two carers and the group: 11 sends per class
ZONES = ("Europe/London", "Europe/Madrid", "America/New_York", "Australia/Sydney", "Asia/Tokyo")
Tables = dict[str, dict[str, Any]]


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
