"""Light tense heuristic from the words around an expression (used when no tense callback is given)."""
from __future__ import annotations

import re
from bisect import bisect_right

_SENT_BREAK = re.compile(r"""(?<=[.!?])["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n|\r\n\s*\r\n""")
_TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")
_NOT_PAST = frozenset("""need needed indeed united based speed feed seed proceed exceed succeed hundred red bed
shed limited bred breed embed weed deed greed creed""".split()) - {"needed"}
_BLOCKERS = frozenset("be being will 'll to would shall".split())
WINDOW = 12


class SentenceIndex:
    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _SENT_BREAK.finditer(text)]
        self.ends = [m.start() for m in _SENT_BREAK.finditer(text)] + [len(text)]

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        return self.starts[i], self.ends[i]


def guess_tense(text: str, sents: SentenceIndex, start: int, end: int, cues: dict) -> str | None:
    s0, s1 = sents.bounds(start)
    left = [(m.group().lower(), m.start()) for m in _TOKEN.finditer(text, s0, start)][-WINDOW:]
    right = [(m.group().lower(), m.start()) for m in _TOKEN.finditer(text, end, max(end, s1))][:WINDOW]
    found = []
    for seq, rev in ((left[::-1], True), (right, False)):
        for dist, (tok, _) in enumerate(seq):
            tok = tok.replace("\u2019", "'")
            tense = cues.get(tok)
            if tense is None and len(tok) >= 5 and tok.endswith("ed") and tok not in _NOT_PAST:
                tense = "PAST"
            if tense is None and tok.endswith("'ll"):
                tense = "FUTURE"
            if tense is None:
                continue
            if tense == "PAST":
                # "will be held", "to be signed": participle after a future/infinitive marker
                idx = dist
                before = [t for t, _ in (seq[idx + 1: idx + 3] if rev else seq[max(0, idx - 2): idx])]
                if any(b in _BLOCKERS for b in before):
                    tense = "FUTURE" if any(b in ("will", "'ll", "shall") for b in before) else None
                    if tense is None:
                        continue
            found.append((dist, 0 if tense == "FUTURE" else 1, tense))
            break
    if not found:
        return None
    found.sort()
    return found[0][2]
