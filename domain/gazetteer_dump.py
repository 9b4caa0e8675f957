"""Reads GeoNames' cities file (16 MB of JSON) and prints one compact line per city, for
`domain.places` to index. Run as a child process on purpose: parsing that JSON costs ~80 MB at
its peak, which a long-running bot would keep (freed memory stays fragmented); the child gives
it all back when it exits and the bot keeps only the small index. Standard library only.

Usage: python domain/gazetteer_dump.py CITIES_JSON MIN_ALT_POPULATION
Line: name TAB country TAB zone TAB population TAB latitude TAB longitude TAB key|key|...
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from typing import Any

_LATIN = re.compile(r"^[a-z][a-z .'-]*$")


def fold(text: str) -> str:
    """A name as it is looked up: no accents, lower case, single spaces ("  São  Paulo" ->
    "sao paulo"; "St. Louis" -> "st louis")."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[._,/\\-]+", " ", plain)
    return " ".join(plain.split())


def _keys(city: dict[str, Any], min_alt: int) -> list[str]:
    """The folded names a city is found by: its own, and for big ones its Latin-script
    alternate names ("Munchen", "Bombay"), no airport codes."""
    keys = {fold(city["name"])}
    if city["population"] >= min_alt:
        for alt in city.get("alternatenames") or ():
            key = fold(alt)
            if len(key) > 3 and _LATIN.match(key) and not alt.isupper():
                keys.add(key)
    return sorted(k for k in keys if k)


def main(path: str, min_alt: int) -> None:
    """Print the compact lines (see the module docstring)."""
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    out = sys.stdout
    for city in cities.values():
        fields = (
            city["name"],
            city["countrycode"],
            city.get("timezone") or "",
            str(int(city["population"])),
            str(city["latitude"]),
            str(city["longitude"]),
            "|".join(_keys(city, min_alt)),
        )
        out.write("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
