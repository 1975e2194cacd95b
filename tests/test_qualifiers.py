"""Conditions and reported speech on parses built by hand, so they do not change with the model."""

from __future__ import annotations

from spacy.tokens import Doc

from geokg.extract.common import lexicon
from geokg.extract.intentions.qualifiers import condition, condition_span, reported

LEX = lexicon("intentions")


def test_qualifiers_two_word_mark_left_outside_its_clause_still_makes_a_condition(nlp):
    # "Egypt will give a response in case Sudan violates the border": the parser hangs "in case" on
    # "response" and the clause on "give"
    words = ["Egypt", "will", "give", "a", "response", "in", "case", "Sudan", "violates", "the", "border"]
    heads = [2, 2, 2, 4, 2, 4, 5, 8, 2, 10, 8]
    deps = ["nsubj", "aux", "ROOT", "det", "dobj", "prep", "pobj", "nsubj", "conj", "det", "dobj"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    clause = condition(doc[2], LEX)
    assert clause is not None and clause.i == 8
    assert condition_span(clause, LEX).text == "in case Sudan violates the border"


def test_qualifiers_clause_without_a_mark_is_no_condition(nlp):
    words = ["Egypt", "will", "give", "a", "response", "and", "Sudan", "violates", "the", "border"]
    heads = [2, 2, 2, 4, 2, 2, 7, 2, 9, 7]
    deps = ["nsubj", "aux", "ROOT", "det", "dobj", "cc", "nsubj", "conj", "det", "dobj"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert condition(doc[2], LEX) is None


def test_qualifiers_clause_conjoined_to_reported_speech_is_reported(nlp):
    # "said that talks were over and India would strike"
    words = ["said", "that", "talks", "were", "over", "and", "India", "would", "strike"]
    heads = [0, 3, 3, 0, 3, 3, 8, 8, 3]
    deps = ["ROOT", "mark", "nsubj", "ccomp", "advmod", "cc", "nsubj", "aux", "conj"]
    lemmas = ["say", "that", "talk", "be", "over", "and", "india", "would", "strike"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    assert reported(doc[8], LEX)


def test_qualifiers_main_clause_would_is_not_reported(nlp):
    words = ["India", "would", "strike"]
    doc = Doc(
        nlp.vocab, words=words, heads=[2, 2, 2], deps=["nsubj", "aux", "ROOT"], lemmas=["india", "would", "strike"]
    )
    assert not reported(doc[2], LEX)
