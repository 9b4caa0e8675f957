"""The fuzzer: random updates of every kind through the real Application, and what went wrong.

A world is set up the way people would (an owner, two instructors with classes, parents who
joined through the class links, a linked class group), then `Fuzzer.run(n)` drives `n` random
updates through `Application.process_update` against the in-process fake Bot API
(`RecordingRequest`, whose simulator refuses what Telegram refuses): texts of random lengths and
scripts (up to thousands of emoji), commands in the right and the wrong chat, stickers, photos,
locations, contacts, presses of the buttons the bot really sent (in time, outdated, forged,
tapped twice), edited messages, people joining and leaving groups in crowds, and the bot added
to, removed from, blocked and unblocked in chats.

The report counts handler exceptions, calls Telegram would refuse, and button presses answered
twice or never. Seeded: the same seed drives the same updates. `tests/test_fuzz.py` runs a small
budget; `bench/fuzz.py` the full run.
"""

from __future__ import annotations

import random
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from telegram.ext import AIORateLimiter, Application

from bot import build_application, startup
from config import Settings
from content.loader import Content, load_content
from playground import updates as tg
from playground.fake_request import SEND_METHODS, Call, RecordingRequest
from storage.repo import Store

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


@dataclass
class Press:
    """A button the bot showed: where, on which message, with which data."""

    chat_id: int
    message_id: int
    data: str


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
    presses: int = 0
    sends: int = 0

    @property
    def problems(self) -> int:
        """How many findings in all."""
        return (
            len(self.exceptions)
            + len(self.rejected)
            + len(self.answered_twice)
            + len(self.unanswered)
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
        ]
        for title, found in (
            ("exception", self.exceptions),
            ("refused", self.rejected),
            ("answered twice", self.answered_twice),
            ("never answered", self.unanswered),
        ):
            for what, n in Counter(found).most_common():
                lines.append(f"  {title} x{n}: {what}")
        return "\n".join(lines)


class Fuzzer:
    """The real bot in a temporary data folder, and a seeded stream of random updates."""

    def __init__(self, seed: int, folder: Path) -> None:
        self.rng = random.Random(seed)
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
        self._seen_calls = 0

    # -- setting up --------------------------------------------------------------------------

    async def start(self, content: Content | None = None) -> None:
        """Open the store and start the real Application."""
        await self.store.open()
        self.app = build_application(
            self.settings,
            self.store,
            content or load_content(),
            request=self.api,
            rate_limiter=unpaced(),
        )

        async def collect(update: object, context: Any) -> None:
            self.errors.append((update, context.error))

        self.app.add_error_handler(collect)
        await self.app.initialize()
        await startup(self.app)

    async def stop(self) -> None:
        """Shut the Application down and close the store."""
        await self.app.shutdown()
        await self.store.close()

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

    # -- sending -----------------------------------------------------------------------------

    async def send(self, update: dict[str, Any]) -> None:
        """Feed one update to the bot, then learn the buttons it showed."""
        mark = len(self.api.calls)
        cause = tg.update_kind(update)
        if "callback_query" in update:
            query = update["callback_query"]
            self.queries[query["id"]] = query.get("data", "")
            cause = "press " + ":".join(query.get("data", "").split(":")[:2])
        await self.app.process_update(tg.to_update(update, self.app.bot))
        for call in self.api.log.snapshot(mark):
            self._learn(call)
            if not call.ok:
                self.refused.append(f"{call.method}: {call.description} (after {cause})")

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

    async def press(self, button: Press, user_id: int, data: str | None = None) -> None:
        """`user_id` presses `button` (with other `data`: a forged press on that message)."""
        message = self.api.simulator.message(button.chat_id, button.message_id)
        await self.send(
            tg.callback_query_json(
                user_id,
                button.data if data is None else data,
                message_chat_id=button.chat_id,
                message_id=button.message_id,
                message=message,
            )
        )

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

    async def one(self) -> str:
        """Send one random update; returns its kind."""
        rng = self.rng
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
                await self.press(button, presser, data)
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
            old = rng.choice(self.said)
            edited = {**old, "text": random_text(rng), "edit_date": tg.now_ts()}
            edited.pop("entities", None)
            if found := tg.detect_entities(edited["text"]):
                edited["entities"] = found
            await self.send(tg.wrap_update("edited_message", edited))
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

    async def run(self, count: int) -> Report:
        """Send `count` random updates and report what went wrong."""
        report = Report()
        started = time.perf_counter()
        for _ in range(count):
            report.kinds[await self.one()] += 1
        report.seconds = time.perf_counter() - started
        report.updates = count
        report.presses = len(self.queries)
        report.rejected = list(self.refused)
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


async def fuzz(count: int, seed: int, folder: Path | None = None) -> Report:
    """Set up a world and send `count` random updates through the bot (in a temporary folder
    unless one is given)."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        fuzzer = Fuzzer(seed, folder or Path(tmp))
        await fuzzer.start()
        try:
            await fuzzer.seed_world()
            return await fuzzer.run(count)
        finally:
            await fuzzer.stop()
