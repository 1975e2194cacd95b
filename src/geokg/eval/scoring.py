"""Score a loaded build against a gold directory, document by document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from geokg.eval.build import Build
from geokg.eval.causes import DOCUMENT_NOT_BUILT, Scene
from geokg.eval.gold import gold_files, load_gold
from geokg.eval.intentions import extracted_non_intentions, match_intentions
from geokg.eval.matching import (
    Result,
    match_entities,
    match_events,
    match_memberships,
    match_roles,
    membership_name,
)
from geokg.eval.report import (
    DocumentReport,
    EvalReport,
    IntentionDetails,
    MissedGold,
    Score,
)


def score(build: ox.Store, gold_dir: Path) -> EvalReport:
    """Score a loaded build against every *.gold.json file in `gold_dir`."""
    files = gold_files(Path(gold_dir))
    golds = [(f.name[: -len(".gold.json")], load_gold(f)) for f in files]
    index = Build.read(build)
    return EvalReport(tuple(_score_document(index, stem, gold) for stem, gold in golds))


def _score_document(build: Build, stem: str, gold: dict[str, Any]) -> DocumentReport:
    doc = build.docs.get(stem + ".txt") or build.docs.get(stem)
    if doc is None:
        return _absent_document(stem, gold)
    exacts = build.exacts(doc)
    scene = Scene(build, doc, gold, exacts)
    intentions = match_intentions(scene, gold["intentions"])
    results = _results(scene, intentions.result)
    return DocumentReport(
        stem,
        True,
        {k: r.score for k, r in results.items()},
        intentions.details,
        missed=tuple(m for r in results.values() for m in r.missed),
        false_positives=tuple(fp for r in results.values() for fp in r.false_positives),
        detail_errors=intentions.errors,
        non_intentions=extracted_non_intentions(gold["non_intentions"], intentions.facts, exacts),
    )


def _results(scene: Scene, intentions: Result) -> dict[str, Result]:
    """Every fact type's result in FACT_TYPES order, the intentions' given."""
    build, doc, gold = scene.build, scene.doc, scene.gold
    return {
        "entities": match_entities(build, "entities", gold["entities"], list(scene.mentioned)),
        "states_alliances": match_entities(build, "states_alliances", _states_alliances(gold), build.typed(doc)),
        "intentions": intentions,
        "memberships": match_memberships(scene, _scored_memberships(gold)),
        "roles": match_roles(scene, gold["roles"]),
        "events": match_events(scene, gold["events"]),
    }


def _states_alliances(gold: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in gold["entities"] if e.get("type") in ("State", "Alliance")]


def _scored_memberships(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """Stated plain and negated memberships; candidates, weaker relations and implied ones are not scored.

    A membership marked `confidence: "implied"` is world knowledge the text only presupposes
    ("the CSTO summit"), not something it states.
    """
    scored = []
    for g in gold["memberships"]:
        stated = g.get("confidence") != "implied"
        if stated and g.get("relation", "member") in ("member", "non-member"):
            scored.append(g)
    return scored


_NO_CAUSES = ("entities", "states_alliances")  # entities are not given causes


def _absent_document(stem: str, gold: dict[str, Any]) -> DocumentReport:
    """Every gold item counts as missed. As in the reference scorer, all memberships count here."""
    reason = f"the build has no document with dcterms:identifier {stem}.txt"
    items = {
        "entities": [(e["name"], "") for e in gold["entities"]],
        "states_alliances": [(e["name"], "") for e in _states_alliances(gold)],
        "intentions": [(g["agent"], g["evidence"]) for g in gold["intentions"]],
        "memberships": [(membership_name(g), g.get("evidence") or "") for g in gold["memberships"]],
        "roles": [(g["person"], g.get("evidence") or "") for g in gold["roles"]],
        "events": [(g.get("agent") or "", g["evidence"]) for g in gold["events"]],
    }
    missed = tuple(
        MissedGold(k, agent, ev, reason, "" if k in _NO_CAUSES else DOCUMENT_NOT_BUILT)
        for k, pairs in items.items()
        for agent, ev in pairs
    )
    return DocumentReport(
        stem, False, {k: Score(0, 0, len(v)) for k, v in items.items()}, IntentionDetails(), missed=missed
    )
