"""Who says so: the levels of reported speech and belief above a clause ("Piontkovsky says ...",
"according to X", "“...,” said Pompeo"), outermost first, each with its source, cue and evidence.

Named sources come from the resolver; anonymous and collective ones ("Western countries",
"a senior NATO diplomat") become CollectiveActor entities; the document's own voice (its author,
first person) is no attribution.
"""

from __future__ import annotations

import functools

from spacy.tokens import Span, Token

from geokg.extract.common import left_subject, lexicon
from geokg.keys import local_key
from geokg.link import Resolver
from geokg.model import Attribution, Entity
from geokg.nlp.parsed import ParsedDocument

_SUBJECTS = ("nsubj", "nsubjpass")
_DETERMINERS = {"a", "an", "the", "some", "several", "many", "one", "two", "three"}


def attributions(parsed: ParsedDocument, resolver: Resolver, clause: Token, lexicon: dict) -> tuple[Attribution, ...]:
    """Every level of attribution above `clause` (the predicate of an intention), outermost first."""
    levels: list[Attribution] = []
    for cue, source in _reporting(clause, lexicon):
        attribution = _attribution(parsed, resolver, cue, source, lexicon)
        if attribution is not None and not any(a.source.key == attribution.source.key for a in levels):
            levels.append(attribution)
    return tuple(reversed(levels))


def _reporting(clause: Token, lexicon: dict):
    """(cue token, source phrase head) pairs from the clause upwards, nearest first."""
    verbs = set(lexicon["attribution"]["verbs"])
    node = clause
    while True:
        yield from _attached(node, verbs)
        if node.head.i == node.i:
            return
        child, node = node, node.head
        if node.lemma_.lower() in verbs and node.pos_ in ("VERB", "AUX") and child.dep_ not in _SUBJECTS:
            source = _source_of(node)
            if source is not None:
                yield node, source


def _attached(node: Token, verbs: set[str]):
    """Reporting attached below the clause: "according to X", "..., says X" (parataxis), "As X said, ..."."""
    for child in node.children:
        if child.lower_ == "according" and child.dep_ == "prep":
            source = next((g for c in child.children for g in c.children if g.dep_ == "pobj"), None)
            if source is not None:
                yield child, source
        elif child.dep_ in ("parataxis", "advcl") and child.lemma_.lower() in verbs and child.i != node.i:
            if child.dep_ == "advcl" and not any(m.lower_ == "as" for m in child.children if m.dep_ == "mark"):
                continue
            source = _source_of(child)
            if source is not None:
                yield child, source


