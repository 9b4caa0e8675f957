"""Backups and restores: a backup taken while writes pour in is a state the store really had,
with every write acknowledged before it; restore puts it back, and refuses a running bot's
folder or a damaged archive without changing anything."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from cli.backup import backup
from config import Settings
from jobs import backup as backups
from playground.fake_api import FakeBotApi
from storage.backup import STAGING_DIR, last_backup
from storage.backup_format import BackupError, load_tables
from storage.database import SCHEMA_VERSION
from storage.repo import Store
from storage.restore import check_archive, restore
from tests.conftest import OWNER_ID, BotHarness
from tests.support.backup_writer import CLASS_ID_FILE
from tests.support.process import BotProcess
from tests.support.says import Key, says

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 20
BOT = [sys.executable, str(ROOT / "bot.py")]


def tree(folder: Path, but: str = "") -> dict[str, str]:
    """Every file under `folder` (but the one at path `but`) by path, with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and str(p.relative_to(folder)) != but
    }


class Writer:
    """The load: a child process writing through Store as fast as it can (see backup_writer)."""

    def __init__(self, folder: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.backup_writer", str(folder)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.acked = -1
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.changed:
                self.acked = int(line.split()[1])
                self.changed.notify_all()

    def wait_past(self, n: int, timeout: float = 30) -> int:
        """Wait (bounded) until write group `n` is acknowledged; returns the latest one."""
        with self.changed:
            assert self.changed.wait_for(lambda: self.acked >= n, timeout), "the writer stalled"
            return self.acked

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)


def contents(folder: Path, class_id: str) -> tuple[int, int, int, int]:
    """The last write group of each kind in a restored folder, each checked to be a prefix
    (0..k, no gaps): check-ins, user records, sent keys, completed marks in the index."""
    klass = load_tables(folder, f"classes/{class_id}.json")
    weeks = sorted(d["week"] for d in klass.get("checkins", {}).values())
    keys = [d["key"] for d in klass.get("sent", {}).values()]
    sent = sorted(int(k.split(":")[1]) for k in keys if not k.endswith(":done"))
    users: list[int] = []
    done: list[int] = []
    for n in range(64):
        users += [
            d["n"] for d in load_tables(folder, f"users/{n:02d}.json").get("users", {}).values()
        ]
    for n in range(16):
        for entry in load_tables(folder, f"index/{n:02d}.json").get("classes", {}).values():
            if entry["id"] == class_id:
                done = sorted(int(k.split(":")[1]) for k in entry["done"])
    found = []
    for name, values in (
        ("check-ins", weeks),
        ("users", sorted(users)),
        ("sent", sent),
        ("done", done),
    ):
        assert values == list(range(len(values))), f"{name} has a gap: a torn copy"
        found.append(len(values) - 1)
    return found[0], found[1], found[2], found[3]


def test_a_backup_under_load_is_a_state_the_store_had_with_every_acknowledged_write(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    writer = Writer(folder)
    seen: list[tuple[int, int]] = []
    try:
        writer.wait_past(0)
        class_id = (tmp_path / CLASS_ID_FILE).read_text()
        for i in range(ROUNDS):
            before = writer.wait_past(writer.acked + 2)  # let writes and folds move on
            out = tmp_path / f"b{i}.tar.gz"
            backup(folder, out, timeout=10)
            after = writer.acked
            restored = tmp_path / f"r{i}"
            manifest = check_archive(out, restored)  # every file loads, every hash matches
            checkins, users, sent, done = contents(restored, class_id)
            # One write order (check-in, user, sent, done per group): the archive is a prefix.
            assert checkins >= users >= sent >= done >= checkins - 1, (checkins, users, sent, done)
            # Every group acknowledged before the request is in it; nothing from the future.
            assert before <= done and checkins <= after + 1, (before, done, checkins, after)
            assert manifest["schema_version"] == SCHEMA_VERSION
            seen.append((before, done))
    finally:
        writer.stop()
    assert len(seen) == ROUNDS
    # The bot cleaned up after each backup: no staged links stay behind.
    assert not any((folder / STAGING_DIR).iterdir())


async def _seeded(folder: Path, n: int) -> str:
    store = Store(folder)
    await store.open()
    class_id = (await store.create_class(1, {"name": "Tuesday class"}))["id"]
    for i in range(n):
        await store.save_checkin(class_id, 100 + i, 1, {"i": i})
    await store.close()
    return class_id


async def test_restore_puts_back_the_backup_and_keeps_the_replaced_data_aside(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    class_id = await _seeded(folder, 5)
    archive = tmp_path / "b.tar.gz"
    backup(folder, archive)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # children's data: owner only

    store = Store(folder)  # a later change, which the restore takes back
    await store.open()
    await store.save_checkin(class_id, 999, 2, {"late": True})
    await store.close()

    done = restore(archive, folder)

    store = Store(folder)
    await store.open()
    try:
        people = sorted(c["user_id"] for c in await store.checkins(class_id))
        assert people == [100, 101, 102, 103, 104]
        assert (await store.get_class(class_id) or {})["name"] == "Tuesday class"
    finally:
        await store.close()
    assert done.kept_aside is not None and done.kept_aside.parent == folder.parent
    kept = Store(done.kept_aside)
    await kept.open()
    try:
        assert 999 in [c["user_id"] for c in await kept.checkins(class_id)]
    finally:
        await kept.close()
    assert not list(tmp_path.glob("data.restore-*"))  # noqa: ASYNC240 - a test's check


def _repack(archive: Path, out: Path, change: dict[str, bytes], manifest_too: bool) -> None:
    """A copy of `archive` with some files' bytes changed (and its manifest updated to match
    when `manifest_too`, so only the load check can catch it)."""
    with tarfile.open(archive, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar}  # type: ignore[union-attr]
    for name, body in change.items():
        members[name] = body
    if manifest_too:
        manifest = json.loads(members["manifest.json"])
        for f in manifest["files"]:
            body = members[f"data/{f['path']}"]
            f["size"], f["sha256"] = len(body), hashlib.sha256(body).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(out, "w:gz") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))


