"""Label repair from the words around a span: classes of NER errors that the context settles.

- A name-label span with no capitalised letter or digit is no name ("channel" tagged LOC).
- An abbreviation of a common instrument noun ("MoU", "MOU") is no entity: it stands for
  "the memorandum", not for a name.
- A name right after a vessel noun ("the research vessel [Oruç Reis]", "the frigate [X]")
  is a PRODUCT (a ship); right after "exercise"/"drill" (with or without a comma: "their
  first maritime exercise, [Samudra Shield],") it is an EVENT.
- A compass adjective glued to a LOC ("Eastern" + "Mediterranean") is part of its name.
- A city: a capitalised token (run) no span covers, or one tagged PERSON/ORG/NORP, after a
  place preposition ("in", "at", ...) that is a national capital or a city of 100,000 by
  its GeoNames main name is a GPE ("in Abuja, Nigeria", "in Thessaloniki"). An all-capital
  paragraph-initial dateline city followed by a dash ("DAKAR – ...") is a GPE.
- The capitalised head word of an organisation named in the document, alone mid-sentence
  ("Forum members" after "the Pacific Islands Forum"), is a short form of it when exactly
  one organisation of the document ends in that word (SHORT_HEADS only: a "Ministry" or
  "Council" alone is too often another body).
- A single word in parentheses right after an ORG, tagged PERSON, NORP, LOC or PRODUCT ("the
  Maritime Security Agency (Bakamla)"), is the organisation's short name: ORG.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.entity_places import city_name, major_city
from pipeline.components.entity_relabel import PLACE_PREPS, affiliation_roles

NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
NOT_ENTITIES = {"MoU", "MOU", "MoUs", "MOUs", "MoC", "LoI"}
VESSEL_NOUNS = {"vessel", "ship", "frigate", "destroyer", "corvette", "cruiser", "submarine", "carrier",
                "tanker", "freighter", "icebreaker", "cutter", "warship", "trawler", "yacht", "ferry",
                "flagship", "boat"}
EXERCISE_NOUNS = {"exercise", "exercises", "drill", "drills", "wargame", "war-game"}
COMPASS = {"Eastern", "Western", "Northern", "Southern", "Central", "East", "West", "North", "South"}
DASHES = {"-", "–", "—", "--"}
ROLES = frozenset(affiliation_roles())
SHORT_HEADS = {"Forum", "Alliance", "Union", "Community", "Organization", "Organisation", "Platform", "Bloc"}


def _name_token(tok) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or "'" in tok.text)


def _is_city(text: str, strict: bool) -> bool:
    return major_city(text) or (not strict and city_name(text))


def context_labels(doc: Doc, ents: list[Span], timex_tokens=frozenset()) -> list[Span]:
    """`ents` with the repairs of the module doc."""
    out: list[Span] = []
    for e in ents:
        if e.label_ in NAME_LABELS and not any(c.isupper() or c.isdigit() for c in e.text):
            continue
        if e.text in NOT_ENTITIES:
            continue
        out.append(_person_before_role(doc, _relabel(doc, e)))
    out = _compass(doc, out)
    found = _cities(doc, out, timex_tokens)
    covered = {i for f in found for i in range(f.start, f.end)}
    out = filter_spans([e for e in out if not covered & set(range(e.start, e.end))] + found)
    out = _repeat_cities(doc, out)
    return _short_forms(doc, _paren_short_names(doc, out))


def _relabel(doc: Doc, e: Span) -> Span:
    if e.label_ not in {"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"} or e.kb_id_:
        return e
    if not all(_name_token(t) or t.text in {"-", "’s"} for t in e):
        return e
    j = e.start - 1
    comma = j >= 0 and doc[j].text == ","
    if comma:
        j -= 1
    if j < 0:
        return e
    word = doc[j].lower_
    if word in VESSEL_NOUNS and not comma:
        return Span(doc, e.start, e.end, "PRODUCT")
    if word in EXERCISE_NOUNS and (not comma or e.end >= len(doc) or doc[e.end].text in {",", ".", "in"}):
        return Span(doc, e.start, e.end, "EVENT")
    return e


def _person_before_role(doc: Doc, e: Span) -> Span:
    """"said Semi Ratu, a political scientist at ...": a two- or three-word name (not a known
    place or body) followed by ", a/an [words] <affiliation role> at/in/with" is a PERSON."""
    if e.label_ not in {"GPE", "ORG", "NORP", "LOC"} or e.kb_id_ or not 2 <= len(e) <= 3 \
            or not all(t.is_alpha and t.is_title for t in e) or _is_city(e.text, strict=False):
        return e
    k = e.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in {"a", "an"}:
        return e
    for j in range(k + 2, min(k + 6, len(doc) - 1)):
        if doc[j].lemma_.lower() in ROLES or doc[j].lower_.rstrip("s") in ROLES:
            if doc[j + 1].lower_ in {"at", "in", "with", "of"}:
                return Span(doc, e.start, e.end, "PERSON")
            return e
    return e


def _compass(doc: Doc, ents: list[Span]) -> list[Span]:
    starts = {e.start for e in ents}
    ends = {e.end for e in ents}
    out = []
    for e in ents:
        k = e.start - 1
        if e.label_ == "LOC" and k >= 0 and doc[k].text in COMPASS and k not in ends and k not in starts:
            out.append(Span(doc, k, e.end, "LOC"))
        else:
            out.append(e)
    return out


def _cities(doc: Doc, ents: list[Span], timex_tokens) -> list[Span]:
    """City names after a place preposition (untagged or mis-tagged) and bare datelines."""
    by_start = {e.start: e for e in ents}
    by_end = {e.end: e for e in ents}
    covered = {i for e in ents for i in range(e.start, e.end)}
    found = []
    for i, tok in enumerate(doc):
        if i == 0 or not _name_token(tok):
            continue
        prev = doc[i - 1].lower_
        after_place = prev in {"and", "or"} and i > 1 and by_end.get(i - 1) is not None \
            and by_end[i - 1].label_ == "GPE"
        if prev not in PLACE_PREPS | {"between"} and not after_place:
            continue
        ent = by_start.get(i)
        if ent is not None:
            if ent.label_ in {"PERSON", "ORG", "NORP"} and not ent.kb_id_ and len(ent) <= 3 \
                    and _is_city(ent.text, strict=False) and not _name_continues(doc, ent.end):
                found.append(Span(doc, ent.start, ent.end, "GPE"))
            continue
        if i in covered:
            continue
        end = i + 1
        while end < len(doc) and end - i < 3 and end not in covered and end not in timex_tokens \
                and _name_token(doc[end]):
            end += 1
        if i not in timex_tokens and not _name_continues(doc, end) and _is_city(doc[i:end].text, strict=True):
            found.append(Span(doc, i, end, "GPE"))
            by_end[end] = found[-1]
    for i, tok in enumerate(doc):
        if not (tok.is_upper and tok.is_alpha and len(tok) > 2) or i in covered:
            continue
        if not (i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text) or "\n" in doc[i - 1].whitespace_):
            continue
        end = i + 1
        while end < len(doc) and end - i < 3 and doc[end].is_upper and doc[end].is_alpha:
            end += 1
        if end < len(doc) and doc[end].text in DASHES and _is_city(doc[i:end].text.title(), strict=True):
            found.append(Span(doc, i, end, "GPE"))
    return found


def _repeat_cities(doc: Doc, ents: list[Span]) -> list[Span]:
    """Other untagged occurrences of a city found here ("Lomé mediation stalls" in a headline
    when the text later says "in Lomé") are the same GPE."""
    cities = {e.text: e for e in ents if e.label_ == "GPE" and not e.kb_id_ and _is_city(e.text, strict=False)}
    covered = {i for e in ents for i in range(e.start, e.end)}
    extra = []
    for f in cities.values():
        n = len(f)
        for i in range(len(doc) - n + 1):
            if i not in covered and doc[i].text == f[0].text and doc[i:i + n].text == f.text \
                    and not any(k in covered for k in range(i, i + n)) and not _name_continues(doc, i + n):
                extra.append(Span(doc, i, i + n, "GPE"))
                covered.update(range(i, i + n))
    return sorted(ents + extra, key=lambda s: s.start)


def _name_continues(doc: Doc, i: int) -> bool:
    """A capitalised word follows: the city word is part of a longer name ("in Abuja Declaration")."""
    return i < len(doc) and _name_token(doc[i])


def _paren_short_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """"<ORG> (Word)": the word is the organisation's short name (same kb_id), whether the NER
    tagged it PERSON/NORP/LOC/PRODUCT or not at all."""
    by_end = {e.end: e for e in ents}
    by_start = {e.start: e for e in ents}
    covered = {i for e in ents for i in range(e.start, e.end)}
    keyed: dict[tuple[int, int], str] = {}
    short: list[Span] = []
    for i in range(2, len(doc) - 1):
        if doc[i - 1].text != "(" or doc[i + 1].text != ")" or not _name_token(doc[i]):
            continue
        long = by_end.get(i - 1)
        if long is None or long.label_ != "ORG" or len(long) < 2:
            continue
        e = by_start.get(i)
        if e is not None and not (e.end == i + 1 and not e.kb_id_
                                  and e.label_ in {"PERSON", "NORP", "LOC", "PRODUCT", "WORK_OF_ART"}):
            continue
        if e is None and i in covered:
            continue
        kb = long.kb_id_ or f"ACR:{long.text}"
        keyed[(long.start, long.end)] = kb
        short.append(Span(doc, i, i + 1, "ORG", kb_id=kb))
    if not short:
        return ents
    starts = {s.start for s in short}
    out = [Span(doc, e.start, e.end, e.label_, kb_id=keyed[(e.start, e.end)])
           if (e.start, e.end) in keyed and not e.kb_id_ else e for e in ents if e.start not in starts]
    return sorted(out + short, key=lambda s: s.start)


def _short_forms(doc: Doc, ents: list[Span]) -> list[Span]:
    longs: dict[str, list[Span]] = {}
    for e in ents:
        if e.label_ == "ORG" and len(e) > 1 and e[-1].text in SHORT_HEADS:
            longs.setdefault(e[-1].text, []).append(e)
    if not longs:
        return ents
    covered = {i for e in ents for i in range(e.start, e.end)}
    extra, keyed = [], {}
    for tok in doc:
        named = longs.get(tok.text)
        if not named or tok.i in covered or tok.is_sent_start or len({n.text for n in named}) != 1:
            continue
        first = named[0]
        if first.start > tok.i or (tok.i + 1 < len(doc) and (doc[tok.i + 1].lower_ == "of" or _name_token(doc[tok.i + 1]))) \
                or (tok.i > 0 and _name_token(doc[tok.i - 1])):
            continue
        kb = first.kb_id_ or f"ACR:{first.text}"
        keyed[first.text] = kb
        extra.append(Span(doc, tok.i, tok.i + 1, "ORG", kb_id=kb))
    if not extra:
        return ents
    out = [Span(doc, e.start, e.end, e.label_, kb_id=keyed[e.text]) if e.label_ == "ORG" and e.text in keyed
           and not e.kb_id_ else e for e in ents]
    return sorted(out + extra, key=lambda s: s.start)
