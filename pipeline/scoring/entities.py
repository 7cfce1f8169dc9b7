"""Entity mentions: strict and partial span+label P/R/F1, canonical-name accuracy."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .common import Record, accepted_names, alias_groups, greedy_match, name_of, overlap, prf, ratio, same_span

DocPair = tuple[list[Record], list[Record]]  # (gold entities, predicted entities) of one doc


def _table(tp: Counter, gold: Counter, pred: Counter) -> dict[str, Any]:
    """Per-label P/R/F1 and the micro average over the labels the gold uses."""
    labels = sorted(set(gold) | set(pred), key=str)
    covered = [lab for lab in labels if gold[lab]]
    micro = prf(sum(tp[lab] for lab in covered), sum(gold[lab] for lab in covered),
                sum(pred[lab] for lab in covered))
    return {"micro": micro,
            "per_label": {str(lab): prf(tp[lab], gold[lab], pred[lab]) for lab in labels},
            "labels_not_in_gold": [str(lab) for lab in labels if not gold[lab]]}


def score_entities(docs: Iterable[DocPair]) -> dict[str, Any]:
    """Score entity mentions over all documents."""
    gold_n: Counter = Counter()
    pred_n: Counter = Counter()
    strict: Counter = Counter()
    partial: Counter = Counter()
    canon_n = canon_ok = n_docs = 0
    for gold, pred in docs:
        n_docs += 1
        gold_n.update(g.get("label") for g in gold)
        pred_n.update(p.get("label") for p in pred)
        keys = lambda rs: Counter((r.get("start"), r.get("end"), r.get("label")) for r in rs)  # noqa: E731
        for (_, _, label), n in (keys(gold) & keys(pred)).items():
            strict[label] += n
        cands = [(-overlap(g, p), gi, pi) for gi, g in enumerate(gold)
                 for pi, p in enumerate(pred)
                 if g.get("label") == p.get("label") and overlap(g, p) > 0]
        for gi, _ in greedy_match(cands):
            partial[gold[gi].get("label")] += 1
        groups = alias_groups(gold)
        cands = [(g.get("label") != p.get("label"), gi, pi) for gi, g in enumerate(gold)
                 for pi, p in enumerate(pred) if same_span(g, p)]
        for gi, pi in greedy_match(cands):
            canon_n += 1
            canon_ok += name_of(pred[pi]) in accepted_names(gold[gi], groups)
    return {"scored": True, "docs": n_docs,
            "strict": _table(strict, gold_n, pred_n),
            "partial": _table(partial, gold_n, pred_n),
            "canonical": {"n": canon_n, "correct": canon_ok,
                          "accuracy": ratio(canon_ok, canon_n)}}
