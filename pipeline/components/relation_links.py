"""affiliated_with, located_in and part_of, from sentence patterns over the parse."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.components.relation_entities import EntityIndex

PRONOUNS = frozenset({"he", "she", "they"})
CONTAINED = frozenset({"FAC", "ORG", "GPE"})
CONTAINERS = frozenset({"GPE", "LOC"})
MEETING_NOUNS = frozenset({"meeting", "talk", "summit", "dialogue", "consultation", "conference", "visit", "session"})


def _relation(kind: str, head: str, tail: str, sent: Span, confidence: float) -> dict:
    return {"type": kind, "head": head, "tail": tail, "evidence": (sent.start_char, sent.end_char),
            "confidence": confidence}


@dataclass(frozen=True)
class AffiliationRules:
    """PERSON -> non-governmental ORG: "a fellow at X", "interned at X, Y and Z"."""

    roles: frozenset[str]
    verbs: frozenset[str]

    def find(self, index: EntityIndex) -> list[dict]:
        relations = []
        for token in index.doc:
            if token.dep_ != "prep" or token.lower_ not in {"at", "with", "for", "in"}:
                continue
            anchor = self._anchor(token)
            if anchor is None:
                continue
            person = _subject_person(anchor, index)
            if person is None:
                continue
            for org in _objects(token, index):
                if org.label_ == "ORG" and (not org._.country or not _governmental(org)):
                    relations.append(_relation("affiliated_with", person._.entity_id, org._.entity_id,
                                               token.sent, 0.8))
        return relations

    def _anchor(self, prep: Token) -> Token | None:
        """The role noun or verb this "at" phrase hangs from (through other "at/for/of" phrases)."""
        node = prep.head
        for _ in range(4):
            if node.pos_ == "VERB" and node.lemma_ in self.verbs:
                return node
            if node.pos_ in {"NOUN", "PROPN"} and node.lemma_.casefold() in self.roles:
                return node
            if node.dep_ == "dobj" and node.head.pos_ == "VERB" and node.head.lemma_ in self.verbs:
                return node.head  # "teaches economics at X"
            if node.dep_ not in {"pobj", "prep"} or node.head.i == node.i:
                return None
            node = node.head
        return None


GOVERNMENT_HEADS = frozenset({"ministry", "department", "office", "bureau", "agency", "embassy", "consulate",
                              "forces", "force", "command", "army", "navy", "parliament", "senate", "congress",
                              "cabinet", "government", "directorate", "secretariat", "administration", "police",
                              "guard", "court", "commission", "council", "committee"})


def _governmental(org: Span) -> bool:
    """A government body by its words ("Ministry of Trade", "Coast Guard"), not a think tank."""
    return any(t.lower_ in GOVERNMENT_HEADS for t in org)


def _objects(prep: Token, index: EntityIndex) -> list[Span]:
    """Entities that are the object of `prep`, with their conjuncts and "at Y" continuations."""
    found: list[Span] = []
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        for tok in [obj, *obj.conjuncts]:
            ent = index.entity(tok)
            if ent is not None and ent not in found:
                found.append(ent)
            for sub in tok.children:
                if sub.dep_ == "prep" and sub.lower_ == "at":
                    found.extend(e for e in _objects(sub, index) if e not in found)
    return found


def _subject_person(anchor: Token, index: EntityIndex) -> Span | None:
    """The PERSON who is the subject of the anchor's clause; a pronoun takes the last PERSON before it."""
    node = anchor
    while node.dep_ in {"attr", "conj", "acomp"} and node.head.i != node.i:
        node = node.head
    if node.dep_ == "appos":  # "Karim Nassar, a research fellow at X"
        ent = index.entity(node.head)
        return ent if ent is not None and ent.label_ == "PERSON" else None
    for child in node.children:
        if child.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        ent = index.entity(child)
        if ent is not None and ent.label_ == "PERSON":
            return ent
        if child.lower_ in PRONOUNS:
            return _last_person_before(child, index)
    return None


def _last_person_before(token: Token, index: EntityIndex) -> Span | None:
    for i in range(token.i - 1, -1, -1):
        ent = index.ent_at[i]
        if ent is not None and ent.label_ == "PERSON":
            return ent
    return None


SEAT_NOUNS = frozenset({"headquarters", "secretariat", "offices", "office", "campus"})


