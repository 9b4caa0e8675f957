"""The FAQ matcher's words per language: `content/match/<lang>.toml` read into a `Lexicon`.

One file per language, all with the same keys (see `en.toml`, whose comments say what each is
for). A language whose file is missing has no FAQ matching; its questions go to the instructor.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from content.errors import ContentError
from domain.lexicon import Lexicon, Rewrite, fold

MATCH_DIR = Path(__file__).resolve().parent / "match"


def _words(value: Any) -> frozenset[str]:
    """A space-separated word list (possibly over several lines), accents folded."""
    return frozenset(fold(str(value)).split())


def _pairs(rows: Any, where: str) -> list[tuple[str, str]]:
    """[canonical, "word word ..."] rows as (word, canonical) pairs, in order (later wins)."""
    out: list[tuple[str, str]] = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) for x in row)):
            raise ContentError([f'{where}: each entry is [canonical, "words"], not {row!r}'])
        canonical, words = fold(row[0]).strip(), fold(row[1])
        out.extend((word, canonical) for word in words.split())
    return out


def _rewrites(rows: Any, where: str) -> tuple[Rewrite, ...]:
    """[regex, replacement] rows compiled, each checked."""
    out: list[Rewrite] = []
    for row in rows:
        try:
            out.append(Rewrite(re.compile(row[0]), row[1]))
        except (re.error, IndexError, TypeError) as exc:
            raise ContentError([f"{where}: bad rewrite {row!r}: {exc}"]) from exc
    return tuple(out)


def _off_topic(rows: Any, where: str) -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
    """[pattern, unless] rows (`unless` may be ""), each compiled and checked."""
    out: list[tuple[re.Pattern[str], re.Pattern[str] | None]] = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) for x in row)):
            raise ContentError([f"{where}: each off_topic entry is [pattern, unless], not {row!r}"])
        pattern = _pattern(row[0], where)
        if pattern is None:
            raise ContentError([f"{where}: an off_topic entry needs a pattern: {row!r}"])
        out.append((pattern, _pattern(row[1], where)))
    return tuple(out)


def _pattern(value: Any, where: str) -> re.Pattern[str] | None:
    """An optional regex, checked."""
    if not value:
        return None
    try:
        return re.compile(str(value))
    except re.error as exc:
        raise ContentError([f"{where}: bad pattern: {exc}"]) from exc


def load_lexicon(path: Path) -> Lexicon:
    """Read one language's matcher words; raise ContentError naming the file if malformed."""
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        words, folding, patterns = data["words"], data["folding"], data.get("patterns", {})
        units = sorted(
            ((fold(k), float(v)) for k, v in patterns.get("age_units", {}).items()),
            key=lambda unit: -len(unit[0]),
        )
        # A phrase is one entry ("skin to skin" -> "skintoskin"), not a word list.
        phrases = {fold(p).strip(): fold(c) for p, c in folding.get("phrases", [])}
        return Lexicon(
            lang=str(data["lang"]),
            stemmer=str(data.get("stemmer", "light")),
            join_apostrophes=bool(data.get("join_apostrophes", False)),
            emoji=MappingProxyType({k: str(v) for k, v in data.get("emoji", {}).items()}),
            fillers=_words(words.get("fillers", "")),
            stopwords=_words(words.get("stopwords", "")),
            question_words=_words(words.get("question_words", "")),
            context=frozenset(str(words.get("context", "")).split()),
            numbers=MappingProxyType({fold(k): int(v) for k, v in data.get("numbers", {}).items()}),
            age=_pattern(patterns.get("age"), where),
            age_units=tuple(units),
            born_at=_pattern(patterns.get("born_at"), where),
            before=_rewrites(patterns.get("before", []), where),
            after=_rewrites(patterns.get("after", []), where),
            contractions=MappingProxyType(
                {fold(k): fold(str(v)) for k, v in data.get("contractions", {}).items()}
            ),
            phrases=MappingProxyType(phrases),
            variants=MappingProxyType(dict(_pairs(folding.get("variants", []), where))),
            concepts=MappingProxyType(dict(_pairs(folding.get("concepts", []), where))),
            out_of_scope=tuple(str(q) for q in data.get("out_of_scope", {}).get("examples", [])),
            dialect=MappingProxyType(
                {fold(k): fold(str(v)) for k, v in data.get("dialect", {}).items()}
            ),
            off_topic=_off_topic(data.get("off_topic", {}).get("rules", []), where),
            diminutives=tuple(
                (fold(str(end)), fold(str(plain))) for end, plain in words.get("diminutives", [])
            ),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ContentError([f"{where}: {exc!r}"]) from exc


def load_lexicons(root: Path = MATCH_DIR) -> Mapping[str, Lexicon]:
    """Every language's matcher words under `root`, by language code."""
    lexicons = {path.stem: load_lexicon(path) for path in sorted(root.glob("*.toml"))}
    for code, lexicon in lexicons.items():
        if lexicon.lang != code:
            raise ContentError([f"{root / code}.toml: lang is {lexicon.lang!r}, not {code!r}"])
    return MappingProxyType(lexicons)
