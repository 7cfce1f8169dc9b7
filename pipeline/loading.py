"""`load(OUT)`: an `extract` output folder as pandas DataFrames, nested fields flattened.

    import pipeline
    out = pipeline.load("outputs/")
    out.event_actors.groupby(["actor_canonical", "type"]).size()
"""
from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

KINDS = ("documents", "entities", "timexes", "relations", "events")
SPAN = ("start", "end", "text")
# Per kind: the contract's top-level fields, and the subfields of its nested objects.
FIELDS: dict[str, tuple[str, ...]] = {
    "documents": ("schema_version", "doc_id", "path", "sha256", "chars", "dct", "status", "error",
                  "counts", "pipeline"),
    "entities": ("schema_version", "doc_id", "id", "start", "end", "text", "label", "canonical",
                 "entity_id", "country"),
    "timexes": ("schema_version", "doc_id", "id", "start", "end", "text", "type", "value", "mod", "anchor"),
    "relations": ("schema_version", "doc_id", "id", "type", "head", "tail", "evidence", "confidence"),
    "events": ("schema_version", "doc_id", "id", "type", "mode", "trigger", "name", "actors", "date",
               "location", "attributes", "evidence", "status", "confidence"),
}
NESTED: dict[str, tuple[str, ...]] = {
    "dct": ("value", "source"),
    "counts": ("entities", "timexes", "relations", "events"),
    "pipeline": ("version", "spacy", "model"),
    "head": ("entity_id", "canonical"),
    "tail": ("entity_id", "canonical"),
    "trigger": SPAN,
    "evidence": SPAN,
    "date": ("timex_id", "value"),
    "location": ("entity_id", "canonical", "country"),
    "attributes": (),
}
ACTOR_FIELDS = ("entity_id", "canonical", "country", "role")


@dataclass(frozen=True)
class Outputs:
    """The five output files as DataFrames, plus events exploded to one row per actor."""

    documents: pd.DataFrame
    entities: pd.DataFrame
    timexes: pd.DataFrame
    relations: pd.DataFrame
    events: pd.DataFrame
    event_actors: pd.DataFrame


def parse_line(line: bytes) -> dict[str, Any] | None:
    """One JSONL line as a record with a string doc_id, or None if it is not one."""
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("doc_id"), str) else None


def iter_records(path: Path, bad_lines: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Stream the records of a JSONL file (none if it is missing); unreadable lines go to bad_lines."""
    if not path.is_file():
        return
    with path.open("rb") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            record = parse_line(line)
            if record is None:
                if bad_lines is not None:
                    bad_lines.append(f"{path.name}:{number}")
                continue
            yield record


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """Nested objects one level down become `field_subfield` columns; null objects give null subfields."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict) or (value is None and key in NESTED):
            subkeys = dict.fromkeys([*NESTED.get(key, ()), *(value or {})])
            flat.update({f"{key}_{sub}": (value or {}).get(sub) for sub in subkeys})
        else:
            flat[key] = value
    return flat


def columns(kind: str) -> list[str]:
    """The flattened contract columns of one kind, in contract order."""
    cols: list[str] = []
    for name in FIELDS[kind]:
        cols += [f"{name}_{sub}" for sub in NESTED[name]] if name in NESTED else [name]
    return cols


def frame(rows: list[dict[str, Any]], base: list[str]) -> pd.DataFrame:
    """A DataFrame with the base columns always present (also when empty), extra columns after them."""
    extra = dict.fromkeys(key for row in rows for key in row if key not in base)
    return pd.DataFrame(rows, columns=[*base, *extra])


def explode_actors(events: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per (event, actor): the event's columns (id as event_id) and actor_* columns."""
    rows = [{**{("event_id" if k == "id" else k): v for k, v in ev.items() if k != "actors"},
             **{f"actor_{k}": actor.get(k) for k in ACTOR_FIELDS}}
            for ev in events for actor in ev.get("actors") or [] if isinstance(actor, dict)]
    base = ["event_id" if c == "id" else c for c in columns("events") if c != "actors"]
    return frame(rows, [*base, *(f"actor_{k}" for k in ACTOR_FIELDS)])


def load(out_dir: str | Path) -> Outputs:
    """Read an `extract` output folder into DataFrames (a missing file reads as empty).

    Events without actors have no row in `event_actors`. Unreadable lines are
    skipped with a warning.
    """
    out = Path(out_dir)
    if not out.is_dir():
        raise NotADirectoryError(f"not an output folder: {out}")
    bad: list[str] = []
    rows = {kind: [flatten(r) for r in iter_records(out / f"{kind}.jsonl", bad)] for kind in KINDS}
    if bad:
        warnings.warn(f"skipped {len(bad)} unreadable line(s): {', '.join(bad[:5])}", stacklevel=2)
    frames = {kind: frame(rows[kind], columns(kind)) for kind in KINDS}
    return Outputs(**frames, event_actors=explode_actors(rows["events"]))


__all__ = ["Outputs", "iter_records", "load"]
