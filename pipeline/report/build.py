"""build_report: write OUT/report/ (index.html and docs/<doc>.html) from an output folder."""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pipeline.loading import iter_records

from .docpage import doc_page
from .index import KINDS, RunSummary, index_page
from .store import JsonlIndex


def page_names(doc_ids: Sequence[str]) -> list[str]:
    """A distinct, file-system-safe page name per document (case-insensitively distinct)."""
    taken: set[str] = set()
    names = []
    for doc_id in doc_ids:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:80].strip("._") or "doc"
        name, n = stem, 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.lower())
        names.append(f"{name}.html")
    return names


def build_report(out_dir: Path, gold: Sequence[Path] = ()) -> Path:
    """Write the report for an `extract` output folder; returns the path of index.html.

    Documents are read one at a time (the record files are indexed by byte
    offset, not loaded). With gold files or folders, the index shows the scores.
    """
    out = Path(out_dir)
    if not out.is_dir():
        raise NotADirectoryError(f"not an output folder: {out}")
    pages = out / "report" / "docs"
    pages.mkdir(parents=True, exist_ok=True)
    for old in pages.glob("*.html"):
        old.unlink()
    summary = RunSummary(out)
    documents = list(iter_records(out / "documents.jsonl", summary.bad_lines))
    indexes = {kind: JsonlIndex(out / f"{kind}.jsonl", summary.bad_lines) for kind in KINDS}
    try:
        for doc, name in zip(documents, page_names([d["doc_id"] for d in documents])):
            ok = doc.get("status") == "ok"
            records = {kind: index.records(doc["doc_id"]) if ok else [] for kind, index in indexes.items()}
            (pages / name).write_text(doc_page(doc, records), encoding="utf-8")
            summary.rows.append((doc, name, {kind: len(recs) for kind, recs in records.items()}))
            summary.event_types.update(str(ev.get("type")) for ev in records["events"])
    finally:
        for index in indexes.values():
            index.close()
    known = {d["doc_id"] for d in documents}
    summary.orphans = {kind: n for kind, index in indexes.items()
                       if (n := sum(len(v) for k, v in index.offsets.items() if k not in known))}
    scores = None
    if gold:
        from pipeline.scoring import render_table, score_run
        scores = render_table(score_run(out, list(gold)))
    path = out / "report" / "index.html"
    path.write_text(index_page(summary, scores), encoding="utf-8")
    return path
