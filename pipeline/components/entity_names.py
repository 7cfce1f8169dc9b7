"""Canonical names, document-level entity ids and countries.

- People: a one-word mention ("Lopez", "Maria") that is the last or first
  word of exactly one multi-word PERSON in the document becomes that person
  (relabelled PERSON if the NER said otherwise; untagged proper-noun
  mentions are added); a one-letter typo of a surname also links.
- Gazetteer and acronym entities share their kb_id ("GPE:KOR", "ACR:...").
- Canonical name: the fullest (most words, non-acronym) mention in the
  document, straight apostrophes; a gazetteer entity mentioned only by
  acronym gets the gazetteer's name ("US" alone -> "United States").
- Country: ISO alpha-3 from the gazetteer for GPE/NORP; for an ORG the first
  country or demonym inside its name, or a country possessor ("China's ..."); for a person the demonym/country
  before their title ("Japanese Foreign Minister X"), "TITLE of <GPE> X", or
  the organisation in an appositive ("X, Director of the <ORG>").
"""
from __future__ import annotations

from collections import Counter
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.entity_acronyms import is_acronym
from pipeline.components.entity_data import Gazetteer

STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
LINKABLE = {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"}
NUMERIC = {"MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}
EVENT_VERBS = {"attend", "hold", "convene", "host", "co-host", "chair", "skip", "boycott"}
EVENT_MODIFIERS = {"held", "inaugural", "upcoming", "convened"}
MEETING_NOUNS = {"meeting", "summit", "session", "talk", "dialogue", "gathering", "event"}
MIN_TYPO_LEN = 5


def normalise(text: str) -> str:
    """Straight quotes, single spaces."""
    return " ".join(text.translate(STRAIGHT).split())


def one_typo(a: str, b: str) -> bool:
    """Levenshtein distance exactly one (same first letter), for surname typos."""
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


class NameResolver:
    """Sets canonical, entity_id and country on every entity of a Doc."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.suffixes = set(gaz.lexicon["name_suffixes"])
        self.honorifics = set(gaz.lexicon["honorifics"])
        self.not_events = set(gaz.lexicon["not_event_heads"])
        self.longest_country_name = max(len(n.split()) for n in gaz.name_country)

    # -- people ---------------------------------------------------------------------------------
    def name_words(self, span: Span) -> list[str]:
        """Words of a personal name without suffixes and punctuation, case-folded."""
        return [t.text.casefold() for t in span if not t.is_punct and t.text not in self.suffixes]

    def link_people(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Person mentions linked to the fullest name (kb_id "PER:<name>"), relabelled or added."""
        fulls = {normalise(e.text): e for e in ents if e.label_ == "PERSON" and len(self.name_words(e)) > 1}
        fullest: dict[str, str] = {}
        for name, ent in fulls.items():
            words = set(self.name_words(ent))
            longer = [o for o, oe in fulls.items() if o != name and words < set(self.name_words(oe))]
            fullest[name] = longer[0] if len(longer) == 1 else name
        parts: dict[str, set[str]] = {}
        for name, ent in fulls.items():
            words = self.name_words(ent)
            for word in (words[0], words[-1]):
                parts.setdefault(word, set()).add(fullest[name])
        unique = {w: next(iter(n)) for w, n in parts.items() if len(n) == 1}
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) == 1 and ent.text.casefold() not in parts \
                    and ent[0].is_title and self.person_for(ent, unique) is None:
                unique[ent.text.casefold()] = ent.text
        out = []
        for ent in ents:
            name = normalise(ent.text)
            if ent.label_ == "PERSON" and name in fullest:
                out.append(Span(doc, ent.start, ent.end, "PERSON", kb_id=f"PER:{fullest[name]}"))
                continue
            target = self.person_for(ent, unique)
            out.append(Span(doc, ent.start, ent.end, "PERSON", kb_id=f"PER:{target}") if target else ent)
        taken = {i for e in out for i in range(e.start, e.end)}
        for tok in doc:
            if tok.i not in taken and tok.lower_ in unique and tok.tag_ in {"NNP", "NNPS"} and tok.is_title:
                out.append(Span(doc, tok.i, tok.i + 1, "PERSON", kb_id=f"PER:{unique[tok.lower_]}"))
        return out

    def person_for(self, ent: Span, unique: dict[str, str]) -> str | None:
        """The full name a one-word mention stands for, if any."""
        if ent.label_ not in LINKABLE or ent.kb_id_ or len(ent) != 1:
            return None
        word = ent.text
        word = word.casefold()
        if word in unique:
            return unique[word]
        if ent.label_ == "PERSON" and len(word) >= MIN_TYPO_LEN:
            close = {full for part, full in unique.items() if len(part) >= MIN_TYPO_LEN and one_typo(word, part)}
            return close.pop() if len(close) == 1 else None
        return None

    # -- clusters and names ---------------------------------------------------------------------
    def key(self, ent: Span) -> str:
        """Cluster key: the kb_id where one is known, else label and normalised text."""
        return ent.kb_id_ or f"{ent.label_}:{normalise(ent.text).casefold()}"

    def canonical(self, key: str, mentions: list[Span]) -> str:
        """The fullest name among the mentions, else the gazetteer's or the acronym's long form."""
        if key.startswith("PER:"):
            return key[4:]
        if key.startswith("ACR:"):
            return normalise(key[4:])
        names = [normalise(m.text) for m in mentions]
        full = [n for n in names if not is_acronym(n.replace(".", "")) or len(n.split()) > 1]
        if full:
            return max(full, key=lambda n: (len(n.split()), len(n)))
        return self.gaz.display.get(key) or max(names, key=len)

    # -- countries ------------------------------------------------------------------------------
    def country_in(self, span: Span) -> str | None:
        """The first country name or demonym inside a span ("Chinese Ministry of ...")."""
        words = [t.text for t in span]
        for i in range(len(words)):
            for n in range(min(self.longest_country_name, len(words) - i), 0, -1):
                code = self.gaz.name_country.get(" ".join(words[i:i + n]).translate(STRAIGHT))
                if code:
                    return code
        return None

    def possessor_country(self, doc: Doc, ent: Span, by_end: dict[int, Span]) -> str | None:
        """Country of a "<country>'s" right before the span ("China's Ministry of ...")."""
        k = ent.start - 1
        if k > 0 and doc[k].text in {"'s", "’s"} and k in by_end:
            return self.gaz.country_of.get(by_end[k].kb_id_)
        return None

    def person_country(self, doc: Doc, person: Span, country: dict[int, str | None],
                       by_end: dict[int, Span], titles: dict[int, Span], title_starts: dict[int, Span]) -> str | None:
        """Country a person acts for, from the title phrase around the mention."""
        j = person.start
        while j > 0 and doc[j - 1].text in self.honorifics:
            j -= 1
        title = titles.get(j)
        if title is None and j in by_end:          # "TITLE of [the] <GPE> NAME"
            place = by_end[j]
            k = place.start - (2 if place.start >= 2 and doc[place.start - 1].lower_ == "the" else 1)
            if doc[k].lower_ == "of" and k in titles:
                return country.get(id(place))
        if title is not None:
            before = by_end.get(title.start)
            if before is not None and country.get(id(before)):
                return country[id(before)]
        k = person.end + 1 if person.end < len(doc) and doc[person.end].text == "," else None
        if k is not None and k in title_starts:    # "NAME, TITLE of the <ORG> ..."
            sent_end = doc[person.start].sent.end
            for ent in sorted(by_end.values(), key=lambda e: e.start):
                if title_starts[k].end <= ent.start < sent_end and ent.label_ in {"ORG", "GPE", "NORP"} \
                        and country.get(id(ent)):
                    return country[id(ent)]
        return None

    # -- coreference of names ------------------------------------------------------------------
    def re_mentions(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Lower-case repeats of a multi-word EVENT name ("Pacific Tour" ... "Pacific tour")."""
        names = {tuple(t.lower_ for t in e): e for e in ents if e.label_ == "EVENT" and len(e) > 1}
        label_at = {i: e for e in ents for i in range(e.start, e.end)}
        found = []
        for words, ent in names.items():
            for start in range(len(doc) - len(words) + 1):
                end = start + len(words)
                if doc[start].lower_ != words[0] or tuple(t.lower_ for t in doc[start:end]) != words:
                    continue
                inside = {id(label_at[i]): label_at[i] for i in range(start, end) if i in label_at}.values()
                if all(start <= o.start and o.end <= end and o.label_ in {"GPE", "LOC", "NORP"} for o in inside):
                    found.append(Span(doc, start, end, "EVENT", kb_id=ent.kb_id_))
        return found

    def modifier_prefix(self, words: list[str]) -> bool:
        """Only country names, demonyms and hyphens ("US-Japan")."""
        return all(w == "-" or w in self.gaz.name_country for w in words)

    def cluster(self, ents: list[Span]) -> dict[tuple[int, int], str]:
        """(start, end) -> cluster key; a name that is a longer name minus a country modifier
        ("Security Council" after "US-Japan Security Council") joins the longer one."""
        keys = {(e.start, e.end): self.key(e) for e in ents}
        named = [e for e in ents if e.label_ in {"ORG", "EVENT", "LAW", "FAC"} and not e.kb_id_ and len(e) > 1]
        for ent in named:
            words = [t.text for t in ent]
            longer = {self.key(o) for o in named if len(o) > len(ent) and o.label_ == ent.label_
                      and [t.text for t in o][-len(words):] == words
                      and self.modifier_prefix([t.text for t in o][:-len(words)])}
            if len(longer) == 1:
                keys[(ent.start, ent.end)] = longer.pop()
        return keys

    def treated_as_event(self, ent: Span) -> bool:
        """A body the text treats as held or attended ("attended the X Committee",
        "the recently held inaugural X", "the first meeting was the X")."""
        if ent.label_ != "ORG" or ent[-1].text in self.not_events or ent.kb_id_[:4] not in {"", "ACR:"}:
            return False
        root = ent.root
        if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_ in EVENT_VERBS:
            return True
        if any(child.dep_ == "amod" and child.lower_ in EVENT_MODIFIERS for child in root.children):
            return True
        return root.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lemma_ in MEETING_NOUNS
                                           for c in root.head.children)

    def agree_labels(self, doc: Doc, ents: list[Span], keys: dict[tuple[int, int], str]) -> list[Span]:
        """One label per cluster: EVENT where any mention is treated as an event."""
        events = {keys[(e.start, e.end)] for e in ents if self.treated_as_event(e)}
        return [Span(doc, e.start, e.end, "EVENT", kb_id=e.kb_id_)
                if e.label_ == "ORG" and keys[(e.start, e.end)] in events else e for e in ents]

    def __call__(self, doc: Doc) -> Doc:
        """Link, name and locate every entity of `doc`."""
        ents = self.link_people(doc, list(doc.ents))
        ents = filter_spans(ents + self.re_mentions(doc, ents))
        keys = self.cluster(ents)
        doc.ents = self.agree_labels(doc, ents, keys)
        ents = list(doc.ents)
        clusters: dict[str, list[Span]] = {}
        for ent in ents:
            key = keys[(ent.start, ent.end)] if ent.label_ not in NUMERIC else f"#{ent.start}"
            clusters.setdefault(key, []).append(ent)
        country: dict[int, str | None] = {}
        by_end = {e.end: e for e in ents}
        for ent in ents:
            code = self.gaz.country_of.get(ent.kb_id_)
            if code is None and ent.label_ in {"ORG", "FAC"} and not ent.kb_id_.startswith("ORG:"):
                code = self.country_in(ent) or self.possessor_country(doc, ent, by_end)
            country[id(ent)] = code
        titles = list(doc.spans["titles"]) if "titles" in doc.spans else []
        title_ends = {t.end: t for t in titles}
        title_starts = {t.start: t for t in titles}
        for ent in ents:
            if ent.label_ == "PERSON":
                country[id(ent)] = self.person_country(doc, ent, country, by_end, title_ends, title_starts)
        for number, (key, mentions) in enumerate(clusters.items(), start=1):
            name = self.canonical(key, mentions)
            codes = Counter(country[id(m)] for m in mentions if country[id(m)])
            code = codes.most_common(1)[0][0] if codes else None
            for mention in mentions:
                mention._.canonical = name
                mention._.entity_id = f"E{number}"
                mention._.country = code
        return doc

