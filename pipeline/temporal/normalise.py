"""Value computation for matched temporal expressions (TIMEX3 values).

Every normaliser takes (groups, match, ctx) and returns a Result or None (reject the match).
`ctx` carries the DCT, the tense oracle and the discourse anchor (previous date mentioned).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .tense import SentenceIndex

UNIT_GRAN = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter",
             "DE": "decade", "CE": "century", "WE": "weekend", "H": "hour", "MIN": "minute", "S": "second"}
_TEMPORAL_PREP = frozenset("""in since by until till from to through during before after of early late mid
and or between around about circa c. the year fiscal throughout within last next this""".split())
_DAY_FOLLOW_OK = frozenset("""of and or to through when where which as at in on with for but until till before after
while that than this last next from by - – — he she they it we i the""".split())


_AUX = frozenset("is was are were will would could should may might has have had did does saw marked "
                 "brought began ended".split())


@dataclass
class Result:
    type: str
    value: str
    anchor: str | None = None
    mod: str | None = None


@dataclass
class Anchor:
    year: int | None
    month: int | None = None
    day: int | None = None


class DocContext:
    def __init__(self, text: str, dct: dt.date | None, lex: Lexicon, tense_fn, hints=()):
        self.text = text
        self.dct = dct
        self.lex = lex
        self._tense_fn = tense_fn
        self.hints = list(hints)
        self.prev: Anchor | None = None        # last date mentioned with month (or day) precision
        self.prev_pos = -1
        self.prev_day: Anchor | None = None    # last date mentioned with day precision
        self.last_quarter: tuple[int | None, int] | None = None
        self.selecting = False
        self.start = self.end = 0
        self._sents = None
        self.prev_year: int | None = None     # last explicit year mentioned (any granularity)
        self.prev_year_pos = -1

    def note_quarter(self, y: int | None, q: int, fiscal: bool = False) -> None:
        """Remember the quarter a report is about, for "the quarter", "a year ago", "year-earlier".
        A calendar quarter that has not ended at the DCT ("a fourth-quarter charge" in November, "the
        third quarter of 1990" in 1989) is a forecast, not the reported period, unless reported in the
        past tense or named fiscal (fiscal quarters do not map onto the calendar)."""
        if y is not None and self.dct is not None:
            k, now = y * 4 + q, self.dct.year * 4 + quarter_of(self.dct)
            if k > now or k == now and not fiscal and self.tense() != "PAST":
                return
        self.last_quarter = (y, q)

    def sentence(self, pos: int) -> tuple[int, int]:
        if self._sents is None:
            self._sents = SentenceIndex(self.text)
        return self._sents.bounds(pos)

    def tense(self) -> str | None:
        t = self._tense_fn(self.start, self.end)
        return t.upper() if t else None

    def hinted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.hints)

    def word_before(self, start: int) -> str:
        m = re.search(r"([\w.'\u2019-]+)[\s,]*\Z", self.text[max(0, start - 40):start])
        return m.group(1) if m else ""

    def word_after(self, end: int) -> str:
        m = re.match(r"\s*([\w'\u2019-]+|[^\w\s])", self.text[end:end + 40])
        return m.group(1) if m else ""


# ---------------------------------------------------------------- helpers

def fmt(y, m=None, d=None) -> str:
    ys = "XXXX" if y is None else f"{y:04d}"
    if m is None:
        return ys
    ms = "XX" if m == "X" else f"{m:02d}"
    if d is None:
        return f"{ys}-{ms}"
    ds = "XX" if d == "X" else f"{d:02d}"
    return f"{ys}-{ms}-{ds}"


def fmt_date(d: dt.date) -> str:
    return d.isoformat()


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def safe_date(y, m, d):
    try:
        return dt.date(y, m, d)
    except (ValueError, TypeError):
        return None


def pick_year_for(month: int, day: int | None, dct: dt.date, tense: str | None, strict: str | None = None,
                  weekday: int | None = None) -> int:
    """Year for a year-less month (and day): the candidate closest to the DCT, where a distance
    against the direction implied by the tense counts WRONG_WAY times (1.5x for future with no tense);
    a weekday given with the date ("Monday, Oct. 26") must agree."""
    best = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        if day is None:
            delta = (y * 12 + month) - (dct.year * 12 + dct.month)
        else:
            cand = safe_date(y, month, day) or safe_date(y, month, 28)
            delta = (cand - dct).days
            if weekday is not None and cand.isoweekday() != weekday:
                delta += 10000 if delta >= 0 else -10000
        if strict == "before" and delta >= 0 or strict == "after" and delta <= 0 or strict == "not_after" and delta > 0:
            continue
        if strict is None and day is None and tense == "FUTURE" and delta < 0:
            continue    # "will be named in December" (in March): not last December
        cost = abs(delta)
        if strict is None:
            if tense == "PAST" and delta > 0 or tense == "FUTURE" and delta < 0:
                cost *= WRONG_WAY
            elif tense not in ("PAST", "FUTURE") and delta > 0:
                cost *= 1.5
        key = (cost, 0 if delta <= 0 else 1)
        if best is None or key < best[0]:
            best = (key, y)
    return best[1] if best else dct.year


WRONG_WAY = 3.0
SINCE_CLAUSE = re.compile(r"\bsince\b[^.,;:!?]*\Z", re.I)


def weekday_date(wd: int, dct: dt.date, tense: str | None, direction: str | None) -> dt.date:
    diff = wd - dct.isoweekday()
    if direction == "last":
        off = diff - 7 if diff >= 0 else diff
    elif direction == "next":
        off = diff + 7 if diff <= 0 else diff
    elif tense == "PAST":
        off = diff - 7 if diff > 0 else diff
    elif tense == "FUTURE":
        off = diff + 7 if diff < 0 else diff
    elif tense == "PRESENT":
        # "meet separately Monday", "plans to hold ... on Tuesday": the nearest such day
        off = min((diff - 7, diff, diff + 7), key=lambda o: (abs(o), o > 0))
    else:
        # no past/future marking: news reports mostly what happened, so the latest such day on or
        # before the DCT (TimeBank/AQUAINT: ~95% of bare weekdays are the DCT's day or before it)
        off = diff - 7 if diff > 0 else diff
    return dct + dt.timedelta(days=off)


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def season_code_of(month: int) -> tuple[int, str]:
    """(year offset, season) for a month; winter spanning the year end belongs to the December year."""
    if month in (3, 4, 5):
        return 0, "SP"
    if month in (6, 7, 8):
        return 0, "SU"
    if month in (9, 10, 11):
        return 0, "FA"
    return (0 if month == 12 else -1), "WI"


_SEASON_ORDER = ["SP", "SU", "FA", "WI"]


def year_from_2digits(s: str) -> int:
    n = int(s)
    return 1900 + n if n >= 30 else 2000 + n


def is_lower_word(s: str) -> bool:
    return s[:1].islower()


# ---------------------------------------------------------------- normalisers

def n_ymd(g, m, ctx):
    lex = ctx.lex
    year = ctx.lex.year(g["year"])
    if year is None:
        return None
    mon = g["month"]
    month = int(mon) if mon.isdigit() else lex.months.get(mon.lower().replace(" ", ""))
    if month is None or (not mon.isdigit() and is_lower_word(mon) and not ctx.text.isupper()
                         and mon.lower() in lex.ambiguous_months):
        return None
    day = int(g["day"])
    if not safe_date(year, month, day):
        return None
    if g.get("hour"):
        return Result("TIME", f"{fmt(year, month, day)}T{g['hour']}:{g['minute']}")
    set_prev(ctx, year, month, day)
    return Result("DATE", fmt(year, month, day))


def set_prev(ctx, y, m=None, d=None):
    if not ctx.selecting and y is not None:
        ctx.prev_year, ctx.prev_year_pos = y, ctx.start
    if not ctx.selecting and (m is not None):
        ctx.prev = Anchor(y, m, d)
        ctx.prev_pos = ctx.start
        if d is not None:
            ctx.prev_day = ctx.prev


def month_ok(mon: str, start: int, ctx, bare: bool) -> int | None:
    lex = ctx.lex
    key = mon.lower()
    month = lex.months.get(re.sub(r"\s+", "", key))
    if month is None:
        return None
    if is_lower_word(mon):
        return None
    if bare:
        if not key.endswith(".") and len(key) <= 4 and key not in ("may", "june", "july"):
            return None        # "Jan", "Sept" alone: too ambiguous
        if key in lex.ambiguous_months:
            before = ctx.word_before(start).lower()
            if before not in _TEMPORAL_PREP and not ctx.hinted(start, start + len(mon)):
                return None
    return month


def n_md(g, m, ctx):
    month = month_ok(g["month"], m.start("month"), ctx, bare=False)
    if month is None:
        return None
    day = int(g["day"])
    if not 1 <= day <= 31 or (month == 2 and day > 29) or (day == 31 and month in (4, 6, 9, 11)):
        return None
    # "March 3" where the month is ambiguous needs a capital letter (already checked)
    if ctx.dct is None:
        set_prev(ctx, None, month, day)
        return Result("DATE", fmt(None, month, day), "dct")
    wd = ctx.lex.weekdays.get(g["wd"].lower()) if g.get("wd") else None
    y = pick_year_for(month, day, ctx.dct, ctx.tense(), weekday=wd)
    set_prev(ctx, y, month, day)
    return Result("DATE", fmt(y, month, day), "dct")


def n_ym(g, m, ctx):
    month = month_ok(g["month"], m.start("month"), ctx, bare=False)
    if month is None:
        return None
    if g.get("rel"):
        if ctx.dct is None:
            return Result("DATE", fmt(None, month), "dct")
        y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        set_prev(ctx, y, month)
        return Result("DATE", fmt(y, month), "dct")
    y = ctx.lex.year(g["year"])
    set_prev(ctx, y, month)
    return Result("DATE", fmt(y, month))


def n_month(g, m, ctx):
    month = month_ok(g["month"], m.start("month"), ctx, bare=not g.get("dir"))
    if month is None:
        return None
    d = (g.get("dir") or "").lower()
    if d == "that" and ctx.prev and ctx.prev.year:
        set_prev(ctx, ctx.prev.year, month)
        return Result("DATE", fmt(ctx.prev.year, month), "previous")
    if ctx.dct is None:
        return Result("DATE", fmt(None, month), "dct")
    strict = {"last": "before", "past": "before", "next": "after", "coming": "after"}.get(d)
    since = ctx.word_before(m.start()).lower() == "since"
    if d == "this":
        y = ctx.dct.year
    else:  # "since March": a starting point, so not after the DCT
        y = pick_year_for(month, None, ctx.dct, ctx.tense(), "not_after" if since and strict is None else strict)
    s0, _ = ctx.sentence(m.start())
    if not SINCE_CLAUSE.search(ctx.text, s0, m.start()):  # a starting point is not the month the story is in
        set_prev(ctx, y, month)                          # ("since she took office in November ... the 16th")
    return Result("DATE", fmt(y, month), "dct")


def n_year(g, m, ctx):
    if g.get("yy"):
        y = year_from_2digits(g["yy"].lstrip("'"))
        return Result("DATE", fmt(y))
    if g.get("yw"):
        y = ctx.lex.year(g["yw"])
        return Result("DATE", fmt(y)) if y else None
    y = ctx.lex.year(g["year"])
    if y is None:
        return None
    txt = m.group(0)
    if txt[:1].isdigit():
        before = ctx.word_before(m.start()).lower()
        if re.search(r"\bNo\.?\s*\d+/\Z", ctx.text[max(0, m.start() - 12):m.start()]):
            return None           # "Press Release No. 07/2026": a number
        if _names_it(ctx.word_before(m.start()), ctx):
            return None           # "Vision 2050", "Agenda 2063": part of a name
        if before not in _TEMPORAL_PREP:
            after = ctx.word_after(m.end())
            if y < 1800:
                return None
            if after and after[0].islower() and after.endswith("s") and len(after) > 3 \
                    and after not in ("was", "has", "does", "sees", "marks", "seems"):
                return None       # "2000 troops"
            if after.lower() in ("to", "and", "or") and re.match(r"\s*\w+\s+\d{1,3}\b(?!\d)", ctx.text[m.end():m.end() + 20]):
                return None       # "1500 to 2000 ..." counts
            if after.lower() in ("people", "men", "women", "children", "feet", "meters", "metres", "miles",
                                 "tons", "tonnes", "dollars", "yen", "euros", "barrels", "acres", "kilometers"):
                return None
    set_prev(ctx, y)
    return Result("DATE", fmt(y))


_NOT_NAMES = _TEMPORAL_PREP | frozenset("""at on as but then fy for that these those its his her their our a an every
each with against over under into per while when like unlike than nor so yet if because although though whereas
later earlier since""".split())  # capitalised sentence openers and determiners, not names


def _names_it(word: str, ctx) -> bool:
    """A capitalised word right before a year that makes the year part of a name ("Vision 2050",
    "Agenda 2063", "Orion 1980"), not a preposition, month, season or weekday."""
    key = word.lower()
    return len(word) > 1 and word[0].isupper() and word.isalpha() and key not in _NOT_NAMES \
        and key not in ctx.lex.months and key not in ctx.lex.seasons and key not in ctx.lex.weekdays


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def n_decade(g, m, ctx):
    """ "the 1990s" -> 199 (the decade as a calendar unit); bare "1990s" ("in 1990s dollars",
    "1990s-era") -> 199X, as in TimeBank/AQUAINT."""
    if g.get("decw"):
        code = f"19{_DECADE_WORDS[g['decw'].lower()]}"
    elif g.get("dec"):
        code = g["dec"][:3]
    else:
        code = f"19{int(g['dec2']) // 10}"
    definite = m.group(0)[:3].lower() == "the" or re.search(
        r"\bthe\s+(?:(?:early|late|mid|middle\s+of\s+the|end\s+of\s+the|start\s+of\s+the)[\s-]*)?\Z",
        ctx.text[max(0, m.start() - 25):m.start()], re.I)
    return Result("DATE", code if definite else code + "X")


def n_century(g, m, ctx):
    o = g["ord"].lower()
    n = ctx.lex.ordinals.get(o)
    if n is None:
        n = int(re.match(r"\d+", o).group())
    if not 1 <= n <= 22:
        return None
    return Result("DATE", f"{n - 1:02d}")


def n_season(g, m, ctx, mod=None):
    code = ctx.lex.seasons[g["season"].lower()]
    d = (g.get("dir") or "").lower()
    if g.get("year"):
        return Result("DATE", f"{ctx.lex.year(g['year']):04d}-{code}")
    if not d:
        return None   # bare "fall", "spring": too ambiguous without a determiner or year
    if d in ("early", "late", "mid"):
        d = ""
    if d == "that" and ctx.prev and ctx.prev.year:
        return Result("DATE", f"{ctx.prev.year:04d}-{code}", "previous")
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{code}", "dct")
    off, cur = season_code_of(ctx.dct.month)
    cy = ctx.dct.year + off
    cur_i = cy * 4 + _SEASON_ORDER.index(cur)
    tgt = _SEASON_ORDER.index(code)
    cands = [(y * 4 + tgt, y) for y in (cy - 1, cy, cy + 1)]
    tense = ctx.tense()
    if ctx.word_before(m.start()).lower() == "since":  # "since the spring": a starting point, not ahead
        pick = max((c for c in cands if c[0] <= cur_i), default=cands[1])
    elif d in ("last", "past"):
        pick = max((c for c in cands if c[0] < cur_i), default=cands[0])
    elif d in ("next", "coming"):
        pick = min((c for c in cands if c[0] > cur_i), default=cands[-1])
    elif d == "this" or tense is None:
        pick = min(cands, key=lambda c: (abs(c[0] - cur_i), c[0] > cur_i))
    elif tense == "PAST":
        pick = max((c for c in cands if c[0] <= cur_i), default=cands[1])
    else:
        pick = min((c for c in cands if c[0] >= cur_i), default=cands[1])
    return Result("DATE", f"{pick[1]:04d}-{code}", "dct")


_Q_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _dets(g):
    det = g.get("det") or ""
    return det.lower()


def n_quarter(g, m, ctx):
    text = m.group(0).lower()
    year_back = 1 if re.search(r"year-(?:earlier|ago)|year\s+(?:earlier|ago)|a year ago|last year", text) else 0
    if g.get("qunit"):
        # "the quarter", "the latest period", "the year-earlier quarter"
        if g["qunit"].lower() == "period" and not ctx.selecting and ctx.last_quarter is None:
            return None
        det = _dets(g)
        words = set(text.split())
        if g.get("qyear2"):
            y = int(g["qyear2"])
            s0, s1 = ctx.sentence(m.start())
            if _LONG_PERIOD.search(ctx.text, s0, s1):
                return Result("DATE", fmt(y))     # "for the nine months ... in the 1988 period"
            q = ctx.last_quarter[1] if ctx.last_quarter else None
            return Result("DATE", f"{y:04d}-Q{q}" if q else f"{y:04d}-QX", "previous" if q else None)
        if ctx.dct is not None and (words & {"this", "current", "next"} or ctx.last_quarter is None):
            y, q = ctx.dct.year, quarter_of(ctx.dct)
            if not words & {"this", "current", "next"}:
                q -= 1                       # the reported quarter: the last complete one
                if q == 0:
                    y, q = y - 1, 4
            anchor = "dct"
        elif ctx.last_quarter is not None:
            y, q = ctx.last_quarter
            anchor = "previous"
        else:
            return Result("DATE", "XXXX-QX", "dct")
        if det in ("last", "previous") or "previous" in words:
            y, q = (y - 1, 4) if q == 1 else (y, q - 1)
        elif det == "next":
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        if y is not None:
            y -= year_back
        return Result("DATE", f"{fmt(y)}-Q{q}", anchor)
    if g.get("qn") or g.get("qn2"):
        q = int(g.get("qn") or g.get("qn2"))
    else:
        q = _Q_ORD.get(g["ord"].lower())
    y = g.get("year") or g.get("qyear")
    anchor = None
    if y:
        y = ctx.lex.year(y)
    elif g.get("qrel") and ctx.dct is not None:
        y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[g["qrel"].lower()]
        anchor = "dct"
    elif ctx.dct is not None:
        dq = ctx.dct.year * 4 + quarter_of(ctx.dct) - 1
        tense = ctx.tense()
        best = None
        for cy in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
            delta = cy * 4 + q - 1 - dq
            # a quarter named without a year in a report that is not about the future has begun
            # ("the fiscal first quarter" in October: the one that ended, not next year's)
            cost = abs(delta) * (2 if tense == "FUTURE" and delta < 0 else 100 if tense != "FUTURE" and delta > 0 else 1)
            if best is None or (cost, delta > 0) < best[0]:
                best = ((cost, delta > 0), cy)
        y = best[1]
        anchor = "dct"
    else:
        y = None
        anchor = "dct"
    if y is not None:
        y -= year_back
    if not ctx.selecting:
        ctx.note_quarter(y + year_back if y is not None else None, q, "fiscal" in text)
    return Result("DATE", f"{fmt(y)}-Q{q}", anchor)


def n_half(g, m, ctx):
    h = 1 if (g.get("ord") or g.get("qord") or "").lower() in ("first", "1st") else 2
    if not g.get("year") and not g.get("rel") and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None      # the half of something other than a year: "the last half of the '80s", "of the game"
    if g.get("year"):
        return Result("DATE", f"{ctx.lex.year(g['year']):04d}-H{h}")
    if ctx.dct is None:
        return Result("DATE", f"XXXX-H{h}", "dct")
    rel = (g.get("rel") or "").lower()
    y = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0)
    return Result("DATE", f"{y:04d}-H{h}", "dct")


def _shift_value(gran: str, base: dt.date | None, k: int, prev: Anchor | None = None) -> str:
    """Value of the calendar unit `gran` shifted by k from base."""
    if base is None:
        return {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
                "day": "XXXX-XX-XX", "decade": "XXX", "century": "XX", "quarter": "XXXX-QX"}[gran]
    if gran == "year":
        return fmt(base.year + k)
    if gran == "month":
        return fmt(*add_months(base.year, base.month, k))
    if gran in ("week", "weekend"):
        v = iso_week(base + dt.timedelta(weeks=k))
        return v + "-WE" if gran == "weekend" else v
    if gran == "day":
        return fmt_date(base + dt.timedelta(days=k))
    if gran == "decade":
        return f"{base.year // 10 + k:03d}"
    if gran == "century":
        return f"{base.year // 100 + k:02d}"
    if gran == "quarter":
        t = base.year * 4 + quarter_of(base) - 1 + k
        return f"{t // 4:04d}-Q{t % 4 + 1}"
    raise ValueError(gran)


def _prev_date(ctx) -> dt.date | None:
    p = ctx.prev
    if p is None or p.year is None:
        return None
    return safe_date(p.year, p.month or 1, p.day or 1)


def n_rel_unit(g, m, ctx):
    d = re.sub(r"\s+", " ", g["dir"].lower())
    unit = g["unit"].lower()
    gran = unit
    spans_it = unit in ("decade", "century") and d in ("the past", "the last") \
        and ctx.word_before(m.start()).lower() in ("over", "for", "throughout")
    if d == "past" or d in ("the past", "the last", "the next") and unit == "weekend" or spans_it:
        # "past decade", "over the past decade": the ten years up to now, not the 2010s
        if unit == "weekend":
            return Result("DURATION", "P1WE")
        code = {"week": "1W", "month": "1M", "year": "1Y", "decade": "10Y", "century": "100Y"}[unit]
        return Result("DURATION", f"P{code}")
    if d in ("the past", "the last", "the next"):
        # TimeBank: "over the past year", "for the last week", "the next year or so" are the calendar
        # unit before/after the DCT (DATE), like "last year"; plural "the past years" is a duration
        d = "next" if d == "the next" else "last"
    if d == "the" and getattr(ctx, "mod", None) in ("START", "MID", "END") and unit != "weekend":
        d = "this"
    if d == "the":
        if unit == "year":
            after = ctx.text[m.end():m.end() + 30].lower()
            if re.match(r"\s*(?:ended|ending|to\s+date|through|that\s+ended|which\s+ended)\b", after):
                return Result("DURATION", "P1Y")      # "the year ended Sept. 30"
            if ctx.dct is None:
                return Result("DATE", "XXXX", "dct")
            if re.match(r"\s*(?:before|earlier)\b", after):
                return Result("DATE", fmt(ctx.dct.year - 1), "dct")
            return Result("DATE", fmt(ctx.dct.year), "dct")   # "for the year", "a high for the year"
        if unit == "week":
            return Result("DATE", f"{fmt(ctx.dct.year if ctx.dct else None)}-WXX", "dct")
        if unit != "weekend":
            return None
    if d in ("that", "that same") and ctx.selecting:
        return Result("DATE", "XXXX")      # resolved in text order, once the previous dates are known
    if d in ("the following", "the previous", "the same", "that", "that same") and gran == "year" \
            and ctx.prev_year is not None and (ctx.prev is None or ctx.prev_year_pos > ctx.prev_pos):
        # "$1.5 billion in 1988 ... that year": the last year mentioned
        k = {"the following": 1, "the previous": -1}.get(d, 0)
        return Result("DATE", fmt(ctx.prev_year + k), "previous")
    if d in ("the following", "the previous", "the same", "that", "that same"):
        base = _prev_date(ctx)
        if base is None:
            return None if d == "that" else Result("DATE", _shift_value(gran, None, 0), "previous")
        k = {"the following": 1, "the previous": -1}.get(d, 0)
        return Result("DATE", _shift_value(gran, base, k), "previous")
    base = ctx.dct
    if unit == "weekend" and d in ("the", "this") and base is not None:
        tense = ctx.tense()
        wd = base.isoweekday()
        if d == "the" and tense == "PAST" and wd < 6:
            k = -1
        else:
            k = 0
        return Result("DATE", _shift_value(gran, base, k), "dct")
    k = {"this": 0, "current": 0, "the current": 0, "the latest": 0, "last": -1, "previous": -1, "next": 1,
         "coming": 1, "the coming": 1, "following": 1}.get(d)
    if k is None:
        return None
    if d == "last" and unit == "year" and (_FIGURE_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start())
                                           or _FIGURE_AFTER.match(ctx.text, m.end())):
        r = year_earlier(ctx, m.start())     # "$33 million last year", "last year's $1.55 billion"
        if r is not None:
            return r
    return Result("DATE", _shift_value(gran, base, k), "dct")


# a figure for a period just before "last year", or right after "last year's": a results comparison
_FIGURE_BEFORE = re.compile(r"(?:\d|million|billion|cents?|%|percent)\s*,?\s*\Z", re.I)
_FIGURE_AFTER = re.compile(r"(?:'s|\u2019s)\s+(?:\$|(?:comparable\s+|same\s+)?(?:quarter|period|results)\b)", re.I)


def n_rel_day(g, m, ctx):
    """ "that day", "the same day", "the next day", "the following morning": the last day-precise date
    mentioned (else the DCT), shifted."""
    d = re.sub(r"\s+", " ", g["dir"].lower())
    k = 1 if d in ("the next", "the following") else -1 if d in ("the previous", "the preceding") else 0
    if ctx.selecting:
        return Result("DATE", "XXXX-XX-XX")
    p = ctx.prev_day
    if p is not None and p.year is not None and safe_date(p.year, p.month, p.day):
        base, anchor = safe_date(p.year, p.month, p.day), "previous"
    elif k == 0:
        return None          # "that day" with no day mentioned before: generic ("strong redemptions that day")
    elif ctx.dct is not None:
        base, anchor = ctx.dct, "dct"
    else:
        return Result("DATE", "XXXX-XX-XX", "dct")
    day = base + dt.timedelta(days=k)
    unit = g["unit"].lower()
    if unit == "day":
        return Result("DATE", fmt_date(day), anchor)
    return Result("TIME", f"{fmt_date(day)}T{ctx.lex.pods[unit]}", anchor)


def n_year_end(g, m, ctx):
    """ "by year-end", "since year-end": 31 December of the DCT's year (the previous one after "since"
    or in the past tense early in the year)."""
    if ctx.dct is None:
        return Result("DATE", "XXXX-12-31", "dct")
    y = ctx.dct.year
    before = ctx.word_before(m.start()).lower()
    if before == "since" or ctx.tense() == "PAST" and ctx.dct.month <= 6:
        y -= 1
    return Result("DATE", f"{y:04d}-12-31", "dct")


def n_week_of(g, m, ctx):
    """ "the week of March 6": the ISO week containing that day."""
    r = n_md(g, m, ctx) if not g.get("year") else n_ymd(g, m, ctx)
    if r is None:
        return None
    v = r.value
    if not v[:4].isdigit():
        return Result("DATE", "XXXX-WXX", r.anchor)
    return Result("DATE", iso_week(dt.date.fromisoformat(v[:10])), r.anchor)


_LONG_PERIOD = re.compile(r"\b(?:(?:nine|six|9|6|twelve|12)[\s-]+months?|first\s+half|(?:the|fiscal|full|latest)[\s-]+year|"
                          r"(?:nine|six)[\s-]+month|year\s+to\s+date)\b(?!-)", re.I)


def year_earlier(ctx, pos: int) -> Result | None:
    """ "a year ago" / "a year earlier" / "year-earlier" in a results report: the reported quarter a
    year back ("profit rose to $5 million from $4 million a year earlier"), unless the sentence is about
    a longer period ("for the nine months ... a year earlier": the year). None: plain "a year ago"."""
    if ctx.last_quarter is None or ctx.last_quarter[0] is None:
        return None
    s0, s1 = ctx.sentence(pos)
    if _LONG_PERIOD.search(ctx.text, s0, s1):
        y = ctx.last_quarter[0] - 1
        return Result("DATE", fmt(y), "previous")
    y, q = ctx.last_quarter
    return Result("DATE", f"{y - 1:04d}-Q{q}", "previous")


def n_year_adj(g, m, ctx):
    """Adjectival "year-earlier" / "year-ago" ("year-earlier profit")."""
    r = year_earlier(ctx, m.start())
    if r is not None:
        return r
    if ctx.dct is None:
        return Result("DATE", "XXXX", "dct")
    return Result("DATE", fmt(ctx.dct.year - 1), "dct")


def n_ago(g, m, ctx):
    lex = ctx.lex
    n = lex.number(g["num"])
    if n is None:
        return None
    code = lex.units[g["unit"].lower()]
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    sign = -1 if rel in ("ago", "earlier", "back") else 1
    if n == "X":
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if code in ("H", "MIN", "S", "WE"):
        return None
    if isinstance(n, float):
        if not n.is_integer():
            return None
        n = int(n)
    gran = UNIT_GRAN[code]
    anchor = "dct"
    base = ctx.dct
    if gran == "year" and n == 1 and rel in ("ago", "earlier"):
        r = year_earlier(ctx, m.start())
        if r is not None:
            return r
    if rel == "later":
        pd = _prev_date(ctx)
        if pd is not None:
            base, anchor = pd, "previous"
    if gran == "decade":
        if base is None:
            return Result("DATE", "XXX", anchor)
        return Result("DATE", f"{(base.year - 10 * n if sign < 0 else base.year + 10 * n) // 10:03d}", anchor)
    if gran == "century":
        if base is None:
            return Result("DATE", "XX", anchor)
        return Result("DATE", f"{(base.year + sign * 100 * n) // 100:02d}", anchor)
    return Result("DATE", _shift_value(gran, base, sign * n), anchor)


def _dur_value(n, code: str) -> str:
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    if code in ("H", "MIN", "S"):
        if isinstance(n, float):
            whole, frac = int(n), n - int(n)
            sub = {"H": ("M", 60), "MIN": ("S", 60), "S": ("S", 1)}[code]
            return f"PT{whole}{'M' if code == 'MIN' else code}{round(frac * sub[1])}{sub[0]}"
        return f"PT{n}{'M' if code == 'MIN' else code}"
    if code in ("DE", "CE") and n != "X":
        return f"P{int(n * (10 if code == 'DE' else 100))}Y"
    if isinstance(n, float) and code in ("Y", "M"):
        whole, frac = int(n), n - int(n)
        sub = {"Y": ("M", 12), "M": ("D", 30)}[code]
        return f"P{whole}{code}{round(frac * sub[1])}{sub[0]}"
    return f"P{n}{code}"


def n_duration(g, m, ctx):
    lex = ctx.lex
    numtxt = g["num"].lower()
    n = lex.number(numtxt)
    if n is None:
        return None
    utxt = g["unit"].lower()
    code = lex.units[utxt]
    after = ctx.word_after(m.end()).lower()
    if numtxt in ("a", "an"):
        if code in ("S", "Q") or (code == "D" and ctx.word_before(m.start()).lower() in ("once", "twice", "times")):
            return None
        if code == "MIN" and after not in (".", ",", "or", "and", "ago", "later", "earlier"):
            return None
    if code == "Q" and after == "of":
        return None
    if isinstance(n, int) and n >= 1000 and numtxt.isdigit() and (g.get("det") or "").lower() == "the":
        return None      # "the 1988 quarter"
    if after in ("old", "older", "younger"):
        return None      # ages: "52 years old"
    before = ctx.word_before(m.start()).lower()
    if numtxt in ("a", "an") and (any(ch.isdigit() for ch in before) or before in (
            "million", "billion", "thousand", "hundred", "times", "once", "twice", "dollars", "cents")):
        return None      # rates: "$1.76 a year", "700 seats a week" (not a duration)
    if utxt[:1] != g["unit"][:1] and numtxt[:1].isdigit() and not ctx.text.isupper():
        return None      # "60 Minutes" (a title)
    det = (g.get("det") or "").lower()
    if det == "recent" and n == "X":
        return Result("DATE", "PAST_REF")
    if code == "WE":
        return None
    return Result("DURATION", _dur_value(n, code))


def n_duration_x(g, m, ctx):
    code = ctx.lex.units[g["unit"].lower()]
    if code == "WE":
        return None
    return Result("DURATION", _dur_value("X", code))


def n_set_every(g, m, ctx):
    lex = ctx.lex
    if g.get("wd"):
        return Result("SET", f"XXXX-WXX-{lex.weekdays[g['wd'].lower()]}")
    if g.get("month"):
        mon = month_ok(g["month"], m.start("month"), ctx, bare=False)
        return Result("SET", fmt(None, mon)) if mon else None
    if g.get("season"):
        return Result("SET", f"XXXX-{lex.seasons[g['season'].lower()]}")
    n = lex.number(g["num"]) if g.get("num") else 1
    if n is None or n == "X":
        return None
    if g.get("other"):
        n = 2
    code = lex.units[g["unit"].lower()]
    if code == "WE":
        return Result("SET", "XXXX-WXX-WE")
    return Result("SET", _dur_value(n, code))


# "the Communist Party daily Granma", "the daily said", "told the daily Kommersant": a newspaper
_PAPER_VERBS = {"said", "says", "reported", "reports", "wrote", "writes", "quoted", "quotes", "cited", "added"}


def is_newspaper(word: str, start: int, end: int, ctx) -> bool:
    """"daily"/"weekly" used as a noun for a newspaper, not as a frequency."""
    after = ctx.word_after(end)
    if after[:1].isupper() and "\n" not in ctx.text[end:end + 3]:
        return True
    before = ctx.word_before(start).lower()
    return before in ("the", "a") and (after in _PAPER_VERBS or after in {".", ",", ";", ":", ")", "'", '"'})


def n_set_word(g, m, ctx):
    word = g["setw"]
    if word.lower() in ("daily", "weekly") and is_newspaper(word, m.start("setw"), m.end("setw"), ctx):
        return None
    return Result("SET", ctx.lex.sets[word.lower()])


def n_set_wd(g, m, ctx):
    if g.get("wdp"):
        w = g["wdp"]
        if is_lower_word(w):
            return None
        return Result("SET", f"XXXX-WXX-{ctx.lex.weekdays[w[:-1].lower()]}")
    w = g["wd"]
    if is_lower_word(w):
        return None
    pod = ctx.lex.pods[g["podp"].lower()]
    return Result("SET", f"XXXX-WXX-{ctx.lex.weekdays[w.lower()]}T{pod}")


def _weekday_value(wd_txt, ctx, direction=None):
    wd = ctx.lex.weekdays[wd_txt.lower()]
    if ctx.dct is None:
        return None, f"XXXX-WXX-{wd}"
    d = weekday_date(wd, ctx.dct, ctx.tense(), direction)
    return d, fmt_date(d)


def n_weekday(g, m, ctx):
    w = g["wd"]
    if is_lower_word(w) and not ctx.text.isupper():
        return None
    d = (g.get("dir") or "").lower()
    direction = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next"}.get(d)
    date, val = _weekday_value(w, ctx, direction)
    if date is not None:
        set_prev(ctx, date.year, date.month, date.day)
    if g.get("pod"):
        return Result("TIME", f"{val}T{ctx.lex.pods[g['pod'].lower()]}", "dct")
    return Result("DATE", val, "dct")


def _day_base(g, ctx):
    """Date referred to by an optional weekday / relative-day group, else the DCT."""
    if g.get("wd"):
        return _weekday_value(g["wd"], ctx)
    off = 0
    if g.get("rel"):
        off = ctx.lex.reldays[g["rel"].lower()][0]
    if ctx.dct is None:
        return None, "XXXX-XX-XX"
    d = ctx.dct + dt.timedelta(days=off)
    return d, fmt_date(d)


def n_clock(g, m, ctx):
    if g.get("named"):
        hm = ctx.lex.pods[g["named"].lower()]
    else:
        h = int(g["hour"])
        mi = int(g["minute"] or 0)
        ap = (g.get("ampm") or "").lower()
        if ap.startswith("p") or ap.startswith("a"):
            if not 1 <= h <= 12:
                return None
            if ap.startswith("p") and h < 12:
                h += 12
            if ap.startswith("a") and h == 12:
                h = 0
        hm = f"{h:02d}:{mi:02d}"
    if g.get("month"):
        r = n_md({"month": g["month"], "day": g["day"]}, m, ctx)    # "5 p.m. EST Nov. 9"
        if r is None:
            return None
        return Result("TIME", f"{r.value}T{hm}", r.anchor)
    if not g.get("wd") and not g.get("rel") and ctx.prev_day is not None and ctx.prev_day.year is not None \
            and ctx.prev is ctx.prev_day and 0 <= ctx.start - ctx.prev_pos < 200:
        p = ctx.prev_day
        return Result("TIME", f"{fmt(p.year, p.month, p.day)}T{hm}", "previous")
    _, val = _day_base(g, ctx)
    return Result("TIME", f"{val}T{hm}", "dct")


def n_pod(g, m, ctx):
    pod = ctx.lex.pods[g["pod"].lower()]
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    if g["pod"].lower() == "overnight":
        off = -1
    else:
        off = {"this": 0, "today": 0, "yesterday": -1, "last": -1, "tomorrow": 1}.get(rel)
    if off is None:
        base = _prev_date(ctx)
        if base is None or ctx.prev.day is None:
            return None
        k = {"the previous": -1, "the following": 1}.get(rel, 0)
        return Result("TIME", f"{fmt_date(base + dt.timedelta(days=k))}T{pod}", "previous")
    if rel == "last" and pod != "NI" and pod != "EV":
        return None
    if ctx.dct is None:
        return Result("TIME", f"XXXX-XX-XXT{pod}", "dct")
    return Result("TIME", f"{fmt_date(ctx.dct + dt.timedelta(days=off))}T{pod}", "dct")


def _resolve_day_only(day: int, ctx):
    """Day of month without month: take the month of the previous date in the text, else the DCT's."""
    p = ctx.prev
    if ctx.prev_day is not None and (p is None or p.day is None) and ctx.start - ctx.prev_pos > 150:
        p = ctx.prev_day     # a month-only mention far back is a weaker anchor than the last full date
    if p is not None and p.month is not None:
        if safe_date(p.year or 2000, p.month, day) is None:
            return None
        return fmt(p.year, p.month, day), "previous"
    if ctx.dct is None:
        return fmt(None, "X", day), None
    y, mo = ctx.dct.year, ctx.dct.month
    if ctx.tense() == "PAST" and day > ctx.dct.day:
        y, mo = add_months(y, mo, -1)
    elif ctx.tense() == "FUTURE" and day < ctx.dct.day:
        y, mo = add_months(y, mo, 1)
    if safe_date(y, mo, day) is None:
        return None
    return fmt(y, mo, day), "dct"


