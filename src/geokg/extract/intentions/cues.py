"""Candidates from the lexicon's cues: the words or phrases that spell a cue in a sentence, the
action each governs, and for a noun cue ("Putin's plan") the holder it names."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from spacy.tokens import Span, Token

from geokg.extract.intentions.actions import find_action
from geokg.extract.intentions.candidate import Candidate
from geokg.extract.intentions.constructions import future_modality
from geokg.extract.intentions.qualifiers import certainty, negated
from geokg.extract.intentions.syntax import action_span, first_person, has_to, subject_of


def cue_candidates(sentence: Span, lex: dict) -> list[Candidate]:
    """Every cue of the lexicon the sentence spells, with the action it governs."""
    found: list[Candidate] = []
    spelled, verbs = _spelled(sentence)
    for entry, first, inflections in _spelled_cues(lex, spelled, verbs):
        inflected = inflections & verbs.keys() if verbs else ()
        starts = {token.i: token for token in spelled.get(first, ())}
        for form in inflected:
            starts.update((verb.i, verb) for verb in verbs[form])
        for tokens in _matches([starts[i] for i in sorted(starts)], sentence.end, entry, lex):
            candidate = _lexical(tokens, entry, lex)
            if candidate is not None:
                found.append(candidate)
    return found


def _spelled_cues(
    lex: dict, spelled: dict[str, list[Token]], verbs: dict[str, list[Token]]
) -> Iterator[tuple[dict, str, frozenset[str]]]:
    """The cues of the lexicon whose first word a token of the sentence spells (see _spells), in
    the lexicon's order, each with its first word (lower-cased) and that word's regular
    inflections: looked up by the sentence's words, not tried one by one for every sentence."""
    cues = lex["cues"]
    firsts, by_word, by_form = _cue_index(tuple(entry["cue"] for entry in cues))
    found = {n for word in spelled.keys() & by_word.keys() for n in by_word[word]}
    found.update(n for form in verbs.keys() & by_form.keys() for n in by_form[form])
    return ((cues[n], *firsts[n]) for n in sorted(found))


@functools.cache
def _cue_index(
    cues: tuple[str, ...],
) -> tuple[tuple[tuple[str, frozenset[str]], ...], dict[str, list[int]], dict[str, list[int]]]:
    """For each cue, its first word and that word's inflections; the cues (their numbers) by
    first word, and by inflected form. Worked out once for the lexicon's cues."""
    firsts = tuple((first, _inflections(first)) for first in (cue.lower().split()[0] for cue in cues))
    by_word: dict[str, list[int]] = {}
    by_form: dict[str, list[int]] = {}
    for number, (first, inflections) in enumerate(firsts):
        by_word.setdefault(first, []).append(number)
        for form in inflections:
            by_form.setdefault(form, []).append(number)
    return firsts, by_word, by_form


def _spelled(sentence: Span) -> tuple[dict[str, list[Token]], dict[str, list[Token]]]:
    """The sentence's tokens by the words they spell (form and lemma, lower-cased), and its verbs
    by their form: together, the tokens where each cue's first word can start (see _spells)."""
    spelled: dict[str, list[Token]] = {}
    verbs: dict[str, list[Token]] = {}
    for token in sentence:
        for word in {token.lower_, token.lemma_.lower()}:
            spelled.setdefault(word, []).append(token)
        if token.pos_ == "VERB":
            verbs.setdefault(token.lower_, []).append(token)
    return spelled, verbs


def _matches(starts: list[Token], end: int, entry: dict, lex: dict) -> Iterator[list[Token]]:
    """Token sequences from the `starts` up to token `end` that spell the cue (adverbs may stand
    between its words)."""
    words = entry["cue"].lower().split()
    for start in starts:
        as_verb = entry.get("pos") == "VERB" and verb_read_as_noun(start, lex)
        if "pos" in entry and start.pos_ != entry["pos"] and not as_verb:
            continue
        tokens = _match_from(start, words, end)
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
    """The token is the word, by form or lemma; a verb also by its regular inflections, which the
    lemmatiser sometimes gets wrong ("hopes" lemmatised as "hop")."""
    if word in (token.lower_, token.lemma_.lower()) or (word == "be" and token.lemma_ == "be"):
        return True
    return token.pos_ == "VERB" and token.lower_ in _inflections(word)


