"""What qualifies an intention, read with the lexicon: negation, certainty, a condition, reported
speech, and the hypothetical "would" that blocks it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.intentions.syntax import CLIMB, span


def negated(token: Token, lex: dict) -> bool:
    """Whether a negation ("not", "never") stands before or on the token."""
    return any(c.dep_ == "neg" or c.lower_ in lex["negations"] for c in token.children if c.i < token.i + 1)


def certainty(token: Token, lex: dict) -> str:
    """Possible, Probable or Asserted, by the hedges on the token."""
    hedges = lex["certainty"]
    values = [hedges[c.lower_] for c in token.children if c.dep_ in ("aux", "advmod") and c.lower_ in hedges]
    return "Possible" if "Possible" in values else "Probable" if values else "Asserted"


_CLAUSES = ("advcl", "conj", "ccomp", "acl", "relcl")  # where the parser hangs a clause after "in case"


def condition(verb: Token, lex: dict) -> Token | None:
    """The verb's conditional clause ("if Sweden joins", "in case it tries to"), if any."""
    marks = set(lex["condition_marks"])
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and _mark_text(m) & marks for m in child.children):
            return child
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for child in [*verb.children, *(c for o in objects for c in o.children)]:
        if child.dep_ == "prep" and _clause_after_mark(child, marks):  # "in case" parsed as a preposition
            return child
        if child.dep_ in _CLAUSES and _after_two_word_mark(child, marks):
            return child
    return None


def condition_span(clause: Token, lex: dict) -> Span:
    """The words of a conditional clause, with a two-word mark the parser left outside it ("in case")."""
    words = span(clause)
    if _after_two_word_mark(clause, set(lex["condition_marks"])):
        return clause.doc[clause.left_edge.i - 2 : words.end]
    return words


def _after_two_word_mark(clause: Token, marks: set[str]) -> bool:
    """A clause right after a two-word mark the parser took for a phrase of its own ("in case Sudan violates")."""
    start = clause.left_edge.i
    return start >= 2 and f"{clause.doc[start - 2].lower_} {clause.doc[start - 1].lower_}" in marks


def _clause_after_mark(preposition: Token, marks: set[str]) -> bool:
    noun = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if noun is None or f"{preposition.lower_} {noun.lower_}" not in marks:
        return False
    return any(c.dep_ in ("acl", "relcl", "advcl", "ccomp") for c in noun.children)


def _mark_text(mark: Token) -> set[str]:
    """The mark, alone and with the word after it (a two-word mark: "in case")."""
    following = mark.doc[mark.i + 1].lower_ if mark.i + 1 < len(mark.doc) else ""
    return {mark.lower_, f"{mark.lower_} {following}"}


def reported(verb: Token, lex: dict) -> bool:
    """The clause a reporting verb introduces ("said the alliance would not send troops"), or a
    clause conjoined to it ("said that talks were over and India would strike"): there "would" is
    the future told in the past, not a hypothetical."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in lex["attribution"]["verbs"]


def blocked(token: Token, lex: dict) -> bool:
    """Under "would" (hypothetical, unless it is reported speech's future), or in the "if" clause
    of a condition ("If Manila insists on ..., Beijing will respond": only the consequence is
    intended; the condition is kept as its text)."""
    node, steps = token, 0
    while steps < 4:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and _mark_text(c) & set(lex["condition_marks"]) for c in node.children
        ):
            return True
        if any(c.dep_ == "aux" and c.lower_ in lex["blocking_modals"] for c in node.children):
            # "I would like to say ...": a polite present wish, not a hypothetical
            return not reported(node, lex) and node.lemma_.lower() not in lex["polite_wish_verbs"]
        if node.dep_ in CLIMB and node.head.i != node.i:
            node, steps = node.head, steps + 1
            continue
        return False
    return False
