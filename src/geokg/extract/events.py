"""Events: something that happened or is scheduled (annexation, exercise, referendum, summit ...),
found by trigger words from nlp/data/events.json, verbs ("Russia annexed Crimea") and nouns ("the
summit in Vilnius", "Russia's invasion of Ukraine"), with their agent, target, places and a date."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.tokens import Span, Token

from geokg.extract.common import ACTOR_KINDS, PLACE_KINDS, conditional, find_date, lexicon
from geokg.link import Resolver
from geokg.model import Entity, Event
from geokg.nlp.parsed import ParsedDocument, on_its_own_line, span_text

_PLACE_ONLY = frozenset({"Place"})
_NAME_LABELS = frozenset({"LAW", "WORK_OF_ART", "ORG"})  # spaCy labels of names an event word may be part of
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # Penn tags of finite verbs
_CLOSING = frozenset('.!?:;"”’)')  # marks that close a sentence, not a heading
_MAX_PARTICIPANTS = 4


def extract_events(parsed: ParsedDocument, resolver: Resolver) -> list[Event]:
    """One event per trigger type in each sentence that reports something happening."""
    events: dict[tuple, Event] = {}
    triggers = _Triggers(lexicon("events")["triggers"])
    for sentence in parsed.sentences:
        text = span_text(sentence)
        if text.rstrip().endswith("?") or _is_heading(sentence):
            continue
        dated = find_date(text) is not None
        for token in sentence:
            trigger = triggers.of(token, dated)
            if trigger is None or _hypothetical(token) or _descriptive(token):
                continue
            key = (sentence.start_char, trigger["type"])
            if key not in events:
                date = find_date(text, token.idx - sentence.start_char)
                events[key] = _event(parsed, resolver, sentence, token, trigger["type"], date)
    return list(events.values())


class _Triggers:
    """The lexicon's triggers looked up by word: a token is tried only against the triggers its
    lemma or its lower-case form spells, in the lexicon's order (the first that fits wins)."""

    def __init__(self, triggers: list[dict]) -> None:
        self._triggers = triggers
        self._positions: dict[str, list[int]] = {}
        for position, trigger in enumerate(triggers):
            self._positions.setdefault(trigger["lemma"], []).append(position)

    def of(self, token: Token, dated: bool) -> dict | None:
        """The first trigger the token fits in its sentence (`dated` when the sentence has a date)."""
        lemma, lower = token.lemma_.lower(), token.lower_
        positions = self._positions.get(lemma, []) + ([] if lower == lemma else self._positions.get(lower, []))
        for position in sorted(positions):
            trigger = self._triggers[position]
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
    nearby = [*token.subtree, token.head]
    return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in nearby if t is not token)


def _is_heading(sentence: Span) -> bool:
    """A heading, caption or table cell reports no event: a line of its own without closing
    punctuation and without a finite verb ("Meeting with the Foreign Minister", "Date Signed: 2020")."""
    if not on_its_own_line(sentence) or span_text(sentence).rstrip()[-1:] in _CLOSING:
        return False
    return not any(t.tag_ in _FINITE_TAGS for t in sentence)


def _descriptive(token: Token) -> bool:
    """A trigger that describes rather than reports: a participle used as an adjective
    ("forward-deployed forces"), an imperative addressed to the reader ("For more information,
    visit ..."), a noun modifying another noun ("attack missiles", but "the ceasefire agreement"),
    or an indefinite noun in a statement about what is ("An attack on one is an attack on all")."""
    if token.pos_ in ("VERB", "AUX"):
        imperative = token.dep_ == "ROOT" and token.tag_ == "VB"
        subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children)
        return token.dep_ == "amod" or (imperative and subjectless)
    words = lexicon("events")
    if token.dep_ == "compound":
        return token.head.lower_ not in words["compound_heads"] and token.head.lemma_ not in words["compound_heads"]
    indefinite = any(c.dep_ == "det" and c.lower_ in words["generic_determiners"] for c in token.children)
    return indefinite and token.dep_ in ("nsubj", "attr") and token.head.lemma_ == "be"


