"""Where a lexicon cue's action is: one finder per kind the cue `takes` (infinitive, gerund,
clause, object infinitive, object, means, preposition, subject)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.intentions.syntax import action_span, has_to, span


def find_action(tokens: list[Token], entry: dict, lex: dict) -> tuple[Span | None, list[Token]]:
    """Where the cue's action is, in the order of the entry's `takes`, with the targets it names."""
    below = _below(tokens)
    for kind in entry.get("takes", []):
        found = _ACTION_FINDERS[kind](tokens, below, lex)
        if found is not None:
            return found
    return None, []


def _below(tokens: list[Token]) -> list[Token]:
    """The cue's dependents, and the objects of its prepositions."""
    cue_ids = {t.i for t in tokens}
    below = [c for t in tokens for c in t.children if c.i not in cue_ids]
    below += [g for c in below if c.dep_ == "prep" and c.i not in cue_ids for g in c.children]
    below += [g for t in tokens if t.dep_ == "prep" for g in t.children if g.i not in cue_ids]
    return below


def _infinitive(tokens, below, lex):
    for child in below:
        if (
            child.pos_ in ("VERB", "AUX")
            and child.dep_ in ("xcomp", "ccomp", "advcl", "acl", "pcomp")
            and has_to(child)
        ):
            objects = [c for c in below if c.dep_ in ("pobj", "dobj", "dative") and c.i < child.i]
            return action_span(child), objects
    for child in below:  # "to de-escalate": a split word leaves the verb without its "to"
        if child.pos_ == "VERB" and child.dep_ in ("xcomp", "advcl") and _to_before(child, tokens[-1]):
            return action_span(child), [c for c in below if c.dep_ in ("pobj", "dobj") and c.i < child.i]
    if tokens[-1].lower_ == "to":
        verb = tokens[-1].head
        if verb.pos_ in ("VERB", "AUX") and verb.i > tokens[-1].i:
            return action_span(verb), []
    return None


def _to_before(verb: Token, cue_end: Token) -> bool:
    """Whether a "to" stands after the cue, among the three words before the verb."""
    return verb.i > cue_end.i and any(t.lower_ == "to" for t in verb.doc[max(cue_end.i, verb.i - 3) : verb.i])


def _gerund(tokens, below, lex):
    for child in below:
        if child.tag_ == "VBG" and child.dep_ in ("xcomp", "dobj", "pcomp", "ccomp", "pobj"):
            return action_span(child), []
    return None


def _clause(tokens, below, lex):
    for child in below:
        if child.dep_ == "ccomp" and _clausal(child) and child.i > tokens[-1].i:
            return action_span(child), [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass", "amod")]
    return None


def _clausal(head: Token) -> bool:
    """A verb, or a that-clause whose subjunctive verb the parser took for a noun ("demanded that Madagascar hand over")."""
    return head.pos_ in ("VERB", "AUX") or any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)


def _object_infinitive(tokens, below, lex):
    for child in below:
        if child.dep_ in ("ccomp", "xcomp") and has_to(child):
            subject = [c for c in child.children if c.dep_ == "nsubj"]
            objects = [c for c in below if c.dep_ in ("dobj", "dative")]
            if subject or objects:
                return action_span(child), subject + objects
    return None


def _object(tokens, below, lex):
    for child in below:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN"):
            return span(child), []
    return None


def _means(tokens, below, lex):
    """ "threatened Pakistan with surgical strikes": what the cue threatens with is the action, its
    object the target."""
    for child in below:
        if child.dep_ == "pobj" and child.head.lower_ in lex["means_prepositions"] and child.head.head in tokens:
            objects = [c for c in below if c.dep_ == "dobj"]
            return span(child), objects
    return None


def _preposition(tokens, below, lex):
    preps = set(lex["noun_prepositions"])
    for child in below:
        if child.dep_ in ("pobj", "pcomp") and (child.head.lower_ in preps or child.head in tokens):
            return span(child), []
    return None


def _subject(tokens, below, lex):
    """ "On NATO's agenda is approving ...": the clause the noun's phrase belongs to states the action."""
    verb = tokens[0].head.head if tokens[0].dep_ == "pobj" else tokens[0].head
    if verb.lemma_ != "be":
        return (action_span(verb), []) if verb.pos_ == "VERB" and verb.i > tokens[0].i else None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.i != tokens[0].i), None)
    return (action_span(subject), []) if subject is not None else None


_ACTION_FINDERS = {
    "infinitive": _infinitive,
    "gerund": _gerund,
    "clause": _clause,
    "object_infinitive": _object_infinitive,
    "object": _object,
    "means": _means,
    "preposition": _preposition,
    "subject": _subject,
}
