"""End to end: `extract` on the seed and on bad inputs, checked against the contract."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_ID, SHARED, read_jsonl, run_extract

CHECKER = SHARED / "tools" / "check_contract.py"
KINDS = ("entities", "timexes", "relations", "events")


def test_seed_output_passes_contract_check(seed_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_extract(str(seed_corpus), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    check = subprocess.run([sys.executable, str(CHECKER), str(out), str(seed_corpus)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert "contract: 0 problems" in check.stdout


def test_seed_offsets_equal_source_text(seed_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_extract(str(seed_corpus), "-o", str(out), "--jobs", "1")
    text = (seed_corpus / f"{SEED_ID}.txt").read_bytes().decode("utf-8")
    (doc,) = read_jsonl(out / "documents.jsonl")
    assert doc["status"] == "ok" and doc["chars"] == len(text)
    assert doc["warnings"] == [], "no stage may fail on the seed"
    assert doc["dct"] == {"value": "2024-08-05", "source": "meta"}
    spans = [r for r in read_jsonl(out / "entities.jsonl")] + read_jsonl(out / "timexes.jsonl")
    assert len(spans) > 50
    for rec in spans:
        assert text[rec["start"]:rec["end"]] == rec["text"]
    assert any(r["text"] == "Antony Blinken" and r["label"] == "PERSON" for r in spans)
    assert doc["counts"] == {kind: len(read_jsonl(out / f"{kind}.jsonl")) for kind in KINDS}


GOOD = "The foreign ministers of Chile and Peru met in Lima on Monday to discuss trade.\n"
BAD_INPUTS = {
    "empty": (b"", None, "empty document"),
    "blank": (b"  \n\t\n", None, "whitespace only"),
    "binary": (b"PK\x03\x04\x00\x00binary", None, "binary file"),
    "latin1": ("Der Außenminister traf Gäste.".encode("latin-1"), None, "not valid UTF-8 (byte 0xdf at offset 6)"),
    "badmeta": (GOOD.encode(), "{not json", "meta: cannot parse"),
    "baddate": (GOOD.encode(), json.dumps({"published": "last Tuesday"}), "is not a date"),
}


def test_bad_inputs_are_recorded_and_do_not_stop_the_batch(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (data, meta, _) in BAD_INPUTS.items():
        (corpus / f"{name}.txt").write_bytes(data)
        if meta is not None:
            (corpus / f"{name}.meta.json").write_text(meta)
    (corpus / "good.txt").write_text(GOOD)
    (corpus / "good.meta.json").write_text(json.dumps({"published": "2023-05-08"}))
    out = tmp_path / "out"
    result = run_extract(str(corpus), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert docs["good"]["status"] == "ok" and docs["good"]["counts"]["entities"] >= 2
    for name, (_, _, message) in BAD_INPUTS.items():
        assert docs[name]["status"] == "error", name
        assert message in docs[name]["error"], docs[name]["error"]
        assert "\n" not in docs[name]["error"]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("make_corpus, message", [
    (lambda tmp: tmp / "missing", "corpus not found"),
    (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "no .txt files"),
])
def test_usage_errors_exit_2(tmp_path: Path, make_corpus, message: str) -> None:
    result = run_extract(str(make_corpus(tmp_path)), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert message in result.output


def test_output_that_is_a_file_is_a_usage_error(seed_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    result = run_extract(str(seed_corpus), "-o", str(out))
    assert result.exit_code == 2 and "not a folder" in result.output
    assert out.read_text() == "keep me"