def _hypothetical(token: Token) -> bool:
    """Under a modal, negated, in a condition ("if Sweden joins"), in a purpose/infinitive clause,
    the content of a plan or threat, qualified as potential ("a potential deployment"), or part of a
    name ("the Resolution of Ratification")."""
    words = lexicon("events")
    if token.ent_type_ in _NAME_LABELS or (token.dep_ == "pobj" and token.head.head.ent_type_ in _NAME_LABELS):
        return True
    if token.dep_ == "pcomp" and token.head.lower_ in words["not_happened_prepositions"]:
        return True  # "warned Kyiv against joining NATO"
    if token.pos_ == "NOUN" and any(c.lower_ in words["hypothetical_modifiers"] for c in token.children):
        return True
    if any(a.pos_ == "NOUN" and a.lemma_.lower() in _intention_nouns() for a in list(token.ancestors)[:3]):
        return True  # "Russia's refusal to destroy the missile", "commitment to the defence of our allies"
    verbs = [token] if token.pos_ in ("VERB", "AUX") else []
    verbs += [a for a in token.ancestors if a.pos_ in ("VERB", "AUX")][:2]
    return any(_unreal_verb(verb, words["modals"]) for verb in verbs)


@functools.cache
def _intention_nouns() -> frozenset[str]:
    """Nouns whose complement is intended, refused or demanded, not done: the intention lexicon's
    noun cues ("plan", "threat", "commitment", ...) and the events lexicon's `unrealised_nouns`."""
    cues = {e["cue"] for e in lexicon("intentions")["cues"] if e.get("pos") == "NOUN" and " " not in e["cue"]}
    return frozenset(cues | set(lexicon("events")["unrealised_nouns"]))


def _unreal_verb(verb: Token, modals: list[str]) -> bool:
    """The verb is conditional, modal, negated, or an infinitive complement ("to annex")."""
    if conditional(verb):
        return True
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and (child.lower_ in modals or child.tag_ == "TO"):
            return True
        if child.dep_ == "neg" or (child.dep_ == "dobj" and any(g.lower_ == "no" for g in child.children)):
            return True
    return verb.dep_ in ("xcomp", "advcl") and any(c.tag_ == "TO" for c in verb.children)


def _event(
    parsed: ParsedDocument, resolver: Resolver, sentence: Span, trigger: Token, event_type: str, date: str | None
) -> Event:
    """The event with its agent first among the participants, then its targets, then the other
    actors of the sentence; its places from its place complement, else the sentence's places."""
    agents, targets, places = _arguments(resolver, trigger)
    entities = resolver.entities_in(sentence.start_char, sentence.end_char)
    actors = [e for e in entities if e.kind in ACTOR_KINDS and e.kind != "CollectiveActor"]
    participants = _distinct([*agents, *targets, *actors])[:_MAX_PARTICIPANTS]
    located = places or [e for e in entities if e.kind in _PLACE_ONLY]
    return Event(event_type, parsed.span_evidence(sentence), participants, _distinct(located)[:3], date)


def _arguments(resolver: Resolver, trigger: Token) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """Agent, target and place of a trigger from its dependents: the subject of a verb or the
    possessive or compound actor of a noun ("Russia's invasion", "NATO exercises", "the Russian
    invasion"), the object of "by"; the object or "of"/"on" complement ("the invasion of Ukraine",
    "strikes on Kyiv"); the "in"/"at" complement ("the summit in Vilnius")."""
    words = lexicon("events")
    agents: list[Entity] = []
    targets: list[Entity] = []
    places: list[Entity] = []
    for child in trigger.children:
        if child.dep_ in ("nsubj", "poss", "compound", "amod", "nmod"):
            agents += _actors(resolver, child)
        elif child.dep_ == "dobj":
            targets += _actors(resolver, child)
        elif child.dep_ in ("prep", "agent"):
            _preposition(resolver, child, words, agents, targets, places)
    return agents, targets, places


def _preposition(
    resolver: Resolver, prep: Token, words: dict, agents: list[Entity], targets: list[Entity], places: list[Entity]
) -> None:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    for obj in objects:
        found = _entities(resolver, obj)
        if prep.lower_ in words["agent_prepositions"]:
            agents += [e for e in found if e.kind in ACTOR_KINDS]
        elif prep.lower_ in words["place_prepositions"]:
            places += [e for e in found if e.kind in PLACE_KINDS]
        elif prep.lower_ in words["target_prepositions"]:
            targets += [e for e in found if e.kind in ACTOR_KINDS]
            places += [e for e in found if e.kind in _PLACE_ONLY]  # "the annexation of Crimea"


def _entities(resolver: Resolver, token: Token) -> tuple[Entity, ...]:
    """The entities named in a dependent's phrase (coordinated names included)."""
    subtree = list(token.subtree)
    return resolver.entities_in(subtree[0].idx, subtree[-1].idx + len(subtree[-1]))


def _actors(resolver: Resolver, token: Token) -> list[Entity]:
    return [e for e in _entities(resolver, token) if e.kind in ACTOR_KINDS]


def _distinct(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.key, entity)
    return tuple(seen.values())
