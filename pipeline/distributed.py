"""Run the same extraction on a Dask cluster (`extract ... --scheduler ADDRESS|local:N`).

The corpus is cut into chunks of documents. Each Dask task processes one chunk
disk to disk into its own part folder (an ordinary resumable output folder)
with the pipeline its worker loaded once; the parts are then merged into the
five JSONL files in corpus order, so the result equals a single-machine run.
A part whose chunk is unchanged and complete is not redone on a rerun; a task
lost with its worker is retried by Dask and resumes its part.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from spacy.language import Language

from pipeline.corpus import Article, UsageError, iter_jsonl, list_text_files, read_text_file
from pipeline.sink import Sink, merge_outputs

PARTS = ".parts"
CHUNK_KEY = "CHUNK"  # the key of the chunk a part holds, written when the task starts
COMPLETE = "COMPLETE"  # written when the task has finished the part
_WORKER_PIPELINES: dict[tuple[str, int], Language] = {}


@dataclass(frozen=True)
class Chunk:
    """A slice of the corpus: text files, or a byte range of a JSONL file."""

    index: int
    paths: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()  # paths whose doc_id an earlier file already has
    jsonl: str | None = None
    byte_range: tuple[int, int] = (0, 0)
    first_line: int = 1

    def key(self) -> str:
        """Identity of the chunk's inputs: names, sizes and modification times."""
        files = self.paths or (self.jsonl,)
        stats = [(p, Path(p).stat().st_size, Path(p).stat().st_mtime_ns) if Path(p).exists() else (p, 0, 0)
                 for p in files]
        return hashlib.sha256(json.dumps([stats, self.byte_range, self.duplicates]).encode()).hexdigest()


def plan_chunks(source: str, recursive: bool, chunk_docs: int) -> list[Chunk]:
    """Cut a folder or JSONL corpus into chunks of about `chunk_docs` documents."""
    path = Path(source)
    if path.is_dir():
        files = [str(p) for p in list_text_files(path, recursive)]
        if not files:
            raise UsageError(f"no .txt files in {source}")
        seen: Counter[str] = Counter()
        duplicate = set()
        for name in files:
            seen[Path(name).stem] += 1
            if seen[Path(name).stem] > 1:
                duplicate.add(name)
        return [Chunk(i, tuple(batch), tuple(p for p in batch if p in duplicate))
                for i, batch in enumerate(files[start:start + chunk_docs]
                                          for start in range(0, len(files), chunk_docs))]
    if path.is_file() and path.suffix == ".jsonl":
        return [Chunk(i, jsonl=str(path), byte_range=(start, end), first_line=line)
                for i, (start, end, line) in enumerate(jsonl_ranges(path, chunk_docs))]
    raise UsageError("--scheduler needs a folder of .txt files or a .jsonl file (stdin cannot be split)")


def jsonl_ranges(path: Path, chunk_docs: int) -> list[tuple[int, int, int]]:
    """(start byte, end byte, first line number) of slices of `path` of `chunk_docs` lines each."""
    ranges, start, lines, offset, number = [], 0, 0, 0, 0
    with path.open("rb") as stream:
        for number, line in enumerate(stream, 1):
            offset += len(line)
            lines += 1
            if lines == chunk_docs:
                ranges.append((start, offset, number - lines + 1))
                start, lines = offset, 0
    if lines:
        ranges.append((start, offset, number - lines + 1))
    return ranges


def chunk_articles(chunk: Chunk, default_dct: str | None, max_chars: int) -> Iterator[Article]:
    """The articles of one chunk, read on the worker."""
    for path in chunk.paths:
        article = read_text_file(Path(path), default_dct, max_chars)
        if path in chunk.duplicates and not article.error:
            article.error = f"duplicate doc_id {article.doc_id!r} (an earlier document has it)"
            article.text, article.duplicate = None, True
        yield article
    if chunk.jsonl:
        with open(chunk.jsonl, "rb") as stream:
            stream.seek(chunk.byte_range[0])
            data = stream.read(chunk.byte_range[1] - chunk.byte_range[0])
        yield from iter_jsonl(data.splitlines(keepends=True), chunk.jsonl, default_dct, max_chars,
                              chunk.first_line)


def worker_pipeline(model: str, max_chars: int) -> Language:
    """The pipeline of this worker process, built on first use and kept."""
    from pipeline.nlp import build_nlp

    key = (model, max_chars)
    if key not in _WORKER_PIPELINES:
        _WORKER_PIPELINES[key] = build_nlp(model, max_chars)
    return _WORKER_PIPELINES[key]


def process_chunk(chunk: Chunk, part_dir: str, model: str, default_dct: str | None, max_chars: int) -> dict:
    """Dask task: extract one chunk into its part folder; returns its summary."""
    from pipeline.runner import Runner

    part = Path(part_dir)
    part.mkdir(parents=True, exist_ok=True)
    (part / CHUNK_KEY).write_text(chunk.key())
    sink = Sink(part)
    try:
        summary = Runner(worker_pipeline(model, max_chars), sink, model).run(
            chunk_articles(chunk, default_dct, max_chars))
    finally:
        sink.close()
    (part / COMPLETE).touch()
    return {"processed": summary.processed, "failed": summary.failed, "words": summary.words}


def connect(scheduler: str):
    """A dask.distributed Client for an address, or for a new LocalCluster with `local:N`."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:
        raise UsageError("--scheduler needs Dask: pip install '.[dask]'") from err
    if scheduler.startswith("local:"):
        workers = int(scheduler.split(":", 1)[1])
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        return Client(cluster)
    return Client(scheduler)


def run_on_cluster(client, chunks: list[Chunk], out_dir: Path, model: str, default_dct: str | None,
                   max_chars: int, force: bool = False) -> dict:
    """Process every chunk whose part is missing or stale, then merge all parts into `out_dir`."""
    parts_root = out_dir / PARTS
    if force and parts_root.exists():
        shutil.rmtree(parts_root)
    part_dirs = [parts_root / f"chunk-{chunk.index:06d}" for chunk in chunks]
    todo = []
    for chunk, part in zip(chunks, part_dirs):
        if (part / CHUNK_KEY).exists() and (part / CHUNK_KEY).read_text() != chunk.key():
            shutil.rmtree(part)  # the corpus changed under this part: redo it whole
        if not (part / COMPLETE).exists():
            todo.append((chunk, part))
    futures = client.map(process_chunk, [c for c, _ in todo], [str(p) for _, p in todo],
                         model=model, default_dct=default_dct, max_chars=max_chars, retries=3, pure=False)
    totals: Counter[str] = Counter()
    for result in client.gather(futures):
        totals.update(result)
    merge_outputs(out_dir, part_dirs)
    return {"chunks": len(chunks), "chunks_run": len(todo), **totals}
