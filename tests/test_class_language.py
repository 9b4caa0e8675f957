"""A class's group language (issue 16, item 3: "a class has a language for its group messages,
asked in /newclass, default the instructor's"): /newclass's confirm offers en/es/fr/de as
buttons with the instructor's own first and chosen, the summary shows it, /classes changes it,
and the class group (and families who chose no language of their own) then get their messages
in it. Through the real Application."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from content.loader import Content
from tests.conftest import BotHarness
from tests.test_course_jobs import GROUP, INSTRUCTOR, at, make_class, make_instructor, run_at
from tests.test_course_jobs import schedule as schedule_class
from tests.test_newclass import alerts, last_shown, seed_instructor

SETUP = 2001  # an instructor going through /newclass


async def _to_the_confirm(bot: BotHarness, lang: str | None = None) -> None:
    await seed_instructor(bot, SETUP)
    if lang is not None:
        await bot.store.update_user(SETUP, {"lang": lang})
    first = date.today() + timedelta(days=9)
    await bot.say(SETUP, "/newclass")
    await bot.say(SETUP, "Spring babies")
    await bot.say(SETUP, f"{first.day}/{first.month}/{first.year}")
    await bot.say(SETUP, "10:00")
    await bot.press(SETUP, "nc:tz:Europe/London")
    await bot.press(SETUP, "nc:n:5")
    await bot.press(SETUP, "nc:len:60")
    await bot.press(SETUP, "nc:venue:skip")


def _language_buttons(bot: BotHarness, chat: int) -> list[tuple[str, str]]:
    return [(label, data) for label, data in bot.buttons(chat) if data.startswith("nc:lang:")]


async def test_the_confirm_offers_the_group_language_with_the_instructors_own_first(
    bot: BotHarness,
) -> None:
    await _to_the_confirm(bot)
    confirm = last_shown(bot, SETUP)
    assert "Group language: English" in confirm
    assert "The class group gets its messages in English" in confirm
    assert _language_buttons(bot, SETUP) == [
        ("✓ English", "nc:lang:en"),
        ("Español", "nc:lang:es"),
        ("Français", "nc:lang:fr"),
        ("Deutsch", "nc:lang:de"),
    ]
    await bot.press(SETUP, "nc:ok")  # not changed: the instructor's own
    (klass,) = await bot.store.classes_of_instructor(SETUP)
    assert klass["lang"] == "en"


async def test_a_spanish_instructor_can_set_up_an_english_class(
    bot: BotHarness, content: Content
) -> None:
    await _to_the_confirm(bot, "es")
    assert "Idioma del grupo: español" in last_shown(bot, SETUP)
    labels = [label for label, _ in _language_buttons(bot, SETUP)]
    assert labels == ["✓ Español", "English", "Français", "Deutsch"]
    await bot.press(SETUP, "nc:lang:en")
    confirm = last_shown(bot, SETUP)  # the same message, shown again
    assert "Idioma del grupo: inglés" in confirm
    assert [label for label, _ in _language_buttons(bot, SETUP)][:2] == ["Español", "✓ English"]
    await bot.press(SETUP, "nc:lang:xx")  # tampered: refused, nothing changes
    assert alerts(bot)[-1] == content.texts_in("es").raw("core.stale_button")
    await bot.press(SETUP, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(SETUP)
    assert klass["lang"] == "en"
    assert "Idioma del grupo: inglés" in last_shown(bot, SETUP)  # the created summary


async def test_the_group_language_is_changed_from_classes_and_followed(bot: BotHarness) -> None:
    cid = await make_class(bot, lang="en")
    await bot.store.update_user(202, {"lang": "de"})  # this parent reads German
    await schedule_class(bot, cid, at("2026-03-01T12:00"))
    await bot.say(INSTRUCTOR, "/classes")
    await bot.press(INSTRUCTOR, f"cls:show:{cid}")
    assert "Group language: English" in last_shown(bot, INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"clg:{cid}")
    assert "gets its messages in <b>English</b>" in last_shown(bot, INSTRUCTOR)
    assert ("✓ English", f"clg:{cid}:en") in bot.buttons(INSTRUCTOR)
    await bot.press(INSTRUCTOR, f"clg:{cid}:es")
    assert "Group language: Spanish" in last_shown(bot, INSTRUCTOR)  # the class again
    assert (await bot.store.get_class(cid) or {})["lang"] == "es"
    # The group and the family without a language of their own get Spanish; the German
    # parent still gets German.
    await run_at(bot, cid, at("2026-03-02T18:00"))
    assert "Nos vemos mañana, martes 3 de marzo, a las 10:00" in bot.last_text(GROUP)
    assert "Nos vemos mañana" in bot.last_text(201)
    assert "Wir sehen uns morgen, Dienstag, 3. März, um 10:00" in bot.last_text(202)


async def test_the_groups_closing_buttons_are_in_its_language(
    bot: BotHarness, content: Content
) -> None:
    cid = await make_class(bot, lang="es", sessions=1)
    await schedule_class(bot, cid, at("2026-03-03T11:30"))
    await run_at(bot, cid, at("2026-03-03T12:00"))  # the summary
    await run_at(bot, cid, at("2026-03-03T13:00"))  # the closing
    spanish = content.texts_in("es")
    assert content.lessons_in("es")[1].closing[:40] in bot.last_text(GROUP)
    labels = [label for label, _ in bot.buttons(GROUP)]
    assert spanish.raw("course.feedback_tell").format(instructor="Maya") in labels, labels
    assert all(spanish.raw(f"course.feedback_{a}") in labels for a in ("loved", "good")), labels


@pytest.mark.parametrize(
    ("user", "data", "answer"),
    [
        (501, "clg:{cid}", "isn't one of yours"),
        (501, "clg:{cid}:es", "isn't one of yours"),
        (201, "clg:{cid}:es", "only for instructors"),
        (INSTRUCTOR, "clg:{cid}:xx", "no longer works"),
        (INSTRUCTOR, "clg:nosuchclass:es", "isn't one of yours"),
    ],
)
async def test_only_the_classes_instructor_can_change_its_language(
    bot: BotHarness, user: int, data: str, answer: str
) -> None:
    cid = await make_class(bot, lang="en")
    await make_instructor(bot.store, 501)
    await bot.press(user, data.format(cid=cid))
    assert answer in alerts(bot)[-1]
    assert (await bot.store.get_class(cid) or {})["lang"] == "en"


async def test_an_ended_class_keeps_its_language(bot: BotHarness) -> None:
    cid = await make_class(bot, lang="en")
    await bot.store.update_class(cid, {"ended": True, "ended_at": "2026-03-01T12:00:00+00:00"})
    await bot.press(INSTRUCTOR, f"clg:{cid}:de")
    assert "already ended" in alerts(bot)[-1]
    assert (await bot.store.get_class(cid) or {})["lang"] == "en"
