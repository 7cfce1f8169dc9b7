"""Temporal expressions: find them, give them TIMEX3 values, take them out of doc.ents."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import guarded

TEMPORAL_LABELS = {"DATE", "TIME"}


@Language.component("timex_normaliser")
@guarded("timexes")
def timex_normaliser(doc: Doc) -> Doc:
    """Turn the model's DATE/TIME entities into timex dicts on `doc._.timexes`."""
    timexes = []
    for ent in doc.ents:
        if ent.label_ in TEMPORAL_LABELS:
            timexes.append({"id": f"t{len(timexes) + 1}", "start": ent.start_char, "end": ent.end_char,
                            "type": ent.label_, "value": "XXXX", "mod": None, "anchor": None})
    doc._.timexes = timexes
    doc.ents = [ent for ent in doc.ents if ent.label_ not in TEMPORAL_LABELS]
    return doc
