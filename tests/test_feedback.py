"""The closing message: one screen, the feedback question with answer buttons and "Tell
<instructor>"; answers are kept, shown to the instructor and exported."""

from __future__ import annotations

import csv
import io

from content.screen import PHONE_LINES, visible_lines
from reports.csv_export import roster_csv
from tests.conftest import BotHarness
from tests.support.says import says
from tests.test_course_jobs import GROUP, INSTRUCTOR, at, make_class, run_at, schedule


async def closing(bot: BotHarness) -> str:
    """A 3-session class run to its closing message (after session 3 on 17 March)."""
    class_id = await make_class(bot)
    await schedule(bot, class_id, at("2026-03-17T12:00"))
    await run_at(bot, class_id, at("2026-03-17T13:30"))
    return class_id


async def test_the_closing_message_is_one_screen_with_answer_buttons(bot: BotHarness) -> None:
    class_id = await closing(bot)
    (private,) = [m for m in bot.api.sent("sendMessage", 201) if "end of the course" in m["text"]]
    assert visible_lines(private["text"]) <= PHONE_LINES
    assert private["text"].rstrip().endswith("how was the course for you and your baby?</b>")
    labels = [label for label, _ in bot.buttons(201)]
    assert labels == ["😍 Loved it", "🙂 Good", "😐 Mixed", "✍️ Tell Maya"]
    # In the group "Tell Maya" opens the private chat: nobody types feedback in the group.
    group_buttons = dict(bot.buttons(GROUP))
    assert group_buttons["✍️ Tell Maya"].endswith(f"?start=fb_{class_id}")
    assert group_buttons["😍 Loved it"] == f"fb:{class_id}:loved"


async def test_an_answer_is_kept_told_to_the_instructor_and_exported(bot: BotHarness) -> None:
    class_id = await closing(bot)
    await bot.press(201, f"fb:{class_id}:loved", message_chat_id=GROUP)
    member = await bot.store.get_member(class_id, 201)
    assert member["feedback"] == "loved"
    assert says(bot.last_text(INSTRUCTOR), "course.feedback_loved")
    # Nothing about who answered what is posted in the group.
    assert not any("Loved" in t for t in bot.texts(GROUP))
    await bot.press(201, f"fb:{class_id}:tell")
    assert says(bot.last_text(201), "course.feedback_ask_note", instructor="Maya")
    await bot.say(201, "The tummy strokes saved our evenings <3")
    assert says(bot.last_text(201), "course.feedback_note_saved", instructor="Maya")
    assert "The tummy strokes saved our evenings &lt;3" in bot.last_text(INSTRUCTOR)
    members = await bot.store.members(class_id)
    rows = list(
        csv.DictReader(
            io.StringIO(roster_csv(members, bot.app.bot_data["content"].texts).decode("utf-8-sig"))
        )
    )
    mine = next(r for r in rows if r["user_id"] == "201")
    assert (mine["course_feedback"], mine["feedback_note"]) == (
        "Loved it",
        "The tummy strokes saved our evenings <3",
    )


async def test_tell_from_the_group_link_and_strangers_are_refused(bot: BotHarness) -> None:
    class_id = await closing(bot)
    await bot.say(201, f"/start fb_{class_id}")
    assert says(bot.last_text(201), "course.feedback_ask_note", instructor="Maya")
    await bot.say(201, "/cancel")
    assert says(bot.last_text(201), "course.feedback_cancelled")
    assert (await bot.store.get_member(class_id, 201)).get("feedback_note") is None
    await bot.press(999, f"fb:{class_id}:good", message_chat_id=GROUP)
    alerts = [c.params.get("text") for c in bot.api.calls if c.method == "answerCallbackQuery"]
    assert says(alerts[-1], "course.feedback_not_member")
    await bot.say(999, f"/start fb_{class_id}")
    assert says(bot.last_text(999), "core.no_class")


async def test_a_spanish_familys_answer_reaches_an_english_instructor_in_english(
    bot: BotHarness,
) -> None:
    from tests.test_course_jobs import add_person

    class_id = await make_class(bot)
    await add_person(bot.store, class_id, 204, lang="es")
    await schedule(bot, class_id, at("2026-03-17T12:00"))
    await run_at(bot, class_id, at("2026-03-17T13:30"))
    await bot.press(204, f"fb:{class_id}:loved")
    assert says(bot.last_text(INSTRUCTOR), "course.feedback_loved")  # English, as they read
    # A French family's absence: the parent's words as written, framed as English is (French
    # puts a space before a colon).
    await add_person(bot.store, class_id, 205, lang="fr")
    await bot.say(205, "on ne pourra pas venir mardi prochain, désolée")
    assert "on ne pourra pas venir" in bot.last_text(INSTRUCTOR)
    assert " : " not in bot.last_text(INSTRUCTOR)
