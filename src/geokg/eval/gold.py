"""Find and read the gold files, checking each item's keys as the gold scheme describes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geokg.eval.errors import EvalInputError

_README_HINT = "Fix the file as the gold scheme describes (shared/eval/README.md) or remove it from the gold directory"
_GOLD_DIR_HINT = "Give the directory that holds the *.gold.json files"

# keys a gold item must have (strings), keys that may be missing or null (strings otherwise)
_REQUIRED = {
    "entities": ("name",),
    "intentions": ("agent", "evidence"),
    "memberships": ("member", "organization"),
    "roles": ("person",),
    "events": ("evidence",),
    "non_intentions": ("text",),
}
_OPTIONAL = {
    "entities": ("type", "wikidata"),
    "intentions": ("modality", "target", "attributed_by"),
    "memberships": ("relation", "confidence"),
    "roles": (),
    "events": (),
    "non_intentions": ("why",),
}


def gold_files(gold_dir: Path) -> list[Path]:
    """The *.gold.json files of a directory, sorted; EvalInputError when there are none."""
    if not Path(gold_dir).is_dir():
        raise EvalInputError(str(gold_dir), "is not a directory", _GOLD_DIR_HINT)
    files = sorted(Path(gold_dir).glob("*.gold.json"))
    if not files:
        raise EvalInputError(str(gold_dir), "holds no *.gold.json file", _GOLD_DIR_HINT)
    return files


def load_gold(path: Path) -> dict[str, Any]:
    """A gold file's content with every list key present; EvalInputError when it is malformed."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise EvalInputError(
            str(path), f"is not valid JSON ({err.msg}, column {err.colno})", _README_HINT, line=err.lineno
        ) from err
    except (OSError, UnicodeDecodeError) as err:
        raise EvalInputError(str(path), f"cannot be read ({err})", "Check that it is a UTF-8 text file") from err
    if not isinstance(gold, dict):
        raise EvalInputError(str(path), f"holds a JSON {type(gold).__name__}, not an object", _README_HINT)
    return {**gold, **{key: _gold_items(path, gold, key) for key in _REQUIRED}}


def _gold_items(path: Path, gold: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = gold.get(key) or []
    if not isinstance(items, list):
        raise EvalInputError(str(path), f"{key!r} is a {type(items).__name__}, not a list", _README_HINT)
    for index, item in enumerate(items):
        _check_item(path, f"{key}[{index}]", item, _REQUIRED[key], _OPTIONAL[key])
        if key == "entities":
            _check_mentions(path, f"{key}[{index}]", item.get("mentions"))
    return items


def _check_item(path: Path, where: str, item: Any, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
    if not isinstance(item, dict):
        raise EvalInputError(str(path), f"{where} is a {type(item).__name__}, not an object", _README_HINT)
    for key in required:
        if not isinstance(item.get(key), str):
            problem = f"{where} has no {key!r}" if key not in item else f"{where}.{key} is not a string"
            raise EvalInputError(str(path), problem, f"Give every item of this kind a {', '.join(map(repr, required))}")
    for key in optional:
        if item.get(key) is not None and not isinstance(item[key], str):
            raise EvalInputError(
                str(path), f"{where}.{key} is a {type(item[key]).__name__}", f"Make {key!r} a string or null"
            )


def _check_mentions(path: Path, where: str, mentions: Any) -> None:
    if mentions is not None and not (isinstance(mentions, list) and all(isinstance(m, str) for m in mentions)):
        raise EvalInputError(
            str(path), f"{where}.mentions is not a list of strings", "Make it a list of surface forms or null"
        )
