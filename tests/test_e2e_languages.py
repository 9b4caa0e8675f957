"""End to end, two languages in one English class, over the real `python bot.py run` process and
the fake Bot API: a Spanish-speaking and a German-speaking parent join through the join link
(their language is Telegram's `language_code`, as in production), ask about oil, and live through
a compressed one-session course (SCHEDULE_UNIT_SECONDS). Each reads every private message in
their own language: the joining, the FAQ answer, the reminders, the week's summary, the closing,
the check-in (invitation, questions, buttons, thank-you). The class group reads English; the
English-speaking instructor reads the Spanish parent's question as written with a gist in
English, and /checkins counts both parents' answers and lists both notes.

Which language a message is in is read from the content packs (`says(text, key, lang=...)`,
the FAQ and lesson packs), never from sentences written here.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from content.loader import Content
from content.texts import Texts
from handlers.checkin_common import days_label
from handlers.common import language_name
from storage.repo import Store
from tests.support.fake_api import FakeBotApi
from tests.support.fake_request import Call
from tests.support.process import BotProcess
from tests.support.says import says, shared_content

# Seconds per schedule unit: reminders 4 and 2 units before the session, the summary 1 after,
# the closing 2 after (one session: it is the last), the check-in invitation 3 after.
UNIT = 1.0
# The bot's second start must be up before the first reminder, 4 units before the session. A
# start takes 3-6 s, more on a 2-core machine loaded several times over: the first reminder is
# due this many times as long after the second start as the first start took to answer (and at
# least MIN_START after it). The second start is no slower (its models are cached by then).
START_MARGIN = 1.5
MIN_START = 6.0
CLASS_NAME = "Tuesday babies"
GROUP = -100_777_000
INSTRUCTOR = 700
# Every wait is bounded: the first answer after a start, a step the bot answers at once, and
# the course's messages.
START = 60.0
STEP = 20.0
COURSE = 60.0

Matcher = Callable[[Call], bool]
# The course's own messages (besides the lessons and the closing, from their own packs).
COURSE_KEYS = (
    "course.reminder_day_before",
    "course.reminder_today",
    "course.checkin_invite",
    "course.checkin_nudge",
)


@dataclass(frozen=True)
class Parent:
    """A parent, the language of their Telegram app, and what they type."""

    user_id: int
    lang: str
    first_name: str
    question: str
    note: str


SPANISH = Parent(
    701,
    "es",
    "Lucía",
    "¿qué aceite puedo usar?",
    "¿Es normal que se duerma durante el masaje de la barriga?",
)
GERMAN = Parent(
    702, "de", "Jonas", "Welches Öl soll ich nehmen?", "Sie schläft danach viel besser."
)
PARENTS = (SPANISH, GERMAN)


async def seed(data: Path, first: datetime) -> tuple[str, str]:
    """An instructor and an English one-session class with a linked group; no parents yet
    (they join through the link). Returns the class's join code and id."""
    store = Store(data)
    await store.open()
    try:
        invite = await store.create_invite(1)
        await store.use_invite(invite, INSTRUCTOR, "Maya")
        klass = await store.create_class(
            INSTRUCTOR,
            {
                "name": CLASS_NAME,
                "tz": "UTC",
                "lang": "en",
                "first_date": first.date().isoformat(),
                "start": first.time().isoformat(),
                "sessions": 1,
                "length_min": 1,
                "venue": "Hall",
                "moved": {},
                "cancelled": [],
                "ended_after": None,
                "times": {},
            },
        )
        await store.link_group(GROUP, klass["id"])
        return str(klass["code"]), str(klass["id"])
    finally:
        await store.close()


async def reschedule(data: Path, class_id: str, first: datetime) -> None:
    """Move the class's session to `first` (while the bot is down)."""
    store = Store(data)
    await store.open()
    try:
        changes = {"first_date": first.date().isoformat(), "start": first.time().isoformat()}
        await store.update_class(class_id, changes)
    finally:
        await store.close()


def buttons(call: Call) -> dict[str, str]:
    """The inline buttons on a sent or edited message: label -> callback data (or url)."""
    markup = call.params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return {
        b["text"]: b.get("callback_data") or b.get("url") or ""
        for row in markup.get("inline_keyboard", [])
        for b in row
    }


def saying(key: str, lang: str, *, method: str = "sendMessage", **fields: object) -> Matcher:
    """A matcher for calls whose text is message `key` in `lang` (and not in English, unless
    that is the language asked for)."""

    def match(call: Call) -> bool:
        text = call.text or ""
        if call.method != method or not says(text, key, lang=lang, **fields):
            return False
        return lang == "en" or not says(text, key, lang="en")

    return match