async def test_a_damaged_archive_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    class_id = await _seeded(folder, 3)
    good = tmp_path / "good.tar.gz"
    backup(folder, good)
    journal = f"data/classes/{class_id}.json.journal"
    with tarfile.open(good, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        body = tar.extractfile(journal).read()  # type: ignore[union-attr]
    raw = good.read_bytes()
    cases = {
        "truncated": (raw[: len(raw) // 2], "not a readable tar.gz"),
        "not gzip": (b"hello" * 100, "not a readable tar.gz"),
    }
    broken = body.replace(b'"week":1', b'"week":1,,', 1)
    for name, change, manifest_too, reason in (
        ("bytes changed", {journal: broken}, False, "not what its manifest says"),
        ("damaged journal, matching manifest", {journal: broken}, True, "does not load"),
        (
            "newer schema",
            {"manifest.json": json.dumps({**manifest, "schema_version": 99}).encode()},
            False,
            "newer than this bot's",
        ),
        ("a stranger file", {"data/../../evil.json": b"{}"}, False, "does not list"),
    ):
        out = tmp_path / f"{name}.tar.gz"
        _repack(good, out, change, manifest_too)
        cases[name] = (out.read_bytes(), reason)
    before = tree(folder)
    for name, (data, reason) in cases.items():
        archive = tmp_path / "bad.tar.gz"
        archive.write_bytes(data)
        with pytest.raises(BackupError, match=reason):
            restore(archive, folder)
        assert tree(folder) == before, name
        beside = [p.name for p in tmp_path.iterdir()]  # noqa: ASYNC240 - a test's check
        assert [n for n in beside if n.startswith("data")] == ["data"], name
    assert not (tmp_path / "evil.json").exists()
    restore(good, folder)  # and the good one still restores
    assert gzip.decompress(raw)  # (the good archive was never touched)


async def test_the_running_bot_answers_a_backup_and_restore_refuses_its_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    class_id = await _seeded(folder, 2)
    archive = tmp_path / "live.tar.gz"
    async with FakeBotApi() as api:
        with BotProcess(api.base_url, folder) as bot:
            # Polling is about to start (a getUpdates is logged only when its long poll returns).
            await api.wait_for("deleteWebhook", timeout=30)
            made = await asyncio.to_thread(
                subprocess.run,
                [*BOT, "backup", "--data", str(folder), "--out", str(archive)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert made.returncode == 0, made.stderr + bot.log()
            assert f"written to {archive}" in made.stdout
            # The running bot rewrites its heartbeat every half minute, restore or not.
            before = tree(folder, but=".heartbeat")
            refused = await asyncio.to_thread(
                subprocess.run,
                [*BOT, "restore", str(archive), "--data", str(folder)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert refused.returncode == 2
            assert "is running" in refused.stderr and "Nothing was changed" in refused.stderr
            assert tree(folder, but=".heartbeat") == before
            assert bot.terminate() == 0, bot.log()
    check_archive(archive, tmp_path / "check")
    assert len(load_tables(tmp_path / "check", f"classes/{class_id}.json")["checkins"]) == 2


async def test_the_nightly_backup_keeps_the_set_number_of_days_and_status_shows_it(
    bot: BotHarness, settings: Settings, tmp_path: Path
) -> None:
    owned = dataclasses.replace(settings, backup_dir=tmp_path / "backups", backup_keep_days=3)
    bot.app.bot_data["settings"] = owned
    await bot.say(OWNER_ID, "/status")
    assert says(bot.last_text(OWNER_ID), "status.report", backup=Key("status.no_backup"))

    backups.start(bot.app, owned)
    assert bot.app.job_queue is not None
    (job,) = bot.app.job_queue.get_jobs_by_name(backups.NIGHTLY_JOB)
    trigger = job.job.trigger  # daily at BACKUP_AT, in DEFAULT_TIMEZONE
    assert "hour='3', minute='0'" in str(trigger)
    assert str(trigger.timezone) == owned.default_timezone
    old = owned.backup_dir / "iaim-bot-20200101-030000.tar.gz"  # type: ignore[operator]
    old.parent.mkdir()
    old.write_bytes(b"old")
    os.utime(old, (time.time() - 4 * 86400,) * 2)
    recent = owned.backup_dir / "iaim-bot-20200104-030000.tar.gz"  # type: ignore[operator]
    recent.write_bytes(b"recent")
    os.utime(recent, (time.time() - 2 * 86400,) * 2)

    out = await backups.make_backup(bot.store, owned, datetime.now())

    assert out.exists() and recent.exists() and not old.exists()
    note = last_backup(owned.data_dir)
    assert note is not None and note["ok"] and note["file"] == str(out)
    await bot.say(OWNER_ID, "/status")
    # Its age by the wall clock: a second may pass on a busy machine between backup and reply.
    age = re.search(r"Last backup: (\d+) s ago", bot.last_text(OWNER_ID))
    assert age is not None and int(age.group(1)) <= 5, bot.last_text(OWNER_ID)
    await bot.say(OWNER_ID, "/privacy")
    assert says(bot.last_text(OWNER_ID), "privacy.privacy", backup_days=3)
