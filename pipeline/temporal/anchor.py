"""Infer a document creation time from the text itself (for documents without a publication date)."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from .finder import default_tagger


def infer_dct(text: str) -> dt.date | None:
    """Best guess at the document date from explicit, absolute dates in the text.

    Uses only expressions that need no anchor: the latest full date (2024-07-28, "July 28, 2024");
    failing that, the last day of the latest explicit month ("August 2023"); failing that, the
    most frequently mentioned year (ties: the later one), as 1 July of that year. None if nothing
    absolute is mentioned. Never uses today's date.
    """
    tagger = default_tagger()
    full, months, years = [], [], Counter()
    for t in tagger.find(text, None):
        if t.anchor is not None or t.type not in ("DATE", "TIME"):
            continue
        v = t.value.split("T")[0]
        parts = v.split("-")
        if not parts[0].isdigit() or len(parts[0]) != 4:
            continue
        y = int(parts[0])
        if len(parts) >= 3 and parts[1].isdigit() and parts[2].isdigit():
            try:
                full.append(dt.date(y, int(parts[1]), int(parts[2])))
            except ValueError:
                pass
        elif len(parts) == 2 and parts[1].isdigit():
            m = int(parts[1])
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            months.append(nxt - dt.timedelta(days=1))
        elif len(parts) == 1:
            years[y] += 1
    if full:
        return max(full)
    if months:
        return max(months)
    if years:
        y = max(years, key=lambda k: (years[k], k))
        return dt.date(y, 7, 1)
    return None
