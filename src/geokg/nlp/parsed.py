"""Parsing a document: the spaCy Doc over the parse-friendly text, and evidence in original offsets."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from geokg.model import Document, Evidence
from geokg.nlp.textmap import TextMap, build_text_map


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its parse. Character offsets of `doc` are parse-text offsets:
    `evidence` turns them into exact spans of the original text."""

    document: Document
    textmap: TextMap
    doc: Doc

    @functools.cached_property
    def sentences(self) -> tuple[Span, ...]:
        """The document's sentences, computed once (spaCy recomputes `doc.sents` on every access)."""
        return tuple(self.doc.sents)

    def sentence_at(self, token_index: int) -> Span:
        """The sentence holding the token at `token_index`."""
        starts = [s.start for s in self.sentences]
        return self.sentences[bisect.bisect_right(starts, token_index) - 1]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for parse-text characters [start, end), quoting the original text exactly."""
        original_start, original_end = self.textmap.original(start, end)
        return Evidence.of(self.document.text, original_start, original_end)

    def span_evidence(self, span: Span) -> Evidence:
        """Evidence for a spaCy span (a sentence, a phrase), trailing whitespace excluded."""
        text = span.text
        trimmed = len(text.rstrip())
        return self.evidence(span.start_char, span.start_char + trimmed)


def parse(document: Document, nlp: Language) -> ParsedDocument:
    """Run the pipeline over the document's parse-friendly text."""
    textmap = build_text_map(document.text)
    return ParsedDocument(document, textmap, nlp(textmap.parse_text))
