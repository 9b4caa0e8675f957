"""What an instructor, an owner or a parent with several classes reads is in their own language
(issue 16, "Languages"), also where it was English last: the class picker's labels, the owner's
instructor list, the retention notice, the announcement's delivery report and missed notice,
the instructors' own command menus, the day of a check-in not open yet, and dates and times
they type in words ("el 12 a las tres y media", "am 12. um halb 3", "demain à neuf heures et
demie"). Through the real Application, for a Spanish, a French and a German reader each.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from content.dates import format_local, full_date, short_day, typed_example
from content.loader import Content
from domain.buttons import ChooseLanguage, encode
from domain.schedule import zone
from jobs import announcements as ann_jobs
from jobs.retention import run_retention
from tests.conftest import OWNER_ID, BotHarness
from tests.support.says import says, shared_content
from tests.test_announce import (
    INSTR,
    TZ,
    compose,
    make_class,
    make_instructor,
    only_job,
    schedule_one,
    send_at_time,
    stored,
)
from tests.test_checkin import ANA, BEFORE_START, set_clock
from tests.test_checkin import seed_class as checkin_class
from tests.test_course_jobs import INSTRUCTOR as COURSE_INSTRUCTOR
from tests.test_course_jobs import make_instructor as course_instructor
from tests.test_newclass import INSTRUCTOR, last_shown, seed_class, seed_instructor
from tests.test_retention import ENDED, ended_class
from tests.test_roles import _invite_code
from tests.test_sessions import open_sessions

CONTENT = shared_content()
READERS = ("es", "fr", "de")
PARENT = 4001


def texts(lang: str) -> Any:
    """The message templates of `lang`."""
    return CONTENT.texts_in(lang)


def test_the_date_helpers_write_each_language_natively() -> None:
    day = date(2026, 12, 3)
    shown = {lang: (short_day(day, texts(lang)), full_date(day, texts(lang))) for lang in READERS}
    assert shown == {
        "es": ("jue 3 dic", "3 de diciembre de 2026"),
        "fr": ("jeu. 3 déc.", "3 décembre 2026"),
        "de": ("Do., 3. Dez.", "3. Dezember 2026"),
    }


# -- the class picker -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("es", ["Bebés de marzo · mar 3 mar", "Bebés de abril · mié 1 abr"]),
        ("fr", ["Bebés de marzo · mar. 3 mars", "Bebés de abril · mer. 1 avr."]),
        ("de", ["Bebés de marzo · Di., 3. März", "Bebés de abril · Mi., 1. Apr."]),
    ],
)
async def test_a_parent_in_two_classes_picks_one_by_labels_in_their_language(
    bot: BotHarness, lang: str, labels: list[str]
) -> None:
    for name, first in (("Bebés de marzo", "2026-03-03"), ("Bebés de abril", "2026-04-01")):
        klass = await seed_class(bot, name=name, first_date=first)
        await bot.store.add_member(klass["id"], PARENT, {"first_name": "Ana", "role": "parent"})
    await bot.store.update_user(PARENT, {"lang": lang})
    await bot.say(PARENT, "/leave")
    assert says(last_shown(bot, PARENT), "core.which_class", lang=lang)
    assert [label for label, _ in bot.buttons(PARENT)] == labels


async def test_an_instructors_classes_are_listed_in_their_language(bot: BotHarness) -> None:
    await seed_class(bot, name="Bebés de marzo", first_date="2026-03-03")
    await seed_class(bot, name="", first_date="2026-04-01")  # no name: "Kurs"
    await bot.store.update_user(INSTRUCTOR, {"lang": "de"})
    await bot.say(INSTRUCTOR, "/classes")
    labels = [label for label, _ in bot.buttons(INSTRUCTOR)]
    assert labels[:2] == ["Bebés de marzo · Di., 3. März", "Kurs · Mi., 1. Apr."]


# -- the owner's instructor list ------------------------------------------------------------


@pytest.mark.parametrize("lang", READERS)
async def test_the_owner_reads_the_instructor_list_in_their_language(
    bot: BotHarness, lang: str
) -> None:
    await seed_instructor(bot, INSTRUCTOR, "Ines")
    joined = datetime.fromisoformat((await bot.store.get_instructor(INSTRUCTOR))["joined_at"])
    await bot.store.update_user(OWNER_ID, {"lang": lang})
    await bot.say(OWNER_ID, "/instructors")
    listed = last_shown(bot, OWNER_ID)
    assert says(listed, "roles.instructors_header", lang=lang)
    since = full_date(joined, texts(lang))
    assert says(listed, "roles.instructor_line", lang=lang, name="Ines", since=since), listed
    assert full_date(joined, texts("en")) not in listed


# -- the retention notice -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "ended", "delete_on"),
    [
        ("es", "1 de marzo de 2026", "30 de mayo de 2026"),
        ("fr", "1 mars 2026", "30 mai 2026"),
        ("de", "1. März 2026", "30. Mai 2026"),
    ],
)
async def test_the_retention_notice_is_in_the_instructors_language(
    bot: BotHarness, lang: str, ended: str, delete_on: str
) -> None:
    klass = await ended_class(bot)
    await bot.store.update_user(INSTRUCTOR, {"lang": lang})
    await run_retention(bot.app, ENDED + timedelta(days=83))
    warning = last_shown(bot, INSTRUCTOR)
    assert says(
        warning, "privacy.retention_warning", lang=lang, ended=ended, delete_on=delete_on
    ), warning
    await run_retention(bot.app, ENDED + timedelta(days=90))
    assert await bot.store.get_class(klass["id"]) is None
    assert says(last_shown(bot, INSTRUCTOR), "privacy.retention_deleted", lang=lang, days=90)


# -- the announcement's report and missed notice ----------------------------------------------


@pytest.mark.parametrize("lang", READERS)
async def test_the_delivery_report_is_in_the_instructors_language(
    bot: BotHarness, lang: str
) -> None:
    await make_instructor(bot.store, INSTR)
    await bot.store.update_user(INSTR, {"lang": lang})
    await make_class(bot.store, parents={601: "Ana", 602: "Ben", 603: "Cara"})
    bot.api.simulator.blocked(602)
    await compose(bot, "Hoy traed toallas")
    await bot.press(INSTR, "ann:now")
    await only_job(bot).run(bot.app)
    report = bot.last_text(INSTR)
    for key, fields in [
        ("announce.report_title", {"class_name": "Tuesday babies"}),
        ("announce.report_group_delivered", {}),
        ("announce.report_private", {"delivered": 2, "total": 3}),
        ("announce.report_blocked", {"count": 1, "names": "Ben"}),
    ]:
        assert says(report, key, lang=lang, **fields), (key, report)


@pytest.mark.parametrize("lang", READERS)
async def test_a_missed_announcement_is_told_in_the_instructors_language(
    bot: BotHarness, lang: str
) -> None:
    await make_instructor(bot.store, INSTR)
    await bot.store.update_user(INSTR, {"lang": lang})
    cid = await make_class(bot.store)
    at = datetime.now(UTC) - timedelta(hours=20)
    aid = await schedule_one(bot, cid, at)
    missed = await send_at_time(bot, cid, aid, at + timedelta(hours=13))
    assert missed is not None and missed["status"] == "missed"
    when = format_local(at, TZ, texts(lang))
    assert when != format_local(at, TZ, texts("en"))
    assert says(bot.last_text(INSTR), "announce.missed", lang=lang, when=when)


# -- the instructors' own menus -------------------------------------------------------------


async def test_a_new_instructors_own_menu_is_set_in_each_language_and_the_owner_told_in_theirs(
    bot: BotHarness, content: Content
) -> None:
    await bot.store.update_user(OWNER_ID, {"lang": "de"})
    await bot.say(OWNER_ID, "/invite")
    code = _invite_code(last_shown(bot, OWNER_ID))
    await bot.say(INSTRUCTOR, f"/start inv_{code}", language_code="es")
    assert says(last_shown(bot, INSTRUCTOR), "roles.welcome_instructor", lang="es")
    # The owner who invited them is told in the owner's language.
    assert says(last_shown(bot, OWNER_ID), "roles.instructor_joined", lang="de")
    menus = {
        c.params.get("language_code"): c.params["commands"]
        for c in bot.api.calls
        if c.method == "setMyCommands"
        and (c.params.get("scope") or {}).get("chat_id") == INSTRUCTOR
    }
    # English for an app in a language we do not have; each of ours for an app in it.
    assert set(menus) == {None, "es", "fr", "de"}
    for lang, code_of_app in (("en", None), ("es", "es"), ("fr", "fr"), ("de", "de")):
        described = {c["command"]: c["description"] for c in menus[code_of_app]}
        for command in ("newclass", "announce", "faq"):
            assert described[command] == content.texts_in(lang).raw(f"commands.{command}"), lang


# -- dates and times typed in words, through the real conversations ----------------------------


async def test_a_spanish_instructor_types_a_bare_day_and_a_time_in_words(bot: BotHarness) -> None:
    await seed_instructor(bot, INSTRUCTOR)
    await bot.store.update_user(INSTRUCTOR, {"lang": "es"})
    # Thursday 5 March 2026, mid-morning in London.
    bot.app.bot_data["clock"] = lambda: datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
    await bot.say(INSTRUCTOR, "/newclass")
    await bot.say(INSTRUCTOR, "Bebés de primavera")
    await bot.say(INSTRUCTOR, "el 12")
    assert "<b>jue 12 mar 2026</b>" in last_shown(bot, INSTRUCTOR)
    await bot.say(INSTRUCTOR, "a las tres y media de la tarde")
    assert "<b>15:30</b>" in last_shown(bot, INSTRUCTOR)


async def test_a_german_instructor_moves_a_session_to_halb_drei(bot: BotHarness) -> None:
    await course_instructor(bot.store)
    await bot.store.update_user(COURSE_INSTRUCTOR, {"lang": "de"})
    cid = await open_sessions(bot, "2026-03-04T12:00")  # session 2: Tuesday 10 March, 10:00
    await bot.press(COURSE_INSTRUCTOR, f"ses:mv:{cid}:2")
    await bot.say(COURSE_INSTRUCTOR, "am 12. um halb drei nachmittags")
    confirm = bot.last_text(COURSE_INSTRUCTOR)
    assert "<b>Donnerstag, 12. März um 14:30</b>" in confirm, confirm
    await bot.press(COURSE_INSTRUCTOR, bot.buttons(COURSE_INSTRUCTOR)[0][1])
    assert (await bot.store.get_class(cid))["moved"] == {"2": "2026-03-12T14:30"}


async def test_a_french_instructor_schedules_an_announcement_in_words(bot: BotHarness) -> None:
    await make_instructor(bot.store, INSTR)
    await bot.store.update_user(INSTR, {"lang": "fr"})
    cid = await make_class(bot.store)
    await compose(bot, "Apportez une serviette")
    await bot.press(INSTR, "ann:later")
    await bot.say(INSTR, "demain à neuf heures et demie")
    assert says(bot.last_text(INSTR), "announce.scheduled", lang="fr")
    (ann,) = await stored(bot, cid)
    local = ann_jobs.parse_utc(ann["send_at"]).astimezone(zone(TZ))
    today = datetime.now(UTC).astimezone(zone(TZ)).date()
    assert (local.date(), local.hour, local.minute) == (today + timedelta(days=1), 9, 30)


@pytest.mark.parametrize(
    ("lang", "day"),
    [("es", "martes 3 de marzo"), ("fr", "mardi 3 mars"), ("de", "Dienstag, 3. März")],
)
async def test_a_check_in_before_the_first_session_names_its_day_in_the_parents_language(
    bot: BotHarness, lang: str, day: str
) -> None:
    await checkin_class(bot.store)
    await bot.store.update_user(ANA, {"lang": lang})
    set_clock(bot.app, BEFORE_START)
    await bot.say(ANA, "/checkin")
    assert says(bot.last_text(ANA), "checkin.not_yet", lang=lang, date=day, time="10:00")


async def test_a_new_instructors_language_is_kept_for_what_the_bot_tells_them_on_its_own(
    bot: BotHarness,
) -> None:
    # Joined from a French Telegram: the notices that come by themselves are French too.
    await bot.say(OWNER_ID, "/invite")
    code = _invite_code(last_shown(bot, OWNER_ID))
    await bot.say(INSTRUCTOR, f"/start inv_{code}", language_code="fr")
    assert says(last_shown(bot, INSTRUCTOR), "roles.welcome_instructor", lang="fr")
    await ended_class(bot)
    await run_retention(bot.app, ENDED + timedelta(days=83))
    assert says(last_shown(bot, INSTRUCTOR), "privacy.retention_warning", lang="fr")
    # Their /language choice is kept too (a parent's only once they joined a class).
    await bot.say(INSTRUCTOR, "/language")
    await bot.press(INSTRUCTOR, encode(ChooseLanguage("de")))
    assert (await bot.store.get_user(INSTRUCTOR) or {}).get("lang") == "de"
    await bot.say(OWNER_ID, "/language")
    await bot.press(OWNER_ID, encode(ChooseLanguage("es")))
    assert (await bot.store.get_user(OWNER_ID) or {}).get("lang") == "es"
    await bot.say(PARENT, "/language")
    await bot.press(PARENT, encode(ChooseLanguage("es")))
    assert await bot.store.get_user(PARENT) is None


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de"])
async def test_the_example_time_an_instructor_is_shown_is_one_they_can_type_back(
    bot: BotHarness, lang: str
) -> None:
    await make_instructor(bot.store, INSTR)
    await bot.store.update_user(INSTR, {"lang": lang})
    cid = await make_class(bot.store)
    await compose(bot, "Bring a towel")
    await bot.press(INSTR, "ann:later")
    prompt = bot.last_text(INSTR)
    day = datetime.now(UTC).astimezone(zone(TZ)).date() + timedelta(days=2)
    example = typed_example(day, "10:00", texts(lang))
    assert says(prompt, "announce.when_prompt", lang=lang, example=example)
    await bot.say(INSTR, example)
    assert says(bot.last_text(INSTR), "announce.scheduled", lang=lang)
    (ann,) = await stored(bot, cid)
    local = ann_jobs.parse_utc(ann["send_at"]).astimezone(zone(TZ))
    assert (local.date(), local.hour, local.minute) == (day, 10, 0)
