"""The fuzzer's tours: where random updates alone rarely go, walked on purpose.

Each tour is one random action of `tests/support/fuzz.py`'s run, seeded like the rest:

- `conversation_tour`: a person enters one of the bot's conversations (/newclass, /weeknote,
  /announce, moving a session, a class's venue, the check-in's note, joining, the instructor's
  reply, the closing feedback's "tell") and walks it step by step (a plausible answer, or one
  of the step's buttons), and at a random step does what people do: sends a sticker, a photo,
  a voice note, a location or a contact where text is expected, types a text at Telegram's
  limits (4,096 UTF-16 units of emoji, right-to-left, only zero-width characters), edits what
  they typed at the step before, or the bot is restarted (a new Application on the same data
  folder). Judged: something in the media's place is answered and leaves the step where it was;
  after a restart the step is where it was (from storage) and the next answer is taken there.
- `authority_tour`: a parent or a stranger tries each instructor and owner command (and an
  instructor each owner command), with or without words after it, in the private chat. Judged:
  answered, and nothing stored changes.
- `week_later_tour`: the clock goes a week on, and a button of each kind the bot has shown (the
  oldest of its kind) is pressed again, by whoever it was shown to. The global judges apply
  (nothing raised or refused, answered once); the kinds covered are counted.

Double taps are judged on every press of the run (`Fuzzer.double_tap`), edits on every edit
(`Fuzzer.edit`).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from domain.buttons import (
    CODEC,
    CourseFeedback,
    MoveSession,
    VenueAsk,
    encode,
)
from domain.callback_data import Day, Flag, Kind, Minute, OneOf, Text, Whole
from playground import updates as tg

if TYPE_CHECKING:
    from tests.support.fuzz import Fuzzer

# Texts at the edges: Telegram's 4,096 UTF-16 units in emoji (two units each) and one more,
# right-to-left scripts with their marks, nothing but zero-width characters, markup-like text.
EDGE_TEXTS = (
    "😀" * 2048,
    "😀" * 2049,
    "👨‍👩‍👧" * 500,
    "\u202eمرحبا، هل يمكنني إحضار ابنتي؟\u202c",
    "שלום, האם יש חניה ליד האולם?",
    "\u200f\u200e\u200b\u200c\u200d\ufeff",
    "\u200b" * 4096,
    "<b>bold</b> & <i>",
    "a" * 4096,
)
MEDIA = ("sticker", "photo", "voice", "location", "contact", "video_note")


@dataclass
class Press:
    """A button the bot showed: where, on which message, with which data."""

    chat_id: int
    message_id: int
    data: str


def kind_of(data: str) -> str | None:
    """The kind (its head, as domain/buttons.py declares it) of a button's data, or None."""
    value = CODEC.decode(data)
    return None if value is None else CODEC.head(type(value))


def sample(
    rng: random.Random,
    name: str,
    field: object,
    classes: list[str],
    codes: list[str],
    now: datetime,
) -> object:
    """A plausible value of a button's field: one of `classes` (ids) or `codes` (join codes),
    a stored record's number, a day near today, one of the field's choices, ..."""
    if name == "class_id":
        return rng.choice(classes) if classes else "nosuchclass"
    if name == "code":
        return rng.choice(codes) if codes else "nosuchcode"
    if isinstance(field, OneOf):
        return rng.choice(field.choices)
    if isinstance(field, Flag):
        return rng.random() < 0.5
    if isinstance(field, Day):
        return now.date() + timedelta(days=rng.randrange(-3, 30))
    if isinstance(field, Minute):
        later = now + timedelta(days=rng.randrange(0, 20))
        return later.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(field, Whole):
        if name in ("qid", "aid"):
            return rng.randrange(1, 40)
        return rng.randrange(0, min(field.most, 12) + 1)
    if isinstance(field, Text):
        choices = {
            "lang": ("en", "es", "fr", "de", "xx"),
            "zone": ("Europe/London", "Europe/Berlin", "Mars/Olympus", "Asia/Tokyo"),
            "faq_id": ("oil", "crying", "vaccination", "nosuchtopic"),
            "category": ("basics", "safety", "nosuchcategory"),
            "at": ("2030", "1900", "0730", "9999"),
        }.get(name, ("15", "min", "2h", "1d", "never", "x"))
        return rng.choice(choices)
    raise TypeError(f"no sample for {name}: {field!r}")


