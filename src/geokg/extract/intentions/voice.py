"""Who speaks where in a document: what first-person words ("we", "our", "I") stand for, and the
speakers of a transcript.

Three phenomena name a speaker without a reporting verb:

- transcript turns: a speaker label at the start of a line ("Foreign Minister Sergei Lavrov: ...",
  "SECRETARY OF DEFENSE JAMES N. MATTIS: ...") makes the person it names the speaker of everything
  up to the next label; a label naming no person ("Q:", "MODERATOR:") ends the turn;
- "on behalf of X" anywhere in the document names the document's own voice;
- the title of an official statement ("Statement by the UK Foreign Secretary", "Joint statement by
  France and Germany") names the actors whose voice the document is: a joint statement has several;
  what follows its topic word ("... on Russia") is not a signatory;
- the byline: an author holding an office ("EU High Representative Josep Borrell"), else a publisher
  that is a government body ("U.S. Department of State", "President of Russia"), is the voice of
  first person outside anyone else's quote, and of a transcript speaker whose side no title gives.

Without any of these, first person is not guessed: an intention whose holder is "we" and whose
speaker is unknown is left out.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from geokg.link import Resolver
from geokg.model import Document, Entity, Evidence
from geokg.nlp.parsed import ParsedDocument

_VOICE_KINDS = ("State", "Alliance", "InternationalOrganization", "Organization", "StateGroup")
_GOVERNMENT_KINDS = ("State", "Alliance", "InternationalOrganization", "StateGroup")  # whose body publishes
_LONGEST_NAME = 6  # words


@dataclass(frozen=True)
class Turn:
    """A transcript turn: from `start` (parse-text offset of its label) on, `speaker` speaks."""

    start: int
    label_end: int
    speaker: Entity | None
    label: str
    evidence: Evidence


class Voice:
    """The speakers of one document."""

    def __init__(self, parsed: ParsedDocument, resolver: Resolver, lex: dict, byline: tuple[Entity, ...] = ()):
        self.parsed, self.resolver = parsed, resolver
        self.lex = lex["first_person"]
        self.byline = byline  # the government the author or the publishing body speaks for (`byline_actors`)
        self.turns = _turns(parsed, resolver, self.lex)
        self._starts = [turn.start for turn in self.turns]

    def turn_at(self, offset: int) -> Turn | None:
        """The transcript turn holding parse-text `offset`, if a speaker label precedes it."""
        turn = self._turn_at(offset)
        return turn if turn is not None and turn.speaker is not None else None

    def in_unnamed_turn(self, offset: int) -> bool:
        """Whether `offset` is in a turn whose label names no one ("Q:", "MODERATOR:")."""
        turn = self._turn_at(offset)
        return turn is not None and turn.speaker is None

    def _turn_at(self, offset: int) -> Turn | None:
        at = bisect.bisect_right(self._starts, offset) - 1
        return self.turns[at] if at >= 0 else None

    @functools.cached_property
    def narrator(self) -> tuple[Entity, ...]:
        """Whom first person outside any quote stands for: the document's own voice, else its byline's."""
        return self.own or self.byline

    @functools.cached_property
    def own(self) -> tuple[Entity, ...]:
        """The actors whose own voice the document is: "on behalf of X", else an official statement's title."""
        return self._on_behalf_of() or self._statement_title()

    def _on_behalf_of(self) -> tuple[Entity, ...]:
        """Only the actor named right after "on behalf of" ("on behalf of the EU")."""
        text = self.parsed.text
        for phrase in self.lex["behalf"]:
            for match in re.finditer(re.escape(phrase), text, re.IGNORECASE):
                found = self.resolver.entities_in(match.end(), min(len(text), match.end() + 40))
                if found and found[0].kind in _VOICE_KINDS:
                    return found[:1]
        return ()

    def _statement_title(self) -> tuple[Entity, ...]:
        """The actors an official statement's title names: its signatories."""
        start, end = _title_range(self.parsed)
        title = self.parsed.text[start:end].lower()
        kind = _first_word(title, self.lex["statement_titles"])
        if kind is None:
            return ()
        topic = _first_word(title[kind.end() :], self.lex["statement_topic_words"])
        if topic is not None:
            end = start + kind.end() + topic.start()
        actors = [e for e in self.resolver.entities_in(start, end) if e.kind in _VOICE_KINDS]
        return tuple({e.key: e for e in actors}.values())


