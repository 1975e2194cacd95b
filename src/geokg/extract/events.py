"""Events: something that happened or is scheduled (annexation, exercise, referendum, summit ...),
found by trigger words from nlp/data/events.json, with participants, places and a date."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.common import ACTOR_KINDS, conditional, find_date, lexicon
from geokg.link import Resolver
from geokg.model import Event
from geokg.nlp.parsed import ParsedDocument

_MODALS = {"may", "might", "could", "would", "should", "must", "can"}
_PLACE_ONLY = frozenset({"Place"})
_NAME_LABELS = {"LAW", "WORK_OF_ART", "ORG"}
_NOT_HAPPENED = {"against", "without", "before", "instead", "from"}  # prepositions of gerunds that did not happen


def extract_events(parsed: ParsedDocument, resolver: Resolver) -> list[Event]:
    """One event per trigger type in each sentence that reports something happening."""
    events: dict[tuple, Event] = {}
    for sentence in parsed.sentences:
        if sentence.text.rstrip().endswith("?"):
            continue
        dated = find_date(sentence.text) is not None
        for token in sentence:
            trigger = _trigger(token, dated)
            if trigger is None or _hypothetical(token):
                continue
            key = (sentence.start_char, trigger["type"])
            if key not in events:
                date = find_date(sentence.text, token.idx - sentence.start_char)
                events[key] = _event(parsed, resolver, sentence, trigger["type"], date)
    return list(events.values())


def _trigger(token: Token, dated: bool) -> dict | None:
    for trigger in lexicon("events")["triggers"]:
        if token.lemma_.lower() != trigger["lemma"] and token.lower_ != trigger["lemma"]:
            continue
        if "pos" in trigger and token.pos_ != trigger["pos"]:
            continue
        if trigger.get("needs_date") and not dated:
            continue
        if trigger.get("plural") and token.tag_ != "NNS":
            continue
        if trigger.get("active") and any(c.dep_ == "auxpass" for c in token.children):
            continue
        if "needs_object" in trigger and not _has_object(token, trigger["needs_object"]):
            continue
        return trigger
    return None


def _has_object(token: Token, lemmas: list[str]) -> bool:
    """The trigger governs (or is governed by) one of the words: "sent ... troops", "construction of the bridge"."""
    nearby = list(token.subtree) + [token.head]
    return any(t.lemma_.lower() in lemmas for t in nearby if t is not token)


def _hypothetical(token: Token) -> bool:
    """Under a modal, negated, in a condition ("if Sweden joins"), in a purpose/infinitive clause,
    the content of a plan or threat, or part of a name ("the Resolution of Ratification")."""
    if token.ent_type_ in _NAME_LABELS or (token.dep_ == "pobj" and token.head.head.ent_type_ in _NAME_LABELS):
        return True
    if token.dep_ == "pcomp" and token.head.lower_ in _NOT_HAPPENED:  # "warned Kyiv against joining NATO"
        return True
    verbs = [token] if token.pos_ in ("VERB", "AUX") else []
    verbs += [a for a in token.ancestors if a.pos_ in ("VERB", "AUX")][:2]
    for verb in verbs:
        if conditional(verb):
            return True
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and (child.lower_ in _MODALS or child.tag_ == "TO"):
                return True
            if child.dep_ == "neg" or (child.dep_ == "dobj" and any(g.lower_ == "no" for g in child.children)):
                return True
        if verb.dep_ in ("xcomp", "advcl") and any(c.tag_ == "TO" for c in verb.children):
            return True
    return False


def _event(parsed: ParsedDocument, resolver: Resolver, sentence: Span, event_type: str, date: str | None) -> Event:
    entities = resolver.entities_in(sentence.start_char, sentence.end_char)
    participants = tuple(e for e in entities if e.kind in ACTOR_KINDS and e.kind != "CollectiveActor")[:4]
    places = tuple(e for e in entities if e.kind in _PLACE_ONLY)[:3]
    return Event(event_type, parsed.span_evidence(sentence), participants, places, date)
