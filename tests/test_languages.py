"""Languages: a parent is answered in the language they write or chose, and a language pack that
does not line up with English is refused with every problem named."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from content.errors import ContentError
from content.loader import Content, load_content
from handlers import menus as menus_module
from handlers.handoff import pass_to_instructor
from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import says

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PARENT = 600


def from_telegram_in(user_id: int, text: str, language_code: str, bot: BotHarness) -> object:
    """A private message from someone whose Telegram app is set to `language_code`."""
    data = tg.private_message_json(user_id, text)
    data["message"]["from"]["language_code"] = language_code
    return tg.to_update(data, bot.app.bot)


def test_english_spanish_french_and_german_are_served(content: Content) -> None:
    assert content.languages[0] == "en"
    assert set(content.languages) >= {"en", "es", "fr", "de"}


@pytest.mark.parametrize(
    ("question", "lang", "faq_id"),
    [
        ("¿qué aceite es mejor para darle masajes a mi bebé de dos meses?", "es", "oil"),
        ("quel huile utiliser pour masser mon bébé de 6 semaines ?", "fr", "oil"),
        ("welches Öl nehmt ihr für die Babymassage, geht auch Olivenöl?", "de", "oil"),
        # A few words typed like a search: too few letters for the detector ("huile bebe"
        # reads as English by them, this one as Finnish); their words say the language.
        ("huile bebe", "fr", "oil"),
        ("babymassage olivenöl", "de", "oil"),
        ("oil for baby", "en", "oil"),
        (
            "¿cuánto tiempo tengo que esperar después de darle el pecho para el masaje?",
            "es",
            "feeding-timing",
        ),
    ],
)
def test_a_question_is_read_in_its_own_language(
    content: Content, question: str, lang: str, faq_id: str
) -> None:
    # The session's content: its matchers are built once (each trains a classifier).
    got_lang, match = content.match(question)
    assert (got_lang, match.id) == (lang, faq_id)


async def test_a_spanish_question_is_answered_in_spanish(bot: BotHarness, content: Content) -> None:
    await bot.say(PARENT, "¿qué aceite puedo usar para el masaje de mi bebé? tiene 3 meses")
    spanish = content.faq_in("es")["oil"]
    text = bot.last_text(PARENT)
    assert spanish.title in text
    # The buttons under the answer speak Spanish too.
    labels = [label for label, _ in bot.buttons(PARENT)]
    assert content.texts_in("es").raw("faq.helpful") in labels


async def test_telegram_language_sets_the_language_and_language_changes_it(
    bot: BotHarness, content: Content
) -> None:
    await bot.store.update_user(PARENT, {"consent": True, "first_name": "Ana"})
    await bot.send(from_telegram_in(PARENT, "/help", "de", bot))
    german = content.texts_in("de")
    assert german.raw("core.help_header").replace("<b>", "").replace("</b>", "") in bot.last_text(
        PARENT
    )
    await bot.say(PARENT, "/language")
    choices = dict(bot.buttons(PARENT))
    assert set(choices.values()) >= {"lang:en", "lang:es", "lang:fr", "lang:de"}
    await bot.press(PARENT, "lang:fr")
    assert content.texts_in("fr").raw("language.chosen") in bot.last_text(PARENT)
    assert (await bot.store.get_user(PARENT) or {}).get("lang") == "fr"
    # Someone the bot keeps no record of: the choice holds for the chat, nothing is stored.
    await bot.press(700, "lang:es")
    assert await bot.store.get_user(700) is None
    # A forged language button changes nothing.
    await bot.press(PARENT, "lang:xx")
    assert (await bot.store.get_user(PARENT) or {}).get("lang") == "fr"


def test_bot_ask_prints_the_language_and_takes_lang() -> None:
    out = subprocess.run(
        [sys.executable, "bot.py", "ask", "--json", "wie lange sollte eine Massage dauern?"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '"lang": "de"' in out
    forced = subprocess.run(
        [sys.executable, "bot.py", "ask", "--json", "--lang", "es", "aceite?"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '"lang": "es"' in forced and '"id": "oil"' in forced


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the content folder, for breaking one pack at a time."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def test_every_pack_lines_up_with_english(content: Content) -> None:
    assert content.pack_gaps == ()


def test_a_pack_that_differs_from_english_is_refused_by_check_with_each_problem(
    content_copy: Path,
) -> None:
    core = content_copy / "messages" / "es" / "core.toml"
    text = core.read_text(encoding="utf-8")
    # One message missing, one that English does not have, one with a different field.
    text = text.replace("\nnot_text =", "\nnot_text_gone =", 1)
    text = text.replace("{limit}", "{limite}", 1)
    core.write_text(text, encoding="utf-8")
    (content_copy / "faq" / "fr" / "oil.toml").unlink()
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    assert any("fr" in p and "oil.toml" in p for p in caught.value.problems)
    # Put the French FAQ back: the message gaps alone still load (said in English meanwhile)
    # but `bot.py check` fails and names each of them.
    shutil.copy(CONTENT / "faq" / "fr" / "oil.toml", content_copy / "faq" / "fr" / "oil.toml")
    gaps = "\n".join(load_content(content_copy).pack_gaps)
    assert "missing message 'core.not_text'" in gaps
    assert "'core.not_text_gone' is not in English" in gaps
    assert "'core.too_long' uses fields ['limite']" in gaps
    check = subprocess.run(
        [sys.executable, "bot.py", "--content", str(content_copy), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1
    assert "core.not_text" in check.stderr and "core.too_long" in check.stderr


async def test_one_english_class_speaks_to_each_parent_in_their_own_language(
    bot: BotHarness, content: Content
) -> None:
    # An English class with an English, a Spanish and a German family: reminders, the weekly
    # summary and the check-in invitation reach each in their own language; the group, English.
    from tests.test_course_jobs import GROUP, add_person, at, make_class, run_at, schedule

    cid = await make_class(bot)
    await add_person(bot.store, cid, 204, lang="es")
    await add_person(bot.store, cid, 205, lang="de")
    await schedule(bot, cid, at("2026-03-01T12:00"))
    await run_at(bot, cid, at("2026-03-02T18:00"))  # the day before session 1
    assert "tomorrow, Tuesday 3 March" in bot.last_text(GROUP)
    assert "tomorrow, Tuesday 3 March" in bot.last_text(201)
    assert "martes 3 de marzo" in bot.last_text(204)
    assert "Dienstag, 3. März" in bot.last_text(205)
    # After session 1: the week's summary, in each reader's own lessons.
    await run_at(bot, cid, at("2026-03-03T12:00"))
    spanish, german = content.lessons_in("es")[0][1], content.lessons_in("de")[0][1]
    assert any(content.lessons[1].title in t for t in bot.texts(GROUP))
    assert any(spanish.title in t and "Semana 1" in t for t in bot.texts(204))
    assert any(german.title in t and "Woche 1" in t for t in bot.texts(205))


SPANISH_FAMILY = 204


async def spanish_family_in_an_english_class(bot: BotHarness) -> str:
    """An English class starting on 3 March 2026 with a Spanish family in it; its id."""
    from tests.test_course_jobs import add_person, at, make_class, schedule

    cid = await make_class(bot)
    await add_person(bot.store, cid, SPANISH_FAMILY, lang="es")
    await schedule(bot, cid, at("2026-03-01T12:00"))
    return cid


async def test_lessons_the_course_and_the_faq_menu_are_in_the_parents_language(
    bot: BotHarness, content: Content
) -> None:
    # A Spanish family in an English class asks for a lesson, the course and the /faq menu.
    from tests.test_course_jobs import at, run_at

    cid = await spanish_family_in_an_english_class(bot)
    await run_at(bot, cid, at("2026-03-03T12:00"))  # after session 1
    lessons, outline = content.lessons_in("es")
    await bot.say(SPANISH_FAMILY, "/lesson 1")
    assert lessons[1].title in bot.last_text(SPANISH_FAMILY)
    assert f"{outline.labels['week']} 1 ·" in bot.last_text(SPANISH_FAMILY)  # "Semana 1 ·"
    assert outline.labels["practise"] in bot.last_text(SPANISH_FAMILY)
    await bot.say(SPANISH_FAMILY, "/course")
    assert all(lessons[week].title in "\n".join(bot.texts(SPANISH_FAMILY)) for week in lessons)
    assert content.lessons[2].title not in "\n".join(bot.texts(SPANISH_FAMILY))
    await bot.say(SPANISH_FAMILY, "/faq")
    labels = [label for label, _ in bot.buttons(SPANISH_FAMILY)]
    assert content.texts_in("es").raw("faq.category_safety") in labels
    assert content.texts_in("en").raw("faq.category_safety") not in labels


async def test_a_question_in_another_language_never_overrides_a_language_chosen(
    bot: BotHarness, content: Content
) -> None:
    # A Spanish parent in a class: a German question is answered in German, "thanks!" in English
    # gets its heart, and everything after is still in Spanish.
    await spanish_family_in_an_english_class(bot)
    await bot.say(
        SPANISH_FAMILY, "welches Öl kann ich für die Babymassage nehmen, sie ist 3 Monate alt"
    )
    assert content.faq_in("de")["oil"].title in bot.last_text(SPANISH_FAMILY)
    await bot.say(SPANISH_FAMILY, "thanks!")
    await bot.say(SPANISH_FAMILY, "/help")
    spanish_help = content.texts_in("es").raw("core.help_header")
    assert spanish_help.replace("<b>", "").replace("</b>", "") in bot.last_text(SPANISH_FAMILY)


async def test_the_instructor_sees_a_spanish_question_as_written_with_a_gist_in_english(
    bot: BotHarness,
) -> None:
    from tests.test_faq_handlers import INSTRUCTOR, setup_class

    await setup_class(bot)
    question = "perdona, ¿hay sitio para aparcar el coche cerca del local de las clases?"
    await bot.say(PARENT, question)
    to_instructor = bot.last_text(INSTRUCTOR)
    assert question in to_instructor  # the parent's words, as written
    assert "🌐 In Spanish" in to_instructor  # the gist, in the instructor's language


async def test_a_question_no_topic_fits_is_said_so_in_the_gist(bot: BotHarness) -> None:
    from tests.test_faq_handlers import INSTRUCTOR, setup_class

    await setup_class(bot)
    question = "perdona, ¿hay sitio para aparcar el coche cerca del local de las clases?"
    await bot.say(PARENT, question)
    to_instructor = bot.last_text(INSTRUCTOR)
    assert says(to_instructor, "handoff.to_instructor_question", text=question)
    assert says(to_instructor, "handoff.gist_unmatched", language="Spanish"), to_instructor


async def test_a_topic_the_question_is_about_is_named_in_the_instructors_language(
    bot: BotHarness, content: Content
) -> None:
    from tests.test_faq_handlers import INSTRUCTOR, setup_class

    klass = await setup_class(bot)
    # A Spanish note in a check-in goes to the instructor as written: its topic is the nearest
    # FAQ topic's title, in English.
    note = "¿Es normal que llore tanto durante el masaje de la barriga?"
    _, match = content.match(note, "es")
    topic = match.id or match.candidates[0][0]
    await pass_to_instructor(bot.app, klass["id"], PARENT, "Ana", note, source="checkin")
    to_instructor = bot.last_text(INSTRUCTOR)
    assert note in to_instructor
    title = content.faq[topic].title
    assert says(to_instructor, "handoff.gist", language="Spanish", topic=title), to_instructor


async def test_an_edited_question_reaches_the_instructor_in_their_language_with_a_gist(
    bot: BotHarness,
) -> None:
    from tests.test_faq_handlers import INSTRUCTOR, setup_class

    await setup_class(bot)
    await bot.store.update_user(INSTRUCTOR, {"lang": "de"})
    first = "perdona, ¿hay sitio para aparcar el coche cerca del local de las clases?"
    await bot.say(PARENT, first, message_id=4242)
    assert says(bot.last_text(INSTRUCTOR), "handoff.to_instructor_question", lang="de")
    data = tg.private_message_json(PARENT, first + " Vamos en coche desde lejos.")
    data["edited_message"] = data.pop("message")
    data["edited_message"]["message_id"] = 4242
    data["edited_message"]["edit_date"] = tg.now_ts()
    await bot.send(tg.to_update(data, bot.app.bot))
    edited = bot.last_text(INSTRUCTOR)
    assert says(edited, "handoff.edited", lang="de", name="Ana"), edited
    assert not says(edited, "handoff.edited", lang="en")
    assert says(edited, "handoff.gist_unmatched", lang="de", language="Spanisch"), edited


async def test_command_menus_are_set_in_each_language(bot: BotHarness, content: Content) -> None:
    menus = {
        c.params.get("language_code"): c.params
        for c in bot.api.calls
        if c.method == "setMyCommands" and "chat_id" not in str(c.params.get("scope"))
    }
    assert {"es", "fr", "de"} <= set(menus)
    german = content.texts_in("de").raw("commands.faq")
    assert german in str(menus["de"]["commands"])


async def test_the_menu_follows_a_language_chosen_with_language(
    bot: BotHarness, content: Content
) -> None:
    # Ana's Telegram is in English; she chooses Spanish. Telegram picks a menu by the app's
    # language, so her own chat's menu is Spanish for every app language.
    await bot.store.update_user(PARENT, {"consent": True, "first_name": "Ana"})
    await bot.say(PARENT, "/language")
    await bot.press(PARENT, "lang:es")

    def own_menus() -> dict[str | None, str]:
        return {
            c.params.get("language_code"): str(c.params["commands"])
            for c in bot.api.calls
            if c.method == "setMyCommands"
            and (c.params.get("scope") or {}).get("chat_id") == PARENT
        }

    menus = own_menus()
    assert set(menus) == {None, "es", "fr", "de"}
    spanish = content.texts_in("es").raw("commands.faq")
    assert all(spanish in menu for menu in menus.values())
    # A restart sets nothing again for her; forgetting her puts the app's menus back.
    calls = len(bot.api.calls)
    await menus_module.publish(bot.app)
    assert not [c for c in bot.api.calls[calls:] if c.method == "setMyCommands"]
    await bot.say(PARENT, "/forgetme")
    await bot.press(PARENT, "pv:forget:yes")
    german = content.texts_in("de").raw("commands.faq")
    assert german in own_menus()["de"]
    assert str(PARENT) not in await bot.store.published_menus()
