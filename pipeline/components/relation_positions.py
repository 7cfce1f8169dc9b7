"""holds_position: a title next to a PERSON ("Defence Minister Lars Holm", "Li Wei, Deputy Head of X").

The tail is what the title names: an ORG after "of" (an office of a named unit),
else a country (a GPE in the title, a demonym, or the person's own country).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from pipeline.components.entity_datelines import release_home
from pipeline.components.entity_names import COUNTRY_WORDS
from pipeline.components.relation_entities import EntityIndex, read_tsv

CONNECTORS = frozenset({"of", "for", "the", "and", "-", "&", "on"})
CLAUSE_OPENERS = (("who", "serves", "as"), ("who", "served", "as"), ("who", "is"), ("who", "was"),
                  ("the",), ("a",), ("an",))
MAX_TITLE_TOKENS = 14
COUNTRY_LABELS = frozenset({"GPE", "NORP"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
GROUP_WORDS = frozenset({"group", "movement", "bloc", "ministry", "organisation", "organization", "alliance",
                         "council", "union", "militia", "rebels", "junta", "party", "agency", "commission"})
OWNER_WORDS = COUNTRY_WORDS | GROUP_WORDS | {"its", "their", "his", "her"}  # "the country's trade minister", "its spokesman"
ORG_OFFICES = frozenset({"secretary general", "secretary-general", "director-general", "director general",
                         "high representative", "commissioner", "deputy secretary-general",
                         "deputy secretary general", "assistant secretary-general", "under-secretary-general"})


@dataclass(frozen=True)
class TitleWords:
    """Vocabulary of office titles, read from TSV files."""

    heads: frozenset[str]
    modifiers: frozenset[str]
    honorifics: frozenset[str]

    @classmethod
    def load(cls, own: Path, shared: Path | None = None) -> "TitleWords":
        """Our word list plus, when present, the entity layer's title phrases and honorifics."""
        kinds: dict[str, set[str]] = {"head": set(), "modifier": set(), "honorific": set()}
        for row in read_tsv(own):
            if len(row) >= 2 and row[1] in kinds:
                kinds[row[1]].add(row[0].casefold())
        if shared is not None and shared.exists():
            for row in read_tsv(shared)[1:]:  # first row: the column header
                words = row[0].casefold().split()
                if words:
                    kinds["head"].add(words[-1])
                    kinds["modifier"].update(w for w in words[:-1] if w not in CONNECTORS)
            lexicon = shared.parent / "lexicon.json"
            if lexicon.exists():  # personal honorifics ("Dr.", "U", "Sheikh"), shared with the entity layer
                kinds["honorific"].update(w.casefold() for w in json.loads(lexicon.read_text(encoding="utf-8"))["honorifics"])
        return cls(frozenset(kinds["head"]), frozenset(kinds["modifier"]), frozenset(kinds["honorific"]))

    def in_title(self, token: Token) -> bool:
        """May this token stand inside a title phrase?"""
        low = token.lower_
        if low in self.heads or low in self.modifiers or low in CONNECTORS:
            return True
        if token.is_stop or token.pos_ in {"SCONJ", "ADV"}:
            return False  # "When Deputy Minister X ...": a capitalised clause opener is no title word
        return token.is_title or token.is_upper


