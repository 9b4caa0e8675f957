"""Loads `content/safety/`: the red-flag rules, each language's words and replies, the numbers
to call in each country, and one safety line for languages the bot cannot read.

Adding a language is adding `lang/<code>.toml` (with the same concepts and reply keys as
English); adding a country is adding a table to `countries.toml`. `python bot.py check` reports
every problem with its file.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from content.errors import ContentError
from content.helplines import Helpline, LineWords, join_or, line_words, parse_lines, write_lines
from content.html_check import html_problems
from content.texts import Html, escape
from domain.concept_figures import AGE_UNITS, STATED_FIGURE
from domain.concept_words import Lexicon
from domain.concepts import LINK_FREE, NOT_A_CALL, PLACE_IN, STORY_TURN, TAKEN_BACK, Frame, Rule
from domain.language import close_rivals, detect, nearest
from domain.safety import CALM, CRISIS, KINDS, URGENT, SafetyModel
from domain.timezones import country_of_zone

BASE_LANG = "en"
REPLY_KEYS = (
    "urgent",
    "urgent_adult",
    "urgent_advice",
    "crisis",
    "crisis_line",
    "told_instructor",
    "not_told",
    "if_emergency",
    "crisis_in_private",
)
# Concepts the engine reads itself (a baby's age, and "for 3 days" or "in 3 weeks", which are
# not one), not rules.
AGE_CONCEPTS = frozenset({*AGE_UNITS, "young", "for_span", "ahead_span", STATED_FIGURE})
UNKNOWN_KEYS = ("emergency", "crisis", "passed_on", "no_instructor")
_RULE_FIELDS = {
    "id",
    "kind",
    "category",
    "all",
    "within",
    "unless",
    "unless_within",
    "young",
    "min_celsius",
    "crisis_first",
    "owned",
    "unless_clause",
    "gap",
    "last_in_clause",
}
_ALLOWED_TAGS: dict[str, frozenset[str]] = {"b": frozenset(), "i": frozenset()}


# The joins of the numbers in countries.toml: "112, 999 or 911".
_OR = re.compile(r",|\bor\b")


@dataclass(frozen=True)
class Numbers:
    """Who to call in one country: the emergency number, and lines for advice and crisis."""

    country: str
    emergency: str  # as the table writes it, in English: "999 or 112"
    advice: tuple[Helpline, ...] = ()
    crisis: tuple[Helpline, ...] = ()

    def emergency_in(self, lang: str | None) -> str:
        """The emergency numbers joined by `lang`'s own "or": a Spanish reply says "112, 999 o
        911", not "112, 999 or 911"."""
        numbers = [part.strip() for part in _OR.split(self.emergency) if part.strip()]
        if lang in (None, BASE_LANG):
            return self.emergency
        return join_or(numbers, lang)


