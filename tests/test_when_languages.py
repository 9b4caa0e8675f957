"""Dates and times typed in Spanish, French and German (issue 16, "Languages"): read as an
English one is, with CLDR's month and weekday names (through Babel) and each pack's little
words; whatever the reader's own language, and with or without accents. Tables per language,
and a property: whatever the bot writes as a date, in any language, it reads back."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from babel.dates import format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from content.dates import local_date, local_moment
from domain.lexicon import fold
from domain.when import (
    DateWords,
    WhenError,
    date_said,
    parse_date,
    parse_time,
    parse_when,
    read_when,
)
from tests.conftest import BotHarness
from tests.support.says import says, shared_content
from tests.test_course_jobs import GROUP, INSTRUCTOR, count, make_instructor
from tests.test_newclass import last_shown, seed_instructor
from tests.test_sessions import open_sessions

CONTENT = shared_content()
TODAY = date(2026, 3, 5)  # a Thursday
LANGS = ("en", "es", "fr", "de")
SETUP = 2001  # an instructor going through /newclass


def words(lang: str) -> DateWords:
    """The words a reader of `lang` reads dates by."""
    return CONTENT.date_words(lang)


# -- each language's own ways -------------------------------------------------------------------

SPANISH = [
    ("martes 14:00", (date(2026, 3, 10), time(14, 0))),
    ("el martes que viene a las 10", (date(2026, 3, 10), time(10, 0))),
    ("el próximo miércoles a las 9:30", (date(2026, 3, 11), time(9, 30))),
    ("miercoles 18h", (date(2026, 3, 11), time(18, 0))),  # no accent
    ("el 3 de marzo a las 10:00", (date(2027, 3, 3), time(10, 0))),  # passed: next year's
    ("3/3 10:00", (date(2027, 3, 3), time(10, 0))),
    ("mañana a las 10", (date(2026, 3, 6), time(10, 0))),
    ("manana a las 10", (date(2026, 3, 6), time(10, 0))),
    ("hoy a las 5 de la tarde", (TODAY, time(17, 0))),
    ("a las 8 de la tarde", (TODAY, time(20, 0))),
    ("jueves 12 de marzo, 10:30 h", (date(2026, 3, 12), time(10, 30))),
    ("12 mar 2026 9:00", (date(2026, 3, 12), time(9, 0))),
    ("mar 17 mar 10:00", (date(2026, 3, 17), time(10, 0))),  # Tuesday 17 March
    ("1º de abril a las 11", (date(2026, 4, 1), time(11, 0))),
    ("sáb 14 de marzo al mediodía", (date(2026, 3, 14), time(12, 0))),
    ("5 p. m.", (TODAY, time(17, 0))),
]
FRENCH = [
    ("le 12 janvier à 14h", (date(2027, 1, 12), time(14, 0))),
    ("mardi prochain 10h30", (date(2026, 3, 10), time(10, 30))),
    ("mardi 10h", (date(2026, 3, 10), time(10, 0))),
    ("14h", (TODAY, time(14, 0))),
    ("demain à 9h", (date(2026, 3, 6), time(9, 0))),
    ("aujourd’hui à 18 heures", (TODAY, time(18, 0))),
    ("jeudi 12 mars 2026 à 10:30", (date(2026, 3, 12), time(10, 30))),
    ("12 fevrier 9h45", (date(2027, 2, 12), time(9, 45))),  # no accent
    ("le 1er avril à midi", (date(2026, 4, 1), time(12, 0))),
    ("3 janv. 2027 15h", (date(2027, 1, 3), time(15, 0))),
    ("ven. 20 mars à 7h du soir", (date(2026, 3, 20), time(19, 0))),
    ("12/03 à 10h", (date(2026, 3, 12), time(10, 0))),
]
GERMAN = [
    ("nächsten Dienstag um 14 Uhr", (date(2026, 3, 10), time(14, 0))),
    ("naechsten Dienstag um 14 Uhr", (date(2026, 3, 10), time(14, 0))),
    ("Dienstag 14.30 Uhr", (date(2026, 3, 10), time(14, 30))),
    ("14.30 Uhr", (TODAY, time(14, 30))),
    ("am 12. Januar um 10 Uhr", (date(2027, 1, 12), time(10, 0))),
    ("12. März 10:00", (date(2026, 3, 12), time(10, 0))),
    ("12. Maerz 10:00", (date(2026, 3, 12), time(10, 0))),
    ("12. Mär. 10:00", (date(2026, 3, 12), time(10, 0))),
    ("Do., 12. März 2026, 18:30", (date(2026, 3, 12), time(18, 30))),
    ("morgen um 9", (date(2026, 3, 6), time(9, 0))),
    ("heute 20 Uhr", (TODAY, time(20, 0))),
    ("12.03.2026 9:15", (date(2026, 3, 12), time(9, 15))),
    ("12.03. 9 Uhr", (date(2026, 3, 12), time(9, 0))),
    ("Freitag um 8 Uhr abends", (date(2026, 3, 6), time(20, 0))),
    ("1. Sept 2026 10 Uhr", (date(2026, 9, 1), time(10, 0))),
]


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [("es", t, e) for t, e in SPANISH]
    + [("fr", t, e) for t, e in FRENCH]
    + [("de", t, e) for t, e in GERMAN],
)
def test_a_date_and_time_in_each_language(
    lang: str, typed: str, expected: tuple[date, time]
) -> None:
    assert parse_when(typed, TODAY, words=words(lang)) == expected


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [("es", t, e) for t, e in SPANISH[:3]]
    + [("fr", t, e) for t, e in FRENCH[:3]]
    + [("de", t, e) for t, e in GERMAN[:3]],
)
def test_any_of_our_languages_is_read_whoever_types_it(
    lang: str, typed: str, expected: tuple[date, time]
) -> None:
    for reader in LANGS:
        assert parse_when(typed, TODAY, words=words(reader)) == expected, reader


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("es", "el 3 de marzo", date(2027, 3, 3)),
        ("es", "3 de marzo de 2026", date(2026, 3, 3)),
        ("es", "martes", date(2026, 3, 10)),
        ("es", "mar", date(2026, 3, 10)),  # alone, the Spanish Tuesday
        ("es", "15 sept", date(2026, 9, 15)),
        ("es", "1 ene", date(2027, 1, 1)),
        ("es", "mañana", date(2026, 3, 6)),
        ("fr", "le 12 janvier", date(2027, 1, 12)),
        ("fr", "janv. 12", date(2027, 1, 12)),
        ("fr", "12 FÉVR. 2027", date(2027, 2, 12)),
        ("fr", "1er juillet", date(2026, 7, 1)),
        ("fr", "juil 1", date(2026, 7, 1)),
        ("fr", "mardi prochain", date(2026, 3, 10)),
        ("fr", "demain", date(2026, 3, 6)),
        ("de", "12. Januar", date(2027, 1, 12)),
        ("de", "3. Mär", date(2027, 3, 3)),
        ("de", "Mi., 11. März", date(2026, 3, 11)),
        ("de", "nächsten Dienstag", date(2026, 3, 10)),
        ("de", "Dienstag", date(2026, 3, 10)),
        ("de", "3ten Okt.", date(2026, 10, 3)),
        ("de", "morgen", date(2026, 3, 6)),
        ("de", "12.3.", date(2026, 3, 12)),
    ],
)
def test_dates_in_each_language(lang: str, typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY, words=words(lang)) == expected


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("es", "ayer", date(2026, 3, 4)),
        ("es", "14 de febrero", date(2026, 2, 14)),
        ("es", "martes", date(2026, 3, 3)),  # a birthday: the latest Tuesday
        ("fr", "hier", date(2026, 3, 4)),
        ("fr", "25 déc.", date(2025, 12, 25)),
        ("de", "gestern", date(2026, 3, 4)),
        ("de", "24.12.", date(2025, 12, 24)),
    ],
)
def test_birthdays_in_each_language(lang: str, typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY, words=words(lang), past=True) == expected


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("es", "mañana"),  # a birthday is never ahead
        ("fr", "mardi prochain"),
        ("de", "nächsten Dienstag"),
    ],
)
def test_a_birthday_is_never_ahead(lang: str, typed: str) -> None:
    assert parse_date(typed, TODAY, words=words(lang), past=True) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14h", time(14, 0)),
        ("14 h", time(14, 0)),
        ("10h30", time(10, 30)),
        ("14 Uhr", time(14, 0)),
        ("14.30 Uhr", time(14, 30)),
        ("um 9 Uhr", time(9, 0)),
        ("9 Uhr morgens", time(9, 0)),
        ("a las 10", time(10, 0)),
        ("a las 6 de la tarde", time(18, 0)),
        ("10 de la mañana", time(10, 0)),
        ("12 de la noche", time(0, 0)),
        ("7h du soir", time(19, 0)),
        ("à midi", time(12, 0)),
        ("mediodía", time(12, 0)),
        ("11 Uhr nachts", time(23, 0)),
        ("3 p. m.", time(15, 0)),
        ("15 Uhr nachmittags", time(15, 0)),
    ],
)
def test_start_times_in_each_language(typed: str, expected: time) -> None:
    for reader in LANGS:
        assert parse_time(typed, words=words(reader)) == expected, reader


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("es", "el 3 de marzo 10"),  # a bare number is not a time
        ("es", "martes que viene jueves 10:00"),
        ("es", "el 31 de febrero a las 10"),
        ("es", "ayer a las 10"),
        ("fr", "juillet 14h"),  # a month alone is no date
        ("fr", "jui 3 10h"),  # juin or juillet: not guessed
        ("fr", "de 10h à 12h"),
        ("de", "25 Uhr"),
        ("de", "am 12. Januar bitte 10 Uhr"),
        ("de", "nächsten 12. Januar 10 Uhr"),
    ],
)
def test_what_is_not_a_date_and_time_is_refused(lang: str, typed: str) -> None:
    assert parse_when(typed, TODAY, words=words(lang)) is None


@pytest.mark.parametrize("typed", ["martes", "le 12 janvier", "nächsten Dienstag", "mañana"])
def test_a_date_alone_is_missing_its_time_in_any_language(typed: str) -> None:
    with pytest.raises(WhenError, match="no_time"):
        read_when(typed, TODAY, words=words("en"))


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        # Minutes after the hour's unit are minutes, not a day of the month.
        ("fr", "mardi à 18 heures 30", datetime(2026, 3, 10, 18, 30)),
        ("de", "Dienstag um 19 Uhr 30", datetime(2026, 3, 10, 19, 30)),
        ("en", "friday 6 30 pm", datetime(2026, 3, 6, 18, 30)),
        # A number after "a las" is the time, not the year 2010.
        ("es", "el 20 de marzo a las 10", datetime(2026, 3, 20, 10, 0)),
    ],
)
def test_the_minutes_and_the_hour_are_read_as_typed(
    lang: str, typed: str, expected: datetime
) -> None:
    assert read_when(typed, TODAY, words=words(lang)) == expected


def test_day_first_is_kept_in_every_language() -> None:
    # 3/12 is 3 December for everyone, and 12/13 no date at all (the US order is not read).
    for reader in LANGS:
        assert parse_date("3/12/2026", TODAY, words=words(reader)) == date(2026, 12, 3)
        assert parse_date("12/13/2026", TODAY, words=words(reader)) is None


# -- a day without its month, halves and quarters, hours in words ------------------------------

SPOKEN = [
    # A day without its month: the next such day (today, 5 March, counts).
    ("es", "el 12 a las 10", (date(2026, 3, 12), time(10, 0))),
    ("es", "el 5 a las 18:00", (TODAY, time(18, 0))),
    ("fr", "le 3 à 14h", (date(2026, 4, 3), time(14, 0))),  # the 3rd has passed: April's
    ("fr", "le 31 à 9h", (date(2026, 3, 31), time(9, 0))),
    ("de", "am 12. um 10 Uhr", (date(2026, 3, 12), time(10, 0))),
    ("en", "on the 12th at 10am", (date(2026, 3, 12), time(10, 0))),
    ("es", "martes 10 a las 11", (date(2026, 3, 10), time(11, 0))),
    # Halves and quarters, after the hour in Spanish and French, before it in German and English.
    ("es", "mañana a las 3 y media de la tarde", (date(2026, 3, 6), time(15, 30))),
    ("es", "el 12 a las 10 y cuarto", (date(2026, 3, 12), time(10, 15))),
    ("es", "a las 6 menos cuarto de la tarde", (TODAY, time(17, 45))),
    ("fr", "demain à 9 heures et demie", (date(2026, 3, 6), time(9, 30))),
    ("fr", "mardi à 10h et quart", (date(2026, 3, 10), time(10, 15))),
    ("fr", "le 12 mars à 11 heures moins le quart", (date(2026, 3, 12), time(10, 45))),
    ("de", "morgen um halb 3 nachmittags", (date(2026, 3, 6), time(14, 30))),  # 2:30 pm
    ("de", "halb 10", (TODAY, time(9, 30))),
    ("de", "Dienstag um Viertel nach 10", (date(2026, 3, 10), time(10, 15))),
    ("de", "Dienstag um Viertel vor 10", (date(2026, 3, 10), time(9, 45))),
    ("de", "Dienstag dreiviertel 10", (date(2026, 3, 10), time(9, 45))),
    ("en", "tomorrow at half past 9", (date(2026, 3, 6), time(9, 30))),
    ("en", "tomorrow at quarter to 6 pm", (date(2026, 3, 6), time(17, 45))),
    # Hours in words, beside the language's own little words.
    ("es", "mañana a las tres de la tarde", (date(2026, 3, 6), time(15, 0))),
    ("es", "el martes a la una y media", (date(2026, 3, 10), time(1, 30))),
    ("es", "el 12 a las once", (date(2026, 3, 12), time(11, 0))),
    ("fr", "le 12 à trois heures", (date(2026, 3, 12), time(3, 0))),
    ("fr", "demain à dix-sept heures", (date(2026, 3, 6), time(17, 0))),
    ("fr", "mardi à sept heures et demie du soir", (date(2026, 3, 10), time(19, 30))),
    ("fr", "le 3 sept à sept heures", (date(2026, 9, 3), time(7, 0))),  # September, then 7
    ("de", "morgen um drei", (date(2026, 3, 6), time(3, 0))),
    ("de", "am 12. um halb vier nachmittags", (date(2026, 3, 12), time(15, 30))),
    ("de", "Freitag um fünfzehn Uhr", (date(2026, 3, 6), time(15, 0))),
    ("de", "Freitag um fuenf Uhr abends", (date(2026, 3, 6), time(17, 0))),
    ("en", "tomorrow at three pm", (date(2026, 3, 6), time(15, 0))),
    ("en", "Tuesday at eleven o'clock", (date(2026, 3, 10), time(11, 0))),
]


@pytest.mark.parametrize(("lang", "typed", "expected"), SPOKEN)
def test_a_bare_day_halves_and_hours_in_words(
    lang: str, typed: str, expected: tuple[date, time]
) -> None:
    # Read whoever types it, as every other date.
    for reader in (lang, *LANGS):
        assert parse_when(typed, TODAY, words=words(reader)) == expected, reader


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("a las tres", time(3, 0)),
        ("tres y media", time(3, 30)),
        ("las cinco de la tarde", time(17, 0)),
        ("à quinze heures", time(15, 0)),
        ("trois heures et quart", time(3, 15)),
        ("um drei", time(3, 0)),
        ("halb drei", time(2, 30)),
        ("halb eins", time(0, 30)),
        ("zwölf Uhr", time(12, 0)),
        ("at seven", time(7, 0)),
        ("half past ten", time(10, 30)),
    ],
)
def test_start_times_in_words(typed: str, expected: time) -> None:
    for reader in LANGS:
        assert parse_time(typed, words=words(reader)) == expected, reader


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("en", "at once"),  # Spanish "once" is 11, but not beside English "at"
        ("en", "at tres"),
        ("es", "el 12 tres"),  # an hour in words needs its little words
        ("fr", "le 3 sept"),  # a date, no time
        ("de", "halb 3:15"),
        ("de", "halb 3 y media"),
        ("es", "el 32 a las 10"),
        ("fr", "le 12 prochain à 10h"),
    ],
)
def test_what_is_not_a_spoken_time_is_refused(lang: str, typed: str) -> None:
    for reader in (lang, *LANGS):
        assert parse_when(typed, TODAY, words=words(reader)) is None, reader


@pytest.mark.parametrize(
    ("typed", "past", "expected"),
    [
        ("el 12", False, date(2026, 3, 12)),
        ("le 1er", False, date(2026, 4, 1)),
        ("am 31.", False, date(2026, 3, 31)),
        ("the 30th", False, date(2026, 3, 30)),
        ("el 5", False, TODAY),
        ("el 12", True, date(2026, 2, 12)),  # a birthday: the latest 12th
        ("am 31.", True, date(2026, 1, 31)),  # February has none
        ("le 5", True, TODAY),
    ],
)
def test_a_day_without_its_month(typed: str, past: bool, expected: date) -> None:
    for reader in LANGS:
        assert parse_date(typed, TODAY, words=words(reader), past=past) == expected, reader


# -- what the bot writes, it reads back --------------------------------------------------------

PATTERNS = (
    "core.day_format",
    "core.day_short_format",
    "core.date_format",
    "core.full_date_format",
)


def _typed_like(text: str, mangle: int) -> str:
    """As a hurried person might type it: as written, in lower case, or without accents."""
    return [text, text.lower(), fold(text), text.upper()][mangle]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(LANGS),
    st.sampled_from(LANGS),
    st.sampled_from(PATTERNS),
    st.integers(min_value=0, max_value=364),
    st.integers(min_value=0, max_value=3),
)
def test_every_date_the_bot_writes_is_read_back(
    writer: str, reader: str, key: str, ahead: int, mangle: int
) -> None:
    texts = CONTENT.texts_in(writer)
    day = TODAY + timedelta(days=ahead)
    written = format_date(day, texts.raw(key), locale=texts.raw("core.locale"))
    assert parse_date(_typed_like(written, mangle), TODAY, words=words(reader)) == day, written


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(LANGS),
    st.sampled_from(LANGS),
    st.integers(min_value=0, max_value=364),
    st.integers(min_value=0, max_value=23),
    st.sampled_from([0, 15, 30, 45]),
    st.integers(min_value=0, max_value=3),
)
def test_every_moment_the_bot_writes_is_read_back(
    writer: str, reader: str, ahead: int, hour: int, minute: int, mangle: int
) -> None:
    texts = CONTENT.texts_in(writer)
    when = datetime.combine(TODAY + timedelta(days=ahead), time(hour, minute))
    written = local_moment(when, texts)
    found = parse_when(_typed_like(written, mangle), TODAY, words=words(reader))
    assert found == (when.date(), when.time()), written


@pytest.mark.parametrize("lang", LANGS)
def test_every_month_and_weekday_name_is_read_in_every_language(lang: str) -> None:
    texts = CONTENT.texts_in(lang)
    locale = texts.raw("core.locale")
    for month in range(1, 13):
        day = date(2027, month, 1)
        for pattern in ("d MMMM y", "d MMM y", "MMMM d y", "d LLLL y", "d LLL y"):
            written = format_date(day, pattern, locale=locale)
            for reader in LANGS:
                assert parse_date(written, TODAY, words=words(reader)) == day, (written, reader)
    for ahead in range(1, 8):
        day = TODAY + timedelta(days=ahead)
        for pattern in ("EEEE", "EEE", "cccc", "ccc"):
            written = format_date(day, pattern, locale=locale)
            for reader in LANGS:
                assert parse_date(written, TODAY, words=words(reader)) == day, (written, reader)


def test_the_confirmation_is_written_in_the_readers_language() -> None:
    day = date(2026, 12, 3)
    when = datetime(2027, 1, 8, 10, 0)
    shown = {
        lang: (local_date(day, CONTENT.texts_in(lang)), local_moment(when, CONTENT.texts_in(lang)))
        for lang in LANGS
    }
    assert shown == {
        "en": ("Thu 3 Dec 2026", "Fri 8 January, 10:00"),
        "es": ("jue 3 dic 2026", "vie 8 de enero, 10:00"),
        "fr": ("jeu. 3 déc. 2026", "ven. 8 janvier, 10:00"),
        "de": ("Do., 3. Dez. 2026", "Fr., 8. Januar, 10:00"),
    }


# -- through the real Application ----------------------------------------------------------------


async def test_a_spanish_instructor_sets_up_a_class_in_spanish_words(bot: BotHarness) -> None:
    await seed_instructor(bot, SETUP)
    await bot.store.update_user(SETUP, {"lang": "es"})
    # Thursday 5 March 2026, mid-morning in London.
    bot.app.bot_data["clock"] = lambda: datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
    await bot.say(SETUP, "/newclass")
    await bot.say(SETUP, "Bebés de primavera")
    await bot.say(SETUP, "el martes que viene")
    assert "Primera sesión: <b>mar 10 mar 2026</b>" in last_shown(bot, SETUP)
    await bot.say(SETUP, "a las 10 de la mañana")
    assert "Hora de inicio: <b>10:00</b>" in last_shown(bot, SETUP)
    await bot.press(SETUP, "nc:tz:Europe/Madrid")
    await bot.press(SETUP, "nc:n:3")
    await bot.press(SETUP, "nc:len:60")
    await bot.press(SETUP, "nc:venue:skip")
    confirm = last_shown(bot, SETUP)
    assert "1. mar 10 mar 2026, 10:00" in confirm and "3. mar 24 mar 2026, 10:00" in confirm
    await bot.press(SETUP, "nc:ok")
    (klass,) = await bot.store.classes_of_instructor(SETUP)
    assert (klass["first_date"], klass["start"]) == ("2026-03-10", "10:00")


async def test_a_german_instructor_moves_a_session_and_each_reader_hears_it_in_their_own(
    bot: BotHarness,
) -> None:
    await make_instructor(bot.store)
    await bot.store.update_user(INSTRUCTOR, {"lang": "de"})
    cid = await open_sessions(bot, "2026-03-04T12:00")  # session 2: Tuesday 10 March, 10:00
    await bot.store.update_user(202, {"lang": "es"})  # this family reads Spanish
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:2")
    await bot.say(INSTRUCTOR, "Do., 12. März, 14.30 Uhr")
    confirm = bot.last_text(INSTRUCTOR)
    assert "auf <b>Donnerstag, 12. März um 14:30</b> verschieben?" in confirm
    await bot.press(INSTRUCTOR, bot.buttons(INSTRUCTOR)[0][1])
    assert (await bot.store.get_class(cid))["moved"] == {"2": "2026-03-12T14:30"}
    # The class's group and the family without a language of their own: the class's English;
    # the Spanish family: Spanish. Never the instructor's German.
    assert count(bot, GROUP, "session 2 has moved to <b>Thursday 12 March at 14:30") == 1
    assert count(bot, 201, "session 2 has moved to <b>Thursday 12 March at 14:30") == 1
    assert count(bot, 202, "jueves 12 de marzo") == 1
    assert not any("Donnerstag" in text for text in bot.texts(GROUP) + bot.texts(202))
    # "nächsten Dienstag" alone is a date still missing its time, said in German.
    await bot.press(INSTRUCTOR, f"ses:mv:{cid}:3")
    await bot.say(INSTRUCTOR, "nächsten Dienstag")
    assert says(bot.last_text(INSTRUCTOR), "sessions.move_no_time", lang="de")


# -- a day named among a message's other words (an absence: "le 21 on peut pas") -------------

SAID = [
    ("en", "count us out on the 12th please", date(2026, 3, 12)),
    ("en", "friday we can't, sorry, work thing", date(2026, 3, 6)),
    ("en", "not coming tomorrow, she has a cold", date(2026, 3, 6)),
    ("es", "el día 14 no puedo, tengo médico", date(2026, 3, 14)),
    ("fr", "le 21 on peut pas, mariage de ma cousine", date(2026, 3, 21)),
    ("de", "am 14. geht's bei mir nicht, hab einen Arzttermin", date(2026, 3, 14)),
    ("es", "el 2 de abril no podemos", date(2026, 4, 2)),
    # A weekday that is today's is today (TODAY is a Thursday).
    ("en", "sorry, can't come thursday", date(2026, 3, 5)),
    # A number alone is no day, nor one that counts something.
    ("en", "we'll be 10 minutes late, sorry", None),
    ("es", "llegamos 15 min tarde", None),
    ("en", "she's 4 months and has a cold, we can't come", None),
    ("en", "I am 10 minutes late, sorry", None),
    ("es", "llegamos con retraso de 10 minutos", None),
    ("en", "the 2 of us can't come", None),
    ("en", "we'll miss the 3rd session", None),
    # Two or three letters of a weekday are words of some language: "so", "son", "mi", "die".
    ("en", "so sorry, we can't make it", None),
    ("en", "my son is ill, not coming", None),
    ("es", "mi bebé está malito, no vamos", None),
    ("de", "die Kleine ist krank, wir kommen nicht", None),
    ("en", "Sam has a cold, we'll stay home", None),
]


@pytest.mark.parametrize(("lang", "text", "day"), SAID)
def test_a_day_named_in_a_message_is_read(lang: str, text: str, day: date | None) -> None:
    assert date_said(text, TODAY, words=words(lang)) == day