def located_in(index: EntityIndex) -> list[dict]:
    """"the Institute in Geneva" (stated), and city -> country when the doc names the country (0.7)."""
    doc = index.doc
    relations = []
    for ent in index.ents:
        k = ent.end + int(ent.end < len(doc) and doc[ent.end].lower_ in SEAT_NOUNS)  # "X headquarters in Y"
        if ent.label_ not in CONTAINED or k + 1 >= len(doc) or doc[k].lower_ != "in" or index.is_country(ent):
            continue  # (a country is in no city: "President of Mexico in Dublin")
        j = k + 1 + (doc[k + 1].lower_ == "the")
        place = index.ent_at[j] if j < len(doc) else None
        if any(t.lower_ == "between" for t in list(ent.root.ancestors)[:3]):
            continue  # "talks between the government and the M23 in Addis Ababa": the talks are there
        if place is not None and place.label_ in CONTAINERS and place._.entity_id != ent._.entity_id:
            relations.append(_relation("located_in", ent._.entity_id, place._.entity_id, ent.sent, 0.85))
            for inner in _units_at_before(ent, index):  # "the Centre for X at [the] Y University in Z"
                if inner._.entity_id != place._.entity_id:
                    relations.append(_relation("located_in", inner._.entity_id, place._.entity_id, ent.sent, 0.8))
    relations.extend(_placed_by_context(index))
    relations.extend(_named_after_city(index))
    relations.extend(_based_in(index))
    seen: set[str] = set()
    for ent in index.ents:
        if ent.label_ != "GPE" or ent._.entity_id in seen or index.is_country(ent):
            continue
        seen.add(ent._.entity_id)
        country = index.country_entity(ent._.country)
        if country is not None and country != ent._.entity_id:
            relations.append(_relation("located_in", ent._.entity_id, country, ent.sent, 0.7))
    return relations


SITE_UNITS = frozenset({"Centre", "Center", "Institute", "School", "College", "Faculty", "Laboratory",
                        "Hospital", "Museum", "Library", "Observatory"})


VENUE_HEADS = frozenset({"Palace", "House", "Hall", "Building", "Castle"})


def _city(index: EntityIndex, ent: Span | None) -> bool:
    return ent is not None and ent.label_ == "GPE" and not index.is_country(ent) and bool(ent._.country)


def _placed_by_context(index: EntityIndex) -> list[dict]:
    """located_in that the layout or a nearby sentence states:
    - letterhead or byline "<ORG/FAC>, <city>" ending its line or sentence;
    - "In <city>, a <ORG> spokesperson said": a government body of the city's country;
    - a venue "at [the] <X Palace>" or "at [the] <government body>" in the one city named in
      its sentence or the sentence before (a government body only in a city of its country)."""
    doc, out = index.doc, []
    dateline = next((e for e in index.ents if _city(index, e) and e.text.isupper() and e.end < len(doc)
                     and (e.start == 0 or "\n" in doc[e.start - 1].text or "\n" in doc[e.start - 1].whitespace_)
                     and doc[e.end].text in {",", "-", "–", "—"}), None)
    for ent in index.ents:
        if ent.label_ not in {"ORG", "FAC"} or not ent._.entity_id:
            continue
        k = ent.end
        if k + 1 < len(doc) and doc[k].text == ",":
            city = index.ent_at[k + 1]
            if _city(index, city) and city.start == k + 1 and (city.end >= len(doc) or "\n" in doc[city.end - 1].whitespace_
                                                               or doc[city.end].text in {".", "\n"} or doc[city.end].is_space):
                if not ent._.country or ent._.country == city._.country:
                    out.append(_relation("located_in", ent._.entity_id, city._.entity_id, ent.sent, 0.75))
                    continue
        sent = ent.sent
        gov = ent.label_ == "ORG" and _governmental(ent) and bool(ent._.country)
        first = sent.start + int(doc[sent.start].is_space)
        opener = index.ent_at[first + 1] if first + 2 < len(doc) and doc[first].lower_ == "in" else None
        if ent.label_ == "ORG" and _governmental(ent) and _city(index, opener) and opener.start == first + 1 \
                and doc[opener.end].text == "," and ent._.country in {None, "", opener._.country} \
                and ent.start > opener.end:
            out.append(_relation("located_in", ent._.entity_id, opener._.entity_id, sent, 0.7))
            continue
        j = ent.start - 1 - int(ent.start > 1 and doc[ent.start - 1].lower_ == "the")
        venue = ent.label_ == "FAC" and doc[ent.end - 1].text in VENUE_HEADS
        if j < 0 or doc[j].lower_ != "at" or not (venue or gov):
            continue
        if ent.end < len(doc) and doc[ent.end].lower_ == "in":
            continue  # stated: handled above
        prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        cities = {c._.entity_id: c for c in index.ents_in(prev_start, sent.end, frozenset({"GPE"})) if _city(index, c)}
        if gov:
            cities = {k: c for k, c in cities.items() if c._.country == ent._.country}
        if not cities and gov and dateline is not None and dateline._.country == ent._.country:
            cities = {dateline._.entity_id: dateline}
        if len(cities) == 1:
            city = next(iter(cities.values()))
            out.append(_relation("located_in", ent._.entity_id, city._.entity_id, sent, 0.6))
    return out


