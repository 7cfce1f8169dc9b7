"""Temporal expressions as in TempEval-3: strict/relaxed extent, value and type."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .common import Record, greedy_match, overlap, prf, ratio

DocPair = tuple[list[Record], list[Record]]  # (gold timexes, predicted timexes) of one doc


def _attr(rec: Record, key: str) -> str:
    value = rec.get(key)
    return value.strip() if isinstance(value, str) else ""


def score_timexes(docs: Iterable[DocPair]) -> dict[str, Any]:
    """Strict extent (same span), relaxed extent (overlap, one-to-one), value
    and type accuracy over relaxed matches, value F1 (relaxed + equal value)."""
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = n_docs = 0
    for gold, pred in docs:
        n_docs += 1
        n_gold += len(gold)
        n_pred += len(pred)
        span = lambda rs: Counter((r.get("start"), r.get("end")) for r in rs)  # noqa: E731
        strict += sum((span(gold) & span(pred)).values())
        cands = [(-overlap(g, p), gi, pi) for gi, g in enumerate(gold)
                 for pi, p in enumerate(pred) if overlap(g, p) > 0]
        for gi, pi in greedy_match(cands):
            relaxed += 1
            value_ok += _attr(gold[gi], "value") == _attr(pred[pi], "value") != ""
            type_ok += _attr(gold[gi], "type") == _attr(pred[pi], "type") != ""
    return {"scored": True, "docs": n_docs,
            "strict": prf(strict, n_gold, n_pred),
            "relaxed": prf(relaxed, n_gold, n_pred),
            "value_accuracy": {"n": relaxed, "correct": value_ok,
                               "accuracy": ratio(value_ok, relaxed)},
            "type_accuracy": {"n": relaxed, "correct": type_ok,
                              "accuracy": ratio(type_ok, relaxed)},
            "value": prf(value_ok, n_gold, n_pred)}
