"""Stated intentions (plans, threats, pledges, intents, goals, considerations, demands, warnings)
found on the dependency parse by the cues in nlp/data/intentions.json, with holder, action, targets,
negation, certainty, condition and every level of attribution.

The lexicon is data: a new cue added to the JSON file (or to a copy passed as `lexicon`) works
without a code change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from geokg.extract.attribution import attributions, collective_actor, noun_phrase
from geokg.extract.common import lexicon as load_lexicon
from geokg.link import Resolver
from geokg.model import Attribution, Entity, StatedIntention
from geokg.nlp.parsed import ParsedDocument
from geokg.rdf.iri import local_key

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLIMB = ("conj", "xcomp", "acomp", "aux", "auxpass")
_FINITE = {"VBZ", "VBP", "VBD", "MD"}
_MAX_ACTION = 14  # tokens of an action phrase


@dataclass
class _Candidate:
    """An intention found in one sentence, before its holder and attributions are resolved."""

    modality: str
    cue: list[Token]
    predicate: Token  # whose subject holds the intention
    action: Span | None
    negated: bool = False
    certainty: str = "Asserted"
    holder_token: Token | None = None
    holder_by_source: bool = False
    self_attributed: bool = False
    extra_targets: list[Token] = field(default_factory=list)
    conditional_warning: str | None = None


def extract_intentions(parsed: ParsedDocument, resolver: Resolver, lexicon: dict | None = None, *,
                       affiliations: Mapping[str, Entity] | None = None) -> list[StatedIntention]:
    """Every stated intention of the document, one per holder, modality and action in a sentence."""
    lex = lexicon if lexicon is not None else load_lexicon("intentions")
    context = _Context(parsed, resolver, lex, affiliations or {})
    found: dict[tuple, StatedIntention] = {}
    for sentence in parsed.sentences:
        if not _is_statement(parsed, sentence, lex):
            continue
        for candidate in sorted(_split(_candidates(sentence, lex)), key=_position):
            if candidate.action is not None and candidate.action.root.lemma_.lower() in lex["ignored_actions"]:
                continue
            for intention in context.build(sentence, candidate):
                key = (intention.evidence.start, intention.holder.key, intention.modality, intention.action)
                found.setdefault(key, intention)
    return list(found.values())


def _position(candidate: _Candidate) -> int:
    return candidate.action.start if candidate.action is not None else candidate.cue[0].i


def _split(candidates: list[_Candidate]) -> list[_Candidate]:
    """"a tool for splitting the West and provoking disagreements": one intention per gerund."""
    out = []
    for candidate in candidates:
        out.append(candidate)
        root = candidate.action.root if candidate.action is not None else None
        if root is None or root.tag_ != "VBG":
            continue
        gerunds = [c for c in root.conjuncts if c.tag_ == "VBG" and c.i > root.i]
        if gerunds:
            out[-1] = replace(candidate, action=_trim(candidate.action, gerunds[0]))
            out.extend(replace(candidate, action=_action_span(g)) for g in gerunds)
    return out


def _trim(span: Span, conj: Token) -> Span:
    """The first conjunct's action without the conjuncts that follow it."""
    cut = min([conj.i] + [c.i for c in conj.head.children if c.dep_ == "cc" and c.i < conj.i and c.i > span.root.i])
    end = max(span.start + 1, cut)
    while end > span.start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start : min(end, span.end)]


# --- which sentences state anything -------------------------------------------------------------


def _is_statement(parsed: ParsedDocument, sentence: Span, lex: dict) -> bool:
    """Not a question, a heading (no finite verb, or a short line of its own without a full stop),
    unless it is a headline announcing what someone is to do."""
    text = sentence.text.strip()
    if not text or text.rstrip("”\"'’ ").endswith("?"):
        return False
    if any(_headline_infinitive(t, lex) for t in sentence):  # "Russia to focus on Baltics" states a plan
        return True
    if not any(t.tag_ in _FINITE for t in sentence):
        return False
    after = parsed.doc.text[sentence.end_char : sentence.end_char + 2]
    own_line = after.startswith("\n") or "\n" in sentence.text[len(sentence.text.rstrip()):] or (
        sentence.end_char >= len(parsed.doc.text.rstrip()))
    heading = own_line and not re.search(r"[.!:;”\"]\s*$", text) and len(sentence) <= 12
    return not heading and not re.search(r"\bwould have\b", text, re.IGNORECASE)


