"""A document's text with entity and timex mentions highlighted by displaCy, plus anchors."""
from __future__ import annotations

import hashlib
import html
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy import displacy
from spacy.displacy.render import DEFAULT_ENTITY_COLOR, DEFAULT_LABEL_COLORS

# displaCy's TPL_ENT with data attributes for tests and tooltips, and the label in its own span.
TEMPLATE = ('<mark class="entity {kind}" data-kind="{kind}" data-label="{label}" data-id="{rid}" '
            'title="{tip}" style="background: {bg}">{text}<span class="label">{label}{detail}</span></mark>')
TIMEX_COLORS = {"DATE": "#bfe1d9", "TIME": "#bfe1d9", "DURATION": "#d5e8f7", "SET": "#e4d5f7"}


@dataclass(frozen=True)
class Mention:
    """One entity or timex record as a span to highlight."""

    start: int
    end: int
    text: str
    kind: str
    label: str
    rid: str
    detail: str
    tip: str


def read_text(doc: dict[str, Any]) -> tuple[str | None, str]:
    """The document's text read from its `path` (bytes, UTF-8, no newline translation), or None and why."""
    path = doc.get("path")
    if not isinstance(path, str) or not Path(path).is_file():
        if isinstance(path, str) and re.search(r":\d+$", path):
            return None, (f"The text is not on disk: this document came from a JSONL corpus or standard "
                          f"input ({path}), so its records are shown without the highlighted text.")
        return None, (f"The text file {path!r} was not found (a relative path is read from the folder "
                      f"`report` runs in), so the records are shown without the highlighted text.")
    data = Path(path).read_bytes()
    if doc.get("sha256") and hashlib.sha256(data).hexdigest() != doc["sha256"]:
        return None, f"{path} changed since it was extracted, so its offsets no longer apply."
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, f"{path} is not valid UTF-8."


def _entity(r: dict[str, Any]) -> Mention:
    tip = " · ".join(str(v) for v in (r.get("canonical"), r.get("entity_id"), r.get("country")) if v)
    return Mention(r.get("start"), r.get("end"), r.get("text"), "entity", str(r.get("label")), str(r.get("id")),
                   "", tip)


def _timex(r: dict[str, Any]) -> Mention:
    tip = " ".join(f"{k}={r[k]}" for k in ("value", "mod", "anchor") if r.get(k))
    return Mention(r.get("start"), r.get("end"), r.get("text"), "timex", str(r.get("type")), str(r.get("id")),
                   f" {r.get('value')}", f"TIMEX3 {r.get('type')} {tip}")


def mentions(entities: list[dict[str, Any]], timexes: list[dict[str, Any]]) -> list[Mention]:
    """Entity and timex records as mentions (timexes labelled by their TIMEX3 type)."""
    return [*map(_entity, entities), *map(_timex, timexes)]


def place(found: list[Mention], text: str) -> tuple[list[Mention], list[tuple[Mention, str]]]:
    """Mentions that can be highlighted (valid, matching the text, not overlapping an earlier longer one)
    and the others with the reason."""
    valid: list[Mention] = []
    dropped: list[tuple[Mention, str]] = []
    for m in found:
        if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= len(text):
            valid.append(m)
        else:
            dropped.append((m, "offsets outside the text"))
    kept: list[Mention] = []
    for m in sorted(valid, key=lambda m: (m.start, -m.end)):
        if text[m.start:m.end] != m.text:
            dropped.append((m, f"the text at its offsets is {text[m.start:m.end]!r}"))
        elif kept and m.start < kept[-1].end:
            dropped.append((m, f"overlaps {kept[-1].rid} {kept[-1].text!r}"))
        else:
            kept.append(m)
    return kept, dropped


def _sentinel(text: str) -> str:
    """A private-use character that does not occur in the text."""
    return next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)


def render(text: str, kept: list[Mention], anchors: dict[int, str]) -> str:
    """displaCy markup of the text with the kept mentions highlighted; each anchor (offset -> markup) is
    placed before the character at its offset, or at the start of the mention that offset falls inside."""
    at: dict[int, str] = {}
    for p in sorted(anchors):
        p_at = next((m.start for m in kept if m.start < p < m.end), p)
        at[p_at] = at.get(p_at, "") + anchors[p]
    positions = sorted(at)
    mark = _sentinel(text)
    marked = mark.join(text[a:b] for a, b in zip([0, *positions], [*positions, len(text)]))
    ents = [{"start": m.start + bisect_right(positions, m.start),
             "end": m.end + bisect_right(positions, m.start),
             "label": html.escape(m.label),
             "params": {"kind": m.kind, "rid": html.escape(m.rid), "detail": html.escape(m.detail),
                        "tip": html.escape(m.tip)}}
            for m in kept]
    markup = displacy.render({"text": marked, "ents": ents, "title": None}, style="ent", manual=True, page=False,
                             options={"template": TEMPLATE, "colors": TIMEX_COLORS})
    first, *rest = markup.split(mark)
    return first + "".join(at[p] + piece for p, piece in zip(positions, rest))


def legend(kept: list[Mention]) -> str:
    """One chip per label, in displaCy's colour, with the number of highlighted mentions."""
    colors = {**DEFAULT_LABEL_COLORS, **TIMEX_COLORS}
    counts = Counter((m.kind, m.label) for m in kept)
    return " ".join(f'<span class="chip {kind}" style="background: {colors.get(label.upper(), DEFAULT_ENTITY_COLOR)}">'
                    f"{html.escape(label)}: {n}</span>" for (kind, label), n in sorted(counts.items()))