def _deontic_modal(predicate: Token, lex: dict) -> str | None:
    """The modality of a modal that makes a cue the reporting source's demand on its subject
    ("should", "must": "the Philippines should be prepared to bear the consequences", said by
    Beijing, is Beijing's demand), or None."""
    words = [predicate, predicate.head] if predicate.dep_ in ("acomp", "xcomp") else [predicate]
    for word in words:
        for child in word.children:
            spec = lex["modals"].get(child.lower_) if child.dep_ == "aux" else None
            if spec and spec.get("holder") == "source":
                return spec["modality"]
    return None


@functools.cache
def _inflections(word: str) -> frozenset[str]:
    """Regular forms of a verb: "hope" -> "hopes", "hoped", "hoping"."""
    stem = word[:-1] if word.endswith("e") else word
    return frozenset({word + "s", word + "es", stem + "ed", stem + "ing", word + "d"})


def _lexical(tokens: list[Token], entry: dict, lex: dict) -> Candidate | None:
    """A cue word or phrase with the action it governs; None when the cue governs no action."""
    first, last = tokens[0], tokens[-1]
    misparsed = verb_read_as_noun(first, lex)
    if first.pos_ == "NOUN" and not misparsed:
        return _nominal(first, entry, lex)
    action, extra = find_action(tokens, entry, lex)
    if action is None:
        return None
    predicate = first
    if first.lemma_ == "be" and len(tokens) > 1:
        predicate = tokens[1] if tokens[1].dep_ != "ROOT" else first
    addressees = [c for c in last.children if c.dep_ in ("dobj", "dative") and c.i < action.start]
    own_voice = _first_person(subject_of(first), lex)
    by_source = entry.get("holder") == "source" and not own_voice  # "Serbia needs to ...": the speaker's demand
    is_negated = negated(first, lex) or negated(last, lex)
    modality = entry["modality"] if by_source else entry.get("first_person_modality", entry["modality"])
    deontic = _deontic_modal(first, lex)
    if deontic is not None and not own_voice:  # "Manila should be prepared to ...": the speaker's demand
        by_source, modality = True, deontic
    if entry.get("as_future"):
        modality = future_modality(action.root, modality, is_negated, lex)
    return Candidate(
        modality,
        tokens,
        predicate,
        action,
        negated=is_negated,
        certainty=certainty(first, lex),
        holder_by_source=by_source,
        holder_token=_name_before(first) if misparsed else None,
        self_attributed=bool(entry.get("self_attributed")) and not own_voice,
        extra_targets=extra + [a for a in addressees if a not in extra],  # "warned Kyiv against ..."
    )


def verb_read_as_noun(token: Token, lex: dict) -> bool:
    """ "Beijing reserves the right to respond", "Uruguay and Yemen plan to sign": right after a name,
    a cue verb ending in -s, or in the plural, is often parsed as a noun the name modifies. It is the
    verb when the name modifies it and "to" or the cue's next word follows (the lexicon's
    `misparsed_verb_followers`). Cheap checks first: this runs on every token of every sentence."""
    if token.pos_ != "NOUN" or token.i + 1 >= len(token.doc):
        return False
    if token.doc[token.i + 1].lower_ not in lex["misparsed_verb_followers"] or _name_before(token) is None:
        return False
    return any(token.lemma_.lower() == _first_word(e) for e in lex["cues"] if e.get("pos") == "VERB" or " " in e["cue"])


def _first_word(entry: dict) -> str:
    return entry["cue"].split()[0]


def _name_before(token: Token) -> Token | None:
    """The name that modifies the token from the left, as a parsed compound, genitive or adjective
    (a recognised name the tagger took for an adjective: "Portugal reserves the right")."""
    names = [
        c
        for c in token.lefts
        if (c.pos_ == "PROPN" or c.ent_type_) and c.dep_ in ("compound", "nmod", "poss", "nsubj", "amod")
    ]
    return names[0] if names else None


def _first_person(subject: Token | None, lex: dict) -> bool:
    """ "We urge Russia ...": a speech act in the speaker's own voice, not a narrated one."""
    return first_person(subject, lex)


