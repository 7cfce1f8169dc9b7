"""Command-line entry points `extract`, `score` and `report`: argument parsing and exit codes only."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from pipeline.corpus import DEFAULT_MAX_CHARS, UsageError, iter_articles, parse_date
from pipeline.nlp import DEFAULT_MODEL


def _check_dct(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and parse_date(value) is None:
        raise click.BadParameter("expected a date YYYY-MM-DD")
    return parse_date(value) if value else None


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("corpus")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder for the five JSONL files (created if missing).")
@click.option("--recursive", is_flag=True, help="Also read .txt files in subfolders.")
@click.option("--dct", callback=_check_dct, help="Publication date for articles without one (YYYY-MM-DD).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
              help="Processes for nlp.pipe.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True)
@click.option("--force", is_flag=True, help="Redo every document instead of resuming.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed spaCy pipeline package.")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Longer documents are recorded as errors.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
@click.option("--scheduler", help="Run on Dask: a scheduler address, or local:N for a local cluster of N workers.")
@click.option("--chunk-docs", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Documents per Dask task (with --scheduler).")
def extract(corpus: str, out_dir: Path, recursive: bool, dct: str | None, jobs: int, batch_size: int,
            force: bool, model: str, max_chars: int, quiet: bool, scheduler: str | None, chunk_docs: int) -> None:
    """Extract entities, timexes, relations and events from CORPUS into OUT.

    CORPUS is a folder of .txt articles (with optional .meta.json sidecars), a
    .jsonl file with one article per line, or - to read that JSONL from stdin.
    A rerun skips documents already done with the same text.

    Exit status: 0 all documents ok, 1 some failed (see documents.jsonl),
    2 usage error, 130 interrupted (rerun to resume).
    """
    from pipeline.nlp import build_nlp
    from pipeline.runner import Runner
    from pipeline.sink import OutputBusy, Sink

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"output {out_dir} exists and is not a folder")
    if scheduler:
        extract_on_cluster(corpus, out_dir, recursive, dct, force, model, max_chars, quiet, scheduler, chunk_docs)
    try:
        articles = iter_articles(corpus, recursive, dct, max_chars)
        sink = Sink(out_dir, force=force)
    except (UsageError, OutputBusy) as err:
        raise click.UsageError(str(err)) from None
    try:
        nlp = build_nlp(model, max_chars)
        summary = Runner(nlp, sink, model, jobs=jobs, batch_size=batch_size,
                         progress=not quiet and sys.stderr.isatty()).run(articles)
    except KeyboardInterrupt:
        click.echo("extract: interrupted; documents finished so far are kept, rerun to resume", err=True)
        sys.exit(130)
    except (OSError, ImportError) as err:
        click.echo(f"extract: {err}", err=True)
        sys.exit(2)
    finally:
        sink.close()
    if not quiet:
        click.echo(summary.line(), err=True)
    sys.exit(1 if sink.failed_count() else 0)


def extract_on_cluster(corpus: str, out_dir: Path, recursive: bool, dct: str | None, force: bool, model: str,
                       max_chars: int, quiet: bool, scheduler: str, chunk_docs: int) -> None:
    """`extract --scheduler`: the same output, computed by Dask workers chunk by chunk."""
    from pipeline.distributed import connect, plan_chunks, run_on_cluster
    from pipeline.sink import JOURNAL, OutputBusy, read_journal

    try:
        chunks = plan_chunks(corpus, recursive, chunk_docs)
        client = connect(scheduler)
    except UsageError as err:
        raise click.UsageError(str(err)) from None
    except OSError as err:
        raise click.UsageError(f"cannot reach scheduler {scheduler}: {err}") from None
    try:
        totals = run_on_cluster(client, chunks, out_dir, model, dct, max_chars, force)
    except OutputBusy as err:
        raise click.UsageError(str(err)) from None
    finally:
        cluster = client.cluster  # the LocalCluster of local:N, else None
        client.close()
        if cluster is not None:
            cluster.close()
    failed = sum(entry["status"] == "error" for entry in read_journal(out_dir / JOURNAL))
    if not quiet:
        click.echo(f"extract: {totals['chunks_run']} of {totals['chunks']} chunks run on {scheduler}; "
                   f"{totals.get('processed', 0)} documents processed, {failed} failed in the output", err=True)
    sys.exit(1 if failed else 0)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("pred_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the numbers as JSON.")
def score(pred_dir: Path, gold: tuple[Path, ...], json_path: Path | None) -> None:
    """Score an extract output folder PRED_DIR against GOLD files or folders of *.gold.jsonl."""
    from pipeline.scoring import render_table, score_run

    results = score_run(pred_dir, list(gold))
    click.echo(render_table(results))
    if json_path:
        json_path.write_text(json.dumps(results, indent=2), encoding="utf-8")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Gold file or folder of *.gold.jsonl (repeatable): adds the scores to the index.")
def report(out_dir: Path, gold: tuple[Path, ...]) -> None:
    """Write OUT/report/: index.html and a page per document; prints the index path.

    Static files that open from disk. Relative text paths in documents.jsonl are
    read from the current folder, so run this where `extract` ran.
    """
    from pipeline.report import build_report

    click.echo(build_report(out_dir, gold))