def _based_in(index: EntityIndex) -> list[dict]:
    """"the Tunis-based Maghreb Centre": an organisation based in a place is located in it."""
    doc, out = index.doc, []
    for ent in index.ents:
        if ent.label_ not in {"ORG", "FAC"} or ent.start < 3 or not ent._.entity_id:
            continue
        if doc[ent.start - 1].lower_ == "based" and doc[ent.start - 2].text == "-":
            place = index.ent_at[ent.start - 3]
            if place is not None and place.label_ in CONTAINERS and place._.entity_id != ent._.entity_id:
                out.append(_relation("located_in", ent._.entity_id, place._.entity_id, ent.sent, 0.8))
    return out


PLACE_NAMED_SITES = SITE_UNITS | {"University", "Airport", "Port", "Base", "Harbour", "Harbor", "Prison", "Stadium"}


def _named_after_city(index: EntityIndex) -> list[dict]:
    """"Kabul University", "Institute of Strategic Studies Islamabad": a site named after a city the
    document names elsewhere is in that city."""
    cities: dict[str, Span] = {}
    for ent in index.ents:
        if _city(index, ent):
            cities.setdefault(ent.text, ent)
    out = []
    for ent in index.ents:
        if ent.label_ not in {"ORG", "FAC"} or not ent._.entity_id or not any(t.text in PLACE_NAMED_SITES for t in ent):
            continue
        for size in (3, 2, 1):
            words = [ent[i:i + size] for i in range(len(ent) - size + 1)]
            city = next((cities[w.text] for w in words if w.text in cities), None)
            if city is not None:
                out.append(_relation("located_in", ent._.entity_id, city._.entity_id, ent.sent, 0.7))
                break
    return out


def _units_at_before(ent: Span, index: EntityIndex) -> list[Span]:
    """ORG/FAC units written "<unit> at [the] <ent>" right before `ent` (a centre of a university):
    they are where `ent` is."""
    doc, found, start = index.doc, [], ent.start
    while True:
        k = start - 1 - int(start > 1 and doc[start - 1].lower_ == "the")
        if k < 1 or doc[k].lower_ != "at":
            return found
        unit = index.ent_at[k - 1]
        if unit is None or unit.label_ not in {"ORG", "FAC"} or unit.end != k \
                or not any(t.text in SITE_UNITS for t in unit):
            return found
        found.append(unit)
        start = unit.start


def part_of(index: EntityIndex) -> list[dict]:
    """"X is/comes as part of Y" with Y an EVENT; "the meetings" = the EVENTs named earlier in the paragraph."""
    doc = index.doc
    relations = []
    for token in doc:
        if token.lower_ != "part" or token.dep_ not in {"attr", "pobj", "acomp", "dobj"}:
            continue
        whole = _event_in_of_phrase(token, index)
        if whole is None:
            continue
        verb = token.head if token.dep_ != "pobj" else token.head.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        for event in _event_referents(subject, index):
            if event._.entity_id != whole._.entity_id:
                relations.append(_relation("part_of", event._.entity_id, whole._.entity_id, token.sent, 0.8))
    return relations


def _event_in_of_phrase(part: Token, index: EntityIndex) -> Span | None:
    for prep in part.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for tok in prep.subtree:
                ent = index.entity(tok)
                if ent is not None and ent.label_ == "EVENT":
                    return ent
    return None


def _event_referents(subject: Token, index: EntityIndex) -> list[Span]:
    """The EVENT a subject names, or for "the meeting(s)" the EVENTs named earlier in its paragraph."""
    named = [index.entity(t) for t in (subject, *subject.conjuncts)]
    named = [e for e in named if e is not None and e.label_ == "EVENT"]
    if named:
        return named
    doc = index.doc
    if subject.lower_ in {"it", "this"} and subject.sent.start > 0:
        # "The X Session ... brought together ... . It is part of the Y Summit": the previous sentence's subject
        previous = doc[subject.sent.start - 1].sent
        subj = next((t for t in previous if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"), None)
        ent = index.entity(subj) if subj is not None else None
        return [ent] if ent is not None and ent.label_ == "EVENT" else []
    if subject.lemma_.casefold() not in MEETING_NOUNS:
        return []
    para_start = doc.text.rfind("\n", 0, subject.idx) + 1
    earlier: dict[str, Span] = {}
    for e in index.ents:
        if e.label_ == "EVENT" and para_start <= e.start_char < subject.idx:
            earlier.setdefault(e._.entity_id, e)
    events = list(earlier.values())
    return events if subject.tag_ == "NNS" else events[-1:]
