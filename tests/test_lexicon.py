"""The lexicons in nlp/data/: each validates against its schema, and a broken copy (given through
GEOKG_LEXICON_DIR) is refused with the file and the key path at fault, up to the CLI's exit code 2."""

from __future__ import annotations

import json
import pickle
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from rdflib import Graph
from rdflib.namespace import SKOS

from geokg.cli import main
from geokg.config import ONTOLOGY_FILE
from geokg.errors import LexiconError
from geokg.model import CERTAINTIES, ENTITY_KINDS, MODALITIES
from geokg.nlp.lexicon import OVERRIDE_VARIABLE, lexicon_names, load_lexicon, schema, schema_problems
from geokg.rdf import namespaces as ns

DATA = resources.files("geokg.nlp").joinpath("data")


def bundled(name: str) -> dict:
    return json.loads(DATA.joinpath(f"{name}.json").read_text(encoding="utf-8"))


def refusal(monkeypatch, tmp_path: Path, name: str, data: dict | str) -> str:
    """The message load_lexicon gives for `data` as the override of lexicon `name`."""
    text = data if isinstance(data, str) else json.dumps(data)
    (tmp_path / f"{name}.json").write_text(text, encoding="utf-8")
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with pytest.raises(LexiconError) as caught:
        load_lexicon(name)
    return str(caught.value)


# -- the shipped lexicons ----------------------------------------------------------------------


def test_lexicon_every_data_file_has_a_schema():
    files = {entry.name for entry in DATA.iterdir() if entry.name.endswith(".json")}
    lexicons = {name for name in files if not name.endswith(".schema.json")}
    assert {f"{name}.json" for name in lexicon_names()} == lexicons


@pytest.mark.parametrize("name", lexicon_names())
def test_lexicon_schema_is_a_valid_json_schema(name):
    Draft202012Validator.check_schema(schema(name))


@pytest.mark.parametrize("name", lexicon_names())
def test_lexicon_every_shipped_lexicon_validates(monkeypatch, name):
    monkeypatch.delenv(OVERRIDE_VARIABLE, raising=False)
    assert load_lexicon(name) == bundled(name)


def test_lexicon_modalities_certainties_and_kinds_are_the_models():
    intentions = schema("intentions")["$defs"]
    assert set(intentions["modality"]["enum"]) == set(MODALITIES)
    assert set(intentions["certainty"]["enum"]) == set(CERTAINTIES)
    kinds = schema("coreference")["properties"]["pronouns"]["additionalProperties"]["items"]["enum"]
    assert set(kinds) == set(ENTITY_KINDS) - {"NamedEvent"}  # named events are mentioned, never referred back to


def test_lexicon_event_types_are_the_ontologys():
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    concepts = {str(c).removeprefix(str(ns.GK)) for c in ontology.objects(ns.GK.EventTypeScheme, SKOS.hasTopConcept)}
    assert set(schema("events")["$defs"]["trigger"]["properties"]["type"]["enum"]) == concepts


# -- broken copies ------------------------------------------------------------------------------


def test_lexicon_wrong_type_names_file_and_key(monkeypatch, tmp_path):
    data = bundled("coreference")
    data["window_sentences"] = "six"
    message = refusal(monkeypatch, tmp_path, "coreference", data)
    assert f"{tmp_path / 'coreference.json'}: window_sentences: 'six' is not of type 'integer'" in message
    assert "coreference.schema.json" in message


def test_lexicon_misspelt_modality_names_the_cue(monkeypatch, tmp_path):
    data = bundled("intentions")
    data["cues"][3]["modality"] = "Threatt"
    message = refusal(monkeypatch, tmp_path, "intentions", data)
    assert "intentions.json: cues[3].modality: 'Threatt' is not one of ['Plan', 'Threat'" in message