def byline_actors(document: Document, lookup: Callable[[str], Entity | None], lex: dict) -> tuple[Entity, ...]:
    """Whom a document's byline speaks for: an author who holds an office of one state or
    organisation ("EU High Representative Josep Borrell"), else a publisher that is a government
    body ("U.S. Department of State", "President of Russia"). A columnist or a news outlet gives none."""
    first_person = lex["first_person"]
    return government_of(document.author, lookup, first_person["author_offices"]) or government_of(
        document.publisher, lookup, first_person["publisher_bodies"]
    )


def government_of(name: str | None, lookup: Callable[[str], Entity | None], offices: list[str]) -> tuple[Entity, ...]:
    """The one state or organisation a name of an office or a body belongs to, when it has one of
    `offices` in it ("UK Ministry of Defence", "President of Russia"). A body naming two actors ("EU
    Mission in Kosovo") gives none: the reader cannot tell whose voice it is either."""
    words = re.findall(r"[\w.’'&-]+", name or "")
    text = " ".join(words).lower()
    if not any(re.search(rf"\b{re.escape(office)}\b", text) for office in offices):
        return ()
    actors: dict[str, Entity] = {}
    at = 0
    while at < len(words):
        found, size = _longest_actor(words, at, lookup)
        if found is not None:
            actors.setdefault(found.key, found)
        at += size
    return tuple(actors.values()) if len(actors) == 1 else ()


def _longest_actor(words: list[str], at: int, lookup: Callable[[str], Entity | None]) -> tuple[Entity | None, int]:
    """The longest run of words from `at` that names a state or organisation, and its length (1 if none)."""
    for size in range(min(_LONGEST_NAME, len(words) - at), 0, -1):
        name = " ".join(words[at : at + size])
        entity = lookup(name) or lookup(name.rstrip(".,"))  # "U.S." as written; "Russia." at a sentence end
        if entity is not None and entity.kind in _GOVERNMENT_KINDS:
            return entity, size
    return None, 1


def _first_word(text: str, words: list[str]) -> re.Match | None:
    """The first of `words` (whole words) in `text`."""
    found = [m for word in words if (m := re.search(rf"\b{re.escape(word)}\b", text))]
    return min(found, key=lambda m: m.start()) if found else None


def _title_range(parsed: ParsedDocument) -> tuple[int, int]:
    """Where the document's title stands in the parse text (its first non-empty line when the title is not found)."""
    text = parsed.text
    title = (parsed.document.title or "").strip()
    at = text.find(title) if title else -1
    if at >= 0:
        return at, at + len(title)
    first = text.lstrip()
    start = len(text) - len(first)
    return start, start + len(first.split("\n", 1)[0])


def _turns(parsed: ParsedDocument, resolver: Resolver, lex: dict) -> tuple[Turn, ...]:
    """Every speaker label of the document, in order."""
    pattern = re.compile(lex["speaker_label"], re.MULTILINE)
    turns = []
    for match in pattern.finditer(parsed.text):
        label = match.group("label")
        persons = [m.entity for m in resolver.mentions_in(match.start("label"), match.end("label"))]
        speaker = next((e for e in persons if e.kind == "Person"), None)
        if speaker is None and label.upper() not in lex["non_speaker_labels"]:
            continue  # "Note: ...", "Update: ...": a line with a colon, not a turn
        turns.append(
            Turn(match.start(), match.end(), speaker, label, parsed.evidence(match.start("label"), match.end()))
        )
    return tuple(turns)