def n_pod_date(g, m, ctx):
    pod = ctx.lex.pods[g["pod"].lower()]
    day = int(g["day"])
    if g.get("month"):
        month = month_ok(g["month"], m.start("month"), ctx, bare=False)
        if month is None:
            return None
        if g.get("year"):
            val, anchor = fmt(ctx.lex.year(g["year"]), month, day), None
        else:
            r = n_md({"month": g["month"], "day": g["day"]}, m, ctx)
            if r is None:
                return None
            val, anchor = r.value, r.anchor
    else:
        if not 1 <= day <= 31:
            return None
        r = _resolve_day_only(day, ctx)
        if r is None:
            return None
        val, anchor = r
    return Result("TIME", f"{val}T{pod}", anchor)


def n_relday(g, m, ctx):
    off, pod = ctx.lex.reldays[g["rel"].lower()]
    if g.get("ba"):
        off += -1 if g["ba"].lower() == "before" else 1
    if ctx.dct is None:
        val = "XXXX-XX-XX"
    else:
        d = ctx.dct + dt.timedelta(days=off)
        val = fmt_date(d)
        set_prev(ctx, d.year, d.month, d.day)
    if pod:
        return Result("TIME", f"{val}T{pod}", "dct")
    return Result("DATE", val, "dct")