# --- cues ---------------------------------------------------------------------------------------


def _candidates(sentence: Span, lex: dict) -> list[_Candidate]:
    found: list[_Candidate] = []
    for entry in lex["cues"]:
        for tokens in _matches(sentence, entry):
            candidate = _lexical(tokens, entry, lex)
            if candidate is not None:
                found.append(candidate)
    consumed = {c.action.root.i for c in found if c.action is not None} | {t.i for c in found for t in c.cue}
    for token in sentence:
        if token.i in consumed or _blocked(token, lex):
            continue
        candidate = _modal(token, lex) or _progressive(token, lex) or _headline_infinitive(token, lex)
        if candidate is not None:
            found.append(candidate)
    found.extend(_purposes(sentence, found, lex))
    return [c for c in found if not _blocked(c.predicate, lex)]


def _matches(sentence: Span, entry: dict):
    """Token sequences of the sentence that spell the cue (adverbs may stand between its words)."""
    words = entry["cue"].lower().split()
    for start in sentence:
        if "pos" in entry and start.pos_ != entry["pos"]:
            continue
        tokens = _match_from(start, words, sentence.end)
        if tokens:
            yield tokens


def _match_from(start: Token, words: list[str], end: int) -> list[Token] | None:
    tokens, i = [], start.i
    doc = start.doc
    for word in words:
        while i < end and doc[i].pos_ == "ADV" and tokens and not _spells(doc[i], word):
            i += 1
        if i >= end or not _spells(doc[i], word):
            return None
        tokens.append(doc[i])
        i += 1
    return tokens


def _spells(token: Token, word: str) -> bool:
    return word in (token.lower_, token.lemma_.lower()) or (word == "be" and token.lemma_ == "be")


def _lexical(tokens: list[Token], entry: dict, lex: dict) -> _Candidate | None:
    """A cue word or phrase with the action it governs; None when the cue governs no action."""
    first, last = tokens[0], tokens[-1]
    if first.pos_ == "NOUN":
        return _nominal(first, entry, lex)
    action, extra = _action(tokens, entry, lex)
    if action is None:
        return None
    predicate = first
    if first.lemma_ == "be" and len(tokens) > 1:
        predicate = tokens[1] if tokens[1].dep_ != "ROOT" else first
    addressees = [c for c in last.children if c.dep_ in ("dobj", "dative") and c.i < action.start]
    return _Candidate(
        entry["modality"], tokens, predicate, action,
        negated=_negated(first, lex) or _negated(last, lex),
        certainty=_certainty(first, lex),
        self_attributed=bool(entry.get("self_attributed")),
        extra_targets=extra + [a for a in addressees if a not in extra],  # "warned Kyiv against ..."
    )


def _action(tokens: list[Token], entry: dict, lex: dict) -> tuple[Span | None, list[Token]]:
    """Where the cue's action is, in the order of the entry's `takes`."""
    cue_ids = {t.i for t in tokens}
    below = [c for t in tokens for c in t.children if c.i not in cue_ids]
    below += [g for c in below if c.dep_ == "prep" and c.i not in cue_ids for g in c.children]
    below += [g for t in tokens if t.dep_ == "prep" for g in t.children if g.i not in cue_ids]
    for kind in entry.get("takes", []):
        found = _ACTION_FINDERS[kind](tokens, below, lex)
        if found is not None:
            return found
    return None, []


