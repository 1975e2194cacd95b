"""From candidates to intentions: each candidate's holders, targets, condition and attributions,
resolved against one document's entities and its speakers' affiliations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from geokg.extract.attribution import attributions, source_side
from geokg.extract.gist import action_gist
from geokg.extract.intentions.actors import Actors, holder_phrase
from geokg.extract.intentions.candidate import Candidate
from geokg.extract.intentions.clauses import action_text, evidence_clause
from geokg.extract.intentions.qualifiers import condition, condition_span
from geokg.extract.intentions.quotes import QuotedSpeech
from geokg.extract.intentions.sides import Sides
from geokg.extract.intentions.syntax import first_person, subject_of
from geokg.link import Resolver
from geokg.model import Attribution, Entity, StatedIntention
from geokg.nlp.parsed import ParsedDocument

_NOT_ACTORS = frozenset({"Place", "Treaty"})
Levels = tuple[Attribution, ...]


class Context:
    """What one document's intentions are resolved against: its entities and its first person."""

    def __init__(
        self,
        parsed: ParsedDocument,
        resolver: Resolver,
        lex: dict,
        sides: Sides,
        seats: Callable[[str], Entity | None],
        byline: tuple[Entity, ...] = (),
        forces: Callable[[str], Entity | None] | None = None,
    ):
        self.parsed, self.resolver, self.lex = parsed, resolver, lex
        self.seats = seats  # the state governed from a place: "Prague has vowed ..." is Czechia's vow
        self.forces = forces or _no_state  # the state an armed service belongs to: "RAF Typhoons are due to deploy"
        self.sides = sides
        self.affiliations = sides.of  # person key → the state or organisation they speak for
        self.actors = Actors(parsed, resolver, lex, sides.of, byline)
        self.quoted = QuotedSpeech(parsed, resolver, lex)

    def build(self, sentence: Span, candidate: Candidate) -> Iterator[StatedIntention]:
        """The candidate's intentions, one per holder that may hold it."""
        levels = _merged(
            self._turn(sentence),
            self.quoted.levels_in(sentence),
            attributions(self.parsed, self.resolver, candidate.predicate, self.lex),
        )
        holders = tuple(self._governing(h) for h in self._holders(candidate, levels))
        candidate, holders, extra_entities = self._reframe(candidate, holders, levels)
        for holder in holders:
            if self._may_hold(holder, candidate.modality):
                yield self._intention(sentence, candidate, holder, levels, extra_entities)

    def _governing(self, holder: Entity) -> Entity:
        """A capital or seat of government that holds an intention stands for its state's government,
        an armed service or an institution named by its demonym ("the Indian Army") for its state; a
        spokesperson's own speech act is the side's they speak for."""
        if holder.kind == "Place":
            state = self.seats(holder.label)
        elif holder.kind == "Organization":
            state = self.forces(holder.key) or self.resolver.state_of_institution(holder)
        else:
            state = self.sides.speaks_as(holder)
        return state if state is not None else holder

    def _turn(self, sentence: Span) -> Levels:
        """In a transcript, the speaker of the turn says everything in it (the outermost level)."""
        turn = self.actors.voice.turn_at(sentence.start_char)
        if turn is None or turn.speaker is None:
            return ()
        return (Attribution(turn.speaker, turn.label, turn.evidence),)

    def _reframe(self, candidate: Candidate, holders: tuple[Entity, ...], levels: Levels):
        """A conditional warning ("if Sweden joins NATO, Moscow will respond ...", "ECOWAS said it
        would take all measures if ..."): the speaker's own side threatens, and the speaker reports it;
        else the speaker warns of what the subject will do, and the subject is a target."""
        own_side = self.actors.side_of(levels[-1].source)[0] if levels else None
        if candidate.conditional_warning and own_side is not None and any(h.key == own_side.key for h in holders):
            return replace(candidate, modality=self.lex["future"]["conditional_own_side"]), holders, ()
        if candidate.conditional_warning and levels and all(h.key != levels[-1].source.key for h in holders):
            warning = replace(candidate, modality=candidate.conditional_warning, extra_targets=[])
            return warning, (levels[-1].source,), holders
        return candidate, holders, ()

    def _intention(
        self, sentence: Span, candidate: Candidate, holder: Entity, levels: Levels, extra_entities: tuple[Entity, ...]
    ) -> StatedIntention:
        return StatedIntention(
            holder=holder,
            modality=candidate.modality,
            action=action_text(candidate.action, self.lex),
            evidence=self.parsed.span_evidence(evidence_clause(sentence, candidate, self.lex)),
            targets=self._targets(candidate, holder, extra_entities),
            attributions=self._attributions(sentence, candidate, holder, levels),
            negated=candidate.negated,
            certainty=candidate.certainty,
            condition=self._condition_text(candidate),
            cue=" ".join(t.text for t in candidate.cue),
            gist=action_gist(candidate.action),
        )

    def _attributions(self, sentence: Span, candidate: Candidate, holder: Entity, levels: Levels) -> Levels:
        """Who reports the holder's intention: every level of reported speech (a source demanding
        what another must do, "NATO said Russia must ...", is its speaker, as the scheme attributes
        narrated speech acts); the holder when the cue says the holder is its own source ("NATO
        announced ..."), or the spokesperson who spoke for it ("Kremlin spokesman Dmitry Peskov threatened ...")."""
        own = levels
        speaker = self._spokesperson(candidate, holder) or holder
        if candidate.self_attributed and not any(a.source.key in (holder.key, speaker.key) for a in own):
            own = (*own, Attribution(speaker, candidate.cue[0].text, self.parsed.span_evidence(sentence)))
        return own

    def _spokesperson(self, candidate: Candidate, holder: Entity) -> Entity | None:
        """The spokesperson whose speech act the holder's is: the subject, when it speaks for the holder."""
        subject = candidate.holder_token or self._subject(candidate.predicate)
        persons = self.actors.entities_of(subject) if subject is not None else ()
        return next((p for p in persons if self.sides.speaks_as(p) == holder), None)

    def _may_hold(self, holder: Entity, modality: str) -> bool:
        last_word = holder.label.split()[-1].lower() if holder.label else ""
        if holder.kind in self.lex["instrument_kinds"] or last_word in self.lex["instrument_words"]:
            return modality in self.lex["instrument_modalities"] and holder.kind in self.lex["holder_kinds"]
        return holder.kind in self.lex["holder_kinds"]

    def _holders(self, candidate: Candidate, levels: Levels) -> tuple[Entity, ...]:
        if candidate.holder_by_source:  # "X must withdraw": the demand of whoever says so, addressed to X
            return self._demanding(candidate, levels)
        token = candidate.holder_token or self._subject(candidate.predicate)
        if token is None:
            return ()
        pronoun = self._first_person_of(token)
        if pronoun is not None and levels:  # "we must respond," said Pompeo; "our country will ...," she said
            side = source_side(self.resolver, candidate.predicate, self.lex)
            return self.actors.speaking_for(levels[-1].source, pronoun, side)
        return self.actors.entities_of(token)

    def _first_person_of(self, token: Token) -> Token | None:
        """The first-person word a holder is: "we", or the possessor of a state's agent ("our country",
        "our government")."""
        if first_person(token, self.lex):
            return token
        if token.lemma_.lower() not in self.lex["state_agent_nouns"]:
            return None
        return next((c for c in token.children if c.dep_ == "poss" and first_person(c, self.lex)), None)

    def _demanding(self, candidate: Candidate, levels: Levels) -> tuple[Entity, ...]:
        """Who demands what a source says another should do: the side the source speaks for (a
        minister's state), else the source, else the document's narrator. When the one who should
        act is the source's own side ("Putin said the country needed to ..."), it is that side's own
        intention, not a demand."""
        speakers = self.actors.side_of(levels[-1].source) if levels else self.actors.voice.narrator
        subject = self._subject(candidate.predicate)
        subjects = self.actors.entities_of(subject) if subject is not None else ()
        if subjects and {e.key for e in subjects} <= {e.key for e in speakers}:
            candidate.modality, candidate.holder_by_source = self.lex["own_side_demand"], False
            return subjects
        candidate.extra_targets = [subject] if subject is not None else candidate.extra_targets
        return speakers

    def _subject(self, predicate: Token) -> Token | None:
        """The predicate's subject; not a transcript's speaker label, which the parser often takes for one."""
        subject = subject_of(predicate)
        turn = self.actors.voice.turn_at(predicate.idx)
        if subject is None or turn is None or not turn.start <= subject.idx < turn.label_end:
            return subject
        later = [c for c in subject.head.children if c.dep_ == subject.dep_ and c.idx >= turn.label_end]
        return later[0] if later else None

    def _targets(self, candidate: Candidate, holder: Entity, extra: tuple[Entity, ...]) -> tuple[Entity, ...]:
        """Toward whom, when the action names someone; else where."""
        found: list[Entity] = list(extra)
        for token in candidate.extra_targets:
            found.extend(self.actors.entities_of(token))
        if candidate.action is not None:
            found.extend(self._action_targets(candidate.action))
        seen: dict[str, Entity] = {}
        for entity in found:
            if entity.key != holder.key:
                seen.setdefault(entity.key, entity)
        actors = tuple(e for e in seen.values() if e.kind not in _NOT_ACTORS)
        return actors or tuple(seen.values())

    def _action_targets(self, action: Span) -> list[Entity]:
        """The action's objects, by coreference, and every entity named in it."""
        found: list[Entity] = []
        for token in action:
            if token.dep_ in ("dobj", "pobj", "dative") and token.pos_ in ("PRON", "NOUN", "DET"):
                found.extend(self.resolver.antecedents(holder_phrase(token)) if token.lower_ not in ("it",) else ())
        found.extend(self.resolver.entities_in(action.start_char, action.end_char))
        return found

    def _condition_text(self, candidate: Candidate) -> str | None:
        clause = condition(candidate.predicate, self.lex)
        if clause is None and candidate.action is not None:  # "threatened to impose tariffs if ...": on the action
            clause = condition(candidate.action.root, self.lex)
        if clause is None:
            return None
        clause_span = condition_span(clause, self.lex)
        return " ".join(self.parsed.evidence(clause_span.start_char, clause_span.end_char).exact.split()).strip(
            "“”\"' ,."
        )


def _no_state(key: str) -> Entity | None:
    return None


def _merged(*outer_to_inner: Levels) -> Levels:
    """Levels of attribution from the outermost in, each source once (a transcript's speaker who is
    also named by the reporting verb of the quotation is one level)."""
    found: dict[str, Attribution] = {}
    for levels in outer_to_inner:
        for level in levels:
            found.setdefault(level.source.key, level)
    return tuple(found.values())
