"""Shared fixtures: the real Application from `build_application()` over a recording fake
Bot API, a real on-disk store, and a guard that fails any test in which a handler raised."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot import build_application, startup
from config import Settings
from content.loader import Content
from jobs.pacing import TelegramRateLimiter
from storage.repo import Store
from tests.support import updates as tg
from tests.support.fake_request import SEND_METHODS, RecordingRequest
from tests.support.says import shared_content

TOKEN = "123456:TESTtokenTESTtokenTESTtokenTEST"
OWNER_ID = 1001
EDIT_METHODS = frozenset({"editMessageText", "editMessageCaption"})

# PTB warns on every RetryAfter that retry_after will become a timedelta; irrelevant here.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*")

# The modules whose tests wait on the clock or on real child processes (a compressed course in
# real time, SIGKILL loops, a browser), slowest first. pytest-xdist hands the first tests out
# round-robin, so starting these first spreads them over the workers and lets the quick tests
# fill the gaps, instead of one of them starting last and the whole run waiting for it alone.
# The compressed course comes first, beside the notifications' course (mostly idle too): its
# restart must be up within about four seconds, which a CPU-bound neighbour could take away.
SLOW_FIRST = (
    "test_e2e_course",
    "test_e2e_notifications",
    "test_e2e_languages",
    "test_storage_crash",
    "test_playground_browser",
    "test_deploy",
    "test_backup",
    "test_e2e_broadcast",
    "test_playground",
    "test_e2e_checkin",
    "test_e2e_joining",
    "test_e2e_start",
    "test_safety_model",
    "test_e2e_restart",
)


# Modules that run the bot on a compressed real-time schedule: two of them side by side on a
# 2-core machine miss their deadlines, so they share one xdist worker (`--dist loadgroup`) and
# run one after another, while the other workers take everything else.
REAL_TIME = frozenset(
    {
        "test_e2e_course",
        "test_e2e_notifications",
        "test_e2e_languages",
        "test_e2e_restart",
        "test_e2e_broadcast",
    }
)


REAL_TIME_GROUP = "real-time"


def pytest_configure(config: pytest.Config) -> None:
    """Before xdist starts its workers, train the models once into the shared cache
    (tests/support/warm_models.py): otherwise each worker trains them all at the same time."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    from tests.support.warm_models import warm

    warm()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker per core, and one more for the real-time modules, whose worker
    mostly waits on the clock (about 200 s of the run, with a core's worth of tests left
    undone beside it: 326 s on this 2-core machine with two workers, 287 s with three)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the slow modules' tests first (in the order above), the rest as collected; keep the
    real-time modules on one worker. The order is the same on every xdist worker, as xdist
    requires."""
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(SLOW_FIRST)))
    grouping = bool(getattr(config.option, "loadgroup", False))  # an xdist worker, loadgroup
    for item in items:
        if item.path.stem in REAL_TIME:
            item.add_marker(pytest.mark.xdist_group(REAL_TIME_GROUP))
            if grouping:
                _into_group(item, REAL_TIME_GROUP)


def _into_group(item: pytest.Item, group: str) -> None:
    """Send a test to its xdist group's worker: xdist's scheduler reads the group from a
    "@group" suffix on the node id. xdist 3.8 writes that suffix to `_nodeid`, which pytest 9.2
    no longer reads (its node ids are structured: pytest-xdist issue #1386), so every group was
    spread over the workers like ungrouped tests. Written here the way this pytest keeps it
    (and the old way for an older one); a fixed xdist that adds it itself is left alone."""
    if "@" in item.nodeid:
        return
    grouped = f"{item.nodeid}@{group}"
    try:
        from _pytest.nodeid import NodeId  # pytest >= 9.2
    except ImportError:  # pragma: no cover - an older pytest reads _nodeid
        item._nodeid = grouped
        return
    item._id = NodeId.parse(grouped)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def content() -> Content:
    """The real content files, loaded once (they are immutable): the copy `says` reads."""
    return shared_content()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a test bot: one owner, data in a fresh folder."""
    return Settings(token=TOKEN, owner_ids=frozenset({OWNER_ID}), data_dir=tmp_path / "data")


@pytest.fixture
async def store(settings: Settings) -> AsyncIterator[Store]:
    """A real on-disk store in the test's own folder."""
    s = Store(settings.data_dir)
    await s.open()
    yield s
    await s.close()


@dataclass
class BotHarness:
    """The running Application plus what a test needs to talk to it and check what it sent."""

    app: Application
    api: RecordingRequest
    store: Store
    errors: list[BaseException] = field(default_factory=list)

    async def send(self, update: Update) -> None:
        """Feed one update through the real handler chain (as polling would)."""
        await self.app.process_update(update)

    async def say(self, user_id: int, text: str, **kw: Any) -> None:
        """A person writes `text` in their private chat with the bot."""
        await self.send(tg.private_message(user_id, text, bot=self.app.bot, **kw))

    async def press(self, user_id: int, data: str, **kw: Any) -> None:
        """A person presses an inline button carrying `data` (in their private chat by default).

        As Telegram does, the press carries the message the button is on, as it is now: the
        bot's latest message there with that button (or the one `message_id` names); a button
        the bot never showed is pressed on a made-up message."""
        chat_id = kw.get("message_chat_id", user_id)
        if "message" not in kw:
            if kw.get("message_id") is not None:
                shown = self.api.simulator.message(chat_id, kw["message_id"])
            else:
                shown = self.api.simulator.message_with_button(chat_id, data)
            if shown is not None:
                kw["message"] = shown
        await self.send(tg.callback_query(user_id, data, bot=self.app.bot, **kw))

    def texts(self, chat_id: int) -> list[str]:
        """Every text the bot sent or edited into a chat, in order (what the person saw last
        is last: an edited menu counts as a new text)."""
        return [
            call.text
            for call in self.api.calls
            if call.ok
            and call.text is not None
            and (call.method in SEND_METHODS or call.method in EDIT_METHODS)
            and str(call.chat_id) == str(chat_id)
        ]

    def last_text(self, chat_id: int) -> str:
        """The last text the bot sent to a chat."""
        texts = self.texts(chat_id)
        assert texts, f"the bot sent nothing to {chat_id}"
        return texts[-1]

    def buttons(self, chat_id: int) -> list[tuple[str, str]]:
        """(label, callback data or url) of the inline keyboard on the last message to a chat."""
        for call in reversed(self.api.calls):
            if call.chat_id is not None and str(call.chat_id) == str(chat_id):
                markup = call.params.get("reply_markup")
                if not markup:
                    return []
                if not isinstance(markup, dict):
                    markup = markup.to_dict()
                return [
                    (b["text"], b.get("callback_data") or b.get("url") or "")
                    for row in markup.get("inline_keyboard", [])
                    for b in row
                ]
        return []


def unpaced() -> TelegramRateLimiter:
    """The bot's limiter with its flood-control retries but no pacing: the recording request is
    not Telegram, and waiting 1/29 s before every call doubled the suite's time for nothing.
    Production pacing is measured by bench/broadcast.py."""
    return TelegramRateLimiter(0, 0, 0, max_retries=5)


@pytest.fixture
async def bot(settings: Settings, store: Store, content: Content) -> AsyncIterator[BotHarness]:
    """The real bot, initialised and started up, answering through a recording fake API."""
    api = RecordingRequest()
    app = build_application(settings, store, content, request=api, rate_limiter=unpaced())
    harness = BotHarness(app=app, api=api, store=store)

    async def collect(update: object, context: Any) -> None:
        harness.errors.append(context.error)

    app.add_error_handler(collect)
    async with app:
        await startup(app)
        yield harness
    if harness.errors:
        raise harness.errors[0]
