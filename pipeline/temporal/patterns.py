"""Compile the rule table (models/temporal/rules.tsv) into regexes, once."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, read_tsv

_PLACEHOLDER = re.compile(r"%([a-z]+)")


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    norm: str
    priority: int
    regex: re.Pattern
    triggers: frozenset      # lower-case words (or "#digit") of which one must occur near a match


def expand(pattern: str, lex: Lexicon) -> str:
    def sub(m):
        key = m.group(1)
        if key not in lex.placeholders:
            raise KeyError(f"unknown placeholder %{key} in rule pattern")
        return lex.placeholders[key]
    return _PLACEHOLDER.sub(sub, pattern)


_END = r"(?![\w])(?!(?-i:-[a-z]))"
TOKEN = re.compile(r"[A-Za-z]+|\d+")


def _table_words(key: str, lex: Lexicon) -> set[str]:
    if key == "yearw":
        return {"eighteen", "nineteen", "thousand"}
    if key == "weekdayp":
        return {w + "s" for w in lex.weekdays if not w.endswith(".")}
    table = {"month": lex.months, "weekday": lex.weekdays, "unit": lex.units, "season": lex.seasons,
             "pod": lex.pods, "set": lex.sets, "relday": lex.reldays, "ref": lex.refs,
             "holiday": lex.holidays}[key]
    words = set()
    for phrase in table:
        words.update(t.lower() for t in TOKEN.findall(phrase))
    return words


def load_rules(lex: Lexicon) -> list[Rule]:
    rules = []
    for i, row in enumerate(read_tsv(lex.dir / "rules.tsv")):
        name, typ, norm, trig, pattern = row[:5]
        body = expand(pattern, lex)
        rx = re.compile(r"(?<![\w])(?:%s)%s" % (body, _END), re.I)
        words = set()
        for t in trig.split():
            if t.startswith("%"):
                words |= _table_words(t[1:], lex)
            else:
                words.add(t.lower())
        rules.append(Rule(name, typ, norm, i, rx, frozenset(words)))
    return rules
