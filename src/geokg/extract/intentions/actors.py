"""The actors a token stands for in one document: named, first person ("we"), coreferent,
collective, or a law the linker does not know."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span, Token

from geokg.extract.attribution import collective_actor, noun_phrase
from geokg.link import Resolver
from geokg.model import Entity
from geokg.nlp.parsed import ParsedDocument
from geokg.rdf.iri import local_key

_SPEAKER_KINDS = ("State", "Alliance", "InternationalOrganization")
_DEFINITE = {"the", "this", "that", "its", "their", "those", "these", "our"}


class Actors:
    """What the subjects and possessors of one document's sentences stand for."""

    def __init__(self, parsed: ParsedDocument, resolver: Resolver, lex: dict):
        self.parsed, self.resolver, self.lex = parsed, resolver, lex
        self._we: tuple[Entity, ...] | None = None

    def entities_of(self, head: Token) -> tuple[Entity, ...]:
        """The actors a subject or possessor stands for: named, first person, coreferent or collective."""
        if head.lower_ in self.lex["first_person"]["pronouns"]:
            return self.first_person()
        if head.dep_ == "relcl" or head.lower_ in ("which", "that", "who"):
            return ()
        phrase = holder_phrase(head)
        named = self._named_at(head)
        if named:
            return self._with_conjuncts(head, named[0])
        if head.pos_ == "PRON":
            return self.resolver.antecedents(phrase)
        if _definite(phrase) and self.resolver.antecedents(phrase):
            return self.resolver.antecedents(phrase)
        return self._unnamed(head, phrase)

    def _named_at(self, token: Token) -> list[Entity]:
        return [m.entity for m in self.resolver.mentions if m.start <= token.idx < m.end]

    def _with_conjuncts(self, head: Token, first: Entity) -> tuple[Entity, ...]:
        """ "Russia and Belarus plan ...": every conjoined subject holds the intention."""
        entities = [first]
        for conj in head.conjuncts:
            entities.extend(self._named_at(conj)[:1])
        return tuple({e.key: e for e in entities}.values())

    def _unnamed(self, head: Token, phrase: Span) -> tuple[Entity, ...]:
        """A phrase no mention covers: its possessor, an anonymous collective ("Western officials"),
        a named apposition or sibling, or a law the linker does not know."""
        for child in head.children:
            if child.dep_ in ("poss",) or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                found = self.entities_of(child)
                if found:
                    return found
        if head.pos_ == "NOUN" and head.lower_ in self.lex["attribution"]["anonymous_heads"] and len(phrase) > 1:
            return (collective_actor(phrase),)
        named = self._named_beside(head)
        if named:
            return named
        return self._unlinked_name(head, phrase)

    def _named_beside(self, head: Token) -> list[Entity]:
        """The first named apposition, or sibling with the same role under the same head."""
        for other in [*head.children, *head.head.children]:
            if other.i != head.i and (other.dep_ == "appos" or other.dep_ == head.dep_ and other.head.i == head.head.i):
                named = self._named_at(other)
                if named:
                    return named[:1]
        return []

    def _unlinked_name(self, head: Token, phrase: Span) -> tuple[Entity, ...]:
        """A law the linker does not know ("The European Security Act urges ..."): a local instrument."""
        names = [t for t in phrase if t.pos_ == "PROPN"]
        if head.pos_ != "PROPN" or len(names) < 2:
            return ()
        name = " ".join(head.doc[names[0].i : head.i + 1].text.split())
        if head.ent_type_ == "LAW" or head.lower_ in self.lex["instrument_words"]:
            kind = self.lex["instrument_holder_kind"]
            return (Entity(local_key(kind, name), kind, name),)
        return ()

    def first_person(self) -> tuple[Entity, ...]:
        """Who "we" is: the actor "on behalf of" names, else the state mentioned most (else the
        organisation mentioned most)."""
        if self._we is None:
            self._we = self._on_behalf_of() or self._most_mentioned()
        return self._we

    def _on_behalf_of(self) -> tuple[Entity, ...]:
        """Only the actor named right after "on behalf of" ("on behalf of the EU")."""
        text = self.parsed.doc.text
        for phrase in self.lex["first_person"]["behalf"]:
            for match in re.finditer(re.escape(phrase), text, re.IGNORECASE):
                found = self.resolver.entities_in(match.end(), min(len(text), match.end() + 40))
                if found and found[0].kind in _SPEAKER_KINDS:
                    return found[:1]
        return ()

    def _most_mentioned(self) -> tuple[Entity, ...]:
        """The state mentioned most, else the organisation: speakers are mostly states."""
        for kinds in (("State",), ("Alliance", "InternationalOrganization")):
            counts = Counter(m.entity.key for m in self.resolver.mentions if m.entity.kind in kinds)
            if counts:
                key = counts.most_common(1)[0][0]
                return (next(m.entity for m in self.resolver.mentions if m.entity.key == key),)
        return ()


def holder_phrase(head: Token) -> Span:
    """The noun phrase of a holder; a possessor without its "'s"."""
    return noun_phrase(head) if head.dep_ != "poss" else head.doc[head.left_edge.i : head.i + 1]


def _definite(phrase: Span) -> bool:
    return bool(len(phrase)) and phrase[0].lower_ in _DEFINITE