@dataclass(frozen=True)
class SafetyPack:
    """Everything the safety net needs, loaded and checked."""

    model: SafetyModel
    replies: Mapping[str, Mapping[str, str]]  # language -> reply key -> template
    line_words: Mapping[str, LineWords]  # language -> its words for helplines
    countries: Mapping[str, Numbers]
    generic: Numbers
    unknown: Mapping[str, Mapping[str, str]]  # language -> key -> line

    def numbers(self, country: str | None) -> Numbers:
        """The numbers for a country code, or the generic ones when it is unknown."""
        return self.countries.get((country or "").upper(), self.generic)

    def numbers_in_zone(self, zone: str | None) -> Numbers:
        """The numbers of the country of a time zone (a class's), or the generic ones."""
        return self.numbers(country_of_zone(zone))

    def language_of(self, text: str, default: str = BASE_LANG) -> str:
        """The language a message is written in, preferring those whose words the model knows;
        `default` (the writer's own language) when the message is too short to tell."""
        lang = detect(text, self.replies.keys(), self.unknown.keys(), default)
        if lang not in self.replies:
            return self._neighbour_of(text, lang)
        # Close neighbours (Spanish, Portuguese) are told apart by which one's words they are.
        rivals = close_rivals(text, lang, self.replies.keys())
        best = max(
            [lang, *rivals], key=lambda code: (self.model.words_known(text, code), code == lang)
        )
        return best

    def _neighbour_of(self, text: str, lang: str) -> str:
        """A language we read, for a message the model placed in one we do not but which is
        nearly as likely ours: "q hago si llora" scores Catalan and Swiss German scores
        Luxembourgish, though a Spanish and a German reader understand them."""
        return nearest(text, self.replies.keys()) or lang

    def reply_language(self, lang: str | None) -> str:
        """The language to answer in: the one asked for when we have its replies."""
        return lang if lang is not None and lang in self.replies else BASE_LANG

    def render(
        self, kind: str, lang: str | None, numbers: Numbers, category: str | None = None
    ) -> Html:
        """The urgent or crisis reply in `lang`, with the numbers of the country filled in: the
        reply of the red flag's category where it has its own (`urgent_adult`: the parent's own
        emergency is not the baby's, "say your baby's age" would be the wrong words)."""
        templates = self.replies[self.reply_language(lang)]
        fields = {
            "emergency": escape(numbers.emergency_in(self.reply_language(lang))),
            "advice": escape(self.helplines(numbers.advice, lang)),
            # The crisis line starts its sentence: "📞 La línea de prevención del suicidio (024)".
            "crisis": escape(_capitalised(self.helplines(numbers.crisis, lang))),
        }
        own = f"{kind}_{category}" if category else kind
        parts = [templates.get(own, templates[kind]).strip().format(**fields)]
        if kind == URGENT and numbers.advice:
            parts.append(templates["urgent_advice"].strip().format(**fields))
        if kind == CRISIS and numbers.crisis:
            parts.append(templates["crisis_line"].strip().format(**fields))
        return Html("\n\n".join(parts))

    def helplines(self, lines: tuple[Helpline, ...], lang: str | None) -> str:
        """Lines to call as a reply in `lang` says them (English's words for the kinds of line
        where the bot has no reply set in `lang`, with `lang`'s own "or")."""
        words = self.line_words.get(lang or "", self.line_words[BASE_LANG])
        if words.lang != lang and lang:
            words = LineWords(lang, words.kinds, words.notes)
        return write_lines(lines, words)

    def line(self, lang: str | None, key: str, **fields: object) -> Html:
        """One of the short reply lines (told_instructor, not_told, if_emergency) in `lang`."""
        template = self.replies[self.reply_language(lang)][key].strip()
        return Html(template.format(**{k: escape(v) for k, v in fields.items()}))

    def unknown_lines(
        self, lang: str | None, numbers: Numbers, instructor: str
    ) -> tuple[Html, Html, Html]:
        """For a message the FAQ cannot read: the safety line, "passed on" and "no instructor",
        in the parent's language where we have it (a full reply set, else a line of
        unknown.toml), in simple English otherwise. Where the country has a crisis line the
        safety line names it too: the message may be a parent in crisis the rules cannot read."""
        table = self.unknown.get(lang or "") if lang not in self.replies else None
        if table is not None:
            emergency = escape(numbers.emergency_in(lang))
            lines = [table["emergency"].strip().format(emergency=emergency)]
            if numbers.crisis:
                crisis = escape(self.helplines(numbers.crisis, lang))
                lines.append(table["crisis"].strip().format(crisis=crisis))
            return (
                Html("\n".join(lines)),
                Html(escape(table["passed_on"].strip())),
                Html(escape(table["no_instructor"].strip())),
            )
        emergency = numbers.emergency_in(self.reply_language(lang))
        safety_line = self.line(lang, "if_emergency", emergency=emergency)
        if numbers.crisis:
            crisis = _capitalised(self.helplines(numbers.crisis, self.reply_language(lang)))
            safety_line = Html(f"{safety_line}\n{self.line(lang, 'crisis_line', crisis=crisis)}")
        return (
            safety_line,
            self.line(lang, "told_instructor", instructor=instructor),
            self.line(lang, "not_told"),
        )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _read(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"{path}: {exc}")
        return None


