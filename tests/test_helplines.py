"""Helplines in the parent's language: the emergency and crisis replies name each country's
advice and crisis lines without an English word in a reply in another language, and
`bot.py check` names a line the languages cannot write.

A Spanish-speaking parent in a class in London used to read "NHS 111 (England, Scotland and
Wales)" and a German one in Madrid "024, the suicide prevention line" in the middle of their own
language, in the one message that has to be read at a glance.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from content.errors import ContentError
from content.loader import Content
from content.safety_pack import load_safety
from domain.safety import CRISIS, URGENT
from tests.conftest import BotHarness
from tests.test_joining import PARENT
from tests.test_safety_paths import member

SAFETY = Path(__file__).resolve().parents[1] / "content" / "safety"


def test_no_reply_in_another_language_names_a_line_in_english(content: Content) -> None:
    pack = content.safety
    english = pack.line_words["en"]
    english_words = [*english.kinds.values(), *english.notes.values(), " or "]
    checked = 0
    for lang in pack.replies:
        if lang == "en":
            continue
        for code in pack.countries:
            numbers = pack.numbers(code)
            for kind, lines in ((URGENT, numbers.advice), (CRISIS, numbers.crisis)):
                reply = str(pack.render(kind, lang, numbers))
                for line in lines:  # every number is there, in the reply's own words
                    assert all(n in reply for n in line.numbers if n not in (line.name or ""))
                assert not [w for w in english_words if w in reply], (lang, code, reply)
                checked += 1
            # The one line a message the FAQ cannot read gets ("ligue já para o 999 ou 112").
            safety_line = str(pack.unknown_lines(lang, numbers, "Maya")[0])
            assert not [w for w in english_words if w in safety_line], (lang, code, safety_line)
    assert checked > 7 * 100 * 2


@pytest.mark.parametrize(
    ("zone", "message", "line"),
    [
        # A Spanish-speaking parent in London: the advice line's note in Spanish.
        (
            "Europe/London",
            "mi bebé no respira y está morado",
            "NHS 111 (Inglaterra, Escocia y Gales) puede orientarte, pero ante la duda, llama al"
            " 999 o 112",
        ),
        # A German-speaking parent in crisis in Madrid: Spain's line, named in German.
        (
            "Europe/Madrid",
            "Ich kann nicht mehr, ich will einfach nicht mehr leben",
            "📞 Die Hotline zur Suizidprävention (024):",
        ),
    ],
)
async def test_a_parent_reads_the_countrys_line_in_their_own_language(
    bot: BotHarness, zone: str, message: str, line: str
) -> None:
    await member(bot, tz=zone)
    await bot.say(PARENT, message)
    assert line in bot.texts(PARENT)[0]


def test_a_line_the_languages_cannot_write_is_named_by_check(tmp_path: Path) -> None:
    folder = tmp_path / "safety"
    shutil.copytree(SAFETY, folder)
    countries = folder / "countries.toml"
    text = countries.read_text(encoding="utf-8")
    text = text.replace('kind = "suicide_prevention", number = "024"', 'kind = "hotline"', 1)
    countries.write_text(text, encoding="utf-8")
    french = folder / "lang" / "fr.toml"
    lines = french.read_text(encoding="utf-8").splitlines()
    french.write_text("\n".join(x for x in lines if not x.startswith("call_or_text")), "utf-8")
    with pytest.raises(ContentError) as raised:
        load_safety(folder)
    problems = raised.value.problems
    assert any("countries.toml: [ES] crisis: kind 'hotline'" in p for p in problems), problems
    assert any("fr.toml: [line_notes] call_or_text is missing" in p for p in problems), problems
