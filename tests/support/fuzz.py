"""The fuzzer: random updates of every kind through the real Application, and what went wrong.

A world is set up the way people would (an owner, two instructors with classes, parents who
joined through the class links, a linked class group), then `Fuzzer.run(n)` drives `n` random
updates through `Application.process_update` against the in-process fake Bot API
(`RecordingRequest`, whose simulator refuses what Telegram refuses): texts of random lengths and
scripts (up to thousands of emoji), commands in the right and the wrong chat, stickers, photos,
locations, contacts, presses of the buttons the bot really sent (in time, outdated, forged,
tapped twice), edited messages, people joining and leaving groups in crowds, and the bot added
to, removed from, blocked and unblocked in chats.

It also goes deep into the instructor's reply flow: a parent asks something only the instructor
can answer, the instructor presses the Reply button under it (sometimes twice) and types a reply
of random length (up to 2,048 emoji, Telegram's 4,096 UTF-16 units), or a sticker, or /cancel.

And the disk fills up: during a random few updates every write of the storage fails with
OSError ENOSPC (`DiskFull`, at the storage's write path). Such an update must get the kind
"I couldn't save that" (a button's alert, or a message in the private chat), and change nothing:
the stored state after it (with what it left in memory saved, as the next update would) equals
the state before it, and nobody else hears of it.

The report counts handler exceptions, calls Telegram would refuse, button presses answered
twice or never, and failed writes answered unkindly or that changed something. Seeded: the same
seed drives the same updates. `tests/test_fuzz.py` runs a small budget; `bench/fuzz.py` the
full run.
"""

from __future__ import annotations

import copy
import errno
import random
import re
import string
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram.ext import AIORateLimiter, Application

from bot import build_application, startup
from config import Settings
from content.loader import Content, load_content
from domain.buttons import CODEC
from handlers.conversation import StorePersistence
from handlers.handoff import REPLY_PREFIX, active_class
from jobs.outbox import outbox_of
from playground import updates as tg
from playground.fake_request import SEND_METHODS, Call, RecordingRequest
from storage.database import Database
from storage.files import SafeJSONStorage
from storage.repo import Store
from tests.support.fuzz_tours import Press, Tours, kind_of

TOKEN = "123456:FUZZtokenFUZZtokenFUZZtokenFUZZ"
OWNER = 1001
INSTRUCTORS = (2001, 2002)
PARENTS = tuple(range(3001, 3009))
STRANGERS = (4001, 4002, 4003)
PEOPLE = (OWNER, *INSTRUCTORS, *PARENTS, *STRANGERS)
GROUP = -4001  # linked to the first instructor's class
SUPERGROUP = -1004002  # linked to the second instructor's class
OTHER_GROUP = -4003  # never linked
GROUPS = (GROUP, SUPERGROUP, OTHER_GROUP)

# Characters of many scripts, and the awkward ones: astral emoji (two UTF-16 units each), a
# family emoji joined by ZWJ, combining marks, right-to-left text, HTML's special characters.
ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789 .,?!",
    "абвгдежзийклмнопрстуфхцчшщыэюя ",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ",
    "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशसह ",
    "的一是不了人我在有他这为之大来以个中上们 ",
    "😀😂🥲👶🍼💆‍♀️🧴❤️👍🏽🇬🇧",
    "e\u0301a\u0308\u200b\u200e\u200f\u00a0\u2028 ",
    "<>&\"'</b><i>&amp;&lt;",
)
PLAUSIBLE = (
    "yes",
    "no",
    "cancel",
    "skip",
    "ok",
    "3",
    "5",
    "60",
    "10:30",
    "2026-12-03",
    "3/12/2026",
    "tomorrow",
    "Leo",
    "Tuesday babies",
    "Oak Hall, 12 Garden Road",
    "How much oil should I use?",
    "My baby cries during the massage",
    "Can I massage after a vaccination?",
    "¿Cuánto aceite uso?",
    "Mon bébé pleure",
    "help",
    "/cancel",
)


# Questions nothing in the FAQ answers: the bot passes them on to the parent's instructor.
HANDOFF_QUESTIONS = (
    "Is it ok if we arrive 10 minutes late on Tuesday?",
    "Will there be parking near the hall?",
    "Can I bring my older daughter along?",
    "Do you have a session on Saturday?",
    "Where do I pay for the course?",
)
#: The share of updates during which the disk is full.
DISK_FULL_RATE = 0.05
#: The share of random actions that are a trip through the instructor's reply flow.
REPLY_RATE = 0.05
#: The share that walk a conversation (tests/support/fuzz_tours.py); half as many try a
#: command without its role, and as many press an old button a week later.
TOUR_RATE = 0.04


