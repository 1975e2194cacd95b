"""Abbreviations defined in the text: "the International Space Station (ISS)", "Enhanced Forward
Presence (EFP)". The short form in brackets right after a name whose capitalised words it spells
(the Schwartz and Hearst rule, PSB 2003, restricted to initials) names the same entity there and
everywhere else in the document, so "ISS" and "the International Space Station" are one entity,
not two. A long form the recogniser missed becomes a mention of its own.

Only entities the reference KB does not know are merged: an abbreviation the KB knows (NATO, OSCE)
is linked by the KB already.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from geokg.extract.common import lexicon
from geokg.keys import local_key
from geokg.link.linker import LinkedMention, clean_name
from geokg.model import Entity
from geokg.nlp.parsed import text_of

_SHORT_FORM = re.compile(r"[A-Z][A-Z0-9]{1,6}")
_LOCAL = re.compile(r"[a-z]+:")  # the key of an entity the KB does not know ("organization:iss")


def with_abbreviations(doc: Doc, linked: Sequence[LinkedMention]) -> tuple[LinkedMention, ...]:
    """The mentions, each short form linked to its long form's entity, and missed long forms added."""
    defined: dict[str, Entity] = {}
    added: list[LinkedMention] = []
    for short, long in _definitions(doc):
        entity, abbreviated = _entity_of(long, linked), _entity_of(short, linked)
        if entity is None and abbreviated is not None and _LOCAL.match(abbreviated.key):
            name = clean_name(long.text)
            entity = Entity(local_key(abbreviated.kind, name), abbreviated.kind, name)
            added.append(LinkedMention(entity, long.start_char, long.end_char, "ABBREVIATED"))
        if entity is not None:
            defined.setdefault(short.text, entity)
    relinked = [_relinked(mention, doc, defined) for mention in linked]
    return tuple(sorted([*relinked, *added], key=lambda m: (m.start, m.end)))


def _definitions(doc: Doc) -> list[tuple[Span, Span]]:
    """(short form, long form) for each "long form (SHORT)" of the document."""
    found = []
    for at in range(1, len(doc) - 2):
        if doc[at].text != "(" or doc[at + 2].text != ")" or not _SHORT_FORM.fullmatch(doc[at + 1].text):
            continue
        long = _long_form(doc, at, doc[at + 1].text)
        if long is not None:
            found.append((doc[at + 1 : at + 2], long))
    return found


def _long_form(doc: Doc, bracket: int, short: str) -> Span | None:
    """The words before the bracket whose capitalised words' initials spell `short`, or None."""
    connectors = lexicon("names")["abbreviation_connectors"]
    letters = [c for c in short if c.isalpha()]
    start, initials = bracket, []
    while start > 0 and len(initials) < len(letters):
        word = doc[start - 1]
        if _inside_hyphenated(doc, start - 1):
            pass  # "-operation" of "Co-operation"
        elif word.text[0].isupper() and word.is_alpha:
            initials.insert(0, word.text[0])
        elif word.lower_ not in connectors or start == bracket:
            return None
        start -= 1
    if [c.upper() for c in initials] != letters:
        return None
    return doc[start:bracket]


def _inside_hyphenated(doc: Doc, at: int) -> bool:
    """The token is a hyphen inside a word, or the part after one ("Co-operation")."""
    hyphen = at if doc[at].text == "-" else at - 1
    return hyphen > 0 and doc[hyphen].text == "-" and not doc[hyphen - 1].whitespace_ and not doc[hyphen].whitespace_


def _entity_of(span: Span, linked: Sequence[LinkedMention]) -> Entity | None:
    """The entity of a mention covering the span's words (a leading "the" aside)."""
    for mention in linked:
        if mention.start <= span.start_char and span.end_char <= mention.end + 1 and mention.end > span.start_char:
            return mention.entity
    return None


def _relinked(mention: LinkedMention, doc: Doc, defined: dict[str, Entity]) -> LinkedMention:
    short = text_of(doc)[mention.start : mention.end].strip()
    entity = defined.get(short)
    if entity is None or not _LOCAL.match(mention.entity.key):
        return mention
    return LinkedMention(entity, mention.start, mention.end, mention.label)
