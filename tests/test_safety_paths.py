"""The safety net on every path a message can take, through the real Application: the private
chat, each free-text step of a conversation, the class group, edited messages; the right numbers
for the class's country; honest words about who was told; a language the bot cannot read."""

from __future__ import annotations

from typing import Any

import pytest

from content.loader import Content
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import says
from tests.test_announce import GROUP as ANNOUNCE_GROUP
from tests.test_announce import INSTR, make_class, make_instructor
from tests.test_joining import PARENT
from tests.test_newclass import INSTRUCTOR, data_of, last_shown, seed_class
from tests.test_sessions import INSTRUCTOR as SESSIONS_INSTRUCTOR
from tests.test_sessions import open_sessions

EMERGENCY = "my baby has gone grey and floppy and I can't wake her"
GROUP = -100_555_000_111


async def member(bot: BotHarness, **class_changes: Any) -> dict[str, Any]:
    """A class (in London unless changed) with Ana as a parent in it."""
    klass = await seed_class(bot, **class_changes)
    await bot.store.update_user(PARENT, {"consent": True, "first_name": "Ana"})
    await bot.store.add_member(klass["id"], PARENT, {"first_name": "Ana", "role": "parent"})
    return klass


def urgent_reply(bot: BotHarness, chat_id: int) -> str:
    """The emergency reply the chat got (it must be there)."""
    replies = [t for t in bot.texts(chat_id) if "may be an emergency" in t]
    assert replies, bot.texts(chat_id)
    return replies[0]


async def test_private_emergency_first_numbers_of_the_country_and_instructor_told(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.say(PARENT, EMERGENCY)
    texts = bot.texts(PARENT)
    assert "Call 999" in texts[0] and "NHS 111" in texts[0]
    assert "Ines" in texts[-1]  # told only once the instructor really got it
    assert "🚨" in bot.last_text(INSTRUCTOR) and EMERGENCY[:20] in bot.last_text(INSTRUCTOR)
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "urgent"


async def test_a_class_in_sydney_gets_000_and_one_in_new_zealand_111(bot: BotHarness) -> None:
    await member(bot, tz="Australia/Sydney")
    await bot.say(PARENT, EMERGENCY)
    assert "Call 000" in urgent_reply(bot, PARENT)
    other = 3_777_000_999
    klass = await seed_class(bot, tz="Pacific/Auckland", name="Auckland babies")
    await bot.store.update_user(other, {"consent": True, "first_name": "Mere"})
    await bot.store.add_member(klass["id"], other, {"first_name": "Mere", "role": "parent"})
    await bot.say(other, "he swallowed a button battery from the remote")
    assert "Call 111" in urgent_reply(bot, other)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "my chest is so painful and my left arm is numb, baby is on the bed next to me"),
        ("es", "me duele mucho el pecho y tengo el brazo izquierdo dormido, estoy sola con ella"),
    ],
)
async def test_a_parents_own_emergency_is_told_to_put_the_baby_down_not_to_give_its_age(
    bot: BotHarness, content: Content, lang: str, message: str
) -> None:
    # "Say your baby's age" is the wrong thing to tell a mother having a heart attack.
    await member(bot)
    await bot.say(PARENT, message)
    reply = bot.texts(PARENT)[0]
    numbers = content.safety.numbers("GB")
    assert reply == content.safety.render("urgent", lang, numbers, "adult")
    assert reply != content.safety.render("urgent", lang, numbers)
    assert "🚨" in bot.last_text(INSTRUCTOR)


async def test_a_parent_in_no_class_gets_the_generic_numbers_and_no_false_promise(
    bot: BotHarness,
) -> None:
    await bot.say(PARENT, EMERGENCY)
    (reply,) = bot.texts(PARENT)
    assert "112" in reply and "999" in reply and "911" in reply
    assert "instructor" not in reply.lower()


async def test_an_instructors_own_emergency_names_the_numbers_where_they_teach(
    bot: BotHarness,
) -> None:
    await seed_class(bot, tz="Australia/Sydney")
    await bot.say(INSTRUCTOR, "my own baby just went blue and limp")
    reply = urgent_reply(bot, INSTRUCTOR)
    assert "Call 000" in reply and "911" not in reply


