"""The weekly check-in conversation through the real Application: the whole walk, changing an
answer, resuming after a restart, stale and forged buttons, notes (questions, limits, stickers),
/cancel, /mycheckins, and who may check in at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot import build_application, startup
from config import Settings
from content.loader import Content
from handlers import checkin
from storage.repo import Store
from tests.conftest import OWNER_ID, BotHarness, unpaced
from tests.support import updates as tg
from tests.support.fake_request import RecordingRequest
from tests.support.says import says

INSTRUCTOR = 500
ANA, BEN, CARA = 42, 43, 44
# A five-week class on Tuesdays at 10:00 London time, from 3 March 2026.
FIRST_DATE = "2026-03-03"
IN_WEEK_1 = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
IN_WEEK_2 = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)
BEFORE_START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


async def seed_class(
    store: Store,
    *,
    instructor: int = INSTRUCTOR,
    name: str = "Tuesday babies",
    first_date: str = FIRST_DATE,
    parents: tuple[tuple[int, str], ...] = ((ANA, "Ana"),),
) -> dict[str, Any]:
    """An instructor, their class and its parents (members who gave consent)."""
    if await store.get_instructor(instructor) is None:
        invite = await store.create_invite(OWNER_ID)
        await store.use_invite(invite, instructor, "Mia")
    klass = await store.create_class(
        instructor,
        {
            "name": name,
            "tz": "Europe/London",
            "first_date": first_date,
            "start": "10:00",
            "sessions": 5,
            "length_min": 60,
            "venue": "Village hall",
            "moved": {},
            "cancelled": [],
            "ended_after": None,
            "group_chat_id": None,
        },
    )
    for user_id, first_name in parents:
        await add_parent(store, klass["id"], user_id, first_name)
    return klass


async def add_parent(
    store: Store, class_id: str, user_id: int, first_name: str, *, family_of: int | None = None
) -> None:
    """Add a consenting parent (or, with family_of, a carer) to a class."""
    await store.update_user(user_id, {"consent": True, "first_name": first_name})
    await store.add_member(
        class_id,
        user_id,
        {
            "first_name": first_name,
            "role": "carer" if family_of else "parent",
            "family_of": family_of,
        },
    )


def set_clock(app: Any, when: datetime) -> None:
    """Make the bot believe it is `when` (the course's test clock, shared with the jobs)."""
    app.bot_data["clock"] = lambda: when


def keyboard_message(
    api: RecordingRequest, chat_id: int, prefix: str = "ci:"
) -> tuple[int, list[tuple[str, str]]]:
    """The id and buttons of the latest message in a chat with buttons of this module (other
    features' messages, such as an FAQ answer with its feedback buttons, are skipped)."""
    for call in reversed(api.calls):
        if not call.ok or str(call.chat_id) != str(chat_id):
            continue
        markup = call.params.get("reply_markup")
        if call.method not in ("sendMessage", "editMessageText"):
            continue
        if not isinstance(markup, dict) or not markup.get("inline_keyboard"):
            continue
        message_id = (
            call.result["message_id"] if call.method == "sendMessage" else call.params["message_id"]
        )
        buttons = [
            (b["text"], b.get("callback_data", ""))
            for row in markup["inline_keyboard"]
            for b in row
        ]
        if any(data.startswith(prefix) for _, data in buttons):
            return int(message_id), buttons
    raise AssertionError(f"no message with buttons in chat {chat_id}")


def data_of(buttons: list[tuple[str, str]], label: str) -> str:
    """The callback data of the button whose label contains `label`."""
    found = [data for text, data in buttons if label in text]
    assert found, f"no button {label!r} in {buttons}"
    return found[0]


async def tap(bot: BotHarness, user_id: int, label: str) -> None:
    """Press the button labelled `label` on the check-in message, as the parent's thumb would."""
    message_id, buttons = keyboard_message(bot.api, user_id)
    await bot.press(user_id, data_of(buttons, label), message_id=message_id)


def answers_to_buttons(api: RecordingRequest) -> list[str]:
    """The short texts shown in reply to button presses (pop-ups), in order."""
    return [
        str(c.params.get("text") or "")
        for c in api.calls
        if c.method == "answerCallbackQuery" and c.ok
    ]


def count(api: RecordingRequest, method: str, chat_id: int) -> int:
    return len([c for c in api.calls if c.ok and c.method == method and c.chat_id == chat_id])


async def saved_checkin(store: Store, user_id: int) -> dict[str, Any] | None:
    """The check-in under way as saved (with the person's conversations), or None."""
    record = await store.conversation_record(user_id) or {}
    return (record.get("data") or {}).get(checkin.CONVERSATION)


def later(app: Any, delta: timedelta) -> None:
    """Make the conversations' clock (their ages) run `delta` ahead of real time."""
    app.persistence.clock = lambda: datetime.now(UTC) + delta


async def walk_to_note(bot: BotHarness, user_id: int, days: str = "3–4") -> None:
    """/checkin, then days, "Loved it", Legs and feet, Done: the parent is at the note step."""
    await bot.say(user_id, "/checkin")
    await tap(bot, user_id, days)
    await tap(bot, user_id, "Loved it")
    await tap(bot, user_id, "Legs and feet")
    await tap(bot, user_id, "Done")


# -- the whole conversation ------------------------------------------------------------------


async def test_a_whole_checkin_by_buttons_edits_one_message(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    first_id, buttons = keyboard_message(bot.api, ANA)
    assert says(bot.last_text(ANA), "checkin.header", week=1, class_name="Tuesday babies")
    assert [label for label, _ in buttons][:4] == ["0", "1–2", "3–4", "5–7"]

    await tap(bot, ANA, "3–4")
    assert says(bot.last_text(ANA), "checkin.ask_response")
    assert says(bot.last_text(ANA), "checkin.recap_days", days="3–4")
    await tap(bot, ANA, "Loved it")
    assert says(bot.last_text(ANA), "checkin.ask_areas")
    await tap(bot, ANA, "Legs and feet")
    await tap(bot, ANA, "Tummy")
    await tap(bot, ANA, "Legs and feet")  # changed their mind: off again
    _, buttons = keyboard_message(bot.api, ANA)
    assert ("✓ Tummy" in [b for b, _ in buttons]) and ("Legs and feet" in [b for b, _ in buttons])
    await tap(bot, ANA, "Done")
    assert says(bot.last_text(ANA), "checkin.ask_note")
    await tap(bot, ANA, "Skip")

    assert says(bot.last_text(ANA), "checkin.saved", week=1)
    assert "Areas: Tummy" in bot.last_text(ANA)
    # One message, edited at every step; the last edit has no buttons left.
    assert count(bot.api, "sendMessage", ANA) == 1
    edits = [c for c in bot.api.calls if c.method == "editMessageText" and c.chat_id == ANA]
    assert {c.params["message_id"] for c in edits} == {first_id}
    assert "reply_markup" not in edits[-1].params
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert saved["user_id"] == ANA
    assert (saved["days"], saved["response"], saved["areas"]) == ("3-4", "loved", ["tummy"])
    assert saved["note"] is None
    assert await saved_checkin(bot.store, ANA) is None
    assert count(bot.api, "sendMessage", INSTRUCTOR) == 0


async def test_no_practice_skips_the_practice_questions_kindly(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    await tap(bot, ANA, "0")
    assert says(bot.last_text(ANA), "checkin.ask_note_zero")
    await tap(bot, ANA, "Skip")
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert (saved["days"], saved["response"], saved["areas"]) == ("0", None, [])
    assert "Areas" not in bot.last_text(ANA)


async def test_not_now_leaves_without_saving(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    await tap(bot, ANA, "Not now")
    assert says(bot.last_text(ANA), "checkin.later")
    assert await bot.store.checkins(klass["id"]) == []
    assert await saved_checkin(bot.store, ANA) is None


# -- notes -------------------------------------------------------------------------------------


async def test_a_note_with_a_question_goes_to_the_instructor(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.say(ANA, "Is it fine to massage after her <b>jabs</b>?", first_name="Ana")

    to_instructor = bot.last_text(INSTRUCTOR)
    assert says(to_instructor, "handoff.to_instructor_checkin", name="Ana")
    assert "&lt;b&gt;jabs&lt;/b&gt;" in to_instructor  # the parent's text stays text
    assert any(d.startswith("q:reply:") for _, d in bot.buttons(INSTRUCTOR))
    assert says(bot.last_text(ANA), "checkin.passed_on")
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "checkin" and question["user_id"] == ANA
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert saved["note"].startswith("Is it fine") and saved["areas"] == ["legs"]


async def test_ask_my_instructor_makes_any_note_a_question(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await tap(bot, ANA, "Ask my instructor")
    assert says(bot.last_text(ANA), "checkin.ask_question")
    await bot.say(ANA, "She cries during the tummy strokes")
    assert "She cries during the tummy strokes" in bot.last_text(INSTRUCTOR)
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert saved["asked"] is True


async def test_a_plain_note_is_kept_but_not_passed_on(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.say(ANA, "Lovely week, she slept so well.")
    assert count(bot.api, "sendMessage", INSTRUCTOR) == 0
    assert says(bot.last_text(ANA), "checkin.saved_short", week=1)
    assert await bot.store.questions(klass["id"]) == []
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert saved["note"] == "Lovely week, she slept so well." and saved["asked"] is False


async def test_an_emergency_in_a_note_gets_the_emergency_reply_first(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    before = len(bot.texts(ANA))
    await bot.say(ANA, "He went blue and is not breathing properly")
    after = bot.texts(ANA)[before:]
    assert "emergency" in after[0].lower() or "999" in after[0] or "112" in after[0]
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "urgent"
    assert count(bot.api, "sendMessage", INSTRUCTOR) == 1
    # The emergency is not taken as the note: the check-in waits, and resumes later.
    assert await bot.store.checkins(klass["id"], week=1) == []
    await bot.say(ANA, "All fine now, thank you.")
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert saved["note"] == "All fine now, thank you."


async def test_a_note_over_1000_characters_is_refused_with_the_limit(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.say(ANA, "🙂" * 4000)
    assert "1,000" in bot.last_text(ANA) and "4,000" in bot.last_text(ANA)
    await bot.say(ANA, "x" * 1001)
    assert "1,000" in bot.last_text(ANA)
    assert await bot.store.checkins(klass["id"]) == []
    # Still at the same step: a shorter note is taken.
    await bot.say(ANA, "x" * 1000)
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert len(saved["note"]) == 1000


async def test_a_sticker_or_photo_instead_of_the_note_gets_a_kind_reply(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.send(tg.sticker_message(ANA, bot=bot.app.bot))
    assert says(bot.last_text(ANA), "checkin.note_not_text")
    await bot.send(tg.photo_message(ANA, caption="look!", bot=bot.app.bot))
    assert says(bot.last_text(ANA), "checkin.note_not_text")
    assert (await saved_checkin(bot.store, ANA))["step"] == "note"
    await bot.say(ANA, "Happy week")
    assert (await bot.store.checkins(klass["id"], week=1))[0]["note"] == "Happy week"


async def test_text_outside_the_note_step_is_a_question_for_the_faq(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    before = len(bot.texts(ANA))
    await bot.say(ANA, "What oil should I use for baby massage?")
    assert len(bot.texts(ANA)) > before  # the FAQ answered
    assert await bot.store.checkins(klass["id"]) == []
    assert (await saved_checkin(bot.store, ANA))["step"] == "days"


async def test_a_note_step_left_long_ago_does_not_swallow_a_new_question(
    bot: BotHarness,
) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    later(bot.app, checkin.NOTE_WINDOW + timedelta(minutes=1))
    await bot.say(ANA, "What oil should I use for baby massage?")
    assert await bot.store.checkins(klass["id"]) == []
    # The buttons still finish it.
    await tap(bot, ANA, "Skip")
    assert await bot.store.checkins(klass["id"], week=1)


# -- changing, resuming, stale and forged buttons -----------------------------------------------


async def test_answers_can_be_changed_and_the_latest_counts(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.say(ANA, "Good week?")
    assert count(bot.api, "sendMessage", INSTRUCTOR) == 1

    await bot.say(ANA, "/checkin")
    assert says(bot.last_text(ANA), "checkin.changing")
    await tap(bot, ANA, "5–7")
    await tap(bot, ANA, "Mixed")
    await tap(bot, ANA, "Back")
    await tap(bot, ANA, "Done")
    await tap(bot, ANA, "Keep my earlier note")
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert (saved["days"], saved["response"], saved["areas"]) == ("5-7", "mixed", ["back"])
    assert saved["note"] == "Good week?"
    # The same question is not passed on twice.
    assert count(bot.api, "sendMessage", INSTRUCTOR) == 1


async def test_the_invitation_button_starts_on_the_invitation_itself(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    invitation = await bot.app.bot.send_message(ANA, "How did this week's massage go?")
    await bot.press(ANA, f"ci:start:{klass['id']}:1", message_id=invitation.message_id)
    message_id, _ = keyboard_message(bot.api, ANA)
    assert message_id == invitation.message_id
    assert says(bot.last_text(ANA), "checkin.ask_days")


async def test_old_invitations_and_finished_checkins_answer_kindly(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    finished_id, finished_buttons = keyboard_message(bot.api, ANA)
    await tap(bot, ANA, "Skip")
    calls = len(bot.api.calls)

    # The invitation again, for the week already answered.
    await bot.press(ANA, f"ci:start:{klass['id']}:1")
    assert says(answers_to_buttons(bot.api)[-1], "checkin.already_done", week=1)
    # A button of the finished check-in (a stale client still showing it).
    await bot.press(ANA, data_of(finished_buttons, "Skip"), message_id=finished_id)
    assert says(answers_to_buttons(bot.api)[-1], "checkin.stale_button")
    # Next week, last week's invitation.
    set_clock(bot.app, IN_WEEK_2)
    await bot.press(ANA, f"ci:start:{klass['id']}:1")
    assert says(answers_to_buttons(bot.api)[-1], "checkin.stale_week", week=1)

    methods = [c.method for c in bot.api.calls[calls:]]
    assert set(methods) == {"answerCallbackQuery"}, methods  # nothing sent or edited
    assert len(await bot.store.checkins(klass["id"])) == 1


async def test_a_double_tap_changes_nothing(bot: BotHarness) -> None:
    await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    message_id, buttons = keyboard_message(bot.api, ANA)
    await bot.press(ANA, data_of(buttons, "3–4"), message_id=message_id)
    await bot.press(ANA, data_of(buttons, "5–7"), message_id=message_id)
    state = await saved_checkin(bot.store, ANA)
    assert (state["step"], state["days"]) == ("response", "3-4")
    assert says(answers_to_buttons(bot.api)[-1], "checkin.stale_button")


async def test_forged_callback_data_changes_nothing(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    other = await seed_class(bot.store, name="Other class", parents=((BEN, "Ben"),))
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    message_id, _ = keyboard_message(bot.api, ANA)
    before = await saved_checkin(bot.store, ANA)
    cid = klass["id"]
    for data in (
        f"ci:d:{cid}:1:9",  # not a choice
        f"ci:r:{cid}:1:loved",  # a later step's button
        f"ci:d:{other['id']}:1:3-4",  # someone else's class
        f"ci:d:{cid}:2:3-4",  # another week
        "ci:d:../../etc:1:3-4",
        "ci:zz:" + "x" * 50,
        f"ci:start:{other['id']}:1",  # an invitation of a class she is not in
        "ci:pick:nope",
    ):
        await bot.press(ANA, data, message_id=message_id)
    assert await saved_checkin(bot.store, ANA) == before
    assert await bot.store.checkins(cid) == [] and await bot.store.checkins(other["id"]) == []
    assert len(answers_to_buttons(bot.api)) == 8
    assert count(bot.api, "editMessageText", ANA) == 0


async def test_a_week_that_passed_mid_checkin_is_not_saved(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    await tap(bot, ANA, "3–4")
    set_clock(bot.app, IN_WEEK_2)
    await tap(bot, ANA, "Loved it")
    assert says(answers_to_buttons(bot.api)[-1], "checkin.stale_week", week=1)
    assert await bot.store.checkins(klass["id"]) == []
    await bot.say(ANA, "/checkin")
    assert says(bot.last_text(ANA), "checkin.header", week=2)


async def run_bot(
    settings: Settings, content: Content, data: Path, steps: Callable[[BotHarness], Any]
) -> RecordingRequest:
    """Start a bot on the data folder `data` (in week 1), take `steps`, and stop it again."""
    settings = Settings(token=settings.token, owner_ids=settings.owner_ids, data_dir=data)
    store = Store(data)
    await store.open()
    api = RecordingRequest()
    app = build_application(settings, store, content, request=api, rate_limiter=unpaced())
    harness = BotHarness(app=app, api=api, store=store)

    async def collect(update: object, context: Any) -> None:
        harness.errors.append(context.error)

    app.add_error_handler(collect)
    set_clock(app, IN_WEEK_1)
    try:
        async with app:
            await startup(app)
            await steps(harness)
    finally:
        await store.close()
    assert not harness.errors, harness.errors
    return api


async def test_a_checkin_resumes_after_a_restart(
    settings: Settings, content: Content, tmp_path: Path
) -> None:
    """The bot stops mid-check-in and starts again on the same data folder: the next button
    press carries on at the same step."""
    data = tmp_path / "restart-data"

    async def run(steps: Callable[[BotHarness], Any]) -> RecordingRequest:
        return await run_bot(settings, content, data, steps)

    seeded: dict[str, Any] = {}
    shown: dict[str, Any] = {}

    async def before(b: BotHarness) -> None:
        seeded.update(await seed_class(b.store))
        await b.say(ANA, "/checkin")
        await tap(b, ANA, "1–2")
        shown["id"], shown["buttons"] = keyboard_message(b.api, ANA)

    async def after(b: BotHarness) -> None:
        # The first press after the restart is on the message the parent still sees.
        await b.press(ANA, data_of(shown["buttons"], "Mostly happy"), message_id=shown["id"])
        assert says(b.last_text(ANA), "checkin.ask_areas")
        await tap(b, ANA, "Face")
        await tap(b, ANA, "Done")
        await b.say(ANA, "Calmer this week.")
        (saved,) = await b.store.checkins(seeded["id"], week=1)
        assert (saved["days"], saved["response"], saved["areas"]) == ("1-2", "happy", ["face"])
        assert saved["note"] == "Calmer this week."

    await run(before)
    api = await run(after)
    edits = [c for c in api.calls if c.method == "editMessageText"]
    assert edits and all(c.params["message_id"] == shown["id"] for c in edits)


async def test_at_the_note_step_a_restart_still_takes_the_typed_note_and_cancel(
    settings: Settings, content: Content, tmp_path: Path
) -> None:
    data = tmp_path / "restart-data"
    seeded: dict[str, Any] = {}

    async def before(b: BotHarness) -> None:
        seeded.update(await seed_class(b.store, parents=((ANA, "Ana"), (BEN, "Ben"))))
        await walk_to_note(b, ANA)
        await walk_to_note(b, BEN)

    async def after(b: BotHarness) -> None:
        await b.say(ANA, "Calmer this week.")
        (saved,) = await b.store.checkins(seeded["id"], week=1)
        assert saved["note"] == "Calmer this week."
        await b.say(BEN, "/cancel")
        assert says(b.last_text(BEN), "checkin.cancelled")
        assert await saved_checkin(b.store, BEN) is None
        await b.say(BEN, "What oil should I use for baby massage?")  # a question again
        assert "oil" in b.last_text(BEN).lower()
        assert len(await b.store.checkins(seeded["id"], week=1)) == 1

    await run_bot(settings, content, data, before)
    await run_bot(settings, content, data, after)


async def test_a_stale_note_step_lets_another_conversation_have_the_text(
    bot: BotHarness,
) -> None:
    """Ana is a parent and an instructor. Her check-in was left at the note step long ago; what
    she types in the /announce composer is the announcement."""
    klass = await seed_class(bot.store)
    own = await seed_class(bot.store, instructor=ANA, name="Ana's class", parents=((BEN, "Ben"),))
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    later(bot.app, checkin.NOTE_WINDOW + timedelta(minutes=1))
    await bot.say(ANA, "/announce")
    await bot.press(ANA, "ann:aud:private")
    await bot.say(ANA, "Room 3 tomorrow")
    assert "Room 3 tomorrow" in bot.texts(ANA)[-2]  # the preview, as families will see it
    assert [d for _, d in bot.buttons(ANA)][:2] == ["ann:now", "ann:later"]
    assert await bot.store.checkins(klass["id"]) == []
    assert await bot.store.announcements(own["id"]) == []


async def test_after_forgetme_mid_checkin_text_and_cancel_are_not_the_checkins(
    bot: BotHarness,
) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.say(ANA, "/forgetme")
    await bot.press(ANA, "pv:forget:yes")
    shown = len(bot.texts(ANA))
    await bot.say(ANA, "/cancel")  # nothing of the check-in's is left to stop
    assert len(bot.texts(ANA)) == shown
    await bot.say(ANA, "What oil should I use for baby massage?")
    assert "oil" in bot.last_text(ANA).lower()
    assert await bot.store.checkins(klass["id"]) == []


async def test_cancel_leaves_the_checkin_and_saves_nothing(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.say(ANA, "/cancel")
    assert says(bot.last_text(ANA), "checkin.cancelled")
    assert await saved_checkin(bot.store, ANA) is None
    await bot.say(ANA, "Is tummy massage ok after feeding?")
    assert await bot.store.checkins(klass["id"]) == []


# -- who, where and when -----------------------------------------------------------------------


async def test_before_the_first_session_there_is_nothing_to_check_in(bot: BotHarness) -> None:
    await seed_class(bot.store)
    set_clock(bot.app, BEFORE_START)
    await bot.say(ANA, "/checkin")
    assert says(bot.last_text(ANA), "checkin.not_yet")
    assert "Tuesday 3 March at 10:00" in bot.last_text(ANA)


async def test_only_members_can_check_in(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(777, "/checkin")
    assert says(bot.last_text(777), "checkin.no_class")
    await bot.press(777, f"ci:start:{klass['id']}:1")
    assert says(answers_to_buttons(bot.api)[-1], "checkin.not_member")
    assert await saved_checkin(bot.store, 777) is None


async def test_a_parent_in_two_classes_chooses_first(bot: BotHarness) -> None:
    await seed_class(bot.store)
    second = await seed_class(bot.store, name="Thursday class", instructor=501)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    assert says(bot.last_text(ANA), "checkin.pick_class")
    await tap(bot, ANA, "Thursday class")
    assert says(bot.last_text(ANA), "checkin.header", week=1, class_name="Thursday class")
    assert count(bot.api, "sendMessage", ANA) == 1  # the choice became the check-in
    await tap(bot, ANA, "0")
    await tap(bot, ANA, "Skip")
    assert await bot.store.checkins(second["id"], week=1)


async def test_a_carer_can_check_in_too(bot: BotHarness) -> None:
    klass = await seed_class(bot.store)
    await add_parent(bot.store, klass["id"], BEN, "Ben", family_of=ANA)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(BEN, "/checkin")
    await tap(bot, BEN, "0")
    await tap(bot, BEN, "Skip")
    assert (await bot.store.checkins(klass["id"], week=1))[0]["user_id"] == BEN


async def test_checkin_in_a_group_points_to_the_private_chat(bot: BotHarness) -> None:
    await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.send(tg.group_command(-100123, ANA, "checkin", bot=bot.app.bot))
    assert says(bot.last_text(-100123), "core.private_only")
    await bot.send(tg.group_command(-100123, ANA, "mycheckins", bot=bot.app.bot))
    assert says(bot.last_text(-100123), "core.private_only")
    assert await saved_checkin(bot.store, ANA) is None


async def test_mycheckins_shows_only_my_own_history(bot: BotHarness) -> None:
    klass = await seed_class(bot.store, parents=((ANA, "Ana"), (BEN, "Ben")))
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/mycheckins")
    assert says(bot.last_text(ANA), "checkin.my_none")
    await bot.store.save_checkin(
        klass["id"], BEN, 1, {"days": "0", "response": None, "areas": [], "note": "Ben's secret"}
    )
    await walk_to_note(bot, ANA)
    await bot.say(ANA, "Ana's note")
    set_clock(bot.app, IN_WEEK_2)
    await bot.say(ANA, "/checkin")
    await tap(bot, ANA, "5–7")
    await tap(bot, ANA, "Not keen")
    await tap(bot, ANA, "Done")
    await tap(bot, ANA, "Skip")

    await bot.say(ANA, "/mycheckins")
    mine = bot.last_text(ANA)
    assert mine.index("Week 1") < mine.index("Week 2")
    assert (
        "Ana's note" in mine
        and says(mine, "checkin.response_notkeen")
        and says(mine, "checkin.response_loved")
    )
    assert "Ben" not in mine


async def test_checkin_again_resumes_below_and_retires_the_old_buttons(bot: BotHarness) -> None:
    await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    await tap(bot, ANA, "5–7")
    old_id, old_buttons = keyboard_message(bot.api, ANA)
    await bot.say(ANA, "/checkin")  # the message scrolled away: bring it back at the bottom
    new_id, _ = keyboard_message(bot.api, ANA)
    assert new_id != old_id
    assert says(bot.last_text(ANA), "checkin.recap_days", days="5–7") and says(
        bot.last_text(ANA), "checkin.ask_response"
    )
    stripped = [c for c in bot.api.calls if c.method == "editMessageReplyMarkup"]
    assert [c.params["message_id"] for c in stripped] == [old_id]
    # The old message's buttons no longer count.
    await bot.press(ANA, data_of(old_buttons, "Mixed"), message_id=old_id)
    assert says(answers_to_buttons(bot.api)[-1], "checkin.stale_button")
    assert (await saved_checkin(bot.store, ANA))["step"] == "response"
    await tap(bot, ANA, "Mixed")
    assert (await saved_checkin(bot.store, ANA))["response"] == "mixed"


async def test_a_week_old_step_on_a_message_without_buttons_asks_telegram_nothing_it_refuses(
    bot: BotHarness,
) -> None:
    await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await bot.say(ANA, "/checkin")
    message_id, buttons = keyboard_message(bot.api, ANA)
    await bot.press(ANA, data_of(buttons, "3–4"), message_id=message_id)
    # The message's buttons are gone already (taken off by another path) when, a week on, a
    # step of it is pressed: nothing is left to take off.
    await bot.app.bot.edit_message_reply_markup(ANA, message_id, reply_markup=None)
    _, shown = keyboard_message(bot.api, ANA)
    set_clock(bot.app, IN_WEEK_2)
    calls = len(bot.api.calls)
    await bot.press(ANA, data_of(shown, "Loved"), message_id=message_id)
    assert all(c.ok for c in bot.api.calls[calls:]), bot.api.calls[calls:]
    assert says(answers_to_buttons(bot.api)[-1], "checkin.stale_week", week=1)


async def test_an_edited_note_that_asked_something_updates_the_question_and_repeats_nothing(
    bot: BotHarness,
) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.say(ANA, "Is it fine to massage after her jabs?", message_id=5151)
    data = tg.private_message_json(ANA, "Is it fine to massage the day after her jabs?")
    data["edited_message"] = data.pop("message")
    data["edited_message"].update(message_id=5151, edit_date=tg.now_ts())
    await bot.send(tg.to_update(data, bot.app.bot))
    (question,) = await bot.store.questions(klass["id"])  # not passed on a second time
    assert question["text"] == "Is it fine to massage the day after her jabs?"
    assert says(bot.last_text(INSTRUCTOR), "handoff.edited") and "day after" in bot.last_text(
        INSTRUCTOR
    )
    assert len(await bot.store.checkins(klass["id"], week=1)) == 1


async def test_checkin_in_the_group_during_a_checkin_leaves_no_step_waiting_there(
    bot: BotHarness,
) -> None:
    klass = await seed_class(bot.store)
    set_clock(bot.app, IN_WEEK_1)
    await walk_to_note(bot, ANA)
    await bot.send(tg.group_command(-4242, ANA, "checkin", bot=bot.app.bot))
    assert says(bot.last_text(-4242), "core.private_only")
    await bot.app.update_persistence()
    record = (await bot.store.conversation_records()).get(ANA) or {}
    chats = {chat for entries in (record.get("states") or {}).values() for chat in entries}
    assert chats == {str(ANA)}, record  # the check-in waits in the private chat only
    await bot.say(ANA, "She loved it")
    (saved,) = await bot.store.checkins(klass["id"], week=1)
    assert saved["note"] == "She loved it"
