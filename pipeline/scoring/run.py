"""score_run: load gold and predictions, score each stage, collect a JSON-ready dict."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .common import alias_groups
from .entities import score_entities
from .events import score_events
from .loading import Stats, load_gold, load_predictions
from .relations import score_relations
from .timexes import score_timexes

STAGES = {"entities": "entity", "timexes": "timex", "relations": "relation", "events": "event"}


def not_scored(kind: str) -> dict[str, Any]:
    """Marker for a stage without gold records in the selected gold."""
    return {"scored": False, "reason": f"no gold {kind} records"}


def score_run(pred_dir: Path, gold_paths: Sequence[Path]) -> dict[str, Any]:
    """Score an `extract` output folder against gold files or folders.

    Only documents present in the gold are scored, and a stage only in the
    gold documents that annotate it (see GoldDoc.annotated); a stage no gold
    document annotates is reported as {"scored": False}. Missing prediction
    files read as empty; a missing prediction folder raises NotADirectoryError.
    """
    stats = Stats()
    gold = load_gold(gold_paths, stats)
    preds = load_predictions(Path(pred_dir), gold, stats)
    results: dict[str, Any] = {"schema_version": 1}
    for stage, kind in STAGES.items():
        docs = [d for d in gold.values() if d.annotated(kind)]
        if not docs:
            results[stage] = not_scored(kind)
            continue
        pairs = [(d.get(kind), preds[kind].get(d.doc_id, [])) for d in docs]
        if stage == "entities":
            results[stage] = score_entities(pairs)
        elif stage == "timexes":
            results[stage] = score_timexes(pairs)
        else:
            triples = [(g, p, alias_groups(d.get("entity"))) for (g, p), d in zip(pairs, docs)]
            fn = score_relations if stage == "relations" else score_events
            results[stage] = fn(triples)
    seen = set(preds["document"])
    results["inputs"] = {
        "pred_dir": str(pred_dir),
        "gold_files": stats.gold_files,
        "gold_docs": len(gold),
        "gold_docs_without_document_record": sorted(set(gold) - seen)
        if "documents.jsonl" not in stats.missing_pred_files else None,
        "missing_pred_files": stats.missing_pred_files,
        "ignored_pred_records": stats.ignored_pred_records,
        "bad_lines": stats.bad_lines,
    }
    return results


__all__ = ["score_run"]