def _infinitive(tokens, below, lex):
    for child in below:
        if child.pos_ in ("VERB", "AUX") and child.dep_ in ("xcomp", "ccomp", "advcl", "acl", "pcomp") and _has_to(child):
            objects = [c for c in below if c.dep_ in ("pobj", "dobj", "dative") and c.i < child.i]
            return _action_span(child), objects
    for child in below:  # "to de-escalate": a split word leaves the verb without its "to"
        if child.pos_ == "VERB" and child.dep_ in ("xcomp", "advcl") and child.i > tokens[-1].i:
            if any(t.lower_ == "to" for t in child.doc[max(tokens[-1].i, child.i - 3) : child.i]):
                return _action_span(child), [c for c in below if c.dep_ in ("pobj", "dobj") and c.i < child.i]
    if tokens[-1].lower_ == "to":
        verb = tokens[-1].head
        if verb.pos_ in ("VERB", "AUX") and verb.i > tokens[-1].i:
            return _action_span(verb), []
    return None


def _gerund(tokens, below, lex):
    for child in below:
        if child.tag_ == "VBG" and child.dep_ in ("xcomp", "dobj", "pcomp", "ccomp", "pobj"):
            return _action_span(child), []
    return None


def _clause(tokens, below, lex):
    for child in below:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX") and child.i > tokens[-1].i:
            return _action_span(child), [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
    return None


def _object_infinitive(tokens, below, lex):
    for child in below:
        if child.dep_ in ("ccomp", "xcomp") and _has_to(child):
            subject = [c for c in child.children if c.dep_ == "nsubj"]
            objects = [c for c in below if c.dep_ in ("dobj", "dative")]
            if subject or objects:
                return _action_span(child), subject + objects
    return None


def _object(tokens, below, lex):
    for child in below:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN"):
            return _span(child), []
    return None


def _preposition(tokens, below, lex):
    preps = set(lex["noun_prepositions"])
    for child in below:
        if child.dep_ in ("pobj", "pcomp") and (child.head.lower_ in preps or child.head in tokens):
            return _span(child), []
    return None


def _subject(tokens, below, lex):
    """"On NATO's agenda is approving ...": the clause the noun's phrase belongs to states the action."""
    verb = tokens[0].head.head if tokens[0].dep_ == "pobj" else tokens[0].head
    if verb.lemma_ != "be":
        return (_action_span(verb), []) if verb.pos_ == "VERB" and verb.i > tokens[0].i else None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.i != tokens[0].i), None)
    return (_action_span(subject), []) if subject is not None else None


_ACTION_FINDERS = {
    "infinitive": _infinitive,
    "gerund": _gerund,
    "clause": _clause,
    "object_infinitive": _object_infinitive,
    "object": _object,
    "preposition": _preposition,
    "subject": _subject,
}


def _nominal(noun: Token, entry: dict, lex: dict) -> _Candidate | None:
    """"Putin's plan for the Baltics", "gives the Kremlin a pretext to ...": the holder's own noun."""
    carriers = set(lex["noun_carriers"]) | set(entry.get("carriers", []))
    governor = noun
    while governor.dep_ == "conj":
        governor = governor.head
    head = governor.head
    if governor.dep_ in ("dobj", "pobj") and head.lemma_.lower() not in carriers:
        if not (governor.dep_ == "pobj" and head.head.lemma_.lower() in carriers):
            return None
    if head.dep_ == "prep" and governor.dep_ == "pobj":
        head = head.head
    action, _ = _action([noun], entry, lex)
    if action is None and "infinitive" in entry.get("takes", []):
        later = [c for c in head.children if c.i > noun.i and c.dep_ in ("advcl", "xcomp") and _has_to(c)]
        action = _action_span(later[0]) if later else None
    if action is None:
        return None
    holder = _noun_holder(noun, head, entry, action)
    return _Candidate(entry["modality"], [noun], noun, action, negated=_negated(head, lex),
                      certainty=_certainty(head, lex), holder_token=holder)


def _noun_holder(noun: Token, head: Token, entry: dict, action: Span) -> Token | None:
    """The possessor ("Putin's plan"), a place the entry names (dative, "for X"), or the carrier's subject."""
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return child
    for source in entry.get("holder_from", []):
        if source == "action":
            named = [t for t in action if t.pos_ == "PROPN" and t.dep_ in ("compound", "poss", "nsubj", "dobj")]
            if named:
                return named[0]
        for child in head.children:
            if source == "dative" and child.dep_ == "dative":
                return child
            if child.dep_ == "prep" and child.lower_ == source:
                return next((g for g in child.children if g.dep_ == "pobj"), None)
    if noun.dep_ in ("dobj", "conj"):
        return _subject_of(head)
    return None


