"""Small helpers on the dependency parse: phrases, action spans, to-infinitives and subjects."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.common import left_subject

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLIMB = ("conj", "xcomp", "acomp", "aux", "auxpass")
MAX_ACTION = 14  # tokens of an action phrase

_ACTION_SKIP = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "csubj",
        "aux",
        "auxpass",
        "mark",
        "punct",
        "advcl",
        "relcl",
        "parataxis",
        "cc",
        "conj",
        "npadvmod",
    }
)
_SUBJECT_CLIMB = (*CLIMB, "ccomp", "advcl", "acl", "relcl", "dobj", "pobj", "prep", "attr")


def span(token: Token) -> Span:
    """The token's whole subtree."""
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def action_span(head: Token, *, with_negation: bool = False) -> Span:
    """The action's verb phrase: the head and its objects, without subject, modals, or side clauses."""
    skip = set(_ACTION_SKIP)
    if not with_negation:
        skip.add("neg")
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    keep = [head]
    for child in head.children:
        if subject is not None and child.i < subject.i:
            continue  # a clause-initial adjunct ("despite Wagner's announcement, Russia will ...")
        if (
            child.dep_ not in skip
            or (child.dep_ == "neg" and with_negation)
            or (child.dep_ == "aux" and child.tag_ == "TO")
        ):
            keep.extend(child.subtree)
    keep = [t for t in keep if not (t.dep_ == "aux" and t.tag_ == "TO")]
    start = min(t.i for t in keep)
    end = min(max(t.i for t in keep) + 1, start + MAX_ACTION)
    while end > start + 1 and head.doc[end - 1].is_punct:
        end -= 1
    return head.doc[start:end]


def has_to(token: Token) -> bool:
    """Whether the token is a to-infinitive ("to deploy")."""
    return any(c.tag_ == "TO" and c.dep_ == "aux" for c in token.children)


def after_object(main: Token, clause: Token) -> bool:
    """Whether the main verb has an object, particle or modifier before the clause."""
    return any(c.dep_ in ("dobj", "prep", "prt", "advmod") and c.i < clause.i for c in main.children)


def subject_of(token: Token) -> Token | None:
    """The subject of the token's clause, climbing through complements and conjuncts."""
    node = token
    for _ in range(5):
        subject = next((c for c in node.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if node.head.i == node.i:
            return left_subject(node, token)
        if node.dep_ not in _SUBJECT_CLIMB:
            return None
        if node.dep_ == "relcl":
            return node.head
        node = node.head
    return None


def first_person(token: Token | None, lex: dict) -> bool:
    """A first-person pronoun ("we", "our", "I"); not the name "US", which lower-cases to "us"."""
    return token is not None and token.pos_ == "PRON" and token.lower_ in lex["first_person"]["pronouns"]