def reply_text(rng: random.Random) -> str:
    """An instructor's reply: any text, or one at the lengths where limits are (the reply's
    3,000, Telegram's 4,096 UTF-16 units: 2,048 emoji)."""
    roll = rng.random()
    if roll < 0.3:
        return random_text(rng)
    if roll < 0.6:
        return "😀" * rng.choice((1, 1499, 1500, 1501, 2047, 2048))
    if roll < 0.8:
        return rng.choice("aé的") * rng.choice((2999, 3000, 3001, 4096))
    return rng.choice(PLAUSIBLE)


def random_text(rng: random.Random) -> str:
    """A text a person might send, or one a fuzzer would: any length up to 4,000 emoji."""
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(PLAUSIBLE)
    if roll < 0.40:
        return rng.choice(("", " ", "\n", "\t \n ", "\u200b"))
    if roll < 0.45:
        return "😀" * rng.choice((1023, 1024, 1025, 2047, 2048, 2049, 4000))
    if roll < 0.48:
        return rng.choice("aé的") * rng.choice((1024, 4095, 4096, 4097, 5000))
    alphabet = rng.choice(ALPHABETS)
    length = int(rng.paretovariate(1.2) * 5)
    return "".join(rng.choice(alphabet) for _ in range(min(length, 5000)))


def unpaced() -> AIORateLimiter:
    """PTB's limiter without pacing: the fake API is not Telegram (as in the tests)."""
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=5)


class DiskFull:
    """The disk of the data folder, which can fill up: while `full`, every write the storage
    makes (a journal append or a whole file) raises OSError ENOSPC, as a full disk does; the
    tables each failed write was for are noted in `failed`."""

    def __init__(self) -> None:
        self.full = False
        self.failed: list[str] = []

    @contextmanager
    def installed(self) -> Iterator[None]:
        """Put the failing write path in place (for the run only)."""
        persist, persist_all = SafeJSONStorage._persist, SafeJSONStorage._persist_all

        def check(table: str) -> None:
            if self.full:
                self.failed.append(table)
                raise OSError(errno.ENOSPC, "No space left on device")

        def failing_persist(storage: SafeJSONStorage, table: str, docs: Any) -> None:
            check(table)
            persist(storage, table, docs)

        def failing_persist_all(storage: SafeJSONStorage, data: Any) -> None:
            check("*")
            persist_all(storage, data)

        SafeJSONStorage._persist = failing_persist  # type: ignore[method-assign]
        SafeJSONStorage._persist_all = failing_persist_all  # type: ignore[method-assign]
        try:
            yield
        finally:
            SafeJSONStorage._persist = persist  # type: ignore[method-assign]
            SafeJSONStorage._persist_all = persist_all  # type: ignore[method-assign]


def template_pattern(template: str) -> re.Pattern[str]:
    """A message template as a pattern its renderings match (any value for each field)."""
    pieces = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        pieces.append(re.escape(literal))
        if name is not None:
            pieces.append(".*?")
    return re.compile("".join(pieces), re.DOTALL)


