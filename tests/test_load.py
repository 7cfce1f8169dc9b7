"""pipeline.load: the hand-written fixture run (tests/fixtures/run) and a real extract run as DataFrames."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from conftest import run_extract
from pipeline.loading import columns

FIXTURE = Path(__file__).parent / "fixtures" / "run"
KINDS = ("entities", "timexes", "relations", "events")


def test_fixture_spans_match_its_text() -> None:
    text = (FIXTURE / "texts" / "d1.txt").read_bytes().decode("utf-8")
    out = pipeline.load(FIXTURE)
    for frame, prefix in [(out.entities, ""), (out.timexes, ""), (out.events, "trigger_"), (out.events, "evidence_"),
                          (out.relations, "evidence_")]:
        rows = frame[frame.doc_id == "d1"]
        assert len(rows)
        for start, end, span in zip(rows[f"{prefix}start"], rows[f"{prefix}end"], rows[f"{prefix}text"]):
            assert text[start:end] == span


def test_load_flattens_nested_fields() -> None:
    out = pipeline.load(FIXTURE)
    assert isinstance(out, pipeline.Outputs)
    assert [len(out.documents), len(out.entities), len(out.timexes), len(out.relations), len(out.events)] == \
        [3, 20, 5, 2, 6]
    docs = out.documents.set_index("doc_id")
    assert docs.loc["d1", "dct_value"] == "2024-07-29" and docs.loc["d1", "counts_events"] == 5
    assert docs.loc["broken", "status"] == "error" and docs.loc["d1", "title"] == "Blinken and Austin in Tokyo"
    events = out.events.set_index(["doc_id", "id"])
    v1 = events.loc[("d1", "V1")]
    assert (v1.type, v1["mode"], v1.trigger_text, v1.date_value, v1.date_timex_id, v1.location_canonical) == \
        ("CONSULT", "visit", "met", "2024-07-28", "t2", "Tokyo")
    assert pd.isna(events.loc[("d1", "V5"), "date_value"]) and pd.isna(events.loc[("d1", "V3"), "location_canonical"])
    assert events.loc[("d1", "V4"), "attributes_amount"] == "$500 million"
    rel = out.relations.set_index("id").loc["R1"]
    assert (rel.head_canonical, rel.tail_canonical, rel.position) == ("Antony Blinken", "United States",
                                                                     "Secretary of State")
    assert list(out.events.columns[:len(columns("events"))]) == columns("events")


def test_event_actors_one_row_per_actor() -> None:
    out = pipeline.load(FIXTURE)
    ea = out.event_actors
    assert len(ea) == sum(len(a) for a in out.events.actors) == 8
    assert "actors" not in ea.columns and "event_id" in ea.columns
    v1 = ea[(ea.doc_id == "d1") & (ea.event_id == "V1")]
    assert list(zip(v1.actor_canonical, v1.actor_role, v1.actor_country)) == [
        ("Antony Blinken", "source", "USA"), ("Lloyd Austin", "source", "USA"), ("Yōko Kamikawa", "target", "JPN")]
    assert set(v1.date_value) == {"2024-07-28"}
    assert "V5" not in set(ea.event_id)  # no actors, no row
    assert ea.groupby("actor_canonical").size()["Lloyd Austin"] == 2


def test_missing_and_empty_files_give_empty_frames_with_the_contract_columns(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "documents.jsonl", tmp_path)
    (tmp_path / "events.jsonl").write_text("", encoding="utf-8")
    out = pipeline.load(tmp_path)
    assert len(out.documents) == 3
    for kind in KINDS:
        frame = getattr(out, kind)
        assert frame.empty and list(frame.columns) == columns(kind)
    assert out.event_actors.empty and {"event_id", "date_value", "actor_canonical"} <= set(out.event_actors.columns)


def test_unreadable_lines_are_skipped_with_a_warning(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "run")
    with (tmp_path / "run" / "entities.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"doc_id": "d1", "truncat\n')
    with pytest.warns(UserWarning, match="entities.jsonl:21"):
        out = pipeline.load(tmp_path / "run")
    assert len(out.entities) == 20


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        pipeline.load(tmp_path / "nope")


def test_real_run_counts_match_the_frames(seed_corpus: Path, tmp_path: Path) -> None:
    run_extract(str(seed_corpus), "-o", str(tmp_path / "out"), "--jobs", "1")
    out = pipeline.load(tmp_path / "out")
    (doc,) = out.documents.itertuples()
    assert doc.status == "ok" and len(out.entities) > 0
    assert [getattr(doc, f"counts_{kind}") for kind in KINDS] == [len(getattr(out, kind)) for kind in KINDS]
    assert len(out.event_actors) == sum(len(a) for a in out.events.actors)