def _holiday_date(rule: str, y: int) -> dt.date | None:
    if ":" in rule:
        mo, n, wd = (int(x) for x in rule.split(":"))
        days = [d for d in calendar.Calendar().itermonthdates(y, mo) if d.month == mo and d.isoweekday() == wd]
        return days[n - 1] if n > 0 else days[n]
    mo, d = (int(x) for x in rule.split("-"))
    return safe_date(y, mo, d)


def n_holiday(g, m, ctx):
    name = re.sub(r"\s+", " ", g["hol"].lower()).replace("\u2019", "'")
    rule = ctx.lex.holidays.get(name)
    if rule is None or is_lower_word(g["hol"]):
        return None
    if g.get("year"):
        d = _holiday_date(rule, ctx.lex.year(g["year"]))
        return Result("DATE", fmt_date(d)) if d else None
    if ctx.dct is None:
        if ":" in rule:
            return Result("DATE", "XXXX-XX-XX", "dct")
        return Result("DATE", "XXXX-" + rule, "dct")
    tense = ctx.tense()
    cands = [(d, (d - ctx.dct).days) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
             if (d := _holiday_date(rule, y))]
    if tense == "PAST":
        cands = [c for c in cands if c[1] <= 0] or cands
    elif tense == "FUTURE":
        cands = [c for c in cands if c[1] >= 0] or cands
    d = min(cands, key=lambda c: (abs(c[1]), c[1] > 0))[0]
    return Result("DATE", fmt_date(d), "dct")