def test_lexicon_unknown_key_names_it_and_lists_the_keys(monkeypatch, tmp_path):
    data = bundled("intentions")
    data["cues"][3]["modalty"] = data["cues"][3].pop("modality")
    message = refusal(monkeypatch, tmp_path, "intentions", data)
    assert "intentions.json: cues[3].modalty: unknown key (the keys are: cue, pos, modality," in message
    assert "intentions.json: cues[3]: 'modality' is a required property" in message


def test_lexicon_misspelt_top_level_key_is_an_error(monkeypatch, tmp_path):
    data = bundled("names")
    data["never_name_alone"] = data.pop("never_names_alone")
    message = refusal(monkeypatch, tmp_path, "names", data)
    assert "names.json: never_name_alone: unknown key" in message


def test_lexicon_duplicate_entry_names_its_index(monkeypatch, tmp_path):
    data = bundled("names")
    words = data["never_names_alone"]
    words.append(words[0])
    message = refusal(monkeypatch, tmp_path, "names", data)
    assert f"names.json: never_names_alone[{len(words) - 1}]: {words[0]!r} is listed twice" in message


def test_lexicon_capitals_where_the_code_compares_lower_case(monkeypatch, tmp_path):
    data = bundled("events")
    data["triggers"][0]["lemma"] = "Annex"
    message = refusal(monkeypatch, tmp_path, "events", data)
    assert "events.json: triggers[0].lemma: 'Annex' is not a word or phrase in lower case" in message


def test_lexicon_empty_list_is_refused(monkeypatch, tmp_path):
    data = bundled("memberships")
    data["joined"] = []
    message = refusal(monkeypatch, tmp_path, "memberships", data)
    assert "memberships.json: joined: [] should be non-empty" in message


def test_lexicon_comments_are_allowed_but_must_be_text(monkeypatch, tmp_path):
    data = bundled("roles")
    data["_note"] = ["not", "text"]
    message = refusal(monkeypatch, tmp_path, "roles", data)
    assert "roles.json: _note: ['not', 'text'] is not of type 'string'" in message


def test_lexicon_invalid_json_names_line_and_column(monkeypatch, tmp_path):
    message = refusal(monkeypatch, tmp_path, "roles", '{\n  "titles": ["president",]\n}')
    assert f"{tmp_path / 'roles.json'}:2:" in message and "not valid JSON" in message


def test_lexicon_regular_expressions_must_compile():
    regex_schema = {"type": "object", "properties": {"label": {"type": "string", "format": "regex"}}}
    assert schema_problems({"label": "^(?P<label>[A-Z]+:"}, regex_schema) == (
        "label: '^(?P<label>[A-Z]+:' is not a 'regex'",
    )
    assert schema_problems({"label": "^(?P<label>[A-Z]+):"}, regex_schema) == ()


def test_lexicon_unknown_name_lists_the_lexicons():
    with pytest.raises(
        LexiconError,
        match=r"entities.json: no such lexicon\s+The lexicons are: actions, boilerplate, coreference, events",
    ):
        load_lexicon("entities")


def test_lexicon_override_directory_without_the_file_gives_the_bundled_one(monkeypatch, tmp_path):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    assert load_lexicon("roles") == bundled("roles")


def test_lexicon_error_survives_pickling_for_worker_processes():
    error = LexiconError("nlp/data/roles.json", ("titles[0]: 'x' is listed twice",), "Correct the lexicon.")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.problems == error.problems


# -- through the command line -------------------------------------------------------------------


def test_lexicon_broken_copy_exits_2_with_file_and_key(tmp_path):
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    data = bundled("names")
    data["never_names_alone"][0] = 7
    (lexicons / "names.json").write_text(json.dumps(data), encoding="utf-8")
    text = tmp_path / "doc.txt"
    text.write_text("NATO leaders met in Brussels on Tuesday.", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(text), "-o", str(out)], env={OVERRIDE_VARIABLE: str(lexicons)})
    assert result.exit_code == 2
    assert f"{lexicons / 'names.json'}: never_names_alone[0]: 7 is not of type 'string'" in result.output
    assert not out.exists() or not any(out.iterdir())
