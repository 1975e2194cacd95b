"""Candidates from syntax alone, without a lexicon cue word: a modal ("NATO will deploy"), a
present progressive ("is setting up"), a headline infinitive ("UK to send troops") and a purpose
clause ("... to drive NATO out")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.intentions.candidate import Candidate
from geokg.extract.intentions.qualifiers import certainty, condition, negated, reported
from geokg.extract.intentions.syntax import action_span, after_object, first_person, has_to, subject_of
from geokg.link.coref import coreference_lexicon


def modal(verb: Token, lex: dict) -> Candidate | None:
    """ "NATO will deploy ...", "Putin may spark ...", "the alliance should contact ..."."""
    if (
        verb.pos_ not in ("VERB", "AUX")
        or (verb.lemma_ in ("be", "have") and verb.dep_ != "ROOT")
        or verb.lemma_ == "be"
    ):
        return None
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in lex["modals"]), None)
    if aux is None:
        return None
    spec = lex["modals"][aux.lower_]
    if not spec.get("modality") or any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    if _perfect(verb):  # "could have blocked", "should have acted": a counterfactual or a past judgement
        return None
    if _inverted_condition(verb, aux):
        return None
    if verb.lemma_.lower() in lex["polite_wish_verbs"]:  # "I would like to say ...": a formula of speech
        return None
    if spec.get("reported_only") and not reported(verb, lex):
        return None
    future = aux.lower_ in ("will", "shall", "'ll") or spec.get("reported_only")
    is_negated = negated(verb, lex)
    conditional = condition(verb, lex)
    modality = future_modality(verb, spec["modality"], is_negated, lex) if future else spec["modality"]
    by_source = spec.get("holder") == "source"
    if by_source and _first_person_subject(verb, lex):  # "we must respond": the speaker's own intention
        modality, by_source = spec.get("first_person_modality", modality), False
    return Candidate(
        modality,
        [aux],
        verb,
        action_span(verb),  # the polarity is `negated`, not a word of the action
        negated=is_negated,
        certainty=spec.get("certainty") or certainty(verb, lex),
        holder_by_source=by_source,
        conditional_warning=lex["future"]["conditional_by_source"] if conditional and future else None,
    )


def _inverted_condition(verb: Token, aux: Token) -> bool:
    """A conditional clause by inversion, the modal before its subject in a dependent clause:
    "... to defend against aggression should deterrence fail", "Should Russia attack, ...". (A main
    clause may invert for emphasis: "Never will we allow it" states an intention.)"""
    subject = subject_of(verb)
    return verb.dep_ != "ROOT" and subject is not None and aux.i < subject.i


def _perfect(verb: Token) -> bool:
    """A modal perfect: "have" with a past participle."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _first_person_subject(verb: Token, lex: dict) -> bool:
    return first_person(subject_of(verb), lex)


def future_modality(verb: Token, default: str, is_negated: bool, lex: dict) -> str:
    """A future in the scheme's order: a threat when it retaliates ("will respond if ..."), a pledge
    when it commits toward others ("will defend", "will continue to support") or on a stance ("will
    not recognise", "will never accept"), else a plan ("will deploy", "will not send troops"): the
    modal's modality. Negation keeps the modality and sets the polarity."""
    future = lex["future"]
    chain = [verb] + [
        c for c in verb.subtree if (c.dep_ in ("xcomp", "dobj") and c.head.i in (verb.i,)) or c.head.dep_ == "xcomp"
    ]
    lemmas = {t.lemma_.lower() for t in chain if t.pos_ in ("VERB", "AUX")}  # "send aid": the verb, not the noun
    if lemmas & set(future["threat_verbs"]) or _retaliation_object(verb, future):
        return "Threat"
    if lemmas & set(future["pledge_verbs"]):
        return "Pledge"
    return default


def _retaliation_object(verb: Token, future: dict) -> bool:
    """ "will give a befitting response", "will deliver a crushing blow": a light verb whose object
    is a retaliation says "will retaliate"."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in future["threat_objects"] for c in verb.children)


def progressive(verb: Token, lex: dict) -> Candidate | None:
    """ "The alliance is setting up ...": a present progressive of a preparing verb is a plan."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in lex["progressive_plan_verbs"]:
        return None
    if not any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
        return None
    return Candidate("Plan", [verb], verb, action_span(verb), negated=negated(verb, lex))


