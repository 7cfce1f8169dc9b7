"""Read gold files (one file, all kinds, a "kind" field) and an `extract` output folder."""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .common import Record

KINDS = ("entity", "timex", "relation", "event")
PRED_FILES = {"document": "documents.jsonl", "entity": "entities.jsonl",
              "timex": "timexes.jsonl", "relation": "relations.jsonl",
              "event": "events.jsonl"}


@dataclass
class GoldDoc:
    """All gold records of one document, by kind."""

    doc_id: str
    folder: str = ""
    records: dict[str, list[Record]] = field(default_factory=dict)
    folder_kinds: set[str] = field(default_factory=set)

    def get(self, kind: str) -> list[Record]:
        return self.records.get(kind, [])

    def annotated(self, kind: str) -> bool:
        """Is `kind` annotated in this document?

        A gold `document` record may say so with an extra field
        `"annotated": ["entity", "timex", ...]`. Otherwise a kind counts as
        annotated when any gold file in the same folder has a record of that
        kind: a TempEval-3 document with no timex still scores false alarms,
        while its entities, relations and events are not scored.
        """
        for doc in self.get("document"):
            if isinstance(doc.get("annotated"), list):
                return kind in doc["annotated"]
        return kind in self.folder_kinds


@dataclass
class Stats:
    """What was read, for the `inputs` section of the results."""

    gold_files: int = 0
    bad_lines: list[str] = field(default_factory=list)
    missing_pred_files: list[str] = field(default_factory=list)
    ignored_pred_records: int = 0


def iter_jsonl(path: Path, stats: Stats) -> Iterator[Record]:
    """Yield JSON objects line by line; unreadable lines are noted, not fatal."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                rec = None
            if isinstance(rec, dict):
                yield rec
            else:
                stats.bad_lines.append(f"{path}:{lineno}")


def gold_files(paths: Sequence[Path]) -> list[Path]:
    """Expand folders to every *.gold.jsonl below them (recursive), sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(p.rglob("*.gold.jsonl")))
        elif p.is_file():
            found.append(p)
        else:
            raise FileNotFoundError(f"gold path not found: {p}")
    return found


def load_gold(paths: Sequence[Path], stats: Stats) -> dict[str, GoldDoc]:
    """doc_id -> GoldDoc. A record without doc_id takes it from the file name."""
    docs: dict[str, GoldDoc] = {}
    for path in gold_files(paths):
        stats.gold_files += 1
        default_id = path.name.removesuffix(".jsonl").removesuffix(".gold")
        folder = str(path.resolve().parent)
        for rec in iter_jsonl(path, stats):
            doc_id = str(rec.get("doc_id", default_id))
            kind = rec.get("kind", "")
            doc = docs.setdefault(doc_id, GoldDoc(doc_id, folder))
            doc.records.setdefault(kind, []).append(rec)
    kinds: dict[str, set[str]] = {}
    for doc in docs.values():
        kinds.setdefault(doc.folder, set()).update(doc.records)
    for doc in docs.values():
        doc.folder_kinds = kinds[doc.folder]
    return docs


def load_predictions(pred_dir: Path, gold: dict[str, GoldDoc],
                     stats: Stats) -> dict[str, dict[str, list[Record]]]:
    """kind -> doc_id -> predicted records, kept only for gold documents
    where that kind is annotated (documents.jsonl: every gold document).
    A missing file reads as empty."""
    if not Path(pred_dir).is_dir():
        raise NotADirectoryError(f"prediction folder not found: {pred_dir}")
    preds: dict[str, dict[str, list[Record]]] = {k: {} for k in PRED_FILES}
    for kind, name in PRED_FILES.items():
        path = Path(pred_dir) / name
        if not path.is_file():
            stats.missing_pred_files.append(name)
            continue
        for rec in iter_jsonl(path, stats):
            doc = gold.get(str(rec.get("doc_id")))
            if doc is None or (kind != "document" and not doc.annotated(kind)):
                stats.ignored_pred_records += 1
                continue
            preds[kind].setdefault(doc.doc_id, []).append(rec)
    return preds