def built(
    rng: random.Random, kind: Kind, classes: list[str], codes: list[str], now: datetime
) -> str:
    """The data of a button of `kind` as the bot would build it, with sampled values."""
    fields = {
        slot.name: sample(rng, slot.name, slot.field, classes, codes, now)
        for slot in kind.slots
        if not (slot.optional and rng.random() < 0.3)
    }
    return encode(kind.cls(**fields))


@dataclass(frozen=True)
class Step:
    """What a conversation waits for at one state: typed answers that may move it on."""

    answers: tuple[str, ...]


def _days(n: int) -> str:
    return (date.today() + timedelta(days=n)).strftime("%d/%m/%Y")


# The states that wait for typed text, by conversation, with answers a person might type.
TYPED: dict[str, dict[int, Step]] = {
    "newclass": {
        0: Step(("Tuesday babies", "<b>Babies</b> & co", "x" * 200)),
        1: Step((_days(12), "tomorrow", "31/02/2027", "yesterday", "someday")),
        2: Step(("10:30", "25:61", "7pm", "noon")),
        3: Step(
            ("London", "Berlin", "Mars/Olympus", "Europe/Atlantis", "UTC+25", "Asia/Tokyo", "🙂")
        ),
        4: Step(("5", "0", "100", "five")),
        5: Step(("60", "0", "2000", "an hour")),
        6: Step(("Oak Hall, 12 Garden Road", "x" * 300)),
    },
    "weeknote": {1: Step(("Bring a towel", "-", "x" * 1001))},
    "announce": {
        2: Step(("Class moved to the big hall", "   ", "x" * 4097)),
        3: Step(("Class moved again",)),
        4: Step(("tomorrow 10:00", "yesterday 10:00", "2020-01-01 10:00", "in 2 hours", "never")),
    },
    "session_move": {1: Step(("Thursday 10:30", "12/03 10:30", "yesterday 9:00", "soon"))},
    "class_venue": {1: Step(("Oak Hall, 12 Garden Road", "x" * 300))},
    "checkin": {1: Step(("She loved it", "How much oil should I use?"))},
    "joining": {0: Step(("Leo", "x" * 50)), 1: Step((_days(-30), "tomorrow", "1/1/1900"))},
    "faq_reply": {0: Step(("Yes, behind the hall.",))},
    "feedback": {0: Step(("Thank you for the course!",))},
}
# Buttons a walk does not press: they end the conversation or start it again.
LEAVING = ("nc:cancel", "nc:again", "ann:x", "jn:no", "jn:stay")
# The buttons of each conversation (what their data starts with).
OWN_BUTTONS = {
    "newclass": ("nc:",),
    "weeknote": ("crs:wn",),
    "announce": ("ann:",),
    "session_move": ("ses:",),
    "class_venue": ("cvn:",),
    "checkin": ("ci:",),
    "joining": ("jn:",),
    "faq_reply": ("q:reply",),
    "feedback": ("fb:",),
}


def media_update(rng: random.Random, user_id: int, kind: str) -> dict[str, Any]:
    """A message of `kind` (not text) from a person in their private chat."""
    if kind == "sticker":
        return tg.sticker_message_json(user_id)
    if kind == "photo":
        return tg.photo_message_json(user_id, caption=rng.choice((None, "Look!")))
    fields: dict[str, Any] = {
        "location": {"latitude": 51.5, "longitude": -0.12},
        "contact": {"phone_number": "+441234567890", "first_name": "Ana", "user_id": user_id},
        "voice": {"file_id": "AwAC1", "file_unique_id": "u1", "duration": 3},
        "video_note": {"file_id": "DQAC1", "file_unique_id": "v1", "length": 240, "duration": 2},
    }
    message = tg.message_json(tg.private_chat(user_id), tg.user(user_id), **{kind: fields[kind]})
    return tg.wrap_update("message", message)