def headline_infinitive(verb: Token, lex: dict) -> Candidate | None:
    """ "Russia to focus on Baltics", "UK to send troops to Estonia": a headline's subject with a
    bare to-infinitive and no finite verb announces what the subject is to do (modality from the
    lexicon's `headline_infinitive`)."""
    if verb.dep_ not in ("ROOT", "advcl") or verb.tag_ != "VB":  # advcl: a headline quoted in a longer line
        return None
    children = list(verb.children)
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in children) or not any(c.dep_ == "nsubj" for c in children):
        return None
    if any(c.dep_ == "mark" for c in children):  # "for Russia to leave" depends on something else
        return None
    return Candidate(lex["headline_infinitive"], [verb], verb, action_span(verb), negated=negated(verb, lex))


def consequence(verb: Token, lex: dict) -> Candidate | None:
    """ "Russia will pay a heavy price", "Russia will bear sole responsibility for the end of the
    treaty": a consequence foretold for another is the threat or warning of whoever foretells it,
    addressed to the one who will suffer it (`resolve` treats it like "X must ...")."""
    spec = lex["consequences"]
    if verb.lemma_.lower() not in spec["verbs"]:
        return None
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in spec["modals"]), None)
    cost = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in spec["objects"]), None)
    if aux is None or cost is None or _first_person_subject(verb, lex):  # "we will pay the price": no threat
        return None
    return Candidate(
        spec["objects"][cost.lemma_.lower()],
        [aux, verb],
        verb,
        verb.doc[verb.i : cost.right_edge.i + 1],
        negated=negated(verb, lex),
        holder_by_source=True,
    )


def evaluative_demand(adjective: Token, lex: dict) -> Candidate | None:
    """ "It is crucial that Kosovo and Serbia de-escalate", "it is essential for both sides to
    return to talks": a judgement that another must act is the demand of whoever makes it,
    addressed to the clause's subject (which `resolve` treats like the subject of "must")."""
    if adjective.lower_ not in lex["evaluative_demand"]["adjectives"] or adjective.dep_ != "acomp":
        return None
    copula = adjective.head
    if copula.lemma_ != "be" or not any(c.lower_ == "it" and c.dep_ in ("nsubj", "expl") for c in copula.children):
        return None
    clause = next((c for c in [*adjective.children, *copula.children] if _demanded_clause(c, lex)), None)
    if clause is None:
        return None
    return Candidate(
        lex["evaluative_demand"]["modality"],
        [adjective],
        clause,
        action_span(clause),
        negated=negated(copula, lex),
        holder_by_source=True,
        extra_targets=[_clause_subject(clause)],
    )


def _demanded_clause(clause: Token, lex: dict) -> bool:
    """A clause after "that" or "for" whose subject may be an actor (a name, a pronoun, "both
    sides"), not a thing ("that the talks continue"): what someone is judged to need to do."""
    marks = lex["evaluative_demand"]["marks"]
    if clause.dep_ not in ("ccomp", "advcl", "xcomp"):
        return False
    subject = _clause_subject(clause)
    has_mark = any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)
    return has_mark and subject is not None and _may_be_an_actor(subject, lex)


