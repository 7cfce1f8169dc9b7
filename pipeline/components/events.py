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

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components import guarded
from pipeline.components.event_arguments import ArgumentReader
from pipeline.components.event_context import Discourse, Timexes, units
from pipeline.components.event_lexicon import TriggerLexicon
from pipeline.components.event_merge import Event, EventSet, Mention
from pipeline.components.event_mentions import Meetings, MentionBuilder
from pipeline.components.relation_entities import EntityIndex, read_tsv
from pipeline.components.relation_positions import TitleWords
from pipeline.resources import models_dir


class EventRules:
    """The event component: lexicons loaded once, then one pass per Doc."""

    def __init__(self, nlp: Language) -> None:
        root = models_dir()
        self.lexicon = TriggerLexicon(nlp.vocab, root / "events" / "triggers.tsv")
        self.anaphors = {row[0]: row[1] for row in read_tsv(root / "events" / "anaphors.tsv")}
        rows = read_tsv(root / "events" / "meetings.tsv")
        self.meetings = Meetings(heads=frozenset(r[0] for r in rows if r[1:2] == ["head"]),
                                 verbs=frozenset(r[0] for r in rows if r[1:2] == ["verb"]))
        self.titles = TitleWords.load(root / "relations" / "titles.tsv", root / "entities" / "titles.tsv")

    def __call__(self, doc: Doc) -> Doc:
        index = EntityIndex(doc)
        discourse = Discourse(index, self._settings(doc, index))
        builder = MentionBuilder(index, ArgumentReader(index, self.titles, self.anaphors),
                                 Timexes(doc, units(doc)), discourse, self.meetings, (doc._.dct or {}).get("value"))
        items: list[tuple[int, object]] = [(t.head.i, t) for t in self.lexicon.find(doc)]
        items += [(ent.root.i, ent) for ent in index.ents if ent.label_ == "EVENT" and builder.is_meeting(ent)]
        events = EventSet()
        for _, item in sorted(items, key=lambda pair: pair[0]):
            mentions = [builder.from_name(item)] if isinstance(item, Span) else builder.from_trigger(item)
            for mention in mentions:
                event = events.add(mention)
                if mention.opens_meeting:
                    discourse.current = event
        doc._.events = [self._record(e, index) for e in events.events if self._keep(e)]
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
        if event.type == "CONSULT" and mode != "phone":
            mode, actors = _consult_roles(actors, event.location(), index, mode)
        where = event.location()
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