def _state(db: Database) -> dict[str, Any]:
    """Everything stored, file by file (in memory, which is what is on disk: a failed write is
    undone there), as the storage thread sees it."""
    files: dict[str, Any] = {"global": db.global_db}
    files.update({f"users/{n}": d for n, d in enumerate(db.user_dbs)})
    files.update({f"index/{n}": d for n, d in enumerate(db.index_dbs)})
    files.update({f"classes/{c}": d for c, d in db.class_dbs.items()})
    state = {name: copy.deepcopy(d.storage.read() or {}) for name, d in files.items()}
    for tables in state.values():
        # A conversation's last-step time moves with every step, saved or not: not a change.
        for record in tables.get("conversations", {}).values():
            for chats in (record.get("states") or {}).values():
                for entry in chats.values():
                    entry.pop("at", None)
    return state


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The tables (file/table) that differ; a file loaded in only one of the two is left out."""
    found = []
    for name in sorted(before.keys() & after.keys()):
        for table in sorted(before[name].keys() | after[name].keys()):
            if before[name].get(table, {}) != after[name].get(table, {}):
                found.append(f"{name}/{table}")
    return found


def _how(before: dict[str, Any], after: dict[str, Any], changed: str) -> str:
    """What differs in one table `_changed` named ("file/table"), briefly: the first document
    that differs and its differing fields, so that a rare failure names its own cause."""
    name, table = changed.rsplit("/", 1)
    old, new = before[name].get(table, {}), after[name].get(table, {})
    for doc in sorted(old.keys() | new.keys()):
        was, now = old.get(doc), new.get(doc)
        if was == now:
            continue
        if not (isinstance(was, dict) and isinstance(now, dict)):
            return f"doc {doc}: {str(was)[:80]} -> {str(now)[:80]}"
        fields = sorted(k for k in was.keys() | now.keys() if was.get(k) != now.get(k))
        return f"doc {doc}: " + "; ".join(
            f"{k} {str(was.get(k))[:40]} -> {str(now.get(k))[:40]}" for k in fields
        )
    return "no document differs"


@dataclass
class Report:
    """What a fuzz run found."""

    updates: int = 0
    seconds: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)
    exceptions: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    answered_twice: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    unkind: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    stepped: list[str] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    tapped_kinds: set[str] = field(default_factory=set)
    week_later_kinds: set[str] = field(default_factory=set)
    probes: Counter[str] = field(default_factory=Counter)
    restarts: int = 0
    presses: int = 0
    double_taps: int = 0
    edits: int = 0
    sends: int = 0
    disk_full: int = 0
    failed_writes: int = 0
    deferred_saves: int = 0
    refused_saves: int = 0
    replies: int = 0

    @property
    def problems(self) -> int:
        """How many findings in all."""
        return (
            len(self.exceptions)
            + len(self.rejected)
            + len(self.answered_twice)
            + len(self.unanswered)
            + len(self.unkind)
            + len(self.doubled)
            + len(self.repeated)
            + len(self.stepped)
            + len(self.authority)
        )

    def summary(self) -> str:
        """The figures, and each kind of finding once with how often it happened."""
        lines = [
            f"updates: {self.updates} in {self.seconds:.1f} s "
            f"({self.updates / max(self.seconds, 1e-9):.0f}/s)",
            "kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items())),
            f"button presses: {self.presses}; bot sends: {self.sends}",
            f"handler exceptions: {len(self.exceptions)}",
            f"calls Telegram would refuse: {len(self.rejected)}",
            f"presses answered twice: {len(self.answered_twice)}",
            f"presses never answered: {len(self.unanswered)}",
            f"instructor replies typed: {self.replies}",
            f"updates with the disk full: {self.disk_full}; a person's change not saved: "
            f"{self.failed_writes} (the error handler told them: {self.refused_saves}), only a "
            f"conversation's save put off: {self.deferred_saves}",
            f"failed writes answered unkindly or that changed something: {len(self.unkind)}",
            f"double taps judged: {self.double_taps}; whose second tap changed something: "
            f"{len(self.doubled)}",
            f"edits judged: {self.edits}; that repeated an action: {len(self.repeated)}",
            "conversation probes: "
            + ", ".join(f"{k} {n}" for k, n in sorted(self.probes.items()))
            + f"; restarts: {self.restarts}; steps that went wrong: {len(self.stepped)}",
            f"commands tried without the role that were not refused cleanly: {len(self.authority)}",
            f"button kinds double-tapped: {len(self.tapped_kinds)} of {len(CODEC.kinds())}; "
            f"pressed a week later: {len(self.week_later_kinds)} of {len(CODEC.kinds())}",
        ]
        for title, found in (
            ("exception", self.exceptions),
            ("refused", self.rejected),
            ("answered twice", self.answered_twice),
            ("never answered", self.unanswered),
            ("failed write", self.unkind),
            ("double tap", self.doubled),
            ("edit", self.repeated),
            ("conversation step", self.stepped),
            ("authority", self.authority),
        ):
            for what, n in Counter(found).most_common():
                lines.append(f"  {title} x{n}: {what}")
        return "\n".join(lines)


class Fuzzer:
    """The real bot in a temporary data folder, and a seeded stream of random updates."""

    def __init__(self, seed: int, folder: Path, *, reply_rate: float = REPLY_RATE) -> None:
        self.rng = random.Random(seed)
        self.reply_rate = reply_rate
        self.settings = Settings(
            token=TOKEN, owner_ids=frozenset({OWNER}), data_dir=folder / "data"
        )
        self.store = Store(self.settings.data_dir)
        self.api = RecordingRequest()
        self.app: Application
        self.errors: list[tuple[object, BaseException]] = []
        self.buttons: list[Press] = []  # every keyboard button the bot showed, oldest first
        self.said: list[dict[str, Any]] = []  # people's recent messages, for edits
        self.codes: list[str] = []
        self.queries: dict[str, str] = {}  # callback query id -> data pressed
        self.refused: list[str] = []  # calls Telegram would refuse, and the update behind each
        self.disk = DiskFull()
        self.judging = False  # set once the world is set up: only what follows is judged
        self.sent_updates = 0
        self.disk_full = 0
        self.failed_writes = 0
        self.deferred_saves = 0
        self.refused_saves = 0  # ENOSPC handed to the error handler (it answers kindly)
        self.replies = 0
        self.unkind: list[str] = []  # failed writes not answered kindly, or that changed things
        self.doubled: list[str] = []  # second taps that changed something, or showed something
        self.repeated: list[str] = []  # edits that repeated an action
        self.double_taps = 0
        self.edits = 0
        self.last_full = False  # whether the disk was full during the latest update
        #: How far the bot's clock is ahead of the real one (a tour moves it on and back).
        self.clock_offset = timedelta(0)
        self.restarts = 0
        self.tapped: set[str] = set()  # button kinds double-tapped
        self.week_later: set[str] = set()  # button kinds pressed again a week later
        self.content: Content | None = None
        self.tours = Tours(self)
        self._save_failed: tuple[str, ...] = ()
        self._seen_calls = 0

    # -- setting up --------------------------------------------------------------------------

    async def start(self, content: Content | None = None) -> None:
        """Open the store and start the real Application."""
        self.content = content or self.content or load_content()
        await self.store.open()
        self.app = build_application(
            self.settings,
            self.store,
            self.content,
            request=self.api,
            rate_limiter=unpaced(),
        )
        # The bot's clock: the real one, moved on by `clock_offset` while a tour wants.
        self.app.bot_data["clock"] = self.now
        if isinstance(self.app.persistence, StorePersistence):
            self.app.persistence.clock = self.now

        async def collect(update: object, context: Any) -> None:
            self.errors.append((update, context.error))

        self.app.add_error_handler(collect)
        await self.app.initialize()
        await startup(self.app)
        content = self.app.bot_data["content"]
        self._save_failed = tuple(
            content.texts_in(lang).raw("core.save_failed") for lang in content.languages
        )
        # The instructor's note that a question's wording changed, in any language.
        self._edited = tuple(
            template_pattern(content.texts_in(lang).raw("handoff.edited"))
            for lang in content.languages
        )

    async def stop(self) -> None:
        """Shut the Application down and close the store."""
        await self.app.shutdown()
        await self.store.close()

    def now(self) -> datetime:
        """The bot's clock."""
        return datetime.now(UTC) + self.clock_offset

    async def restart(self) -> None:
        """Stop the bot and start a new Application on the same data folder (and the same
        Telegram: what it shows stays shown)."""
        await self._save_conversations()
        await self.stop()
        self.store = Store(self.settings.data_dir)
        await self.start()
        self.restarts += 1

    async def seed_world(self) -> None:
        """Instructors with classes, parents in them, class groups linked: as people do it."""
        for n, instructor in enumerate(INSTRUCTORS):
            code = await self.store.create_invite(OWNER)
            await self.send(tg.private_message_json(instructor, f"/start inv_{code}"))
            for k in range(2 - n):
                klass = await self.store.create_class(instructor, _class_fields(f"Class {k}"))
                self.codes.append(str(klass["code"]))
        for i, parent in enumerate(PARENTS):
            code = self.codes[i % len(self.codes)]
            await self.send(tg.private_message_json(parent, f"/start {code}"))
            await self.press_data(parent, f"jn:ok:{code}")
            for step in ("jn:skipname", "jn:skipbirth"):
                await self.press_data(parent, step)
        for group, instructor in ((GROUP, INSTRUCTORS[0]), (SUPERGROUP, INSTRUCTORS[1])):
            await self.send(tg.my_chat_member_update_json(group, instructor, "left", "member"))
            await self.send(tg.command_json(instructor, "link", chat_id=group, mention_bot=True))
            links = [b for b in self.buttons if b.chat_id == group and "link" in b.data]
            if links:
                await self.press(links[-1], instructor)
        # Only what comes after the set-up is judged.
        self.errors.clear()
        self.queries.clear()
        self.refused.clear()
        self._seen_calls = len(self.api.calls)
        self.judging = True

    # -- sending -----------------------------------------------------------------------------

    async def send(self, update: dict[str, Any], *, disk_full: bool | None = None) -> None:
        """Feed one update to the bot, then learn the buttons it showed. The disk is full during
        it at random (`DISK_FULL_RATE`), or as `disk_full` says; then what it did is judged."""
        # Not while a tour has moved the clock on: conversations that age out then change
        # what is stored whatever the disk does, which is not the failed write's doing.
        full = (
            self.judging
            and not self.clock_offset
            and (self.rng.random() < DISK_FULL_RATE if disk_full is None else disk_full)
        )
        cause = tg.update_kind(update)
        if "callback_query" in update:
            query = update["callback_query"]
            self.queries[query["id"]] = query.get("data", "")
            cause = "press " + ":".join(query.get("data", "").split(":")[:2])
        elif "message" in update and str(update["message"].get("text", "")).startswith("/"):
            cause = "command " + update["message"]["text"].split()[0].split("@")[0]
        before: dict[str, Any] = {}
        failed = len(self.disk.failed)
        if full:
            # Whatever the outbox had to send is sent first, and a save put off by an earlier
            # full disk is made: what goes out and is saved next is this update's.
            await outbox_of(self.app).drain()
            await self._save_conversations()
            before = await self.store._step(_state, self.store.db)
            self.disk_full += 1
        mark = len(self.api.calls)
        errors = len(self.errors)
        self.last_full = full
        self.disk.full = full
        try:
            await self.app.process_update(tg.to_update(update, self.app.bot))
        finally:
            self.disk.full = False
        if full:
            # The full disk's own OSError, handed to the error handler: that is how a failed
            # write gets its kind reply (judged below), not a fault of a handler.
            mine = self.errors[errors:]
            refused = [e for e in mine if isinstance(e[1], OSError) and e[1].errno == errno.ENOSPC]
            self.refused_saves += len(refused)
            self.errors[errors:] = [e for e in mine if e not in refused]
        if self.judging:
            self.sent_updates += 1
        for call in self.api.log.snapshot(mark):
            self._learn(call)
            if not call.ok:
                self.refused.append(f"{call.method}: {call.description} (after {cause})")
        if full and len(self.disk.failed) > failed:
            await self._judge_failed_write(update, cause, mark, before, self.disk.failed[failed:])

    async def _judge_failed_write(
        self,
        update: dict[str, Any],
        cause: str,
        mark: int,
        before: dict[str, Any],
        tables: list[str],
    ) -> None:
        """An update during which a write failed: it must have been answered kindly, and have
        changed nothing: stored, or left in memory to be saved by the next update (saved here,
        as that update's save would), or told to anyone else."""
        if set(tables) <= {"conversations"}:
            # Only the save of where people are in conversations failed: it is not theirs to
            # retry (what they did went through) and is saved again after the next update.
            self.deferred_saves += 1
            return
        self.failed_writes += 1
        await self._save_conversations()
        after = await self.store._step(_state, self.store.db)
        for table in _changed(before, after):
            how = _how(before, after, table)
            self.unkind.append(f"changed {table.split('/', 2)[-1]} (after {cause}; {how})")
        calls = self.api.log.snapshot(mark)
        # Whose update it was: their chat (and the group it came from) may hear of it.
        body = next((v for k, v in update.items() if k != "update_id"), {})
        user = (body.get("from") or {}).get("id")
        chat = (body.get("message") or body).get("chat", {}).get("id")
        # The owners get the failure's report; nobody else may hear of the update.
        allowed = {str(user), str(chat), *(str(o) for o in self.settings.owner_ids)}
        for call in calls:
            if call.ok and call.method in SEND_METHODS and str(call.chat_id) not in allowed:
                self.unkind.append(f"told someone else (after {cause})")
        if not self._expects_reply(update):
            return
        if not any(self._kind(call, body) for call in calls):
            self.unkind.append(f"no kind reply (after {cause})")

    async def _save_conversations(self) -> None:
        """Save where everyone is in conversations now, as the next update's save would."""
        await self.app.update_persistence()
        if self.app.persistence is not None:
            await self.app.persistence.flush()

    @staticmethod
    def _expects_reply(update: dict[str, Any]) -> bool:
        """Whether a person is waiting for an answer: a press, anything in a private chat, a
        command in a group."""
        if "callback_query" in update:
            return True
        message = update.get("message")
        if not isinstance(message, dict):
            return False
        return message.get("chat", {}).get("type") == "private" or str(
            message.get("text", "")
        ).startswith("/")

    def _kind(self, call: Call, body: dict[str, Any]) -> bool:
        """Whether a call tells the person their change could not be saved."""
        if not call.ok:
            return False
        if call.method == "answerCallbackQuery":
            said = str(call.params.get("text") or "")
        elif call.method in SEND_METHODS or call.method.startswith("editMessage"):
            said = call.text or ""
        else:
            return False
        return any(line in said for line in self._save_failed)

    def _learn(self, call: Call) -> None:
        """Remember the callback buttons of a message the bot sent or edited."""
        if not call.ok or not isinstance(call.result, dict):
            return
        markup = call.params.get("reply_markup")
        if not isinstance(markup, dict):
            return
        chat_id = call.result.get("chat", {}).get("id")
        message_id = call.result.get("message_id")
        if chat_id is None or message_id is None:
            return
        for row in markup.get("inline_keyboard") or []:
            for button in row:
                if "callback_data" in button:
                    self.buttons.append(Press(chat_id, message_id, button["callback_data"]))
        del self.buttons[:-3000]  # old enough to be outdated; enough to press

    async def press(
        self,
        button: Press,
        user_id: int,
        data: str | None = None,
        *,
        disk_full: bool | None = None,
    ) -> None:
        """`user_id` presses `button` (with other `data`: a forged press on that message)."""
        message = self.api.simulator.message(button.chat_id, button.message_id)
        await self.send(
            tg.callback_query_json(
                user_id,
                button.data if data is None else data,
                message_chat_id=button.chat_id,
                message_id=button.message_id,
                message=message,
            ),
            disk_full=disk_full,
        )

    async def snapshot(self) -> dict[str, Any]:
        """Everything stored now: what the outbox held sent first, where people are in
        conversations saved first (as the next update would)."""
        await outbox_of(self.app).drain()
        await self._save_conversations()
        return await self.store._step(_state, self.store.db)

    def shown_since(self, mark: int) -> list[Call]:
        """The calls since `mark` a person would notice: a message sent, or one edited."""
        return [
            call
            for call in self.api.log.snapshot(mark)
            if call.ok and (call.method in SEND_METHODS or call.method.startswith("editMessage"))
        ]

    async def double_tap(self, button: Press, user_id: int, data: str | None = None) -> None:
        """The second tap of a double tap, judged: it is answered once (as every press is),
        and changes nothing stored and shows nothing new. A first tap that met a full disk is
        not judged: tapping again is then the retry it was asked for."""
        judged = not self.last_full and self.judging
        before = await self.snapshot() if judged else {}
        mark = len(self.api.calls)
        await self.press(button, user_id, data, disk_full=False)
        if not judged:
            return
        self.double_taps += 1
        if (kind := kind_of(button.data if data is None else data)) is not None:
            self.tapped.add(kind)
        after = await self.snapshot()
        what = ":".join((button.data if data is None else data).split(":")[:2])
        for table in _changed(before, after):
            self.doubled.append(
                f"{what} changed {table.split('/', 2)[-1]} ({_how(before, after, table)})"
            )
        for call in self.shown_since(mark):
            self.doubled.append(f"{what} then {call.method}")

    async def press_data(self, user_id: int, prefix: str) -> None:
        """Press the latest button in `user_id`'s chat whose data starts with `prefix`."""
        for button in reversed(self.buttons):
            if button.chat_id == user_id and button.data.startswith(prefix):
                await self.press(button, user_id)
                return

    # -- the random updates ------------------------------------------------------------------

    def _someone(self) -> int:
        roll = self.rng.random()
        if roll < 0.15:
            return OWNER
        if roll < 0.45:
            return self.rng.choice(INSTRUCTORS)
        if roll < 0.9:
            return self.rng.choice(PARENTS)
        return self.rng.choice(STRANGERS)

    def _where(self, user_id: int, in_group: float) -> int:
        return self.rng.choice(GROUPS) if self.rng.random() < in_group else user_id

    def _forged(self, data: str) -> str:
        """Real data changed the way a forger or an old client would."""
        parts = data.split(":")
        roll = self.rng.random()
        if roll < 0.3 and len(parts) > 1:
            parts[self.rng.randrange(1, len(parts))] = self.rng.choice(
                ("999", "-1", "x", "", "0", "nosuchclass", "😀", "9" * 30)
            )
            return ":".join(parts)
        if roll < 0.5:
            return data[: self.rng.randrange(0, max(1, len(data)))]
        if roll < 0.7:
            return data + self.rng.choice((":1", ":", "x", ":999:999"))
        return self.rng.choice(("", ":", "::::", "x" * 64, "jn:ok:", "ann:", "😀"))

    async def reply_flow_question(self) -> None:
        """A parent asks what only their instructor can answer."""
        parent = self.rng.choice(PARENTS)
        await self.send(tg.private_message_json(parent, self.rng.choice(HANDOFF_QUESTIONS)))

    async def reply_flow(self) -> str:
        """A parent asks what only the instructor can answer; the instructor presses Reply
        under it and types a reply (or something else first), the disk full now and then."""
        rng = self.rng
        parent = rng.choice(PARENTS)
        klass = await active_class(self.store, parent)
        if klass is None:
            return await self.one()
        instructor = int(klass["instructor_id"])
        shown = len(self.buttons)
        await self.send(tg.private_message_json(parent, rng.choice(HANDOFF_QUESTIONS)))
        pressed = [b for b in self.buttons[shown:] if b.chat_id == instructor]
        replies = [b for b in pressed if b.data.startswith(REPLY_PREFIX)]
        if not replies:
            return "reply-not-passed-on"
        await self.press(replies[-1], instructor)
        if rng.random() < 0.15:
            await self.double_tap(replies[-1], instructor)
        roll = rng.random()
        if roll < 0.1:
            await self.send(tg.sticker_message_json(instructor))
        elif roll < 0.15:
            await self.send(tg.private_message_json(instructor, "/cancel"))
            return "reply-cancelled"
        for _ in range(rng.choice((1, 1, 2))):  # a reply too long is followed by another
            update = tg.private_message_json(instructor, reply_text(rng))
            self.said.append(update["message"])
            await self.send(update, disk_full=True if rng.random() < 0.15 else None)
            self.replies += 1
        return "reply"

    async def one(self) -> str:
        """Send one random update (or a few, for the reply flow); returns its kind."""
        rng = self.rng
        if rng.random() < self.reply_rate:
            return await self.reply_flow()
        tour = rng.random()
        if tour < TOUR_RATE:
            return await self.tours.conversation_tour()
        if tour < TOUR_RATE * 1.5:
            return await self.tours.authority_tour()
        if tour < TOUR_RATE * 2:
            return await self.tours.week_later_tour()
        if tour < TOUR_RATE * 3:
            return await self.tours.census_tour()
        if tour < TOUR_RATE * 3.5:
            return await self.tours.wrong_chat_tour()
        who = self._someone()
        roll = rng.random()
        if roll < 0.25:
            where = self._where(who, 0.15)
            update = tg.message_update_json(who, random_text(rng), chat_id=where)
            self.said.append(update["message"])
            del self.said[:-200]
            await self.send(update)
            return "text"
        if roll < 0.40:
            commands = self.app.bot_data["commands"]
            name = rng.choice(commands).name if rng.random() < 0.9 else "nosuchcommand"
            args = []
            if rng.random() < 0.3:
                args.append(
                    rng.choice([*self.codes, "inv_forged", "x", random_text(rng)[:40], "c_bad"])
                )
            where = self._where(who, 0.25)
            update = tg.command_json(who, name, *args, chat_id=where, mention_bot=where < 0)
            self.said.append(update["message"])  # an edited command must not run again
            await self.send(update)
            return "command"
        if roll < 0.70:
            mine = [b for b in self.buttons if b.chat_id in (who, *GROUPS)]
            if not mine:
                await self.send(tg.callback_query_json(who, self._forged("x:1")))
                return "press-forged"
            recent = rng.random() < 0.7
            button = mine[-1 - rng.randrange(min(6, len(mine)))] if recent else rng.choice(mine)
            presser = who if button.chat_id == who else self._someone()
            kind = "press" if recent else "press-old"
            data = None
            if rng.random() < 0.15:
                data, kind = self._forged(button.data), "press-forged"
            await self.press(button, presser, data)
            if rng.random() < 0.2:  # a double tap: a second press of the same button
                await self.double_tap(button, presser, data)
                kind = "press-double"
            return kind
        if roll < 0.78:
            where = self._where(who, 0.2)
            kind = rng.choice(("sticker", "photo", "location", "contact", "voice"))
            await self.send(self._media(who, where, kind))
            return kind
        if roll < 0.86:
            if not self.said:
                return await self.one()
            await self.edit(rng.choice(self.said), random_text(rng))
            return "edit"
        if roll < 0.95:
            group = rng.choice(GROUPS)
            sub = rng.random()
            if sub < 0.5:
                crowd = rng.choice((1, 1, 2, 5, 30, 120))
                ids = [rng.choice(PEOPLE) if rng.random() < 0.5 else 5000 + i for i in range(crowd)]
                by = rng.choice((None, who))
                await self.send(
                    tg.new_chat_members_message_json(group, list(dict.fromkeys(ids)), by_user_id=by)
                )
                return "join"
            if sub < 0.75:
                left = tg.message_json(
                    tg.group_chat(group), tg.member_user(who), left_chat_member=tg.member_user(who)
                )
                await self.send(tg.wrap_update("message", left))
                return "leave"
            old, new = rng.choice((("left", "member"), ("member", "left"), ("member", "kicked")))
            await self.send(tg.chat_member_update_json(group, who, old, new))
            return "chat_member"
        # The bot's own membership: blocked or unblocked by a person, added to or removed from
        # a group (then the instructor links it again, as they would).
        if rng.random() < 0.5:
            old, new = rng.choice((("member", "kicked"), ("kicked", "member")))
            await self.send(tg.my_chat_member_update_json(who, who, old, new))
        else:
            group = rng.choice(GROUPS)
            old, new = rng.choice((("left", "member"), ("member", "left"), ("member", "kicked")))
            await self.send(tg.my_chat_member_update_json(group, who, old, new))
            if new == "member":
                instructor = rng.choice(INSTRUCTORS)
                await self.send(
                    tg.command_json(instructor, "link", chat_id=group, mention_bot=True)
                )
        return "my_chat_member"

    async def edit(self, old: dict[str, Any], text: str) -> None:
        """A person edits a message they sent (`old`) to `text`, judged: an edit never repeats
        an action. Unless the new wording is an emergency (read again, and answered), nothing
        is sent but an instructor's note that an open question changed, and nothing stored
        changes but that question's wording."""
        edited = {**old, "text": text, "edit_date": tg.now_ts()}
        edited.pop("entities", None)
        if found := tg.detect_entities(text):
            edited["entities"] = found
        safety = self.app.bot_data["content"].safety
        judged = self.judging and not safety.model.check(text)
        before = await self.snapshot() if judged else {}
        mark = len(self.api.calls)
        await self.send(tg.wrap_update("edited_message", edited))
        if not judged or self.last_full:
            return
        self.edits += 1
        after = await self.snapshot()
        what = "command" if str(old.get("text", "")).startswith("/") else "text"
        for table in _changed(before, after):
            if not table.endswith("/questions"):
                how = _how(before, after, table)
                self.repeated.append(f"edited {what} changed {table.split('/', 2)[-1]} ({how})")
        for call in self.shown_since(mark):
            said = call.text or ""
            if not (call.method == "sendMessage" and any(p.search(said) for p in self._edited)):
                self.repeated.append(f"edited {what} then {call.method}")

    def _media(self, who: int, where: int, kind: str) -> dict[str, Any]:
        if kind == "sticker":
            return tg.sticker_message_json(who, chat_id=where if where < 0 else None)
        if kind == "photo":
            caption = random_text(self.rng) if self.rng.random() < 0.5 else None
            return tg.photo_message_json(who, chat_id=where if where < 0 else None, caption=caption)
        chat = tg.group_chat(where) if where < 0 else tg.private_chat(who)
        fields: dict[str, Any] = {
            "location": {"latitude": 51.5, "longitude": -0.12},
            "contact": {"phone_number": "+441234567890", "first_name": "Ana", "user_id": who},
            "voice": {"file_id": "AwAC1", "file_unique_id": "u1", "duration": 3},
        }
        message = tg.message_json(chat, tg.user(who), **{kind: fields[kind]})
        return tg.wrap_update("message", message)

    # -- the run -----------------------------------------------------------------------------

    async def run(self, count: int, *, census: bool = False) -> Report:
        """Send `count` random updates and report what went wrong. With `census`, they end
        with a button of every kind (domain/buttons.py), double-tapped and pressed a week
        later, so that every kind is judged, whatever the budget's luck. (At the end: some of
        them end or delete a class, leave it, forget a person, and the walk needs its world.)"""
        report = Report()
        started = time.perf_counter()
        kinds = CODEC.kinds() if census else []
        # What the census takes, about: a press, its double tap and the week-later press.
        walk = count - 3 * len(kinds)
        while self.sent_updates < walk:
            report.kinds[await self.one()] += 1
        for _ in kinds:
            report.kinds[await self.tours.census_tour()] += 1
        while self.sent_updates < count:
            report.kinds[await self.one()] += 1
        report.seconds = time.perf_counter() - started
        report.updates = self.sent_updates
        report.presses = len(self.queries)
        report.rejected = list(self.refused)
        report.unkind = list(self.unkind)
        report.disk_full = self.disk_full
        report.failed_writes = self.failed_writes
        report.deferred_saves = self.deferred_saves
        report.refused_saves = self.refused_saves
        report.replies = self.replies
        report.doubled = list(self.doubled)
        report.stepped = list(self.tours.findings)
        report.authority = list(self.tours.authority)
        report.probes = Counter(self.tours.probes)
        report.restarts = self.restarts
        report.tapped_kinds = set(self.tapped)
        report.week_later_kinds = set(self.week_later)
        report.repeated = list(self.repeated)
        report.double_taps = self.double_taps
        report.edits = self.edits
        calls = self.api.log.snapshot(self._seen_calls)
        report.sends = sum(1 for c in calls if c.ok and c.method in SEND_METHODS)
        for _update, error in self.errors:
            where = traceback.extract_tb(error.__traceback__)
            ours = [f for f in where if "/site-packages/" not in f.filename]
            place = f"{Path(ours[-1].filename).name}:{ours[-1].name}" if ours else "?"
            report.exceptions.append(f"{type(error).__name__} at {place}: {str(error)[:120]}")
        answers: Counter[str] = Counter()
        for call in calls:
            if call.method == "answerCallbackQuery":
                answers[str(call.params.get("callback_query_id"))] += 1
        for query_id, data in self.queries.items():
            prefix = ":".join(data.split(":")[:2])
            if answers[query_id] > 1:
                report.answered_twice.append(prefix)
            elif answers[query_id] == 0:
                report.unanswered.append(prefix)
        return report


def _class_fields(name: str) -> dict[str, Any]:
    """A class record as /newclass stores it: five weekly sessions from ten days on."""
    return {
        "name": name,
        "tz": "Europe/London",
        "first_date": (date.today() + timedelta(days=10)).isoformat(),
        "start": "10:30",
        "sessions": 5,
        "length_min": 60,
        "venue": "Oak Hall",
        "moved": {},
        "cancelled": [],
        "ended_after": None,
        "ended_at": None,
        "group_chat_id": None,
        "times": {},
    }


async def fuzz(
    count: int,
    seed: int,
    folder: Path | None = None,
    *,
    reply_rate: float = REPLY_RATE,
    census: bool = False,
) -> Report:
    """Set up a world and send `count` random updates through the bot (in a temporary folder
    unless one is given); `reply_rate` of the random actions go through the reply flow; with
    `census`, a button of every kind is judged first (`Fuzzer.run`)."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        fuzzer = Fuzzer(seed, folder or Path(tmp), reply_rate=reply_rate)
        with fuzzer.disk.installed():
            await fuzzer.start()
            try:
                await fuzzer.seed_world()
                return await fuzzer.run(count, census=census)
            finally:
                await fuzzer.stop()