def n_day_only(g, m, ctx):
    day = int(g["day"])
    if not 1 <= day <= 31:
        return None
    after = ctx.word_after(m.end())
    al = after.lower()
    if after and after[0].isalnum() and al not in _DAY_FOLLOW_OK and al not in ctx.lex.tense_cues \
            and not (al.endswith("ed") and after[0].islower()) and al not in _AUX:
        return None          # "the 28th floor", "the 5th Fleet"
    if after and after[0].isdigit():
        return None
    if ctx.selecting:
        return Result("DATE", "XXXX-XX-XX")
    r = _resolve_day_only(day, ctx)
    if r is None:
        return None
    val, anchor = r
    if val[:4].isdigit() and val[5:7].isdigit():  # "arrived on the 16th ... the following morning": the 17th
        set_prev(ctx, int(val[:4]), int(val[5:7]), day)
    return Result("DATE", val, anchor)


def n_ref(g, m, ctx):
    key = re.sub(r"\s+", " ", g["ref"].lower())
    val = ctx.lex.refs.get(key)
    if val is None:
        return None
    return Result("DATE", val)


NORMALISERS = {name[2:]: fn for name, fn in list(globals().items()) if name.startswith("n_") and callable(fn)}


def day_after_continuation(value: str, day: int) -> str | None:
    """Value for the second member of "July 28th and 29th" given the first member's value."""
    m = re.match(r"^(\w{4})-(\w\w)-\w\w", value)
    if not m or not 1 <= day <= 31:
        return None
    y, mo = m.group(1), m.group(2)
    if y.isdigit() and mo.isdigit() and safe_date(int(y), int(mo), day) is None:
        return None
    return f"{y}-{mo}-{day:02d}"
