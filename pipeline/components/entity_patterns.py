"""Gazetteer and token-pattern matching: candidate entity spans and position titles.

PhraseMatcher (exact case) for names, PhraseMatcher on LOWER for multi-word
titles, Matcher for the generic patterns of `patterns.jsonl`. Overlaps are
resolved longest-first, gazetteer before generic pattern on ties.
"""
from __future__ import annotations

import copy
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.entity_data import Gazetteer

NAME_TOKEN = {"TEXT": {"REGEX": r"^(?:[A-Z][\w.&]*|[0-9]+[A-Z]\w*|-|’s?|'s?)$"}}
MACROS: dict[str, dict[str, Any]] = {
    "NAME": NAME_TOKEN,
    "PREP": {"LOWER": {"IN": ["of", "on", "for"]}},
    "THE": {"LOWER": "the", "OP": "?"},
}
QUOTES = str.maketrans({"'": "’", "’": "'"})
TITLE = "TITLE"


def expand(token: dict[str, Any], lexicon: dict[str, list[str]]) -> dict[str, Any]:
    """Replace a {"@": MACRO} token and "@list" references by their definitions."""
    spec = dict(token)
    if "@" in spec:
        macro = copy.deepcopy(MACROS[spec.pop("@")])
        spec = {**macro, **spec}
    for attr, value in spec.items():
        if isinstance(value, dict) and isinstance(value.get("IN"), str):
            spec[attr] = {**value, "IN": list(lexicon[value["IN"].lstrip("@")])}
    return spec


def variants(text: str) -> set[str]:
    """A name as written and with straight/curly apostrophes swapped."""
    return {text, text.translate(QUOTES)}


