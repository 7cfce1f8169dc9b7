"""Label repair after the merge: classes of errors the statistical NER makes on this genre.

- A major city (a national capital or a city of a million people, by its GeoNames main
  name) tagged PERSON, ORG or NORP is a GPE ("Bogotá", "Kyiv" tagged PERSON), unless it
  is a word of a personal name in the document ("Lloyd Austin" ... "Austin") or follows
  an honorific or title. A GPE or name followed by "City" that together form a city name
  is one GPE ("Mexico City", not GPE "Mexico" + PERSON "City"). Any GeoNames city right
  after a place preposition is a GPE ("shelling around Taiz", "flew to Goma").
- A name set off after a title ("Zambia's foreign minister, Mwansa Banda,") is a PERSON.
- A name run just before ", [the] [<GPE/ORG>'s|<NORP>] TITLE" is a PERSON (the
  appositive names what the person is): "Ana Ruiz, Chile's Minister of Trade",
  "Li Wei, the Secretary of Energy of ...".
- A PERSON span ending in a head noun of organisations ("Platform", "Front", "Party")
  is an ORG; an EVENT right after an affiliation role ("a fellow at the X Dialogue") is
  an ORG (a think tank, not a meeting).
- A label repaired here is carried to every other occurrence of the same words in the
  document ("Unitary Platform" tagged ORG once and PERSON elsewhere).
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.entity_boundaries import LEADING_PREPS
from pipeline.components.entity_places import city_name, major_city

LEFT_OF_NAME = {",", ":", ";", "(", '"', "“", "‘", "'", "and", "--", "—", "–", "by", "with"}
PLACE_PREPS = {"in", "at", "from", "to", "into", "near", "outside", "across", "via", "toward", "towards", "around"}


class Relabel:
    """Repairs labels of merged entity spans (see the module doc)."""

    def __init__(self, lexicon: dict[str, Any], affiliation_roles: set[str]) -> None:
        self.honorifics = set(lexicon["honorifics"])
        self.ranks = set(lexicon["military_ranks"])
        self.determiners = set(lexicon["determiners"])
        self.possessives = set(lexicon["possessives"])
        self.group_heads = set(lexicon.get("group_heads", []))
        self.roles = affiliation_roles

    def __call__(self, doc: Doc, ents: list[Span], titles: list[Span],
                 timex_tokens: set[int] | frozenset[int] = frozenset()) -> list[Span]:
        title_ends = {t.end for t in titles}
        ents = self.city_suffix(doc, ents)
        ents = self.appositive_persons(doc, ents, titles, timex_tokens)
        ents = self.persons_after_titles(doc, ents, titles)
        person_words = {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        out, repaired = [], []
        for e in ents:
            new = self.relabel(doc, e, person_words, title_ends)
            if new is not e:
                repaired.append(new)
            out.append(new)
        return self.propagate(doc, out, repaired)

    def relabel(self, doc: Doc, e: Span, person_words: set[str], title_ends: set[int]) -> Span:
        label = e.label_
        if label in {"PERSON", "ORG", "NORP"} and not e.kb_id_ and major_city(e.text) \
                and e.text not in person_words and e.start not in title_ends \
                and not (e.start > 0 and doc[e.start - 1].text in self.honorifics):
            return Span(doc, e.start, e.end, "GPE")
        if label in {"PERSON", "ORG", "NORP"} and not e.kb_id_ and e.start > 0 and doc[e.start - 1].lower_ in PLACE_PREPS \
                and city_name(e.text) and not set(e.text.split()) & person_words:
            return Span(doc, e.start, e.end, "GPE")  # "shelling around Taiz", "flew to Goma"
        if label == "PERSON" and len(e) > 1 and e[-1].text in self.group_heads:
            return Span(doc, e.start, e.end, "ORG")
        if label == "EVENT" and self.after_role(doc, e.start):
            return Span(doc, e.start, e.end, "ORG", kb_id=e.kb_id_)
        return e

    def after_role(self, doc: Doc, i: int) -> bool:
        """"a senior fellow at [the] X", "researcher with X": an affiliation role before `i`."""
        j = i - 1
        if j >= 0 and doc[j].lower_ == "the":
            j -= 1
        if j < 1 or doc[j].lower_ not in {"at", "with", "of"}:
            return False
        return doc[j - 1].lemma_.lower() in self.roles or doc[j - 1].lower_.rstrip("s") in self.roles

    def city_suffix(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """"Mexico" + "City" -> one GPE when the words name a city."""
        out = list(ents)
        for e in ents:
            if e.label_ not in {"GPE", "PERSON", "ORG"} or e.end >= len(doc) or doc[e.end].text != "City":
                continue
            text = doc[e.start:e.end + 1].text
            if city_name(text):
                out = [o for o in out if o.end <= e.start or o.start > e.end] + [Span(doc, e.start, e.end + 1, "GPE")]
        return sorted(out, key=lambda s: s.start)

    def appositive_persons(self, doc: Doc, ents: list[Span], titles: list[Span],
                           timex_tokens: set[int] | frozenset[int]) -> list[Span]:
        """"<Name>, [the] [<GPE/ORG>'s | <NORP>] TITLE": the name is a PERSON. The name starts a
        sentence or follows a comma, a colon, a quote or "and"; it has two words or is already a
        NER span; no word of it is a date or a title."""
        by_end = {e.end: e for e in ents}
        in_title = {i for t in titles for i in range(t.start, t.end)}
        people = []
        for title in titles:
            k = title.start - 1
            if k > 0 and doc[k].text in self.possessives:
                owner = by_end.get(k)
                if owner is None or owner.label_ not in {"GPE", "ORG"}:
                    continue
                k = owner.start - 1
            elif k > 0 and by_end.get(k + 1) is not None and by_end[k + 1].label_ == "NORP":
                k = by_end[k + 1].start - 1
            if k >= 0 and doc[k].text in self.determiners:
                k -= 1
            if k < 1 or doc[k].text != ",":
                continue
            end = k
            start = end
            while start > 0 and end - start < 5 and self.name_token(doc[start - 1]):
                start -= 1
            if start == end or (start > 0 and not doc[start].is_sent_start
                                and doc[start - 1].text not in LEFT_OF_NAME and not doc[start - 1].is_space):
                continue
            while start < end and doc[start].text in LEADING_PREPS:
                start += 1  # "In Bishkek, Kyrgyzstan's Minister ...": the preposition starts no name
            if start == end or any(i in timex_tokens or i in in_title for i in range(start, end)):
                continue
            run = doc[start:end]
            if len(run) == 1 and not any(e.start == start and e.end == end and e.label_ in {"PERSON", "ORG", "GPE"}
                                         for e in ents):
                continue
            if major_city(run.text) or len(run) == 1 and run[0].text in self.determiners:
                continue
            inside = [e for e in ents if e.start < end and e.end > start]
            if any(e.kb_id_ or e.start < start or e.end > end for e in inside):
                continue
            if any(e.label_ == "PERSON" and e.start == start and e.end == end for e in inside):
                continue
            people.append(Span(doc, start, end, "PERSON"))
        return _with_people(ents, people)

    def persons_after_titles(self, doc: Doc, ents: list[Span], titles: list[Span]) -> list[Span]:
        """"[X's] TITLE, <Name>,": the name set off after a title is a PERSON ("Zambia's foreign
        minister, Mwansa Banda, said", "Myanmar's ambassador, U Myint Thura,"); an honorific stays out.
        Without the comma only a span the NER tagged ("Foreign Minister Maartje de Wit" as ORG)."""
        people = []
        for title in titles:
            comma = title.end < len(doc) and doc[title.end].text == ","
            start = title.end + int(comma)
            if start >= len(doc):
                continue
            while start < len(doc) and doc[start].text in self.ranks:
                start += 1  # "Viet Nam's Minister of Defence, General Nguyen Van Duc": the rank stays out
            if start < len(doc) and doc[start].text in self.honorifics:
                start += 1
            end = start
            while end < len(doc) and end - start < 5 and self.name_token(doc[end]):
                end += 1
            if end - start < 2 or end < len(doc) and doc[end].text not in {",", ".", ";", ")"} \
                    and doc[end].pos_ not in {"VERB", "AUX"}:
                continue
            inside = [e for e in ents if e.start < end and e.end > start]
            if any(e.kb_id_ or e.start < start or e.end > end or e.label_ not in {"ORG", "NORP", "PERSON"}
                   for e in inside) or any(e.label_ == "PERSON" and (e.start, e.end) == (start, end) for e in inside):
                continue
            if not comma and not any((e.start, e.end) == (start, end) for e in inside):
                continue  # "Foreign Minister Maartje de Wit" tagged ORG: only a tagged name right after a title
            people.append(Span(doc, start, end, "PERSON"))
        return _with_people(ents, people)

    @staticmethod
    def name_token(tok) -> bool:
        return (tok.is_alpha and tok.text[:1].isupper() and not (tok.is_upper and len(tok) > 1)) \
            or tok.text == "-" or (len(tok.text) == 2 and tok.text[1] == "." and tok.text[0].isupper())

    @staticmethod
    def propagate(doc: Doc, ents: list[Span], repaired: list[Span]) -> list[Span]:
        """Other occurrences of a repaired multi-word name take its label."""
        if not repaired:
            return ents
        labels = {tuple(t.text for t in r): r.label_ for r in repaired if len(r) > 1 and not r.kb_id_}
        extra = []
        for words, label in labels.items():
            n = len(words)
            for i in range(len(doc) - n + 1):
                if doc[i].text == words[0] and tuple(t.text for t in doc[i:i + n]) == words:
                    overlap = [e for e in ents if e.start < i + n and e.end > i]
                    if all(not e.kb_id_ and e.start >= i and e.end <= i + n and e.label_ != label
                           for e in overlap) and overlap:
                        extra.append(Span(doc, i, i + n, label))
        if not extra:
            return ents
        covered = {i for x in extra for i in range(x.start, x.end)}
        return filter_spans([e for e in ents if not covered & set(range(e.start, e.end))] + extra)


def _with_people(ents: list[Span], people: list[Span]) -> list[Span]:
    """`ents` with the new PERSON spans in place of whatever they overlap, in text order."""
    if not people:
        return ents
    covered = {i for p in people for i in range(p.start, p.end)}
    return sorted([e for e in ents if not covered & set(range(e.start, e.end))] + people, key=lambda s: s.start)


def affiliation_roles() -> set[str]:
    """Role nouns of `models/relations/affiliations.tsv` ("fellow", "professor")."""
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "models" / "relations" / "affiliations.tsv"
    roles = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return roles
    for line in lines:
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 2:
            continue
        if parts[1].strip() == "role":
            roles.add(parts[0].strip().lower())
    return roles
