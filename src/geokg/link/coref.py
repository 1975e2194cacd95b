"""Resolving what a noun phrase refers to: a linked mention inside it, or, for "he", "the alliance",
"the country", "those countries", the nearest fitting entity named before it."""

from __future__ import annotations

import functools

from spacy.tokens import Span

from geokg.link.linker import INSTITUTION_LABEL, LinkedMention
from geokg.model import Entity
from geokg.nlp.lexicon import load_lexicon
from geokg.nlp.parsed import ParsedDocument

_DETERMINERS = {"the", "this", "that", "these", "those", "its", "their", "our", "a", "an"}


def coreference_lexicon() -> dict:
    """The editable lexicon of pronouns and descriptions (nlp/data/coreference.json), schema-checked."""
    return load_lexicon("coreference")


class Resolver:
    """Answers "which entities does this stretch of text refer to?" for one parsed document."""

    def __init__(self, parsed: ParsedDocument, mentions: tuple[LinkedMention, ...]):
        self.parsed = parsed
        self.mentions = tuple(sorted(mentions, key=lambda m: (m.start, m.end)))
        self._lexicon = coreference_lexicon()
        self._institutions = _institutions(self.mentions)

    def state_of_institution(self, entity: Entity) -> Entity | None:
        """The state whose institution this is, when the text names it by its demonym ("the Polish
        Armed Forces" -> Poland), else None."""
        return self._institutions.get(entity.key)

    def mentions_in(self, start: int, end: int) -> tuple[LinkedMention, ...]:
        """Linked mentions inside parse-text characters [start, end)."""
        return tuple(m for m in self.mentions if m.start >= start and m.end <= end)

    def entities_in(self, start: int, end: int) -> tuple[Entity, ...]:
        """Distinct entities mentioned inside [start, end), in order of first mention."""
        return _distinct(m.entity for m in self.mentions_in(start, end))

    def resolve(self, span: Span) -> tuple[Entity, ...]:
        """The entities a noun phrase refers to: named inside it, else by coreference."""
        named = self.entities_in(span.start_char, span.end_char)
        if named:
            return named[:1] if not _is_coordination(span) else named
        return self.antecedents(span)

    def antecedents(self, span: Span) -> tuple[Entity, ...]:
        """Coreference for pronouns and definite descriptions without a name in them."""
        dual_words = self._lexicon["dual_determiners"]
        words = [
            t.lower_
            for t in span
            if t.lower_ not in _DETERMINERS and t.lower_ not in dual_words and not t.is_punct and not t.like_num
        ]
        phrase = " ".join(words)
        if phrase in self._lexicon["pronouns"]:
            return self._nearest(span, self._lexicon["pronouns"][phrase])
        head = phrase.split(" ")[-1] if phrase else ""
        dual = any(t.lower_ in dual_words for t in span[:3])
        plural = self._lexicon["plural_descriptions"]
        if phrase in plural or (dual and head in plural):  # "both belligerent parties"
            return self._group(span, plural.get(phrase) or plural[head], dual)
        kinds = self._lexicon["descriptions"].get(phrase) or self._lexicon["descriptions"].get(head)
        if kinds and span[0].lower_ in self._lexicon["personal_possessives"] and "State" in kinds:
            return self._own_state(span)
        if kinds and _is_definite(span):
            return self._nearest(span, kinds)
        return ()

    def _own_state(self, span: Span) -> tuple[Entity, ...]:
        """ "his country", "her government": the state of the person speaking in the sentence, named
        with their title ("Ukraine's foreign minister said his nation ...", "Kenyan President Amina
        Diallo said her government ..."); nothing when the sentence names none (never a guess)."""
        sentence = self.parsed.sentence_at(span.start)
        doc = span.doc
        for mention in reversed(self.mentions_in(sentence.start_char, span.start_char)):
            if mention.entity.kind != "State":
                continue
            token = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if token is None:
                continue
            word = token.root.head
            if word.lower_ == "of" and token.root.dep_ == "pobj":
                word = word.head  # "the defence minister of Kenya"
            if _qualifies_a_person(word):
                return (mention.entity,)
        return ()

    def _group(self, span: Span, kinds: list[str], dual: bool) -> tuple[Entity, ...]:
        """The entities a plural description refers to ("those countries", "both belligerent
        parties", "the two sides"): every entity of its kinds in the nearest earlier sentence naming
        two or more; exactly two for "both" and "two", else none (which two is not guessed)."""
        group = self._nearest_group(span, kinds)
        return group if not dual or len(group) == 2 else ()

    def _window_start(self, span: Span) -> int:
        sentences = self.parsed.sentences
        index = sentences.index(self.parsed.sentence_at(span.start))
        first = sentences[max(0, index - self._lexicon["window_sentences"])]
        return first.start_char

    def _nearest(self, span: Span, kinds: list[str]) -> tuple[Entity, ...]:
        earliest = self._window_start(span)
        for mention in reversed(self.mentions):
            if earliest <= mention.start and mention.end <= span.start_char and mention.entity.kind in kinds:
                return (mention.entity,)
        return ()

    def _nearest_group(self, span: Span, kinds: list[str]) -> tuple[Entity, ...]:
        earliest = self._window_start(span)
        for sentence in reversed(self.parsed.sentences):
            if sentence.start_char >= span.start_char or sentence.end_char < earliest:
                continue
            found = [m.entity for m in self.mentions_in(sentence.start_char, min(sentence.end_char, span.start_char))]
            group = _distinct(e for e in found if e.kind in kinds)
            if len(group) >= 2:
                return group
        return ()


def _institutions(mentions: tuple[LinkedMention, ...]) -> dict[str, Entity]:
    """Institution key → the state named by the demonym it starts with (the mention at the same offset)."""
    states = {m.start: m.entity for m in mentions if m.entity.kind == "State"}
    found: dict[str, Entity] = {}
    for mention in mentions:
        if mention.label == INSTITUTION_LABEL and mention.start in states:
            found.setdefault(mention.entity.key, states[mention.start])
    return found


def _qualifies_a_person(word) -> bool:
    """A person's title or name that a state mention modifies ("Ukraine's [foreign minister]",
    "Ukrainian [Foreign Minister Dmytro Kuleba]", "the [defence minister] of Kenya")."""
    return word.ent_type_ == "PERSON" or word.lower_ in _title_words()


@functools.cache
def _title_words() -> frozenset[str]:
    """The last words of the roles lexicon's titles ("minister", "president", "spokesperson")."""
    return frozenset(title.split()[-1] for title in load_lexicon("roles")["titles"])


def _is_definite(span: Span) -> bool:
    return bool(len(span)) and span[0].lower_ in {"the", "this", "that", "its", "their", "our"}


def _is_coordination(span: Span) -> bool:
    return any(t.dep_ == "conj" for t in span)


def _distinct(entities) -> tuple[Entity, ...]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.key, entity)
    return tuple(seen.values())
