"""Wire-style datelines and designations, classes the statistical NER misses.

- A dateline at the start of a paragraph, "ADDIS ABABA, Feb. 13 (Example Wire) –" or
  "LIMA (Example Wire) -": the all-caps place is a GPE, the name in parentheses before
  the dash is the wire service, an ORG.
- A number word the NER took into the front of a name ("Two Royal Navy vessels") is a
  CARDINAL of its own.
- A type designation with digits followed by a capitalised name ("the P-8A Poseidon",
  "an MQ-9 Reaper") is one PRODUCT.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

DASHES = {"-", "–", "—", "--"}
DESIGNATION = re.compile(r"^[A-Z]{1,3}-?\d+[A-Z]?$|^[A-Z]{1,3}-\d+[A-Za-z]*$")
NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "dozens", "hundreds", "thousands", "several"}
AMOUNT_LABELS = {"MONEY", "PERCENT", "QUANTITY"}
APPROXIMATORS = {"nearly", "almost", "about", "around", "approximately", "roughly", "some"}
NAME_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT"}


GOVERNMENT_HEADS = {"Ministry", "Presidency", "Office", "Department", "Embassy", "Government", "Chancellery"}
# a release's dateline: "Malé, 18 February 2027 –" (a place in title case, then a date)
RELEASE_DATELINE = re.compile(r"(?m)^(?P<place>[A-Z][\w'.\-]*(?: [A-Z][\w'.\-]*){0,2}), (?=[^\n]{0,30}\d)"
                              r"[^\n()\u2013\u2014]{1,40}?\s*(?:\((?P<source>[^()\n]{1,40})\))?\s*(?:--|[\u2013\u2014])\s")


def release_home(doc: Doc) -> Span | None:
    """The country a government release speaks for, whose officials it need not name a country for: the
    country in its heading ("Ministry of Foreign Affairs / Republic of Maldives", "Presidency of the
    Republic of Senegal"), else the place of its dateline ("Malé, 18 February 2027 -"); None for other text."""
    offset = 0
    lines = doc.text[:600].split("\n")
    for k, line in enumerate(lines[:6]):  # "Ministry of Foreign Affairs" and, on it or the next line, the country
        if line.split(" ", 1)[0] in GOVERNMENT_HEADS:
            end = offset + len(line) + 1 + (len(lines[k + 1]) if k + 1 < len(lines) else 0)
            heading = [e for e in doc.ents if offset <= e.start_char < end
                       and (e.label_ == "GPE" or e.label_ == "ORG" and e._.country)]  # "Presidency of the Republic of X"
            if heading:
                return heading[0]
            break
        offset += len(line) + 1
    match = RELEASE_DATELINE.search(doc.text, 0, 600)
    if match is None or match.group("source") or match.group("place").isupper():
        return None  # "NAIROBI, March 3 (Wire) -": a wire story's dateline, not a government's
    return next((e for e in doc.ents if e.label_ == "GPE" and match.start("place") <= e.start_char < match.end("place")),
                None)


def paragraph_start(doc: Doc, i: int) -> bool:
    return i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text) or "\n" in doc[i - 1].whitespace_


def dateline(doc: Doc, timex_tokens: set[int] | frozenset[int]) -> list[Span]:
    """GPE and wire ORG spans of every dateline in `doc` (see the module doc)."""
    found = []
    for i, tok in enumerate(doc):
        if not (tok.is_upper and tok.is_alpha and len(tok) > 1 and paragraph_start(doc, i)):
            continue
        j = i
        while j < len(doc) and j - i < 4 and doc[j].is_upper and doc[j].is_alpha and len(doc[j]) > 1:
            j += 1
        k = j
        dated = False
        if k < len(doc) and doc[k].text == ",":
            k += 1
            while k < len(doc) and k in timex_tokens:
                k += 1
                dated = True
        wire = None
        if k < len(doc) and doc[k].text == "(":
            m = k + 1
            while m < len(doc) and m - k < 5 and (doc[m].text[:1].isupper() or doc[m].text[:1].isdigit()):
                m += 1
            if m > k + 1 and m + 1 < len(doc) and doc[m].text == ")" and doc[m + 1].text in DASHES:
                wire = Span(doc, k + 1, m, "ORG")
                k = m + 1
        if not (wire is not None or (dated and k < len(doc) and doc[k].text in DASHES)):
            continue
        found.append(Span(doc, i, j, "GPE"))
        if wire is not None:
            found.append(wire)
    return found


def split_counts(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Two Royal Navy vessels": CARDINAL "Two" + the name; "nearly $300 million", "up to 15 percent": the
    amount without the approximator (the guidelines' "pledged [$20 million]")."""
    out = []
    for e in ents:
        if e.label_ in AMOUNT_LABELS and len(e) > 1:
            k = e.start
            while k < e.end - 1 and (doc[k].lower_ in APPROXIMATORS or doc[k].lower_ == "up" and doc[k + 1].lower_ == "to"
                                     or doc[k].lower_ == "to" and k > e.start and doc[k - 1].lower_ == "up"):
                k += 1
            if k > e.start and any(t.like_num for t in doc[k:e.end]):
                e = Span(doc, k, e.end, e.label_)
        if e.label_ in NAME_LABELS and len(e) > 1 and e[0].lower_ in NUMBER_WORDS and e[1].text[:1].isupper():
            out.append(Span(doc, e.start, e.start + 1, "CARDINAL"))
            out.append(Span(doc, e.start + 1, e.end, e.label_, kb_id=e.kb_id_))
        else:
            out.append(e)
    return out


def designations(doc: Doc, ents: list[Span]) -> list[Span]:
    """"P-8A Poseidon": one PRODUCT over the designation and the name after it."""
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    extra = []
    for i, tok in enumerate(doc[:-1]):
        if not DESIGNATION.match(tok.text) or not any(c.isdigit() for c in tok.text):
            continue
        if i in taken and (taken[i].label_ not in {"PRODUCT", "CARDINAL", "ORG", "PERSON"} or taken[i].start < i):
            continue
        nxt = doc[i + 1]
        end = i + 1
        while end < len(doc) and end - i < 3 and doc[end].is_title and doc[end].is_alpha \
                and (end not in taken or taken[end].label_ in {"PERSON", "PRODUCT", "ORG"}) \
                and (end not in taken or taken[end].start >= i):
            end += 1
        if end == i + 1 or not nxt.is_title:
            continue
        if any(taken[k].end > end for k in range(i, end) if k in taken):
            continue
        extra.append(Span(doc, i, end, "PRODUCT"))
    if not extra:
        return ents
    covered = {k for x in extra for k in range(x.start, x.end)}
    return filter_spans([e for e in ents if not covered & set(range(e.start, e.end))] + extra)


def add_spans(ents: list[Span], extra: list[Span]) -> list[Span]:
    """`extra` replaces whatever it overlaps."""
    if not extra:
        return ents
    covered = {k for x in extra for k in range(x.start, x.end)}
    return filter_spans([e for e in ents if not covered & set(range(e.start, e.end))] + extra)