class Tours:
    """The tours of one fuzzer (its world, its judges, its report's lists)."""

    def __init__(self, fuzzer: Fuzzer) -> None:
        self.f = fuzzer
        self.rng = fuzzer.rng
        self.findings: list[str] = []  # conversation steps that went wrong
        self.authority: list[str] = []  # refused commands that changed something
        self.probes: Counter[str] = Counter()
        self.newcomers = 0
        self.census: dict[str, int] = {}  # presses built, by kind

    # -- where a person is -------------------------------------------------------------------

    def state(self, name: str, user_id: int) -> int | None:
        """The state of `user_id`'s conversation `name` in their private chat, or None."""
        persistence = self.f.app.persistence
        records = getattr(persistence, "_records", {})
        entry = (records.get(user_id, {}).get("states") or {}).get(name, {}).get(str(user_id))
        return None if entry is None else entry.get("state")

    def said_to(self, mark: int, chat_id: int) -> bool:
        """Whether the bot showed anything in `chat_id` since `mark` (a message, an edit or a
        press's answer with text)."""
        for call in self.f.api.log.snapshot(mark):
            if not call.ok:
                continue
            if call.method == "answerCallbackQuery" and call.params.get("text"):
                return True
            if str(call.chat_id) == str(chat_id) and call in self.f.shown_since(mark):
                return True
        return False

    def latest_buttons(self, chat_id: int) -> list[Press]:
        """The buttons of the bot's latest message with buttons in a chat."""
        mine = [b for b in self.f.buttons if b.chat_id == chat_id]
        if not mine:
            return []
        # The buttons it shows now (an edit may have changed them since they were learned).
        last = mine[-1].message_id
        shown = self.f.api.simulator.message(chat_id, last) or {}
        rows = (shown.get("reply_markup") or {}).get("inline_keyboard") or []
        return [
            Press(chat_id, last, button["callback_data"])
            for row in rows
            for button in row
            if "callback_data" in button
        ]

    async def press_built(self, user_id: int, data: str) -> None:
        """Press a button with `data` built as the bot builds it, on the latest bot message in
        the person's chat (as a job's message, which the tour does not wait for, would be)."""
        message = self.f.api.simulator.last_message(user_id)
        await self.f.send(
            tg.callback_query_json(
                user_id,
                data,
                message_id=(message or {}).get("message_id"),
                message=message,
            )
        )

    # -- conversations -----------------------------------------------------------------------

    async def enter(self, name: str) -> int | None:
        """Start conversation `name` for someone who can have it; returns who, or None."""
        f, rng = self.f, self.rng
        from tests.support.fuzz import INSTRUCTORS, PARENTS, REPLY_PREFIX

        classes = await self.running_classes()
        if name == "joining":
            if not f.codes:
                return None
            self.newcomers += 1
            parent = 6000 + self.newcomers
            await f.send(tg.private_message_json(parent, f"/start {rng.choice(f.codes)}"))
            ok = [b for b in self.latest_buttons(parent) if b.data.startswith("jn:ok")]
            if not ok:
                return None
            await f.press(ok[0], parent)
            return parent
        if name in ("newclass", "weeknote", "announce"):
            instructor = rng.choice(INSTRUCTORS)
            await f.send(tg.private_message_json(instructor, f"/{name}"))
            return instructor
        if name in ("session_move", "class_venue") and classes:
            klass = rng.choice(classes)
            instructor = int(klass["instructor_id"])
            kind = MoveSession(klass["id"], 2) if name == "session_move" else VenueAsk(klass["id"])
            await self.press_built(instructor, encode(kind))
            return instructor
        if name == "feedback" and classes:
            klass = rng.choice(classes)
            members = [p for p in PARENTS if await f.store.get_member(klass["id"], p)]
            if not members:
                return None
            parent = rng.choice(members)
            await self.press_built(parent, encode(CourseFeedback(klass["id"], "tell")))
            return parent
        if name == "checkin":
            parent = rng.choice(PARENTS)
            await f.send(tg.private_message_json(parent, "/checkin"))
            return parent
        if name == "faq_reply":
            await f.reply_flow_question()
            for button in reversed(f.buttons):
                if button.data.startswith(REPLY_PREFIX) and button.chat_id in INSTRUCTORS:
                    await f.press(button, button.chat_id)
                    return button.chat_id
        return None

    async def running_classes(self) -> list[dict[str, Any]]:
        """The world's classes still running."""
        found = []
        for code in self.f.codes:
            klass = await self.f.store.class_by_code(code)
            if klass is not None and not klass.get("ended"):
                found.append(klass)
        return found

    async def advance(self, name: str, user_id: int) -> bool:
        """One plausible step: a button of the step, or a typed answer. False when the
        conversation is over for this person."""
        state = self.state(name, user_id)
        if state is None:
            return False
        buttons = [
            b
            for b in self.latest_buttons(user_id)
            if b.data.startswith(OWN_BUTTONS[name]) and not b.data.startswith(LEAVING)
        ]
        step = TYPED.get(name, {}).get(state)
        if buttons and (step is None or self.rng.random() < 0.5):
            await self.f.press(self.rng.choice(buttons), user_id)
        elif step is not None:
            await self.f.send(tg.private_message_json(user_id, self.rng.choice(step.answers)))
        else:
            return False
        return True

    async def conversation_tour(self) -> str:
        """Walk a conversation and, at a random step, do something people do; judged."""
        f, rng = self.f, self.rng
        name = rng.choice(sorted(TYPED))
        if f.clock_offset == timedelta(0) and name in ("checkin", "feedback"):
            # The check-in opens after the first session: the tour goes there and back.
            f.clock_offset = timedelta(days=rng.choice((12, 14, 17)))
        try:
            who = await self.enter(name)
            if who is None:
                return f"tour-{name}-not-entered"
            for _ in range(3):  # a picker first (which class? which week?), as for /weeknote
                if self.state(name, who) is not None:
                    break
                own = [
                    b
                    for b in self.latest_buttons(who)
                    if b.data.startswith(OWN_BUTTONS[name]) and not b.data.startswith(LEAVING)
                ]
                if not own:
                    break
                await f.press(rng.choice(own), who)
            for _ in range(rng.randrange(0, 8)):
                if not await self.advance(name, who):
                    return f"tour-{name}-ended"
            state = self.state(name, who)
            if state is None:
                return f"tour-{name}-ended"
            probe = rng.choice(("media", "edge", "edit", "restart"))
            self.probes[probe] += 1
            await getattr(self, f"_{probe}")(name, who, state)
            return f"tour-{name}"
        finally:
            f.clock_offset = timedelta(0)

    async def _media(self, name: str, who: int, state: int) -> None:
        """Something other than text where a step waits for text: answered, step kept."""
        if state not in TYPED[name]:
            return  # a step of buttons: what else comes is another feature's
        kind = self.rng.choice(MEDIA)
        mark = len(self.f.api.calls)
        await self.f.send(media_update(self.rng, who, kind), disk_full=False)
        if not self.said_to(mark, who):
            self.findings.append(f"{name} step {state}: a {kind} got no answer")
        # A photo may be an announcement's picture, a location a class's place or venue.
        if kind in ("sticker", "voice", "contact", "video_note"):
            after = self.state(name, who)
            if after != state:
                self.findings.append(f"{name} step {state}: a {kind} moved it to {after}")

    async def _edge(self, name: str, who: int, state: int) -> None:
        """A text at Telegram's edges: answered (the global judges see it was accepted)."""
        if state not in TYPED[name]:
            return
        mark = len(self.f.api.calls)
        await self.f.send(
            tg.private_message_json(who, self.rng.choice(EDGE_TEXTS)), disk_full=False
        )
        if not self.said_to(mark, who):
            self.findings.append(f"{name} step {state}: an edge text got no answer")

    async def _edit(self, name: str, who: int, state: int) -> None:
        """The text typed at the step before, edited: judged as every edit is."""
        typed = [m for m in self.f.said if m.get("chat", {}).get("id") == who]
        if typed:
            await self.f.edit(
                typed[-1], self.rng.choice(TYPED[name].get(state, Step(("ok",))).answers)
            )

    async def _restart(self, name: str, who: int, state: int) -> None:
        """The bot restarts mid-way: the step comes back from storage and takes the next answer."""
        await self.f.restart()
        after = self.state(name, who)
        if after != state:
            self.findings.append(f"{name} step {state}: after a restart at {after}")
            return
        mark = len(self.f.api.calls)
        if await self.advance(name, who) and not self.said_to(mark, who):
            self.findings.append(
                f"{name} step {state}: after a restart the next step went unanswered"
            )

    # -- authority ---------------------------------------------------------------------------

    async def authority_tour(self) -> str:
        """Someone without the role tries an instructor's or owner's command: answered, and
        nothing stored changes."""
        f, rng = self.f, self.rng
        from tests.support.fuzz import INSTRUCTORS, PARENTS, STRANGERS, _changed, _how

        commands = [c for c in f.app.bot_data["commands"] if c.role in ("instructor", "owner")]
        command = rng.choice(commands)
        who = rng.choice((*PARENTS, *STRANGERS, *(INSTRUCTORS if command.role == "owner" else ())))
        args = rng.choice(((), ("1",), ("1", "hello"), (rng.choice(f.codes or ["x"]),)))
        before = await f.snapshot()
        mark = len(f.api.calls)
        await f.send(tg.command_json(who, command.name, *args), disk_full=False)
        after = await f.snapshot()

        for table in _changed(before, after):
            self.authority.append(
                f"/{command.name} by a {command.role}-less person changed "
                f"{table.split('/', 2)[-1]} ({_how(before, after, table)})"
            )
        if not self.said_to(mark, who):
            self.authority.append(f"/{command.name} by a {command.role}-less person: no answer")
        return "authority"

    async def wrong_chat_tour(self) -> str:
        """A command where it does not belong (a private one in a group, a group one in the
        private chat), by anyone: answered, and nothing stored changes."""
        f, rng = self.f, self.rng
        from tests.support.fuzz import GROUPS, INSTRUCTORS, PARENTS, _changed, _how

        command = rng.choice(f.app.bot_data["commands"])
        who = rng.choice((*INSTRUCTORS, *PARENTS))
        if command.in_group and command.name in ("link", "unlink"):
            where = who  # a group's own command, sent in the private chat
        elif command.in_group:
            return "wrong-chat-none"  # at home anywhere
        else:
            where = rng.choice(GROUPS)
        before = await f.snapshot()
        mark = len(f.api.calls)
        update = tg.command_json(who, command.name, chat_id=where, mention_bot=where < 0)
        await f.send(update, disk_full=False)
        after = await f.snapshot()
        tried = f"/{command.name} in the {'group' if where < 0 else 'private chat'}"
        for table in _changed(before, after):
            if not table.endswith(("/groups_seen", "/chats")):
                how = _how(before, after, table)
                self.authority.append(f"{tried} changed {table.split('/', 2)[-1]} ({how})")
        if not self.said_to(mark, where):
            self.authority.append(f"{tried}: no answer")
        return "wrong-chat"

    # -- every kind of button ------------------------------------------------------------------

    async def census_tour(self) -> str:
        """A button of every kind, built as the bot builds it (the kinds least pressed first):
        pressed by someone it may be for, tapped twice, and pressed again a week later."""
        f, rng = self.f, self.rng
        from tests.support.fuzz import INSTRUCTORS, PARENTS, STRANGERS

        kinds = CODEC.kinds()
        fewest = min(self.census.get(k.head, 0) for k in kinds)
        kind = rng.choice([k for k in kinds if self.census.get(k.head, 0) == fewest])
        self.census[kind.head] = self.census.get(kind.head, 0) + 1
        classes = [k["id"] for k in await self.running_classes()]
        data = built(rng, kind, classes, f.codes, f.now())
        class_id = getattr(CODEC.decode(data), "class_id", None)
        who = rng.choice((*INSTRUCTORS, *PARENTS, *STRANGERS))
        if class_id is not None and rng.random() < 0.7:
            klass = await f.store.get_class(str(class_id))
            if klass is not None:
                members = [p for p in PARENTS if await f.store.get_member(klass["id"], p)]
                who = rng.choice([int(klass["instructor_id"]), *members])
        message = f.api.simulator.last_message(who) or {}
        button = Press(who, int(message.get("message_id") or 0), data)
        await f.press(button, who)
        await f.double_tap(button, who)
        f.clock_offset = timedelta(days=7, hours=rng.randrange(0, 48))
        try:
            await f.press(button, who)
            f.week_later.add(kind.head)
        finally:
            f.clock_offset = timedelta(0)
        return "census"

    # -- a week later --------------------------------------------------------------------------

    async def week_later_tour(self) -> str:
        """A week on, the oldest button of a kind the bot showed is pressed again."""
        f, rng = self.f, self.rng
        oldest: dict[str, Press] = {}
        for button in f.buttons:
            kind = kind_of(button.data)
            if kind is not None:
                oldest.setdefault(kind, button)
        if not oldest:
            return "week-later-none"
        kind = rng.choice(sorted(oldest))
        button = oldest[kind]
        f.clock_offset = timedelta(days=7, hours=rng.randrange(0, 48))
        try:
            presser = button.chat_id if button.chat_id > 0 else f._someone()
            await f.press(button, presser)
            f.week_later.add(kind)
        finally:
            f.clock_offset = timedelta(0)
        return "press-week-later"
