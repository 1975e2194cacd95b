"""What qualifies an intention, read with the lexicon: negation, certainty, a condition, reported
speech, and the hypothetical "would" that blocks it."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.intentions.syntax import CLIMB


def negated(token: Token, lex: dict) -> bool:
    """Whether a negation ("not", "never") stands before or on the token."""
    return any(c.dep_ == "neg" or c.lower_ in lex["negations"] for c in token.children if c.i < token.i + 1)


def certainty(token: Token, lex: dict) -> str:
    """Possible, Probable or Asserted, by the hedges on the token."""
    hedges = lex["certainty"]
    values = [hedges[c.lower_] for c in token.children if c.dep_ in ("aux", "advmod") and c.lower_ in hedges]
    return "Possible" if "Possible" in values else "Probable" if values else "Asserted"


def condition(verb: Token, lex: dict) -> Token | None:
    """The verb's conditional clause ("if Sweden joins"), if any."""
    marks = set(lex["condition_marks"])
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children):
            return child
    return None


def reported(verb: Token, lex: dict) -> bool:
    """The clause a reporting verb introduces ("said the alliance would not send troops"): there
    "would" is the future told in the past, not a hypothetical."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lex["attribution"]["verbs"]


def blocked(token: Token, lex: dict) -> bool:
    """Under "would" (hypothetical, unless it is reported speech's future) or in a question-like
    or relative clause of a non-actor."""
    node, steps = token, 0
    while steps < 4:
        if any(c.dep_ == "aux" and c.lower_ in lex["blocking_modals"] for c in node.children):
            # "I would like to say ...": a polite present wish, not a hypothetical
            return not reported(node, lex) and node.lemma_.lower() not in lex["polite_wish_verbs"]
        if node.dep_ in CLIMB and node.head.i != node.i:
            node, steps = node.head, steps + 1
            continue
        return False
    return False
