"""Which language a message is written in, from py3langid's model (shipped with the package).

Short messages are hard to place ("ok" looks like Afrikaans to any model), and a parent who
writes a word or two of English must not be told the bot cannot read them. So a message is
taken as English unless the model is sure of another language, and a language the bot serves
wins over a close neighbour ("mi bebé no respira" may score Catalan first, Spanish second).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from domain import language_model

ENGLISH = "en"
# @mentions, links and /commands are not words of any language.
_NOT_LANGUAGE = re.compile(r"(?:@\w+|https?://\S+|/\w+)")
# Below this many letters, a Latin-script message is taken as English.
MIN_LETTERS = 12
SURE = 0.9
LIKELY = 0.5
NEIGHBOUR = 0.05
KEEP_DEFAULT = 0.2
# A language whose share is at least this fraction of the chosen one's is a close rival.
RIVAL = 0.05
# A message the model places in a language we do not read is read in ours when ours is the
# model's second choice, at most this much less likely (log-likelihood): Spanish typed
# "q hago si llora" is 3.7 behind Catalan, Swiss German 10 to 15 behind Luxembourgish. Real
# Catalan has Occitan second, or French more than 25 behind.
NEAREST_GAP = 20.0


def _non_latin_share(text: str) -> float:
    if text.isascii():  # most messages: no letter to look up
        return 0.0
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    non_latin = sum(1 for ch in letters if "LATIN" not in unicodedata.name(ch, "LATIN"))
    return non_latin / len(letters)


@lru_cache(maxsize=4096)
def _ranked(text: str) -> tuple[tuple[str, float], ...]:
    """Languages by probability (the model gives log-likelihoods; turned into shares)."""
    ranked = _log_ranked(text)[:8]
    top = ranked[0][1]
    weights = [(lang, math.exp(score - top)) for lang, score in ranked]
    total = sum(w for _, w in weights)
    return tuple((lang, w / total) for lang, w in weights)


def detect(
    text: str,
    preferred: Collection[str] = (ENGLISH,),
    known: Collection[str] = (),
    default: str = ENGLISH,
) -> str:
    """The ISO 639-1 code of the language of `text`; `default` (the person's own language,
    English unless known) when in doubt.

    `preferred` are the languages the bot reads fully: one of them wins when it is the model's
    first choice or a close second. `known` are languages it has a line or two for."""
    text = _NOT_LANGUAGE.sub(" ", text)
    letters = sum(1 for ch in text if ch.isalpha())
    if letters == 0:
        return default
    non_latin = _non_latin_share(text) > 0.5
    if not non_latin and letters < MIN_LETTERS:
        return default
    ranked = _ranked(text)
    best, share = ranked[0]
    # The person's own language stays when the model finds it plausible at all: "how often is
    # best?" scores Dutch first, English a fair second; an English parent wrote it.
    if best != default and dict(ranked).get(default, 0.0) >= KEEP_DEFAULT:
        return default
    if best in preferred:
        return best
    for lang, lang_share in ranked[1:]:
        if lang in preferred and lang_share >= NEIGHBOUR:
            return lang
    if non_latin or share >= SURE or (best in known and share >= LIKELY):
        return best
    return default


def close_rivals(text: str, lang: str, candidates: Collection[str]) -> list[str]:
    """Other `candidates` the model finds nearly as likely as `lang` for `text` (Spanish and
    Portuguese, Catalan and Spanish), for a caller that can tell them apart by their words."""
    if sum(1 for ch in text if ch.isalpha()) == 0:
        return []
    shares = dict(_ranked(text))
    mine = shares.get(lang, 0.0)
    return [c for c in candidates if c != lang and shares.get(c, 0.0) >= RIVAL * max(mine, 1e-9)]


def nearest(text: str, candidates: Collection[str]) -> str | None:
    """The one of `candidates` the model finds for `text` first, or second within NEAREST_GAP
    of its first (a dialect or neighbour of it, whose reader understands it); else None."""
    text = _NOT_LANGUAGE.sub(" ", text)
    if not any(ch.isalpha() for ch in text):
        return None
    (first, top), *rest = _log_ranked(text)
    if first in candidates:
        return first
    if rest and rest[0][0] in candidates and top - rest[0][1] <= NEAREST_GAP:
        return rest[0][0]
    return None


@lru_cache(maxsize=1024)
def _log_ranked(text: str) -> tuple[tuple[str, float], ...]:
    """Every language with the model's log-likelihood, most likely first."""
    return tuple((lang, float(score)) for lang, score in language_model.identifier().rank(text))
