"""Stream articles through `nlp.pipe` into the sink, in corpus order, one commit per document."""
from __future__ import annotations

import sys
import time
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from pipeline import __version__
from pipeline.corpus import Article
from pipeline.records import doc_records, error_records
from pipeline.sink import Sink


@dataclass
class Summary:
    """What one run did."""

    processed: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.words / self.seconds if self.seconds else 0.0
        return (f"extract: {self.processed} processed, {self.skipped} already done, {self.failed} failed; "
                f"{self.words:,} words in {self.seconds:.1f} s ({rate:,.0f} words/s)")


def pipeline_info(model: str) -> dict[str, str]:
    """The `pipeline` field of documents.jsonl."""
    return {"version": __version__, "spacy": spacy.__version__, "model": model}


def drop_failed_doc(proc_name: str, proc: object, docs: list[Doc], err: Exception) -> None:
    """spaCy error handler: a doc whose component raised is dropped from the stream.

    The runner notices the gap and records the document as failed.
    """
    print(f"extract: {proc_name} failed on {', '.join(d._.doc_id or '?' for d in docs)}: "
          f"{type(err).__name__}: {err}", file=sys.stderr)


class Runner:
    """Feeds articles to `nlp.pipe` and commits each result (or error) in corpus order."""

    def __init__(self, nlp: Language, sink: Sink, model: str, jobs: int = 1, batch_size: int = 16,
                 progress: bool = False) -> None:
        self.nlp, self.sink, self.jobs, self.batch_size = nlp, sink, jobs, batch_size
        self.info = pipeline_info(model)
        self.summary = Summary()
        self.pending: deque[Article] = deque()
        self.bar = tqdm(unit="doc", disable=not progress, file=sys.stderr, dynamic_ncols=True)
        nlp.default_error_handler = drop_failed_doc  # set_error_handler() fails on the parser in spaCy 3.8

    def run(self, articles: Iterable[Article]) -> Summary:
        """Process every article not already in the output."""
        started = time.perf_counter()
        try:
            for doc in self.nlp.pipe(self._docs(articles), batch_size=self.batch_size, n_process=self.jobs):
                self._flush_until(doc._.doc_id)
                article = self.pending.popleft()
                self._commit(article, doc_records(doc, article, self.info))
                self.summary.words += len(doc)
            self._flush_until(None)
        finally:
            self.summary.seconds = time.perf_counter() - started
            self.bar.close()
        return self.summary

    def _docs(self, articles: Iterable[Article]) -> Iterator[Doc]:
        """Docs for the articles still to do; every article joins the pending queue in order."""
        for article in articles:
            if self.sink.is_done(article):
                self.summary.skipped += 1
                continue
            self.pending.append(article)
            if article.error is None:
                doc = self.nlp.make_doc(article.text)
                doc._.doc_id = article.doc_id
                doc._.dct = {"value": article.dct, "source": article.dct_source}
                yield doc

    def _flush_until(self, doc_id: str | None) -> None:
        """Commit queued articles that precede `doc_id` (all of them for None): inputs that
        failed before or inside the pipeline."""
        while self.pending and (doc_id is None or self.pending[0].error or self.pending[0].doc_id != doc_id):
            article = self.pending.popleft()
            if article.error is None:
                article.error = "the pipeline failed on this document (details on stderr)"
            self._commit(article, error_records(article, self.info))

    def _commit(self, article: Article, records: dict) -> None:
        self.sink.commit(article.key, records)
        self.summary.processed += 1
        if article.error:
            self.summary.failed += 1
            print(f"extract: {article.path}: {article.error}", file=sys.stderr)
        self.bar.update(1)
        rate = self.summary.words / max(self.bar.format_dict["elapsed"], 1e-9)
        self.bar.set_postfix(words_s=f"{rate:,.0f}", errors=self.summary.failed, refresh=False)