def _nominal(noun: Token, entry: dict, lex: dict) -> Candidate | None:
    """ "Putin's plan for the Baltics", "gives the Kremlin a pretext to ...": the holder's own noun."""
    head = _carrier(noun, entry, lex)
    if head is None:
        return None
    action = _nominal_action(noun, head, entry, lex)
    if action is None:
        return None
    holder = _noun_holder(noun, head, entry, action, lex)
    return Candidate(
        entry["modality"],
        [noun],
        noun,
        action,
        negated=negated(head, lex) or _denied_noun(noun, lex),
        certainty=certainty(head, lex),
        holder_token=holder,
        extra_targets=_addressees(noun, head),
    )


def _denied_noun(noun: Token, lex: dict) -> bool:
    """ "Egypt has no intention of sending troops": a negating determiner on the cue denies it."""
    return any(c.dep_ == "det" and c.lower_ in lex["negating_determiners"] for c in noun.children)


def _addressees(noun: Token, head: Token) -> list[Token]:
    """Whom a noun cue is addressed to on its carrier: "issued a warning to Chad", "gave Chad a pledge"."""
    if head.i == noun.i:
        return []
    datives = [c for c in head.children if c.dep_ == "dative"]
    return [next((g for g in c.children if g.dep_ == "pobj"), c) for c in datives]


def _carrier(noun: Token, entry: dict, lex: dict) -> Token | None:
    """The word the noun hangs on; None when the noun is the object of a word that carries no intention."""
    carriers = set(lex["noun_carriers"]) | set(entry.get("carriers", []))
    governor = noun
    while governor.dep_ == "conj":
        governor = governor.head
    head = governor.head
    carried = head.lemma_.lower() in carriers or (governor.dep_ == "pobj" and head.head.lemma_.lower() in carriers)
    if governor.dep_ in ("dobj", "pobj") and not carried:
        return None
    if head.dep_ == "prep" and governor.dep_ == "pobj":
        head = head.head
    return head


def _nominal_action(noun: Token, head: Token, entry: dict, lex: dict) -> Span | None:
    """The noun's own action, else a to-infinitive later on its carrier ("a pretext to ...")."""
    action, _ = find_action([noun], entry, lex)
    if action is None and "infinitive" in entry.get("takes", []):
        later = [c for c in head.children if c.i > noun.i and c.dep_ in ("advcl", "xcomp") and has_to(c)]
        action = action_span(later[0]) if later else None
    if action is None and "preposition" in entry.get("takes", []) and head.i != noun.i:
        action = _topic_on_carrier(noun, head, lex)
    return action


def _topic_on_carrier(noun: Token, head: Token, lex: dict) -> Span | None:
    """What a noun cue is about when its carrier has it: "issued a stern warning to Chad over its
    military build-up" (the preposition after the noun, on the verb that carries it)."""
    topics = [
        c for c in head.children if c.dep_ == "prep" and c.i > noun.i and c.lower_ in lex["carrier_topic_prepositions"]
    ]
    return noun.doc[topics[0].i : topics[0].right_edge.i + 1] if topics else None


def _noun_holder(noun: Token, head: Token, entry: dict, action: Span, lex: dict) -> Token | None:
    """The possessor ("Putin's plan"), a place the entry names (dative, "by X", "for X"), or the carrier's subject.

    A possessive pronoun on the object of a verb is bound by that verb's subject: in "Brazil
    reaffirmed its readiness to ...", "its" is Brazil."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ in lex["bound_possessives"] and noun.dep_ == "dobj":
            return subject_of(head) or child
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return child
        if child.dep_ == "amod":  # "Cyprus' stated intention", parsed as "Cyprus stated"
            subject = next((g for g in child.children if g.dep_ in ("nsubj", "poss")), None)
            if subject is not None:
                return subject
    for source in entry.get("holder_from", []):
        found = _holder_from(source, noun, head, action)
        if found is not None:
            return found
    if noun.dep_ in ("dobj", "conj"):
        return subject_of(head)
    return None


def _holder_from(source: str, noun: Token, head: Token, action: Span) -> Token | None:
    """The holder where the entry says: in the action, the carrier's dative, or a preposition's
    object on the noun ("the decision by Australia to ...") or on its carrier ("a tool for X")."""
    if source == "action":
        named = [t for t in action if t.pos_ == "PROPN" and t.dep_ in ("compound", "poss", "nsubj", "dobj")]
        return named[0] if named else None
    for child in [*noun.children, *head.children]:
        if source == "dative" and child.dep_ == "dative":
            return child
        found = next((g for g in child.children if g.dep_ == "pobj"), None) if child.lower_ == source else None
        if child.dep_ == "prep" and found is not None:
            return found
    return None
