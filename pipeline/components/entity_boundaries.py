"""Boundary repair: merge the statistical NER with gazetteer/pattern spans and titles.

Rules (OntoNotes, flat, longest span): no leading determiner, honorific or
possessive in a span; titles are never inside PERSON or ORG; a name run
after a title (or after "TITLE of <GPE/ORG>") is a PERSON; a trailing name
is split off an ORG/GPE span; dates found by the timex stage are not
entities; a capitalised common noun alone ("the Alliance") and degree
names ("Master of Science in ...") are not entities; a NER span longer than a gazetteer name wins only when it ends in
a naming head word ("NATO Defense College").
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Span

from pipeline.components.entity_patterns import TITLE
from pipeline.components.entity_places import city_name

NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
INITIAL = re.compile(r"^[A-Z]\.$")
MAX_NAME_WORDS = 5


LEADING_PREPS = frozenset({"In", "At", "From", "To", "Near", "Outside", "Inside", "Via"})


class BoundaryRepair:
    """Cleans NER spans and merges them with rule-based candidates."""

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.determiners = set(lexicon["determiners"])
        self.honorifics = set(lexicon["honorifics"])
        self.possessives = set(lexicon["possessives"])
        self.group_titles = {t.lower() for t in lexicon["group_titles"]}
        self.suffixes = set(lexicon["name_suffixes"])
        self.name_heads = set(lexicon["name_heads"])
        self.institution_heads = set(lexicon["institution_heads"])
        self.degree_heads = set(lexicon["degree_heads"])
        self.particles = set(lexicon["name_particles"])

    # -- single spans ---------------------------------------------------------------------------
    def clean(self, span: Span, timex_tokens: set[int]) -> Span | None:
        """A NER span without dates, determiners, honorifics, possessives; None if nothing is left."""
        doc, start, end = span.doc, span.start, span.end
        dated = [i for i in range(start, end) if i in timex_tokens]
        if dated:
            start, end = (start, dated[0]) if dated[0] > start else (dated[-1] + 1, end)
        if span.label_ not in NAME_LABELS:
            return Span(doc, start, end, span.label_) if start < end else None
        keeps_the = doc[start].text == "The" and city_name(doc[start:end].text)  # "The Hague"
        while start < end and not keeps_the and (doc[start].text in self.determiners or doc[start].text in self.honorifics
                               or doc[start].is_punct
                               or (doc[start].text in LEADING_PREPS and end - start > 1 and start + 1 < end
                                   and doc[start + 1].is_title)):
            start += 1  # also a capitalised preposition the NER took in: "In Bishkek", "At Suva"
        while end > start and (doc[end - 1].text in self.possessives or doc[end - 1].is_punct
                               or doc[end - 1].is_space or doc[end - 1].lower_ in {"of", "and", "for"}):
            end -= 1  # also a connector the NER left at the end: "the State Great Khural of"
        inner = [i for i in range(start + 1, end) if doc[i].text in self.possessives]
        if inner and doc[end - 1].text not in self.name_heads:
            end = inner[0]
        if start >= end or not any(t.is_alpha for t in doc[start:end]):
            return None
        if end - start == 1 and doc[start].text in self.name_heads:  # "the Alliance": a common noun
            return None
        if doc[start:end].text.lower() in self.group_titles:
            return None  # "the two Heads of State": people named elsewhere, not a body
        if span.label_ == "ORG" and doc[start].text in self.degree_heads and end - start > 2 \
                and doc[start + 1].lower_ == "of":
            return None
        return Span(doc, start, end, span.label_, kb_id=span.kb_id_)

    def is_name_token(self, doc: Doc, i: int) -> bool:
        """A token that can be part of a personal name ("Won-sik", "Jr.", "J.", "Xi")."""
        tok = doc[i]
        if tok.text in self.suffixes or INITIAL.match(tok.text):
            return True
        if tok.text == "-":
            return 0 < i < len(doc) - 1 and doc[i - 1].is_alpha and doc[i + 1].is_alpha
        if i > 0 and doc[i - 1].text == "-" and tok.is_alpha:
            return True
        if tok.text in self.particles:  # "Alberto van Klaveren", "Ursula von der Leyen"
            return 0 < i < len(doc) - 1 and doc[i - 1].is_title and (doc[i + 1].is_title
                                                                     or doc[i + 1].text in self.particles)
        return tok.is_alpha and tok.text[0].isupper() and tok.text not in self.determiners \
            and tok.text not in self.name_heads and not (tok.is_upper and len(tok) > 1)

    def name_run(self, doc: Doc, start: int, occupied: dict[int, Span]) -> tuple[int, int]:
        """The longest run of name tokens from `start` (after honorifics) not inside another span."""
        while start < len(doc) and doc[start].text in self.honorifics:
            start += 1
        end = start
        while end < len(doc) and end not in occupied and self.is_name_token(doc, end) \
                and end - start < MAX_NAME_WORDS:
            end += 1
        while end > start and doc[end - 1].text == "-":
            end -= 1
        return start, end

    # -- merging --------------------------------------------------------------------------------
    def merge(self, doc: Doc, ner: Iterable[Span], candidates: list[Span], titles: list[Span],
              timex_tokens: set[int]) -> list[Span]:
        """Rule candidates plus the NER spans that add to them, repaired."""
        occupied = index(candidates + titles)
        out = list(candidates)
        for ent in ner:
            piece = self.clean(ent, timex_tokens)
            if piece is None:
                continue
            covering = {id(occupied[i]): occupied[i] for i in range(piece.start, piece.end) if i in occupied}
            if not covering:
                out.append(piece)
                continue
            spans = list(covering.values())
            if any(c.start <= piece.start and piece.end <= c.end for c in spans):
                continue
            if self.ner_name_wins(doc, piece, spans):
                out = [c for c in out if id(c) not in covering] + [piece]
                continue
            out.extend(self.leftover_persons(doc, piece, occupied))
        return out

    def ner_name_wins(self, doc: Doc, piece: Span, covered: list[Span]) -> bool:
        """A longer NER name around gazetteer names, ending or starting with a naming head: "NATO Defense
        College", "Universidad de los Andes"."""
        return piece.label_ in NAME_LABELS - {"PERSON", "GPE", "NORP", "LOC"} \
            and (doc[piece.end - 1].text in self.name_heads or doc[piece.start].text in self.institution_heads) \
            and all(piece.start <= c.start and c.end <= piece.end and c.label_ != TITLE for c in covered)

    def leftover_persons(self, doc: Doc, piece: Span, occupied: dict[int, Span]) -> list[Span]:
        """Parts of a NER span outside rule spans that are a name right after a title or GPE/ORG."""
        found, i = [], piece.start
        while i < piece.end:
            before = occupied.get(i - 1)
            if i not in occupied and before is not None and before.label_ in {TITLE, "GPE", "ORG"}:
                start, end = self.name_run(doc, i, occupied)
                end = min(end, piece.end)
                if end > start:
                    found.append(Span(doc, start, end, "PERSON"))
                    i = end
                    continue
            i += 1
        return found

    def name_anchors(self, doc: Doc, titles: list[Span], by_start: dict[int, Span]) -> list[int]:
        """Token positions where a personal name may start: after a title, after
        "TITLE of [the] <GPE/ORG>" (and a comma), after an honorific ("Dr.")."""
        anchors = [tok.i + 1 for tok in doc if tok.text in self.honorifics and tok.i + 1 < len(doc)]
        for title in titles:
            j = title.end
            if j < len(doc) and doc[j].lower_ == "and" and self.skip_portfolio(doc, j, by_start) != j:
                j = self.skip_portfolio(doc, j, by_start)  # "Minister of Fisheries [and Oceans] of Norway"
                target = by_start.get(j)
                if target is None or target.label_ not in {"GPE", "ORG", "LOC"}:
                    continue
                j = target.end
                if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].is_title:
                    j += 1
            elif j < len(doc) and doc[j].lower_ == "of":
                j += 2 if j + 1 < len(doc) and doc[j + 1].lower_ == "the" else 1
                j = self.skip_portfolio(doc, j, by_start)
                target = by_start.get(j)
                if target is None or target.label_ not in {"GPE", "ORG", "LOC"}:
                    continue
                j = target.end
                if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].is_title:
                    j += 1  # "the Minister of Defence of Chile, Ana Ruiz"
            anchors.append(j)
        return anchors

    @staticmethod
    def skip_portfolio(doc: Doc, j: int, by_start: dict[int, Span]) -> int:
        """After "Minister of", a portfolio the lists lack ("Mines and Energy") followed by "of
        [the] <GPE/ORG>": the position where that GPE/ORG starts; else `j` unchanged."""
        k = j
        while k < len(doc) and (k not in by_start or not by_start[k].kb_id_ and by_start[k].label_ != "GPE") \
                and (doc[k].is_title or doc[k].lower_ in {"and", ","}) and k - j < 6:
            k += 1
        if k > j and k + 1 < len(doc) and doc[k].lower_ == "of":
            k += 2 if doc[k + 1].lower_ == "the" else 1
            target = by_start.get(k)
            if target is not None and target.label_ in {"GPE", "ORG"}:
                return k
        return j

    def persons_after_titles(self, doc: Doc, ents: list[Span], titles: list[Span]) -> list[Span]:
        """The name at each anchor (see `name_anchors`) is one PERSON span; NER pieces of it
        (a PERSON, or a GPE/ORG/NORP that is no gazetteer name) are replaced."""
        occupied = index(ents + titles)
        by_start = {e.start: e for e in ents}
        pliable = {id(e) for e in ents if e.label_ == "PERSON" or (not e.kb_id_ and e.label_ in
                                                                   {"GPE", "ORG", "LOC", "NORP"})}
        people: list[Span] = []
        for j in self.name_anchors(doc, titles, by_start):
            free = {k: v for k, v in occupied.items() if k < j or id(v) not in pliable}
            start, end = self.name_run(doc, j, free)
            inside = {id(occupied[k]): occupied[k] for k in range(start, end) if k in occupied}.values()
            if end > start and all(start <= o.start and o.end <= end for o in inside):
                people.append(Span(doc, start, end, "PERSON"))
        covered = {k for p in people for k in range(p.start, p.end)}
        return [e for e in ents if e.start not in covered] + people