def _modal(verb: Token, lex: dict) -> _Candidate | None:
    """"NATO will deploy ...", "Putin may spark ...", "the alliance should contact ..."."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in ("be", "have") and verb.dep_ != "ROOT" or verb.lemma_ == "be":
        return None
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in lex["modals"]), None)
    if aux is None:
        return None
    spec = lex["modals"][aux.lower_]
    if not spec.get("modality") or any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    if spec.get("reported_only") and not _reported(verb, lex):
        return None
    future = aux.lower_ in ("will", "shall", "'ll") or spec.get("reported_only")
    modality = _future_modality(verb, spec["modality"], lex) if future else spec["modality"]
    condition = _condition(verb, lex)
    return _Candidate(
        modality, [aux], verb, _action_span(verb, with_negation=True),
        certainty=spec.get("certainty") or _certainty(verb, lex),
        holder_by_source=spec.get("holder") == "source",
        conditional_warning=lex["future"]["conditional_by_source"] if condition and future else None,
    )


def _reported(verb: Token, lex: dict) -> bool:
    """The clause a reporting verb introduces ("said the alliance would not send troops"): there
    "would" is the future told in the past, not a hypothetical."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lex["attribution"]["verbs"]


def _future_modality(verb: Token, default: str, lex: dict) -> str:
    future = lex["future"]
    chain = [verb] + [c for c in verb.subtree if c.dep_ in ("xcomp", "dobj") and c.head.i in (verb.i,) or c.head.dep_ == "xcomp"]
    if any(t.lemma_.lower() in future["pledge_verbs"] for t in chain):
        return "Pledge"
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in future["plan_time_prepositions"]:
            if any(g.lower_ in future["plan_time_words"] for g in child.subtree):
                return "Plan"
        if child.dep_ == "npadvmod" and child.lower_ in future["plan_time_words"]:
            return "Plan"
    return default


def _progressive(verb: Token, lex: dict) -> _Candidate | None:
    """"The alliance is setting up ...": a present progressive of a preparing verb is a plan."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in lex["progressive_plan_verbs"]:
        return None
    if not any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
        return None
    return _Candidate("Plan", [verb], verb, _action_span(verb), negated=_negated(verb, lex))


def _headline_infinitive(verb: Token, lex: dict) -> _Candidate | None:
    """"Russia to focus on Baltics", "UK to send troops to Estonia": a headline's subject with a
    bare to-infinitive and no finite verb announces what the subject is to do (modality from the
    lexicon's `headline_infinitive`)."""
    if verb.dep_ not in ("ROOT", "advcl") or verb.tag_ != "VB":  # advcl: a headline quoted in a longer line
        return None
    children = list(verb.children)
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in children) or not any(c.dep_ == "nsubj" for c in children):
        return None
    if any(c.dep_ == "mark" for c in children):  # "for Russia to leave" depends on something else
        return None
    return _Candidate(lex["headline_infinitive"], [verb], verb, _action_span(verb), negated=_negated(verb, lex))


def _purposes(sentence: Span, found: list[_Candidate], lex: dict) -> list[_Candidate]:
    """"... threatened a nuclear war to drive NATO out": a to-clause after an action is its goal."""
    used = {c.action.root.i for c in found if c.action is not None}
    goals = []
    for clause in sentence:
        if clause.i in used or clause.dep_ not in ("advcl", "xcomp") or not _has_to(clause):
            continue
        main = clause.head
        if main.tag_ == "VBD" or main.lemma_ == "be" or main.pos_ not in ("VERB", "AUX"):
            continue
        if main.dep_ in ("acl", "relcl", "amod") or _has_to(main) and main.i not in used:
            continue
        if clause.dep_ == "xcomp" and not _after_object(main, clause):
            continue  # "continue to follow", "was forced to sign": a complement, not a purpose
        if any(c.lower_ in ("whether", "how", "what", "when") for c in clause.children):
            continue
        goals.append(_Candidate(lex["purpose"]["modality"], [c for c in clause.children if c.tag_ == "TO"], main,
                                _action_span(clause), certainty=_certainty(main, lex)))
    return goals


