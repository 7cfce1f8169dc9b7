"""Batch behaviour: resume after a kill, bad inputs, JSONL and stdin input, --jobs 2 == --jobs 1."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spacy.language import Language

from conftest import SHARED, read_jsonl, run_extract
from pipeline.corpus import iter_articles
from pipeline.runner import Runner
from pipeline.sink import Sink

FILES = ("documents", "entities", "timexes", "relations", "events")
TEMPEVAL = SHARED / "benchmarks" / "tempeval3-train" / "TimeBank"
EXTRACT = [sys.executable, "-c", "from pipeline.cli import extract; extract()"]


def news_corpus(folder: Path, n: int) -> Path:
    """A corpus of `n` real news articles (TimeBank) with their sidecars."""
    folder.mkdir(parents=True)
    for txt in sorted(TEMPEVAL.glob("*.txt"))[:n]:
        shutil.copy(txt, folder)
        shutil.copy(txt.with_name(txt.stem + ".meta.json"), folder)
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.jsonl").read_bytes() for name in FILES}


@pytest.fixture(scope="module")
def corpus_and_reference(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """24 news articles and the output of one uninterrupted single-process run."""
    base = tmp_path_factory.mktemp("batch")
    corpus = news_corpus(base / "corpus", 24)
    result = run_extract(str(corpus), "-o", str(base / "ref"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    return corpus, outputs(base / "ref")


def test_two_processes_give_the_same_output(corpus_and_reference, tmp_path: Path) -> None:
    corpus, reference = corpus_and_reference
    result = run_extract(str(corpus), "-o", str(tmp_path / "out"), "--jobs", "2", "--batch-size", "4")
    assert result.exit_code == 0, result.output
    assert outputs(tmp_path / "out") == reference


def test_killed_run_resumes_to_the_uninterrupted_output(corpus_and_reference, tmp_path: Path) -> None:
    corpus, reference = corpus_and_reference
    out = tmp_path / "out"
    proc = subprocess.Popen([*EXTRACT, str(corpus), "-o", str(out), "--jobs", "1", "--batch-size", "1", "-q"],
                            stderr=subprocess.DEVNULL)
    documents = out / "documents.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and (not documents.exists() or documents.read_bytes().count(b"\n") < 3):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = documents.read_bytes().count(b"\n")
    assert 3 <= done_before < 24, "the kill should land mid-run"
    result = run_extract(str(corpus), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert outputs(out) == reference
    again = subprocess.run([*EXTRACT, str(corpus), "-o", str(out), "--jobs", "1"], capture_output=True, text=True)
    assert "0 processed, 24 already done" in again.stderr
    assert outputs(out) == reference


def test_changed_text_is_redone_and_replaces_the_old_records(corpus_and_reference, tmp_path: Path) -> None:
    corpus, reference = corpus_and_reference
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    out = tmp_path / "out"
    run_extract(str(work), "-o", str(out), "--jobs", "1")
    first = sorted(work.glob("*.txt"))[0]
    first.write_text("Brazil and Argentina signed a trade agreement in Buenos Aires.\n", encoding="utf-8")
    assert run_extract(str(work), "-o", str(out), "--jobs", "1").exit_code == 0
    docs = read_jsonl(out / "documents.jsonl")
    assert len(docs) == 24 and [d["doc_id"] for d in docs].count(first.stem) == 1
    entities = [e for e in read_jsonl(out / "entities.jsonl") if e["doc_id"] == first.stem]
    assert {e["text"] for e in entities} >= {"Brazil", "Argentina"}
    forced = run_extract(str(work), "-o", str(out), "--jobs", "1", "--force")
    assert forced.exit_code == 0 and len(read_jsonl(out / "documents.jsonl")) == 24


def test_every_kind_of_bad_input_is_recorded(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = "The presidents of Kenya and Uganda met in Nairobi.\r\nThey signed a border accord.\r\n"
    (corpus / "crlf.txt").write_bytes(good.encode("utf-8"))
    (corpus / "bom.txt").write_bytes("\ufeffIndia and Japan held talks in Delhi.".encode("utf-8"))
    (corpus / "huge.txt").write_bytes(b"Leaders met again. " * 270_000)  # about 5 MB
    (corpus / "folder.txt").mkdir()  # a path that cannot be read as a file
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "nometa.txt").write_text("Canada condemned the missile test.")
    (corpus / "badmeta.txt").write_text("Peru and Chile met.")
    (corpus / "badmeta.meta.json").write_text('["not", "an", "object"]')
    (corpus / "crlf.meta.json").write_text(json.dumps({"published": "2022-03-01"}))
    out = tmp_path / "out"
    result = run_extract(str(corpus), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert docs["huge"]["status"] == "error" and "too large" in docs["huge"]["error"]
    assert docs["folder"]["status"] == "error" and "cannot read" in docs["folder"]["error"]
    assert docs["dangling"]["status"] == "error" and "broken symlink" in docs["dangling"]["error"]
    assert docs["badmeta"]["status"] == "error" and "not a JSON object" in docs["badmeta"]["error"]
    assert docs["nometa"]["status"] == "ok" and any("meta" in w for w in docs["nometa"]["warnings"])
    assert docs["bom"]["status"] == "ok" and any("byte order mark" in w for w in docs["bom"]["warnings"])
    assert docs["crlf"]["status"] == "ok" and docs["crlf"]["chars"] == len(good)
    for rec in read_jsonl(out / "entities.jsonl"):
        raw = (corpus / f"{rec['doc_id']}.txt").read_bytes().decode("utf-8")
        assert raw[rec["start"]:rec["end"]] == rec["text"]
    assert {"Kenya", "Uganda", "Nairobi"} <= {e["text"] for e in read_jsonl(out / "entities.jsonl")
                                               if e["doc_id"] == "crlf"}
    stderr_lines = [line for line in result.output.splitlines() if line.startswith("extract: ")]
    assert len(stderr_lines) == 4 and "Traceback" not in result.output


def test_jsonl_file_and_stdin_input(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc_id": "a1", "text": "Egypt hosted talks with Jordan in Cairo.", "published": "2021-06-01"}),
        "{broken json",
        json.dumps({"doc_id": "a2", "title": "no text here"}),
        json.dumps({"doc_id": "a1", "text": "A second article with the same id."}),
        json.dumps({"doc_id": "a3", "text": "Poland urged Germany to send tanks.", "source": "wire"}),
    ]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    (tmp_path / "articles.jsonl").write_bytes(payload)
    for source, kwargs, out in (("articles.jsonl", {}, tmp_path / "from_file"), ("-", {"input": payload}, tmp_path / "from_stdin")):
        arg = str(tmp_path / source) if source != "-" else "-"
        result = run_extract(arg, "-o", str(out), "--jobs", "1", **kwargs)
        assert result.exit_code == 1
        docs = read_jsonl(out / "documents.jsonl")
        assert [d["status"] for d in docs] == ["ok", "error", "error", "error", "ok"]
        assert docs[0]["dct"] == {"value": "2021-06-01", "source": "meta"}
        assert "not JSON" in docs[1]["error"] and "no text" in docs[2]["error"]
        assert "duplicate doc_id" in docs[3]["error"] and docs[4]["source"] == "wire"
    assert outputs(tmp_path / "from_file").keys() == outputs(tmp_path / "from_stdin").keys()
    rerun = run_extract(str(tmp_path / "articles.jsonl"), "-o", str(tmp_path / "from_file"), "--jobs", "1")
    assert len(read_jsonl(tmp_path / "from_file" / "documents.jsonl")) == 5, rerun.output


def test_a_document_that_crashes_the_pipeline_is_recorded_and_the_rest_go_on(nlp, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in (("a", "Mali and Niger met."), ("b", "CRASH here."), ("c", "Chad and Sudan met.")):
        (corpus / f"{name}.txt").write_text(text)

    def explode(doc):
        if "CRASH" in doc.text:
            raise RuntimeError("boom")
        return doc

    Language.component("crash_on_marker", func=explode)
    nlp.add_pipe("crash_on_marker", last=True)
    try:
        sink = Sink(tmp_path / "out")
        summary = Runner(nlp, sink, "test-model", jobs=1, batch_size=2).run(iter_articles(str(corpus)))
        sink.close()
    finally:
        nlp.remove_pipe("crash_on_marker")
    assert summary.failed == 1 and summary.processed == 3
    docs = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert [(d["doc_id"], d["status"]) for d in docs] == [("a", "ok"), ("b", "error"), ("c", "ok")]
