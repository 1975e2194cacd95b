"""Abbreviations defined in the text name their long form's entity: unit tests on hand-built Docs,
and templated tests over states of every region through the whole pipeline."""

from __future__ import annotations

from spacy.tokens import Doc

from geokg.link.abbreviations import _definitions, with_abbreviations
from geokg.link.linker import LinkedMention
from geokg.model import Entity

SPREAD = (
    "FRA DEU POL ESP ITA SWE NOR FIN GRC ROU UKR JPN CHN IND PAK IDN VNM KOR PHL THA MYS NGA KEN EGY "
    "ETH ZAF GHA SEN MAR DZA BRA ARG MEX COL CHL PER CAN AUS NZL FJI PNG IRN IRQ ISR SAU TUR JOR QAT"
).split()


def _definition_texts(nlp, words, spaces=None):
    return [(short.text, long.text) for short, long in _definitions(Doc(nlp.vocab, words=words, spaces=spaces))]


def test_abbreviations_short_form_spells_the_initials_of_the_long_form(nlp):
    words = ["aboard", "the", "International", "Space", "Station", "(", "ISS", ")", "."]
    assert _definition_texts(nlp, words) == [("ISS", "International Space Station")]


def test_abbreviations_connectors_inside_the_long_form_are_skipped(nlp):
    words = ["the", "Organization", "for", "Security", "and", "Co", "-", "operation", "in", "Europe", "(", "OSCE", ")"]
    spaces = [True, True, True, True, True, False, False, True, True, True, False, False, False]
    assert _definition_texts(nlp, words, spaces) == [("OSCE", "Organization for Security and Co-operation in Europe")]


def test_abbreviations_brackets_that_do_not_spell_the_words_before_are_no_definition(nlp):
    assert _definition_texts(nlp, ["the", "Border", "Agency", "(", "XYZ", ")"]) == []
    assert _definition_texts(nlp, ["costs", "rose", "(", "USD", ")"]) == []


def test_abbreviations_merge_only_entities_the_kb_does_not_know(nlp):
    doc = Doc(nlp.vocab, words=["North", "Atlantic", "Council", "(", "NATO", ")"])
    nato = Entity("Q7184", "Alliance", "NATO", "Q7184")
    council = Entity("organization:north-atlantic-council", "Organization", "North Atlantic Council")
    linked = (
        LinkedMention(council, 0, len("North Atlantic Council"), "ORG"),
        LinkedMention(nato, doc[4].idx, doc[4].idx + 4, "KB_Alliance"),
    )
    assert [m.entity.key for m in with_abbreviations(doc, linked)] == [council.key, "Q7184"]


def test_abbreviations_across_regions_one_entity_for_the_long_and_short_form(process_text, kb):
    states = [kb.state_by_iso3(code) for code in SPREAD]
    passed = 0
    for state in states:
        long = f"{state.label} Border Monitoring Agency"
        short = "".join(word[0] for word in long.split() if word[0].isupper())
        result = process_text(f"The {long} ({short}) opened an office on Monday. Later the {short} sent observers.")
        found = {m.entity.key for m in result.mentions if m.evidence.exact in (long, f"the {long}", short)}
        labels = {m.entity.label for m in result.mentions if m.entity.key in found}
        passed += len(found) == 1 and labels == {long}
    assert passed / len(states) >= 0.95
