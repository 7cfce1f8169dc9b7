"""Relations: P/R/F1 over (type, head canonical, tail canonical) triples per document."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .common import Groups, Record, accepted_names, greedy_match, name_of, prf

DocTriple = tuple[list[Record], list[Record], Groups]  # (gold relations, predicted, gold alias groups)


def _dedupe(records: list[Record]) -> list[Record]:
    """One record per (type, head name, tail name): triples are a set."""
    seen: dict[tuple[Any, str, str], Record] = {}
    for r in records:
        seen.setdefault((r.get("type"), name_of(r.get("head")), name_of(r.get("tail"))), r)
    return list(seen.values())


def score_relations(docs: Iterable[DocTriple]) -> dict[str, Any]:
    """Micro and per-type P/R/F1; names match case-folded, with gold aliases."""
    tp: Counter = Counter()
    gold_n: Counter = Counter()
    pred_n: Counter = Counter()
    n_docs = 0
    for gold, pred, groups in docs:
        n_docs += 1
        gold, pred = _dedupe(gold), _dedupe(pred)
        gold_n.update(g.get("type") for g in gold)
        pred_n.update(p.get("type") for p in pred)
        heads = [accepted_names(g.get("head"), groups) for g in gold]
        tails = [accepted_names(g.get("tail"), groups) for g in gold]
        cands = [(0, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                 if g.get("type") == p.get("type")
                 and name_of(p.get("head")) in heads[gi]
                 and name_of(p.get("tail")) in tails[gi]]
        for gi, _ in greedy_match(cands):
            tp[gold[gi].get("type")] += 1
    types = sorted(set(gold_n) | set(pred_n), key=str)
    return {"scored": True, "docs": n_docs,
            "micro": prf(sum(tp.values()), sum(gold_n.values()), sum(pred_n.values())),
            "per_type": {str(t): prf(tp[t], gold_n[t], pred_n[t]) for t in types}}
