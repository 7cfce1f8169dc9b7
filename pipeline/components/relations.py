"""Relations between entities (holds_position, affiliated_with, located_in, part_of)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import guarded


@Language.component("relation_rules")
@guarded("relations")
def relation_rules(doc: Doc) -> Doc:
    """Set `doc._.relations` (list of relation dicts)."""
    doc._.relations = []
    return doc