# --- small parse helpers ------------------------------------------------------------------------


def _after_object(main: Token, clause: Token) -> bool:
    return any(c.dep_ in ("dobj", "prep", "prt", "advmod") and c.i < clause.i for c in main.children)


def _has_to(token: Token) -> bool:
    return any(c.tag_ == "TO" and c.dep_ == "aux" for c in token.children)


def _blocked(token: Token, lex: dict) -> bool:
    """Under "would" (hypothetical, unless it is reported speech's future) or in a question-like
    or relative clause of a non-actor."""
    node, steps = token, 0
    while steps < 4:
        if any(c.dep_ == "aux" and c.lower_ in lex["blocking_modals"] for c in node.children):
            return not _reported(node, lex)
        if node.dep_ in _CLIMB and node.head.i != node.i:
            node, steps = node.head, steps + 1
            continue
        return False
    return False


def _negated(token: Token, lex: dict) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in lex["negations"] for c in token.children if c.i < token.i + 1)


def _certainty(token: Token, lex: dict) -> str:
    hedges = lex["certainty"]
    values = [hedges[c.lower_] for c in token.children if c.dep_ in ("aux", "advmod") and c.lower_ in hedges]
    return "Possible" if "Possible" in values else "Probable" if values else "Asserted"


def _condition(verb: Token, lex: dict) -> Token | None:
    marks = set(lex["condition_marks"])
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children):
            return child
    return None


def _span(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _action_span(head: Token, *, with_negation: bool = False) -> Span:
    """The action's verb phrase: the head and its objects, without subject, modals, or side clauses."""
    skip = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "mark", "punct", "advcl", "relcl", "parataxis", "cc", "conj", "npadvmod"}
    if not with_negation:
        skip.add("neg")
    keep = [head]
    for child in head.children:
        if child.dep_ not in skip or (child.dep_ == "neg" and with_negation) or (child.dep_ == "aux" and child.tag_ == "TO"):
            keep.extend(child.subtree)
    keep = [t for t in keep if not (t.dep_ == "aux" and t.tag_ == "TO")]
    start = min(t.i for t in keep)
    end = min(max(t.i for t in keep) + 1, start + _MAX_ACTION)
    while end > start + 1 and head.doc[end - 1].is_punct:
        end -= 1
    return head.doc[start:end]


def _subject_of(token: Token) -> Token | None:
    node = token
    for _ in range(5):
        subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        if node.head.i == node.i:
            return _left_subject(node, token)
        if node.dep_ not in _CLIMB + ("ccomp", "advcl", "acl", "relcl", "dobj", "pobj", "prep", "attr"):
            return None
        if node.dep_ == "relcl":
            return node.head
        node = node.head
    return None


def _left_subject(root: Token, token: Token) -> Token | None:
    """"The Act endorses ...; urges ...": a main clause without a subject takes the first one before it."""
    for child in root.children:
        if child.dep_ in ("ccomp", "conj") and child.i < token.i:
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None


# --- from candidates to intentions --------------------------------------------------------------


