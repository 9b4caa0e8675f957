"""Everything the bot says in a class group is in the class's language (issue 16, "Languages"):
answers to mentions and replies, the newcomers' greeting, commands, the course's messages and
buttons, the emergency reply (unless the message is written in another language we have replies
in), and the linking itself. Whoever writes there, in whatever language Telegram says they use;
what goes privately to the instructor stays in theirs. Through the real Application.

Here the class speaks Spanish, its instructor reads German and the parents' Telegram is English.
"""

from __future__ import annotations

from typing import Any

from content.loader import Content
from domain.buttons import FEEDBACK_ANSWERS
from jobs.course_messages import closing_messages
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import says
from tests.test_course_jobs import GROUP, INSTRUCTOR, at, make_class, run_at, schedule, set_clock
from tests.test_sessions import alert

PARENT = 201  # in the class, no language of their own


async def spanish_class(bot: BotHarness, **fields: Any) -> str:
    """The class of `make_class` (Tuesdays from 3 March 2026 in London, group linked, parents
    201-203), speaking Spanish in its group, with a German-reading instructor."""
    cid = await make_class(bot, lang="es", **fields)
    await bot.store.update_user(INSTRUCTOR, {"lang": "de"})
    return cid


def english_parent_says(bot: BotHarness, text: str, **fields: Any) -> Any:
    """An update: the parent, whose Telegram is in English, writes `text` in the group."""
    return tg.group_message(GROUP, PARENT, text, bot=bot.app.bot, **fields)


async def test_a_mention_or_a_reply_to_the_bot_is_answered_in_the_class_language(
    bot: BotHarness,
) -> None:
    await spanish_class(bot)
    await bot.send(english_parent_says(bot, f"@{tg.BOT_USERNAME} ok?"))
    assert says(bot.last_text(GROUP), "faq.group_unsure", lang="es")
    labels = [label for label, _ in bot.buttons(GROUP)]
    assert labels == [bot_texts(bot, "es").raw("faq.continue_private")]
    # A reply to one of the bot's messages is addressed to it too.
    bots = tg.message_json(tg.group_chat(GROUP), tg.bot_user(), text="¿Algo más?")
    await bot.send(english_parent_says(bot, "ok?", reply_to_message=bots))
    assert says(bot.last_text(GROUP), "faq.group_unsure", lang="es")
    # A question written in another language we read is answered in that language.
    await bot.send(
        english_parent_says(
            bot,
            f"@{tg.BOT_USERNAME} est-ce que je peux utiliser de l'huile de coco pour le massage ?",
        )
    )
    assert says(bot.last_text(GROUP), "faq.group_short", lang="fr")


async def test_newcomers_are_greeted_in_the_class_language(bot: BotHarness) -> None:
    await spanish_class(bot)
    await bot.send(tg.new_chat_members_message(GROUP, 5001, first_name="Cleo", bot=bot.app.bot))
    assert says(bot.last_text(GROUP), "groups.greet", lang="es", names="Cleo")
    assert [label for label, _ in bot.buttons(GROUP)] == [
        bot_texts(bot, "es").raw("groups.join_button")
    ]


async def test_commands_in_the_group_are_answered_in_the_class_language(bot: BotHarness) -> None:
    await spanish_class(bot)
    set_clock(bot, at("2026-03-02T12:00"))
    for command, key in [
        ("help", "core.help_header"),
        ("faq", "faq.group_menu"),
        ("privacy", "privacy.privacy_group"),
        ("settings", "core.private_only"),  # a private chat's command: pointed there
        ("next", "course.next_session"),
    ]:
        await bot.send(
            tg.group_command(GROUP, PARENT, command, bot=bot.app.bot, language_code="en")
        )
        assert says(bot.last_text(GROUP), key, lang="es"), command


async def test_an_emergency_in_the_group_is_answered_in_the_class_language_or_its_own(
    bot: BotHarness,
) -> None:
    await spanish_class(bot, tz="Europe/Madrid")
    await bot.send(english_parent_says(bot, "SOS choking"))  # too short to tell its language
    assert safety_reply(bot, "es") in bot.texts(GROUP)  # the class's Spanish
    # Written in a language we have replies in: that one.
    await bot.send(english_parent_says(bot, "mon bébé ne respire plus"))
    assert bot.texts(GROUP)[-2:][0] == safety_reply(bot, "fr")


