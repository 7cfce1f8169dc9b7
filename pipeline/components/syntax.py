"""Small reads of the dependency parse that several stages share."""
from __future__ import annotations

from spacy.tokens import Token


def clause_verb(token: Token) -> Token:
    """The nearest verb at or above `token` (the root if there is none)."""
    node = token
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node