class Chat:
    """One parent's private chat with the bot, over the fake API."""

    def __init__(self, api: FakeBotApi, parent: Parent) -> None:
        self.api = api
        self.parent = parent
        self.texts: Texts = shared_content().texts_in(parent.lang)

    async def expect(
        self,
        key: str,
        *,
        since: int,
        method: str = "sendMessage",
        within: float = STEP,
        **fields: object,
    ) -> Call:
        """The bot's message `key`, in this parent's language, after `since` (within seconds)."""
        (call,) = await self.api.wait_for(
            saying(key, self.parent.lang, method=method, **fields),
            chat_id=self.parent.user_id,
            since=since,
            timeout=within,
        )
        return call

    def start_link(self, code: str) -> int:
        """The parent opens the class's join link: Telegram sends "/start <code>"; a mark to
        wait for the answer from. Every update carries their app's language, as Telegram's do."""
        mark = self.api.mark()
        p = self.parent
        self.api.push_command(
            p.user_id, "start", code, first_name=p.first_name, language_code=p.lang
        )
        return mark

    def type(self, text: str) -> int:
        """The parent types `text`; a mark to wait for the answer from."""
        mark = self.api.mark()
        p = self.parent
        self.api.push_message(p.user_id, text, first_name=p.first_name, language_code=p.lang)
        return mark

    def tap(self, call: Call, label: str) -> int:
        """The parent taps the button labelled `label` (it must be there) on the message that
        `call` sent or edited; a mark to wait for the answer from."""
        shown = buttons(call)
        assert label in shown, (label, list(shown))
        message_id = call.params.get("message_id") or call.result["message_id"]
        mark = self.api.mark()
        p = self.parent
        self.api.push_callback(
            p.user_id,
            shown[label],
            message_id=int(message_id),
            first_name=p.first_name,
            language_code=p.lang,
        )
        return mark


async def join(chat: Chat, consent: Call) -> None:
    """On from the join link's consent: joined, the baby's name (typed or skipped), all set."""
    texts = chat.texts
    mark = chat.tap(consent, texts.raw("joining.agree_button"))
    await chat.expect("joining.joined", since=mark, name=CLASS_NAME)
    ask_name = await chat.expect("joining.ask_baby_name", since=mark)
    if chat.parent is SPANISH:
        mark = chat.type("Martina")
        ask_birth = await chat.expect("joining.ask_baby_birth", since=mark, baby="Martina")
    else:
        mark = chat.tap(ask_name, texts.raw("joining.skip_button"))
        ask_birth = await chat.expect("joining.ask_baby_birth", since=mark)
    mark = chat.tap(ask_birth, texts.raw("joining.skip_button"))
    await chat.expect("joining.all_set", since=mark)


async def ask_about_oil(chat: Chat, content: Content) -> None:
    """The oil question in the parent's own words: the oil answer, in their language."""
    answer = await chat.expect("faq.answer", since=chat.type(chat.parent.question))
    assert content.faq_in(chat.parent.lang)["oil"].title in (answer.text or "")
    assert content.faq["oil"].title not in (answer.text or "")
    assert chat.texts.raw("faq.helpful") in buttons(answer)


async def check_in(chat: Chat, invitation: Call) -> Call:
    """The week's check-in from the invitation's button: every question on that message, its
    buttons and the thank-you in the parent's language; the note typed. Returns the thank-you
    under the note."""
    texts = chat.texts
    legs = texts.raw("checkin.area_legs")
    step = invitation
    for label, question in (
        (texts.raw("course.checkin_button"), "checkin.ask_days"),
        (days_label(texts, "3-4"), "checkin.ask_response"),
        (texts.raw("checkin.response_loved"), "checkin.ask_areas"),
        (legs, "checkin.ask_areas"),
        (texts.raw("checkin.done_button"), "checkin.ask_note"),
    ):
        mark = chat.tap(step, label)
        step = await chat.expect(question, method="editMessageText", since=mark)
        assert step.params["message_id"] == invitation.result["message_id"]
        if label == legs:  # ticked, in their words
            assert texts.raw("checkin.selected").format(label=legs) in buttons(step)
    mark = chat.type(chat.parent.note)
    await chat.expect("checkin.saved", method="editMessageText", since=mark)
    return await chat.expect("checkin.saved_short", since=mark)


