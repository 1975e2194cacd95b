"""Stated intentions (plans, threats, pledges, intents, goals, considerations, demands, warnings)
found on the dependency parse by the cues in nlp/data/intentions.json, with holder, action, targets,
negation, certainty, condition and every level of attribution.

The lexicon is data: a new cue added to the JSON file (or to a copy passed as `lexicon`) works
without a code change.

- `sentence`: whether a sentence states anything, and its candidates, one per action.
- `cues`: candidates from the lexicon's cue words and phrases; `actions` finds the action a cue
  governs.
- `constructions`: candidates from syntax alone (modals, progressives, headline infinitives,
  purpose clauses).
- `qualifiers`: negation, certainty, conditions, reported speech and blocking "would".
- `syntax`: small dependency helpers (subtrees, action spans, subjects).
- `candidate`: an intention found in a sentence, before it is resolved.
- `resolve`: `Context` turns candidates into `StatedIntention`s (holders, targets, attributions),
  with `actors` for what a subject stands for and `clauses` for where the evidence ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from geokg.extract.common import lexicon as load_lexicon
from geokg.extract.intentions.candidate import Candidate
from geokg.extract.intentions.resolve import Context
from geokg.extract.intentions.sentence import is_statement, sentence_candidates
from geokg.extract.intentions.sides import Sides
from geokg.extract.intentions.voice import byline_actors
from geokg.link import Resolver
from geokg.model import Entity, RoleAssignment, StatedIntention
from geokg.nlp.parsed import ParsedDocument

__all__ = ["extract_intentions"]


def extract_intentions(
    parsed: ParsedDocument,
    resolver: Resolver,
    lexicon: dict | None = None,
    *,
    roles: Iterable[RoleAssignment] = (),
    seats: Callable[[str], Entity | None] | None = None,
    lookup: Callable[[str], Entity | None] | None = None,
    forces: Callable[[str], Entity | None] | None = None,
) -> list[StatedIntention]:
    """Every stated intention of the document, one per holder, modality and action in a sentence.
    `roles` are the document's role assignments (whom each person speaks for); `seats` names the state governed from a place (KnowledgeBase.governed_from); `lookup` the entity a
    name stands for (KnowledgeBase.lookup), to know whom the document's author or publisher speaks for;
    `forces` the state an armed service belongs to (KnowledgeBase.state_of_force)."""
    lex = lexicon if lexicon is not None else load_lexicon("intentions")
    byline = byline_actors(parsed.document, lookup or _nowhere, lex)
    context = Context(parsed, resolver, lex, Sides.of_roles(roles, lex), seats or _nowhere, byline, forces or _nowhere)
    found: dict[tuple, StatedIntention] = {}
    for sentence in parsed.sentences:
        if not is_statement(parsed, sentence, lex):
            continue
        for candidate in sentence_candidates(sentence, lex):
            if _ignored(candidate, lex):
                continue
            for intention in context.build(sentence, candidate):
                key = (intention.evidence.start, intention.holder.key, intention.modality, intention.action)
                found.setdefault(key, intention)
    return list(found.values())


def _ignored(candidate: Candidate, lex: dict) -> bool:
    """An action the lexicon ignores: a courtesy of speech ("I want to begin by thanking ...")."""
    return candidate.action is not None and candidate.action.root.lemma_.lower() in lex["ignored_actions"]


def _nowhere(place: str) -> Entity | None:
    return None
