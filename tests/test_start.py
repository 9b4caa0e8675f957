"""The first hello, /help per role, and the error handler, through the real Application."""

from __future__ import annotations

import pytest
from telegram.ext import CallbackQueryHandler

from handlers import menus
from tests.conftest import OWNER_ID, BotHarness
from tests.support import updates as tg
from tests.support.says import says


async def test_start_greets_by_first_name_and_escapes_it(bot: BotHarness) -> None:
    await bot.say(42, "/start", first_name="<b>Ana</b>")
    text = bot.last_text(42)
    assert "&lt;b&gt;Ana&lt;/b&gt;" in text or "<b>Ana</b>" not in text
    assert "/faq" in text


async def test_help_shows_a_parent_no_instructor_tools(bot: BotHarness) -> None:
    await bot.say(42, "/help")
    assert "/start" in bot.last_text(42)
    assert "/invite" not in bot.last_text(42)


async def test_command_menus_are_set_per_scope_at_start(bot: BotHarness) -> None:
    scopes = [c.params["scope"] for c in bot.api.calls if c.method == "setMyCommands"]
    kinds = [s["type"] if isinstance(s, dict) else s.type for s in scopes]
    assert "all_private_chats" in kinds
    assert "all_group_chats" in kinds
    assert "all_chat_administrators" in kinds  # /link for instructors in their group


async def test_a_failing_handler_is_reported_to_the_owner_without_personal_data(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Make the greeting fail the way a bug would; the error handler must still cope.
    from content.texts import Texts

    original = Texts.__call__

    def broken(self: Texts, key: str, /, **fields: object) -> str:
        if key == "core.welcome":
            raise RuntimeError("secret parent text: my baby Leo")
        return original(self, key, **fields)

    monkeypatch.setattr(Texts, "__call__", broken)
    await bot.say(42, "/start", first_name="Ana")
    report = bot.last_text(OWNER_ID)
    assert "RuntimeError" in report
    assert "start" in report
    assert "Leo" not in report and "Ana" not in report and "42" not in report
    assert says(bot.last_text(42), "core.user_error_reply")
    assert len(bot.errors) == 1
    bot.errors.clear()  # expected here; the fixture fails tests on unexpected errors


async def test_a_sticker_in_private_gets_a_kind_word_and_stores_nothing(bot: BotHarness) -> None:
    await bot.send(tg.sticker_message(42, bot=bot.app.bot))
    assert says(bot.last_text(42), "faq.not_text")
    assert await bot.store.get_user(42) is None


async def test_help_leads_with_what_each_person_uses_most(bot: BotHarness) -> None:
    await bot.say(42, "/help")
    parent_lines = [line.split(" ")[0] for line in bot.last_text(42).splitlines()[1:]]
    assert parent_lines[:3] == ["/next", "/lesson", "/faq"]
    code = await bot.store.create_invite(OWNER_ID)
    await bot.store.use_invite(code, 43, "Maria")
    await bot.say(43, "/help")
    instructor_lines = [line.split(" ")[0] for line in bot.last_text(43).splitlines()[1:]]
    assert instructor_lines[:2] == ["/newclass", "/classes"]
    # The parents' commands are one tap away, behind a button, with a way back.
    assert "/next" not in instructor_lines and "/announce" in instructor_lines
    (_label, data), *_ = bot.buttons(43)
    await bot.press(43, data)
    assert "/next" in bot.last_text(43) and "/newclass" not in bot.last_text(43)
    await bot.press(43, bot.buttons(43)[0][1])
    assert "/newclass" in bot.last_text(43)


async def test_start_greets_each_role_with_their_own_words(bot: BotHarness) -> None:
    await bot.say(OWNER_ID, "/start", first_name="Olu")
    assert "/invite" in bot.last_text(OWNER_ID)
    code = await bot.store.create_invite(OWNER_ID)
    await bot.store.use_invite(code, 43, "Maria")
    await bot.say(43, "/start", first_name="Maria")
    assert "/newclass" in bot.last_text(43) and "join link" not in bot.last_text(43)
    await bot.say(42, "/start", first_name="Ana")
    assert says(bot.last_text(42), "core.welcome")


async def test_the_error_log_keeps_the_stack_but_not_what_the_parent_wrote(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from content.texts import Texts

    original = Texts.__call__

    def broken(self: Texts, key: str, /, **fields: object) -> str:
        if key == "core.welcome":
            raise ValueError(f"could not render the welcome for {fields['name']}")
        return original(self, key, **fields)

    monkeypatch.setattr(Texts, "__call__", broken)
    with caplog.at_level("ERROR", logger="handlers.errors"):
        await bot.say(42, "/start", first_name="Zelophehad")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "ValueError" in logged and "broken" in logged  # type and stack kept
    assert "Zelophehad" not in logged
    bot.errors.clear()  # expected here


async def test_a_failed_write_answers_the_button_kindly_and_owners_hear_once(
    bot: BotHarness,
) -> None:
    async def disk_full(update: object, context: object) -> None:
        raise OSError(28, "No space left on device")

    # A write that fails under a button, as a full disk would make any of them fail.
    bot.app.add_handler(CallbackQueryHandler(disk_full, pattern="^diskfull$"), group=-2)
    await bot.press(42, "diskfull")
    await bot.press(42, "diskfull")
    bot.errors.clear()  # the two failures are the point of this test
    answers = [c.params.get("text", "") for c in bot.api.calls if c.method == "answerCallbackQuery"]
    assert sum(bool(says(a, "core.save_failed")) for a in answers) == 2
    reports = bot.api.sent("sendMessage", OWNER_ID)
    assert len(reports) == 1 and "OSError" in reports[0]["text"]


async def test_the_bots_description_is_set_from_content_only_when_it_changed(
    bot: BotHarness,
) -> None:
    from handlers import profile

    content = bot.app.bot_data["content"]
    methods = ("setMyDescription", "setMyShortDescription")
    sets = [c for c in bot.api.calls if c.method in methods]
    said = {
        (
            c.params.get("language_code"),
            c.params.get("description") or c.params.get("short_description"),
        )
        for c in sets
    }
    # English for everyone, and each language for apps set to it.
    for lang in content.languages:
        texts = content.texts_in(lang)
        code = None if lang == "en" else lang
        assert (code, texts.raw("profile.description")) in said
        assert (code, texts.raw("profile.short_description")) in said
    assert len(sets) == 2 * len(content.languages)
    await profile.on_startup(bot.app)  # a restart with the same content: read, not rewritten
    again = [c for c in bot.api.calls if c.method in methods]
    assert len(again) == len(sets)


async def test_a_restart_sets_only_the_menus_that_changed(bot: BotHarness) -> None:
    # The fixture's start-up set the menus once; a new instructor (whose link failed to set
    # theirs) gets theirs at the next start, and a start after that sets none at all.
    code = await bot.store.create_invite(OWNER_ID)
    await bot.store.use_invite(code, 500, "Mia")

    def menu_calls() -> list[dict]:
        return [c.params for c in bot.api.calls if c.method == "setMyCommands"]

    first = len(menu_calls())
    await menus.publish(bot.app)
    # Theirs in each language we have (Telegram shows the one of their app).
    languages = bot.app.bot_data["content"].languages
    assert [c["scope"]["chat_id"] for c in menu_calls()[first:]] == [500] * len(languages)
    assert [c.get("language_code") for c in menu_calls()[first:]] == [
        None if lang == "en" else lang for lang in languages
    ]
    again = len(menu_calls())
    await menus.publish(bot.app)
    assert menu_calls()[again:] == []