async def test_the_course_messages_and_their_buttons_are_in_the_class_language(
    bot: BotHarness, content: Content
) -> None:
    cid = await spanish_class(bot, sessions=1)
    await schedule(bot, cid, at("2026-03-02T12:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))  # the day before
    spanish = content.texts_in("es")
    assert says(bot.last_text(GROUP), "course.reminder_day_before", lang="es")
    assert message_buttons(bot, GROUP) == [
        spanish.raw(f"rsvp.{answer}") for answer in ("yes", "late", "no")
    ]
    # A parent who chose no language answers in the group: the pop-up in the group's
    # language, the instructor's note in the instructor's own.
    await bot.press(PARENT, f"rsvp:{cid}:1:no", message_chat_id=GROUP)
    assert alert(bot) == spanish.raw("rsvp.thanks_no").format(instructor="Maya")
    assert says(bot.last_text(INSTRUCTOR), "rsvp.to_instructor", lang="de")
    await run_at(bot, cid, at("2026-03-03T12:00"))  # the summary
    await run_at(bot, cid, at("2026-03-03T13:00"))  # the closing
    assert closing_messages(content, "es")[-1][-60:] in bot.texts(GROUP)[-1]
    tell = spanish.raw("course.feedback_tell").format(instructor="Maya")
    assert message_buttons(bot, GROUP) == [
        *(spanish.raw(f"course.feedback_{answer}") for answer in FEEDBACK_ANSWERS),
        tell,
    ]


async def test_linking_speaks_the_linked_class_language_and_a_new_group_the_instructors(
    bot: BotHarness,
) -> None:
    cid = await spanish_class(bot)
    await bot.store.unlink_group(GROUP)
    # The bot added to a group not linked yet: the hello is in the language of who added it.
    await bot.send(
        tg.new_chat_members_message(GROUP, tg.BOT_ID, by_user_id=INSTRUCTOR, bot=bot.app.bot)
    )
    assert says(bot.last_text(GROUP), "groups.hello_group", lang="de")
    # Linked: from then on the class's language.
    await bot.send(tg.group_command(GROUP, INSTRUCTOR, "link", bot=bot.app.bot))
    assert says(bot.last_text(GROUP), "groups.linked", lang="es", name="Tuesday babies")
    await bot.send(tg.group_command(GROUP, INSTRUCTOR, "help", bot=bot.app.bot))
    assert says(bot.last_text(GROUP), "core.help_header", lang="es")
    # The class's language changed from /classes: the group follows at once.
    await bot.store.update_class(cid, {"lang": "fr"})
    await bot.send(tg.group_command(GROUP, PARENT, "help", bot=bot.app.bot))
    assert says(bot.last_text(GROUP), "core.help_header", lang="fr")
    # Removed from the group: the instructor hears it privately, in their own language.
    await bot.send(
        tg.my_chat_member_update(
            GROUP, INSTRUCTOR, "member", "left", title="Babies", bot=bot.app.bot
        )
    )
    assert says(bot.last_text(INSTRUCTOR), "groups.removed", lang="de")


def message_buttons(bot: BotHarness, chat_id: int) -> list[str]:
    """The button labels of the last message sent to a chat (a pin may have come after it)."""
    for call in reversed(bot.api.calls):
        if call.method == "sendMessage" and str(call.chat_id) == str(chat_id):
            markup = call.params.get("reply_markup") or {}
            if not isinstance(markup, dict):
                markup = markup.to_dict()
            return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
    return []


def bot_texts(bot: BotHarness, lang: str) -> Any:
    """The running bot's message templates in `lang`."""
    return bot.app.bot_data["content"].texts_in(lang)


def safety_reply(bot: BotHarness, lang: str) -> str:
    """The safety net's urgent reply in `lang`, with Spain's numbers."""
    pack = bot.app.bot_data["content"].safety
    return str(pack.render("urgent", lang, pack.numbers("ES")))