async def test_an_unreachable_instructor_is_not_claimed_as_told(bot: BotHarness) -> None:
    await member(bot)
    bot.api.fail_next("sendMessage", error_code=403, chat_id=INSTRUCTOR)
    await bot.say(PARENT, EMERGENCY)
    assert "Ines" not in bot.last_text(PARENT)
    assert "call for help yourself" in bot.last_text(PARENT)


async def test_a_parent_in_crisis_gets_the_crisis_line_and_the_instructor_is_told(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.say(PARENT, "I can't do this anymore, they'd all be better off without me")
    first = bot.texts(PARENT)[0]
    assert "Samaritans" in first and "999" in first
    assert "Sources" not in first  # never a topic answer
    assert "struggling" in bot.last_text(INSTRUCTOR)
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "crisis"


async def test_an_emergency_at_the_end_of_a_long_message_is_seen(bot: BotHarness) -> None:
    await member(bot)
    await bot.say(
        PARENT, "We loved the class and the leg strokes. " * 60 + "now he's not breathing"
    )
    assert "Call 999" in urgent_reply(bot, PARENT)
    # The instructor sees the sentence that raised the alarm, not only the start.
    assert "not breathing" in bot.last_text(INSTRUCTOR)


async def test_the_instructor_sees_the_emergency_inside_a_long_message_or_an_emoji_flood(
    bot: BotHarness,
) -> None:
    await member(bot)
    news = "We had a lovely week, the leg strokes went well and my mum came to visit. "
    await bot.say(PARENT, news * 15 + "Oh and right now he is not breathing properly. " + news * 15)
    alert = bot.last_text(INSTRUCTOR)
    assert "🚨" in alert and "he is not breathing properly" in alert and "…" in alert
    await bot.say(PARENT, "😍" * 1500 + " she isn't breathing " + "😍" * 1500)
    assert "she isn't breathing" in bot.last_text(INSTRUCTOR)


async def test_during_joining_an_emergency_is_not_taken_as_the_babys_name(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}", first_name="Ana")
    await bot.press(PARENT, f"jn:ok:{klass['code']}", first_name="Ana")
    assert says(last_shown(bot, PARENT), "joining.ask_baby_name")
    await bot.say(PARENT, "baby not breathing")
    assert "Call 999" in urgent_reply(bot, PARENT)
    assert says(bot.last_text(INSTRUCTOR), "handoff.to_instructor_urgent")
    user = await bot.store.get_user(PARENT)
    assert "baby_name" not in user
    # The conversation is still where it was: the next answer is the name.
    await bot.say(PARENT, "Leo")
    assert "when was Leo born?" in last_shown(bot, PARENT)


async def test_during_newclass_an_emergency_is_answered_and_the_step_kept(
    bot: BotHarness,
) -> None:
    await seed_class(bot)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "my son just fell off the changing table and hit his head")
    assert "may be an emergency" in bot.last_text(INSTRUCTOR)
    classes = await bot.store.classes_of_instructor(INSTRUCTOR)
    assert all("changing table" not in k["name"] for k in classes)


