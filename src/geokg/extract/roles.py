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
def _patterns() -> tuple[re.Pattern[str], ...]:
    data = lexicon("roles")
    titles = "(?i:" + "|".join(sorted((re.escape(t) for t in data["titles"]), key=len, reverse=True)) + ")"
    function_words = "(?:" + "|".join(data["not_qualifiers"]) + r")\b"
    word = rf"(?!{function_words})[A-Z][\w’'.-]*"
    qualifier = rf"(?:{word}(?: (?:of |for |and |on )?{word}){{0,5}}\s+)?(?:(?i:[a-z-]+)\s+)?"
    title = rf"{qualifier}{titles}"
    of_whom = r"(?: (?i:of) (?:(?i:the) )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3})"
    before = re.compile(rf"(?:^|(?<=[\s(“\"]))(?P<role>{title}(?: and {title})?{of_whom}?)\s*,?\s*$")
    inside = re.compile(rf"^(?P<role>{titles})\s+(?=[A-Z])")
    after = re.compile(rf"^\s*,\s+(?:an?|the)\s+(?P<role>[^,.;:]*?\b{titles}\b[^,.;:]*?)\s*(?:[,.;:]|$)")
    byline = re.compile(rf"\b(?i:{'|'.join(data['bylines'])})\s+$")
    return before, inside, after, byline


def extract_roles(parsed: ParsedDocument, resolver: Resolver) -> list[RoleAssignment]:
    """One role per person and title in a document, at the title's first statement."""
    roles: dict[tuple, RoleAssignment] = {}
    text = parsed.doc.text
    for mention in resolver.mentions:
        if mention.entity.kind != "Person":
            continue
        sentence = parsed.sentence_at(parsed.doc.char_span(mention.start, mention.end, alignment_mode="expand").start)
        for title, start, end in _titles(text, mention, sentence.start_char, sentence.end_char):
            role_in = _role_in(resolver, start, end, mention)
            if not _affiliation_ok(title, role_in):
                continue
            evidence = parsed.span_evidence(sentence)
            key = (mention.entity.key, title.lower())
            roles.setdefault(key, RoleAssignment(mention.entity, title, evidence, role_in))
    return list(roles.values())


def _titles(text: str, mention: LinkedMention, sent_start: int, sent_end: int):
    before, inside, after, byline = _patterns()
    window_start = max(sent_start, mention.start - _WINDOW)
    preceding = text[window_start : mention.start]
    if match := inside.match(text[mention.start : mention.end]):
        yield _tidy(match["role"]), mention.start, mention.start + match.end("role")
    elif match := before.search(preceding):
        yield _tidy(match["role"]), window_start + match.start("role"), mention.start
    if match := after.match(text[mention.end : sent_end]):
        yield _tidy(match["role"]), mention.end + match.start("role"), mention.end + match.end("role")
    if byline.search(preceding) and text[mention.end : mention.end + 5].startswith(" for "):
        yield "writer", mention.end, min(sent_end, mention.end + 60)
    elif text[mention.end : mention.end + 4] == " of ":
        yield "affiliate", mention.end, min(sent_end, mention.end + 40)


def _tidy(role: str) -> str:
    return " ".join(role.split()).strip(" ,")


def _role_in(resolver: Resolver, start: int, end: int, person: LinkedMention) -> Entity | None:
    """The state or organisation named in the title ("Russian President", "President of the OSCE")."""
    for mention in resolver.mentions_in(start, end):
        if mention is not person and (mention.entity.kind == "State" or mention.entity.kind in ORGANISATION_KINDS):
            return mention.entity
    return None


def _affiliation_ok(title: str, role_in: Entity | None) -> bool:
    """An "X of Y" affiliation counts only when Y is an organisation ("Max Fisher of Vox")."""
    return title != "affiliate" or (role_in is not None and role_in.kind in ORGANISATION_KINDS)
