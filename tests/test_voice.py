"""Whose words a sentence is: quotations over several sentences, the publishing government's voice,
and a conditional by inversion. Parses are built by hand so they do not change with the model."""

from __future__ import annotations

from spacy.tokens import Doc

from geokg.extract.common import lexicon
from geokg.extract.intentions.constructions import _inverted_condition
from geokg.extract.intentions.quotes import Quotation, quotations
from geokg.extract.intentions.voice import byline_actors, government_of
from geokg.model import Document, Entity

MARKS = lexicon("intentions")["attribution"]["quotation_marks"]
LEX = lexicon("intentions")


def _spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quotations(text, MARKS)]


def test_voice_quotation_runs_from_its_opening_to_its_closing_mark():
    text = "He said: “We will go. They will stay.” Then he left."
    assert _spans(text) == ["“We will go. They will stay.”"]


def test_voice_quotation_without_closing_mark_ends_with_its_paragraph():
    text = "He declared that they will “respond. We call upon all nations\nA new paragraph."
    assert _spans(text) == ["“respond. We call upon all nations"]


def test_voice_straight_quotes_pair_within_a_paragraph():
    text = 'She said "we will act" and "they will not".\n"A new quote'
    assert _spans(text) == ['"we will act"', '"they will not"', '"A new quote']


def test_voice_quotation_offsets_count_from_the_text_start():
    text = "First line.\nHe said «we go»."
    assert quotations(text, MARKS) == (Quotation(20, 27),)


def _lookup(names: dict[str, Entity]):
    return names.get


US = Entity("Q30", "State", "United States", "Q30")
RU = Entity("Q159", "State", "Russia", "Q159")
XK = Entity("Q1246", "State", "Kosovo", "Q1246")
EU = Entity("Q458", "InternationalOrganization", "European Union", "Q458")
DOS = Entity("dos", "Organization", "United States Department of State")
NAMES = {
    "U.S.": US,
    "Russia": RU,
    "Kosovo": XK,
    "European Union": EU,
    "U.S. Department of State": DOS,
    "Department of State": DOS,
}


BODIES = LEX["first_person"]["publisher_bodies"]


def _byline(author: str | None, publisher: str | None) -> tuple[Entity, ...]:
    document = Document("a.txt", "Text.", author=author, publisher=publisher)
    return byline_actors(document, _lookup(NAMES), LEX)


def test_voice_government_body_publisher_speaks_for_its_state():
    lookup = _lookup(NAMES)
    assert government_of("U.S. Department of State (state.gov)", lookup, BODIES) == (US,)
    assert government_of("President of Russia (kremlin.ru), re-posted on a blog", lookup, BODIES) == (RU,)


def test_voice_news_outlet_publisher_speaks_for_no_state():
    assert government_of("Russia Today", _lookup(NAMES), BODIES) == ()  # names a state, but no government body
    assert government_of(None, _lookup(NAMES), BODIES) == ()


def test_voice_publisher_naming_two_actors_is_not_guessed():
    publisher = "EULEX Kosovo (European Union Rule of Law Mission in Kosovo)"
    assert government_of(publisher, _lookup(NAMES), BODIES) == ()


def test_voice_author_holding_an_office_speaks_before_the_publisher():
    assert _byline("European Union High Representative Josep Borrell", "U.S. Department of State") == (EU,)
    assert _byline(None, "U.S. Department of State") == (US,)


def test_voice_author_without_an_office_speaks_for_no_one():
    assert _byline("Russia analyst Ivan Petrov", None) == ()
    assert _byline("Konstantin Eggert", "Deutsche Welle") == ()


def _clause(nlp, words, heads, deps, tags) -> Doc:
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)


def test_voice_modal_before_its_subject_in_a_dependent_clause_is_a_condition(nlp):
    # "defend against aggression should deterrence fail": "fail" is a complement of "defend"
    words = ["defend", "against", "aggression", "should", "deterrence", "fail"]
    doc = _clause(nlp, words, [0, 0, 1, 5, 5, 0], ["ROOT", "prep", "pobj", "aux", "nsubj", "ccomp"],
                  ["VB", "IN", "NN", "MD", "NN", "VB"])  # fmt: skip
    assert _inverted_condition(doc[5], doc[3])


def test_voice_emphatic_inversion_in_a_main_clause_is_no_condition(nlp):
    words = ["Never", "will", "we", "allow", "it"]
    doc = _clause(
        nlp, words, [3, 3, 3, 3, 3], ["neg", "aux", "nsubj", "ROOT", "dobj"], ["RB", "MD", "PRP", "VB", "PRP"]
    )
    assert not _inverted_condition(doc[3], doc[1])


def test_voice_modal_after_its_subject_is_no_condition(nlp):
    words = ["deterrence", "should", "fail", "if"]
    doc = _clause(nlp, words, [2, 2, 2, 2], ["nsubj", "aux", "ccomp", "mark"], ["NN", "MD", "VB", "IN"])
    assert not _inverted_condition(doc[2], doc[1])
