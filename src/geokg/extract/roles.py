"""Roles: a person's position as the text states it ("Russian President Vladimir Putin",
"Fyodor Lukyanov, an expert on Russian foreign policy", "writes Konstantin Eggert for Deutsche Welle")."""

from __future__ import annotations

import functools
import re

from geokg.extract.common import ORGANISATION_KINDS, lexicon
from geokg.link import LinkedMention, Resolver
from geokg.model import Entity, RoleAssignment
from geokg.nlp.parsed import ParsedDocument

_WINDOW = 90  # characters looked at before a name for a title


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = lexicon("roles")
    titles = "|".join(sorted((re.escape(t) for t in data["titles"]), key=len, reverse=True))
    qualifier = r"(?:[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*\s+)?"
    before = re.compile(
        rf"(?P<role>{qualifier}(?:{titles})(?: (?:and|of) [\w’' -]+?)?)\s*,?\s*$", re.IGNORECASE
    )
    after = re.compile(rf"^\s*,\s+(?:an?|the)\s+(?P<role>[^,.;:]*?\b(?:{titles})\b[^,.;:]*?)\s*(?:[,.;:]|$)", re.IGNORECASE)
    byline = re.compile(rf"\b(?:{'|'.join(data['bylines'])})\s+$", re.IGNORECASE)
    return before, after, byline


def extract_roles(parsed: ParsedDocument, resolver: Resolver) -> list[RoleAssignment]:
    """One role per stated title of each person mention."""
    roles: dict[tuple, RoleAssignment] = {}
    text = parsed.doc.text
    for mention in resolver.mentions:
        if mention.entity.kind != "Person":
            continue
        sentence = parsed.doc.char_span(mention.start, mention.end, alignment_mode="expand").sent
        for title, start, end in _titles(text, mention, sentence.start_char, sentence.end_char):
            role_in = _role_in(resolver, start, end, mention)
            evidence = parsed.span_evidence(sentence)
            key = (mention.entity.key, title.lower(), evidence.start)
            roles.setdefault(key, RoleAssignment(mention.entity, title, evidence, role_in))
    return list(roles.values())


def _titles(text: str, mention: LinkedMention, sent_start: int, sent_end: int):
    before, after, byline = _patterns()
    window_start = max(sent_start, mention.start - _WINDOW)
    preceding = text[window_start : mention.start]
    if match := before.search(preceding):
        role = _tidy(match["role"])
        yield role, window_start + match.start("role"), mention.start
    if match := after.match(text[mention.end : sent_end]):
        yield _tidy(match["role"]), mention.end + match.start("role"), mention.end + match.end("role")
    if byline.search(preceding) and text[mention.end : mention.end + 5].startswith(" for "):
        yield "writer", mention.end, min(sent_end, mention.end + 60)


def _tidy(role: str) -> str:
    return " ".join(role.split()).strip(" ,")


def _role_in(resolver: Resolver, start: int, end: int, person: LinkedMention) -> Entity | None:
    """The state or organisation named in the title ("Russian President", "President of the OSCE")."""
    for mention in resolver.mentions_in(start, end):
        if mention is not person and (mention.entity.kind == "State" or mention.entity.kind in ORGANISATION_KINDS):
            return mention.entity
    return None
