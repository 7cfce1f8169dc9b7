"""render_table: the results dict as compact text tables (one per stage), via pandas."""
from __future__ import annotations

from typing import Any

import pandas as pd

COLUMNS = ["n_gold", "n_pred", "tp", "P", "R", "F1", "acc"]


def _prf_row(name: str, m: dict[str, Any]) -> dict[str, Any]:
    return {"": name, "n_gold": m["n_gold"], "n_pred": m["n_pred"], "tp": m["tp"],
            "P": m["precision"], "R": m["recall"], "F1": m["f1"]}


def _acc_row(name: str, m: dict[str, Any]) -> dict[str, Any]:
    return {"": f"{name} (n={m['n']})", "tp": m["correct"], "acc": m["accuracy"]}


def _rows(stage: str, r: dict[str, Any]) -> list[dict[str, Any]]:
    """Table rows for one scored stage."""
    if stage == "entities":
        rows = [_prf_row("entities strict micro", r["strict"]["micro"]),
                _prf_row("entities partial micro", r["partial"]["micro"])]
        rows += [_prf_row(f"  {label} (strict)", m) for label, m in r["strict"]["per_label"].items()]
        return rows + [_acc_row("canonical accuracy", r["canonical"])]
    if stage == "timexes":
        return [_prf_row("timex strict extent", r["strict"]),
                _prf_row("timex relaxed extent", r["relaxed"]),
                _acc_row("timex value accuracy", r["value_accuracy"]),
                _acc_row("timex type accuracy", r["type_accuracy"]),
                _prf_row("timex value F1", r["value"])]
    if stage == "relations":
        return [_prf_row("relations", r["micro"])] + \
            [_prf_row(f"  {t}", m) for t, m in r["per_type"].items()]
    return ([_prf_row("events", r["events"])]
            + [_prf_row(f"  {t}", m) for t, m in r["per_type"].items()]
            + [_prf_row("event detection (any type)", r["detection"]),
               _prf_row("event arguments", r["arguments"])]
            + [_prf_row(f"  {s}", m) for s, m in r["arguments_per_slot"].items()])


def render_table(results: dict[str, Any]) -> str:
    """Readable text: per stage a header line and a table with 3-decimal numbers."""
    out: list[str] = []
    for stage in ("entities", "timexes", "relations", "events"):
        r = results.get(stage)
        if not r or not r.get("scored"):
            out.append(f"{stage}: not scored" + (f" ({r['reason']})" if r and r.get("reason") else ""))
            continue
        df = pd.DataFrame(_rows(stage, r), columns=[""] + COLUMNS).set_index("")
        df.index.name = None
        for col in ("n_gold", "n_pred", "tp"):
            df[col] = df[col].map(lambda v: "" if pd.isna(v) else str(int(v)))
        for col in ("P", "R", "F1", "acc"):
            df[col] = df[col].map(lambda v: "" if pd.isna(v) else f"{v:.3f}")
        out.append(f"{stage} ({r['docs']} docs)\n{df.to_string()}")
    inputs = results.get("inputs", {})
    if inputs.get("missing_pred_files"):
        out.append("missing prediction files (read as empty): " + ", ".join(inputs["missing_pred_files"]))
    if inputs.get("bad_lines"):
        out.append(f"unreadable lines skipped: {len(inputs['bad_lines'])}")
    return "\n\n".join(out)
