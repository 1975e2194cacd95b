"""Memberships of states in organisations as the text states them, denied ones included
("Ukraine is not a member of NATO" gives a membership with negated=True)."""

from __future__ import annotations

import re

from spacy.tokens import Span

from geokg.extract.common import ORGANISATION_KINDS, conditional, lexicon
from geokg.link import LinkedMention, Resolver
from geokg.model import Entity, Membership
from geokg.nlp.parsed import ParsedDocument

_LIST_GAP = re.compile(r"^[\s,]*(?:(?:and|or|as well as)\s+)?(?:the\s+)?$")
_MEMBER_KINDS = frozenset({"State"})  # the contract: memberships of states in organisations


def extract_memberships(parsed: ParsedDocument, resolver: Resolver) -> list[Membership]:
    found: dict[tuple, Membership] = {}
    for sentence in parsed.sentences:
        mentions = resolver.mentions_in(sentence.start_char, sentence.end_char)
        for members, organisation, negated in _statements(parsed, resolver, sentence, mentions):
            evidence = parsed.span_evidence(sentence)
            for member in members:
                if member.key != organisation.key:
                    key = (member.key, organisation.key, evidence.start)
                    found.setdefault(key, Membership(member, organisation, evidence, negated))
    return list(found.values())


def _statements(parsed: ParsedDocument, resolver: Resolver, sentence: Span, mentions):
    text = parsed.doc.text
    yield from _members_before_cue(text, sentence, mentions)
    yield from _members_consisting(text, mentions)
    yield from _members_after_organisation(text, mentions)
    yield from _joined(resolver, sentence)


def _members_before_cue(text: str, sentence: Span, mentions: tuple[LinkedMention, ...]):
    """ "Latvia, Estonia and Lithuania, active members of NATO"; "Ukraine is not a member of NATO"."""
    cues = _alternatives(lexicon("memberships")["before"])
    for organisation in (m for m in mentions if m.entity.kind in ORGANISATION_KINDS):
        lead = text[sentence.start_char : organisation.start]
        cue = re.search(rf"\b(?:{cues})\s+(?:the\s+)?$", lead, re.IGNORECASE)
        if not cue:
            continue
        cue_start = sentence.start_char + cue.start()
        members = _list_before(text, cue_start, mentions)
        if members:
            negated = _negated(text[members_end(mentions, cue_start) : cue_start])
            for listed in _organisations_listed_from(text, organisation, mentions):
                yield members, listed, negated


def _organisations_listed_from(text: str, first: LinkedMention, mentions: tuple[LinkedMention, ...]):
    """The organisation and those listed right after it: "a member of the EU and NATO"."""
    yield first.entity
    cursor = first.end
    for mention in sorted((m for m in mentions if m.start >= first.end), key=lambda m: m.start):
        if mention.entity.kind not in ORGANISATION_KINDS or not _LIST_GAP.match(text[cursor : mention.start]):
            return
        yield mention.entity
        cursor = mention.end


def _members_consisting(text: str, mentions: tuple[LinkedMention, ...]):
    """ "the Trilateral Contact Group, consisting of Ukraine, Russia and the OSCE"."""
    cues = _alternatives(lexicon("memberships")["consisting"])
    for organisation in (m for m in mentions if m.entity.kind in ORGANISATION_KINDS):
        cue = re.match(
            rf"^\s*,?\s*(?:{cues})\s+(?:the\s+)?", text[organisation.end : organisation.end + 40], re.IGNORECASE
        )
        if cue:
            members = _list_after(text, organisation.end + cue.end(), mentions, skip=organisation)
            if members:
                yield members, organisation.entity, False


def _alternatives(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def members_end(mentions: tuple[LinkedMention, ...], position: int) -> int:
    before = [m.end for m in mentions if m.end <= position]
    return max(before) if before else position


def _members_after_organisation(text: str, mentions: tuple[LinkedMention, ...]):
    """ "the EFTA countries Iceland, Liechtenstein and Norway"; "NATO member Estonia"."""
    nouns = "|".join(sorted(lexicon("memberships")["after_organisation"], key=len, reverse=True))
    for organisation in (m for m in mentions if m.entity.kind in ORGANISATION_KINDS):
        if re.match(rf"^[’']?s?\s+(?:{nouns})\s+(?=[A-Z])", text[organisation.end : organisation.end + 40]):
            members = _list_after(text, organisation.end, mentions, skip=organisation)
            if members:
                yield members, organisation.entity, False


def _joined(resolver: Resolver, sentence: Span):
    """ "the three countries formally joined the alliance": subject and object through coreference."""
    verbs = set(lexicon("memberships")["joined"])
    for token in sentence:
        if token.pos_ != "VERB" or token.lemma_ not in verbs or conditional(token):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")] + [
            g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if not subjects or not objects:
            continue
        members = _states(resolver.resolve(_subtree(subjects[0])))
        organisations = [e for e in resolver.resolve(_subtree(objects[0])) if e.kind in ORGANISATION_KINDS]
        if members and organisations:
            yield members, organisations[0], any(c.dep_ == "neg" for c in token.children)


def _subtree(token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _list_before(text: str, position: int, mentions: tuple[LinkedMention, ...]) -> tuple[Entity, ...]:
    """The states listed right before `position`, walking back over commas and "and"."""
    members: list[Entity] = []
    cursor = position
    for mention in sorted((m for m in mentions if m.end <= position), key=lambda m: m.start, reverse=True):
        gap = text[mention.end : cursor]
        limit = 40 if not members else 12
        if len(gap) > limit or (members and not _LIST_GAP.match(gap)) or re.search(r"[.;:!?]", gap):
            break
        if mention.entity.kind not in _MEMBER_KINDS:
            break
        members.append(mention.entity)
        cursor = mention.start
    return tuple(reversed(members))


def _list_after(text: str, position: int, mentions, *, skip: LinkedMention) -> tuple[Entity, ...]:
    members: list[Entity] = []
    cursor = position
    for mention in sorted((m for m in mentions if m.start >= position and m is not skip), key=lambda m: m.start):
        gap = text[cursor : mention.start]
        if len(gap) > 30 or (members and not _LIST_GAP.match(gap)) or re.search(r"[.;:!?]", gap):
            break
        if mention.entity.kind not in _MEMBER_KINDS:
            if mention.entity.kind in ORGANISATION_KINDS and members:  # "Ukraine, Russia and the OSCE"
                cursor = mention.end
                continue
            break
        members.append(mention.entity)
        cursor = mention.end
    return tuple(members)


def _states(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    return tuple(e for e in entities if e.kind in _MEMBER_KINDS)


def _negated(between: str) -> bool:
    words = set(re.findall(r"[a-z’']+", between.lower()))
    return bool(words & {"not", "never", "isn’t", "isn't", "aren't", "aren’t", "non"}) or "no longer" in between.lower()