class PositionRules:
    """Find holds_position relations around PERSON mentions."""

    def __init__(self, words: TitleWords, affiliation_roles: frozenset[str] = frozenset()) -> None:
        self.words = words
        self.roles = affiliation_roles  # "a research fellow at X" is affiliated_with, not holds_position

    def find(self, index: EntityIndex) -> list[dict]:
        """One relation dict per PERSON mention with a title; duplicates are removed later."""
        relations = []
        home = release_home(index.doc)
        home_country = index.as_country(home) if home is not None else None
        for ent in index.ents:
            if ent.label_ != "PERSON":
                continue
            for title in (self._title_before(ent, index), self._title_after(ent, index)):
                if title is not None:
                    rel = self._relation(ent, title, index, home_country)
                    if rel is not None:
                        relations.append(rel)
        return relations

    def _title_before(self, person: Span, index: EntityIndex) -> Span | None:
        """"Defence Minister [name]", "Minister for Trade of Chile Dr. [name]"."""
        doc, sent_start = index.doc, person.sent.start
        i = person.start - 1
        while i >= sent_start and doc[i].lower_ in self.words.honorifics:
            i -= 1
        if i > sent_start and doc[i].text == "," and self._apposed_to_someone(doc[sent_start:i], index):
            return None  # "X, Minister of Foreign Affairs of Mongolia, H.E. Y": X's title, not Y's
        if i >= sent_start and doc[i].text == "," and i - 1 >= sent_start and doc[i - 1].lower_ in self.words.heads:
            i -= 1  # "the foreign minister, Eva Lund"
        elif i - 2 >= sent_start and doc[i].text == "," and _after_of(index, i - 1):
            i -= 1  # "the Minister of Defence of Chile, Ana Ruiz"
        elif i - 2 >= sent_start and doc[i].text == "," and self.words.in_title(doc[i - 1]):
            i -= 1  # "Chile's Minister of Mines and Energy, Ana Ruiz"
        elif i - 2 >= sent_start and doc[i].text == ",":
            head = self._head_governing(doc[i - 1], sent_start)
            if head is None:
                return None
            end = i  # "the African Union's special envoy for the Great Lakes region, Amadou Diarra"
            return self._trim(doc[self._scan_back(head.i, head.i + 1, index) + 1:end])
        end = i + 1
        i = self._scan_back(i, end, index)
        if end - (i + 1) == 1 and doc[end - 1].lower_ in self.words.heads and i - 1 >= sent_start \
                and doc[i].text == "," and self.words.in_title(doc[i - 1]):
            outer_end = i  # "Chile's Minister of Defence, General Ana Ruiz": the office, not the rank
            outer = self._scan_back(i - 1, outer_end, index)
            title = self._trim(doc[outer + 1:outer_end])
            if title is not None:
                return title
        return self._trim(doc[i + 1:end])

    def _apposed_to_someone(self, before: Span, index: EntityIndex) -> bool:
        """Does the title ending `before` follow a person's name and a comma ("X, TITLE,")?"""
        doc = before.doc
        i = self._scan_back(before.end - 1, before.end, index)
        return i >= 1 and doc[i].text == "," and _is_person(index, i - 1)

    def _head_governing(self, tok: Token, floor: int) -> Token | None:
        """The title noun whose phrase ends at `tok` ("envoy" for "... envoy for the Great Lakes region")."""
        for cand in tok.doc[max(floor, tok.i - MAX_TITLE_TOKENS):tok.i]:
            if cand.lower_ in self.words.heads and cand.left_edge.i <= tok.i <= cand.right_edge.i:
                return cand
        return None

    def _scan_back(self, i: int, end: int, index: EntityIndex) -> int:
        """Walk left over title words and entities from token i; a "<GPE/ORG>'s" owner is taken in.
        Returns the index of the first token not in the title."""
        doc, sent_start = index.doc, index.doc[max(i, 0)].sent.start
        while i >= sent_start and end - i <= MAX_TITLE_TOKENS:
            ent = index.ent_at[i]
            if ent is not None and ent.label_ == "PERSON":
                break
            if ent is None and doc[i].text in POSSESSIVES and i - 1 >= sent_start:
                owner = index.ent_at[i - 1]
                if owner is not None and owner.label_ in {"GPE", "ORG"} and owner.end == i:
                    return owner.start - 1  # "Chile's Foreign Minister"
                break
            if ent is None and not self.words.in_title(doc[i]):
                break
            i -= 1
        return i

    def _title_after(self, person: Span, index: EntityIndex) -> Span | None:
        """"[name], Deputy Head of the Planning Office, ..." and "[name], who serves as ..."."""
        doc, sent_end = index.doc, person.sent.end
        i = person.end
        if i >= sent_end or doc[i].text != ",":
            return None
        i += 1
        for opener in CLAUSE_OPENERS:
            if tuple(t.lower_ for t in doc[i:i + len(opener)]) == opener:
                i += len(opener)
                break
        start = i
        if i < sent_end and doc[i].pos_ == "CCONJ":
            return None  # "A, and Minister B": a list, not an apposition
        while i < sent_end and i - start < MAX_TITLE_TOKENS and doc[i].text not in {",", ".", ";", "(", ")"} \
                and doc[i].pos_ not in {"VERB", "AUX"} and not _is_person(index, i):
            i += 1
        phrase = doc[start:i]
        heads = [t for t in phrase[:4] if t.lower_ in self.words.heads]
        return self._trim(phrase) if heads else None

    def _trim(self, span: Span) -> Span | None:
        """Drop connectors at both ends; None unless the span holds a title noun."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and doc[start].lower_ in CONNECTORS:
            start += 1
        while end > start and doc[end - 1].lower_ in CONNECTORS:
            end -= 1
        trimmed = doc[start:end]
        if not any(t.lower_ in self.words.heads for t in trimmed):
            return None
        return trimmed

    def _tail_elsewhere(self, person: Span, title: Span, index: EntityIndex,
                        home_country: str | None) -> tuple[str | None, float]:
        """No country or organisation inside the title: "Foreign Minister X of Chile" (after the
        name); an office of international organisations ("Secretary General") -> the one
        international organisation of the sentence; else the person's own country; else, in a
        government release, the country it was issued in ("Malé, 18 February 2027 -")."""
        doc = index.doc
        j = person.end
        if j < len(doc) and doc[j].lower_ == "of":
            j += 1 + int(j + 1 < len(doc) and doc[j + 1].lower_ == "the")
            place = index.ent_at[j] if j < len(doc) else None
            if place is not None and place.start == j and place.label_ in {"GPE", "ORG"}:
                return (index.as_country(place) or place._.entity_id) if place.label_ == "GPE" \
                    else place._.entity_id, 0.8
        owner = self._owner(title, index)
        if owner is not None:  # "Its spokeswoman, NAME", "the group's military spokesman, NAME"
            return owner, 0.75
        words = " ".join(t.lower_ for t in title if t.lower_ not in {"deputy", "acting", "former"})
        if words in ORG_OFFICES or title.text.lower() in ORG_OFFICES:
            orgs = {e._.entity_id: e for e in index.ents_in(person.sent.start, person.sent.end)
                    if e.label_ == "ORG" and not e._.country}
            if len(orgs) == 1:
                return next(iter(orgs)), 0.7
        if person._.country is None and home_country is not None:
            return home_country, 0.7
        code = person._.country  # the country's name, else its demonym ("her Peruvian counterpart")
        return index.country_entity(code) or (index.demonym_ids.get(code) if code else None), 0.75

    @staticmethod
    def _owner(title: Span, index: EntityIndex) -> str | None:
        """"Its/Their TITLE" or "the group's TITLE" (no name of its own): the body or country that was the
        last subject in this or the two sentences before."""
        doc = title.doc
        near = doc[max(0, title.start - 3):min(len(doc), title.start + 3)]
        owned = any(t.lower_ in {"its", "their"} and t.tag_ == "PRP$" for t in near) or any(
            t.lower_ in GROUP_WORDS and t.i + 1 < len(doc) and doc[t.i + 1].text in POSSESSIVES
            and t.i > 0 and doc[t.i - 1].lower_ == "the" for t in near)
        if not owned:
            return None
        floor = doc[title.start].sent.start
        for _ in range(2):
            floor = doc[floor - 1].sent.start if floor > 0 else floor
        for i in range(title.start - 1, floor - 1, -1):
            if doc[i].dep_ not in {"nsubj", "nsubjpass"}:
                continue
            ent = index.ent_at[i]
            if ent is None:  # "Myanmar's military government rejected ... Its spokesman": the owner
                ent = next((index.ent_at[c.i] for c in doc[i].children if c.dep_ == "poss"
                            and index.ent_at[c.i] is not None), None)
            if ent is not None and ent.label_ in {"ORG", "GPE"}:
                return (index.as_country(ent) or ent._.entity_id) if ent.label_ == "GPE" else ent._.entity_id
        return None

    def _relation(self, person: Span, title: Span, index: EntityIndex, home_country: str | None) -> dict | None:
        """Split a title into position text and tail entity; None when no tail is known."""
        doc = index.doc
        if any(t.lemma_.casefold() in self.roles for t in title):
            return None
        ents = [e for e in index.ents_in(title.start, title.end) if e.label_ != "PERSON"]
        cut_start, cut_end = title.start, title.end
        tail, confidence = None, 0.9
        orgs = [e for e in ents if e.label_ == "ORG" and (e.start == title.start < e.end < title.end
                                                          or e.start > title.start
                                                          and doc[e.start - 1].lower_ in {"of", "the"})]
        if orgs:
            tail = orgs[0]._.entity_id
            if orgs[0].start == title.start:  # "the African Union Commissioner for X"
                cut_start = orgs[0].end
            else:
                cut_end = _before_preposition(doc, orgs[0])
        else:
            countries = [e for e in ents if e.label_ in COUNTRY_LABELS]
            if countries:
                place = countries[0]
                tail = index.as_country(place) or place._.entity_id
                if place.start == title.start:
                    cut_start = place.end
                else:
                    cut_end = _before_preposition(doc, place)
            else:
                tail, confidence = self._tail_elsewhere(person, title, index, home_country)
        position = _clean(doc[cut_start:cut_end])
        if tail is None or not position or tail == person._.entity_id:
            return None
        return {"type": "holds_position", "head": person._.entity_id, "tail": tail, "position": position,
                "evidence": (person.sent.start_char, person.sent.end_char), "confidence": confidence}


def _after_of(index: EntityIndex, i: int) -> bool:
    """Is token i the end of a GPE/ORG introduced by "of [the]" ("... of Chile", "... of the Council")?"""
    ent = index.ent_at[i]
    if ent is None or ent.label_ not in {"GPE", "ORG"} or ent.end != i + 1:
        return False
    k = ent.start - 1
    k -= int(k >= 0 and index.doc[k].lower_ == "the")
    return k >= 0 and index.doc[k].lower_ == "of"


def _is_person(index: EntityIndex, i: int) -> bool:
    ent = index.ent_at[i]
    return ent is not None and ent.label_ == "PERSON"


def _before_preposition(doc, ent: Span) -> int:
    """Token index where "of [the] ENT" starts, so the position text stops before it."""
    i = ent.start
    while i > 0 and doc[i - 1].lower_ in {"the", "of", "for"}:
        i -= 1
    return i


def _clean(span: Span) -> str:
    """Position text without edge connectors, possessives or punctuation."""
    words = [t for t in span if not t.is_punct or t.text in {"-", ","}]
    while words and (words[0].lower_ in CONNECTORS or words[0].text in POSSESSIVES or words[0].text == ","
                     or words[0].lower_ in OWNER_WORDS and (words[0].tag_ == "PRP$" or len(words) > 1
                                                             and words[1].text in POSSESSIVES)):
        words.pop(0)  # "the country's trade minister", "its spokesman": the owner is the tail, not the position
    while words and (words[-1].lower_ in CONNECTORS or words[-1].text == ","):
        words.pop()
    if not words:
        return ""
    return span.doc[words[0].i:words[-1].i + 1].text
