"""Events: something that happened or is scheduled (annexation, exercise, referendum, summit ...),
found by trigger words from nlp/data/events.json, with participants, places and a date."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.common import ACTOR_KINDS, find_date, lexicon
from geokg.link import Resolver
from geokg.model import Event
from geokg.nlp.parsed import ParsedDocument

_MODALS = {"may", "might", "could", "would", "should", "must", "can"}
_PLACE_ONLY = frozenset({"Place"})


def extract_events(parsed: ParsedDocument, resolver: Resolver) -> list[Event]:
    """One event per trigger type in each sentence that reports something happening."""
    events: dict[tuple, Event] = {}
    for sentence in parsed.doc.sents:
        if sentence.text.rstrip().endswith("?"):
            continue
        date = find_date(sentence.text)
        for token in sentence:
            trigger = _trigger(token, date)
            if trigger is None or _hypothetical(token):
                continue
            key = (sentence.start_char, trigger["type"])
            if key not in events:
                events[key] = _event(parsed, resolver, sentence, trigger["type"], date)
    return list(events.values())


def _trigger(token: Token, date: str | None) -> dict | None:
    for trigger in lexicon("events")["triggers"]:
        if token.lemma_.lower() != trigger["lemma"] and token.lower_ != trigger["lemma"]:
            continue
        if "pos" in trigger and token.pos_ != trigger["pos"]:
            continue
        if trigger.get("needs_date") and date is None:
            continue
        if trigger.get("plural") and token.tag_ != "NNS":
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
    """Under a modal, negated, in a purpose/infinitive clause, or the content of a plan or threat."""
    verb = token if token.pos_ in ("VERB", "AUX") else next((a for a in token.ancestors if a.pos_ == "VERB"), token)
    for child in verb.children:
        if child.dep_ == "aux" and (child.lower_ in _MODALS or child.tag_ == "TO"):
            return True
        if child.dep_ == "neg":
            return True
    return verb.dep_ in ("xcomp", "advcl") and any(c.tag_ == "TO" for c in verb.children)


def _event(parsed: ParsedDocument, resolver: Resolver, sentence: Span, event_type: str, date: str | None) -> Event:
    entities = resolver.entities_in(sentence.start_char, sentence.end_char)
    participants = tuple(e for e in entities if e.kind in ACTOR_KINDS and e.kind != "CollectiveActor")[:4]
    places = tuple(e for e in entities if e.kind in _PLACE_ONLY)[:3]
    return Event(event_type, parsed.span_evidence(sentence), participants, places, date)
