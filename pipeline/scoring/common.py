"""Shared helpers: P/R/F1 counts, name normalisation, one-to-one greedy matching."""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

Record = dict[str, Any]
Groups = dict[str, set[str]]


def norm(text: Any) -> str:
    """Case-fold and collapse whitespace; None and non-strings become ''."""
    return " ".join(text.casefold().split()) if isinstance(text, str) else ""


def ratio(num: int, den: int) -> float | None:
    """num/den rounded, or None when there is nothing to measure."""
    return round(num / den, 6) if den else None


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, Any]:
    """Counts plus precision, recall, F1.

    0/0 is 1.0 when both sides are empty (nothing to find, nothing found),
    otherwise 0.0, so an empty output scores precision 0 and recall 0.
    """
    both_empty = n_gold == 0 and n_pred == 0
    p = tp / n_pred if n_pred else (1.0 if both_empty else 0.0)
    r = tp / n_gold if n_gold else (1.0 if both_empty else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": n_pred - tp, "fn": n_gold - tp, "n_gold": n_gold,
            "n_pred": n_pred, "precision": round(p, 6), "recall": round(r, 6),
            "f1": round(f, 6)}


def greedy_match(cands: Iterable[tuple[Hashable, int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching from (sort_key, gold_idx, pred_idx) candidates, best key first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in sorted(cands, key=lambda c: (c[0], c[1], c[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    """Number of shared characters of two {start, end} spans (0 if disjoint)."""
    try:
        return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))
    except (KeyError, TypeError):
        return 0


def same_span(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Same start and end."""
    return a.get("start") == b.get("start") and a.get("end") == b.get("end")


def alias_groups(gold_entities: Iterable[Record]) -> Groups:
    """entity_id -> normalised canonical names and aliases over all its gold mentions."""
    groups: Groups = {}
    for ent in gold_entities:
        eid = ent.get("entity_id")
        if eid is not None:
            groups.setdefault(str(eid), set()).update(names_of(ent))
    return groups


def names_of(ref: Mapping[str, Any]) -> set[str]:
    """Normalised canonical plus aliases written on one gold record."""
    names = {norm(ref.get("canonical"))}
    names.update(norm(a) for a in ref.get("aliases") or [])
    names.discard("")
    return names


def accepted_names(ref: Mapping[str, Any] | None, groups: Groups) -> set[str]:
    """Names a prediction may use for a gold entity reference.

    The reference's own canonical and aliases, those of the gold entity with
    the same entity_id, and those of any gold entity whose names include the
    reference's canonical.
    """
    if not isinstance(ref, Mapping):
        return set()
    names = names_of(ref)
    eid = ref.get("entity_id")
    if eid is not None:
        names |= groups.get(str(eid), set())
    canon = norm(ref.get("canonical"))
    for group in groups.values():
        if canon and canon in group:
            names |= group
    return names


def name_of(ref: Any) -> str:
    """Normalised canonical of a predicted entity reference."""
    return norm(ref.get("canonical")) if isinstance(ref, Mapping) else ""
