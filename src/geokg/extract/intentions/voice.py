"""Who speaks where in a document: what first-person words ("we", "our", "I") stand for, and the
speakers of a transcript.

Three phenomena name a speaker without a reporting verb:

- transcript turns: a speaker label at the start of a line ("Foreign Minister Sergei Lavrov: ...",
  "SECRETARY OF DEFENSE JAMES N. MATTIS: ...") makes the person it names the speaker of everything
  up to the next label; a label naming no person ("Q:", "MODERATOR:") ends the turn;
- "on behalf of X" anywhere in the document names the document's own voice;
- the title of an official statement ("Statement by the UK Foreign Secretary", "Joint statement by
  France and Germany") names the actors whose voice the document is: a joint statement has several.

Without any of these, first person is not guessed: an intention whose holder is "we" and whose
speaker is unknown is left out.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from geokg.link import Resolver
from geokg.model import Entity, Evidence
from geokg.nlp.parsed import ParsedDocument

_VOICE_KINDS = ("State", "Alliance", "InternationalOrganization", "Organization", "StateGroup")


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

    def __init__(self, parsed: ParsedDocument, resolver: Resolver, lex: dict):
        self.parsed, self.resolver = parsed, resolver
        self.lex = lex["first_person"]
        self.turns = _turns(parsed, resolver, self.lex)
        self._starts = [turn.start for turn in self.turns]

    def turn_at(self, offset: int) -> Turn | None:
        """The transcript turn holding parse-text `offset`, if a speaker label precedes it."""
        at = bisect.bisect_right(self._starts, offset) - 1
        return self.turns[at] if at >= 0 and self.turns[at].speaker is not None else None

    @functools.cached_property
    def own(self) -> tuple[Entity, ...]:
        """The actors whose own voice the document is: "on behalf of X", else an official statement's title."""
        return self._on_behalf_of() or self._statement_title()

    def _on_behalf_of(self) -> tuple[Entity, ...]:
        """Only the actor named right after "on behalf of" ("on behalf of the EU")."""
        text = self.parsed.doc.text
        for phrase in self.lex["behalf"]:
            for match in re.finditer(re.escape(phrase), text, re.IGNORECASE):
                found = self.resolver.entities_in(match.end(), min(len(text), match.end() + 40))
                if found and found[0].kind in _VOICE_KINDS:
                    return found[:1]
        return ()

    def _statement_title(self) -> tuple[Entity, ...]:
        """The actors an official statement's title names: its signatories."""
        start, end = _title_range(self.parsed)
        title = self.parsed.doc.text[start:end].lower()
        if not any(re.search(rf"\b{re.escape(word)}\b", title) for word in self.lex["statement_titles"]):
            return ()
        actors = [e for e in self.resolver.entities_in(start, end) if e.kind in _VOICE_KINDS]
        return tuple({e.key: e for e in actors}.values())


def _title_range(parsed: ParsedDocument) -> tuple[int, int]:
    """Where the document's title stands in the parse text (its first non-empty line when the title is not found)."""
    text = parsed.doc.text
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
    for match in pattern.finditer(parsed.doc.text):
        label = match.group("label")
        persons = [m.entity for m in resolver.mentions_in(match.start("label"), match.end("label"))]
        speaker = next((e for e in persons if e.kind == "Person"), None)
        if speaker is None and label.upper() not in lex["non_speaker_labels"]:
            continue  # "Note: ...", "Update: ...": a line with a colon, not a turn
        turns.append(
            Turn(match.start(), match.end(), speaker, label, parsed.evidence(match.start("label"), match.end()))
        )
    return tuple(turns)
