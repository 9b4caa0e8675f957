"""Places benchmark: what the offline gazetteer and the zone polygons cost a bot process.

Both load on first use only (never at start-up), so a bot that never sees /newclass pays
nothing. This prints, in a fresh process that has already imported the bot's modules:
- `gazetteer_load_s`, `gazetteer_rss_mb`: the first typed city (index built from GeoNames'
  cities by a child process, so the JSON's peak never lands in the bot);
- `city_p50_ms`, `typo_p50_ms`: a known city, and a misspelt one (rapidfuzz over every name);
- `finder_load_s`, `finder_rss_mb`: the first shared location (timezonefinder, numpy, h3);
- `pin_p50_ms`: a shared location's zone and nearest city after that.

Usage: python bench/places.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bot  # noqa: F401  (the bot's own imports: measured on top of them)
from domain import places


def rss_mb() -> float:
    """Resident memory of this process, MB (Linux)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1e6


def p50_ms(call: object, args: list[object]) -> float:
    """Median time of calling `call` with each of `args`, in ms."""
    times = []
    for arg in args:
        start = time.perf_counter()
        call(arg)  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Measure and print the figures (see the module docstring)."""
    before, start = rss_mb(), time.perf_counter()
    places.find_places("Munich")
    print(f"gazetteer_load_s {time.perf_counter() - start:.2f}")
    print(f"gazetteer_rss_mb {rss_mb() - before:.1f}")
    cities = ["Mumbai", "Boston", "Cape Town", "Manchester", "London", "São Paulo"] * 5
    print(f"city_p50_ms {p50_ms(places.find_places, cities):.2f}")
    typos = ["Mumbia", "Bostn", "Cap Town", "Manchestr", "Londn", "Sao Palo"] * 5
    print(f"typo_p50_ms {p50_ms(places.find_places, typos):.2f}")
    before, start = rss_mb(), time.perf_counter()
    places.place_at(48.14, 11.58)
    print(f"finder_load_s {time.perf_counter() - start:.2f}")
    print(f"finder_rss_mb {rss_mb() - before:.1f}")
    pins = [(51.5, -0.12), (19.07, 72.88), (42.36, -71.06), (-33.92, 18.42)] * 5
    print(f"pin_p50_ms {p50_ms(lambda p: places.place_at(*p), pins):.2f}")


if __name__ == "__main__":
    main()
