"""Entity gazetteers and word lists from `models/entities/`, loaded once per data folder.

Countries come from pycountry (codes, names, official and common names) plus
`countries.tsv` (short forms, acronyms, demonyms); regions, organisations,
titles and portfolios are plain TSV files; `lexicon.json` holds closed word
lists and `patterns.jsonl` the token patterns.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from pipeline.resources import models_dir

Phrase = tuple[str, str, str]  # (text as written, label, kb_id)


@dataclass(frozen=True)
class Gazetteer:
    """Everything the entity components know about the world, read from data files."""

    phrases: list[Phrase] = field(default_factory=list)      # exact-case names -> label, kb_id
    titles: dict[str, str] = field(default_factory=dict)      # title -> normalised title
    display: dict[str, str] = field(default_factory=dict)     # kb_id -> default canonical name
    country_of: dict[str, str] = field(default_factory=dict)  # kb_id -> ISO alpha-3
    name_country: dict[str, str] = field(default_factory=dict)  # country name/alias/demonym text -> alpha-3
    lexicon: dict[str, Any] = field(default_factory=dict)  # lexicon.json word lists
    patterns: list[dict] = field(default_factory=list)        # token patterns, macros unexpanded
    national_titles: dict[str, list[str]] = field(default_factory=dict)  # lower title -> alpha-3 list
    shared_demonyms: dict[str, frozenset[str]] = field(default_factory=dict)  # kb_id -> alpha-3s ("Congolese")


def entities_dir() -> Path:
    """Default folder of the entity data files."""
    return models_dir() / "entities"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV with '#' comment lines and a header line."""
    lines = [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (line.split("\t") + [""] * len(header))[:len(header)])) for line in lines[1:]]


def split_list(cell: str) -> list[str]:
    """A ';'-separated cell as a list of non-empty, stripped strings."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def prose_name(name: str) -> str | None:
    """A catalogue name as written in prose: "Falkland Islands (Malvinas)" -> "Falkland Islands";
    None for inverted forms such as "Korea, Republic of" or "Virgin Islands, British"."""
    name = re.sub(r" \([^)]*\)", "", name)
    _, _, tail = name.partition(", ")
    return None if tail and " and " not in tail else name


def _country_rows(folder: Path) -> dict[str, dict[str, str]]:
    """countries.tsv keyed by alpha-3 (resolved through pycountry)."""
    return {pycountry.countries.lookup(row["country"]).alpha_3: row for row in read_tsv(folder / "countries.tsv")}


def _countries(folder: Path, gaz: Gazetteer) -> None:
    """Every ISO 3166 country: GPE names with kb_id GPE:<alpha3>, demonyms as NORP."""
    extra = _country_rows(folder)
    demonym_codes: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        row = extra.get(code, {})
        names = [country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)]
        names += split_list(row.get("aliases", ""))
        kb_id = f"GPE:{code}"
        for name in dict.fromkeys(prose_name(n) for n in names if n):
            if name is None:
                continue
            gaz.phrases.append((name, "GPE", kb_id))
            gaz.name_country[name] = code
        default = row.get("display") or getattr(country, "common_name", None) or country.name
        gaz.display[kb_id] = default
        gaz.country_of[kb_id] = code
        for demonym in split_list(row.get("demonyms", "")):
            demonym_codes.setdefault(demonym, set()).add(code)
    for demonym, codes in demonym_codes.items():
        code = next(iter(codes)) if len(codes) == 1 else None
        kb_id = f"NORP:{code or demonym}"
        gaz.phrases.append((demonym, "NORP", kb_id))
        gaz.display.setdefault(kb_id, demonym)
        if code:
            gaz.country_of[kb_id] = code
            gaz.name_country[demonym] = code
        else:
            gaz.shared_demonyms[kb_id] = frozenset(codes)


def _named_lists(folder: Path, gaz: Gazetteer) -> None:
    """Regions (LOC) and international organisations (ORG, or the label given)."""
    for filename, default_label in (("regions.tsv", "LOC"), ("organisations.tsv", "ORG")):
        for row in read_tsv(folder / filename):
            label = row.get("label") or default_label
            kb_id = f"{label}:{row['name']}"
            gaz.display[kb_id] = row["name"]
            for name in [row["name"], *split_list(row.get("aliases", ""))]:
                gaz.phrases.append((name, label, kb_id))


def _titles_and_bodies(folder: Path, gaz: Gazetteer) -> None:
    """Titles from titles.tsv and, per portfolio, "Minister of X", "Ministry of X", ..."""
    for row in read_tsv(folder / "titles.tsv"):
        gaz.titles[row["title"]] = row.get("normalised") or row["title"]
    portfolios = [line.strip() for line in (folder / "portfolios.tsv").read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
    for portfolio in portfolios:
        for prep in ("of", "for"):
            for head in ("Minister", "Secretary"):
                gaz.titles.setdefault(f"{head} {prep} {portfolio}", f"{head} {prep} {portfolio}")
                gaz.titles.setdefault(f"{head} {prep} the {portfolio}", f"{head} {prep} the {portfolio}")
            for body in ("Ministry", "Department"):
                gaz.phrases.append((f"{body} {prep} {portfolio}", "ORG", ""))
                gaz.phrases.append((f"{body} {prep} the {portfolio}", "ORG", ""))
        if " " not in portfolio:
            gaz.titles.setdefault(f"{portfolio} Minister", f"Minister of {portfolio}")
            gaz.titles.setdefault(f"{portfolio} Secretary", f"Secretary of {portfolio}")


@functools.lru_cache(maxsize=4)
def load_gazetteer(data_dir: str | None = None) -> Gazetteer:
    """Read all entity data files once (cached per folder)."""
    folder = Path(data_dir) if data_dir else entities_dir()
    gaz = Gazetteer(lexicon=json.loads((folder / "lexicon.json").read_text(encoding="utf-8")))
    _countries(folder, gaz)
    _named_lists(folder, gaz)
    _titles_and_bodies(folder, gaz)
    if (folder / "national_titles.tsv").exists():
        for row in read_tsv(folder / "national_titles.tsv"):
            gaz.national_titles[" ".join(row["title"].casefold().split())] = split_list(row["countries"])
    lines = (folder / "patterns.jsonl").read_text(encoding="utf-8").splitlines()
    gaz.patterns.extend(json.loads(line) for line in lines if line.strip() and not line.startswith("//"))
    return gaz
