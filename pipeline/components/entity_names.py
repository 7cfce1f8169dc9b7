"""Canonical names, document-level entity ids and countries.

- People: a one-word mention ("Lopez", "Maria") that is the last or first
  word of exactly one multi-word PERSON in the document becomes that person
  (relabelled PERSON if the NER said otherwise; untagged proper-noun
  mentions are added); a one-edit typo of a name part (five letters or more,
  same first letter, the NER's PERSON, no other candidate) also links.
- Gazetteer and acronym entities share their kb_id ("GPE:KOR", "ACR:...").
- Canonical name: the fullest (most words, non-acronym) mention in the
  document, straight apostrophes; a gazetteer entity mentioned only by
  acronym gets the gazetteer's name ("US" alone -> "United States").
- Country: ISO alpha-3 from the gazetteer for GPE/NORP; for a city (or US state)
  GPE from GeoNames (entity_places.py; ambiguous names lean to the countries the
  document names), and two names of one city ("Washington DC", "Washington") are
  one entity; for an ORG the first
  country or demonym inside its name, or a country possessor ("China's ..."); for a person the demonym/country
  before their title ("Japanese Foreign Minister X"), "TITLE of <GPE> X", or
  the organisation in an appositive ("X, Director of the <ORG>").
"""
from __future__ import annotations

import re
from collections import Counter
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.entity_acronyms import is_acronym
from pipeline.components.entity_data import Gazetteer
from pipeline.components.entity_places import Place, PlaceResolver

STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
LINKABLE = {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"}
NUMERIC = {"MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}
EVENT_VERBS = {"attend", "hold", "convene", "reconvene", "host", "co-host", "chair", "co-chair", "skip", "boycott"}
EVENT_MODIFIERS = {"held", "inaugural", "upcoming", "convened"}
MEETING_NOUNS = {"meeting", "summit", "session", "talk", "dialogue", "gathering", "event"}
OCCASION_NOUNS = {"close", "end", "opening", "start", "sidelines", "margins", "margin", "conclusion", "eve"}
NAMED_OCCASIONS = {"Meeting", "Session", "Round", "Summit", "Conference"}
ORDINAL_WORD = re.compile(r"^(?:\d+(?:st|nd|rd|th)|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Ss]ixth|[Ss]eventh|"
                          r"[Ee]ighth|[Nn]inth|[Tt]enth|[Ee]leventh|[Tt]welfth|[Ii]naugural)$")
MIN_TYPO_LEN = 5


def normalise(text: str) -> str:
    """Straight quotes, single spaces."""
    return " ".join(text.translate(STRAIGHT).split())


def one_typo(a: str, b: str) -> bool:
    """One edit apart (a substitution, insertion, deletion or swap of two neighbouring letters),
    same first letter: "Merkle" for "Merkel", "Obana" for "Obama"."""
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


COUNTERPARTS = frozenset({"counterpart", "counterparts"})
COUNTRY_WORDS = frozenset({"country", "nation", "kingdom", "republic", "government"})  # "the country's minister"


class NameResolver:
    """Sets canonical, entity_id and country on every entity of a Doc."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.suffixes = set(gaz.lexicon["name_suffixes"])
        self.honorifics = set(gaz.lexicon["honorifics"])
        self.not_events = set(gaz.lexicon["not_event_heads"])
        self.longest_country_name = max(len(n.split()) for n in gaz.name_country)
        self.places = PlaceResolver(gaz.name_country)
        self.nongov = set(gaz.lexicon["nongov_heads"])
        self.title_prefixes = set(gaz.lexicon["title_prefixes"]) | {"former", "the"}

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
    def key(self, ent: Span, places: dict[tuple[int, int], Place] | None = None) -> str:
        """Cluster key: the kb_id where one is known, a city's GeoNames key, else label and normalised text."""
        place = (places or {}).get((ent.start, ent.end))
        return ent.kb_id_ or (place.key if place else f"{ent.label_}:{normalise(ent.text).casefold()}")

    def locate(self, ents: list[Span]) -> dict[tuple[int, int], Place]:
        """City/state GPEs (no gazetteer country) -> Place, leaning to the countries the document names."""
        mentioned = {self.gaz.country_of[e.kb_id_] for e in ents if e.kb_id_ in self.gaz.country_of}
        found: dict[tuple[int, int], Place] = {}
        for ent in ents:
            if ent.label_ == "GPE" and not ent.kb_id_:
                text = ent.text.translate(STRAIGHT)
                if text.isupper() and len(text) > 3:  # an all-caps dateline: "ADDIS ABABA"
                    text = text.title()
                place = self.places.resolve(text, mentioned)
                if place is not None:
                    found[(ent.start, ent.end)] = place
        return found

    def canonical(self, key: str, mentions: list[Span]) -> str:
        """The fullest name among the mentions, else the gazetteer's or the acronym's long form."""
        if key.startswith("PER:"):
            return key[4:]
        if key.startswith("ACR:"):
            return normalise(key[4:])
        names = [normalise(m.text) for m in mentions]
        full = [n for n in names if not is_acronym(n.replace(".", "")) or len(n.split()) > 1]
        if full:
            return max(full, key=lambda n: (len(n.split()), len(n), not n.isupper()))
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

    @staticmethod
    def place_after(doc: Doc, ent: Span, by_start: dict[int, Span]) -> Span | None:
        """The GPE (or government ORG) an organisation or building is placed in: "X in [the] Y", or
        "X, Y" closing a line or sentence (a dateline or letterhead: "Ministry of Trade, Lima")."""
        j = ent.end
        if j + 1 >= len(doc) or doc[j].lower_ not in {"in", ","}:
            return None
        comma = doc[j].text == ","
        j += 1 + int(doc[j + 1].lower_ == "the")
        place = by_start.get(j)
        if place is None or place.label_ not in ({"GPE"} if comma else {"GPE", "ORG"}):
            return None
        if comma and place.end < len(doc) and not (doc[place.end].is_space or doc[place.end].is_sent_end
                                                   or doc[place.end].text in {".", ";"}):
            return None
        return place

    def person_country(self, doc: Doc, person: Span, country: dict[int, str | None],
                       by_end: dict[int, Span], titles: dict[int, Span], title_starts: dict[int, Span]) -> str | None:
        """Country a person acts for, from the title phrase around the mention."""
        j = person.start
        while j > 0 and doc[j - 1].text in self.honorifics:
            j -= 1
        title = titles.get(j)
        if title is None and j not in by_end and j > 1 and doc[j - 1].text == ",":
            j -= 1                                 # "TITLE of <GPE>, NAME" / "X's TITLE, NAME"
            title = titles.get(j)
        if title is None and j in by_end:          # "TITLE of [the] <GPE> NAME"
            place = by_end[j]
            k = place.start - (2 if place.start >= 2 and doc[place.start - 1].lower_ == "the" else 1)
            if doc[k].lower_ == "of" and k in titles:
                return country.get(id(place))
            m = k - 1                              # "TITLE of <Portfolio> of <GPE>, NAME"
            while m > 0 and (doc[m].is_title or doc[m].lower_ in {"and", ","}) and k - m < 7:
                m -= 1
            if doc[k].lower_ == "of" and m < k - 1 and any(x in titles for x in range(m, k)):
                return country.get(id(place))
        if title is None and j > 1 and doc[j - 1].text == "," and j - 1 in titles:
            title = titles[j - 1]                  # "the Foreign Minister, NAME"
        if title is not None:
            before = by_end.get(title.start)
            if before is None and title.start > 1 and doc[title.start - 1].lower_ in {"'s", "’s", "'", "’"}:
                before = by_end.get(title.start - 1)  # "Poland's Prime Minister NAME"
            if before is not None and country.get(id(before)):
                return country[id(before)]
        referred = self.counterpart_country(doc, person, country, by_end) \
            or self.anaphoric_country(doc, person, country, by_end)
        if referred is not None:
            return referred
        k = person.end + 1 if person.end < len(doc) and doc[person.end].text == "," else None
        if k is not None and k + 1 < len(doc) and doc[k].lower_ in {"the", "a", "an"}:
            k += 1                                 # "NAME, the foreign minister of <GPE>"
        if k is not None and k in title_starts:    # "NAME, TITLE of the <ORG> ..."
            j = title_starts[k].end
            if j + 1 < len(doc) and doc[j].lower_ == "of":
                j += 2 if doc[j + 1].lower_ == "the" else 1
                first = next((e for e in by_end.values() if e.start == j), None)
                if first is not None and first.label_ in {"ORG", "GPE", "NORP"}:
                    return country.get(id(first))
        return None

    @staticmethod
    def counterpart_country(doc: Doc, person: Span, country: dict[int, str | None],
                            by_end: dict[int, Span]) -> str | None:
        """"her Peruvian counterpart, NAME", "Peru's counterpart NAME", "NAME, his Peruvian counterpart",
        "his Ghanaian counterpart, President NAME"."""
        j = person.start
        while j > max(0, person.start - 4) and doc[j - 1].is_title and doc[j - 1].pos_ in {"PROPN", "NOUN"}:
            j -= 1  # a title between the counterpart and the name
        j -= 1 if j > 0 and doc[j - 1].text == "," else 0
        if j > 1 and doc[j - 1].lower_ in COUNTERPARTS:
            before = by_end.get(j - 1) or (by_end.get(j - 2) if doc[j - 2].text in {"'s", "’s"} else None)
            if before is not None and before.label_ in {"GPE", "NORP"}:
                return country.get(id(before))
        k = person.end + 1
        if person.end < len(doc) and doc[person.end].text == "," and k < len(doc) and doc[k].pos_ in {"PRON", "DET"}:
            place = next((e for e in by_end.values() if e.start == k + 1 and e.label_ in {"GPE", "NORP"}), None)
            if place is not None and place.end < len(doc) and doc[place.end].lower_ in COUNTERPARTS:
                return country.get(id(place))
        return None

    @staticmethod
    def anaphoric_country(doc: Doc, person: Span, country: dict[int, str | None],
                          by_end: dict[int, Span]) -> str | None:
        """"NAME, the country's trade minister" / "the country's trade minister, NAME": the country
        named last before it (GPE only)."""
        k = person.end + 1 if person.end < len(doc) and doc[person.end].text == "," else None
        starts = [k] if k is not None else []
        j = person.start - 1 if person.start > 0 and doc[person.start - 1].text == "," else None
        if j is not None:  # "the country's TITLE, NAME": find "the country's" within the title before
            starts += [t.i for t in doc[max(0, j - 6):j] if t.lower_ == "the"]
        if not any(i + 2 < len(doc) and doc[i].lower_ == "the" and doc[i + 1].lower_ in COUNTRY_WORDS
                   and doc[i + 2].text in {"'s", "’s"} for i in starts):
            return None
        for end in sorted((e for e in by_end if e <= person.start), reverse=True):
            ent = by_end[end]
            if ent.label_ == "GPE" and country.get(id(ent)):
                return country[id(ent)]
        return None

    def national_title_country(self, doc: Doc, person: Span, titles: dict[int, Span],
                               title_starts: dict[int, Span], mentioned: Counter) -> str | None:
        """Country from a title that names one government by itself ("Taoiseach X", "X, the State
        Councilor"): models/entities/national_titles.tsv. A title used by several countries goes to
        the one the document mentions most (ties and none: the table's first)."""
        j = person.start
        while j > 0 and doc[j - 1].text in self.honorifics:
            j -= 1
        found = [titles.get(j), titles.get(j - 1) if j > 1 and doc[j - 1].text == "," else None]
        k = person.end + 1 if person.end < len(doc) and doc[person.end].text == "," else None
        if k is not None and k < len(doc) and doc[k].lower_ in {"the", "a", "an"}:
            k += 1
        if k is not None:
            found.append(title_starts.get(k))
        for title in found:
            if title is None or (title.end < len(doc) and doc[title.end].lower_ in {"of", "for"}):
                continue
            words = [t.text.casefold() for t in title]
            while len(words) > 1 and words[0] in self.title_prefixes:
                words = words[1:]
            options = self.gaz.national_titles.get(" ".join(words))
            if options:
                return max(options, key=lambda c: (mentioned.get(c, 0), -options.index(c)))
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

    def cluster(self, ents: list[Span], places: dict[tuple[int, int], Place] | None = None
                ) -> dict[tuple[int, int], str]:
        """(start, end) -> cluster key; a name that is a longer name minus a country modifier
        ("Security Council" after "US-Japan Security Council") joins the longer one."""
        keys = {(e.start, e.end): self.key(e, places) for e in ents}
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
        "the recently held inaugural X", "the first meeting was the X", "the 9th meeting of the X")."""
        if ent.label_ != "ORG" or ent[-1].text in self.not_events or ent.kb_id_[:4] not in {"", "ACR:"}:
            return False
        root = ent.root
        if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_ in EVENT_VERBS:
            return True
        if any(child.dep_ == "amod" and child.lower_ in EVENT_MODIFIERS for child in root.children):
            return True
        if self.bilateral_format(ent):
            return True  # "the Nigeria-Ghana Joint Commission", "the Kazakh-Uzbek Intergovernmental Commission"
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in MEETING_NOUNS | OCCASION_NOUNS:
            return True  # "the 9th meeting of the X Commission", "a session of the X Council"
        return root.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lemma_ in MEETING_NOUNS
                                           for c in root.head.children)

    def bilateral_format(self, ent: Span) -> bool:
        """A joint commission or committee of two named countries: a format that meets."""
        words = [t.text for t in ent]
        if "-" not in words[1:4] or words[-1] not in {"Commission", "Committee"} and "on" not in words:
            return False
        i = words.index("-")
        left, right = " ".join(words[:i]), words[i + 1]
        pair = left in self.gaz.name_country and (right in self.gaz.name_country
                                                  or " ".join(words[i + 1:i + 3]) in self.gaz.name_country)
        return pair and any(w in {"Joint", "Intergovernmental", "Bilateral"} for w in words[i + 1:])

    def agree_labels(self, doc: Doc, ents: list[Span], keys: dict[tuple[int, int], str]) -> list[Span]:
        """One label per cluster: EVENT where any mention is treated as an event; an ordinal right
        before a named event is part of its name ("the [17th BRICS Summit]")."""
        events = {keys[(e.start, e.end)] for e in ents if self.treated_as_event(e)}
        out = [Span(doc, e.start, e.end, "EVENT", kb_id=e.kb_id_)
               if e.label_ == "ORG" and keys[(e.start, e.end)] in events else e for e in ents]
        by_end = {e.end: e for e in out}
        replaced: dict[int, Span] = {}  # id of the ordinal or the old event span -> new event span
        for ent in out:
            k = ent.start - 1 - int(ent.start > 0 and doc[ent.start - 1].lower_ == "the")
            if ent.label_ == "EVENT" and k > 0 and doc[k].lower_ == "of" and doc[k - 1].text in NAMED_OCCASIONS \
                    and k > 1 and ORDINAL_WORD.match(doc[k - 2].text):
                whole = Span(doc, k - 2, ent.end, "EVENT", kb_id=ent.kb_id_)  # "the [11th Meeting of the X]"
                keys[(whole.start, whole.end)] = keys[(ent.start, ent.end)]
                for other in out:
                    if other.start < ent.start and other.end > whole.start:
                        replaced[id(other)] = whole
                replaced[id(ent)] = whole
                continue
            before = by_end.get(ent.start)
            if ent.label_ == "EVENT" and before is not None and before.label_ == "ORDINAL" and before[0].like_num:
                whole = Span(doc, before.start, ent.end, "EVENT", kb_id=ent.kb_id_)
                keys[(whole.start, whole.end)] = keys[(ent.start, ent.end)]
                replaced[id(before)] = replaced[id(ent)] = whole
        kept = [e for e in out if id(e) not in replaced]
        return kept + list({id(w): w for w in replaced.values()}.values())

    def __call__(self, doc: Doc) -> Doc:
        """Link, name and locate every entity of `doc`."""
        ents = self.link_people(doc, list(doc.ents))
        ents = filter_spans(ents + self.re_mentions(doc, ents))
        places = self.locate(ents)
        keys = self.cluster(ents, places)
        doc.ents = self.agree_labels(doc, ents, keys)
        ents = list(doc.ents)
        clusters: dict[str, list[Span]] = {}
        for ent in ents:
            key = keys[(ent.start, ent.end)] if ent.label_ not in NUMERIC else f"#{ent.start}"
            clusters.setdefault(key, []).append(ent)
        country: dict[int, str | None] = {}
        by_end = {e.end: e for e in ents}
        by_start = {e.start: e for e in ents}
        for ent in ents:
            code = self.gaz.country_of.get(ent.kb_id_)
            if code is None and (ent.start, ent.end) in places:
                code = places[(ent.start, ent.end)].country
            if code is None and ent.label_ in {"ORG", "FAC"} and not ent.kb_id_.startswith("ORG:") \
                    and ent[-1].text not in self.nongov:
                code = self.country_in(ent) or self.possessor_country(doc, ent, by_end)
            country[id(ent)] = code
        for ent in ents:  # "the Ministry of Foreign Affairs in Addis Ababa", "Ministry of X, New Delhi"
            if country[id(ent)] is None and not ent.kb_id_.startswith("ORG:") \
                    and (ent.label_ == "FAC" or ent.label_ == "ORG" and ent[-1].text not in self.nongov):
                place = self.place_after(doc, ent, by_start)
                if place is not None:
                    country[id(ent)] = country.get(id(place)) or self.gaz.country_of.get(place.kb_id_)
        titles = list(doc.spans["titles"]) if "titles" in doc.spans else []
        title_ends = {t.end: t for t in titles}
        title_starts = {t.start: t for t in titles}
        mentioned = Counter(self.gaz.country_of[e.kb_id_] for e in ents
                            if e.label_ in {"GPE", "NORP"} and e.kb_id_ in self.gaz.country_of)
        for ent in ents:  # "Congolese" in an article about the DR Congo, not the Republic of the Congo
            named = [c for c in self.gaz.shared_demonyms.get(ent.kb_id_, ()) if c in mentioned]
            if country[id(ent)] is None and len(named) == 1:
                country[id(ent)] = named[0]
        for ent in ents:
            if ent.label_ == "PERSON":
                country[id(ent)] = self.person_country(doc, ent, country, by_end, title_ends, title_starts) \
                    or self.national_title_country(doc, ent, title_ends, title_starts, mentioned)
        for number, (key, mentions) in enumerate(clusters.items(), start=1):
            name = self.canonical(key, mentions)
            codes = Counter(country[id(m)] for m in mentions if country[id(m)])
            code = codes.most_common(1)[0][0] if codes else None
            for mention in mentions:
                mention._.canonical = name
                mention._.entity_id = f"E{number}"
                mention._.country = code
        return doc

