"""Our spaCy components, one module per stage, and the Doc extensions they share.

Extensions hold plain data (str, int, list, dict) so that Docs survive
`Doc.to_bytes()` when `nlp.pipe(n_process=N)` sends them between processes.
"""
from __future__ import annotations

import functools
from typing import Callable

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    "doc_id": None,      # str, set by the runner
    "dct": None,         # {"value": "YYYY-MM-DD" | None, "source": "meta" | "cli" | "inferred" | None}
    "stage_warnings": None,  # list[str]: stages that failed on this doc and were skipped
    "timexes": None,     # list[dict]: see components/timexes.py
    "relations": None,   # list[dict]: see components/relations.py
    "events": None,      # list[dict]: see components/events.py
}
SPAN_EXTENSIONS = {
    "canonical": None,   # str: document-level name of the entity
    "entity_id": None,   # str: "E1", shared by every mention of one entity
    "country": None,     # ISO 3166-1 alpha-3 or None
}


def register_extensions() -> None:
    """Register every Doc/Span extension once (idempotent)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def guarded(stage: str) -> Callable[[Callable[[Doc], Doc]], Callable[[Doc], Doc]]:
    """Run a component so that a failure on one doc degrades that doc, not the batch.

    The failure is noted in `doc._.stage_warnings`; the doc goes on with what
    the earlier stages produced.
    """
    def wrap(func: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
        @functools.wraps(func)
        def run(doc: Doc) -> Doc:
            try:
                return func(doc)
            except Exception as err:  # noqa: BLE001 - recorded, never swallowed silently
                message = f"{stage} stage failed: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
                doc._.stage_warnings = (doc._.stage_warnings or []) + [message]
                return doc
        return run
    return wrap


register_extensions()
