"""The KB's entity rulers find every surface form as the entity it names: case-sensitive forms by
their exact text, the others in any case; overlaps are settled as spaCy's EntityRuler settles them."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from geokg.kb.base import SurfaceForm
from geokg.nlp.ruler import RULER_LABEL_PREFIX, KBRuler


def _found(nlp, ruler_name: str, text: str) -> set[tuple[str, str]]:
    doc = nlp.get_pipe(ruler_name)(nlp.make_doc(text))
    return {(ent.text, ent.ent_id_) for ent in doc.ents if ent.label_.startswith(RULER_LABEL_PREFIX)}


def test_ruler_matches_every_surface_form_of_the_kb(nlp, kb):
    for ruler_name, forms in (("kb_ruler", kb.surface_forms()), ("kb_lookup_ruler", kb.lookup_surface_forms())):
        missed = []
        for form in forms:
            text = f"Yesterday {form.text} said so."
            found = _found(nlp, ruler_name, text)
            if not any(form.text in matched for matched, _ in found):  # it, or a longer form holding it
                missed.append(form.text)
        assert not missed, f"{ruler_name} misses {missed[:10]}"


def test_ruler_case_sensitive_forms_do_not_match_in_another_case(nlp, kb):
    sensitive = [f for f in kb.surface_forms() if f.case_sensitive and f.text.lower() != f.text]
    assert len(sensitive) > 500
    wrongly = [f.text for f in sensitive if (f.text.lower(), f.key) in _found(nlp, "kb_ruler", f"x {f.text.lower()} x")]
    assert not wrongly, wrongly[:10]


# -- the ruler's rules, on hand-made forms ------------------------------------------------------


def _ruler(*forms: tuple[str, str, bool]) -> tuple:
    nlp = spacy.blank("en")
    surface = [SurfaceForm(text, key, "name", sensitive) for text, key, sensitive in forms]
    return nlp, KBRuler(nlp, surface, {form.key: f"{RULER_LABEL_PREFIX}State" for form in surface})


def _ents(doc) -> list[tuple[str, str, str]]:
    return [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents]


def test_a_case_sensitive_form_matches_only_its_spelling_and_a_caseless_one_any():
    nlp, ruler = _ruler(("Turkey", "Q43", True), ("Baltic states", "Q1", False))
    doc = ruler(nlp.make_doc("Turkey and the BALTIC STATES, not a turkey nor the baltic States."))
    assert _ents(doc) == [
        ("Turkey", "KB_State", "Q43"),
        ("BALTIC STATES", "KB_State", "Q1"),
        ("baltic States", "KB_State", "Q1"),
    ]


def test_the_longest_match_wins_then_the_earliest():
    nlp, ruler = _ruler(("South Sudan", "Q958", True), ("Sudan", "Q1049", True), ("sudan south", "Q0", False))
    assert _ents(ruler(nlp.make_doc("South Sudan and Sudan"))) == [
        ("South Sudan", "KB_State", "Q958"),
        ("Sudan", "KB_State", "Q1049"),
    ]
    # two overlapping matches of one length: the earlier one
    assert _ents(ruler(nlp.make_doc("Sudan south Sudan"))) == [
        ("Sudan south", "KB_State", "Q0"),
        ("Sudan", "KB_State", "Q1049"),
    ]


def test_tokens_already_in_an_entity_are_left_alone():
    nlp, ruler = _ruler(("Chad", "Q657", True))
    doc = nlp.make_doc("Lake Chad and Chad")
    doc.ents = [Span(doc, 0, 2, label="LOC")]
    assert _ents(ruler(doc)) == [("Lake Chad", "LOC", ""), ("Chad", "KB_State", "Q657")]
