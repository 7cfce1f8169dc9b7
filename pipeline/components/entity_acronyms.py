"""Acronyms: "Canadian Forces Europe (CFE)" links CFE to its long form (after scispacy's detector).

A parenthesised acronym right after an entity (or after a run of words whose
letters spell it, Schwartz & Hearst as in scispacy) gets the long form's label and kb_id, and so does every
other mention of that acronym in the document. Entities that are an
initialism of another multi-word entity in the document ("EWC" and
"East-West Center") are linked the same way.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z&]{2,10}$")
FUNCTION_WORDS = {"of", "the", "and", "for", "on", "in", "to", "at", "&", "de", "du", "des"}
PLACE_LABELS = {"GPE", "LOC", "NORP"}


def is_acronym(text: str) -> bool:
    """Two to ten letters, at least two of them capitals ("ROK", "RoK", "NATO")."""
    return bool(ACRONYM.match(text)) and not text.istitle()


def words(span: Span) -> list[str]:
    """The words of a span for initials: hyphenated parts split, possessives dropped."""
    out = []
    for tok in span:
        if tok.is_punct and tok.text != "&" or tok.text in {"'s", "’s"}:
            continue
        out.extend(part for part in tok.text.split("-") if part)
    return out


def spells(acronym: str, names: list[str]) -> bool:
    """Do the initials of `names` spell `acronym`? Function words may be skipped or used;
    an all-capitals word ("US") contributes all its letters."""
    target = acronym.upper()

    def match(ai: int, wi: int) -> bool:
        if wi == len(names):
            return ai == len(target)
        word = names[wi]
        optional = word.lower() in FUNCTION_WORDS
        piece = word.upper() if word.isupper() and len(word) <= 4 else word[0].upper()
        if target.startswith(piece, ai) and match(ai + len(piece), wi + 1):
            return True
        if len(piece) > 1 and target.startswith(piece[0], ai) and match(ai + 1, wi + 1):
            return True
        return optional and match(ai, wi + 1)

    return bool(names) and match(0, 0)


def hearst_start(acronym: str, text: str) -> int | None:
    """Schwartz & Hearst (2003): where in `text` the long form of `acronym` starts, or None.

    Every acronym character must occur in order, right to left, and the first
    one must begin a word.
    """
    li, si = len(text) - 1, len(acronym) - 1
    while si >= 0:
        char = acronym[si].lower()
        if not char.isalnum():
            si -= 1
            continue
        while li >= 0 and (text[li].lower() != char or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    return li + 1


def long_form_before(doc: Doc, paren: int, acronym: str, by_end: dict[int, Span]) -> Span | None:
    """The entity, or else the word run, ending just before "(" (a possessive may intervene)
    whose letters spell `acronym`."""
    end = paren - 1 if paren > 0 and doc[paren - 1].text in {"'s", "’s"} else paren
    ent = by_end.get(end)
    if ent is not None and hearst_start(acronym, ent.text) is not None:  # may skip a prefix: "Indian"
        return ent
    first = max(doc[paren].sent.start, end - min(len(acronym) + 5, 2 * len(acronym)))
    window = doc[first:end]
    offset = hearst_start(acronym, window.text)
    if offset is None:
        return None
    run = doc.char_span(window.start_char + offset, window.end_char, alignment_mode="expand")
    return run if run is not None and run[0].is_title else None


def label_for(run: Span, ents: list[Span], heads: set[str]) -> str | None:
    """Label of an untagged long form: ORG, unless it wraps a place name without any naming
    head word ("Free and Open <LOC>"): a named policy vision, LAW."""
    inside = [e for e in ents if run.start <= e.start and e.end <= run.end]
    if not inside or not all(e.label_ in PLACE_LABELS for e in inside):
        return "ORG"
    covered = {i for e in inside for i in range(e.start, e.end)}
    rest = [t for t in run if t.i not in covered]
    return "LAW" if rest and not any(t.text in heads for t in rest) else None


def link_acronyms(doc: Doc, ents: list[Span], heads: set[str]) -> list[Span]:
    """Entities with parenthesised and other acronyms linked to their long forms
    (`heads`: words that make a run an organisation name, e.g. "Council")."""
    by_end = {e.end: e for e in ents}
    links: dict[str, Span] = {}
    new_long: list[Span] = []
    for i in range(1, len(doc) - 2):
        if doc[i - 1].text == "(" and doc[i + 1].text == ")" and is_acronym(doc[i].text):
            long = long_form_before(doc, i - 1, doc[i].text, by_end)
            if long is None:
                continue
            if not long.label_:
                label = label_for(long, ents, heads)
                if label is None:
                    continue
                long = Span(doc, long.start, long.end, label, kb_id=f"ACR:{long.text}")
                new_long.append(long)
            links.setdefault(doc[i].text, long)
    if new_long:
        covered = {t for s in new_long for t in range(s.start, s.end)}
        ents = [e for e in ents if not any(t in covered for t in range(e.start, e.end))] + new_long
    for ent in ents:
        if is_acronym(ent.text) and ent.text not in links and not ent.kb_id_:
            long = next((o for o in ents if o.end - o.start > 1 and o.label_ not in PLACE_LABELS | {"PERSON"}
                         and spells(ent.text, words(o))), None)
            if long is not None:
                links[ent.text] = long
    return relabel(doc, ents, links)


def relabel(doc: Doc, ents: list[Span], links: dict[str, Span]) -> list[Span]:
    """Give every mention of a linked acronym (tagged or not) its long form's label and kb_id."""
    if not links:
        return ents
    kb = {acr: long.kb_id_ or f"ACR:{long.text}" for acr, long in links.items()}
    long_ids = {(long.start, long.end): kb[acr] for acr, long in links.items()}
    out = []
    for ent in ents:
        if ent.text in links and ent.end - ent.start == 1:
            out.append(Span(doc, ent.start, ent.end, links[ent.text].label_, kb_id=kb[ent.text]))
        elif (ent.start, ent.end) in long_ids and not ent.kb_id_:
            out.append(Span(doc, ent.start, ent.end, ent.label_, kb_id=long_ids[(ent.start, ent.end)]))
        else:
            out.append(ent)
    taken = {t for e in out for t in range(e.start, e.end)}
    for tok in doc:
        if tok.text in links and tok.i not in taken:
            out.append(Span(doc, tok.i, tok.i + 1, links[tok.text].label_, kb_id=kb[tok.text]))
    return out
