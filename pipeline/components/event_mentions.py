"""Build event mentions from trigger cues and from named meetings (EVENT entities)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.components.event_arguments import EXTENDING_VERBS, TARGET_PREPS, Actor, ArgumentReader
from pipeline.components.event_context import Discourse, Timexes
from pipeline.components.event_lexicon import Cue, Trigger
from pipeline.components.event_merge import Event, Mention
from pipeline.components.event_status import status
from pipeline.components.relation_entities import EntityIndex
from pipeline.components.syntax import clause_verb

MEET_PREPS = frozenset({"with", "between"})
PURPOSES = frozenset({"talk", "talks", "meeting", "consultation", "negotiation", "visit"})
ANAPHORIC_CONFIDENCE = 0.9  # factor when the actors come from the current meeting, not the clause
NAME_ONLY_CONFIDENCE = 0.7  # a named meeting with no verb of meeting around it
BACKGROUND_PREPS = frozenset({"since", "before", "after", "like"})
NOMINAL_DEPS = frozenset({"conj", "amod", "compound", "appos"})
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "xcomp"})  # a meeting there opens the discourse's meeting


@dataclass(frozen=True)
class Meetings:
    """Which EVENT entities are meetings, and how to recognise mentions that describe one."""

    heads: frozenset[str]
    verbs: frozenset[str]
    others: frozenset[str] = frozenset()  # words naming a non-meeting event ("Exercise X", "Operation Y")


class MentionBuilder:
    """Turn a trigger or a named-meeting mention into a `Mention`, reading the parse and the discourse."""

    def __init__(self, index: EntityIndex, reader: ArgumentReader, timexes: Timexes, discourse: Discourse,
                 meetings: Meetings, dct: str | None) -> None:
        self.index, self.reader, self.timexes, self.discourse = index, reader, timexes, discourse
        self.meetings, self.dct = meetings, dct
        self.named = {eid: ent for eid, ent in index.by_id.items() if ent.label_ == "EVENT"}

    # --- shared ----------------------------------------------------------------
    def _people_before(self, token: Token) -> list[str]:
        """Coordinated PERSON/GPE entities earlier in the sentence ("Lund and Holm's tour, where they ...")."""
        for tok in token.sent:
            if tok.i >= token.i:
                break
            ent = self.index.entity(tok)
            group = [self.index.entity(c) for c in tok.conjuncts] if ent is not None and tok.dep_ != "conj" else []
            group = [e for e in group if e is not None and e.label_ == ent.label_]
            if group and ent.label_ in {"PERSON", "GPE"}:
                return [ent._.entity_id, *(e._.entity_id for e in group)]
        return []

    def _participants(self, objects: list[Token], skip: frozenset[int] = frozenset()) -> tuple[list[str], bool]:
        """Objects of "with/between": their actors, plus any entity the parser hung inside the list."""
        ids, via = self._resolve(objects, skip=skip)
        for obj in objects:
            if obj.i not in skip and obj.head.lower_ == "between":
                found = [a for a in self.reader.targets(obj)
                         if not isinstance(a, Span) or (a.label_ != "NORP" and not self._title_modifier(a))]
                more, _ = self.discourse.resolve(found, True, [])
                ids.extend(e for e in more if e not in ids)
        return ids, via

    def _title_modifier(self, ent: Span) -> bool:
        """A country written before a title and a name ("ROK Minister of Defence Kim"): part of the
        person's description, not a party of its own."""
        doc, j = ent.doc, ent.end
        words = self.reader.titles
        while j < len(doc) and doc[j].lower_ in words.modifiers and doc[j].lower_ not in words.heads:
            j += 1
        return j < len(doc) and self.reader.person_after_title(doc[j]) is not None

    def _resolve(self, tokens: list[Token], as_target: bool = False,
                 skip: frozenset[int] = frozenset()) -> tuple[list[str], bool]:
        actors: list[Actor] = []
        for tok in tokens:
            found = self.reader.targets(tok) if as_target else self.reader.actors(tok, skip)
            actors.extend(a for a in found if a not in actors)
        ids, via = self.discourse.resolve(actors, as_target, self._people_before(tokens[0]) if tokens else [])
        if not ids and actors:  # "the ministers" and no meeting to refer to: an earlier "X ministers"
            found = [a for tok in tokens for a in self.reader.antecedent(tok)]
            ids, via = [e for k, e in enumerate(a._.entity_id for a in found)
                        if e not in [b._.entity_id for b in found[:k]]], True
            if ids and not as_target:
                self.discourse.group = ids  # a later "they" is this group
        return ids, via

    def _finish(self, m: Mention, anchor: Token, via_meeting: bool, inherits: bool, places: list[Token]) -> Mention:
        """Date, place, status and confidence common to every mention."""
        if m.date is None:
            m.date, m.date_strength = self.timexes.for_token(anchor)
        place = self.reader.place(places)
        if place is not None:
            self._set_place(m, place, 3)
        verbal = anchor if anchor.pos_ in {"VERB", "AUX"} else clause_verb(anchor)
        m.status = status(verbal, m.date[1] if m.date else None, self.dct)
        meeting = self.discourse.current
        where = meeting.location() if meeting is not None else None
        parties = {e for e, _ in meeting.actors()} if meeting is not None else set()
        beside = not via_meeting and m.date is None and meeting is not None and meeting.date() \
            and m.ids() & parties and (_near(meeting, anchor) or m.ids() <= parties) \
            and (m.location_country is None or where is not None and m.location_country == where.location_country)
        # (beside: "Ruiz also paid a courtesy call on X", a party of the meeting, no date of its own: on that visit;
        #  "the two Presidents condemned ...", only its parties, anywhere after it)
        if (via_meeting or beside) and inherits and meeting is not None and m.status == "occurred":
            if m.date is None and meeting.date():
                m.date, m.date_strength = meeting.date(), 1
            if m.location is None and where is not None:
                m.location, m.location_country, m.location_is_country = \
                    where.location, where.location_country, where.location_is_country
                m.location_strength = 2
        if via_meeting:
            m.confidence = round(m.confidence * ANAPHORIC_CONFIDENCE, 3)
        return m

    @staticmethod
    def _around(tokens: list[Token]) -> list[Token]:
        """Argument tokens with their conjuncts and appositions ("met X, the minister, in Y")."""
        found: list[Token] = []
        for tok in tokens:
            for t in (tok, *tok.conjuncts):
                found.extend([t, *(c for c in t.children if c.dep_ == "appos")])
        return found

    def _set_place(self, m: Mention, ent: Span, strength: int) -> None:
        m.location, m.location_country = ent._.entity_id, ent._.country
        m.location_is_country, m.location_strength = self.index.is_country(ent), strength

    def _setting(self, m: Mention, anchor: Token) -> None:
        """A meeting with no place of its own happens where the article has set the scene."""
        place = self.discourse.setting(anchor)
        if m.location is None and place is not None:
            self._set_place(m, place, 1)
        elif m.location_is_country and place is not None and place._.country == m.location_country:
            self._set_place(m, place, m.location_strength)

    # --- trigger cues -------------------------------------------------------------
    def from_trigger(self, trigger: Trigger) -> list[Mention]:
        """Mentions for one trigger (a visit to several places gives one per place)."""
        cue, head = trigger.cue, trigger.head
        if _no_event(cue, head) or cue.type == "CONSULT" and self.timexes.recurs(head):
            return []  # (a meeting held every year is a schedule, not an event)
        kind = "THREATEN" if cue.type in FORCEFUL and _conditional(head) else cue.type
        base = Mention(type=kind, mode=cue.mode if kind == cue.type else None, trigger=(trigger.start_char, trigger.end_char),
                       evidence=(head.sent.start_char, head.sent.end_char), confidence=cue.confidence,
                       actors=[], actor_strength=0)
        frame = getattr(self, f"_frame_{cue.frame}")
        return [m for m in frame(base, trigger) if m is not None]

    def _subjects(self, head: Token) -> tuple[list[Token], bool]:
        if head.pos_ in {"VERB", "AUX"}:
            return self.reader.subjects(head)
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners:
            return owners, False
        return self.reader.subjects(clause_verb(head))

    def _frame_meet(self, m: Mention, trigger: Trigger) -> list[Mention]:
        head = trigger.head
        subjects, passive = self._subjects(head)
        if head.dep_ == "xcomp" and head.head.lemma_ == "invite" and head.lemma_ in SHARED_CHAIRS:
            subjects = subjects + self.reader.subjects(head.head)[0]  # "A invited B to co-chair": both chair
        if passive:
            subjects = []  # "talks were held between A and B": the parties are in "between"
        nouns = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}
                 and (c.lemma_ in self.meetings.heads | {"meeting"} or c.lower_ in self.meetings.heads)]
        if any(self.index.entity(n) is not None for n in nouns):
            return []  # "held the X Summit": the named meeting is read from its name
        objects = self.reader.objects(head, MEET_PREPS)
        for noun in nouns:
            objects.extend(self.reader.objects(noun, MEET_PREPS))
        if trigger.cue.mode == "phone":  # "discussed X by telephone with Y": "with" may hang on any word of the clause
            objects += [o for t in head.subtree if t.dep_ == "prep" and t.lower_ == "with" and t.head.i != head.i
                        and clause_verb(t) == head for o in t.children if o.dep_ == "pobj"]
        skip = frozenset(n.i for n in nouns) | self.reader.taken_by_next_verb(head)
        talks: list[Token] = []
        if "between" in trigger.cue.flags:
            talks = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_ in trigger.cue.dependents]
            between = [o for n in talks for o in self.reader.objects(n, frozenset({"between"}), direct=False)]
            if not between:
                return []
            subjects, objects = [], between  # the subject mediates; the parties are "between" A and B
        subj_ids, via = self._resolve(subjects, skip=skip)
        obj_ids, via_obj = self._participants([o for o in objects if o.i not in skip], skip=skip)
        m.actors = [(e, "source") for e in subj_ids] + [(e, "target") for e in obj_ids if e not in subj_ids]
        m.actor_strength = 3 if subj_ids and obj_ids and not via else 2 if m.actors else 0
        for noun in nouns:
            self._name_from_description(m, noun)
        if m.mode is None and any(c.dep_ == "prep" and c.lower_ in VISIT_FRAMES and any(
                o.lemma_ in {"visit", "trip"} for o in c.children if o.dep_ == "pobj") for c in head.children):
            m.mode = "visit"  # "during her visit she met X": the visitor meets the host
        m = self._finish(m, head, via or via_obj, True, [head, *self._around(objects), *nouns, *talks])
        self._setting(m, head)
        if head.dep_ in MAIN_CLAUSE_DEPS and len(m.actors) >= 2:
            m.opens_meeting = True
        return [m]

    def _name_from_description(self, m: Mention, noun: Token) -> None:
        """"their first meeting on energy security" is the "Ministerial Meeting on Energy Security" named before."""
        words = {t.lower_ for t in noun.subtree
                 if t.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"} and t.i != noun.i and t.ent_type_ != "ORDINAL"
                 and t.lower_ not in {"first", "second", "last", "next", "new"}}
        if not words:
            return
        for eid, ent in self.named.items():
            name = {w.casefold() for w in (ent._.canonical or ent.text).split()} | {t.lower_ for t in ent}
            if words <= name:
                m.key, m.name = eid, ent._.canonical or ent.text
                return

    def _frame_visit(self, m: Mention, trigger: Trigger) -> list[Mention]:
        head = trigger.head
        subjects, _ = self._subjects(head)
        src, via = self._resolve(subjects)
        hosts: list[str] = []
        if "purpose" in trigger.cue.flags:  # "travelled to X for talks with Y", "flew to X to meet Y"
            aims = [o for o in self.reader.objects(head, frozenset({"for"}), direct=False) if o.lemma_ in PURPOSES]
            aims += [c for c in head.children if c.dep_ in {"advcl", "xcomp"} and c.lemma_ == "meet"]
            if not aims:
                return []
            hosts, _ = self._resolve([o for a in aims for o in self.reader.objects(a, MEET_PREPS)])
            places = [t for o in self.reader.objects(head, frozenset({"to"}), direct=False) for t in (o, *o.conjuncts)]
        elif head.pos_ == "NOUN":
            places = [o for o in self.reader.objects(head, frozenset({"to"}))]
        else:
            places = [t for o in self.reader.objects(head, frozenset()) for t in (o, *o.conjuncts)]
        mentions = []
        for obj in places or [None]:
            ent = self.index.entity(obj) if obj is not None else None
            one = Mention(**{**m.__dict__, "attributes": {}})
            one.actors = [(e, "source") for e in src]
            if ent is not None and ent.label_ in {"GPE", "LOC", "FAC"}:
                self._set_place(one, ent, 3)
                country = self.index.as_country(ent)
                if hosts:
                    one.actors += [(e, "target") for e in hosts if e not in src]
                elif country and country not in src:
                    one.actors.append((country, "target"))
                one.actor_strength = 1
            elif obj is not None:
                tgt, _ = self._resolve([obj])
                one.actors += [(e, "target") for e in tgt if e not in src]
                one.actor_strength = 3 if tgt and src else 2
            if src:
                one = self._finish(one, head, via, True, [head])
                one.opens_meeting = head.dep_ in MAIN_CLAUSE_DEPS and len(one.actors) >= 2 and one.status == "occurred"
                mentions.append(one)
        return mentions

    def _frame_call(self, m: Mention, trigger: Trigger) -> list[Mention]:
        """"X called on Y (at Z)": a courtesy call, X the visitor, Y the host."""
        head = trigger.head
        subjects, _ = self._subjects(head)
        callers, via = self._resolve(subjects)
        hosts, _ = self._resolve(self.reader.objects(head, frozenset({"on", "upon"}), direct=False))
        if not callers or not hosts:
            return []
        m.actors = [(e, "source") for e in callers] + [(e, "target") for e in hosts if e not in callers]
        m.actor_strength = 3
        objects = self.reader.objects(head, frozenset({"on", "upon"}), direct=False)
        m = self._finish(m, head, via, True, [head, *self._around(objects)])
        self._setting(m, head)
        return [m]

    def _frame_host(self, m: Mention, trigger: Trigger) -> list[Mention]:
        head = trigger.head
        subjects, passive = self._subjects(head)
        hosts, via = self._resolve(subjects)
        guests, _ = self._resolve(self.reader.objects(head, frozenset()))
        if passive:  # "X was received by Prime Minister Y": Y hosts X
            agents = [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            guests, (hosts, via) = hosts, self._resolve(agents)
        if "explicit" in trigger.cue.flags and not guests:
            return []  # "received a letter": only receiving someone is hosting
        m.actors = [(e, "source") for e in guests] + [(e, "target") for e in hosts if e not in guests]
        m.actor_strength = 3 if hosts and guests else 2
        m = self._finish(m, head, via, True, [head])
        arrivals = [self.index.entity(o) for o in self.reader.objects(head, frozenset({"to"}), direct=False)]
        arrival = next((e for e in arrivals if e is not None and e.label_ in {"GPE", "FAC"}), None)
        if m.location is None and arrival is not None:  # "welcomed X to Government Buildings"
            self._set_place(m, arrival, 3)
        self._setting(m, head)
        m.opens_meeting = head.dep_ in MAIN_CLAUSE_DEPS and len(m.actors) >= 2 and m.status == "occurred"
        return [m] if m.actors else []

    def _frame_occasion(self, m: Mention, trigger: Trigger) -> list[Mention]:
        """A meeting noun given its own date or place ("the first round will take place in Lima in October",
        "at a meeting of X in Dushanbe on 8 October"): the clause's subject, the "of/between" parties, the
        owner ("their next summit"), else the parties of the current meeting."""
        noun = trigger.head
        verb = clause_verb(noun)
        between = self.reader.objects(noun, frozenset({"between"}), direct=False)
        if verb.lemma_ in self.meetings.verbs | SHARED_CHAIRS \
                or noun.dep_ not in {"nsubj", "nsubjpass", "pobj", "attr"} and not between:
            return []  # "held a meeting", "opened talks": read from the verb ("prepare a meeting between A and B")
        if not any(c.dep_ == "prep" and c.lower_ in {"in", "at"} for c in (*noun.children, *verb.children)):
            return []  # a place of its own ("in Lima") marks a meeting being set, not one referred to
        m.date, m.date_strength = self.timexes.for_token(noun)
        if m.date is None or m.date_strength < 3:
            return []
        parties = self.reader.objects(noun, frozenset({"of", "between"}), direct=False)
        owners = [c for c in noun.children if c.dep_ == "poss"]
        subjects, passive = self.reader.subjects(verb)
        takes_part = not passive and verb.i != noun.i and not any(s.i == noun.i or noun.is_ancestor(s) for s in subjects)
        meeting = self.discourse.current
        near = meeting is not None and _near(meeting, noun)
        for tokens in (between, (subjects if takes_part else []), parties, owners):
            ids, via = self._resolve(tokens)
            if ids and (near or not via):
                break
        else:  # "The first round will take place in X": the parties of the meeting just told
            countries, persons = self.discourse.countries(), self.discourse.persons()
            ids, via = (countries if len(countries) >= len(persons) else persons) if near else [], True
        if not ids:
            return []
        m.actors = [(e, "participant") for e in ids]
        m.actor_strength = 1
        m = self._finish(m, noun, via, False, [noun, verb])
        return [m]

    def _directed_parts(self, trigger: Trigger) -> tuple[list[str], list[str], bool, list[Token]]:
        """(sources, targets, sources came from the meeting, object tokens)."""
        head = trigger.head
        subjects, passive = self._subjects(head)
        objects = self.reader.objects(head, TARGET_PREPS - {"of", "from", "by", "between"})
        for noun in (c for c in head.children if c.dep_ in {"dobj", "attr"}):
            for conj in (noun, *noun.conjuncts):
                objects.extend(self.reader.objects(conj, TARGET_PREPS - {"of", "from", "by", "between"}))
        cue_nouns = [o for o in objects if o.lemma_ in trigger.cue.words] if trigger.cue.type != "SUPPORT" else []
        owners = [c for o in cue_nouns for c in o.children if c.dep_ == "poss"]
        if trigger.cue.type == "SANCTION":  # "cancelled the visit of X's minister" (not "a violation of X's rights")
            owners += [c for o in cue_nouns for c in self.reader.objects(o, frozenset({"of"}), direct=False)]
        # "summoned X's ambassador": X; not "reaffirmed its support"
        objects = [o for o in objects if o.lemma_ not in trigger.cue.words] + owners
        if head.pos_ == "NOUN":  # "delivered a protest note to the embassy": the verb's "to"
            objects += self.reader.objects(clause_verb(head), frozenset({"to", "against"}), direct=False)
        if trigger.cue.type == "THREATEN":  # "threatened to restrict Croatian imports": what the act targets
            objects += [o for c in head.children if c.dep_ == "xcomp" for o in c.children if o.dep_ == "dobj"]
        if head.dep_ == "acl" and head.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in head.children):
            objects.insert(0, head.head)  # "three fishermen detained by Croatian police": the fishermen
        src, via = self._resolve(subjects)
        tgt, _ = self._resolve(objects, as_target=True)
        if passive:
            src, tgt = [], src
        places = {"LOC", "FAC"}  # "detained on the Danube", "fired over the Sea of Japan": where, not whom
        return src, [t for t in tgt if t not in src and self.index.by_id[t].label_ not in places], via, objects

    def _frame_directed(self, m: Mention, trigger: Trigger) -> list[Mention]:
        src, tgt, via, _ = self._directed_parts(trigger)
        if src and not tgt and "proposer" in trigger.cue.flags:
            tgt = [e for e in self._proposer(trigger.head) if e not in src]
        if not src or ("explicit" in trigger.cue.flags and not tgt):
            return []
        m.actors = [(e, "source") for e in src] + [(e, "target") for e in tgt]
        m.actor_strength = 3 if tgt else 2
        return [self._finish(m, trigger.head, via, True, [trigger.head])]

    def _proposer(self, head: Token) -> list[str]:
        """"A offered B ... B rejected the proposal": who rejects a proposal, appeal or offer rejects its
        maker, the subject of the nearest proposing verb in this or the two sentences before."""
        if not any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.casefold() in PROPOSALS for c in head.children):
            return []
        sents = [head.sent]
        while len(sents) < 3 and sents[0].start > 0:
            sents.insert(0, head.doc[sents[0].start - 1].sent)
        for tok in reversed([t for s in sents for t in s if t.i < head.i]):
            if tok.pos_ == "VERB" and tok.lemma_.casefold() in PROPOSING:
                subjects, passive = self.reader.subjects(tok)
                if subjects and not passive:
                    ids, _ = self._resolve(subjects)
                    if ids:
                        return ids
        return []

    def _frame_support(self, m: Mention, trigger: Trigger) -> list[Mention]:
        src, tgt, via, objects = self._directed_parts(trigger)
        if not src or ("explicit" in trigger.cue.flags and not tgt):
            return []
        laws = self._laws(trigger.head)
        if laws:
            m.attributes["object"] = laws[0]
        m.actors = [(e, "source") for e in src] + [(e, "target") for e in tgt]
        m.actor_strength = 2
        return [self._finish(m, trigger.head, via, True, [trigger.head])]

    def _laws(self, head: Token) -> list[str]:
        """Canonical names of LAW entities in the objects of `head` (instruments, visions, treaties)."""
        found: list[str] = []
        for child in head.children:
            if child.dep_ in {"dobj", "attr", "nsubjpass"}:
                for tok in (t for c in (child, *child.conjuncts) for t in c.subtree):
                    ent = self.index.entity(tok)
                    if ent is not None and ent.label_ == "LAW" and (ent._.canonical or ent.text) not in found:
                        found.append(ent._.canonical or ent.text)
        return found

    def _frame_agree(self, m: Mention, trigger: Trigger) -> list[Mention]:
        head = trigger.head
        subjects, passive = self._subjects(head)
        if passive:  # "the Memorandum was signed by the two sides": the signatories are the agents
            subjects = [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if head.pos_ == "NOUN" or head.dep_ == "acl" and head.tag_ == "VBN":
            # "witnessed the signing of the Agreement by A and B", "the Accord, signed at the summit by A and B",
            # "the signing of a memorandum between A and B"
            signers = [o for t in head.subtree if t.dep_ == "prep" and t.lower_ in {"by", "between"}
                       and clause_verb(t) == clause_verb(head) for o in t.children if o.dep_ == "pobj"]
            if signers:
                subjects, passive = signers, True
        partners = self.reader.objects(head, frozenset({"with"}), direct=False)
        for noun in (c for c in head.children if c.dep_ == "dobj"):
            partners += self.reader.objects(noun, frozenset({"with"}), direct=False)
        parties, via = self._resolve(subjects + partners)
        if not parties:
            return []
        m.actors = [(e, "participant") for e in parties]
        # "was signed by Minister A and Minister B": the signatories named as agents beat "A and B signed"
        m.actor_strength = 3 if passive and len(parties) >= 2 and not via else 2
        thing = next((c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if thing is not None:
            m.object_noun = (thing.lemma_ if thing.pos_ == "NOUN" else thing.text).casefold()
        content = next((c for c in head.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if thing is None and content is not None:
            m.content = content.lemma_.casefold()  # "agreed that talks will be held", "agreed to extend X"
        m = self._finish(m, head, via, True, [head])
        laws = self._laws(head)
        if not laws:
            return [m]
        mentions = []  # several documents signed under one verb: one AGREE per document
        for law in laws:
            one = Mention(**{**m.__dict__, "attributes": {**m.attributes, "instrument": law}})
            mentions.append(one)
        return mentions

    def _frame_aid(self, m: Mention, trigger: Trigger) -> list[Mention]:
        head = trigger.head
        subjects, _ = self._subjects(head)
        givers, via = self._resolve(subjects)
        if not givers:
            return []
        receivers = self.reader.objects(head, frozenset({"to"}))
        receivers += [o for c in head.children if c.dep_ == "dobj" for t in c.subtree  # "a grant of $5 million to X"
                      if t.dep_ == "prep" and t.lower_ == "to" for o in t.children if o.dep_ == "pobj"]
        takers, _ = self._resolve(receivers, as_target=True)
        money = [self.index.entity(t) for c in head.children if c.dep_ == "dobj" for t in c.subtree]
        money = [e for e in money if e is not None and e.label_ == "MONEY"]
        if money:
            m.attributes["amount"] = money[0].text
        m = self._finish(m, head, via, True, [head])
        if not takers and m.location_country:
            country = self.index.country_entity(m.location_country)
            giver_countries = {self.index.as_country(self.index.by_id[g]) for g in givers}
            if country and country not in giver_countries:
                takers = [country]
                m.confidence = round(m.confidence * 0.8, 3)
        m.actors = [(e, "source") for e in givers] + [(e, "target") for e in takers if e not in givers]
        m.actor_strength = 2
        return [m]

    def _frame_joint(self, m: Mention, trigger: Trigger) -> list[Mention]:
        head = trigger.head
        if "reciprocal" in trigger.cue.flags and not _reciprocal(head):
            return []  # "X strengthened its capabilities": X's own build-up, not cooperation
        verb = head if head.pos_ == "VERB" else clause_verb(head)
        subjects, passive = self.reader.subjects(verb)
        parties, via = ([], False) if passive else self._resolve(subjects)
        if via:
            parties = self.discourse.countries()  # cooperation of "the ministers" is between their countries
        own = self._own_parties(head, trigger)
        parties += [e for e in own if e not in parties]
        if not parties:
            if "explicit" in trigger.cue.flags:
                return []
            parties, via = self.discourse.countries(), True
        if not parties:
            return []
        m.actors = [(e, "participant") for e in parties]
        m.actor_strength = 2
        return [self._finish(m, head, via, False, [head])]

    def _own_parties(self, head: Token, trigger: Trigger) -> list[str]:
        """Parties the cooperation phrase names itself: "with Peru", "Chile-Peru cooperation",
        "cooperation between Chile and Peru", "joint exercises with Peru"."""
        tokens = self.reader.objects(head, frozenset({"with", "between"}), direct=False)
        if head.pos_ == "NOUN":
            tokens.append(head)
        tokens += [c for c in head.children if c.pos_ == "NOUN" and c.lemma_ in trigger.cue.dependents]
        found: list[str] = []
        for tok in tokens:
            for actor in self.reader.targets(tok):
                if isinstance(actor, Span) and actor._.entity_id not in found:
                    found.append(actor._.entity_id)
        return found

    # --- named meetings -------------------------------------------------------------
    def is_meeting(self, ent: Span) -> bool:
        """An EVENT whose name ends in a meeting noun, or that is held/attended."""
        verb = ent.root.head
        if any(t.lower_ in self.meetings.others for t in ent):
            return False  # "would hold Exercise Kiwi Shield": a held exercise is cooperation, not talks
        return any(t.lower_ in self.meetings.heads or t.lemma_.casefold() in self.meetings.heads
                   for t in (ent[-1], ent.root)) \
            or verb.lemma_ in self.meetings.verbs or any(c.lemma_ in self.meetings.verbs for c in ent.root.children)

    def from_name(self, ent: Span) -> Mention:
        """A mention of a named meeting: actors from "between/with", the attending subject, or "A's meeting was X"."""
        root = ent.root
        top = root
        while top.dep_ in {"conj", "appos"} and top.head.i != top.i:
            top = top.head
        verb = top.head if top.dep_ != "pobj" else top.head.head
        shared = any(other is not ent and other.label_ == "EVENT" and clause_verb(other.root) == clause_verb(root)
                     for other in ent.sent.ents)
        objects = self.reader.objects(root, MEET_PREPS, direct=False)
        if verb.lemma_ in self.meetings.verbs:
            objects += self.reader.objects(verb, MEET_PREPS, direct=False)
        subjects: list[Token] = []
        if top.dep_ in {"dobj", "attr"} and (verb.lemma_ in self.meetings.verbs or verb.lemma_ == "be"):
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        ids, via = self._resolve(subjects)
        more, via_obj = self._participants(objects)
        ids += [e for e in more if e not in ids]
        via = via or via_obj
        m = Mention(type="CONSULT", mode=None, trigger=(ent.start_char, ent.end_char),
                    evidence=(root.sent.start_char, root.sent.end_char),
                    confidence=0.85 if verb.lemma_ in self.meetings.verbs else NAME_ONLY_CONFIDENCE,
                    actors=[(e, "participant") for e in ids], actor_strength=0,
                    key=ent._.entity_id, name=ent._.canonical or ent.text)
        if ids:
            m.actor_strength = 3 if objects and not via else 1 if shared else 2
        if verb.lemma_ in self.meetings.verbs:
            m.trigger = (verb.idx, verb.idx + len(verb))
        anchors = [root, verb] if verb.lemma_ in self.meetings.verbs else [root]
        m = self._finish(m, root, via, True, anchors + self._around(objects))
        if shared and m.date_strength >= 2:
            m.date, m.date_strength = self.timexes.for_token(root, first=True)[0], 1
        self._setting(m, root)
        background = top.dep_ == "pobj" and top.head.lower_ in BACKGROUND_PREPS
        if ids and not background:
            m.opens_meeting = True
        return m


def _no_event(cue: Cue, head: Token) -> bool:
    """Cue words that name no event of their own here."""
    if head.tag_ == "VBG" and head.dep_ in NOMINAL_DEPS and not any(c.dep_ in {"aux", "nsubj"} for c in head.children) \
            and (head.head.pos_ in {"NOUN", "PROPN"} or head.dep_ == "conj" and head.head.tag_ != "VBG"):
        return True  # "condemned the launches and deepening X-Y cooperation": a noun phrase, not a clause
    if head.lemma_ == "call" and any(c.dep_ == "prt" for c in head.children) and cue.type != "MOBILIZE":
        return True  # "called off a visit", "called up reservists": not a call on anyone
    if head.dep_ == "xcomp" and head.head.lemma_ in ASKING and not (cue.type == "CONSULT" and head.head.lemma_ == "invite"):
        return True  # "urged X to convene a summit": asked of others, not done (an invitation to visit is a plan)
    if head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.lemma_ in CANCELLING:
        return True  # "cancelled the visit": the cancelling is the event (a SANCTION cue)
    proposal = next((a for a in list(head.ancestors)[:3] if a.lemma_.casefold() in PROPOSALS), None)
    if head.pos_ == "NOUN" and proposal is not None \
            and not (cue.type == "CONSULT" and proposal.lemma_ == "invitation" and proposal.head.lemma_ in INVITING):
        return True  # "rejected Peru's proposal for a joint patrol": what is proposed has not happened
    if cue.frame == "visit" and head.pos_ == "NOUN" and _frames_meeting(head):
        return True  # "During a visit she met X": the meeting is the visit, read from "met"
    if cue.frame == "visit" and head.pos_ == "NOUN" and (head.dep_ == "appos" or head.dep_ == "dobj"
                                                          and head.head.lemma_ in JUDGING):
        return True  # "welcomed X to Dublin, the first visit by ...", "praised the visit": told of, not done
    if "singular" in cue.flags and any(t.tag_ in {"NNS", "NNPS"} for t in (head, *head.children)
                                       if t.lemma_ in (cue.dependents or cue.heads)):
        return True  # "visits", "summits": a plural summarises several events
    if cue.type in FORCEFUL and head.dep_ == "ccomp" and head.head.lemma_ in {"warn", "threaten"}:
        return True  # "warned that Norway would impose tariffs": the warning is the event (a threat)
    return False


def _near(meeting: Event, anchor: Token) -> bool:
    """Is `anchor` in the paragraph of the meeting's last mention, or the next one?"""
    last = max(m.evidence[1] for m in meeting.mentions)
    return anchor.idx < last or len(PARAGRAPH_BREAK.findall(anchor.doc.text, last, anchor.idx)) <= 1


PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
FORCEFUL = frozenset({"SANCTION", "MOBILIZE", "ASSAULT", "COERCE"})
READY_WORDS = frozenset({"prepare", "prepared", "ready", "threaten", "warn", "willing", "vow"})


def _conditional(head: Token) -> bool:
    """"was prepared to impose sanctions", "will impose sanctions if ...": a threat, not the act."""
    if head.dep_ == "xcomp" and head.head.lemma_.casefold() in READY_WORDS:
        return True
    return any(c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in c.children if m.dep_ == "mark")
               for c in head.children)


VISIT_FRAMES = frozenset({"during", "on"})
CANCELLING = frozenset({"cancel", "postpone", "call", "scrap", "suspend"})
ASKING = frozenset({"ask", "urge", "invite", "request", "press", "persuade", "lobby", "encourage", "call", "appeal",
                    "demand"})
JUDGING = frozenset({"praise", "hail", "applaud", "commend", "criticise", "criticize", "condemn", "describe",
                     "call", "welcome"})
SHARED_CHAIRS = frozenset({"co-chair", "co-host"})
INVITING = EXTENDING_VERBS | {"accept"}  # an invitation extended or accepted: its visit is a plan
# What is rejected when a proposal is (its maker is the target), and the verbs that make one.
PROPOSALS = frozenset({"proposal", "appeal", "offer", "request", "plan", "demand", "call", "bid", "invitation",
                       "overture", "suggestion", "initiative", "ultimatum", "idea", "terms", "compromise"})
PROPOSING = frozenset({"propose", "offer", "appeal", "request", "ask", "urge", "suggest", "demand", "invite",
                       "call", "put", "table", "present", "submit", "float"})


def _frames_meeting(noun: Token) -> bool:
    """"During a two-day visit she met X", "On his trip, he met Y": a visit noun framing a verb of meeting."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in VISIT_FRAMES and prep.head.lemma_ == "meet" \
        and prep.head.pos_ == "VERB"


RECIPROCAL_WORDS = frozenset({"mutual", "mutually", "joint", "jointly", "together", "bilateral", "trilateral",
                              "multilateral", "shared", "collective", "collectively"})


def _reciprocal(head: Token) -> bool:
    """Does the clause of `head` present the effort as shared ("each other's capacities", "with Peru")?"""
    for tok in head.subtree:
        low = tok.lower_
        if low in RECIPROCAL_WORDS:
            return True
        if (low, tok.nbor(-1).lower_ if tok.i > 0 else "") in {("other", "each"), ("another", "one")}:
            return True
        if tok.dep_ == "prep" and low == "with" and tok.head.i == head.i:
            return True
    return False
