"""The KB's entity rulers find every surface form as the entity it names: case-sensitive forms
through the PhraseMatcher, the others through LOWER token patterns."""

from __future__ import annotations

from geokg.nlp.pipeline import RULER_LABEL_PREFIX


def _found(nlp, ruler_name: str, text: str) -> set[tuple[str, str]]:
    doc = nlp.get_pipe(ruler_name)(nlp.make_doc(text))
    return {(ent.text, ent.ent_id_) for ent in doc.ents if ent.label_.startswith(RULER_LABEL_PREFIX)}


def test_ruler_matches_every_surface_form_of_the_kb(nlp, kb):
    for ruler_name, forms in (("entity_ruler", kb.surface_forms()), ("kb_lookup_ruler", kb.lookup_surface_forms())):
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
    wrongly = [
        f.text for f in sensitive if (f.text.lower(), f.key) in _found(nlp, "entity_ruler", f"x {f.text.lower()} x")
    ]
    assert not wrongly, wrongly[:10]
