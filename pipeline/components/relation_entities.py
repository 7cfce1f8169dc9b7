"""Entity look-ups shared by the relation and event rules, built once per Doc in O(tokens + ents)."""
from __future__ import annotations

import csv
import functools
from pathlib import Path

import pycountry
from spacy.tokens import Doc, Span, Token

ACTOR_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP"})


def read_tsv(path: Path) -> list[list[str]]:
    """Non-comment, non-empty rows of a tab-separated data file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]


@functools.lru_cache(maxsize=None)
def _gazetteer_names() -> dict[str, frozenset[str]]:
    """Every country name and alias of the entity gazetteer (models/entities/countries.tsv plus
    pycountry's names), by alpha-3: one source for "is this GPE the country itself?"."""
    from pipeline.components.entity_data import load_gazetteer
    names: dict[str, set[str]] = {}
    for text, label, kb_id in load_gazetteer().phrases:
        if label == "GPE" and kb_id.startswith("GPE:"):
            names.setdefault(kb_id[4:], set()).add(text)
    return {code: frozenset(n) for code, n in names.items()}


@functools.lru_cache(maxsize=None)
def country_names(code: str) -> frozenset[str]:
    """Case-folded names by which a country may be called: the entity gazetteer's names and
    aliases ("Russia", "UK", "Republic of Korea") and the ISO alpha-2/alpha-3 codes."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return frozenset()
    names = {country.alpha_2, country.alpha_3, *_gazetteer_names().get(code, ())}
    return frozenset(n.replace("’", "'").casefold() for n in names)


def _bare(text: str) -> str:
    """Case-folded text without a leading "the" and with ASCII apostrophes."""
    text = text.replace("’", "'").casefold()
    return text[4:] if text.startswith("the ") else text


class EntityIndex:
    """Which entity covers a token; the GPE that stands for a country; entities by id."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ents: list[Span] = list(doc.ents)
        self.ent_at: list[Span | None] = [None] * len(doc)
        self.by_id: dict[str, Span] = {}
        self.country_ids: dict[str, str] = {}
        demonyms: dict[str, str] = {}
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent
            eid = ent._.entity_id
            if not eid:
                continue
            self.by_id.setdefault(eid, ent)
            code = ent._.country
            if ent.label_ == "NORP" and code:
                demonyms.setdefault(code, eid)
            if ent.label_ == "GPE" and code:
                names = country_names(code)
                if _bare(ent.text) in names or _bare(ent._.canonical or "") in names:
                    self.country_ids.setdefault(code, eid)
        self.demonym_ids = demonyms

    def entity(self, token: Token) -> Span | None:
        """The entity mention covering `token`, if any."""
        return self.ent_at[token.i]

    def country_entity(self, code: str | None) -> str | None:
        """entity_id of the GPE that names country `code` in this doc, if the doc names it."""
        return self.country_ids.get(code) if code else None

    def as_country(self, ent: Span) -> str | None:
        """entity_id of the country an actor acts for: the GPE naming it, else its demonym (NORP)."""
        if ent.label_ == "GPE" and ent._.entity_id in self.country_ids.values():
            return ent._.entity_id
        code = ent._.country
        return self.country_entity(code) or (self.demonym_ids.get(code) if code else None)

    def is_country(self, ent: Span) -> bool:
        """True for a GPE that is the doc's name of a country (not a city in it)."""
        return ent.label_ == "GPE" and self.country_entity(ent._.country) == ent._.entity_id

    def ents_in(self, start: int, end: int, labels: frozenset[str] = ACTOR_LABELS) -> list[Span]:
        """Distinct entity mentions with a label in `labels` inside tokens [start, end)."""
        return [ent for i in range(start, end) if (ent := self.ent_at[i]) is not None
                and ent.start == i and ent.label_ in labels]
