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
        self.priority: dict[int, int] = {}        # match id -> 2 gazetteer, 0 generic pattern (titles: 1)
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
            self._register(nlp, key, entry["label"], "", 0)
        self.trim_left = set(gaz.lexicon["determiners"])
        self.trim_right = set(gaz.lexicon["possessives"]) | {"-"}
        self.title_prefixes = set(gaz.lexicon["title_prefixes"])

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

    def __call__(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        """(entities, titles): non-overlapping, longest first; ties: gazetteer > title > pattern."""
        found: list[tuple[int, int, int, Span]] = []
        for match_id, start, end in [*self.names(doc), *self.patterns(doc)]:
            start, end = self.trim(doc, start, end, self.priority[match_id] == 0)
            if start < end:
                label, kb_id = self.kb[match_id]
                found.append((end - start, self.priority[match_id], start,
                              Span(doc, start, end, label, kb_id=kb_id)))
        for _, start, end in [*self.titles_cased(doc), *self.titles_lower(doc)]:
            start = self.title_start(doc, start)
            found.append((end - start, 1, start, Span(doc, start, end, TITLE)))
        found.sort(key=lambda item: (-item[0], -item[1], item[2]))
        kept = filter_spans([item[3] for item in found])
        return [s for s in kept if s.label_ != TITLE], [s for s in kept if s.label_ == TITLE]