async def test_spanish_and_german_parents_in_an_english_class(tmp_path: Path) -> None:
    content = shared_content()
    english = content.texts
    data = tmp_path / "data"
    code, class_id = await seed(data, datetime.now(UTC) + timedelta(hours=1))
    env = {"SCHEDULE_UNIT_SECONDS": str(UNIT), "OWNER_IDS": "1"}

    async with FakeBotApi() as api:
        chats = [Chat(api, p) for p in PARENTS]
        # Days before the class: both open the join link (as the bot starts) and join, and ask
        # about oil. However slowly this first start goes (models trained on a fresh machine),
        # nothing is due yet.
        started = time.monotonic()
        with BotProcess(api.base_url, data, **env) as bot:
            marks = [chat.start_link(code) for chat in chats]
            consents = [
                await chat.expect("joining.consent", since=mark, within=START)
                for chat, mark in zip(chats, marks, strict=True)
            ]
            up = time.monotonic() - started
            await asyncio.gather(
                *(join(c, consent) for c, consent in zip(chats, consents, strict=True))
            )
            await asyncio.gather(*(ask_about_oil(chat, content) for chat in chats))
            assert bot.terminate() == 0, bot.log()
        # The class comes closer (the bot is down, so its files can be changed): its session
        # is soon, and the bot starts again. Their language is what they saved.
        lead = 4 * UNIT + max(MIN_START, START_MARGIN * up)
        await reschedule(data, class_id, datetime.now(UTC) + timedelta(seconds=lead))
        with BotProcess(api.base_url, data, **env) as bot:
            # The course, each parent in their own language (they are in the class group too,
            # which speaks English: so their own copies come to them privately).
            invitations = {}
            for chat in chats:
                p = chat.parent
                lessons, outline = content.lessons_in(p.lang)
                for key in ("course.reminder_day_before", "course.reminder_today"):
                    await api.wait_for(
                        saying(key, p.lang, class_name=CLASS_NAME),
                        chat_id=p.user_id,
                        timeout=COURSE,
                    )
                (invitation,) = await api.wait_for(
                    saying("course.checkin_invite", p.lang, class_name=CLASS_NAME, week=1),
                    chat_id=p.user_id,
                    timeout=COURSE,
                )
                invitations[p.user_id] = invitation
                texts = api.texts_to(p.user_id)
                assert any(lessons[1].title in t for t in texts), texts  # the week's summary
                assert any(outline.closing[:40] in t for t in texts)  # the course's closing
                # Nothing of the course in English besides.
                assert not any(content.lessons[1].title in t for t in texts), texts
                assert not any(content.outline.closing[:40] in t for t in texts), texts
                for key in COURSE_KEYS:
                    assert not any(says(t, key) for t in texts), (key, texts)

            # The class group: English only.
            group = api.texts_to(GROUP)
            assert any(says(t, "course.reminder_day_before", class_name=CLASS_NAME) for t in group)
            assert any(content.lessons[1].title in t for t in group), group
            assert any(content.outline.closing[:40] in t for t in group)
            for lang in ("es", "de"):
                assert not any(content.lessons_in(lang)[0][1].title in t for t in group)

            # The check-in, both at once.
            mark = api.mark()
            thanks = await asyncio.gather(
                *(check_in(chat, invitations[chat.parent.user_id]) for chat in chats)
            )
            # The Spanish note asks something: passed on, and she is told so in Spanish.
            assert says(thanks[0].text or "", "checkin.passed_on", lang="es")
            assert not says(thanks[1].text or "", "checkin.passed_on", lang="de")

            # The instructor reads her words as written, with the bot's gist in English.
            (passed,) = await api.wait_for(
                saying("handoff.to_instructor_checkin", "en", name=SPANISH.first_name),
                chat_id=INSTRUCTOR,
                since=mark,
                timeout=STEP,
            )
            shown = passed.text or ""
            assert SPANISH.note in shown
            assert says(shown, "handoff.gist", language=language_name(english, "es")), shown
            assert any(entry.title in shown for entry in content.faq.values()), shown

            # /checkins: both families' answers counted, both notes listed.
            mark = api.mark()
            api.push_command(INSTRUCTOR, "checkins", first_name="Maya", language_code="en")
            (view,) = await api.wait_for(
                saying("checkin.view_rate", "en", answered=2, families=2),
                chat_id=INSTRUCTOR,
                since=mark,
                timeout=STEP,
            )
            report = view.text or ""
            three_four = days_label(english, "3-4")
            assert says(report, "checkin.view_count", label=three_four, count=2), report
            loved = english.raw("checkin.response_loved")
            assert says(report, "checkin.view_count", label=loved, count=2), report
            assert says(
                report, "checkin.view_note_question", name=SPANISH.first_name, note=SPANISH.note
            )
            assert says(report, "checkin.view_note", name=GERMAN.first_name, note=GERMAN.note)
            await api.wait_for("sendPhoto", chat_id=INSTRUCTOR, since=mark, timeout=60)
            assert bot.terminate() == 0, bot.log()
