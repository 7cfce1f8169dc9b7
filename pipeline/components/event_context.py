"""Discourse state while reading an article in order: the current meeting, the last group, the setting; timexes."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.components.event_arguments import Actor
from pipeline.components.event_merge import Event
from pipeline.components.relation_entities import EntityIndex
from pipeline.components.syntax import clause_verb

DATE_TYPES = frozenset({"DATE", "TIME"})
UNDATED_VALUES = frozenset({"PRESENT_REF", "FUTURE_REF"})


def units(doc: Doc) -> list[int]:
    """Unit number per token: sentences, also cut at blank lines (headings stand alone)."""
    unit, out = 0, []
    for sent in doc.sents:
        unit += 1
        for tok in sent:
            out.append(unit)
            if tok.is_space and "\n" in tok.text:
                unit += 1
    return out


class Timexes:
    """The doc's dated timexes (DATE/TIME with a calendar value), by unit, with their root tokens."""

    def __init__(self, doc: Doc, unit_of: list[int], ignored: range = range(0)) -> None:
        """`ignored`: characters whose timexes date no event (a wire dateline's "March 6")."""
        self.unit_of = unit_of
        self.by_unit: dict[int, list[tuple[Token, dict]]] = {}
        self.recurring: set[int] = set()  # verbs of clauses with a SET ("meets every two years") or "for years"
        for timex in doc._.timexes or []:
            if timex["start"] in ignored:
                continue
            value = timex.get("value") or ""
            habitual = timex.get("type") == "DURATION" and value.startswith("PX") \
                and doc.text[max(0, timex["start"] - 4):timex["start"]].lower() == "for "
            if timex.get("type") == "SET" or habitual:  # "has hosted the talks for years": a habit
                span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
                if span is not None and len(span):
                    self.recurring.add(clause_verb(span.root).i)
            if timex.get("type") not in DATE_TYPES or value in UNDATED_VALUES or value.startswith("P"):
                continue
            span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
            if span is not None and len(span):
                self.by_unit.setdefault(unit_of[span.root.i], []).append((span.root, timex))

    def recurs(self, token: Token) -> bool:
        """Is the clause of `token` about something that recurs ("will meet every two years")?"""
        return clause_verb(token).i in self.recurring

    def for_token(self, token: Token, first: bool = False) -> tuple[tuple[str, str] | None, int]:
        """(timex id, value) for an event at `token`: its clause's timex (3), else its unit's nearest (2).

        `first`: take the clause's first timex (a list of meetings "on May 3rd and 4th" starts on the 3rd).
        """
        found = self.by_unit.get(self.unit_of[token.i], [])
        verb = clause_verb(token)
        same_clause = [(root, t) for root, t in found if clause_verb(root) == verb]
        found = [(root, t) for root, t in found if not _background(root, token) and not _complement(root, verb)
                 and (verb.dep_ != "acl" or verb.left_edge.i <= root.i <= verb.right_edge.i)]
        # "The accord, signed in Quito, took effect on 1 June": the main clause's date is not the signing's
        for pool, strength in ((same_clause, 3), (found, 2)):
            if pool:
                order = (lambda p: p[0].i) if first else (lambda p: (p[0].i > token.i, abs(p[0].i - token.i)))
                root, timex = min(pool, key=order)
                return (timex["id"], timex["value"]), strength
        return None, 0


COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})


def _complement(root: Token, verb: Token) -> bool:
    """Is the timex inside a complement clause of the event's verb ("urged X to withdraw by June",
    "appealed to X to release water next summer", "agreed that talks will be held in May")? It dates
    the asked-for or agreed act, not the asking or agreeing."""
    node = clause_verb(root)
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ in COMPLEMENT_DEPS and node.head.i == verb.i:
            return node.tag_ == "VB" or any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE_AUX for c in node.children) \
                or node.tag_ == "VBG" and any(c.dep_ in {"aux", "mark"} and c.lower_ in {"to", "for"} for c in node.children)
        node = node.head
    return False


BACKGROUND_WORDS = frozenset({"since", "until", "before", "after"})


def _background(root: Token, event: Token) -> bool:
    """Is the timex in a "since/before/after/until ..." phrase that does not contain the event
    ("met X ... on his first visit since taking office in October": October dates the office, not the meeting)?"""
    node = root
    while node.head.i != node.i:
        if node.lower_ in BACKGROUND_WORDS and node.dep_ in {"prep", "mark"}:
            return not (node.left_edge.i <= event.i <= node.right_edge.i) and \
                not (node.head.left_edge.i <= event.i <= node.head.right_edge.i and node.head.i == event.i)
        node = node.head
    return False


class Discourse:
    """What the article is talking about at the current point."""

    def __init__(self, index: EntityIndex, settings: list[tuple[int, Span]]) -> None:
        self.index = index
        self.current: Event | None = None
        self.group: list[str] = []
        self.settings = settings

    def setting(self, token: Token) -> Span | None:
        """The place established by the last "meetings in X" phrase before `token`."""
        place = None
        for i, ent in self.settings:
            if i >= token.i:
                break
            place = ent
        return place

    def persons(self) -> list[str]:
        if self.current is None:
            return []
        return [e for e, _ in self.current.actors() if self.index.by_id[e].label_ == "PERSON"]

    def countries(self) -> list[str]:
        """The countries the current meeting's parties act for."""
        found: list[str] = []
        for eid, _ in self.current.actors() if self.current else []:
            ent = self.index.by_id[eid]
            # a party whose country the doc does not name stands for itself, and so does an organisation
            # acting as such ("African Union ministers"); a person of unknown country drops out
            country = self.index.as_country(ent) or (eid if ent._.country or ent.label_ == "ORG" else None)
            if country and country not in found:
                found.append(country)
        return found

    def meeting_as_target(self) -> list[str]:
        """"dissatisfaction with the talks": the grouping ORG named in the meeting's name, else its countries."""
        name = (self.current.best().name or "") if self.current else ""
        words = name.casefold().replace("’", "'").split()
        for eid, ent in self.index.by_id.items():
            canon = (ent._.canonical or ent.text).casefold().split()
            if ent.label_ == "ORG" and canon and words[:len(canon)] == canon:
                return [eid]
        return self.countries()

    def resolve(self, actors: list[Actor], as_target: bool, people_before: list[str]) -> tuple[list[str], bool]:
        """Entity ids for actors, group references resolved; and whether the current meeting supplied them."""
        ids: list[str] = []
        via_meeting = False
        for actor in actors:
            if isinstance(actor, Span):
                got = [actor._.entity_id]
            elif actor == "pronoun":
                got = people_before or self.group or self.persons()
                via_meeting = via_meeting or not people_before
            else:
                via_meeting = True
                if actor == "persons":
                    got = self.persons() or self.countries()
                elif actor == "meeting" and as_target:
                    got = self.meeting_as_target()
                else:
                    got = self.countries() or self.persons()  # "the two sides" of people of unknown country
            ids.extend(e for e in got if e and e not in ids)
        if via_meeting and ids and not as_target:
            self.group = ids
        return ids, via_meeting
