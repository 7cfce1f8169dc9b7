"""Events: one-to-one alignment per document, event P/R/F1 and argument P/R/F1."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .common import Groups, Record, accepted_names, greedy_match, name_of, norm, prf

DocTriple = tuple[list[Record], list[Record], Groups]  # (gold events, predicted, gold alias groups)
SLOTS = ("actors", "date", "location")


def _type(ev: Record) -> str:
    """PLOVER type, upper-cased; a "TYPE/mode" spelling counts as TYPE."""
    t = ev.get("type")
    return t.split("/")[0].strip().upper() if isinstance(t, str) else ""


def _actors(ev: Record) -> list[Record]:
    return [a for a in ev.get("actors") or [] if isinstance(a, dict)]


def _date(ev: Record) -> str:
    d = ev.get("date")
    return norm(d.get("value")) if isinstance(d, dict) else ""


def _actor_matches(gold: Record, pred: Record, groups: Groups) -> int:
    """Gold actors matched one-to-one by a predicted actor with an accepted name."""
    names = [accepted_names(a, groups) for a in _actors(gold)]
    cands = [(0, gi, pi) for gi, ns in enumerate(names)
             for pi, p in enumerate(_actors(pred)) if name_of(p) in ns]
    return len(greedy_match(cands))


def _slot_tp(gold: Record, pred: Record, groups: Groups) -> dict[str, int]:
    """True positives per argument slot for a gold/predicted pair."""
    loc_ok = bool(name_of(pred.get("location"))) and \
        name_of(pred.get("location")) in accepted_names(gold.get("location"), groups)
    return {"actors": _actor_matches(gold, pred, groups),
            "date": int(_date(gold) != "" and _date(gold) == _date(pred)),
            "location": int(loc_ok)}


def _slot_sizes(ev: Record, groups: Groups) -> dict[str, int]:
    """Number of filled arguments per slot."""
    return {"actors": len(_actors(ev)), "date": int(_date(ev) != ""),
            "location": int(bool(accepted_names(ev.get("location"), groups)))}


def _candidates(gold: list[Record], pred: list[Record], groups: Groups,
                typed: bool) -> list[tuple[tuple[int, bool], int, int]]:
    """Pairs that may align (same type if `typed`, a shared actor or date value),
    best first: more shared arguments, then non-optional gold."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if typed and _type(g) != _type(p):
                continue
            tp = _slot_tp(g, p, groups)
            if tp["actors"] or tp["date"]:
                cands.append(((-sum(tp.values()), bool(g.get("optional"))), gi, pi))
    return cands


def _align(gold: list[Record], pred: list[Record], groups: Groups, typed: bool
           ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """-> (scored pairs, unmatched non-optional gold, unmatched non-neutral preds).

    Pairs with an optional gold event are dropped; so is an unmatched
    prediction that could have aligned with an optional gold event.
    """
    cands = _candidates(gold, pred, groups, typed)
    pairs = greedy_match(cands)
    opt = {gi for gi, g in enumerate(gold) if g.get("optional")}
    could_opt = {pi for _, gi, pi in cands if gi in opt}
    gold_used = {gi for gi, _ in pairs}
    pred_used = {pi for _, pi in pairs}
    return ([(gi, pi) for gi, pi in pairs if gi not in opt],
            [gi for gi in range(len(gold)) if gi not in gold_used and gi not in opt],
            [pi for pi in range(len(pred)) if pi not in pred_used and pi not in could_opt])


def score_events(docs: Iterable[DocTriple]) -> dict[str, Any]:
    """Event P/R/F1 (aligned pairs; also per type and type-agnostic detection)
    and argument P/R/F1 over actors/date/location, per slot and overall."""
    ev: Counter = Counter()  # tp / fn / fp, overall and per type
    det: Counter = Counter()
    arg: Counter = Counter()  # (slot, tp|gold|pred)
    per_type: dict[str, Counter] = {}
    n_docs = neutral = 0
    for gold, pred, groups in docs:
        n_docs += 1
        pairs, miss, extra = _align(gold, pred, groups, typed=True)
        neutral += len(pred) - len(pairs) - len(extra)
        for gi, pi in pairs:
            per_type.setdefault(_type(gold[gi]), Counter())["tp"] += 1
            for slot, n in _slot_tp(gold[gi], pred[pi], groups).items():
                arg[slot, "tp"] += n
            for slot, n in _slot_sizes(gold[gi], groups).items():
                arg[slot, "gold"] += n
            for slot, n in _slot_sizes(pred[pi], {}).items():
                arg[slot, "pred"] += n
        for gi in miss:
            per_type.setdefault(_type(gold[gi]), Counter())["fn"] += 1
            for slot, n in _slot_sizes(gold[gi], groups).items():
                arg[slot, "gold"] += n
        for pi in extra:
            per_type.setdefault(_type(pred[pi]), Counter())["fp"] += 1
            for slot, n in _slot_sizes(pred[pi], {}).items():
                arg[slot, "pred"] += n
        ev.update(tp=len(pairs), fn=len(miss), fp=len(extra))
        pairs, miss, extra = _align(gold, pred, groups, typed=False)
        det.update(tp=len(pairs), fn=len(miss), fp=len(extra))

    def from_counts(c: Counter) -> dict[str, Any]:
        return prf(c["tp"], c["tp"] + c["fn"], c["tp"] + c["fp"])

    slots = {s: prf(arg[s, "tp"], arg[s, "gold"], arg[s, "pred"]) for s in SLOTS}
    return {"scored": True, "docs": n_docs,
            "events": {**from_counts(ev), "neutral": neutral},
            "per_type": {t: from_counts(c) for t, c in sorted(per_type.items())},
            "detection": from_counts(det),
            "arguments": prf(sum(arg[s, "tp"] for s in SLOTS), sum(arg[s, "gold"] for s in SLOTS),
                             sum(arg[s, "pred"] for s in SLOTS)),
            "arguments_per_slot": slots}
