"""status of an event mention: occurred, planned, negated or hypothetical, from the verb group and the date."""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Token

PLANNED_AUX = frozenset({"will", "shall", "would", "'ll"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
LIKELIHOOD_WORDS = frozenset({"likely", "unlikely"})  # "is likely to reimpose"
PLANNING_VERBS = frozenset({"intend", "plan", "aim", "seek", "expect", "hope", "want", "agree", "decide", "prepare",
                            "schedule", "propose", "invite"})
NEGATORS = frozenset({"not", "n't", "never", "no"})


def status(trigger: Token, date_value: str | None, dct: str | None) -> str:
    """"would be upgraded" -> planned, "did not sign" -> negated, "if ... could" -> hypothetical."""
    node = trigger
    for _ in range(3):
        children = list(node.children)
        if any(c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ == "advmod" for c in children):
            return "negated"
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children) \
                or any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in children):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in PLANNED_AUX for c in children):
            return "planned"
        if node.dep_ == "xcomp" and node.head.lower_ in LIKELIHOOD_WORDS:
            return "hypothetical"
        if node.dep_ == "xcomp" and node.head.lemma_ in PLANNING_VERBS:
            return "planned"
        if node.dep_ in {"acl", "advcl"} and (node.head.lemma_ == "invitation" or any(
                c.dep_ == "dobj" and c.lemma_ == "invitation" for c in node.head.children)):
            return "planned"  # "extended an invitation to X to visit Y", "accepted an invitation to attend"
        purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ not in {"xcomp", "conj", "amod", "compound"} and not purpose or node.head.i == node.i:
            break  # (an infinitive of purpose shares its clause's negation: "we are not here to sign")
        node = node.head
    if date_value and dct and date_value[:1].isdigit() and first_day(date_value) > dct[:10]:
        return "planned"
    return "occurred"


def first_day(value: str) -> str:
    """A comparable calendar day for a TIMEX3 value: "2025-W14" is the Monday of that ISO week, "2025-SP"
    the first of March, "2025-Q3" the first of July (as strings they would sort after every "2025-0x-xx")."""
    week = re.match(r"(\d{4})-W(\d{2})", value)
    if week:
        try:
            return date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
        except ValueError:
            return value[:4]
    part = re.match(r"(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])\b", value)  # "2026-SP" starts in March
    if part:
        return f"{part[1]}-{PART_STARTS[part[2]]}-01"
    return value[:10]


PART_STARTS = {"SP": "03", "SU": "06", "FA": "09", "AU": "09", "WI": "12", "Q1": "01", "Q2": "04", "Q3": "07",
               "Q4": "10", "H1": "01", "H2": "07"}
