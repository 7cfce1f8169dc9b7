"""The page of one document: metadata, timeline, events, relations, highlighted text, mention tables."""
from __future__ import annotations

from typing import Any

from .pages import e, fields, kind, number, page, ref, section, sub, table
from .text import legend, mentions, place, read_text, render
from .timeline import date_value, timeline_svg

Records = dict[str, list[dict[str, Any]]]


def _evidence_start(record: dict[str, Any], text: str | None) -> int | None:
    """Offset of the record's evidence sentence if it lies in the text."""
    ev = record.get("evidence")
    start = ev.get("start") if isinstance(ev, dict) else None
    return start if text is not None and isinstance(start, int) and 0 <= start < len(text) else None


def _evidence(record: dict[str, Any], text: str | None) -> str:
    """The evidence sentence, linked to its place in the text when there is one."""
    ev = record.get("evidence")
    snippet = e(ev.get("text")) if isinstance(ev, dict) else ""
    start = _evidence_start(record, text)
    return f'<a class="evidence" href="#s-{start}">{snippet}</a>' if start is not None else snippet


def _anchors(records: Records, text: str | None) -> dict[int, str]:
    """Per evidence offset: an anchor with one badge per event or relation, linking to its table row."""
    badges: dict[int, list[str]] = {}
    for prefix, kind_name in (("event", "events"), ("relation", "relations")):
        for rec in records[kind_name]:
            start = _evidence_start(rec, text)
            if start is not None:
                rid = e(rec.get("id"))
                badges.setdefault(start, []).append(f'<a href="#{prefix}-{rid}">{rid}</a>')
    return {p: f'<span class="anchor" id="s-{p}">{"".join(b)}</span>' for p, b in badges.items()}


def _attributes(value: Any) -> str:
    """An event's attributes as `key: value` lines."""
    if not isinstance(value, dict):
        return e(value)
    return "<br>".join(f"{e(k)}: {e(v)}" for k, v in value.items())


def _events(events: list[dict[str, Any]], text: str | None) -> str:
    if not events:
        return '<p class="muted">No events.</p>'
    rows = [[e(ev.get("id")), kind(ev), e(ev.get("name")),
             "<br>".join(f'{ref(a)} <span class="role">{e(a.get("role"))}</span>'
                         for a in ev.get("actors") or [] if isinstance(a, dict)),
             e(date_value(ev)), ref(ev.get("location")), e(ev.get("status")),
             _attributes(ev.get("attributes")),
             number(ev.get("confidence")), _evidence(ev, text)] for ev in events]
    return table(["id", "type", "name", "actors", "date", "place", "status", "attributes", "conf.", "evidence"],
                 rows, (f"event-{ev.get('id')}" for ev in events), "events")


def _relations(relations: list[dict[str, Any]], text: str | None) -> str:
    if not relations:
        return '<p class="muted">No relations.</p>'
    rows = [[e(r.get("id")), e(r.get("type")), ref(r.get("head")), e(r.get("position")), ref(r.get("tail")),
             number(r.get("confidence")), _evidence(r, text)] for r in relations]
    return table(["id", "type", "head", "position", "tail", "conf.", "evidence"], rows,
                 (f"relation-{r.get('id')}" for r in relations), "relations")


def _text(records: Records, text: str | None, note: str) -> str:
    """The highlighted text, or the note saying why there is none; mentions that could not be shown."""
    if text is None:
        return f'<p class="note">{e(note)}</p>'
    kept, dropped = place(mentions(records["entities"], records["timexes"]), text)
    out = f'<p class="legend">{legend(kept)}</p>\n<div class="text">{render(text, kept, _anchors(records, text))}</div>'
    if dropped:
        items = "".join(f"<li>{e(m.kind)} {e(m.rid)} {e(m.label)} {e(m.text)}: {e(why)}</li>" for m, why in dropped)
        out += f'<div class="note">Not highlighted ({len(dropped)}):<ul>{items}</ul></div>'
    return out


def _mention_tables(records: Records, open_: bool) -> str:
    ents = table(["id", "span", "text", "label", "canonical", "entity_id", "country"],
                 ([e(r.get("id")), f"{e(r.get('start'))}–{e(r.get('end'))}", e(r.get("text")), e(r.get("label")),
                   e(r.get("canonical")), e(r.get("entity_id")), e(r.get("country"))] for r in records["entities"]))
    tims = table(["id", "span", "text", "type", "value", "mod", "anchor"],
                 ([e(r.get("id")), f"{e(r.get('start'))}–{e(r.get('end'))}", e(r.get("text")), e(r.get("type")),
                   e(r.get("value")), e(r.get("mod")), e(r.get("anchor"))] for r in records["timexes"]))
    attr = " open" if open_ else ""
    return (f'<details{attr}><summary>Entities ({len(records["entities"])})</summary>{ents}</details>\n'
            f'<details{attr}><summary>Timexes ({len(records["timexes"])})</summary>{tims}</details>')


def _meta(doc: dict[str, Any]) -> str:
    url, source = doc.get("url"), sub(doc, "dct", "source")
    return fields([
        ("doc_id", e(doc.get("doc_id"))), ("path", e(doc.get("path"))), ("source", e(doc.get("source"))),
        ("url", f'<a href="{e(url)}">{e(url)}</a>' if isinstance(url, str) and url.startswith(("http://", "https://"))
         else e(url)),
        ("published", e(sub(doc, "dct", "value")) + (f' <span class="muted">({e(source)})</span>' if source else "")),
        ("status", f'<span class="status-{e(doc.get("status"))}">{e(doc.get("status"))}</span>'),
        ("error", e(doc.get("error"))), ("warnings", "<br>".join(e(w) for w in doc.get("warnings") or [])),
    ])


def _timeline(events: list[dict[str, Any]]) -> str:
    """The timeline SVG and the events it leaves out."""
    svg, unplaced = timeline_svg(events)
    if not svg:
        svg = f'<p class="muted">{"No event has a calendar date." if events else "No events."}</p>'
    if unplaced:
        svg += ('<p class="muted">Not on the timeline (no calendar date): '
                + ", ".join(f'<a href="#event-{e(ev.get("id"))}">{e(ev.get("id"))}</a> {kind(ev)} '
                            f'({e(date_value(ev) or "no date")})' for ev in unplaced) + "</p>")
    return svg


def doc_page(doc: dict[str, Any], records: Records) -> str:
    """The full page of one document."""
    title = doc.get("title") or doc.get("doc_id")
    body = [f'<nav><a href="../index.html">← all documents</a></nav>\n<h1>{e(title)}</h1>', _meta(doc)]
    if doc.get("status") == "ok":
        text, note = read_text(doc)
        body += [section("timeline", "Timeline", _timeline(records["events"])),
                 section("events", f"Events ({len(records['events'])})", _events(records["events"], text)),
                 section("relations", f"Relations ({len(records['relations'])})",
                         _relations(records["relations"], text)),
                 section("text", "Text", _text(records, text, note)),
                 section("mentions", "Mentions", _mention_tables(records, open_=text is None))]
    return page(f"{title} · report", "\n".join(body))
