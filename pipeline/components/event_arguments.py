"""Read event arguments off the dependency parse: who acts, on whom, when and where.

Functions return entity mentions (spaCy Spans) or group references (`Group`) that
the discourse context resolves later (event_context.py).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.components.relation_entities import ACTOR_LABELS, EntityIndex
from pipeline.components.relation_positions import TitleWords
from pipeline.components.syntax import clause_verb

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "oprd", "dative"})
TARGET_PREPS = frozenset({"about", "over", "at", "with", "on", "upon", "against", "to", "toward", "towards",
                          "regarding", "of", "between", "from", "by", "for"})
NP_BLOCKED_DEPS = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "punct", "cc", "det", "mark", "advmod"})
NP_PREPS = frozenset({"of", "between", "from", "by", "with", "about", "over"})
PLACE_LABELS = frozenset({"GPE", "FAC", "LOC"})
GROUP_DETERMINERS = frozenset({"the", "both", "all", "their", "these", "those"})
INHERITING_DEPS = frozenset({"conj", "xcomp", "advcl", "acomp"})  # acomp: "X is likely to impose"
# verbs of an invitation: who accepts one does what it asks; one extended asks it of its "to" object
ACCEPTING_VERBS = frozenset({"accept", "receive", "welcome", "take"})  # "accepted an invitation ... to visit"
EXTENDING_VERBS = frozenset({"extend", "issue", "convey", "renew"})  # "extended an invitation to X to visit"
CONTROL_VERBS = frozenset({"invite", "urge", "ask", "encourage", "persuade", "allow", "permit", "help", "enable"})
RANK_WORDS = frozenset({"prime", "vice", "deputy", "assistant", "under", "acting", "former", "principal", "senior",
                        "chief", "first", "interim", "associate", "junior", "state"})

PERSONAL_PRONOUNS = frozenset({"he", "she"})
SPEAKER_PRONOUNS = frozenset({"we", "i"})
NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
QUOTE_DEPS = frozenset({"conj", "ccomp", "parataxis", "advcl", "xcomp"})  # the way up from a quoted clause
SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "declare", "insist", "stress", "note", "warn", "write"})

Actor = Span | str  # an entity mention, or a group reference kind ("persons", "countries", "meeting", ...)


class ArgumentReader:
    """Actors, targets and places around a trigger, over one Doc's parse and entities."""

    def __init__(self, index: EntityIndex, titles: TitleWords, anaphors: dict[str, str]) -> None:
        self.index = index
        self.titles = titles
        self.anaphors = anaphors
        self._position_words: dict[str, set[str]] | None = None

    # --- who -----------------------------------------------------------------
    def subjects(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject tokens of a verb (borrowed from the governing verb for conj/xcomp/advcl), and passive?"""
        node = verb
        for _ in range(4):
            subj = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
            if subj:
                return subj, subj[0].dep_ == "nsubjpass"
            agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents:
                return agents, False
            invitee = self._invitee(node)
            if invitee:  # "extended an invitation to X to visit": X visits
                return invitee, False
            if node.dep_ == "acl" and any(c.dep_ in OBJECT_DEPS for c in node.children):
                return [node.head], False  # "a joint statement named X as ...": a mis-parsed main verb
            if node.dep_ == "relcl" and any(c.lower_ in {"who", "which", "that"} for c in node.children):
                return [node.head], False
            if node.dep_ == "xcomp" and node.head.lemma_ in CONTROL_VERBS:
                controller = [c for c in node.head.children if c.dep_ in {"dobj", "dative"}]
                if controller:  # "invited X to visit": X visits
                    return controller, False
            if node.dep_ in {"conj", "advcl"} and node.head.pos_ in {"VERB", "AUX"}:
                split = self._split_subject(node)
                if split:
                    return split, False
            if node.dep_ not in INHERITING_DEPS or node.head.i == node.i:
                break
            node = node.head
        return self._fronted_subject(verb), False

    def _fronted_subject(self, verb: Token) -> list[Token]:
        """"In Lima, Peru's minister, Ana Ruiz, rejected ...": with no subject, the parser hangs the subject
        as an apposition of the fronted place; the last such apposition before the verb is the subject.
        "At the invitation of X, title, Y, title, paid a visit": deeper in a long fronted phrase, the last
        person or country set off in it."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                appos = [c for c in obj.children if c.dep_ == "appos" and c.i < verb.i]
                if appos:
                    return [appos[-1]]
                if prep.i != prep.sent.start:
                    continue
                set_off = [t for t in obj.subtree if t.dep_ in {"appos", "conj"} and t.i < verb.i
                           and (ent := self.index.entity(t)) is not None and ent.label_ in {"PERSON", "GPE"}]
                if set_off and verb.doc[verb.i - 1].is_punct:
                    return [set_off[-1]]
        return []

    def _split_subject(self, verb: Token) -> list[Token]:
        """"A met with B and C and D met with E": the parser hangs C and D on B; give them back to the second verb."""
        first = verb.head
        for obj in self.objects(first, frozenset({"with"})):
            chain = [obj, *obj.conjuncts]
            if chain[-1].i == verb.i - 1:
                ccs = [t for t in verb.doc[obj.i:verb.i] if t.dep_ == "cc"]
                if ccs:
                    return [t for t in chain if t.i > ccs[0].i]
        return []

    def objects(self, verb: Token, preps: frozenset[str], direct: bool = True) -> list[Token]:
        """Direct objects (unless not `direct`) and the objects of the given prepositions hanging from `verb`."""
        found = [c for c in verb.children if c.dep_ in OBJECT_DEPS] if direct else []
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                found.extend(c for c in prep.children if c.dep_ == "pobj")
        return found

    @staticmethod
    def _invitee(node: Token) -> list[Token]:
        """Who does what an invitation asks: "extended an invitation to X to visit" -> X; "accepted an
        invitation from Y to visit" -> the one who accepted."""
        if node.dep_ not in {"acl", "advcl", "xcomp"}:
            return []
        head = node.head
        invitation = head if head.lemma_ == "invitation" else \
            next((c for c in head.children if c.dep_ == "dobj" and c.lemma_ == "invitation"), None)
        if invitation is None:
            return []
        verb = invitation.head if invitation is head else head
        if verb.lemma_ in ACCEPTING_VERBS:
            return [c for c in verb.children if c.dep_ == "nsubj"]
        return [o for p in (*invitation.children, *verb.children) if p.dep_ == "prep" and p.lower_ == "to"
                for o in p.children if o.dep_ == "pobj"]

    def taken_by_next_verb(self, verb: Token) -> frozenset[int]:
        """Object conjuncts of `verb` that a following subject-less verb takes as its subject."""
        taken: set[int] = set()
        for conj in verb.children:
            if conj.dep_ in {"conj", "advcl"} and conj.pos_ == "VERB" \
                    and not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
                taken.update(t.i for t in self._split_subject(conj))
        return frozenset(taken)

    def actors(self, token: Token, skip: frozenset[int] = frozenset()) -> list[Actor]:
        """Entities (or a group reference) a subject/object token stands for, conjuncts included."""
        found: list[Actor] = []
        chain = [token] if token.dep_ == "conj" else [token, *token.conjuncts]
        left = self._left_coordinated(token)
        if left is not None:
            found.append(left)
        for tok in chain:
            if tok.i in skip:
                continue
            apposed = [a for c in tok.children if c.dep_ == "appos" for a in self.actors(c)]
            if self._is_person(tok):  # "X, Azerbaijan's Minister of Energy,": the country describes X
                apposed = [a for a in apposed if isinstance(a, Span) and a.label_ == "PERSON"]
            for actor in self._actor(tok) + apposed:
                if actor not in found:
                    found.append(actor)
        return found

    def _actor(self, tok: Token) -> list[Actor]:
        ent = self.index.entity(tok)
        if ent is not None and ent.label_ != "CARDINAL":
            return [ent] if ent.label_ in ACTOR_LABELS else []
        members = self.members(tok)
        if members:
            return members
        titled = self.titled_group(tok)
        if titled:
            return titled
        counterpart = self.counterpart(tok)
        if counterpart is not None:
            return [counterpart]
        if tok.lower_ in PERSONAL_PRONOUNS and tok.pos_ == "PRON":
            person = self.previous_person(tok)
            return [person] if person is not None else []
        if tok.lower_ == "it" and tok.pos_ == "PRON" and tok.dep_ in SUBJECT_DEPS:
            body = self.previous_subject(tok)
            return [body] if body is not None else []
        if tok.lower_ in SPEAKER_PRONOUNS and tok.pos_ == "PRON":
            speaker = self.speaker(tok)
            if speaker:
                return speaker
        kind = self.anaphor(tok)
        if kind == "persons":
            return self.apposed_people(tok) or [kind]
        if kind is not None:
            return [kind]
        if any(c.dep_ == "appos" for c in tok.children):
            return []
        person = self.person_after_title(tok) or self.titled_person(tok)
        if person is not None:
            return [person]
        if tok.lower_ in self.titles.heads and tok.dep_ != "appos":  # "the UN Secretary-General": its body
            bodies = [self.index.entity(c) for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod", "poss"}]
            bodies += [self.index.entity(o) for p in tok.rights if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj"]  # "the President of the Republic of X"
            bodies = [b for b in bodies if b is not None and b.label_ in {"ORG", "GPE", "NORP"}]
            if bodies:
                return bodies[:1]
        owners = [c for c in tok.children if c.dep_ == "poss"]
        return [a for o in owners for a in self.actors(o)]

    def speaker(self, tok: Token) -> list[Actor]:
        """"'... we condemn it,' Foreign Minister X said": "we" and "I" in a quote are its speaker."""
        node = tok.head
        while node.head.i != node.i and node.dep_ in QUOTE_DEPS:
            if node.dep_ in {"ccomp", "parataxis"} and node.head.lemma_ in SPEECH_VERBS:
                subjects = [c for c in node.head.children if c.dep_ == "nsubj"]
                return [a for s in subjects for a in self.actors(s) if isinstance(a, Span)]
            node = node.head
        return []

    def _is_person(self, tok: Token) -> bool:
        ent = self.index.entity(tok)
        return ent is not None and ent.label_ == "PERSON"

    def _mentions_before(self, tok: Token, sentences: int | None = None):
        """Entity mentions before `tok`, nearest first; only in this and the `sentences` sentences
        before it when given."""
        floor = 0
        if sentences is not None and tok.doc.has_annotation("SENT_START"):
            sent = tok.sent
            for _ in range(sentences):
                if sent.start == 0:
                    break
                sent = tok.doc[sent.start - 1].sent
            floor = sent.start
        for i in range(tok.i - 1, floor - 1, -1):
            ent = self.index.ent_at[i]
            if ent is not None and ent.start == i:
                yield ent

    def previous_subject(self, tok: Token) -> Span | None:
        """"it" as a subject: the last country or organisation that was a main clause's subject in this
        or the two sentences before ("The Netherlands ... On Tuesday, it expelled two diplomats"; not
        "since the Taliban returned")."""
        return next((ent for ent in self._mentions_before(tok, 2) if ent.label_ in {"GPE", "ORG"}
                     and ent.root.dep_ in SUBJECT_DEPS and ent.root.head.dep_ == "ROOT"), None)

    def previous_person(self, tok: Token) -> Span | None:
        """"he"/"she": the last named person before it in this or the two sentences before, a subject
        preferred ("X, who leads the team, rejected ... He went further, threatening ..." -> X)."""
        fallback = None
        for ent in self._mentions_before(tok, 2):
            if ent.label_ != "PERSON":
                continue
            if ent.root.dep_ in SUBJECT_DEPS or ent.root.dep_ == "appos" and ent.root.head.dep_ in SUBJECT_DEPS:
                return ent
            fallback = fallback or ent
        return fallback

    def _left_coordinated(self, token: Token) -> Span | None:
        """"A and Ethiopian Minister B signed": a name the parser cut off the subject's coordination."""
        doc, start = token.doc, token.left_edge.i
        ent = self.index.entity(token)
        if ent is None or ent.label_ != "PERSON" or token.dep_ not in {"nsubj", "nsubjpass"} or start < 2:
            return None
        if doc[start - 1].lower_ != "and" and doc[start].lower_ != "and":
            start = next((i for i in range(start, ent.start) if doc[i].lower_ == "and"), start)
            if doc[start].lower_ != "and":
                return None
            start += 1
        before = self.index.ent_at[start - 2]
        if before is not None and before.label_ == "PERSON" and before.end == start - 1 and before is not ent:
            return before
        return None

    def titled_person(self, tok: Token) -> Span | None:
        """"the Minister", "the External Affairs Minister": the last person before it whose position has
        the same title words and no other rank ("the Minister" is not the Prime Minister)."""
        if tok.lower_ not in self.titles.heads or tok.tag_ not in {"NN", "NNP"} \
                or not any(c.lower_ in {"the", "this"} for c in tok.children):
            return None
        words = {t.lower_ for t in tok.lefts if t.dep_ in {"compound", "amod"}} | {tok.lower_}
        positions = self._positions(tok.doc)
        for ent in (e for e in self._mentions_before(tok) if e.label_ == "PERSON"):
            have = positions.get(ent._.entity_id, set())
            if words <= have and not (have - words) & RANK_WORDS:
                return ent
        return None

    def counterpart(self, tok: Token) -> Span | None:
        """"his Finnish counterpart" with no name given: the last person named before from that country."""
        if tok.lemma_.casefold() != "counterpart" or any(c.dep_ == "appos" for c in tok.children):
            return None
        nations = [self.index.entity(c) for c in tok.lefts if c.dep_ in {"amod", "compound", "poss"}]
        country = next((e._.country for e in nations if e is not None and e.label_ in {"NORP", "GPE"}), None)
        if country is None:
            return None
        return next((e for e in self._mentions_before(tok) if e.label_ == "PERSON" and e._.country == country), None)

    def titled_group(self, tok: Token) -> list[Span]:
        """"the two Presidents", "both foreign ministers": the last that many people whose position has
        that title."""
        word = tok.lemma_.casefold()
        if word not in self.titles.heads and word.endswith("s"):
            word = word[:-1]  # "the two Ministers": a proper-noun plural keeps its "s" in the lemma
        if word not in self.titles.heads or tok.tag_ not in {"NNS", "NNPS"}:
            return []
        count = next((NUMBER_WORDS.get(c.lower_) for c in tok.children
                      if c.dep_ in {"nummod", "det", "predet"} and c.lower_ in NUMBER_WORDS), None)
        if count is None:
            return []
        words = {t.lower_ for t in tok.lefts if t.dep_ in {"compound", "amod"}} | {word}
        if words == {"minister"}:
            return []  # "the two ministers": the people of the meeting (the discourse), not every minister named
        positions = self._positions(tok.doc)
        found: list[Span] = []
        for ent in (e for e in self._mentions_before(tok) if e.label_ == "PERSON"):
            if words <= positions.get(ent._.entity_id, set()) and all(f._.entity_id != ent._.entity_id for f in found):
                found.append(ent)
                if len(found) == count:
                    return found[::-1]
        return []

    def _positions(self, doc) -> dict[str, set[str]]:
        """entity id -> words of the positions the document gives that person (read once per document)."""
        if self._position_words is None:
            positions: dict[str, set[str]] = {}
            for rel in doc._.relations or []:
                if rel["type"] == "holds_position":
                    positions.setdefault(rel["head"], set()).update(rel.get("position", "").casefold().split())
            titles = list(doc.spans["titles"]) if "titles" in doc.spans else []
            before = {t.end: t for t in titles}
            for title in titles:
                ent = self.index.ent_at[title.end] if title.end < len(doc) else None
                if ent is None or ent.label_ != "PERSON":  # "X, Deputy Prime Minister, Minister of Foreign Affairs"
                    start = title.start
                    while start >= 2 and doc[start - 1].text == "," and start - 1 in before:
                        start = before[start - 1].start
                    ent = self.index.ent_at[start - 2] if start >= 2 and doc[start - 1].text == "," else None
                if ent is not None and ent.label_ == "PERSON":  # "External Affairs Minister X" (no country given)
                    positions.setdefault(ent._.entity_id, set()).update(title.text.casefold().split())
            self._position_words = positions
        return self._position_words

    def members(self, tok: Token) -> list[Actor]:
        """"Ministers of Chile and Peru", "the leaders of the two countries", "African Union foreign
        ministers", "Ethiopian officials", "the Afghan delegation": a group noun with its members."""
        if self.anaphors.get(tok.lower_) not in {"persons", "countries", "represents"}:
            return []
        found: list[Actor] = []
        for child in tok.lefts:
            if child.dep_ == "poss" and child.lower_ == "its":  # "its heads of government": the body named before
                body = self.previous_subject(child)
                found.extend([body] if body is not None and body not in found else [])
            if child.dep_ not in {"compound", "amod", "nmod"}:
                continue
            for part in (child, *child.conjuncts):  # "Chilean and Finnish ministers"
                ent = self.index.entity(part)
                if ent is not None and ent.label_ in {"ORG", "GPE", "NORP"} and ent not in found:
                    found.append(ent)
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    found.extend(a for a in self.actors(obj) if a not in found)
        return found

    def antecedent(self, tok: Token) -> list[Span]:
        """"the ministers" with no meeting to refer to: the members of the last earlier group noun with the
        same head word that names them ("Chilean and Peruvian ministers met ... The ministers condemned")."""
        if self.anaphor(tok) not in {"persons", "countries"}:
            return []
        for i in range(tok.i - 1, -1, -1):
            other = tok.doc[i]
            if other.lower_ == tok.lower_:
                found = [a for a in self.members(other) if isinstance(a, Span)]
                if found:
                    return found
        return []

    def anaphor(self, tok: Token) -> str | None:
        """The kind of group reference this token is, if it is one ("the ministers", "they", "the three")."""
        kind = self.anaphors.get(tok.lower_)
        ent = self.index.entity(tok)
        if kind is None or kind == "represents" or (ent is not None and ent.label_ != "CARDINAL"):
            return None
        if kind == "pronoun":
            return kind if tok.pos_ in {"PRON", "DET"} else None
        if kind == "statement":
            return "countries" if any(c.lower_ == "joint" for c in tok.children) else None
        determined = any(c.lower_ in GROUP_DETERMINERS or c.dep_ == "nummod" for c in tok.children)
        if kind == "meeting":
            return kind if any(c.lower_ in {"the", "this", "that"} for c in tok.children) else None
        return kind if determined else None

    def person_after_title(self, tok: Token) -> Span | None:
        """"the Minister for Trade of Chile Ana Ruiz": the PERSON a title noun introduces."""
        if tok.lower_ not in self.titles.heads:
            return None
        doc, j = tok.doc, tok.i + 1
        while j < len(doc) and j - tok.i <= 14:
            ent = self.index.ent_at[j]
            if ent is not None:
                if ent.label_ == "PERSON":
                    return ent
                j = ent.end
                continue
            if not (self.titles.in_title(doc[j]) or doc[j].lower_ in self.titles.honorifics):
                return None
            j += 1
        return None

    def apposed_people(self, tok: Token) -> list[Span]:
        """"their counterparts, Defence Minister A and Trade Minister B": the people listed after a group noun."""
        doc, j = tok.doc, tok.i + 1
        if j >= len(doc) or doc[j].text != ",":
            return []
        people: list[Span] = []
        while j < len(doc) and j - tok.i <= 30:
            ent = self.index.ent_at[j]
            if ent is not None:
                if ent.label_ == "PERSON" and ent not in people:
                    people.append(ent)
                j = ent.end
                continue
            if doc[j].text not in {",", "and"} and not self.titles.in_title(doc[j]) \
                    and doc[j].lower_ not in self.titles.honorifics:
                break
            j += 1
        return people

    def targets(self, token: Token) -> list[Actor]:
        """Actors inside an object noun phrase: "X's launches", "cooperation between X and Y"; not "the war in X"."""
        found: list[Actor] = []
        stack = [token]
        while stack:
            tok = stack.pop(0)
            ent = self.index.entity(tok)
            if ent is not None:
                if ent.label_ in ACTOR_LABELS and ent not in found:
                    found.append(ent)
                stack.extend(c for c in tok.children if not ent.start <= c.i < ent.end
                             and c.dep_ not in NP_BLOCKED_DEPS and c.dep_ != "prep")
                continue
            members = self.members(tok)  # "three Atlantis officials": Atlantis, not the meeting's people
            if members:
                found.extend(a for a in members if a not in found)
                continue
            kind = self.anaphor(tok)
            if kind is not None:
                if kind not in found:
                    found.append(kind)
                continue
            for child in tok.children:
                if child.dep_ in NP_BLOCKED_DEPS:
                    continue
                if child.dep_ == "prep" and child.lower_ not in NP_PREPS:
                    continue
                stack.append(child)
        return found

    # --- where ---------------------------------------------------------------
    def place(self, anchors: list[Token]) -> Span | None:
        """"in X" on the trigger, its clause or an argument; "X, where ..."; "went to X to meet"; "visit to X"."""
        for tok in anchors:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                    for obj in prep.children:
                        ent = self.index.entity(obj)
                        if ent is not None and ent.label_ in PLACE_LABELS \
                                and (ent.label_ != "LOC" or tok.pos_ == "VERB"):
                            return ent
                        if ent is not None and ent.label_ == "ORG" and prep.lower_ == "at":
                            inner = self.place([obj])  # "at the Ministry of X in Lima": Lima
                            if inner is not None and inner.label_ == "GPE":
                                return inner
        head = anchors[0]
        for tok in anchors:  # "co-chaired the meeting of the Commission at the Peace Palace": a venue in the phrase
            for prep in tok.subtree:
                if prep.dep_ == "prep" and prep.lower_ == "at" and clause_verb(prep) == clause_verb(tok):
                    venue = next((self.index.entity(o) for o in prep.children if o.dep_ == "pobj"), None)
                    if venue is not None and venue.label_ == "FAC":
                        return venue
        if head.dep_ == "relcl" and any(c.lower_ == "where" for c in head.children):
            ent = self.index.entity(head.head)
            if ent is not None and ent.label_ in PLACE_LABELS:
                return ent
        doc = head.doc
        if head.i >= 3 and doc[head.i - 1].lower_ == "to":
            ent = self.index.ent_at[head.i - 2]
            if ent is not None and ent.label_ in PLACE_LABELS and ent.start >= 1 and doc[ent.start - 1].lower_ == "to":
                return ent
        return None