class EntityMatcher:
    """Finds gazetteer names, generic named-thing patterns and titles in a Doc."""

    def __init__(self, nlp: Language, gaz: Gazetteer) -> None:
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles_cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns = Matcher(nlp.vocab)
        self.kb: dict[int, tuple[str, str]] = {}  # match id -> (label, kb_id)
        self.priority: dict[int, int] = {}        # match id -> 2 gazetteer, 0 generic pattern, -1 generic ORG
        #                                           pattern (a building "X Conference Center" beats the ORG head
        #                                           "Center"); titles: 1
        by_key: dict[tuple[str, str], set[str]] = {}
        for text, label, kb_id in gaz.phrases:
            by_key.setdefault((label, kb_id), set()).update(variants(text))
        for (label, kb_id), texts in by_key.items():
            key = f"{label}|{kb_id}"
            self.names.add(key, list(nlp.tokenizer.pipe(sorted(texts))))
            self._register(nlp, key, label, kb_id, 2)
        single = [t for t in gaz.titles if " " not in t]
        multi = [t for t in gaz.titles if " " in t]
        self.titles_cased.add(TITLE, list(nlp.tokenizer.pipe(single)))
        self.titles_lower.add(TITLE, list(nlp.tokenizer.pipe(t.lower() for t in multi)))
        lexicon = {**gaz.lexicon, "country_words": sorted(t for t in gaz.name_country if " " not in t)}
        for entry in gaz.patterns:
            key = f"{entry['label']}|pattern:{entry['id']}"
            self.patterns.add(key, [[expand(tok, lexicon) for tok in entry["pattern"]]], greedy="LONGEST")
            self._register(nlp, key, entry["label"], "", -1 if entry["label"] == "ORG" else 0)
        self.trim_left = set(gaz.lexicon["determiners"])
        self.trim_right = set(gaz.lexicon["possessives"]) | {"-"}
        self.title_prefixes = set(gaz.lexicon["title_prefixes"])
        self.portfolios = {t.split(" ", 2)[2].lower() for t in gaz.titles
                           if t.startswith(("Minister of ", "Minister for ")) and " the " not in t}

    def _register(self, nlp: Language, key: str, label: str, kb_id: str, priority: int) -> None:
        match_id = nlp.vocab.strings.add(key)
        self.kb[match_id] = (label, kb_id)
        self.priority[match_id] = priority

    def trim(self, doc: Doc, start: int, end: int, generic: bool) -> tuple[int, int]:
        """Drop leading determiners and trailing hyphens/possessives; in a generic pattern
        match also a leading proper-noun possessor ("Holm's Pacific Tour" -> "Pacific Tour")."""
        while start < end and doc[start].text in self.trim_left:
            start += 1
        if generic:
            while start < end and (doc[start].text in self.trim_right or doc[start].is_punct):
                start += 1  # "the Philippines' coast": no match starts with a possessive
            owners = [i for i in range(start + 1, end) if doc[i].text in self.trim_right and doc[i].text != "-"
                      and doc[i - 1].tag_ == "NNP"]
            start = owners[-1] + 1 if owners else start
        while end > start and doc[end - 1].text in self.trim_right:
            end -= 1
        return start, end

    def title_start(self, doc: Doc, start: int) -> int:
        """Extend a title left over prefixes such as "Deputy", "Acting", "Vice"."""
        while start > 0 and doc[start - 1].lower_ in self.title_prefixes:
            start -= 1
        return start

    def more_portfolios(self, doc: Doc, end: int) -> int:
        """A title naming one portfolio goes on over "and <portfolio>" / ", <portfolio>" when the title
        is "<head> of/for <portfolio>": "Minister of Water Resources and Irrigation"."""
        if not any(doc[k].lower_ in {"of", "for"} for k in range(max(0, end - 5), end)):
            return end
        while end + 1 < len(doc) and doc[end].lower_ in {"and", ",", "&"}:
            nxt = next((end + 1 + n for n in range(min(4, len(doc) - end - 1), 0, -1)
                        if doc[end + 1].text[:1].isupper()
                        and doc[end + 1:end + 1 + n].text.lower() in self.portfolios), None)
            if nxt is None:
                return end
            end = nxt
        return end

    def extend(self, doc: Doc, end: int, preps: set[str]) -> int:
        """A named instrument or meeting goes on over "and <Name>" and "in/of/on/for [the] <Name>"
        ("... on Maritime Search and Rescue", "... on Cooperation in the Field of Medicine"), never over
        a place, nationality or person the NER found ("... on Fisheries in Lima")."""
        while end + 1 < len(doc):
            j = end + 1 if doc[end].lower_ in {"and", "&"} else None
            if doc[end].lower_ in preps:
                j = end + 1 + int(doc[end + 1].lower_ == "the")
            if j is None or j >= len(doc) or not doc[j].is_title or doc[j].ent_type_ in STOP_TYPES:
                return end
            k = j
            while k < len(doc) and (doc[k].is_title or doc[k].text == "-" and k + 1 < len(doc)
                                    and doc[k + 1].is_title) and doc[k].ent_type_ not in STOP_TYPES:
                k += 1
            if k == j:
                return end
            end = k
        return end

    def __call__(self, doc: Doc, timex_tokens: set[int] | None = None) -> tuple[list[Span], list[Span]]:
        """(entities, titles): non-overlapping, longest first; ties: gazetteer > title > pattern.
        Generic pattern matches stop before a date (`timex_tokens`): "the Beijing Agreement of March 2023"."""
        found: list[tuple[int, int, int, Span]] = []
        for match_id, start, end in [*self.names(doc), *self.patterns(doc)]:
            generic = self.priority[match_id] <= 0
            start, end = self.trim(doc, start, end, generic)
            label, kb_id = self.kb[match_id]
            if generic and label in {"LAW", "EVENT", "ORG"}:
                end = self.extend(doc, end, {"in", "of", "on", "for"} if label != "ORG" else {"on", "for"})
            if generic and timex_tokens:
                start, end = before_dates(doc, start, end, timex_tokens)
            if generic and any(doc[i].text in self.trim_right and doc[i].text != "-" and doc[i + 1].is_lower
                               for i in range(start, end - 1)):
                continue  # "the Philippines' coast": a possessor and a common noun, no name
            if start < end:
                found.append((end - start, self.priority[match_id], start,
                              Span(doc, start, end, label, kb_id=kb_id)))
        for start, end in union([(self.title_start(doc, s), self.more_portfolios(doc, e))
                                 for _, s, e in [*self.titles_cased(doc), *self.titles_lower(doc)]]):
            found.append((end - start, 1, start, Span(doc, start, end, TITLE)))
        found.sort(key=lambda item: (-item[0], -item[1], item[2]))
        kept = filter_spans([item[3] for item in found])
        return [s for s in kept if s.label_ != TITLE], [s for s in kept if s.label_ == TITLE]


STOP_TYPES = frozenset({"GPE", "LOC", "FAC", "NORP", "PERSON"})  # NER types a name never runs into


DANGLING = frozenset({"of", "in", "on", "for", "the", "and", ",", "-"})


def before_dates(doc: Doc, start: int, end: int, timex_tokens: set[int]) -> tuple[int, int]:
    """Cut a match at its first date token, and a dangling "of/in" before it."""
    for i in range(start, end):
        if i in timex_tokens:
            end = i
            while end > start and doc[end - 1].lower_ in DANGLING:
                end -= 1
            break
    return start, end


def union(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping token ranges merged: "Cabinet Secretary" + "Secretary for Foreign Affairs" is one title."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
