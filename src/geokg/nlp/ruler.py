"""The knowledge base's entity ruler: every surface form of the KB marked as the entity it names."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from geokg.kb import load_kb
from geokg.kb.base import SurfaceForm

RULER_LABEL_PREFIX = "KB_"


class KBRuler:
    """Marks each KB surface form in a doc as an entity labelled `KB_<kind>`, its id the KB key.

    Forms the KB marks case-sensitive match their exact text ("Turkey", not "turkey"), the others
    any case ("Baltic states"). spaCy's EntityRuler has one attribute for all its phrases, so the
    case-free forms had to be LOWER token patterns, and its Matcher tries every token pattern at
    every token: a sixth of the parse. Two PhraseMatchers (ORTH and LOWER) look both kinds up
    by hash instead.

    Overlaps are settled as the EntityRuler settles them: the longest match first, then the
    earliest; a match that touches a token already in an entity (the NER's, for a ruler that runs
    after it) is dropped.
    """

    def __init__(self, nlp: Language, forms: Iterable[SurfaceForm], labels: dict[str, str]) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.caseless = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entity: dict[int, tuple[str, str]] = {}  # match id -> (label, KB key)
        for form in forms:
            pattern = nlp.make_doc(form.text)
            if not len(pattern):
                continue
            matcher = self.exact if form.case_sensitive else self.caseless
            matcher.add(form.key, [pattern])
            self._entity[nlp.vocab.strings[form.key]] = (labels[form.key], form.key)

    def __call__(self, doc: Doc) -> Doc:
        matches = {
            (start, end, match_id) for matcher in (self.exact, self.caseless) for match_id, start, end in matcher(doc)
        }
        taken = {token.i for ent in doc.ents for token in ent}
        found = []
        for start, end, match_id in sorted(matches, key=lambda m: (m[0] - m[1], m[0], self._entity[m[2]][1])):
            if taken.isdisjoint(range(start, end)):
                label, key = self._entity[match_id]
                found.append(Span(doc, start, end, label=label, span_id=key))
                taken.update(range(start, end))
        if found:
            doc.ents = [*doc.ents, *found]
        return doc


@Language.factory("geokg_kb_ruler", default_config={"lookup": False})
def make_kb_ruler(nlp: Language, name: str, lookup: bool) -> KBRuler:
    """The ruler over the KB's surface forms, or with `lookup` over the forms matched only where
    the NER found nothing (generated capitals and demonyms)."""
    kb = load_kb()
    forms = kb.lookup_surface_forms() if lookup else kb.surface_forms()
    labels = {form.key: RULER_LABEL_PREFIX + kb.entities[form.key].kind for form in forms}
    return KBRuler(nlp, forms, labels)