def _clause_subject(clause: Token) -> Token | None:
    """The clause's subject; a name right before a subjunctive the tagger read as a noun ("that
    Mozambique return to the table": "Mozambique" parsed as its modifier)."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and clause.pos_ == "NOUN":
        subject = next((c for c in clause.lefts if c.pos_ == "PROPN" and c.dep_ in ("amod", "compound", "nmod")), None)
    return subject


def _may_be_an_actor(subject: Token, lex: dict) -> bool:
    if subject.pos_ in ("PROPN", "PRON"):
        return True
    nouns = {*lex["state_agent_nouns"], *coreference_lexicon()["plural_descriptions"]}
    return subject.lemma_.lower() in nouns or subject.lower_ in nouns


def ultimatum(verb: Token, lex: dict) -> Candidate | None:
    """ "ECOWAS gave the junta seven days to reinstate Bazoum", "Kenya has given Somalia a deadline to
    withdraw": time given to another to act is a demand on them, by the one who gives it (not the
    giver's own goal)."""
    spec = lex["ultimatum"]
    if verb.lemma_.lower() not in spec["verbs"] or verb.pos_ != "VERB":
        return None
    time = next(
        (c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in spec["time_nouns"]), None
    )
    if time is None:
        return None
    clause = next((c for c in [*verb.children, *time.children] if c.dep_ in _ULTIMATUM_CLAUSES and has_to(c)), None)
    recipient = next((c for c in verb.children if c.dep_ in ("dative", "dobj") and c.i != time.i), None)
    if clause is None or recipient is None:
        return None
    recipient = next((g for g in recipient.children if g.dep_ == "pobj"), recipient)  # "to the junta"
    return Candidate(
        spec["modality"],
        [verb],
        verb,
        action_span(clause),
        negated=negated(verb, lex),
        self_attributed=True,
        extra_targets=[recipient],
    )


_ULTIMATUM_CLAUSES = ("advcl", "xcomp", "acl", "relcl")


def reliance_pledge(verb: Token, lex: dict) -> Candidate | None:
    """ "You can always count on our help and support", "Kyiv can rely on Germany's backing": the
    support another may count on is a pledge of the one whose support it is, toward the subject."""
    spec = lex["reliance"]
    if verb.lemma_.lower() not in spec["verbs"] or verb.pos_ != "VERB":
        return None
    preposition = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in spec["prepositions"]), None)
    support = next((g for g in preposition.children if g.dep_ == "pobj"), None) if preposition is not None else None
    if support is None or support.lemma_.lower() not in spec["nouns"]:
        return None
    giver = next((c for c in support.children if c.dep_ == "poss"), None)
    if giver is None:
        return None
    subject = subject_of(verb)
    return Candidate(
        spec["modality"],
        [verb, preposition],
        verb,
        verb.doc[giver.right_edge.i + 1 : support.right_edge.i + 1],  # "help and support", not "our"
        negated=negated(verb, lex),
        holder_token=giver,
        extra_targets=[subject] if subject is not None else [],
    )


def purposes(sentence: Span, found: list[Candidate], lex: dict) -> list[Candidate]:
    """ "... threatened a nuclear war to drive NATO out": a to-clause after an action is its goal.
    A to-clause on the action of an intention already found ("is setting up a headquarters to speed
    up deployments", "needed to strengthen its military to fend off threats") is that intention's
    purpose, part of it, not a second intention."""
    used = {c.action.root.i for c in found if c.action is not None}
    goals = []
    for clause in sentence:
        if clause.i in used or not _is_purpose(clause, used):
            continue
        if clause.head.i in used:
            _fold_purpose(found, clause)
            continue
        main = clause.head
        goals.append(
            Candidate(
                lex["purpose"]["modality"],
                [c for c in clause.children if c.tag_ == "TO"],
                main,
                action_span(clause),
                certainty=certainty(main, lex),
            )
        )
    return goals


def _fold_purpose(found: list[Candidate], clause: Token) -> None:
    """The purpose becomes part of the action it serves: "massing troops near the border to intimidate Ukraine"."""
    for candidate in found:
        action = candidate.action
        if action is not None and action.root.i == clause.head.i:
            candidate.action = action.doc[action.start : max(action.end, clause.right_edge.i + 1)]


def _is_purpose(clause: Token, used: set[int]) -> bool:
    """A to-clause on an action verb, not a complement ("continue to follow") nor a question ("whether to")."""
    if clause.dep_ not in ("advcl", "xcomp") or not has_to(clause):
        return False
    main = clause.head
    if main.tag_ == "VBD" or main.lemma_ == "be" or main.pos_ not in ("VERB", "AUX"):
        return False
    if main.dep_ in ("acl", "relcl", "amod") or (has_to(main) and main.i not in used):
        return False
    if clause.dep_ == "xcomp" and not after_object(main, clause):
        return False  # "continue to follow", "was forced to sign": a complement, not a purpose
    return not any(c.lower_ in ("whether", "how", "what", "when") for c in clause.children)
