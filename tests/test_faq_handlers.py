"""Questions in the chat: answers, candidates, hand-off to the instructor and the reply back,
emergencies first, the /faq menu, and the group's manners."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import Key, says

INSTRUCTOR = 500
PARENT = 600
STRANGER = 700
ROOT = Path(__file__).resolve().parent.parent


async def setup_class(bot: BotHarness, group: int | None = None) -> dict:
    store = bot.store
    code = await store.create_invite(1001)
    await store.use_invite(code, INSTRUCTOR, "Maria")
    klass = await store.create_class(INSTRUCTOR, {"name": "Tuesday babies", "tz": "Europe/London"})
    await store.update_user(PARENT, {"consent": True, "first_name": "Ana"})
    await store.add_member(klass["id"], PARENT, {"first_name": "Ana", "role": "parent"})
    if group is not None:
        await store.link_group(group, klass["id"])
    return klass


async def test_a_clear_question_gets_the_answer_sources_and_feedback_buttons(
    bot: BotHarness,
) -> None:
    await bot.say(PARENT, "is coconut oil ok for my baby's massage?")
    text = bot.last_text(PARENT)
    assert "Sources:" in text
    assert "oil" in text.lower()
    labels = [label for label, _ in bot.buttons(PARENT)]
    assert any("Helpful" in label for label in labels)
    assert any(says(label, "faq.not_helpful") for label in labels)


async def test_feedback_is_counted_once_and_not_helpful_offers_the_instructor(
    bot: BotHarness,
) -> None:
    await setup_class(bot)
    await bot.say(PARENT, "how long should I wait after a feed before massaging her tummy")
    data = dict((d, label) for label, d in bot.buttons(PARENT))
    not_helpful = next(d for d in data if d.endswith(":0"))
    await bot.press(PARENT, not_helpful)
    assert says(bot.last_text(PARENT), "faq.sorry_not_helpful")
    fid = not_helpful.split(":")[2]
    assert (await bot.store.faq_feedback())[fid] == (0, 1)
    # The buttons were removed from the answer, so the vote cannot be repeated from there.
    assert any(c.method == "editMessageReplyMarkup" for c in bot.api.calls)
    await bot.press(PARENT, "faq:pass")
    # The answer did not help: the original question goes to the instructor, word for word.
    assert "wait after a feed" in bot.last_text(INSTRUCTOR)
    assert says(bot.last_text(PARENT), "faq.passed_on", instructor="Maria")


async def test_a_story_told_at_length_gets_a_heart_and_the_choice_to_pass_it_on(
    bot: BotHarness,
) -> None:
    await setup_class(bot)
    story = "the dog sat by her on the rug the entire time watching every stroke like a supervisor"
    await bot.say(PARENT, story)
    # News with nothing asked: a heart and one line, and the instructor's evening is left alone.
    assert bot.api.sent("setMessageReaction", PARENT)
    assert says(bot.last_text(PARENT), "everyday.unasked")
    assert bot.texts(INSTRUCTOR) == []
    # The parent meant a question after all: one tap passes the story on, word for word.
    await bot.press(PARENT, "faq:pass")
    assert "watching every stroke" in bot.last_text(INSTRUCTOR)
    assert says(bot.last_text(PARENT), "faq.passed_on", instructor="Maria")


async def test_the_groups_button_opens_the_private_chat_on_the_whole_answer(
    bot: BotHarness,
) -> None:
    await setup_class(bot, group=-100_777)
    text = f"@{tg.BOT_USERNAME} is coconut oil ok?"
    await bot.send(tg.group_message(-100_777, PARENT, text, bot=bot.app.bot))
    (url,) = [u for _, u in bot.buttons(-100_777)]
    payload = url.split("?start=")[1]
    await bot.say(PARENT, f"/start {payload}")
    assert "Sources:" in bot.last_text(PARENT) and "oil" in bot.last_text(PARENT).lower()


async def test_an_unanswerable_question_goes_to_the_instructor_and_the_reply_comes_back(
    bot: BotHarness,
) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "is there parking near the church hall <b>& is it free</b>?")
    assert says(bot.last_text(PARENT), "faq.passed_on", instructor="Maria")
    to_instructor = bot.last_text(INSTRUCTOR)
    assert "&lt;b&gt;&amp; is it free&lt;/b&gt;" in to_instructor  # parent's text escaped
    (open_q,) = await bot.store.questions(klass["id"])
    reply_data = f"q:reply:{klass['id']}:{open_q['qid']}"
    assert ("↩️ Reply", reply_data) in bot.buttons(INSTRUCTOR)

    # A parent cannot press the instructor's Reply button (e.g. a forged callback).
    await bot.press(PARENT, reply_data)
    assert (await bot.store.questions(klass["id"]))[0]["qid"] == open_q["qid"]

    await bot.press(INSTRUCTOR, reply_data)
    assert says(bot.last_text(INSTRUCTOR), "faq.type_reply")
    await bot.send(tg.sticker_message(INSTRUCTOR, bot=bot.app.bot))
    assert says(bot.last_text(INSTRUCTOR), "faq.reply_needs_text")
    await bot.say(INSTRUCTOR, "Yes, free parking behind the hall.")
    assert "free parking behind the hall" in bot.last_text(PARENT)
    assert "Sent to Ana" in bot.last_text(INSTRUCTOR)
    assert await bot.store.questions(klass["id"]) == []


async def test_questions_lists_open_questions_only_for_instructors(bot: BotHarness) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "what's the wifi password at the venue")
    await bot.say(INSTRUCTOR, "/questions")
    assert "wifi password" in bot.last_text(INSTRUCTOR)
    await bot.say(PARENT, "/questions")
    assert says(bot.last_text(PARENT), "core.not_allowed", who=Key("core.who_instructor"))
    other_code = await bot.store.create_invite(1001)
    await bot.store.use_invite(other_code, 501, "Other")
    (q,) = await bot.store.questions(klass["id"])
    await bot.press(501, f"q:reply:{klass['id']}:{q['qid']}")
    assert not any(says(t, "faq.type_reply") for t in bot.texts(501))


async def test_an_emergency_gets_the_emergency_reply_first_and_the_instructor_is_told(
    bot: BotHarness,
) -> None:
    await setup_class(bot)
    await bot.say(PARENT, "help my baby is turning blue and not breathing properly")
    first = bot.texts(PARENT)[0]
    assert "emergency" in first.lower() or "999" in first or "112" in first
    assert says(bot.last_text(INSTRUCTOR), "handoff.to_instructor_urgent")


async def test_a_parent_in_no_class_still_gets_answers_and_is_told_there_is_no_instructor(
    bot: BotHarness,
) -> None:
    await bot.say(STRANGER, "can I use olive oil")
    assert "Sources:" in bot.last_text(STRANGER)
    await bot.say(STRANGER, "can you help me with my tax return")
    assert says(bot.last_text(STRANGER), "faq.no_instructor")
    assert await bot.store.get_user(STRANGER) is None  # nothing stored without consent


async def test_odd_input_gets_a_kind_reply(bot: BotHarness) -> None:
    await bot.say(PARENT, "😀" * 4000)
    # A wall of emoji is a feeling, not a question: it gets a reaction, and nobody is bothered.
    assert bot.api.sent("setMessageReaction", PARENT)
    assert not bot.texts(INSTRUCTOR)
    await bot.send(tg.sticker_message(PARENT, bot=bot.app.bot))
    assert says(bot.last_text(PARENT), "faq.not_text")
    # A "?" alone asks for words; the instructor is not sent a question with nothing in it.
    await bot.say(PARENT, "??")
    assert says(bot.last_text(PARENT), "faq.say_more")
    assert not bot.texts(INSTRUCTOR)


async def test_the_faq_menu_walks_categories_and_back(bot: BotHarness) -> None:
    await bot.say(PARENT, "/faq")
    cats = bot.buttons(PARENT)
    assert len(cats) == 5
    msg_id = bot.api.calls[-1].result["message_id"]
    await bot.press(PARENT, "faq:cat:safety", message_chat_id=PARENT, message_id=msg_id)
    entries = bot.buttons(PARENT)
    assert any(d.startswith("faq:show:") for _, d in entries)
    show = next(d for _, d in entries if d.startswith("faq:show:"))
    await bot.press(PARENT, show, message_chat_id=PARENT, message_id=msg_id)
    assert "Sources:" in bot.last_text(PARENT)
    assert ("⬅️ Back", "faq:cat:safety") in bot.buttons(PARENT)
    await bot.press(PARENT, "faq:show:not-a-topic", message_chat_id=PARENT, message_id=msg_id)
    alert = bot.api.calls[-1]
    assert alert.method == "answerCallbackQuery" and alert.params.get("show_alert")


async def test_in_a_group_the_bot_ignores_chatter_and_answers_when_addressed(
    bot: BotHarness,
) -> None:
    group = -4001
    await setup_class(bot, group=group)
    await bot.send(tg.group_message(group, PARENT, "is coconut oil ok?", bot=bot.app.bot))
    assert bot.texts(group) == []
    await bot.send(
        tg.group_message(group, PARENT, "@iaim_test_bot is coconut oil ok?", bot=bot.app.bot)
    )
    assert says(bot.last_text(group), "faq.group_short")
    assert any(d.startswith("https://t.me/iaim_test_bot") for _, d in bot.buttons(group))
    await bot.send(tg.group_command(group, PARENT, "faq", bot=bot.app.bot))
    assert says(bot.last_text(group), "faq.group_menu")


async def test_in_a_group_thanks_get_a_heart_and_an_absence_reaches_the_instructor(
    bot: BotHarness,
) -> None:
    group = -4002
    await setup_class(bot, group=group)
    thanks = "@iaim_test_bot thank you for the handout, lovely class today"
    await bot.send(tg.group_message(group, PARENT, thanks, bot=bot.app.bot))
    assert bot.api.sent("setMessageReaction", group)
    assert bot.texts(group) == [] and bot.texts(INSTRUCTOR) == []
    away = "@iaim_test_bot Leo has a cold, we won't make it on Tuesday"
    await bot.send(tg.group_message(group, PARENT, away, bot=bot.app.bot))
    assert "Maria" in bot.last_text(group)
    (line,) = bot.api.sent("sendMessage", INSTRUCTOR)
    assert "won't make it" in line["text"] and line.get("disable_notification") is True
    # A plain-word request for a screen of one's own is not answered in the group.
    await bot.send(
        tg.group_message(group, PARENT, "@iaim_test_bot change my settings", bot=bot.app.bot)
    )
    assert says(bot.last_text(group), "faq.group_unsure")


def test_cli_ask_prints_json_lines_from_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "ask", "--json", "-"],
        input=(
            "is coconut oil ok\nwhat's the weather tomorrow\n"
            "i can't go on, they'd be better off without me\nmi bebé no respira\n"
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["oil", None, "crisis", "urgent"]
    assert [r["intent"] for r in rows] == ["question", "question", "crisis", "urgent"]
    assert [r["lang"] for r in rows] == ["en", "en", "en", "es"]
    assert set(rows[0]) == {"question", "id", "intent", "lang", "score", "candidates"}


async def test_a_long_reply_is_refused_kindly_and_a_long_question_quoted_briefly(
    bot: BotHarness,
) -> None:
    klass = await setup_class(bot)
    long_question = "is there parking near the hall? " + "we come by car. " * 80
    await bot.say(PARENT, long_question)
    (q,) = await bot.store.questions(klass["id"])
    await bot.press(INSTRUCTOR, f"q:reply:{klass['id']}:{q['qid']}")
    await bot.say(INSTRUCTOR, "x" * 3500)
    assert "over 3000 characters" in bot.last_text(INSTRUCTOR)
    assert len(await bot.store.questions(klass["id"])) == 1  # still open, nothing sent
    await bot.say(INSTRUCTOR, "Yes, behind the hall. " * 120)  # long, but within the limit
    reply = bot.last_text(PARENT)
    assert "behind the hall" in reply and "…" in reply
    assert len(reply) <= 4096
    assert await bot.store.questions(klass["id"]) == []


async def test_thanks_and_news_get_a_reaction_and_never_reach_the_instructor(
    bot: BotHarness,
) -> None:
    klass = await setup_class(bot)
    await bot.store.update_user(PARENT, {"baby_name": "Olive"})
    for text in [
        "thank you!",
        "👍",
        "good morning",
        "she slept 5 hours!",
        "Olive loved her massage today",
    ]:
        await bot.say(PARENT, text)
    assert len(bot.api.sent("setMessageReaction", PARENT)) == 5
    assert not bot.texts(INSTRUCTOR)
    assert await bot.store.questions(klass["id"]) == []
    assert not any("Sources:" in t for t in bot.texts(PARENT))  # no oil answer for Olive


async def test_a_message_that_thanks_and_asks_is_answered_as_a_question(bot: BotHarness) -> None:
    await setup_class(bot)
    await bot.say(PARENT, "thanks so much! is coconut oil ok for her?")
    assert "Sources:" in bot.last_text(PARENT)


async def test_an_absence_thanks_the_parent_and_tells_the_instructor_quietly(
    bot: BotHarness,
) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "Leo has a cold, we won't make it on Tuesday")
    assert "Maria" in bot.last_text(PARENT)
    (line,) = bot.api.sent("sendMessage", INSTRUCTOR)
    assert "won't make it" in line["text"] and line.get("disable_notification") is True
    assert await bot.store.questions(klass["id"]) == []


async def test_plain_words_requests_do_what_the_command_does(bot: BotHarness) -> None:
    await setup_class(bot)
    await bot.say(PARENT, "please delete my data")
    assert "/forgetme" in bot.last_text(PARENT)
    await bot.say(PARENT, "i want to leave the class")
    assert "/leave" in bot.last_text(PARENT)
    before = len(bot.texts(PARENT))
    await bot.say(PARENT, "can you stop the reminders")
    assert len(bot.texts(PARENT)) > before and not bot.texts(INSTRUCTOR)


@pytest.mark.parametrize(
    "asked", ["could you switch the bot to Spanish please", "can you write to me in German?"]
)
async def test_asking_for_another_language_offers_the_language_buttons(
    bot: BotHarness, asked: str
) -> None:
    await setup_class(bot)
    await bot.say(PARENT, asked)
    labels = [label for label, _ in bot.buttons(PARENT)]
    assert "Español" in labels and "Deutsch" in labels
    await bot.say(PARENT, "can you stop the reminders")
    assert "Español" not in [label for label, _ in bot.buttons(PARENT)]


async def test_the_instructor_can_answer_with_telegrams_own_reply(bot: BotHarness) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "is there parking near the church hall?")
    (sent,) = [c for c in bot.api.calls if c.method == "sendMessage" and c.chat_id == INSTRUCTOR]
    passed_on = sent.result["message_id"]
    reply_to = tg.private_message_json(INSTRUCTOR, "x")["message"]
    reply_to.update(message_id=passed_on, text=sent.text)
    reply_to["from"] = tg.bot_user()
    await bot.say(INSTRUCTOR, "Yes, behind the hall, free after 9", reply_to_message=reply_to)
    assert "behind the hall" in bot.last_text(PARENT)
    (question,) = await bot.store.questions(klass["id"], open_only=False)
    assert question["answered"] is True


async def test_a_question_at_night_reaches_the_instructor_silently_an_emergency_rings(
    bot: BotHarness,
) -> None:
    await setup_class(bot)  # London, default quiet hours 21:00 to 08:00
    bot.app.bot_data["clock"] = lambda: datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
    await bot.say(PARENT, "is there parking near the church hall?")
    await bot.say(PARENT, "he's gone blue and isn't breathing")
    # A message the bot cannot read may be an emergency it could not see: it rings too.
    await bot.say(PARENT, "bebeğim nefes almıyor ve morardı, ne yapmalıyım")
    question, emergency, unread = bot.api.sent("sendMessage", INSTRUCTOR)
    assert question.get("disable_notification") is True
    assert not emergency.get("disable_notification")
    assert says(unread["text"], "handoff.to_instructor_unread")
    assert not unread.get("disable_notification")
    bot.app.bot_data["clock"] = lambda: datetime(2026, 12, 2, 11, 0, tzinfo=UTC)
    await bot.say(PARENT, "what's the wifi password at the hall?")
    sent = bot.api.sent("sendMessage", INSTRUCTOR)
    assert len(sent) == 4 and not sent[-1].get("disable_notification")


async def test_a_reply_of_2048_emoji_is_measured_as_telegram_does(bot: BotHarness) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "is there parking near the church hall?")
    (q,) = await bot.store.questions(klass["id"])
    await bot.press(INSTRUCTOR, f"q:reply:{klass['id']}:{q['qid']}")
    await bot.say(INSTRUCTOR, "😀" * 2048)  # 2,048 characters, 4,096 UTF-16 units
    assert "over 3000 characters" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Yes, behind the hall 😀")
    assert "behind the hall" in bot.last_text(PARENT)


async def test_cancel_while_replying_sends_nothing_and_the_question_stays_open(
    bot: BotHarness,
) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "is there parking near the church hall?")
    (q,) = await bot.store.questions(klass["id"])
    await bot.press(INSTRUCTOR, f"q:reply:{klass['id']}:{q['qid']}")
    sent_before = len(bot.texts(PARENT))
    await bot.say(INSTRUCTOR, "/cancel")
    assert "stopped" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Yes, behind the hall")  # no longer a reply
    assert len(bot.texts(PARENT)) == sent_before
    assert [x["qid"] for x in await bot.store.questions(klass["id"])] == [q["qid"]]


async def test_a_reply_to_a_class_deleted_meanwhile_is_refused_kindly(bot: BotHarness) -> None:
    klass = await setup_class(bot)
    await bot.say(PARENT, "is there parking near the church hall?")
    (q,) = await bot.store.questions(klass["id"])
    await bot.press(INSTRUCTOR, f"q:reply:{klass['id']}:{q['qid']}")
    await bot.store.delete_class(klass["id"])
    await bot.say(INSTRUCTOR, "Yes, behind the hall")
    assert says(bot.last_text(INSTRUCTOR), "faq.question_gone")


async def test_a_double_tap_on_helpful_counts_one_vote(bot: BotHarness) -> None:
    await setup_class(bot)
    await bot.say(PARENT, "how long should I wait after a feed before massaging her tummy")
    helpful = next(d for _, d in bot.buttons(PARENT) if d.endswith(":1"))
    message = bot.api.simulator.message_with_button(PARENT, helpful)
    for _ in range(2):  # the second tap carries the message as the first one left it
        shown = bot.api.simulator.message(PARENT, message["message_id"])
        await bot.press(PARENT, helpful, message=shown)
    assert (await bot.store.faq_feedback())[helpful.split(":")[2]] == (1, 0)
    assert all(c.ok for c in bot.api.calls), [c.summary() for c in bot.api.calls if not c.ok]
