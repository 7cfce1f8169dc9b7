"""Throughput of `extract --scheduler local:2` beside `extract --jobs 2`, in the same run.

    python bench/distributed.py [--repeat 2] [--chunk-docs 64]

Both commands run end to end (start-up, model loading, merging included) over
the TempEval-3 news articles, repeated under new names.
"""
from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from throughput import make_corpus


def timed(args: list[str]) -> float:
    """Wall-clock seconds of one `extract` command."""
    start = time.perf_counter()
    subprocess.run(["extract", *args, "--quiet"], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--chunk-docs", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", args.repeat)
        docs = len(list(corpus.glob("*.txt")))
        runs = {
            "extract --jobs 2": ["--jobs", "2"],
            "extract --scheduler local:2": ["--scheduler", "local:2", "--chunk-docs", str(args.chunk_docs)],
        }
        print(f"corpus: {docs} TempEval-3 news articles; wall time includes start-up and merging")
        print(f"{'run':<30}{'seconds':>9}{'docs/s':>9}")
        for name, extra in runs.items():
            seconds = timed([str(corpus), "-o", str(Path(tmp) / name.replace(" ", "_")), *extra])
            print(f"{name:<30}{seconds:>9.1f}{docs / seconds:>9.1f}")


if __name__ == "__main__":
    main()
