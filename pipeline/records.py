"""Doc -> the five record kinds of CONTRACT.md. This module owns the output schema."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from pipeline.corpus import Article

SCHEMA_VERSION = 1
KINDS = ("entities", "timexes", "relations", "events")
ENTITY_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
                 "LAW", "LANGUAGE", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}

Records = dict[str, list[dict[str, Any]]]


def span(text: str, start: int, end: int) -> dict[str, Any]:
    """A contract span: offsets and the exact text between them."""
    return {"start": start, "end": end, "text": text[start:end]}


def document_record(article: Article, pipeline_info: dict[str, str], counts: dict[str, int] | None = None,
                    dct: dict | None = None, warnings: list[str] | None = None) -> dict[str, Any]:
    """The documents.jsonl record; status "error" when the article has an error."""
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": article.doc_id,
        "path": article.path,
        "sha256": article.sha256,
        "chars": len(article.text) if article.text is not None else None,
        "dct": dct or {"value": article.dct, "source": article.dct_source},
        "status": "error" if article.error else "ok",
        "error": article.error,
        "warnings": article.warnings + (warnings or []),
        "counts": counts or {kind: 0 for kind in KINDS},
        "pipeline": pipeline_info,
        **{key: article.meta.get(key) for key in ("title", "url", "source")},
    }


def error_records(article: Article, pipeline_info: dict[str, str]) -> Records:
    """Records for a document that could not be processed: only its documents line."""
    return {"documents": [document_record(article, pipeline_info)], **{kind: [] for kind in KINDS}}


def doc_records(doc: Doc, article: Article, pipeline_info: dict[str, str]) -> Records:
    """All records of one processed document."""
    base = {"schema_version": SCHEMA_VERSION, "doc_id": article.doc_id}
    text = doc.text  # Doc.text joins every token: read it once
    entities, by_id = entity_records(doc, text, base)
    timexes = [{**base, "id": t["id"], **span(text, t["start"], t["end"]), "type": t["type"],
                "value": t["value"], "mod": t.get("mod"), "anchor": t.get("anchor")}
               for t in doc._.timexes or []]
    timex_values = {t["id"]: t["value"] for t in timexes}
    relations = [relation_record(rel, i, base, text, by_id)
                 for i, rel in enumerate(r for r in doc._.relations or []
                                         if r["head"] in by_id and r["tail"] in by_id)]
    events = [event_record(ev, i, base, text, by_id, timex_values) for i, ev in enumerate(doc._.events or [])]
    records: Records = {"entities": entities, "timexes": timexes, "relations": relations, "events": events}
    counts = {kind: len(records[kind]) for kind in KINDS}
    records["documents"] = [document_record(article, pipeline_info, counts, doc._.dct,
                                            doc._.stage_warnings or [])]
    return records


def entity_records(doc: Doc, text: str, base: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Entity mention records, and a map entity_id -> {entity_id, canonical, country}."""
    records, by_id = [], {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        entity_id = ent._.entity_id or f"E{len(by_id) + 1}"
        canonical = ent._.canonical or ent.text
        by_id.setdefault(entity_id, {"entity_id": entity_id, "canonical": canonical, "country": ent._.country})
        records.append({**base, "id": f"T{len(records) + 1}", **span(text, ent.start_char, ent.end_char),
                        "label": ent.label_, "canonical": canonical, "entity_id": entity_id,
                        "country": ent._.country})
    return records, by_id


def relation_record(rel: dict, index: int, base: dict, text: str, by_id: dict) -> dict[str, Any]:
    """One relations.jsonl record from a relation dict on `doc._.relations`."""
    record = {**base, "id": f"R{index + 1}", "type": rel["type"],
              "head": {k: by_id[rel["head"]][k] for k in ("entity_id", "canonical")},
              "tail": {k: by_id[rel["tail"]][k] for k in ("entity_id", "canonical")},
              "evidence": span(text, *rel["evidence"]), "confidence": rel["confidence"]}
    if rel.get("position"):
        record["position"] = rel["position"]
    return record


def event_record(ev: dict, index: int, base: dict, text: str, by_id: dict,
                 timex_values: dict[str, str]) -> dict[str, Any]:
    """One events.jsonl record from an event dict on `doc._.events`."""
    actors = [{**by_id[a["entity_id"]], "role": a["role"]} for a in ev["actors"] if a["entity_id"] in by_id]
    date = ev.get("date")
    location = ev.get("location")
    record = {**base, "id": f"V{index + 1}", "type": ev["type"], "mode": ev.get("mode"),
              "trigger": span(text, *ev["trigger"]), "name": ev.get("name"), "actors": actors,
              "date": {"timex_id": date, "value": timex_values[date]} if date in timex_values else None,
              "location": by_id.get(location) if location else None,
              "attributes": ev.get("attributes") or {}, "evidence": span(text, *ev["evidence"]),
              "status": ev.get("status", "occurred"), "confidence": ev["confidence"]}
    return record
