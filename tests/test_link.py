"""Entity linking and coreference on sentences written for these tests."""

from geokg.model import Event


def _entities(result):
    return {(m.evidence.exact, m.entity.key) for m in result.mentions}


def test_link_metonyms_and_demonyms_resolve_to_the_state(process_text):
    result = process_text("The Kremlin denied it. Moscow said Russian troops stayed. Kyiv disagreed; so did Kiev.")
    found = _entities(result)
    assert {("Kremlin", "Q159"), ("Moscow", "Q159"), ("Russian", "Q159")} <= found or {
        ("The Kremlin", "Q159"),
        ("Moscow", "Q159"),
        ("Russian", "Q159"),
    } <= found
    assert {key for text, key in found if text in ("Kyiv", "Kiev")} == {"Q212"}


def test_link_surname_joins_the_full_name_in_the_document(process_text):
    result = process_text("Andrei Piontkovsky spoke first. Later Piontkovsky wrote a column.")
    keys = {m.entity.key for m in result.mentions if "Piontkovsky" in m.evidence.exact}
    assert keys == {"person:andrei-piontkovsky"}


def test_link_same_person_same_key_across_documents(process_text):
    first = process_text("Jüri Luik met troops.", "a.txt")
    second = process_text("Yesterday Jüri Luik met troops again.", "b.txt")
    key = lambda r: {m.entity.key for m in r.mentions if m.entity.kind == "Person"}
    assert key(first) == key(second) == {"person:juri-luik"}


def test_link_generic_words_and_photo_credits_are_not_entities(process_text):
    result = process_text("Photo (© Jane Doe/AP Images). The State and the House voted.")
    assert not [m for m in result.mentions if m.entity.label in ("Photo", "State", "House", "Jane Doe/AP Images")]


def test_link_wrapped_lines_still_link_names(process_text):
    result = process_text("Vladimir\n Putin addressed the\nState Duma.")
    [putin] = [m for m in result.mentions if m.entity.key == "Q7747"]
    assert putin.evidence.exact == "Vladimir\n Putin"


def test_link_coreference_alliance_and_plural_countries(process_text):
    result = process_text(
        "NATO named Poland, Hungary and the Czech Republic as candidates. "
        "In 1999 the three countries formally joined the alliance."
    )
    joined = [e for e in result.claims if isinstance(e, Event) and e.event_type == "Accession"]
    assert joined and joined[0].date == "1999"


def test_link_laws_and_title_case_headline_organisations_are_not_entities(process_text):
    result = process_text(
        "NATO: Congress Addresses Expansion of the Alliance\n\n"
        "The bill amended the Foreign Relations Authorization Act and Title XXVII."
    )
    labels = {m.entity.label for m in result.mentions}
    assert "NATO" in labels
    assert not labels & {"Congress Addresses Expansion", "Foreign Relations Authorization Act", "Title XXVII"}
