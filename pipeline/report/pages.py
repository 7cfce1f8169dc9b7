"""HTML for the report's pages: self-contained static files (inline CSS and SVG, no scripts)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from importlib.resources import files
from typing import Any

# Nothing may be fetched: a page needs only itself.
CSP = "default-src 'none'; style-src 'unsafe-inline'"
CSS = files("pipeline.report").joinpath("style.css").read_text(encoding="utf-8")


def e(value: Any) -> str:
    """Escaped text of a value; empty for None."""
    return "" if value is None else escape(str(value))


def page(title: str, body: str) -> str:
    """A complete HTML page."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{e(title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], row_ids: Iterable[str] | None = None,
          cls: str = "") -> str:
    """A table of already-escaped cells; row_ids give each row an id (an anchor target)."""
    ids = iter(row_ids) if row_ids is not None else None
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join((f'<tr id="{e(next(ids))}">' if ids else "<tr>") + "".join(f"<td>{c}</td>" for c in row)
                   + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def section(sid: str, heading: str, content: str) -> str:
    """A titled section."""
    return f'<section id="{sid}"><h2>{e(heading)}</h2>\n{content}\n</section>'


def fields(pairs: Sequence[tuple[str, str]]) -> str:
    """A definition list of already-escaped values, skipping empty ones."""
    return "<dl>" + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in pairs if v) + "</dl>"


def sub(record: dict[str, Any], key: str, name: str) -> Any:
    """A field of a nested object, or None."""
    value = record.get(key)
    return value.get(name) if isinstance(value, dict) else None


def number(value: Any) -> str:
    """A confidence or score with two decimals."""
    return f"{value:.2f}" if isinstance(value, (int, float)) and not isinstance(value, bool) else e(value)


def ref(value: Any) -> str:
    """An entity reference as `canonical (country)`."""
    if not isinstance(value, dict):
        return ""
    return e(value.get("canonical")) + (f' <span class="muted">{e(value["country"])}</span>'
                                        if value.get("country") else "")


def kind(record: dict[str, Any]) -> str:
    """An event's `TYPE/mode`."""
    return e(record.get("type")) + (f"/{e(record['mode'])}" if record.get("mode") else "")
