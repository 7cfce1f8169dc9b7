"""Relations between entities (holds_position, affiliated_with, located_in, part_of).

Each relation dict on `doc._.relations` is
{type, head: entity_id, tail: entity_id, position (holds_position only),
evidence: (start_char, end_char) of the sentence, confidence}.

Confidence: 0.9 holds_position whose tail is written in the title; 0.75 when the
tail is the person's own country (title without a country); 0.85 "X in Y";
0.8 affiliated_with and part_of patterns; 0.7 located_in from world knowledge
(a city GPE whose country the document names).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import guarded
from pipeline.components.relation_entities import EntityIndex, read_tsv
from pipeline.components.relation_links import AffiliationRules, located_in, part_of
from pipeline.components.relation_positions import PositionRules, TitleWords
from pipeline.resources import models_dir


class RelationRules:
    """Run every relation rule over a Doc; one relation per (type, head, tail)."""

    def __init__(self) -> None:
        root = models_dir()
        rows = read_tsv(root / "relations" / "affiliations.tsv")
        self.positions = PositionRules(TitleWords.load(root / "relations" / "titles.tsv",
                                                       root / "entities" / "titles.tsv"),
                                       frozenset(r[0] for r in rows if r[1:2] == ["role"]))
        self.affiliations = AffiliationRules(roles=frozenset(r[0] for r in rows if r[1:2] == ["role"]),
                                             verbs=frozenset(r[0] for r in rows if r[1:2] == ["verb"]))

    def __call__(self, doc: Doc) -> Doc:
        index = EntityIndex(doc)
        found = [*self.positions.find(index), *self.affiliations.find(index), *located_in(index), *part_of(index)]
        best: dict[tuple[str, str, str], dict] = {}
        for rel in found:
            key = (rel["type"], rel["head"], rel["tail"])
            if key not in best or rel["confidence"] > best[key]["confidence"]:
                best[key] = rel
        doc._.relations = list(best.values())
        return doc


@Language.factory("relation_rules")
def make_relation_rules(nlp: Language, name: str):
    """Load the pattern tables once; return the guarded component."""
    rules = RelationRules()
    return guarded("relations")(rules)
