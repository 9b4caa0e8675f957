"""Pins the ordinary messages the safety nets learn to leave alone (`python -m
content.pin_everyday`).

It writes `content/safety/learn/ordinary/everyday.tsv` from the FAQ's example questions and
out-of-scope examples in every language, as they stand now. Run it on purpose, as a safety
change: the nets are trained again from it, which moves their readings of messages both ways, so
measure the safety sets (tests/test_safety_sets.py) before and after, like any rule change.
"""

from __future__ import annotations

from pathlib import Path

from content.faq import load_faq
from content.loader import CONTENT_DIR
from content.match_pack import load_lexicons
from content.packs import ENGLISH, pack_languages
from content.safety_learn import EVERYDAY_FILE, write_everyday


def everyday_examples(root: Path = CONTENT_DIR) -> list[tuple[str, str]]:
    """(language, message) for every FAQ example and out-of-scope example under `root`, every
    language: English's FAQ first, then each pack's, then each language's out-of-scope."""
    faq_folders = [(ENGLISH, root / "faq")]
    faq_folders += [(lang, root / "faq" / lang) for lang in pack_languages(root / "faq")]
    return [
        (lang, text)
        for lang, folder in faq_folders
        for entry in load_faq(folder).values()
        for text in entry.examples
    ] + [
        (lang, text)
        for lang, lexicon in load_lexicons(root / "match").items()
        for text in lexicon.out_of_scope
    ]


def main() -> None:
    """Write the pinned file from the content as it stands and say how many messages it holds."""
    folder = CONTENT_DIR / "safety" / "learn"
    pairs = everyday_examples()
    write_everyday(folder, pairs)
    print(f"{folder / EVERYDAY_FILE}: {len(pairs)} ordinary messages pinned")


if __name__ == "__main__":
    main()