def _source_of(verb: Token) -> Token | None:
    """The subject of a reporting verb, through conjunctions and participles ("issued a statement ... saying")."""
    node = verb
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        agent = next((g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
        if node.head.i == node.i:
            return left_subject(node, verb)
        node = node.head
    return None


def _attribution(
    parsed: ParsedDocument, resolver: Resolver, cue: Token, source: Token, lexicon: dict
) -> Attribution | None:
    if source.lower_ in lexicon["attribution"]["first_person"]:
        return None
    entity = source_entity(parsed, resolver, source, lexicon)
    if entity is None or _is_author(parsed, entity):
        return None
    sentence = parsed.sentence_at(cue.i)
    cue_text = "according to" if cue.lower_ == "according" else cue.text
    return Attribution(entity, cue_text, parsed.span_evidence(sentence))


def source_entity(parsed: ParsedDocument, resolver: Resolver, head: Token, lexicon: dict) -> Entity | None:
    """The entity a source phrase names; an anonymous or collective source becomes a CollectiveActor."""
    phrase = noun_phrase(head)
    person = _person_in(resolver, head)
    if person is not None:
        return person
    if head.pos_ == "PRON" and head.lower_ not in ("they",):
        found = resolver.resolve(phrase)
        return found[0] if found else None
    if not _head_is_named(resolver, head):
        anonymous = set(lexicon["attribution"]["anonymous_heads"])
        found = resolver.antecedents(phrase) if _is_definite(phrase) else ()
        if found and head.lower_ not in anonymous | {"they"}:
            return found[0]
        if _unnamed_source(head, anonymous):
            return collective_actor(phrase)
        if not found and head.pos_ == "PROPN":
            return _person_by_surname(resolver, head) or _titled_name(phrase)
        return found[0] if found else None
    named = [m.entity for m in resolver.mentions if m.start <= head.idx < m.end]
    return named[0] if named else None


def _unnamed_source(head: Token, anonymous: set[str]) -> bool:
    """An anonymous, collective or titled source: "officials", "the foreign ministry" (often tagged
    as a name), "the Romanian president"."""
    if head.lower_ in anonymous or head.lower_ in _title_heads():
        return head.pos_ in ("NOUN", "PROPN")
    return head.pos_ == "NOUN" and head.tag_ == "NNS"


def _titled_name(phrase: Span) -> Entity | None:
    """A name after a role title ("Ugandan President Amina Diallo") is a person's, even when the
    recogniser missed it."""
    titles = [t.i for t in phrase if t.lower_ in _title_heads()]
    if not titles:
        return None
    name = [t.text for t in phrase if t.i > titles[-1] and t.pos_ == "PROPN"]
    if len(name) < 2:
        return None
    label = " ".join(name)
    return Entity(local_key("Person", label), "Person", label)


@functools.cache
def _title_heads() -> frozenset[str]:
    """The last words of the role titles in nlp/data/roles.json ("minister", "president", ...)."""
    return frozenset(title.split()[-1] for title in lexicon("roles")["titles"])


def source_side(resolver: Resolver, clause: Token, lexicon_: dict) -> Entity | None:
    """The state a reporting source's own phrase names ("Ugandan President Amina Diallo said"):
    whom the nearest source speaks for, by the words around their name."""
    for _cue, source in _reporting(clause, lexicon_):
        phrase = source.doc[source.left_edge.i : source.i + 1]
        states = [
            m.entity for m in resolver.mentions_in(phrase.start_char, phrase.end_char) if m.entity.kind == "State"
        ]
        return states[0] if states else None
    return None


def _person_in(resolver: Resolver, head: Token) -> Entity | None:
    """A person named in the source phrase ("Kremlin critic Andrei Piontkovsky", "analyst ... Piontkovsky")."""
    span = head.doc[head.left_edge.i : head.right_edge.i + 1]
    for mention in resolver.mentions_in(span.start_char, span.end_char):
        if mention.entity.kind == "Person":
            return mention.entity
    return None


def _person_by_surname(resolver: Resolver, head: Token) -> Entity | None:
    """An unlinked surname ("Piontkovsky says") is the person of that name mentioned before."""
    for mention in reversed(resolver.mentions):
        if mention.entity.kind == "Person" and mention.entity.label.split()[-1] == head.text:
            return mention.entity
    return None


def collective_actor(phrase: Span) -> Entity:
    """An anonymous or collective source or holder, typed so it is kept: "Western countries"."""
    tokens = list(phrase)
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    label = " ".join("".join(t.text_with_ws for t in tokens).split())  # as written: "Ukraine's foreign minister"
    return Entity(local_key("CollectiveActor", label), "CollectiveActor", label)


def noun_phrase(head: Token) -> Span:
    """The head with its determiners, modifiers and compounds (not its relative clauses or appositions)."""
    keep = [t for t in head.subtree if t.i == head.i or _premodifier(t, head)]
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    tail = [t for t in head.rights if t.dep_ in ("prep",) and t.lower_ == "of"]
    if tail:
        end = max(end, tail[0].right_edge.i + 1)
    return head.doc[start:end]


def _premodifier(token: Token, head: Token) -> bool:
    node = token
    while node.i != head.i:
        if node.i > head.i or node.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "prep"):
            return False
        node = node.head
    return True


def _head_is_named(resolver: Resolver, head: Token) -> bool:
    return any(m.start <= head.idx < m.end for m in resolver.mentions)


def _is_definite(phrase: Span) -> bool:
    return bool(len(phrase)) and phrase[0].lower_ in {"the", "this", "that", "its", "their", "those", "these"}


def _is_author(parsed: ParsedDocument, entity: Entity) -> bool:
    author = parsed.document.author
    return bool(author) and entity.kind == "Person" and entity.label.lower() == author.lower()
