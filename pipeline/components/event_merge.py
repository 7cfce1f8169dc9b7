"""One record per real-world event: mentions of the same event merge, keeping the best-supported arguments."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Mention:
    """One textual mention of an event, with how directly the text gives each argument (higher = closer)."""

    type: str
    mode: str | None
    trigger: tuple[int, int]
    evidence: tuple[int, int]
    confidence: float
    actors: list[tuple[str, str]]  # (entity_id, role)
    actor_strength: int
    key: str | None = None  # entity_id of the named EVENT it mentions
    name: str | None = None
    date: tuple[str, str] | None = None  # (timex id, value)
    date_strength: int = 0
    location: str | None = None
    location_country: str | None = None
    location_is_country: bool = False
    location_strength: int = 0
    attributes: dict = field(default_factory=dict)
    status: str = "occurred"
    opens_meeting: bool = False  # a meeting in a main clause: later "the ministers" refer to it
    object_noun: str | None = None  # AGREE: the lemma of what was signed ("memorandum"), to recognise its full name
    content: str | None = None      # AGREE: the verb of what was agreed ("agreed to extend"), a commitment of its own

    def ids(self, role: str | None = None) -> frozenset[str]:
        return frozenset(e for e, r in self.actors if role is None or r == role)


def date_compatible(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    return a is None or b is None or a[1].startswith(b[1]) or b[1].startswith(a[1])


def _named_by(noun: str | None, instrument: str | None) -> bool:
    return bool(noun and instrument) and noun.casefold() in instrument.casefold().split()


DOCUMENT_KINDS = frozenset({"memorandum", "declaration", "statement", "treaty", "protocol", "convention", "charter",
                            "communique", "communiqué", "roadmap", "plan", "programme", "program", "letter"})


def _kind(m: Mention) -> str | None:
    """The kind of document an AGREE mention signs ("memorandum"), from its noun or its instrument's name."""
    words = [m.object_noun or "", *(m.attributes.get("instrument") or "").casefold().split()]
    return next((w for w in words if w in DOCUMENT_KINDS), None)


def _restates(event: "Event", m: Mention) -> bool:
    """"A and B signed a memorandum on water ... The Memorandum of Understanding on ... was signed by X and Y":
    a signing told again under the document's full name is the same signing (one side has no instrument)."""
    mine = {x.attributes.get("instrument") for x in event.mentions} - {None}
    nouns = {x.object_noun for x in event.mentions} - {None}
    theirs = m.attributes.get("instrument")
    if not date_compatible(m.date, event.date()):
        return False
    if theirs and not mine:
        return any(_named_by(n, theirs) for n in nouns)
    if mine and not theirs:
        return any(_named_by(m.object_noun, i) for i in mine)
    return False


class Event:
    """A group of mentions of one event."""

    def __init__(self, mention: Mention) -> None:
        self.mentions = [mention]

    @property
    def key(self) -> str | None:
        return next((m.key for m in self.mentions if m.key), None)

    @property
    def type(self) -> str:
        return self.mentions[0].type

    def best(self) -> Mention:
        """The most informative mention: most strongly given actors, then most actors, then date and place."""
        return max(self.mentions, key=lambda m: (m.actor_strength, len(m.actors), m.date is not None,
                                                 m.location is not None, -m.trigger[0]))

    def actors(self) -> list[tuple[str, str]]:
        top = max(m.actor_strength for m in self.mentions)
        merged: dict[str, str] = {}
        for m in self.mentions:
            if m.actor_strength == top:
                for eid, role in m.actors:
                    merged.setdefault(eid, role)
        return list(merged.items())

    def date(self) -> tuple[str, str] | None:
        dated = [m for m in self.mentions if m.date]
        return max(dated, key=lambda m: (m.date_strength, len(m.date[1]))).date if dated else None

    def location(self) -> Mention | None:
        placed = [m for m in self.mentions if m.location]
        return max(placed, key=lambda m: (m.location_strength, not m.location_is_country)) if placed else None

    def accepts(self, m: Mention) -> bool:
        """Is `m` another mention of this event?"""
        if m.type != self.type:
            return False
        if m.key or self.key:
            return m.key == self.key
        if m.type == "AGREE" and {x.content for x in self.mentions} != {m.content}:
            return False  # "signed a memorandum" and "agreed that talks will be held": two agreements
        if any(x.evidence == m.evidence for x in self.mentions) and m.ids("source") \
                and m.ids("source") == frozenset(e for e, r in self.actors() if r == "source") \
                and (not m.ids("target") or not any(r == "target" for _, r in self.actors())):
            return True  # "X condemned Y's plan, calling it a violation": one act told twice in a sentence
        if m.status != self.best().status:
            return False
        if m.type == "AGREE" and _restates(self, m):
            return True
        mine_instruments = {x.attributes.get("instrument") for x in self.mentions} - {None}
        if m.attributes.get("instrument") and mine_instruments and m.attributes["instrument"] not in mine_instruments:
            return False  # two documents signed are two agreements
        kinds = {_kind(x) for x in self.mentions} - {None}
        if m.type == "AGREE" and kinds and _kind(m) is not None and _kind(m) not in kinds:
            return False  # "adopted a joint declaration ... signed a memorandum": two documents
        if not date_compatible(m.date, self.date()):
            return False
        here = self.location()
        if here and m.location and here.location != m.location and here.location_country != m.location_country:
            return False
        mine = frozenset(e for e, _ in self.actors())
        if m.type == "CONSULT":
            explicit = here is not None and here.location_strength >= 3 and m.location_strength >= 3
            return m.ids() == mine or (bool(m.ids() & mine) and explicit)
        mine_by_role = {r: frozenset(e for e, rr in self.actors() if rr == r) for _, r in self.actors()}
        roles = set(mine_by_role) | {r for _, r in m.actors}
        return all(m.ids(r) == mine_by_role.get(r, frozenset()) for r in roles)


class EventSet:
    """Events of one document, merged as mentions arrive in document order."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, mention: Mention) -> Event:
        """Join `mention` to the first event that accepts it, else start a new event."""
        event = next((e for e in self.events if e.accepts(mention)), None)
        if event is None:
            event = Event(mention)
            self.events.append(event)
        else:
            event.mentions.append(mention)
        return event
