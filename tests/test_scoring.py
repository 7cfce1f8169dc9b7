"""Scorer tests on tiny hand-made gold/prediction folders with known answers."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.scoring import render_table, score_run

PRED_FILES = {"document": "documents.jsonl", "entity": "entities.jsonl", "timex": "timexes.jsonl",
              "relation": "relations.jsonl", "event": "events.jsonl"}
DOC = "d1"


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def write_gold(folder: Path, records: list[dict[str, Any]], doc_id: str = DOC) -> Path:
    recs = [{"kind": "document", "schema_version": 1, "doc_id": doc_id}] + \
        [{"schema_version": 1, "doc_id": doc_id, **r} for r in records]
    write_jsonl(folder / f"{doc_id}.gold.jsonl", recs)
    return folder


def write_pred(out: Path, records: list[dict[str, Any]], doc_id: str = DOC) -> Path:
    """Split kind-tagged records into the five output files (kind removed)."""
    out.mkdir(parents=True, exist_ok=True)
    by_kind: dict[str, list[dict[str, Any]]] = {"document": [{"schema_version": 1, "doc_id": doc_id}]}
    for r in records:
        rec = {k: v for k, v in r.items() if k not in ("kind", "aliases", "optional")}
        by_kind.setdefault(r["kind"], []).append({"schema_version": 1, "doc_id": doc_id, **rec})
    for kind, recs in by_kind.items():
        write_jsonl(out / PRED_FILES[kind], recs)
    return out


def ent(eid: str, start: int, end: int, label: str, canonical: str, **kw: Any) -> dict[str, Any]:
    return {"kind": "entity", "id": eid, "start": start, "end": end, "text": "x" * (end - start),
            "label": label, "canonical": canonical, "entity_id": canonical, **kw}


def tx(tid: str, start: int, end: int, value: str, type_: str = "DATE") -> dict[str, Any]:
    return {"kind": "timex", "id": tid, "start": start, "end": end, "text": "x" * (end - start),
            "type": type_, "value": value}


def actor(name: str, **kw: Any) -> dict[str, Any]:
    return {"entity_id": name, "canonical": name, "role": "participant", **kw}


def event(eid: str, type_: str, actors: list[str], date: str | None = None,
          location: str | None = None, **kw: Any) -> dict[str, Any]:
    return {"kind": "event", "id": eid, "type": type_, "actors": [actor(a) for a in actors],
            "date": {"timex_id": None, "value": date} if date else None,
            "location": {"entity_id": location, "canonical": location} if location else None, **kw}


GOLD = [
    ent("T1", 0, 14, "PERSON", "Antony Blinken", aliases=["Tony Blinken"]),
    ent("T2", 20, 25, "GPE", "Japan"),
    ent("T3", 30, 45, "ORG", "U.S. Department of State", aliases=["State Department"]),
    tx("X1", 50, 62, "2024-07-28"),
    tx("X2", 70, 78, "P1Y", "DURATION"),
    {"kind": "relation", "id": "R1", "type": "holds_position",
     "head": {"entity_id": "Antony Blinken", "canonical": "Antony Blinken"},
     "tail": {"entity_id": "U.S. Department of State", "canonical": "U.S. Department of State"}},
    event("V1", "CONSULT", ["Antony Blinken", "Japan"], "2024-07-28", "Japan"),
    event("V2", "AGREE", ["Japan"]),
]


def test_perfect_output_scores_one_everywhere(tmp_path: Path) -> None:
    r = score_run(write_pred(tmp_path / "out", GOLD), [write_gold(tmp_path / "gold", GOLD)])
    json.dumps(r)  # JSON-serialisable
    e, t, rel, ev = r["entities"], r["timexes"], r["relations"], r["events"]
    for m in (e["strict"]["micro"], e["partial"]["micro"], t["strict"], t["relaxed"], t["value"],
              rel["micro"], ev["events"], ev["detection"], ev["arguments"]):
        assert (m["precision"], m["recall"], m["f1"]) == (1.0, 1.0, 1.0)
    assert e["canonical"]["accuracy"] == 1.0 and e["canonical"]["n"] == 3
    assert t["value_accuracy"]["accuracy"] == t["type_accuracy"]["accuracy"] == 1.0
    assert ev["arguments"]["n_gold"] == 5  # 2 actors + date + location, 1 actor
    text = render_table(r)
    for row in ("entities strict micro", "canonical accuracy", "timex value F1", "relations",
                "events", "event arguments"):
        assert row in text
    assert "1.000" in text and "not scored" not in text


def test_empty_output_scores_zero_recall(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()  # no prediction files at all: read as empty
    r = score_run(tmp_path / "out", [write_gold(tmp_path / "gold", GOLD)])
    for m in (r["entities"]["strict"]["micro"], r["timexes"]["relaxed"], r["timexes"]["value"],
              r["relations"]["micro"], r["events"]["events"], r["events"]["arguments"]):
        assert m["recall"] == 0.0 and m["f1"] == 0.0 and m["n_pred"] == 0
    assert r["entities"]["canonical"]["accuracy"] is None  # nothing to measure
    assert "entities.jsonl" in r["inputs"]["missing_pred_files"]
    render_table(r)


def test_missing_prediction_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        score_run(tmp_path / "nope", [write_gold(tmp_path / "gold", GOLD)])


def test_shifted_span_is_partial_not_strict(tmp_path: Path) -> None:
    gold = [ent("T1", 0, 10, "ORG", "Quad")]
    pred = [ent("T1", 2, 10, "ORG", "Quad"),  # shifted start
            ent("T2", 40, 45, "PRODUCT", "F-35")]  # label the gold never uses
    r = score_run(write_pred(tmp_path / "out", pred), [write_gold(tmp_path / "gold", gold)])
    e = r["entities"]
    assert e["strict"]["micro"]["tp"] == 0
    # partial: 1 match; PRODUCT excluded from the micro, so P = 1/1, R = 1/1
    assert e["partial"]["micro"] == {**e["partial"]["micro"], "tp": 1, "n_pred": 1,
                                     "precision": 1.0, "recall": 1.0}
    assert e["partial"]["per_label"]["PRODUCT"]["precision"] == 0.0
    assert e["strict"]["labels_not_in_gold"] == ["PRODUCT"]
    assert e["canonical"]["n"] == 0  # canonical accuracy needs the same span


def test_alias_matches_for_canonical_and_relations(tmp_path: Path) -> None:
    gold = [ent("T1", 0, 4, "GPE", "Democratic People's Republic of Korea", aliases=["North Korea"]),
            ent("T2", 10, 17, "PERSON", "Antony Blinken", aliases=["Tony Blinken"]),
            {"kind": "relation", "id": "R1", "type": "holds_position",
             # head aliases come from the gold entity with the same entity_id,
             # tail aliases from the relation record itself
             "head": {"entity_id": "Antony Blinken", "canonical": "Antony Blinken"},
             "tail": {"entity_id": "X", "canonical": "U.S. Department of State",
                      "aliases": ["State Department"]}}]
    pred = [ent("T1", 0, 4, "GPE", "north  KOREA"),
            ent("T2", 10, 17, "PERSON", "Blinken"),  # not an alias: wrong
            {"kind": "relation", "id": "R1", "type": "holds_position",
             "head": {"entity_id": "e", "canonical": "TONY BLINKEN"},
             "tail": {"entity_id": "f", "canonical": "state department"}},
            {"kind": "relation", "id": "R2", "type": "affiliated_with",  # wrong type
             "head": {"entity_id": "e", "canonical": "Antony Blinken"},
             "tail": {"entity_id": "f", "canonical": "State Department"}}]
    r = score_run(write_pred(tmp_path / "out", pred), [write_gold(tmp_path / "gold", gold)])
    assert r["entities"]["canonical"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    rel = r["relations"]
    assert (rel["micro"]["tp"], rel["micro"]["precision"], rel["micro"]["recall"]) == (1, 0.5, 1.0)
    assert rel["per_type"]["holds_position"]["f1"] == 1.0
    assert rel["per_type"]["affiliated_with"]["precision"] == 0.0


def test_optional_gold_event_is_neutral(tmp_path: Path) -> None:
    gold = [event("V1", "CONSULT", ["USA", "Japan"], "2024-07-28"),
            event("V2", "AID", ["USA"], optional=True)]
    matched = [event("P1", "CONSULT", ["Japan"], "2024-07-28"), event("P2", "AID", ["USA"])]
    r = score_run(write_pred(tmp_path / "a", matched), [write_gold(tmp_path / "gold", gold)])
    ev = r["events"]["events"]
    # matched optional event: not a false alarm
    assert (ev["tp"], ev["fp"], ev["fn"], ev["neutral"]) == (1, 0, 0, 1)
    assert ev["precision"] == ev["recall"] == 1.0
    # arguments only from V1/P1: gold USA, Japan, date; pred Japan, date -> TP 2, P 1, R 2/3
    args = r["events"]["arguments"]
    assert (args["tp"], args["n_gold"], args["n_pred"]) == (2, 3, 2)
    # missed optional event: not a miss
    r = score_run(write_pred(tmp_path / "b", matched[:1]), [tmp_path / "gold"])
    ev = r["events"]["events"]
    assert (ev["tp"], ev["fp"], ev["fn"], ev["f1"]) == (1, 0, 0, 1.0)


def test_event_alignment_and_arguments(tmp_path: Path) -> None:
    gold = [event("V1", "CONSULT", ["USA", "Japan"], "2024-07-28", "Tokyo"),
            event("V2", "SANCTION", ["USA", "Russia"])]
    pred = [event("P1", "CONSULT", ["USA", "China"], "2024-07-29"),  # aligns with V1 (USA)
            event("P2", "REJECT", ["China"]),                        # aligns with nothing
            event("P3", "SANCTION", ["Iran"], "2024-07-28")]         # no shared actor/date
    r = score_run(write_pred(tmp_path / "out", pred), [write_gold(tmp_path / "gold", gold)])
    ev = r["events"]
    # events: TP 1 (V1-P1), FN 1 (V2), FP 2 (P2, P3): P 1/3, R 1/2
    assert (ev["events"]["tp"], ev["events"]["fp"], ev["events"]["fn"]) == (1, 2, 1)
    assert ev["events"]["precision"] == pytest.approx(1 / 3, abs=1e-6)
    # arguments: gold V1 4 + V2 2 = 6; pred P1 3 + P2 1 + P3 2 = 6; TP 1 (USA)
    assert (ev["arguments"]["tp"], ev["arguments"]["n_gold"], ev["arguments"]["n_pred"]) == (1, 6, 6)
    assert ev["arguments_per_slot"]["date"]["tp"] == 0
    assert ev["per_type"]["SANCTION"]["fn"] == 1 and ev["per_type"]["REJECT"]["fp"] == 1


def test_timex_only_gold_other_stages_not_scored(tmp_path: Path) -> None:
    gold_dir = tmp_path / "tempeval"
    write_gold(gold_dir / "sub", [tx("X1", 0, 5, "1998-01-08")], "a")
    write_gold(gold_dir / "sub", [], "b")  # annotated, but no timex in it
    out = write_pred(tmp_path / "out", [ent("T1", 0, 5, "ORG", "ABC"), tx("X1", 0, 5, "1998-01-08")], "a")
    with (out / "timexes.jsonl").open("a") as fh:
        fh.write(json.dumps({"doc_id": "b", **tx("X1", 0, 3, "1998")}) + "\n")   # false alarm
        fh.write(json.dumps({"doc_id": "zz", **tx("X1", 0, 3, "1998")}) + "\n")  # not in gold
    r = score_run(out, [gold_dir])
    for stage in ("entities", "relations", "events"):
        assert r[stage]["scored"] is False
    assert r["timexes"]["scored"] and r["timexes"]["docs"] == 2
    assert (r["timexes"]["strict"]["tp"], r["timexes"]["strict"]["n_pred"]) == (1, 2)
    assert r["inputs"]["ignored_pred_records"] == 2  # the entity and the "zz" timex
    text = render_table(r)
    assert "entities: not scored" in text and "events: not scored" in text


def test_timex_value_f1_mixed(tmp_path: Path) -> None:
    gold = [tx("G1", 0, 10, "2024-07-28"), tx("G2", 20, 30, "2024-07"),
            tx("G3", 40, 50, "P1Y", "DURATION"), tx("G4", 60, 70, "PRESENT_REF")]
    pred = [tx("P1", 0, 10, "2024-07-28"),             # strict, value right
            tx("P2", 22, 30, "2024-07"),               # relaxed, value right
            tx("P3", 40, 48, "P2Y", "DURATION"),       # relaxed, value wrong
            tx("P4", 80, 90, "2024"), tx("P5", 100, 110, "2023")]  # spurious; G4 missed
    r = score_run(write_pred(tmp_path / "out", pred), [write_gold(tmp_path / "gold", gold)])
    t = r["timexes"]
    # strict: TP 1, P = 1/5 = .2, R = 1/4 = .25, F1 = 2*.2*.25/.45 = .2222
    assert (t["strict"]["precision"], t["strict"]["recall"]) == (0.2, 0.25)
    assert t["strict"]["f1"] == pytest.approx(2 / 9, abs=1e-6)
    # relaxed: TP 3, P = 3/5 = .6, R = 3/4 = .75, F1 = 2*.45/1.35 = .6667
    assert (t["relaxed"]["tp"], t["relaxed"]["precision"], t["relaxed"]["recall"]) == (3, 0.6, 0.75)
    assert t["relaxed"]["f1"] == pytest.approx(2 / 3, abs=1e-6)
    # value accuracy over relaxed matches: 2/3; type accuracy 3/3
    assert t["value_accuracy"]["accuracy"] == pytest.approx(2 / 3, abs=1e-6)
    assert t["type_accuracy"]["accuracy"] == 1.0
    # value F1: TP 2, P = 2/5 = .4, R = 2/4 = .5, F1 = 2*.2/.9 = .4444
    assert (t["value"]["tp"], t["value"]["precision"], t["value"]["recall"]) == (2, 0.4, 0.5)
    assert t["value"]["f1"] == pytest.approx(4 / 9, abs=1e-6)
    assert "0.444" in render_table(r)
