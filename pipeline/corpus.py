"""Find articles, read their text and meta sidecar, decide the DCT.

Every problem with one input becomes an `Article` with `error` set, never an
exception: one bad file must not stop a batch.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

DEFAULT_MAX_CHARS = 1_000_000
META_FIELDS = ("title", "url", "source", "published")


class UsageError(Exception):
    """The corpus argument itself is unusable (exit status 2)."""


@dataclass
class Article:
    """One input document: its text (None on error) and what we know about it."""

    doc_id: str
    path: str
    text: str | None = None
    sha256: str | None = None
    dct: str | None = None
    dct_source: str | None = None
    meta: dict = field(default_factory=dict)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    duplicate: bool = False

    @property
    def key(self) -> str:
        """Identity for resuming: the doc_id, or doc_id and path for a duplicate."""
        return f"{self.doc_id}\t{self.path}" if self.duplicate else self.doc_id


def parse_date(value: object) -> str | None:
    """Return `YYYY-MM-DD` for a date or ISO datetime string, else None."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def decode_text(data: bytes) -> tuple[str | None, str | None, list[str]]:
    """Decode article bytes strictly as UTF-8: (text, error, warnings)."""
    warnings: list[str] = []
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, f"binary file (NUL byte at offset {nul})", warnings
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start:err.start + 1].hex()
        return None, f"not valid UTF-8 (byte 0x{bad} at offset {err.start})", warnings
    if not text.strip():
        return None, "empty document (no text)" if not text else "empty document (whitespace only)", warnings
    if text.startswith("\ufeff"):
        warnings.append("text starts with a UTF-8 byte order mark (kept; offsets count it)")
    return text, None, warnings


def apply_meta(article: Article, meta: dict, default_dct: str | None) -> None:
    """Copy sidecar fields onto the article and decide its DCT."""
    article.meta = {k: meta[k] for k in META_FIELDS if k in meta}
    published = meta.get("published")
    if published not in (None, ""):
        date = parse_date(published)
        if date is None:
            article.error = f"meta: published {published!r} is not a date (YYYY-MM-DD)"
            return
        article.dct, article.dct_source = date, "meta"
    elif default_dct:
        article.dct, article.dct_source = default_dct, "cli"


def check_size(article: Article, max_chars: int) -> None:
    """Refuse documents longer than `max_chars` with a clear message."""
    if article.text is not None and len(article.text) > max_chars:
        article.error = (f"document too large ({len(article.text):,} chars > limit "
                         f"{max_chars:,}; raise --max-chars to process it)")
        article.text = None


def read_text_file(path: Path, default_dct: str | None, max_chars: int) -> Article:
    """Read one `.txt` article and its `.meta.json` sidecar."""
    article = Article(doc_id=path.stem, path=str(path))
    try:
        data = path.read_bytes()
    except OSError as err:
        reason = "broken symlink" if path.is_symlink() and not path.exists() else (err.strerror or str(err))
        article.error = f"cannot read file: {reason}"
        return article
    article.sha256 = hashlib.sha256(data).hexdigest()
    article.text, article.error, article.warnings = decode_text(data)
    if article.error:
        return article
    meta_path = path.with_name(path.stem + ".meta.json")
    meta: dict = {}
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            article.error = f"meta: cannot parse {meta_path.name}: {str(err).splitlines()[0]}"
            return article
        if not isinstance(meta, dict):
            article.error = f"meta: {meta_path.name} is not a JSON object"
            return article
        if meta.get("doc_id") not in (None, article.doc_id):
            article.warnings.append(f"meta doc_id {meta['doc_id']!r} differs from file stem; using the stem")
    else:
        article.warnings.append("no .meta.json sidecar")
    apply_meta(article, meta, default_dct)
    check_size(article, max_chars)
    return article


def read_jsonl_line(line: bytes, where: str, default_dct: str | None, max_chars: int) -> Article:
    """Turn one line of an articles JSONL stream into an Article."""
    article = Article(doc_id=where, path=where)
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as err:
        article.error = f"line is not valid UTF-8 (byte offset {err.start} in the line)"
        return article
    except json.JSONDecodeError as err:
        article.error = f"line is not JSON: {err.msg} (column {err.colno})"
        return article
    if not isinstance(record, dict):
        article.error = "line is not a JSON object"
        return article
    doc_id, text = record.get("doc_id"), record.get("text")
    if not isinstance(doc_id, str) or not doc_id.strip():
        article.error = "line has no doc_id"
        return article
    article.doc_id = doc_id
    if not isinstance(text, str):
        article.error = "line has no text"
        return article
    article.sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if not text.strip():
        article.error = "empty document (no text)" if not text else "empty document (whitespace only)"
        return article
    article.text = text
    apply_meta(article, record, default_dct)
    check_size(article, max_chars)
    return article


def iter_jsonl(stream: Iterable[bytes], name: str, default_dct: str | None, max_chars: int,
               first_line: int = 1) -> Iterator[Article]:
    """Yield one Article per non-blank line of a binary JSONL stream."""
    for number, line in enumerate(stream, first_line):
        if line.strip():
            yield read_jsonl_line(line, f"{name}:{number}", default_dct, max_chars)


def list_text_files(folder: Path, recursive: bool) -> list[Path]:
    """All `*.txt` paths in `folder` (below it with `recursive`), sorted."""
    pattern = "**/*.txt" if recursive else "*.txt"
    return sorted(p for p in folder.glob(pattern) if p.is_symlink() or not p.name.startswith("."))


def iter_articles(source: str, recursive: bool = False, default_dct: str | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Yield the articles of a folder, a `.jsonl` file or `-` (stdin), in a stable order.

    Raises UsageError before yielding anything when `source` is unusable.
    A doc_id seen twice in one corpus is an error on its second occurrence.
    """
    if source == "-":
        articles = iter_jsonl(sys.stdin.buffer, "-", default_dct, max_chars)
    else:
        path = Path(source)
        if path.is_dir():
            files = list_text_files(path, recursive)
            if not files:
                raise UsageError(f"no .txt files in {source}" + ("" if recursive else " (try --recursive)"))
            articles = (read_text_file(p, default_dct, max_chars) for p in files)
        elif path.is_file() and path.suffix == ".jsonl":
            articles = _iter_jsonl_file(path, default_dct, max_chars)
        elif path.exists():
            raise UsageError(f"corpus must be a folder of .txt files, a .jsonl file or '-': {source}")
        else:
            raise UsageError(f"corpus not found: {source}")
    return _unique_ids(articles)


def _iter_jsonl_file(path: Path, default_dct: str | None, max_chars: int) -> Iterator[Article]:
    with path.open("rb") as stream:
        yield from iter_jsonl(stream, str(path), default_dct, max_chars)


def _unique_ids(articles: Iterator[Article]) -> Iterator[Article]:
    seen: set[str] = set()
    for article in articles:
        if article.doc_id in seen and not article.error:
            article.error = f"duplicate doc_id {article.doc_id!r} (an earlier document has it)"
            article.text = None
            article.duplicate = True
        seen.add(article.doc_id)
        yield article