def _tables(
    data: Mapping[str, Any], name: str, path: Path, allowed: set[str], problems: list[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each `[[name]]` table of a rules file with where it is ("rules.toml: rule 3 (choking)");
    one with a field the loader does not know is reported and skipped."""
    for index, raw in enumerate(data.get(name, [])):
        where = f"{path}: {name} {index + 1} ({raw.get('id', '?')})"
        extra = set(raw) - allowed
        if extra:
            problems.append(f"{where}: unknown fields {sorted(extra)}")
            continue
        yield where, raw


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def load_rules(
    path: Path, problems: list[str], kinds: tuple[str, ...] = KINDS
) -> tuple[list[Rule], list[Frame], set[str]]:
    """The rules and frames of a rules file (checked against its [categories] and the `kinds`
    allowed), and every concept they name."""
    data = _read(path, problems) or {}
    frames, concepts = _frames(data, path, problems, kinds)
    categories = data.get("categories", {})
    rules: list[Rule] = []
    seen: set[str] = set()
    for where, raw in _tables(data, "rule", path, _RULE_FIELDS, problems):
        kind = raw.get("kind", kinds[0])
        if kind not in kinds:
            problems.append(f"{where}: kind must be one of {kinds}")
            continue
        if raw.get("category") not in categories:
            problems.append(f"{where}: category {raw.get('category')!r} is not in [categories]")
            continue
        if raw.get("id") in seen:
            problems.append(f"{where}: the id is used twice")
            continue
        seen.add(raw["id"])
        rule = Rule(
            id=raw["id"],
            kind=kind,
            category=raw["category"],
            all=tuple(raw.get("all", ())),
            within=int(raw.get("within", 6)),
            unless=tuple(raw.get("unless", ())),
            unless_within=int(raw.get("unless_within", 3)),
            young=bool(raw.get("young", False)),
            min_celsius=raw.get("min_celsius"),
            crisis_first=bool(raw.get("crisis_first", False)),
            owned=tuple(raw.get("owned", ())),
            unless_clause=tuple(raw.get("unless_clause", ())),
            gap=int(raw["gap"]) if "gap" in raw else None,
            last_in_clause=(tuple(raw["last_in_clause"]) if "last_in_clause" in raw else None),
        )
        if not rule.all and rule.min_celsius is None:
            problems.append(f"{where}: a rule needs concepts or a temperature")
            continue
        concepts.update(name for slot in rule.all for name in slot.split("|"))
        concepts.update(rule.unless)
        concepts.update(rule.unless_clause)
        concepts.update(rule.last_in_clause or ())
        concepts.update(rule.owned)
        rules.append(rule)
    signs = {name for rule in rules for slot in rule.all for name in slot.split("|")}
    for frame in frames:
        # A misspelt sign would leave the frame explaining away what it must not, silently.
        for field, named in (("unless_signs", frame.unless_signs), ("signs", frame.signs)):
            unknown = set((named or "").split("|")) - signs - {""}
            if unknown:
                problems.append(f"{path}: frame {frame.id}: {field} {sorted(unknown)} fill no rule")
    return rules, frames, concepts


_FRAME_FIELDS = {
    "id",
    "kinds",
    "categories",
    "message",
    "before",
    "within",
    "linked",
    "link_free",
    "after",
    "after_within",
    "unless",
    "unless_after",
    "unless_before",
    "turned_by",
    "owner",
    "unless_signs",
    "signs",
    "unless_young",
    "message_in_sentence",
}


def _frames(
    data: Mapping[str, Any], path: Path, problems: list[str], kinds: tuple[str, ...]
) -> tuple[list[Frame], set[str]]:
    """The [[frame]] tables of a rules file (what the words around a red flag say about it),
    and every concept they name."""
    categories = data.get("categories", {})
    frames: list[Frame] = []
    concepts: set[str] = set()
    for where, raw in _tables(data, "frame", path, _FRAME_FIELDS, problems):
        frame_kinds = tuple(raw.get("kinds", ()))
        if not frame_kinds or not set(frame_kinds) <= set(kinds):
            problems.append(f"{where}: kinds must be some of {kinds}")
            continue
        frame = Frame(
            id=str(raw.get("id", "")),
            kinds=frame_kinds,
            message=raw.get("message"),
            before=raw.get("before"),
            within=int(raw.get("within", 8)),
            linked=raw.get("linked"),
            link_free=int(raw.get("link_free", LINK_FREE)),
            after=raw.get("after"),
            after_within=raw.get("after_within"),
            unless=raw.get("unless"),
            unless_after=raw.get("unless_after"),
            unless_before=raw.get("unless_before"),
            turned_by=raw.get("turned_by"),
            owner=bool(raw.get("owner", False)),
            categories=tuple(raw.get("categories", ())),
            unless_signs=raw.get("unless_signs"),
            signs=raw.get("signs"),
            unless_young=bool(raw.get("unless_young", False)),
            message_in_sentence=bool(raw.get("message_in_sentence", False)),
        )
        if not (frame.message or frame.before or frame.after):
            problems.append(f"{where}: a frame needs message, before or after")
            continue
        unknown = set(frame.categories) - set(categories)
        if unknown:
            problems.append(f"{where}: categories {sorted(unknown)} are not in [categories]")
            continue
        concepts.update(frame.concepts)
        frames.append(frame)
    return frames, concepts


def load_lexicon(path: Path, needed: set[str], problems: list[str]) -> Lexicon | None:
    """One language's words for the concepts the rules use (each problem named with the file)."""
    data = _read(path, problems)
    return None if data is None else _lexicon(path, data, needed, problems)


def _lexicon(
    path: Path, data: Mapping[str, Any], needed: set[str], problems: list[str]
) -> Lexicon | None:
    lang = data.get("lang")
    if lang != path.stem:
        problems.append(f"{path}: lang = {lang!r} must match the file name")
        return None
    concepts = data.get("concepts", {})
    for name in sorted(needed - set(concepts)):
        problems.append(f"{path}: concept {name!r} is missing (the rules use it)")
    for name in sorted(set(concepts) - needed - AGE_CONCEPTS):
        problems.append(f"{path}: concept {name!r} is not used by any rule")
    return Lexicon(
        lang=lang,
        concepts={name: tuple(str(t) for t in terms) for name, terms in concepts.items()},
        numbers={str(k): int(v) for k, v in data.get("numbers", {}).items()},
        protected=frozenset(data.get("protected", ())),
        shout=frozenset(data.get("shout", ())),
        degree=frozenset(data.get("degree", ())),
        typos={str(k): str(v) for k, v in data.get("typos", {}).items()},
    )


class _Language(NamedTuple):
    lexicon: Lexicon
    replies: dict[str, str]
    words: LineWords


def _load_language(
    path: Path, needed: set[str], english: _Language | None, problems: list[str]
) -> _Language | None:
    data = _read(path, problems)
    lexicon = None if data is None else _lexicon(path, data, needed, problems)
    if data is None or lexicon is None:
        return None
    replies = {key: str(value) for key, value in data.get("replies", {}).items()}
    for key in REPLY_KEYS:
        if key not in replies:
            problems.append(f"{path}: [replies] {key} is missing")
        elif english is not None and _fields(replies[key]) != _fields(english.replies[key]):
            problems.append(f"{path}: [replies] {key} has fields that differ from English")
        else:
            problems.extend(
                f"{path}: [replies] {key}: {p}" for p in html_problems(replies[key], _ALLOWED_TAGS)
            )
    for key in sorted(set(replies) - set(REPLY_KEYS)):
        problems.append(f"{path}: [replies] {key} is not a reply the bot sends")
    words = line_words(path, data, None if english is None else english.words, problems)
    return _Language(lexicon, replies, words)


def _load_countries(
    path: Path, english: LineWords, problems: list[str]
) -> tuple[dict[str, Numbers], Numbers]:
    data = _read(path, problems) or {}
    generic_raw = data.pop("generic", {})
    generic = Numbers("", str(generic_raw.get("emergency", "112, 999 or 911")))
    countries: dict[str, Numbers] = {}
    for code, raw in data.items():
        if len(code) != 2 or not code.isupper() or not isinstance(raw, dict):
            problems.append(f"{path}: [{code}] is not a two-letter country code table")
            continue
        if not raw.get("emergency") or not raw.get("source"):
            problems.append(f"{path}: [{code}] needs emergency and source")
            continue
        advice, crisis = (
            parse_lines(raw.get(field, []), f"{path}: [{code}] {field}", english, problems)
            for field in ("advice", "crisis")
        )
        countries[code] = Numbers(code, raw["emergency"], advice, crisis)
    return countries, generic


def load_safety(folder: Path) -> SafetyPack:
    """Load and check every safety file; raise one ContentError listing every problem."""
    problems: list[str] = []
    rules, frames, needed = load_rules(folder / "rules.toml", problems)
    # The frames also read words that hold a call for help without making one, and the words
    # that turn a story ("but").
    needed.add(NOT_A_CALL)
    needed.add(STORY_TURN)
    needed.add(PLACE_IN)  # and the places a near-miss word may name
    needed.add(TAKEN_BACK)  # and a joke taken back by a "but"
    needed.update(CALM)  # and the calm words that make the learned nets surer
    base = folder / "lang" / f"{BASE_LANG}.toml"
    english = _load_language(base, needed, None, problems) if base.exists() else None
    if english is None:
        raise ContentError([*problems, f"{base}: the English safety words are required"])
    languages = [english]
    for path in sorted((folder / "lang").glob("*.toml")):
        if path.stem != BASE_LANG:
            other = _load_language(path, needed, english, problems)
            languages.extend([other] if other is not None else [])
    lexicons = [language.lexicon for language in languages]
    replies = {language.lexicon.lang: language.replies for language in languages}
    words = {language.lexicon.lang: language.words for language in languages}
    countries, generic = _load_countries(folder / "countries.toml", english.words, problems)
    unknown_path = folder / "unknown.toml"
    unknown = {
        str(lang): {k: str(v) for k, v in table.items()}
        for lang, table in (_read(unknown_path, problems) or {}).items()
    }
    for lang, table in unknown.items():
        if (
            set(table) != set(UNKNOWN_KEYS)
            or "{emergency}" not in table.get("emergency", "")
            or "{crisis}" not in table.get("crisis", "")
        ):
            problems.append(
                f"{unknown_path}: [{lang}] needs {UNKNOWN_KEYS} with {{emergency}} and {{crisis}}"
            )
    if problems:
        raise ContentError(problems)
    model = SafetyModel(rules, lexicons, frames)
    return SafetyPack(model, replies, words, countries, generic, unknown)
