"""Events: unit tests of the trigger rules on hand-built Docs, and templated behavioural tests over
states of every region (a pass rate per phenomenon, at least 0.95)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from geokg.extract import events
from geokg.link import LinkedMention, Resolver
from geokg.model import Entity, Event

SPREAD = (
    "FRA DEU POL ESP ITA SWE NOR FIN GRC ROU UKR JPN CHN IND PAK IDN VNM KOR PHL THA MYS NGA KEN EGY "
    "ETH ZAF GHA SEN MAR DZA BRA ARG MEX COL CHL PER CAN AUS NZL FJI PNG IRN IRQ ISR SAU TUR JOR QAT"
).split()
PASS_RATE = 0.95
RUSSIA = Entity("Q159", "State", "Russia", "Q159")
UKRAINE = Entity("Q212", "State", "Ukraine", "Q212")


def _doc(nlp, words, heads, deps, pos, tags, lemmas=None):
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def test_events_possessive_agent_and_of_target_of_a_noun(nlp):
    # "Russia 's invasion of Ukraine began ."
    doc = _doc(
        nlp,
        ["Russia", "'s", "invasion", "of", "Ukraine", "began", "."],
        [2, 0, 5, 2, 3, 5, 5],
        ["poss", "case", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["NNP", "POS", "NN", "IN", "NNP", "VBD", "."],
    )
    mentions = (
        LinkedMention(RUSSIA, doc[0].idx, doc[0].idx + 6, "KB_State"),
        LinkedMention(UKRAINE, doc[4].idx, doc[4].idx + 7, "KB_State"),
    )
    agents, targets, places = events._arguments(Resolver(None, mentions), doc[2])
    assert (agents, targets, places) == ([RUSSIA], [UKRAINE], [])


def test_events_compound_agent_and_in_place_of_a_noun(nlp):
    # "NATO exercises in Estonia ended ."
    nato = Entity("Q7184", "Alliance", "NATO", "Q7184")
    estonia = Entity("Q191", "State", "Estonia", "Q191")
    doc = _doc(
        nlp,
        ["NATO", "exercises", "in", "Estonia", "ended", "."],
        [1, 4, 1, 2, 4, 4],
        ["compound", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["NNP", "NNS", "IN", "NNP", "VBD", "."],
    )
    mentions = (
        LinkedMention(nato, 0, 4, "KB_Alliance"),
        LinkedMention(estonia, doc[3].idx, doc[3].idx + 7, "KB_State"),
    )
    assert events._arguments(Resolver(None, mentions), doc[1]) == ([nato], [], [estonia])


def test_events_adjectival_participle_is_descriptive(nlp):
    # "the forward deployed forces"
    doc = _doc(
        nlp,
        ["the", "deployed", "forces"],
        [2, 2, 2],
        ["det", "amod", "ROOT"],
        ["DET", "VERB", "NOUN"],
        ["DT", "VBN", "NNS"],
    )
    assert events._descriptive(doc[1])


def test_events_imperative_to_the_reader_is_descriptive(nlp):
    # "For more information , visit the site ."
    doc = _doc(
        nlp,
        ["For", "information", ",", "visit", "the", "site", "."],
        [3, 0, 3, 3, 5, 3, 3],
        ["prep", "pobj", "punct", "ROOT", "det", "dobj", "punct"],
        ["ADP", "NOUN", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"],
        ["IN", "NN", ",", "VB", "DT", "NN", "."],
    )
    assert events._descriptive(doc[3])


def test_events_reported_visit_is_not_descriptive(nlp):
    # "Ministers visit Kyiv ."
    doc = _doc(
        nlp,
        ["Ministers", "visit", "Kyiv", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        ["NOUN", "VERB", "PROPN", "PUNCT"],
        ["NNS", "VBP", "NNP", "."],
    )
    assert not events._descriptive(doc[1])


def test_events_noun_modifying_a_noun_is_descriptive_unless_an_agreement(nlp):
    # "attack missiles" / "ceasefire agreement"
    doc = _doc(
        nlp,
        ["attack", "missiles", "and", "ceasefire", "agreement"],
        [1, 1, 1, 4, 1],
        ["compound", "ROOT", "cc", "compound", "conj"],
        ["NOUN", "NOUN", "CCONJ", "NOUN", "NOUN"],
        ["NN", "NNS", "CC", "NN", "NN"],
    )
    assert events._descriptive(doc[0])
    assert not events._descriptive(doc[3])


def test_events_generic_indefinite_noun_under_be_is_descriptive(nlp):
    # "An attack is an attack ."
    doc = _doc(
        nlp,
        ["An", "attack", "is", "an", "attack", "."],
        [1, 2, 2, 4, 2, 2],
        ["det", "nsubj", "ROOT", "det", "attr", "punct"],
        ["DET", "NOUN", "AUX", "DET", "NOUN", "PUNCT"],
        ["DT", "NN", "VBZ", "DT", "NN", "."],
        ["an", "attack", "be", "an", "attack", "."],
    )
    assert events._descriptive(doc[1])


def test_events_modal_and_potential_are_hypothetical(nlp):
    # "Russia may annex land ." / "a potential deployment"
    doc = _doc(
        nlp,
        ["Russia", "may", "annex", "a", "potential", "deployment", "."],
        [2, 2, 2, 5, 5, 2, 2],
        ["nsubj", "aux", "ROOT", "det", "amod", "dobj", "punct"],
        ["PROPN", "AUX", "VERB", "DET", "ADJ", "NOUN", "PUNCT"],
        ["NNP", "MD", "VB", "DT", "JJ", "NN", "."],
    )
    assert events._hypothetical(doc[2])
    assert events._hypothetical(doc[5])


def test_events_heading_without_finite_verb_reports_nothing(nlp):
    doc = Doc(
        nlp.vocab,
        words=["Meeting", "with", "ministers", "\n\n", "They", "met", "."],
        spaces=[True, True, False, False, True, False, False],
        sent_starts=[True, False, False, False, True, False, False],
        tags=["NN", "IN", "NNS", "_SP", "PRP", "VBD", "."],
    )
    first, second = doc.sents
    assert events._is_heading(first)
    assert not events._is_heading(second)


# -- templated behavioural tests over the KB ---------------------------------------------------------------


@pytest.fixture(scope="module")
def states(kb):
    found = [kb.state_by_iso3(code) for code in SPREAD]
    return [state for state in found if state is not None]


def _events(result, event_type):
    return [c for c in result.claims if isinstance(c, Event) and c.event_type == event_type]


def _pass_rate(cases, check, label):
    passed = [case for case in cases if check(*case)]
    rate = len(passed) / len(cases)
    print(f"events: {label}: {len(passed)}/{len(cases)} = {rate:.2f}")
    return rate


def _pairs(states):
    return [(state, states[(i + 5) % len(states)]) for i, state in enumerate(states)]


def test_events_templates_cover_every_region(states):
    assert len(states) >= 30


def test_events_template_invasion_noun_with_agent_and_target(process_text, states):
    def check(state, other):
        found = _events(process_text(f"{state.label}'s invasion of {other.label} began in March 2022."), "Invasion")
        return len(found) == 1 and found[0].participants[:2] == (state, other) and found[0].date == "2022-03"

    assert _pass_rate(_pairs(states), check, "<State>'s invasion of <Other>") >= PASS_RATE


def test_events_template_summit_noun_with_place(process_text, states):
    def check(state, _other):
        found = _events(process_text(f"The summit in {state.label} ended on 12 July 2023."), "Summit")
        return len(found) == 1 and state in found[0].places and found[0].date == "2023-07-12"

    assert _pass_rate(_pairs(states), check, "the summit in <State>") >= PASS_RATE


def test_events_template_strikes_on_target(process_text, states):
    def check(state, other):
        text = f"The strikes on {other.label} by {state.label} continued overnight in May 2024."
        found = _events(process_text(text), "Attack")
        return len(found) == 1 and found[0].participants[:2] == (state, other)

    assert _pass_rate(_pairs(states), check, "the strikes on <Other> by <State>") >= PASS_RATE


def test_events_template_exercises_with_compound_agent(process_text, states):
    def check(state, _other):
        found = _events(process_text(f"NATO exercises in {state.label} began in 2021."), "MilitaryExercise")
        return len(found) == 1 and found[0].participants[0].label == "NATO" and state in found[0].places

    assert _pass_rate(_pairs(states), check, "NATO exercises in <State>") >= PASS_RATE


def test_events_template_potential_deployment_is_no_event(process_text, states):
    def check(state, other):
        text = f"We are alarmed by a potential deployment of {state.label} forces in {other.label}."
        return not _events(process_text(text), "Deployment")

    assert _pass_rate(_pairs(states), check, "a potential deployment") >= PASS_RATE


def test_events_template_future_withdrawal_is_an_intention_not_an_event(process_text, states):
    """What a state will do has not happened: "will withdraw" is a plan, "withdrew" an event."""

    def check(state, other):
        future = _events(
            process_text(f"{state.label} will withdraw its troops from {other.label} next month."), "Withdrawal"
        )
        past = _events(process_text(f"{state.label} withdrew its troops from {other.label} last month."), "Withdrawal")
        return not future and len(past) == 1

    assert _pass_rate(_pairs(states), check, "will withdraw / withdrew") >= PASS_RATE


def test_events_template_refused_action_is_no_event(process_text, states):
    def check(state, other):
        text = f"{state.label}'s refusal to withdraw its troops from {other.label} angered the council."
        return not _events(process_text(text), "Withdrawal")

    assert _pass_rate(_pairs(states), check, "<State>'s refusal to withdraw") >= PASS_RATE


# -- end to end ----------------------------------------------------------------------------------------------


def test_events_descriptive_participle_and_imperative_are_no_events(process_text):
    result = process_text(
        "The command is one of two forward-deployed commands headquartered in Stuttgart, Germany. "
        "For more information about the command, visit its website."
    )
    assert not [c for c in result.claims if isinstance(c, Event)]


def test_events_generic_statement_is_no_event(process_text):
    result = process_text("An attack on one NATO member is an attack on all of them.")
    assert not _events(result, "Attack")
