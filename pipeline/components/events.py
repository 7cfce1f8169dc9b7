"""PLOVER events: triggers, actors, date, place."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import guarded


@Language.component("event_rules")
@guarded("events")
def event_rules(doc: Doc) -> Doc:
    """Set `doc._.events` (list of event dicts)."""
    doc._.events = []
    return doc
