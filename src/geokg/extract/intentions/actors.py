"""The actors a token stands for in one document: named, first person ("we"), coreferent,
collective, or a law the linker does not know."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Span, Token

from geokg.extract.attribution import collective_actor, noun_phrase
from geokg.extract.intentions.syntax import first_person
from geokg.extract.intentions.voice import Voice
from geokg.keys import local_key
from geokg.link import Resolver
from geokg.link.coref import coreference_lexicon
from geokg.model import Entity
from geokg.nlp.parsed import ParsedDocument

_GOVERNED_KINDS = ("State", "Alliance", "InternationalOrganization")  # whose leaders, forces, officials act for it
_DEFINITE = {"the", "this", "that", "its", "their", "those", "these", "our"}


class Actors:
    """What the subjects and possessors of one document's sentences stand for."""

    def __init__(
        self,
        parsed: ParsedDocument,
        resolver: Resolver,
        lex: dict,
        affiliations: Mapping[str, Entity],
        byline: tuple[Entity, ...] = (),
    ):
        self.parsed, self.resolver, self.lex = parsed, resolver, lex
        self.affiliations = affiliations  # person key → the state or organisation they speak for
        self.voice = Voice(parsed, resolver, lex, byline)

    def entities_of(self, head: Token) -> tuple[Entity, ...]:
        """The actors a subject or possessor stands for: named, first person, coreferent or collective."""
        if first_person(head, self.lex):
            return self.first_person(head)
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            return self._relativised(head.head.head)
        if head.dep_ == "relcl" or head.lower_ in ("which", "that", "who"):
            return ()
        phrase = holder_phrase(head)
        named = self._named_at(head)
        if named:
            return self._with_conjuncts(head, named[0])
        if head.pos_ == "PRON":
            return self._reporter(head) or self.resolver.antecedents(phrase)
        if (_definite(phrase) or _personal_possessive(phrase)) and self.resolver.antecedents(phrase):
            return self.resolver.antecedents(phrase)  # "the country", "his country" (the speaker's state)
        return self._unnamed(head, phrase)

    def _relativised(self, noun: Token) -> tuple[Entity, ...]:
        """ "Amit Shah, who threatened Pakistan ...": the subject of a relative clause is the named
        actor it modifies (not a description: "the country which ..." is left to its own clause)."""
        return tuple(self._named_at(noun)[:1])

    def _reporter(self, pronoun: Token) -> tuple[Entity, ...]:
        """ "ECOWAS said it would take all measures", "the ministry said its forces will ...": "it"
        in what a state or organisation is reported to say is that state or organisation."""
        if pronoun.lower_ not in self.lex["reporter_pronouns"]:
            return ()
        clause = pronoun.head
        while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
            clause = clause.head
        reporting = clause.head
        if clause.dep_ != "ccomp" or reporting.lemma_.lower() not in self.lex["attribution"]["verbs"]:
            return ()
        subject = next((c for c in reporting.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON":
            return ()
        return tuple(e for e in self.entities_of(subject) if e.kind not in ("Person", "CollectiveActor"))

    def _named_at(self, token: Token) -> list[Entity]:
        return [m.entity for m in self.resolver.mentions if m.start <= token.idx < m.end]

    def _with_conjuncts(self, head: Token, first: Entity) -> tuple[Entity, ...]:
        """ "Russia and Belarus plan ...": every conjoined subject holds the intention, also in a
        list the parser took for an apposition ("Mali, [Burkina Faso and Niger] will leave ...")."""
        entities = [first]
        listed = [*head.conjuncts]
        for appos in (c for c in head.children if c.dep_ == "appos" and c.conjuncts):
            listed.extend([appos, *appos.conjuncts])
        for conj in listed:
            entities.extend(self._named_at(conj)[:1])
        return tuple({e.key: e for e in entities}.values())

    def _unnamed(self, head: Token, phrase: Span) -> tuple[Entity, ...]:
        """A phrase no mention covers: its possessor, an anonymous collective ("Western officials"),
        a named apposition or sibling, or a law the linker does not know."""
        person = self._named_person_in_apposition(head)
        if person:
            return person
        for child in head.children:
            if child.dep_ in ("poss",) or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                found = self.entities_of(child)
                if found:
                    return self._governed_by(head, found)
        state = self._state_agents(head)
        if state:
            return state
        if head.pos_ == "NOUN" and head.lower_ in self.lex["attribution"]["anonymous_heads"] and len(phrase) > 1:
            return (collective_actor(phrase),)
        named = self._named_beside(head)
        if named:
            return named
        return self._unlinked_name(head, phrase)

    def _governed_by(self, head: Token, possessors: tuple[Entity, ...]) -> tuple[Entity, ...]:
        """ "his government", "the president's forces": a state's agent possessed by a person is the
        state that person speaks for; when their title names none, it is not guessed (the person is
        not the government)."""
        if not self._is_state_agent(head) or any(e.kind != "Person" for e in possessors):
            return possessors
        sides = [self.affiliations[e.key] for e in possessors if e.key in self.affiliations]
        return tuple(sides[:1])

    def _is_state_agent(self, head: Token) -> bool:
        nouns = self.lex["state_agent_nouns"]
        return head.lemma_.lower() in nouns or head.lower_ in nouns

    def _state_agents(self, head: Token) -> tuple[Entity, ...]:
        """ "Armenian forces", "the Chinese government", "Kenyan officials", "leaders of ECOWAS", "the
        junta in Niger": those who act for a state or organisation, named by its demonym or after
        "of" or "in", stand for it."""
        if not self._is_state_agent(head):
            return ()
        for child in head.children:
            if child.dep_ in ("amod", "compound") and child.i < head.i:
                states = [e for e in self._named_at(child) if e.kind == "State"]
                if states:
                    return tuple(states[:1])
            if child.dep_ == "prep" and child.lower_ in self.lex["agent_of_prepositions"]:
                named = [e for g in child.children if g.dep_ == "pobj" for e in self._named_at(g)]
                actors = [e for e in named if e.kind in _GOVERNED_KINDS]
                if actors:
                    return tuple(actors[:1])
        return ()

    def _named_person_in_apposition(self, head: Token) -> tuple[Entity, ...]:
        """ "the foreign ministry spokesperson, Amara Osei, urged ...": a title with a named person in
        apposition is that person, not an anonymous official."""
        for child in head.children:
            if child.dep_ == "appos":
                persons = [e for e in self._named_at(child) if e.kind == "Person"]
                if persons:
                    return tuple(persons[:1])
        return ()

    def _named_beside(self, head: Token) -> list[Entity]:
        """The first named apposition, or sibling with the same role under the same head."""
        for other in [*head.children, *head.head.children]:
            if other.i != head.i and (
                other.dep_ == "appos" or (other.dep_ == head.dep_ and other.head.i == head.head.i)
            ):
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

    def first_person(self, pronoun: Token) -> tuple[Entity, ...]:
        """Who a first-person word stands for: by the transcript turn's speaker; no one in a turn whose
        label names no one (a reporter's "we" after "Q:"); else the document's narrator."""
        turn = self.voice.turn_at(pronoun.idx)
        if turn is not None:
            return self.speaking_for(turn.speaker, pronoun)
        if self.voice.in_unnamed_turn(pronoun.idx):
            return ()
        return self.voice.narrator

    def side_of(self, source: Entity) -> tuple[Entity, ...]:
        """The state or organisation a person speaks for (by their title), or an unnamed holder of a
        state's office does ("the French foreign minister", "the foreign minister of France"),
        else the source itself."""
        if source.kind == "Person":
            side = self.affiliations.get(source.key)
        else:
            side = self._office_of(source) if source.kind == "CollectiveActor" else None
        return (side,) if side is not None else (source,)

    def _office_of(self, source: Entity) -> Entity | None:
        """The state an unnamed office holder serves: the state its words name ("French", "of
        France"), when its last word is an office's ("minister", "spokesperson"); not anonymous
        officials, diplomats or sources."""
        words = source.label.lower().split()
        head = source.label.lower().split(" of ")[0].split()  # "foreign minister" of "... of France"
        if not head or head[-1] not in self.lex["office_heads"]:
            return None
        text = self.parsed.text
        for mention in self.resolver.mentions:
            surface = text[mention.start : mention.end].strip().lower()
            if mention.entity.kind == "State" and surface and f" {surface} " in f" {' '.join(words)} ":
                return mention.entity
        return None

    def speaking_for(self, speaker: Entity, pronoun: Token, named_side: Entity | None = None) -> tuple[Entity, ...]:
        """ "I" is the speaker; "we" and "our" the state or organisation the speaker speaks for (by
        their title, or the state named beside their name), else the document's narrator: a
        government's publication quotes its own officials by their office alone ("Secretary Mattis")."""
        if pronoun.lower_ in self.lex["first_person"]["singular"] or speaker.kind != "Person":
            return (speaker,)
        side = self.affiliations.get(speaker.key) or named_side
        return (side,) if side is not None else self.voice.narrator


def holder_phrase(head: Token) -> Span:
    """The noun phrase of a holder; a possessor without its "'s"."""
    return noun_phrase(head) if head.dep_ != "poss" else head.doc[head.left_edge.i : head.i + 1]


def _personal_possessive(phrase: Span) -> bool:
    return bool(len(phrase)) and phrase[0].lower_ in coreference_lexicon()["personal_possessives"]


def _definite(phrase: Span) -> bool:
    """ "the country", "those states", "both parties", "the two sides": a phrase that refers back."""
    if not len(phrase):
        return False
    return phrase[0].lower_ in _DEFINITE or phrase[0].lower_ in coreference_lexicon()["dual_determiners"]