async def test_an_instructors_reply_that_describes_an_emergency_is_answered_first(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.say(PARENT, "is there parking near the hall?")
    (question,) = await bot.store.questions(klass["id"])
    await bot.press(INSTRUCTOR, f"q:reply:{klass['id']}:{question['qid']}")
    before = len(bot.texts(PARENT))
    await bot.say(INSTRUCTOR, "sorry, can't answer now, my own baby is choking")
    assert "may be an emergency" in bot.last_text(INSTRUCTOR)
    assert len(bot.texts(PARENT)) == before  # the emergency was not relayed as the answer


async def test_in_the_group_an_emergency_is_answered_there_and_the_instructor_told(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.store.link_group(GROUP, klass["id"])
    text = f"@{tg.BOT_USERNAME} help, she swallowed some of the dishwasher tablet"
    await bot.send(tg.group_message(GROUP, PARENT, text, bot=bot.app.bot))
    assert "Call 999" in urgent_reply(bot, GROUP)
    assert says(bot.last_text(INSTRUCTOR), "handoff.to_instructor_urgent")
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "urgent"


async def test_a_crisis_told_in_the_group_is_answered_in_private(bot: BotHarness) -> None:
    klass = await member(bot)
    await bot.store.link_group(GROUP, klass["id"])
    text = f"@{tg.BOT_USERNAME} honestly I can't go on anymore, they'd all be better off without me"
    await bot.send(tg.group_message(GROUP, PARENT, text, bot=bot.app.bot))
    # The crisis line and who was told go to the parent alone; the class reads one warm line
    # with the emergency number.
    (line,) = bot.texts(GROUP)
    assert "Ana" in line and "999" in line and "Samaritans" not in line
    private = bot.texts(PARENT)
    assert "Samaritans (116 123)" in private[0] and "Ines" in private[-1]
    assert "struggling" in bot.last_text(INSTRUCTOR)
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "crisis"


async def test_a_crisis_in_the_group_from_a_parent_the_bot_cannot_write_to_is_answered_there(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.store.link_group(GROUP, klass["id"])
    bot.api.simulator.blocked(PARENT)
    text = f"@{tg.BOT_USERNAME} I can't do this anymore, I want to disappear for good"
    await bot.send(tg.group_message(GROUP, PARENT, text, bot=bot.app.bot))
    assert any("Samaritans (116 123)" in reply for reply in bot.texts(GROUP))
    assert "struggling" in bot.last_text(INSTRUCTOR)


async def test_an_edited_message_is_checked_too(bot: BotHarness) -> None:
    await member(bot)
    data = tg.private_message_json(PARENT, "his lips are going blue and he's gasping")
    data["edited_message"] = data.pop("message")
    data["edited_message"]["edit_date"] = tg.now_ts()
    await bot.send(tg.to_update(data, bot.app.bot))
    assert "Call 999" in urgent_reply(bot, PARENT)


async def test_a_spanish_emergency_is_answered_in_spanish(bot: BotHarness) -> None:
    await member(bot, tz="Europe/Madrid")
    await bot.say(PARENT, "mi bebé no respira y está morado")
    first = bot.texts(PARENT)[0]
    assert "112" in first
    assert "emergencia" in first.lower()


async def test_a_language_the_faq_cannot_read_gets_a_line_in_it_and_goes_on(
    bot: BotHarness,
) -> None:
    klass = await member(bot, tz="Europe/Stockholm")
    await bot.say(PARENT, "Hej! Kan vi komma en halvtimme senare på tisdag, min bebis sover då?")
    # The line with the number comes first, on its own; then that it was passed on.
    line, passed_on = bot.texts(PARENT)[-2:]
    assert "112" in line and "nödsituation" in line and "112" not in passed_on
    # It may be a parent in crisis whose words the rules cannot read: Sweden's crisis line too.
    assert "90101" in line and "orkar" in line
    assert says(bot.last_text(INSTRUCTOR), "handoff.to_instructor_unread")
    (question,) = await bot.store.questions(klass["id"])
    assert question["source"] == "unread"


async def test_a_crisis_the_bot_cannot_read_gets_the_crisis_line_in_simple_english(
    bot: BotHarness,
) -> None:
    # Esperanto has no line of its own: the emergency and crisis lines come in simple English.
    await member(bot, tz="Europe/London")
    await bot.say(PARENT, "Mi ne plu povas elteni, mi volas malaperi por ĉiam kaj neniu helpas min")
    line = bot.texts(PARENT)[-2]
    assert "999" in line and "Samaritans (116 123)" in line


async def test_where_a_country_has_no_crisis_line_the_unread_line_names_the_emergency_only(
    bot: BotHarness,
) -> None:
    await member(bot, tz="Europe/Istanbul")
    await bot.say(PARENT, "Merhaba, salı günü yarım saat geç gelebilir miyiz? Bebeğim uyuyor")
    line = bot.texts(PARENT)[-2]
    assert "112" in line and "📞" not in line and "{crisis}" not in line


async def test_questions_lists_emergencies_first_and_marked(bot: BotHarness) -> None:
    klass = await member(bot)
    await bot.say(PARENT, "is there parking near the hall?")
    await bot.say(PARENT, EMERGENCY)
    await bot.say(INSTRUCTOR, "/questions")
    listed = [t for t in bot.texts(INSTRUCTOR) if "Ana" in t and klass["name"] in t][-2:]
    assert listed[0].startswith("🚨") and "grey" in listed[0]
    assert listed[1].startswith("❓") and "parking" in listed[1]
    assert data_of(bot, INSTRUCTOR)


async def test_at_the_birth_date_step_an_emergency_is_answered_and_the_step_kept(
    bot: BotHarness,
) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}", first_name="Ana")
    await bot.press(PARENT, f"jn:ok:{klass['code']}", first_name="Ana")
    await bot.say(PARENT, "Leo")
    assert "when was Leo born?" in last_shown(bot, PARENT)
    await bot.say(PARENT, "he just rolled off the bed and hit his head on the floor")
    assert "Call 999" in urgent_reply(bot, PARENT)
    assert says(bot.last_text(INSTRUCTOR), "handoff.to_instructor_urgent")
    assert "baby_birth" not in (await bot.store.get_user(PARENT))


async def test_while_announcing_an_emergency_is_answered_and_nothing_is_drafted(
    bot: BotHarness,
) -> None:
    await make_instructor(bot.store, INSTR)
    cid = await make_class(bot.store)
    await bot.say(INSTR, "/announce")
    await bot.press(INSTR, "ann:aud:both")
    await bot.say(INSTR, "sorry everyone, my son is having a seizure, we'll have to cancel")
    assert "may be an emergency" in bot.last_text(INSTR)
    assert await bot.store.announcements(cid) == []
    assert not bot.api.sent("sendMessage", ANNOUNCE_GROUP)  # nothing reached the group


def edited(user_id: int, text: str, bot: BotHarness) -> Any:
    """A private message edited after it was sent."""
    data = tg.private_message_json(user_id, text)
    data["edited_message"] = data.pop("message")
    data["edited_message"]["edit_date"] = tg.now_ts()
    return tg.to_update(data, bot.app.bot)


async def test_an_edit_that_is_not_an_emergency_repeats_nothing(bot: BotHarness) -> None:
    klass = await member(bot)
    await bot.say(PARENT, "is there parking near the hall?")
    calls = len(bot.api.calls)
    await bot.send(edited(PARENT, "is there parking near the hall? and a lift?", bot))
    await bot.send(edited(PARENT, "/mydata", bot))
    assert len(bot.api.calls) == calls  # no second hand-off, no second file, no reply
    assert len(await bot.store.questions(klass["id"])) == 1


async def test_an_edited_question_takes_the_new_wording_and_is_not_passed_on_twice(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.say(PARENT, "is there parking near the hall?", message_id=4242)
    data = tg.private_message_json(PARENT, "is there parking near the hall, and is it free?")
    data["edited_message"] = data.pop("message")
    data["edited_message"].update(message_id=4242, edit_date=tg.now_ts())
    await bot.send(tg.to_update(data, bot.app.bot))
    (question,) = await bot.store.questions(klass["id"])
    assert question["text"] == "is there parking near the hall, and is it free?"
    _passed_on, changed = bot.api.sent("sendMessage", INSTRUCTOR)
    assert says(changed["text"], "handoff.edited") and "is it free" in changed["text"]


async def test_the_instructor_hears_of_an_edited_question_in_their_own_language(
    bot: BotHarness,
) -> None:
    await member(bot)
    await bot.store.update_user(INSTRUCTOR, {"lang": "es"})
    await bot.say(PARENT, "is there parking near the hall?", message_id=4244)
    data = tg.private_message_json(PARENT, "is there parking near the hall, and is it free?")
    data["edited_message"] = data.pop("message")
    data["edited_message"].update(message_id=4244, edit_date=tg.now_ts())
    await bot.send(tg.to_update(data, bot.app.bot))
    _passed_on, changed = bot.api.sent("sendMessage", INSTRUCTOR)
    assert says(changed["text"], "handoff.edited", lang="es"), changed["text"]


async def test_a_question_edited_to_great_length_is_kept_as_short_as_a_new_one(
    bot: BotHarness,
) -> None:
    klass = await member(bot)
    await bot.say(PARENT, "is there parking near the hall?", message_id=4243)
    data = tg.private_message_json(PARENT, "is there parking near the hall? " + "😀" * 2040)
    data["edited_message"] = data.pop("message")
    data["edited_message"].update(message_id=4243, edit_date=tg.now_ts())
    await bot.send(tg.to_update(data, bot.app.bot))
    (question,) = await bot.store.questions(klass["id"])
    # As a new question would be: the run of emoji shown three times, nothing past the limit.
    assert question["text"] == "is there parking near the hall? 😀😀😀…"
    # The instructor sees it, and their /questions lists it: nothing Telegram would refuse.
    await bot.say(INSTRUCTOR, "/questions")
    assert "is there parking" in bot.last_text(INSTRUCTOR)
    assert all(c.ok for c in bot.api.calls), [c.summary for c in bot.api.calls if not c.ok]


async def test_a_question_the_faq_cannot_read_is_answered_wholly_in_its_language(
    bot: BotHarness,
) -> None:
    # Italian: the safety net reads it, the FAQ does not. The safety line and the hand-off
    # come in Italian, with the class country's number.
    await member(bot, tz="Europe/Rome")
    await bot.say(PARENT, "Ciao, possiamo arrivare mezz'ora più tardi martedì prossimo?")
    line, passed_on = bot.texts(PARENT)[-2:]
    assert "112" in line and "Ines" in passed_on
    assert "instructor" not in line + passed_on  # no English line in an Italian reply


async def test_a_spanish_question_the_faq_has_no_answer_for_is_passed_on_in_spanish(
    bot: BotHarness,
) -> None:
    await member(bot, tz="Europe/Madrid")
    await bot.say(PARENT, "Hola, ¿podemos llegar media hora más tarde el martes?")
    reply = bot.last_text(PARENT)
    assert "Ines" in reply
    assert reply.startswith("No tengo una buena respuesta")  # Spanish, no English line
    assert "llegar media hora" in bot.last_text(INSTRUCTOR)


async def test_at_the_time_zone_step_an_emergency_is_answered_and_not_read_as_a_place(
    bot: BotHarness,
) -> None:
    from tests.test_places import _walk_to_time_zone

    await _walk_to_time_zone(bot)
    await bot.say(INSTRUCTOR, "help my baby isn't breathing properly and her lips are blue")
    assert "may be an emergency" in bot.last_text(INSTRUCTOR)
    await bot.say(INSTRUCTOR, "Munich")  # the step is still waiting for the place
    assert says(last_shown(bot, INSTRUCTOR), "core.zone_label", place="Munich", country="Germany")


async def test_a_note_to_the_instructor_that_is_an_emergency_is_answered_first_and_told(
    bot: BotHarness,
) -> None:
    from tests.test_feedback import closing

    class_id = await closing(bot)
    await bot.press(201, f"fb:{class_id}:tell")
    await bot.say(201, "my baby isn't breathing")
    assert "may be an emergency" in urgent_reply(bot, 201)
    instructor = (await bot.store.get_class(class_id) or {})["instructor_id"]
    assert any("🚨" in t for t in bot.texts(instructor))
    member = await bot.store.get_member(class_id, 201) or {}
    assert not member.get("feedback_note")  # not kept as course feedback


async def test_a_spanish_emergency_in_the_group_is_answered_there_in_spanish(
    bot: BotHarness,
) -> None:
    klass = await member(bot, tz="Europe/Madrid")
    await bot.store.link_group(GROUP, klass["id"])
    await bot.send(
        tg.group_message(
            GROUP, PARENT, "@iaim_test_bot mi bebé no respira, está morado", bot=bot.app.bot
        )
    )
    reply = next(t for t in bot.texts(GROUP) if "112" in t)
    assert "emergencia" in reply.lower()  # Spanish, not Portuguese
    instructor = (await bot.store.get_class(klass["id"]) or {})["instructor_id"]
    alert = next(t for t in bot.texts(instructor) if "🚨" in t)
    # The heading names the emergency; the gist says only the language, not "no topic fits".
    assert says(alert, "handoff.gist_language", language="Spanish")
    assert not says(alert, "handoff.gist_unmatched", language="Spanish")


def test_the_numbers_are_joined_in_the_replys_own_language(content: Content) -> None:
    pack = content.safety
    generic = pack.numbers(None)
    assert "112, 999 o 911" in pack.render("urgent", "es", generic)
    assert "999 oder 112" in pack.render("urgent", "de", pack.numbers("GB"))
    assert "112, 999 or 911" in pack.render("urgent", "en", generic)
    assert " or " not in pack.render("urgent", "fr", generic)


async def test_at_the_announcement_time_step_an_emergency_is_answered_and_nothing_scheduled(
    bot: BotHarness,
) -> None:
    await make_instructor(bot.store, INSTR)
    cid = await make_class(bot.store)
    await bot.say(INSTR, "/announce")
    await bot.press(INSTR, "ann:aud:both")
    await bot.say(INSTR, "Bring a towel on Tuesday")
    await bot.press(INSTR, "ann:later")
    await bot.say(INSTR, "my baby isn't breathing")
    assert "may be an emergency" in bot.last_text(INSTR)
    assert all(a.get("status") != "scheduled" for a in await bot.store.announcements(cid))


async def test_at_the_session_move_step_an_emergency_is_answered_and_nothing_moved(
    bot: BotHarness,
) -> None:
    cid = await open_sessions(bot, "2026-03-04T12:00")
    await bot.press(SESSIONS_INSTRUCTOR, f"ses:mv:{cid}:2")
    await bot.say(SESSIONS_INSTRUCTOR, "my baby isn't breathing")
    assert "may be an emergency" in bot.last_text(SESSIONS_INSTRUCTOR)
    assert not (await bot.store.get_class(cid)).get("moved")


async def test_a_red_flag_asked_about_ahead_gets_the_number_first_and_then_an_answer(
    bot: BotHarness,
) -> None:
    klass = await member(bot, tz="Australia/Sydney")
    await bot.say(PARENT, "what do I do if she ever chokes on a grape?")
    first, *rest = bot.texts(PARENT)
    assert "If this is an emergency, call 000" in first
    assert rest and not any("may be an emergency" in t for t in rest)  # no emergency reply
    assert not any("🚨" in t for t in bot.texts(INSTRUCTOR))  # nobody was alarmed
    assert all(q["source"] != "urgent" for q in await bot.store.questions(klass["id"]))


async def test_an_edit_that_adds_a_red_flag_asked_ahead_gets_the_number_too(
    bot: BotHarness,
) -> None:
    await member(bot, tz="Australia/Sydney")
    await bot.say(PARENT, "what do I do if she ever gets something stuck?")
    before = len(bot.texts(PARENT))
    await bot.send(edited(PARENT, "what do I do if she ever chokes on a grape?", bot))
    assert any("If this is an emergency, call 000" in t for t in bot.texts(PARENT)[before:])


async def test_an_everyday_question_and_a_group_story_get_no_number_line(bot: BotHarness) -> None:
    klass = await member(bot)
    await bot.say(PARENT, "is it ok to massage her legs after a bath?")
    # A red flag a frame gives to someone else (the cat) is not the baby's: no line either.
    await bot.say(PARENT, "our cat swallowed a hair tie, the vet says she's fine")
    await bot.store.link_group(GROUP, klass["id"])
    story = f"@{tg.BOT_USERNAME} what do I do if she ever chokes on a grape?"
    await bot.send(tg.group_message(GROUP, PARENT, story, bot=bot.app.bot))
    assert bot.texts(PARENT) and bot.texts(GROUP)
    assert not any("If this is an emergency" in t for t in [*bot.texts(PARENT), *bot.texts(GROUP)])
