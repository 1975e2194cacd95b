"""Named events as entities documents mention: unit tests of the two ways English names an event
(a proper name, a definite description) on hand-built Docs, and templated behavioural tests over
states of every region through the whole pipeline (a pass rate per phenomenon, at least 0.95)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from geokg.link import LinkedMention
from geokg.link.named_events import named_events
from geokg.model import Entity

PASS_RATE = 0.95
SPREAD = (
    "FRA-DEU POL-LTU ITA-ESP NOR-SWE GRC-CYP ROU-MDA JPN-PHL IND-NPL CHN-VNM KOR-IDN THA-KHM PAK-AFG "
    "TUR-SYR ISR-LBN SAU-YEM IRN-IRQ EGY-SDN JOR-QAT NGA-NER KEN-SOM ETH-ERI ZAF-MOZ MAR-DZA GHA-MLI "
    "BRA-ARG MEX-GTM COL-VEN CHL-PER CAN-USA CUB-HTI AUS-NZL FJI-TON PNG-SLB KAZ-KGZ UKR-BLR ARM-AZE"
).split()
RUSSIA = Entity("Q159", "State", "Russia", "Q159")
UKRAINE = Entity("Q212", "State", "Ukraine", "Q212")


def _doc(nlp, words, heads, deps, pos, spaces=None):
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)


def _mention(doc, at, entity):
    return LinkedMention(entity, doc[at].idx, doc[at].idx + len(doc[at]), "KB_State")


def _labels(doc, mentions=()):
    return [m.entity.label for m in named_events(doc, mentions)]


def test_named_events_a_proper_name_is_capitalised_words_before_an_event_noun(nlp):
    # "The Cold War ended in 1991 ."
    doc = _doc(
        nlp,
        ["The", "Cold", "War", "ended", "in", "1991", "."],
        [2, 2, 3, 3, 3, 4, 3],
        ["det", "amod", "nsubj", "ROOT", "prep", "pobj", "punct"],
        ["DET", "PROPN", "PROPN", "VERB", "ADP", "NUM", "PUNCT"],
    )
    found = named_events(doc, ())
    assert [(m.entity.kind, m.entity.label, m.entity.key) for m in found] == [
        ("NamedEvent", "Cold War", "namedevent:cold-war")
    ]
    assert doc.text[found[0].start : found[0].end] == "Cold War"


def test_named_events_an_ordinal_and_hyphenated_words_belong_to_the_name(nlp):
    # "It ended the Second Nagorno-Karabakh War ."
    doc = _doc(
        nlp,
        ["It", "ended", "the", "Second", "Nagorno", "-", "Karabakh", "War", "."],
        [1, 1, 7, 7, 6, 6, 7, 1, 1],
        ["nsubj", "ROOT", "det", "amod", "compound", "punct", "compound", "dobj", "punct"],
        ["PRON", "VERB", "DET", "ADJ", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT"],
        [True, True, True, True, False, False, True, False, False],
    )
    assert _labels(doc) == ["Second Nagorno-Karabakh War"]


def test_named_events_a_numeral_after_the_head_belongs_to_the_name(nlp):
    # "They fear World War III ."
    doc = _doc(
        nlp,
        ["They", "fear", "World", "War", "III", "."],
        [1, 1, 3, 1, 3, 1],
        ["nsubj", "ROOT", "compound", "dobj", "nummod", "punct"],
        ["PRON", "VERB", "PROPN", "PROPN", "NUM", "PUNCT"],
    )
    assert _labels(doc) == ["World War III"]


def test_named_events_an_event_noun_alone_or_in_lower_case_without_a_name_is_none(nlp):
    # "War broke out after the war ."
    doc = _doc(
        nlp,
        ["War", "broke", "out", "after", "the", "war", "."],
        [1, 1, 1, 1, 5, 3, 1],
        ["nsubj", "ROOT", "prt", "prep", "det", "pobj", "punct"],
        ["NOUN", "VERB", "ADP", "ADP", "DET", "NOUN", "PUNCT"],
    )
    assert _labels(doc) == []


def test_named_events_a_definite_description_with_a_named_participant(nlp):
    # "Russia 's illegal invasion of Ukraine began ." (the judging adjective is left out of the name)
    doc = _doc(
        nlp,
        ["Russia", "'s", "illegal", "invasion", "of", "Ukraine", "began", "."],
        [3, 0, 3, 6, 3, 4, 6, 6],
        ["poss", "case", "amod", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "ADJ", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        [False, True, True, True, True, True, True, False],
    )
    found = named_events(doc, (_mention(doc, 0, RUSSIA), _mention(doc, 5, UKRAINE)))
    assert [m.entity.label for m in found] == ["Russia's invasion of Ukraine"]
    assert doc.text[found[0].start : found[0].end] == "Russia's illegal invasion of Ukraine"


def test_named_events_an_indefinite_description_names_no_event(nlp):
    # "A Russian invasion of Ukraine would be a disaster ."
    doc = _doc(
        nlp,
        ["A", "Russian", "invasion", "of", "Ukraine", "would", "be", "a", "disaster", "."],
        [2, 2, 6, 2, 3, 6, 6, 8, 6, 6],
        ["det", "amod", "nsubj", "prep", "pobj", "aux", "ROOT", "det", "attr", "punct"],
        ["DET", "ADJ", "NOUN", "ADP", "PROPN", "AUX", "AUX", "DET", "NOUN", "PUNCT"],
    )
    assert _labels(doc, (_mention(doc, 1, RUSSIA), _mention(doc, 4, UKRAINE))) == []


def test_named_events_a_definite_description_needs_a_name(nlp):
    # "The invasion of the country began ." (no state, place or organisation named)
    doc = _doc(
        nlp,
        ["The", "invasion", "of", "the", "country", "began", "."],
        [1, 5, 1, 4, 2, 5, 5],
        ["det", "nsubj", "prep", "det", "pobj", "ROOT", "punct"],
        ["DET", "NOUN", "ADP", "DET", "NOUN", "VERB", "PUNCT"],
    )
    assert _labels(doc) == []


def test_named_events_the_argument_is_the_named_phrase_not_a_phrase_after_it(nlp):
    # "Russia 's test against one of Ukraine 's satellites" : the name ends before "against"
    doc = _doc(
        nlp,
        ["Russia", "'s", "test", "against", "one", "of", "Ukraine", "'s", "satellites"],
        [2, 0, 2, 2, 3, 4, 8, 6, 5],
        ["poss", "case", "ROOT", "prep", "pobj", "prep", "poss", "case", "pobj"],
        ["PROPN", "PART", "NOUN", "ADP", "NUM", "ADP", "PROPN", "PART", "NOUN"],
        [False, True, True, True, True, True, False, True, False],
    )
    assert _labels(doc, (_mention(doc, 0, RUSSIA), _mention(doc, 6, UKRAINE))) == ["Russia's test"]


def test_named_events_a_title_case_headline_names_nothing(nlp):
    # "Russia Threatens Total War Over Kerch Strait"
    words = ["Russia", "Threatens", "Total", "War", "Over", "Kerch", "Strait"]
    doc = _doc(
        nlp,
        words,
        [1, 1, 3, 1, 1, 6, 4],
        ["nsubj", "ROOT", "amod", "dobj", "prep", "compound", "pobj"],
        ["PROPN", "VERB", "ADJ", "PROPN", "ADP", "PROPN", "PROPN"],
    )
    assert _labels(doc) == []


# --- behaviour over states of every region, through the whole pipeline -------------------------


@pytest.fixture(scope="module")
def pairs(kb):
    found = [(kb.state_by_iso3(a), kb.state_by_iso3(b)) for a, b in (pair.split("-") for pair in SPREAD)]
    return [(a, b) for a, b in found if a is not None and b is not None]


def _events(result):
    return [m.entity.label for m in result.mentions if m.entity.kind == "NamedEvent"]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("The annexation of {B} in 2014 was condemned by {A}.", "annexation of {B}"),
        ("{A}'s invasion of {B} began at dawn, officials said.", "{A}'s invasion of {B}"),
        ("Leaders of {A} and {B} met after the unprovoked invasion of {B}.", "invasion of {B}"),
        ("The war in {B} has displaced millions, {A} said.", "war in {B}"),
        ("{A} will send observers to the referendum in {B}.", "referendum in {B}"),
    ],
)
def test_named_events_definite_descriptions_across_regions(process_text, pairs, template, expected):
    found = [
        expected.format(A=a.label, B=b.label) in _events(process_text(template.format(A=a.label, B=b.label)))
        for a, b in pairs
    ]
    assert sum(found) / len(found) >= PASS_RATE


@pytest.mark.parametrize(
    "template",
    [
        "A {A} invasion of {B} would be a disaster.",
        "{A} may launch an invasion of {B} next year.",
        "{A} warned that any war with {B} would be long.",
    ],
)
def test_named_events_hypothetical_events_are_not_named_across_regions(process_text, pairs, template):
    found = [not _events(process_text(template.format(A=a.label, B=b.label))) for a, b in pairs]
    assert sum(found) / len(found) >= PASS_RATE


def test_named_events_are_mentioned_but_never_hold_or_receive_an_intention(process_text, pairs):
    for a, b in pairs[:6]:
        result = process_text(f"{a.label} will never accept the annexation of {b.label}, the minister said.")
        assert f"annexation of {b.label}" in _events(result)
        for claim in result.claims:
            for entity in (getattr(claim, "holder", None), *getattr(claim, "targets", ())):
                assert entity is None or entity.kind != "NamedEvent"
