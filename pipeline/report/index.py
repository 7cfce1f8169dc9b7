"""The report's index page: totals, scores, errors and the list of documents."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pages import e, page, section, sub, table

KINDS = ("entities", "timexes", "relations", "events")


@dataclass
class RunSummary:
    """What the index shows, gathered while the document pages are written."""

    out_dir: Path
    rows: list[tuple[dict[str, Any], str, dict[str, int]]] = field(default_factory=list)  # doc, page, counts
    event_types: Counter = field(default_factory=Counter)
    bad_lines: list[str] = field(default_factory=list)
    orphans: dict[str, int] = field(default_factory=dict)  # kind -> records whose doc_id has no document


def _totals(s: RunSummary) -> str:
    status = Counter(doc.get("status") for doc, _, _ in s.rows)
    cells = [[e(len(s.rows)), e(status.get("ok", 0)), e(len(s.rows) - status.get("ok", 0))]
             + [e(sum(c[k] for _, _, c in s.rows)) for k in KINDS]]
    out = table(["documents", "ok", "error", *KINDS], cells, cls="totals")
    if s.event_types:
        out += table(["event type", "events"], ([e(t), e(n)] for t, n in s.event_types.most_common()), cls="types")
    return out


def _errors(s: RunSummary) -> str:
    failed = [(doc, name) for doc, name, _ in s.rows if doc.get("status") != "ok"]
    out = table(["doc_id", "path", "error"],
                ([f'<a href="docs/{name}">{e(doc.get("doc_id"))}</a>', e(doc.get("path")), e(doc.get("error"))]
                 for doc, name in failed)) if failed else '<p class="muted">No document failed.</p>'
    if s.bad_lines:
        out += f'<p class="note">Unreadable lines skipped ({len(s.bad_lines)}): {e(", ".join(s.bad_lines[:20]))}</p>'
    for kind, n in s.orphans.items():
        out += f'<p class="note">{n} {e(kind)} record(s) name a doc_id with no document record.</p>'
    return out


def _documents(s: RunSummary) -> str:
    rows = ([f'<a href="docs/{name}">{e(doc.get("doc_id"))}</a>', e(doc.get("title")),
             f'<span class="status-{e(doc.get("status"))}">{e(doc.get("status"))}</span>',
             e(sub(doc, "dct", "value"))]
            + [e(counts[k]) for k in KINDS] for doc, name, counts in s.rows)
    return table(["doc_id", "title", "status", "published", *KINDS], rows, cls="documents")


def index_page(s: RunSummary, scores: str | None) -> str:
    """The index page; `scores` is the scorer's text table when gold was given."""
    body = [f"<h1>Extraction report</h1>\n<p class=\"muted\">{e(s.out_dir.resolve())}</p>",
            section("totals", "Totals", _totals(s))]
    if scores is not None:
        body.append(section("scores", "Scores against gold", f"<pre>{e(scores)}</pre>"))
    body += [section("errors", "Errors", _errors(s)), section("documents", "Documents", _documents(s))]
    return page("Extraction report", "\n".join(body))
