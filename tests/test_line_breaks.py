"""The line-break sentence component (geokg.nlp.pipeline.line_breaks), on Docs built by hand."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from geokg.nlp.pipeline import line_breaks

VOCAB = spacy.blank("en").vocab  # English lexical attributes: a line break is a space token
# words of headlines and sentences, sentence punctuation alone and at a word's end, line breaks
WORDS = ["Russia", "threatens", "Estonia", "NATO", ".", "?", "!", "Mr.", "U.S.", "Yes!", "why?", "\n", "\n\n", " \n"]


def _reference(doc: Doc) -> Doc:
    """The component as it read token by token."""
    line_start = 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            _mark_line(doc, line_start, token.i)
            line_start = token.i + 1
    _mark_line(doc, line_start, len(doc))
    return doc


def _mark_line(doc: Doc, start: int, end: int) -> None:
    if start >= end:
        return
    doc[start].is_sent_start = True
    inner = doc[start : end - 1]
    if not any(t.text in (".", "?", "!") or (t.text.endswith((".", "?", "!")) and len(t) > 1) for t in inner):
        for token in doc[start + 1 : end]:
            token.is_sent_start = False


def _doc(words: list[str], spaces: list[bool]) -> Doc:
    return Doc(
        VOCAB, words=words, spaces=[space and not word.isspace() for word, space in zip(words, spaces, strict=True)]
    )


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.booleans()), max_size=30))
def test_line_breaks_mark_the_sentence_starts_the_token_by_token_reading_marked(tokens):
    words, spaces = [w for w, _ in tokens], [s for _, s in tokens]
    expected = _reference(_doc(words, spaces))
    found = line_breaks(_doc(words, spaces))
    assert [t.is_sent_start for t in found] == [t.is_sent_start for t in expected]


@pytest.mark.parametrize(
    ("words", "expected"),
    [  # a line punctuated only at its end is one sentence; one punctuated within is left to the parser (None)
        (
            ["Defence", "Secretary", "visits", "Estonia", "\n", "He", "said", "so", "."],
            [True, False, False, False, None, True, False, False, False],
        ),
        (
            ["Russia", "warns", ".", "NATO", "replies", "\n", "Mr.", "X"],
            [True, None, None, None, None, None, True, None],
        ),
    ],
)
def test_line_breaks_a_line_without_punctuation_is_one_sentence(words, expected):
    doc = line_breaks(_doc(words, [True] * len(words)))
    assert [token.is_sent_start for token in doc] == expected
