"""Sentence boundaries the parser must respect."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Before the parser: a blank line (heading, dateline, letterhead, list item) always ends a
    sentence, so that "Heading\\n\\nMinister X arrived ..." does not become one sentence in which
    the heading's noun takes X as an apposition and the verb loses its subject."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc
