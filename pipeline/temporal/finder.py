"""Extent detection and the generic engine: run the rule regexes, attach modifiers,
resolve overlaps, then normalise in text order (so "the 28th" can use the previous date)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from .lexicon import Lexicon, get_lexicon
from .normalise import NORMALISERS, DocContext, day_after_continuation
from .patterns import TOKEN, Rule, load_rules
from .tense import SentenceIndex, guess_tense


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str           # DATE | TIME | DURATION | SET
    value: str          # TIMEX3 value
    mod: str | None = None
    anchor: str | None = None   # "dct", "previous" or None


_OR_SO = re.compile(r"\s+or\s+so(?!\w)", re.I)
_CONT = re.compile(
    r"(?:\s*,\s*|\s+)(?:and|or|to|through|&|-|\u2013)\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w%]|[.,:]\d|\s*(?:%|percent|per\s*cent))"
    r"|\s*[-\u2013]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?![\w%]|[.,:]\d)", re.I)
WINDOW_BEFORE = 60     # chars a match may start before its trigger word
WINDOW_AFTER = 90      # chars a match may end after its trigger word starts
_CONT_RULES = frozenset({"md", "mdy_prefix"})
_DUR_RULES = frozenset({"duration", "ago", "duration_x"})


class Tagger:
    def __init__(self, model_dir: str | None = None):
        self.lex: Lexicon = get_lexicon(model_dir)
        self.rules: list[Rule] = load_rules(self.lex)

    # -- candidates ---------------------------------------------------------
    def _candidates(self, text: str):
        """Run each rule only in windows around its trigger words (one tokenisation pass)."""
        positions: dict[str, list[int]] = {}
        for t in TOKEN.finditer(text):
            w = t.group()
            key = "#digit" if w[0].isdigit() else w.lower()
            positions.setdefault(key, []).append(t.start())
        present = positions.keys()
        cands = []
        n = len(text)
        for rule in self.rules:
            trig = rule.triggers
            hits = []
            for w in (trig & present) if len(trig) > len(present) else (w for w in present if w in trig):
                hits.extend(positions[w])
            if not hits:
                continue
            hits.sort()
            seen = set()
            ws = we = -1
            windows = []
            for p in hits:
                a, b = max(0, p - WINDOW_BEFORE), min(n, p + WINDOW_AFTER)
                if a <= we:
                    we = b
                else:
                    if we >= 0:
                        windows.append((ws, we))
                    ws, we = a, b
            windows.append((ws, we))
            rx = rule.regex
            for a, b in windows:
                for m in rx.finditer(text, a, b):
                    s0 = m.start()
                    if s0 in seen:
                        continue
                    if b < n:
                        m = rx.match(text, s0)      # re-match on the full text (no window truncation)
                        if m is None:
                            continue
                    if m.end() > s0:
                        seen.add(s0)
                        cands.append((s0, m.end(), rule, m))
        return cands

    def _attach_mod(self, text, start, end, rule):
        """Extend a match leftwards over a modifier phrase ("early", "about", "the end of")."""
        m = self.lex.mod_re.search(text, max(0, start - 25), start)
        mod = None
        if m:
            phrase = re.sub(r"\s+", " ", m.group(1).lower())
            val, scope = self.lex.mods[phrase]
            body = text[start:end].lower()
            is_dur = rule.type == "DURATION" or rule.norm in _DUR_RULES
            ok = scope == "any" or (scope == "point" and not is_dur and rule.type != "SET") \
                or (scope == "dur" and is_dur and not body.startswith("the "))
            if ok and phrase in ("some", "over", "under", "within") and not re.match(r"[\d\w]", body):
                ok = False
            if ok and phrase in ("earlier", "later", "earlier in", "later in", "early in", "late in") \
                    and not re.match(r"(this|last|next|the|that)\b", body):
                ok = False
            if ok:
                start, mod = m.start(1), val
        m2 = _OR_SO.match(text, end)
        if m2 and rule.norm in ("duration", "rel_unit", "year", "ago", "duration_x"):
            end = m2.end()
            mod = mod or "APPROX"
        return start, end, mod

    def find(self, text: str, dct: dt.date | None, hints: Sequence[tuple[int, int]] = (),
             tenses: Callable | None = None) -> list[Timex]:
        if not text:
            return []
        lex = self.lex
        sents = None

        def tense_fn(s, e):
            nonlocal sents
            if tenses is not None:
                t = tenses(s, e)
                if t:
                    return str(t).upper()
            if sents is None:
                sents = SentenceIndex(text)
            return guess_tense(text, sents, s, e, lex.tense_cues)

        ctx = DocContext(text, dct, lex, tense_fn, hints)
        ctx.selecting = True
        scored = []
        for s, e, rule, m in self._candidates(text):
            ctx.start, ctx.end = s, e
            ctx.mod = None
            fn = NORMALISERS[rule.norm]
            if fn(m.groupdict(), m, ctx) is None:
                continue
            s2, e2, mod = self._attach_mod(text, s, e, rule)
            scored.append((s2, e2, rule, m, mod))
        scored.sort(key=lambda c: (-(c[1] - c[0]), c[2].priority, c[0]))
        taken = bytearray(len(text) + 1)
        chosen = []
        for c in scored:
            s, e = c[0], c[1]
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            chosen.append(c)
        chosen.sort(key=lambda c: c[0])

        ctx.selecting = False
        out: list[Timex] = []
        for s, e, rule, m, mod in chosen:
            ctx.start, ctx.end = m.start(), m.end()
            ctx.mod = mod
            res = NORMALISERS[rule.norm](m.groupdict(), m, ctx)
            if res is None:
                continue
            out.append(Timex(s, e, text[s:e], res.type, res.value, res.mod or mod, res.anchor))
            if rule.name in ("md", "mdy", "dm") or rule.name == "pod_of":
                cm = _CONT.match(text, e)
                if cm:
                    day = int(cm.group("day") or cm.group("day2"))
                    ds, de = (cm.start("day"), cm.end()) if cm.group("day") else (cm.start("day2"), cm.end())
                    if not any(taken[ds:de]):
                        base = res.value.split("T")[0]
                        val = day_after_continuation(base, day)
                        if val is not None and int(base[8:10]) < day:
                            if rule.name == "mdy":
                                val2, anchor2 = val, None
                            else:
                                val2, anchor2 = val, "previous"
                            if "T" in res.value:
                                val2 = val2 + "T" + res.value.split("T", 1)[1]
                            taken[ds:de] = b"\x01" * (de - ds)
                            out.append(Timex(ds, de, text[ds:de], res.type, val2, None, anchor2))
        return out


_DEFAULT: Tagger | None = None


def default_tagger() -> Tagger:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Tagger()
    return _DEFAULT


def find_timexes(text: str, dct: dt.date | None, hints: Sequence[tuple[int, int]] = (),
                 tenses: Callable | None = None) -> list[Timex]:
    """Tag and normalise the temporal expressions of `text`.

    dct     -- document creation time; None keeps anchored values unresolved (XXXX-...).
    hints   -- optional (start, end) spans a statistical NER tagged DATE/TIME; used only to
               accept otherwise too-ambiguous bare mentions ("May") inside them.
    tenses  -- optional callback tenses(start, end) -> "PAST" | "PRESENT" | "FUTURE" | None giving the
               tense governing the expression at text[start:end]; None falls back to the built-in
               word-cue heuristic.
    """
    return default_tagger().find(text, dct, hints, tenses)