class _Context:
    """What one document's intentions are resolved against: its entities and its first person."""

    def __init__(self, parsed: ParsedDocument, resolver: Resolver, lex: dict, affiliations: Mapping[str, Entity]):
        self.parsed, self.resolver, self.lex = parsed, resolver, lex
        self.affiliations = affiliations  # person key → the state or organisation they speak for
        self._we: tuple[Entity, ...] | None = None

    def build(self, sentence: Span, candidate: _Candidate):
        levels = attributions(self.parsed, self.resolver, candidate.predicate, self.lex)
        holders = self._holders(candidate, levels)
        own_side = self.affiliations.get(levels[-1].source.key) if levels else None
        if candidate.conditional_warning and own_side is not None and any(h.key == own_side.key for h in holders):
            # "If Sweden joins NATO, Moscow will respond ..., Russian minister X warned": the
            # speaker's own state threatens; X reports it.
            candidate = replace(candidate, modality=self.lex["future"]["conditional_own_side"])
            extra_entities = ()
        elif candidate.conditional_warning and levels and all(h.key != levels[-1].source.key for h in holders):
            subject_entities = holders
            holders = (levels[-1].source,)
            candidate = replace(candidate, modality=candidate.conditional_warning)
            candidate.extra_targets = []
            extra_entities = subject_entities
        else:
            extra_entities = ()
        for holder in holders:
            if not self._may_hold(holder, candidate.modality):
                continue
            own = levels
            if candidate.holder_by_source:
                own = tuple(a for a in own if a.source.key != holder.key)
            if candidate.self_attributed and not any(a.source.key == holder.key for a in own):
                own = own + (Attribution(holder, candidate.cue[0].text, self.parsed.span_evidence(sentence)),)
            yield StatedIntention(
                holder=holder,
                modality=candidate.modality,
                action=_text(_action_clause(candidate.action, self.lex)),
                evidence=self.parsed.span_evidence(_clause(sentence, candidate, self.lex)),
                targets=self._targets(candidate, holder, extra_entities),
                attributions=own,
                negated=candidate.negated,
                certainty=candidate.certainty,
                condition=self._condition_text(candidate),
                cue=" ".join(t.text for t in candidate.cue),
            )

    def _may_hold(self, holder: Entity, modality: str) -> bool:
        last_word = holder.label.split()[-1].lower() if holder.label else ""
        if holder.kind in self.lex["instrument_kinds"] or last_word in self.lex["instrument_words"]:
            return modality in self.lex["instrument_modalities"] and holder.kind in self.lex["holder_kinds"]
        return holder.kind in self.lex["holder_kinds"]

    def _holders(self, candidate: _Candidate, levels: tuple[Attribution, ...]) -> tuple[Entity, ...]:
        if candidate.holder_by_source:
            if not levels:
                return ()
            candidate.extra_targets = [s for s in [_subject_of(candidate.predicate)] if s is not None]
            return (levels[-1].source,)
        token = candidate.holder_token or _subject_of(candidate.predicate)
        if token is None:
            return ()
        if token.lower_ in self.lex["first_person"]["pronouns"] and levels:
            speaker = self.affiliations.get(levels[-1].source.key)
            if speaker is not None:  # "we must respond," said Pompeo: we = the state he speaks for
                return (speaker,)
        return self.entities_of(token)

    def entities_of(self, head: Token) -> tuple[Entity, ...]:
        """The actors a subject or possessor stands for: named, first person, coreferent or collective."""
        if head.lower_ in self.lex["first_person"]["pronouns"]:
            return self.first_person()
        if head.dep_ == "relcl" or head.lower_ in ("which", "that", "who"):
            return ()
        phrase = _holder_phrase(head)
        named = [m.entity for m in self.resolver.mentions if m.start <= head.idx < m.end]
        if named:
            return _with_conjuncts(self, head, named[0])
        if head.pos_ == "PRON":
            return self.resolver.antecedents(phrase)
        if _definite(phrase) and self.resolver.antecedents(phrase):
            return self.resolver.antecedents(phrase)
        for child in head.children:
            if child.dep_ in ("poss",) or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                found = self.entities_of(child)
                if found:
                    return found
        if head.pos_ == "NOUN" and head.lower_ in self.lex["attribution"]["anonymous_heads"] and len(phrase) > 1:
            return (collective_actor(phrase),)
        for other in [*head.children, *head.head.children]:
            if other.i != head.i and (other.dep_ == "appos" or other.dep_ == head.dep_ and other.head.i == head.head.i):
                named = [m.entity for m in self.resolver.mentions if m.start <= other.idx < m.end]
                if named:
                    return named[:1]
        return self._unlinked_name(head, phrase)

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
            self._we = self._find_first_person()
        return self._we

    def _find_first_person(self) -> tuple[Entity, ...]:
        text = self.parsed.doc.text
        for phrase in self.lex["first_person"]["behalf"]:
            for match in re.finditer(re.escape(phrase), text, re.IGNORECASE):
                found = self.resolver.entities_in(match.end(), min(len(text), match.end() + 40))
                if found and found[0].kind in ("State", "Alliance", "InternationalOrganization"):
                    return found[:1]  # only the one named right after it ("on behalf of the EU")
        for kinds in (("State",), ("Alliance", "InternationalOrganization")):  # speakers are mostly states
            counts = Counter(m.entity.key for m in self.resolver.mentions if m.entity.kind in kinds)
            if counts:
                key = counts.most_common(1)[0][0]
                return (next(m.entity for m in self.resolver.mentions if m.entity.key == key),)
        return ()

    def _targets(self, candidate: _Candidate, holder: Entity, extra: tuple[Entity, ...]) -> tuple[Entity, ...]:
        found: list[Entity] = list(extra)
        for token in candidate.extra_targets:
            found.extend(self.entities_of(token))
        if candidate.action is not None:
            action = candidate.action
            for token in action:
                if token.dep_ in ("dobj", "pobj", "dative") and token.pos_ in ("PRON", "NOUN", "DET"):
                    found.extend(self.resolver.antecedents(_holder_phrase(token)) if token.lower_ not in ("it",) else ())
            found.extend(self.resolver.entities_in(action.start_char, action.end_char))
        seen: dict[str, Entity] = {}
        for entity in found:
            if entity.key != holder.key:
                seen.setdefault(entity.key, entity)
        actors = tuple(e for e in seen.values() if e.kind not in _NOT_ACTORS)
        return actors or tuple(seen.values())  # toward whom, when the action names someone; else where

    def _condition_text(self, candidate: _Candidate) -> str | None:
        clause = _condition(candidate.predicate, self.lex)
        if clause is None:
            return None
        span = _span(clause)
        return " ".join(self.parsed.evidence(span.start_char, span.end_char).exact.split()).strip("“”\"' ,")


