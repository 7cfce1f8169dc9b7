"""Trigger lexicon: models/events/triggers.tsv compiled into one spaCy Matcher plus dependency checks.

All cue heads share one Matcher pattern (a lemma set), so matching costs one pass over the
tokens whatever the lexicon's size; "a > b" / "a >> b" conditions are then checked on the
matched head's children or subtree, and "a - b" sequences get patterns of their own.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from pipeline.components.relation_entities import read_tsv



@dataclass(frozen=True)
class Cue:
    """One lexicon row, parsed: head lemmas, optional dependent lemmas (`op` ">" child, ">>" descendant)."""

    pattern: str
    pos: str
    type: str
    mode: str | None
    frame: str
    flags: frozenset[str]
    confidence: float
    heads: frozenset[str]
    op: str | None = None
    dependents: frozenset[str] = frozenset()

    @property
    def words(self) -> frozenset[str]:
        """Every lemma the cue names (its own words are never its arguments)."""
        return self.heads | self.dependents


@dataclass(frozen=True)
class Trigger:
    """A cue found in a Doc: its head token and the character span it covers."""

    cue: Cue
    head: Token
    start_char: int
    end_char: int


def _cue(row: list[str]) -> Cue:
    pattern, pos, type_, mode, frame, flags, confidence = (row + [""] * 7)[:7]
    op = ">>" if " >> " in pattern else ">" if " > " in pattern else None
    heads, dependents = (pattern.split(f" {op} ") if op else (pattern.split()[-1], ""))
    return Cue(pattern, pos, type_, mode or None, frame, frozenset(flags.split(",")) - {""}, float(confidence),
               frozenset(heads.split("|")), op, frozenset(dependents.split("|")) - {""})


class TriggerLexicon:
    """Find trigger cues in a Doc; one trigger per head token (the longest cue wins)."""

    def __init__(self, vocab: Vocab, path: Path) -> None:
        self.by_head: dict[str, list[Cue]] = {}
        self.matcher = Matcher(vocab)
        for row in read_tsv(path):
            cue = _cue(row)
            parts = cue.pattern.split()
            if cue.op is None and len(parts) > 1:  # a token sequence such as "co - develop"
                key = f"SEQ {cue.pattern}"
                self.matcher.add(key, [[{"LOWER": p} if p == "-" else {"LEMMA": {"IN": p.split("|")}} for p in parts]])
                self.by_head[key] = [cue]
                continue
            for lemma in cue.heads:
                self.by_head.setdefault(lemma, []).append(cue)
        heads = sorted(k for k in self.by_head if not k.startswith("SEQ "))
        self.matcher.add("HEAD", [[{"LEMMA": {"IN": heads}}]])

    def find(self, doc: Doc) -> list[Trigger]:
        """Triggers in document order."""
        best: dict[int, Trigger] = {}
        for key, start, end in self.matcher(doc):
            name = doc.vocab.strings[key]
            if name != "HEAD":
                cue = self.by_head[name][0]
                last = doc[end - 1]
                self._keep(best, Trigger(cue, last, doc[start].idx, last.idx + len(last)))
                continue
            head = doc[start]
            for cue in self.by_head.get(head.lemma_, []):
                trigger = self._check(cue, head)
                if trigger is not None:
                    self._keep(best, trigger)
        return sorted(best.values(), key=lambda t: t.head.i)

    @staticmethod
    def _check(cue: Cue, head: Token) -> Trigger | None:
        """The trigger if `head` meets the cue's part of speech and dependent conditions (an active
        subject is never the dependent; a passive one is: "talks were held")."""
        if cue.pos != "ANY" and head.pos_ != cue.pos:
            return None
        if {"infinitive", "no_infinitive"} & cue.flags:
            has = any(t.dep_ in {"xcomp", "acl", "advcl"} and t.tag_ == "VB"
                      and any(c.lower_ == "to" for c in t.children) for t in head.subtree)
            if has != ("infinitive" in cue.flags):
                return None
        if "transitive" in cue.flags and not any(t.dep_ in {"dobj", "nsubjpass", "agent"} for t in head.children):
            return None       # "backed the plan", "was backed by": not "backed away", "backed down"
        end_char = head.idx + len(head)
        if cue.op is None:
            return Trigger(cue, head, head.idx, end_char)
        pool = head.children if cue.op == ">" else (t for t in head.subtree if t.i != head.i)
        dep = next((t for t in pool if t.lemma_.casefold() in cue.dependents and t.dep_ != "nsubj"), None)
        if dep is None:
            return None
        if abs(dep.i - head.i) > 3:
            return Trigger(cue, head, head.idx, end_char)
        first, last = (head, dep) if head.i < dep.i else (dep, head)
        return Trigger(cue, head, first.idx, last.idx + len(last))

    @staticmethod
    def _keep(best: dict[int, Trigger], trigger: Trigger) -> None:
        """Keep, per head token, the more specific cue (one with a dependent, then the longer pattern,
        then higher confidence)."""
        old = best.get(trigger.head.i)

        def rank(t: Trigger) -> tuple[bool, int, float]:
            return t.cue.op is not None, len(t.cue.pattern), t.cue.confidence

        if old is None or rank(trigger) > rank(old):
            best[trigger.head.i] = trigger