def index(spans: Iterable[Span]) -> dict[int, Span]:
    """Token index -> the span covering it."""
    return {i: span for span in spans for i in range(span.start, span.end)}


def char_tokens(doc: Doc, ranges: Iterable[tuple[int, int]]) -> set[int]:
    """Indices of tokens overlapping any (start_char, end_char) range."""
    tokens: set[int] = set()
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return tokens


GOVERNMENT_BODIES = frozenset({"Ministry", "Government", "Department", "Embassy", "Presidency", "Office", "Cabinet"})
LEGISLATURES = frozenset({"Assembly", "Parliament", "Khural", "Senate", "Congress", "Duma", "Majlis", "Court"})


def bodies_of_countries(doc: Doc, ents: list[Span]) -> list[Span]:
    """A government body or a legislature named with its country is one ORG (flat, longest span): "the
    [Ministry of Transport of the Republic of Kazakhstan]", "the [Government of Mongolia]"."""
    by_start = {e.start: e for e in ents}
    covered = {i for e in ents for i in range(e.start, e.end)}
    merged: list[Span] = []
    for tok in doc:
        body = by_start.get(tok.i)
        named = body is not None and body.label_ == "ORG" and doc[body.end - 1].text in LEGISLATURES
        if not named and (tok.text not in GOVERNMENT_BODIES or body is not None and body.label_ != "ORG"
                          or body is None and tok.i in covered):
            continue  # "the [State Great Khural of Mongolia]", "the [Supreme Court of Chile]" too
        end = body.end if body is not None else tok.i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            country = by_start.get(end + 1 + int(doc[end + 1].lower_ == "the"))
            if country is not None and country.label_ == "GPE":
                merged.append(Span(doc, tok.i, country.end, "ORG"))
    inside = {i for m in merged for i in range(m.start, m.end)}
    return sorted([e for e in ents if e.start not in inside] + merged, key=lambda e: e.start)
