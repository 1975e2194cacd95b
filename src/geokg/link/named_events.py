"""Named events as entities: the wars, invasions, summits and referendums a text names, so that an
analyst can ask which documents mention the Cold War or the 2014 annexation of Crimea.

English names an event in two ways (the nouns are in nlp/data/named_events.json):

- a proper name: capitalised words, years or ordinals ending in a capitalised event noun ("the
  Cold War", "the Second Nagorno-Karabakh War", "World War III", "the Warsaw Summit"), or a
  capitalised event noun before "of" and a name ("the Battle of Ilovaisk"); the recogniser's EVENT
  spans are proper names too;
- a definite description: a lower-case event noun made definite by "the" or a possessive, and
  specific by a named participant or place: its possessor, a modifier, or the object of "of",
  "in" ... ("Russia's invasion of Ukraine", "the 2014 annexation of Crimea", "the CSTO summit",
  "the war in Ukraine"). An indefinite one names no event ("a Russian invasion of Taiwan would").

A named event is an entity the document mentions (`gk:NamedEvent`, one IRI per name across the
build), not a `gk:Event` fact: the event extractor reports what a sentence says happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from geokg.extract.common import lexicon
from geokg.keys import local_key
from geokg.link.linker import LinkedMention, clean_name, title_case
from geokg.model import Entity

KIND = "NamedEvent"
_NAMING_KINDS = frozenset(
    {"State", "Alliance", "InternationalOrganization", "Organization", "Person", "Place", "StateGroup"}
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NUMBERING = re.compile(r"[IVX]{1,4}|[1-9]")  # "World War II", "World War 2"


def named_events(doc: Doc, linked: Sequence[LinkedMention]) -> tuple[LinkedMention, ...]:
    """Every named event of the document, once per stretch of text (the longest name wins)."""
    named = _named_tokens(doc, linked)
    spans = sorted((*_proper_names(doc), *_descriptions(doc, named)), key=lambda span: (span.start, -len(span)))
    found: list[LinkedMention] = []
    end = 0
    for span in spans:
        if span.start < end:
            continue
        end = span.end
        label = _name(span)
        entity = Entity(local_key(KIND, label), KIND, label)
        found.append(LinkedMention(entity, span.start_char, span.end_char, "EVENT"))
    return tuple(found)


def _name(span: Span) -> str:
    """The event's name: the span without the words that judge it ("illegal", "unprovoked") and
    the comma after one, nor a leading "the"."""
    judging = lexicon("named_events")["evaluative_modifiers"]
    kept, skip_comma = [], False
    for token in span:
        if token.lower_ in judging and token.i != span.root.i:
            skip_comma = True
            continue
        if not (skip_comma and token.text == ","):
            kept.append(token.text_with_ws)
        skip_comma = False
    return clean_name("".join(kept))


def _named_tokens(doc: Doc, linked: Sequence[LinkedMention]) -> frozenset[int]:
    """The tokens inside a mention of a state, place, organisation or person."""
    tokens: set[int] = set()
    for mention in linked:
        if mention.entity.kind in _NAMING_KINDS:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                tokens.update(range(span.start, span.end))
    return frozenset(tokens)


# --- proper names -----------------------------------------------------------------------------


def _proper_names(doc: Doc) -> Iterator[Span]:
    words = lexicon("named_events")
    for token in doc:
        if not token.is_title or title_case(token.sent):
            continue
        if token.lower_ in words["proper_heads"]:
            span = _name_ending_at(token)
        elif token.lower_ in words["head_first"]:
            span = _name_starting_at(token)
        else:
            continue
        if span is not None:
            yield span
    for ent in doc.ents:
        if ent.label_ == "EVENT" and ent.text[:1].isupper() and not title_case(ent.sent):
            yield ent[1:] if ent[0].lower_ == "the" else ent


def _name_ending_at(head: Token) -> Span | None:
    """ "the Second Nagorno-Karabakh War": capitalised words, years, ordinals and the hyphens
    between them before the head; a numeral after it ("World War II")."""
    doc, start = head.doc, head.i
    while start > head.sent.start and _inside_proper_name(doc, start - 1):
        start -= 1
    while start < head.i and doc[start].text == "-":
        start += 1
    if start == head.i:
        return None
    end = head.i + 1
    if end < len(doc) and _NUMBERING.fullmatch(doc[end].text):
        end += 1
    return Span(doc, start, end, label=KIND)


def _inside_proper_name(doc: Doc, at: int) -> bool:
    token = doc[at]
    if token.text == "-" and at > 0:
        return doc[at - 1].is_title and not token.whitespace_
    if token.pos_ in ("VERB", "AUX", "DET", "PRON", "ADP", "CCONJ", "PUNCT"):
        return False
    return (
        token.is_title
        or (token.is_upper and token.is_alpha)
        or _YEAR.fullmatch(token.text) is not None
        or _ordinal(token)
    )


def _ordinal(token: Token) -> bool:
    return token.lower_ in lexicon("named_events")["ordinals"]


def _name_starting_at(head: Token) -> Span | None:
    """ "the Battle of Ilovaisk", "the Fall of the Berlin Wall": "of", then capitalised words."""
    doc, at = head.doc, head.i + 1
    if at >= len(doc) or doc[at].lower_ != "of":
        return None
    at += 1
    if at < len(doc) and doc[at].lower_ == "the":
        at += 1
    end = at
    while end < len(doc) and (doc[end].is_title or (doc[end].text == "-" and end > at)) and doc[end].sent == head.sent:
        end += 1
    while end > at and doc[end - 1].text == "-":
        end -= 1
    return Span(doc, head.i, end, label=KIND) if end > at else None


# --- definite descriptions ----------------------------------------------------------------------


def _descriptions(doc: Doc, named: frozenset[int]) -> Iterator[Span]:
    words = lexicon("named_events")
    for head in doc:
        if head.pos_ != "NOUN" or not head.is_lower or head.lower_ not in words["descriptive_heads"]:
            continue
        span = _description(head, named, words)
        if span is not None:
            yield span


def _description(head: Token, named: frozenset[int], words: dict) -> Span | None:
    """ "Russia's full-scale invasion of Ukraine": the head with its possessor and modifiers, and the
    first argument phrase that names someone or somewhere; None unless definite and named."""
    determiners = [c.lower_ for c in head.children if c.dep_ == "det"]
    possessors = [c for c in head.children if c.dep_ == "poss"]
    if any(d in words["indefinite_determiners"] for d in determiners) or not (determiners or possessors):
        return None
    names = lambda token: any(t.i in named for t in token.subtree)
    left = [
        c for c in head.lefts if c.dep_ in ("amod", "compound", "nummod", "nmod") or (c.dep_ == "poss" and names(c))
    ]
    is_argument = lambda c: c.lower_ in words["argument_prepositions"] and _object(c, named) is not None
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    argument = next((c for c in head.rights if c.dep_ == "prep" and is_argument(c)), None)
    if argument is None and following is not None and following.dep_ == "prep" and is_argument(following):
        argument = following  # the parser hung "in B" on the verb: right after the noun, it is the noun's
    if argument is None and not any(names(c) for c in left):
        return None
    start = min((c.left_edge.i for c in left), default=head.i)
    obj = _object(argument, named) if argument is not None else None
    end = _argument_end(obj, named) if obj is not None else head.i + 1
    return Span(head.doc, start, end, label=KIND)


def _object(preposition: Token, named: frozenset[int]) -> Token | None:
    """The preposition's object when its noun phrase names someone or somewhere: the object itself
    or a word before it ("of Ukraine", "of the Crimean peninsula"), not a phrase after it
    ("against one of Russia's satellites")."""
    for obj in preposition.children:
        if obj.dep_ == "pobj" and any(t.i in named for t in obj.doc[obj.left_edge.i : obj.i + 1]):
            return obj
    return None


def _argument_end(obj: Token, named: frozenset[int]) -> int:
    """Where the argument phrase ends: after its object and the name it is part of ("of the Berlin
    Wall"), leaving out a relative clause or a coordinated second object."""
    end = obj.i + 1
    while end < len(obj.doc) and end in named and end - 1 in named and not obj.doc[end].is_punct:
        end += 1
    return end
