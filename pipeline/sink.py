"""Append-only JSONL output with a commit journal: resumable and safe when interrupted.

A document's records are appended to the five files and flushed; only then is
one line appended to the journal, holding the byte size of every file after
that document. On start-up every file is cut back to the sizes of the last
journal line, so a run killed at any point leaves valid JSONL and loses at most
the document it was writing. A document redone because its text changed (or
because it failed before) is appended again; `Sink.close` then drops the stale
copy, so the output holds each document once, in commit order.
"""
from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import IO, Any

from pipeline.corpus import Article
from pipeline.records import Records

FILES = ("documents", "entities", "timexes", "relations", "events")
JOURNAL = ".extract-journal.jsonl"
LOCK = ".extract.lock"


class OutputBusy(Exception):
    """Another extract run holds the output folder."""


def lock_output(out_dir: Path) -> IO[str]:
    """Create `out_dir` and hold its lock file; raises OutputBusy when another run has it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = (out_dir / LOCK).open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        lock.close()
        raise OutputBusy(f"another extract run is writing to {out_dir}") from err
    return lock


class Sink:
    """The output folder of one run: resume index, atomic per-document commits."""

    def __init__(self, out_dir: Path, force: bool = False) -> None:
        self.out_dir = out_dir
        self._lock = lock_output(out_dir)
        self.journal_path = out_dir / JOURNAL
        # key -> journal entry of its latest commit: {"key", "sha256", "status", "sizes"}
        self.done: dict[str, dict[str, Any]] = {}
        self.superseded = False
        if force:
            self._reset()
        self._recover()
        self._files: dict[str, IO[bytes]] = {name: self._path(name).open("ab") for name in FILES}
        self._journal = self.journal_path.open("ab")

    def _reset(self) -> None:
        """Empty every output file and the journal."""
        for name in FILES:
            self._path(name).write_bytes(b"")
        self.journal_path.write_bytes(b"")

    def _path(self, name: str) -> Path:
        return self.out_dir / f"{name}.jsonl"

    def _recover(self) -> None:
        """Read the journal and cut every file back to its last committed size."""
        entries = read_journal(self.journal_path)
        sizes = entries[-1]["sizes"] if entries else {name: 0 for name in FILES}
        for name in FILES:
            path = self._path(name)
            if not path.exists():
                path.write_bytes(b"")
            if path.stat().st_size < sizes[name]:  # output edited by hand: start afresh
                self._reset()
                return
        for name in FILES:
            path = self._path(name)
            if path.stat().st_size > sizes[name]:
                with path.open("r+b") as handle:
                    handle.truncate(sizes[name])
        rewrite_journal(self.journal_path, entries)
        for entry in entries:
            self.superseded |= entry["key"] in self.done
            self.done[entry["key"]] = entry

    def is_done(self, article: Article) -> bool:
        """True when this article, with this exact text, is already in the output."""
        entry = self.done.get(article.key)
        return entry is not None and article.sha256 is not None and entry["sha256"] == article.sha256

    def commit(self, key: str, records: Records) -> None:
        """Append one document's records, then its journal line."""
        sizes = {}
        for name in FILES:
            handle = self._files[name]
            for record in records.get(name, []):
                handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            handle.flush()
            sizes[name] = handle.tell()
        document = records["documents"][0]
        entry = {"key": key, "sha256": document["sha256"], "status": document["status"], "sizes": sizes}
        self._journal.write(json.dumps(entry).encode("utf-8") + b"\n")
        self._journal.flush()
        self.superseded |= key in self.done
        self.done[key] = entry

    def failed_count(self) -> int:
        """Documents in the output whose status is "error"."""
        return sum(entry["status"] == "error" for entry in self.done.values())

    def close(self) -> None:
        """Flush, drop stale copies of redone documents, release the lock."""
        for handle in [*self._files.values(), self._journal]:
            handle.close()
        if self.superseded:
            compact(self.out_dir, self.journal_path)
        self._lock.close()


def read_journal(path: Path) -> list[dict[str, Any]]:
    """Complete, parsable journal lines (a torn last line is ignored)."""
    if not path.exists():
        return []
    entries = []
    for line in path.read_bytes().split(b"\n")[:-1]:
        try:
            entries.append(json.loads(line))
        except ValueError:
            break
    return entries


def rewrite_journal(path: Path, entries: list[dict[str, Any]]) -> None:
    """Replace the journal atomically with `entries`."""
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(b"".join(json.dumps(e).encode("utf-8") + b"\n" for e in entries))
    os.replace(tmp, path)


def compact(out_dir: Path, journal_path: Path) -> None:
    """Keep only the latest commit of every document, in commit order.

    Each journal line owns the bytes between the previous line's sizes and its
    own, in every file; commits superseded by a later one of the same key go.
    """
    entries = read_journal(journal_path)
    latest = {entry["key"]: i for i, entry in enumerate(entries)}
    keep = [i for i, entry in enumerate(entries) if latest[entry["key"]] == i]
    new_sizes: dict[int, dict[str, int]] = {i: {} for i in keep}
    for name in FILES:
        path = out_dir / f"{name}.jsonl"
        tmp = path.with_suffix(".jsonl.tmp")
        with path.open("rb") as src, tmp.open("wb") as dst:
            for i in keep:
                begin = entries[i - 1]["sizes"][name] if i else 0
                src.seek(begin)
                dst.write(src.read(entries[i]["sizes"][name] - begin))
                new_sizes[i][name] = dst.tell()
        os.replace(tmp, path)
    rewrite_journal(journal_path, [{**entries[i], "sizes": new_sizes[i]} for i in keep])


def merge_outputs(out_dir: Path, part_dirs: list[Path]) -> None:
    """Concatenate finished part folders, in order, into `out_dir` (replacing its files).

    The merged journal is the parts' journals with sizes shifted, so a later
    single-machine run resumes from the merged output as from its own.
    """
    lock = lock_output(out_dir)
    try:
        offsets = {name: 0 for name in FILES}
        entries = []
        for name in FILES:
            with (out_dir / f"{name}.jsonl.tmp").open("wb") as dst:
                for part in part_dirs:
                    dst.write((part / f"{name}.jsonl").read_bytes())
        for part in part_dirs:
            part_entries = read_journal(part / JOURNAL)
            entries += [{**e, "sizes": {n: offsets[n] + e["sizes"][n] for n in FILES}} for e in part_entries]
            if part_entries:
                offsets = dict(entries[-1]["sizes"])
        for name in FILES:
            os.replace(out_dir / f"{name}.jsonl.tmp", out_dir / f"{name}.jsonl")
        rewrite_journal(out_dir / JOURNAL, entries)
    finally:
        lock.close()
