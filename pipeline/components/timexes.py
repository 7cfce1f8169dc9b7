"""Temporal expressions: find them, give them TIMEX3 values, take them out of doc.ents.

The rules live in `pipeline.temporal` (no spaCy); this component feeds them the
publication date, the model's DATE/TIME spans as hints and the parse's tense.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from pipeline.components import guarded
from pipeline.components.syntax import clause_verb
from pipeline.temporal import find_timexes, infer_dct

TEMPORAL_LABELS = {"DATE", "TIME"}
FUTURE_AUX = {"will", "shall", "'ll", "going"}
MODAL_FUTURE = {"would", "may", "might"}
# heads of a to-infinitive that put it after the time of speaking: "plans to meet Friday", "asked X to resume",
# "is to resume trading Tuesday", "was scheduled to leave on Thursday"
FUTURE_HEADS = {"plan", "schedule", "set", "expect", "due", "intend", "aim", "ready", "prepare", "hope", "want",
                "seek", "agree", "decide", "vow", "promise", "threaten", "be", "go", "likely", "poise", "slate",
                "ask", "urge", "request", "invite", "call", "press", "encourage", "tell", "instruct", "order"}

# words just before an expression that put it after the time of speaking: "effective Feb. 1",
# "adjourned until Monday"; and, in a clause not in the past tense, "as early as Tuesday", "has until Friday"
_PUT_OFF = r"(?:postponed|delayed|deferred|adjourned|put off)"
FUTURE_CUE = re.compile(rf"\b(?:effective|{_PUT_OFF}(?:\s+\S+){{0,3}}?\s+(?:until|till)|{_PUT_OFF}\s+to)\s*\Z", re.I)
FUTURE_CUE_UNLESS_PAST = re.compile(r"\b(?:as (?:soon|early) as|until|till)\s*\Z", re.I)


def clause_tense(token: Token) -> str | None:
    """PAST / PRESENT / FUTURE of the verb governing `token`, from tags and auxiliaries."""
    verb = clause_verb(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(aux.lower_ in FUTURE_AUX for aux in auxes) or any(aux.lower_ in MODAL_FUTURE for aux in auxes) \
            and not any(aux.lower_ in ("have", "'ve") for aux in auxes):
        return "FUTURE"       # "will meet", "would be paid", "may come" (not "would have been")
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and any(aux.lower_ == "to" for aux in auxes) \
            and verb.head.lemma_.lower() in FUTURE_HEADS:
        return "FUTURE"
    tags = {verb.tag_, *(aux.tag_ for aux in auxes)}
    if tags & {"VBD"} or verb.tag_ == "VBN" and not auxes:
        return "PAST"
    if tags & {"VBZ", "VBP"}:
        return "PRESENT"
    return None


def document_dct(doc: Doc) -> dt.date | None:
    """The anchor date: from meta or the CLI, else inferred from the text (and recorded as such)."""
    value = (doc._.dct or {}).get("value")
    if value:
        return dt.date.fromisoformat(value)
    inferred = infer_dct(doc.text)
    if inferred is not None:
        doc._.dct = {"value": inferred.isoformat(), "source": "inferred"}
    return inferred


def doc_tense(doc: Doc, start: int, end: int) -> str | None:
    """Tense governing the expression at doc.text[start:end], from the parse and a few cue words."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tense = clause_tense(span.root)
    verb = clause_verb(span.root)
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children) \
            and clause_tense(verb.head) == "FUTURE":
        return "FUTURE"  # "would impose checks unless the men were released by the weekend"
    before = doc[max(0, span.start - 6):span.start].text_with_ws  # the words just before, not a join of the whole doc
    if FUTURE_CUE.search(before) or tense != "PAST" and FUTURE_CUE_UNLESS_PAST.search(before):
        return "FUTURE"
    return tense


def doc_timexes(doc: Doc) -> list:
    """The temporal engine on a parsed doc: the model's DATE/TIME spans as hints, the parse's tense."""
    def tense(start: int, end: int) -> str | None:
        return doc_tense(doc, start, end)

    hints = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in TEMPORAL_LABELS]
    return find_timexes(doc.text, document_dct(doc), hints, tense)


@Language.component("timex_normaliser")
@guarded("timexes")
def timex_normaliser(doc: Doc) -> Doc:
    """Set `doc._.timexes` (dicts: id, start, end, type, value, mod, anchor) and remove
    DATE/TIME entities, and entities overlapping a timex, from `doc.ents`."""
    found = doc_timexes(doc)
    doc._.timexes = [{"id": f"t{i}", "start": t.start, "end": t.end, "type": t.type, "value": t.value,
                      "mod": t.mod, "anchor": t.anchor} for i, t in enumerate(found, 1)]
    taken = [(t.start, t.end) for t in found]
    doc.ents = [ent for ent in doc.ents if ent.label_ not in TEMPORAL_LABELS
                and not any(ent.start_char < end and start < ent.end_char for start, end in taken)]
    return doc
