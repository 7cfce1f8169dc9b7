"""Entity layer over the statistical NER: canonical names and entity ids."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import guarded


@Language.component("entity_layer")
@guarded("entities")
def entity_layer(doc: Doc) -> Doc:
    """Give every entity mention a canonical name and a document-level entity id."""
    ids: dict[tuple[str, str], str] = {}
    for ent in doc.ents:
        key = (ent.label_, ent.text.casefold())
        ent._.canonical = ent.text
        ent._.entity_id = ids.setdefault(key, f"E{len(ids) + 1}")
    return doc