def _holder_phrase(head: Token) -> Span:
    return noun_phrase(head) if head.dep_ != "poss" else head.doc[head.left_edge.i : head.i + 1]


def _definite(phrase: Span) -> bool:
    return bool(len(phrase)) and phrase[0].lower_ in {"the", "this", "that", "its", "their", "those", "these", "our"}


def _with_conjuncts(context: _Context, head: Token, first: Entity) -> tuple[Entity, ...]:
    """"Russia and Belarus plan ...": every conjoined subject holds the intention."""
    entities = [first]
    for conj in head.conjuncts:
        named = [m.entity for m in context.resolver.mentions if m.start <= conj.idx < m.end]
        entities.extend(named[:1])
    return tuple(dict((e.key, e) for e in entities).values())


_NOT_ACTORS = frozenset({"Place", "Treaty"})


def _clause(sentence: Span, candidate: _Candidate, lex: dict) -> Span:
    """The sentence up to the end of the clause that states the intention: a colon, a semicolon,
    a dash or a comma opening a relative or subordinate clause after the action ends it, so the
    evidence does not take in a separate claim ("…, which Moscow claims …", ": Whether to …")."""
    last = max([t.i for t in candidate.cue] + [candidate.predicate.i])
    end = _clause_end(sentence, last, lex)
    return sentence.doc[sentence.start : end]


def _clause_end(span: Span, after: int, lex: dict) -> int:
    """Index of the first clause boundary in `span` after token `after`, else the span's end."""
    openers = set(lex["clause_openers"])
    for token in span.doc[after + 1 : span.end]:
        following = span.doc[token.i + 1] if token.i + 1 < span.end else None
        if token.text in (":", ";", "–", "—") or (token.text == "," and following is not None and following.lower_ in openers):
            return token.i
    return span.end


def _action_clause(action: Span | None, lex: dict) -> Span | None:
    """The action without a trailing relative clause or list ("the Baltics, which Moscow claims ...")."""
    if action is None:
        return None
    return action.doc[action.start : _clause_end(action, action.start, lex)]


def _text(span: Span | None) -> str:
    return " ".join(span.text.split()) if span is not None else ""
