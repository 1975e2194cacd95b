"""Match intentions, check the matched ones' modality, attribution and target, flag extracted non-intentions."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from geokg.eval import causes
from geokg.eval import queries as q
from geokg.eval.build import Build, Row
from geokg.eval.causes import Scene
from geokg.eval.matching import NO_OVERLAP, Result, tally
from geokg.eval.report import (
    DetailError,
    ExtractedNonIntention,
    IntentionDetails,
    MissedGold,
)
from geokg.eval.similarity import matches_actor, overlap


@dataclass(frozen=True)
class IntentionOutcome:
    """The intentions' result, the details of the matched ones, and every predicted intention."""

    result: Result
    details: IntentionDetails
    errors: tuple[DetailError, ...]
    facts: tuple[str, ...]


def match_intentions(scene: Scene, golds: list[dict[str, Any]]) -> IntentionOutcome:
    """Evidence overlaps and holder matches the agent; one prediction matches at most one gold."""
    build = scene.build
    preds = _predictions(build, scene.doc)
    used: set[str] = set()
    missed, errors, details = [], [], IntentionDetails()
    for g in golds:
        match = _first_match(build, g, preds, used)
        if match is None:
            missed.append(_missed(scene, g, preds, used))
            continue
        used.add(match["f"])
        found = _detail_errors(build, g, match)
        errors.extend(found)
        details += _details(found)
    holders = {f: (p["holder"], p["exact"] or "") for f, p in preds.items()}
    cause = functools.partial(_false_positive_cause, scene, preds)
    result = tally("intentions", build, len(golds), used, holders, missed, cause)
    return IntentionOutcome(result, details, tuple(errors), tuple(preds))


def _missed(scene: Scene, g: dict[str, Any], preds: dict[str, Row], used: set[str]) -> MissedGold:
    over = [p for p in preds.values() if overlap(p["exact"], g["evidence"])]
    reason = _intention_miss(scene.build, g, over)
    return MissedGold("intentions", g["agent"], g["evidence"], reason, causes.intention_miss(scene, g, over))


def _false_positive_cause(scene: Scene, preds: dict[str, Row], fact: str) -> str:
    return causes.intention_false_positive(scene, preds[fact])


def _predictions(build: Build, doc: str) -> dict[str, Row]:
    """Each predicted intention of `doc` with its first row, in the query's order."""
    preds: dict[str, Row] = {}
    for row in build.query(q.INTENTIONS, doc):
        preds.setdefault(row["f"], row)
    return preds


def _first_match(build: Build, g: dict[str, Any], preds: dict[str, Row], used: set[str]) -> Row | None:
    return next(
        (
            p
            for p in preds.values()
            if p["f"] not in used
            and overlap(p["exact"], g["evidence"])
            and matches_actor(p["holder"], g["agent"], build.names)
        ),
        None,
    )


def _intention_miss(build: Build, g: dict[str, Any], over: list[Row]) -> str:
    if not over:
        return NO_OVERLAP
    holders = sorted({build.label(p["holder"]) for p in over})
    if any(matches_actor(p["holder"], g["agent"], build.names) for p in over):
        return f"overlapping prediction with holder {', '.join(holders)} already matched another gold intention"
    return f"overlapping prediction has holder {', '.join(holders)}"


def _details(errors: list[DetailError]) -> IntentionDetails:
    """One matched intention, counted right in each field it has no error for."""
    wrong = {e.field for e in errors}
    return IntentionDetails(
        1, int("modality" not in wrong), int("attribution" not in wrong), int("target" not in wrong)
    )


def _detail_errors(build: Build, g: dict[str, Any], p: Row) -> list[DetailError]:
    errors = []
    got_modality = (p["mod"] or "").rsplit("#", 1)[-1]
    if got_modality.lower() != (g.get("modality") or "").lower():
        errors.append(_detail_error(p["f"], "modality", g.get("modality"), got_modality, g["evidence"]))
    ga = g.get("attributed_by")
    if not ((p["attr"] is None and ga is None) or (ga is not None and matches_actor(p["attr"], ga, build.names))):
        errors.append(_detail_error(p["f"], "attribution", ga, _label_or_none(build, p["attr"]), g["evidence"]))
    gt = g.get("target")
    if not ((p["target"] is None and not gt) or (bool(gt) and matches_actor(p["target"], gt, build.names))):
        errors.append(_detail_error(p["f"], "target", gt or None, _label_or_none(build, p["target"]), g["evidence"]))
    return errors


def _detail_error(fact: str, field: str, expected: str | None, got: str | None, evidence: str) -> DetailError:
    return DetailError(fact, field, expected, got, evidence, causes.detail_cause(field, expected, got))


def _label_or_none(build: Build, iri: str | None) -> str | None:
    return None if iri is None else build.label(iri)


def extracted_non_intentions(
    golds: list[dict[str, Any]], facts: tuple[str, ...], exacts: dict[str, list[str]]
) -> tuple[ExtractedNonIntention, ...]:
    """Gold non-intentions whose text overlaps the evidence of a predicted intention."""
    out = []
    for g in golds:
        hits = tuple(sorted(f for f in facts if any(overlap(t, g["text"]) for t in exacts.get(f, []))))
        if hits:
            out.append(ExtractedNonIntention(g["text"], g.get("why") or "", hits))
    return tuple(out)
