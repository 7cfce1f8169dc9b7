"""PLOVER events: triggers, actors, date, place, merged to one record per real-world event.

Each event dict on `doc._.events` is
{type, mode, trigger: (start, end), name, actors: [{entity_id, role}], date: timex id,
location: entity_id, attributes, evidence: (start, end), status, confidence}.

Reading order: every trigger cue (models/events/triggers.tsv) and every mention of
a named meeting (an EVENT entity, models/events/meetings.tsv) is read in document
order. "The ministers", "the allies", "they", "a joint statement" refer to the
parties of the current meeting (models/events/anaphors.tsv); statements resolved
that way take the meeting's date and place.

Confidence = the cue's confidence from the lexicon (0.5 for weak cues such as
"ask", 0.9 for "condemn"/"meet"; 0.85 for a named meeting that is held or
attended, 0.7 for a meeting known only by its name), times 0.9 when the actors
come from the current meeting rather than the clause, times 0.8 when an aid
recipient is inferred from the place; an event keeps the best of its mentions.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components import guarded
from pipeline.components.entity_datelines import RELEASE_DATELINE
from pipeline.components.event_arguments import ArgumentReader
from pipeline.components.event_context import Discourse, Timexes, units
from pipeline.components.event_lexicon import TriggerLexicon
from pipeline.components.event_merge import Event, EventSet, Mention, date_compatible
from pipeline.components.event_status import first_day
from pipeline.components.event_mentions import Meetings, MentionBuilder
from pipeline.components.relation_entities import EntityIndex, read_tsv
from pipeline.components.relation_positions import TitleWords
from pipeline.resources import models_dir


# "NAIROBI, March 3 (Wire) -", "LIMA (Agency) --", "OSLO, May 2 -": a wire dateline opening a paragraph.
DATELINE = re.compile(r"(?m)^(?P<place>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})(?:/[A-Za-z .]+)?"
                      r"(?:, [^\n()\u2013\u2014]{1,40}?)?\s*(?:\((?P<source>[^()\n]{1,40})\))?\s*(?:--|[\u2013\u2014-])\s")
HEADLINE_MAX_WORDS = 25


class EventRules:
    """The event component: lexicons loaded once, then one pass per Doc."""

    def __init__(self, nlp: Language) -> None:
        root = models_dir()
        self.lexicon = TriggerLexicon(nlp.vocab, root / "events" / "triggers.tsv")
        self.anaphors = {row[0]: row[1] for row in read_tsv(root / "events" / "anaphors.tsv")}
        rows = read_tsv(root / "events" / "meetings.tsv")
        self.meetings = Meetings(heads=frozenset(r[0] for r in rows if r[1:2] == ["head"]),
                                 verbs=frozenset(r[0] for r in rows if r[1:2] == ["verb"]),
                                 others=frozenset(r[0] for r in rows if r[1:2] == ["not"]))
        self.titles = TitleWords.load(root / "relations" / "titles.tsv", root / "entities" / "titles.tsv")

    def __call__(self, doc: Doc) -> Doc:
        index = EntityIndex(doc)
        wire = DATELINE.search(doc.text, 0, 600)
        dateline = _dateline(doc, index, wire)
        discourse = Discourse(index, self._settings(doc, index))
        report_date = range(wire.start(), wire.end()) if wire else range(0)  # the dateline's date dates no event
        builder = MentionBuilder(index, ArgumentReader(index, self.titles, self.anaphors),
                                 Timexes(doc, units(doc), report_date), discourse, self.meetings,
                                 (doc._.dct or {}).get("value"))
        items: list[tuple[int, object]] = [(t.head.i, t) for t in self.lexicon.find(doc)]
        items += [(ent.root.i, ent) for ent in index.ents if ent.label_ == "EVENT" and builder.is_meeting(ent)]
        events = EventSet()
        headline = _headline_end(doc)
        for _, item in sorted(items, key=lambda pair: pair[0]):
            mentions = [builder.from_name(item)] if isinstance(item, Span) else builder.from_trigger(item)
            for mention in mentions:
                event = events.add(mention)
                if mention.opens_meeting and not _flashback(mention, discourse.current) \
                        or (discourse.current is None and mention.trigger[0] >= headline
                            and _occasion(event, mention, doc.text)):
                    discourse.current = event
        kept = _merge_headline(events.events, headline, index)
        lede = _lede_end(doc, wire)
        if lede:
            kept = _merge_lede(kept, lede, index)
        if dateline is not None:  # a wire story's meetings and signings, and what the dateline's own side
            for event in kept:     # did, happened there unless the text says where (not a foreign reaction)
                best = event.best()
                home = event.type in JOINT_TYPES \
                    or any(index.by_id[e]._.country == dateline[1]._.country for e, _ in event.actors())
                if event.location() is None and best.status == "occurred" and home:
                    best.location, best.location_country = dateline[1]._.entity_id, dateline[1]._.country
                    best.location_is_country = index.is_country(dateline[1])
        doc._.events = [self._record(e, index) for e in kept if self._keep(e)]
        return doc

    def _settings(self, doc: Doc, index: EntityIndex) -> list[tuple[int, Span]]:
        """(token index, place) for each "meetings/talks in X" phrase; a country does not replace a city in it."""
        settings: list[tuple[int, Span]] = []
        for tok in doc:
            if tok.lemma_.casefold() not in self.meetings.heads and tok.lemma_ != "meeting":
                continue
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    place = index.entity(obj)
                    if place is None or place.label_ != "GPE":
                        continue
                    last = settings[-1][1] if settings else None
                    if last is not None and index.is_country(place) and last._.country == place._.country:
                        continue
                    settings.append((tok.i, place))
        return settings

    @staticmethod
    def _keep(event: Event) -> bool:
        """Events need actors; a named meeting may stand on its date alone."""
        return bool(event.actors()) or (event.key is not None and event.date() is not None)

    @staticmethod
    def _record(event: Event, index: EntityIndex) -> dict:
        best = event.best()
        actors = event.actors()
        mode = best.mode
        where = event.location()
        if event.type == "CONSULT" and mode != "phone":
            mode, actors = _consult_roles(actors, where, index, mode)
        elif mode == "phone":
            if not any(role == "source" for _, role in actors):  # "a call between A and B"
                actors = [(e, "participant") for e, _ in actors]
            if where is not None and where.location_strength < 3:
                where = None  # a call happens on the line, not where the article is set
        date = event.date()
        attributes: dict = {}
        for m in event.mentions:
            attributes = {**m.attributes, **attributes}
        return {"type": event.type, "mode": mode, "trigger": best.trigger, "name": best.name or next(
                    (m.name for m in event.mentions if m.name), None),
                "actors": [{"entity_id": e, "role": r} for e, r in actors],
                "date": date[0] if date else None, "location": where.location if where else None,
                "attributes": attributes, "evidence": best.evidence, "status": best.status,
                "confidence": max(m.confidence for m in event.mentions)}


def _occasion(event: Event, mention: Mention, text: str) -> bool:
    """A signing by two or more parties stands for the meeting when the article has none yet:
    "The two ministers also condemned ..." after "A and B signed ..." refers to the signatories.
    Only a sentence of the body counts (a headline has no final stop)."""
    sentence = text[mention.evidence[0]:mention.evidence[1]].rstrip().rstrip("\"'\u201d\u2019)")
    return event.type == "AGREE" and event.best().status == "occurred" and len(event.actors()) >= 2 \
        and sentence.endswith((".", "!"))


JOINT_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # acts done together, at the story's place


def _flashback(mention: Mention, current: Event | None) -> bool:
    """A meeting told after the current one but dated before it ("The visit follows a telephone call on
    the 6th"): background, so later "the two leaders" still refers to the current meeting."""
    if current is None or mention.date is None or current.date() is None:
        return False
    return first_day(mention.date[1]) < first_day(current.date()[1])


def _dateline(doc: Doc, index: EntityIndex, match: re.Match | None) -> tuple[int, Span] | None:
    """(token index, place) of a wire dateline ("NAIROBI, March 3 (Wire) -") in the first paragraphs;
    the dateline and the wire service in its parentheses are never actors (dropped from the index),
    nor is the place of a release's dateline ("Malé, 18 February 2027 -")."""
    release = RELEASE_DATELINE.search(doc.text, 0, 600) if match is None else None
    if release is not None:  # where a release was issued is no actor, and not where its events happened
        head = doc.char_span(release.start("place"), release.end("place"), alignment_mode="expand")
        for i in range(head.start, head.end) if head is not None else ():
            index.ent_at[i] = None
        return None
    if match is None:
        return None
    if match.group("source"):
        span = doc.char_span(match.start("source"), match.end("source"), alignment_mode="expand")
        for i in range(span.start, span.end) if span is not None else ():
            index.ent_at[i] = None
    wanted = " ".join(match.group("place").casefold().split())
    start = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    place = next((e for e in index.ents if e.label_ in {"GPE", "LOC", "FAC"}
                  and wanted in {" ".join(e.text.casefold().split()), (e._.canonical or "").casefold()}), None)
    head = doc.char_span(match.start("place"), match.end("place"), alignment_mode="expand")
    for i in range(head.start, head.end) if head is not None else ():
        index.ent_at[i] = None  # "LIMA, May 2 (Wire) - Norway and Chile signed": the dateline is no subject
    return (start.start, place) if place is not None and start is not None else None


def _headline_end(doc: Doc) -> int:
    """Character end of a headline: a short first paragraph without a final period; else 0."""
    text = doc.text.lstrip()
    offset = len(doc.text) - len(text)
    first = text.split("\n\n", 1)[0].strip()
    if not first or "\n\n" not in text or len(first.split()) > HEADLINE_MAX_WORDS or first.endswith("."):
        return 0
    return offset + len(first)


def _lede_end(doc: Doc, match: re.Match | None) -> int:
    """Character end of a wire story's first sentence (the one after the dateline `match`,
    "LIMA, May 2 (Wire) -"); else 0."""
    if match is None or not match.group("source"):
        return 0
    span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
    return span.sent.end_char if span is not None else 0


def _merge_lede(events: list[Event], end: int, index: EntityIndex) -> list[Event]:
    """A wire story's first sentence sums up what the body tells ("Colombia and Peru signed an agreement on
    Thursday" over "the two ministers signed the accord"): a lede-only event joins the body event of the
    same type whose actors are of the same countries, at a compatible date; the body's actors win."""
    kept = []
    for event in events:
        mine = _countries(index, {e for m in event.mentions for e, _ in m.actors})
        body = None
        if mine and all(m.trigger[0] < end for m in event.mentions):
            body = next((o for o in events if o is not event and o.type == event.type
                         and {m.content for m in o.mentions} == {m.content for m in event.mentions}
                         and all(m.trigger[0] >= end for m in o.mentions) and date_compatible(event.date(), o.date())
                         and _countries(index, {e for m in o.mentions for e, _ in m.actors}) == mine), None)
        if body is None:
            kept.append(event)
            continue
        for m in event.mentions:
            m.actor_strength, m.location_strength, m.date_strength = -1, -1, -1
        body.mentions.extend(event.mentions)
    return kept


def _merge_headline(events: list[Event], end: int, index: EntityIndex) -> list[Event]:
    """A headline restates the story: an event mentioned only in it joins a body event of the same type
    sharing an actor (or the headline gives none), with its actors counting as the weakest evidence."""
    if not end:
        return events
    kept = []
    for event in events:
        if all(m.trigger[0] < end for m in event.mentions):
            mine = {e for m in event.mentions for e, _ in m.actors}
            bodies = [o for o in events if o is not event and o.type == event.type
                      and any(m.trigger[0] >= end for m in o.mentions)]
            body = next((o for o in bodies if not mine or mine & {e for m in o.mentions for e, _ in m.actors}), None)
            if body is None:  # "Cyprus condemns ..." over "Cypriot minister X condemned ...": the same country
                body = next((o for o in bodies if _countries(index, mine)
                             & _countries(index, {e for m in o.mentions for e, _ in m.actors})), None)
            if body is None and len(bodies) == 1:  # the only body event of its type is the one restated
                body = bodies[0]
            if body is not None:
                for m in event.mentions:
                    m.actor_strength, m.location_strength, m.date_strength = -1, -1, -1
                body.mentions.extend(event.mentions)
                continue
        kept.append(event)
    return kept


def _countries(index: EntityIndex, ids: set[str]) -> set[str]:
    return {c for c in (index.by_id[e]._.country for e in ids if e in index.by_id) if c}


def _consult_roles(actors: list[tuple[str, str]], where: Mention | None, index: EntityIndex,
                   mode: str | None) -> tuple[str | None, list[tuple[str, str]]]:
    """PLOVER modes from the parties' countries.

    3+ parties -> multilateral (a party of unknown country counts as one more party once two
    countries are known: "A (KOR), B (JPN) and C (?)"); people of the host country meeting
    others there -> visit (the others, also those of unknown country, are the visitors); two
    parties of known countries, neither the host's -> third-party.
    """
    countries = {e: index.by_id[e]._.country for e, _ in actors}
    known = set(countries.values()) - {None}
    unknown = [e for e, c in countries.items() if c is None and index.by_id[e].label_ == "PERSON"]
    if len(known) >= 3 or (len(known) == 2 and unknown):
        return "multilateral", [(e, "participant") for e, _ in actors]
    host = where.location_country if where else None
    hosts = [e for e, c in countries.items() if host and c == host]
    if hosts and len(hosts) < len(countries):
        return "visit", [(e, "target" if countries[e] == host else "source") for e, _ in actors]
    if host and all(c and c != host for c in countries.values()) and len(actors) >= 2:
        return "third-party", [(e, "participant") for e, _ in actors]
    if mode == "visit":
        return mode, actors
    return None, [(e, "participant") for e, _ in actors]


@Language.factory("event_rules")
def make_event_rules(nlp: Language, name: str):
    """Load the lexicons once; return the guarded component."""
    return guarded("events")(EventRules(nlp))
