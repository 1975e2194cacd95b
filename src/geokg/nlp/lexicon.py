"""The lexicons in nlp/data/: JSON files an analyst edits, each checked against its JSON Schema
(nlp/data/<name>.schema.json, which declares every key, what it means and which module reads it).

A file that breaks its schema raises LexiconError naming the file and the key path at fault.
Setting GEOKG_LEXICON_DIR to a directory makes a <name>.json there replace the bundled one of
that name (the schema stays the bundled one).
"""

from __future__ import annotations

import functools
import json
import os
from importlib import resources
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from geokg.errors import LexiconError

OVERRIDE_VARIABLE = "GEOKG_LEXICON_DIR"
MAX_REPORTED = 10  # problems listed in one error; the rest are counted


def lexicon_names() -> tuple[str, ...]:
    """The names of the bundled lexicons: those with a schema."""
    data = resources.files("geokg.nlp").joinpath("data")
    schemas = (entry.name for entry in data.iterdir() if entry.name.endswith(".schema.json"))
    return tuple(sorted(name.removesuffix(".schema.json") for name in schemas))


def load_lexicon(name: str) -> dict:
    """The lexicon `name`, validated against its schema; read once per process (and override directory)."""
    return _load(name, os.environ.get(OVERRIDE_VARIABLE) or None)


def lexicon_source(name: str) -> str:
    """The text of the lexicon `name` in use: the override's when there is one, else the bundled one."""
    return _lexicon_text(name, os.environ.get(OVERRIDE_VARIABLE) or None)[1]


@functools.cache
def _load(name: str, override: str | None) -> dict:
    source, text = _lexicon_text(name, override)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LexiconError(
            f"{source}:{err.lineno}:{err.colno}", (f"not valid JSON: {err.msg}",), "Correct the JSON syntax there."
        ) from err
    problems = schema_problems(data, schema(name))
    if problems:
        raise LexiconError(source, problems, _fix(name))
    return data


@functools.cache
def schema(name: str) -> dict:
    """The JSON Schema of lexicon `name` (nlp/data/<name>.schema.json)."""
    if name not in lexicon_names():
        raise LexiconError(
            f"nlp/data/{name}.json", ("no such lexicon",), f"The lexicons are: {', '.join(lexicon_names())}."
        )
    text = resources.files("geokg.nlp").joinpath(f"data/{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _lexicon_text(name: str, override: str | None) -> tuple[str, str]:
    """Where the lexicon is read from (as the error names it) and its text."""
    schema(name)  # an unknown name fails here, before any file is looked for
    if override is not None:
        path = Path(override) / f"{name}.json"
        if path.is_file():
            return str(path), path.read_text(encoding="utf-8")
    text = resources.files("geokg.nlp").joinpath(f"data/{name}.json").read_text(encoding="utf-8")
    return f"nlp/data/{name}.json", text


def schema_problems(data: object, lexicon_schema: dict) -> tuple[str, ...]:
    """Every breach of the schema, one line each, in the order of the file's keys. Formats are checked
    too: a string declared `"format": "regex"` must compile."""
    validator = Draft202012Validator(lexicon_schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: _sort_key(e.absolute_path))
    lines = [line for error in errors for line in _describe(error)]
    if len(lines) > MAX_REPORTED:
        lines = [*lines[:MAX_REPORTED], f"... and {len(lines) - MAX_REPORTED} more problems"]
    return tuple(lines)


def _sort_key(path) -> tuple:
    return tuple((isinstance(part, int), str(part).zfill(8) if isinstance(part, int) else part) for part in path)


def _describe(error: ValidationError) -> list[str]:
    """ "cues[3].modality: 'Threatt' is not one of [...]": the key path, then what is wrong."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties":
        return [f"{_key_path([*path, key])}: {_unknown_key(error.schema)}" for key in _unexpected(error)]
    if error.validator == "uniqueItems":
        return [f"{_key_path([*path, index])}: {error.instance[index]!r} is listed twice" for index in _repeats(error)]
    if error.validator == "pattern" and "description" in error.schema:
        return [f"{_key_path(path)}: {error.instance!r} is not {error.schema['description']}"]
    return [f"{_key_path(path)}: {error.message}"]


def _key_path(path: list) -> str:
    """["cues", 3, "modality"] as "cues[3].modality"; keys that are not plain words are quoted."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
    return text or "(top level)"


def _unexpected(error: ValidationError) -> list[str]:
    declared = error.schema.get("properties", {})
    comments = [key for key in error.instance if key.startswith("_")] if "patternProperties" in error.schema else []
    return [key for key in error.instance if key not in declared and key not in comments]


def _unknown_key(object_schema: dict) -> str:
    keys = ", ".join(object_schema.get("properties", {}))
    return f"unknown key (the keys are: {keys}; comments start with '_')"


def _repeats(error: ValidationError) -> list[int]:
    """Indexes of items equal to an earlier item."""
    seen: list = []
    repeats = []
    for index, item in enumerate(error.instance):
        if item in seen:
            repeats.append(index)
        seen.append(item)
    return repeats


def _fix(name: str) -> str:
    return (
        f"Correct the lexicon; nlp/data/{name}.schema.json declares every key, what it may hold and which "
        "module reads it (a new key must be declared there first)."
    )
