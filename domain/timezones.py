"""Time zones a class may use, and the zone an instructor means when they type a city or a zone
name ("Madrid", "new york", "Europe/Londn"). Pure: nothing here reads the clock or the bot.
"""

from __future__ import annotations

import difflib
import functools
import re
from zoneinfo import available_timezones


@functools.cache
def known_zones() -> tuple[str, ...]:
    """Every IANA zone name a class may use (not the host's "localtime" or "Factory")."""
    return tuple(sorted(z for z in available_timezones() if z not in ("localtime", "Factory")))


@functools.cache
def _zones_by_city() -> dict[str, list[str]]:
    """Zones by their lower-case city part ("new_york" -> ["America/New_York"])."""
    cities: dict[str, list[str]] = {}
    for zone in known_zones():
        if "/" in zone and not zone.startswith("Etc/"):
            cities.setdefault(zone.rsplit("/", 1)[-1].lower(), []).append(zone)
    return cities


def match_timezone(text: str, limit: int = 5) -> tuple[str | None, list[str]]:
    """The zone a typed name means (an IANA name, or a city with one zone), else suggestions."""
    key = re.sub(r"[\s_]+", "_", text.strip()).lower()
    if not key or len(key) > 64:  # no zone name is longer than 32 characters
        return None, []
    by_lower = {z.lower(): z for z in known_zones()}
    if key in by_lower:
        return by_lower[key], []
    cities = _zones_by_city()
    if len(cities.get(key, [])) == 1:
        return cities[key][0], []
    found = list(cities.get(key, []))
    if len(key) >= 3:
        found += [z for city, zones in cities.items() if key in city for z in zones]
    for close in difflib.get_close_matches(key, list(cities), n=limit, cutoff=0.75):
        found += cities[close]
    for close in difflib.get_close_matches(key, list(by_lower), n=limit, cutoff=0.8):
        found.append(by_lower[close])
    return None, list(dict.fromkeys(found))[:limit]


def is_zone(name: str) -> bool:
    """Whether `name` is a zone a class may use (for ids that came back in callback data)."""
    return name in known_zones()


# Zones that are links (old or alternative names) to a zone of another country's table.
_ZONE_ALIASES = {
    "GB": "GB",
    "GB-Eire": "GB",
    "Eire": "IE",
    "NZ": "NZ",
    "Hongkong": "HK",
    "Singapore": "SG",
    "Japan": "JP",
    "ROK": "KR",
    "PRC": "CN",
    "ROC": "TW",
    "Israel": "IL",
    "Turkey": "TR",
    "Poland": "PL",
    "Portugal": "PT",
    "Iceland": "IS",
    "Egypt": "EG",
    "Iran": "IR",
    "Jamaica": "JM",
    "Cuba": "CU",
}


@functools.cache
def _country_by_zone() -> dict[str, str]:
    """Zone name -> ISO country code, from the tz database's own zone.tab (tzdata package)."""
    from importlib.resources import files

    table = files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    countries: dict[str, str] = dict(_ZONE_ALIASES)
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            countries[zone] = code
    return countries


def country_of_zone(zone: str | None) -> str | None:
    """The country a class's time zone is in ("Australia/Sydney" -> "AU"), or None."""
    return _country_by_zone().get(zone or "")
